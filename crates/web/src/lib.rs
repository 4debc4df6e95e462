//! leap's web application: server-rendered pages that work without
//! JavaScript (`pages`), and the JSON API (`api`), kept apart, over the same
//! store the command line uses.

mod api;
mod auth;
mod calendar;
mod career_map;
mod charts;
mod connections;
mod csrf;
mod error;
mod flash;
mod metrics;
mod pages;
mod security;
mod session;
mod shared;
mod state;
mod team;

use std::future::Future;

use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

pub use error::{ApiError, WebError};
pub use leap_app::{Clock, FixedClock, SystemClock};
pub use state::{AppState, Config, KEEP_ALIVE_SECONDS, MAX_CONNECTIONS};

/// Runs every request that may write (anything but GET, HEAD, OPTIONS,
/// TRACE) to its end in a task of its own, even when the client goes away.
/// A dropped request future can be cut off between the database's BEGIN and
/// the guard that would roll it back, leaving a connection that holds the
/// write lock for good: every later write then fails with "database is
/// locked" (found under load, where clients cancel at the end of a run).
async fn finish_writes(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if request.method().is_safe() {
        return next.run(request).await;
    }
    // The request's span goes along, so its log lines keep their fields.
    let run = tracing::Instrument::instrument(next.run(request), tracing::Span::current());
    match tokio::spawn(run).await {
        Ok(response) => response,
        Err(e) => {
            use axum::response::IntoResponse;
            WebError::internal(format!("request task failed: {e}")).into_response()
        }
    }
}

/// Requests served at once; the others wait their turn, in order of
/// arrival and within the request timeout, before anything is read for
/// them. Far more than the database's connections (4 on SQLite, 8 on
/// PostgreSQL) and the cores, so the server is never idle for it; without
/// a bound a server pushed past what it can serve started every request
/// at once and grew to hundreds of MB (BENCHMARKS.md).
pub const SERVED_AT_ONCE: usize = 64;

/// `router` serving at most `at_once` requests at a time.
fn in_turn<S: Clone + Send + Sync + 'static>(router: Router<S>, at_once: usize) -> Router<S> {
    router.layer(axum::middleware::from_fn_with_state(
        std::sync::Arc::new(tokio::sync::Semaphore::new(at_once)),
        take_turn,
    ))
}

async fn take_turn(
    axum::extract::State(turns): axum::extract::State<std::sync::Arc<tokio::sync::Semaphore>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    match turns.acquire().await {
        Ok(_turn) => next.run(request).await,
        Err(e) => {
            use axum::response::IntoResponse;
            WebError::internal(format!("no turn to serve the request: {e}")).into_response()
        }
    }
}

/// An address nothing answers: the app's own page, or the API's JSON
/// error under `/api/`.
async fn not_found(uri: axum::http::Uri) -> axum::response::Response {
    not_found_page(uri.path())
}

/// The answer for an address nothing is at: the error body under /api/,
/// the app's own page elsewhere.
fn not_found_page(path: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    if path == "/api" || path.starts_with("/api/") {
        ApiError(WebError::not_found(&format!("API route {path}"))).into_response()
    } else {
        WebError::new(
            axum::http::StatusCode::NOT_FOUND,
            "not_found",
            format!("there is no page at {path}: it may have moved, or the address has a typing mistake"),
        )
        .into_response()
    }
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let config = state.config.clone();
    let idle =
        time::Duration::seconds(i64::try_from(config.idle_timeout.as_secs()).unwrap_or(7200));
    let sessions = SessionManagerLayer::new(session::DbSessions {
        store: state.store.clone(),
        clock: state.clock.clone(),
        idle: config.idle_timeout,
    })
    .with_name(if config.secure_cookies {
        "__Host-leap"
    } else {
        "leap"
    })
    .with_secure(config.secure_cookies)
    .with_http_only(true)
    .with_same_site(SameSite::Strict)
    .with_path("/")
    .with_expiry(Expiry::OnInactivity(idle));
    let (api, openapi) = api_routes();
    let openapi = std::sync::Arc::new(openapi);
    let app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/metrics", get(metrics::scrape))
        .route(
            &format!("{}/{{token}}", calendar::FEED_PATH),
            get(calendar::feed),
        )
        .route(
            "/api/openapi.json",
            get(move || {
                let openapi = openapi.clone();
                async move { axum::Json((*openapi).clone()) }
            }),
        )
        .merge(api)
        .merge(pages::routes())
        .fallback(not_found)
        .layer(axum::middleware::from_fn(flash::after_action))
        .layer(axum::middleware::from_fn_with_state(
            state.metrics.clone(),
            metrics::record,
        ))
        .layer(sessions);
    in_turn(app, SERVED_AT_ONCE)
        .layer(axum::middleware::from_fn(finish_writes))
        .layer(RequestBodyLimitLayer::new(config.body_limit))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        // Outside the limits, so that their answers are JSON under /api/ too.
        .layer(axum::middleware::from_fn(api::as_json))
        // Outside everything that answers on its own (the limits' 413 and
        // 408), so that every answer carries the headers.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves on `listener` until `shutdown` completes, then finishes the
/// requests under way.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Expired sessions are removed now and then, not on every request.
    let store = state.store.clone();
    let clock = state.clock.clone();
    let sweeper = tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            if let Err(e) = store.sessions_delete_expired(clock.now().timestamp()).await {
                tracing::warn!(error = %e, "could not remove expired sessions");
            }
        }
    });
    let limits = connections::Limits {
        max_connections: state.config.max_connections,
        keep_alive: state.config.keep_alive,
    };
    let metrics = state.metrics.clone();
    let result = connections::serve(listener, router(state), limits, metrics, shutdown).await;
    sweeper.abort();
    result
}

/// The API's routes and the OpenAPI document that describes them, with
/// every error status a route can answer.
fn api_routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (api, mut openapi) = api::routes().split_for_parts();
    utoipa::Modify::modify(&api::Errors, &mut openapi);
    (api, openapi)
}

/// The OpenAPI document served at `/api/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api_routes().1
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use std::sync::Arc;
    use std::time::Duration;

    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    /// A burst of ten times the bound: every request is answered, and no
    /// more than the bound are ever served at once (nor fewer: the bound
    /// is reached).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_requests_are_served_at_once_than_the_bound() {
        let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let (n, m) = (now.clone(), most.clone());
        let app = super::in_turn(
            Router::new().route(
                "/",
                get(move || {
                    let (n, m) = (n.clone(), m.clone());
                    async move {
                        m.fetch_max(n.fetch_add(1, SeqCst) + 1, SeqCst);
                        tokio::time::sleep(Duration::from_millis(5)).await;
                        n.fetch_sub(1, SeqCst);
                        "ok"
                    }
                }),
            ),
            4,
        );
        let mut calls = tokio::task::JoinSet::new();
        for _ in 0..40 {
            let app = app.clone();
            calls.spawn(async move {
                let request = Request::get("/").body(Body::empty()).expect("a request");
                app.oneshot(request).await.expect("an answer").status()
            });
        }
        while let Some(status) = calls.join_next().await {
            assert_eq!(status.expect("the call ran"), StatusCode::OK);
        }
        assert_eq!(most.load(SeqCst), 4);
        assert_eq!(now.load(SeqCst), 0);
    }
}

//! Prometheus metrics at `/metrics`: requests by route and status, their
//! latency, the HTTP connections open, and the database's connections. Off unless a token is set
//! (`--metrics-token`); the scraper sends it as `Authorization: Bearer`.
//! Routes are labelled by their template (`/plan/items/{id}/done`), never
//! the address asked for, so that ids and rater tokens stay out of the
//! labels and their number stays small.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use sha2::{Digest, Sha256};

use crate::state::AppState;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Answered {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Route {
    method: String,
    route: String,
}

/// The server's metrics, shared by every request.
pub struct Metrics {
    registry: Registry,
    requests: Family<Answered, Counter>,
    seconds: Family<Route, Histogram>,
    open: Gauge,
    idle: Gauge,
    max: Gauge,
    connections: Gauge,
    connections_max: Gauge,
}

/// Latency buckets, in seconds: a page takes milliseconds, a slow one a second.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("leap");
        let requests = Family::<Answered, Counter>::default();
        let seconds = Family::<Route, Histogram>::new_with_constructor(|| {
            Histogram::new(BUCKETS.iter().copied())
        });
        let (open, idle, max) = (Gauge::default(), Gauge::default(), Gauge::default());
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route",
            seconds.clone(),
        );
        registry.register(
            "db_connections_open",
            "Database connections open",
            open.clone(),
        );
        registry.register(
            "db_connections_idle",
            "Database connections open and idle",
            idle.clone(),
        );
        registry.register(
            "db_connections_max",
            "Database connections the pool may open",
            max.clone(),
        );
        let (connections, connections_max) = (Gauge::default(), Gauge::default());
        registry.register(
            "http_connections_open",
            "HTTP connections open",
            connections.clone(),
        );
        registry.register(
            "http_connections_max",
            "HTTP connections open at once, at most; further clients wait to be accepted",
            connections_max.clone(),
        );
        Self {
            registry,
            requests,
            seconds,
            open,
            idle,
            max,
            connections,
            connections_max,
        }
    }

    pub(crate) fn connections_allowed(&self, max: usize) {
        self.connections_max
            .set(i64::try_from(max).unwrap_or(i64::MAX));
    }

    pub(crate) fn connection_opened(&self) {
        self.connections.inc();
    }

    pub(crate) fn connection_closed(&self) {
        self.connections.dec();
    }

    fn record(&self, method: &str, route: &str, status: StatusCode, seconds: f64) {
        self.requests
            .get_or_create(&Answered {
                method: method.to_owned(),
                route: route.to_owned(),
                status: status.as_u16(),
            })
            .inc();
        self.seconds
            .get_or_create(&Route {
                method: method.to_owned(),
                route: route.to_owned(),
            })
            .observe(seconds);
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// Counts and times every request, labelled by the route it matched.
pub async fn record(State(metrics): State<Arc<Metrics>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().as_str().to_owned();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("(no route)", MatchedPath::as_str)
        .to_owned();
    let res = next.run(req).await;
    metrics.record(
        &method,
        &route,
        res.status(),
        started.elapsed().as_secs_f64(),
    );
    res
}

/// `GET /metrics`: the text format, for the scraper holding the token.
pub async fn scrape(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = state.config.metrics_token.as_deref() else {
        return crate::not_found_page("/metrics");
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    // Compared as hashes, so the time taken says nothing of the token.
    if Sha256::digest(given.as_bytes()) != Sha256::digest(token.as_bytes()) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "the metrics need the token set with --metrics-token, as Authorization: Bearer TOKEN\n",
        )
            .into_response();
    }
    let metrics = &state.metrics;
    let pool = state.store.connections();
    metrics.open.set(i64::from(pool.open));
    metrics.idle.set(i64::from(pool.idle));
    metrics.max.set(i64::from(pool.max));
    let mut body = String::new();
    if let Err(e) = prometheus_client::encoding::text::encode(&mut body, &metrics.registry) {
        return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response();
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        body,
    )
        .into_response()
}

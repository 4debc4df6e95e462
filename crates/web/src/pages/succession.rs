//! The succession bench: for administrators (the whole organisation) and
//! managers (the people below them), each management role's candidates by
//! team, grouped by when they could step up, with the reason; and its CSV.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leap_app::succession::Bench;
use leap_core::succession::Candidate;

use super::Nav;
use crate::auth::Viewer;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/bench", get(bench_page))
        .route("/bench.csv", get(bench_csv))
}

#[derive(Template, WebTemplate)]
#[template(path = "bench.html")]
struct BenchPage {
    nav: Nav,
    bench: Bench,
}

impl BenchPage {
    /// The three groups of a team, with their headings.
    fn groups<'a>(
        &self,
        t: &'a leap_core::succession::TeamBench,
    ) -> [(&'static str, &'a Vec<Candidate>); 3] {
        [
            ("Ready now", &t.ready_now),
            ("1–2 years", &t.one_to_two_years),
            ("Over 2 years", &t.later),
        ]
    }
}

async fn read(state: &AppState, viewer: &Viewer) -> Result<Bench, WebError> {
    let scope =
        leap_app::succession::scope(viewer.account.id, viewer.account.is_admin, viewer.manages)?;
    Ok(leap_app::succession::bench(&*state.store, scope).await?)
}

async fn bench_page(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let bench = read(&state, &viewer).await?;
    Ok(BenchPage {
        nav: Nav::signed_in(&viewer, "/bench").await?,
        bench,
    }
    .into_response())
}

async fn bench_csv(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let bench = read(&state, &viewer).await?;
    let text = leap_app::succession::to_csv(&bench)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"bench.csv\"",
            ),
        ],
        text,
    )
        .into_response())
}

//! The succession bench: for administrators (the whole organisation) and
//! managers (the people below them), each management role's candidates by
//! team, grouped by when they could step up, with the reason; and its CSV.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leap_app::succession::Bench;
use leap_core::succession::Candidate;

use serde::Deserialize;

use super::{FormErrors, Nav};
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
    errors: FormErrors,
}

/// `?team=NAME` narrows the bench to a team and the teams inside it.
#[derive(Default, Deserialize)]
#[serde(default)]
struct BenchQuery {
    team: String,
}

impl BenchPage {
    /// The three groups of a team, with their headings.
    fn groups<'a>(
        &self,
        t: &'a leap_core::succession::TeamBench,
    ) -> [(&'static str, &'a Vec<Candidate>); 3] {
        [
            ("Ready now", &t.ready_now),
            ("Within 2 years", &t.one_to_two_years),
            ("Over 2 years", &t.later),
        ]
    }

    /// The CSV of what is shown.
    fn csv_link(&self) -> String {
        match &self.bench.team {
            Some(t) => serde_html_form::to_string([("team", t)])
                .map_or_else(|_| "/bench.csv".to_owned(), |q| format!("/bench.csv?{q}")),
            None => "/bench.csv".to_owned(),
        }
    }
}

async fn read(state: &AppState, viewer: &Viewer, team: Option<&str>) -> leap_app::Result<Bench> {
    crate::team::bench(state, &viewer.account, viewer.manages, team).await
}

async fn bench_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<BenchQuery>,
) -> Result<Response, WebError> {
    let nav = Nav::signed_in(&viewer, "/bench").await?;
    match read(&state, &viewer, Some(&q.team)).await {
        Ok(bench) => Ok(BenchPage {
            nav,
            bench,
            errors: FormErrors::default(),
        }
        .into_response()),
        // An unknown team: the whole bench, with the error by the choice.
        Err(leap_app::AppError::Invalid(e)) => {
            let mut errors = FormErrors::default();
            errors.add("team", e.to_string());
            let bench = read(&state, &viewer, None).await?;
            let page = BenchPage { nav, bench, errors };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn bench_csv(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<BenchQuery>,
) -> Result<Response, WebError> {
    let bench = read(&state, &viewer, Some(&q.team)).await?;
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

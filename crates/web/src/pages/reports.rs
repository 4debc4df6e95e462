//! Reports: progress over time with the measures of success, and the
//! promotion packet.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::routing::get;
use axum::Router;
use leap_core::progress::Progress;
use leap_store::queries;

use super::Nav;
use crate::auth::Me;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/progress", get(progress))
}

#[derive(Template, WebTemplate)]
#[template(path = "progress.html")]
struct ProgressPage {
    nav: Nav,
    p: Progress,
    chart: Option<String>,
}

impl ProgressPage {
    fn trail(&self, levels: &[leap_core::progress::LevelPoint]) -> String {
        levels
            .iter()
            .map(|l| l.level.to_string())
            .collect::<Vec<_>>()
            .join(" → ")
    }

    fn level(&self, v: &Option<f64>) -> String {
        v.map_or_else(|| "not shown".to_owned(), |v| format!("{v:.1}"))
    }
}

async fn progress(State(state): State<AppState>, me: Me) -> Result<ProgressPage, WebError> {
    let p = queries::progress(&*state.store, &me.profile, &me.framework, state.today()).await?;
    let points: Vec<(String, f64)> = p
        .readiness
        .iter()
        .map(|r| (r.date.to_string(), f64::from(r.percent) / 100.0))
        .collect();
    let chart = if points.len() >= 2 {
        Some(crate::charts::trend(&points)?)
    } else {
        None
    };
    Ok(ProgressPage {
        nav: Nav::signed_in(&me.viewer, "/progress").await?,
        p,
        chart,
    })
}

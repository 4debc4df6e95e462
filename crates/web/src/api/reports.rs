//! The API of reports and the person's own data: progress, the promotion
//! packet and the export document.

use axum::extract::State;
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{to_value, ApiResult};
use crate::auth::ApiMe;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export))
        .routes(routes!(progress))
}

type Value = Json<serde_json::Value>;

/// All of your data as one versioned document, as `leap export` writes it
/// (docs/export-format.md): 360 results with visible groups only, never
/// who was asked.
#[utoipa::path(get, path = "/api/v1/export", tag = "reports", security(("token" = [])),
    responses((status = 200, description = "{format, version, exported_on, person, frameworks, assessments, ...}")))]
async fn export(State(state): State<AppState>, me: ApiMe) -> ApiResult<Value> {
    let export = leap_app::transfer::export(
        &*state.store,
        me.profile.person,
        state.today(),
        &leap_store::transfer::Quiet,
    )
    .await?;
    Ok(Json(to_value(&export.document)?))
}

/// Progress, as `leap progress --json`: readiness and levels over time,
/// plan items done per month, evidence per competency, the measures of
/// success and what changed since the last check-in.
#[utoipa::path(get, path = "/api/v1/progress", tag = "reports", security(("token" = [])),
    responses((status = 200, description = "{readiness, competencies, done_per_month, measures:{plan_goals, feedback_trend, leadership, mentoring}, since_last_checkin}")))]
async fn progress(State(state): State<AppState>, me: ApiMe) -> ApiResult<Value> {
    let p = leap_app::progress::progress(&*state.store, &me.profile, &me.framework, state.today())
        .await?;
    Ok(Json(to_value(&p)?))
}

//! The API of reports and the person's own data: progress, the promotion
//! packet and the export document.

use axum::extract::State;
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiResult;
use crate::auth::ApiMe;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export))
        .routes(routes!(progress))
}

/// All of your data as one versioned document, as `leap export` writes it
/// (docs/export-format.md): 360 results with visible groups only, never
/// who was asked.
#[utoipa::path(get, path = "/api/v1/export", tag = "reports", security(("token" = [])),
    responses((status = 200, description = "All of your data", body = leap_core::transfer::Document)))]
async fn export(
    State(state): State<AppState>,
    me: ApiMe,
) -> ApiResult<Json<leap_core::transfer::Document>> {
    let export = leap_app::transfer::export(
        &*state.store,
        me.profile.person,
        state.today(),
        &leap_store::transfer::Quiet,
    )
    .await?;
    Ok(Json(export.document))
}

/// Progress, as `leap progress --json`: readiness and levels over time,
/// plan items done per month, evidence per competency, the measures of
/// success and what changed since the last check-in.
#[utoipa::path(get, path = "/api/v1/progress", tag = "reports", security(("token" = [])),
    responses((status = 200, description = "Progress over time", body = leap_core::progress::Progress)))]
async fn progress(
    State(state): State<AppState>,
    me: ApiMe,
) -> ApiResult<Json<leap_core::progress::Progress>> {
    let p = leap_app::progress::progress(&*state.store, &me.profile, &me.framework, state.today())
        .await?;
    Ok(Json(p))
}

//! Where you stand and your profile, over the API.

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use super::{to_value, ApiResult};
use crate::auth::ApiMe;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(status))
        .routes(routes!(update_profile))
}

/// Where you stand, as `leap status --json`: readiness and band, top gaps,
/// plan items due in 30 days, recent evidence, what to do next.
#[utoipa::path(get, path = "/api/v1/status", tag = "readiness", security(("token" = [])),
    responses((status = 200, description = "{name, current_role, target, framework, readiness, band, top_gaps, due, recent_evidence, next}")))]
async fn status(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<serde_json::Value>> {
    let s =
        leap_app::status::status(&*state.store, &me.profile, &me.framework, state.today()).await?;
    Ok(Json(to_value(&leap_app::json::StatusView::new(&s))?))
}

#[derive(Deserialize, ToSchema)]
struct ProfileInput {
    name: Option<String>,
    /// A role id of the framework.
    current_role: Option<String>,
    /// A role id of the framework.
    target: Option<String>,
}

/// Changes your name, current role or target role; absent fields are kept.
#[utoipa::path(put, path = "/api/v1/profile", tag = "readiness", request_body = ProfileInput, security(("token" = [])),
    responses((status = 200, description = "The status, as GET /api/v1/status"), (status = 422, description = "Unknown role or empty name")))]
async fn update_profile(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(input): ApiJson<ProfileInput>,
) -> ApiResult<Json<serde_json::Value>> {
    let f = &me.framework;
    let name = input
        .name
        .as_deref()
        .map(leap_core::profile::PersonName::parse)
        .transpose()?;
    let name = name.as_ref().map(|n| n.as_str());
    if let Some(r) = &input.current_role {
        f.parse_role("current role", r)?;
    }
    if let Some(r) = &input.target {
        f.parse_role("target role", r)?;
    }
    state
        .store
        .update_profile(
            me.profile.person,
            name,
            input.current_role.as_deref(),
            input.target.as_deref(),
        )
        .await?;
    let profile = state.store.profile(me.profile.person).await?;
    let s = leap_app::status::status(&*state.store, &profile, f, state.today()).await?;
    Ok(Json(to_value(&leap_app::json::StatusView::new(&s))?))
}

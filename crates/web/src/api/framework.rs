//! The framework in use over the API: read it, or bring your own.

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use super::ApiResult;
use crate::auth::ApiMe;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(framework, use_framework))
}

/// The framework in use, as `leap framework show --json`.
#[utoipa::path(get, path = "/api/v1/framework", tag = "framework", security(("token" = [])),
    responses((status = 200, description = "The framework: competencies with level descriptors, roles, transitions, actions, fit statements", body = leap_core::Framework)))]
async fn framework(me: ApiMe) -> ApiResult<Json<leap_core::Framework>> {
    Ok(Json((*me.framework).clone()))
}

#[derive(Deserialize, ToSchema)]
struct FrameworkInput {
    #[serde(flatten)]
    file: super::profile::FrameworkFileInput,
    /// Your current role in the new framework (default: the one held now,
    /// which it must then have).
    current_role: Option<String>,
    /// The role you aim at in the new framework (default: today's target).
    target: Option<String>,
}

/// Validates a framework file and switches to it, with your roles in it;
/// earlier assessments keep the framework they were made with. Every
/// problem is reported, with its line and column, in the message.
#[utoipa::path(put, path = "/api/v1/framework", tag = "framework", request_body = FrameworkInput, security(("token" = [])),
    responses((status = 200, description = "The framework now in use", body = leap_core::Framework), (status = 422, description = "The file is invalid, or lacks the roles given (or, without them, your current or target role)")))]
async fn use_framework(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(input): ApiJson<FrameworkInput>,
) -> ApiResult<Json<leap_core::Framework>> {
    let read = leap_app::profile::read_framework(Some(&input.file.file()))?;
    leap_app::profile::switch_framework(
        &*state.store,
        &me.profile,
        &read,
        input.current_role.as_deref(),
        input.target.as_deref(),
        state.today(),
    )
    .await?;
    Ok(Json(read.0))
}

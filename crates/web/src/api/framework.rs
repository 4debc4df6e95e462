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
    responses((status = 200, description = "The framework: competencies with level descriptors, roles, transitions, actions, fit statements")))]
async fn framework(me: ApiMe) -> ApiResult<Json<leap_core::Framework>> {
    Ok(Json((*me.framework).clone()))
}

#[derive(Deserialize, ToSchema)]
struct FrameworkInput {
    /// The framework file's TOML text (see docs/framework-format.md).
    content: String,
    /// A name for the file in error messages (default framework.toml).
    file_name: Option<String>,
}

/// Validates a framework file and switches to it; earlier assessments keep
/// the framework they were made with. Every problem is reported, with its
/// line and column, in the message.
#[utoipa::path(put, path = "/api/v1/framework", tag = "framework", request_body = FrameworkInput, security(("token" = [])),
    responses((status = 200, description = "The framework now in use"), (status = 422, description = "The file is invalid, or lacks your current or target role")))]
async fn use_framework(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(input): ApiJson<FrameworkInput>,
) -> ApiResult<Json<leap_core::Framework>> {
    let file = input.file_name.as_deref().unwrap_or("framework.toml");
    let framework = leap_core::Framework::load(file, &input.content)?;
    framework.parse_role("current role", &me.profile.current_role)?;
    framework.parse_role("target role", &me.profile.target_role)?;
    state
        .store
        .switch_framework(
            me.profile.person,
            &leap_store::FrameworkText::of(&framework, &input.content),
            &me.profile.current_role,
            &me.profile.target_role,
            state.today(),
        )
        .await?;
    Ok(Json(framework))
}

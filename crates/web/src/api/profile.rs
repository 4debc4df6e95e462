//! Where you stand and your profile, over the API.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use leap_app::json::StatusView;

use super::ApiResult;
use crate::auth::{ApiMe, ApiViewer};
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(status))
        .routes(routes!(update_profile))
}

/// Where you stand, as `leap status --json`: readiness and band, top gaps,
/// plan items due in 30 days, recent evidence, what to do next.
#[utoipa::path(get, path = "/api/v1/status", tag = "readiness", security(("token" = [])),
    responses((status = 200, description = "Where you stand", body = StatusView)))]
async fn status(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<StatusView>> {
    let s =
        leap_app::status::status(&*state.store, &me.profile, &me.framework, state.today()).await?;
    Ok(Json(StatusView::new(&s)))
}

#[derive(Deserialize, ToSchema)]
struct ProfileInput {
    name: Option<String>,
    /// A role id of the framework.
    current_role: Option<String>,
    /// A role id of the framework.
    target: Option<String>,
    /// A framework file of your own, to use from now on (the built-in one
    /// when starting without it).
    framework: Option<FrameworkFileInput>,
}

#[derive(Deserialize, ToSchema)]
pub(super) struct FrameworkFileInput {
    /// The framework file's TOML text (see docs/framework-format.md).
    pub content: String,
    /// A name for the file in error messages (default framework.toml).
    pub file_name: Option<String>,
}

impl FrameworkFileInput {
    pub fn file(&self) -> leap_app::profile::FrameworkFile<'_> {
        leap_app::profile::FrameworkFile {
            name: self.file_name.as_deref().unwrap_or("framework.toml"),
            content: &self.content,
        }
    }
}

/// Starts your profile, or changes it. An account without a profile
/// creates it here: `name`, `current_role` and `target` are needed, of the
/// built-in framework or of the `framework` file sent with them (201). With
/// a profile, absent fields are kept; a `framework` switches to that file,
/// with the roles sent (or the ones held now, if it has them).
#[utoipa::path(put, path = "/api/v1/profile", tag = "readiness", request_body = ProfileInput, security(("token" = [])),
    responses((status = 200, description = "The status, as GET /api/v1/status", body = StatusView), (status = 201, description = "The profile was created: the status, as GET /api/v1/status", body = StatusView), (status = 422, description = "A missing or empty name, a role the framework does not have, or a framework file with problems (each with its line)")))]
async fn update_profile(
    State(state): State<AppState>,
    viewer: ApiViewer,
    ApiJson(input): ApiJson<ProfileInput>,
) -> ApiResult<(StatusCode, Json<StatusView>)> {
    let file = input.framework.as_ref().map(FrameworkFileInput::file);
    let (profile, created) = match viewer.profile {
        None => {
            let required = |field: &str, v: &Option<String>| {
                v.clone().ok_or_else(|| {
                    WebError::invalid(field, format!("{field}: needed to start your profile"))
                })
            };
            let name = required("name", &input.name)?;
            let current = required("current_role", &input.current_role)?;
            let target = required("target", &input.target)?;
            let profile = leap_app::profile::start(
                &*state.store,
                viewer.account.id,
                &name,
                &current,
                &target,
                &leap_app::profile::read_framework(file.as_ref())?,
                state.today(),
            )
            .await?;
            (profile, true)
        }
        Some(profile) => {
            let name = input
                .name
                .as_deref()
                .map(leap_core::profile::PersonName::parse)
                .transpose()?;
            match &file {
                Some(file) => {
                    leap_app::profile::switch_framework(
                        &*state.store,
                        &profile,
                        &leap_app::profile::read_framework(Some(file))?,
                        input.current_role.as_deref(),
                        input.target.as_deref(),
                        state.today(),
                    )
                    .await?;
                }
                None => {
                    let f = state.framework(&profile.framework_hash).await?;
                    if let Some(r) = &input.current_role {
                        f.parse_role("current_role", r)?;
                    }
                    if let Some(r) = &input.target {
                        f.parse_role("target", r)?;
                    }
                    state
                        .store
                        .update_profile(
                            profile.person,
                            None,
                            input.current_role.as_deref(),
                            input.target.as_deref(),
                        )
                        .await?;
                }
            }
            if let Some(name) = &name {
                state
                    .store
                    .update_profile(profile.person, Some(name.as_str()), None, None)
                    .await?;
            }
            (state.store.profile(profile.person).await?, false)
        }
    };
    let framework = state.framework(&profile.framework_hash).await?;
    let s = leap_app::status::status(&*state.store, &profile, &framework, state.today()).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(StatusView::new(&s))))
}

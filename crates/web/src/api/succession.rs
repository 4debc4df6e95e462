//! The API of the succession bench: the roles you ask to be considered
//! for, and, for administrators and managers, the bench and its CSV.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use leap_app::succession::{Bench, RoleChoice};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{ApiJson, ApiQuery};
use super::ApiResult;
use crate::auth::{ApiMe, ApiViewer};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_choices, consider))
        .routes(routes!(bench))
        .routes(routes!(bench_csv))
}

#[derive(Serialize, ToSchema)]
struct ChoicesView {
    /// The management roles of your framework, with since when you asked
    /// to be considered for each (none: you have not).
    roles: Vec<RoleChoice>,
}

/// The management roles you may ask to be considered for, and which you
/// have.
#[utoipa::path(get, path = "/api/v1/succession", tag = "succession", security(("token" = [])),
    responses((status = 200, description = "Your choices", body = ChoicesView)))]
async fn my_choices(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<ChoicesView>> {
    Ok(Json(ChoicesView {
        roles: leap_app::succession::choices(&*state.store, me.profile.person, &me.framework)
            .await?,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ConsiderBody {
    /// Role ids of management roles of your framework; empty withdraws
    /// from every bench. Administrators and the managers above you see
    /// your readiness for these roles, and why.
    roles: Vec<String>,
}

/// Sets the roles you ask to be considered for.
#[utoipa::path(put, path = "/api/v1/succession", tag = "succession", request_body = ConsiderBody, security(("token" = [])),
    responses((status = 200, description = "Your choices now", body = ChoicesView),
              (status = 422, description = "A role that is not a management role of your framework")))]
async fn consider(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(b): ApiJson<ConsiderBody>,
) -> ApiResult<Json<ChoicesView>> {
    Ok(Json(ChoicesView {
        roles: leap_app::succession::consider(
            &*state.store,
            me.profile.person,
            &me.framework,
            &b.roles,
            state.today(),
        )
        .await?,
    }))
}

/// `?team=NAME`: the bench of a team and the teams inside it.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct BenchQuery {
    /// A team with people on the bench; 422 for any other.
    team: Option<String>,
}

async fn read(state: &AppState, viewer: &ApiViewer, q: &BenchQuery) -> ApiResult<Bench> {
    Ok(crate::team::bench(state, &viewer.account, viewer.manages, q.team.as_deref()).await?)
}

/// The succession bench: an administrator's is the organisation's, a
/// manager's the people below them. Each management role with its
/// candidates by team, ready now, within 2 years or later, with the reason.
#[utoipa::path(get, path = "/api/v1/bench", tag = "succession", params(BenchQuery), security(("token" = [])),
    responses((status = 200, description = "The bench", body = Bench),
              (status = 404, description = "Neither an administrator nor a manager"),
              (status = 422, description = "A team with no one on the bench")))]
async fn bench(
    State(state): State<AppState>,
    viewer: ApiViewer,
    ApiQuery(q): ApiQuery<BenchQuery>,
) -> ApiResult<Json<Bench>> {
    Ok(Json(read(&state, &viewer, &q).await?))
}

/// The bench as CSV, a line per candidate and role.
#[utoipa::path(get, path = "/api/v1/bench/export", tag = "succession", params(BenchQuery), security(("token" = [])),
    responses((status = 200, description = "The CSV file", content_type = "text/csv", body = String),
              (status = 404, description = "Neither an administrator nor a manager"),
              (status = 422, description = "A team with no one on the bench")))]
async fn bench_csv(
    State(state): State<AppState>,
    viewer: ApiViewer,
    ApiQuery(q): ApiQuery<BenchQuery>,
) -> ApiResult<axum::response::Response> {
    let text = leap_app::succession::to_csv(&read(&state, &viewer, &q).await?)?;
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], text).into_response())
}

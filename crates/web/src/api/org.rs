//! The API of the organisation, for administrators: teams, people and
//! reporting lines, the CSV file, and what managers see by default; and,
//! for everyone, what their own reporting line sees of them.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use leap_app::org::{ImportOutcome, Line};
use leap_core::sharing::{Part, Reach};
use leap_store::{MemberRecord, TeamRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{ApiJson, ApiPath};
use super::ApiResult;
use crate::auth::{ApiAdmin, ApiMe};
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(teams, add_team))
        .routes(routes!(change_team, remove_team))
        .routes(routes!(people))
        .routes(routes!(put_person, remove_person))
        .routes(routes!(import))
        .routes(routes!(export))
        .routes(routes!(defaults, set_defaults))
        .routes(routes!(settings, set_settings))
        .routes(routes!(line, set_line))
}

#[derive(Serialize, ToSchema)]
struct TeamsView {
    teams: Vec<TeamRecord>,
}

#[derive(Serialize, ToSchema)]
struct PeopleView {
    people: Vec<MemberRecord>,
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct DefaultView {
    part: Part,
    /// Who sees the part unless the person chooses otherwise; none: nobody.
    reach: Option<Reach>,
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct DefaultsView {
    defaults: Vec<DefaultView>,
}

async fn all_teams(state: &AppState) -> ApiResult<Json<TeamsView>> {
    Ok(Json(TeamsView {
        teams: state.store.teams().await?,
    }))
}

/// Every team, by name.
#[utoipa::path(get, path = "/api/v1/org/teams", tag = "organisation", security(("token" = [])),
    responses((status = 200, description = "The teams", body = TeamsView), (status = 403, description = "Not an administrator")))]
async fn teams(State(state): State<AppState>, _admin: ApiAdmin) -> ApiResult<Json<TeamsView>> {
    all_teams(&state).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct TeamBody {
    name: String,
    /// The team it is part of; none: a team of its own.
    #[serde(default)]
    parent: Option<String>,
}

/// Adds a team.
#[utoipa::path(post, path = "/api/v1/org/teams", tag = "organisation", request_body = TeamBody, security(("token" = [])),
    responses((status = 201, description = "The teams now", body = TeamsView), (status = 403, description = "Not an administrator"),
              (status = 404, description = "No such parent team"), (status = 409, description = "The name is taken"), (status = 422, description = "An empty or long name")))]
async fn add_team(
    State(state): State<AppState>,
    _admin: ApiAdmin,
    ApiJson(b): ApiJson<TeamBody>,
) -> ApiResult<(StatusCode, Json<TeamsView>)> {
    leap_app::org::add_team(&*state.store, &b.name, b.parent.as_deref()).await?;
    Ok((StatusCode::CREATED, all_teams(&state).await?))
}

/// Renames a team and places it under `parent` (none: at the top).
#[utoipa::path(put, path = "/api/v1/org/teams/{name}", params(("name" = String, Path, description = "The team's name now")), tag = "organisation", request_body = TeamBody, security(("token" = [])),
    responses((status = 200, description = "The teams now", body = TeamsView), (status = 403, description = "Not an administrator"),
              (status = 404, description = "No such team"), (status = 409, description = "The name is taken, or the team would be inside itself")))]
async fn change_team(
    State(state): State<AppState>,
    _admin: ApiAdmin,
    ApiPath(name): ApiPath<String>,
    ApiJson(b): ApiJson<TeamBody>,
) -> ApiResult<Json<TeamsView>> {
    leap_app::org::change_team(&*state.store, &name, Some(&b.name), b.parent.as_deref()).await?;
    all_teams(&state).await
}

/// Removes a team that has no people and no sub-teams.
#[utoipa::path(delete, path = "/api/v1/org/teams/{name}", params(("name" = String, Path, description = "The team's name")), tag = "organisation", security(("token" = [])),
    responses((status = 204, description = "Removed"), (status = 403, description = "Not an administrator"), (status = 404, description = "No such team"),
              (status = 409, description = "It has people or sub-teams")))]
async fn remove_team(
    State(state): State<AppState>,
    _admin: ApiAdmin,
    ApiPath(name): ApiPath<String>,
) -> ApiResult<StatusCode> {
    leap_app::org::remove_team(&*state.store, &name).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The people of the organisation, by name.
#[utoipa::path(get, path = "/api/v1/org/people", tag = "organisation", security(("token" = [])),
    responses((status = 200, description = "The people", body = PeopleView), (status = 403, description = "Not an administrator")))]
async fn people(State(state): State<AppState>, _admin: ApiAdmin) -> ApiResult<Json<PeopleView>> {
    Ok(Json(PeopleView {
        people: state.store.members().await?,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct PersonBody {
    name: String,
    #[serde(default)]
    team: Option<String>,
    /// The manager's e-mail.
    #[serde(default)]
    manager: Option<String>,
}

/// Adds a person, or changes one: their name, team and manager become the
/// given ones.
#[utoipa::path(put, path = "/api/v1/org/people/{email}", params(("email" = String, Path, description = "The person's e-mail")), tag = "organisation", request_body = PersonBody, security(("token" = [])),
    responses((status = 200, description = "The person now", body = MemberRecord), (status = 403, description = "Not an administrator"),
              (status = 404, description = "No such team or manager"), (status = 409, description = "The reporting line would loop"), (status = 422, description = "A bad e-mail or name")))]
async fn put_person(
    State(state): State<AppState>,
    _admin: ApiAdmin,
    ApiPath(email): ApiPath<String>,
    ApiJson(b): ApiJson<PersonBody>,
) -> ApiResult<Json<MemberRecord>> {
    let m = leap_app::org::member(&email, &b.name, b.team.as_deref(), b.manager.as_deref())?;
    leap_app::org::put_member(&*state.store, &m).await?;
    let record = state
        .store
        .member(&m.email)
        .await?
        .ok_or_else(|| WebError::not_found("person of the organisation"))?;
    Ok(Json(record))
}

/// Removes a person from the organisation; their account and data stay,
/// and the people they managed have no manager until one is given.
#[utoipa::path(delete, path = "/api/v1/org/people/{email}", params(("email" = String, Path, description = "The person's e-mail")), tag = "organisation", security(("token" = [])),
    responses((status = 204, description = "Removed"), (status = 403, description = "Not an administrator"), (status = 404, description = "No such person")))]
async fn remove_person(
    State(state): State<AppState>,
    _admin: ApiAdmin,
    ApiPath(email): ApiPath<String>,
) -> ApiResult<StatusCode> {
    leap_app::org::remove_member(&*state.store, &email).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ImportBody {
    /// The CSV file's text: a header naming `email`, `name`, `team` and
    /// `manager`, one person a line.
    csv: String,
    /// Check only, changing nothing.
    #[serde(default)]
    dry_run: bool,
}

/// Adds or changes people from a CSV file, all or none; every problem is
/// reported at once, by line and column.
#[utoipa::path(post, path = "/api/v1/org/import", tag = "organisation", request_body = ImportBody, security(("token" = [])),
    responses((status = 200, description = "What the file did, or would do", body = ImportOutcome), (status = 403, description = "Not an administrator"),
              (status = 422, description = "The file's problems, one a line")))]
async fn import(
    State(state): State<AppState>,
    _admin: ApiAdmin,
    ApiJson(b): ApiJson<ImportBody>,
) -> ApiResult<Json<ImportOutcome>> {
    Ok(Json(
        leap_app::org::import(&*state.store, "csv", &b.csv, b.dry_run).await?,
    ))
}

/// The people as the CSV file the import reads.
#[utoipa::path(get, path = "/api/v1/org/export", tag = "organisation", security(("token" = [])),
    responses((status = 200, description = "The CSV file", content_type = "text/csv", body = String), (status = 403, description = "Not an administrator")))]
async fn export(
    State(state): State<AppState>,
    _admin: ApiAdmin,
) -> ApiResult<axum::response::Response> {
    let text = leap_app::org::export(&*state.store).await?;
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], text).into_response())
}

async fn all_defaults(state: &AppState) -> ApiResult<Json<DefaultsView>> {
    let set = state.store.line_defaults().await?;
    Ok(Json(DefaultsView {
        defaults: Part::VALUES
            .iter()
            .copied()
            .map(|part| DefaultView {
                part,
                reach: set.iter().find(|(p, _)| *p == part).map(|(_, r)| *r),
            })
            .collect(),
    }))
}

/// What a person's manager, or every manager above them, sees of each
/// part unless the person chooses otherwise.
#[utoipa::path(get, path = "/api/v1/org/defaults", tag = "organisation", security(("token" = [])),
    responses((status = 200, description = "The defaults", body = DefaultsView), (status = 403, description = "Not an administrator")))]
async fn defaults(
    State(state): State<AppState>,
    _admin: ApiAdmin,
) -> ApiResult<Json<DefaultsView>> {
    all_defaults(&state).await
}

/// Sets the defaults of the parts given (the others stay as they are).
#[utoipa::path(put, path = "/api/v1/org/defaults", tag = "organisation", request_body = DefaultsView, security(("token" = [])),
    responses((status = 200, description = "The defaults now", body = DefaultsView), (status = 403, description = "Not an administrator"),
              (status = 422, description = "An unknown part or reach")))]
async fn set_defaults(
    State(state): State<AppState>,
    _admin: ApiAdmin,
    ApiJson(b): ApiJson<DefaultsView>,
) -> ApiResult<Json<DefaultsView>> {
    for d in &b.defaults {
        leap_app::org::set_line_default(&*state.store, d.part, d.reach).await?;
    }
    all_defaults(&state).await
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct SettingsView {
    /// The smallest group the team view shows an aggregate over: 3 to 50.
    min_group: usize,
}

/// The organisation's settings.
#[utoipa::path(get, path = "/api/v1/org/settings", tag = "organisation", security(("token" = [])),
    responses((status = 200, description = "The settings", body = SettingsView), (status = 403, description = "Not an administrator")))]
async fn settings(
    State(state): State<AppState>,
    _admin: ApiAdmin,
) -> ApiResult<Json<SettingsView>> {
    Ok(Json(SettingsView {
        min_group: state.store.min_group().await?,
    }))
}

/// Changes the organisation's settings.
#[utoipa::path(put, path = "/api/v1/org/settings", tag = "organisation", request_body = SettingsView, security(("token" = [])),
    responses((status = 200, description = "The settings now", body = SettingsView), (status = 403, description = "Not an administrator"),
              (status = 422, description = "A smallest group below 3 or above 50")))]
async fn set_settings(
    State(state): State<AppState>,
    _admin: ApiAdmin,
    ApiJson(b): ApiJson<SettingsView>,
) -> ApiResult<Json<SettingsView>> {
    let min_group = leap_app::org::set_min_group(&*state.store, &b.min_group.to_string()).await?;
    Ok(Json(SettingsView { min_group }))
}

/// Your managers, and who of them sees each part of your data.
#[utoipa::path(get, path = "/api/v1/line", tag = "sharing", security(("token" = [])),
    responses((status = 200, description = "Your reporting line", body = Line)))]
async fn line(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<Line>> {
    Ok(Json(
        leap_app::org::line(&*state.store, me.profile.person).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct LineBody {
    part: Part,
    /// nobody, manager or line; none follows the organisation's default.
    reach: Option<Reach>,
}

/// Chooses who in your reporting line sees a part.
#[utoipa::path(put, path = "/api/v1/line", tag = "sharing", request_body = LineBody, security(("token" = [])),
    responses((status = 200, description = "Your reporting line now", body = Line), (status = 422, description = "An unknown part or reach")))]
async fn set_line(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(b): ApiJson<LineBody>,
) -> ApiResult<Json<Line>> {
    leap_app::org::set_line_sharing(&*state.store, me.profile.person, b.part, b.reach).await?;
    Ok(Json(
        leap_app::org::line(&*state.store, me.profile.person).await?,
    ))
}

//! The API of one-to-ones: for the manager and the report alone.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use leap_app::json::Created;
use leap_core::one_to_one::{Agenda, EntryKind};
use leap_store::sharing::Reader;
use leap_store::{OneToOneRecord, PersonId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{ApiJson, ApiPath};
use super::ApiResult;
use crate::auth::ApiViewer;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, start))
        .routes(routes!(show))
        .routes(routes!(add))
}

#[derive(Serialize, ToSchema)]
struct OneToOnesView {
    /// Newest first, without their entries.
    one_to_ones: Vec<OneToOneRecord>,
}

/// The one-to-ones you are in, as the manager or the report.
#[utoipa::path(get, path = "/api/v1/one-to-ones", tag = "team", security(("token" = [])),
    responses((status = 200, description = "Your one-to-ones", body = OneToOnesView)))]
async fn list(State(state): State<AppState>, viewer: ApiViewer) -> ApiResult<Json<OneToOnesView>> {
    Ok(Json(OneToOnesView {
        one_to_ones: state.store.one_to_ones(viewer.account.id, None).await?,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct StartBody {
    /// The direct report's id, as GET /api/v1/team lists them.
    person: i64,
    /// YYYY-MM-DD; today when absent.
    #[serde(default)]
    held_on: Option<String>,
}

/// Starts a one-to-one with a direct report.
#[utoipa::path(post, path = "/api/v1/one-to-ones", tag = "team", request_body = StartBody, security(("token" = [])),
    responses((status = 201, description = "Its id", body = Created), (status = 404, description = "Not your direct report"), (status = 422, description = "A bad date")))]
async fn start(
    State(state): State<AppState>,
    viewer: ApiViewer,
    ApiJson(b): ApiJson<StartBody>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let held_on = match b
        .held_on
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(d) => leap_core::evidence::parse_date("held_on", d)?,
        None => state.today(),
    };
    let id = leap_app::one_to_one::start(
        &*state.store,
        Reader::from(&viewer.account),
        PersonId(b.person),
        held_on,
        state.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Serialize, ToSchema)]
struct OneToOneView {
    one_to_one: OneToOneRecord,
    agenda: Agenda,
    /// The one before it, with the same two.
    previous: Option<chrono::NaiveDate>,
    /// You hold it as the manager (else you are the report).
    as_manager: bool,
}

/// One one-to-one: its agenda from what the report shares with the
/// manager (the manager's reads are logged for the report), its items and
/// notes.
#[utoipa::path(get, path = "/api/v1/one-to-ones/{id}", params(("id" = i64, Path, description = "Its id")), tag = "team", security(("token" = [])),
    responses((status = 200, description = "The one-to-one", body = OneToOneView), (status = 404, description = "Not one of yours")))]
async fn show(
    State(state): State<AppState>,
    viewer: ApiViewer,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<OneToOneView>> {
    let o = crate::team::open_one_to_one(&state, &viewer.account, id).await?;
    Ok(Json(OneToOneView {
        one_to_one: o.record,
        agenda: o.agenda,
        previous: o.previous,
        as_manager: o.as_manager,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct EntryBody {
    kind: EntryKind,
    text: String,
}

/// Adds something to talk about (`item`) or a note (`note`).
#[utoipa::path(post, path = "/api/v1/one-to-ones/{id}/entries", params(("id" = i64, Path, description = "Its id")), tag = "team", request_body = EntryBody, security(("token" = [])),
    responses((status = 204, description = "Added"), (status = 404, description = "Not one of yours"), (status = 422, description = "Empty or too long")))]
async fn add(
    State(state): State<AppState>,
    viewer: ApiViewer,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<EntryBody>,
) -> ApiResult<StatusCode> {
    leap_app::one_to_one::add(
        &*state.store,
        Reader::from(&viewer.account),
        id,
        b.kind,
        &b.text,
        state.now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

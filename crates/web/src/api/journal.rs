//! The evidence journal over the API, with suggested tags and why.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use leap_app::json::{EntryView, JournalView};
use leap_core::evidence::{EntryInput, NewEntry};
use leap_store::NewEvidence;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::{to_value, ApiResult};
use crate::auth::ApiMe;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(journal, add_entry))
        .routes(routes!(get_entry, update_entry, delete_entry))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct JournalQuery {
    /// Only entries tagged to this competency.
    competency: Option<String>,
}

/// The journal, newest first, as `leap journal --json`.
#[utoipa::path(get, path = "/api/v1/journal", tag = "journal", params(JournalQuery), security(("token" = [])),
    responses((status = 200, description = "{entries:[{id, date, text, kind, competencies}]}"), (status = 422, description = "Unknown competency")))]
async fn journal(
    State(state): State<AppState>,
    me: ApiMe,
    ApiQuery(q): ApiQuery<JournalQuery>,
) -> ApiResult<Json<serde_json::Value>> {
    let filter = q
        .competency
        .as_deref()
        .map(|c| me.framework.parse_competency("competency", c))
        .transpose()?;
    let entries = state
        .store
        .journal(me.profile.person, filter.as_ref().map(|c| c.as_str()))
        .await?;
    Ok(Json(to_value(&JournalView::new(&entries))?))
}

#[derive(Deserialize, ToSchema)]
struct EntryBody {
    text: String,
    /// Competency ids; when empty or absent, leap suggests tags from the text.
    #[serde(default)]
    competencies: Vec<String>,
    /// experience (default), relationship, education, feedback or result.
    kind: Option<String>,
    /// YYYY-MM-DD, not after today; default today.
    date: Option<String>,
}

async fn parse_entry(
    state: &AppState,
    me: &ApiMe,
    body: &EntryBody,
    today: chrono::NaiveDate,
) -> Result<NewEntry, WebError> {
    let corrections = state.store.tag_corrections(me.profile.person).await?;
    Ok(NewEntry::parse(
        &me.framework,
        EntryInput {
            text: &body.text,
            kind: body.kind.as_deref(),
            date: body.date.as_deref(),
            competencies: &body.competencies,
            corrections: &corrections,
        },
        today,
    )?)
}

/// Why each suggested tag was suggested: the words that matched and the
/// tagged text it is most like.
pub(super) fn suggestions_value(
    suggestions: &[leap_core::tagging::Suggestion],
) -> Result<serde_json::Value, WebError> {
    let list: Vec<serde_json::Value> = suggestions
        .iter()
        .map(|s| {
            let mut v = to_value(s)?;
            if let Some(map) = v.as_object_mut() {
                map.insert("why".to_owned(), serde_json::Value::String(s.why()));
            }
            Ok(v)
        })
        .collect::<Result<_, WebError>>()?;
    Ok(serde_json::Value::Array(list))
}

/// Records a journal entry.
#[utoipa::path(post, path = "/api/v1/journal", tag = "journal", request_body = EntryBody, security(("token" = [])),
    responses((status = 201, description = "The entry, with its tags"), (status = 422, description = "Invalid text, kind, date or competency")))]
async fn add_entry(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(body): ApiJson<EntryBody>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let today = state.today();
    let e = parse_entry(&state, &me, &body, today).await?;
    let note =
        leap_app::plan::certification_note(&*state.store, &me.profile, &me.framework, &body.text)
            .await?;
    let id = state
        .store
        .add_evidence(me.profile.person, NewEvidence::from_entry(&e, today))
        .await?;
    let stored = state.store.evidence(me.profile.person, id).await?;
    let mut value = to_value(&EntryView::from(&stored))?;
    if let Some(map) = value.as_object_mut() {
        if let Some(n) = note {
            map.insert("note".to_owned(), serde_json::Value::String(n));
        }
        map.insert("suggested".to_owned(), serde_json::Value::Bool(e.suggested));
        map.insert("suggestions".to_owned(), suggestions_value(&e.suggestions)?);
    }
    Ok((StatusCode::CREATED, Json(value)))
}

/// One journal entry.
#[utoipa::path(get, path = "/api/v1/journal/{id}", tag = "journal", params(("id" = i64, Path, description = "Entry id")), security(("token" = [])),
    responses((status = 200, description = "{id, date, text, kind, competencies}"), (status = 404, description = "No such entry in your journal")))]
async fn get_entry(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<serde_json::Value>> {
    let e = state.store.evidence(me.profile.person, id).await?;
    Ok(Json(to_value(&EntryView::from(&e))?))
}

/// Replaces a journal entry's text, tags, kind and date.
#[utoipa::path(put, path = "/api/v1/journal/{id}", tag = "journal", request_body = EntryBody, params(("id" = i64, Path, description = "Entry id")), security(("token" = [])),
    responses((status = 200, description = "The entry"), (status = 404, description = "No such entry in your journal"), (status = 422, description = "Invalid input")))]
async fn update_entry(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<EntryBody>,
) -> ApiResult<Json<serde_json::Value>> {
    let today = state.today();
    // The entry must be this person's before anything is parsed.
    state.store.evidence(me.profile.person, id).await?;
    let e = parse_entry(&state, &me, &body, today).await?;
    state
        .store
        .update_evidence(me.profile.person, id, NewEvidence::from_entry(&e, today))
        .await?;
    let stored = state.store.evidence(me.profile.person, id).await?;
    Ok(Json(to_value(&EntryView::from(&stored))?))
}

/// Deletes a journal entry.
#[utoipa::path(delete, path = "/api/v1/journal/{id}", tag = "journal", params(("id" = i64, Path, description = "Entry id")), security(("token" = [])),
    responses((status = 204, description = "Deleted"), (status = 404, description = "No such entry in your journal")))]
async fn delete_entry(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    state.store.delete_evidence(me.profile.person, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

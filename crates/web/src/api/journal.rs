//! The evidence journal over the API, with suggested tags and why.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use leap_app::json::{EntryAddedView, EntryView, JournalView, SuggestionView};
use leap_core::evidence::EntryInput;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::ApiResult;
use crate::auth::ApiMe;
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
    responses((status = 200, description = "Your journal", body = JournalView), (status = 422, description = "Unknown competency")))]
async fn journal(
    State(state): State<AppState>,
    me: ApiMe,
    ApiQuery(q): ApiQuery<JournalQuery>,
) -> ApiResult<Json<JournalView>> {
    let filter = q
        .competency
        .as_deref()
        .map(|c| me.framework.parse_competency("competency", c))
        .transpose()?;
    let entries = state
        .store
        .journal(me.profile.person, filter.as_ref().map(|c| c.as_str()))
        .await?;
    Ok(Json(JournalView::new(&entries)))
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
    /// True when it names a gap (criticism, advice to change): kept, but not
    /// counted or cited as evidence. Default: read from the text of a
    /// feedback entry (on a change: kept unless the kind changes).
    names_gap: Option<bool>,
}

impl EntryBody {
    fn draft(&self) -> EntryInput<'_> {
        EntryInput {
            text: &self.text,
            kind: self.kind.as_deref(),
            date: self.date.as_deref(),
            competencies: &self.competencies,
            corrections: &[],
            names_gap: self.names_gap,
        }
    }
}

/// Records a journal entry.
#[utoipa::path(post, path = "/api/v1/journal", tag = "journal", request_body = EntryBody, security(("token" = [])),
    responses((status = 201, description = "The entry, with its tags and why", body = EntryAddedView), (status = 422, description = "Invalid text, kind, date or competency")))]
async fn add_entry(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(body): ApiJson<EntryBody>,
) -> ApiResult<(StatusCode, Json<EntryAddedView>)> {
    let today = state.today();
    let added = leap_app::journal::add(
        &*state.store,
        &me.profile,
        &me.framework,
        body.draft(),
        today,
    )
    .await?;
    let (e, note) = (added.entry, added.note);
    let stored = state.store.evidence(me.profile.person, added.id).await?;
    Ok((
        StatusCode::CREATED,
        Json(EntryAddedView {
            entry: EntryView::from(&stored),
            note,
            suggested: e.suggested,
            suggestions: SuggestionView::all(&e.suggestions),
        }),
    ))
}

/// One journal entry.
#[utoipa::path(get, path = "/api/v1/journal/{id}", tag = "journal", params(("id" = i64, Path, description = "Entry id")), security(("token" = [])),
    responses((status = 200, description = "The entry", body = EntryView), (status = 404, description = "No such entry in your journal")))]
async fn get_entry(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<EntryView>> {
    let e = state.store.evidence(me.profile.person, id).await?;
    Ok(Json(EntryView::from(&e)))
}

/// Changes a journal entry: its text and tags (suggested again from the
/// text when none are given), and its kind and date when given (absent, they
/// stay as they were).
#[utoipa::path(put, path = "/api/v1/journal/{id}", tag = "journal", request_body = EntryBody, params(("id" = i64, Path, description = "Entry id")), security(("token" = [])),
    responses((status = 200, description = "The entry", body = EntryView), (status = 404, description = "No such entry in your journal"), (status = 422, description = "Invalid input")))]
async fn update_entry(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<EntryBody>,
) -> ApiResult<Json<EntryView>> {
    let edited = leap_app::journal::edit(
        &*state.store,
        me.profile.person,
        &me.framework,
        id,
        leap_app::journal::Change {
            text: Some(&body.text),
            kind: body.kind.as_deref(),
            date: body.date.as_deref(),
            tags: leap_app::journal::Retag::chosen_or_suggested(&body.competencies),
            names_gap: body.names_gap,
        },
        state.today(),
    )
    .await?;
    Ok(Json(EntryView::from(&edited.record)))
}

/// Deletes a journal entry.
#[utoipa::path(delete, path = "/api/v1/journal/{id}", tag = "journal", params(("id" = i64, Path, description = "Entry id")), security(("token" = [])),
    responses((status = 204, description = "Deleted"), (status = 404, description = "No such entry in your journal")))]
async fn delete_entry(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    leap_app::journal::delete(&*state.store, me.profile.person, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

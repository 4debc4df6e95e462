//! Contacts over the API: people, interactions and follow-ups.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use leap_app::json::{ContactView, ContactsView};
use leap_core::contact::{Contact, ContactInput, NewInteraction};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{ApiJson, ApiPath};
use super::ApiResult;
use crate::auth::ApiMe;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(contacts, add_contact))
        .routes(routes!(get_contact))
        .routes(routes!(add_interaction))
}

/// Every contact, follow-ups due first, with the weekly networking counts
/// and the streak.
#[utoipa::path(get, path = "/api/v1/contacts", tag = "contacts", security(("token" = [])),
    responses((status = 200, description = "{contacts:[{id, name, job_title, organisation, relationship, reach, notes, cadence_days, added_on, last_interaction, follow_up_on, follow_up_due}], networking:{weeks, this_week, streak_weeks}}", body = ContactsView)))]
async fn contacts(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<ContactsView>> {
    let person = me.profile.person;
    let today = state.today();
    let all = state.store.contacts(person).await?;
    let dates = leap_app::contact::networking_dates(&*state.store, person, today).await?;
    Ok(Json(ContactsView::new(&all, &dates, today)))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
struct ContactBody {
    name: String,
    /// Their job title: "Head of finance".
    job_title: Option<String>,
    organisation: Option<String>,
    /// co-manager, executive, cross-department, mentor, recruiter, peer-outside, other (default).
    relationship: Option<String>,
    reach: Option<String>,
    notes: Option<String>,
    /// Days, 1 to 365; default 30.
    cadence_days: Option<u32>,
}

/// Adds a contact.
#[utoipa::path(post, path = "/api/v1/contacts", tag = "contacts", request_body = ContactBody, security(("token" = [])),
    responses((status = 201, description = "The contact", body = ContactView), (status = 422, description = "A field is invalid")))]
async fn add_contact(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(b): ApiJson<ContactBody>,
) -> ApiResult<(StatusCode, Json<ContactView>)> {
    let cadence = b.cadence_days.map(|d| d.to_string());
    let new = Contact::parse(ContactInput {
        name: &b.name,
        job_title: b.job_title.as_deref(),
        organisation: b.organisation.as_deref(),
        relationship: b.relationship.as_deref(),
        reach: b.reach.as_deref(),
        notes: b.notes.as_deref(),
        cadence_days: cadence.as_deref(),
    })?;
    let person = me.profile.person;
    let today = state.today();
    let id = state.store.add_contact(person, &new, today).await?;
    let c = state.store.contact(person, id).await?;
    Ok((StatusCode::CREATED, Json(ContactView::new(&c, today))))
}

/// One contact with every interaction.
#[utoipa::path(get, path = "/api/v1/contacts/{id}", params(("id" = i64, Path, description = "Its id")), tag = "contacts", security(("token" = [])),
    responses((status = 200, description = "The contact with interactions", body = ContactView), (status = 404, description = "Not one of yours")))]
async fn get_contact(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ContactView>> {
    let c = state.store.contact(me.profile.person, id).await?;
    Ok(Json(ContactView::new(&c, state.today())))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
struct InteractionBody {
    /// YYYY-MM-DD, not after today; default today.
    date: Option<String>,
    /// meeting, call, message (default), event, introduction, other.
    kind: Option<String>,
    note: Option<String>,
}

/// Records an interaction with a contact.
#[utoipa::path(post, path = "/api/v1/contacts/{id}/interactions", params(("id" = i64, Path, description = "Its id")), tag = "contacts", request_body = InteractionBody, security(("token" = [])),
    responses((status = 201, description = "The contact with interactions", body = ContactView), (status = 404, description = "Not one of yours"), (status = 422, description = "A field is invalid")))]
async fn add_interaction(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<InteractionBody>,
) -> ApiResult<(StatusCode, Json<ContactView>)> {
    let today = state.today();
    let new = NewInteraction::parse(
        b.date.as_deref(),
        b.kind.as_deref(),
        b.note.as_deref(),
        today,
    )?;
    let person = me.profile.person;
    state.store.add_interaction(person, id, &new).await?;
    let c = state.store.contact(person, id).await?;
    Ok((StatusCode::CREATED, Json(ContactView::new(&c, today))))
}

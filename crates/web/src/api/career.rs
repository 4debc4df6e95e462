//! The API of the job-search and relationship loop: opportunities and
//! debriefs, contacts and interactions, check-ins, the agenda and calendar
//! feeds. The same JSON shapes as the command line's `--json`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use leap_app::json::{ContactView, ContactsView, OpportunitiesView, OpportunityView};
use leap_core::checkin::CheckinInput;
use leap_core::contact::{ContactInput, NewContact, NewInteraction};
use leap_core::opportunity::{
    self, DebriefInput, NewDebrief, NewOpportunity, OpportunityInput, Stage,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{to_value, ApiResult};
use crate::auth::ApiMe;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(opportunities, add_opportunity))
        .routes(routes!(get_opportunity))
        .routes(routes!(move_opportunity))
        .routes(routes!(add_debrief))
        .routes(routes!(contacts, add_contact))
        .routes(routes!(get_contact))
        .routes(routes!(add_interaction))
        .routes(routes!(checkins, add_checkin))
        .routes(routes!(agenda))
        .routes(routes!(calendar_feeds, create_calendar_feed))
        .routes(routes!(revoke_calendar_feed))
}

type Value = Json<serde_json::Value>;

/// Every opportunity with its stages, debriefs and the framework's advice,
/// and what keeps coming up across debriefs.
#[utoipa::path(get, path = "/api/v1/opportunities", tag = "opportunities", security(("token" = [])),
    responses((status = 200, description = "{opportunities:[{id, organisation, title, role, company_profile, internal, source, stage, next_step, created_on, stages, debriefs, advice}], summary:{debriefs, cited, chosen_experience}}")))]
async fn opportunities(State(state): State<AppState>, me: ApiMe) -> ApiResult<Value> {
    let all = state.store.opportunities(me.profile.person).await?;
    Ok(Json(to_value(&OpportunitiesView::new(
        &me.framework,
        &all,
    ))?))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
struct OpportunityBody {
    organisation: String,
    title: String,
    /// A role id of the framework.
    role: Option<String>,
    /// small-growing, mid-size (default) or large-enterprise.
    company_profile: Option<String>,
    internal: bool,
    source: Option<String>,
    /// Default interested.
    stage: Option<String>,
    next_step: Option<String>,
    /// YYYY-MM-DD.
    next_step_on: Option<String>,
}

/// Adds an opportunity.
#[utoipa::path(post, path = "/api/v1/opportunities", tag = "opportunities", request_body = OpportunityBody, security(("token" = [])),
    responses((status = 201, description = "The opportunity, as GET /api/v1/opportunities/{id}"), (status = 422, description = "A field is invalid; the message names it")))]
async fn add_opportunity(
    State(state): State<AppState>,
    me: ApiMe,
    Json(b): Json<OpportunityBody>,
) -> ApiResult<(StatusCode, Value)> {
    let new = NewOpportunity::parse(
        &me.framework,
        OpportunityInput {
            organisation: &b.organisation,
            title: &b.title,
            role: b.role.as_deref(),
            company_profile: b.company_profile.as_deref(),
            internal: b.internal,
            source: b.source.as_deref(),
            stage: b.stage.as_deref(),
            next_step: b.next_step.as_deref(),
            next_step_on: b.next_step_on.as_deref(),
        },
    )?;
    let person = me.profile.person;
    let id = state
        .store
        .add_opportunity(person, &new, state.today())
        .await?;
    let o = state.store.opportunity(person, id).await?;
    Ok((
        StatusCode::CREATED,
        Json(to_value(&OpportunityView::new(&me.framework, &o))?),
    ))
}

/// One opportunity, with the framework's advice for its kind of company.
#[utoipa::path(get, path = "/api/v1/opportunities/{id}", tag = "opportunities", security(("token" = [])),
    responses((status = 200, description = "The opportunity"), (status = 404, description = "Not one of yours")))]
async fn get_opportunity(
    State(state): State<AppState>,
    me: ApiMe,
    Path(id): Path<i64>,
) -> ApiResult<Value> {
    let o = state.store.opportunity(me.profile.person, id).await?;
    Ok(Json(to_value(&OpportunityView::new(&me.framework, &o))?))
}

#[derive(Deserialize, ToSchema)]
struct MoveBody {
    stage: String,
    /// YYYY-MM-DD; default today.
    on: Option<String>,
    next_step: Option<String>,
    next_step_on: Option<String>,
}

/// Moves an opportunity to a stage, dated, and sets its next step.
#[utoipa::path(post, path = "/api/v1/opportunities/{id}/move", tag = "opportunities", request_body = MoveBody, security(("token" = [])),
    responses((status = 200, description = "The opportunity"), (status = 404, description = "Not one of yours"),
              (status = 409, description = "Already at that stage, or dated before its last move"), (status = 422, description = "Unknown stage or bad date")))]
async fn move_opportunity(
    State(state): State<AppState>,
    me: ApiMe,
    Path(id): Path<i64>,
    Json(b): Json<MoveBody>,
) -> ApiResult<Value> {
    let stage = Stage::parse("stage", &b.stage)?;
    let on = leap_core::text::past_date("on", b.on.as_deref(), state.today())?;
    let step = opportunity::next_step(b.next_step.as_deref(), b.next_step_on.as_deref())?;
    let o = state
        .store
        .move_opportunity(me.profile.person, id, stage, on, step.as_ref())
        .await?;
    Ok(Json(to_value(&OpportunityView::new(&me.framework, &o))?))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
struct DebriefBody {
    /// YYYY-MM-DD; default today.
    date: Option<String>,
    questions: Option<String>,
    went_well: Option<String>,
    went_badly: Option<String>,
    reasons: Option<String>,
    /// After a rejection only.
    chosen_experience: Option<String>,
    /// Suggested from the reasons when empty.
    competencies: Vec<String>,
    /// Your own answer to seed 000's question: did you show too much
    /// technical skill and not enough managing of people and resources?
    too_technical: Option<bool>,
}

#[derive(Serialize)]
struct Debriefed {
    id: i64,
    opportunity: i64,
    competencies: Vec<String>,
    suggested: bool,
    /// Why each suggested tag was suggested.
    suggestions: serde_json::Value,
}

/// Records an interview debrief; its reasons are tagged to competencies.
#[utoipa::path(post, path = "/api/v1/opportunities/{id}/debriefs", tag = "opportunities", request_body = DebriefBody, security(("token" = [])),
    responses((status = 201, description = "{id, opportunity, competencies, suggested, suggestions: [{competency, score, matched, like, why}]}"), (status = 404, description = "Not one of yours"), (status = 422, description = "A field is invalid")))]
async fn add_debrief(
    State(state): State<AppState>,
    me: ApiMe,
    Path(id): Path<i64>,
    Json(b): Json<DebriefBody>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let person = me.profile.person;
    let o = state.store.opportunity(person, id).await?;
    let corrections = state.store.tag_corrections(person).await?;
    let new = NewDebrief::parse(
        &me.framework,
        o.stage,
        DebriefInput {
            held_on: b.date.as_deref(),
            questions: b.questions.as_deref(),
            went_well: b.went_well.as_deref(),
            went_badly: b.went_badly.as_deref(),
            reasons: b.reasons.as_deref(),
            chosen_experience: b.chosen_experience.as_deref(),
            competencies: &b.competencies,
            too_technical: b.too_technical.map(|t| if t { "yes" } else { "no" }),
            corrections: &corrections,
        },
        state.today(),
    )?;
    let debrief = state
        .store
        .add_debrief(person, id, &new, state.today())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(to_value(&Debriefed {
            id: debrief,
            opportunity: id,
            competencies: new.competencies.iter().map(|c| c.to_string()).collect(),
            suggested: new.suggested,
            suggestions: super::suggestions_value(&new.suggestions)?,
        })?),
    ))
}

/// Every contact, follow-ups due first, with the weekly networking counts
/// and the streak.
#[utoipa::path(get, path = "/api/v1/contacts", tag = "contacts", security(("token" = [])),
    responses((status = 200, description = "{contacts:[{id, name, organisation, relationship, reach, notes, cadence_days, added_on, last_interaction, follow_up_on, follow_up_due}], networking:{weeks, this_week, streak_weeks}}")))]
async fn contacts(State(state): State<AppState>, me: ApiMe) -> ApiResult<Value> {
    let person = me.profile.person;
    let today = state.today();
    let all = state.store.contacts(person).await?;
    let dates = leap_app::contact::networking_dates(&*state.store, person, today).await?;
    Ok(Json(to_value(&ContactsView::new(&all, &dates, today))?))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
struct ContactBody {
    name: String,
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
    responses((status = 201, description = "The contact"), (status = 422, description = "A field is invalid")))]
async fn add_contact(
    State(state): State<AppState>,
    me: ApiMe,
    Json(b): Json<ContactBody>,
) -> ApiResult<(StatusCode, Value)> {
    let cadence = b.cadence_days.map(|d| d.to_string());
    let new = NewContact::parse(ContactInput {
        name: &b.name,
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
    Ok((
        StatusCode::CREATED,
        Json(to_value(&ContactView::new(&c, today))?),
    ))
}

/// One contact with every interaction.
#[utoipa::path(get, path = "/api/v1/contacts/{id}", tag = "contacts", security(("token" = [])),
    responses((status = 200, description = "The contact with interactions"), (status = 404, description = "Not one of yours")))]
async fn get_contact(
    State(state): State<AppState>,
    me: ApiMe,
    Path(id): Path<i64>,
) -> ApiResult<Value> {
    let c = state.store.contact(me.profile.person, id).await?;
    Ok(Json(to_value(&ContactView::new(&c, state.today()))?))
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
#[utoipa::path(post, path = "/api/v1/contacts/{id}/interactions", tag = "contacts", request_body = InteractionBody, security(("token" = [])),
    responses((status = 201, description = "The contact with interactions"), (status = 404, description = "Not one of yours"), (status = 422, description = "A field is invalid")))]
async fn add_interaction(
    State(state): State<AppState>,
    me: ApiMe,
    Path(id): Path<i64>,
    Json(b): Json<InteractionBody>,
) -> ApiResult<(StatusCode, Value)> {
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
    Ok((
        StatusCode::CREATED,
        Json(to_value(&ContactView::new(&c, today))?),
    ))
}

/// Every check-in with its readiness snapshot, oldest first, and when the
/// next is due.
#[utoipa::path(get, path = "/api/v1/checkins", tag = "checkins", security(("token" = [])),
    responses((status = 200, description = "{checkins:[{id, held_on, went_well, went_badly, plan_review, target_role, readiness_percent, reassessed, levels}], next_due, every_days}")))]
async fn checkins(State(state): State<AppState>, me: ApiMe) -> ApiResult<Value> {
    let person = me.profile.person;
    let all = state.store.checkins(person).await?;
    let schedule = state.store.checkin_schedule(person).await?;
    Ok(Json(serde_json::json!({
        "checkins": to_value(&all)?,
        "next_due": schedule.due_on(),
        "every_days": schedule.every_days,
    })))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
struct CheckinBody {
    /// The competencies whose level changed: {competency-id: level}.
    levels: std::collections::BTreeMap<String, i64>,
    went_well: Option<String>,
    went_badly: Option<String>,
    plan_review: Option<String>,
    /// Days between check-ins from now on, 7 to 182.
    every_days: Option<u32>,
}

/// Records a check-in: a new self-assessment when levels changed, and a
/// snapshot of readiness.
#[utoipa::path(post, path = "/api/v1/checkins", tag = "checkins", request_body = CheckinBody, security(("token" = [])),
    responses((status = 201, description = "{id, changed, readiness_before, readiness, previous_checkin_readiness}"), (status = 422, description = "No self-assessment yet, unknown competency or level off the scale")))]
async fn add_checkin(
    State(state): State<AppState>,
    me: ApiMe,
    Json(b): Json<CheckinBody>,
) -> ApiResult<(StatusCode, Value)> {
    let every = b
        .every_days
        .map(|d| leap_core::checkin::every(&d.to_string()))
        .transpose()?;
    let ratings: Vec<String> = b.levels.iter().map(|(c, l)| format!("{c}={l}")).collect();
    let outcome = leap_app::checkin::record_checkin(
        &*state.store,
        &me.profile,
        &me.framework,
        CheckinInput {
            ratings: &ratings,
            went_well: b.went_well.as_deref(),
            went_badly: b.went_badly.as_deref(),
            plan_review: b.plan_review.as_deref(),
        },
        state.today(),
    )
    .await??;
    if let Some(days) = every {
        state
            .store
            .set_checkin_every(me.profile.person, days)
            .await?;
    }
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({
            "id": outcome.id,
            "changed": outcome.checkin.changed,
            "readiness_before": outcome.before.percent(),
            "readiness": outcome.after.percent(),
            "previous_checkin_readiness": outcome.previous_percent,
            "went_well_shows": super::suggestions_value(&outcome.reflection.went_well)?,
            "went_badly_about": super::suggestions_value(&outcome.reflection.went_badly)?,
        })),
    ))
}

/// This week, as `leap today --json`: what is overdue or due in the next
/// seven days, and open feedback requests.
#[utoipa::path(get, path = "/api/v1/agenda", tag = "checkins", security(("token" = [])),
    responses((status = 200, description = "{today, items:[{kind, date, title, link, key, overdue}]}")))]
async fn agenda(State(state): State<AppState>, me: ApiMe) -> ApiResult<Value> {
    let today = state.today();
    let sources = leap_app::agenda::agenda_sources(&*state.store, me.profile.person, today).await?;
    Ok(Json(serde_json::json!({
        "today": today,
        "items": to_value(&leap_core::agenda::this_week(&sources, today))?,
    })))
}

/// Your calendar feeds (never their addresses: those are shown once).
#[utoipa::path(get, path = "/api/v1/calendar-feeds", tag = "checkins", security(("token" = [])),
    responses((status = 200, description = "{feeds:[{id, created_at}]}")))]
async fn calendar_feeds(State(state): State<AppState>, me: ApiMe) -> ApiResult<Value> {
    let feeds = state.store.calendar_feeds(me.profile.person).await?;
    Ok(Json(serde_json::json!({ "feeds": to_value(&feeds)? })))
}

/// Creates a calendar feed: an iCalendar address with a secret token of
/// its own, to subscribe to from a calendar application. Shown once.
#[utoipa::path(post, path = "/api/v1/calendar-feeds", tag = "checkins", security(("token" = [])),
    responses((status = 201, description = "{id, url}")))]
async fn create_calendar_feed(
    State(state): State<AppState>,
    me: ApiMe,
) -> ApiResult<(StatusCode, Value)> {
    let (id, url) = crate::calendar::create_feed(&state, me.profile.person).await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "id": id, "url": url })),
    ))
}

/// Revokes a calendar feed: its address stops working at once.
#[utoipa::path(delete, path = "/api/v1/calendar-feeds/{id}", tag = "checkins", security(("token" = [])),
    responses((status = 204, description = "Revoked"), (status = 404, description = "Not one of yours")))]
async fn revoke_calendar_feed(
    State(state): State<AppState>,
    me: ApiMe,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    state
        .store
        .revoke_calendar_feed(me.profile.person, id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

//! The JSON API, `/api/v1/...`: the same operations and JSON shapes as the
//! command line's `--json`. Authenticated by a personal API token
//! (`Authorization: Bearer TOKEN`) or the browser session. Errors are
//! `{"error": {"code", "message", "field"}}`. The OpenAPI document at
//! `/api/openapi.json` is built from the same declarations as the routes.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use leap_app::json::{
    EntryView, FeedbackRequestView, FeedbackResultsView, GeneratedView, JournalView, PlanItemView,
    PlanView,
};
use leap_core::assessment::{self, Levels, Source};
use leap_core::evidence::{EntryInput, NewEntry};
use leap_core::feedback::{Group, NewRequest};
use leap_core::{fit, plan};
use leap_store::{Closing, NewEvidence, NewPlanItem};
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

mod career;
mod reports;
mod sharing;

pub(crate) use sharing::parse_parts;

use crate::auth::ApiMe;
use crate::error::{ApiError, WebError};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "leap", description = "From technical IT into IT management: readiness, plan, evidence."),
    modifiers(&Security),
    tags(
        (name = "framework", description = "The competency framework in use"),
        (name = "readiness", description = "Assessments, fit check, readiness and gaps"),
        (name = "plan", description = "The development plan"),
        (name = "journal", description = "The evidence journal"),
        (name = "feedback", description = "360 feedback requests and their results"),
        (name = "opportunities", description = "Opportunities, their stages and interview debriefs"),
        (name = "contacts", description = "Contacts, interactions and follow-ups"),
        (name = "checkins", description = "Check-ins, the agenda and calendar feeds"),
        (name = "sharing", description = "Sharing with a mentor or manager, the audit log and comments"),
        (name = "reports", description = "Progress, the promotion packet and the export of all your data"),
    )
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(status))
        .routes(routes!(update_profile))
        .routes(routes!(framework, use_framework))
        .routes(routes!(gap))
        .routes(routes!(assessments, assess))
        .routes(routes!(fit_check))
        .routes(routes!(get_plan))
        .routes(routes!(generate_plan))
        .routes(routes!(add_plan_item))
        .routes(routes!(plan_item_done))
        .routes(routes!(plan_item_drop))
        .routes(routes!(journal, add_entry))
        .routes(routes!(get_entry, update_entry, delete_entry))
        .routes(routes!(feedback_requests, request_feedback))
        .routes(routes!(feedback_request))
        .routes(routes!(close_feedback_request))
        .routes(routes!(feedback_results))
        .merge(career::routes())
        .merge(sharing::routes())
        .merge(reports::routes())
}

pub(crate) type ApiResult<T> = Result<T, ApiError>;

/// Where you stand, as `leap status --json`: readiness and band, top gaps,
/// plan items due in 30 days, recent evidence, what to do next.
#[utoipa::path(get, path = "/api/v1/status", tag = "readiness", security(("token" = [])),
    responses((status = 200, description = "{name, current_role, target, framework, readiness, band, top_gaps, due, recent_evidence, next}")))]
async fn status(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<serde_json::Value>> {
    let s =
        leap_app::status::status(&*state.store, &me.profile, &me.framework, state.today()).await?;
    Ok(Json(to_value(&leap_app::json::StatusView::new(&s))?))
}

#[derive(Deserialize, ToSchema)]
struct ProfileInput {
    name: Option<String>,
    /// A role id of the framework.
    current_role: Option<String>,
    /// A role id of the framework.
    target: Option<String>,
}

/// Changes your name, current role or target role; absent fields are kept.
#[utoipa::path(put, path = "/api/v1/profile", tag = "readiness", request_body = ProfileInput, security(("token" = [])),
    responses((status = 200, description = "The status, as GET /api/v1/status"), (status = 422, description = "Unknown role or empty name")))]
async fn update_profile(
    State(state): State<AppState>,
    me: ApiMe,
    Json(input): Json<ProfileInput>,
) -> ApiResult<Json<serde_json::Value>> {
    let f = &me.framework;
    let name = input
        .name
        .as_deref()
        .map(leap_core::profile::PersonName::parse)
        .transpose()?;
    let name = name.as_ref().map(|n| n.as_str());
    if let Some(r) = &input.current_role {
        f.parse_role("current role", r)?;
    }
    if let Some(r) = &input.target {
        f.parse_role("target role", r)?;
    }
    state
        .store
        .update_profile(
            me.profile.person,
            name,
            input.current_role.as_deref(),
            input.target.as_deref(),
        )
        .await?;
    let profile = state.store.profile(me.profile.person).await?;
    let s = leap_app::status::status(&*state.store, &profile, f, state.today()).await?;
    Ok(Json(to_value(&leap_app::json::StatusView::new(&s))?))
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
    Json(input): Json<FrameworkInput>,
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

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct GapQuery {
    /// Another role to measure against (your target is unchanged).
    target: Option<String>,
}

/// Readiness and gaps for the target role, as `leap gap --json`.
#[utoipa::path(get, path = "/api/v1/gap", tag = "readiness", params(GapQuery), security(("token" = [])),
    responses((status = 200, description = "{target, readiness, band, competencies:[{id, expected, current, gap, evidence, ...}], explanation}"),
              (status = 409, description = "No self-assessment yet"),
              (status = 422, description = "Unknown target role")))]
async fn gap(
    State(state): State<AppState>,
    me: ApiMe,
    Query(q): Query<GapQuery>,
) -> ApiResult<Json<leap_core::readiness::Readiness>> {
    let role = me.framework.parse_role(
        "target",
        q.target.as_deref().unwrap_or(&me.profile.target_role),
    )?;
    let r = leap_app::readiness::readiness_for(
        &*state.store,
        me.profile.person,
        &me.framework,
        role,
        state.today(),
    )
    .await?
    .ok_or_else(no_assessment)?;
    Ok(Json(r))
}

fn no_assessment() -> WebError {
    WebError::new(
        StatusCode::CONFLICT,
        "no_assessment",
        "no self-assessment yet: assess yourself first",
    )
}

/// Every assessment snapshot, oldest first.
#[utoipa::path(get, path = "/api/v1/assessments", tag = "readiness", security(("token" = [])),
    responses((status = 200, description = "{assessments:[{id, date, source, framework_hash, levels:{competency-id: level}}]}")))]
async fn assessments(
    State(state): State<AppState>,
    me: ApiMe,
) -> ApiResult<Json<serde_json::Value>> {
    let all = state.store.assessments(me.profile.person).await?;
    Ok(Json(to_value(&leap_app::json::AssessmentsView::new(&all))?))
}

#[derive(Deserialize, ToSchema)]
struct AssessInput {
    /// competency id → level. Competencies left out keep the last level;
    /// a first assessment must rate every competency.
    levels: BTreeMap<String, i64>,
}

#[derive(Serialize)]
struct Created {
    id: i64,
}

/// Stores a dated self-assessment snapshot.
#[utoipa::path(post, path = "/api/v1/assessments", tag = "readiness", request_body = AssessInput, security(("token" = [])),
    responses((status = 201, description = "{id}"), (status = 422, description = "Unknown competency, level outside the scale, or missing levels")))]
async fn assess(
    State(state): State<AppState>,
    me: ApiMe,
    Json(input): Json<AssessInput>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let f = &me.framework;
    let mut rated = Levels::default();
    for (c, level) in &input.levels {
        let id = f.parse_competency("competency", c)?;
        rated.set(id, f.scale.level(&format!("level for '{c}'"), *level)?);
    }
    let previous =
        leap_app::readiness::latest_self_levels(&*state.store, me.profile.person, f).await?;
    let snapshot =
        assessment::complete(f, rated, previous.as_ref().map(|(_, l)| l)).map_err(|missing| {
            let ids: Vec<&str> = missing.iter().map(|c| c.as_str()).collect();
            WebError::invalid(
                "levels",
                format!(
                    "no level for {}: a first assessment rates every competency",
                    ids.join(", ")
                ),
            )
        })?;
    let id = state
        .store
        .add_assessment(
            me.profile.person,
            &me.profile.framework_hash,
            Source::SelfRating,
            state.today(),
            &snapshot.levels,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, ToSchema)]
struct FitInput {
    /// fit statement id → agreement from 1 (strongly disagree) to 5.
    answers: BTreeMap<String, i64>,
}

/// Scores and stores a fit check, as `leap fit --json`.
#[utoipa::path(post, path = "/api/v1/fit", tag = "readiness", request_body = FitInput, security(("token" = [])),
    responses((status = 200, description = "{management, technical, recommendation, reasons, next_step}"), (status = 422, description = "Unknown statement, missing answer or answer outside 1..5")))]
async fn fit_check(
    State(state): State<AppState>,
    me: ApiMe,
    Json(input): Json<FitInput>,
) -> ApiResult<Json<fit::FitResult>> {
    let answers = fit::answers_from(&me.framework, input.answers)?;
    let result = leap_app::fit::take_fit_check(
        &*state.store,
        &me.profile,
        &me.framework,
        &answers,
        state.today(),
    )
    .await?;
    Ok(Json(result))
}

/// The current plan, as `leap plan --json`.
#[utoipa::path(get, path = "/api/v1/plan", tag = "plan", security(("token" = [])),
    responses((status = 200, description = "{target, horizon_months, items:[{id, action, title, kind, competencies, due, status, note, closed_on}]}")))]
async fn get_plan(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<serde_json::Value>> {
    let plan = state.store.plan(me.profile.person).await?;
    Ok(Json(to_value(&PlanView::new(
        &plan,
        &me.profile.target_role,
    ))?))
}

pub(crate) fn to_value(v: &impl Serialize) -> Result<serde_json::Value, WebError> {
    serde_json::to_value(v).map_err(|e| WebError::internal(e.to_string()))
}

#[derive(Deserialize, ToSchema)]
struct GenerateInput {
    /// Months the plan spans, 1 to 36 (default 12).
    horizon_months: Option<i64>,
    /// Pieces of work in flight at once, 1 to 6 (default: the last plan's, else 2).
    at_once: Option<i64>,
    /// Build a management plan although the fit check points to the technical track.
    #[serde(default)]
    despite_fit: bool,
}

/// Generates a new plan; finished items are kept.
#[utoipa::path(post, path = "/api/v1/plan/generate", tag = "plan", request_body = GenerateInput, security(("token" = [])),
    responses((status = 200, description = "The new plan, as GET /api/v1/plan, with later, overflow_weeks and uncovered"), (status = 409, description = "No self-assessment yet (no_assessment), or the fit check points to the technical track (fit_says_technical: send despite_fit)"), (status = 422, description = "Horizon outside 1..36 or at_once outside 1..6")))]
async fn generate_plan(
    State(state): State<AppState>,
    me: ApiMe,
    Json(input): Json<GenerateInput>,
) -> ApiResult<Json<serde_json::Value>> {
    let horizon = plan::horizon(
        input
            .horizon_months
            .unwrap_or(i64::from(plan::DEFAULT_HORIZON_MONTHS)),
    )?;
    let at_once = input.at_once.map(plan::at_once).transpose()?;
    let role = me.framework.parse_role("target", &me.profile.target_role)?;
    let options = leap_app::plan::PlanOptions {
        horizon_months: horizon,
        at_once,
        despite_fit: input.despite_fit,
    };
    match leap_app::plan::generate_plan(
        &*state.store,
        &me.profile,
        &me.framework,
        role,
        options,
        state.today(),
    )
    .await?
    .ok_or_else(no_assessment)?
    {
        leap_app::plan::PlanOutcome::Made(made) => Ok(Json(to_value(&GeneratedView::new(
            &made.record,
            &made.proposal,
            &me.profile.target_role,
        ))?)),
        leap_app::plan::PlanOutcome::Held(hold) => Err(ApiError(WebError::new(
            StatusCode::CONFLICT,
            "fit_says_technical",
            hold.message,
        ))),
    }
}

#[derive(Deserialize, ToSchema)]
struct ItemInput {
    text: String,
    competencies: Vec<String>,
    /// experience (default), relationship or education.
    kind: Option<String>,
    /// YYYY-MM-DD, today or later; default in 90 days.
    due: Option<String>,
}

/// Adds an item of your own.
#[utoipa::path(post, path = "/api/v1/plan/items", tag = "plan", request_body = ItemInput, security(("token" = [])),
    responses((status = 201, description = "The item"), (status = 422, description = "Invalid text, kind, competency or due date")))]
async fn add_plan_item(
    State(state): State<AppState>,
    me: ApiMe,
    Json(input): Json<ItemInput>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let new = plan::NewItem::parse(
        &me.framework,
        &input.text,
        &input.competencies,
        input.kind.as_deref(),
        input.due.as_deref(),
        state.today(),
    )?;
    let item = state
        .store
        .add_plan_item(
            me.profile.person,
            NewPlanItem {
                title: new.title.as_str(),
                kind: new.kind,
                competencies: &new.competencies,
                due: new.due,
                today: state.today(),
            },
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(to_value(&PlanItemView::from(&item))?),
    ))
}

#[derive(Deserialize, ToSchema, Default)]
struct NoteInput {
    note: Option<String>,
}

async fn close(
    state: &AppState,
    me: &ApiMe,
    id: i64,
    closing: Closing,
    note: Option<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let note = note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let closed = leap_app::plan::close_plan_item(
        &*state.store,
        me.profile.person,
        &me.framework,
        id,
        closing,
        state.today(),
        note,
    )
    .await?;
    let mut value = to_value(&PlanItemView::from(&closed.item))?;
    if let Some(map) = value.as_object_mut() {
        // What the note showed besides the item's own competencies.
        map.insert("also".to_owned(), suggestions_value(&closed.also)?);
    }
    Ok(Json(value))
}

/// Marks a plan item done; it then counts as evidence.
#[utoipa::path(post, path = "/api/v1/plan/items/{id}/done", tag = "plan", request_body = NoteInput,
    params(("id" = i64, Path, description = "Plan item id")), security(("token" = [])),
    responses((status = 200, description = "The item, with `also`: competencies its note showed besides the item's, each with why"), (status = 404, description = "No such item in your plan"), (status = 409, description = "Already closed")))]
async fn plan_item_done(
    State(state): State<AppState>,
    me: ApiMe,
    Path(id): Path<i64>,
    Json(input): Json<NoteInput>,
) -> ApiResult<Json<serde_json::Value>> {
    close(&state, &me, id, Closing::Done, input.note).await
}

/// Drops a plan item; its action is not proposed again.
#[utoipa::path(post, path = "/api/v1/plan/items/{id}/drop", tag = "plan", request_body = NoteInput,
    params(("id" = i64, Path, description = "Plan item id")), security(("token" = [])),
    responses((status = 200, description = "The item"), (status = 404, description = "No such item in your plan"), (status = 409, description = "Already closed")))]
async fn plan_item_drop(
    State(state): State<AppState>,
    me: ApiMe,
    Path(id): Path<i64>,
    Json(input): Json<NoteInput>,
) -> ApiResult<Json<serde_json::Value>> {
    close(&state, &me, id, Closing::Dropped, input.note).await
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
    Query(q): Query<JournalQuery>,
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
fn suggestions_value(
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
    Json(body): Json<EntryBody>,
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
    Path(id): Path<i64>,
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
    Path(id): Path<i64>,
    Json(body): Json<EntryBody>,
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
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    state.store.delete_evidence(me.profile.person, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
struct FeedbackBody {
    /// Each `GROUP:NAME` or `GROUP:NAME <EMAIL>`; GROUP is manager, peer,
    /// direct-report or other.
    raters: Vec<String>,
    /// Competency ids; absent or empty: those the target role expects.
    #[serde(default)]
    competencies: Vec<String>,
    /// The last day raters can answer, YYYY-MM-DD.
    closes_on: String,
    /// Answers needed before a group is shown, by group; only above the
    /// defaults (manager 1, others 3).
    #[serde(default)]
    minimums: BTreeMap<String, i64>,
}

/// Your feedback requests, newest first, with answers counted per group.
#[utoipa::path(get, path = "/api/v1/feedback", tag = "feedback", security(("token" = [])),
    responses((status = 200, description = "[{id, created_on, closes_on, closed_on, open, competencies, minimums, groups, raters}]")))]
async fn feedback_requests(
    State(state): State<AppState>,
    me: ApiMe,
) -> ApiResult<Json<serde_json::Value>> {
    let all = state.store.feedback_requests(me.profile.person).await?;
    let today = state.today();
    let views: Vec<FeedbackRequestView> = all
        .iter()
        .map(|r| FeedbackRequestView::new(r, today))
        .collect();
    Ok(Json(to_value(&views)?))
}

/// Asks for feedback: each rater gets a link of their own, returned only
/// here (and e-mailed when the server has SMTP set up).
#[utoipa::path(post, path = "/api/v1/feedback", tag = "feedback", request_body = FeedbackBody, security(("token" = [])),
    responses((status = 201, description = "{request, links: [{name, group, url, mailed, mail_error}]}"), (status = 422, description = "Invalid rater, competency, closing date or minimum")))]
async fn request_feedback(
    State(state): State<AppState>,
    me: ApiMe,
    Json(body): Json<FeedbackBody>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let f = &me.framework;
    let mut minimums = Vec::new();
    for (group, n) in &body.minimums {
        minimums.push((Group::parse("minimums group", group)?, *n));
    }
    let target = f.parse_role("target", &me.profile.target_role)?;
    let new = NewRequest::parse(
        f,
        target,
        &body.competencies,
        &body.raters,
        &body.closes_on,
        &minimums,
        state.today(),
    )
    .map_err(|problems| {
        let field = problems
            .first()
            .map_or("request", |(f, _)| f.as_str())
            .to_owned();
        let message: Vec<String> = problems.iter().map(|(_, e)| e.to_string()).collect();
        WebError::invalid(&field, message.join("; "))
    })?;
    let created = state.request_feedback(&me.profile, &new).await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({
            "request": to_value(&FeedbackRequestView::new(&created.request, state.today()))?,
            "links": to_value(&created.links)?,
        })),
    ))
}

/// One of your feedback requests: answers counted per group, never who.
#[utoipa::path(get, path = "/api/v1/feedback/{id}", tag = "feedback", params(("id" = i64, Path, description = "Request id")), security(("token" = [])),
    responses((status = 200, description = "{id, created_on, closes_on, closed_on, open, competencies, minimums, groups, raters}"), (status = 404, description = "No such request of yours")))]
async fn feedback_request(
    State(state): State<AppState>,
    me: ApiMe,
    Path(id): Path<i64>,
) -> ApiResult<Json<serde_json::Value>> {
    let r = state.store.feedback_request(me.profile.person, id).await?;
    Ok(Json(to_value(&FeedbackRequestView::new(
        &r,
        state.today(),
    ))?))
}

/// Closes a request before its closing date: answers stop, results open.
#[utoipa::path(post, path = "/api/v1/feedback/{id}/close", tag = "feedback", params(("id" = i64, Path, description = "Request id")), security(("token" = [])),
    responses((status = 200, description = "The request"), (status = 404, description = "No such request of yours"), (status = 409, description = "Closed already")))]
async fn close_feedback_request(
    State(state): State<AppState>,
    me: ApiMe,
    Path(id): Path<i64>,
    // A JSON body, as every write needs (a cross-site form cannot send one).
    Json(_body): Json<serde_json::Value>,
) -> ApiResult<Json<serde_json::Value>> {
    let person = me.profile.person;
    state
        .store
        .close_feedback_request(person, id, state.today())
        .await?;
    let r = state.store.feedback_request(person, id).await?;
    Ok(Json(to_value(&FeedbackRequestView::new(
        &r,
        state.today(),
    ))?))
}

/// The results of a closed request: per competency, self, each group with
/// at least its minimum of answers, and all of those together.
#[utoipa::path(get, path = "/api/v1/feedback/{id}/results", tag = "feedback", params(("id" = i64, Path, description = "Request id")), security(("token" = [])),
    responses((status = 200, description = "As `leap feedback results --json`"), (status = 404, description = "No such request of yours"), (status = 409, description = "Still open")))]
async fn feedback_results(
    State(state): State<AppState>,
    me: ApiMe,
    Path(id): Path<i64>,
) -> ApiResult<Json<serde_json::Value>> {
    let person = me.profile.person;
    let today = state.today();
    let r = state.store.feedback_request(person, id).await?;
    let results =
        leap_app::feedback::feedback_results(&*state.store, person, &me.framework, &r, today)
            .await?;
    Ok(Json(to_value(&FeedbackResultsView {
        id,
        closed_on: r.closed(today).map(|d| d.to_string()),
        results: &results,
    })?))
}

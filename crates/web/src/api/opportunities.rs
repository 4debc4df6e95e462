//! Opportunities over the API: their stages, debriefs and the summary
//! across debriefs.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use leap_app::json::{DebriefedView, OpportunitiesView, OpportunityView, SuggestionView};
use leap_core::opportunity::{
    self, DebriefInput, NewDebrief, NewOpportunity, OpportunityInput, Stage,
};
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
        .routes(routes!(opportunities, add_opportunity))
        .routes(routes!(get_opportunity))
        .routes(routes!(move_opportunity))
        .routes(routes!(add_debrief))
}

/// Every opportunity with its stages, debriefs and the framework's advice,
/// and what keeps coming up across debriefs.
#[utoipa::path(get, path = "/api/v1/opportunities", tag = "opportunities", security(("token" = [])),
    responses((status = 200, description = "{opportunities:[{id, organisation, title, role, company_profile, internal, source, stage, next_step, created_on, stages, debriefs, advice}], summary:{debriefs, cited, chosen_experience}}", body = OpportunitiesView)))]
async fn opportunities(
    State(state): State<AppState>,
    me: ApiMe,
) -> ApiResult<Json<OpportunitiesView>> {
    let all = state.store.opportunities(me.profile.person).await?;
    Ok(Json(OpportunitiesView::new(&me.framework, &all)))
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
    /// YYYY-MM-DD, the day it reached its stage (for an opening recorded
    /// afterwards); default today, not later.
    on: Option<String>,
    next_step: Option<String>,
    /// YYYY-MM-DD.
    next_step_on: Option<String>,
}

/// Adds an opportunity.
#[utoipa::path(post, path = "/api/v1/opportunities", tag = "opportunities", request_body = OpportunityBody, security(("token" = [])),
    responses((status = 201, description = "The opportunity, as GET /api/v1/opportunities/{id}", body = OpportunityView), (status = 422, description = "A field is invalid; the message names it")))]
async fn add_opportunity(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(b): ApiJson<OpportunityBody>,
) -> ApiResult<(StatusCode, Json<OpportunityView>)> {
    let on = leap_core::text::past_date("on", b.on.as_deref(), state.today())?;
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
    let id = state.store.add_opportunity(person, &new, on).await?;
    let o = state.store.opportunity(person, id).await?;
    Ok((
        StatusCode::CREATED,
        Json(OpportunityView::new(&me.framework, &o)),
    ))
}

/// One opportunity, with the framework's advice for its kind of company.
#[utoipa::path(get, path = "/api/v1/opportunities/{id}", params(("id" = i64, Path, description = "Its id")), tag = "opportunities", security(("token" = [])),
    responses((status = 200, description = "The opportunity", body = OpportunityView), (status = 404, description = "Not one of yours")))]
async fn get_opportunity(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<OpportunityView>> {
    let o = state.store.opportunity(me.profile.person, id).await?;
    Ok(Json(OpportunityView::new(&me.framework, &o)))
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
#[utoipa::path(post, path = "/api/v1/opportunities/{id}/move", params(("id" = i64, Path, description = "Its id")), tag = "opportunities", request_body = MoveBody, security(("token" = [])),
    responses((status = 200, description = "The opportunity", body = OpportunityView), (status = 404, description = "Not one of yours"),
              (status = 409, description = "Already at that stage, or dated before its last move"), (status = 422, description = "Unknown stage or bad date")))]
async fn move_opportunity(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<MoveBody>,
) -> ApiResult<Json<OpportunityView>> {
    let stage = Stage::parse("stage", &b.stage)?;
    let on = leap_core::text::past_date("on", b.on.as_deref(), state.today())?;
    let step = opportunity::next_step(b.next_step.as_deref(), b.next_step_on.as_deref())?;
    let o = state
        .store
        .move_opportunity(me.profile.person, id, stage, on, step.as_ref())
        .await?;
    Ok(Json(OpportunityView::new(&me.framework, &o)))
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

/// Records an interview debrief; its reasons are tagged to competencies.
#[utoipa::path(post, path = "/api/v1/opportunities/{id}/debriefs", params(("id" = i64, Path, description = "Its id")), tag = "opportunities", request_body = DebriefBody, security(("token" = [])),
    responses((status = 201, description = "{id, opportunity, competencies, suggested, suggestions: [{competency, score, matched, like, why}]}", body = DebriefedView), (status = 404, description = "Not one of yours"), (status = 422, description = "A field is invalid")))]
async fn add_debrief(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<DebriefBody>,
) -> ApiResult<(StatusCode, Json<DebriefedView>)> {
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
        Json(DebriefedView {
            id: debrief,
            opportunity: id,
            competencies: new.competencies.clone(),
            suggested: new.suggested,
            suggestions: SuggestionView::all(&new.suggestions),
        }),
    ))
}

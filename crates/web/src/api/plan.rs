//! The development plan over the API: generate, add, done (the note read
//! for what else it shows) and drop.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use leap_app::json::{GeneratedView, PlanItemClosedView, PlanItemView, PlanView};
use leap_core::plan;
use leap_store::{Closing, NewPlanItem};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{ApiJson, ApiPath};
use super::ApiResult;
use crate::auth::ApiMe;
use crate::error::{ApiError, WebError};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_plan))
        .routes(routes!(generate_plan))
        .routes(routes!(add_plan_item))
        .routes(routes!(plan_item_done))
        .routes(routes!(plan_item_drop))
}

/// The current plan, as `leap plan --json`.
#[utoipa::path(get, path = "/api/v1/plan", tag = "plan", security(("token" = [])),
    responses((status = 200, description = "Your plan", body = PlanView)))]
async fn get_plan(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<PlanView>> {
    let plan = state.store.plan(me.profile.person).await?;
    Ok(Json(PlanView::new(&plan, &me.profile.target_role)))
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
    /// The month the organisation's financial year starts: a name ("april", "apr") or a number (4 or "4", as GET /api/v1/plan gives it); "" forgets it (default: the last plan's). Budget work goes in the budget round, the four months before it.
    year_starts: Option<MonthInput>,
}

/// A month as a client sends it: the number GET returns, or a name.
#[derive(Deserialize, ToSchema)]
#[serde(
    untagged,
    expecting = "year-starts: a month, by name (april, apr) or number (1 to 12); \"\" to forget it"
)]
enum MonthInput {
    Number(i64),
    Name(String),
}

impl MonthInput {
    fn typed(&self) -> String {
        match self {
            MonthInput::Number(n) => n.to_string(),
            MonthInput::Name(s) => s.clone(),
        }
    }
}

/// Generates a new plan; finished items are kept.
#[utoipa::path(post, path = "/api/v1/plan/generate", tag = "plan", request_body = GenerateInput, security(("token" = [])),
    responses((status = 200, description = "The new plan, as GET /api/v1/plan, with later, overflow_weeks and uncovered", body = GeneratedView), (status = 409, description = "No self-assessment yet (no_assessment), or the fit check points to the technical track (fit_says_technical: send despite_fit)"), (status = 422, description = "Horizon outside 1..36, at_once outside 1..6 or year_starts not a month")))]
async fn generate_plan(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(input): ApiJson<GenerateInput>,
) -> ApiResult<Json<GeneratedView>> {
    let horizon = plan::horizon(
        input
            .horizon_months
            .unwrap_or(i64::from(plan::DEFAULT_HORIZON_MONTHS)),
    )?;
    let at_once = input.at_once.map(plan::at_once).transpose()?;
    let year_starts = input
        .year_starts
        .as_ref()
        .map(|m| plan::FinancialYear::parse_or_unset("year-starts", &m.typed()))
        .transpose()?;
    let role = me.framework.parse_role("target", &me.profile.target_role)?;
    let options = leap_app::plan::PlanOptions {
        horizon_months: horizon,
        at_once,
        despite_fit: input.despite_fit,
        year_starts,
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
    {
        leap_app::plan::PlanOutcome::Made(made) => Ok(Json(GeneratedView::new(
            &made.record,
            &made.proposal,
            &me.profile.target_role,
        ))),
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
    responses((status = 201, description = "The item", body = PlanItemView), (status = 422, description = "Invalid text, kind, competency or due date")))]
async fn add_plan_item(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(input): ApiJson<ItemInput>,
) -> ApiResult<(StatusCode, Json<PlanItemView>)> {
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
    Ok((StatusCode::CREATED, Json(PlanItemView::from(&item))))
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
) -> ApiResult<Json<PlanItemClosedView>> {
    let closed = leap_app::plan::close_plan_item(
        &*state.store,
        me.profile.person,
        &me.framework,
        id,
        closing,
        state.today(),
        note.as_deref(),
    )
    .await?;
    Ok(Json(PlanItemClosedView {
        item: PlanItemView::from(&closed.item),
        // What the note showed besides the item's own competencies.
        also: leap_app::json::SuggestionView::all(&closed.also),
    }))
}

/// Marks a plan item done; it then counts as evidence.
#[utoipa::path(post, path = "/api/v1/plan/items/{id}/done", tag = "plan", request_body = NoteInput,
    params(("id" = i64, Path, description = "Plan item id")), security(("token" = [])),
    responses((status = 200, description = "The item, with `also`: competencies its note showed besides the item's, each with why", body = PlanItemClosedView), (status = 404, description = "No such item in your plan"), (status = 409, description = "Already closed")))]
async fn plan_item_done(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<NoteInput>,
) -> ApiResult<Json<PlanItemClosedView>> {
    close(&state, &me, id, Closing::Done, input.note).await
}

/// Drops a plan item; its action is not proposed again.
#[utoipa::path(post, path = "/api/v1/plan/items/{id}/drop", tag = "plan", request_body = NoteInput,
    params(("id" = i64, Path, description = "Plan item id")), security(("token" = [])),
    responses((status = 200, description = "The item, with `also` (empty)", body = PlanItemClosedView), (status = 404, description = "No such item in your plan"), (status = 409, description = "Already closed")))]
async fn plan_item_drop(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<NoteInput>,
) -> ApiResult<Json<PlanItemClosedView>> {
    close(&state, &me, id, Closing::Dropped, input.note).await
}

//! 360 feedback over the API: requests, their raters' links and results.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use leap_app::json::{FeedbackRequestView, FeedbackRequestedView, FeedbackResultsView};
use leap_core::feedback::{Group, NewRequest};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{ApiJson, ApiPath};
use super::ApiResult;
use crate::auth::ApiMe;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(feedback_requests, request_feedback))
        .routes(routes!(feedback_request))
        .routes(routes!(close_feedback_request))
        .routes(routes!(feedback_results))
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
    responses((status = 200, description = "Your requests", body = [FeedbackRequestView])))]
async fn feedback_requests(
    State(state): State<AppState>,
    me: ApiMe,
) -> ApiResult<Json<Vec<FeedbackRequestView>>> {
    let all = state.store.feedback_requests(me.profile.person).await?;
    let today = state.today();
    let views: Vec<FeedbackRequestView> = all
        .iter()
        .map(|r| FeedbackRequestView::new(r, today))
        .collect();
    Ok(Json(views))
}

/// Asks for feedback: each rater gets a link of their own, returned only
/// here (and e-mailed when the server has SMTP set up).
#[utoipa::path(post, path = "/api/v1/feedback", tag = "feedback", request_body = FeedbackBody, security(("token" = [])),
    responses((status = 201, description = "The request and each rater's link, shown this once", body = FeedbackRequestedView), (status = 422, description = "Invalid rater, competency, closing date or minimum")))]
async fn request_feedback(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(body): ApiJson<FeedbackBody>,
) -> ApiResult<(StatusCode, Json<FeedbackRequestedView>)> {
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
        Json(FeedbackRequestedView {
            request: FeedbackRequestView::new(&created.request, state.today()),
            links: created.links,
        }),
    ))
}

/// One of your feedback requests: answers counted per group, never who.
#[utoipa::path(get, path = "/api/v1/feedback/{id}", tag = "feedback", params(("id" = i64, Path, description = "Request id")), security(("token" = [])),
    responses((status = 200, description = "The request", body = FeedbackRequestView), (status = 404, description = "No such request of yours")))]
async fn feedback_request(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<FeedbackRequestView>> {
    let r = state.store.feedback_request(me.profile.person, id).await?;
    Ok(Json(FeedbackRequestView::new(&r, state.today())))
}

/// Closes a request before its closing date: answers stop, results open.
#[utoipa::path(post, path = "/api/v1/feedback/{id}/close", tag = "feedback", params(("id" = i64, Path, description = "Request id")), security(("token" = [])),
    responses((status = 200, description = "The request", body = FeedbackRequestView), (status = 404, description = "No such request of yours"), (status = 409, description = "Closed already")))]
async fn close_feedback_request(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
    // A JSON body, as every write needs (a cross-site form cannot send one).
    ApiJson(_body): ApiJson<serde_json::Value>,
) -> ApiResult<Json<FeedbackRequestView>> {
    let person = me.profile.person;
    state
        .store
        .close_feedback_request(person, id, state.today())
        .await?;
    let r = state.store.feedback_request(person, id).await?;
    Ok(Json(FeedbackRequestView::new(&r, state.today())))
}

/// The results of a closed request: per competency, self, each group with
/// at least its minimum of answers, and all of those together.
#[utoipa::path(get, path = "/api/v1/feedback/{id}/results", tag = "feedback", params(("id" = i64, Path, description = "Request id")), security(("token" = [])),
    responses((status = 200, description = "As `leap feedback results --json`", body = FeedbackResultsView), (status = 404, description = "No such request of yours"), (status = 409, description = "Still open")))]
async fn feedback_results(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<FeedbackResultsView>> {
    let person = me.profile.person;
    let today = state.today();
    let r = state.store.feedback_request(person, id).await?;
    let results =
        leap_app::feedback::feedback_results(&*state.store, person, &me.framework, &r, today)
            .await?;
    Ok(Json(FeedbackResultsView {
        id,
        closed_on: r.closed(today),
        results,
    }))
}

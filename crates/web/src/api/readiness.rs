//! Readiness over the API: gaps, self-assessments and the fit check.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use leap_core::assessment::{self, Levels, Source};
use leap_core::fit;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{ApiJson, ApiQuery};
use leap_app::json::{AssessmentsView, Created};

use super::ApiResult;
use crate::auth::ApiMe;
use crate::error::WebError;
use crate::state::{AppState, Packed};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(gap))
        .routes(routes!(assessments, assess))
        .routes(routes!(fit_check))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct GapQuery {
    /// Another role to measure against (your target is unchanged).
    target: Option<String>,
}

/// Readiness and gaps for the target role, as `leap gap --json`.
#[utoipa::path(get, path = "/api/v1/gap", tag = "readiness", params(GapQuery), security(("token" = [])),
    responses((status = 200, description = "{target, readiness, band, competencies:[{id, expected, current, gap, evidence, ...}], explanation}", body = leap_core::readiness::Readiness),
              (status = 409, description = "No self-assessment yet"),
              (status = 422, description = "Unknown target role")))]
async fn gap(
    State(state): State<AppState>,
    me: ApiMe,
    ApiQuery(q): ApiQuery<GapQuery>,
) -> ApiResult<JsonText> {
    let role = me.framework.parse_role(
        "target",
        q.target.as_deref().unwrap_or(&me.profile.target_role),
    )?;
    let today = state.today();
    let key = (me.profile.person.0, role.id.as_str().to_owned());
    if let Some(kept) = state.gaps.get(&key, &me.profile, today) {
        return Ok(JsonText(kept.unpack()?));
    }
    let r = leap_app::readiness::readiness_for(
        &*state.store,
        me.profile.person,
        &me.framework,
        role,
        me.framework.role(&me.profile.current_role),
        today,
    )
    .await?;
    let json = serde_json::to_vec(&r)
        .map_err(|e| WebError::internal(format!("the gap did not serialise: {e}")))?;
    state
        .gaps
        .put(key, &me.profile, today, Arc::new(Packed::pack(&json)));
    Ok(JsonText(json))
}

/// A JSON answer already serialised (as kept for the next request).
struct JsonText(Vec<u8>);

impl IntoResponse for JsonText {
    fn into_response(self) -> Response {
        ([(header::CONTENT_TYPE, "application/json")], self.0).into_response()
    }
}

/// Every assessment snapshot, oldest first.
#[utoipa::path(get, path = "/api/v1/assessments", tag = "readiness", security(("token" = [])),
    responses((status = 200, description = "Your assessments, oldest first", body = AssessmentsView)))]
async fn assessments(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<AssessmentsView>> {
    let all = state.store.assessments(me.profile.person).await?;
    Ok(Json(AssessmentsView::new(&all)))
}

#[derive(Deserialize, ToSchema)]
struct AssessInput {
    /// competency id → level. Competencies left out keep the last level;
    /// a first assessment must rate every competency.
    levels: BTreeMap<String, i64>,
}

/// Stores a dated self-assessment snapshot.
#[utoipa::path(post, path = "/api/v1/assessments", tag = "readiness", request_body = AssessInput, security(("token" = [])),
    responses((status = 201, description = "The assessment's id", body = Created), (status = 422, description = "Unknown competency, level outside the scale, or missing levels")))]
async fn assess(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(input): ApiJson<AssessInput>,
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
    responses((status = 200, description = "{management, technical, recommendation, reasons, next_step}", body = leap_core::fit::FitResult), (status = 422, description = "Unknown statement, missing answer or answer outside 1..5")))]
async fn fit_check(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(input): ApiJson<FitInput>,
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

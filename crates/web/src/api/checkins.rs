//! Check-ins over the API: the history and recording one.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use leap_core::checkin::CheckinInput;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use leap_app::json::{CheckinRecordedView, CheckinsView, SuggestionView};

use super::ApiResult;
use crate::auth::ApiMe;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(checkins, add_checkin))
}

/// Every check-in with its readiness snapshot, oldest first, and when the
/// next is due.
#[utoipa::path(get, path = "/api/v1/checkins", tag = "checkins", security(("token" = [])),
    responses((status = 200, description = "Your check-ins and when the next is due", body = CheckinsView)))]
async fn checkins(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<CheckinsView>> {
    let person = me.profile.person;
    let all = state.store.checkins(person).await?;
    let schedule = state.store.checkin_schedule(person).await?;
    Ok(Json(CheckinsView {
        checkins: all,
        next_due: schedule.due_on(),
        every_days: schedule.every_days,
    }))
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
    responses((status = 201, description = "The check-in: what changed, readiness before and after, what the reflections show", body = CheckinRecordedView), (status = 422, description = "No self-assessment yet, unknown competency or level off the scale")))]
async fn add_checkin(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(b): ApiJson<CheckinBody>,
) -> ApiResult<(StatusCode, Json<CheckinRecordedView>)> {
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
        Json(CheckinRecordedView {
            id: outcome.id,
            changed: outcome.checkin.changed,
            readiness_before: outcome.before.percent(),
            readiness: outcome.after.percent(),
            previous_checkin_readiness: outcome.previous_percent,
            went_well_shows: SuggestionView::all(&outcome.reflection.went_well),
            went_badly_about: SuggestionView::all(&outcome.reflection.went_badly),
        }),
    ))
}

//! The API of a manager's team: the people below them, and the rating of a
//! direct report; and, for the report, that rating beside their own.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use leap_app::json::Created;
use leap_app::rating::Comparison;
use leap_app::team::TeamView;
use leap_store::sharing::Reader;
use leap_store::PersonId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{ApiJson, ApiPath};
use super::ApiResult;
use crate::auth::{ApiMe, ApiViewer};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(team))
        .routes(routes!(rating_of, rate))
        .routes(routes!(my_rating))
}

/// The people below you in the reporting lines who have a profile, direct
/// reports first, each as far as they share with you; the heatmap of gaps
/// of those who share their assessments, and the gaps at least three of
/// them share.
#[utoipa::path(get, path = "/api/v1/team", tag = "team", security(("token" = [])),
    responses((status = 200, description = "Your team", body = TeamView), (status = 404, description = "No one reports to you")))]
async fn team(State(state): State<AppState>, viewer: ApiViewer) -> ApiResult<Json<TeamView>> {
    if !viewer.manages {
        return Err(crate::error::WebError::not_found("team").into());
    }
    Ok(Json(
        leap_app::team::view(
            &*state.store,
            &state.frameworks,
            viewer.account.id,
            state.today(),
        )
        .await?,
    ))
}

#[derive(Serialize, ToSchema)]
struct RatingView {
    name: String,
    /// Your last rating of them, when there is one.
    rated_on: Option<chrono::NaiveDate>,
    /// Competency id and level of your last rating.
    levels: BTreeMap<String, i64>,
}

/// Your last rating of a direct report.
#[utoipa::path(get, path = "/api/v1/team/{person}/rating", params(("person" = i64, Path, description = "The person's id, as GET /api/v1/team lists them")), tag = "team", security(("token" = [])),
    responses((status = 200, description = "Your last rating", body = RatingView), (status = 404, description = "Not your direct report")))]
async fn rating_of(
    State(state): State<AppState>,
    viewer: ApiViewer,
    ApiPath(person): ApiPath<i64>,
) -> ApiResult<Json<RatingView>> {
    let form = state
        .store
        .rating_form(viewer.account.id, PersonId(person))
        .await?;
    Ok(Json(RatingView {
        name: form.name,
        rated_on: form.last.as_ref().map(|a| a.date),
        levels: form
            .last
            .map(|a| a.levels.into_iter().collect())
            .unwrap_or_default(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct RatingBody {
    /// Competency id to level; competencies left out are not rated.
    levels: BTreeMap<String, i64>,
}

/// Rates a direct report on the level descriptions of their framework;
/// they see it beside their own, and it counts in their readiness.
#[utoipa::path(post, path = "/api/v1/team/{person}/rating", params(("person" = i64, Path, description = "The person's id, as GET /api/v1/team lists them")), tag = "team", request_body = RatingBody, security(("token" = [])),
    responses((status = 201, description = "The rating's id", body = Created), (status = 404, description = "Not your direct report"),
              (status = 422, description = "An unknown competency, a level off the scale, or nothing rated")))]
async fn rate(
    State(state): State<AppState>,
    viewer: ApiViewer,
    ApiPath(person): ApiPath<i64>,
    ApiJson(b): ApiJson<RatingBody>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let (_, framework) = crate::team::rating_form(&state, &viewer.account, person).await?;
    let values: Vec<(String, String)> = b
        .levels
        .iter()
        .map(|(c, l)| (c.clone(), l.to_string()))
        .collect();
    let levels = leap_app::rating::levels(
        &framework,
        values.iter().map(|(c, l)| (c.as_str(), l.as_str())),
    )?;
    let id = leap_app::rating::rate(
        &*state.store,
        Reader::from(&viewer.account),
        PersonId(person),
        &levels,
        state.today(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Serialize, ToSchema)]
struct MyRatingView {
    /// None until your manager rates you.
    comparison: Option<Comparison>,
}

/// Your manager's latest rating beside your own levels, differences of two
/// levels or more flagged.
#[utoipa::path(get, path = "/api/v1/rating", tag = "team", security(("token" = [])),
    responses((status = 200, description = "Your manager's rating beside yours", body = MyRatingView)))]
async fn my_rating(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<MyRatingView>> {
    Ok(Json(MyRatingView {
        comparison: leap_app::rating::comparison(&*state.store, me.profile.person, &me.framework)
            .await?,
    }))
}

//! The agenda and calendar feeds over the API.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiPath;
use super::{to_value, ApiResult};
use crate::auth::ApiMe;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(agenda))
        .routes(routes!(calendar_feeds, create_calendar_feed))
        .routes(routes!(revoke_calendar_feed))
}

type Value = Json<serde_json::Value>;

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
#[utoipa::path(delete, path = "/api/v1/calendar-feeds/{id}", params(("id" = i64, Path, description = "Its id")), tag = "checkins", security(("token" = [])),
    responses((status = 204, description = "Revoked"), (status = 404, description = "Not one of yours")))]
async fn revoke_calendar_feed(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    state
        .store
        .revoke_calendar_feed(me.profile.person, id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

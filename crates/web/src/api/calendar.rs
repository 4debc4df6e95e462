//! The agenda and calendar feeds over the API.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiPath;
use leap_app::json::{AgendaView, CalendarFeedCreatedView, CalendarFeedsView};

use super::ApiResult;
use crate::auth::ApiMe;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(agenda))
        .routes(routes!(calendar_feeds, create_calendar_feed))
        .routes(routes!(revoke_calendar_feed))
}

/// This week, as `leap today --json`: what is overdue or due in the next
/// seven days, and open feedback requests.
#[utoipa::path(get, path = "/api/v1/agenda", tag = "checkins", security(("token" = [])),
    responses((status = 200, description = "This week", body = AgendaView)))]
async fn agenda(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<AgendaView>> {
    let today = state.today();
    let sources = leap_app::agenda::agenda_sources(&*state.store, me.profile.person, today).await?;
    Ok(Json(AgendaView {
        today,
        items: leap_core::agenda::this_week(&sources, today),
    }))
}

/// Your calendar feeds (never their addresses: those are shown once).
#[utoipa::path(get, path = "/api/v1/calendar-feeds", tag = "checkins", security(("token" = [])),
    responses((status = 200, description = "Your feeds", body = CalendarFeedsView)))]
async fn calendar_feeds(
    State(state): State<AppState>,
    me: ApiMe,
) -> ApiResult<Json<CalendarFeedsView>> {
    let feeds = state.store.calendar_feeds(me.profile.person).await?;
    Ok(Json(CalendarFeedsView { feeds }))
}

/// Creates a calendar feed: an iCalendar address with a secret token of
/// its own, to subscribe to from a calendar application. Shown once.
#[utoipa::path(post, path = "/api/v1/calendar-feeds", tag = "checkins", security(("token" = [])),
    responses((status = 201, description = "The feed and its address, shown this once", body = CalendarFeedCreatedView)))]
async fn create_calendar_feed(
    State(state): State<AppState>,
    me: ApiMe,
) -> ApiResult<(StatusCode, Json<CalendarFeedCreatedView>)> {
    let (id, url) = crate::calendar::create_feed(&state, me.profile.person).await?;
    Ok((
        StatusCode::CREATED,
        Json(CalendarFeedCreatedView { id, url }),
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

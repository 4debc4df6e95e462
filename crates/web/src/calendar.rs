//! Calendar feeds: a secret address per feed that serves the person's
//! agenda as iCalendar, for calendar applications that cannot sign in.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use leap_store::PersonId;

use crate::error::WebError;
use crate::state::AppState;

pub const FEED_PATH: &str = "/calendar/feed";

/// Creates a feed and returns its id and address (the only time the
/// token is seen: only its hash is stored).
pub async fn create_feed(state: &AppState, person: PersonId) -> Result<(i64, String), WebError> {
    let token = crate::csrf::random_token(32)?;
    let id = state
        .store
        .create_calendar_feed(person, &leap_app::accounts::token_hash(&token), state.now())
        .await?;
    let base = state.config.public_url.trim_end_matches('/');
    Ok((id, format!("{base}{FEED_PATH}/{token}.ics")))
}

/// `GET /calendar/feed/{token}.ics`: 404 for a token that is unknown or
/// revoked.
pub async fn feed(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let token = token.strip_suffix(".ics").unwrap_or(&token);
    let person = state
        .store
        .calendar_person(&leap_app::accounts::token_hash(token))
        .await?
        .ok_or_else(|| WebError::not_found("calendar feed"))?;
    let profile = state.store.profile(person).await?;
    let today = state.today();
    let sources = leap_app::agenda::agenda_sources(&*state.store, person, today).await?;
    let items = leap_core::agenda::all(&sources, today);
    let key = leap_app::calendar::key(&*state.store, person).await?;
    let text = leap_app::calendar::ics(
        &items,
        &profile.name,
        &key,
        Some(&state.config.public_url),
        state.now(),
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        text,
    ))
}

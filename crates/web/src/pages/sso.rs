//! Signing in with the organisation's OpenID provider: `/login/sso` sends
//! the browser there, `/login/sso/callback` takes it back, checks the
//! answer and signs the account in (see [`leap_app::sso`]).
//!
//! The session cookie is `SameSite=Strict`, so a browser coming back from
//! the provider (another site) does not send it. What the sign-in needs
//! kept meanwhile (state, nonce, PKCE verifier) goes in a cookie of its own
//! that is `SameSite=Lax`, lives fifteen minutes and is cleared on return;
//! and the callback answers with a page that moves on to the dashboard
//! itself, a navigation from leap's own page, which sends the new session
//! cookie.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use leap_app::sso::{Pending, SsoError};
use serde::Deserialize;
use tower_sessions::Session;

use super::account::LoginPage;
use crate::auth;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login/sso", get(begin))
        .route("/login/sso/callback", get(callback))
}

fn cookie_name(state: &AppState) -> &'static str {
    if state.config.secure_cookies {
        "__Host-leap-sso"
    } else {
        "leap-sso"
    }
}

fn set_cookie(state: &AppState, value: &str, max_age: i64) -> Option<HeaderValue> {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}",
        cookie_name(state)
    ))
    .ok()
}

/// The sign-in under way, from its cookie.
fn pending(headers: &HeaderMap, state: &AppState) -> Option<Pending> {
    let value = auth::cookie(headers, cookie_name(state))?;
    let bytes = (0..value.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(value.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    serde_json::from_slice(&bytes).ok()
}

fn redirect_uri(state: &AppState) -> String {
    format!(
        "{}/login/sso/callback",
        state.config.public_url.trim_end_matches('/')
    )
}

/// Sends the browser to the provider.
async fn begin(State(state): State<AppState>) -> Result<Response, WebError> {
    let Some(sso) = state.sso.clone() else {
        return Err(WebError::not_found("single sign-on (it is not set up)"));
    };
    let (url, pending) = sso
        .begin(&redirect_uri(&state), state.now())
        .await
        .map_err(refused)?;
    let value: String = serde_json::to_vec(&pending)
        .map_err(|e| WebError::internal(format!("sign-in state: {e}")))?
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut response = Redirect::to(&url).into_response();
    if let Some(c) = set_cookie(&state, &value, 15 * 60) {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    Ok(response)
}

#[derive(Deserialize)]
struct CallbackQuery {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
}

/// The page that moves on to the dashboard (see the module's comment).
#[derive(Template, WebTemplate)]
#[template(path = "signed_in.html")]
struct SignedInPage {
    nav: super::Nav,
    username: String,
}

async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: Session,
    Query(query): Query<CallbackQuery>,
) -> Result<Response, WebError> {
    let Some(sso) = state.sso.clone() else {
        return Err(WebError::not_found("single sign-on (it is not set up)"));
    };
    let cleared = set_cookie(&state, "", 0);
    let with_cleared = |mut r: Response| {
        if let Some(c) = cleared.clone() {
            r.headers_mut().append(header::SET_COOKIE, c);
        }
        r
    };
    let outcome = async {
        if let Some(error) = query.error {
            return Err(SsoError::Provider {
                provider: sso.config.name.clone(),
                why: query.error_description.unwrap_or(error),
            });
        }
        let code = query.code.unwrap_or_default();
        let verified = sso
            .finish(
                pending(&headers, &state),
                query.state.as_deref().unwrap_or(""),
                &code,
                &redirect_uri(&state),
                state.now(),
            )
            .await?;
        leap_app::sso::account_for(&*state.store, &sso.config, &verified, state.now()).await
    }
    .await;
    match outcome {
        Ok(account) => {
            auth::sign_in(&session, &state, &account).await?;
            tracing::info!(username = %account.username, "signed in with single sign-on");
            let page = SignedInPage {
                nav: super::Nav::anonymous(&session).await?,
                username: account.username.clone(),
            };
            let known = auth::known_device(
                &state,
                &account.username,
                auth::device_cookie(&headers, &state).as_deref(),
            )
            .await?;
            let response = auth::remember_device(&state, &account, known, page.into_response());
            Ok(with_cleared(response.await?))
        }
        Err(e) => {
            tracing::warn!(error = %e, "single sign-on refused");
            let status = status_of(&e);
            let mut page = LoginPage::new(&state, &session).await?;
            page.errors.add("form", e.to_string());
            Ok(with_cleared((status, page).into_response()))
        }
    }
}

fn status_of(e: &SsoError) -> StatusCode {
    match e {
        SsoError::Unreachable(..) => StatusCode::BAD_GATEWAY,
        SsoError::NoAccount(_) | SsoError::Disabled(_) | SsoError::Unverified { .. } => {
            StatusCode::FORBIDDEN
        }
        SsoError::App(_) => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    }
}

fn refused(e: SsoError) -> WebError {
    let status = status_of(&e);
    match e {
        SsoError::App(e) => e.into(),
        e => WebError::new(status, "sso_refused", e.to_string()),
    }
}

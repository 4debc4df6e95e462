//! CSRF protection for forms: a random token per session, put in every form
//! as a hidden `csrf` field and checked on every POST. (The JSON API needs a
//! JSON body, which a cross-site form cannot send, and cookies are
//! SameSite=Strict.)

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use tower_sessions::Session;

use crate::error::WebError;
use crate::state::AppState;

const CSRF_KEY: &str = "csrf";

pub fn random_token(bytes: usize) -> Result<String, WebError> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| WebError::internal(format!("no randomness: {e}")))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// The session's CSRF token, made on first use.
pub async fn token(session: &Session) -> Result<String, WebError> {
    let err = |e: tower_sessions::session::Error| WebError::internal(format!("session: {e}"));
    if let Some(t) = session.get::<String>(CSRF_KEY).await.map_err(err)? {
        return Ok(t);
    }
    let t = random_token(32)?;
    session.insert(CSRF_KEY, &t).await.map_err(err)?;
    Ok(t)
}

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

/// A form whose CSRF token has been checked. Repeated fields (check boxes)
/// become lists.
pub struct CsrfForm<T> {
    pub form: T,
    pub session: Session,
}

/// Whether `given` is the session's token (for forms read another way, such
/// as multipart uploads).
pub async fn matches(session: &Session, given: &str) -> Result<bool, WebError> {
    Ok(same(given, &token(session).await?))
}

/// The response for a form whose token does not match.
pub fn rejection() -> WebError {
    tracing::warn!("CSRF token mismatch");
    WebError::new(
        StatusCode::FORBIDDEN,
        "csrf",
        "this form has expired or did not come from leap: go back, reload the page and try again",
    )
}

fn same(a: &str, b: &str) -> bool {
    // Constant time in the length of the expected token.
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let session = Session::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let req = Request::from_parts(parts, body);
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let field: CsrfField = serde_html_form::from_bytes(&bytes).map_err(|e| {
            WebError::new(
                StatusCode::BAD_REQUEST,
                "bad_form",
                format!("unreadable form: {e}"),
            )
            .into_response()
        })?;
        let expected = token(&session).await.map_err(IntoResponse::into_response)?;
        if !same(&field.csrf, &expected) {
            return Err(rejection().into_response());
        }
        // No control characters (but newline and tab) in any field.
        for (name, value) in url::form_urlencoded::parse(&bytes) {
            leap_core::text::check_chars(&name, &value)
                .map_err(|e| WebError::from(e).into_response())?;
        }
        let form = serde_html_form::from_bytes(&bytes).map_err(|e| {
            WebError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "bad_form",
                format!("invalid form: {e}"),
            )
            .into_response()
        })?;
        Ok(Self { form, session })
    }
}

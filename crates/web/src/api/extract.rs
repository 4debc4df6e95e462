//! The API's extractors: axum's `Json`, `Path` and `Query`, whose
//! rejections (a body that is not JSON, a path id that is not a number, a
//! field of the wrong type) answer with the documented
//! `{"error": {"code", "message", "field"}}` instead of plain text.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, WebError};

/// A JSON request body.
pub struct ApiJson<T>(pub T);

/// Path parameters (`{id}`).
pub struct ApiPath<T>(pub T);

/// Query parameters.
pub struct ApiQuery<T>(pub T);

/// The field a serde message names first ("horizon_months: invalid type:
/// …"), when it names one.
fn field_of(message: &str) -> Option<String> {
    // "missing field `text`", "unknown field `txt`"
    if let Some((_, rest)) = message.split_once("field `") {
        return rest.split_once('`').map(|(f, _)| f.to_owned());
    }
    let (head, _) = message.split_once(": ")?;
    let field = head.rsplit(": ").next()?.trim();
    (!field.is_empty()
        && field
            .chars()
            .all(|c| c.is_alphanumeric() || "_.[]".contains(c)))
    .then(|| field.to_owned())
}

fn json_error(r: JsonRejection) -> WebError {
    match r {
        JsonRejection::MissingJsonContentType(_) => WebError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send the body as JSON, with the header Content-Type: application/json",
        ),
        JsonRejection::JsonDataError(e) => {
            let message = e.body_text();
            let message = message
                .strip_prefix("Failed to deserialize the JSON body into the target type: ")
                .unwrap_or(&message)
                .to_owned();
            let mut err = WebError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", &message);
            err.field = field_of(&message);
            err
        }
        JsonRejection::JsonSyntaxError(e) => WebError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            format!("the body is not valid JSON: {}", e.body_text()),
        ),
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => WebError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            "the body is larger than this server accepts",
        ),
        other => WebError::new(other.status(), "bad_request", other.body_text()),
    }
}

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        // Read as JSON first, so that every string in it is checked for
        // control characters (a NUL escaped as \u0000 is valid JSON), then
        // as the route's body, the field that does not fit named.
        let axum::Json(value) = axum::Json::<serde_json::Value>::from_request(req, state)
            .await
            .map_err(|r| ApiError(json_error(r)))?;
        leap_core::text::check_json_chars(&value).map_err(|e| ApiError(e.into()))?;
        serde_path_to_error::deserialize(value)
            .map(Self)
            .map_err(|e| {
                let path = e.path().to_string();
                let message = if path == "." {
                    e.inner().to_string()
                } else {
                    format!("{path}: {}", e.inner())
                };
                let mut err = WebError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", &message);
                err.field = field_of(&message);
                ApiError(err)
            })
    }
}

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::path::ErrorKind;
        use axum::extract::RawPathParams;
        let names: Vec<String> = RawPathParams::from_request_parts(parts, state)
            .await
            .map(|raw| raw.iter().map(|(k, _)| k.to_owned()).collect())
            .unwrap_or_default();
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| Self(v))
            .map_err(|r: PathRejection| {
                let mut e = WebError::new(StatusCode::BAD_REQUEST, "invalid", r.body_text());
                // The parameter that failed: named by the error, or by its
                // place among the route's parameters.
                e.field = match &r {
                    PathRejection::FailedToDeserializePathParams(p) => match p.kind() {
                        ErrorKind::ParseErrorAtKey { key, .. } => Some(key.clone()),
                        ErrorKind::ParseErrorAtIndex { index, .. } => names.get(*index).cloned(),
                        _ if names.len() == 1 => names.first().cloned(),
                        _ => None,
                    },
                    _ => None,
                };
                ApiError(e)
            })
    }
}

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| Self(v))
            .map_err(|r: QueryRejection| {
                let message = r.body_text();
                let message = message
                    .strip_prefix("Failed to deserialize query string: ")
                    .unwrap_or(&message)
                    .to_owned();
                let mut e = WebError::new(StatusCode::BAD_REQUEST, "invalid", &message);
                e.field = field_of(&message);
                ApiError(e)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::field_of;

    #[test]
    fn the_field_is_read_from_serde_messages() {
        assert_eq!(
            field_of(
                "horizon_months: invalid type: string \"x\", expected i64 at line 1 column 22"
            )
            .as_deref(),
            Some("horizon_months")
        );
        assert_eq!(
            field_of("missing field `text` at line 1 column 2").as_deref(),
            Some("text")
        );
        assert_eq!(field_of("expected value at line 1 column 1"), None);
    }
}

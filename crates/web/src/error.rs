//! Errors as responses: an HTML page for the browser, `{"error": {code,
//! message, field}}` for the API, with the same status and message.

use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use leap_app::AppError;
use leap_core::error::FileError;
use leap_core::InvalidValue;
use leap_store::StoreError;
use serde::Serialize;

#[derive(Debug)]
pub struct WebError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub field: Option<String>,
    /// Seconds, for 429.
    pub retry_after: Option<u64>,
}

impl WebError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            field: None,
            retry_after: None,
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{what} not found"),
        )
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let mut e = Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message);
        e.field = Some(field.to_owned());
        e
    }

    pub fn internal(message: impl Into<String>) -> Self {
        let message = message.into();
        tracing::error!(%message, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "something went wrong on the server; it has been logged",
        )
    }

    pub fn too_many(message: impl Into<String>, retry_after: u64) -> Self {
        let mut e = Self::new(StatusCode::TOO_MANY_REQUESTS, "too_many_requests", message);
        e.retry_after = Some(retry_after.max(1));
        e
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        match e.fault() {
            Some(leap_store::Fault::DiskFull) => {
                tracing::error!(error = %e, "the database's disk is full");
                let mut w = Self::new(
                    StatusCode::INSUFFICIENT_STORAGE,
                    "disk_full",
                    "the server's disk is full, so nothing was saved: what you sent is not lost on your side, so keep it and send it again once an administrator has freed space (reading works meanwhile)",
                );
                w.retry_after = Some(60);
                return w;
            }
            Some(leap_store::Fault::Busy) => {
                tracing::warn!(error = %e, "the database is busy");
                let mut w = Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "busy",
                    "the database is busy (another program is holding it), so nothing was done: try again in a moment",
                );
                w.retry_after = Some(5);
                return w;
            }
            Some(leap_store::Fault::Unavailable) => {
                tracing::error!(error = %e, "the database cannot be reached");
                let mut w = Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "the database cannot be reached just now, so nothing was done: try again in a moment",
                );
                w.retry_after = Some(5);
                return w;
            }
            None => {}
        }
        match e {
            // Someone else's object and a missing one look the same.
            StoreError::NotFound { what, .. } => Self::not_found(what),
            StoreError::Conflict(m) => Self::new(StatusCode::CONFLICT, "conflict", m),
            e => Self::internal(e.to_string()),
        }
    }
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::NoSelfAssessment => Self::new(
                StatusCode::CONFLICT,
                "no_assessment",
                leap_app::NO_SELF_ASSESSMENT,
            ),
            AppError::Invalid(e) => e.into(),
            AppError::File(e) => e.into(),
            AppError::Store(e) => e.into(),
            AppError::Internal(m) => Self::internal(m),
        }
    }
}

impl From<InvalidValue> for WebError {
    fn from(e: InvalidValue) -> Self {
        let field = e.field.clone();
        Self::invalid(&field, e.to_string())
    }
}

impl From<FileError> for WebError {
    fn from(e: FileError) -> Self {
        Self::invalid("file", e.to_string())
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    reason: &'a str,
    message: &'a str,
}

fn with_retry(mut r: Response, retry_after: Option<u64>) -> Response {
    if let Some(s) = retry_after.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
        r.headers_mut().insert(header::RETRY_AFTER, s);
    }
    r
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let page = ErrorPage {
            status: self.status.as_u16(),
            reason: self.status.canonical_reason().unwrap_or("Error"),
            message: &self.message,
        };
        let body = page.render().unwrap_or_else(|_| {
            format!("<!doctype html><title>Error</title><p>{}</p>", self.status)
        });
        with_retry((self.status, Html(body)).into_response(), self.retry_after)
    }
}

/// The same error, as JSON.
#[derive(Debug)]
pub struct ApiError(pub WebError);

/// Every API error: `{"error": {"code", "message", "field"}}`.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = Error)]
pub(crate) struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize, utoipa::ToSchema)]
struct ErrorDetail<'a> {
    /// What went wrong, for programs: invalid, not_found, conflict,
    /// no_assessment, unauthorized, too_large, unsupported_media_type, ...
    code: &'a str,
    /// What went wrong and what is allowed, for people.
    message: &'a str,
    /// The field at fault, when one is.
    field: Option<&'a str>,
}

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        Self(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        let body = ErrorBody {
            error: ErrorDetail {
                code: e.code,
                message: &e.message,
                field: e.field.as_deref(),
            },
        };
        with_retry((e.status, axum::Json(body)).into_response(), e.retry_after)
    }
}

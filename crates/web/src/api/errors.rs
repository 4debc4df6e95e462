//! Every API error answers with the documented body,
//! `{"error": {"code", "message", "field"}}`: the handlers' own errors
//! ([`crate::error::ApiError`]), the extractors' ([`super::extract`]), and
//! what the layers around them answer (a body over the limit, a timeout,
//! an unknown route or method), which [`as_json`] rewrites. [`Errors`]
//! documents them in the OpenAPI document.

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use utoipa::Modify;

use crate::error::{ApiError, WebError};

/// Rewrites an error answered under `/api/` in anything but JSON (by a
/// layer, or the router for an unknown route or method) as the error body.
pub async fn as_json(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let status = res.status();
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !api || json || !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let (code, message) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            ("too_large", "the body is larger than this server accepts")
        }
        StatusCode::NOT_FOUND => ("not_found", "no such API route: see /api/openapi.json"),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "this route does not take that method: see /api/openapi.json",
        ),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "the request took too long"),
        _ => ("error", status.canonical_reason().unwrap_or("error")),
    };
    let mut out = ApiError(WebError::new(status, code, message)).into_response();
    // Keep what the layers said (Allow, Retry-After, the security headers).
    for (name, value) in res.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

/// Every error a route can answer, each with the one error body: 401
/// everywhere (a token or a session is needed), 400 where a path or query
/// parameter can be of the wrong type, 404 where the path names an object,
/// 413, 415 and 422 where a body is sent. Statuses a route documents itself
/// (409, or 404 with its own words) keep their description. Applied to the
/// whole document, once the routes have added their paths.
pub(crate) struct Errors;

impl Modify for Errors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use crate::error::ErrorBody;
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
        use utoipa::{PartialSchema, ToSchema};
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut nested = Vec::new();
        ErrorBody::schemas(&mut nested);
        components.schemas.extend(nested);
        let error = ErrorBody::name().into_owned();
        components
            .schemas
            .insert(error.clone(), ErrorBody::schema());
        for (path, item) in openapi.paths.paths.iter_mut() {
            let named = path.contains('{');
            for op in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.patch,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                let params = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
                let body = op.request_body.is_some();
                let mut statuses = vec![("401", "No valid token or session (unauthorized)")];
                if params {
                    statuses.push((
                        "400",
                        "A path or query parameter of the wrong type (invalid)",
                    ));
                }
                if named {
                    statuses.push(("404", "Not found, or not yours (not_found)"));
                }
                if body {
                    statuses.push((
                        "413",
                        "The body is larger than the server accepts (too_large)",
                    ));
                    statuses.push((
                        "415",
                        "The body is not sent as application/json (unsupported_media_type)",
                    ));
                    statuses.push(("422", "A field is missing, of the wrong type or not allowed; `field` names it (invalid)"));
                }
                for (status, description) in statuses {
                    op.responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| {
                            RefOr::T(ResponseBuilder::new().description(description).build())
                        });
                }
                // Every error answers with the error body.
                for (status, response) in op.responses.responses.iter_mut() {
                    if status.starts_with('4') || status.starts_with('5') {
                        if let RefOr::T(r) = response {
                            r.content.insert(
                                "application/json".to_owned(),
                                RefOr::T(
                                    ContentBuilder::new()
                                        .schema(Some(Ref::from_schema_name(error.clone())))
                                        .build(),
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
}

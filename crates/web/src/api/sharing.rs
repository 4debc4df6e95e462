//! The API of sharing: what you share and with whom, who read it (the
//! audit log), comments left for you; and what others share with you.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use leap_core::sharing::{self, CommentOn, Part};
use leap_store::sharing::Reader;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{ApiJson, ApiPath};
use leap_app::json::{
    AuditView, CommentsView, Created, SharedPartView, SharedWithMeView, SharesView,
};

use super::ApiResult;
use crate::auth::{ApiMe, ApiViewer};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(shares, add_share))
        .routes(routes!(revoke_share))
        .routes(routes!(audit))
        .routes(routes!(comments))
        .routes(routes!(shared_with_me))
        .routes(routes!(shared_part))
        .routes(routes!(comment))
}

/// What you share, part by part, and with whom.
#[utoipa::path(get, path = "/api/v1/shares", tag = "sharing", security(("token" = [])),
    responses((status = 200, description = "What you share", body = SharesView)))]
async fn shares(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<SharesView>> {
    let all = state.store.shares(me.profile.person).await?;
    Ok(Json(SharesView { shares: all }))
}

#[derive(Deserialize, ToSchema)]
struct ShareBody {
    /// The account to share with.
    username: String,
    /// plan, journal, assessments or feedback (results only).
    parts: Vec<String>,
}

/// Shares parts of your data, read-only, with another account.
#[utoipa::path(post, path = "/api/v1/shares", tag = "sharing", request_body = ShareBody, security(("token" = [])),
    responses((status = 201, description = "The shares now in place", body = SharesView), (status = 404, description = "No such account"), (status = 422, description = "Unknown part")))]
async fn add_share(
    State(state): State<AppState>,
    me: ApiMe,
    ApiJson(b): ApiJson<ShareBody>,
) -> ApiResult<(StatusCode, Json<SharesView>)> {
    let parts = parse_parts(&b.parts)?;
    for part in parts {
        state
            .store
            .share(me.profile.person, b.username.trim(), part, state.now())
            .await?;
    }
    let all = state.store.shares(me.profile.person).await?;
    Ok((StatusCode::CREATED, Json(SharesView { shares: all })))
}

/// The parts named, at least one, each known.
pub(crate) fn parse_parts(names: &[String]) -> Result<Vec<Part>, leap_core::InvalidValue> {
    if names.is_empty() {
        return Err(leap_core::InvalidValue::one_of(
            "parts",
            "(none)",
            Part::ALL.iter().copied(),
        ));
    }
    names
        .iter()
        .map(|p| Part::parse("parts", p.trim()))
        .collect()
}

/// Stops sharing: the other account loses access at once.
#[utoipa::path(delete, path = "/api/v1/shares/{id}", params(("id" = i64, Path, description = "Its id")), tag = "sharing", security(("token" = [])),
    responses((status = 204, description = "Revoked"), (status = 404, description = "Not one of yours")))]
async fn revoke_share(
    State(state): State<AppState>,
    me: ApiMe,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    state.store.revoke_share(me.profile.person, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Every read of your data by another account, newest first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "sharing", security(("token" = [])),
    responses((status = 200, description = "The reads of your data", body = AuditView)))]
async fn audit(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<AuditView>> {
    let log = state.store.audit_log(me.profile.person, 500).await?;
    Ok(Json(AuditView { reads: log }))
}

/// Comments mentors and managers left on your plan items and journal
/// entries.
#[utoipa::path(get, path = "/api/v1/comments", tag = "sharing", security(("token" = [])),
    responses((status = 200, description = "Comments left for you", body = CommentsView)))]
async fn comments(State(state): State<AppState>, me: ApiMe) -> ApiResult<Json<CommentsView>> {
    let all = state.store.comments(me.profile.person).await?;
    Ok(Json(CommentsView { comments: all }))
}

/// The people who share something with you, and what.
#[utoipa::path(get, path = "/api/v1/shared", tag = "sharing", security(("token" = [])),
    responses((status = 200, description = "Who shares with you, and what", body = SharedWithMeView)))]
async fn shared_with_me(
    State(state): State<AppState>,
    viewer: ApiViewer,
) -> ApiResult<Json<SharedWithMeView>> {
    let all = state.store.shared_with_me(viewer.account.id).await?;
    Ok(Json(SharedWithMeView { people: all }))
}

/// One part someone shares with you, read-only; the read is written to
/// their audit log.
#[utoipa::path(get, path = "/api/v1/shared/{person}/{part}", params(("person" = i64, Path, description = "The person's id, as GET /api/v1/shared lists them"), ("part" = String, Path, description = "The part: plan, journal, assessments or feedback")), tag = "sharing", security(("token" = [])),
    responses((status = 200, description = "The part, with the comments on it", body = SharedPartView),
              (status = 404, description = "Not shared with you")))]
async fn shared_part(
    State(state): State<AppState>,
    viewer: ApiViewer,
    ApiPath((person, part)): ApiPath<(i64, String)>,
) -> ApiResult<Json<SharedPartView>> {
    let part = crate::shared::part(&part)?;
    let shared = crate::shared::open(&state, &viewer.account, person, part).await?;
    Ok(Json(shared.view()))
}

#[derive(Deserialize, ToSchema)]
struct CommentBody {
    /// plan-item or journal-entry.
    on: String,
    /// The plan item's or journal entry's id.
    id: i64,
    text: String,
}

/// Leaves a comment on a plan item or journal entry shared with you.
#[utoipa::path(post, path = "/api/v1/shared/{person}/comments", params(("person" = i64, Path, description = "The person's id, as GET /api/v1/shared lists them")), tag = "sharing", request_body = CommentBody, security(("token" = [])),
    responses((status = 201, description = "The comment's id", body = Created), (status = 404, description = "Not shared with you, or no such item"), (status = 422, description = "Empty or too long")))]
async fn comment(
    State(state): State<AppState>,
    viewer: ApiViewer,
    ApiPath(person): ApiPath<i64>,
    ApiJson(b): ApiJson<CommentBody>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    let on = CommentOn::parse("on", &b.on)?;
    let text = sharing::comment(&b.text)?;
    let id = state
        .store
        .add_comment(
            Reader::from(&viewer.account),
            leap_store::PersonId(person),
            on,
            b.id,
            &text,
            state.now(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

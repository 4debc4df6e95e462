//! The API of accounts, for administrators: the list, adding, disabling
//! and enabling, administrators, password reset links, deleting, how
//! people sign in, and the audit log of it all. The same use cases as the
//! Accounts pages ([`leap_app::accounts`]).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use leap_app::accounts::{self, Actor, ResetLink, PAGE_SIZE};
use leap_store::{AccountSummary, AdminAuditLine, SignInSettings};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::ApiResult;
use crate::auth::ApiAdmin;
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, add))
        .routes(routes!(change, delete))
        .routes(routes!(reset_password))
        .routes(routes!(sign_in, set_sign_in))
        .routes(routes!(audit))
}

/// An account as administrators see it.
#[derive(Serialize, ToSchema)]
struct AccountView {
    username: String,
    admin: bool,
    disabled: bool,
    /// It has a leap password (else it signs in with single sign-on, or
    /// has not set one yet).
    has_password: bool,
    /// The e-mail address single sign-on knows it by, once linked.
    sso_email: Option<String>,
    /// Live personal API tokens.
    api_tokens: i64,
    created_at: DateTime<Utc>,
}

impl From<AccountSummary> for AccountView {
    fn from(a: AccountSummary) -> Self {
        Self {
            has_password: !a.account.password_hash.is_empty(),
            username: a.account.username,
            admin: a.account.is_admin,
            disabled: a.account.disabled,
            sso_email: a.sso_email,
            api_tokens: a.tokens,
            created_at: a.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
struct AccountsView {
    accounts: Vec<AccountView>,
    /// How many accounts match in all.
    total: i64,
    page: i64,
    pages: i64,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// Part of the username, in any case.
    search: Option<String>,
    /// From 1; 25 accounts a page.
    page: Option<i64>,
}

fn check_page(page: Option<i64>) -> ApiResult<i64> {
    match page {
        None => Ok(1),
        Some(p) if p >= 1 => Ok(p),
        Some(p) => {
            Err(leap_core::InvalidValue::new("page", p.to_string(), "a whole number from 1").into())
        }
    }
}

fn pages(total: i64) -> i64 {
    ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1)
}

/// One page of the accounts, by username.
#[utoipa::path(get, path = "/api/v1/accounts", tag = "accounts", params(ListQuery), security(("token" = [])),
    responses((status = 200, description = "The accounts", body = AccountsView), (status = 403, description = "Not an administrator"),
              (status = 422, description = "A page below 1")))]
async fn list(
    State(state): State<AppState>,
    _admin: ApiAdmin,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<AccountsView>> {
    let page = check_page(q.page)?;
    let found = state
        .store
        .accounts_page(
            q.search.as_deref().unwrap_or("").trim(),
            (page - 1) * PAGE_SIZE,
            PAGE_SIZE,
        )
        .await?;
    Ok(Json(AccountsView {
        pages: pages(found.total),
        total: found.total,
        page,
        accounts: found.accounts.into_iter().map(AccountView::from).collect(),
    }))
}

/// One account as the list shows it: the search by its username, page by
/// page (a short username is part of many others).
async fn view(state: &AppState, username: &str) -> ApiResult<AccountView> {
    let mut offset = 0;
    loop {
        let found = state
            .store
            .accounts_page(username, offset, PAGE_SIZE)
            .await?;
        let done = found.accounts.len() < usize::try_from(PAGE_SIZE).unwrap_or(25);
        if let Some(a) = found
            .accounts
            .into_iter()
            .find(|a| a.account.username == username)
        {
            return Ok(a.into());
        }
        if done {
            return Err(crate::error::WebError::not_found(&format!("account {username}")).into());
        }
        offset += PAGE_SIZE;
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct AddBody {
    /// The person's work e-mail address, best.
    username: String,
    #[serde(default)]
    admin: bool,
}

/// A one-time link to set a password, shown this once.
#[derive(Serialize, ToSchema)]
struct LinkView {
    url: String,
    expires: DateTime<Utc>,
}

impl From<ResetLink> for LinkView {
    fn from(l: ResetLink) -> Self {
        Self {
            url: l.url,
            expires: l.expires,
        }
    }
}

#[derive(Serialize, ToSchema)]
struct AddedView {
    account: AccountView,
    /// With local passwords on: the link for them to set a password.
    password_link: Option<LinkView>,
}

/// Adds an account with no password: it signs in with single sign-on, or
/// sets a password with the one-time link in the answer.
#[utoipa::path(post, path = "/api/v1/accounts", tag = "accounts", request_body = AddBody, security(("token" = [])),
    responses((status = 201, description = "Added", body = AddedView), (status = 403, description = "Not an administrator"),
              (status = 422, description = "An invalid or taken username")))]
async fn add(
    State(state): State<AppState>,
    ApiAdmin(admin): ApiAdmin,
    ApiJson(b): ApiJson<AddBody>,
) -> ApiResult<(StatusCode, Json<AddedView>)> {
    let username = b.username.trim();
    let (account, link) = accounts::add(
        &*state.store,
        Actor(&admin.username),
        username,
        b.admin,
        &state.config.public_url,
        state.now(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(AddedView {
            account: view(&state, &account.username).await?,
            password_link: link.map(LinkView::from),
        }),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ChangeBody {
    /// Disable (signed out everywhere, tokens refused) or enable.
    #[serde(default)]
    disabled: Option<bool>,
    /// Make an administrator or not.
    #[serde(default)]
    admin: Option<bool>,
}

/// Disables or enables an account, makes it an administrator or not. The
/// last enabled administrator stays one.
#[utoipa::path(patch, path = "/api/v1/accounts/{username}", params(("username" = String, Path, description = "The account's username")), tag = "accounts", request_body = ChangeBody, security(("token" = [])),
    responses((status = 200, description = "The account now", body = AccountView), (status = 403, description = "Not an administrator"),
              (status = 404, description = "No such account"), (status = 409, description = "It is the last administrator"),
              (status = 422, description = "A field of the wrong type")))]
async fn change(
    State(state): State<AppState>,
    ApiAdmin(admin): ApiAdmin,
    ApiPath(username): ApiPath<String>,
    ApiJson(b): ApiJson<ChangeBody>,
) -> ApiResult<Json<AccountView>> {
    let actor = Actor(&admin.username);
    let now = state.now();
    accounts::find(&*state.store, &username).await?;
    if let Some(d) = b.disabled {
        accounts::set_disabled(&*state.store, actor, &username, d, now).await?;
    }
    if let Some(a) = b.admin {
        accounts::set_admin(&*state.store, actor, &username, a, now).await?;
    }
    Ok(Json(view(&state, &username).await?))
}

/// Deletes an account and all of its person's data, for good.
#[utoipa::path(delete, path = "/api/v1/accounts/{username}", params(("username" = String, Path, description = "The account's username")), tag = "accounts", security(("token" = [])),
    responses((status = 204, description = "Deleted"), (status = 403, description = "Not an administrator"),
              (status = 404, description = "No such account"), (status = 409, description = "It is the last administrator")))]
async fn delete(
    State(state): State<AppState>,
    ApiAdmin(admin): ApiAdmin,
    ApiPath(username): ApiPath<String>,
) -> ApiResult<StatusCode> {
    accounts::delete(
        &*state.store,
        Actor(&admin.username),
        &username,
        state.now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
struct ResetView {
    /// For them to set a new password, shown this once.
    password_link: LinkView,
    /// Their personal API tokens revoked by the reset.
    tokens_revoked: u64,
}

/// Resets a password: the old one stops working, the account is signed out
/// everywhere and its API tokens revoked; the answer has a one-time link
/// to set a new one.
#[utoipa::path(post, path = "/api/v1/accounts/{username}/password-reset", params(("username" = String, Path, description = "The account's username")), tag = "accounts", security(("token" = [])),
    responses((status = 201, description = "The link", body = ResetView), (status = 403, description = "Not an administrator"),
              (status = 404, description = "No such account"), (status = 422, description = "It is disabled")))]
async fn reset_password(
    State(state): State<AppState>,
    ApiAdmin(admin): ApiAdmin,
    ApiPath(username): ApiPath<String>,
) -> ApiResult<(StatusCode, Json<ResetView>)> {
    let (link, revoked) = accounts::reset_password(
        &*state.store,
        Actor(&admin.username),
        &username,
        &state.config.public_url,
        state.now(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(ResetView {
            password_link: link.into(),
            tokens_revoked: revoked,
        }),
    ))
}

#[derive(Serialize, ToSchema)]
struct SignInView {
    /// Usernames and passwords work.
    local_passwords: bool,
    /// Someone the identity provider vouches for, with a verified e-mail
    /// address no account has, gets an account on first sign-in.
    sso_registration: bool,
    /// The identity provider's name, when single sign-on is set up.
    sso_provider: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct SignInBody {
    /// Usernames and passwords work.
    local_passwords: bool,
    /// Someone the identity provider vouches for, with a verified e-mail
    /// address no account has, gets an account on first sign-in.
    sso_registration: bool,
}

async fn sign_in_view(state: &AppState) -> ApiResult<SignInView> {
    let s = state.store.sign_in_settings().await?;
    Ok(SignInView {
        local_passwords: s.local_passwords,
        sso_registration: s.sso_registration,
        sso_provider: state.sso.as_ref().map(|s| s.config.name.clone()),
    })
}

/// How people sign in.
#[utoipa::path(get, path = "/api/v1/sign-in", tag = "accounts", security(("token" = [])),
    responses((status = 200, description = "The settings", body = SignInView), (status = 403, description = "Not an administrator")))]
async fn sign_in(State(state): State<AppState>, _admin: ApiAdmin) -> ApiResult<Json<SignInView>> {
    Ok(Json(sign_in_view(&state).await?))
}

/// Changes how people sign in. Local passwords go off only with single
/// sign-on set up and used once by the administrator asking.
#[utoipa::path(put, path = "/api/v1/sign-in", tag = "accounts", request_body = SignInBody, security(("token" = [])),
    responses((status = 200, description = "The settings now", body = SignInView), (status = 403, description = "Not an administrator"),
              (status = 422, description = "Local passwords off without single sign-on")))]
async fn set_sign_in(
    State(state): State<AppState>,
    ApiAdmin(admin): ApiAdmin,
    ApiJson(b): ApiJson<SignInBody>,
) -> ApiResult<Json<SignInView>> {
    accounts::set_sign_in(
        &*state.store,
        Actor(&admin.username),
        SignInSettings {
            local_passwords: b.local_passwords,
            sso_registration: b.sso_registration,
        },
        state.sso.is_some(),
        state.now(),
    )
    .await?;
    Ok(Json(sign_in_view(&state).await?))
}

#[derive(Serialize, ToSchema)]
struct AdminAuditLineView {
    at: DateTime<Utc>,
    /// The administrator (or `leap user`, or single sign-on).
    actor: String,
    action: String,
    target: String,
    detail: String,
}

#[derive(Serialize, ToSchema)]
struct AdminAuditView {
    lines: Vec<AdminAuditLineView>,
    total: i64,
    page: i64,
    pages: i64,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct PageQuery {
    /// From 1 (the newest); 25 lines a page.
    page: Option<i64>,
}

/// The administrators' audit log, newest first. Nothing changes it.
#[utoipa::path(get, path = "/api/v1/admin-audit", tag = "accounts", params(PageQuery), security(("token" = [])),
    responses((status = 200, description = "The log", body = AdminAuditView), (status = 403, description = "Not an administrator"),
              (status = 422, description = "A page below 1")))]
async fn audit(
    State(state): State<AppState>,
    _admin: ApiAdmin,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> ApiResult<Json<AdminAuditView>> {
    let page = check_page(q.page)?;
    let (lines, total) = state
        .store
        .admin_audit((page - 1) * PAGE_SIZE, PAGE_SIZE)
        .await?;
    Ok(Json(AdminAuditView {
        lines: lines
            .into_iter()
            .map(|l: AdminAuditLine| AdminAuditLineView {
                at: l.at,
                actor: l.actor,
                action: l.action,
                target: l.target,
                detail: l.detail,
            })
            .collect(),
        total,
        page,
        pages: pages(total),
    }))
}

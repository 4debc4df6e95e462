//! Accounts, for administrators: the list (search, pages), adding one,
//! disabling and enabling, making or removing an administrator, a password
//! reset link (shown once), deleting; how people sign in; and the audit
//! log of all of it. Every action is confirmed on a page of its own first.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leap_app::accounts::{self, Actor, ResetLink, PAGE_SIZE};
use leap_store::{AccountSummary, AdminAuditLine, SignInSettings};
use serde::Deserialize;

use super::{FormErrors, Nav};
use crate::auth::Admin;
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    let mut r = Router::new()
        .route("/admin/accounts", get(list).post(add))
        .route("/admin/accounts/sign-in", post(sign_in_settings))
        .route("/admin/accounts/confirm", get(confirm))
        .route("/admin/audit", get(audit));
    for action in Action::ALL {
        r = r.route(&format!("/admin/accounts/{}", action.slug()), post(act));
    }
    r
}

/// What an administrator can do to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Disable,
    Enable,
    MakeAdmin,
    RemoveAdmin,
    Reset,
    Delete,
}

impl Action {
    const ALL: [Self; 6] = [
        Self::Disable,
        Self::Enable,
        Self::MakeAdmin,
        Self::RemoveAdmin,
        Self::Reset,
        Self::Delete,
    ];

    fn slug(self) -> &'static str {
        match self {
            Self::Disable => "disable",
            Self::Enable => "enable",
            Self::MakeAdmin => "make-admin",
            Self::RemoveAdmin => "remove-admin",
            Self::Reset => "reset-password",
            Self::Delete => "delete",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.slug() == s)
    }

    /// The button, and what it does, for the confirmation page.
    fn button(self) -> &'static str {
        match self {
            Self::Disable => "Disable the account",
            Self::Enable => "Enable the account",
            Self::MakeAdmin => "Make an administrator",
            Self::RemoveAdmin => "Remove as administrator",
            Self::Reset => "Reset the password",
            Self::Delete => "Delete the account and its data",
        }
    }

    fn consequence(self) -> &'static str {
        match self {
            Self::Disable => "They are signed out everywhere at once; their API tokens stop working and they cannot sign in until an administrator enables the account again. Their data stays.",
            Self::Enable => "They can sign in again, and their API tokens work again.",
            Self::MakeAdmin => "They will manage accounts, the organisation and its bench, and read this audit log.",
            Self::RemoveAdmin => "They keep their account and data, but no longer manage accounts or the organisation.",
            Self::Reset => "Their password stops working now; they are signed out everywhere, their API tokens are revoked, and you get a one-time link (valid 24 hours) for them to set a new one.",
            Self::Delete => "Their account and all of their data are deleted for good: profile, assessments, journal, plan, feedback, what they share. This cannot be undone.",
        }
    }

    fn danger(self) -> bool {
        matches!(self, Self::Delete | Self::Disable | Self::Reset)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts.html")]
struct AccountsPage {
    nav: Nav,
    accounts: Vec<AccountSummary>,
    search: String,
    page: i64,
    pages: i64,
    total: i64,
    settings: SignInSettings,
    /// The identity provider's name, when single sign-on is set up.
    sso: Option<String>,
    /// A link made just now, shown this once, and whose it is.
    link: Option<(String, ResetLink)>,
    username: String,
    errors: FormErrors,
}

impl AccountsPage {
    fn previous(&self) -> Option<String> {
        (self.page > 1).then(|| self.page_link(self.page - 1))
    }

    fn next(&self) -> Option<String> {
        (self.page < self.pages).then(|| self.page_link(self.page + 1))
    }

    fn page_link(&self, page: i64) -> String {
        let q: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &self.search)
            .append_pair("page", &page.to_string())
            .finish();
        format!("/admin/accounts?{q}")
    }

    fn confirm_link(&self, action: &str, username: &str) -> String {
        let q: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("action", action)
            .append_pair("username", username)
            .finish();
        format!("/admin/accounts/confirm?{q}")
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    q: String,
    page: String,
}

async fn render(
    state: &AppState,
    admin: &Admin,
    search: &str,
    page: i64,
) -> Result<AccountsPage, WebError> {
    let page = page.max(1);
    let found = state
        .store
        .accounts_page(search, (page - 1) * PAGE_SIZE, PAGE_SIZE)
        .await?;
    Ok(AccountsPage {
        nav: Nav::signed_in(&admin.0, "/admin/accounts").await?,
        pages: ((found.total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
        total: found.total,
        accounts: found.accounts,
        search: search.to_owned(),
        page,
        settings: state.store.sign_in_settings().await?,
        sso: state.sso.as_ref().map(|s| s.config.name.clone()),
        link: None,
        username: String::new(),
        errors: FormErrors::default(),
    })
}

/// A page number as typed: a whole number from 1.
fn page_number(s: &str) -> Result<i64, WebError> {
    if s.trim().is_empty() {
        return Ok(1);
    }
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| leap_core::InvalidValue::new("page", s, "a whole number from 1").into())
}

async fn list(
    State(state): State<AppState>,
    admin: Admin,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    let page = page_number(&q.page)?;
    Ok(render(&state, &admin, q.q.trim(), page)
        .await?
        .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AddForm {
    username: String,
    admin: Option<String>,
}

async fn add(
    State(state): State<AppState>,
    admin: Admin,
    CsrfForm { form, .. }: CsrfForm<AddForm>,
) -> Result<Response, WebError> {
    let username = form.username.trim().to_owned();
    let actor = Actor(&admin.0.account.username);
    let added = accounts::add(
        &*state.store,
        actor,
        &username,
        form.admin.is_some(),
        &state.config.public_url,
        state.now(),
    )
    .await;
    let mut page = render(&state, &admin, "", 1).await?;
    match added {
        Ok((account, link)) => {
            page.link = link.map(|l| (account.username.clone(), l));
            page.nav.flash = Some(format!(
                "Account {} added. {}",
                account.username,
                if page.link.is_some() {
                    "Give them the link below to set their password."
                } else {
                    "They sign in with single sign-on."
                }
            ));
            Ok(page.into_response())
        }
        Err(e) => {
            let e = WebError::from(e);
            page.username = username;
            page.errors.add("username", e.message.clone());
            Ok((e.status, page).into_response())
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SignInForm {
    local_passwords: Option<String>,
    sso_registration: Option<String>,
}

async fn sign_in_settings(
    State(state): State<AppState>,
    admin: Admin,
    CsrfForm { form, .. }: CsrfForm<SignInForm>,
) -> Result<Response, WebError> {
    let settings = SignInSettings {
        local_passwords: form.local_passwords.is_some(),
        sso_registration: form.sso_registration.is_some(),
    };
    let done = accounts::set_sign_in(
        &*state.store,
        Actor(&admin.0.account.username),
        settings,
        state.sso.is_some(),
        state.now(),
    )
    .await;
    match done {
        Ok(()) => Ok(Redirect::to("/admin/accounts#sign-in-h").into_response()),
        Err(e) => {
            let e = WebError::from(e);
            let mut page = render(&state, &admin, "", 1).await?;
            page.errors.add("sign_in", e.message.clone());
            Ok((e.status, page).into_response())
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "account_confirm.html")]
struct ConfirmPage {
    nav: Nav,
    username: String,
    slug: &'static str,
    button: &'static str,
    consequence: &'static str,
    danger: bool,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ConfirmQuery {
    action: String,
    username: String,
}

fn parse_action(s: &str) -> Result<Action, WebError> {
    Action::parse(s).ok_or_else(|| {
        leap_core::InvalidValue::new(
            "action",
            s,
            "disable, enable, make-admin, remove-admin, reset-password or delete",
        )
        .into()
    })
}

async fn confirm_page(
    state: &AppState,
    admin: &Admin,
    action: Action,
    username: &str,
) -> Result<ConfirmPage, WebError> {
    let account = accounts::find(&*state.store, username).await?;
    Ok(ConfirmPage {
        nav: Nav::signed_in(&admin.0, "/admin/accounts").await?,
        username: account.username,
        slug: action.slug(),
        button: action.button(),
        consequence: action.consequence(),
        danger: action.danger(),
        errors: FormErrors::default(),
    })
}

async fn confirm(
    State(state): State<AppState>,
    admin: Admin,
    Query(q): Query<ConfirmQuery>,
) -> Result<Response, WebError> {
    let action = parse_action(&q.action)?;
    Ok(confirm_page(&state, &admin, action, q.username.trim())
        .await?
        .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ActForm {
    username: String,
}

async fn act(
    State(state): State<AppState>,
    admin: Admin,
    path: axum::extract::MatchedPath,
    CsrfForm { form, .. }: CsrfForm<ActForm>,
) -> Result<Response, WebError> {
    let slug = path.as_str().rsplit('/').next().unwrap_or("");
    let action = parse_action(slug)?;
    let username = form.username.trim();
    let store = &*state.store;
    let actor = Actor(&admin.0.account.username);
    let now = state.now();
    let done = match action {
        Action::Disable | Action::Enable => {
            accounts::set_disabled(store, actor, username, action == Action::Disable, now)
                .await
                .map(|_| None)
        }
        Action::MakeAdmin | Action::RemoveAdmin => {
            accounts::set_admin(store, actor, username, action == Action::MakeAdmin, now)
                .await
                .map(|_| None)
        }
        Action::Reset => {
            accounts::reset_password(store, actor, username, &state.config.public_url, now)
                .await
                .map(|(link, _)| Some(link))
        }
        Action::Delete => accounts::delete(store, actor, username, now)
            .await
            .map(|_| None),
    };
    match done {
        Ok(Some(link)) => {
            let mut page = render(&state, &admin, "", 1).await?;
            page.nav.flash = Some(format!(
                "The password of {username} is reset: they are signed out and their API tokens revoked."
            ));
            page.link = Some((username.to_owned(), link));
            Ok(page.into_response())
        }
        Ok(None) if action == Action::Delete && username == admin.0.account.username => {
            Ok(Redirect::to("/login?deleted=yes").into_response())
        }
        Ok(None) => Ok(Redirect::to("/admin/accounts").into_response()),
        Err(e) => {
            let e = WebError::from(e);
            if e.status == StatusCode::NOT_FOUND {
                return Err(e);
            }
            let mut page = confirm_page(&state, &admin, action, username).await?;
            page.errors.add("form", e.message.clone());
            Ok((e.status, page).into_response())
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin_audit.html")]
struct AuditPage {
    nav: Nav,
    lines: Vec<AdminAuditLine>,
    page: i64,
    pages: i64,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AuditQuery {
    page: String,
}

async fn audit(
    State(state): State<AppState>,
    admin: Admin,
    Query(q): Query<AuditQuery>,
) -> Result<Response, WebError> {
    let page = page_number(&q.page)?;
    let (lines, total) = state
        .store
        .admin_audit((page - 1) * PAGE_SIZE, PAGE_SIZE)
        .await?;
    Ok(AuditPage {
        nav: Nav::signed_in(&admin.0, "/admin/accounts").await?,
        lines,
        page,
        pages: ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
    }
    .into_response())
}

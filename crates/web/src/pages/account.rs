//! First-run setup, signing in and out, and creating a profile.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leap_store::{NewAccount, NewProfile};
use serde::Deserialize;
use tower_sessions::Session;

use super::{FormErrors, Nav};
use crate::auth::{self, Viewer};
use crate::csrf::CsrfForm;
use crate::error::WebError;
use crate::state::AppState;
use leap_app::password;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/setup", get(setup_page).post(setup))
        .route("/login", get(login_page).post(login))
        .route("/logout", axum::routing::post(logout))
        .route("/reset/{token}", get(reset_page).post(reset))
        .route("/welcome", get(welcome_page).post(welcome))
        .route("/welcome/framework", post(welcome_framework))
}

#[derive(Template, WebTemplate)]
#[template(path = "setup.html")]
struct SetupPage {
    nav: Nav,
    username: String,
    errors: FormErrors,
    has_local_profile: bool,
}

async fn setup_page(State(state): State<AppState>, session: Session) -> Result<Response, WebError> {
    if state.store.account_count().await? > 0 {
        return Ok(Redirect::to("/login").into_response());
    }
    Ok(SetupPage {
        nav: Nav::anonymous(&session).await?,
        username: String::new(),
        errors: FormErrors::default(),
        has_local_profile: state.store.local_profile().await?.is_some(),
    }
    .into_response())
}

#[derive(Deserialize)]
struct SetupForm {
    username: String,
    password: String,
    confirm: String,
    /// Fill the new account with the demo person.
    #[serde(default)]
    demo: Option<String>,
}

async fn setup(
    State(state): State<AppState>,
    CsrfForm { form, session }: CsrfForm<SetupForm>,
) -> Result<Response, WebError> {
    if state.store.account_count().await? > 0 {
        return Ok(Redirect::to("/login").into_response());
    }
    let username = form.username.trim().to_owned();
    let mut errors = FormErrors::default();
    if let Err(e) = leap_app::accounts::check_username(&username) {
        errors.add("username", e.to_string());
    }
    if let Err(e) = password::check_policy(&form.password) {
        errors.add("password", e.to_string());
    } else if form.password != form.confirm {
        errors.add(
            "confirm",
            "the two passwords differ: type the same password twice",
        );
    }
    if !errors.is_empty() {
        let page = SetupPage {
            nav: Nav::anonymous(&session).await?,
            username,
            errors,
            has_local_profile: state.store.local_profile().await?.is_some(),
        };
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let hash = password::hash(form.password).await?;
    let account = state
        .store
        .create_account(NewAccount {
            username: &username,
            password_hash: &hash,
            is_admin: true,
            at: state.now(),
        })
        .await?;
    let linked = state.store.link_local_profile(account.id).await?;
    if form.demo.is_some() && !linked {
        fill_demo(&state, account.id).await?;
    }
    auth::sign_in(&session, &state, &account).await?;
    auth::remember_device(&state, &account, false, Redirect::to("/").into_response()).await
}

/// Gives a new account the demo person (`leap demo`'s story).
async fn fill_demo(state: &AppState, account: leap_store::AccountId) -> Result<(), WebError> {
    let framework = leap_core::framework::builtin()?;
    let stored = leap_store::FrameworkText::of(&framework, leap_core::framework::BUILTIN_TOML);
    let profile = state
        .store
        .create_profile_for(
            account,
            NewProfile {
                name: "Jo Demo",
                current_role: "senior-admin",
                target_role: "it-manager",
                framework: &stored,
                today: state.today(),
            },
        )
        .await?;
    leap_app::demo::fill(
        &*state.store,
        profile.person,
        &framework,
        &stored.hash,
        "it-manager",
        state.today(),
    )
    .await?;
    Ok(())
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub(super) struct LoginPage {
    pub(super) nav: Nav,
    pub(super) username: String,
    pub(super) errors: FormErrors,
    pub(super) notice: Option<&'static str>,
    /// The identity provider's name, when single sign-on is set up.
    pub(super) sso: Option<String>,
    /// Usernames and passwords work.
    pub(super) local: bool,
}

impl LoginPage {
    pub(super) async fn new(state: &AppState, session: &Session) -> Result<Self, WebError> {
        Ok(Self {
            nav: Nav::anonymous(session).await?,
            username: String::new(),
            errors: FormErrors::default(),
            notice: None,
            sso: state.sso.as_ref().map(|s| s.config.name.clone()),
            local: state.store.sign_in_settings().await?.local_passwords || state.sso.is_none(),
        })
    }
}

#[derive(Deserialize)]
struct LoginQuery {
    #[serde(default)]
    deleted: Option<String>,
    #[serde(default)]
    password_set: Option<String>,
}

async fn login_page(
    State(state): State<AppState>,
    session: Session,
    axum::extract::Query(query): axum::extract::Query<LoginQuery>,
) -> Result<Response, WebError> {
    if state.store.account_count().await? == 0 {
        return Ok(Redirect::to("/setup").into_response());
    }
    if auth::session_account(&session, &state).await?.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let mut page = LoginPage::new(&state, &session).await?;
    page.notice = if query.deleted.is_some() {
        Some("Your account and all of its data were deleted.")
    } else if query.password_set.is_some() {
        Some("Your new password is set: sign in with it.")
    } else {
        None
    };
    Ok(page.into_response())
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
}

/// The client address, for throttling.
struct Client(String);

impl FromRequestParts<AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(auth::client_address(parts, state)))
    }
}

async fn login(
    State(state): State<AppState>,
    Client(client): Client,
    headers: axum::http::HeaderMap,
    CsrfForm { form, session }: CsrfForm<LoginForm>,
) -> Result<Response, WebError> {
    let username = form.username.trim().to_owned();
    let mut page = LoginPage::new(&state, &session).await?;
    if !page.local {
        page.errors.add(
            "form",
            format!(
                "this organisation has turned sign-in with a password off: sign in with {}",
                page.sso.as_deref().unwrap_or("single sign-on")
            ),
        );
        return Ok((axum::http::StatusCode::FORBIDDEN, page).into_response());
    }
    let cookie = auth::device_cookie(&headers, &state);
    let known = auth::known_device(&state, &username, cookie.as_deref()).await?;
    auth::check_throttle(&state, &username, &client, known).await?;
    let account = state.store.account_by_username(&username).await?;
    let ok = password::verify(
        form.password,
        account.as_ref().map(|a| a.password_hash.clone()),
    )
    .await;
    match account {
        Some(a) if ok && !a.disabled => {
            auth::sign_in(&session, &state, &a).await?;
            tracing::info!(username = %a.username, %client, "signed in");
            auth::remember_device(&state, &a, known, Redirect::to("/").into_response()).await
        }
        _ => {
            state
                .store
                .record_login_failure(&username, &client, state.now())
                .await?;
            tracing::warn!(%username, %client, "failed sign-in");
            let mut errors = FormErrors::default();
            // The same words whether the account exists or not.
            errors.add(
                "form",
                "wrong username or password, or the account is disabled",
            );
            page.username = username;
            page.errors = errors;
            Ok((axum::http::StatusCode::UNAUTHORIZED, page).into_response())
        }
    }
}

#[derive(Deserialize)]
struct Empty {}

async fn logout(CsrfForm { session, .. }: CsrfForm<Empty>) -> Result<Response, WebError> {
    auth::sign_out(&session).await?;
    Ok(Redirect::to("/login").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "welcome.html")]
struct WelcomePage {
    nav: Nav,
    roles: Vec<leap_core::Role>,
    /// The framework chosen: the built-in one, or a file of one's own kept
    /// in the form (its name, file name and text).
    framework_name: String,
    file_name: String,
    content: String,
    name: String,
    current: String,
    target: String,
    errors: FormErrors,
}

impl WelcomePage {
    /// The page for `framework`, its first practitioner role and first
    /// management role chosen to start from.
    async fn new(
        viewer: &Viewer,
        framework: &leap_core::Framework,
        own: Option<(&str, &str)>,
        name: String,
    ) -> Result<Self, WebError> {
        Ok(Self {
            nav: Nav::signed_in(viewer, "/").await?,
            roles: framework.roles.clone(),
            framework_name: framework.name.clone(),
            file_name: own.map(|o| o.0.to_owned()).unwrap_or_default(),
            content: own.map(|o| o.1.to_owned()).unwrap_or_default(),
            name,
            current: framework.first_role_on(leap_core::Track::Technical),
            target: framework.first_role_on(leap_core::Track::Management),
            errors: FormErrors::default(),
        })
    }
}

async fn welcome_page(viewer: Viewer) -> Result<Response, WebError> {
    if viewer.account.person.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let framework = leap_core::framework::builtin()?;
    let name = viewer.account.username.clone();
    Ok(WelcomePage::new(&viewer, &framework, None, name)
        .await?
        .into_response())
}

/// A framework file of one's own, uploaded on the welcome page: when it is
/// valid, the page offers its roles, the file kept in the form.
async fn welcome_framework(
    viewer: Viewer,
    session: Session,
    multipart: axum::extract::Multipart,
) -> Result<Response, WebError> {
    if viewer.account.person.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let upload = super::settings::read_upload(&session, multipart).await?;
    let name = viewer.account.username.clone();
    let problem = match &upload {
        None => "choose a framework file (TOML) to upload".to_owned(),
        Some((file_name, text)) => match leap_core::Framework::load(file_name, text) {
            Ok(f) => {
                return Ok(WelcomePage::new(&viewer, &f, Some((file_name, text)), name)
                    .await?
                    .into_response())
            }
            Err(e) => e.to_string(),
        },
    };
    // Refused: the built-in framework's page again, with why.
    let builtin = leap_core::framework::builtin()?;
    let mut page = WelcomePage::new(&viewer, &builtin, None, name).await?;
    page.errors.add("file", problem);
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[derive(Deserialize)]
struct WelcomeForm {
    name: String,
    current: String,
    target: String,
    /// A framework file of one's own, kept from its upload; empty for the
    /// built-in one.
    #[serde(default)]
    file_name: String,
    #[serde(default)]
    content: String,
}

async fn welcome(
    State(state): State<AppState>,
    viewer: Viewer,
    CsrfForm { form, .. }: CsrfForm<WelcomeForm>,
) -> Result<Response, WebError> {
    if viewer.account.person.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let own = (!form.content.trim().is_empty()).then(|| leap_app::profile::FrameworkFile {
        name: if form.file_name.is_empty() {
            "framework.toml"
        } else {
            &form.file_name
        },
        content: &form.content,
    });
    let read = leap_app::profile::read_framework(own.as_ref())?;
    let framework = &read.0;
    let mut errors = FormErrors::default();
    let name = form.name.trim().to_owned();
    if let Err(e) = leap_core::profile::PersonName::parse(&name) {
        errors.add("name", e.to_string());
    }
    if let Err(e) = framework.parse_role("current role", &form.current) {
        errors.add("current", e.to_string());
    }
    if let Err(e) = framework.parse_role("target role", &form.target) {
        errors.add("target", e.to_string());
    }
    if !errors.is_empty() {
        let mut page = WelcomePage::new(
            &viewer,
            framework,
            own.as_ref().map(|o| (o.name, o.content)),
            name,
        )
        .await?;
        page.current = form.current;
        page.target = form.target;
        page.errors = errors;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    leap_app::profile::start(
        &*state.store,
        viewer.account.id,
        &name,
        &form.current,
        &form.target,
        &read,
        state.today(),
    )
    .await?;
    Ok(Redirect::to("/").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "reset.html")]
struct ResetPage {
    nav: Nav,
    username: String,
    errors: FormErrors,
}

/// The answer for a reset link that is not live, whoever asks.
fn dead_link() -> WebError {
    WebError::new(
        axum::http::StatusCode::NOT_FOUND,
        "not_found",
        "this password link has expired or was used already: ask one of your leap administrators for a new one",
    )
}

async fn reset_page(
    State(state): State<AppState>,
    session: Session,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> Result<Response, WebError> {
    let account = state
        .store
        .password_reset_account(&auth::token_hash(&token), state.now())
        .await?
        .ok_or_else(dead_link)?;
    Ok(ResetPage {
        nav: Nav::anonymous(&session).await?,
        username: account.username,
        errors: FormErrors::default(),
    }
    .into_response())
}

#[derive(Deserialize)]
struct ResetForm {
    new: String,
    confirm: String,
}

async fn reset(
    State(state): State<AppState>,
    axum::extract::Path(token): axum::extract::Path<String>,
    CsrfForm { form, session }: CsrfForm<ResetForm>,
) -> Result<Response, WebError> {
    let hash = auth::token_hash(&token);
    let account = state
        .store
        .password_reset_account(&hash, state.now())
        .await?
        .ok_or_else(dead_link)?;
    let mut errors = FormErrors::default();
    if let Err(e) = password::check_policy(&form.new) {
        errors.add("new", e.to_string());
    } else if form.new != form.confirm {
        errors.add(
            "confirm",
            "the two passwords differ: type the same password twice",
        );
    }
    if !errors.is_empty() {
        let page = ResetPage {
            nav: Nav::anonymous(&session).await?,
            username: account.username,
            errors,
        };
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let new_hash = password::hash(form.new).await?;
    if !state
        .store
        .finish_password_reset(&hash, &new_hash, state.now())
        .await?
    {
        return Err(dead_link());
    }
    tracing::info!(username = %account.username, "password set with a reset link");
    Ok(Redirect::to("/login?password_set=yes").into_response())
}

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
    Ok(Redirect::to("/").into_response())
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
struct LoginPage {
    nav: Nav,
    username: String,
    errors: FormErrors,
    notice: Option<&'static str>,
}

#[derive(Deserialize)]
struct LoginQuery {
    #[serde(default)]
    deleted: Option<String>,
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
    Ok(LoginPage {
        nav: Nav::anonymous(&session).await?,
        username: String::new(),
        errors: FormErrors::default(),
        notice: query
            .deleted
            .map(|_| "Your account and all of its data were deleted."),
    }
    .into_response())
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
    CsrfForm { form, session }: CsrfForm<LoginForm>,
) -> Result<Response, WebError> {
    let username = form.username.trim().to_owned();
    auth::check_throttle(&state, &username, &client).await?;
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
            Ok(Redirect::to("/").into_response())
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
            let page = LoginPage {
                nav: Nav::anonymous(&session).await?,
                username,
                errors,
                notice: None,
            };
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

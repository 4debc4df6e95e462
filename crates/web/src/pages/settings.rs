//! Settings: roles and name, the framework (upload a file, errors shown
//! inline), the password (optionally signing out other sessions), and
//! personal API tokens (shown once, stored hashed, revocable).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leap_core::{Framework, Role};
use leap_store::TokenRecord;
use serde::Deserialize;
use tower_sessions::Session;

use super::{FormErrors, Nav};
use crate::auth::{self, Me, Viewer};
use crate::csrf::{self, CsrfForm};
use crate::error::WebError;
use crate::state::AppState;
use leap_app::password;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/settings", get(page))
        .route("/settings/profile", post(profile))
        .route("/settings/framework", post(framework))
        .route("/settings/password", post(change_password))
        .route("/settings/sessions", post(sessions))
        .route("/settings/framework/roles", post(framework_roles))
        .route("/settings/tokens", post(create_token))
        .route("/settings/tokens/{id}/revoke", post(revoke_token))
        .route("/settings/export", get(export))
        .route("/settings/delete", post(delete_account))
}

#[derive(Template, WebTemplate)]
#[template(path = "settings.html")]
struct SettingsPage {
    nav: Nav,
    /// The profile's part of the page; an account without a profile (a
    /// mentor who only reads what others share) has the password, tokens
    /// and deletion all the same.
    profile: Option<ProfileSection>,
    tokens: Vec<TokenRecord>,
    errors: FormErrors,
    /// A token just created: shown this once.
    new_token: Option<String>,
    /// The account has a password (else it signs in with single sign-on).
    has_password: bool,
    /// The e-mail address single sign-on knows the account by.
    sso_email: Option<String>,
    notice: Option<String>,
    /// An uploaded framework that lacks the roles held now: its roles to
    /// choose from, the upload kept in the form.
    pending: Option<PendingFramework>,
}

struct PendingFramework {
    name: String,
    file_name: String,
    content: String,
    roles: Vec<Role>,
    current: String,
    target: String,
}

impl PendingFramework {
    fn new(
        framework: &Framework,
        file_name: &str,
        content: &str,
        current: String,
        target: String,
    ) -> Self {
        Self {
            name: framework.name.clone(),
            file_name: file_name.to_owned(),
            content: content.to_owned(),
            roles: framework.roles.clone(),
            current,
            target,
        }
    }
}

struct ProfileSection {
    roles: Vec<Role>,
    name: String,
    current: String,
    target: String,
    framework_name: String,
    framework_version: String,
}

struct Extra {
    errors: FormErrors,
    new_token: Option<String>,
    notice: Option<String>,
    name: Option<String>,
    current: Option<String>,
    target: Option<String>,
    pending: Option<PendingFramework>,
}

impl Extra {
    fn none() -> Self {
        Self {
            errors: FormErrors::default(),
            new_token: None,
            notice: None,
            name: None,
            current: None,
            target: None,
            pending: None,
        }
    }

    fn errors(errors: FormErrors) -> Self {
        Self {
            errors,
            ..Self::none()
        }
    }
}

async fn render(state: &AppState, me: &Me, extra: Extra) -> Result<SettingsPage, WebError> {
    render_for(state, &me.viewer, extra).await
}

async fn render_for(
    state: &AppState,
    viewer: &Viewer,
    extra: Extra,
) -> Result<SettingsPage, WebError> {
    let profile = match &viewer.profile {
        None => None,
        Some(p) => {
            let f = state.framework(&p.framework_hash).await?;
            Some(ProfileSection {
                roles: f.roles.clone(),
                name: extra.name.unwrap_or_else(|| p.name.clone()),
                current: extra.current.unwrap_or_else(|| p.current_role.clone()),
                target: extra.target.unwrap_or_else(|| p.target_role.clone()),
                framework_name: f.name.clone(),
                framework_version: f.version.clone(),
            })
        }
    };
    Ok(SettingsPage {
        nav: Nav::signed_in(viewer, "/settings").await?,
        profile,
        tokens: state.store.tokens(viewer.account.id).await?,
        has_password: !viewer.account.password_hash.is_empty(),
        sso_email: state
            .store
            .identities(viewer.account.id)
            .await?
            .into_iter()
            .next()
            .map(|i| i.email),
        errors: extra.errors,
        new_token: extra.new_token,
        notice: extra.notice,
        pending: extra.pending,
    })
}

async fn page(State(state): State<AppState>, viewer: Viewer) -> Result<SettingsPage, WebError> {
    render_for(&state, &viewer, Extra::none()).await
}

fn invalid(page: SettingsPage) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

#[derive(Deserialize)]
struct ProfileForm {
    name: String,
    current: String,
    target: String,
}

async fn profile(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { form, .. }: CsrfForm<ProfileForm>,
) -> Result<Response, WebError> {
    let f = &me.framework;
    let mut errors = FormErrors::default();
    let name = form.name.trim().to_owned();
    if let Err(e) = leap_core::profile::PersonName::parse(&name) {
        errors.add("name", e.to_string());
    }
    if let Err(e) = f.parse_role("current role", &form.current) {
        errors.add("current", e.to_string());
    }
    if let Err(e) = f.parse_role("target role", &form.target) {
        errors.add("target", e.to_string());
    }
    if !errors.is_empty() {
        let extra = Extra {
            name: Some(name),
            current: Some(form.current),
            target: Some(form.target),
            ..Extra::errors(errors)
        };
        return Ok(invalid(render(&state, &me, extra).await?));
    }
    state
        .store
        .update_profile(
            me.profile.person,
            Some(&name),
            Some(&form.current),
            Some(&form.target),
        )
        .await?;
    Ok(Redirect::to("/settings").into_response())
}

/// A framework file sent as multipart form data with the CSRF token: its
/// name and text, `None` when no file (or an empty one) was chosen. A
/// wrong CSRF token is refused.
pub(super) async fn read_upload(
    session: &Session,
    mut multipart: Multipart,
) -> Result<Option<(String, String)>, WebError> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        WebError::new(
            StatusCode::BAD_REQUEST,
            "bad_form",
            format!("unreadable upload: {e}"),
        )
    };
    let (mut token, mut file, mut file_name) = (
        String::new(),
        None::<String>,
        String::from("framework.toml"),
    );
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("csrf") => token = field.text().await.map_err(bad)?,
            Some("file") => {
                if let Some(n) = field.file_name().filter(|n| !n.is_empty()) {
                    file_name = n.to_owned();
                }
                let bytes = field.bytes().await.map_err(bad)?;
                file = Some(String::from_utf8(bytes.to_vec()).map_err(|_| {
                    WebError::invalid("file", "the file is not UTF-8 text: upload a TOML file")
                })?);
            }
            _ => {}
        }
    }
    if !csrf::matches(session, &token).await? {
        return Err(csrf::rejection());
    }
    Ok(file
        .filter(|t| !t.trim().is_empty())
        .map(|text| (file_name, text)))
}

/// The framework file arrives as multipart form data with the CSRF token.
async fn framework(
    State(state): State<AppState>,
    me: Me,
    session: Session,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let upload = read_upload(&session, multipart).await?;
    let mut errors = FormErrors::default();
    let Some((file_name, text)) = upload else {
        errors.add("file", "choose a framework file (TOML) to upload");
        return Ok(invalid(render(&state, &me, Extra::errors(errors)).await?));
    };
    let file = leap_app::profile::FrameworkFile {
        name: &file_name,
        content: &text,
    };
    let read = match leap_app::profile::read_framework(Some(&file)) {
        Ok(read) => read,
        Err(leap_app::AppError::File(e)) => {
            errors.add("file", e.to_string());
            return Ok(invalid(render(&state, &me, Extra::errors(errors)).await?));
        }
        Err(e) => return Err(e.into()),
    };
    let framework = &read.0;
    let has = |id: &str| framework.role(id).is_some();
    if !has(&me.profile.current_role) || !has(&me.profile.target_role) {
        // The new file names other roles: choose yours among them, the
        // upload kept in the next form so nothing is sent twice. A role
        // the file lacks starts at its first role on the same track.
        let pick = |id: &str, or: leap_core::Track| {
            if has(id) {
                id.to_owned()
            } else {
                let track = me.framework.role(id).map_or(or, |r| r.track);
                framework.first_role_on(track)
            }
        };
        let pending = PendingFramework::new(
            framework,
            &file_name,
            &text,
            pick(&me.profile.current_role, leap_core::Track::Technical),
            pick(&me.profile.target_role, leap_core::Track::Management),
        );
        return Ok(render(
            &state,
            &me,
            Extra {
                notice: Some(format!(
                    "{} is valid. Its roles differ from yours: choose the role you hold now and the one you aim at in it, then switch.",
                    pending.name
                )),
                pending: Some(pending),
                ..Extra::none()
            },
        )
        .await?
        .into_response());
    }
    switch(&state, &me, &file, &read, None).await
}

/// The second step of a switch: the roles in the new framework, with the
/// upload the first step kept.
#[derive(Deserialize)]
struct RolesForm {
    file_name: String,
    content: String,
    current: String,
    target: String,
}

async fn framework_roles(
    State(state): State<AppState>,
    me: Me,
    CsrfForm { form, .. }: CsrfForm<RolesForm>,
) -> Result<Response, WebError> {
    let file = leap_app::profile::FrameworkFile {
        name: &form.file_name,
        content: &form.content,
    };
    let read = leap_app::profile::read_framework(Some(&file))?;
    let roles = (form.current.as_str(), form.target.as_str());
    switch(&state, &me, &file, &read, Some(roles)).await
}

/// Switches to the framework (with the roles given, or those held now);
/// on a refusal the page shows why, the roles to choose from kept.
async fn switch(
    state: &AppState,
    me: &Me,
    file: &leap_app::profile::FrameworkFile<'_>,
    read: &(Framework, leap_store::FrameworkText),
    roles: Option<(&str, &str)>,
) -> Result<Response, WebError> {
    let switched = leap_app::profile::switch_framework(
        &*state.store,
        &me.profile,
        read,
        roles.map(|r| r.0),
        roles.map(|r| r.1),
        state.today(),
    )
    .await;
    match switched {
        Ok(_) => Ok(Redirect::to("/settings").into_response()),
        Err(leap_app::AppError::Invalid(e)) if roles.is_some() => {
            let field = if e.field == "target" {
                "new_target"
            } else {
                "new_current"
            };
            let mut errors = FormErrors::default();
            errors.add(field, e.to_string());
            let (current, target) = roles.unwrap_or_default();
            let pending = PendingFramework::new(
                &read.0,
                file.name,
                file.content,
                current.to_owned(),
                target.to_owned(),
            );
            Ok(invalid(
                render(
                    state,
                    me,
                    Extra {
                        errors,
                        pending: Some(pending),
                        ..Extra::none()
                    },
                )
                .await?,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct PasswordForm {
    current: String,
    new: String,
    confirm: String,
    #[serde(default)]
    sign_out_others: Option<String>,
    #[serde(default)]
    revoke_tokens: Option<String>,
}

#[derive(Deserialize)]
struct SessionsForm {
    #[serde(default)]
    revoke_tokens: Option<String>,
}

/// Signs the account out everywhere but this browser, and revokes its
/// personal API tokens when asked.
async fn sign_out_others(
    state: &AppState,
    viewer: &Viewer,
    session: &Session,
    revoke_tokens: bool,
) -> Result<String, WebError> {
    session
        .save()
        .await
        .map_err(|e| WebError::internal(format!("session: {e}")))?;
    let keep = session.id().map(|id| id.to_string());
    let n = state
        .store
        .sessions_delete_for(viewer.account.id, keep.as_deref())
        .await?;
    let mut said = format!(
        "{n} other session{} signed out.",
        if n == 1 { "" } else { "s" }
    );
    if revoke_tokens {
        said.push(' ');
        said.push_str(&revoke_all_tokens(state, viewer).await?);
    }
    Ok(said)
}

/// Revokes every personal API token of the account, saying how many.
async fn revoke_all_tokens(state: &AppState, viewer: &Viewer) -> Result<String, WebError> {
    let t = state
        .store
        .revoke_tokens_for(viewer.account.id, state.now())
        .await?;
    Ok(format!(
        "{t} API token{} revoked.",
        if t == 1 { "" } else { "s" }
    ))
}

/// The settings page with a sentence saying what was done.
async fn done(state: &AppState, viewer: &Viewer, notice: String) -> Result<Response, WebError> {
    Ok(render_for(
        state,
        viewer,
        Extra {
            notice: Some(notice),
            ..Extra::none()
        },
    )
    .await?
    .into_response())
}

async fn sessions(
    State(state): State<AppState>,
    viewer: Viewer,
    CsrfForm { form, session }: CsrfForm<SessionsForm>,
) -> Result<Response, WebError> {
    let notice = sign_out_others(&state, &viewer, &session, form.revoke_tokens.is_some()).await?;
    done(&state, &viewer, notice).await
}

async fn change_password(
    State(state): State<AppState>,
    viewer: Viewer,
    CsrfForm { form, session }: CsrfForm<PasswordForm>,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::default();
    if !password::verify(form.current, Some(viewer.account.password_hash.clone())).await {
        errors.add("current", "that is not your current password");
    }
    if let Err(e) = password::check_policy(&form.new) {
        errors.add("new", e.to_string());
    } else if form.new != form.confirm {
        errors.add(
            "confirm",
            "the two new passwords differ: type the same password twice",
        );
    }
    if !errors.is_empty() {
        return Ok(invalid(
            render_for(&state, &viewer, Extra::errors(errors)).await?,
        ));
    }
    let hash = password::hash(form.new).await?;
    state.store.set_password(viewer.account.id, &hash).await?;
    // A new session id for this browser too.
    auth::sign_in(&session, &state, &viewer.account).await?;
    let mut notice = "Password changed.".to_owned();
    if form.sign_out_others.is_some() {
        notice.push(' ');
        notice.push_str(
            &sign_out_others(&state, &viewer, &session, form.revoke_tokens.is_some()).await?,
        );
    } else if form.revoke_tokens.is_some() {
        notice.push(' ');
        notice.push_str(&revoke_all_tokens(&state, &viewer).await?);
    }
    done(&state, &viewer, notice).await
}

#[derive(Deserialize)]
struct TokenForm {
    name: String,
}

async fn create_token(
    State(state): State<AppState>,
    viewer: Viewer,
    CsrfForm { form, .. }: CsrfForm<TokenForm>,
) -> Result<Response, WebError> {
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        let mut errors = FormErrors::default();
        errors.add(
            "token_name",
            format!("invalid name '{name}': 1 to 100 characters, to recognise the token by"),
        );
        return Ok(invalid(
            render_for(&state, &viewer, Extra::errors(errors)).await?,
        ));
    }
    // 256 bits from the operating system's generator.
    let token = format!("leap_{}", csrf::random_token(32)?);
    state
        .store
        .create_token(
            viewer.account.id,
            name,
            &auth::token_hash(&token),
            state.now(),
        )
        .await?;
    Ok(render_for(
        &state,
        &viewer,
        Extra {
            new_token: Some(token),
            ..Extra::none()
        },
    )
    .await?
    .into_response())
}

#[derive(Deserialize)]
struct Empty {}

/// All of the person's data as the export document, as a download.
async fn export(State(state): State<AppState>, me: Me) -> Result<Response, WebError> {
    let today = state.today();
    let export = leap_app::transfer::export(
        &*state.store,
        me.profile.person,
        today,
        &leap_store::transfer::Quiet,
    )
    .await?;
    let body = serde_json::to_string_pretty(&export.document)
        .map_err(|e| WebError::internal(format!("export: {e}")))?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/json".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"leap-export-{today}.json\""),
            ),
        ],
        body,
    )
        .into_response())
}

#[derive(Deserialize)]
struct DeleteForm {
    #[serde(default)]
    password: String,
    /// For an account with no password (single sign-on).
    #[serde(default)]
    confirm_username: String,
    #[serde(default)]
    understood: Option<String>,
}

/// Deletes the account and everything of its person's, once the password
/// is typed again and the consequence ticked as understood.
async fn delete_account(
    State(state): State<AppState>,
    viewer: Viewer,
    CsrfForm { form, session }: CsrfForm<DeleteForm>,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::default();
    if viewer.account.password_hash.is_empty() {
        // Signed in with single sign-on, no password: the username, typed.
        if form.confirm_username.trim() != viewer.account.username {
            errors.add(
                "delete_username",
                "type your username exactly: nothing was deleted",
            );
        }
    } else if !password::verify(form.password, Some(viewer.account.password_hash.clone())).await {
        errors.add(
            "delete_password",
            "that is not your password: nothing was deleted",
        );
    }
    if form.understood.is_none() {
        errors.add(
            "understood",
            "tick the box to confirm that everything is deleted for good",
        );
    }
    if !errors.is_empty() {
        return Ok(invalid(
            render_for(&state, &viewer, Extra::errors(errors)).await?,
        ));
    }
    // Deleted first: refused (the last administrator), they stay signed in.
    match state.store.delete_account(viewer.account.id).await {
        Ok(()) => {}
        Err(leap_store::StoreError::Conflict(m)) => {
            let mut errors = FormErrors::default();
            errors.add("delete_password", m);
            return Ok((
                StatusCode::CONFLICT,
                render_for(&state, &viewer, Extra::errors(errors)).await?,
            )
                .into_response());
        }
        Err(e) => return Err(e.into()),
    }
    auth::sign_out(&session).await?;
    Ok(Redirect::to("/login?deleted=1").into_response())
}

async fn revoke_token(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    _form: CsrfForm<Empty>,
) -> Result<Response, WebError> {
    state
        .store
        .revoke_token(viewer.account.id, id, state.now())
        .await?;
    Ok(Redirect::to("/settings").into_response())
}

//! Who is asking: a signed-in browser session or a personal API token, the
//! account behind it, and the person whose data that account works on.
//! Login attempts are throttled per client, per account and per pair, in
//! the database so that several servers share the counts.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use leap_core::Framework;
use leap_store::{Account, AccountId, AccountProfile, Profile};
use tower_sessions::Session;

use crate::error::{ApiError, WebError};
use crate::state::AppState;

pub const ACCOUNT_KEY: &str = "account";
pub const LOGIN_AT_KEY: &str = "login_at";
pub const LAST_SEEN_KEY: &str = "last_seen";
/// Activity refreshes the session (and so its expiry) at most this often,
/// so that reading a page does not write to the database every time.
pub const REFRESH_SECONDS: i64 = 60;

/// Failed logins are counted over this window.
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;
/// At most this many failures for one username from one client...
pub const MAX_FAILURES_PAIR: i64 = 5;
/// ... from one client for any usernames ...
pub const MAX_FAILURES_CLIENT: i64 = 20;
/// ... and for one username from anywhere (well under ASVS's 100 an hour).
pub const MAX_FAILURES_ACCOUNT: i64 = 50;

fn session_error(e: tower_sessions::session::Error) -> WebError {
    WebError::internal(format!("session: {e}"))
}

/// The signed-in account of a session, if the session is still valid:
/// within the absolute limit since login and the idle limit since the last
/// request. Activity refreshes the session at most every
/// [`REFRESH_SECONDS`] (a quarter of the idle limit if that is shorter).
pub async fn session_account(
    session: &Session,
    state: &AppState,
) -> Result<Option<AccountProfile>, WebError> {
    let (id, loaded) = crate::session::with_loaded_account(session.get::<i64>(ACCOUNT_KEY)).await;
    let Some(id) = id.map_err(session_error)? else {
        return Ok(None);
    };
    let now = state.now().timestamp();
    let login_at = session
        .get::<i64>(LOGIN_AT_KEY)
        .await
        .map_err(session_error)?
        .unwrap_or(0);
    let last_seen = session
        .get::<i64>(LAST_SEEN_KEY)
        .await
        .map_err(session_error)?
        .unwrap_or(login_at);
    let absolute = i64::try_from(state.config.absolute_timeout.as_secs()).unwrap_or(i64::MAX);
    let idle = i64::try_from(state.config.idle_timeout.as_secs()).unwrap_or(i64::MAX);
    let fresh = now - login_at <= absolute && now - last_seen <= idle;
    let account = if fresh {
        // Read with the session when this read loaded it; else (loaded
        // earlier, or another account) from the store.
        match loaded {
            Some(a) if a.account.id == AccountId(id) => Some(a),
            _ => state.store.account(AccountId(id)).await?,
        }
    } else {
        None
    };
    match account {
        Some(a) if !a.account.disabled => {
            if now - last_seen >= REFRESH_SECONDS.min(idle / 4) {
                // Modifying the session saves it with a new inactivity expiry.
                session
                    .insert(LAST_SEEN_KEY, now)
                    .await
                    .map_err(session_error)?;
            }
            Ok(Some(a))
        }
        _ => {
            session.flush().await.map_err(session_error)?;
            Ok(None)
        }
    }
}

/// Signs an account in on this session: a new session id (no fixation).
pub async fn sign_in(
    session: &Session,
    state: &AppState,
    account: &Account,
) -> Result<(), WebError> {
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(ACCOUNT_KEY, account.id.0)
        .await
        .map_err(session_error)?;
    let now = state.now().timestamp();
    session
        .insert(LOGIN_AT_KEY, now)
        .await
        .map_err(session_error)?;
    session
        .insert(LAST_SEEN_KEY, now)
        .await
        .map_err(session_error)?;
    Ok(())
}

pub async fn sign_out(session: &Session) -> Result<(), WebError> {
    session.flush().await.map_err(session_error)
}

/// A signed-in browser user. Without one, pages redirect to the login (or,
/// before any account exists, to the setup).
pub struct Viewer {
    pub account: Account,
    /// Someone in the organisation reports to them.
    pub manages: bool,
    /// The profile of the account's person, read with the account.
    pub profile: Option<Profile>,
    pub session: Session,
}

async fn to_login(state: &AppState) -> Response {
    match state.store.account_count().await {
        Ok(0) => Redirect::to("/setup").into_response(),
        Ok(_) => Redirect::to("/login").into_response(),
        Err(e) => WebError::from(e).into_response(),
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match session_account(&session, state).await {
            Ok(Some(AccountProfile {
                account,
                profile,
                manages,
            })) => Ok(Self {
                account,
                manages,
                profile,
                session,
            }),
            Ok(None) => Err(to_login(state).await),
            Err(e) => Err(e.into_response()),
        }
    }
}

/// A signed-in user with a profile: the person, and the framework they use.
pub struct Me {
    pub viewer: Viewer,
    pub profile: Profile,
    pub framework: Arc<Framework>,
}

impl FromRequestParts<AppState> for Me {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let viewer = Viewer::from_request_parts(parts, state).await?;
        let Some(profile) = viewer.profile.clone() else {
            return Err(Redirect::to("/welcome").into_response());
        };
        match state.framework(&profile.framework_hash).await {
            Ok(framework) => Ok(Self {
                viewer,
                profile,
                framework,
            }),
            Err(e) => Err(e.into_response()),
        }
    }
}

pub use leap_app::accounts::token_hash;

/// A caller of the JSON API: a bearer token, or a browser session.
pub struct ApiMe {
    pub profile: Profile,
    pub framework: Arc<Framework>,
}

/// An API caller who may have no profile (a mentor reading what others
/// share with them).
pub struct ApiViewer {
    pub account: Account,
    pub profile: Option<Profile>,
    /// Someone in the organisation reports to them.
    pub manages: bool,
}

impl FromRequestParts<AppState> for ApiViewer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let account = match bearer {
            Some(token) => state.store.account_by_token(&token_hash(token)).await?,
            None => match Session::from_request_parts(parts, state).await {
                Ok(session) => session_account(&session, state).await?,
                Err(_) => None,
            },
        };
        let account = account.ok_or_else(|| {
            WebError::new(
                axum::http::StatusCode::UNAUTHORIZED,
                "unauthorized",
                "sign in, or send a personal API token as `Authorization: Bearer TOKEN`",
            )
        })?;
        Ok(Self {
            account: account.account,
            profile: account.profile,
            manages: account.manages,
        })
    }
}

impl FromRequestParts<AppState> for ApiMe {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let viewer = ApiViewer::from_request_parts(parts, state).await?;
        let profile = viewer.profile.ok_or_else(|| {
            WebError::new(
                axum::http::StatusCode::CONFLICT,
                "no_profile",
                "this account has no profile yet: create it with PUT /api/v1/profile (name, current_role, target, and a framework of your own if you like), or on the web page /welcome",
            )
        })?;
        let framework = state.framework(&profile.framework_hash).await?;
        Ok(Self { profile, framework })
    }
}

/// The client's address: the socket's, or with a trusted proxy the last
/// hop of `X-Forwarded-For` (the one the proxy added).
pub fn client_address(parts: &Parts, state: &AppState) -> String {
    if state.config.trusted_proxy {
        if let Some(last) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            return last.to_owned();
        }
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The cookie a browser that has signed in to an account keeps (a year):
/// failed sign-ins for the account from elsewhere do not hold it back.
fn device_cookie_name(state: &AppState) -> &'static str {
    if state.config.secure_cookies {
        "__Host-leap-device"
    } else {
        "leap-device"
    }
}

/// The value of the cookie `name` the browser sent, if any (the session
/// layer reads only its own).
pub fn cookie<'h>(headers: &'h axum::http::HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
}

/// The browser's device cookie, if it sent one.
pub fn device_cookie(headers: &axum::http::HeaderMap, state: &AppState) -> Option<String> {
    cookie(headers, device_cookie_name(state))
        .filter(|v| !v.is_empty() && v.len() <= 128)
        .map(str::to_owned)
}

/// Whether the browser has signed in to `username` before.
pub async fn known_device(
    state: &AppState,
    username: &str,
    cookie: Option<&str>,
) -> Result<bool, WebError> {
    match cookie {
        Some(c) => Ok(state
            .store
            .is_login_device(username, &token_hash(c))
            .await?),
        None => Ok(false),
    }
}

/// After a sign-in: the browser is remembered for the account, with a
/// new device cookie unless it has one for the account already.
pub async fn remember_device(
    state: &AppState,
    account: &Account,
    known: bool,
    mut response: Response,
) -> Result<Response, WebError> {
    if known {
        return Ok(response);
    }
    let token = leap_app::random_token(32)?;
    state
        .store
        .add_login_device(account.id, &token_hash(&token), state.now())
        .await?;
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{}={token}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Strict{secure}",
        device_cookie_name(state)
    );
    if let Ok(v) = axum::http::HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

/// Refuses a login attempt when too many have failed recently: from this
/// client for this username, from this client for any, or for this
/// username from anywhere. The last does not hold back a browser that has
/// signed in to the account before (`known_device`), so that someone
/// guessing from many addresses slows the guessing down without locking
/// the owner out.
pub async fn check_throttle(
    state: &AppState,
    username: &str,
    client: &str,
    known_device: bool,
) -> Result<(), WebError> {
    let now = state.now();
    let window = Duration::minutes(THROTTLE_WINDOW_MINUTES);
    let f = state
        .store
        .login_failures(username, client, now - window)
        .await?;
    let account_limit = if known_device {
        i64::MAX
    } else {
        MAX_FAILURES_ACCOUNT
    };
    let limited = [
        (f.by_pair, MAX_FAILURES_PAIR, f.oldest_by_pair),
        (f.by_client, MAX_FAILURES_CLIENT, f.oldest_by_client),
        (f.by_username, account_limit, f.oldest_by_username),
    ]
    .into_iter()
    .filter(|(n, max, _)| n >= max)
    .filter_map(|(_, _, oldest)| oldest)
    .max();
    if let Some(oldest) = limited {
        let wait = (oldest + window - now).num_seconds().max(1);
        tracing::warn!(%username, %client, "login throttled");
        return Err(WebError::too_many(
            format!(
                "too many failed sign-in attempts: try again in {} minutes",
                (wait + 59) / 60
            ),
            u64::try_from(wait).unwrap_or(60),
        ));
    }
    Ok(())
}

const ADMINS_ONLY: &str =
    "only an administrator can manage the organisation: ask one of your leap administrators";

/// A signed-in administrator (the organisation's pages).
pub struct Admin(pub Viewer);

impl FromRequestParts<AppState> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let viewer = Viewer::from_request_parts(parts, state).await?;
        if !viewer.account.is_admin {
            return Err(
                WebError::new(axum::http::StatusCode::FORBIDDEN, "forbidden", ADMINS_ONLY)
                    .into_response(),
            );
        }
        Ok(Self(viewer))
    }
}

/// An administrator calling the API.
pub struct ApiAdmin(pub Account);

impl FromRequestParts<AppState> for ApiAdmin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let viewer = ApiViewer::from_request_parts(parts, state).await?;
        if !viewer.account.is_admin {
            return Err(ApiError(WebError::new(
                axum::http::StatusCode::FORBIDDEN,
                "forbidden",
                ADMINS_ONLY,
            )));
        }
        Ok(Self(viewer.account))
    }
}

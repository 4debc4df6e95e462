//! Accounts: usernames and personal API tokens (passwords are in
//! [`crate::password`]).

use chrono::{DateTime, Utc};
use leap_core::InvalidValue;
use leap_store::{Account, AccountId, Backend};
use sha2::{Digest, Sha256};

use crate::Result;

/// Usernames: 1 to 64 letters, digits, '.', '-', '_', '@' or '+', so
/// that an e-mail address is a username (an organisation's people are
/// known by e-mail; their account is the one named by it).
pub fn check_username(name: &str) -> Result<(), InvalidValue> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@' | '+'));
    if ok {
        Ok(())
    } else {
        Err(InvalidValue::new(
            "username",
            name,
            "1 to 64 letters, digits, '.', '-', '_', '@' or '+' (an e-mail address will do)",
        ))
    }
}

/// The SHA-256 of a token (an API token, a rater's link), as stored.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates a personal API token for an account and returns it; only its
/// hash is stored.
pub async fn new_api_token(
    store: &dyn Backend,
    account: AccountId,
    name: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    // 256 bits from the operating system's generator.
    let token = format!("leap_{}", crate::random_token(32)?);
    store
        .create_token(account, name, &token_hash(&token), now)
        .await?;
    Ok(token)
}

/// How long an administrator's password link works.
pub const RESET_LINK_HOURS: i64 = 24;

/// The most accounts on one page of the administrators' list.
pub const PAGE_SIZE: i64 = 25;

/// Who does an administrator's action, for the audit log: an
/// administrator's username, or `leap user` on the server.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a>(pub &'a str);

/// What an administrator did, written to the audit log.
pub async fn audit(
    store: &dyn Backend,
    actor: Actor<'_>,
    action: &str,
    target: &str,
    detail: String,
    at: DateTime<Utc>,
) -> Result<()> {
    store
        .add_admin_audit(&leap_store::AdminAuditLine {
            at,
            actor: actor.0.to_owned(),
            action: action.to_owned(),
            target: target.to_owned(),
            detail,
        })
        .await?;
    Ok(())
}

/// A one-time link to set a password, shown once to the administrator who
/// made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetLink {
    pub url: String,
    pub expires: DateTime<Utc>,
}

async fn reset_link(
    store: &dyn Backend,
    account: AccountId,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<ResetLink> {
    let token = crate::random_token(32)?;
    let expires = now + chrono::Duration::hours(RESET_LINK_HOURS);
    store
        .create_password_reset(account, &token_hash(&token), expires)
        .await?;
    Ok(ResetLink {
        url: format!("{}/reset/{token}", public_url.trim_end_matches('/')),
        expires,
    })
}

/// An account by its username, or the error that names it.
pub async fn find(store: &dyn Backend, username: &str) -> Result<Account> {
    store.account_by_username(username).await?.ok_or_else(|| {
        leap_store::StoreError::NotFound {
            what: "account",
            id: username.to_owned(),
        }
        .into()
    })
}

/// Adds an account for `username` with no password: it signs in with
/// single sign-on (linked by its e-mail address), or sets a password with
/// the one-time link returned when local passwords are on.
pub async fn add(
    store: &dyn Backend,
    actor: Actor<'_>,
    username: &str,
    admin: bool,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(Account, Option<ResetLink>)> {
    check_username(username)?;
    if store.account_by_username(username).await?.is_some() {
        return Err(InvalidValue::new("username", username, "a username no account has").into());
    }
    let account = store
        .create_account(leap_store::NewAccount {
            username,
            password_hash: "",
            is_admin: admin,
            at: now,
        })
        .await?;
    let link = if store.sign_in_settings().await?.local_passwords {
        Some(reset_link(store, account.id, public_url, now).await?)
    } else {
        None
    };
    let detail = if account.is_admin {
        "administrator"
    } else {
        ""
    };
    audit(
        store,
        actor,
        "account.add",
        username,
        detail.to_owned(),
        now,
    )
    .await?;
    Ok((account, link))
}

/// Disables (signed out everywhere, tokens refused) or enables an account.
pub async fn set_disabled(
    store: &dyn Backend,
    actor: Actor<'_>,
    username: &str,
    disabled: bool,
    now: DateTime<Utc>,
) -> Result<Account> {
    let account = find(store, username).await?;
    store.set_disabled(account.id, disabled).await?;
    let action = if disabled {
        "account.disable"
    } else {
        "account.enable"
    };
    audit(store, actor, action, username, String::new(), now).await?;
    find(store, username).await
}

/// Makes an account an administrator, or not.
pub async fn set_admin(
    store: &dyn Backend,
    actor: Actor<'_>,
    username: &str,
    admin: bool,
    now: DateTime<Utc>,
) -> Result<Account> {
    let account = find(store, username).await?;
    store.set_admin(account.id, admin).await?;
    let action = if admin {
        "account.make-admin"
    } else {
        "account.remove-admin"
    };
    audit(store, actor, action, username, String::new(), now).await?;
    find(store, username).await
}

/// An administrator's password reset: the old password stops working at
/// once, every session is signed out, every API token revoked and every
/// remembered browser forgotten; the returned one-time link sets a new one.
pub async fn reset_password(
    store: &dyn Backend,
    actor: Actor<'_>,
    username: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(ResetLink, u64)> {
    let account = find(store, username).await?;
    if account.disabled {
        return Err(InvalidValue::new("username", username, "an enabled account").into());
    }
    if !store.sign_in_settings().await?.local_passwords {
        return Err(InvalidValue::new(
            "local_passwords",
            "off",
            "on for a password reset: this organisation signs in with single sign-on only (to cut an account off, disable it)",
        )
        .into());
    }
    store.set_password(account.id, "").await?;
    store.sessions_delete_for(account.id, None).await?;
    let revoked = store.revoke_tokens_for(account.id, now).await?;
    store.forget_login_devices(account.id).await?;
    let link = reset_link(store, account.id, public_url, now).await?;
    audit(
        store,
        actor,
        "account.reset-password",
        username,
        format!("{revoked} API tokens revoked"),
        now,
    )
    .await?;
    Ok((link, revoked))
}

/// Deletes an account and all of its person's data.
pub async fn delete(
    store: &dyn Backend,
    actor: Actor<'_>,
    username: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let account = find(store, username).await?;
    store.delete_account(account.id).await?;
    audit(store, actor, "account.delete", username, String::new(), now).await
}

/// Changes how people sign in. Turning local passwords off needs single
/// sign-on set up, and an administrator who signs in with it, so that no
/// one is locked out.
pub async fn set_sign_in(
    store: &dyn Backend,
    actor: Actor<'_>,
    settings: leap_store::SignInSettings,
    sso_configured: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let before = store.sign_in_settings().await?;
    if !settings.local_passwords && before.local_passwords {
        if !sso_configured {
            return Err(InvalidValue::new(
                "local_passwords",
                "off",
                "on, until single sign-on is set up (leap serve --oidc-issuer ...)",
            )
            .into());
        }
        let me = store.account_by_username(actor.0).await?;
        let linked = match me {
            Some(a) => !store.identities(a.id).await?.is_empty(),
            None => false,
        };
        if !linked {
            return Err(InvalidValue::new(
                "local_passwords",
                "off",
                "on, until you have signed in once with single sign-on yourself, so that an administrator can still get in",
            )
            .into());
        }
    }
    store.set_sign_in_settings(settings).await?;
    let onoff = |b: bool| if b { "on" } else { "off" };
    audit(
        store,
        actor,
        "settings.sign-in",
        "sign-in",
        format!(
            "local passwords {}, registration by single sign-on {}",
            onoff(settings.local_passwords),
            onoff(settings.sso_registration)
        ),
        now,
    )
    .await
}

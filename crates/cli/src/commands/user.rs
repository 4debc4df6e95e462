//! `leap user`: the web application's accounts.

use std::io::IsTerminal;

use leap_store::{Account, NewAccount};
use serde::Serialize;

use crate::cli::{OnOff, UserCommand};
use crate::context::Ctx;
use crate::error::usage;
use crate::output::{print_json, table};

/// Who `leap user` acts as, in the administrators' audit log.
const CLI: leap_app::accounts::Actor<'static> =
    leap_app::accounts::Actor("leap user (on the server)");

/// The new password: LEAP_PASSWORD, or asked twice on a terminal.
fn new_password(username: &str) -> anyhow::Result<String> {
    let password = match std::env::var("LEAP_PASSWORD") {
        Ok(p) => p,
        Err(_) if std::io::stdin().is_terminal() => dialoguer::Password::new()
            .with_prompt(format!("Password for {username}"))
            .with_confirmation("Again", "the two passwords differ")
            .interact()
            .map_err(|e| anyhow::anyhow!("cancelled ({e}): nothing was saved"))?,
        Err(_) => {
            return Err(usage(
                "no terminal to ask the password on: set LEAP_PASSWORD for this command",
            ))
        }
    };
    leap_app::password::check_policy(&password)?;
    Ok(password)
}

async fn find(ctx: &Ctx, username: &str) -> anyhow::Result<Account> {
    ctx.store
        .account_by_username(username)
        .await?
        .ok_or_else(|| {
            usage(format!(
                "invalid username '{username}': no such account; `leap user list` shows them"
            ))
        })
}

#[derive(Serialize)]
struct AccountView<'a> {
    username: &'a str,
    admin: bool,
    disabled: bool,
    has_profile: bool,
}

impl<'a> AccountView<'a> {
    fn of(a: &'a leap_store::Account) -> Self {
        Self {
            username: &a.username,
            admin: a.is_admin,
            disabled: a.disabled,
            has_profile: a.person.is_some(),
        }
    }
}

/// `--json` of a command that changed an account: the account as it is now.
async fn print_account(ctx: &Ctx, username: &str) -> anyhow::Result<()> {
    let account = find(ctx, username).await?;
    print_json(&AccountView::of(&account))
}

/// The checks of `leap user add` on a database that is not there yet:
/// the username and the password, read before the database is created so
/// that a refusal leaves no file behind.
pub fn check_new(username: &str) -> anyhow::Result<String> {
    leap_app::accounts::check_username(username)?;
    new_password(username)
}

/// `password` is the one read already by [`check_new`], if any.
pub async fn run(ctx: &Ctx, command: UserCommand, password: Option<String>) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            username,
            admin,
            link_local,
            json,
        } => {
            leap_app::accounts::check_username(&username)?;
            if ctx.store.account_by_username(&username).await?.is_some() {
                return Err(usage(format!(
                    "invalid username '{username}': the username is taken"
                )));
            }
            let password = match password {
                Some(p) => p,
                None => new_password(&username)?,
            };
            let hash = leap_app::password::hash(password).await?;
            let account = ctx
                .store
                .create_account(NewAccount {
                    username: &username,
                    password_hash: &hash,
                    is_admin: admin,
                    at: chrono::Utc::now(),
                })
                .await?;
            let linked = link_local && ctx.store.link_local_profile(account.id).await?;
            if json {
                return print_account(ctx, &username).await;
            }
            outln!(
                "Account {username} created{}{}.",
                if account.is_admin {
                    " (administrator)"
                } else {
                    ""
                },
                if linked {
                    ", with the command line's profile"
                } else {
                    ""
                }
            );
            if link_local && !linked {
                outln!("The command line's profile was not linked: there is none, or another account has it.");
            }
        }
        UserCommand::List(a) => {
            let accounts = ctx.store.accounts().await?;
            let views: Vec<AccountView> = accounts.iter().map(AccountView::of).collect();
            if a.json {
                return print_json(&serde_json::json!({ "accounts": views }));
            }
            if views.is_empty() {
                outln!("No accounts yet: `leap user add NAME`, or open `leap serve` and set up the first one.");
                return Ok(());
            }
            let mut t = table(["username", "admin", "disabled", "profile"]);
            let yes = |b: bool| if b { "yes" } else { "" };
            for v in &views {
                t.add_row([
                    v.username,
                    yes(v.admin),
                    yes(v.disabled),
                    yes(v.has_profile),
                ]);
            }
            outln!("{t}");
        }
        UserCommand::SetPassword { username, json } => {
            let account = find(ctx, &username).await?;
            let password = match password {
                Some(p) => p,
                None => new_password(&username)?,
            };
            let hash = leap_app::password::hash(password).await?;
            let now = chrono::Utc::now();
            ctx.store.set_password(account.id, &hash).await?;
            let n = ctx.store.sessions_delete_for(account.id, None).await?;
            // An administrator's reset: the tokens go too (the account may
            // be in the wrong hands).
            let t = ctx.store.revoke_tokens_for(account.id, now).await?;
            leap_app::accounts::audit(
                &*ctx.store,
                CLI,
                "account.set-password",
                &username,
                format!("{t} API tokens revoked"),
                now,
            )
            .await?;
            if json {
                return print_account(ctx, &username).await;
            }
            outln!(
                "Password of {username} changed; {n} sessions signed out, {t} API tokens revoked."
            );
        }
        UserCommand::Disable { username, json } => {
            find(ctx, &username).await?;
            leap_app::accounts::set_disabled(&*ctx.store, CLI, &username, true, chrono::Utc::now())
                .await?;
            if json {
                return print_account(ctx, &username).await;
            }
            outln!("Account {username} disabled and signed out everywhere.");
        }
        UserCommand::Admin {
            username,
            remove,
            json,
        } => {
            find(ctx, &username).await?;
            leap_app::accounts::set_admin(&*ctx.store, CLI, &username, !remove, chrono::Utc::now())
                .await?;
            if json {
                return print_account(ctx, &username).await;
            }
            if remove {
                outln!("{username} is no longer an administrator.");
            } else {
                outln!("{username} is an administrator.");
            }
        }
        UserCommand::Delete {
            username,
            yes,
            json,
        } => {
            super::transfer::delete_account(ctx, &username, yes, json).await?;
        }
        UserCommand::SignIn {
            local_passwords,
            sso_registration,
            json,
        } => {
            let now = ctx.store.sign_in_settings().await?;
            let wanted = leap_store::SignInSettings {
                local_passwords: local_passwords.map_or(now.local_passwords, OnOff::on),
                sso_registration: sso_registration.map_or(now.sso_registration, OnOff::on),
            };
            if wanted != now {
                if now.local_passwords && !wanted.local_passwords {
                    return Err(usage(
                        "invalid local-passwords 'off': turn local passwords off on the web's Accounts page, signed in with single sign-on, so that leap can check an administrator still gets in",
                    ));
                }
                leap_app::accounts::set_sign_in(&*ctx.store, CLI, wanted, true, chrono::Utc::now())
                    .await?;
            }
            let s = ctx.store.sign_in_settings().await?;
            if json {
                return print_json(&serde_json::json!({
                    "local_passwords": s.local_passwords,
                    "sso_registration": s.sso_registration,
                }));
            }
            let onoff = |b: bool| if b { "on" } else { "off" };
            outln!(
                "Local passwords: {}. Accounts made on first single sign-on: {}.",
                onoff(s.local_passwords),
                onoff(s.sso_registration)
            );
        }
        UserCommand::Audit { limit, json } => {
            if !(1..=10_000).contains(&limit) {
                return Err(leap_core::InvalidValue::new(
                    "limit",
                    limit.to_string(),
                    "a whole number from 1 to 10000",
                )
                .into());
            }
            let (lines, total) = ctx.store.admin_audit(0, limit).await?;
            if json {
                let lines: Vec<_> = lines
                    .iter()
                    .map(|l| {
                        serde_json::json!({
                            "at": l.at, "actor": l.actor, "action": l.action,
                            "target": l.target, "detail": l.detail,
                        })
                    })
                    .collect();
                return print_json(&serde_json::json!({ "lines": lines, "total": total }));
            }
            if lines.is_empty() {
                outln!("Nothing in the audit log yet.");
                return Ok(());
            }
            let mut t = table(["when (UTC)", "who", "what", "to", "details"]);
            for l in &lines {
                let at = l.at.format("%Y-%m-%d %H:%M").to_string();
                t.add_row([
                    at.as_str(),
                    l.actor.as_str(),
                    l.action.as_str(),
                    l.target.as_str(),
                    l.detail.as_str(),
                ]);
            }
            outln!("{t}");
            if total > limit {
                outln!("{} of {total} lines; --limit shows more.", lines.len());
            }
        }
        UserCommand::Token { username, name } => {
            let account = find(ctx, &username).await?;
            if account.disabled {
                return Err(usage(format!(
                    "invalid username '{username}': the account is disabled"
                )));
            }
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 100 {
                return Err(
                    leap_core::InvalidValue::new("name", name, "1 to 100 characters").into(),
                );
            }
            let token = leap_app::accounts::new_api_token(
                &*ctx.store,
                account.id,
                name,
                chrono::Utc::now(),
            )
            .await?;
            // The token alone on stdout, for scripts.
            outln!("{token}");
            eprintln!("Token '{name}' created for {username}: it is shown this once; revoke it on the Settings page.");
        }
        UserCommand::Enable { username, json } => {
            find(ctx, &username).await?;
            leap_app::accounts::set_disabled(
                &*ctx.store,
                CLI,
                &username,
                false,
                chrono::Utc::now(),
            )
            .await?;
            if json {
                return print_account(ctx, &username).await;
            }
            outln!("Account {username} enabled.");
        }
    }
    Ok(())
}

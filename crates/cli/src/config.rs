//! The config file: the options people set once (the database, the public
//! address, SMTP, how many pieces of work at once), in TOML at
//! `$XDG_CONFIG_HOME/leap/config.toml`, or the file `--config` /
//! `LEAP_CONFIG` names. A flag beats its environment variable, which beats
//! the file, which beats the default.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::cli::{Cli, Command, FeedbackCommand, LogFormat, MailArgs, PlanCommand};
use crate::error::usage;

/// What the file may hold; anything else is refused, naming it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    db: Option<PathBuf>,
    database_url: Option<String>,
    public_url: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    addr: Option<String>,
    secure_cookies: Option<bool>,
    trusted_proxy: Option<bool>,
    log_format: Option<LogFormat>,
    metrics_token: Option<String>,
    max_connections: Option<i64>,
    keep_alive: Option<i64>,
    at_once: Option<i64>,
    oidc_issuer: Option<String>,
    oidc_client_id: Option<String>,
    oidc_client_secret: Option<String>,
    oidc_name: Option<String>,
    oidc_trust_email: Option<bool>,
}

/// The keys the file takes, for the error that names an unknown one.
pub const KEYS: &str = "db, database_url, public_url, smtp_url, mail_from, addr, secure_cookies, trusted_proxy, log_format, metrics_token, max_connections, keep_alive, at_once, oidc_issuer, oidc_client_id, oidc_client_secret, oidc_name, oidc_trust_email";

/// The file to read: the one named, else the default if it is there.
fn path(cli: &Cli) -> Option<(PathBuf, bool)> {
    match &cli.config {
        Some(p) => Some((p.clone(), true)),
        None => dirs::config_dir().map(|d| (d.join("leap").join("config.toml"), false)),
    }
}

/// Reads the config file, if any. A file named with `--config` must exist;
/// the default one may not.
pub fn load(cli: &Cli) -> anyhow::Result<Option<(PathBuf, Config)>> {
    let Some((path, named)) = path(cli) else {
        return Ok(None);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => return Ok(None),
        Err(e) => return Err(usage(format!("cannot read {}: {e}", path.display()))),
    };
    let config: Config = toml::from_str(&text).map_err(|e| {
        let problem = e.to_string();
        // An unknown key's message lists the keys already.
        let keys = if problem.contains("unknown field") {
            String::new()
        } else {
            format!(" (the file takes: {KEYS})")
        };
        usage(format!("{}: {}{keys}", path.display(), problem.trim_end()))
    })?;
    warn_if_readable_secret(&path, &config);
    Ok(Some((path, config)))
}

/// A password in a file others can read is worth a word on standard error.
fn warn_if_readable_secret(path: &Path, config: &Config) {
    let secret = config.metrics_token.is_some()
        || config.oidc_client_secret.is_some()
        || [&config.database_url, &config.smtp_url]
            .into_iter()
            .flatten()
            .any(|u| url::Url::parse(u).is_ok_and(|u| u.password().is_some()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let open = std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0);
        if secret && open {
            eprintln!(
                "warning: {} holds a password or token and others can read it: chmod 600 {}",
                path.display(),
                path.display()
            );
        }
    }
    #[cfg(not(unix))]
    let _ = (path, secret);
}

/// Fills what neither a flag nor the environment gave from the file.
pub fn apply(cli: &mut Cli, config: Config) {
    fill(&mut cli.db, config.db);
    fill(&mut cli.database_url, config.database_url);
    let mail = |m: &mut MailArgs| {
        fill(&mut m.public_url, config.public_url.clone());
        fill(&mut m.smtp_url, config.smtp_url.clone());
        fill(&mut m.mail_from, config.mail_from.clone());
    };
    match &mut cli.command {
        Command::Serve(args) => {
            mail(&mut args.mail);
            fill(&mut args.addr, config.addr);
            args.secure_cookies |= config.secure_cookies.unwrap_or(false);
            args.trusted_proxy |= config.trusted_proxy.unwrap_or(false);
            fill(&mut args.log_format, config.log_format);
            fill(&mut args.metrics_token, config.metrics_token);
            fill(&mut args.max_connections, config.max_connections);
            fill(&mut args.keep_alive, config.keep_alive);
            fill(&mut args.oidc.oidc_issuer, config.oidc_issuer);
            fill(&mut args.oidc.oidc_client_id, config.oidc_client_id);
            fill(&mut args.oidc.oidc_client_secret, config.oidc_client_secret);
            fill(&mut args.oidc.oidc_name, config.oidc_name);
            args.oidc.oidc_trust_email |= config.oidc_trust_email.unwrap_or(false);
        }
        Command::Feedback(FeedbackCommand::Request(args)) => mail(&mut args.mail),
        Command::Plan(plan) => {
            if let Some(PlanCommand::Generate { at_once, .. }) = &mut plan.command {
                fill(at_once, config.at_once);
            }
        }
        _ => {}
    }
}

fn fill<T>(slot: &mut Option<T>, from_file: Option<T>) {
    if slot.is_none() {
        *slot = from_file;
    }
}

//! `leap serve`: the web application on the same database.

use std::net::SocketAddr;

use anyhow::Context as _;
use leap_web::{AppState, Config};

use crate::cli::{LogFormat, ServeArgs};
use crate::context::Ctx;
use crate::error::usage;

/// Where `serve` listens when neither a flag, the environment nor the
/// config file says.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7878";

/// The listening address, checked before anything else happens.
pub fn parse_addr(addr: Option<&str>) -> anyhow::Result<SocketAddr> {
    let addr = addr.unwrap_or(DEFAULT_ADDR);
    addr.parse().map_err(|_| {
        usage(format!(
            "invalid addr '{addr}': an address and port such as 127.0.0.1:7878 or 0.0.0.0:8080"
        ))
    })
}

/// `--max-connections` and `--keep-alive`, checked (before anything else
/// happens, and again where used).
pub fn connection_limits(args: &ServeArgs) -> anyhow::Result<(usize, std::time::Duration)> {
    let max_connections = within(
        "max-connections",
        args.max_connections,
        1,
        100_000,
        leap_web::MAX_CONNECTIONS,
    )?;
    let keep_alive = within(
        "keep-alive",
        args.keep_alive,
        1,
        3600,
        leap_web::KEEP_ALIVE_SECONDS,
    )?;
    Ok((
        max_connections as usize,
        std::time::Duration::from_secs(u64::from(keep_alive)),
    ))
}

/// A whole-number option checked against what it allows, before anything
/// happens; `default` when not given.
fn within(
    name: &str,
    given: Option<i64>,
    low: u32,
    high: u32,
    default: u32,
) -> anyhow::Result<u32> {
    let Some(value) = given else {
        return Ok(default);
    };
    u32::try_from(value)
        .ok()
        .filter(|v| (low..=high).contains(v))
        .ok_or_else(|| {
            leap_core::InvalidValue::new(
                name,
                value,
                format!("a whole number from {low} to {high}"),
            )
            .into()
        })
}

pub async fn run(ctx: Ctx, args: ServeArgs) -> anyhow::Result<()> {
    let mail = &args.mail;
    let addr = parse_addr(args.addr.as_deref())?;
    let (max_connections, keep_alive) = connection_limits(&args)?;
    let mailer = super::feedback::mailer(mail.smtp_url.as_deref(), mail.mail_from.as_deref())?;
    let sso = sso(&args.oidc)?;
    let public_url = mail
        .public_url
        .as_deref()
        .map(leap_app::feedback::check_public_url)
        .transpose()?;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let log = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match args.log_format.unwrap_or_default() {
        // One JSON object per line, for a log collector.
        LogFormat::Json => log.json().flatten_event(true).init(),
        // Colour codes only on a terminal, and never with NO_COLOR.
        LogFormat::Text => log.with_ansi(console::colors_enabled_stderr()).init(),
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    let config = Config {
        secure_cookies: args.secure_cookies,
        trusted_proxy: args.trusted_proxy,
        metrics_token: args.metrics_token.clone(),
        max_connections,
        keep_alive,
        today: ctx.today_override,
        public_url: public_url.unwrap_or_else(|| format!("http://{local}")),
        ..Config::default()
    };
    let mut state = AppState::new(ctx.store.clone(), config);
    if let Some(m) = mailer {
        state = state.with_mailer(m);
    }
    if let Some(s) = sso {
        tracing::info!(issuer = %s.config.issuer, "single sign-on");
        state = state.with_sso(s);
    }
    // Printed on stdout so scripts and tests can read the port.
    outln!("leap is serving {} on http://{local}/", ctx.location);
    tracing::info!(%local, db = %ctx.location, "listening");
    leap_web::serve(listener, state, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Single sign-on, when an issuer is given: then the client id and secret
/// must be too (checked before the server starts; the provider itself is
/// read on the first sign-in, so a provider that is down does not stop
/// leap from starting).
fn sso(args: &crate::cli::OidcArgs) -> anyhow::Result<Option<leap_app::sso::Sso>> {
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let Some(issuer) = given(&args.oidc_issuer) else {
        if args.oidc_client_id.is_some() || args.oidc_client_secret.is_some() {
            return Err(usage(
                "--oidc-client-id and --oidc-client-secret need --oidc-issuer, the provider's issuer URL",
            ));
        }
        return Ok(None);
    };
    let (Some(client_id), Some(client_secret)) =
        (given(&args.oidc_client_id), given(&args.oidc_client_secret))
    else {
        return Err(usage(
            "--oidc-issuer needs --oidc-client-id and --oidc-client-secret too (LEAP_OIDC_CLIENT_ID, LEAP_OIDC_CLIENT_SECRET, or the config file)",
        ));
    };
    Ok(Some(leap_app::sso::Sso::new(leap_app::sso::SsoConfig {
        issuer,
        client_id,
        client_secret,
        name: given(&args.oidc_name).unwrap_or_else(|| "single sign-on".to_owned()),
        trust_email: args.oidc_trust_email,
    })?))
}

/// Ctrl-C or SIGTERM: stop accepting, finish what is under way.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

//! What only PostgreSQL does: connect to a server, copy the database with
//! `pg_dump`, restore such a copy with `pg_restore`, and make fresh
//! databases (for tests and benchmarks).

use std::path::Path;
use std::process::Output;
use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyConnection, AnyPool, Connection, Executor};

use crate::sql::SqlStore;
use crate::{Backup, Location, PoolSize, Result, StoreError};

mod session_cache;
pub(crate) use session_cache::{KeptSessions, Lookup, SessionCache};

fn open_error(url: &str, source: sqlx::Error) -> StoreError {
    StoreError::Open {
        url: Location::Postgres(url.to_owned()).to_string(),
        source,
    }
}

pub(crate) async fn open(url: &str, connections: PoolSize) -> Result<AnyPool> {
    let options = AnyConnectOptions::from_str(url).map_err(|e| open_error(url, e))?;
    AnyPoolOptions::new()
        .max_connections(match connections {
            PoolSize::One => 1,
            PoolSize::Many => 8,
        })
        // A request waits for a connection at most this long: while the
        // server is down it answers "unavailable" in 10 s, not after the
        // request's 30 s (a pool busy with a burst of writes to one person
        // has to fit in it too).
        .acquire_timeout(std::time::Duration::from_secs(10))
        .after_connect(|conn, _| {
            Box::pin(async move {
                // A lock another program holds is waited for 5 s, as SQLite
                // waits on a busy file, then the request fails as "busy".
                conn.execute("SET lock_timeout = '5s'").await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .map_err(|e| open_error(url, e))
}

/// One connection, for a question asked before (or without) a pool.
async fn connection(url: &str) -> Result<AnyConnection> {
    sqlx::any::install_default_drivers();
    AnyConnection::connect(url)
        .await
        .map_err(|e| open_error(url, e))
}

fn parse_url(url: &str) -> Result<url::Url> {
    url::Url::parse(url)
        .map_err(|e| open_error(url, sqlx::Error::Configuration(e.to_string().into())))
}

/// Whether the database holds leap's tables.
pub(crate) async fn has_tables<'c, E: Executor<'c, Database = sqlx::Any>>(db: E) -> Result<bool> {
    Ok(
        sqlx::query_scalar("SELECT to_regclass('public.people') IS NOT NULL")
            .fetch_one(db)
            .await?,
    )
}

/// [`has_tables`] for the database at `url`.
pub(crate) async fn has_tables_at(url: &str) -> Result<bool> {
    let mut conn = connection(url).await?;
    let found = has_tables(&mut conn).await?;
    conn.close().await?;
    Ok(found)
}

/// The URL without its password, and the password: the password goes to
/// the client programs in their environment, never on a command line that
/// `ps` shows.
fn split_password(url: &str) -> Result<(String, Option<String>)> {
    let mut parsed = parse_url(url)?;
    let password = parsed.password().map(|p| {
        percent_encoding::percent_decode_str(p)
            .decode_utf8_lossy()
            .into_owned()
    });
    // Only fails for URLs that cannot hold a password, and this one did.
    let _ = parsed.set_password(None);
    Ok((parsed.to_string(), password))
}

/// Runs one of PostgreSQL's client programs against `url`.
async fn client(program: &str, url: &str, args: &[&std::ffi::OsStr]) -> Result<Output> {
    let (url, password) = split_password(url)?;
    let mut command = tokio::process::Command::new(program);
    command.args(args).arg("--dbname").arg(&url);
    if let Some(p) = password {
        command.env("PGPASSWORD", p);
    }
    command.output().await.map_err(|e| {
        StoreError::Tool(format!(
            "cannot run {program} ({e}): install PostgreSQL's client programs (Debian: postgresql-client)"
        ))
    })
}

fn failed(program: &str, out: &Output) -> StoreError {
    StoreError::Tool(format!(
        "{program} failed: {}",
        String::from_utf8_lossy(&out.stderr).trim()
    ))
}

/// Writes a consistent copy of the database to `dest` in pg_dump's custom
/// format (one snapshot, taken while the servers go on writing).
pub(crate) async fn backup(url: &str, dest: &Path) -> Result<()> {
    let out = client(
        "pg_dump",
        url,
        &[
            "--format=custom".as_ref(),
            "--no-owner".as_ref(),
            "--file".as_ref(),
            dest.as_os_str(),
        ],
    )
    .await?;
    if !out.status.success() {
        let _ = std::fs::remove_file(dest);
        return Err(failed("pg_dump", &out));
    }
    Ok(())
}

/// Restores a backup made by [`Backup::backup_to`] into the database at
/// `url`, which must hold no profile and no account. The file is checked
/// first; the restore runs in one transaction, so it all lands or none.
pub(crate) async fn restore(backup: &Path, url: &str) -> Result<()> {
    let listed = tokio::process::Command::new("pg_restore")
        .arg("--list")
        .arg(backup)
        .output()
        .await
        .map_err(|e| StoreError::Tool(format!("cannot run pg_restore ({e})")))?;
    let listing = String::from_utf8_lossy(&listed.stdout);
    if !listed.status.success() || !listing.contains("TABLE public people") {
        return Err(StoreError::Conflict(format!(
            "{} is not a leap backup made with `leap backup` on PostgreSQL",
            backup.display()
        )));
    }
    let target = SqlStore::open(Location::Postgres(url.to_owned())).await?;
    let empty = target.is_empty().await?;
    target.close().await?;
    if !empty {
        return Err(StoreError::Conflict(format!(
            "{} holds data already: restore goes into a new or empty database",
            Location::Postgres(url.to_owned())
        )));
    }
    let out = client(
        "pg_restore",
        url,
        &[
            "--clean".as_ref(),
            "--if-exists".as_ref(),
            "--no-owner".as_ref(),
            "--single-transaction".as_ref(),
            "--exit-on-error".as_ref(),
            backup.as_os_str(),
        ],
    )
    .await?;
    if !out.status.success() {
        return Err(failed("pg_restore", &out));
    }
    Ok(())
}

/// Creates an empty database named `name` on the server that `admin_url`
/// points to, and returns its URL. For tests and benchmarks.
pub async fn create_database(admin_url: &str, name: &str) -> Result<String> {
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(StoreError::Conflict(format!(
            "invalid database name '{name}': use a-z, 0-9 and _"
        )));
    }
    let mut conn = connection(admin_url).await?;
    // `name` is checked above: it cannot close the quotes.
    conn.execute(format!("CREATE DATABASE \"{name}\"").as_str())
        .await?;
    conn.close().await?;
    let mut url = parse_url(admin_url)?;
    url.set_path(name);
    Ok(url.to_string())
}

//! What only SQLite does: open a file (WAL mode, created on first use),
//! copy it with `VACUUM INTO`, and restore such a copy.

use std::path::Path;
use std::str::FromStr;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

use crate::sql::SqlStore;
use crate::{Backup, Location, PoolSize, Result, StoreError};

mod session_reads;
pub(crate) use session_reads::SessionReads;

/// Characters a file name may hold that would end or change an URL's path;
/// sqlx decodes them again.
const PATH: &AsciiSet = &CONTROLS
    .add(b'%')
    .add(b'?')
    .add(b'#')
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}');

fn open_error(path: &Path, source: sqlx::Error) -> StoreError {
    StoreError::Open {
        url: path.display().to_string(),
        source,
    }
}

/// Opens (creating if needed) the database file at `path`.
pub(crate) async fn open(path: &Path, connections: PoolSize) -> Result<AnyPool> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| open_error(path, sqlx::Error::Io(e)))?;
    }
    let name = path.to_str().ok_or_else(|| {
        open_error(
            path,
            sqlx::Error::Configuration("the path is not UTF-8".into()),
        )
    })?;
    check_header(path)?;
    let url = format!("sqlite://{}?mode=rwc", utf8_percent_encode(name, PATH));
    let options = AnyConnectOptions::from_str(&url).map_err(|e| open_error(path, e))?;
    let pool = AnyPoolOptions::new()
        .max_connections(match connections {
            PoolSize::One => 1,
            PoolSize::Many => 4,
        })
        // A file cannot drop a connection, so pinging one before each use
        // only doubles the hand-offs to sqlx's per-connection thread.
        .test_before_acquire(false)
        // A COMMIT that fails on a full disk is rolled back by SQLite
        // itself, so the ROLLBACK sqlx sends when the transaction is
        // dropped fails too and sqlx still counts the connection as in a
        // transaction: every later write on it would fail. Such a
        // connection is closed instead of going back to the pool (the
        // ping lets a rollback still queued run first).
        .after_release(|conn, _| {
            Box::pin(async move {
                use sqlx::Connection;
                if !conn.is_in_transaction() {
                    return Ok(true);
                }
                conn.ping().await?;
                Ok(!conn.is_in_transaction())
            })
        })
        .after_connect(|conn, _| {
            Box::pin(async move {
                // sqlx turns foreign keys on and waits 5 s on a busy file by
                // default; WAL lets readers go on while one writer writes.
                // FULL: every commit reaches the disk (fsync of the WAL)
                // before leap answers, so an acknowledged write survives a
                // power cut or an OS crash (NORMAL could lose the last
                // ones). What it costs writes is in BENCHMARKS.md.
                match conn
                    .execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
                    .await
                {
                    // A damaged file: left for `check_readable` to name at
                    // once (the pool would retry a failed connection until
                    // its timeout, 30 s).
                    Err(e) if is_damage(&e) => Ok(()),
                    Err(e) => Err(e),
                    Ok(_) => Ok(()),
                }
            })
        })
        .connect_with(options)
        .await
        .map_err(|e| damaged_or(path, e))?;
    check_readable(path, &pool).await?;
    Ok(pool)
}

/// Refuses at once a file that is there but is no SQLite database (another
/// file given by mistake, or one damaged at its start): connecting to it
/// would fail on every try until the pool gives up, 30 seconds later.
fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let not_leap = |why: String| StoreError::NotADatabase {
        path: path.display().to_string(),
        why,
    };
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(open_error(path, sqlx::Error::Io(e))),
    };
    let mut header = Vec::with_capacity(16);
    (&mut file)
        .take(16)
        .read_to_end(&mut header)
        .map_err(|e| open_error(path, sqlx::Error::Io(e)))?;
    // An empty file is what `mode=rwc` makes of a new one.
    if header.is_empty() || header == b"SQLite format 3\0" {
        return Ok(());
    }
    Err(not_leap(if header.len() < 16 {
        "it is too short to be one".to_owned()
    } else {
        "it does not start as an SQLite database does".to_owned()
    }))
}

/// Reads the schema on the pool's first connection (rather than on one
/// opened for the check alone), so that a file damaged past its header
/// fails at once with what it is.
async fn check_readable(path: &Path, pool: &AnyPool) -> Result<()> {
    let read = sqlx::query("SELECT count(*) FROM sqlite_master")
        .fetch_one(pool)
        .await;
    if let Err(e) = read {
        pool.close().await;
        return Err(damaged_or(path, e));
    }
    Ok(())
}

/// SQLite's "not a database" (26) and "malformed" (11).
fn is_damage(e: &sqlx::Error) -> bool {
    let code = e.as_database_error().and_then(|d| d.code());
    matches!(code.as_deref(), Some("26") | Some("11"))
}

/// A damaged file as what it means to a user; any other failure as it is.
fn damaged_or(path: &Path, e: sqlx::Error) -> StoreError {
    if !is_damage(&e) {
        return open_error(path, e);
    }
    StoreError::NotADatabase {
        path: path.display().to_string(),
        why: e
            .as_database_error()
            .map(|d| d.message().to_owned())
            .unwrap_or_default(),
    }
}

/// Writes a consistent copy of the database to `dest`.
pub(crate) async fn backup(pool: &AnyPool, dest: &Path) -> Result<()> {
    // VACUUM INTO reads one snapshot, whatever else writes meanwhile.
    sqlx::query("VACUUM INTO $1")
        .bind(dest.to_string_lossy().into_owned())
        .execute(pool)
        .await?;
    Ok(())
}

/// Restores a backup made by [`Backup::backup_to`] into the database file
/// `target`, which must not exist or be empty. The backup is checked first
/// (it must open as a leap database); nothing is written if it fails.
pub(crate) async fn restore(backup: &Path, target: &Path) -> Result<()> {
    // Open a scratch copy, so that checking (and migrating) never touches
    // the backup itself.
    let scratch = target.with_extension("restore-check");
    let _ = std::fs::remove_file(&scratch);
    std::fs::copy(backup, &scratch).map_err(|e| open_error(backup, sqlx::Error::Io(e)))?;
    let checked = match SqlStore::open(Location::Sqlite(scratch.clone())).await {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_file(&scratch);
            return Err(StoreError::Conflict(format!(
                "{} is not a leap backup: {e}",
                backup.display()
            )));
        }
    };
    checked.close().await?;
    if target.exists() {
        let existing = SqlStore::open(Location::Sqlite(target.to_owned())).await?;
        let empty = existing.is_empty().await?;
        existing.close().await?;
        if !empty {
            let _ = std::fs::remove_file(&scratch);
            return Err(StoreError::Conflict(format!(
                "{} holds data already: restore goes into a new or empty database",
                target.display()
            )));
        }
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
        }
    }
    std::fs::rename(&scratch, target).map_err(|e| open_error(target, sqlx::Error::Io(e)))?;
    Ok(())
}

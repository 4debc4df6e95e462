//! What only SQLite does: open a file (WAL mode, created on first use),
//! copy it with `VACUUM INTO`, and restore such a copy.

use std::path::Path;
use std::str::FromStr;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

use crate::sql::SqlStore;
use crate::{Backup, Location, Result, StoreError};

pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

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
pub(crate) async fn open(path: &Path) -> Result<AnyPool> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| open_error(path, sqlx::Error::Io(e)))?;
    }
    let name = path.to_str().ok_or_else(|| {
        open_error(
            path,
            sqlx::Error::Configuration("the path is not UTF-8".into()),
        )
    })?;
    let url = format!("sqlite://{}?mode=rwc", utf8_percent_encode(name, PATH));
    let options = AnyConnectOptions::from_str(&url).map_err(|e| open_error(path, e))?;
    AnyPoolOptions::new()
        .max_connections(4)
        // A file cannot drop a connection, so pinging one before each use
        // only doubles the hand-offs to sqlx's per-connection thread.
        .test_before_acquire(false)
        .after_connect(|conn, _| {
            Box::pin(async move {
                // sqlx turns foreign keys on and waits 5 s on a busy file by
                // default; WAL lets readers go on while one writer writes.
                conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
                    .await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .map_err(|e| open_error(path, e))
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

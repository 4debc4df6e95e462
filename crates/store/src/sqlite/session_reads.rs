//! The one read every signed-in request makes, the session with its
//! account, done on the request's own thread.
//!
//! sqlx drives each SQLite connection from a thread of its own, so a query
//! is handed to that thread and its rows handed back: two thread wake-ups,
//! and converting the row for the `Any` driver. For this one small read,
//! made on every page and API call, that hand-off cost more server time
//! than the rest of a kept dashboard (BENCHMARKS.md, issue #22). Here the
//! same query runs on a plain SQLite connection in the calling thread: an
//! indexed read of two rows from a file in WAL mode, which never waits for
//! a writer, takes microseconds.
//!
//! It never waits at all: a database busy for any reason (a checkpoint, a
//! recovery) or any other error makes it step aside, and the caller reads
//! through sqlx as before, which waits, reports and names faults.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row};

use crate::{Account, AccountId, AccountProfile, LoadedSession, PersonId, Profile, SessionRecord};

/// Connections kept between reads: as many as requests read at once
/// in practice (one per worker thread); more are opened when needed and
/// closed after.
const KEPT: usize = 4;

/// Plain SQLite connections for [`SessionReads::load`], opened on first use.
pub(crate) struct SessionReads {
    path: PathBuf,
    sql: &'static str,
    idle: Mutex<Vec<Connection>>,
}

impl SessionReads {
    /// Reads for the database file at `path` with `sql`, the store's query
    /// for a session (parameters: the session id, the time now).
    pub(crate) fn new(path: &Path, sql: &'static str) -> Self {
        Self {
            path: path.to_owned(),
            sql,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// The session `id` unexpired at `now` with its account, as
    /// `session_load` gives it; `Err` when it could not be read here and
    /// now, for the caller to read it the usual way.
    pub(crate) fn load(&self, id: &str, now: i64) -> rusqlite::Result<Option<LoadedSession>> {
        let conn = match self.idle.lock().ok().and_then(|mut idle| idle.pop()) {
            Some(conn) => conn,
            None => self.open()?,
        };
        let loaded = conn
            .prepare_cached(self.sql)?
            .query_row((id, now), loaded_session)
            .optional()?;
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < KEPT {
                idle.push(conn);
            }
        }
        Ok(loaded)
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        // Never creates the file (the store has), never writes, and never
        // waits on a lock (rusqlite would wait 5 s by default).
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::ZERO)?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(conn)
    }

    /// Closes the connections kept, so that the store's own can fold the
    /// write-ahead log into the file when it closes.
    pub(crate) fn close(&self) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.clear();
        }
    }
}

/// The row of the store's session query (the same columns, by name).
fn loaded_session(row: &Row<'_>) -> rusqlite::Result<LoadedSession> {
    let flag = |column: &str| -> rusqlite::Result<bool> {
        Ok(row.get::<_, Option<i64>>(column)?.unwrap_or(0) != 0)
    };
    let account = match row.get::<_, Option<i64>>("id")? {
        None => None,
        Some(id) => {
            let person = row.get::<_, Option<i64>>("person_id")?.map(PersonId);
            let profile = match person {
                None => None,
                Some(person) => Some(Profile {
                    person,
                    name: row.get("name")?,
                    current_role: row.get("current_role")?,
                    target_role: row.get("target_role")?,
                    framework_hash: row.get("framework_hash")?,
                    revision: row.get("revision")?,
                }),
            };
            Some(AccountProfile {
                account: Account {
                    id: AccountId(id),
                    username: row.get("username")?,
                    password_hash: row.get("password_hash")?,
                    is_admin: flag("is_admin")?,
                    disabled: flag("disabled")?,
                    person,
                },
                profile,
                manages: flag("manages")?,
            })
        }
    };
    Ok(LoadedSession {
        record: SessionRecord {
            data: row.get("data")?,
            expires_at: row.get("expires_at")?,
        },
        account,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccountStore, Location, PoolSize, SqlStore};

    async fn signed_in(path: &Path) -> (SqlStore, AccountId) {
        use crate::ProfileStore;
        // SQLite whichever backend the other tests run on.
        let store = SqlStore::open(Location::Sqlite(path.to_owned()))
            .await
            .expect("store");
        store
            .create_local_profile(crate::NewProfile {
                name: "Joanne",
                current_role: "senior-admin",
                target_role: "it-manager",
                framework: &crate::testing::builtin_text(),
                today: crate::testing::november(1),
            })
            .await
            .expect("profile");
        let account = crate::testing::signed_in(&store, "s1", 2_000)
            .await
            .expect("signed in");
        (store, account)
    }

    #[tokio::test]
    async fn a_server_reads_sessions_here_as_sqlx_reads_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("leap.db");
        let (store, account) = signed_in(&path).await;
        let reads = store
            .session_reads
            .as_ref()
            .expect("a server's store reads here");
        let here = reads
            .load("s1", 1_000)
            .expect("read here")
            .expect("session");
        assert_eq!(here.account.as_ref().map(|a| a.account.id), Some(account));
        assert!(here
            .account
            .as_ref()
            .and_then(|a| a.profile.as_ref())
            .is_some());
        // A command's store has no such reads: it answers through sqlx.
        let command = SqlStore::open_with(Location::Sqlite(path), PoolSize::One)
            .await
            .expect("open");
        assert!(command.session_reads.is_none());
        let through_sqlx = command.session_load("s1", 1_000).await.expect("load");
        assert_eq!(Some(here), through_sqlx);
        // Expired, and signed out: seen at once.
        assert_eq!(reads.load("s1", 2_000).expect("read"), None);
        command.session_delete("s1").await.expect("sign out");
        assert_eq!(reads.load("s1", 1_000).expect("read"), None);
        assert_eq!(store.session_load("s1", 1_000).await.expect("load"), None);
    }

    #[tokio::test]
    async fn a_read_here_never_waits_on_a_lock() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (store, _) = signed_in(&dir.path().join("leap.db")).await;
        let reads = store.session_reads.as_ref().expect("reads");
        let conn = reads.open().expect("open");
        let wait: i64 = conn
            .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
            .expect("busy_timeout");
        assert_eq!(wait, 0, "a busy file is left to sqlx, which waits");
        let only: i64 = conn
            .query_row("PRAGMA query_only", [], |r| r.get(0))
            .expect("query_only");
        assert_eq!(only, 1);
    }

    #[tokio::test]
    async fn a_failing_read_here_falls_back_to_sqlx() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("leap.db");
        let (mut store, account) = signed_in(&path).await;
        store.session_reads = Some(SessionReads::new(
            &dir.path().join("not-there.db"),
            crate::sql::session_load_sql(crate::Dialect::Sqlite),
        ));
        let reads = store.session_reads.as_ref().expect("reads");
        assert!(reads.load("s1", 1_000).is_err());
        let loaded = store
            .session_load("s1", 1_000)
            .await
            .expect("load")
            .expect("session");
        assert_eq!(loaded.account.map(|a| a.account.id), Some(account));
    }
}

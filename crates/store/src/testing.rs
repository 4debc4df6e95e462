//! Fresh databases for tests and benchmarks, on the backend the environment
//! asks for: an SQLite file by default, or a new database on the PostgreSQL
//! server named by `LEAP_TEST_POSTGRES` (an URL leap may create databases
//! with) when `LEAP_TEST_BACKEND=postgres`.

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::{postgres, Location, Result, StoreError};

/// The PostgreSQL server tests may create databases on.
pub const POSTGRES_ENV: &str = "LEAP_TEST_POSTGRES";
/// `sqlite` (the default) or `postgres`: the backend every test runs on.
pub const BACKEND_ENV: &str = "LEAP_TEST_BACKEND";

/// The admin URL from `LEAP_TEST_POSTGRES`, if set.
pub fn postgres_server() -> Option<String> {
    std::env::var(POSTGRES_ENV).ok().filter(|s| !s.is_empty())
}

/// Whether tests run on PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var(BACKEND_ENV).is_ok_and(|b| b == "postgres")
}

/// A new, empty database: `sqlite_path` on SQLite, else a database with a
/// name no other test uses.
pub async fn fresh(sqlite_path: &Path) -> Result<Location> {
    if !on_postgres() {
        return Ok(Location::Sqlite(sqlite_path.to_owned()));
    }
    let server = postgres_server().ok_or_else(|| {
        StoreError::Conflict(format!(
            "{BACKEND_ENV}=postgres needs {POSTGRES_ENV}=postgres://USER:PASSWORD@HOST/DATABASE"
        ))
    })?;
    Ok(Location::Postgres(
        postgres::create_database(&server, &unique_name()).await?,
    ))
}

/// [`fresh`] for synchronous code.
pub fn fresh_blocking(sqlite_path: &Path) -> Result<Location> {
    block_on(fresh(sqlite_path))
}

/// Runs `work` to completion from synchronous code, inside an async
/// runtime or not: on its own thread with its own runtime.
pub fn block_on<T: Send>(work: impl std::future::Future<Output = Result<T>> + Send) -> Result<T> {
    std::thread::scope(|s| {
        s.spawn(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| StoreError::Database(sqlx::Error::Io(e)))?
                .block_on(work)
        })
        .join()
        .unwrap_or_else(|_| {
            Err(StoreError::Conflict(
                "the blocking task panicked".to_owned(),
            ))
        })
    })
}

/// `leap_t_<process>_<counter>_<nanoseconds>`: unique across the test
/// binaries that run at once and across runs on one server.
pub fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "leap_t_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The built-in framework as a test stores it.
pub fn builtin_text() -> crate::FrameworkText {
    crate::FrameworkText {
        hash: leap_core::framework::content_hash(leap_core::framework::BUILTIN_TOML),
        id: "it-leadership".into(),
        name: "IT leadership".into(),
        version: "1.0.0".into(),
        content: leap_core::framework::BUILTIN_TOML.into(),
    }
}

/// A day of November 2026, where tests live.
pub fn november(d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default()
}

/// A fresh database (the SQLite file under `sqlite_path`) with the local
/// profile "Joanne", a senior administrator aiming at IT manager.
pub async fn store_with_profile(
    sqlite_path: &Path,
) -> Result<(crate::SqlStore, crate::PersonId, Location)> {
    use crate::ProfileStore;
    let location = fresh(sqlite_path).await?;
    let store = crate::SqlStore::open(location.clone()).await?;
    let p = store
        .create_local_profile(crate::NewProfile {
            name: "Joanne",
            current_role: "senior-admin",
            target_role: "it-manager",
            framework: &builtin_text(),
            today: november(1),
        })
        .await?;
    Ok((store, p.person, location))
}

/// The account "joanne@example.org", linked to the local profile when
/// there is one, signed in as session `session` until `expires_at` (Unix
/// seconds).
pub async fn signed_in(
    store: &crate::SqlStore,
    session: &str,
    expires_at: i64,
) -> Result<crate::AccountId> {
    use crate::AccountStore;
    let account = store
        .create_account(crate::NewAccount {
            username: "joanne@example.org",
            password_hash: "first hash",
            is_admin: false,
            at: chrono::DateTime::UNIX_EPOCH,
        })
        .await?;
    store.link_local_profile(account.id).await?;
    let record = crate::SessionRecord {
        data: "{}".into(),
        expires_at,
    };
    store
        .session_create(session, Some(account.id), &record)
        .await?;
    Ok(account.id)
}

/// Another person in the same database ("Mallory"), as a server with
/// accounts has.
pub async fn second_person(store: &crate::SqlStore) -> Result<crate::PersonId> {
    use crate::AccountStore;
    let account = store
        .create_account(crate::NewAccount {
            username: "mallory",
            password_hash: "not a real hash",
            is_admin: false,
            at: chrono::DateTime::UNIX_EPOCH,
        })
        .await?;
    Ok(store
        .create_profile_for(
            account.id,
            crate::NewProfile {
                name: "Mallory",
                current_role: "sysadmin",
                target_role: "it-manager",
                framework: &builtin_text(),
                today: november(1),
            },
        )
        .await?
        .person)
}

/// What a person on another framework must never be shown: the built-in
/// framework's ids and names that the other framework's file does not use
/// itself, and the built-in field's own words ("IT management").
pub fn builtin_words_foreign_to(other: &str) -> Vec<String> {
    let Ok(f) = leap_core::framework::builtin() else {
        return vec!["(the built-in framework does not load)".to_owned()];
    };
    let mut words: Vec<String> = ["IT management", "IT manager", "IT director", "CIO"]
        .map(str::to_owned)
        .to_vec();
    let ids = f
        .competencies
        .iter()
        .flat_map(|c| [c.id.to_string(), c.name.clone()])
        .chain(
            f.roles
                .iter()
                .flat_map(|r| [r.id.to_string(), r.name.clone()]),
        )
        .chain(f.actions.iter().map(|a| a.id.to_string()));
    words.extend(ids.filter(|w| !other.contains(w.as_str())));
    words
}

/// The first of `words` that `text` shows as a whole word, with what
/// surrounds it.
pub fn foreign_word(text: &str, words: &[String]) -> Option<String> {
    let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
    for w in words {
        for (at, _) in text.match_indices(w.as_str()) {
            let before = text[..at].chars().next_back();
            let after = text[at + w.len()..].chars().next();
            if !part(before) && !part(after) {
                let from = text[..at]
                    .char_indices()
                    .rev()
                    .nth(60)
                    .map_or(0, |(i, _)| i);
                let to = text[at..]
                    .char_indices()
                    .nth(w.chars().count() + 60)
                    .map_or(text.len(), |(i, _)| at + i);
                return Some(format!("{w:?} in …{}…", &text[from..to]));
            }
        }
    }
    None
}

/// Opens a PostgreSQL database and brings its schema to migration `last`
/// only, as an older leap left it; opening it with [`crate::SqlStore`]
/// then runs the later migrations over the rows written meanwhile.
pub async fn postgres_at_migration(url: &str, last: i64) -> Result<sqlx::AnyPool> {
    sqlx::any::install_default_drivers();
    let pool = crate::postgres::open(url, crate::PoolSize::Many).await?;
    let mut migrator = crate::migrations::migrator(crate::Dialect::Postgres);
    migrator.migrations = std::borrow::Cow::Owned(
        migrator
            .migrations
            .iter()
            .filter(|m| m.version <= last)
            .cloned()
            .collect(),
    );
    migrator.run(&pool).await?;
    Ok(pool)
}

/// Another program holding the database's write lock, as long as this
/// lives: a connection of its own in a transaction that took it (SQLite's
/// `BEGIN IMMEDIATE`; on PostgreSQL a lock on the people table that lets
/// reads through and stops every write to a person's data).
pub struct WriteLock {
    conn: sqlx::AnyConnection,
}

impl WriteLock {
    pub async fn take(location: &Location) -> Result<Self> {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let url = match location {
            Location::Sqlite(path) => format!("sqlite://{}", path.display()),
            Location::Postgres(url) => url.clone(),
        };
        let mut conn = sqlx::AnyConnection::connect(&url).await?;
        let sql = match location {
            Location::Sqlite(_) => "BEGIN IMMEDIATE",
            Location::Postgres(_) => "BEGIN; LOCK TABLE people IN EXCLUSIVE MODE",
        };
        sqlx::raw_sql(sql).execute(&mut conn).await?;
        Ok(Self { conn })
    }

    /// Lets go of the lock (rolls the transaction back).
    pub async fn release(mut self) -> Result<()> {
        use sqlx::Connection;
        sqlx::raw_sql("ROLLBACK").execute(&mut self.conn).await?;
        self.conn.close().await?;
        Ok(())
    }
}

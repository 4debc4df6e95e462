//! The SQL every backend runs: one implementation of [`Store`],
//! [`AccountStore`](crate::AccountStore) and [`Bulk`](crate::Bulk) over
//! sqlx's `Any` driver.
//!
//! The queries are written in the SQL that SQLite (3.44 or later) and
//! PostgreSQL share: `$n` parameters, `ON CONFLICT DO NOTHING`,
//! `string_agg(... ORDER BY ...)`, `RETURNING`. PostgreSQL keeps dates as
//! `date`, instants as `timestamptz` and flags as `boolean`; SQLite keeps
//! them as ISO 8601 text and 0/1 integers. The `Any` driver has no date
//! types, so the queries cast: what they send (`$1::date`) and what they
//! read (`due_on::text`), and [`Dialect::sql`] drops the casts for SQLite.
//! Flags are tested as conditions (`WHERE is_admin`) and set with `TRUE`
//! and `FALSE`, which both read. What differs (opening, locking, backups)
//! lives in `crate::sqlite` and `crate::postgres`.

use std::borrow::Cow;
use std::path::Path;

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::CompetencyId;
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, AnyPool, Row, Transaction};

use crate::{AccountId, Location, PersonId, PoolSize, Result, StoreError};

mod accounts;
pub(crate) use accounts::session_load_sql;
mod assessments;
mod bulk;
mod calendar;
mod checkins;
mod contacts;
mod feedback;
mod fit;
mod journal;
mod one_to_one;
mod opportunities;
mod org;
mod plan;
mod profile;
mod row;
mod sharing;
mod sign_in;
mod succession;
mod transfer;

pub(crate) use journal::correction_from_row;
use journal::EVIDENCE_TAGS;
use profile::{profile_from_columns, profile_from_row, PROFILE_COLUMNS};

/// Which server speaks the SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The dialect a connection speaks.
    pub(crate) fn of(conn: &AnyConnection) -> Self {
        if conn.backend_name() == "PostgreSQL" {
            Self::Postgres
        } else {
            Self::Sqlite
        }
    }

    /// "`column` is the local profile's", as the partial index
    /// `people_one_local` can answer it: SQLite's planner uses that index
    /// (`WHERE is_local = 1`) only for `= 1`, and a plain `is_local` scans
    /// every person.
    pub(crate) fn is_local(self, column: &str) -> String {
        match self {
            Self::Postgres => column.to_owned(),
            Self::Sqlite => format!("{column} = 1"),
        }
    }

    /// A query as this dialect runs it: written with PostgreSQL's casts to
    /// and from its own types, which SQLite, keeping text and integers,
    /// does without.
    pub(crate) fn sql(self, sql: &str) -> Cow<'_, str> {
        const CASTS: [&str; 6] = [
            "::timestamptz",
            "::boolean",
            "::date",
            "::text",
            "::int4",
            "::int8",
        ];
        match self {
            Self::Postgres => Cow::Borrowed(sql),
            Self::Sqlite => Cow::Owned(CASTS.iter().fold(sql.to_owned(), |s, c| s.replace(c, ""))),
        }
    }
}

/// What a write transaction must have to itself. SQLite has one writer at
/// a time anyway (`BEGIN IMMEDIATE`); PostgreSQL takes an advisory lock, so
/// that two servers never interleave read-then-write steps on one person
/// (two plan generations, two closings of one item) or one account.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope {
    Person(PersonId),
    Account(AccountId),
    /// The set of accounts and profiles (the first account becomes the
    /// admin; there is one local profile).
    Directory,
    /// Teams, people and reporting lines.
    Organisation,
}

impl Scope {
    /// One advisory-lock key per scope: the kind in the top byte.
    fn key(self) -> i64 {
        match self {
            Self::Person(p) => (1 << 56) | p.0,
            Self::Account(a) => (2 << 56) | a.0,
            Self::Directory => 3 << 56,
            Self::Organisation => 4 << 56,
        }
    }
}

/// A named value read back (a kind, a status, a source); one the domain
/// does not know means the database was changed by hand.
pub(super) fn named<T>(
    parse: fn(&str, &str) -> std::result::Result<T, leap_core::InvalidValue>,
    s: &str,
) -> Result<T> {
    parse("value", s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// The competency ids joined in a row's `tags` column, as written.
fn tag_names(row: &AnyRow) -> Result<Vec<String>> {
    Ok(row
        .try_get::<Option<String>, _>("tags")?
        .map(|t| t.split(',').map(str::to_owned).collect())
        .unwrap_or_default())
}

/// The competency ids of a row's `tags` column; one of the wrong shape
/// means the database was changed by hand.
fn tags(row: &AnyRow) -> Result<Vec<CompetencyId>> {
    tag_names(row)?
        .iter()
        .map(|t| named(|_, s| CompetencyId::stored(s), t))
        .collect()
}

/// A query on a person's objects (`$1`), and on one of them (`$2`) with
/// `only`.
pub(crate) fn bound(
    sql: &str,
    person: PersonId,
    only: Option<i64>,
) -> sqlx::query::Query<'_, Any, sqlx::any::AnyArguments<'_>> {
    let q = sqlx::query(sql).bind(person.0);
    match only {
        Some(id) => q.bind(id),
        None => q,
    }
}

/// A leap database on either backend.
pub struct SqlStore {
    pub(crate) pool: AnyPool,
    pub(crate) location: Location,
    /// A server's sessions read on the request's thread (SQLite only;
    /// [`crate::sqlite::SessionReads`]).
    pub(crate) session_reads: Option<crate::sqlite::SessionReads>,
    /// A server's sessions kept in memory (PostgreSQL only;
    /// [`crate::postgres::SessionCache`]).
    pub(crate) session_cache: Option<crate::postgres::SessionCache>,
}

/// A write transaction from [`SqlStore::begin_write`]: used as its
/// connection, and committed with [`WriteTx::commit`], which also makes
/// this server forget the sessions it keeps that the write may have
/// changed (other servers hear of it from the database).
pub(crate) struct WriteTx {
    tx: Transaction<'static, Any>,
    scope: Scope,
    sessions: Option<std::sync::Arc<crate::postgres::KeptSessions>>,
}

impl WriteTx {
    pub(crate) async fn commit(self) -> std::result::Result<(), sqlx::Error> {
        let done = self.tx.commit().await;
        // Even when the answer to COMMIT was lost, the write may be in.
        if let Some(sessions) = &self.sessions {
            match self.scope {
                Scope::Person(person) => sessions.forget_person(person),
                Scope::Account(account) => sessions.forget_account(account),
                Scope::Directory | Scope::Organisation => sessions.forget_all(),
            }
        }
        done
    }
}

impl std::ops::Deref for WriteTx {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

pub(crate) fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// An instant read back: as SQLite keeps it (RFC 3339), or as
/// PostgreSQL writes a `timestamptz` as text ("2026-12-01 09:30:00+00").
pub(crate) fn parse_stamp(s: &str) -> Result<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(s)
        .or_else(|_| chrono::DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f%#z"))
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| StoreError::Corrupt(format!("time '{s}'")))
}

pub(crate) fn date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::Corrupt(format!("date '{s}'")))
}

pub(crate) fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

impl SqlStore {
    /// Opens the database (creating an SQLite file if needed) and brings
    /// its schema up to date, with connections for a server.
    pub async fn open(location: Location) -> Result<Self> {
        Self::open_with(location, PoolSize::Many).await
    }

    /// [`Self::open`] with as many connections as `connections` says.
    pub async fn open_with(location: Location, connections: PoolSize) -> Result<Self> {
        let pool = Self::connect(&location, connections).await?;
        Self::migrated(pool, location, connections).await
    }

    /// Opens the database only if leap's schema is there already (see
    /// [`crate::exists`]); creates and changes nothing otherwise. One set of
    /// connections both asks and serves.
    pub async fn open_existing(location: Location, connections: PoolSize) -> Result<Option<Self>> {
        let pool = match &location {
            Location::Sqlite(path) if !path.exists() => return Ok(None),
            _ => Self::connect(&location, connections).await?,
        };
        if location.dialect() == Dialect::Postgres && !crate::postgres::has_tables(&pool).await? {
            pool.close().await;
            return Ok(None);
        }
        Self::migrated(pool, location, connections).await.map(Some)
    }

    async fn connect(location: &Location, connections: PoolSize) -> Result<AnyPool> {
        sqlx::any::install_default_drivers();
        match location {
            Location::Sqlite(path) => crate::sqlite::open(path, connections).await,
            Location::Postgres(url) => crate::postgres::open(url, connections).await,
        }
    }

    async fn migrated(pool: AnyPool, location: Location, connections: PoolSize) -> Result<Self> {
        crate::migrations::migrator(location.dialect())
            .run(&pool)
            .await?;
        // Only a server reads sessions; a command keeps to its one
        // connection.
        let (session_reads, session_cache) = match (&location, connections) {
            (Location::Sqlite(path), PoolSize::Many) => (
                Some(crate::sqlite::SessionReads::new(
                    path,
                    session_load_sql(Dialect::Sqlite),
                )),
                None,
            ),
            (Location::Postgres(url), PoolSize::Many) => {
                (None, crate::postgres::SessionCache::start(url, &pool))
            }
            _ => (None, None),
        };
        Ok(Self {
            pool,
            location,
            session_reads,
            session_cache,
        })
    }

    /// The sessions this server keeps, on PostgreSQL.
    pub(crate) fn kept_sessions(&self) -> Option<&crate::postgres::KeptSessions> {
        self.session_cache.as_ref().map(|c| &**c.kept())
    }

    /// Makes this server forget kept sessions a write outside
    /// [`Self::begin_write`] may have changed, whether or not it succeeded.
    pub(crate) fn forget_kept(&self, forget: impl FnOnce(&crate::postgres::KeptSessions)) {
        if let Some(kept) = self.kept_sessions() {
            forget(kept);
        }
    }

    pub fn dialect(&self) -> Dialect {
        self.location.dialect()
    }

    /// The connections, for tests and tools that read the tables directly.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Where the database is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Deletes the person's row `id` of `table`; NotFound (naming `what`)
    /// when there is none, or it is someone else's.
    pub(crate) async fn delete_owned(
        &self,
        person: PersonId,
        table: &str,
        what: &'static str,
        id: i64,
    ) -> Result<()> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        Self::delete_owned_in(&mut tx, person, table, what, id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// As [`SqlStore::delete_owned`], inside a write transaction the
    /// caller commits (with what else goes with the row).
    pub(crate) async fn delete_owned_in(
        tx: &mut WriteTx,
        person: PersonId,
        table: &str,
        what: &'static str,
        id: i64,
    ) -> Result<()> {
        let done = sqlx::query(&format!(
            "DELETE FROM {table} WHERE id = $1 AND person_id = $2"
        ))
        .bind(id)
        .bind(person.0)
        .execute(&mut **tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what,
                id: id.to_string(),
            });
        }
        Ok(())
    }

    /// Starts a write transaction holding what `scope` needs to itself.
    /// A write to a person's data also increments the person's revision,
    /// so every cache of derived data sees the change (on every server).
    pub(crate) async fn begin_write(&self, scope: Scope) -> Result<WriteTx> {
        let mut tx = match self.dialect() {
            // Take the write lock up front, so that a read-then-write
            // transaction never fails half-way with "database is locked".
            Dialect::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Dialect::Postgres => {
                let mut tx = self.pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(scope.key())
                    .execute(&mut *tx)
                    .await?;
                tx
            }
        };
        if let Scope::Person(person) = scope {
            let done = sqlx::query("UPDATE people SET revision = revision + 1 WHERE id = $1")
                .bind(person.0)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound {
                    what: "person",
                    id: person.0.to_string(),
                });
            }
        }
        Ok(WriteTx {
            tx,
            scope,
            sessions: self.session_cache.as_ref().map(|c| c.kept().clone()),
        })
    }

    /// Closes every connection (on SQLite, after folding the write-ahead
    /// log into the file).
    pub async fn close(&self) -> Result<()> {
        if let Some(reads) = &self.session_reads {
            reads.close();
        }
        if let Some(cache) = &self.session_cache {
            cache.stop();
        }
        if self.dialect() == Dialect::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await?;
        }
        self.pool.close().await;
        Ok(())
    }

    /// Keeps a person's correction of suggested tags.
    pub(crate) async fn keep_correction(
        conn: &mut AnyConnection,
        person: PersonId,
        c: &leap_core::tagging::Correction,
        today: NaiveDate,
    ) -> Result<()> {
        // The same correction again (an entry edited, its tags kept) adds
        // nothing: it would only count twice.
        let (chosen, removed) = (c.chosen.join(","), c.removed.join(","));
        let known: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM tag_corrections
             WHERE person_id = $1 AND text = $2 AND chosen = $3 AND removed = $4",
        )
        .bind(person.0)
        .bind(&c.text)
        .bind(&chosen)
        .bind(&removed)
        .fetch_optional(&mut *conn)
        .await?;
        if known.is_some() {
            return Ok(());
        }
        sqlx::query(&Dialect::of(conn).sql(
            "INSERT INTO tag_corrections (person_id, text, chosen, removed, reasons, created_on)
             VALUES ($1, $2, $3, $4, $5, $6::date)",
        ))
        .bind(person.0)
        .bind(&c.text)
        .bind(chosen)
        .bind(removed)
        .bind(c.reasons)
        .bind(day(today))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

#[async_trait]
impl crate::Backup for SqlStore {
    async fn close(&self) -> Result<()> {
        SqlStore::close(self).await
    }

    async fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(StoreError::Conflict(format!(
                "{} exists already: a backup never overwrites a file",
                dest.display()
            )));
        }
        match &self.location {
            Location::Sqlite(_) => crate::sqlite::backup(&self.pool, dest).await,
            Location::Postgres(url) => crate::postgres::backup(url, dest).await,
        }
    }

    fn connections(&self) -> crate::Connections {
        crate::Connections {
            open: self.pool.size(),
            idle: u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX),
            max: self.pool.options().get_max_connections(),
        }
    }

    async fn is_empty(&self) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM accounts)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n == 0)
    }
}

pub(super) fn corrupt(e: leap_core::InvalidValue) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

pub(super) fn opt_date(row: &AnyRow, column: &str) -> Result<Option<NaiveDate>> {
    row.try_get::<Option<String>, _>(column)?
        .as_deref()
        .map(date)
        .transpose()
}

/// A flag read back: a `boolean` on PostgreSQL, 0 or 1 on SQLite.
pub(super) fn flag(row: &AnyRow, column: &str) -> Result<bool> {
    Ok(opt_flag(row, column)?.unwrap_or(false))
}

/// A flag that may be unset. Read by the column's type, not by trying one
/// decoding and then the other: it is read for every signed-in request.
pub(super) fn opt_flag(row: &AnyRow, column: &str) -> Result<Option<bool>> {
    use sqlx::any::AnyTypeInfoKind;
    use sqlx::Column;
    if row.try_column(column)?.type_info().kind() == AnyTypeInfoKind::Bool {
        Ok(row.try_get::<Option<bool>, _>(column)?)
    } else {
        Ok(row.try_get::<Option<i64>, _>(column)?.map(|v| v != 0))
    }
}

pub(super) fn not_found(what: &'static str, id: i64) -> StoreError {
    StoreError::NotFound {
        what,
        id: id.to_string(),
    }
}

pub(super) fn small(row: &AnyRow, column: &str) -> Result<u32> {
    let v: i64 = row.try_get(column)?;
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("{column} {v}")))
}

impl SqlStore {
    /// Whether the person has an object of `table` with this id.
    pub(super) async fn owns(
        conn: &mut AnyConnection,
        table: &str,
        person: PersonId,
        id: i64,
    ) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM {table} WHERE id = $1 AND person_id = $2"
        ))
        .bind(id)
        .bind(person.0)
        .fetch_one(&mut *conn)
        .await?;
        Ok(n > 0)
    }
}

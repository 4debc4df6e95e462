//! The SQL every backend runs: one implementation of [`Store`],
//! [`AccountStore`](crate::AccountStore) and [`Bulk`](crate::Bulk) over
//! sqlx's `Any` driver.
//!
//! The queries are written in the SQL that SQLite (3.44 or later) and
//! PostgreSQL share: `$n` parameters, `ON CONFLICT DO NOTHING`,
//! `string_agg(... ORDER BY ...)`, `RETURNING`. Dates are ISO 8601 text and
//! flags are 0/1 integers on both, so the `Any` driver's missing date, uuid
//! and json types never matter. What differs (opening, locking, backups)
//! lives in `crate::sqlite` and `crate::postgres`.

use std::collections::BTreeMap;
use std::path::Path;

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::assessment::{Levels, Source};
use leap_core::evidence::EvidenceKind;
use leap_core::fit::{FitAnswers, FitResult};
use leap_core::framework::ActionKind;
use leap_core::plan::ItemStatus;
use leap_core::CompetencyId;
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, AnyPool, Row, Transaction};

use crate::{
    AccountId, AssessmentRecord, Closing, EvidenceRecord, FitRecord, FrameworkText, Location,
    NewEvidence, NewPlan, NewPlanItem, NewProfile, PersonId, PlanItemRecord, PlanRecord, Profile,
    Result, Store, StoreError,
};

mod accounts;
mod bulk;
mod career;
mod feedback;
mod sharing;
mod transfer;

/// Which server speaks the SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
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
}

impl Scope {
    /// One advisory-lock key per scope: the kind in the top byte.
    fn key(self) -> i64 {
        match self {
            Self::Person(p) => (1 << 56) | p.0,
            Self::Account(a) => (2 << 56) | a.0,
            Self::Directory => 3 << 56,
        }
    }
}

/// Plan item columns, with its competency ids joined by ','.
const ITEM_COLUMNS: &str =
    "i.id, i.action_id, i.title, i.kind, i.due_on, i.status, i.note, i.closed_on, i.why, i.starts_on,
    (SELECT string_agg(competency_id, ',' ORDER BY competency_id) FROM plan_item_competencies t
     WHERE t.item_id = i.id) AS tags";

/// A journal entry's competency ids joined by ',' (ids never hold a comma).
const EVIDENCE_TAGS: &str = "(SELECT string_agg(competency_id, ',' ORDER BY competency_id)
     FROM evidence_competencies t WHERE t.evidence_id = e.id) AS tags";

fn evidence_from_row(row: &AnyRow) -> Result<EvidenceRecord> {
    Ok(EvidenceRecord {
        id: row.try_get("id")?,
        date: date(row.try_get::<&str, _>("entry_on")?)?,
        text: row.try_get("text")?,
        kind: named(EvidenceKind::parse, row.try_get("kind")?)?,
        competencies: tags(row)?,
    })
}

/// A named value read back (a kind, a status, a source); one the domain
/// does not know means the database was changed by hand.
pub(super) fn named<T>(
    parse: fn(&str, &str) -> std::result::Result<T, leap_core::InvalidValue>,
    s: &str,
) -> Result<T> {
    parse("value", s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn tags(row: &AnyRow) -> Result<Vec<String>> {
    Ok(row
        .try_get::<Option<String>, _>("tags")?
        .map(|t| t.split(',').map(str::to_owned).collect())
        .unwrap_or_default())
}

/// A plan item about to be written.
struct ItemRow<'a> {
    action: Option<&'a str>,
    title: &'a str,
    kind: &'a str,
    competencies: &'a [CompetencyId],
    due: NaiveDate,
    today: NaiveDate,
    why: Option<&'a str>,
    starts: Option<NaiveDate>,
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
}

pub(crate) fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub(crate) fn parse_stamp(s: &str) -> Result<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(s)
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
    /// its schema up to date.
    pub async fn open(location: Location) -> Result<Self> {
        let pool = Self::connect(&location).await?;
        Self::migrated(pool, location).await
    }

    /// Opens the database only if leap's schema is there already (see
    /// [`crate::exists`]); creates and changes nothing otherwise. One set of
    /// connections both asks and serves.
    pub async fn open_existing(location: Location) -> Result<Option<Self>> {
        let pool = match &location {
            Location::Sqlite(path) if !path.exists() => return Ok(None),
            _ => Self::connect(&location).await?,
        };
        if location.dialect() == Dialect::Postgres && !crate::postgres::has_tables(&pool).await? {
            pool.close().await;
            return Ok(None);
        }
        Self::migrated(pool, location).await.map(Some)
    }

    async fn connect(location: &Location) -> Result<AnyPool> {
        sqlx::any::install_default_drivers();
        match location {
            Location::Sqlite(path) => crate::sqlite::open(path).await,
            Location::Postgres(url) => crate::postgres::open(url).await,
        }
    }

    async fn migrated(pool: AnyPool, location: Location) -> Result<Self> {
        crate::migrations::migrator(location.dialect())
            .run(&pool)
            .await?;
        Ok(Self { pool, location })
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
        let done = sqlx::query(&format!(
            "DELETE FROM {table} WHERE id = $1 AND person_id = $2"
        ))
        .bind(id)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what,
                id: id.to_string(),
            });
        }
        tx.commit().await?;
        Ok(())
    }

    /// Writes an assessment inside a transaction the caller holds.
    pub(crate) async fn insert_assessment(
        conn: &mut AnyConnection,
        person: PersonId,
        framework_hash: &str,
        source: Source,
        date: NaiveDate,
        levels: &Levels,
    ) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO assessments (person_id, framework_hash, source, taken_on)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(person.0)
        .bind(framework_hash)
        .bind(source.as_str())
        .bind(day(date))
        .fetch_one(&mut *conn)
        .await?;
        for (c, l) in levels.iter() {
            sqlx::query(
                "INSERT INTO assessment_levels (assessment_id, competency_id, level)
                 VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(c.as_str())
            .bind(i64::from(l.value()))
            .execute(&mut *conn)
            .await?;
        }
        Ok(id)
    }

    /// Starts a write transaction holding what `scope` needs to itself.
    /// A write to a person's data also increments the person's revision,
    /// so every cache of derived data sees the change (on every server).
    pub(crate) async fn begin_write(&self, scope: Scope) -> Result<Transaction<'static, Any>> {
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
        Ok(tx)
    }

    /// Closes every connection (on SQLite, after folding the write-ahead
    /// log into the file).
    pub async fn close(&self) -> Result<()> {
        if self.dialect() == Dialect::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await?;
        }
        self.pool.close().await;
        Ok(())
    }

    /// Stores the profile's framework and a person for it.
    pub(crate) async fn insert_person(
        conn: &mut AnyConnection,
        new: &NewProfile<'_>,
        local: bool,
    ) -> Result<Profile> {
        Self::store_framework(conn, new.framework, new.today).await?;
        let row = sqlx::query(&format!(
            "INSERT INTO people (name, is_local, \"current_role\", target_role, framework_hash, created_on)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING {PROFILE_COLUMNS}"
        ))
        .bind(new.name)
        .bind(i64::from(local))
        .bind(new.current_role)
        .bind(new.target_role)
        .bind(&new.framework.hash)
        .bind(day(new.today))
        .fetch_one(&mut *conn)
        .await?;
        profile_from_row(&row)
    }

    async fn item(conn: &mut AnyConnection, person: PersonId, id: i64) -> Result<PlanItemRecord> {
        let row = sqlx::query(&format!(
            "SELECT {ITEM_COLUMNS} FROM plan_items i WHERE id = $1 AND person_id = $2 AND superseded_on IS NULL"
        ))
        .bind(id)
        .bind(person.0)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "plan item",
            id: id.to_string(),
        })?;
        Self::item_from_row(&row)
    }

    fn item_from_row(row: &AnyRow) -> Result<PlanItemRecord> {
        let id: i64 = row.try_get("id")?;
        let closed: Option<String> = row.try_get("closed_on")?;
        let starts: Option<String> = row.try_get("starts_on")?;
        Ok(PlanItemRecord {
            id,
            action: row.try_get("action_id")?,
            title: row.try_get("title")?,
            kind: named(ActionKind::parse, row.try_get("kind")?)?,
            competencies: tags(row)?,
            due: date(row.try_get::<&str, _>("due_on")?)?,
            status: named(ItemStatus::parse, row.try_get("status")?)?,
            note: row.try_get("note")?,
            closed_on: closed.as_deref().map(date).transpose()?,
            why: row.try_get("why")?,
            starts: starts.as_deref().map(date).transpose()?,
        })
    }

    async fn insert_item(
        conn: &mut AnyConnection,
        person: PersonId,
        plan_id: Option<i64>,
        item: ItemRow<'_>,
    ) -> Result<i64> {
        let ItemRow {
            action,
            title,
            kind,
            competencies,
            due,
            today,
            why,
            starts,
        } = item;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO plan_items (person_id, plan_id, action_id, title, kind, due_on, created_on, why, starts_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(person.0)
        .bind(plan_id)
        .bind(action)
        .bind(title)
        .bind(kind)
        .bind(day(due))
        .bind(day(today))
        .bind(why)
        .bind(starts.map(day))
        .fetch_one(&mut *conn)
        .await?;
        for c in competencies {
            sqlx::query("INSERT INTO plan_item_competencies (item_id, competency_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id)
                .bind(c.as_str())
                .execute(&mut *conn)
                .await?;
        }
        Ok(id)
    }

    async fn tag_evidence(
        conn: &mut AnyConnection,
        id: i64,
        competencies: &[CompetencyId],
    ) -> Result<()> {
        for c in competencies {
            sqlx::query("INSERT INTO evidence_competencies (evidence_id, competency_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id)
                .bind(c.as_str())
                .execute(&mut *conn)
                .await?;
        }
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
        sqlx::query(
            "INSERT INTO tag_corrections (person_id, text, chosen, removed, reasons, created_on)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(person.0)
        .bind(&c.text)
        .bind(chosen)
        .bind(removed)
        .bind(i64::from(c.reasons))
        .bind(day(today))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    async fn store_framework(
        conn: &mut AnyConnection,
        f: &FrameworkText,
        today: NaiveDate,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO frameworks (hash, framework_id, name, version, content, added_on)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(&f.hash)
        .bind(&f.id)
        .bind(&f.name)
        .bind(&f.version)
        .bind(&f.content)
        .bind(day(today))
        .execute(conn)
        .await?;
        Ok(())
    }

    async fn read_plan(conn: &mut AnyConnection, person: PersonId) -> Result<PlanRecord> {
        let latest = sqlx::query(
            "SELECT target_role, horizon_months, generated_on, at_once, notes FROM plans
             WHERE person_id = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(person.0)
        .fetch_optional(&mut *conn)
        .await?;
        let (target_role, horizon_months, generated_on, at_once, notes) = match latest {
            Some(row) => {
                let h: i64 = row.try_get("horizon_months")?;
                let at_once: Option<i64> = row.try_get("at_once")?;
                let notes: Option<String> = row.try_get("notes")?;
                (
                    Some(row.try_get::<String, _>("target_role")?),
                    Some(
                        u32::try_from(h)
                            .map_err(|_| StoreError::Corrupt(format!("horizon {h}")))?,
                    ),
                    Some(date(row.try_get::<&str, _>("generated_on")?)?),
                    at_once
                        .map(|n| {
                            u32::try_from(n)
                                .map_err(|_| StoreError::Corrupt(format!("at_once {n}")))
                        })
                        .transpose()?,
                    notes
                        .map(|n| {
                            serde_json::from_str::<Vec<String>>(&n)
                                .map_err(|e| StoreError::Corrupt(format!("plan notes: {e}")))
                        })
                        .transpose()?
                        .unwrap_or_default(),
                )
            }
            None => (None, None, None, None, Vec::new()),
        };
        let rows = sqlx::query(&format!(
            "SELECT {ITEM_COLUMNS} FROM plan_items i WHERE person_id = $1 AND superseded_on IS NULL
             ORDER BY due_on, id"
        ))
        .bind(person.0)
        .fetch_all(&mut *conn)
        .await?;
        let items = rows
            .iter()
            .map(Self::item_from_row)
            .collect::<Result<Vec<_>>>()?;
        Ok(PlanRecord {
            target_role,
            horizon_months,
            generated_on,
            at_once,
            notes,
            items,
        })
    }
}

/// A profile's columns of `people`. `current_role` is quoted: it is a
/// keyword (a function) in PostgreSQL.
const PROFILE_COLUMNS: &str = "id, name, \"current_role\", target_role, framework_hash, revision";

fn profile_from_row(row: &AnyRow) -> Result<Profile> {
    profile_from_columns(row, "id")
}

/// A profile from a row whose person id is in the column `id_column`
/// (`person_id` when joined to an account).
fn profile_from_columns(row: &AnyRow, id_column: &str) -> Result<Profile> {
    Ok(Profile {
        person: PersonId(row.try_get(id_column)?),
        name: row.try_get("name")?,
        current_role: row.try_get("current_role")?,
        target_role: row.try_get("target_role")?,
        framework_hash: row.try_get("framework_hash")?,
        revision: row.try_get("revision")?,
    })
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

    async fn is_empty(&self) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM accounts)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n == 0)
    }
}

#[async_trait]
impl Store for SqlStore {
    async fn local_profile(&self) -> Result<Option<Profile>> {
        let row = sqlx::query(&format!(
            "SELECT {PROFILE_COLUMNS} FROM people WHERE is_local = 1"
        ))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(profile_from_row).transpose()
    }

    async fn create_local_profile(&self, new: NewProfile<'_>) -> Result<Profile> {
        let mut tx = self.begin_write(Scope::Directory).await?;
        let row = Self::insert_person(&mut tx, &new, true)
            .await
            .map_err(|e| match e {
                StoreError::Database(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                    StoreError::Conflict("a profile already exists in this database".to_owned())
                }
                e => e,
            })?;
        tx.commit().await?;
        Ok(row)
    }

    async fn update_profile(
        &self,
        person: PersonId,
        name: Option<&str>,
        current_role: Option<&str>,
        target_role: Option<&str>,
    ) -> Result<()> {
        // begin_write refuses a person that does not exist.
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        sqlx::query(
            "UPDATE people SET name = COALESCE($1, name), \"current_role\" = COALESCE($2, \"current_role\"),
             target_role = COALESCE($3, target_role) WHERE id = $4",
        )
        .bind(name)
        .bind(current_role)
        .bind(target_role)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn switch_framework(
        &self,
        person: PersonId,
        framework: &FrameworkText,
        current_role: &str,
        target_role: &str,
        today: NaiveDate,
    ) -> Result<()> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        Self::store_framework(&mut tx, framework, today).await?;
        let done = sqlx::query(
            "UPDATE people SET framework_hash = $1, \"current_role\" = $2, target_role = $3 WHERE id = $4",
        )
        .bind(&framework.hash)
        .bind(current_role)
        .bind(target_role)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "person",
                id: person.0.to_string(),
            });
        }
        tx.commit().await?;
        Ok(())
    }

    async fn framework_text(&self, hash: &str) -> Result<FrameworkText> {
        let row = sqlx::query(
            "SELECT hash, framework_id, name, version, content FROM frameworks WHERE hash = $1",
        )
        .bind(hash)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "framework",
            id: hash.to_owned(),
        })?;
        Ok(FrameworkText {
            hash: row.try_get("hash")?,
            id: row.try_get("framework_id")?,
            name: row.try_get("name")?,
            version: row.try_get("version")?,
            content: row.try_get("content")?,
        })
    }

    async fn add_assessment(
        &self,
        person: PersonId,
        framework_hash: &str,
        source: Source,
        date: NaiveDate,
        levels: &Levels,
    ) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let id =
            Self::insert_assessment(&mut tx, person, framework_hash, source, date, levels).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn assessments(&self, person: PersonId) -> Result<Vec<AssessmentRecord>> {
        let rows = sqlx::query(
            "SELECT a.id, a.taken_on, a.source, a.framework_hash, l.competency_id, l.level
             FROM assessments a JOIN assessment_levels l ON l.assessment_id = a.id
             WHERE a.person_id = $1 ORDER BY a.taken_on, a.id, l.competency_id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<AssessmentRecord> = Vec::new();
        for row in rows {
            let id: i64 = row.try_get("id")?;
            if out.last().is_none_or(|a| a.id != id) {
                out.push(AssessmentRecord {
                    id,
                    date: date(row.try_get::<&str, _>("taken_on")?)?,
                    source: named(Source::parse, row.try_get("source")?)?,
                    framework_hash: row.try_get("framework_hash")?,
                    levels: Vec::new(),
                });
            }
            if let Some(a) = out.last_mut() {
                a.levels
                    .push((row.try_get("competency_id")?, row.try_get("level")?));
            }
        }
        Ok(out)
    }

    async fn add_fit_check(
        &self,
        person: PersonId,
        framework_hash: &str,
        date: NaiveDate,
        answers: &FitAnswers,
        result: &FitResult,
    ) -> Result<i64> {
        let answers =
            serde_json::to_string(answers).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let id = sqlx::query_scalar(
            "INSERT INTO fit_checks (person_id, framework_hash, taken_on, management, technical, recommendation, answers)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(person.0)
        .bind(framework_hash)
        .bind(day(date))
        .bind(i64::from(result.management))
        .bind(i64::from(result.technical))
        .bind(result.recommendation.as_str())
        .bind(answers)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn fit_checks(&self, person: PersonId) -> Result<Vec<FitRecord>> {
        let rows = sqlx::query(
            "SELECT id, taken_on, management, technical, recommendation, answers FROM fit_checks
             WHERE person_id = $1 ORDER BY taken_on, id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(FitRecord {
                    id: row.try_get("id")?,
                    date: date(row.try_get::<&str, _>("taken_on")?)?,
                    management: row.try_get("management")?,
                    technical: row.try_get("technical")?,
                    recommendation: row.try_get("recommendation")?,
                    answers: serde_json::from_str(row.try_get::<&str, _>("answers")?)
                        .map_err(|e| StoreError::Corrupt(format!("fit answers: {e}")))?,
                })
            })
            .collect()
    }

    async fn add_evidence(&self, person: PersonId, new: NewEvidence<'_>) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO evidence (person_id, entry_on, text, kind, created_on)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(person.0)
        .bind(day(new.date))
        .bind(new.text)
        .bind(new.kind.as_str())
        .bind(day(new.today))
        .fetch_one(&mut *tx)
        .await?;
        Self::tag_evidence(&mut tx, id, new.competencies).await?;
        if let Some(c) = new.correction {
            Self::keep_correction(&mut tx, person, c, new.today).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    async fn tag_corrections(
        &self,
        person: PersonId,
    ) -> Result<Vec<leap_core::tagging::Correction>> {
        let rows = sqlx::query(
            "SELECT text, chosen, removed, reasons FROM tag_corrections
             WHERE person_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(person.0)
        .bind(crate::TAG_CORRECTIONS_KEPT)
        .fetch_all(&self.pool)
        .await?;
        let mut out = rows
            .iter()
            .map(correction_from_row)
            .collect::<Result<Vec<_>>>()?;
        out.reverse();
        Ok(out)
    }

    async fn journal(
        &self,
        person: PersonId,
        competency: Option<&str>,
    ) -> Result<Vec<EvidenceRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT e.id, e.entry_on, e.text, e.kind, {EVIDENCE_TAGS} FROM evidence e
             WHERE person_id = $1 AND ($2 IS NULL OR EXISTS (
                 SELECT 1 FROM evidence_competencies t WHERE t.evidence_id = e.id AND t.competency_id = $2))
             ORDER BY entry_on DESC, id DESC"
        ))
        .bind(person.0)
        .bind(competency)
        .fetch_all(&self.pool)
        .await?;
        let out = rows
            .iter()
            .map(evidence_from_row)
            .collect::<Result<Vec<_>>>()?;
        Ok(out)
    }

    async fn recent_evidence(&self, person: PersonId, n: u32) -> Result<Vec<EvidenceRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT e.id, e.entry_on, e.text, e.kind, {EVIDENCE_TAGS} FROM evidence e
             WHERE person_id = $1 ORDER BY entry_on DESC, id DESC LIMIT $2"
        ))
        .bind(person.0)
        .bind(i64::from(n))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(evidence_from_row).collect()
    }

    async fn evidence(&self, person: PersonId, id: i64) -> Result<EvidenceRecord> {
        let row = sqlx::query(&format!(
            "SELECT e.id, e.entry_on, e.text, e.kind, {EVIDENCE_TAGS} FROM evidence e WHERE id = $1 AND person_id = $2"
        ))
        .bind(id)
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "journal entry",
            id: id.to_string(),
        })?;
        evidence_from_row(&row)
    }

    async fn update_evidence(&self, person: PersonId, id: i64, new: NewEvidence<'_>) -> Result<()> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let done = sqlx::query(
            "UPDATE evidence SET entry_on = $1, text = $2, kind = $3 WHERE id = $4 AND person_id = $5",
        )
        .bind(day(new.date))
        .bind(new.text)
        .bind(new.kind.as_str())
        .bind(id)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "journal entry",
                id: id.to_string(),
            });
        }
        sqlx::query("DELETE FROM evidence_competencies WHERE evidence_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        Self::tag_evidence(&mut tx, id, new.competencies).await?;
        if let Some(c) = new.correction {
            Self::keep_correction(&mut tx, person, c, new.today).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn delete_evidence(&self, person: PersonId, id: i64) -> Result<()> {
        self.delete_owned(person, "evidence", "journal entry", id)
            .await
    }

    async fn evidence_counts(&self, person: PersonId) -> Result<BTreeMap<String, u32>> {
        let rows = sqlx::query(
            "SELECT competency_id, COUNT(*) AS n FROM (
                 SELECT t.competency_id FROM evidence e
                 JOIN evidence_competencies t ON t.evidence_id = e.id WHERE e.person_id = $1
                 UNION ALL
                 SELECT t.competency_id FROM plan_items i
                 JOIN plan_item_competencies t ON t.item_id = i.id
                 WHERE i.person_id = $1 AND i.status = 'done'
             ) AS tagged GROUP BY competency_id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        let mut out = BTreeMap::new();
        for row in rows {
            let n: i64 = row.try_get("n")?;
            out.insert(
                row.try_get("competency_id")?,
                u32::try_from(n).unwrap_or(u32::MAX),
            );
        }
        Ok(out)
    }

    async fn replace_plan(&self, person: PersonId, plan: NewPlan<'_>) -> Result<PlanRecord> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        sqlx::query(
            "UPDATE plan_items SET superseded_on = $1
             WHERE person_id = $2 AND status = 'todo' AND superseded_on IS NULL",
        )
        .bind(day(plan.today))
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
        let notes =
            serde_json::to_string(plan.notes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let plan_id: i64 = sqlx::query_scalar(
            "INSERT INTO plans (person_id, target_role, horizon_months, generated_on, at_once, notes)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(person.0)
        .bind(plan.target_role)
        .bind(i64::from(plan.horizon_months))
        .bind(day(plan.today))
        .bind(i64::from(plan.at_once))
        .bind(notes)
        .fetch_one(&mut *tx)
        .await?;
        for item in plan.items {
            Self::insert_item(
                &mut tx,
                person,
                Some(plan_id),
                ItemRow {
                    action: item.action.as_ref().map(|a| a.as_str()),
                    title: &item.title,
                    kind: item.kind.as_str(),
                    competencies: &item.competencies,
                    due: item.due,
                    today: plan.today,
                    why: Some(&item.why),
                    starts: Some(item.starts),
                },
            )
            .await?;
        }
        let record = Self::read_plan(&mut tx, person).await?;
        tx.commit().await?;
        Ok(record)
    }

    async fn plan(&self, person: PersonId) -> Result<PlanRecord> {
        let mut conn = self.pool.acquire().await?;
        Self::read_plan(&mut conn, person).await
    }

    async fn add_plan_item(
        &self,
        person: PersonId,
        item: NewPlanItem<'_>,
    ) -> Result<PlanItemRecord> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let id = Self::insert_item(
            &mut tx,
            person,
            None,
            ItemRow {
                action: None,
                title: item.title,
                kind: item.kind.as_str(),
                competencies: item.competencies,
                due: item.due,
                today: item.today,
                why: None,
                starts: None,
            },
        )
        .await?;
        let record = Self::item(&mut tx, person, id).await?;
        tx.commit().await?;
        Ok(record)
    }

    async fn close_plan_item(
        &self,
        person: PersonId,
        id: i64,
        closing: Closing,
        date: NaiveDate,
        note: Option<&str>,
        note_tags: &[CompetencyId],
    ) -> Result<PlanItemRecord> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let item = Self::item(&mut tx, person, id).await?;
        if item.status != ItemStatus::Todo {
            return Err(StoreError::Conflict(format!(
                "plan item {id} is already {}{}",
                item.status,
                item.closed_on
                    .map(|d| format!(" (since {d})"))
                    .unwrap_or_default()
            )));
        }
        sqlx::query("UPDATE plan_items SET status = $1, closed_on = $2, note = $3 WHERE id = $4 AND person_id = $5")
            .bind(closing.as_str())
            .bind(day(date))
            .bind(note)
            .bind(id)
            .bind(person.0)
            .execute(&mut *tx)
            .await?;
        if closing == Closing::Done {
            for c in note_tags {
                sqlx::query(
                    "INSERT INTO plan_item_competencies (item_id, competency_id) VALUES ($1, $2)
                     ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(c.as_str())
                .execute(&mut *tx)
                .await?;
            }
        }
        let item = Self::item(&mut tx, person, id).await?;
        tx.commit().await?;
        Ok(item)
    }
}

/// A `tag_corrections` row.
pub(crate) fn correction_from_row(row: &AnyRow) -> Result<leap_core::tagging::Correction> {
    let ids = |column: &str| -> Result<Vec<String>> {
        Ok(row
            .try_get::<String, _>(column)?
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect())
    };
    Ok(leap_core::tagging::Correction {
        text: row.try_get("text")?,
        chosen: ids("chosen")?,
        removed: ids("removed")?,
        reasons: row.try_get::<i64, _>("reasons")? != 0,
    })
}

//! One-to-ones and their entries, for the manager and the report alone.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use leap_core::one_to_one::EntryKind;
use sqlx::Row;

use super::row::{insert, table, Table, V};
use super::{date, named, parse_stamp, stamp, Dialect, Scope, SqlStore};
use crate::one_to_one::{EntryRecord, OneToOneRecord, OneToOneStore};
use crate::sharing::Reader;
use crate::{AccountId, PersonId, Result, StoreError};

pub(super) const ONE_TO_ONES: Table = table!("one_to_ones" {
    person_id: Int, manager_id: Int, manager: Text, held_on: Date, created_at: Instant,
});
pub(super) const ONE_TO_ONE_ENTRIES: Table = table!("one_to_one_entries" {
    one_to_one_id: Int, kind: Text, author: Text, text: Text, at: Instant,
});

pub(super) fn one_to_one_values(
    person: PersonId,
    manager: (Option<i64>, &str),
    held_on: NaiveDate,
    created_at: DateTime<Utc>,
) -> Vec<V> {
    vec![
        V::Int(person.0),
        V::opt_int(manager.0),
        V::text(manager.1),
        V::Date(held_on),
        V::Instant(stamp(created_at)),
    ]
}

pub(super) fn entry_values(meeting: i64, e: &EntryRecord) -> Vec<V> {
    vec![
        V::Int(meeting),
        V::text(e.kind.as_str()),
        V::text(&e.author),
        V::text(&e.text),
        V::Instant(stamp(e.at)),
    ]
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        what: "one-to-one",
        id: id.to_string(),
    }
}

/// The one-to-ones `$1` (an account) is in: as the manager who holds them,
/// or as the report.
const MINE: &str =
    "(o.manager_id = $1 OR o.person_id = (SELECT person_id FROM accounts WHERE id = $1))";

fn record_from_row(r: &sqlx::any::AnyRow) -> Result<OneToOneRecord> {
    Ok(OneToOneRecord {
        id: r.try_get("id")?,
        person: r.try_get("person_id")?,
        person_name: r.try_get("person_name")?,
        manager: r.try_get("manager")?,
        manager_name: r.try_get("manager_name")?,
        held_on: date(r.try_get::<&str, _>("held_on")?)?,
        entries: Vec::new(),
    })
}

const SELECT: &str = "SELECT o.id, o.person_id,
        COALESCE((SELECT m.name FROM members m JOIN accounts a ON lower(a.username) = lower(m.email)
                  WHERE a.person_id = o.person_id), p.name) AS person_name,
        o.manager,
        COALESCE((SELECT m.name FROM members m WHERE m.email = lower(o.manager)), o.manager) AS manager_name,
        o.held_on::text AS held_on
     FROM one_to_ones o JOIN people p ON p.id = o.person_id";

#[async_trait]
impl OneToOneStore for SqlStore {
    async fn start_one_to_one(
        &self,
        manager: Reader<'_>,
        person: PersonId,
        held_on: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        if Self::line_depth(&mut tx, manager.account, person).await? != Some(1) {
            return Err(StoreError::NotFound {
                what: "direct report",
                id: person.0.to_string(),
            });
        }
        let values = one_to_one_values(
            person,
            (Some(manager.account.0), manager.username),
            held_on,
            at,
        );
        let id = insert(&mut tx, &ONE_TO_ONES, values).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn one_to_ones(
        &self,
        account: AccountId,
        person: Option<PersonId>,
    ) -> Result<Vec<OneToOneRecord>> {
        let rows = sqlx::query(&self.dialect().sql(&format!(
            "{SELECT} WHERE {MINE} AND ($2 = 0 OR o.person_id = $2)
             ORDER BY o.held_on DESC, o.id DESC"
        )))
        .bind(account.0)
        .bind(person.map_or(0, |p| p.0))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(record_from_row).collect()
    }

    async fn one_to_one(&self, account: AccountId, id: i64) -> Result<OneToOneRecord> {
        let row = sqlx::query(
            &self
                .dialect()
                .sql(&format!("{SELECT} WHERE {MINE} AND o.id = $2")),
        )
        .bind(account.0)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| not_found(id))?;
        let mut record = record_from_row(&row)?;
        let rows = sqlx::query(&self.dialect().sql(
            "SELECT e.kind, e.author, e.text, e.at::text AS at,
                COALESCE((SELECT m.name FROM members m WHERE m.email = lower(e.author)), e.author) AS author_name
             FROM one_to_one_entries e WHERE e.one_to_one_id = $1 ORDER BY e.id",
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        for r in &rows {
            record.entries.push(EntryRecord {
                kind: named(EntryKind::parse, r.try_get("kind")?)?,
                author: r.try_get("author")?,
                author_name: r.try_get("author_name")?,
                text: r.try_get("text")?,
                at: parse_stamp(r.try_get("at")?)?,
            });
        }
        Ok(record)
    }

    async fn add_one_to_one_entry(
        &self,
        author: Reader<'_>,
        id: i64,
        kind: EntryKind,
        text: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let person: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT o.person_id FROM one_to_ones o WHERE {MINE} AND o.id = $2"
        ))
        .bind(author.account.0)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let person = PersonId(person.ok_or_else(|| not_found(id))?);
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        // Checked again inside the transaction.
        let still: Option<i64> = sqlx::query_scalar(&Dialect::of(&tx).sql(&format!(
            "SELECT o.id FROM one_to_ones o WHERE {MINE} AND o.id = $2"
        )))
        .bind(author.account.0)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        if still.is_none() {
            return Err(not_found(id));
        }
        let entry = EntryRecord {
            kind,
            author: author.username.to_owned(),
            author_name: author.username.to_owned(),
            text: text.to_owned(),
            at,
        };
        insert(&mut tx, &ONE_TO_ONE_ENTRIES, entry_values(id, &entry)).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn one_to_one_manager(&self, id: i64) -> Result<Option<AccountId>> {
        let manager: Option<Option<i64>> =
            sqlx::query_scalar("SELECT manager_id FROM one_to_ones WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(manager.flatten().map(AccountId))
    }
}

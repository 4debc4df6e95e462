//! The SQL of contacts (see [`crate::ContactStore`]).

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::contact::{Contact, InteractionKind, NewInteraction, Relationship};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::row::{insert, table, Table, V};
use super::Dialect;
use super::{bound, corrupt, date, day, not_found, opt_date, small, Scope, SqlStore};
use crate::{ContactRecord, ContactStore, InteractionRecord, PersonId, Result};

/// The `interactions` table's columns, the one list every path writes and reads.
pub(super) const INTERACTIONS: Table =
    table!("interactions" { contact_id: Int, happened_on: Date, kind: Text, note: Text });

/// Where a person's contacts are kept: [`contact_values`] and
/// [`contact_from_row`] are the only mapping of a contact to its row, for
/// the normal writes, the bulk load and export and import.
pub(super) const CONTACTS: Table = table!("contacts" {
    person_id: Int, name: Text, organisation: Text, relationship: Text, reach: Text,
    notes: Text, cadence_days: Int, added_on: Date, job_title: Text,
});

pub(super) fn contact_values(person: PersonId, c: &Contact, added_on: NaiveDate) -> Vec<V> {
    vec![
        V::Int(person.0),
        V::text(&c.name),
        V::opt_text(c.organisation.as_deref()),
        V::text(c.relationship.as_str()),
        V::opt_text(c.reach.as_deref()),
        V::opt_text(c.notes.as_deref()),
        V::Int(i64::from(c.cadence_days)),
        V::Date(added_on),
        V::opt_text(c.job_title.as_deref()),
    ]
}

pub(super) fn interaction_values(
    contact: i64,
    on: NaiveDate,
    kind: InteractionKind,
    note: Option<&str>,
) -> Vec<V> {
    vec![
        V::Int(contact),
        V::Date(on),
        V::text(kind.as_str()),
        V::opt_text(note),
    ]
}

/// A contact and the day it was added, from a row that selected
/// [`CONTACTS`].
pub(super) fn contact_from_row(row: &AnyRow) -> Result<(Contact, NaiveDate)> {
    Ok((
        Contact {
            name: row.try_get("name")?,
            job_title: row.try_get("job_title")?,
            organisation: row.try_get("organisation")?,
            relationship: Relationship::parse("relationship", row.try_get("relationship")?)
                .map_err(corrupt)?,
            reach: row.try_get("reach")?,
            notes: row.try_get("notes")?,
            cadence_days: small(row, "cadence_days")?,
        },
        date(row.try_get("added_on")?)?,
    ))
}

impl SqlStore {
    pub(super) async fn read_contacts(
        conn: &mut AnyConnection,
        person: PersonId,
        only: Option<i64>,
    ) -> Result<Vec<ContactRecord>> {
        let filter = if only.is_some() { "AND c.id = $2" } else { "" };
        let rows = bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT c.id, {},
                 (SELECT MAX(happened_on) FROM interactions i WHERE i.contact_id = c.id)::text AS last_on,
                 (SELECT COUNT(*) FROM interactions i WHERE i.contact_id = c.id) AS n
                 FROM contacts c WHERE c.person_id = $1 {filter} ORDER BY c.name, c.id",
                CONTACTS.select("c")
            )),
            person,
            only,
        )
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|row| {
                let (contact, added_on) = contact_from_row(row)?;
                Ok(ContactRecord {
                    id: row.try_get("id")?,
                    contact,
                    added_on,
                    last_interaction: opt_date(row, "last_on")?,
                    interaction_count: small(row, "n")?,
                    interactions: Vec::new(),
                })
            })
            .collect()
    }
}

#[async_trait]
impl ContactStore for SqlStore {
    async fn add_contact(&self, person: PersonId, new: &Contact, today: NaiveDate) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let id = insert(&mut tx, &CONTACTS, contact_values(person, new, today)).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn contacts(&self, person: PersonId) -> Result<Vec<ContactRecord>> {
        let mut conn = self.pool.acquire().await?;
        Self::read_contacts(&mut conn, person, None).await
    }

    async fn contact(&self, person: PersonId, id: i64) -> Result<ContactRecord> {
        let mut conn = self.pool.acquire().await?;
        let mut contact = Self::read_contacts(&mut conn, person, Some(id))
            .await?
            .pop()
            .ok_or_else(|| not_found("contact", id))?;
        let rows = sqlx::query(&Dialect::of(&conn).sql(&format!(
            "SELECT id, {} FROM interactions WHERE contact_id = $1
                 ORDER BY happened_on DESC, id DESC",
            INTERACTIONS.select("")
        )))
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        for r in &rows {
            contact.interactions.push(InteractionRecord {
                id: r.try_get("id")?,
                on: date(r.try_get("happened_on")?)?,
                kind: InteractionKind::parse("kind", r.try_get("kind")?).map_err(corrupt)?,
                note: r.try_get("note")?,
            });
        }
        Ok(contact)
    }

    async fn add_interaction(
        &self,
        person: PersonId,
        contact: i64,
        new: &NewInteraction,
    ) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        if !Self::owns(&mut tx, "contacts", person, contact).await? {
            return Err(not_found("contact", contact));
        }
        let id = insert(
            &mut tx,
            &INTERACTIONS,
            interaction_values(contact, new.on, new.kind, new.note.as_deref()),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn interaction_dates(
        &self,
        person: PersonId,
        since: NaiveDate,
    ) -> Result<Vec<NaiveDate>> {
        let rows: Vec<String> = sqlx::query_scalar(&self.dialect().sql(
            "SELECT i.happened_on::text FROM interactions i JOIN contacts c ON c.id = i.contact_id
             WHERE c.person_id = $1 AND i.happened_on >= $2::date",
        ))
        .bind(person.0)
        .bind(day(since))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|d| date(d)).collect()
    }
}

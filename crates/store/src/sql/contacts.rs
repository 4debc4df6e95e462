//! The SQL of contacts (see [`crate::ContactStore`]).

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::contact::{InteractionKind, NewContact, NewInteraction, Relationship};
use sqlx::{AnyConnection, Row};

use super::Dialect;
use super::{bound, corrupt, date, day, not_found, opt_date, small, Scope, SqlStore};
use crate::{ContactRecord, ContactStore, InteractionRecord, PersonId, Result};

impl SqlStore {
    pub(super) async fn read_contacts(
        conn: &mut AnyConnection,
        person: PersonId,
        only: Option<i64>,
    ) -> Result<Vec<ContactRecord>> {
        let filter = if only.is_some() { "AND c.id = $2" } else { "" };
        let rows = bound(
            &Dialect::of(conn).sql(&format!(
                "SELECT c.id, c.name, c.organisation, c.relationship, c.reach, c.notes,
                 c.cadence_days, c.added_on::text AS added_on,
                 (SELECT MAX(happened_on) FROM interactions i WHERE i.contact_id = c.id)::text AS last_on,
                 (SELECT COUNT(*) FROM interactions i WHERE i.contact_id = c.id) AS n
                 FROM contacts c WHERE c.person_id = $1 {filter} ORDER BY c.name, c.id"
            )),
            person,
            only,
        )
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ContactRecord {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    organisation: row.try_get("organisation")?,
                    relationship: Relationship::parse("relationship", row.try_get("relationship")?)
                        .map_err(corrupt)?,
                    reach: row.try_get("reach")?,
                    notes: row.try_get("notes")?,
                    cadence_days: small(row, "cadence_days")?,
                    added_on: date(row.try_get("added_on")?)?,
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
    async fn add_contact(
        &self,
        person: PersonId,
        new: &NewContact,
        today: NaiveDate,
    ) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let id: i64 = sqlx::query_scalar(&Dialect::of(&tx).sql(
            "INSERT INTO contacts (person_id, name, organisation, relationship, reach, notes,
             cadence_days, added_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date) RETURNING id",
        ))
        .bind(person.0)
        .bind(&new.name)
        .bind(new.organisation.as_deref())
        .bind(new.relationship.as_str())
        .bind(new.reach.as_deref())
        .bind(new.notes.as_deref())
        .bind(i64::from(new.cadence_days))
        .bind(day(today))
        .fetch_one(&mut *tx)
        .await?;
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
        let rows = sqlx::query(
            &Dialect::of(&conn).sql("SELECT id, happened_on::text AS happened_on, kind, note FROM interactions WHERE contact_id = $1
             ORDER BY happened_on DESC, id DESC"),
        )
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
        let id: i64 = sqlx::query_scalar(&Dialect::of(&tx).sql(
            "INSERT INTO interactions (contact_id, happened_on, kind, note)
             VALUES ($1, $2::date, $3, $4) RETURNING id",
        ))
        .bind(contact)
        .bind(day(new.on))
        .bind(new.kind.as_str())
        .bind(new.note.as_deref())
        .fetch_one(&mut *tx)
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

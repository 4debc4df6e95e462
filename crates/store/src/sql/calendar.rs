//! The SQL of calendar feeds (see [`crate::CalendarStore`]).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::Row;

use super::Dialect;
use super::{parse_stamp, stamp, Scope, SqlStore};
use crate::{CalendarFeedRecord, CalendarStore, PersonId, Result, StoreError};

#[async_trait]
impl CalendarStore for SqlStore {
    async fn create_calendar_feed(
        &self,
        person: PersonId,
        token_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<i64> {
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        let id: i64 = sqlx::query_scalar(
            &Dialect::of(&tx).sql("INSERT INTO calendar_feeds (person_id, token_hash, created_at) VALUES ($1, $2, $3::timestamptz)
             RETURNING id"),
        )
        .bind(person.0)
        .bind(token_hash)
        .bind(stamp(at))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn calendar_feeds(&self, person: PersonId) -> Result<Vec<CalendarFeedRecord>> {
        let rows = sqlx::query(
            &self.dialect().sql("SELECT id, created_at::text AS created_at FROM calendar_feeds WHERE person_id = $1 ORDER BY id"),
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CalendarFeedRecord {
                    id: r.try_get("id")?,
                    created_at: parse_stamp(r.try_get("created_at")?)?,
                })
            })
            .collect()
    }

    async fn revoke_calendar_feed(&self, person: PersonId, id: i64) -> Result<()> {
        self.delete_owned(person, "calendar_feeds", "calendar feed", id)
            .await
    }

    async fn calendar_person(&self, token_hash: &str) -> Result<Option<PersonId>> {
        let id: Option<i64> =
            sqlx::query_scalar("SELECT person_id FROM calendar_feeds WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
        Ok(id.map(PersonId))
    }

    async fn calendar_key(&self, person: PersonId, candidate: &str) -> Result<String> {
        let kept: Option<Option<String>> =
            sqlx::query_scalar("SELECT calendar_key FROM people WHERE id = $1")
                .bind(person.0)
                .fetch_optional(&self.pool)
                .await?;
        if let Some(Some(key)) = kept {
            return Ok(key);
        }
        let mut tx = self.begin_write(Scope::Person(person)).await?;
        // Another request may have kept one meanwhile: that one wins.
        sqlx::query("UPDATE people SET calendar_key = $1 WHERE id = $2 AND calendar_key IS NULL")
            .bind(candidate)
            .bind(person.0)
            .execute(&mut *tx)
            .await?;
        let key: Option<String> =
            sqlx::query_scalar("SELECT calendar_key FROM people WHERE id = $1")
                .bind(person.0)
                .fetch_one(&mut *tx)
                .await?;
        tx.commit().await?;
        key.ok_or_else(|| StoreError::Corrupt("a person without a calendar key".into()))
    }
}

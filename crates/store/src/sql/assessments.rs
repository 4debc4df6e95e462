//! The SQL of the assessments (see [`crate::AssessmentStore`]).

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::assessment::{Levels, Source};
use sqlx::{AnyConnection, Row};

use super::Dialect;
use super::{date, day, named, Scope, SqlStore};
use crate::{AssessmentRecord, AssessmentStore, PersonId, Result};

impl SqlStore {
    /// Writes an assessment inside a transaction the caller holds.
    pub(crate) async fn insert_assessment(
        conn: &mut AnyConnection,
        person: PersonId,
        framework_hash: &str,
        source: Source,
        date: NaiveDate,
        levels: &Levels,
    ) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(&Dialect::of(conn).sql(
            "INSERT INTO assessments (person_id, framework_hash, source, taken_on)
             VALUES ($1, $2, $3, $4::date) RETURNING id",
        ))
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
}

#[async_trait]
impl AssessmentStore for SqlStore {
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
            &self.dialect().sql("SELECT a.id, a.taken_on::text AS taken_on, a.source, a.framework_hash, l.competency_id, l.level
             FROM assessments a JOIN assessment_levels l ON l.assessment_id = a.id
             WHERE a.person_id = $1 ORDER BY a.taken_on, a.id, l.competency_id"),
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
}

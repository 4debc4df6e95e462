//! The SQL of the assessments (see [`crate::AssessmentStore`]).

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::assessment::{Levels, Source};
use sqlx::{AnyConnection, Row};

use super::row::{insert, insert_plain, table, Table, V};
use super::{date, named, Scope, SqlStore};
use crate::{AssessmentRecord, AssessmentStore, PersonId, Result};

/// The `assessments` table's columns, the one list every path writes and reads.
pub(super) const ASSESSMENTS: Table = table!("assessments" { person_id: Int, framework_hash: Text, source: Text, taken_on: Date, rated_by: Text });

/// The `assessment_levels` table's columns, the one list every path writes and reads.
pub(super) const ASSESSMENT_LEVELS: Table =
    table!("assessment_levels" { assessment_id: Int, competency_id: Text, level: Int });

/// An assessment's row; `rated_by` names the manager who gave a
/// manager's rating.
pub(super) fn assessment_values(
    person: PersonId,
    framework_hash: &str,
    source: Source,
    taken_on: NaiveDate,
    rated_by: Option<&str>,
) -> Vec<V> {
    vec![
        V::Int(person.0),
        V::text(framework_hash),
        V::text(source.as_str()),
        V::Date(taken_on),
        V::opt_text(rated_by),
    ]
}

pub(super) fn level_values(assessment: i64, competency: &str, level: u8) -> Vec<V> {
    vec![
        V::Int(assessment),
        V::text(competency),
        V::Int(i64::from(level)),
    ]
}

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
        Self::insert_rating(conn, person, framework_hash, (source, None), date, levels).await
    }

    /// Writes an assessment by `source`, given by `rated_by` when it is a
    /// manager's rating.
    pub(crate) async fn insert_rating(
        conn: &mut AnyConnection,
        person: PersonId,
        framework_hash: &str,
        (source, rated_by): (Source, Option<&str>),
        date: NaiveDate,
        levels: &Levels,
    ) -> Result<i64> {
        let id = insert(
            conn,
            &ASSESSMENTS,
            assessment_values(person, framework_hash, source, date, rated_by),
        )
        .await?;
        for (c, l) in levels.iter() {
            insert_plain(
                conn,
                &ASSESSMENT_LEVELS,
                level_values(id, c.as_str(), l.value()),
                "",
            )
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
        let rows = sqlx::query(&self.dialect().sql(&format!(
            "SELECT a.id, {}, {} FROM assessments a
                 JOIN assessment_levels l ON l.assessment_id = a.id
                 WHERE a.person_id = $1 ORDER BY a.taken_on, a.id, l.competency_id",
            ASSESSMENTS.select("a"),
            ASSESSMENT_LEVELS.select("l")
        )))
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
                    rated_by: row.try_get("rated_by")?,
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

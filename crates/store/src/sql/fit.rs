//! The SQL of the fit (see [`crate::FitStore`]).

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::fit::{FitAnswers, FitResult, Recommendation};
use sqlx::Row;

use super::row::{insert, table, Table, V};
use super::{date, Scope, SqlStore};
use crate::{FitRecord, FitStore, PersonId, Result, StoreError};

/// The `fit_checks` table's columns, the one list every path writes and reads.
pub(super) const FIT_CHECKS: Table = table!("fit_checks" { person_id: Int, framework_hash: Text, taken_on: Date, management: Int, technical: Int, recommendation: Text, answers: Text });

/// A fit check's row; `answers` as JSON.
pub(super) fn fit_values(
    person: PersonId,
    framework_hash: &str,
    taken_on: NaiveDate,
    management: u8,
    technical: u8,
    recommendation: Recommendation,
    answers: &str,
) -> Vec<V> {
    vec![
        V::Int(person.0),
        V::text(framework_hash),
        V::Date(taken_on),
        V::Int(i64::from(management)),
        V::Int(i64::from(technical)),
        V::text(recommendation.as_str()),
        V::text(answers),
    ]
}

#[async_trait]
impl FitStore for SqlStore {
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
        let id = insert(
            &mut tx,
            &FIT_CHECKS,
            fit_values(
                person,
                framework_hash,
                date,
                result.management,
                result.technical,
                result.recommendation,
                &answers,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn fit_checks(&self, person: PersonId) -> Result<Vec<FitRecord>> {
        let rows = sqlx::query(&self.dialect().sql(&format!(
            "SELECT id, {} FROM fit_checks WHERE person_id = $1 ORDER BY taken_on, id",
            FIT_CHECKS.select("")
        )))
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
}

//! The SQL of the fit (see [`crate::FitStore`]).

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::fit::{FitAnswers, FitResult};
use sqlx::Row;

use super::Dialect;
use super::{date, day, Scope, SqlStore};
use crate::{FitRecord, FitStore, PersonId, Result, StoreError};

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
        let id = sqlx::query_scalar(
            &Dialect::of(&tx).sql("INSERT INTO fit_checks (person_id, framework_hash, taken_on, management, technical, recommendation, answers)
             VALUES ($1, $2, $3::date, $4, $5, $6, $7) RETURNING id"),
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
            &self.dialect().sql("SELECT id, taken_on::text AS taken_on, management, technical, recommendation, answers FROM fit_checks
             WHERE person_id = $1 ORDER BY taken_on, id"),
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
}

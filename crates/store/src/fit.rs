//! Fit checks: the answers and the result, each kept.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::fit::{FitAnswers, FitResult};

use crate::{PersonId, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitRecord {
    pub id: i64,
    pub date: NaiveDate,
    pub management: i64,
    pub technical: i64,
    pub recommendation: String,
    /// The answers given, by statement id.
    pub answers: BTreeMap<String, i64>,
}

#[async_trait]
pub trait FitStore: Send + Sync {
    async fn add_fit_check(
        &self,
        person: PersonId,
        framework_hash: &str,
        date: NaiveDate,
        answers: &FitAnswers,
        result: &FitResult,
    ) -> Result<i64>;
    /// All fit checks, oldest first.
    async fn fit_checks(&self, person: PersonId) -> Result<Vec<FitRecord>>;
}

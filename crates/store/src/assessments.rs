//! Assessments: dated snapshots of levels, self or 360, each with the
//! framework it was made with.

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::assessment::{Levels, Source};

use crate::{PersonId, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRecord {
    pub id: i64,
    pub date: NaiveDate,
    pub source: Source,
    pub framework_hash: String,
    /// The manager who gave a manager's rating, by username.
    pub rated_by: Option<String>,
    /// Competency id and level, as stored.
    pub levels: Vec<(String, i64)>,
}

#[async_trait]
pub trait AssessmentStore: Send + Sync {
    async fn add_assessment(
        &self,
        person: PersonId,
        framework_hash: &str,
        source: Source,
        date: NaiveDate,
        levels: &Levels,
    ) -> Result<i64>;
    /// All assessments, oldest first.
    async fn assessments(&self, person: PersonId) -> Result<Vec<AssessmentRecord>>;
}

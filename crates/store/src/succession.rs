//! The succession bench: the management roles people ask to be considered
//! for, and what the bench needs of them, read for everyone in view at
//! once.

use async_trait::async_trait;
use chrono::NaiveDate;
use serde::Serialize;

use crate::{AccountId, PersonId, Result};

/// A role a person asked to be considered for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Interest {
    pub role: String,
    pub since: NaiveDate,
}

/// Whose candidates a bench holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchScope {
    /// Everyone's (an administrator).
    Organisation,
    /// The people below a manager in the reporting lines.
    Line(AccountId),
}

/// A person who asked to be considered for at least one role, with what
/// their readiness is judged from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchPerson {
    pub person: i64,
    /// As the organisation knows them, else their profile's.
    pub name: String,
    /// Their account's username when the organisation does not have them.
    pub email: String,
    pub team: Option<String>,
    /// The role they hold, by id.
    pub current_role: String,
    pub framework_hash: String,
    pub interests: Vec<Interest>,
    /// The latest self-assessment.
    pub self_levels: Vec<(String, i64)>,
    /// The latest manager's rating.
    pub manager_levels: Vec<(String, i64)>,
    /// Pieces of evidence per competency.
    pub evidence: Vec<(String, i64)>,
    /// Feedback naming a gap nothing since answers, per competency.
    pub named_gaps: Vec<(String, i64)>,
}

/// The candidates in view, and the frameworks of everyone in view (so that
/// roles no one asked for are on the bench too).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BenchData {
    pub frameworks: Vec<String>,
    pub people: Vec<BenchPerson>,
}

#[async_trait]
pub trait SuccessionStore: Send + Sync {
    /// The roles the person asked to be considered for, by role.
    async fn interests(&self, person: PersonId) -> Result<Vec<Interest>>;
    /// Sets them: roles kept keep their date, new ones date from `today`,
    /// the others are withdrawn. The caller checks the roles.
    async fn set_interests(
        &self,
        person: PersonId,
        roles: &[String],
        today: NaiveDate,
    ) -> Result<()>;
    /// Everyone in scope who asked to be considered for a role, in a fixed
    /// number of reads whatever their number.
    async fn bench(&self, scope: BenchScope) -> Result<BenchData>;
}

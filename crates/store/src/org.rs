//! The organisation: teams (nested), the people it has with their team and
//! manager, and what each person's reporting line sees of their data.

use async_trait::async_trait;
use leap_core::org::Member;
use leap_core::sharing::{Part, Reach};
use serde::Serialize;

use crate::sharing::Reader;
use crate::{AccountId, PersonId, Result};
use chrono::NaiveDate;
use leap_core::assessment::Levels;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct TeamRecord {
    pub name: String,
    /// The team it is part of.
    pub parent: Option<String>,
    /// People whose team it is (not counting sub-teams).
    pub members: i64,
}

/// A person of the organisation, and whether they have an account (one
/// named by their e-mail) yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct MemberRecord {
    #[serde(flatten)]
    pub member: Member,
    /// The manager's name, when the organisation has them.
    pub manager_name: Option<String>,
    pub has_account: bool,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ImportCounts {
    pub added: usize,
    pub updated: usize,
}

/// Who sees a part of a person's data in their reporting line: their own
/// choice, the organisation's default, and what holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct LineSharing {
    pub part: Part,
    /// What holds: the person's own choice, else the default, else nobody.
    pub reach: Reach,
    pub own: Option<Reach>,
    pub default: Option<Reach>,
}

/// A manager above a person, nearest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct LineManager {
    pub name: String,
    pub email: String,
    /// 1 for the person's own manager.
    pub depth: u32,
}

/// A person below a manager in the reporting lines, with a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Report {
    /// The person's id, as the shared views take it.
    pub person: i64,
    /// The name the organisation knows them by.
    pub name: String,
    pub email: String,
    pub team: Option<String>,
    /// 1 for a direct report.
    pub depth: u32,
}

/// A person of a manager's team and what the manager may know of them,
/// read for the whole team at once: the levels and counts are there only
/// when the matching part is in `parts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamMember {
    pub report: Report,
    pub current_role: String,
    pub target_role: String,
    pub framework_hash: String,
    /// The parts the manager may see, one by one or through the line.
    pub parts: Vec<Part>,
    /// The latest self-assessment (assessments part).
    pub self_levels: Vec<(String, i64)>,
    /// The latest manager's rating (assessments part).
    pub manager_levels: Vec<(String, i64)>,
    /// Pieces of evidence per competency (assessments part: counts only).
    pub evidence: Vec<(String, i64)>,
    /// Feedback naming a gap nothing since answers, per competency
    /// (assessments part: counts only, as they weigh on readiness).
    pub named_gaps: Vec<(String, i64)>,
    /// Plan items done, open and open past their date (plan part).
    pub plan: Option<(i64, i64, i64)>,
    /// The last check-in's date and readiness (plan part).
    pub last_checkin: Option<(NaiveDate, i64)>,
}

/// What a manager needs to rate a direct report: who they are, the
/// framework they are measured on, and the manager's last rating of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingForm {
    pub name: String,
    pub framework_hash: String,
    pub last: Option<crate::AssessmentRecord>,
}

#[async_trait]
pub trait OrgStore: Send + Sync {
    /// Every team, by name.
    async fn teams(&self) -> Result<Vec<TeamRecord>>;
    /// Conflict when the name is taken; NotFound when the parent is not a
    /// team.
    async fn add_team(&self, name: &str, parent: Option<&str>) -> Result<()>;
    /// Renames a team and moves it under `parent` (none: the top). Conflict
    /// when the new name is taken or the team would be inside itself.
    async fn change_team(&self, name: &str, new_name: &str, parent: Option<&str>) -> Result<()>;
    /// Conflict while it has sub-teams or people.
    async fn remove_team(&self, name: &str) -> Result<()>;
    /// Every person of the organisation, by name.
    async fn members(&self) -> Result<Vec<MemberRecord>>;
    /// One person, by e-mail.
    async fn member(&self, email: &str) -> Result<Option<MemberRecord>>;
    /// Adds the people, or updates those the organisation has (by e-mail):
    /// their name, team and manager become the given ones. One
    /// transaction: all of them or none. The people must be checked
    /// ([`leap_core::org::check`]): unknown teams or managers are NotFound
    /// and nothing is written.
    async fn import_members(&self, people: &[Member]) -> Result<ImportCounts>;
    /// Adds or updates one person. Conflict when their manager would close
    /// a loop in the reporting lines.
    async fn put_member(&self, member: &Member) -> Result<()>;
    /// Removes a person from the organisation; the people they managed
    /// have no manager until one is given.
    async fn remove_member(&self, email: &str) -> Result<()>;
    /// The organisation's defaults, for the parts that have one.
    async fn line_defaults(&self) -> Result<Vec<(Part, Reach)>>;
    async fn set_line_default(&self, part: Part, reach: Option<Reach>) -> Result<()>;
    /// For each part: who in the person's line sees it, and why.
    async fn line_sharing(&self, person: PersonId) -> Result<Vec<LineSharing>>;
    /// The person's own choice for a part; none follows the default.
    async fn set_line_sharing(
        &self,
        person: PersonId,
        part: Part,
        reach: Option<Reach>,
    ) -> Result<()>;
    /// The managers above the person (through the account named by their
    /// e-mail), nearest first.
    async fn line_of(&self, person: PersonId) -> Result<Vec<LineManager>>;
    /// The people below the manager's account who have a profile, nearest
    /// first, then by name.
    async fn reports(&self, manager: AccountId) -> Result<Vec<Report>>;
    /// The smallest group an aggregate is shown over (at least
    /// [`leap_core::team::MIN_GROUP`]).
    async fn min_group(&self) -> Result<usize>;
    /// Sets it; the caller checks it is at least the minimum.
    async fn set_min_group(&self, n: usize) -> Result<()>;
    /// The people below the manager with what the manager may know of
    /// them, in a fixed number of reads whatever the team's size.
    async fn team(&self, manager: AccountId, today: NaiveDate) -> Result<Vec<TeamMember>>;
    /// NotFound unless the manager manages the person directly.
    async fn rating_form(&self, manager: AccountId, person: PersonId) -> Result<RatingForm>;
    /// The manager's rating of a direct report, on the report's framework:
    /// an assessment with source `manager`. NotFound unless the manager
    /// manages the person directly (the same answer as for no such person).
    async fn rate(
        &self,
        manager: Reader<'_>,
        person: PersonId,
        date: NaiveDate,
        levels: &Levels,
    ) -> Result<i64>;
}

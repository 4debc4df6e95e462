//! The development plan: its generations and items, opened and closed.

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::framework::ActionKind;
use leap_core::plan::{ItemStatus, ProposedItem};
use leap_core::CompetencyId;

use crate::{PersonId, Result};

/// An item as the person's plan shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItemRecord {
    pub id: i64,
    pub action: Option<String>,
    pub title: String,
    pub kind: ActionKind,
    pub competencies: Vec<CompetencyId>,
    pub due: NaiveDate,
    pub status: ItemStatus,
    pub note: Option<String>,
    pub closed_on: Option<NaiveDate>,
    /// Why a generated item is in the plan; none for one's own items.
    pub why: Option<String>,
    /// When to begin a generated item.
    pub starts: Option<NaiveDate>,
}

/// The person's current plan: the latest generation's settings and every
/// item not replaced by a later generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRecord {
    pub target_role: Option<String>,
    pub horizon_months: Option<u32>,
    pub generated_on: Option<NaiveDate>,
    /// The pace the latest plan was made for: pieces of work at once.
    pub at_once: Option<u32>,
    /// What the latest plan said first (the fit check, step 0, the pace).
    pub notes: Vec<String>,
    /// The month (1 to 12) the person's financial year starts, as the
    /// latest plan was given it.
    pub year_starts: Option<u32>,
    pub items: Vec<PlanItemRecord>,
}

pub struct NewPlan<'a> {
    pub target_role: &'a str,
    pub horizon_months: u32,
    pub at_once: u32,
    pub notes: &'a [String],
    /// The month (1 to 12) the financial year starts, if given.
    pub year_starts: Option<u32>,
    pub today: NaiveDate,
    pub items: &'a [ProposedItem],
}

pub struct NewPlanItem<'a> {
    pub title: &'a str,
    pub kind: ActionKind,
    pub competencies: &'a [CompetencyId],
    pub due: NaiveDate,
    pub today: NaiveDate,
}

/// How a plan item is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    Done,
    Dropped,
}

impl Closing {
    pub fn as_str(self) -> &'static str {
        self.status().as_str()
    }

    /// The status the item gets.
    pub fn status(self) -> ItemStatus {
        match self {
            Self::Done => ItemStatus::Done,
            Self::Dropped => ItemStatus::Dropped,
        }
    }
}

#[async_trait]
pub trait PlanStore: Send + Sync {
    /// Records a new plan generation: open items of earlier generations are
    /// marked superseded (kept, not deleted); done and dropped items stay.
    async fn replace_plan(&self, person: PersonId, plan: NewPlan<'_>) -> Result<PlanRecord>;
    async fn plan(&self, person: PersonId) -> Result<PlanRecord>;
    async fn add_plan_item(
        &self,
        person: PersonId,
        item: NewPlanItem<'_>,
    ) -> Result<PlanItemRecord>;
    /// Marks an open item done or dropped. Refuses an item that is not the
    /// person's (NotFound) or already closed (Conflict). `note_tags`, the
    /// competencies the note shows as well, are added to a done item's.
    async fn close_plan_item(
        &self,
        person: PersonId,
        id: i64,
        closing: Closing,
        date: NaiveDate,
        note: Option<&str>,
        note_tags: &[CompetencyId],
    ) -> Result<PlanItemRecord>;
}

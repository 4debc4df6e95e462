//! Check-ins, each with its readiness snapshot, and how often they fall
//! due.

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::assessment::Levels;
use leap_core::CompetencyId;
use serde::Serialize;

use crate::{PersonId, Result};

/// A check-in about to be stored.
pub struct NewCheckinRecord<'a> {
    pub held_on: NaiveDate,
    pub went_well: Option<&'a str>,
    pub went_badly: Option<&'a str>,
    pub plan_review: Option<&'a str>,
    pub target_role: &'a str,
    pub framework_hash: &'a str,
    pub readiness_percent: u32,
    /// (competency, current level, expected level) at the time.
    pub levels: Vec<(String, u8, u8)>,
    /// A new self-assessment to record with it, when levels changed.
    pub reassessment: Option<&'a Levels>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CheckinLevel {
    pub competency: CompetencyId,
    pub level: u8,
    pub expected: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CheckinRecord {
    pub id: i64,
    pub held_on: NaiveDate,
    pub went_well: Option<String>,
    pub went_badly: Option<String>,
    pub plan_review: Option<String>,
    pub target_role: String,
    pub readiness_percent: u32,
    /// Whether the check-in recorded a new self-assessment.
    pub reassessed: bool,
    pub levels: Vec<CheckinLevel>,
}

/// What the next check-in's day is worked out from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckinSchedule {
    /// Days between check-ins.
    pub every_days: u32,
    pub last_checkin: Option<NaiveDate>,
    pub first_self_assessment: Option<NaiveDate>,
}

impl CheckinSchedule {
    /// A cadence after the last check-in, or after the first
    /// self-assessment (a check-in re-rates one); none before it.
    pub fn due_on(&self) -> Option<NaiveDate> {
        let start = self.last_checkin.or(self.first_self_assessment)?;
        Some(leap_core::checkin::due_on(
            Some(start),
            start,
            self.every_days,
        ))
    }
}

#[async_trait]
pub trait CheckinStore: Send + Sync {
    async fn add_checkin(&self, person: PersonId, new: NewCheckinRecord<'_>) -> Result<i64>;
    /// Every check-in with its snapshot, oldest first.
    async fn checkins(&self, person: PersonId) -> Result<Vec<CheckinRecord>>;
    /// How often check-ins fall due, and what they count from, in one read.
    async fn checkin_schedule(&self, person: PersonId) -> Result<CheckinSchedule>;
    async fn set_checkin_every(&self, person: PersonId, days: u32) -> Result<()>;
}

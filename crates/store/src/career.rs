//! The job-search and relationship loop as stored: opportunities with their
//! stage history and debriefs, contacts with interactions, check-ins with
//! their readiness snapshots, and calendar feed tokens.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use leap_core::assessment::Levels;
use leap_core::contact::{InteractionKind, NewContact, NewInteraction, Relationship};
use leap_core::opportunity::{CompanyProfile, NewDebrief, NewOpportunity, NextStep, Stage};
use serde::Serialize;

use crate::{PersonId, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageChange {
    pub stage: Stage,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DebriefRecord {
    pub id: i64,
    pub opportunity: i64,
    pub held_on: NaiveDate,
    pub questions: Option<String>,
    pub went_well: Option<String>,
    pub went_badly: Option<String>,
    pub reasons: Option<String>,
    pub chosen_experience: Option<String>,
    pub competencies: Vec<String>,
    /// Your own answer to seed 000's question: too technical, not enough
    /// managing?
    pub too_technical: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpportunityRecord {
    pub id: i64,
    pub organisation: String,
    pub title: String,
    pub role: Option<String>,
    pub company_profile: CompanyProfile,
    pub internal: bool,
    pub source: Option<String>,
    pub stage: Stage,
    pub next_step: Option<NextStep>,
    pub created_on: NaiveDate,
    /// Oldest first; the first is the stage it was added at.
    pub stages: Vec<StageChange>,
    /// Newest first.
    pub debriefs: Vec<DebriefRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InteractionRecord {
    pub id: i64,
    pub on: NaiveDate,
    pub kind: InteractionKind,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactRecord {
    pub id: i64,
    pub name: String,
    pub organisation: Option<String>,
    pub relationship: Relationship,
    pub reach: Option<String>,
    pub notes: Option<String>,
    pub cadence_days: u32,
    pub added_on: NaiveDate,
    pub last_interaction: Option<NaiveDate>,
    pub interaction_count: u32,
    /// Newest first; filled by [`CareerStore::contact`] only.
    pub interactions: Vec<InteractionRecord>,
}

impl ContactRecord {
    pub fn follow_up_on(&self) -> NaiveDate {
        leap_core::contact::follow_up_on(self.last_interaction, self.added_on, self.cadence_days)
    }
}

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
pub struct CheckinLevel {
    pub competency: String,
    pub level: u8,
    pub expected: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarFeedRecord {
    pub id: i64,
    pub created_at: DateTime<Utc>,
}

#[async_trait]
pub trait CareerStore: Send + Sync {
    async fn add_opportunity(
        &self,
        person: PersonId,
        new: &NewOpportunity,
        today: NaiveDate,
    ) -> Result<i64>;
    /// Every opportunity with its stages and debriefs, newest first.
    async fn opportunities(&self, person: PersonId) -> Result<Vec<OpportunityRecord>>;
    async fn opportunity(&self, person: PersonId, id: i64) -> Result<OpportunityRecord>;
    /// Moves an opportunity to `stage` on `on`, and sets its next step (a
    /// closed stage clears it when none is given). Refuses (Conflict) a move
    /// to the stage it is at with no new next step.
    async fn move_opportunity(
        &self,
        person: PersonId,
        id: i64,
        stage: Stage,
        on: NaiveDate,
        next_step: Option<&NextStep>,
    ) -> Result<OpportunityRecord>;
    async fn add_debrief(
        &self,
        person: PersonId,
        opportunity: i64,
        new: &NewDebrief,
        today: NaiveDate,
    ) -> Result<i64>;
    /// How many debriefs cite each competency id.
    async fn debrief_citations(&self, person: PersonId) -> Result<BTreeMap<String, u32>>;

    async fn add_contact(
        &self,
        person: PersonId,
        new: &NewContact,
        today: NaiveDate,
    ) -> Result<i64>;
    /// Every contact with the date of its last interaction, by name.
    async fn contacts(&self, person: PersonId) -> Result<Vec<ContactRecord>>;
    /// One contact with all its interactions.
    async fn contact(&self, person: PersonId, id: i64) -> Result<ContactRecord>;
    async fn add_interaction(
        &self,
        person: PersonId,
        contact: i64,
        new: &NewInteraction,
    ) -> Result<i64>;
    /// The dates of every interaction on or after `since`.
    async fn interaction_dates(&self, person: PersonId, since: NaiveDate)
        -> Result<Vec<NaiveDate>>;

    async fn add_checkin(&self, person: PersonId, new: NewCheckinRecord<'_>) -> Result<i64>;
    /// Every check-in with its snapshot, oldest first.
    async fn checkins(&self, person: PersonId) -> Result<Vec<CheckinRecord>>;
    /// How often check-ins fall due, and what they count from, in one read.
    async fn checkin_schedule(&self, person: PersonId) -> Result<CheckinSchedule>;
    async fn set_checkin_every(&self, person: PersonId, days: u32) -> Result<()>;

    async fn create_calendar_feed(
        &self,
        person: PersonId,
        token_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<i64>;
    async fn calendar_feeds(&self, person: PersonId) -> Result<Vec<CalendarFeedRecord>>;
    async fn revoke_calendar_feed(&self, person: PersonId, id: i64) -> Result<()>;
    /// The person a live feed token belongs to.
    async fn calendar_person(&self, token_hash: &str) -> Result<Option<PersonId>>;
    /// The person's calendar key (see [`crate::calendar::key`]): the one
    /// kept, or else `candidate`, kept from now on.
    async fn calendar_key(&self, person: PersonId, candidate: &str) -> Result<String>;
}

//! Opportunities applied for or considered: their stage history and
//! interview debriefs.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::opportunity::{CompanyProfile, NewDebrief, NewOpportunity, NextStep, Stage};
use leap_core::CompetencyId;
use serde::Serialize;

use crate::{PersonId, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct StageChange {
    pub stage: Stage,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct DebriefRecord {
    pub id: i64,
    pub opportunity: i64,
    pub held_on: NaiveDate,
    pub questions: Option<String>,
    pub went_well: Option<String>,
    pub went_badly: Option<String>,
    pub reasons: Option<String>,
    pub chosen_experience: Option<String>,
    pub competencies: Vec<CompetencyId>,
    /// Your own answer to seed 000's question: too technical, not enough
    /// managing?
    pub too_technical: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
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

#[async_trait]
pub trait OpportunityStore: Send + Sync {
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
    async fn debrief_citations(&self, person: PersonId) -> Result<BTreeMap<CompetencyId, u32>>;
}

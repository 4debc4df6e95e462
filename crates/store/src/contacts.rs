//! Contacts and the interactions with them.

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::contact::{Contact, InteractionKind, NewInteraction};
use serde::Serialize;

use crate::{PersonId, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct InteractionRecord {
    pub id: i64,
    pub on: NaiveDate,
    pub kind: InteractionKind,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ContactRecord {
    pub id: i64,
    #[serde(flatten)]
    pub contact: Contact,
    pub added_on: NaiveDate,
    pub last_interaction: Option<NaiveDate>,
    pub interaction_count: u32,
    /// Newest first; filled by [`ContactStore::contact`] only.
    pub interactions: Vec<InteractionRecord>,
}

impl ContactRecord {
    pub fn follow_up_on(&self) -> NaiveDate {
        leap_core::contact::follow_up_on(
            self.last_interaction,
            self.added_on,
            self.contact.cadence_days,
        )
    }
}

#[async_trait]
pub trait ContactStore: Send + Sync {
    async fn add_contact(&self, person: PersonId, new: &Contact, today: NaiveDate) -> Result<i64>;
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
}

//! Calendar feed tokens and the person's calendar key.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{PersonId, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CalendarFeedRecord {
    pub id: i64,
    pub created_at: DateTime<Utc>,
}

#[async_trait]
pub trait CalendarStore: Send + Sync {
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

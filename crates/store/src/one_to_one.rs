//! One-to-ones of a manager and a direct report, and what the two add to
//! them. Only the two read them: every method checks the reader is the
//! manager who holds it or the report, and answers NotFound otherwise (an
//! administrator included).

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use leap_core::one_to_one::EntryKind;
use serde::Serialize;

use crate::sharing::Reader;
use crate::{AccountId, PersonId, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct EntryRecord {
    pub kind: EntryKind,
    /// Who added it, by username.
    pub author: String,
    /// Their name as the organisation knows them, else the username.
    pub author_name: String,
    pub text: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct OneToOneRecord {
    pub id: i64,
    /// The report, by id and name.
    pub person: i64,
    pub person_name: String,
    /// The manager, by username.
    pub manager: String,
    /// Their name as the organisation knows them, else the username.
    pub manager_name: String,
    pub held_on: NaiveDate,
    pub entries: Vec<EntryRecord>,
}

#[async_trait]
pub trait OneToOneStore: Send + Sync {
    /// A one-to-one of the manager and a direct report; NotFound unless
    /// the manager manages the person directly.
    async fn start_one_to_one(
        &self,
        manager: Reader<'_>,
        person: PersonId,
        held_on: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<i64>;
    /// The one-to-ones the account is in, as the manager or the report,
    /// newest first (without their entries); with `person`, only those with
    /// that report.
    async fn one_to_ones(
        &self,
        account: AccountId,
        person: Option<PersonId>,
    ) -> Result<Vec<OneToOneRecord>>;
    /// One one-to-one with its entries, for one of the two.
    async fn one_to_one(&self, account: AccountId, id: i64) -> Result<OneToOneRecord>;
    /// Adds an item or a note, as one of the two.
    async fn add_one_to_one_entry(
        &self,
        author: Reader<'_>,
        id: i64,
        kind: EntryKind,
        text: &str,
        at: DateTime<Utc>,
    ) -> Result<()>;
    /// The account that holds the one-to-one as the manager, while it
    /// exists.
    async fn one_to_one_manager(&self, id: i64) -> Result<Option<AccountId>>;
}

//! Sharing parts of a person's data, read-only, with other accounts; the
//! audit log of their reads; their comments.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use leap_core::sharing::{CommentOn, Part};
use serde::Serialize;

use crate::{AccountId, PersonId, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ShareRecord {
    pub id: i64,
    pub username: String,
    pub part: Part,
    pub created_at: DateTime<Utc>,
}

/// A person who shares something with the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SharedWithMe {
    pub person: i64,
    pub name: String,
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct AuditRecord {
    pub username: String,
    pub action: String,
    pub part: Part,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CommentRecord {
    pub id: i64,
    pub author: String,
    pub on: CommentOn,
    pub target: i64,
    pub text: String,
    pub at: DateTime<Utc>,
}

/// Who reads or comments, as the audit log and comments name them.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    pub account: AccountId,
    pub username: &'a str,
}

impl<'a> From<&'a crate::Account> for Reader<'a> {
    fn from(a: &'a crate::Account) -> Self {
        Self {
            account: a.id,
            username: &a.username,
        }
    }
}

#[async_trait]
pub trait SharingStore: Send + Sync {
    /// Shares `part` with the account named `username`; sharing again is
    /// not an error. NotFound when there is no such account (or it is the
    /// person's own).
    async fn share(
        &self,
        person: PersonId,
        username: &str,
        part: Part,
        at: DateTime<Utc>,
    ) -> Result<ShareRecord>;
    async fn shares(&self, person: PersonId) -> Result<Vec<ShareRecord>>;
    async fn revoke_share(&self, person: PersonId, id: i64) -> Result<()>;
    /// The people sharing anything with `account`, by name.
    async fn shared_with_me(&self, account: AccountId) -> Result<Vec<SharedWithMe>>;
    /// Checks that `person` shares `part` with the reader and records the
    /// read in the audit log, in one transaction; NotFound otherwise (the
    /// same answer as for a person who does not exist).
    async fn open_shared(
        &self,
        reader: Reader<'_>,
        person: PersonId,
        part: Part,
        action: &str,
        at: DateTime<Utc>,
    ) -> Result<()>;
    /// The parts of `person` the reader may read now, one by one or
    /// through the reporting line. Nothing is logged: for showing the
    /// person what their manager sees, never for reading the data.
    async fn shared_parts(&self, reader: AccountId, person: PersonId) -> Result<Vec<Part>>;
    /// The newest `limit` reads of the person's data by others.
    async fn audit_log(&self, person: PersonId, limit: u32) -> Result<Vec<AuditRecord>>;
    /// A comment on a shared plan item or journal entry of `person`;
    /// NotFound unless the part is shared with the reader and the item is
    /// the person's.
    async fn add_comment(
        &self,
        reader: Reader<'_>,
        person: PersonId,
        on: CommentOn,
        target: i64,
        text: &str,
        at: DateTime<Utc>,
    ) -> Result<i64>;
    /// Every comment on the person's items, oldest first.
    async fn comments(&self, person: PersonId) -> Result<Vec<CommentRecord>>;
}

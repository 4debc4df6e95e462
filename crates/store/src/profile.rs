//! A person's profile: who they are, the roles they hold and aim at, and
//! the framework they use (every framework kept whole, by content hash).

use async_trait::async_trait;
use chrono::NaiveDate;

use crate::{FrameworkText, PersonId, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub person: PersonId,
    pub name: String,
    pub current_role: String,
    pub target_role: String,
    pub framework_hash: String,
    /// Increases with every write to this person's data (see
    /// migration 0003): a cache key for anything derived from it.
    pub revision: i64,
}

pub struct NewProfile<'a> {
    pub name: &'a str,
    pub current_role: &'a str,
    pub target_role: &'a str,
    pub framework: &'a FrameworkText,
    pub today: NaiveDate,
}

#[async_trait]
pub trait ProfileStore: Send + Sync {
    /// The profile the command line works on, if `init` has run.
    async fn local_profile(&self) -> Result<Option<Profile>>;
    async fn create_local_profile(&self, new: NewProfile<'_>) -> Result<Profile>;
    /// Changes the name and roles; `None` keeps a value.
    async fn update_profile(
        &self,
        person: PersonId,
        name: Option<&str>,
        current_role: Option<&str>,
        target_role: Option<&str>,
    ) -> Result<()>;
    /// Stores the framework (once per content hash) and switches the person
    /// to it, with roles that exist in it.
    async fn switch_framework(
        &self,
        person: PersonId,
        framework: &FrameworkText,
        current_role: &str,
        target_role: &str,
        today: NaiveDate,
    ) -> Result<()>;
    async fn framework_text(&self, hash: &str) -> Result<FrameworkText>;
}

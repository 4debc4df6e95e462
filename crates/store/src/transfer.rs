//! A person's data as one document (`leap_core::transfer::Document`):
//! export, import into an empty database or a new account, and deletion of
//! an account with everything of its person's.

use async_trait::async_trait;
use leap_core::transfer::{Document, ImportError};
use leap_core::Framework;

use crate::{AccountId, FrameworkText, PersonId, Profile, Result};

/// Where an import puts the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// The command line's profile, in a database that has none.
    Local,
    /// An account on a server that has no profile yet.
    Account(AccountId),
}

/// Told of each step of a long export or import (a progress bar on a
/// terminal; nothing elsewhere).
pub trait Progress: Sync {
    fn step(&self, what: &str, done: u64, total: u64);
}

/// For callers that show no progress.
pub struct Quiet;

impl Progress for Quiet {
    fn step(&self, _: &str, _: u64, _: u64) {}
}

#[async_trait]
pub trait TransferStore {
    /// Everything of the person's, read in one snapshot, except the 360
    /// results (left empty: [`export`] works them out).
    async fn export_records(&self, person: PersonId) -> Result<Document>;
    /// Writes a checked document (see [`frameworks_of`]) in one
    /// transaction: all of it, or nothing.
    async fn import(
        &self,
        document: &Document,
        frameworks: &[FrameworkText],
        destination: Destination,
        progress: &dyn Progress,
    ) -> Result<Profile>;
    /// Removes the account and every row of its person: sessions, tokens,
    /// shares both ways, feedback requests and answers, calendar feeds, the
    /// comments it wrote. Other people's audit logs keep the reads, without
    /// the name.
    async fn delete_account(&self, account: AccountId) -> Result<()>;
}

/// The document's frameworks, each checked: it must be a valid framework
/// whose content has the hash the document says.
pub fn frameworks_of(document: &Document) -> std::result::Result<Vec<FrameworkText>, ImportError> {
    document
        .frameworks
        .iter()
        .enumerate()
        .map(|(i, copy)| {
            let hash = leap_core::framework::content_hash(&copy.content);
            if hash != copy.hash {
                return Err(ImportError(format!(
                    "frameworks[{i}].hash: invalid hash '{}': the SHA-256 of the content ({hash}); was the content edited?",
                    copy.hash
                )));
            }
            let framework = Framework::load(&format!("frameworks[{i}].content"), &copy.content)
                .map_err(|e| ImportError(e.to_string()))?;
            Ok(FrameworkText::of(&framework, &copy.content))
        })
        .collect()
}

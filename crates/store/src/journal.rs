//! The evidence journal: entries with their competency tags, and the
//! person's corrections of suggested tags.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::evidence::EvidenceKind;
use leap_core::CompetencyId;

use crate::{PersonId, Result};

/// How many of a person's newest tag corrections the tagger learns from.
pub const TAG_CORRECTIONS_KEPT: i64 = 100;

pub struct NewEvidence<'a> {
    pub date: NaiveDate,
    pub text: &'a str,
    pub kind: EvidenceKind,
    pub competencies: &'a [CompetencyId],
    pub today: NaiveDate,
    /// When the person's tags differ from leap's suggestion: kept for the
    /// tagger to learn from.
    pub correction: Option<&'a leap_core::tagging::Correction>,
    /// It names a gap: not counted as evidence.
    pub names_gap: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRecord {
    pub id: i64,
    pub date: NaiveDate,
    pub text: String,
    pub kind: EvidenceKind,
    pub competencies: Vec<CompetencyId>,
    /// It names a gap (critical feedback): tagged to what it is about, but
    /// never counted or cited as evidence of it.
    pub names_gap: bool,
}

#[async_trait]
pub trait JournalStore: Send + Sync {
    async fn add_evidence(&self, person: PersonId, new: NewEvidence<'_>) -> Result<i64>;
    /// Journal entries, newest first, optionally only those tagged to one
    /// competency.
    async fn journal(
        &self,
        person: PersonId,
        competency: Option<&str>,
    ) -> Result<Vec<EvidenceRecord>>;
    /// The person's corrections of suggested tags, the newest
    /// [`TAG_CORRECTIONS_KEPT`], oldest first.
    async fn tag_corrections(
        &self,
        person: PersonId,
    ) -> Result<Vec<leap_core::tagging::Correction>>;
    /// The `n` newest journal entries that are evidence (not those that
    /// name a gap).
    async fn recent_evidence(&self, person: PersonId, n: u32) -> Result<Vec<EvidenceRecord>>;
    async fn evidence(&self, person: PersonId, id: i64) -> Result<EvidenceRecord>;
    /// Replaces an entry's date, text, kind and tags.
    async fn update_evidence(&self, person: PersonId, id: i64, new: NewEvidence<'_>) -> Result<()>;
    async fn delete_evidence(&self, person: PersonId, id: i64) -> Result<()>;
    /// Pieces of evidence per competency id: journal entries (not those
    /// that name a gap) and finished plan items tagged to it.
    async fn evidence_counts(&self, person: PersonId) -> Result<BTreeMap<CompetencyId, u32>>;
    /// Journal entries that name a gap, per competency id they are tagged
    /// to, which nothing recorded since answers: no later evidence nor
    /// plan item finished later tagged to the same competency.
    async fn named_gap_counts(&self, person: PersonId) -> Result<BTreeMap<CompetencyId, u32>>;
}

impl<'a> NewEvidence<'a> {
    /// A validated journal entry, as the store writes it.
    pub fn from_entry(e: &'a leap_core::evidence::NewEntry, today: NaiveDate) -> Self {
        Self {
            date: e.date,
            text: e.text.as_str(),
            kind: e.kind,
            competencies: &e.competencies,
            today,
            correction: e.correction.as_ref(),
            names_gap: e.names_gap,
        }
    }
}

//! The evidence journal: record an entry (its tags suggested from the text
//! unless chosen, learning from the person's corrections), change one,
//! delete one. The command line, the web pages and the API all go through
//! here, so an entry is tagged and learned from alike in each.

use chrono::NaiveDate;
use leap_core::evidence::{EntryInput, NewEntry};
use leap_core::Framework;
use leap_store::{Backend, EvidenceRecord, NewEvidence, PersonId, Profile};

use crate::Result;

/// Validates what a person typed and tags it, learning from their earlier
/// corrections; nothing is stored. `draft.corrections` is ignored: they are
/// read from the store.
pub async fn parse(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    draft: EntryInput<'_>,
    today: NaiveDate,
) -> Result<NewEntry> {
    let corrections = store.tag_corrections(person).await?;
    Ok(NewEntry::parse(
        framework,
        EntryInput {
            corrections: &corrections,
            ..draft
        },
        today,
    )?)
}

/// An entry just recorded.
pub struct Added {
    pub id: i64,
    pub entry: NewEntry,
    /// Seed 000's word, the first time a technical certification is logged
    /// toward a management target; and, for an entry that reads as an
    /// interview lost, where to record it so the plan reads it.
    pub note: Option<String>,
}

/// Records a journal entry.
pub async fn add(
    store: &dyn Backend,
    profile: &Profile,
    framework: &Framework,
    draft: EntryInput<'_>,
    today: NaiveDate,
) -> Result<Added> {
    let entry = parse(store, profile.person, framework, draft, today).await?;
    let certification =
        crate::plan::certification_note(store, profile, framework, draft.text).await?;
    let note = join_notes(
        certification.as_deref(),
        leap_core::evidence::lost_interview_note(draft.text),
    );
    let id = store
        .add_evidence(profile.person, NewEvidence::from_entry(&entry, today))
        .await?;
    Ok(Added { id, entry, note })
}

/// The notes leap has for an entry just logged, as one text.
pub fn join_notes(certification: Option<&str>, lost_interview: Option<&str>) -> Option<String> {
    let notes: Vec<&str> = certification.into_iter().chain(lost_interview).collect();
    (!notes.is_empty()).then(|| notes.join(" "))
}

/// What becomes of an edited entry's tags.
#[derive(Debug, Clone, Copy)]
pub enum Retag<'a> {
    /// The tags it has stay, whatever the text now says.
    Keep,
    /// leap suggests them again from the (new) text.
    Suggest,
    /// These, chosen by the person; where they differ from what leap
    /// suggests, leap learns from it.
    Choose(&'a [String]),
}

impl<'a> Retag<'a> {
    /// A form or a request body: the ticked tags, or a suggestion when
    /// none is.
    pub fn chosen_or_suggested(ids: &'a [String]) -> Self {
        if ids.is_empty() {
            Retag::Suggest
        } else {
            Retag::Choose(ids)
        }
    }
}

/// A change to a journal entry: what is `None` stays as it is.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    pub text: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub date: Option<&'a str>,
    pub tags: Retag<'a>,
    /// Whether it names a gap; when not given, it stays as it was unless
    /// the kind changes, and is then read again.
    pub names_gap: Option<bool>,
}

/// An entry just changed.
pub struct Edited {
    /// As stored now.
    pub record: EvidenceRecord,
    /// What was parsed: the suggestions and why when leap suggested the
    /// tags, and the correction it learned from when the person chose them.
    pub entry: NewEntry,
}

/// Changes one of the person's journal entries, after checking it is
/// theirs; another person's entry is "not found", as if it did not exist.
pub async fn edit(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    id: i64,
    change: Change<'_>,
    today: NaiveDate,
) -> Result<Edited> {
    let old = store.evidence(person, id).await?;
    let old_kind = old.kind.to_string();
    let old_date = old.date.to_string();
    let competencies: &[String] = match change.tags {
        Retag::Keep | Retag::Suggest => &[],
        Retag::Choose(ids) => ids,
    };
    // A new text keeps what the person or leap said of it (a typo fixed
    // does not undo "names a gap"); another kind is read again.
    let unchanged = change.kind.is_none_or(|k| k == old_kind);
    let draft = EntryInput {
        text: change.text.unwrap_or(&old.text),
        kind: Some(change.kind.unwrap_or(&old_kind)),
        date: Some(change.date.unwrap_or(&old_date)),
        competencies,
        corrections: &[],
        names_gap: change
            .names_gap
            .or_else(|| unchanged.then_some(old.names_gap)),
    };
    let mut entry = parse(store, person, framework, draft, today).await?;
    if matches!(change.tags, Retag::Keep) {
        // Kept as they are (even none, even one the framework has since
        // dropped), and not chosen now: nothing to learn from.
        entry.competencies.clone_from(&old.competencies);
        entry.suggested = false;
        entry.suggestions.clear();
        entry.correction = None;
    }
    store
        .update_evidence(person, id, NewEvidence::from_entry(&entry, today))
        .await?;
    let record = store.evidence(person, id).await?;
    Ok(Edited { record, entry })
}

/// Deletes one of the person's journal entries (another person's is "not
/// found"), returning what it was.
pub async fn delete(store: &dyn Backend, person: PersonId, id: i64) -> Result<EvidenceRecord> {
    let old = store.evidence(person, id).await?;
    store.delete_evidence(person, id).await?;
    Ok(old)
}

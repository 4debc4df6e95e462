//! JSON shapes shared by several commands (the stable contract in the README).

use leap_store::{EvidenceRecord, PlanItemRecord};
use serde::Serialize;

#[derive(Serialize)]
pub struct PlanItemView<'a> {
    pub id: i64,
    /// The catalog action, or null for an item of your own.
    pub action: Option<&'a str>,
    pub title: &'a str,
    pub kind: &'a str,
    pub competencies: &'a [String],
    pub due: String,
    pub status: &'a str,
    pub note: Option<&'a str>,
    pub closed_on: Option<String>,
}

impl<'a> From<&'a PlanItemRecord> for PlanItemView<'a> {
    fn from(i: &'a PlanItemRecord) -> Self {
        Self {
            id: i.id,
            action: i.action.as_deref(),
            title: &i.title,
            kind: &i.kind,
            competencies: &i.competencies,
            due: i.due.to_string(),
            status: &i.status,
            note: i.note.as_deref(),
            closed_on: i.closed_on.map(|d| d.to_string()),
        }
    }
}

#[derive(Serialize)]
pub struct EntryView<'a> {
    pub id: i64,
    pub date: String,
    pub text: &'a str,
    pub kind: &'a str,
    pub competencies: &'a [String],
}

impl<'a> From<&'a EvidenceRecord> for EntryView<'a> {
    fn from(e: &'a EvidenceRecord) -> Self {
        Self {
            id: e.id,
            date: e.date.to_string(),
            text: &e.text,
            kind: &e.kind,
            competencies: &e.competencies,
        }
    }
}

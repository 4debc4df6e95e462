//! One-to-ones of a manager and a direct report (issue #20). Each has an
//! agenda built from what the report lets their manager see, plus what
//! either of the two adds; notes are for the two alone.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::named::named_enum;
use crate::progress::SinceCheckin;
use crate::rating::Difference;
use crate::sharing::Part;

/// Plan items due within this many days are on the agenda: about the time
/// to the next one-to-one.
pub const DUE_WITHIN_DAYS: i64 = 14;
/// Without an earlier one-to-one, evidence of this many days is new.
pub const NEW_EVIDENCE_DAYS: i64 = 30;
pub const MAX_ENTRY: usize = 4000;

named_enum! {
    /// What one of the two adds to a one-to-one.
    pub enum EntryKind {
        /// Something to talk about.
        Item = "item",
        /// What was said or agreed.
        Note = "note",
    }
}

/// An entry's text: 1 to [`MAX_ENTRY`] characters.
pub fn entry_text(s: &str) -> Result<String, crate::InvalidValue> {
    crate::text::required("text", s, MAX_ENTRY)
}

/// A plan item on the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PlanPoint {
    pub title: String,
    pub due: NaiveDate,
}

/// A journal entry on the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct EvidencePoint {
    pub date: NaiveDate,
    pub text: String,
}

/// What the report shares with the manager, read for the agenda: a part
/// not shared is `None` and puts nothing on it.
#[derive(Debug, Clone, Default)]
pub struct Shared {
    /// Open plan items (title, due), and what changed since the last
    /// check-in: the plan part.
    pub plan: Option<(Vec<PlanPoint>, Option<SinceCheckin>)>,
    /// Journal entries, any order: the journal part.
    pub journal: Option<Vec<EvidencePoint>>,
    /// Open 360 feedback requests: the feedback part.
    pub open_feedback: Option<u32>,
    /// The report's level beside the manager's rating: the assessments
    /// part.
    pub differences: Option<Vec<Difference>>,
}

/// The agenda of one one-to-one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Agenda {
    /// Open plan items past their date, oldest first.
    pub overdue: Vec<PlanPoint>,
    /// Open plan items due in the next [`DUE_WITHIN_DAYS`] days.
    pub due: Vec<PlanPoint>,
    pub since_checkin: Option<SinceCheckin>,
    /// Evidence since the last one-to-one (or [`NEW_EVIDENCE_DAYS`]),
    /// newest first.
    pub new_evidence: Vec<EvidencePoint>,
    pub open_feedback: u32,
    /// Competencies where the two ratings are two levels or more apart.
    pub talk_about: Vec<Difference>,
    /// The parts the agenda could not look at: not shared with the
    /// manager.
    pub not_shared: Vec<Part>,
}

/// The agenda for a one-to-one held on `held_on`, the one before it on
/// `previous`.
pub fn agenda(shared: Shared, held_on: NaiveDate, previous: Option<NaiveDate>) -> Agenda {
    let mut not_shared = Vec::new();
    let (mut overdue, mut due, mut since_checkin) = (Vec::new(), Vec::new(), None);
    match shared.plan {
        Some((items, since)) => {
            for item in items {
                if item.due < held_on {
                    overdue.push(item);
                } else if item.due <= held_on + Duration::days(DUE_WITHIN_DAYS) {
                    due.push(item);
                }
            }
            overdue.sort_by_key(|i| i.due);
            due.sort_by_key(|i| i.due);
            since_checkin = since;
        }
        None => not_shared.push(Part::Plan),
    }
    let from = previous.unwrap_or(held_on - Duration::days(NEW_EVIDENCE_DAYS));
    let new_evidence = match shared.journal {
        Some(mut entries) => {
            entries.retain(|e| e.date > from && e.date <= held_on);
            entries.sort_by_key(|e| std::cmp::Reverse(e.date));
            entries
        }
        None => {
            not_shared.push(Part::Journal);
            Vec::new()
        }
    };
    let talk_about = match shared.differences {
        Some(d) => d.into_iter().filter(|d| d.flagged).collect(),
        None => {
            not_shared.push(Part::Assessments);
            Vec::new()
        }
    };
    let open_feedback = shared.open_feedback.unwrap_or_else(|| {
        not_shared.push(Part::Feedback);
        0
    });
    not_shared.sort();
    Agenda {
        overdue,
        due,
        since_checkin,
        new_evidence,
        open_feedback,
        talk_about,
        not_shared,
    }
}

impl Agenda {
    /// Nothing to talk about from the record.
    pub fn is_empty(&self) -> bool {
        self.overdue.is_empty()
            && self.due.is_empty()
            && self.since_checkin.is_none()
            && self.new_evidence.is_empty()
            && self.open_feedback == 0
            && self.talk_about.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("a day")
    }

    fn item(title: &str, due: u32) -> PlanPoint {
        PlanPoint {
            title: title.to_owned(),
            due: day(due),
        }
    }

    #[test]
    fn the_agenda_holds_what_is_late_due_and_new_and_nothing_unshared() {
        let shared = Shared {
            plan: Some((
                vec![
                    item("Later", 30),
                    item("Late", 2),
                    item("Soon", 20),
                    item("Later still", 28),
                ],
                None,
            )),
            journal: Some(vec![
                EvidencePoint {
                    date: day(3),
                    text: "before the last one".into(),
                },
                EvidencePoint {
                    date: day(12),
                    text: "new".into(),
                },
            ]),
            open_feedback: None,
            differences: None,
        };
        let a = agenda(shared, day(14), Some(day(5)));
        assert_eq!(a.overdue, vec![item("Late", 2)]);
        assert_eq!(a.due, vec![item("Soon", 20), item("Later still", 28)]);
        assert_eq!(a.new_evidence.len(), 1);
        assert_eq!(a.new_evidence[0].text, "new");
        assert_eq!(a.not_shared, vec![Part::Assessments, Part::Feedback]);
        assert!(!a.is_empty());
        let nothing = agenda(Shared::default(), day(14), None);
        assert!(nothing.is_empty());
        assert_eq!(nothing.not_shared.len(), 4);
    }
}

//! One-to-ones of a manager and a direct report: the agenda built from
//! what the report lets their manager see (each part the manager's view
//! reads is written to the report's audit log, as any shared read), and
//! what the two add. Only the two can open one.

use chrono::{DateTime, NaiveDate, Utc};
use leap_core::one_to_one::{self, Agenda, EntryKind, EvidencePoint, PlanPoint, Shared};
use leap_core::plan::ItemStatus;
use leap_core::sharing::Part;
use leap_core::Framework;
use leap_store::sharing::Reader;
use leap_store::{Account, Backend, OneToOneRecord, PersonId, Profile, StoreError};

use crate::Result;

/// Starts a one-to-one with a direct report on `held_on`.
pub async fn start(
    store: &dyn Backend,
    manager: Reader<'_>,
    person: PersonId,
    held_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64> {
    Ok(store
        .start_one_to_one(manager, person, held_on, now)
        .await?)
}

/// Adds an item to talk about or a note, as one of the two.
pub async fn add(
    store: &dyn Backend,
    author: Reader<'_>,
    id: i64,
    kind: EntryKind,
    text: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let text = one_to_one::entry_text(text)?;
    Ok(store
        .add_one_to_one_entry(author, id, kind, &text, now)
        .await?)
}

/// A one-to-one as one of the two sees it.
pub struct Opened {
    pub record: OneToOneRecord,
    pub agenda: Agenda,
    /// The one before it, with the same two.
    pub previous: Option<NaiveDate>,
    /// The viewer is the manager (else the report).
    pub as_manager: bool,
}

/// The agenda of `record` for `viewer`, one of the two. The manager's view
/// reads each part the report shares with them through the audited path;
/// the report's view shows the same parts, read as their own.
pub async fn open(
    store: &dyn Backend,
    viewer: &Account,
    record: OneToOneRecord,
    owner: &Profile,
    framework: &Framework,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Opened> {
    let person = PersonId(record.person);
    let manager = store.one_to_one_manager(record.id).await?;
    let as_manager = manager == Some(viewer.id);
    let mut parts = Vec::new();
    if as_manager {
        for &part in Part::VALUES {
            let action = format!("read {part} for a one-to-one");
            match store
                .open_shared(Reader::from(viewer), person, part, &action, now)
                .await
            {
                Ok(()) => parts.push(part),
                Err(StoreError::NotFound { .. }) => {}
                Err(e) => return Err(e.into()),
            }
        }
    } else if let Some(m) = manager {
        parts = store.shared_parts(m, person).await?;
    }
    let mut shared = Shared::default();
    if parts.contains(&Part::Plan) {
        let items = store
            .plan(person)
            .await?
            .items
            .into_iter()
            .filter(|i| i.status == ItemStatus::Todo)
            .map(|i| PlanPoint {
                title: i.title,
                due: i.due,
            })
            .collect();
        let since = crate::progress::progress(store, owner, framework, today)
            .await?
            .since_last_checkin;
        shared.plan = Some((items, since));
    }
    if parts.contains(&Part::Journal) {
        shared.journal = Some(
            store
                .journal(person, None)
                .await?
                .into_iter()
                .map(|e| EvidencePoint {
                    date: e.date,
                    text: e.text,
                })
                .collect(),
        );
    }
    if parts.contains(&Part::Feedback) {
        let open = store
            .feedback_requests(person)
            .await?
            .iter()
            .filter(|r| r.is_open(today))
            .count();
        shared.open_feedback = Some(u32::try_from(open).unwrap_or(u32::MAX));
    }
    if parts.contains(&Part::Assessments) {
        shared.differences = Some(
            crate::rating::comparison(store, person, framework)
                .await?
                .map(|c| c.competencies)
                .unwrap_or_default(),
        );
    }
    let previous = store
        .one_to_ones(viewer.id, Some(person))
        .await?
        .into_iter()
        .filter(|o| o.held_on < record.held_on)
        .map(|o| o.held_on)
        .max();
    let agenda = one_to_one::agenda(shared, record.held_on, previous);
    Ok(Opened {
        record,
        agenda,
        previous,
        as_manager,
    })
}

//! The agenda: everything dated that is still to do.

use chrono::NaiveDate;
use leap_store::{Backend, PersonId};

use crate::Result;

/// Everything dated that is still to do, for the agenda and the calendar.
pub async fn agenda_sources(
    store: &dyn Backend,
    person: PersonId,
    today: NaiveDate,
) -> Result<leap_core::agenda::Sources> {
    let plan = store.plan(person).await?;
    let contacts = store.contacts(person).await?;
    let opportunities = store.opportunities(person).await?;
    let requests = store.feedback_requests(person).await?;
    Ok(leap_core::agenda::Sources {
        plan_items: plan
            .items
            .iter()
            .filter(|i| i.status == leap_core::plan::ItemStatus::Todo)
            .map(|i| (i.id, i.title.clone(), i.due))
            .collect(),
        follow_ups: contacts
            .iter()
            .map(|c| (c.id, c.contact.name.clone(), c.follow_up_on()))
            .collect(),
        next_steps: opportunities
            .iter()
            .filter(|o| !o.stage.is_closed())
            .filter_map(|o| {
                let step = o.next_step.as_ref()?;
                Some((
                    o.id,
                    format!("{}: {}", o.organisation, o.title),
                    step.text.clone(),
                    step.on?,
                ))
            })
            .collect(),
        check_in_due: store.checkin_schedule(person).await?.due_on(),
        feedback: requests
            .iter()
            .filter(|r| r.closed(today).is_none())
            .map(|r| (r.id, r.closes_on))
            .collect(),
    })
}

//! Contacts and networking: the dates the networking counts need.

use chrono::NaiveDate;
use leap_store::{Backend, PersonId};

use crate::Result;

/// The interaction dates the networking counts need: the weeks shown and
/// a year before them, for the streak.
pub async fn networking_dates(
    store: &dyn Backend,
    person: PersonId,
    today: NaiveDate,
) -> Result<Vec<NaiveDate>> {
    let since = leap_core::contact::week_start(today)
        - chrono::Duration::weeks(leap_core::contact::WEEKS_SHOWN as i64 + 52);
    Ok(store.interaction_dates(person, since).await?)
}

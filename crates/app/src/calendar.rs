//! The agenda as an iCalendar feed (RFC 5545): one all-day event per item,
//! with a UID that stays the same while the item does, so a calendar
//! application that subscribes updates events instead of adding copies.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike};
use leap_core::agenda::Item;

use leap_store::{CalendarStore, PersonId};

use crate::{AppError, Result};

/// The person's calendar key: 128 random bits, made once and kept. It goes
/// into every event's UID, so that the events of two people (or of two
/// servers) subscribed in one calendar application never share a UID and
/// overwrite each other.
pub async fn key(store: &dyn CalendarStore, person: PersonId) -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::Internal(format!("no randomness for a calendar key: {e}")))?;
    let candidate: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(store.calendar_key(person, &candidate).await?)
}

/// The feed's text. `key` is the person's calendar key ([`key`]); `base`
/// is the web app's address, for links back to each item; `now` stamps the
/// events.
pub fn ics(
    items: &[Item],
    name: &str,
    key: &str,
    base: Option<&str>,
    now: DateTime<Utc>,
) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property((
            "PRODID",
            concat!("-//leap//leap ", env!("CARGO_PKG_VERSION"), "//EN"),
        ))
        .append_property(("CALSCALE", "GREGORIAN"));
    calendar.name(&format!("leap: {name}"));
    for item in items {
        let mut event = icalendar::Event::new();
        event
            .uid(&format!("{}.{key}@leap", item.key))
            .summary(&item.title)
            // An all-day event ends (exclusively) the next day.
            .starts(item.date)
            .ends(item.date.succ_opt().unwrap_or(item.date))
            .timestamp(now)
            .add_property("CATEGORIES", item.kind.as_str());
        if let Some(base) = base {
            let url = format!("{}{}", base.trim_end_matches('/'), item.link);
            event.url(&url).description(&url);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use leap_core::agenda::ItemKind;

    #[test]
    fn each_item_is_an_all_day_event_with_a_stable_uid() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let items = [Item {
            kind: ItemKind::FollowUp,
            date: d,
            title: "Follow up with Ana, then; more".to_owned(),
            link: "/contacts/3".to_owned(),
            key: "follow-up-3".to_owned(),
            overdue: false,
        }];
        let now = DateTime::parse_from_rfc3339("2026-11-24T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let text = ics(&items, "Jo", "0f1e", Some("https://leap.example/"), now);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
        assert!(text.contains("UID:follow-up-3.0f1e@leap\r\n"), "{text}");
        assert!(
            text.contains(concat!(
                "PRODID:-//leap//leap ",
                env!("CARGO_PKG_VERSION"),
                "//EN\r\n"
            )),
            "{text}"
        );
        assert!(!text.contains("ICALENDAR-RS"), "{text}");
        assert!(text.contains("DTSTART;VALUE=DATE:20261201\r\n"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20261202\r\n"), "{text}");
        assert!(
            text.contains("SUMMARY:Follow up with Ana\\, then\\; more\r\n"),
            "{text}"
        );
        assert!(
            text.contains("URL:https://leap.example/contacts/3\r\n"),
            "{text}"
        );
        assert!(text.contains("DTSTAMP:20261124T080000Z\r\n"), "{text}");
        assert!(text.trim_end().ends_with("END:VCALENDAR"));
    }
}

//! Contacts and follow-ups. The seeds tell the person to build a network of
//! co-managers and people in other departments ("they can either make you or
//! break you"), and to network a lot (seed 000): a contact carries a
//! follow-up cadence, and interactions append to it.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::InvalidValue;
use crate::named::named_enum;
use crate::text;

pub const MAX_NAME: usize = 100;
pub const MAX_REACH: usize = 200;
pub const MAX_NOTE: usize = 4000;
pub const CADENCE_DAYS: std::ops::RangeInclusive<u32> = 1..=365;
pub const DEFAULT_CADENCE_DAYS: u32 = 30;
/// Weeks of networking counts shown.
pub const WEEKS_SHOWN: usize = 12;

named_enum! {
    pub enum Relationship {
        CoManager = "co-manager",
        Executive = "executive",
        CrossDepartment = "cross-department",
        Mentor = "mentor",
        Recruiter = "recruiter",
        PeerOutside = "peer-outside",
        Other = "other",
    }
}

named_enum! {
    pub enum InteractionKind {
        Meeting = "meeting",
        Call = "call",
        Message = "message",
        Event = "event",
        Introduction = "introduction",
        Other = "other",
    }
}

/// What a user typed for a contact, before validation.
#[derive(Debug, Clone, Copy, Default)]
pub struct ContactInput<'a> {
    pub name: &'a str,
    /// Their job title: "Head of finance".
    pub job_title: Option<&'a str>,
    pub organisation: Option<&'a str>,
    /// Default `other`.
    pub relationship: Option<&'a str>,
    /// How to reach them: an address, a phone number, a profile.
    pub reach: Option<&'a str>,
    pub notes: Option<&'a str>,
    /// Days; default [`DEFAULT_CADENCE_DAYS`].
    pub cadence_days: Option<&'a str>,
}

/// A contact as the person describes them; kept with the day it was added
/// (the store's record, the export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Contact {
    pub name: String,
    /// Absent in exports made before leap kept it.
    #[serde(default)]
    pub job_title: Option<String>,
    pub organisation: Option<String>,
    pub relationship: Relationship,
    pub reach: Option<String>,
    pub notes: Option<String>,
    pub cadence_days: u32,
}

/// A follow-up cadence typed by a user.
pub fn cadence(s: &str) -> Result<u32, InvalidValue> {
    text::number_in("cadence-days", s, CADENCE_DAYS, "days")
}

impl Contact {
    /// Their job title and organisation, as given: "Head of finance, Acme".
    pub fn works_as(&self) -> String {
        self.job_title
            .iter()
            .chain(&self.organisation)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn parse(input: ContactInput<'_>) -> Result<Self, InvalidValue> {
        Ok(Self {
            name: text::required("name", input.name, MAX_NAME)?,
            job_title: text::optional("job-title", input.job_title, MAX_NAME)?,
            organisation: text::optional("organisation", input.organisation, MAX_NAME)?,
            relationship: Relationship::parse(
                "relationship",
                input.relationship.unwrap_or("other").trim(),
            )?,
            reach: text::optional("reach", input.reach, MAX_REACH)?,
            notes: text::optional("notes", input.notes, MAX_NOTE)?,
            cadence_days: match input.cadence_days.map(str::trim).filter(|s| !s.is_empty()) {
                Some(s) => cadence(s)?,
                None => DEFAULT_CADENCE_DAYS,
            },
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInteraction {
    pub on: NaiveDate,
    pub kind: InteractionKind,
    pub note: Option<String>,
}

impl NewInteraction {
    /// `on` defaults to today and may not be after it; `kind` defaults to
    /// `message`.
    pub fn parse(
        on: Option<&str>,
        kind: Option<&str>,
        note: Option<&str>,
        today: NaiveDate,
    ) -> Result<Self, InvalidValue> {
        Ok(Self {
            on: text::past_date("date", on, today)?,
            kind: InteractionKind::parse("kind", kind.unwrap_or("message").trim())?,
            note: text::optional("note", note, MAX_NOTE)?,
        })
    }
}

/// When the next follow-up is due: `cadence_days` after the last
/// interaction, or after the contact was added when there is none yet.
pub fn follow_up_on(last: Option<NaiveDate>, added_on: NaiveDate, cadence_days: u32) -> NaiveDate {
    last.unwrap_or(added_on) + Duration::days(i64::from(cadence_days))
}

/// The Monday that starts the week of `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct WeekCount {
    /// The Monday of the week.
    pub week: NaiveDate,
    pub interactions: u32,
}

/// Networking activity: interactions per week, the latest week last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Networking {
    pub weeks: Vec<WeekCount>,
    pub this_week: u32,
    /// Weeks in a row, up to this one, with at least one interaction. This
    /// week counts once it has one; until then the streak runs to last week.
    pub streak_weeks: u32,
}

/// Counts over the [`WEEKS_SHOWN`] weeks up to today's, from every
/// interaction date (in any order; dates after today are ignored).
pub fn networking(dates: &[NaiveDate], today: NaiveDate) -> Networking {
    let current = week_start(today);
    let mut weeks: Vec<NaiveDate> = dates
        .iter()
        .filter(|d| **d <= today)
        .map(|d| week_start(*d))
        .collect();
    weeks.sort_unstable();
    let count = |w: NaiveDate| weeks.iter().filter(|x| **x == w).count() as u32;
    let shown = (0..WEEKS_SHOWN as i64)
        .rev()
        .map(|i| {
            let week = current - Duration::weeks(i);
            WeekCount {
                week,
                interactions: count(week),
            }
        })
        .collect();
    let this_week = count(current);
    let mut streak = 0;
    let mut week = if this_week > 0 {
        current
    } else {
        current - Duration::weeks(1)
    };
    while weeks.binary_search(&week).is_ok() {
        streak += 1;
        week -= Duration::weeks(1);
    }
    Networking {
        weeks: shown,
        this_week,
        streak_weeks: streak,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn contacts_are_validated_with_defaults() {
        let c = Contact::parse(ContactInput {
            name: " Ana Ruiz ",
            relationship: Some("co-manager"),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(c.name, "Ana Ruiz");
        assert_eq!(c.cadence_days, DEFAULT_CADENCE_DAYS);
        assert_eq!(
            Contact::parse(ContactInput {
                name: "Ana",
                relationship: Some("friend"),
                ..Default::default()
            })
            .unwrap_err()
            .to_string(),
            "invalid relationship 'friend': allowed: co-manager, executive, cross-department, mentor, recruiter, peer-outside, other"
        );
        assert_eq!(
            cadence("400").unwrap_err().to_string(),
            "invalid cadence-days '400': a whole number of days from 1 to 365"
        );
        let today = d("2026-11-24");
        assert!(NewInteraction::parse(Some("2026-11-25"), None, None, today).is_err());
        assert_eq!(
            NewInteraction::parse(None, Some("call"), Some(" coffee "), today),
            Ok(NewInteraction {
                on: today,
                kind: InteractionKind::Call,
                note: Some("coffee".to_owned())
            })
        );
    }

    #[test]
    fn a_follow_up_is_due_a_cadence_after_the_last_interaction() {
        assert_eq!(follow_up_on(None, d("2026-11-01"), 30), d("2026-12-01"));
        assert_eq!(
            follow_up_on(Some(d("2026-11-20")), d("2026-01-01"), 14),
            d("2026-12-04")
        );
    }

    #[test]
    fn weekly_counts_and_the_streak() {
        // 2026-11-24 is a Tuesday; its week starts on Monday 2026-11-23.
        let today = d("2026-11-24");
        assert_eq!(week_start(today), d("2026-11-23"));
        let dates = [
            d("2026-11-23"),
            d("2026-11-24"),
            d("2026-11-18"),
            d("2026-11-10"),
            // A gap on the week of 2026-11-02 ends the streak.
            d("2026-10-27"),
            d("2026-12-01"),
        ];
        let n = networking(&dates, today);
        assert_eq!(n.this_week, 2);
        assert_eq!(n.streak_weeks, 3);
        assert_eq!(n.weeks.len(), WEEKS_SHOWN);
        assert_eq!(n.weeks.last().map(|w| w.interactions), Some(2));
        assert_eq!(n.weeks.iter().map(|w| w.interactions).sum::<u32>(), 5);
        // Nothing yet this week: the streak still counts up to last week.
        let n = networking(&dates[2..], today);
        assert_eq!((n.this_week, n.streak_weeks), (0, 2));
        assert_eq!(networking(&[], today).streak_weeks, 0);
    }
}

//! The organisation's year: work that follows its budget round is placed in
//! the round, not in whatever weeks are free (seed 004 step 7: understand
//! your organisation's budget cycle). An organisation has one round a year.

use chrono::{Datelike, Duration, Month, Months, NaiveDate};

use crate::error::InvalidValue;

/// How many months the budget round runs before the financial year starts:
/// bids, cuts and approval take the last third of the year before.
pub const ROUND_MONTHS: u32 = 4;

/// The organisation's financial year, known by the month it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FinancialYear(Month);

impl FinancialYear {
    pub fn starting(month: Month) -> Self {
        Self(month)
    }

    /// A month as a person names it ("april", "Apr", "4"); the error
    /// names `field`.
    pub fn parse(field: &str, s: &str) -> Result<Self, InvalidValue> {
        let t = s.trim();
        // A name, or its first three letters or more ("Sept").
        let lower = t.to_lowercase();
        let month = match t.parse::<u8>() {
            Ok(n) => Month::try_from(n).ok(),
            Err(_) if lower.chars().count() >= 3 => (1..=12u8)
                .filter_map(|n| Month::try_from(n).ok())
                .find(|m| m.name().to_lowercase().starts_with(&lower)),
            Err(_) => None,
        };
        month.map(Self).ok_or_else(|| {
            InvalidValue::new(
                field,
                t,
                "a month, by name (april, apr) or number (1 to 12)",
            )
        })
    }

    /// A month as [`FinancialYear::parse`] reads it, or nothing for a
    /// blank: the person does not know it (or no longer wants it used).
    pub fn parse_or_unset(field: &str, s: &str) -> Result<Option<Self>, InvalidValue> {
        if s.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(field, s).map(Some)
        }
    }

    /// The month it starts, 1 to 12.
    pub fn number(self) -> u32 {
        self.0.number_from_month()
    }

    /// The month it starts, from 1 to 12; `None` for any other number.
    pub fn from_number(n: u32) -> Option<Self> {
        u8::try_from(n)
            .ok()
            .and_then(|n| Month::try_from(n).ok())
            .map(Self)
    }

    pub fn month_name(self) -> &'static str {
        self.0.name()
    }

    /// The budget round open on `day`, or the next to open: the day it
    /// opens and the day the financial year starts.
    pub fn round_from(self, day: NaiveDate) -> (NaiveDate, NaiveDate) {
        let first = day - Duration::days(i64::from(day.day0()));
        let ahead = (self.number() + 12 - day.month()) % 12;
        let mut closes = first + Months::new(ahead);
        if closes <= day {
            closes = closes + Months::new(12);
        }
        (closes - Months::new(ROUND_MONTHS), closes)
    }

    /// When work of `weeks` that follows the round starts, on or after
    /// `from`: as the round opens, or now if the round is open and long
    /// enough left for it; otherwise as next year's opens.
    pub fn place(self, from: NaiveDate, weeks: u32) -> NaiveDate {
        let (opens, closes) = self.round_from(from);
        if from <= opens {
            opens
        } else if from + Duration::weeks(i64::from(weeks)) <= closes {
            from
        } else {
            opens + Months::new(12)
        }
    }

    /// The round's months in words: "September to December".
    pub fn round_words(self) -> String {
        let last = self.0.pred();
        let mut first = self.0;
        for _ in 0..ROUND_MONTHS {
            first = first.pred();
        }
        format!("{} to {}", first.name(), last.name())
    }
}

/// The year-end break: from 20 December to 3 January little is approved,
/// few courses run and many people are away, so no work starts in it
/// (review 6: a quarter covering a post begun on 29 December).
pub fn in_year_end_break(day: NaiveDate) -> bool {
    (day.month() == 12 && day.day() >= 20) || (day.month() == 1 && day.day() <= 3)
}

/// The day `weeks` working weeks after `day`: a week that starts in the
/// year-end break does not count (a quarter of a new habit is not seen by
/// others over the holidays; review 11, finding 3).
pub fn working_weeks_after(day: NaiveDate, weeks: i64) -> NaiveDate {
    let mut at = day;
    let mut left = weeks;
    while left > 0 {
        if !in_year_end_break(at) {
            left -= 1;
        }
        at += Duration::weeks(1);
    }
    at
}

/// The first day, `day` or whole weeks after it (the plan's weeks keep
/// their weekday), outside the year-end break.
pub fn after_break(day: NaiveDate) -> NaiveDate {
    let mut at = day;
    while in_year_end_break(at) {
        at += Duration::weeks(1);
    }
    at
}

/// When a journal entry that says something is meant names its time ("the
/// finance course next spring", "in March", "in the new year"): the first
/// day of that time, if it is still ahead of `today`; None when the entry
/// names no time, or one that has come. Seasons are the northern
/// hemisphere's, three months each from March.
pub fn named_time(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let season = |w: &str| match w {
        "spring" => Some(3),
        "summer" => Some(6),
        "autumn" | "fall" => Some(9),
        "winter" => Some(12),
        _ => None,
    };
    // Months by their full names: "Jan" may be a colleague.
    let month = |w: &str| {
        (1..=12u32).find(|&n| Month::try_from(n as u8).is_ok_and(|m| m.name().to_lowercase() == w))
    };
    // A time is named after a word that says when, with "the" between or
    // not ("next spring", "in the autumn", "in March"), so "the fall in
    // spend", "this may help" and "the spring release" are no times.
    let named = (0..words.len()).find_map(|n| {
        let before = *words.get(n)?;
        if !matches!(before, "next" | "this" | "in" | "from" | "for") {
            return None;
        }
        let (at, w) = match words.get(n + 1) {
            Some(&"the") => (n + 2, *words.get(n + 2)?),
            Some(w) => (n + 1, *w),
            None => return None,
        };
        let next = before == "next";
        // "next year's budget" is no time to start: the year is.
        let possessive = words.get(at + 1) == Some(&"s");
        if w == "year" && !possessive && (next || words.get(at - 1) == Some(&"new")) {
            return Some((1, 1, true));
        }
        if w == "new" && words.get(at + 1) == Some(&"year") && words.get(at + 2) != Some(&"s") {
            return Some((1, 1, true));
        }
        if w == "may" && !matches!(before, "in" | "next") {
            return None;
        }
        season(w)
            .map(|m| (m, 3, next))
            .or_else(|| month(w).map(|m| (m, 1, next)))
    });
    let (first, months, next) = named?;
    // Under way now: the time has come, unless the next one is meant.
    let into = (today.month() + 12 - first) % 12;
    if into < months && !next {
        return None;
    }
    let year = if first > today.month() {
        today.year()
    } else {
        today.year() + 1
    };
    NaiveDate::from_ymd_opt(year, first, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_end_break_is_no_working_weeks() {
        // Twelve weeks from 1 December skip the two weeks that start in
        // the break (22 and 29 December).
        assert_eq!(
            working_weeks_after(day("2026-12-01"), 12),
            day("2027-03-09")
        );
        // Outside it, weeks are weeks.
        assert_eq!(
            working_weeks_after(day("2027-01-05"), 12),
            day("2027-03-30")
        );
        assert_eq!(working_weeks_after(day("2027-01-05"), 0), day("2027-01-05"));
    }

    #[test]
    fn a_time_named_in_the_journal_is_the_first_day_of_it() {
        let today = day("2026-12-01");
        let at = |t: &str| named_time(t, today).map(|d| d.to_string());
        assert_eq!(
            at("I will do the finance for non-financial managers course next spring").as_deref(),
            Some("2027-03-01")
        );
        assert_eq!(
            at("Booked the course for March").as_deref(),
            Some("2027-03-01")
        );
        assert_eq!(at("Starting it in March").as_deref(), Some("2027-03-01"));
        assert_eq!(
            at("In the new year I will join").as_deref(),
            Some("2027-01-01")
        );
        assert_eq!(
            at("Planning to start it in the autumn").as_deref(),
            Some("2027-09-01")
        );
        // Verbs are no times, and a time under way has come.
        assert_eq!(at("Prices may fall if we wait"), None);
        assert_eq!(at("This may help the team"), None);
        assert_eq!(at("The fall in spend came from the renewal"), None);
        assert_eq!(at("Asked Jan about the spring release notes"), None);
        assert_eq!(at("The business case for next year's budget"), None);
        assert_eq!(at("I will start it in May").as_deref(), Some("2027-05-01"));
        assert_eq!(
            at("I will start it next year").as_deref(),
            Some("2027-01-01")
        );
        assert_eq!(at("I will do it this winter"), None);
        assert_eq!(at("I will go on the course"), None);
        assert_eq!(
            named_time("This summer I will take the course", day("2027-07-10")),
            None
        );
        // The next one, said while one runs, is a year on.
        assert_eq!(
            named_time("Next summer I will take the course", day("2027-07-10"))
                .map(|d| d.to_string())
                .as_deref(),
            Some("2028-06-01")
        );
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_month_is_read_by_name_or_number_and_anything_else_is_refused() {
        assert_eq!(
            FinancialYear::parse("year_starts", "April")
                .unwrap()
                .number(),
            4
        );
        assert_eq!(
            FinancialYear::parse("year_starts", " apr ")
                .unwrap()
                .number(),
            4
        );
        assert_eq!(
            FinancialYear::parse("year_starts", "1").unwrap().number(),
            1
        );
        assert_eq!(
            FinancialYear::parse("year_starts", "Sept")
                .unwrap()
                .number(),
            9
        );
        assert!(FinancialYear::parse("year_starts", "ju").is_err());
        let e = FinancialYear::parse("year_starts", "13").unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid year_starts '13': a month, by name (april, apr) or number (1 to 12)"
        );
        assert!(FinancialYear::parse("year_starts", "spring").is_err());
        assert_eq!(FinancialYear::parse_or_unset("year_starts", " "), Ok(None));
        assert!(FinancialYear::parse_or_unset("year_starts", "spring").is_err());
        assert_eq!(FinancialYear::from_number(0), None);
        assert_eq!(
            FinancialYear::from_number(12).map(|y| y.month_name()),
            Some("December")
        );
    }

    #[test]
    fn nothing_starts_from_20_december_to_3_january() {
        assert!(!in_year_end_break(day("2026-12-19")));
        assert!(in_year_end_break(day("2026-12-20")));
        assert!(in_year_end_break(day("2027-01-03")));
        assert!(!in_year_end_break(day("2027-01-04")));
        // A Tuesday plan's weeks stay on Tuesdays.
        assert_eq!(after_break(day("2026-12-22")), day("2027-01-05"));
        assert_eq!(after_break(day("2026-12-29")), day("2027-01-05"));
        assert_eq!(after_break(day("2026-12-15")), day("2026-12-15"));
        assert_eq!(after_break(day("2027-12-20")), day("2028-01-10"));
    }

    #[test]
    fn the_round_is_the_four_months_before_the_year_starts() {
        let april = FinancialYear::starting(Month::April);
        assert_eq!(april.round_words(), "December to March");
        // Open on 1 December: it closes as April begins.
        assert_eq!(
            april.round_from(day("2026-12-01")),
            (day("2026-12-01"), day("2027-04-01"))
        );
        // After April, the next round.
        assert_eq!(
            april.round_from(day("2027-04-01")),
            (day("2027-12-01"), day("2028-04-01"))
        );
        let january = FinancialYear::starting(Month::January);
        assert_eq!(january.round_words(), "September to December");
        assert_eq!(
            january.round_from(day("2026-12-01")),
            (day("2026-09-01"), day("2027-01-01"))
        );
    }

    #[test]
    fn work_in_the_round_starts_as_it_opens_or_while_enough_of_it_is_left() {
        let january = FinancialYear::starting(Month::January);
        // Eight weeks from 1 December do not fit before January: next
        // September's round.
        assert_eq!(january.place(day("2026-12-01"), 8), day("2027-09-01"));
        // Four do.
        assert_eq!(january.place(day("2026-12-01"), 4), day("2026-12-01"));
        // Before the round, as it opens.
        assert_eq!(january.place(day("2027-02-10"), 8), day("2027-09-01"));
        let april = FinancialYear::starting(Month::April);
        assert_eq!(april.place(day("2026-12-01"), 8), day("2026-12-01"));
        assert_eq!(april.place(day("2027-03-01"), 8), day("2027-12-01"));
    }
}

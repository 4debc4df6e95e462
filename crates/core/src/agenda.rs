//! The agenda: what is due this week (or overdue), from the plan, the
//! contacts, the opportunities, the check-in cadence and open feedback
//! requests. The calendar feed carries the same items.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::named::named_enum;

/// The agenda looks this many days ahead, today included.
pub const WEEK_DAYS: i64 = 7;

named_enum! {
    pub enum ItemKind {
        PlanItem = "plan-item",
        FollowUp = "follow-up",
        NextStep = "next-step",
        CheckIn = "check-in",
        Feedback = "feedback",
    }
}

/// One dated thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Item {
    pub kind: ItemKind,
    pub date: NaiveDate,
    pub title: String,
    /// Where it lives in the web app, such as `/contacts/3`.
    pub link: String,
    /// Stable across calls: the calendar's UID.
    pub key: String,
    pub overdue: bool,
}

/// Everything dated that is still to do; the caller passes only open
/// things (open plan items, contacts, opportunities not closed, open
/// feedback requests).
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// (id, title, due)
    pub plan_items: Vec<(i64, String, NaiveDate)>,
    /// (id, name, follow-up due)
    pub follow_ups: Vec<(i64, String, NaiveDate)>,
    /// (id, "organisation: role title", next step, its date)
    pub next_steps: Vec<(i64, String, String, NaiveDate)>,
    pub check_in_due: Option<NaiveDate>,
    /// (id, closes on)
    pub feedback: Vec<(i64, NaiveDate)>,
}

/// Every item, oldest date first (for the calendar).
pub fn all(sources: &Sources, today: NaiveDate) -> Vec<Item> {
    let item = |kind, date: NaiveDate, title: String, link: String, key: String| Item {
        kind,
        date,
        title,
        link,
        key,
        overdue: date < today,
    };
    let mut out = Vec::new();
    for (id, title, due) in &sources.plan_items {
        out.push(item(
            ItemKind::PlanItem,
            *due,
            format!("Plan: {title}"),
            "/plan".to_owned(),
            format!("plan-item-{id}"),
        ));
    }
    for (id, name, due) in &sources.follow_ups {
        out.push(item(
            ItemKind::FollowUp,
            *due,
            format!("Follow up with {name}"),
            format!("/contacts/{id}"),
            format!("follow-up-{id}"),
        ));
    }
    for (id, what, step, on) in &sources.next_steps {
        out.push(item(
            ItemKind::NextStep,
            *on,
            format!("{what}: {step}"),
            format!("/opportunities/{id}"),
            format!("next-step-{id}"),
        ));
    }
    if let Some(due) = sources.check_in_due {
        out.push(item(
            ItemKind::CheckIn,
            due,
            "Check-in: re-rate, reflect, review the plan".to_owned(),
            "/checkins".to_owned(),
            "check-in".to_owned(),
        ));
    }
    for (id, closes) in &sources.feedback {
        out.push(item(
            ItemKind::Feedback,
            *closes,
            format!("360 feedback request {id} closes"),
            format!("/feedback/{id}"),
            format!("feedback-{id}"),
        ));
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.key.cmp(&b.key)));
    out
}

/// This week: what is overdue or due within [`WEEK_DAYS`] from today, and
/// every open feedback request (whatever its closing date: answers are
/// being collected now).
pub fn this_week(sources: &Sources, today: NaiveDate) -> Vec<Item> {
    let end = today + Duration::days(WEEK_DAYS - 1);
    all(sources, today)
        .into_iter()
        .filter(|i| i.date <= end || i.kind == ItemKind::Feedback)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_week_holds_what_is_overdue_or_due_within_seven_days() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let today = d("2026-11-24");
        let sources = Sources {
            plan_items: vec![
                (1, "Lead the migration".into(), d("2026-11-20")),
                (2, "Course".into(), d("2027-03-01")),
            ],
            follow_ups: vec![(7, "Ana".into(), d("2026-11-30"))],
            next_steps: vec![(
                3,
                "Acme: IT manager".into(),
                "Panel".into(),
                d("2026-12-01"),
            )],
            check_in_due: Some(d("2026-11-24")),
            feedback: vec![(4, d("2026-12-20"))],
        };
        let week = this_week(&sources, today);
        let keys: Vec<&str> = week.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(
            keys,
            ["plan-item-1", "check-in", "follow-up-7", "feedback-4"]
        );
        assert!(week[0].overdue);
        assert!(!week[1].overdue);
        assert_eq!(week[2].link, "/contacts/7");
        // The calendar has everything, the far plan item and the next step
        // a week away included.
        assert_eq!(all(&sources, today).len(), 6);
    }
}

//! Where a person's recent evidence goes: to the gaps for the role they
//! aim at, or to what they already meet. An IT director reading the
//! journal of a manager who wants the next role, and who logs mostly the
//! hands-on work he is known for, says so: the time goes where he is
//! already strong, and the move is decided on the gaps (seed 001: be less
//! hands on; seed 003: the bigger transition is to what you have not done;
//! seed 000: too much technical skill, not enough managing people).

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::EntryPoint;
use crate::readiness::Readiness;

/// How far back "recent" reaches: a quarter.
pub const WINDOW_DAYS: i64 = 90;
/// Fewer entries than this say too little to judge where time goes.
pub const AT_LEAST: u32 = 5;

/// A competency and how many recent entries show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Shown {
    pub id: String,
    pub name: String,
    pub entries: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Focus {
    /// The first day counted ([`WINDOW_DAYS`] before today).
    pub since: NaiveDate,
    /// Tagged journal entries since then (feedback that names a gap is
    /// not evidence and is left out).
    pub entries: u32,
    /// Of them, those that show at least one competency still short of
    /// the target role's expectation.
    pub on_gaps: u32,
    /// Those that show only competencies already met.
    pub on_strengths: u32,
    /// The met competency shown most, when any is.
    pub strongest: Option<Shown>,
    /// The most urgent gaps for the target (size × weight, doubled when
    /// critical), at most two, most urgent first.
    pub urgent_gaps: Vec<String>,
    /// The same gaps' ids, for a plan to find its work on them.
    #[serde(skip)]
    pub urgent_ids: Vec<crate::framework::CompetencyId>,
    /// What [`Focus::advice`] says of where the time went, without what to
    /// do this month: a plan says that with its own items.
    #[serde(skip)]
    pub diagnosis: Option<String>,
    /// What an IT director would say (naming which urgent gap no recent
    /// entry shows), when more than half of at least
    /// [`AT_LEAST`] entries show only what is already met and a gap is
    /// left.
    pub advice: Option<String>,
}

impl Focus {
    /// One line: how many recent entries, and where they went.
    pub fn summary(&self) -> String {
        format!(
            "{} tagged journal {} since {}: {}, {}.",
            self.entries,
            if self.entries == 1 {
                "entry"
            } else {
                "entries"
            },
            self.since,
            shows(self.on_gaps, "a gap"),
            shows(self.on_strengths, "only what you already meet")
        )
    }
}

/// "none shows a gap", "1 shows a gap", "3 show a gap".
fn shows(n: u32, what: &str) -> String {
    match n {
        0 => format!("none shows {what}"),
        1 => format!("1 shows {what}"),
        n => format!("{n} show {what}"),
    }
}

/// Where the journal's entries of the last [`WINDOW_DAYS`] go, against
/// the readiness for the target role. `job` is the readiness for the role
/// held: while it holds a critical gap, that job comes first (seed 004
/// step 0), so its gaps are the most urgent, as the plan has them.
pub fn focus(
    journal: &[EntryPoint],
    readiness: &Readiness,
    job: Option<&Readiness>,
    today: NaiveDate,
) -> Focus {
    let since = today - Duration::days(WINDOW_DAYS - 1);
    // The gaps for the target, most urgent first.
    let mut gaps: Vec<_> = readiness
        .competencies
        .iter()
        .filter(|c| c.gap > 0)
        .collect();
    gaps.sort_by(|a, b| b.priority().total_cmp(&a.priority()));
    // The job held first, when it is still to master.
    let mut first: Vec<_> = job.map(crate::readiness::step0).unwrap_or_default();
    first.sort_by(|a, b| b.priority().total_cmp(&a.priority()));
    let held = job.filter(|_| !first.is_empty());
    let urgent: Vec<_> = if held.is_some() {
        first
    } else {
        gaps.iter().copied().take(2).collect()
    };
    let recent: Vec<&EntryPoint> = journal
        .iter()
        .filter(|e| e.date >= since && e.date <= today)
        .filter(|e| !e.names_gap && !e.competencies.is_empty())
        .collect();
    // A gap of the job held counts as a gap, never as a strength, even
    // where the target asks less of it.
    let of_job =
        |id: &crate::framework::CompetencyId| held.is_some() && urgent.iter().any(|g| &g.id == id);
    let on_gaps = recent
        .iter()
        .filter(|e| {
            e.competencies
                .iter()
                .any(|c| gaps.iter().any(|g| &g.id == c) || of_job(c))
        })
        .count() as u32;
    let entries = recent.len() as u32;
    let on_strengths = entries - on_gaps;
    let strongest = readiness
        .competencies
        .iter()
        .filter(|c| c.gap == 0 && !of_job(&c.id))
        .map(|c| Shown {
            id: c.id.as_str().to_owned(),
            name: c.name.clone(),
            entries: recent
                .iter()
                .filter(|e| e.competencies.contains(&c.id))
                .count() as u32,
        })
        .filter(|s| s.entries > 0)
        // The first of the most shown, in the framework's order.
        .fold(None::<Shown>, |best, s| match best {
            Some(b) if b.entries >= s.entries => Some(b),
            _ => Some(s),
        });
    let urgent_gaps: Vec<String> = urgent.iter().take(2).map(|c| c.name.clone()).collect();
    let untouched: Vec<&str> = urgent
        .iter()
        .take(2)
        .filter(|c| !recent.iter().any(|e| e.competencies.contains(&c.id)))
        .map(|c| c.name.as_str())
        .collect();
    let diagnosis = (entries >= AT_LEAST && on_strengths * 2 > entries && !urgent_gaps.is_empty())
        .then(|| {
            let target = &readiness.target_name;
            let mut s = format!(
                "Of your {entries} journal entries since {since}, {on_strengths} show only what you already meet for {target}; {}.",
                shows(on_gaps, "a gap"),
            );
            // Counted over every entry, not only those on strengths: said
            // apart, so that "6" never reads as a part of "5".
            if let Some(b) = &strongest {
                let past = readiness
                    .competencies
                    .iter()
                    .any(|c| c.id.as_str() == b.id && c.current > c.expected);
                s.push_str(&format!(
                    " {}, {}, is in {} of the {entries}.",
                    b.name,
                    if past {
                        format!("past what {target} asks")
                    } else {
                        "which you already meet".to_owned()
                    },
                    b.entries
                ));
            }
            let gaps_word = if urgent_gaps.len() == 1 { "gap" } else { "gaps" };
            let decided = match held {
                Some(job) => format!(
                    "Before the move comes the job you hold: as {} your most urgent {gaps_word} {} {}",
                    job.target_name,
                    if urgent_gaps.len() == 1 { "is" } else { "are" },
                    crate::text::and_list(&urgent_gaps)
                ),
                None => format!(
                    "The move is decided on your most urgent {gaps_word}, {}",
                    crate::text::and_list(&urgent_gaps)
                ),
            };
            s.push_str(&format!(
                " Whoever decides on {target} reads that as time going where you are already strong. {decided}",
            ));
            if !untouched.is_empty() {
                // "Or": names such as "Strategy and road-mapping" hold an
                // "and" of their own.
                s.push_str(&format!(" (no entry shows {})", untouched.join(" or ")));
            }
            s
        });
    let advice = diagnosis.as_ref().map(|d| {
        format!(
            "{d}: give this month's hours to the plan's items on {}.",
            if urgent_gaps.len() == 1 { "it" } else { "them" }
        )
    });
    let urgent_ids = urgent.iter().take(2).map(|c| c.id.clone()).collect();
    Focus {
        since,
        entries,
        on_gaps,
        on_strengths,
        strongest,
        urgent_gaps,
        urgent_ids,
        diagnosis,
        advice,
    }
}

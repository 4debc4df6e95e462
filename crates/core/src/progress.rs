//! Progress over time, and the seeds' measures of success: plan goals met,
//! the feedback trend, leadership roles and projects led, people mentored
//! (seed 003, "how do I measure my success"), and what changed since the
//! last check-in.

pub mod focus;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::evidence::EvidenceKind;
use crate::feedback::{Group, Results};
use crate::framework::{ActionKind, CompetencyId};
use crate::readiness::Readiness;
use crate::transfer::ItemStatus;

/// Words that say the person led something, matched as whole words ("lead"
/// is left out: as a noun it names someone else; "ran" too: running a
/// restore test leads nobody).
pub const LEADING_WORDS: &[&str] = &[
    "led",
    "leading",
    "chaired",
    "headed",
    "managed",
    "owned",
    "coordinated",
    "organised",
    "organized",
    "launched",
    "supervise",
    "supervised",
    "supervising",
    "delegated",
    "handed",
    "interim",
    "acted",
    "acting",
    "deputised",
    "deputized",
    "deputising",
    "deputizing",
];

/// Standing in for someone who leads ("covered for my manager at CAB",
/// "stood in for Raj"): pairs of whole words, as [`LEADING_WORDS`].
pub const STANDING_IN: &[[&str; 2]] = &[
    ["covered", "for"],
    ["covering", "for"],
    ["stood", "in"],
    ["standing", "in"],
    ["stepped", "in"],
];

/// Words that say the person mentored or coached someone.
pub const MENTORING_WORDS: &[&str] = &[
    "mentor",
    "mentored",
    "mentoring",
    "mentee",
    "coached",
    "coaching",
    "coach",
    "onboarded",
    "trained",
    "taught",
];

/// How many months `done per month` covers, ending with this month.
pub const MONTHS: u32 = 12;

/// One check-in's snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckinPoint {
    pub held_on: NaiveDate,
    pub readiness: u32,
    /// Competency id to (level, expected).
    pub levels: BTreeMap<CompetencyId, (u8, u8)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemPoint {
    pub title: String,
    pub kind: ActionKind,
    pub status: ItemStatus,
    pub closed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntryPoint {
    pub id: i64,
    pub date: NaiveDate,
    pub kind: EvidenceKind,
    pub text: String,
    /// It names a gap: never a mention of what the person did.
    pub names_gap: bool,
    pub competencies: Vec<CompetencyId>,
}

/// What progress is worked out from.
pub struct Sources<'a> {
    pub checkins: &'a [CheckinPoint],
    /// Self-assessments, oldest first: date and competency id to level.
    pub self_assessments: &'a [(NaiveDate, BTreeMap<String, u8>)],
    /// Each self-assessment's readiness for the target role, as rated.
    pub self_assessed: &'a [(NaiveDate, u32)],
    /// The current plan's items (not those a later generation replaced).
    pub items: &'a [ItemPoint],
    pub journal: &'a [EntryPoint],
    /// Closed 360 requests with visible results, oldest first.
    pub feedback: &'a [(NaiveDate, Results)],
    /// Readiness now, when there is a self-assessment.
    pub now: Option<&'a Readiness>,
    /// Readiness for the role held, when there is one: a job still to
    /// master comes first (seed 004 step 0).
    pub job: Option<&'a Readiness>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ReadinessPoint {
    pub date: NaiveDate,
    pub percent: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct LevelPoint {
    pub date: NaiveDate,
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CompetencyProgress {
    pub id: String,
    pub name: String,
    pub expected: u8,
    /// Self-assessed levels, oldest first.
    pub levels: Vec<LevelPoint>,
    /// Pieces of evidence now (journal entries, finished plan items, 360
    /// requests with visible feedback).
    pub evidence: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    pub done: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct PlanGoals {
    pub done: u32,
    pub dropped: u32,
    pub open: u32,
    /// Done out of done and dropped together, when any was closed.
    pub percent_met: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct FeedbackPoint {
    pub date: NaiveDate,
    /// The manager's mean over the competencies they rated, when visible.
    pub manager: Option<f64>,
    /// Every other visible rater's mean over the competencies.
    pub others: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Mention {
    pub date: NaiveDate,
    pub text: String,
    /// A journal entry's id; none for a plan item.
    pub entry: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Measures {
    pub plan_goals: PlanGoals,
    pub feedback_trend: Vec<FeedbackPoint>,
    /// Journal entries that say the person led something, and finished
    /// experience items of the plan; newest first.
    pub leadership: Vec<Mention>,
    /// Journal entries that say the person mentored or coached; newest first.
    pub mentoring: Vec<Mention>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct LevelChange {
    pub id: String,
    pub name: String,
    pub from: u8,
    pub to: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SinceCheckin {
    pub held_on: NaiveDate,
    pub readiness_then: u32,
    pub readiness_now: Option<u32>,
    pub levels_changed: Vec<LevelChange>,
    pub journal_entries: u32,
    pub plan_items_done: u32,
    pub feedback_closed: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Progress {
    /// See [`readiness_over_time`].
    pub readiness: Vec<ReadinessPoint>,
    pub competencies: Vec<CompetencyProgress>,
    /// From the month of the first thing recorded, at most the last
    /// [`MONTHS`].
    pub done_per_month: Vec<MonthCount>,
    pub measures: Measures,
    pub since_last_checkin: Option<SinceCheckin>,
    /// Where the last quarter's journal went, when there is a readiness
    /// to judge it against.
    pub focus: Option<focus::Focus>,
}

/// Whether the text says the person led something: one of the leading
/// words, or standing in for someone, not negated ("Never managed anyone
/// directly" and "didn't supervise the desk" lead nothing). The tagger's
/// words and negation, so that both read a text alike.
fn mentions_leading(text: &str) -> bool {
    let words: Vec<(String, bool)> = crate::tagging::words(text)
        .map(str::to_lowercase)
        .zip(crate::tagging::negated(text))
        .collect();
    words.iter().enumerate().any(|(i, (w, negated))| {
        let next = words.get(i + 1).map(|(n, _)| n.as_str());
        !negated
            && (LEADING_WORDS.contains(&w.as_str())
                || STANDING_IN.iter().any(|[a, b]| w == a && next == Some(*b)))
    })
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() > 120 {
        let mut s: String = line.chars().take(119).collect();
        s.push('…');
        s
    } else {
        line.to_owned()
    }
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| {
        let m = values.iter().sum::<f64>() / values.len() as f64;
        (m * 10.0).round() / 10.0
    })
}

/// The months from `since`'s to `today`'s, at most the last `MONTHS`,
/// oldest first: a person who started this month sees this month, not a
/// year of empty ones.
fn months(since: NaiveDate, today: NaiveDate) -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    let (mut y, mut m) = (today.year(), today.month());
    for _ in 0..MONTHS {
        if (y, m) < (since.year(), since.month()) {
            break;
        }
        out.push((y, m));
        if m == 1 {
            y -= 1;
            m = 12;
        } else {
            m -= 1;
        }
    }
    out.reverse();
    out
}

/// The journal, newest first, as mentions of the entries `keep` accepts;
/// an entry that names a gap ("needs to lead more") is none.
fn mentions_in(journal: &[EntryPoint], keep: impl Fn(&EntryPoint) -> bool) -> Vec<Mention> {
    let mut entries: Vec<&EntryPoint> =
        journal.iter().filter(|e| !e.names_gap && keep(e)).collect();
    entries.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    entries
        .into_iter()
        .map(|e| Mention {
            date: e.date,
            text: first_line(&e.text),
            entry: Some(e.id),
        })
        .collect()
}

/// Leadership roles and projects led: journal entries with a leading word
/// and finished experience items of the plan, newest first.
pub fn leadership(items: &[ItemPoint], journal: &[EntryPoint]) -> Vec<Mention> {
    let mut out = mentions_in(journal, |e| mentions_leading(&e.text));
    out.extend(
        items
            .iter()
            .filter(|i| i.status == ItemStatus::Done && i.kind == ActionKind::Experience)
            .filter_map(|i| {
                i.closed_on.map(|date| Mention {
                    date,
                    text: i.title.clone(),
                    entry: None,
                })
            }),
    );
    out.sort_by_key(|m| std::cmp::Reverse(m.date));
    out
}

/// Journal entries that say the person mentored or coached, newest first:
/// not those where they were the one mentored ("my mentor", "Sarah coached
/// me", "was trained on the SIEM").
pub fn mentoring(journal: &[EntryPoint]) -> Vec<Mention> {
    mentions_in(journal, |e| mentored_someone(&e.text))
}

/// Words before which a past participle is passive: the person received it.
const BEING: &[&str] = &[
    "was", "were", "been", "being", "got", "get", "getting", "am", "is", "are",
];
/// Words after which "mentor" or "coach" names someone else (the person's
/// mentor), not what the person does or is.
const SOMEONE_ELSES: &[&str] = &["my", "our", "his", "her", "their", "the", "a", "an", "new"];
/// Words that make the person "a mentor" or "a coach" in the next two.
const BECOMING: &[&str] = &["as", "became", "become", "becoming", "volunteered"];
/// Words after which the person's coaching or training went to them:
/// "coached me", "coaching from", "trained on the new SIEM".
const RECEIVING: &[&str] = &["me", "us", "by", "from", "on", "in", "onto", "into", "at"];

/// Whether a text says the person mentored or coached someone, read as
/// general English: who did it to whom.
fn mentored_someone(text: &str) -> bool {
    let words: Vec<String> = crate::tagging::words(text).map(str::to_lowercase).collect();
    let negated = crate::tagging::negated(text);
    // "Mentoring session with my mentor" is theirs.
    let has_own_mentor = words
        .windows(2)
        .any(|w| w[0] == "my" && ["mentor", "coach"].contains(&w[1].as_str()));
    let before = |i: usize, n: usize| words[i.saturating_sub(n)..i].iter();
    words.iter().enumerate().any(|(i, w)| {
        if negated.get(i).copied().unwrap_or(false) || !MENTORING_WORDS.contains(&w.as_str()) {
            return false;
        }
        let previous = i.checked_sub(1).map(|p| words[p].as_str());
        let next = words.get(i + 1).map(String::as_str);
        match w.as_str() {
            // A verb after "I" or "to" ("agreed to mentor Sam"); a noun
            // only when the person became one ("signed up as a mentor").
            "mentor" | "coach" => {
                let verb = previous.is_some_and(|p| !SOMEONE_ELSES.contains(&p)) && !has_own_mentor;
                verb || before(i, 2).any(|b| BECOMING.contains(&b.as_str()))
            }
            "mentee" => !before(i, 2).any(|b| b == "as"),
            "mentoring" | "coaching" => {
                let received = has_own_mentor
                    || next.is_some_and(|n| ["from", "by"].contains(&n))
                    || previous
                        .is_some_and(|p| ["got", "received", "receiving", "had"].contains(&p));
                !received
            }
            _ => {
                !previous.is_some_and(|p| BEING.contains(&p))
                    && !next.is_some_and(|n| RECEIVING.contains(&n))
            }
        }
    })
}

/// Readiness over time, one point a day, oldest first: each check-in's
/// readiness as it was judged that day, each self-assessment's on a day
/// without a check-in, and today's as judged now (with 360 feedback), which
/// replaces anything else of today. The dashboard and Progress both draw
/// this.
pub fn readiness_over_time(
    checkins: &[CheckinPoint],
    self_assessed: &[(NaiveDate, u32)],
    now: Option<u32>,
    today: NaiveDate,
) -> Vec<ReadinessPoint> {
    let mut by_day: BTreeMap<NaiveDate, u32> = self_assessed.iter().copied().collect();
    // A check-in judged the whole record that day: it wins over a rating
    // of the same day.
    by_day.extend(checkins.iter().map(|c| (c.held_on, c.readiness)));
    if let Some(p) = now {
        by_day.insert(today, p);
    }
    by_day
        .into_iter()
        .filter(|(date, _)| *date <= today)
        .map(|(date, percent)| ReadinessPoint { date, percent })
        .collect()
}

pub fn progress(s: &Sources<'_>, today: NaiveDate) -> Progress {
    let now_percent = s.now.map(Readiness::percent);
    let readiness = readiness_over_time(s.checkins, s.self_assessed, now_percent, today);

    let competencies = s
        .now
        .map(|r| {
            r.competencies
                .iter()
                .map(|c| CompetencyProgress {
                    id: c.id.as_str().to_owned(),
                    name: c.name.clone(),
                    expected: c.expected,
                    levels: s
                        .self_assessments
                        .iter()
                        .filter_map(|(date, levels)| {
                            levels
                                .get(c.id.as_str())
                                .map(|&level| LevelPoint { date: *date, level })
                        })
                        .collect(),
                    evidence: c.evidence,
                })
                .collect()
        })
        .unwrap_or_default();

    // From the first thing the person recorded.
    let since = s
        .self_assessments
        .iter()
        .map(|(d, _)| *d)
        .chain(s.journal.iter().map(|e| e.date))
        .chain(s.checkins.iter().map(|c| c.held_on))
        .chain(s.items.iter().filter_map(|i| i.closed_on))
        .min()
        .unwrap_or(today);
    let done_per_month = months(since, today)
        .into_iter()
        .map(|(y, m)| MonthCount {
            month: format!("{y:04}-{m:02}"),
            done: s
                .items
                .iter()
                .filter(|i| i.status == ItemStatus::Done)
                .filter_map(|i| i.closed_on)
                .filter(|d| d.year() == y && d.month() == m)
                .count() as u32,
        })
        .collect();

    let count = |status: ItemStatus| s.items.iter().filter(|i| i.status == status).count() as u32;
    let (done, dropped, open) = (
        count(ItemStatus::Done),
        count(ItemStatus::Dropped),
        count(ItemStatus::Todo),
    );
    let plan_goals = PlanGoals {
        done,
        dropped,
        open,
        percent_met: (done + dropped > 0).then(|| done * 100 / (done + dropped)),
    };

    let feedback_trend = s
        .feedback
        .iter()
        .map(|(date, r)| {
            let mut manager = Vec::new();
            let mut others = Vec::new();
            for c in &r.competencies {
                if let Some(g) = c.group(Group::Manager) {
                    manager.push(g.average);
                }
                let rest: Vec<_> = c
                    .groups
                    .iter()
                    .filter(|g| g.group != Group::Manager)
                    .collect();
                let raters: u32 = rest.iter().map(|g| g.raters).sum();
                if raters > 0 {
                    let sum: f64 = rest.iter().map(|g| g.average * f64::from(g.raters)).sum();
                    others.push(sum / f64::from(raters));
                }
            }
            FeedbackPoint {
                date: *date,
                manager: mean(&manager),
                others: mean(&others),
            }
        })
        .collect();

    let leadership = leadership(s.items, s.journal);
    let mentoring = mentoring(s.journal);

    let since_last_checkin = s.checkins.last().map(|c| {
        let levels_changed = s
            .now
            .map(|r| {
                r.competencies
                    .iter()
                    .filter_map(|now| {
                        let (then, _) = c.levels.get(now.id.as_str())?;
                        (*then != now.current).then(|| LevelChange {
                            id: now.id.as_str().to_owned(),
                            name: now.name.clone(),
                            from: *then,
                            to: now.current,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        SinceCheckin {
            held_on: c.held_on,
            readiness_then: c.readiness,
            readiness_now: now_percent,
            levels_changed,
            journal_entries: s.journal.iter().filter(|e| e.date > c.held_on).count() as u32,
            plan_items_done: s
                .items
                .iter()
                .filter(|i| i.status == ItemStatus::Done && i.closed_on > Some(c.held_on))
                .count() as u32,
            feedback_closed: s.feedback.iter().filter(|(d, _)| *d > c.held_on).count() as u32,
        }
    });

    Progress {
        readiness,
        competencies,
        done_per_month,
        measures: Measures {
            plan_goals,
            feedback_trend,
            leadership,
            mentoring,
        },
        since_last_checkin,
        focus: s.now.map(|r| focus::focus(s.journal, r, s.job, today)),
    }
}

#[cfg(test)]
mod tests;

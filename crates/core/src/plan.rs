//! Development plans: actions from the framework's catalog chosen for one
//! person (their fit check, their level, their record, their lost
//! interviews) to close the largest gaps first, mostly on-the-job
//! experience (70-20-10 by effort), due when their effort allows at the
//! person's pace.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::InvalidValue;
use crate::fit::FitResult;
use crate::framework::{Action, ActionId, ActionKind, CompetencyId, Framework, Role, RoleId};
use crate::named::named_enum;
use crate::readiness::Readiness;

named_enum! {
    /// Where a plan item stands.
    pub enum ItemStatus {
        Todo = "todo",
        Done = "done",
        Dropped = "dropped",
    }
}

pub const HORIZON_MONTHS: RangeInclusive<u32> = 1..=36;
pub const DEFAULT_HORIZON_MONTHS: u32 = 12;

/// A whole number a user gave for `field`, checked against `range`;
/// `what` says what it counts, as the error message names it.
fn within(
    field: &str,
    value: i64,
    range: &RangeInclusive<u32>,
    what: &str,
) -> Result<u32, InvalidValue> {
    u32::try_from(value)
        .ok()
        .filter(|v| range.contains(v))
        .ok_or_else(|| {
            InvalidValue::new(
                field,
                value,
                format!(
                    "a whole number of {what} from {} to {}",
                    range.start(),
                    range.end()
                ),
            )
        })
}

/// Checks a plan horizon given by a user.
pub fn horizon(value: i64) -> Result<u32, InvalidValue> {
    within("horizon-months", value, &HORIZON_MONTHS, "months")
}

/// Days from today that an item of the person's own is due by default.
pub const DEFAULT_DUE_DAYS: i64 = 90;

/// A validated plan item of the person's own.
#[derive(Debug, Clone, PartialEq)]
pub struct NewItem {
    pub title: crate::evidence::EvidenceText,
    pub kind: ActionKind,
    pub competencies: Vec<CompetencyId>,
    pub due: NaiveDate,
}

impl NewItem {
    /// `kind` defaults to experience, `due` to [`DEFAULT_DUE_DAYS`] from
    /// today; at least one competency is required.
    pub fn parse(
        framework: &Framework,
        text: &str,
        competencies: &[String],
        kind: Option<&str>,
        due: Option<&str>,
        today: NaiveDate,
    ) -> Result<Self, InvalidValue> {
        let title = crate::evidence::EvidenceText::parse("text", text)?;
        let kind = ActionKind::parse("kind", kind.unwrap_or("experience"))?;
        if competencies.is_empty() {
            return Err(InvalidValue::one_of(
                "competency",
                "(none)",
                framework.competencies.iter().map(|c| c.id.as_str()),
            ));
        }
        let ids = framework.parse_competencies("competency", competencies)?;
        let due = match due.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => {
                let date = crate::evidence::parse_date("due", d)?;
                if date < today {
                    return Err(InvalidValue::new(
                        "due",
                        d,
                        format!("a date from today ({today}) on"),
                    ));
                }
                date
            }
            None => today + chrono::Duration::days(DEFAULT_DUE_DAYS),
        };
        Ok(Self {
            title,
            kind,
            competencies: ids,
            due,
        })
    }
}

/// A plan item proposed by the generator.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ProposedItem {
    /// The catalog action; none for the second fit check after a trial.
    pub action: Option<ActionId>,
    pub title: String,
    pub kind: ActionKind,
    pub competencies: Vec<CompetencyId>,
    pub effort_weeks: u32,
    /// When to begin, so that no more than the person's pace is in flight.
    pub starts: NaiveDate,
    pub due: NaiveDate,
    /// Why it is in the plan: what it builds, for which interview, its
    /// source.
    pub why: String,
    /// The opportunity it answers, when it was chosen for a lost interview.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opportunity: Option<i64>,
}

/// A generated plan: the items that fit the horizon, those that would
/// close the remaining gaps but do not fit it at the person's pace, the
/// gaps no catalog action can build, and notes the person should read
/// first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Proposal {
    pub items: Vec<ProposedItem>,
    pub later: Vec<ProposedItem>,
    pub uncovered: Vec<CompetencyId>,
    pub notes: Vec<String>,
    /// Weeks past the horizon that closing every gap would take.
    pub overflow_weeks: u32,
    /// Things in flight at once.
    pub at_once: u32,
}

/// Why no management plan was built: the fit check points to the technical
/// track, and the person has not confirmed they want one all the same.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct FitHold {
    pub management: u8,
    pub technical: u8,
    /// The fit check's main reasons, strongest first.
    pub reasons: Vec<String>,
    /// The technical-track role that fits instead, from the framework.
    pub suggested_role: Option<RoleId>,
    pub suggested_name: Option<String>,
    /// All of it, in a sentence or two.
    pub message: String,
}

impl FitHold {
    fn new(framework: &Framework, current: Option<&Role>, fit: &FitResult) -> Self {
        let suggested = crate::fit::technical_role(framework, current);
        let reasons: Vec<String> = fit.reasons.iter().skip(1).take(3).cloned().collect();
        let message = format!(
            "Your fit check points to the technical track (management {}/100, technical {}/100), so leap has not built a management plan. {}{} To build it all the same, confirm it (`leap plan generate --despite-fit`).",
            fit.management,
            fit.technical,
            reasons.join(" "),
            match suggested {
                Some(r) => format!(
                    " The role that fits is {} on the technical track (`leap target {}`).",
                    r.name, r.id
                ),
                None => String::new(),
            }
        );
        Self {
            management: fit.management,
            technical: fit.technical,
            reasons,
            suggested_role: suggested.map(|r| r.id.clone()),
            suggested_name: suggested.map(|r| r.name.clone()),
            message,
        }
    }
}

/// Where an item stands in the plan's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    /// The time-boxed trial an `explore` fit check asks for.
    Trial,
    /// Groundwork: a mentor, your manager told, a network started.
    Foundation,
    /// Asking why an interview was lost.
    Ask,
    /// What interviewers cited.
    Cited,
    /// Work the journal shows begun, seen through.
    Begun,
    /// What takes the place of the work the person still does past the
    /// target (handing a duty on, for a manager still fixing things).
    Instead,
    /// The rest of the development.
    Development,
}

/// How long the trial of management lasts, at most.
pub const TRIAL_WEEKS: u32 = 13;

/// Things a person works on at once, by default, and the range allowed.
/// Two, as readiness counts the weeks to close the gaps (two things at a
/// time), so that `gap` and the plan agree.
pub const DEFAULT_AT_ONCE: u32 = 2;
pub const AT_ONCE: RangeInclusive<u32> = 1..=6;

/// Checks how many things at once a user asked for.
pub fn at_once(value: i64) -> Result<u32, InvalidValue> {
    within(
        "at-once",
        value,
        &AT_ONCE,
        "development actions in flight at once,",
    )
}

/// Seed 000's word when a technical certification is planned or logged
/// toward a management role: `text` is the journal entry or plan item.
pub fn certification_note(framework: &Framework, target: &Role, text: &str) -> Option<String> {
    if target.track != crate::framework::Track::Management {
        return None;
    }
    let cert = framework
        .actions
        .iter()
        .find(|a| a.is_technical_study() && a.named_in(text))?;
    Some(certification_words(&format!("\"{}\"", cert.title)))
}

fn certification_words(what: &str) -> String {
    format!(
        "{what} does not advance a move into management: technical certifications seldom win a management job; you learn more by doing the work."
    )
}

/// The item that closes a trial: the fit check again.
fn fit_again(end: NaiveDate) -> ProposedItem {
    // The trial's last week; in the week after the year-end break if it
    // falls in it.
    let starts = after_break(end - chrono::Duration::weeks(1));
    ProposedItem {
        action: None,
        title: "At the trial's end, go through its success criteria with your manager and ask the people you led what was better or worse; then take the fit check again and read it beside your weekly log".to_owned(),
        kind: ActionKind::Relationship,
        competencies: Vec::new(),
        effort_weeks: 1,
        starts,
        due: starts + chrono::Duration::weeks(1),
        // A questionnaire taken again alone tends to give the same lean:
        // the trial is judged by its criteria, the people led and what
        // the weeks were like (review 12, finding 5; seed 002 FAQ 13:
        // feedback from others, not self-report alone).
        why: "The trial is there to answer the fit check's question: is management a fit, or a promotion? Your own answers alone tend to repeat themselves: the criteria met, what the people you led say, and which weeks gave you energy are the answer's evidence.".to_owned(),
        opportunity: None,
    }
}

/// A lost opportunity, as the plan sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub opportunity: i64,
    /// How the person would name it: "IT manager at Northwind".
    pub name: String,
    /// Whether a debrief recorded why.
    pub reasons_given: bool,
    /// The competencies its debriefs cite.
    pub cited: Vec<CompetencyId>,
    /// The person's own answer to seed 000's question: too much technical
    /// skill shown, not enough managing of people and resources. The
    /// target's critical gaps then count as cited.
    pub too_technical: bool,
}

/// What of the person's record shapes the plan.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The latest fit check on this framework.
    pub fit: Option<FitResult>,
    /// Journal texts, to recognise what is done or under way.
    pub journal: Vec<String>,
    /// Catalog actions finished.
    pub done: BTreeSet<ActionId>,
    /// Catalog actions in the current plan and not finished.
    pub under_way: BTreeSet<ActionId>,
    pub rejections: Vec<Rejection>,
    /// Interviews and other next steps ahead, in openings still open.
    pub interviews: Vec<Interview>,
    /// The person's own feedback that names a gap ("needs to let go of the
    /// keyboard"): what it is about is raised in the plan as an
    /// interviewer's reasons are, even where their own rating meets the
    /// role, by the action that best answers its words.
    pub named_gaps: Vec<NamedGap>,
    /// The journal's entries, dated and tagged, feedback that names a gap
    /// marked: when the last quarter's went mostly to what the person
    /// already meets, and past what the target asks, the competencies
    /// `instead_of` it are raised as feedback's are
    /// ([`crate::progress::focus`]).
    pub entries: Vec<crate::progress::EntryPoint>,
}

/// A journal entry that names a gap, as the plan reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedGap {
    pub text: String,
    pub competencies: Vec<CompetencyId>,
}

/// A next step ahead in an opening still open: an interview, a screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Interview {
    pub opportunity: i64,
    /// How the person would name the opening: "IT manager at Northwind".
    pub name: String,
    /// What it is, in the person's words: "Interview with the IT director".
    pub step: String,
    pub on: NaiveDate,
}

/// A sentence's opening as it reads inside another: "take a course…".
pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_lowercase().chain(chars).collect())
}

/// The item that prepares a next step ahead (within the plan's horizon):
/// the week before it, the case made from the person's own record. When
/// the record shows the role tried out already (`tried`, a trial of
/// management done or under way: an interim post), an account of it
/// against its success criteria is part of that case, given before the
/// interview (review 10: not a review asked for while still in the post).
fn prepare(
    interview: &Interview,
    start: NaiveDate,
    tried: Option<(&Action, Option<&str>)>,
) -> ProposedItem {
    let starts = (interview.on - chrono::Duration::weeks(1)).max(start);
    // A period still running has no review at its end yet: a note from
    // whoever agreed its criteria stands in (review 12, finding 3).
    let review = tried.map_or(String::new(), |(_, entry)| {
        let shown = entry.map_or(String::new(), |e| format!(" (\u{201c}{e}\u{201d})"));
        format!(
            " Your record shows the post held already{shown}: before the interview, write a one-page account of that period against the success criteria agreed for it, and give it to whoever agreed them, with the review at its end if the period is over, or else a note from them on how it is going, so that the panel weighs the period on its own terms."
        )
    });
    ProposedItem {
        action: None,
        title: format!(
            "Before \u{201c}{}\u{201d} ({}, {}): prepare your case from your record, and what the role needs in its first year{}",
            interview.step,
            interview.name,
            interview.on,
            if tried.is_some() {
                "; account for your time in the post against its success criteria"
            } else {
                ""
            }
        ),
        kind: ActionKind::Relationship,
        competencies: Vec::new(),
        effort_weeks: 1,
        starts,
        due: interview.on,
        why: format!(
            "Your next step for {} is on {}. Go in with the evidence behind each competency the role expects (the promotion packet gathers it), ask what the first year must achieve, and if it goes to someone else, ask why.{review} Once the answer is known, make this plan again: for the post's first year if it is yours, from what they say was missing if it is not.",
            interview.name, interview.on
        ),
        opportunity: Some(interview.opportunity),
    }
}

/// What the generator needs; `exclude` holds actions already done or
/// dropped by the person, which are not proposed again.
pub struct Request<'a> {
    pub framework: &'a Framework,
    /// The role the plan builds toward: the target, or the step on the way
    /// to it ([`Framework::step_toward`]).
    pub role: &'a Role,
    /// The person's target when `role` is a step on the way to it.
    pub aim: Option<&'a Role>,
    pub readiness: &'a Readiness,
    /// The role the person holds now, and readiness for it (step 0).
    pub current_role: Option<&'a Role>,
    pub current: Option<&'a Readiness>,
    pub horizon_months: u32,
    pub start: NaiveDate,
    pub exclude: &'a BTreeSet<ActionId>,
    /// How many interview debriefs cite each competency id.
    pub cited: &'a BTreeMap<CompetencyId, u32>,
    pub record: &'a Record,
    /// Things in flight at once.
    pub at_once: u32,
    /// Build a management plan although the fit check says technical.
    pub despite_fit: bool,
    /// The organisation's financial year, when the person has said when
    /// it starts: work that follows its budget round goes there.
    pub year: Option<FinancialYear>,
}

/// The role a plan for `target` builds toward, and the target itself when
/// that role is a step on the way to it: a target two moves away goes
/// through the role between, on the management ladder or the technical one
/// ([`Framework::step_toward`]). Readiness for the plan is judged against
/// the first; [`Request::aim`] takes the second.
pub fn toward<'a>(
    framework: &'a Framework,
    current: &str,
    target: &'a Role,
) -> (&'a Role, Option<&'a Role>) {
    match framework.step_toward(current, target.id.as_str()) {
        Some(step) => (step, Some(target)),
        None => (target, None),
    }
}

/// Each debrief citing a competency adds this share of its priority, up to
/// [`MAX_CITATIONS`] debriefs.
pub const CITATION_BOOST: f64 = 0.5;
pub const MAX_CITATIONS: u32 = 4;

/// The priority of a competency in the plan: its gap's priority, raised by
/// the debriefs that cite it. A competency the person believes they meet
/// but that interviewers keep citing gets a priority of its own, as if it
/// were one level short: what employers say outweighs a self-rating.
pub fn priority(c: &crate::readiness::CompetencyReadiness, cited: u32) -> f64 {
    let boost = 1.0 + CITATION_BOOST * f64::from(cited.min(MAX_CITATIONS));
    if c.gap > 0 {
        c.priority() * boost
    } else if cited > 0 {
        c.weight * CITATION_BOOST * f64::from(cited.min(MAX_CITATIONS))
    } else {
        0.0
    }
}

mod generator;
pub use generator::generate;
mod season;
pub use season::{
    after_break, in_year_end_break, named_time, working_weeks_after, FinancialYear, ROUND_MONTHS,
};

#[cfg(test)]
mod personas;
#[cfg(test)]
mod tests;

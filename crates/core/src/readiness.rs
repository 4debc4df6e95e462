//! Readiness and gaps for a target role. The model is documented in
//! docs/readiness.md; the constants below are the ones it names.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::assessment::Levels;
use crate::feedback::{FeedbackLevels, Observed};
use crate::framework::{ActionKind, CompetencyId, Framework, Role, RoleId};
use crate::named::named_enum;

/// Development threads a person can run at once when closing gaps.
pub const PARALLEL_THREADS: f64 = 2.0;
/// Weeks to raise a competency one level when the framework has no action
/// for it.
pub const DEFAULT_WEEKS_PER_LEVEL: u32 = 12;
/// Remaining development (in weeks) within which a person can be ready now:
/// about 90 days, the usual meaning of "ready now" in succession planning.
pub const READY_NOW_WEEKS: u32 = 13;
pub const SIX_TO_TWELVE_MONTHS_WEEKS: u32 = 52;
pub const ONE_TO_TWO_YEARS_WEEKS: u32 = 104;

named_enum! {
    /// How long until ready, nearest first.
    pub enum Band {
        ReadyNow = "ready-now",
        SixToTwelveMonths = "6-12-months",
        OneToTwoYears = "1-2-years",
        TwoPlusYears = "2-plus-years",
    }
}

impl Band {
    /// The band as people read it: "6–12 months".
    pub fn label(self) -> &'static str {
        match self {
            Self::ReadyNow => "ready now",
            Self::SixToTwelveMonths => "6–12 months",
            Self::OneToTwoYears => "1–2 years",
            Self::TwoPlusYears => "2+ years",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Self::ReadyNow => "ready now",
            Self::SixToTwelveMonths => "ready within a year",
            Self::OneToTwoYears => "ready in one to two years",
            Self::TwoPlusYears => "more than two years away",
        }
    }
}

named_enum! {
    /// Where a current level came from: the self-assessment, the manager's
    /// rating and the other raters' average of the latest visible 360
    /// feedback, or several of them (see [`blend`]); `not-assessed` counts
    /// as the scale minimum.
    pub enum LevelSource {
        SelfRating = "self",
        SelfManager = "self+manager",
        SelfOthers = "self+others",
        SelfManagerOthers = "self+manager+others",
        Manager = "manager",
        Others = "others",
        ManagerOthers = "manager+others",
        NotAssessed = "not-assessed",
    }
}

impl LevelSource {
    /// Whose judgement the level is, as a person reads it ("self +
    /// manager + others", "not assessed").
    pub fn label(self) -> String {
        self.as_str().replace('+', " + ").replace('-', " ")
    }
}

/// The current level of one competency from what is known: the mean of the
/// sources present — self, the manager, all other visible raters — each
/// counting once, rounded to the nearest level with halves rounded down
/// (feedback never rounds anyone up).
pub fn blend(
    min: u8,
    max: u8,
    self_level: Option<u8>,
    observed: Option<Observed>,
) -> (u8, LevelSource) {
    let o = observed.unwrap_or_default();
    let present: Vec<f64> = [self_level.map(f64::from), o.manager, o.others]
        .into_iter()
        .flatten()
        .collect();
    let source = match (
        self_level.is_some(),
        o.manager.is_some(),
        o.others.is_some(),
    ) {
        (true, false, false) => LevelSource::SelfRating,
        (true, true, false) => LevelSource::SelfManager,
        (true, false, true) => LevelSource::SelfOthers,
        (true, true, true) => LevelSource::SelfManagerOthers,
        (false, true, false) => LevelSource::Manager,
        (false, false, true) => LevelSource::Others,
        (false, true, true) => LevelSource::ManagerOthers,
        (false, false, false) => return (min, LevelSource::NotAssessed),
    };
    let mean = present.iter().sum::<f64>() / present.len() as f64;
    let level = (mean - 0.5).ceil().clamp(f64::from(min), f64::from(max)) as u8;
    (level, source)
}

/// One competency of the target role.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CompetencyReadiness {
    pub id: CompetencyId,
    pub name: String,
    pub expected: u8,
    pub current: u8,
    /// `max(0, expected - current)`.
    pub gap: u8,
    /// Pieces of evidence tagged to this competency.
    pub evidence: u32,
    pub critical: bool,
    pub weight: f64,
    pub source: LevelSource,
    /// Interview debriefs whose reasons cite this competency.
    pub debriefs: u32,
    /// Journal entries of feedback that name a gap in it ("needs to let go
    /// of the keyboard") that nothing recorded since answers: not
    /// evidence, but a doubt on the level claimed.
    pub named_gaps: u32,
}

impl CompetencyReadiness {
    /// How urgent closing this gap is: size × weight, doubled when critical.
    pub fn priority(&self) -> f64 {
        f64::from(self.gap) * self.weight * if self.critical { 2.0 } else { 1.0 }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Readiness {
    pub target: RoleId,
    pub target_name: String,
    /// In [0, 1]; 1 exactly when no competency is below expectation.
    pub readiness: f64,
    pub band: Band,
    /// Weeks of development estimated to close every gap.
    pub estimated_weeks: u32,
    pub competencies: Vec<CompetencyReadiness>,
    /// Critical competencies with no evidence at all.
    pub missing_evidence: Vec<CompetencyId>,
    /// The explanation as one paragraph.
    pub explanation: String,
    /// The same, one sentence an entry, for display.
    #[serde(skip)]
    pub explanation_lines: Vec<String>,
    /// What the move from the role held asks beyond the levels
    /// ([`Readiness::note_move`]): the nearest band it allows, and why.
    #[serde(skip)]
    move_floor: Option<MoveFloor>,
}

/// The nearest band a move allows whatever the levels say, and why.
#[derive(Debug, Clone, PartialEq)]
struct MoveFloor {
    band: Band,
    /// Whether it holds for someone the levels put at ready now: a role
    /// two moves up is never ready now; a record of months is what shows
    /// levels met, so it holds only short of ready now.
    over_ready_now: bool,
    why: String,
}

impl Readiness {
    /// Notes how many interview debriefs cite each competency.
    pub fn cite(&mut self, citations: &BTreeMap<CompetencyId, u32>) {
        for c in &mut self.competencies {
            c.debriefs = citations.get(c.id.as_str()).copied().unwrap_or(0);
        }
    }

    /// Notes how many journal entries of feedback name a gap in each
    /// competency that nothing recorded since answers. Such feedback on a
    /// critical competency the levels put at the expectation keeps the
    /// person from ready now: a rating the feedback doubts is no proof.
    pub fn note_named_gaps(&mut self, named: &BTreeMap<CompetencyId, u32>) {
        let mut changed = false;
        for c in &mut self.competencies {
            let n = named.get(c.id.as_str()).copied().unwrap_or(0);
            changed |= c.named_gaps != n;
            c.named_gaps = n;
        }
        // Judged again only when it matters: the bench judges thousands.
        if changed {
            self.judge();
        }
    }

    /// Notes the move from the role held, where the framework says more
    /// than the levels do. A role two moves up (a step between, as IT
    /// manager between developer and IT director) is more than two years
    /// away: seed 001's ladder is climbed a rung at a time, seed 003's
    /// manager of managers is a bigger move than it looks. A move whose
    /// transition asks for months of the new role's work on the record
    /// (`record_months`) is no nearer than those months, which start only
    /// once that work does: a 12-month record puts it one to two years
    /// away, short of ready now (review 13, finding 1).
    pub fn note_move(&mut self, framework: &Framework, held: Option<&Role>) {
        let floor = held
            .filter(|h| h.id != self.target)
            .and_then(|held| self.floor_from(framework, held));
        if floor != self.move_floor {
            self.move_floor = floor;
            self.judge();
        }
    }

    /// What the move from `held` asks beyond the levels, if anything.
    fn floor_from(&self, framework: &Framework, held: &Role) -> Option<MoveFloor> {
        if let Some(step) = framework
            .step_toward(held.id.as_str(), self.target.as_str())
            .filter(|s| s.id != self.target)
        {
            Some(MoveFloor {
                band: Band::TwoPlusYears,
                over_ready_now: true,
                why: format!(
                    "{} is more than one move above {}: {} comes first, so it is more than two years away, whatever the levels say.",
                    self.target_name, held.name, step.name
                ),
            })
        } else {
            framework
                .transitions_from(held.id.as_str())
                .find(|t| t.to == self.target)
                .and_then(|t| t.record_months)
                .map(|m| {
                    // Months as weeks, and past them: the record starts
                    // once the new role's work does, not today.
                    let weeks = m.saturating_mul(52) / 12 + 1;
                    MoveFloor {
                        band: band_of(weeks),
                        over_ready_now: false,
                        why: format!(
                            "{} → {} is a bigger step than its levels: about {m} months of that role's work on your record come first, counted from when that work starts: {} at the nearest.",
                            held.name,
                            self.target_name,
                            band_of(weeks).describe()
                        ),
                    }
                })
        }
    }

    /// Competencies the levels put at the expectation, which feedback
    /// still names a gap in.
    pub fn doubted(&self) -> Vec<&CompetencyReadiness> {
        self.competencies
            .iter()
            .filter(|c| c.gap == 0 && c.named_gaps > 0 && c.expected > 0)
            .collect()
    }

    /// The band and the explanation, from the competencies as noted.
    fn judge(&mut self) {
        let critical_gap = self.competencies.iter().any(|c| c.critical && c.gap > 0);
        let critical_doubt = self.doubted().iter().any(|c| c.critical);
        self.band = if !critical_gap
            && !critical_doubt
            && self.missing_evidence.is_empty()
            && self.estimated_weeks <= READY_NOW_WEEKS
        {
            Band::ReadyNow
        } else {
            band_of(self.estimated_weeks.max(READY_NOW_WEEKS + 1))
        };
        if let Some(f) = &self.move_floor {
            if f.over_ready_now || self.band != Band::ReadyNow {
                self.band = self.band.max(f.band);
            }
        }
        self.explanation_lines = explain(self);
        self.explanation = self.explanation_lines.join(" ");
    }

    /// The citations noted by [`Readiness::cite`], by competency id.
    pub fn citations(&self) -> BTreeMap<CompetencyId, u32> {
        self.competencies
            .iter()
            .filter(|c| c.debriefs > 0)
            .map(|c| (c.id.clone(), c.debriefs))
            .collect()
    }

    /// Readiness in whole percent, rounded down like the figure itself.
    pub fn percent(&self) -> u32 {
        (self.readiness * 100.0).floor() as u32
    }

    /// Competencies below expectation, most urgent first.
    pub fn gaps(&self) -> Vec<&CompetencyReadiness> {
        let mut gaps: Vec<&CompetencyReadiness> =
            self.competencies.iter().filter(|c| c.gap > 0).collect();
        gaps.sort_by(|a, b| b.priority().total_cmp(&a.priority()));
        gaps
    }
}

/// Step 0 (seed 004: master your job before you think of managing): the
/// competencies the role held now counts critical and the person is below.
pub fn step0(now: &Readiness) -> Vec<&CompetencyReadiness> {
    now.competencies
        .iter()
        .filter(|c| c.critical && c.gap > 0)
        .collect()
}

/// What step 0 says to the person, if anything: `role_now` is the name of
/// the role they hold.
pub fn step0_note(role_now: &str, below: &[&CompetencyReadiness]) -> Option<String> {
    if below.is_empty() {
        return None;
    }
    Some(format!(
        "Master your job before the move: as {role_now} you are expected at {}, and you are not there yet. Excellence in the role you hold comes first (seed 004, step 0).",
        below
            .iter()
            .map(|c| format!("{} {} (you: {})", c.name, c.expected, c.current))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// Weeks it takes to raise `competency` one level: the median effort of the
/// experience actions that develop it and suit the target's track (on-the-job
/// experience is what moves a level), else of any suitable action, else a
/// default.
pub fn weeks_per_level(framework: &Framework, role: &Role, competency: &str) -> u32 {
    let suitable = |kind: Option<ActionKind>| -> Vec<u32> {
        let mut v: Vec<u32> = framework
            .actions
            .iter()
            .filter(|a| a.suits(role) && a.covers(competency))
            .filter(|a| kind.is_none_or(|k| a.kind == k))
            .map(|a| a.effort_weeks)
            .collect();
        v.sort_unstable();
        v
    };
    let efforts = {
        let exp = suitable(Some(ActionKind::Experience));
        if exp.is_empty() {
            suitable(None)
        } else {
            exp
        }
    };
    match efforts.len() {
        0 => DEFAULT_WEEKS_PER_LEVEL,
        n if n % 2 == 1 => efforts[n / 2],
        n => (efforts[n / 2 - 1] + efforts[n / 2]).div_ceil(2),
    }
}

/// Readiness of a person for `role`, from their self-assessed levels and
/// the evidence counted per competency id.
pub fn assess(
    framework: &Framework,
    role: &Role,
    current: &Levels,
    evidence: &BTreeMap<CompetencyId, u32>,
) -> Readiness {
    assess_with_feedback(
        framework,
        role,
        current,
        &FeedbackLevels::default(),
        evidence,
    )
}

/// Readiness from the self-assessment blended with visible 360 feedback
/// ([`blend`]); each request with visible feedback on a competency also
/// counts as a piece of evidence for it.
pub fn assess_with_feedback(
    framework: &Framework,
    role: &Role,
    current: &Levels,
    feedback: &FeedbackLevels,
    evidence: &BTreeMap<CompetencyId, u32>,
) -> Readiness {
    let (min, max) = (framework.scale.min, framework.scale.max);
    let mut competencies = Vec::new();
    let (mut weighted, mut total_weight) = (0.0_f64, 0.0_f64);
    let (mut longest, mut sum_weeks) = (0_u32, 0_u32);
    for c in &framework.competencies {
        let expected = role.expected(c.id.as_str()).map_or(min, |l| l.value());
        let (current_level, source) = blend(
            min,
            max,
            current.get(c.id.as_str()).map(|l| l.value()),
            feedback.get(c.id.as_str()),
        );
        let gap = expected.saturating_sub(current_level);
        let weight = role.weight(c.id.as_str());
        if expected > min {
            // Credit for each level up to the expectation; levels above it
            // earn nothing, so raising a level never lowers readiness.
            let reached = f64::from(current_level.min(expected).saturating_sub(min));
            weighted += weight * reached / f64::from(expected - min);
            total_weight += weight;
        }
        if gap > 0 {
            let weeks = u32::from(gap) * weeks_per_level(framework, role, c.id.as_str());
            longest = longest.max(weeks);
            sum_weeks += weeks;
        }
        competencies.push(CompetencyReadiness {
            id: c.id.clone(),
            name: c.name.clone(),
            expected,
            current: current_level,
            gap,
            evidence: evidence.get(c.id.as_str()).copied().unwrap_or(0)
                + feedback.requests(c.id.as_str()),
            critical: role.is_critical(c.id.as_str()),
            weight,
            debriefs: 0,
            named_gaps: 0,
            source,
        });
    }
    let readiness = if total_weight == 0.0 || competencies.iter().all(|c| c.gap == 0) {
        1.0
    } else {
        // Floor to three decimals: never shows 1.0 while a gap remains, and
        // keeps the figure stable in JSON.
        ((weighted / total_weight) * 1000.0).floor() / 1000.0
    };
    let estimated_weeks = (f64::from(sum_weeks) / PARALLEL_THREADS)
        .ceil()
        .max(f64::from(longest)) as u32;

    let missing_evidence: Vec<CompetencyId> = competencies
        .iter()
        .filter(|c| c.critical && c.evidence == 0)
        .map(|c| c.id.clone())
        .collect();
    let mut r = Readiness {
        target: role.id.clone(),
        target_name: role.name.clone(),
        readiness,
        band: Band::TwoPlusYears,
        estimated_weeks,
        competencies,
        missing_evidence,
        explanation: String::new(),
        explanation_lines: Vec::new(),
        move_floor: None,
    };
    r.judge();
    r
}

/// The band of development weeks past ready now.
fn band_of(weeks: u32) -> Band {
    if weeks <= READY_NOW_WEEKS {
        Band::ReadyNow
    } else if weeks <= SIX_TO_TWELVE_MONTHS_WEEKS {
        Band::SixToTwelveMonths
    } else if weeks <= ONE_TO_TWO_YEARS_WEEKS {
        Band::OneToTwoYears
    } else {
        Band::TwoPlusYears
    }
}

fn names(list: &[&CompetencyReadiness]) -> String {
    list.iter()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn explain(r: &Readiness) -> Vec<String> {
    let mut s = Vec::new();
    let n = r.competencies.len();
    let met = r.competencies.iter().filter(|c| c.gap == 0).count();
    s.push(format!(
        "Readiness for {} is {}%: {met} of {n} competencies meet what the role expects.",
        r.target_name,
        r.percent()
    ));
    let not_assessed = r
        .competencies
        .iter()
        .filter(|c| c.source == LevelSource::NotAssessed)
        .count();
    if not_assessed > 0 {
        s.push(format!(
            "{not_assessed} competencies have no rating and count as the lowest level."
        ));
    }
    let blended = r
        .competencies
        .iter()
        .filter(|c| !matches!(c.source, LevelSource::SelfRating | LevelSource::NotAssessed))
        .count();
    if blended > 0 {
        s.push(format!(
            "{blended} current levels take in 360 feedback as well as your own rating."
        ));
    }
    let gaps = r.gaps();
    if !gaps.is_empty() {
        let top: Vec<String> = gaps
            .iter()
            .take(3)
            .map(|c| {
                format!(
                    "{} ({} of {}{})",
                    c.name,
                    c.current,
                    c.expected,
                    if c.critical { ", critical" } else { "" }
                )
            })
            .collect();
        s.push(format!("The largest gaps: {}.", top.join("; ")));
        s.push(format!(
            "At the framework's pace for each level, closing every gap takes about {} weeks of development, working on {} things at a time (an estimate; your plan dates the actual work).",
            r.estimated_weeks, PARALLEL_THREADS as u32
        ));
    }
    let critical_gaps: Vec<&CompetencyReadiness> = r
        .competencies
        .iter()
        .filter(|c| c.critical && c.gap > 0)
        .collect();
    if !critical_gaps.is_empty() {
        s.push(format!(
            "Critical for the role and still below expectation: {}. Until {} met you are not ready now, whatever the overall score.",
            names(&critical_gaps),
            if critical_gaps.len() == 1 { "it is" } else { "these are" }
        ));
    }
    let missing: Vec<&CompetencyReadiness> = r
        .competencies
        .iter()
        .filter(|c| r.missing_evidence.contains(&c.id))
        .collect();
    if !missing.is_empty() {
        s.push(format!(
            "Critical competencies with no evidence yet: {}. A self-rating alone is not proof: record what you did as a journal entry or finish a plan item tagged to each.",
            names(&missing)
        ));
    }
    let doubted = r.doubted();
    if !doubted.is_empty() {
        let critical = doubted.iter().any(|c| c.critical);
        s.push(format!(
            "Feedback names a gap in {}, which your levels put at what the role expects{}.",
            names(&doubted),
            if critical {
                ": until something you record after it shows the gap closed, you are not ready now"
            } else {
                ": record what shows it closed"
            }
        ));
    }
    s.push(match r.band {
        Band::ReadyNow => "Every critical expectation is met and backed by evidence, and what remains fits in about 90 days: ready now.".to_owned(),
        // Every level met: only the missing evidence keeps the person from
        // ready now, and saying "within a year" alone would hide that.
        b if r.gaps().is_empty() && !missing.is_empty() && doubted.is_empty() => format!(
            "Band: {} ({}): every level is met, and what stands between you and ready now is the evidence for {}.",
            b.label(),
            b.describe(),
            names(&missing)
        ),
        b => format!("Band: {} ({}).", b.label(), b.describe()),
    });
    // The move's own reason, where it holds the band back.
    if let Some(f) = r.move_floor.as_ref().filter(|f| r.band == f.band) {
        s.push(f.why.clone());
    }
    s
}

#[cfg(test)]
mod tests;

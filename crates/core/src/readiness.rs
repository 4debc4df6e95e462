//! Readiness and gaps for a target role. The model is documented in
//! docs/readiness.md; the constants below are the ones it names.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::assessment::Levels;
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
    /// Where a current level came from; `not-assessed` counts as the scale
    /// minimum.
    pub enum LevelSource {
        SelfRating = "self",
        NotAssessed = "not-assessed",
    }
}

/// One competency of the target role.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
}

impl CompetencyReadiness {
    /// How urgent closing this gap is: size × weight, doubled when critical.
    pub fn priority(&self) -> f64 {
        f64::from(self.gap) * self.weight * if self.critical { 2.0 } else { 1.0 }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
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
}

impl Readiness {
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

/// Weeks it takes to raise `competency` one level: the median effort of the
/// experience actions that develop it and suit the target's track (on-the-job
/// experience is what moves a level), else of any suitable action, else a
/// default.
pub fn weeks_per_level(framework: &Framework, role: &Role, competency: &str) -> u32 {
    let suitable = |kind: Option<ActionKind>| -> Vec<u32> {
        let mut v: Vec<u32> = framework
            .actions
            .iter()
            .filter(|a| a.suits(role.track) && a.covers(competency))
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

/// Readiness of a person for `role`, from their current levels and the
/// evidence counted per competency id.
pub fn assess(
    framework: &Framework,
    role: &Role,
    current: &Levels,
    evidence: &BTreeMap<String, u32>,
) -> Readiness {
    let min = framework.scale.min;
    let mut competencies = Vec::new();
    let (mut weighted, mut total_weight) = (0.0_f64, 0.0_f64);
    let (mut longest, mut sum_weeks) = (0_u32, 0_u32);
    for c in &framework.competencies {
        let expected = role.expected(c.id.as_str()).map_or(min, |l| l.value());
        let (current_level, source) = match current.get(c.id.as_str()) {
            Some(l) => (l.value(), LevelSource::SelfRating),
            None => (min, LevelSource::NotAssessed),
        };
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
            evidence: evidence.get(c.id.as_str()).copied().unwrap_or(0),
            critical: role.is_critical(c.id.as_str()),
            weight,
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

    let critical_gaps: Vec<&CompetencyReadiness> = competencies
        .iter()
        .filter(|c| c.critical && c.gap > 0)
        .collect();
    let missing_evidence: Vec<CompetencyId> = competencies
        .iter()
        .filter(|c| c.critical && c.evidence == 0)
        .map(|c| c.id.clone())
        .collect();
    let band = if critical_gaps.is_empty()
        && missing_evidence.is_empty()
        && estimated_weeks <= READY_NOW_WEEKS
    {
        Band::ReadyNow
    } else if estimated_weeks <= SIX_TO_TWELVE_MONTHS_WEEKS {
        Band::SixToTwelveMonths
    } else if estimated_weeks <= ONE_TO_TWO_YEARS_WEEKS {
        Band::OneToTwoYears
    } else {
        Band::TwoPlusYears
    };

    let mut r = Readiness {
        target: role.id.clone(),
        target_name: role.name.clone(),
        readiness,
        band,
        estimated_weeks,
        competencies,
        missing_evidence,
        explanation: String::new(),
        explanation_lines: Vec::new(),
    };
    r.explanation_lines = explain(&r);
    r.explanation = r.explanation_lines.join(" ");
    r
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
            "Closing every gap takes about {} weeks of development, working on {} things at a time.",
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
            "Critical for the role and still below expectation: {}. Nobody is ready now with a critical gap.",
            names(&critical_gaps)
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
    s.push(match r.band {
        Band::ReadyNow => "Every critical expectation is met and backed by evidence, and what remains fits in about 90 days: ready now.".to_owned(),
        b => format!("Band: {} ({}).", b.as_str(), b.describe()),
    });
    s
}

#[cfg(test)]
mod tests;

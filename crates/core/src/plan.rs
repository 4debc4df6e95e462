//! Development plan generation: actions from the framework's catalog chosen
//! to close the largest gaps first, mostly on-the-job experience (70-20-10),
//! with due dates spread over the horizon.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::error::InvalidValue;
use crate::framework::{Action, ActionId, ActionKind, CompetencyId, Framework, Role};
use crate::readiness::Readiness;

pub const HORIZON_MONTHS: RangeInclusive<u32> = 1..=36;
pub const DEFAULT_HORIZON_MONTHS: u32 = 12;

/// Checks a plan horizon given by a user.
pub fn horizon(value: i64) -> Result<u32, InvalidValue> {
    if value < i64::from(*HORIZON_MONTHS.start()) || value > i64::from(*HORIZON_MONTHS.end()) {
        return Err(InvalidValue::new(
            "horizon-months",
            value,
            format!(
                "a whole number of months from {} to {}",
                HORIZON_MONTHS.start(),
                HORIZON_MONTHS.end()
            ),
        ));
    }
    Ok(value as u32)
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

/// A plan item proposed from the catalog.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposedItem {
    pub action: ActionId,
    pub title: String,
    pub kind: ActionKind,
    pub competencies: Vec<CompetencyId>,
    pub effort_weeks: u32,
    pub due: NaiveDate,
}

/// A generated plan: the new items, and the gaps no remaining catalog
/// action can cover (the person can add their own item for those).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    pub items: Vec<ProposedItem>,
    pub uncovered: Vec<CompetencyId>,
}

/// What the generator needs; `exclude` holds actions already done or
/// dropped by the person, which are not proposed again.
pub struct Request<'a> {
    pub framework: &'a Framework,
    pub role: &'a Role,
    pub readiness: &'a Readiness,
    pub horizon_months: u32,
    pub start: NaiveDate,
    pub exclude: &'a BTreeSet<ActionId>,
    /// How many interview debriefs cite each competency id.
    pub cited: &'a BTreeMap<String, u32>,
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

pub fn generate(req: &Request) -> Proposal {
    let cited = |id: &CompetencyId| req.cited.get(id.as_str()).copied().unwrap_or(0);
    let mut gaps: Vec<(CompetencyId, f64)> = req
        .readiness
        .competencies
        .iter()
        .map(|c| (c.id.clone(), priority(c, cited(&c.id))))
        .filter(|(_, p)| *p > 0.0)
        .collect();
    gaps.sort_by(|a, b| b.1.total_cmp(&a.1));
    let priority =
        |c: &CompetencyId| -> f64 { gaps.iter().find(|(id, _)| id == c).map_or(0.0, |(_, p)| *p) };
    let candidates: Vec<&Action> = req
        .framework
        .actions
        .iter()
        .filter(|a| a.suits(req.role.track) && !req.exclude.contains(&a.id))
        .collect();

    let mut chosen: Vec<&Action> = Vec::new();
    let mut uncovered: BTreeSet<CompetencyId> = gaps.iter().map(|(c, _)| c.clone()).collect();

    // On-the-job experience first, then whatever covers the rest.
    cover(
        &candidates,
        &[ActionKind::Experience],
        &priority,
        &mut chosen,
        &mut uncovered,
    );
    cover(
        &candidates,
        &[ActionKind::Relationship, ActionKind::Education],
        &priority,
        &mut chosen,
        &mut uncovered,
    );

    // Value of an action against all gaps, for the balancing steps below.
    let value_all = |a: &Action| -> f64 { a.competencies.iter().map(priority).sum() };
    let best_of = |kind: ActionKind, chosen: &[&Action]| -> Option<&Action> {
        candidates
            .iter()
            .copied()
            .filter(|a| a.kind == kind && !chosen.iter().any(|c| c.id == a.id))
            .filter(|a| value_all(a) > 0.0)
            .max_by(|a, b| {
                value_all(a)
                    .total_cmp(&value_all(b))
                    .then(b.effort_weeks.cmp(&a.effort_weeks))
            })
    };
    let experience = |chosen: &[&Action]| {
        chosen
            .iter()
            .filter(|a| a.kind == ActionKind::Experience)
            .count()
    };

    // 70-20-10: learn from others and from a course too, as long as
    // experience stays at least half of the plan.
    for kind in [ActionKind::Relationship, ActionKind::Education] {
        if chosen.iter().any(|a| a.kind == kind) {
            continue;
        }
        if let Some(a) = best_of(kind, &chosen) {
            // Adding one more keeps experience at half or more.
            if 2 * experience(&chosen) > chosen.len() {
                chosen.push(a);
            }
        }
    }
    // Experience is at least half of the items.
    while 2 * experience(&chosen) < chosen.len() {
        match best_of(ActionKind::Experience, &chosen) {
            Some(a) => chosen.push(a),
            None => break,
        }
    }

    // Most urgent first; due dates spread evenly over the horizon, never
    // sooner than the action's effort allows, never past the horizon.
    let urgency = |a: &Action| -> f64 { a.competencies.iter().map(priority).fold(0.0, f64::max) };
    chosen.sort_by(|a, b| {
        urgency(b)
            .total_cmp(&urgency(a))
            .then(a.effort_weeks.cmp(&b.effort_weeks))
    });
    let end = req
        .start
        .checked_add_months(Months::new(req.horizon_months))
        .unwrap_or(req.start);
    let span_days = (end - req.start).num_days().max(1);
    let n = chosen.len() as i64;
    let mut items: Vec<ProposedItem> = chosen
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let slot = (span_days * (i as i64 + 1) + n - 1) / n;
            let days = slot.max(i64::from(a.effort_weeks) * 7).min(span_days);
            ProposedItem {
                action: a.id.clone(),
                title: a.title.clone(),
                kind: a.kind,
                competencies: a.competencies.clone(),
                effort_weeks: a.effort_weeks,
                due: req.start + chrono::Duration::days(days),
            }
        })
        .collect();
    items.sort_by_key(|i| i.due);
    Proposal {
        items,
        uncovered: uncovered.into_iter().collect(),
    }
}

/// Greedy weighted set cover: the action that closes the most remaining
/// priority first; ties go to the shorter action, then catalog order.
fn cover<'a>(
    candidates: &[&'a Action],
    kinds: &[ActionKind],
    priority: &dyn Fn(&CompetencyId) -> f64,
    chosen: &mut Vec<&'a Action>,
    uncovered: &mut BTreeSet<CompetencyId>,
) {
    loop {
        let mut best: Option<(&'a Action, f64)> = None;
        for a in candidates.iter().copied() {
            if !kinds.contains(&a.kind) || chosen.iter().any(|c| c.id == a.id) {
                continue;
            }
            let value: f64 = a
                .competencies
                .iter()
                .filter(|c| uncovered.contains(*c))
                .map(priority)
                .sum();
            let better = match best {
                None => value > 0.0,
                Some((b, bv)) => value > bv || (value == bv && a.effort_weeks < b.effort_weeks),
            };
            if better {
                best = Some((a, value));
            }
        }
        match best {
            Some((a, _)) => {
                for c in &a.competencies {
                    uncovered.remove(c);
                }
                chosen.push(a);
            }
            None => break,
        }
    }
}

#[cfg(test)]
mod tests;

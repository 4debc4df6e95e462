//! The fit check: is management the right move, or the technical track?
//!
//! Each statement is rated 1 (strongly disagree) to 5 (strongly agree) and
//! pulls toward its track. Each track's score is the mean agreement with its
//! statements, scaled to 0–100. See docs/readiness.md for the rule.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::answers::{self, Entry};
use crate::error::{FileError, InvalidValue, Problems};
use crate::framework::{FitStatement, Framework, Role, Track, TransitionKind};
use crate::named::named_enum;

/// The lowest and highest agreement a statement can be given.
pub const AGREEMENT: (u8, u8) = (1, 5);
/// A track must score at least this to be recommended.
pub const RECOMMEND_AT: u8 = 60;
/// ... and lead the other track by at least this many points.
pub const CLEAR_LEAD: u8 = 15;

/// Agreement (1–5) with every fit statement of a framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct FitAnswers(BTreeMap<String, u8>);

impl FitAnswers {
    pub fn get(&self, statement: &str) -> Option<u8> {
        self.0.get(statement).copied()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }
}

/// Checks one answer given at a prompt or in a file.
pub fn agreement(statement: &str, value: i64) -> Result<u8, InvalidValue> {
    if value < i64::from(AGREEMENT.0) || value > i64::from(AGREEMENT.1) {
        return Err(InvalidValue::new(
            format!("answer to '{statement}'"),
            value,
            "a whole number from 1 (strongly disagree) to 5 (strongly agree)",
        ));
    }
    Ok(value as u8)
}

/// Builds answers from pairs (for example from an interactive prompt);
/// every statement of the framework must be answered.
pub fn answers_from(
    framework: &Framework,
    pairs: impl IntoIterator<Item = (String, i64)>,
) -> Result<FitAnswers, InvalidValue> {
    let mut map = BTreeMap::new();
    for (id, v) in pairs {
        if !framework.fit_statements.iter().any(|s| s.id == id) {
            return Err(InvalidValue::one_of(
                "fit statement",
                &id,
                framework.fit_statements.iter().map(|s| s.id.as_str()),
            ));
        }
        map.insert(id.clone(), agreement(&id, v)?);
    }
    if let Some(missing) = framework
        .fit_statements
        .iter()
        .find(|s| !map.contains_key(&s.id))
    {
        return Err(InvalidValue::new(
            "fit statement",
            &missing.id,
            "every statement needs an answer from 1 to 5",
        ));
    }
    Ok(FitAnswers(map))
}

/// Parses an answers file: `[answers]` with `statement-id = 1..5`.
pub fn parse_answers(
    framework: &Framework,
    file: &str,
    text: &str,
) -> Result<FitAnswers, FileError> {
    let mut problems = Problems::new(file, text);
    let Some(entries) = answers::read_section(&mut problems, text, "answers") else {
        return Err(problems.into_error());
    };
    let ids: Vec<&str> = framework
        .fit_statements
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    let mut map = BTreeMap::new();
    let given: Vec<String> = entries.iter().map(|e| e.key.clone()).collect();
    for Entry { key, value, span } in entries {
        let Some(value) = value else { continue };
        if !ids.contains(&key.as_str()) {
            problems.at(
                span,
                format!("unknown fit statement '{key}': allowed: {}", ids.join(", ")),
            );
            continue;
        }
        match agreement(&key, value) {
            Ok(v) => {
                map.insert(key, v);
            }
            Err(e) => problems.at(span, e.to_string()),
        }
    }
    let missing: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| !given.iter().any(|g| g == id))
        .collect();
    if !missing.is_empty() {
        problems.at(
            text.len()..text.len(),
            format!(
                "no answer for {}: every statement needs an answer from 1 to 5",
                missing.join(", ")
            ),
        );
    }
    answers::finish(problems, FitAnswers(map))
}

named_enum! {
    /// Which track the fit check points to, or `explore` when neither clearly.
    pub enum Recommendation {
        Management = "management",
        Technical = "technical",
        Explore = "explore",
    }
}

/// The outcome of a fit check.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct FitResult {
    /// 0–100: how strongly the answers pull toward management.
    pub management: u8,
    /// 0–100: how strongly the answers pull toward the technical track.
    pub technical: u8,
    pub recommendation: Recommendation,
    /// Which answers drove the result, in plain words.
    pub reasons: Vec<String>,
    /// What to do next.
    pub next_step: String,
}

fn track_score(statements: &[&FitStatement], answers: &FitAnswers) -> Option<u8> {
    let rated: Vec<u8> = statements
        .iter()
        .filter_map(|s| answers.get(&s.id))
        .collect();
    if rated.is_empty() {
        return None;
    }
    let sum: u32 = rated.iter().map(|&a| u32::from(a - AGREEMENT.0)).sum();
    let max = (rated.len() as u32) * u32::from(AGREEMENT.1 - AGREEMENT.0);
    Some(((sum * 100 + max / 2) / max) as u8)
}

/// Scores a fit check. Time and storage are the caller's.
pub fn score(framework: &Framework, answers: &FitAnswers) -> FitResult {
    let on = |t: Track| -> Vec<&FitStatement> {
        framework
            .fit_statements
            .iter()
            .filter(|s| s.track == t)
            .collect()
    };
    let mgmt_statements = on(Track::Management);
    let tech_statements = on(Track::Technical);
    let management = track_score(&mgmt_statements, answers).unwrap_or(0);
    let technical = track_score(&tech_statements, answers).unwrap_or(0);

    // A verdict rests on conviction: at least one strong answer toward the
    // track (strongly agreeing with it, or strongly disagreeing with the
    // other), or mild answers that all but agree (a lead of twice the
    // clear one). A mild lean is a reason to try it first.
    let convinced = |t: Track| {
        management.abs_diff(technical) >= 2 * CLEAR_LEAD
            || framework.fit_statements.iter().any(|s| {
                answers.get(&s.id).is_some_and(|a| {
                    (s.track == t && a == AGREEMENT.1) || (s.track != t && a == AGREEMENT.0)
                })
            })
    };
    let leaning = if management >= RECOMMEND_AT && management >= technical + CLEAR_LEAD {
        Some(Track::Management)
    } else if technical >= RECOMMEND_AT && technical >= management + CLEAR_LEAD {
        Some(Track::Technical)
    } else {
        None
    };
    let recommendation = match leaning {
        Some(Track::Management) if convinced(Track::Management) => Recommendation::Management,
        Some(Track::Technical) if convinced(Track::Technical) => Recommendation::Technical,
        _ => Recommendation::Explore,
    };

    let mut reasons = Vec::new();
    reasons.push(format!(
        "Management pull {management}/100 from {} statements; technical pull {technical}/100 from {}.",
        mgmt_statements.len(),
        tech_statements.len()
    ));
    // The strongest answers either way are what drove the result.
    let mut strong: Vec<(&FitStatement, u8)> = framework
        .fit_statements
        .iter()
        .filter_map(|s| answers.get(&s.id).map(|a| (s, a)))
        .filter(|(_, a)| *a == AGREEMENT.1 || *a == AGREEMENT.0)
        .collect();
    strong.sort_by_key(|(s, a)| {
        (
            std::cmp::Reverse(*a),
            s.track != recommended_track(recommendation),
        )
    });
    // Both sides: up to three strong agreements and three strong
    // disagreements, so that what someone rejected is said too.
    let agreed = strong.iter().filter(|(_, a)| *a == AGREEMENT.1).take(3);
    let disagreed = strong.iter().filter(|(_, a)| *a == AGREEMENT.0).take(3);
    for (s, a) in agreed.chain(disagreed) {
        let verb = if *a == AGREEMENT.1 {
            "You strongly agreed"
        } else {
            "You strongly disagreed"
        };
        let pull = match (*a == AGREEMENT.1, s.track) {
            (true, Track::Management) => "toward management",
            (true, Track::Technical) => "toward the technical track",
            (false, Track::Management) => "away from management",
            (false, Track::Technical) => "away from the technical track",
        };
        reasons.push(format!(
            "{verb} that \"{}\" ({pull}; {}).",
            s.text, s.source
        ));
    }
    if strong.is_empty() {
        reasons.push("None of your answers was strong either way.".to_owned());
    }
    match recommendation {
        Recommendation::Explore if management >= RECOMMEND_AT && technical >= RECOMMEND_AT => {
            reasons.push("Both tracks pull on you strongly: neither is a clear fit yet.".to_owned())
        }
        Recommendation::Explore if management < RECOMMEND_AT && technical < RECOMMEND_AT => reasons
            .push(format!(
                "Neither track reaches {RECOMMEND_AT}/100: your answers do not yet point anywhere."
            )),
        Recommendation::Explore if leaning.is_some() => reasons.push(format!(
            "Your answers lean toward {}, but none strongly and not by {} points: try it before deciding.",
            match leaning {
                Some(Track::Management) => "management",
                _ => "the technical track",
            },
            2 * CLEAR_LEAD
        )),
        Recommendation::Explore => reasons.push(format!(
            "One track leads, but by less than {CLEAR_LEAD} points: not a clear enough difference."
        )),
        _ => {}
    }

    let next_step = match recommendation {
        Recommendation::Management => "Management looks like a fit, not just a promotion. Assess yourself against your target role (`leap assess`) and see your gaps (`leap gap`).".to_owned(),
        Recommendation::Technical => match technical_role(framework, None) {
            Some(r) => format!("The technical track looks like the better fit: aim for {} (`leap target {}`) and look for an organisation that honours its technical people as well as its managers.", r.name, r.id),
            None => "The technical track looks like the better fit: look for an organisation that honours its technical people as well as its managers.".to_owned(),
        },
        Recommendation::Explore => "Run a time-boxed trial before deciding: lead a project or act as interim manager for about three months with agreed success criteria, then take the fit check again.".to_owned(),
    };

    FitResult {
        management,
        technical,
        recommendation,
        reasons,
        next_step,
    }
}

/// The technical-track role to aim for instead of management: the highest
/// one up the technical track from `current` (by the framework's `up`
/// transitions), or, from anywhere else, the technical role with the
/// highest expectations.
pub fn technical_role<'a>(framework: &'a Framework, current: Option<&Role>) -> Option<&'a Role> {
    let technical = |id: &str| framework.role(id).filter(|r| r.track == Track::Technical);
    let height = |r: &Role| -> u32 { r.expectations.values().map(|l| u32::from(l.value())).sum() };
    if let Some(start) = current.and_then(|c| technical(c.id.as_str())) {
        // Follow the technical ladder up as far as it goes.
        let mut seen = vec![start];
        let mut frontier = vec![start];
        while let Some(r) = frontier.pop() {
            for t in framework
                .transitions
                .iter()
                .filter(|t| t.from == r.id && t.kind == TransitionKind::Up)
            {
                if let Some(next) = technical(t.to.as_str()) {
                    if !seen.iter().any(|s| s.id == next.id) {
                        seen.push(next);
                        frontier.push(next);
                    }
                }
            }
        }
        return seen.into_iter().max_by_key(|r| height(r));
    }
    framework
        .roles
        .iter()
        .filter(|r| r.track == Track::Technical)
        .max_by_key(|r| height(r))
}

fn recommended_track(r: Recommendation) -> Track {
    match r {
        Recommendation::Technical => Track::Technical,
        _ => Track::Management,
    }
}

#[cfg(test)]
mod tests;

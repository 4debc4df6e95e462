//! Check-ins: every so often (monthly by default) the person re-rates what
//! changed, reflects on what went well and what did not, and reviews the
//! plan. Each check-in keeps a snapshot of readiness, so progress can be
//! drawn over time.

use chrono::{Duration, NaiveDate};

use crate::assessment::{self, Levels};
use crate::error::InvalidValue;
use crate::framework::{CompetencyId, Framework};
use crate::text;

pub const EVERY_DAYS: std::ops::RangeInclusive<u32> = 7..=182;
pub const DEFAULT_EVERY_DAYS: u32 = 30;
pub const MAX_NOTE: usize = 4000;

/// How often check-ins fall due, as typed by a user.
pub fn every(s: &str) -> Result<u32, InvalidValue> {
    text::number_in("every", s, EVERY_DAYS, "days")
}

/// The day the next check-in is due: `every` days after the last one, or
/// after the person started when there is none yet.
pub fn due_on(last: Option<NaiveDate>, started: NaiveDate, every: u32) -> NaiveDate {
    last.unwrap_or(started) + Duration::days(i64::from(every))
}

/// What a user typed for a check-in, before validation.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckinInput<'a> {
    /// `competency=level` for each competency whose level changed.
    pub ratings: &'a [String],
    pub went_well: Option<&'a str>,
    pub went_badly: Option<&'a str>,
    pub plan_review: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewCheckin {
    /// The full self-assessment after re-rating, when any level changed.
    pub reassessment: Option<Levels>,
    /// The competencies whose level changed.
    pub changed: Vec<CompetencyId>,
    pub went_well: Option<String>,
    pub went_badly: Option<String>,
    pub plan_review: Option<String>,
}

impl NewCheckin {
    /// `previous` is the latest self-assessment; a check-in re-rates it, so
    /// there must be one.
    pub fn parse(
        framework: &Framework,
        input: CheckinInput<'_>,
        previous: Option<&Levels>,
    ) -> Result<Self, InvalidValue> {
        let Some(previous) = previous else {
            return Err(InvalidValue::new(
                "rate",
                input.ratings.join(" "),
                "a self-assessment first (leap assess, or the Assess page): a check-in re-rates it",
            ));
        };
        let mut rated = Levels::default();
        for r in input.ratings {
            let Some((id, level)) = r.split_once('=') else {
                let example = framework
                    .competencies
                    .first()
                    .map_or_else(|| "a-competency".to_owned(), |c| c.id.to_string());
                return Err(InvalidValue::new(
                    "rate",
                    r,
                    format!("competency=level, such as {example}=3"),
                ));
            };
            let id = framework.parse_competency("rate", id.trim())?;
            let level = level.trim().parse::<i64>().map_err(|_| {
                InvalidValue::new(
                    format!("rate {id}"),
                    level.trim(),
                    format!(
                        "a whole number from {} to {}",
                        framework.scale.min, framework.scale.max
                    ),
                )
            })?;
            rated.set(
                id.clone(),
                framework.scale.level(&format!("rate {id}"), level)?,
            );
        }
        let changed: Vec<CompetencyId> = rated
            .iter()
            .filter(|(id, l)| previous.get(id.as_str()) != Some(*l))
            .map(|(id, _)| id.clone())
            .collect();
        let reassessment = if changed.is_empty() {
            None
        } else {
            // Every competency had a previous level, so nothing is missing.
            assessment::complete(framework, rated, Some(previous))
                .ok()
                .map(|s| s.levels)
        };
        Ok(Self {
            reassessment,
            changed,
            went_well: text::optional("went-well", input.went_well, MAX_NOTE)?,
            went_badly: text::optional("went-badly", input.went_badly, MAX_NOTE)?,
            plan_review: text::optional("plan-review", input.plan_review, MAX_NOTE)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_in_re_rates_only_what_changed() {
        let f = crate::framework::builtin().unwrap();
        let mut previous = Levels::default();
        for c in &f.competencies {
            previous.set(c.id.clone(), f.scale.level("l", 2).unwrap());
        }
        let ratings = vec![
            "leadership-delegation=3".to_owned(),
            "technical-excellence=2".to_owned(),
        ];
        let c = NewCheckin::parse(
            &f,
            CheckinInput {
                ratings: &ratings,
                went_well: Some(" ran the stand-up "),
                ..Default::default()
            },
            Some(&previous),
        )
        .unwrap();
        assert_eq!(c.changed.len(), 1);
        assert_eq!(c.changed[0].as_str(), "leadership-delegation");
        let after = c.reassessment.unwrap();
        assert_eq!(after.len(), f.competencies.len());
        assert_eq!(
            after.get("leadership-delegation").map(|l| l.value()),
            Some(3)
        );
        assert_eq!(c.went_well.as_deref(), Some("ran the stand-up"));

        let unchanged = NewCheckin::parse(&f, CheckinInput::default(), Some(&previous)).unwrap();
        assert_eq!(unchanged.reassessment, None);

        let bad = vec!["leadership-delegation=9".to_owned()];
        assert_eq!(
            NewCheckin::parse(
                &f,
                CheckinInput {
                    ratings: &bad,
                    ..Default::default()
                },
                Some(&previous)
            )
            .unwrap_err()
            .to_string(),
            "invalid rate leadership-delegation '9': a whole number from 0 to 5"
        );
        assert!(NewCheckin::parse(&f, CheckinInput::default(), None).is_err());
        assert_eq!(
            every("3").unwrap_err().to_string(),
            "invalid every '3': a whole number of days from 7 to 182"
        );
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(due_on(None, d("2026-11-01"), 30), d("2026-12-01"));
        assert_eq!(
            due_on(Some(d("2026-11-20")), d("2026-01-01"), 7),
            d("2026-11-27")
        );
    }
}

/// What a check-in's reflections show, read by the same tagger as the
/// journal: what went well as evidence of competencies, what went badly as
/// the competencies it is about.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reflection {
    pub went_well: Vec<crate::tagging::Suggestion>,
    pub went_badly: Vec<crate::tagging::Suggestion>,
}

impl Reflection {
    pub fn read(
        framework: &Framework,
        went_well: Option<&str>,
        went_badly: Option<&str>,
        corrections: &[crate::tagging::Correction],
    ) -> Self {
        let read = |text: Option<&str>| {
            text.map(|t| {
                crate::tagging::tag(
                    framework,
                    t,
                    crate::tagging::Source::Evidence,
                    Vec::new(),
                    corrections,
                )
                .suggestions
            })
            .unwrap_or_default()
        };
        Self {
            went_well: read(went_well),
            went_badly: read(went_badly),
        }
    }
}

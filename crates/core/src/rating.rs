//! A manager's rating of a report, beside the report's own (issue #20):
//! the same level descriptors as the self-assessment. Where the two differ
//! by [`TALK_ABOUT_AT`] levels or more, the difference is flagged to talk
//! about. In readiness the manager's rating is the manager's judgement
//! ([`crate::readiness::blend`]): it stands for the manager where the
//! manager rated, before any 360 answer of the manager group.

use serde::Serialize;

use crate::assessment::Levels;
use crate::feedback::FeedbackLevels;
use crate::framework::{CompetencyId, Framework};

/// Levels apart at which a difference is worth a conversation.
pub const TALK_ABOUT_AT: u8 = 2;

/// One competency, as the person and their manager rate it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Difference {
    pub competency: CompetencyId,
    pub name: String,
    /// The person's own level (none before a self-assessment).
    pub own: Option<u8>,
    /// The manager's level (none where they did not rate).
    pub manager: Option<u8>,
    /// Both rated and they are [`TALK_ABOUT_AT`] or more levels apart.
    pub flagged: bool,
}

/// Every competency of the framework, the person's level beside the
/// manager's, in the framework's order.
pub fn compare(framework: &Framework, own: &Levels, manager: &Levels) -> Vec<Difference> {
    framework
        .competencies
        .iter()
        .map(|c| {
            let own = own.get(c.id.as_str()).map(|l| l.value());
            let manager = manager.get(c.id.as_str()).map(|l| l.value());
            let flagged =
                matches!((own, manager), (Some(a), Some(b)) if a.abs_diff(b) >= TALK_ABOUT_AT);
            Difference {
                competency: c.id.clone(),
                name: c.name.clone(),
                own,
                manager,
                flagged,
            }
        })
        .collect()
}

/// The visible 360 feedback with the manager's rating standing for the
/// manager on each competency they rated.
pub fn with_manager(mut feedback: FeedbackLevels, manager: &Levels) -> FeedbackLevels {
    for (c, level) in manager.iter() {
        let entry = feedback.observed.entry(c.clone()).or_default();
        entry.manager = Some(f64::from(level.value()));
    }
    feedback
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::Observed;
    use crate::framework::builtin;
    use crate::readiness::{assess_with_feedback, LevelSource};

    fn levels(f: &Framework, pairs: &[(&str, i64)]) -> Levels {
        let mut l = Levels::default();
        for (c, v) in pairs {
            let id = f.parse_competency("competency", c).expect("known");
            l.set(id, f.scale.level("level", *v).expect("on the scale"));
        }
        l
    }

    #[test]
    fn differences_of_two_levels_or_more_are_flagged() {
        let f = builtin().expect("the built-in framework");
        let own = levels(
            &f,
            &[
                ("communication", 4),
                ("budgeting-funding", 1),
                ("strategy-roadmap", 3),
            ],
        );
        let manager = levels(&f, &[("communication", 2), ("budgeting-funding", 2)]);
        let rows = compare(&f, &own, &manager);
        assert_eq!(rows.len(), f.competencies.len());
        let row = |id: &str| {
            rows.iter()
                .find(|r| r.competency.as_str() == id)
                .expect("row")
        };
        assert!(row("communication").flagged, "4 against 2");
        assert!(!row("budgeting-funding").flagged, "1 against 2");
        assert!(
            !row("strategy-roadmap").flagged,
            "the manager did not rate it"
        );
        assert_eq!(row("strategy-roadmap").manager, None);
    }

    /// The manager's rating enters readiness as the manager's judgement,
    /// blended with the person's own, and wins over a 360 manager answer.
    #[test]
    fn the_managers_rating_is_the_managers_judgement_in_readiness() {
        let f = builtin().expect("the built-in framework");
        let role = f.role("it-manager").expect("role");
        let own = levels(&f, &[("communication", 4)]);
        let manager = levels(&f, &[("communication", 2)]);
        let mut feedback = FeedbackLevels::default();
        feedback.observed.insert(
            f.parse_competency("c", "communication").expect("known"),
            Observed {
                manager: Some(5.0),
                others: None,
            },
        );
        let r = assess_with_feedback(
            &f,
            role,
            &own,
            &with_manager(feedback, &manager),
            &Default::default(),
        );
        let c = r
            .competencies
            .iter()
            .find(|c| c.id.as_str() == "communication")
            .expect("communication");
        assert_eq!(
            (c.current, c.source),
            (3, LevelSource::SelfManager),
            "(4 + 2) / 2"
        );
        let unrated = r
            .competencies
            .iter()
            .find(|c| c.id.as_str() == "budgeting-funding")
            .expect("budgeting");
        assert_ne!(unrated.source, LevelSource::SelfManager);
    }
}

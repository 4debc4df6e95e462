use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::framework::{builtin, Framework};

fn framework() -> Framework {
    builtin().expect("builtin")
}

fn levels(f: &Framework, values: &[u8]) -> Levels {
    let mut l = Levels::default();
    for (c, v) in f.competencies.iter().zip(values) {
        l.set(
            c.id.clone(),
            f.scale.level("level", i64::from(*v)).expect("in scale"),
        );
    }
    l
}

fn expected_levels(f: &Framework, role: &str) -> Vec<u8> {
    let r = f.role(role).expect("role");
    f.competencies
        .iter()
        .map(|c| r.expected(c.id.as_str()).map_or(0, |l| l.value()))
        .collect()
}

fn evidence_for_all(f: &Framework) -> BTreeMap<CompetencyId, u32> {
    f.competencies.iter().map(|c| (c.id.clone(), 1)).collect()
}

#[test]
fn meeting_every_expectation_with_evidence_is_ready_now() {
    let f = framework();
    let role = f.role("it-manager").expect("role");
    let r = assess(
        &f,
        role,
        &levels(&f, &expected_levels(&f, "it-manager")),
        &evidence_for_all(&f),
    );
    assert_eq!(r.readiness, 1.0);
    assert_eq!(r.band, Band::ReadyNow);
    assert_eq!(r.estimated_weeks, 0);
    assert!(r.explanation.contains("ready now"));
}

/// The move from the role held: two moves up is more than two years away
/// whatever the levels; a move that asks a year of the new role's work on
/// the record is one to two years away while anything is still to close,
/// and ready now stays ready now once everything is met and shown.
#[test]
fn the_move_from_the_role_held_bounds_the_band() {
    let f = framework();
    let role = |id: &str| f.role(id).expect("role");
    // A manager one level short of a director in one competency.
    let mut near = expected_levels(&f, "it-director");
    let short = f
        .competencies
        .iter()
        .position(|c| role("it-director").is_critical(c.id.as_str()))
        .expect("a critical competency");
    near[short] -= 1;
    let mut r = assess(
        &f,
        role("it-director"),
        &levels(&f, &near),
        &evidence_for_all(&f),
    );
    assert_eq!(r.band, Band::SixToTwelveMonths, "{}", r.explanation);
    r.note_move(&f, Some(role("it-manager")));
    assert_eq!(r.band, Band::OneToTwoYears, "{}", r.explanation);
    assert!(
        r.explanation
            .contains("IT manager → IT director is a bigger step than its levels: about 12 months"),
        "{}",
        r.explanation
    );
    // Judged again (feedback noted), the move still holds.
    r.note_named_gaps(&BTreeMap::new());
    assert_eq!(r.band, Band::OneToTwoYears);
    // Held by a developer, the director's post is two moves up.
    r.note_move(&f, Some(role("developer")));
    assert_eq!(r.band, Band::TwoPlusYears, "{}", r.explanation);
    assert!(
        r.explanation.contains("IT manager comes first"),
        "{}",
        r.explanation
    );
    // Held already, or not known: the levels alone.
    r.note_move(&f, Some(role("it-director")));
    assert_eq!(r.band, Band::SixToTwelveMonths);
    // Everything met and shown: the record is what shows it.
    let mut met = assess(
        &f,
        role("it-director"),
        &levels(&f, &expected_levels(&f, "it-director")),
        &evidence_for_all(&f),
    );
    met.note_move(&f, Some(role("it-manager")));
    assert_eq!(met.band, Band::ReadyNow, "{}", met.explanation);
    assert!(!met.explanation.contains("bigger step"));
}

/// Feedback naming a gap, not answered since, doubts the level: on a
/// critical competency it keeps the person from ready now; on another it
/// is said, and the band stays.
#[test]
fn feedback_that_names_a_gap_in_a_critical_competency_is_not_ready_now() {
    let f = framework();
    let role = f.role("it-manager").expect("role");
    let mut r = assess(
        &f,
        role,
        &levels(&f, &expected_levels(&f, "it-manager")),
        &evidence_for_all(&f),
    );
    let named = |c: &str| BTreeMap::from([(f.parse_competency("c", c).expect("known"), 1)]);
    r.note_named_gaps(&named("relationships-networking"));
    assert_eq!(r.band, Band::ReadyNow, "{}", r.explanation);
    assert!(
        r.explanation
            .contains("Feedback names a gap in Relationships and networking"),
        "{}",
        r.explanation
    );
    r.note_named_gaps(&named("leadership-delegation"));
    assert_eq!(r.band, Band::SixToTwelveMonths);
    assert_eq!(r.readiness, 1.0, "the levels stand; the band does not");
    assert!(
        r.explanation.contains(
            "until something you record after it shows the gap closed, you are not ready now"
        ),
        "{}",
        r.explanation
    );
    r.note_named_gaps(&BTreeMap::new());
    assert_eq!(r.band, Band::ReadyNow, "answered: ready again");
}

#[test]
fn self_rating_alone_is_never_ready_now() {
    let f = framework();
    let role = f.role("it-manager").expect("role");
    let r = assess(&f, role, &levels(&f, &[5; 14]), &BTreeMap::new());
    assert_eq!(r.readiness, 1.0);
    assert_ne!(r.band, Band::ReadyNow);
    assert_eq!(r.missing_evidence.len(), role.critical.len());
    assert!(
        r.explanation.contains("A self-rating alone is not proof"),
        "{}",
        r.explanation
    );
    assert!(r.explanation.contains("Leadership and delegation"));
}

#[test]
fn a_typical_senior_admin_is_half_a_year_or_more_from_it_manager() {
    let f = framework();
    let role = f.role("it-manager").expect("role");
    let r = assess(
        &f,
        role,
        &levels(&f, &expected_levels(&f, "senior-admin")),
        &BTreeMap::new(),
    );
    assert!(r.readiness > 0.4 && r.readiness < 0.9, "{}", r.readiness);
    assert!(
        matches!(
            r.band,
            Band::SixToTwelveMonths | Band::OneToTwoYears | Band::TwoPlusYears
        ) && r.estimated_weeks >= 26,
        "{:?} {}",
        r.band,
        r.estimated_weeks
    );
    let gaps = r.gaps();
    assert_eq!(
        gaps[0].id.as_str(),
        "leadership-delegation",
        "weighted critical gap first"
    );
    assert!(
        r.explanation
            .contains("The largest gaps: Leadership and delegation (2 of 3, critical)"),
        "{}",
        r.explanation
    );
    let c = r
        .competencies
        .iter()
        .find(|c| c.id.as_str() == "budgeting-funding")
        .expect("budget");
    assert_eq!((c.expected, c.current, c.gap), (3, 1, 2));
}

#[test]
fn unrated_competencies_count_as_the_lowest_level() {
    let f = framework();
    let role = f.role("it-manager").expect("role");
    let r = assess(&f, role, &Levels::default(), &BTreeMap::new());
    assert_eq!(r.readiness, 0.0);
    assert_eq!(r.band, Band::TwoPlusYears);
    assert!(r
        .competencies
        .iter()
        .all(|c| c.source == LevelSource::NotAssessed));
}

#[test]
fn weeks_per_level_uses_the_median_experience_effort() {
    let f = framework();
    let role = f.role("it-manager").expect("role");
    // Experience actions for budgeting: 2, 8, 4, 12, 6, 26 weeks -> median
    // of 6 and 8, 7. (Looking for openings elsewhere is no experience: it
    // builds no level.)
    assert_eq!(weeks_per_level(&f, role, "budgeting-funding"), 7);
}

fn any_levels() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(0u8..=5, 14)
}

proptest! {
    #[test]
    fn readiness_is_in_bounds_and_one_exactly_without_gaps(values in any_levels(), role in 0usize..7) {
        let f = framework();
        let role = &f.roles[role];
        let r = assess(&f, role, &levels(&f, &values), &BTreeMap::new());
        prop_assert!((0.0..=1.0).contains(&r.readiness));
        let no_gap = r.competencies.iter().all(|c| c.gap == 0);
        prop_assert_eq!(r.readiness == 1.0, no_gap);
        for c in &r.competencies {
            prop_assert_eq!(c.gap, c.expected.saturating_sub(c.current));
        }
    }

    #[test]
    fn raising_a_level_never_lowers_readiness(values in any_levels(), role in 0usize..7, which in 0usize..14) {
        let f = framework();
        let role = &f.roles[role];
        let before = assess(&f, role, &levels(&f, &values), &BTreeMap::new());
        let mut raised = values.clone();
        raised[which] = (raised[which] + 1).min(5);
        let after = assess(&f, role, &levels(&f, &raised), &BTreeMap::new());
        prop_assert!(after.readiness >= before.readiness);
        prop_assert!(after.estimated_weeks <= before.estimated_weeks);
        prop_assert!(after.band <= before.band);
    }

    #[test]
    fn without_evidence_nobody_is_ready_now(values in any_levels(), role in 0usize..7) {
        let f = framework();
        let r = assess(&f, &f.roles[role], &levels(&f, &values), &BTreeMap::new());
        prop_assert_ne!(r.band, Band::ReadyNow);
    }
}

#[test]
fn feedback_blends_with_the_self_rating_rounding_halves_down() {
    use crate::feedback::Observed;
    let seen = |manager: Option<f64>, others: Option<f64>| Some(Observed { manager, others });
    assert_eq!(blend(0, 5, Some(4), None), (4, LevelSource::SelfRating));
    // (4 + 2) / 2 = 3.
    assert_eq!(
        blend(0, 5, Some(4), seen(Some(2.0), None)),
        (3, LevelSource::SelfManager)
    );
    // (4 + 3) / 2 = 3.5: halves round down.
    assert_eq!(
        blend(0, 5, Some(4), seen(None, Some(3.0))),
        (3, LevelSource::SelfOthers)
    );
    // (4 + 3 + 3.7) / 3 = 3.57.
    assert_eq!(
        blend(0, 5, Some(4), seen(Some(3.0), Some(3.7))),
        (4, LevelSource::SelfManagerOthers)
    );
    assert_eq!(
        blend(0, 5, None, seen(Some(2.0), Some(3.0))),
        (2, LevelSource::ManagerOthers)
    );
    assert_eq!(blend(1, 5, None, None), (1, LevelSource::NotAssessed));
    assert_eq!(
        blend(0, 5, None, Some(Observed::default())),
        (0, LevelSource::NotAssessed)
    );
}

#[test]
fn visible_feedback_moves_readiness_and_counts_as_evidence() {
    use crate::feedback::{FeedbackLevels, Observed};
    let f = builtin().expect("builtin");
    let role = f.role("it-manager").expect("role");
    let mut levels = Levels::default();
    for c in &f.competencies {
        levels.set(c.id.clone(), f.scale.level("l", 3).expect("level"));
    }
    let alone = assess(&f, role, &levels, &BTreeMap::new());
    let c = &f.competencies[0].id;
    let mut fl = FeedbackLevels::default();
    fl.observed.insert(
        c.clone(),
        Observed {
            manager: Some(1.0),
            others: Some(1.0),
        },
    );
    fl.requests.insert(c.clone(), 1);
    let with = assess_with_feedback(&f, role, &levels, &fl, &BTreeMap::new());
    let row = with.competencies.iter().find(|x| &x.id == c).expect("row");
    // (3 + 1 + 1) / 3 = 1.67 -> 2.
    assert_eq!(
        (row.current, row.source),
        (2, LevelSource::SelfManagerOthers)
    );
    assert_eq!(row.evidence, 1);
    assert!(with.readiness <= alone.readiness);
    assert!(
        with.explanation.contains("360 feedback"),
        "{}",
        with.explanation
    );
}

#[test]
fn every_level_met_but_no_evidence_says_the_evidence_is_what_is_missing() {
    let f = builtin().expect("builtin");
    let role = f.role("it-manager").expect("role");
    let mut l = Levels::default();
    for (c, level) in &role.expectations {
        l.set(c.clone(), *level);
    }
    let r = assess(&f, role, &l, &std::collections::BTreeMap::new());
    assert_eq!(r.readiness, 1.0);
    assert_ne!(r.band, Band::ReadyNow);
    let last = r.explanation_lines.last().expect("a band line");
    assert!(last.contains("every level is met"), "{last}");
    assert!(last.contains("Leadership and delegation"), "{last}");
}

#[test]
fn step_zero_names_the_critical_expectations_of_the_job_held_now() {
    let f = builtin().expect("builtin");
    let now = f.role("senior-admin").expect("role");
    let mut l = Levels::default();
    for (c, level) in &now.expectations {
        l.set(c.clone(), *level);
    }
    let met = assess(&f, now, &l, &std::collections::BTreeMap::new());
    assert!(step0_note(&now.name, &step0(&met)).is_none());
    let te = f.competency("technical-excellence").expect("competency");
    l.set(te.id.clone(), f.scale.level("level", 2).expect("level"));
    let below = assess(&f, now, &l, &std::collections::BTreeMap::new());
    let note = step0_note(&now.name, &step0(&below)).expect("a note");
    assert!(
        note.starts_with("Master your job before the move"),
        "{note}"
    );
    assert!(note.contains("Technical excellence 4 (you: 2)"), "{note}");
}

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::assessment::Levels;
use crate::framework::{builtin, Framework, Track};
use crate::readiness;

fn framework() -> Framework {
    builtin().expect("builtin")
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 15).expect("date")
}

fn plan_for(
    f: &Framework,
    role: &str,
    values: &[u8],
    months: u32,
    exclude: &BTreeSet<ActionId>,
) -> (Readiness, Proposal) {
    let role = f.role(role).expect("role");
    let mut l = Levels::default();
    for (c, v) in f.competencies.iter().zip(values) {
        l.set(
            c.id.clone(),
            f.scale.level("level", i64::from(*v)).expect("level"),
        );
    }
    let r = readiness::assess(f, role, &l, &BTreeMap::new());
    let p = generate(&Request {
        framework: f,
        role,
        readiness: &r,
        horizon_months: months,
        start: start(),
        exclude,
        cited: &BTreeMap::new(),
    });
    (r, p)
}

#[test]
fn horizon_is_validated() {
    assert_eq!(horizon(6), Ok(6));
    let e = horizon(0).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid horizon-months '0': a whole number of months from 1 to 36"
    );
    assert!(horizon(37).is_err());
}

#[test]
fn senior_admin_to_manager_plan_has_the_seeds_actions() {
    let f = framework();
    let values = [4, 4, 3, 2, 2, 2, 2, 1, 2, 3, 1, 3, 2, 2];
    let (_, p) = plan_for(&f, "it-manager", &values, 12, &BTreeSet::new());
    let ids: Vec<&str> = p.items.iter().map(|i| i.action.as_str()).collect();
    for gap in ["leadership-delegation", "budgeting-funding"] {
        assert!(
            p.items.iter().any(|i| i.kind == ActionKind::Experience
                && i.competencies.iter().any(|c| c.as_str() == gap)),
            "{gap} has an on-the-job item: {ids:?}"
        );
    }
    assert!(
        p.items.iter().any(|i| i.kind == ActionKind::Relationship),
        "{ids:?}"
    );
    assert!(
        p.items.iter().any(|i| i.kind == ActionKind::Education),
        "{ids:?}"
    );
    assert!(p.uncovered.is_empty());
    let dues: BTreeSet<NaiveDate> = p.items.iter().map(|i| i.due).collect();
    assert!(
        dues.len() > p.items.len() / 2,
        "due dates are spread: {dues:?}"
    );
}

#[test]
fn no_gap_means_no_items() {
    let f = framework();
    let (_, p) = plan_for(&f, "help-desk", &[5; 14], 6, &BTreeSet::new());
    assert!(p.items.is_empty());
}

#[test]
fn excluded_actions_are_not_proposed_again() {
    let f = framework();
    let values = [4, 4, 3, 2, 2, 2, 2, 1, 2, 3, 1, 3, 2, 2];
    let (_, first) = plan_for(&f, "it-manager", &values, 12, &BTreeSet::new());
    let exclude: BTreeSet<ActionId> = first.items.iter().map(|i| i.action.clone()).collect();
    let (_, second) = plan_for(&f, "it-manager", &values, 12, &exclude);
    assert!(second.items.iter().all(|i| !exclude.contains(&i.action)));
}

proptest! {
    #[test]
    fn plans_cover_gaps_favour_experience_and_fit_the_horizon(
        values in proptest::collection::vec(0u8..=5, 14),
        role in 0usize..7,
        months in 1u32..=36,
    ) {
        let f = framework();
        let role_id = f.roles[role].id.to_string();
        let track = f.roles[role].track;
        let (r, p) = plan_for(&f, &role_id, &values, months, &BTreeSet::new());
        // Every gap covered by at least one item.
        for g in r.gaps() {
            prop_assert!(
                p.items.iter().any(|i| i.competencies.contains(&g.id)),
                "gap {} uncovered", g.id
            );
        }
        prop_assert!(p.uncovered.is_empty());
        // At least half experience.
        let exp = p.items.iter().filter(|i| i.kind == ActionKind::Experience).count();
        prop_assert!(2 * exp >= p.items.len(), "{} of {}", exp, p.items.len());
        // Never a non-advancing action toward management.
        if track == Track::Management {
            for i in &p.items {
                prop_assert!(f.action(i.action.as_str()).is_some_and(|a| a.advances_management));
            }
        }
        // Due dates inside the horizon and in order.
        let end = start().checked_add_months(chrono::Months::new(months)).expect("end");
        for w in p.items.windows(2) {
            prop_assert!(w[0].due <= w[1].due);
        }
        for i in &p.items {
            prop_assert!(i.due > start() && i.due <= end);
        }
        // No action twice.
        let unique: BTreeSet<&ActionId> = p.items.iter().map(|i| &i.action).collect();
        prop_assert_eq!(unique.len(), p.items.len());
    }
}

#[test]
fn debriefs_raise_the_priority_of_what_they_cite() {
    let f = framework();
    let role = f.role("it-manager").expect("role");
    let values = [4, 4, 3, 2, 2, 2, 2, 1, 2, 3, 1, 3, 2, 2];
    let mut l = Levels::default();
    for (c, v) in f.competencies.iter().zip(values) {
        l.set(c.id.clone(), f.scale.level("level", v).expect("level"));
    }
    let r = readiness::assess(&f, role, &l, &BTreeMap::new());
    let plan = |cited: &BTreeMap<String, u32>| {
        generate(&Request {
            framework: &f,
            role,
            readiness: &r,
            horizon_months: 12,
            start: start(),
            exclude: &BTreeSet::new(),
            cited,
        })
    };
    let before = plan(&BTreeMap::new());
    // The lowest-priority gap, cited in three debriefs, is worked on sooner.
    let last_gap = r.gaps().last().map(|c| c.id.clone()).expect("a gap");
    let cited = BTreeMap::from([(last_gap.to_string(), 3)]);
    let after = plan(&cited);
    let first_due = |p: &Proposal| {
        p.items
            .iter()
            .filter(|i| i.competencies.contains(&last_gap))
            .map(|i| i.due)
            .min()
            .unwrap_or(NaiveDate::MAX)
    };
    assert!(
        first_due(&after) < first_due(&before),
        "{last_gap}: {} then {}",
        first_due(&before),
        first_due(&after)
    );
    // A competency the person meets, cited by interviewers, gets a priority.
    let met = r
        .competencies
        .iter()
        .find(|c| c.gap == 0)
        .expect("a met competency");
    assert_eq!(priority(met, 0), 0.0);
    assert!(priority(met, 2) > 0.0);
    let gap = r.gaps()[0];
    assert_eq!(priority(gap, 9), priority(gap, MAX_CITATIONS));
}

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::assessment::Levels;
use crate::fit::{self, Recommendation};
use crate::framework::{builtin, ActionKind, Condition, Framework, Track};
use crate::readiness;

fn framework() -> Framework {
    builtin().expect("builtin")
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 15).expect("date")
}

/// Levels in the framework's competency order.
fn levels(f: &Framework, values: &[u8]) -> Levels {
    let mut l = Levels::default();
    for (c, v) in f.competencies.iter().zip(values) {
        l.set(
            c.id.clone(),
            f.scale.level("level", i64::from(*v)).expect("level"),
        );
    }
    l
}

/// One person's plan request, with everything but the levels defaulted.
struct Case<'a> {
    f: &'a Framework,
    current: &'a str,
    target: &'a str,
    values: &'a [u8],
    months: u32,
    at_once: u32,
    exclude: BTreeSet<ActionId>,
    cited: BTreeMap<CompetencyId, u32>,
    record: Record,
    despite_fit: bool,
    year: Option<super::FinancialYear>,
    start: NaiveDate,
    evidence: BTreeMap<CompetencyId, u32>,
    /// Whose judgement every level is, when not the person's own alone.
    source: Option<readiness::LevelSource>,
}

impl<'a> Case<'a> {
    fn new(f: &'a Framework, current: &'a str, target: &'a str, values: &'a [u8]) -> Self {
        Self {
            f,
            current,
            target,
            values,
            months: 12,
            at_once: DEFAULT_AT_ONCE,
            exclude: BTreeSet::new(),
            cited: BTreeMap::new(),
            record: Record::default(),
            despite_fit: false,
            year: None,
            start: start(),
            evidence: BTreeMap::new(),
            source: None,
        }
    }

    fn run(&self) -> (Readiness, Result<Proposal, FitHold>) {
        let role = self.f.role(self.target).expect("target");
        let current = self.f.role(self.current).expect("current");
        let l = levels(self.f, self.values);
        let mut r = readiness::assess(self.f, role, &l, &self.evidence);
        if let Some(source) = self.source {
            r.competencies.iter_mut().for_each(|c| c.source = source);
        }
        let now = readiness::assess(self.f, current, &l, &BTreeMap::new());
        let p = generate(&Request {
            framework: self.f,
            role,
            aim: None,
            readiness: &r,
            current_role: Some(current),
            current: Some(&now),
            horizon_months: self.months,
            start: self.start,
            exclude: &self.exclude,
            cited: &self.cited,
            record: &self.record,
            at_once: self.at_once,
            despite_fit: self.despite_fit,
            year: self.year,
        });
        (r, p)
    }

    fn plan(&self) -> Proposal {
        match self.run().1 {
            Ok(p) => p,
            Err(hold) => panic!("held: {}", hold.message),
        }
    }
}

/// The plan's item of action `id`, if any.
fn item(p: &Proposal, id: &str) -> Option<ProposedItem> {
    p.items
        .iter()
        .find(|i| i.action.as_ref().is_some_and(|a| a.as_str() == id))
        .cloned()
}

/// The plan's item of action `id`, dated or waiting past the horizon.
fn proposed(p: &Proposal, id: &str) -> Option<ProposedItem> {
    item(p, id).or_else(|| {
        p.later
            .iter()
            .find(|i| i.action.as_ref().is_some_and(|a| a.as_str() == id))
            .cloned()
    })
}

fn competency(f: &Framework, id: &str) -> CompetencyId {
    f.competencies
        .iter()
        .find(|c| c.id.as_str() == id)
        .map(|c| c.id.clone())
        .expect("competency")
}

fn ids(p: &Proposal) -> Vec<&str> {
    p.items
        .iter()
        .filter_map(|i| i.action.as_ref().map(|a| a.as_str()))
        .collect()
}

/// A senior administrator's levels, meeting that role.
const SENIOR_ADMIN: [u8; 14] = [4, 4, 3, 2, 2, 2, 2, 1, 2, 3, 1, 3, 2, 2];

fn fit_of(f: &Framework, management: u8, technical: u8) -> FitResult {
    let pairs = f.fit_statements.iter().map(|s| {
        let v = if s.track == Track::Management {
            management
        } else {
            technical
        };
        (s.id.clone(), i64::from(v))
    });
    fit::score(f, &fit::answers_from(f, pairs).expect("answers"))
}

#[test]
fn horizon_and_pace_are_validated() {
    assert_eq!(horizon(6), Ok(6));
    let e = horizon(0).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid horizon-months '0': a whole number of months from 1 to 36"
    );
    assert!(horizon(37).is_err());
    assert_eq!(at_once(2), Ok(2));
    assert!(at_once(0)
        .unwrap_err()
        .to_string()
        .contains("invalid at-once '0'"));
    assert!(at_once(7).is_err());
}

#[test]
fn senior_admin_to_manager_plan_has_the_seeds_actions() {
    let f = framework();
    let p = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN).plan();
    let ids = ids(&p);
    for gap in ["leadership-delegation", "budgeting-funding"] {
        assert!(
            p.items.iter().any(|i| i.kind == ActionKind::Experience
                && i.competencies.iter().any(|c| c.as_str() == gap)),
            "{gap} has an on-the-job item: {ids:?}"
        );
    }
    for kind in [ActionKind::Relationship, ActionKind::Education] {
        assert!(p.items.iter().any(|i| i.kind == kind), "{kind}: {ids:?}");
    }
    // The groundwork the seeds name starts in the first fortnight.
    for a in ["find-mentor", "tell-your-manager", "co-manager-network"] {
        let item = p
            .items
            .iter()
            .find(|i| i.action.as_ref().is_some_and(|x| x.as_str() == a));
        assert!(
            item.is_some_and(|i| i.starts <= start() + chrono::Duration::days(14)),
            "{a} early: {ids:?}"
        );
    }
    assert!(p.uncovered.is_empty(), "{:?}", p.uncovered);
    // Every item says why it is there, in names.
    for i in &p.items {
        // Sources are shown apart from the reasons, from the action.
        assert!(!i.why.contains("Source"), "{}", i.why);
        assert!(!i.why.contains("leadership-delegation"), "{}", i.why);
    }
}

#[test]
fn the_plan_keeps_to_seventy_twenty_ten_by_effort() {
    let f = framework();
    let p = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN).plan();
    let weeks = |k: ActionKind| -> u32 {
        p.items
            .iter()
            .chain(&p.later)
            .filter(|i| i.kind == k)
            .map(|i| i.effort_weeks)
            .sum()
    };
    let total = f64::from(
        weeks(ActionKind::Experience)
            + weeks(ActionKind::Relationship)
            + weeks(ActionKind::Education),
    );
    let share = |k| f64::from(weeks(k)) / total;
    assert!(
        share(ActionKind::Experience) >= 0.5,
        "{}",
        share(ActionKind::Experience)
    );
    assert!(
        (0.1..=0.4).contains(&share(ActionKind::Relationship)),
        "{}",
        share(ActionKind::Relationship)
    );
    assert!(
        share(ActionKind::Education) <= 0.25,
        "{}",
        share(ActionKind::Education)
    );
}

#[test]
fn no_gap_means_no_items() {
    let f = framework();
    let p = Case::new(&f, "help-desk", "help-desk", &[5; 14]).plan();
    assert!(p.items.is_empty(), "{:?}", ids(&p));
}

#[test]
fn excluded_actions_are_not_proposed_again() {
    let f = framework();
    let first = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN).plan();
    let mut case = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    case.exclude = first
        .items
        .iter()
        .filter_map(|i| i.action.clone())
        .collect();
    let second = case.plan();
    assert!(second
        .items
        .iter()
        .all(|i| i.action.as_ref().is_none_or(|a| !case.exclude.contains(a))));
}

#[test]
fn a_technical_fit_holds_a_management_plan_until_confirmed() {
    let f = framework();
    let mut case = Case::new(&f, "sysadmin", "it-manager", &SENIOR_ADMIN);
    case.record.fit = Some(fit_of(&f, 2, 5));
    let hold = case.run().1.expect_err("held");
    assert_eq!(
        hold.suggested_role.as_ref().map(|r| r.as_str()),
        Some("specialist")
    );
    assert!(hold.message.contains("technical track"), "{}", hold.message);
    assert!(hold.message.contains("--despite-fit"), "{}", hold.message);
    assert!(!hold.reasons.is_empty());
    case.despite_fit = true;
    let p = case.plan();
    assert!(!p.items.is_empty());
    assert!(
        p.notes[0].contains("although your fit check"),
        "{:?}",
        p.notes
    );
    // A technical target is never held.
    let mut technical = Case::new(&f, "sysadmin", "senior-admin", &[2; 14]);
    technical.record.fit = Some(fit_of(&f, 2, 5));
    assert!(technical.run().1.is_ok());
}

#[test]
fn an_explore_fit_opens_with_a_trial_and_a_second_fit_check() {
    let f = framework();
    let mut case = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    let fit = fit_of(&f, 4, 4);
    assert_eq!(fit.recommendation, Recommendation::Explore);
    case.record.fit = Some(fit);
    let p = case.plan();
    let is_trial = |i: &ProposedItem| {
        i.action
            .as_ref()
            .and_then(|a| f.action(a.as_str()))
            .is_some_and(|a| a.trial)
    };
    let trial = p.items.iter().find(|i| is_trial(i)).expect("a trial");
    // Arranged in the first conversation with the manager, then a quarter
    // (review 7: the trial is agreed, not waited for).
    let tell = item(&p, "tell-your-manager").expect("tell your manager");
    assert_eq!(tell.starts, start(), "told at the start");
    // Three weeks on: a team lead, their people and HR agree to it too
    // (review 10, finding 2).
    assert_eq!(
        trial.starts,
        tell.due + chrono::Duration::weeks(3),
        "{}",
        trial.title
    );
    assert!(trial
        .why
        .contains("Agree it first, when you tell your manager"));
    let quarter = trial.starts + chrono::Duration::weeks(i64::from(TRIAL_WEEKS));
    assert!(trial.due <= quarter, "{}", trial.due);
    let again = p
        .items
        .iter()
        .find(|i| i.action.is_none())
        .expect("the fit check again");
    assert!(again.title.contains("fit check again"));
    assert_eq!(again.due, trial.due);
    // The rest of the work after the trial; the groundwork (telling your
    // manager, a mentor) alongside it, and a course that strengthens what
    // the trial builds in the trial's own weeks, at the default pace too.
    let beside = |i: &ProposedItem| {
        i.kind == ActionKind::Education
            && i.competencies
                .iter()
                .any(|c| trial.competencies.contains(c))
    };
    // And the post's own work (its cost line, staffing, priorities) in
    // it, as its holder (review 7, finding 4).
    let of_the_post = |i: &ProposedItem| {
        i.action
            .as_ref()
            .and_then(|a| f.action(a.as_str()))
            .and_then(|a| a.part_of.as_ref())
            .is_some_and(|post| trial.action.as_ref() == Some(post))
    };
    let (mut courses, mut in_post) = (0, 0);
    for i in p
        .items
        .iter()
        .filter(|i| i.kind != ActionKind::Relationship && !is_trial(i))
    {
        if of_the_post(i) {
            in_post += 1;
            assert_eq!(i.starts, trial.starts, "{}", i.title);
            assert!(
                i.why.contains("It is the work of the post you cover"),
                "{}",
                i.why
            );
        } else if beside(i) {
            courses += 1;
            assert!(i.starts < trial.due, "{} starts {}", i.title, i.starts);
        } else {
            assert!(i.starts >= trial.due, "{} starts {}", i.title, i.starts);
        }
    }
    assert!(courses > 0, "a course beside the trial: {:?}", ids(&p));
    assert!(in_post > 0, "the post's own work in it: {:?}", ids(&p));
    // The move's work waits for the trial's answer: not dated, but
    // proposed for the plan made then, and named in a note with the
    // technical way up (review 7, finding 1).
    let waiting: Vec<&ProposedItem> = p
        .later
        .iter()
        .filter(|i| {
            i.why
                .starts_with("Only if the fit check at the trial's end")
        })
        .collect();
    assert!(!waiting.is_empty(), "{:?}", p.later);
    assert!(p
        .items
        .iter()
        .all(|i| i.starts < trial.due || i.action.is_none() || i.why.starts_with("Groundwork")));
    assert!(
        p.notes.iter().any(
            |n| n.starts_with("What follows the trial waits for its answer")
                && n.contains(&super::lower_first(&waiting[0].title))
                && n.contains("make the plan toward Technical specialist / architect instead")
        ),
        "{:?}",
        p.notes
    );
    // A cover needs a post to fall vacant: a team's people side stands in
    // for it, or the trial waits; a project led tests something else.
    if trial
        .action
        .as_ref()
        .is_some_and(|a| a.as_str() == "acting-manager")
    {
        assert!(trial
            .why
            .contains("ask a team lead to hand you the people side of their team"));
        assert!(!trial.why.contains("cross-team project"));
    }
}

#[test]
fn actions_below_the_persons_level_are_not_proposed() {
    let f = framework();
    // An IT manager who meets her role, aiming at IT director.
    let manager = [3, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 4, 3, 3];
    let p = Case::new(&f, "it-manager", "it-director", &manager).plan();
    let ids = ids(&p);
    for below in [
        "coordinate-group",
        "post-incident-review",
        "shadow-budget-cycle",
        "facilitate-team-meeting",
        "mentor-newcomer",
    ] {
        assert!(!ids.contains(&below), "{below} is below her: {ids:?}");
    }
    let director_work = [
        "department-budget",
        "salary-headcount-planning",
        "own-dr-plan",
        "portfolio-prioritisation",
        "executive-status-report",
    ];
    let found = director_work.iter().filter(|a| ids.contains(a)).count();
    assert!(found >= 2, "the director's work of seed 003: {ids:?}");
    // Her budget gap is built by a director's budget work.
    assert!(
        p.items.iter().any(|i| i
            .competencies
            .iter()
            .any(|c| c.as_str() == "budgeting-funding")
            && i.action
                .as_ref()
                .is_some_and(|a| director_work.contains(&a.as_str()))),
        "{ids:?}"
    );
}

#[test]
fn an_interview_lost_without_reasons_asks_for_them_and_one_with_reasons_shapes_the_plan() {
    let f = framework();
    let plain = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN).plan();
    assert!(
        !ids(&plain).contains(&"ask-why-not-chosen"),
        "no interview, no question"
    );

    let mut case = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    case.record.rejections = vec![
        Rejection {
            opportunity: 7,
            name: "IT manager at Northwind".to_owned(),
            reasons_given: false,
            cited: Vec::new(),
            too_technical: false,
        },
        Rejection {
            opportunity: 9,
            name: "Operations manager at Contoso".to_owned(),
            reasons_given: true,
            cited: vec![competency(&f, "compliance-risk")],
            too_technical: false,
        },
    ];
    case.cited = BTreeMap::from([(CompetencyId::stored("compliance-risk").expect("id"), 1)]);
    let p = case.plan();
    let ask = p
        .items
        .iter()
        .find(|i| {
            i.action
                .as_ref()
                .is_some_and(|a| a.as_str() == "ask-why-not-chosen")
        })
        .expect("ask why");
    assert!(ask.title.contains("Northwind"), "{}", ask.title);
    assert_eq!(ask.opportunity, Some(7));
    // Compliance was met, but the interviewers cited it: an action for it,
    // early, that says which interview.
    let cited = p
        .items
        .iter()
        .find(|i| i.opportunity == Some(9))
        .expect("an item for the cited competency");
    assert!(cited
        .competencies
        .iter()
        .any(|c| c.as_str() == "compliance-risk"));
    assert!(cited.why.contains("Contoso"), "{}", cited.why);
    // Added, or brought forward.
    let cited_id = cited.action.as_ref().map_or("", |a| a.as_str());
    let at = |p: &Proposal| ids(p).iter().position(|a| *a == cited_id);
    assert!(
        at(&plain).is_none_or(|before| at(&p).is_some_and(|now| now < before)),
        "{cited_id}: {:?} then {:?}",
        ids(&plain),
        ids(&p)
    );
}

#[test]
fn what_is_done_or_under_way_is_not_proposed_again_nor_what_it_replaces() {
    let f = framework();
    // Gaps only where a course helps: resource planning and strategy.
    let values = [4, 4, 4, 3, 3, 3, 3, 3, 2, 3, 1, 3, 3, 3];
    let mut case = Case::new(&f, "senior-admin", "it-manager", &values);
    case.months = 36;
    let before = case.plan();
    let replaced = [
        "management-course",
        "business-finance-course",
        "read-business-strategy",
    ];
    assert!(
        replaced.iter().any(|a| ids(&before).contains(a)),
        "{:?}",
        ids(&before)
    );
    case.record.journal =
        vec!["Started my master's in technology management at the university".to_owned()];
    let after = case.plan();
    for a in replaced.iter().chain(&["masters-technology-management"]) {
        assert!(!ids(&after).contains(a), "{a}: {:?}", ids(&after));
    }
}

#[test]
fn a_technical_certification_toward_management_gets_the_seeds_word() {
    let f = framework();
    let mut case = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    case.record.journal = vec!["Booked the MCSE exam for March".to_owned()];
    let p = case.plan();
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("does not advance a move into management")),
        "{:?}",
        p.notes
    );
    let plain = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN).plan();
    assert!(plain.notes.iter().all(|n| !n.contains("does not advance")));
}

#[test]
fn step_zero_comes_first_when_the_current_job_is_not_mastered() {
    let f = framework();
    // A senior administrator below her own role in the craft.
    let values = [3, 3, 3, 2, 2, 2, 2, 1, 2, 3, 1, 3, 2, 2];
    let p = Case::new(&f, "senior-admin", "it-manager", &values).plan();
    assert!(
        p.notes.iter().any(|n| n.starts_with("Master your job")),
        "{:?}",
        p.notes
    );
    let first_craft = p
        .items
        .iter()
        .position(|i| {
            i.competencies
                .iter()
                .any(|c| c.as_str() == "technical-excellence" || c.as_str() == "service-operations")
        })
        .expect("an item for the craft");
    assert!(first_craft < 5, "{:?}", ids(&p));
}

#[test]
fn the_pace_decides_what_fits_the_horizon() {
    let f = framework();
    let mut case = Case::new(&f, "help-desk", "it-manager", &[1; 14]);
    case.months = 6;
    case.at_once = 1;
    let p = case.plan();
    assert!(!p.later.is_empty());
    assert!(p.overflow_weeks > 0);
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("closing every gap takes about")
                && n.contains("years: this plan holds the next 6 months")
                && n.contains("more\u{29}. More at once would bring the move closer")),
        "{:?}",
        p.notes
    );
    let end = start()
        .checked_add_months(chrono::Months::new(6))
        .expect("end");
    // One piece of work at a time: no two overlap. Relationships run
    // alongside.
    let work: Vec<&ProposedItem> = p
        .items
        .iter()
        .filter(|i| i.kind != ActionKind::Relationship)
        .collect();
    assert!(!work.is_empty());
    for w in work.windows(2) {
        assert!(w[1].starts >= w[0].due, "{} / {}", w[0].title, w[1].title);
    }
    assert!(p.items.iter().all(|i| i.due <= end));
    case.at_once = 4;
    let faster = case.plan();
    assert!(faster.items.len() > p.items.len());
}

#[test]
fn different_people_get_different_plans() {
    let f = framework();
    let sysadmin = [3, 3, 2, 1, 1, 2, 1, 1, 1, 2, 1, 2, 1, 1];
    let developer = [4, 2, 3, 1, 2, 2, 2, 0, 2, 2, 1, 3, 2, 1];
    let a = Case::new(&f, "sysadmin", "it-manager", &sysadmin).plan();
    let b = Case::new(&f, "developer", "it-manager", &developer).plan();
    assert_ne!(ids(&a), ids(&b));
}

proptest! {
    #[test]
    fn plans_cover_gaps_fit_the_person_and_the_horizon(
        values in proptest::collection::vec(0u8..=5, 14),
        current in 0usize..10,
        target in 0usize..10,
        months in 1u32..=36,
        at_once in 1u32..=6,
    ) {
        let f = framework();
        let current = f.roles[current].id.to_string();
        let target_role = &f.roles[target];
        let target = target_role.id.to_string();
        let mut case = Case::new(&f, &current, &target, &values);
        case.months = months;
        case.at_once = at_once;
        let (r, p) = case.run();
        let p = p.expect("no fit check, no hold");
        let now = readiness::assess(
            &f,
            f.role(&current).expect("role"),
            &levels(&f, &values),
            &BTreeMap::new(),
        );
        let end = start().checked_add_months(chrono::Months::new(months)).expect("end");
        // Every gap is built by an item, waits for a later plan, or is
        // reported as one the catalog cannot build in this horizon.
        for g in r.gaps() {
            prop_assert!(
                p.items.iter().chain(&p.later).any(|i| i.competencies.contains(&g.id))
                    || p.uncovered.contains(&g.id),
                "gap {} neither planned nor reported", g.id
            );
        }
        let now_expected = |c: &CompetencyId| {
            now.competencies.iter().find(|x| &x.id == c).map_or(0, |x| x.expected)
        };
        for i in &p.items {
            let Some(a) = i.action.as_ref().and_then(|a| f.action(a.as_str())) else { continue };
            // Never below the person's level: it builds part of a gap.
            let builds = a.competencies.iter().any(|c| {
                let level = r.competencies.iter().find(|x| &x.id == c).map_or(0, |x| x.current);
                let wanted = r.competencies.iter().find(|x| &x.id == c).map_or(0, |x| x.expected);
                // Step 0: what the current role holds critical counts too.
                let now = now
                    .competencies
                    .iter()
                    .find(|x| &x.id == c && x.critical)
                    .map_or(0, |x| x.expected);
                // A level in what the move is about, claimed by the
                // person's rating alone past the job held, is shown.
                let claimed = level >= wanted
                    && wanted > now_expected(c)
                    && f
                        .transitions_from(&current)
                        .any(|t| t.to.as_str() == target && t.to_show.contains(c));
                a.builds_of(c, level, wanted.max(now)).is_some()
                    || claimed && a.builds_of(c, wanted.saturating_sub(1), wanted).is_some()
            });
            // (Putting oneself forward follows the work and builds no
            // level; nor do the manager's rating and reading of the record.)
            let follows = matches!(
                a.when,
                Some(
                    Condition::CriticalGapsClosed
                        | Condition::LostInterviews
                        | Condition::SelfRatedOnly
                        | Condition::BeforeTheAsk
                        | Condition::JobMastered
                        | Condition::QuarterlyReview
                )
            );
            // Nor does the network a senior post is heard of through,
            // chosen to go with the ask (review 13, finding 3), where the
            // plan says when to ask: an item, or past the horizon, a note.
            let goes_with_ask = f.actions.iter().any(|x| {
                x.when == Some(Condition::CriticalGapsClosed) && x.goes_with.contains(&a.id)
            });
            let ask_item = p.items.iter().chain(&p.later).any(|ask| {
                ask.action
                    .as_ref()
                    .and_then(|x| f.action(x.as_str()))
                    .is_some_and(|x| x.when == Some(Condition::CriticalGapsClosed))
            });
            let ask_note = p
                .notes
                .iter()
                .any(|n| n.contains("put yourself forward") || n.contains("Putting yourself forward"));
            let hears = goes_with_ask
                && (ask_item || ask_note)
                && i.why.contains("It goes with putting yourself forward");
            prop_assert!(builds || a.foundation || follows || hears, "{} is below the person: {}", a.id, i.why);
            // Suits the target, or is the work of the job held today for
            // its step 0; and no condition unmet (no record here).
            let today = f.role(&current).expect("role");
            prop_assert!(
                a.suits(target_role)
                    || (a.suits(today)
                        && a.competencies.iter().any(|c| {
                            now.competencies.iter().any(|x| &x.id == c && x.critical && x.gap > 0)
                        })),
                "{}",
                a.id
            );
            prop_assert!(
                match a.when {
                    None => true,
                    Some(Condition::NoTeamAtWork | Condition::NotAManager) => {
                        today.track != Track::Management
                    }
                    // Nothing in these records but levels, the person's
                    // own: the steps that follow the work are putting
                    // oneself forward and the manager's reading before it,
                    // and the manager's rating comes first.
                    Some(
                        Condition::CriticalGapsClosed
                        | Condition::LostInterviews
                        | Condition::SelfRatedOnly
                        | Condition::BeforeTheAsk
                        | Condition::JobMastered
                        | Condition::QuarterlyReview,
                    ) => true,
                    Some(_) => false,
                },
                "{}",
                a.id
            );
            // Due when its effort is spent, inside the horizon; a habit
            // kept up (a mentor met monthly) runs on to the end of the
            // plan's work, within the horizon. Only the ask may end past
            // it, once begun within it.
            let spent = i.starts + chrono::Duration::weeks(i64::from(a.effort_weeks));
            if a.kept_up.is_some() {
                let last = p.items.iter().map(|i| i.due.min(end)).max();
                prop_assert!(i.due == spent || Some(i.due) == last, "{}", a.id);
            } else {
                prop_assert_eq!(i.due, spent);
            }
            let asks = a.when == Some(Condition::CriticalGapsClosed);
            prop_assert!(i.starts >= start() && (i.due <= end || asks && i.starts < end));
        }
        // Never more work in flight than the pace allows: the weeks of
        // work of each (a habit kept up after them, leading through team
        // leads, takes no more of them). The work of a post covered, done
        // in it as its holder, is the post's (review 7, finding 4).
        let in_post = |i: &ProposedItem| {
            i.action
                .as_ref()
                .and_then(|a| f.action(a.as_str()))
                .and_then(|a| a.part_of.as_ref())
                .is_some_and(|post| {
                    p.items.iter().any(|t| {
                        t.action.as_ref() == Some(post) && t.starts == i.starts
                    })
                })
        };
        let work = |i: &&ProposedItem| i.kind != ActionKind::Relationship && !in_post(i);
        let spent = |j: &ProposedItem| j.starts + chrono::Duration::weeks(i64::from(j.effort_weeks));
        for i in p.items.iter().filter(work) {
            let in_flight = p
                .items
                .iter()
                .filter(work)
                .filter(|j| j.starts <= i.starts && spent(j) > i.starts)
                .count();
            prop_assert!(in_flight <= at_once as usize, "{} at once", in_flight);
        }
        // No action twice.
        let unique: BTreeSet<&ActionId> = p.items.iter().filter_map(|i| i.action.as_ref()).collect();
        prop_assert_eq!(unique.len(), p.items.len());
    }
}

#[test]
fn debriefs_raise_the_priority_of_what_they_cite() {
    let f = framework();
    let before = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    let (r, _) = before.run();
    let before = before.plan();
    // The lowest-priority gap, cited in three debriefs, is worked on sooner.
    let last_gap = r.gaps().last().map(|c| c.id.clone()).expect("a gap");
    let mut after = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    after.cited = BTreeMap::from([(last_gap.clone(), 3)]);
    let after = after.plan();
    let first_due = |p: &Proposal| {
        p.items
            .iter()
            .filter(|i| i.competencies.contains(&last_gap))
            .map(|i| i.due)
            .min()
            .unwrap_or(NaiveDate::MAX)
    };
    assert!(
        first_due(&after) <= first_due(&before),
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

/// A next step ahead in an open opening gets its preparation in the plan,
/// the week before it; one past the horizon or already past does not.
#[test]
fn an_interview_ahead_is_prepared_the_week_before() {
    let f = framework();
    let mut case = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    let on = start() + chrono::Duration::weeks(6);
    let interview = |day: NaiveDate, id: i64| Interview {
        opportunity: id,
        name: "IT manager at Northwind".to_owned(),
        step: "Interview with the IT director".to_owned(),
        on: day,
    };
    case.record.interviews = vec![
        interview(on, 1),
        interview(start() + chrono::Duration::weeks(80), 2),
        interview(start() - chrono::Duration::days(1), 3),
    ];
    let p = case.plan();
    let prepared: Vec<&ProposedItem> = p
        .items
        .iter()
        .filter(|i| i.title.starts_with("Before \u{201c}"))
        .collect();
    assert_eq!(prepared.len(), 1, "{:?}", p.items);
    let i = prepared[0];
    assert_eq!(i.opportunity, Some(1));
    assert_eq!((i.starts, i.due), (on - chrono::Duration::weeks(1), on));
    assert!(
        i.title
            .contains("Interview with the IT director\u{201d} (IT manager at Northwind"),
        "{}",
        i.title
    );
    assert!(i.why.contains("ask why"), "{}", i.why);
}

/// The work on a competency's lower levels starts first and does not
/// finish after the work on its higher ones: budget shadowing before the
/// vendor negotiation an interview felt too technical calls for.
#[test]
fn lower_levels_of_a_competency_come_first() {
    let f = framework();
    // A QA analyst with no budget experience, who felt too technical in an
    // interview for a manager's post.
    let values = [3, 2, 3, 2, 3, 3, 3, 0, 1, 4, 2, 3, 2, 2];
    let mut case = Case::new(&f, "qa-analyst", "it-manager", &values);
    case.record.rejections = vec![Rejection {
        opportunity: 1,
        name: "QA and release manager at Fabrikam".to_owned(),
        reasons_given: true,
        cited: vec![crate::CompetencyId::stored("communication").expect("id")],
        too_technical: true,
    }];
    let p = case.plan();
    let budgeting = competency(&f, "budgeting-funding");
    let budget_work: Vec<(u8, NaiveDate, NaiveDate)> = p
        .items
        .iter()
        .filter_map(|i| {
            let a = f.action(i.action.as_ref()?.as_str())?;
            a.covers("budgeting-funding")
                .then_some((a.span(&budgeting).0, i.starts, i.due))
        })
        .collect();
    assert!(budget_work.len() >= 2, "{:?}", p.items);
    for x in &budget_work {
        for y in &budget_work {
            if x.0 < y.0 {
                assert!(x.1 <= y.1 && x.2 <= y.2, "{budget_work:?}");
            }
        }
    }
}

/// What the journal shows the person already does is recognised, so the
/// plan does not propose it again: the one-to-ones they run, the interim
/// post they hold.
#[test]
fn work_the_journal_shows_is_recognised() {
    let f = framework();
    let recognised =
        |action: &str, text: &str| f.action(action).expect("action").recognised_in(text);
    assert!(recognised(
        "coach-team-members",
        "I run the one-to-ones of the three juniors every fortnight"
    ));
    assert!(recognised(
        "acting-manager",
        "Appointed interim IT manager for three months while Sarah is on secondment"
    ));
    assert!(!recognised(
        "coach-team-members",
        "Had my own one-to-one with my manager"
    ));
    // Whole words, parts in order within a sentence ("led … project").
    assert!(recognised(
        "lead-project",
        "Led the file server migration project: plan, risks, weekly status"
    ));
    assert!(!recognised(
        "lead-project",
        "Cancelled the project. Led the retro"
    ));
    assert!(recognised(
        "draft-roadmap",
        "Wrote the 18-month technical roadmap for the payments domain"
    ));
    assert!(recognised(
        "coordinate-group",
        "Ran the branch cutover weekend for the SD-WAN project"
    ));
    assert!(recognised(
        "lead-project",
        "Leading the SD-WAN rollout across 12 branches"
    ));
    assert!(recognised("itil", "Passed ITIL 4 Foundation on Friday"));
    assert!(!recognised(
        "itil",
        "They took someone from outside with ITIL Intermediate"
    ));
    assert!(recognised(
        "vendor-technical-certification",
        "Passed the CCNA exam"
    ));
    assert!(!recognised(
        "vendor-technical-certification",
        "My acne is back"
    ));
    // Not what was not done, nor what is meant.
    assert!(recognised(
        "present-to-board",
        "Presented to the board on the cyber risks"
    ));
    assert!(!recognised(
        "present-to-board",
        "Haven't presented to the board myself yet"
    ));
    assert!(!recognised(
        "business-finance-course",
        "I will do the finance for non-financial managers course before the interview"
    ));
    assert!(!recognised(
        "delegate-a-duty",
        "Need to delegate the patching to the juniors"
    ));
    assert!(recognised(
        "delegate-a-duty",
        "Delegated the patching to the juniors and checked in weekly"
    ));
}

/// Work whose first steps the journal shows (quotes gathered) is proposed
/// to be seen through, saying so; the work itself done is recognised
/// instead, and first steps not taken are neither.
#[test]
fn work_the_journal_shows_begun_is_seen_through() {
    let f = framework();
    let vendor = f.action("vendor-renewal").expect("action");
    let quotes = "Got quotes from three carriers for the new SD-WAN links";
    assert!(vendor.begun_in(quotes));
    assert!(!vendor.begun_in("Negotiated the carrier contract after we got quotes from three"));
    assert!(!vendor.begun_in("We never got quotes from anyone"));
    assert!(!vendor.begun_in("Will get quotes from the carriers next month"));
    // An IT manager who meets her role (Budgeting 3), for IT director (4).
    let manager = [3, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 4, 3, 3];
    let mut case = Case::new(&f, "it-manager", "it-director", &manager);
    let plain = case.plan();
    case.record.journal = vec![quotes.to_owned()];
    let p = case.plan();
    let item = p
        .items
        .iter()
        .find(|i| {
            i.action
                .as_ref()
                .is_some_and(|a| a.as_str() == "vendor-renewal")
        })
        .unwrap_or_else(|| panic!("seen through: {:?}", ids(&p)));
    assert!(
        item.why.contains("Your journal shows it begun"),
        "{}",
        item.why
    );
    assert!(item.why.contains("SD-WAN"), "{}", item.why);
    // Without the entry, the same person's plan says nothing of it begun.
    assert!(plain.items.iter().all(|i| !i.why.contains("begun")));
    // A manager's post half held is the move itself, gaps or none: a
    // senior administrator who runs the team since the manager left.
    let acting = f.action("acting-manager").expect("action");
    let stand_up = "Run the weekly team stand-up since the manager left for the PMO";
    assert!(acting.begun_in(stand_up));
    let mut case = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    case.record.journal = vec![stand_up.to_owned()];
    let p = case.plan();
    assert!(
        p.items.iter().chain(&p.later).any(|i| i
            .action
            .as_ref()
            .is_some_and(|a| a.as_str() == "acting-manager")
            && i.why.contains("begun")),
        "{:?}",
        ids(&p)
    );
}

/// A team led without the post (seed 000's "not officially") is asked to
/// be made official, in place of a vacancy to wait for, and its cost line
/// is that team's work; a post half held, vacant, is asked for as the post
/// instead (review 10, finding 9).
#[test]
fn a_team_led_unofficially_is_asked_to_be_made_official() {
    let f = framework();
    let official = f.action("lead-officially").expect("action");
    let unofficial =
        "I handle most of what the manager does for the team of four, but not officially";
    assert!(official.begun_in(unofficial));
    assert!(official.begun_in("Run the service desk without the title"));
    assert!(official.begun_in(
        "Appraisal note from my manager: runs the team in all but name, needs to let go of the keyboard"
    ));
    // Other things done unofficially are no team led.
    assert!(!official.begun_in("Unofficially mentoring the new starter"));
    let has = |p: &Proposal, id: &str| {
        p.items
            .iter()
            .chain(&p.later)
            .find(|i| i.action.as_ref().is_some_and(|a| a.as_str() == id))
            .cloned()
    };
    let mut case = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    let plain = case.plan();
    assert!(
        has(&plain, "lead-officially").is_none(),
        "{:?}",
        ids(&plain)
    );
    case.record.journal = vec![unofficial.to_owned()];
    let p = case.plan();
    let item = has(&p, "lead-officially").expect("lead-officially");
    assert!(item.why.contains("but not officially"), "{}", item.why);
    assert!(item.why.contains("Agree it first"), "{}", item.why);
    assert!(has(&p, "acting-manager").is_none(), "{:?}", ids(&p));
    // With the manager gone, the post is there to ask for: no official
    // team lead is asked beside it.
    case.record.journal = vec![
        unofficial.to_owned(),
        "Run the weekly team stand-up since the manager left for the PMO".to_owned(),
    ];
    let p = case.plan();
    assert!(has(&p, "lead-officially").is_none(), "{:?}", ids(&p));
    assert!(has(&p, "acting-manager").is_some(), "{:?}", ids(&p));
    // The one-to-ones of a team, held without a post over it, are that
    // leading too; held by its manager, they are the job (review 11,
    // finding 1).
    let one_to_ones = "Agreed a training plan with each of my six analysts at their one-to-ones";
    case.record.journal = vec![one_to_ones.to_owned()];
    let p = case.plan();
    assert!(has(&p, "lead-officially").is_some(), "{:?}", ids(&p));
    let manager = [4, 4, 3, 3, 3, 3, 3, 2, 2, 3, 3, 3, 3, 3];
    let mut held = Case::new(&f, "it-manager", "it-director", &manager);
    held.record.journal = vec![one_to_ones.to_owned()];
    let p = held.plan();
    assert!(has(&p, "lead-officially").is_none(), "{:?}", ids(&p));
}

/// A reorganisation or an outsourcing is led when the organisation has
/// decided one, never made for the person's own development (review 5):
/// an IT director aiming at CIO gets it only once the journal shows it
/// announced.
#[test]
fn a_hard_change_is_led_only_when_one_is_decided() {
    let f = framework();
    let change = f.action("lead-hard-change").expect("action");
    let announced =
        "The restructure was announced: the desk and the network team merge under me in April";
    assert!(change.begun_in(announced));
    assert!(!change.begun_in("Read a book on leading a restructure"));
    let director = [2, 4, 4, 5, 4, 4, 4, 4, 4, 4, 4, 5, 4, 4];
    let mut case = Case::new(&f, "it-director", "cio", &director);
    let leads_it = |p: &Proposal| {
        p.items.iter().chain(&p.later).any(|i| {
            i.action
                .as_ref()
                .is_some_and(|a| a.as_str() == "lead-hard-change")
        })
    };
    let plain = case.plan();
    assert!(!leads_it(&plain), "{:?}", ids(&plain));
    case.record.journal = vec![announced.to_owned()];
    let p = case.plan();
    assert!(leads_it(&p), "{:?}", ids(&p));
}

/// Each level-building item says which step it takes, told from where the
/// person is: with the tough assignments and the courses of the field left
/// out, the one hard project of a sysadmin at technical excellence 3 aiming
/// at specialist (5) takes them to 4, not "4→5", and the step no catalog
/// action builds is named in a note.
#[test]
fn a_lone_holder_of_a_gap_is_told_from_the_persons_level() {
    let f = framework();
    let sysadmin = f.role("sysadmin").expect("role");
    let values: Vec<u8> = f
        .competencies
        .iter()
        .map(|c| sysadmin.expected(c.id.as_str()).map_or(0, |l| l.value()))
        .collect();
    let mut case = Case::new(&f, "sysadmin", "specialist", &values);
    case.despite_fit = true;
    case.exclude = f
        .actions
        .iter()
        .filter(|a| {
            a.id.as_str() == "tough-assignments"
                || (a.kind == ActionKind::Education && a.covers("technical-excellence"))
        })
        .map(|a| a.id.clone())
        .collect();
    assert_eq!(case.exclude.len(), 4);
    let p = case.plan();
    let project = proposed(&p, "deliver-hard-project").expect("the hard project");
    assert!(
        project.why.contains("Technical excellence 3→4"),
        "{}",
        project.why
    );
    assert!(!project.why.contains("4→5"), "{}", project.why);
}

/// Seed 000's word on technical certifications is said when one is logged
/// or only meant, toward a management role; not for what was not done.
#[test]
fn the_word_on_certifications_comes_for_one_planned_or_logged() {
    let f = framework();
    let manager = f.role("it-manager").expect("role");
    // A talk at the user group is no certificate, nor are the tough
    // assignments: neither gets the word.
    assert_eq!(
        crate::plan::certification_note(&f, manager, "Gave a talk at the user group on BGP"),
        None
    );
    let specialist = f.role("specialist").expect("role");
    for text in ["Passed the CCNA exam", "I will sit the CCNA exam in March"] {
        let note = crate::plan::certification_note(&f, manager, text);
        assert!(
            note.as_deref().is_some_and(|n| n.contains("management")),
            "{text}: {note:?}"
        );
        assert_eq!(crate::plan::certification_note(&f, specialist, text), None);
    }
    assert_eq!(
        crate::plan::certification_note(&f, manager, "Never sat the CCNA exam, and won't"),
        None
    );
}

#[test]
fn what_is_handed_on_a_record_waits_for_the_record() {
    // A developer who has never led anyone (Leadership 1), who mentors
    // (Developing staff 2): Dana of the persona suite.
    let dana = [5, 2, 3, 1, 2, 2, 2, 0, 2, 2, 1, 3, 2, 1];
    let f = framework();
    let p = Case::new(&f, "developer", "it-manager", &dana).plan();
    let proposed: Vec<&str> = ids(&p)
        .into_iter()
        .chain(
            p.later
                .iter()
                .filter_map(|i| i.action.as_ref().map(|a| a.as_str())),
        )
        .collect();
    assert!(
        !proposed.contains(&"acting-manager"),
        "a manager's post is not covered on a record the plan has yet to build: {proposed:?}"
    );
    // Nor two colleagues' yearly reviews written: she develops people
    // (Developing staff 2) but leads no one yet (Leadership 1).
    assert!(!proposed.contains(&"coach-team-members"), "{proposed:?}");
    // The same person, had the framework not asked for a record, would be
    // sent to cover one: the condition is what keeps it out.
    let mut loose = framework();
    for a in &mut loose.actions {
        a.on_record.clear();
    }
    let p = Case::new(&loose, "developer", "it-manager", &dana).plan();
    assert!(ids(&p).contains(&"acting-manager"), "{:?}", ids(&p));
    // Once she leads a piece of work (Leadership 2), the post is hers to ask.
    let leads = [5, 2, 3, 2, 2, 2, 2, 0, 2, 2, 1, 3, 2, 1];
    let p = Case::new(&f, "developer", "it-manager", &leads).plan();
    assert!(ids(&p).contains(&"acting-manager"), "{:?}", ids(&p));
}

#[test]
fn what_is_learnt_builds_the_lower_levels_and_the_work_the_upper() {
    // Dana: a developer with Strategy 2 ("contributes ideas to a roadmap")
    // aiming at IT manager, who expects 3 ("writes the roadmap").
    let dana = [5, 2, 3, 1, 2, 2, 2, 0, 2, 2, 1, 3, 2, 1];
    let f = framework();
    let p = Case::new(&f, "developer", "it-manager", &dana).plan();
    let all: Vec<&ProposedItem> = p.items.iter().chain(p.later.iter()).collect();
    for i in &all {
        if i.kind != ActionKind::Experience {
            assert!(
                !i.why.contains("Builds Strategy and road-mapping 2→3"),
                "a book or a conference writes no roadmap: {} ({})",
                i.title,
                i.why
            );
        }
    }
    let roadmap = all
        .iter()
        .find(|i| {
            i.action
                .as_ref()
                .is_some_and(|a| a.as_str() == "draft-roadmap")
        })
        .expect("the roadmap drafted");
    assert!(
        roadmap.why.contains("Builds Strategy and road-mapping 2→3"),
        "{}",
        roadmap.why
    );
    // Lower down the scale a conference still builds the level: knowing
    // the roadmap is learnt among peers (two days of it are a start on
    // the level, said so).
    let mut below = dana;
    below[8] = 0;
    let f = framework();
    let p = Case::new(&f, "developer", "it-manager", &below).plan();
    let learnt_builds = |i: &ProposedItem| {
        i.kind != ActionKind::Experience
            && (i.why.contains("Builds") || i.why.contains("A start on"))
            && ["0→1", "1→2"]
                .iter()
                .any(|l| i.why.contains(&format!("Strategy and road-mapping {l}")))
    };
    assert!(
        p.items.iter().chain(p.later.iter()).any(learnt_builds),
        "{:#?}",
        p.items
            .iter()
            .map(|i| (&i.title, &i.why))
            .collect::<Vec<_>>()
    );
    // At one thing at a time the one slot is for the work: no course is
    // added for the balance of the plan.
    let mut one = Case::new(&f, "developer", "it-manager", &dana);
    one.at_once = 1;
    let p = one.plan();
    assert!(
        !p.items
            .iter()
            .chain(p.later.iter())
            .any(|i| i.why.contains("Strengthens, with other actions")),
        "{:#?}",
        p.items
            .iter()
            .map(|i| (&i.title, &i.why))
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_work_is_followed_by_telling_it_asking_again_and_asking_for_the_post() {
    let f = framework();
    let due_of_cited = |p: &Proposal| {
        p.items
            .iter()
            .filter(|i| i.why.contains("this builds the managing"))
            .map(|i| i.due)
            .max()
            .expect("work answering the interview")
    };
    // Chen: a senior administrator who talked architecture at a panel.
    let chen = [5, 4, 4, 2, 2, 3, 3, 2, 3, 3, 2, 4, 2, 3];
    let mut case = Case::new(&f, "senior-admin", "it-manager", &chen);
    case.record.rejections = vec![Rejection {
        opportunity: 7,
        name: "IT infrastructure manager at Tailspin".to_owned(),
        reasons_given: true,
        cited: Vec::new(),
        too_technical: true,
    }];
    let p = case.plan();
    let rehearse = item(&p, "rehearse-management-interview").expect("a rehearsal");
    assert!(rehearse.starts >= due_of_cited(&p), "{rehearse:?}");
    assert!(rehearse.why.contains("Tailspin"), "{}", rehearse.why);
    let forward = item(&p, "put-yourself-forward").expect("the post asked for");
    // With no panel sooner, the next one is the ask: rehearsed the week
    // before it (review 12, finding 2).
    assert_eq!(
        rehearse.due,
        forward.starts - chrono::Duration::weeks(1),
        "{rehearse:?}"
    );
    // With no ask within the horizon, once the work that answers the
    // panel is done, for whichever comes next.
    let mut short = Case::new(&f, "senior-admin", "it-manager", &chen);
    short.record.rejections = case.record.rejections.clone();
    short.months = 4;
    let p = short.plan();
    assert!(item(&p, "put-yourself-forward").is_none(), "{:?}", ids(&p));
    let rehearse = item(&p, "rehearse-management-interview").expect("a rehearsal");
    assert!(rehearse.starts >= due_of_cited(&p), "{rehearse:?}");
    assert!(
        rehearse.why.contains("before the next panel, rehearse"),
        "{}",
        rehearse.why
    );
    // Without the interview lost that way, the rehearsal is for the ask:
    // the week before it (review 10, finding 4).
    let mut plain = Case::new(&f, "senior-admin", "it-manager", &chen);
    plain.record.rejections.clear();
    let p = plain.plan();
    let rehearse = item(&p, "rehearse-management-interview").expect("a rehearsal");
    let forward = item(&p, "put-yourself-forward").expect("the post asked for");
    assert_eq!(
        rehearse.due,
        forward.starts - chrono::Duration::weeks(1),
        "{rehearse:?}"
    );
    assert!(
        rehearse
            .why
            .starts_with("Before you put yourself forward for IT manager"),
        "{}",
        rehearse.why
    );
    // Two lost, whatever the reasons: a rehearsal too.
    let mut twice = Case::new(&f, "senior-admin", "it-manager", &chen);
    twice.record.rejections = (1..=2)
        .map(|n| Rejection {
            opportunity: n,
            name: format!("IT manager opening {n}"),
            reasons_given: true,
            cited: vec![competency(&f, "budgeting-funding")],
            too_technical: false,
        })
        .collect();
    let rehearse = item(&twice.plan(), "rehearse-management-interview").expect("a rehearsal");
    assert!(
        rehearse.why.contains("You have lost 2 interviews"),
        "{}",
        rehearse.why
    );

    // Feedback that names a gap is asked again after the work on it.
    let mut told = Case::new(&f, "senior-admin", "it-manager", &chen);
    told.record.named_gaps = vec![NamedGap {
        text: "Keeps the hard tickets instead of handing them on".to_owned(),
        competencies: vec![competency(&f, "leadership-delegation")],
    }];
    let p = told.plan();
    let back = item(&p, "feedback-check-back").expect("the feedback asked again");
    assert_eq!(back.competencies, [competency(&f, "leadership-delegation")]);
    let answers: Vec<&ProposedItem> = p
        .items
        .iter()
        .filter(|i| i.why.contains("this is the work that answers it"))
        .collect();
    let begun = answers
        .iter()
        .map(|i| i.starts)
        .min()
        .expect("work that builds what it names");
    // A quarter of the new habit for its givers to see, not a month; the
    // work kept up until they are asked, as they judge the latest weeks.
    assert!(
        back.starts >= begun + chrono::Duration::weeks(12),
        "{back:?} a quarter after {begun}"
    );
    for i in &answers {
        assert!(i.due >= back.starts, "{i:?} kept up until {}", back.starts);
        assert!(i.why.contains("Keep it up until you ask them again"));
    }
    let forward = item(&p, "put-yourself-forward").expect("the post asked for");
    assert!(forward.starts >= back.due, "{forward:?}");
    assert!(
        forward
            .why
            .contains("If those whose feedback named a gap say it has changed"),
        "{}",
        forward.why
    );
    assert!(forward.title.ends_with(": IT manager"), "{}", forward.title);

    // With an interview ahead, its preparation is the step: no other.
    let mut ahead = Case::new(&f, "senior-admin", "it-manager", &chen);
    ahead.record.interviews = vec![Interview {
        opportunity: 9,
        name: "IT manager (internal)".to_owned(),
        step: "Interview with the IT director".to_owned(),
        on: start() + chrono::Duration::weeks(8),
    }];
    let p = ahead.plan();
    assert!(item(&p, "put-yourself-forward").is_none());
    // Nothing on the record tried the post: no review of it is asked for;
    // an interim period in the journal is reviewed before the interview.
    let prep = |p: &Proposal| {
        p.items
            .iter()
            .find(|i| i.opportunity == Some(9))
            .map(|i| (i.title.clone(), i.why.clone()))
            .expect("prepared")
    };
    assert!(!prep(&p).0.contains("time in the post"), "{:?}", prep(&p));
    // A project led is no post held.
    ahead.record.journal = vec!["Led the storage migration project".to_owned()];
    assert!(!prep(&ahead.plan()).0.contains("time in the post"));
    ahead.record.journal =
        vec!["Appointed acting IT manager while Sarah is on secondment".to_owned()];
    let (title, why) = prep(&ahead.plan());
    assert!(
        title.ends_with("; account for your time in the post against its success criteria"),
        "{title}"
    );
    assert!(
        why.contains("(\u{201c}Appointed acting IT manager"),
        "{why}"
    );
}

/// A move the framework says needs a year of the new role's work on the
/// record (IT manager → IT director) is asked for no sooner, however soon
/// the plan's work is done, and the plan says from when (seed 003).
#[test]
fn a_manager_of_managers_is_asked_for_once_a_year_of_the_work_is_on_record() {
    let f = framework();
    // Aisha: an IT manager at most of a director's levels.
    let aisha = [3, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 4, 3, 3];
    let mut case = Case::new(&f, "it-manager", "it-director", &aisha);
    case.months = 24;
    let p = case.plan();
    let forward = item(&p, "seek-senior-post").expect("within 24 months");
    // Its eight weeks of telling the search firms and peers end as the
    // year of record does, not start then (seed 000: networking first).
    // The year is of leading through team leads (the transition's
    // record_of), not of the work before it (review 12, finding 1).
    let leads = item(&p, "lead-managers").expect("leads through team leads");
    assert!(leads.starts > start(), "{leads:?}");
    let year = leads.starts + chrono::Months::new(12);
    assert!(forward.due >= year && forward.starts < year, "{forward:?}");
    assert!(
        p.notes.iter().any(|n| n
            .contains("ask for the post once about 12 months of that work are on your record")
            && n.contains(&format!(
                "Start on {}: its 8 weeks end when that much work is on your record",
                forward.starts
            ))),
        "{:?}",
        p.notes
    );
    // Within a horizon that ends a month after the year, the step is its
    // last weeks.
    let months = u32::try_from((year - start()).num_days() / 30 + 1).expect("months");
    case.months = months;
    let within = item(&case.plan(), "seek-senior-post").expect("its last weeks");
    assert!(
        within.starts > start() + chrono::Months::new(months - 3)
            && within.due <= start() + chrono::Months::new(months),
        "{within:?}"
    );
    // Within a year's horizon, it is past it: a note says from when, and
    // the habits that build the record run to the horizon.
    case.months = 12;
    let year_plan = case.plan();
    assert!(item(&year_plan, "seek-senior-post").is_none());
    assert!(
        year_plan
            .notes
            .iter()
            .any(|n| n.contains(&format!("on your record, from {year}"))),
        "{:?}",
        year_plan.notes
    );
    let kept = item(&year_plan, "lead-managers").expect("kept up");
    assert_eq!(kept.due, start() + chrono::Months::new(12), "{kept:?}");
    // Without the record the transition asks for, as soon as the work is done.
    let mut g = framework();
    g.transitions
        .iter_mut()
        .for_each(|t| t.record_months = None);
    let mut plain = Case::new(&g, "it-manager", "it-director", &aisha);
    plain.months = 24;
    let early = item(&plain.plan(), "seek-senior-post").expect("asked for");
    assert!(early.starts < forward.starts, "{early:?}");
}

/// What the journal says is meant, not done ("I will do the finance course
/// next spring"), is made room for where it serves the move, and where it
/// does not, the plan says why it leaves it out.
#[test]
fn what_the_journal_says_is_meant_is_planned_or_declined_with_a_reason() {
    let f = framework();
    let meant = "I will do the finance for non-financial managers course next spring";
    // Budgeting 2 of an IT manager's 3: the course strengthens it.
    let short = [4, 4, 4, 3, 3, 3, 3, 2, 3, 3, 3, 3, 3, 3];
    let mut case = Case::new(&f, "senior-admin", "it-manager", &short);
    case.record.journal = vec![meant.to_owned()];
    let p = case.plan();
    let course = item(&p, "business-finance-course").expect("made room for");
    assert!(
        course
            .why
            .contains("Your journal says you mean to do it (\u{201c}I will do the finance"),
        "{}",
        course.why
    );
    // Budgeting and business at what the role asks: no room, and why not.
    let met = [4, 4, 4, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3];
    let mut case = Case::new(&f, "senior-admin", "it-manager", &met);
    case.record.journal = vec![meant.to_owned()];
    let p = case.plan();
    assert!(item(&p, "business-finance-course").is_none());
    assert!(
        p.notes.iter().any(|n| n.starts_with(
            "Your journal says you mean to take a course in business management or finance for non-financial managers (\u{201c}I will do"
        ) && n.contains("it builds nothing IT manager still asks of you")),
        "{:?}",
        p.notes
    );
    // Left out for a record still to build (two colleagues' reviews need
    // Leadership 2), it is a later plan's: no "builds nothing".
    let green = [4, 4, 4, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3];
    let mut case = Case::new(&f, "senior-admin", "it-manager", &green);
    case.record.journal =
        vec!["I want to run the one-to-ones of two team members next year".to_owned()];
    let p = case.plan();
    assert!(item(&p, "coach-team-members").is_none());
    assert!(
        p.notes.iter().all(|n| !n.contains("mean to")),
        "{:?}",
        p.notes
    );
    // Done, it is neither.
    let mut case = Case::new(&f, "senior-admin", "it-manager", &met);
    case.record.journal = vec!["Finished the finance for non-financial managers course".to_owned()];
    let p = case.plan();
    assert!(
        p.notes.iter().all(|n| !n.contains("mean to")),
        "{:?}",
        p.notes
    );
}

#[test]
fn nothing_starts_in_the_year_end_break() {
    let f = framework();
    let in_break = |p: &Proposal| -> Vec<String> {
        p.items
            .iter()
            .chain(&p.later)
            .filter(|i| super::in_year_end_break(i.starts))
            .map(|i| format!("{} on {}", i.title, i.starts))
            .collect()
    };
    let said = |p: &Proposal| {
        p.notes
            .iter()
            .any(|n| n.starts_with("Nothing new starts between 20 December and 3 January"))
    };
    // One piece of work at a time for a year from 27 October: what would
    // start in Christmas week waits for the new year.
    let mut case = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    case.at_once = 1;
    case.start = "2026-10-27".parse().unwrap();
    let p = case.plan();
    assert!(in_break(&p).is_empty(), "{:?}", in_break(&p));
    assert!(said(&p), "{:?}", p.notes);
    // A plan made on 23 December starts in the first week of January,
    // on the plan's weekday.
    case.at_once = DEFAULT_AT_ONCE;
    case.start = "2026-12-23".parse().unwrap();
    let p = case.plan();
    let first = p.items.iter().map(|i| i.starts).min();
    assert_eq!(first, "2027-01-06".parse().ok(), "{:?}", ids(&p));
    assert!(in_break(&p).is_empty(), "{:?}", in_break(&p));
    assert!(said(&p), "{:?}", p.notes);
    // A trial too.
    case.record.fit = Some(fit_of(&f, 4, 4));
    let p = case.plan();
    // Three weeks once the manager is told, in the first week after the
    // break.
    let trial = p.items.iter().find(|i| i.why.contains("trial"));
    assert!(
        trial.is_some_and(|t| t.starts == "2027-02-03".parse().unwrap()),
        "{:?}",
        p.items
            .iter()
            .map(|i| (&i.title, i.starts))
            .collect::<Vec<_>>()
    );
    // In spring nothing is put off, and nothing is said of it.
    case.start = "2027-03-02".parse().unwrap();
    case.record.fit = None;
    let p = case.plan();
    assert!(!said(&p), "{:?}", p.notes);
}

/// Work that hands on what the journal shows done in person (outages
/// taken herself) is proposed on two such entries, not on one.
#[test]
fn work_handed_on_needs_the_journal_to_show_it_done_in_person() {
    let f = framework();
    let a = f.action("step-out-of-incidents").expect("action");
    assert!(a.hands_on_in("Took the P1 on the firewall cluster and had it back in forty minutes"));
    assert!(a.hands_on_in(
        "Spent Tuesday night tracing the DNS loop that took the warehouse scanners down"
    ));
    assert!(!a.hands_on_in("Agreed a training plan with each of the two juniors"));
    // An outage reviewed, explained or rostered is not one fixed in person.
    assert!(!a.hands_on_in("Ran the post-incident review after the email outage"));
    assert!(!a.hands_on_in("Mentored two mid-level devs through their first on-call rotation"));
    // Negated: not done in person.
    assert!(!a.hands_on_in("Did not take the P1 this time"));
    const MANAGER: [u8; 14] = [5, 4, 3, 2, 3, 3, 3, 2, 2, 3, 3, 3, 2, 2];
    let mut case = Case::new(&f, "it-manager", "it-director", &MANAGER);
    case.record.journal = vec![
        "Took the P1 on the firewall cluster and had it back in forty minutes".to_owned(),
        "Upgraded the core switch firmware across both sites".to_owned(),
    ];
    let p = case.plan();
    assert!(item(&p, "step-out-of-incidents").is_none(), "{:?}", ids(&p));
    case.record.journal.push(
        "Spent Tuesday night tracing the DNS loop that took the warehouse scanners down".to_owned(),
    );
    let p = case.plan();
    assert!(item(&p, "step-out-of-incidents").is_some(), "{:?}", ids(&p));
}

/// A move whose way passes a rung of another track says that a post on
/// that rung is on the way; a move of one step says nothing of it.
#[test]
fn a_rung_between_on_another_track_is_named_on_the_way() {
    let f = framework();
    let ladder = |p: &Proposal| {
        p.notes
            .iter()
            .find(|n| n.starts_with("The usual way"))
            .cloned()
    };
    const DESK: [u8; 14] = [2, 2, 1, 1, 1, 2, 1, 0, 0, 1, 0, 2, 1, 1];
    let p = Case::new(&f, "help-desk", "it-manager", &DESK).plan();
    let note = ladder(&p).expect("a note of the rung between");
    assert!(
        note.contains("from Help desk analyst to IT manager runs through Network and server administrator (seed 001)"),
        "{note}"
    );
    let p = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN).plan();
    assert_eq!(ladder(&p), None);
    // A way to a specialist through a manager's post is no way: nothing
    // is said of it.
    let p = Case::new(&f, "business-analyst", "specialist", &DESK).plan();
    assert_eq!(ladder(&p), None);
    // At one piece of work at a time, the slot goes to work in the job
    // before any course.
    let mut case = Case::new(&f, "help-desk", "it-manager", &DESK);
    case.at_once = 1;
    case.months = 6;
    let p = case.plan();
    let first_work = p
        .items
        .iter()
        .find(|i| i.kind != ActionKind::Relationship && !i.why.starts_with("Groundwork"));
    assert!(
        first_work.is_some_and(|i| i.kind == ActionKind::Experience),
        "{:?}",
        ids(&p)
    );
}

/// What the move is about (a manager of managers leads leaders), rated at
/// the target's level by the person alone with nothing on record, is a
/// level to show; evidence of it lifts the doubt.
#[test]
fn a_self_rating_alone_in_what_the_move_is_about_is_a_level_to_show() {
    let f = framework();
    // An IT manager rating her leadership at a director's 4.
    const MANAGER: [u8; 14] = [3, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 4, 3, 3];
    let mut case = Case::new(&f, "it-manager", "it-director", &MANAGER);
    let p = case.plan();
    let shown = p.items.iter().find(|i| {
        i.why.contains(
            "You rate yourself at Leadership and delegation 4, past what IT manager asks, and nothing on your record shows it yet",
        )
    });
    assert!(
        shown.is_some_and(|i| i
            .competencies
            .contains(&competency(&f, "leadership-delegation"))),
        "{:?}",
        p.items
            .iter()
            .map(|i| (&i.title, &i.why))
            .collect::<Vec<_>>()
    );
    // With evidence of it, her rating stands.
    case.evidence
        .insert(competency(&f, "leadership-delegation"), 2);
    let p = case.plan();
    assert!(
        p.items.iter().all(|i| !i.why.contains("You rate yourself")),
        "{:?}",
        p.items.iter().map(|i| &i.why).collect::<Vec<_>>()
    );
}

/// Work that waits for a budget round past the horizon waits for the
/// organisation's year, not the person's pace: the plan says so apart,
/// and does not count it in how long the pace makes the move.
#[test]
fn what_waits_for_the_round_is_not_counted_as_the_pace() {
    let f = framework();
    let mut case = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    case.months = 6;
    case.at_once = 6;
    // The year starts in January: the round runs September to December,
    // past a six-month plan from 15 January.
    case.year = Some(super::FinancialYear::starting(chrono::Month::January));
    let p = case.plan();
    let round: Vec<&ProposedItem> = p
        .later
        .iter()
        .filter(|i| {
            i.action
                .as_ref()
                .and_then(|a| f.action(a.as_str()))
                .is_some_and(|a| a.season.is_some())
        })
        .collect();
    assert!(!round.is_empty(), "{:?}", p.later);
    let note = p
        .notes
        .iter()
        .find(|n| n.contains("the next with room for"))
        .expect("a note of the round");
    assert!(
        note.contains("your organisation's budget round (September to December)")
            && note.contains(&round[0].title),
        "{note}"
    );
    // At six at a time the rest fits: no word of the pace.
    let pace = p
        .notes
        .iter()
        .find(|n| n.contains("pieces of work at a time"));
    assert_eq!(pace, None, "{:?}", p.notes);
    let longest = p
        .later
        .iter()
        .filter(|i| !round.iter().any(|r| r.title == i.title))
        .map(|i| i.due)
        .max();
    let horizon_end = start() + chrono::Months::new(6);
    let weeks = longest.map_or(0, |d| ((d - horizon_end).num_days() + 6) / 7) as u32;
    assert_eq!(p.overflow_weeks, weeks, "{:?}", p.later);
}

/// Work that follows the budget round runs until the round decides, and
/// waits for the next round when the journal shows next year's budget
/// already built (review 7, finding 5).
#[test]
fn budget_work_follows_the_round_to_its_decisions_and_skips_a_round_over() {
    let f = framework();
    let mut case = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    // The year starts in April: the round runs December to March, and the
    // plan starts inside it, on 15 January.
    case.year = Some(super::FinancialYear::starting(chrono::Month::April));
    let april: chrono::NaiveDate = "2026-04-01".parse().unwrap();
    // A manager's post covered after it, while the round still runs, takes
    // the round's work over: the cover runs the post's part of it.
    let p = case.plan();
    let shadow = item(&p, "shadow-budget-cycle").expect("shadowed");
    let cover = item(&p, "acting-manager").expect("a cover");
    assert!(
        shadow.due <= cover.starts || cover.due <= shadow.starts,
        "never beside"
    );
    assert_eq!(cover.starts, shadow.due, "{cover:?}");
    assert!(cover.starts < april && cover.why.contains("run its part of the round yourself"));
    // Without a cover, the shadowing follows the round to its decisions.
    case.exclude
        .insert(cover.action.clone().expect("an action"));
    let shadow = item(&case.plan(), "shadow-budget-cycle").expect("shadowed");
    assert!(shadow.starts < april, "{shadow:?}");
    assert_eq!(shadow.due, april, "until the round decides");
    assert!(shadow
        .why
        .contains("See it through to the round's decisions"));
    case.exclude.clear();
    // Next year's budget already built: this round is over.
    case.record.journal = vec!["Built next year's 1.2m IT budget with finance".to_owned()];
    let p = case.plan();
    let next = proposed(&p, "shadow-budget-cycle").expect("proposed");
    assert!(next.starts >= "2026-12-01".parse().unwrap(), "{next:?}");
    // Without the year: six months on, and a note says why.
    case.year = None;
    let p = case.plan();
    let later = proposed(&p, "shadow-budget-cycle").expect("proposed");
    assert!(
        later.starts >= start() + chrono::Months::new(6),
        "{later:?}"
    );
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("this year's round is over")
                && n.contains("Built next year's 1.2m IT budget with finance")),
        "{:?}",
        p.notes
    );
}

/// Levels that are the person's own rating alone get a note on asking the
/// manager's; levels the manager has rated do not (review 7, finding 2).
#[test]
fn a_plan_on_self_ratings_alone_says_to_get_the_managers() {
    let f = framework();
    let values = [4, 4, 3, 2, 2, 3, 2, 1, 2, 2, 2, 3, 2, 2];
    let case = Case::new(&f, "senior-admin", "it-manager", &values);
    let own = "Every level this plan works from is your own rating";
    // An item of the first two weeks, not a note, when the catalogue has
    // the action.
    let p = case.plan();
    let asked = proposed(&p, "manager-rates-you").expect("the manager's rating is asked for");
    assert_eq!(asked.starts, case.start);
    assert!(asked.due <= case.start + chrono::Duration::weeks(2));
    assert!(asked.why.contains(own), "{}", asked.why);
    assert!(!p.notes.iter().any(|n| n.contains(own)), "{:?}", p.notes);
    // Once asked (the item done or dropped), neither item nor note.
    let mut asked_once = Case::new(&f, "senior-admin", "it-manager", &values);
    asked_once.exclude = asked.action.iter().cloned().collect();
    let p = asked_once.plan();
    assert!(proposed(&p, "manager-rates-you").is_none());
    assert!(!p.notes.iter().any(|n| n.contains(own)), "{:?}", p.notes);
    // A framework without such an action says it in a note.
    let mut bare = framework();
    bare.actions
        .retain(|a| a.when != Some(Condition::SelfRatedOnly));
    let p = Case::new(&bare, "senior-admin", "it-manager", &values).plan();
    assert!(proposed(&p, "manager-rates-you").is_none());
    assert!(p.notes.iter().any(|n| n.contains(own)), "{:?}", p.notes);
    // The same levels, the manager's rating among them.
    let mut rated = case;
    rated.source = Some(readiness::LevelSource::SelfManager);
    let rated = rated.plan();
    assert!(
        !rated.notes.iter().any(|n| n.contains(own)),
        "{:?}",
        rated.notes
    );
}

/// Told no post will open at home, someone after a first management post
/// looks elsewhere too, quoting the entry; a manager aiming at director
/// keeps the senior post sought here and outside, not small companies'
/// first posts.
#[test]
fn no_post_at_home_sends_a_first_move_elsewhere_and_keeps_a_directors_search() {
    let f = framework();
    let entry = "Asked my manager about a team lead post: my manager isn't going anywhere";
    let values = [4, 4, 3, 2, 2, 3, 2, 1, 2, 2, 2, 3, 2, 2];
    let mut first = Case::new(&f, "senior-admin", "it-manager", &values);
    let before = first.plan();
    assert!(item(&before, "small-company-role").is_none());
    // The first conversation says to write the answer down and make the
    // plan again; the answer in the words it suggests is read as a no
    // (review 12, finding 7).
    let talk = item(&before, "tell-your-manager").expect("the first conversation");
    assert!(
        talk.why
            .contains("Write their answers in your journal that day"),
        "{}",
        talk.why
    );
    first.record.journal = vec![
        "Asked my manager whether a post will open here: no post is likely to open here".to_owned(),
    ];
    assert!(item(&first.plan(), "small-company-role").is_some());
    first.record.journal = vec![entry.to_owned()];
    let p = first.plan();
    let elsewhere = item(&p, "small-company-role").expect("looks elsewhere");
    assert!(elsewhere.why.contains(entry), "{}", elsewhere.why);
    // A search kept up until an offer, to the horizon whenever the rest of
    // the work ends, with a network outside the company begun no later
    // and the interview rehearsed before the first panel (review 7,
    // finding 3).
    let horizon = start() + chrono::Months::new(first.months);
    assert_eq!(elsewhere.due, horizon, "{elsewhere:?}");
    assert!(elsewhere.why.contains("Keep looking until an offer"));
    let network = ["professional-association", "industry-conference"]
        .iter()
        .find_map(|n| item(&p, n))
        .expect("a network outside the company");
    assert!(network.starts <= elsewhere.starts, "{network:?}");
    assert!(network.why.contains("It goes with looking elsewhere"));
    let rehearse = item(&p, "rehearse-management-interview").expect("rehearsed");
    assert!(rehearse.starts < elsewhere.due, "{rehearse:?}");
    assert!(rehearse
        .why
        .starts_with("You are looking for a post elsewhere"));
    // The mentor is met until the plan's other work is done, not one
    // quarter.
    let mentor = item(&p, "find-mentor").expect("a mentor");
    let last = p
        .items
        .iter()
        .filter(|i| i.action != elsewhere.action)
        .map(|i| i.due)
        .max();
    assert_eq!(Some(mentor.due), last, "{mentor:?}");
    let aisha = [3, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 4, 3, 3];
    let mut senior = Case::new(&f, "it-manager", "it-director", &aisha);
    senior.months = 24;
    senior.record.journal = vec![entry.to_owned()];
    let p = senior.plan();
    assert!(item(&p, "small-company-role").is_none(), "{:?}", ids(&p));
    assert!(item(&p, "seek-senior-post").is_some(), "{:?}", ids(&p));
}

/// The level a management role holds critical is built by sustained work,
/// not started by a piece of work of a month or less: one business case
/// is no budgeting at an IT manager's level (review 7, finding 2). With
/// an interview ahead, what can be shown by then counts.
#[test]
fn a_critical_level_takes_sustained_work_unless_an_interview_is_near() {
    let f = framework();
    // What pieces of work of a month or less claim of the top level of a
    // critical gap.
    let one_offs = |case: &Case| -> Vec<String> {
        let (r, p) = case.run();
        let p = p.expect("a plan");
        p.items
            .iter()
            .filter(|i| i.kind == ActionKind::Experience && i.effort_weeks <= 4)
            .flat_map(|i| {
                r.competencies
                    .iter()
                    .filter(|c| c.critical && c.gap > 0)
                    .filter(|c| {
                        i.why
                            .contains(&format!("{} {}→{}", c.name, c.expected - 1, c.expected))
                    })
                    .map(|c| format!("{}: {}", i.title, c.name))
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let case = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    assert!(one_offs(&case).is_empty(), "{:?}", one_offs(&case));
    let (r, p) = case.run();
    let p = p.expect("a plan");
    let budget = r
        .competencies
        .iter()
        .find(|c| c.id.as_str() == "budgeting-funding")
        .expect("budgeting");
    let top = format!(
        "Builds {} {}→{}",
        budget.name,
        budget.expected - 1,
        budget.expected
    );
    assert!(
        p.items
            .iter()
            .any(|i| i.effort_weeks > 4 && i.why.contains(&top)),
        "{:?}",
        ids(&p)
    );
    // Six weeks before an interview, what can be shown by then counts: a
    // business case is budgeting the panel sees.
    let mut ahead = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    ahead.record.interviews = vec![Interview {
        opportunity: 9,
        name: "IT manager (internal)".to_owned(),
        step: "Interview with the IT director".to_owned(),
        on: start() + chrono::Duration::weeks(6),
    }];
    assert!(!one_offs(&ahead).is_empty());
}

/// A month before putting oneself forward, the manager reads the record
/// (review 7, finding 2); an ask sooner than the readiness estimate says
/// why.
#[test]
fn the_manager_reads_the_record_a_month_before_the_ask() {
    let f = framework();
    let case = Case::new(&f, "senior-admin", "it-manager", &SENIOR_ADMIN);
    let (r, p) = case.run();
    let (estimate, p) = (r.estimated_weeks, p.expect("a plan"));
    let ask = item(&p, "put-yourself-forward").expect("the ask");
    let review = item(&p, "review-record-with-manager").expect("the manager's reading");
    assert_eq!(review.due + chrono::Duration::weeks(4), ask.starts);
    assert!(review.why.contains("IT manager post"), "{}", review.why);
    let weeks = u32::try_from((ask.starts - start()).num_weeks()).expect("after the start");
    assert_eq!(
        ask.why.contains("sooner than the readiness estimate"),
        weeks < estimate,
        "{} ({weeks} weeks in, estimate {estimate})",
        ask.why
    );
}

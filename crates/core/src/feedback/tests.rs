use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::assessment::Levels;
use crate::framework::builtin;

fn framework() -> Framework {
    builtin().expect("builtin")
}

fn level(f: &Framework, n: u8) -> Level {
    f.scale.level("level", i64::from(n)).expect("level")
}

fn rated(f: &Framework, pairs: &[(&str, Option<u8>, Option<&str>)]) -> Response {
    Response {
        answers: pairs
            .iter()
            .map(|(id, l, c)| {
                (
                    f.parse_competency("c", id).expect("competency"),
                    Answer {
                        rating: l.map_or(Rating::NotObserved, |n| Rating::Level(level(f, n))),
                        comment: c.map(str::to_owned),
                    },
                )
            })
            .collect(),
        overall: None,
    }
}

fn ids(f: &Framework, list: &[&str]) -> Vec<CompetencyId> {
    list.iter()
        .map(|id| f.parse_competency("c", id).expect("competency"))
        .collect()
}

#[test]
fn a_group_below_its_minimum_is_left_out_of_everything() {
    let f = framework();
    let c = f.competencies[0].id.as_str().to_owned();
    let asked = ids(&f, &[&c]);
    let responses = vec![
        (Group::Manager, rated(&f, &[(&c, Some(3), Some("Steady"))])),
        (Group::Peer, rated(&f, &[(&c, Some(4), Some("Great"))])),
        (Group::Peer, rated(&f, &[(&c, Some(2), None)])),
        // Not observed does not count toward the minimum of 3.
        (Group::Peer, rated(&f, &[(&c, None, Some("Never saw it"))])),
        (Group::DirectReport, rated(&f, &[(&c, Some(5), None)])),
        (Group::DirectReport, rated(&f, &[(&c, Some(5), None)])),
        (Group::DirectReport, rated(&f, &[(&c, Some(4), None)])),
    ];
    let r = results(
        &f,
        &asked,
        &Levels::default(),
        Minimums::default(),
        &responses,
    );
    let row = &r.competencies[0];
    assert!(row.group(Group::Peer).is_none(), "2 levels < 3");
    let manager = row.group(Group::Manager).expect("manager shown from one");
    assert_eq!((manager.raters, manager.average), (1, 3.0));
    assert_eq!(manager.comments, ["Steady"]);
    let reports = row.group(Group::DirectReport).expect("3 direct reports");
    assert_eq!((reports.raters, reports.average), (3, 4.7));
    assert!(reports.comments.is_empty(), "no comments from 3 of them");
    // All others: manager and direct reports only; the peers' 4 and 2 are
    // not folded in.
    let others = row.others.expect("others");
    assert_eq!((others.raters, others.average), (4, 4.3));
    let json = serde_json::to_string(&r).expect("json");
    assert!(
        !json.contains("Great") && !json.contains("Never saw it"),
        "{json}"
    );
}

#[test]
fn comments_need_as_many_writers_as_scores_and_come_sorted() {
    let f = framework();
    let c = f.competencies[1].id.as_str().to_owned();
    let asked = ids(&f, &[&c]);
    let peer = |n, text| (Group::Peer, rated(&f, &[(&c, Some(n), text)]));
    let three = vec![
        peer(3, Some("zeal")),
        peer(4, Some("calm")),
        peer(2, Some("mixed")),
    ];
    let r = results(&f, &asked, &Levels::default(), Minimums::default(), &three);
    let g = r.competencies[0].group(Group::Peer).expect("peers");
    assert_eq!(
        g.comments,
        ["calm", "mixed", "zeal"],
        "by text, not by order given"
    );
    let two_comments = vec![peer(3, Some("zeal")), peer(4, None), peer(2, Some("mixed"))];
    let r = results(
        &f,
        &asked,
        &Levels::default(),
        Minimums::default(),
        &two_comments,
    );
    let g = r.competencies[0].group(Group::Peer).expect("peers");
    assert!(g.comments.is_empty());
}

#[test]
fn self_against_others_finds_blind_spots_and_hidden_strengths() {
    let f = framework();
    let (a, b, c) = (
        f.competencies[0].id.as_str().to_owned(),
        f.competencies[1].id.as_str().to_owned(),
        f.competencies[2].id.as_str().to_owned(),
    );
    let asked = ids(&f, &[&a, &b, &c]);
    let mut me = Levels::default();
    me.set(asked[0].clone(), level(&f, 4));
    me.set(asked[1].clone(), level(&f, 1));
    me.set(asked[2].clone(), level(&f, 3));
    let responses = vec![(
        Group::Manager,
        rated(
            &f,
            &[
                (&a, Some(2), None),
                (&b, Some(3), None),
                (&c, Some(2), None),
            ],
        ),
    )];
    let r = results(&f, &asked, &me, Minimums::default(), &responses);
    let signals: Vec<Option<Signal>> = r.competencies.iter().map(|c| c.signal).collect();
    // 4 vs 2: blind spot; 1 vs 3: hidden strength; 3 vs 2: within one level.
    assert_eq!(
        signals,
        [Some(Signal::BlindSpot), Some(Signal::HiddenStrength), None]
    );
    assert_eq!(r.competencies[0].self_level, Some(4));
}

#[test]
fn minimums_can_be_raised_never_lowered() {
    let m = Minimums::default().raise(Group::Peer, 5).expect("raise");
    assert_eq!(m.peer, 5);
    let e = Minimums::default()
        .raise(Group::Peer, 2)
        .expect_err("lower");
    assert_eq!(e.field, "minimum for peer");
    assert_eq!(e.value, "2");
    assert!(e.allowed.contains("from 3"), "{e}");
    assert!(Minimums::default().raise(Group::Manager, 0).is_err());
    assert!(Minimums::default().raise(Group::Other, 21).is_err());
    assert_eq!(
        Minimums::from_stored(0, 1, 9, 3).peer,
        3,
        "never below the default"
    );
    assert_eq!(Minimums::from_stored(0, 1, 9, 3).direct_report, 9);
}

#[test]
fn raters_are_named_with_a_group_and_an_optional_address() {
    let r = RaterSpec::parse("rater", "peer: Sam Okafor <sam@example.com>").expect("rater");
    assert_eq!(r.group, Group::Peer);
    assert_eq!(r.name, "Sam Okafor");
    assert_eq!(r.email.as_ref().map(Email::as_str), Some("sam@example.com"));
    let r = RaterSpec::parse("rater", "direct-report:Lee").expect("rater");
    assert_eq!((r.group, r.email), (Group::DirectReport, None));
    let e = RaterSpec::parse("rater", "boss:Ann").expect_err("group");
    assert_eq!(e.field, "rater group");
    assert!(
        e.allowed.contains("manager, peer, direct-report, other"),
        "{e}"
    );
    let e = RaterSpec::parse("rater", "Ann").expect_err("shape");
    assert!(e.allowed.contains("GROUP:NAME"), "{e}");
    let e = RaterSpec::parse("rater", "peer:Ann <not an address>").expect_err("email");
    assert_eq!(e.field, "rater e-mail");
    assert!(
        RaterSpec::parse("rater", "peer: <a@b.co>").is_err(),
        "no name"
    );
    for bad in ["a@b", "@b.co", "a b@c.co", "a@@b.co", "a@.co"] {
        assert!(Email::parse("e-mail", bad).is_err(), "{bad}");
    }
}

#[test]
fn a_rater_form_needs_a_choice_for_every_competency() {
    let f = framework();
    let asked = ids(
        &f,
        &[f.competencies[0].id.as_str(), f.competencies[1].id.as_str()],
    );
    let mut form = BTreeMap::new();
    form.insert(format!("rating.{}", asked[0]), "4".to_owned());
    form.insert(
        format!("comment.{}", asked[0]),
        "  Clear writer  ".to_owned(),
    );
    let problems = Response::from_form(&f, &asked, &form).expect_err("missing");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, format!("rating.{}", asked[1]));
    form.insert(format!("rating.{}", asked[1]), "9".to_owned());
    let problems = Response::from_form(&f, &asked, &form).expect_err("range");
    assert!(
        problems[0].1.allowed.contains("not-observed"),
        "{}",
        problems[0].1
    );
    form.insert(format!("rating.{}", asked[1]), "not-observed".to_owned());
    form.insert("overall".to_owned(), "x".repeat(MAX_COMMENT_CHARS + 1));
    let problems = Response::from_form(&f, &asked, &form).expect_err("long");
    assert_eq!(problems[0].0, "overall");
    form.insert("overall".to_owned(), "Keep going".to_owned());
    let r = Response::from_form(&f, &asked, &form).expect("ok");
    assert_eq!(
        r.answers[&asked[0]].comment.as_deref(),
        Some("Clear writer")
    );
    assert_eq!(r.answers[&asked[1]].rating, Rating::NotObserved);
    assert_eq!(r.overall.as_deref(), Some("Keep going"));
}

#[test]
fn readiness_takes_the_latest_visible_feedback_per_competency() {
    let f = framework();
    let (a, b) = (
        f.competencies[0].id.as_str().to_owned(),
        f.competencies[1].id.as_str().to_owned(),
    );
    let asked = ids(&f, &[&a, &b]);
    let old = results(
        &f,
        &asked,
        &Levels::default(),
        Minimums::default(),
        &[(
            Group::Manager,
            rated(&f, &[(&a, Some(1), None), (&b, Some(2), None)]),
        )],
    );
    let peers: Vec<(Group, Response)> = [2, 3, 3]
        .iter()
        .map(|&n| {
            (
                Group::Peer,
                rated(&f, &[(&a, Some(n), None), (&b, None, None)]),
            )
        })
        .collect();
    let new = results(&f, &asked, &Levels::default(), Minimums::default(), &peers);
    let fl = FeedbackLevels::from_results([&old, &new]);
    let oa = fl.get(&a).expect("a");
    assert_eq!(oa.manager, None, "the newer request had no manager");
    assert!((oa.others.expect("peers") - 2.7).abs() < 1e-9);
    assert_eq!(fl.requests(&a), 2);
    // b: nobody observed it in the newer request, so the older one stands.
    assert_eq!(fl.get(&b).and_then(|o| o.manager), Some(2.0));
    assert_eq!(fl.requests(&b), 1);
}

/// A random rater: a group (index), per competency a level or not observed
/// and maybe a comment (as a number), maybe an overall comment.
type RawRater = (usize, Vec<(Option<u8>, Option<u8>)>, Option<u8>);

fn responses_strategy(competencies: usize) -> impl Strategy<Value = Vec<RawRater>> {
    prop::collection::vec(
        (
            0..4usize,
            prop::collection::vec(
                (
                    prop::option::weighted(0.8, 0..=5u8),
                    prop::option::of(0..50u8),
                ),
                competencies,
            ),
            prop::option::of(0..50u8),
        ),
        0..14,
    )
}

fn build(f: &Framework, asked: &[CompetencyId], raw: &[RawRater]) -> Vec<(Group, Response)> {
    raw.iter()
        .map(|(g, answers, overall)| {
            let answers = asked
                .iter()
                .zip(answers)
                .map(|(id, (l, c))| {
                    (
                        id.clone(),
                        Answer {
                            rating: l.map_or(Rating::NotObserved, |n| Rating::Level(level(f, n))),
                            comment: c.map(|n| format!("comment {n}")),
                        },
                    )
                })
                .collect();
            (
                Group::EVERY[*g],
                Response {
                    answers,
                    overall: overall.map(|n| format!("overall {n}")),
                },
            )
        })
        .collect()
}

fn minimums_strategy() -> impl Strategy<Value = Minimums> {
    (1..4u32, 3..6u32, 3..6u32, 3..6u32).prop_map(|(m, p, d, o)| Minimums {
        manager: m,
        peer: p,
        direct_report: d,
        other: o,
    })
}

proptest! {
    /// Nothing shown comes from a group below its minimum, and what is
    /// shown counts exactly.
    #[test]
    fn no_output_reveals_a_group_below_its_minimum(
        raw in responses_strategy(3),
        minimums in minimums_strategy(),
    ) {
        let f = framework();
        let asked: Vec<CompetencyId> = f.competencies.iter().take(3).map(|c| c.id.clone()).collect();
        let responses = build(&f, &asked, &raw);
        let r = results(&f, &asked, &Levels::default(), minimums, &responses);
        for (i, c) in r.competencies.iter().enumerate() {
            let mut all = Vec::new();
            for g in &c.groups {
                let levels: Vec<u8> = raw.iter()
                    .filter(|(k, _, _)| Group::EVERY[*k] == g.group)
                    .filter_map(|(_, a, _)| a[i].0)
                    .collect();
                prop_assert!(g.raters >= minimums.get(g.group));
                prop_assert_eq!(g.raters as usize, levels.len());
                prop_assert!(g.comments.is_empty() || g.comments.len() as u32 >= minimums.get(g.group));
                all.extend(levels);
            }
            match c.others {
                None => prop_assert!(c.groups.is_empty()),
                Some(o) => {
                    prop_assert_eq!(o.raters as usize, all.len());
                    prop_assert!((o.average - one_decimal(mean(&all))).abs() < 1e-9);
                }
            }
        }
        for g in &r.overall {
            prop_assert!(g.comments.len() as u32 >= minimums.get(g.group));
        }
    }

    /// Whatever a hidden group answered, every output is the same: so no
    /// combination of visible figures can tell anything about it, its
    /// average included.
    #[test]
    fn a_hidden_group_cannot_be_computed_from_what_is_shown(
        raw in responses_strategy(3),
        minimums in minimums_strategy(),
        other_levels in prop::collection::vec(0..=5u8, 14),
    ) {
        let f = framework();
        let asked: Vec<CompetencyId> = f.competencies.iter().take(3).map(|c| c.id.clone()).collect();
        let before = results(&f, &asked, &Levels::default(), minimums, &build(&f, &asked, &raw));
        let mut changed = raw.clone();
        for (i, c) in before.competencies.iter().enumerate() {
            for group in Group::EVERY {
                if c.group(group).is_some() {
                    continue;
                }
                // Every level this hidden group gave becomes another level,
                // and every comment another text.
                for (k, (g, answers, _)) in changed.iter_mut().enumerate() {
                    if Group::EVERY[*g] == group {
                        if let Some(l) = answers[i].0.as_mut() {
                            *l = other_levels[k];
                        }
                        if let Some(t) = answers[i].1.as_mut() {
                            *t = t.wrapping_add(7);
                        }
                    }
                }
            }
        }
        for group in Group::EVERY {
            if before.overall.iter().any(|g| g.group == group) {
                continue;
            }
            for (g, _, overall) in changed.iter_mut() {
                if Group::EVERY[*g] == group {
                    if let Some(t) = overall.as_mut() {
                        *t = t.wrapping_add(11);
                    }
                }
            }
        }
        let after = results(&f, &asked, &Levels::default(), minimums, &build(&f, &asked, &changed));
        prop_assert_eq!(before, after);
    }
}

#[test]
fn a_request_is_read_with_every_problem_named() {
    let f = framework();
    let role = f.role("it-manager").expect("role");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let raters = vec![
        "manager:Ann Lee <ann@example.com>".to_owned(),
        "peer:Sam".to_owned(),
        "peer:Kim <kim@example.com>".to_owned(),
    ];
    let r = NewRequest::parse(&f, role, &[], &raters, "2026-12-15", &[], today).expect("ok");
    assert!(!r.competencies.is_empty(), "the target role's competencies");
    assert!(r.competencies.iter().all(|c| role
        .expected(c.as_str())
        .is_some_and(|l| l.value() > f.scale.min)));
    assert_eq!(r.short_groups(), [(Group::Peer, 2, 3)]);
    let problems = NewRequest::parse(
        &f,
        role,
        &["no-such".to_owned()],
        &["peer:A <a@x.io>".to_owned(), "peer:B <A@X.IO>".to_owned()],
        "2026-11-24",
        &[(Group::Peer, 1)],
        today,
    )
    .expect_err("bad");
    let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["competencies", "raters", "closes_on", "min_peer"]);
    let problems = NewRequest::parse(&f, role, &[], &[], "someday", &[], today).expect_err("bad");
    assert_eq!(problems[0].0, "raters");
    assert!(
        problems[1].1.to_string().contains("someday"),
        "{}",
        problems[1].1
    );
}

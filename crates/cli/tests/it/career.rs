//! `leap opp`, `leap contact`, `leap checkin`, `leap today` and
//! `leap export ics`.

use serde_json::Value;

use crate::{Leap, TODAY};

fn competency<'a>(gap: &'a Value, id: &str) -> &'a Value {
    gap["competencies"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == id))
        .unwrap_or_else(|| panic!("{id} in {gap}"))
}

#[test]
fn opportunities_move_through_stages_and_debriefs_feed_the_gaps() {
    let l = Leap::assessed();
    let o = l
        .run_at(
            "2026-11-20",
            &[
                "opp",
                "add",
                "--organisation",
                "Acme",
                "--title",
                "IT Manager",
                "--role",
                "it-manager",
                "--company-profile",
                "large-enterprise",
                "--source",
                "referral",
                "--stage",
                "applied",
                "--next-step",
                "Phone screen",
                "--next-step-on",
                "2026-11-27",
                "--json",
            ],
        )
        .json();
    let id = o["id"].as_i64().expect("id");
    assert_eq!(o["stage"], "applied");
    assert_eq!(o["next_step"]["on"], "2026-11-27");
    // The advice comes from the framework's data, not from code.
    let f = l.json(&["framework", "show"]);
    let advice = f["company_profiles"]
        .as_array()
        .and_then(|a| a.iter().find(|p| p["profile"] == "large-enterprise"))
        .expect("framework advice");
    assert_eq!(o["advice"]["advice"], advice["advice"]);
    assert!(advice["source"]
        .as_str()
        .is_some_and(|s| s.contains("seed 000")));

    let sid = id.to_string();
    l.refused(
        &["opp", "move", &sid, "ghosted"],
        &["invalid stage 'ghosted'", "allowed: interested, applied"],
    );
    l.refused(
        &["opp", "debrief", &sid, "--chosen-experience", "Ten years"],
        &["invalid chosen-experience", "only after a rejection"],
    );
    l.refused(&["opp", "show", "99"], &["opportunity 99 not found"]);
    l.refused(
        &["opp", "add", "--organisation", "Acme", "--title", " "],
        &["invalid title ''", "1 to 200 characters"],
    );
    l.ok(&["opp", "move", &sid, "interviewing", "--on", "2026-11-22"]);
    l.refused(
        &["opp", "move", &sid, "offer", "--on", "2026-11-21"],
        &[
            "moved to 'interviewing' on 2026-11-22",
            "cannot be dated 2026-11-21",
        ],
    );
    let moved = l.json(&["opp", "move", &sid, "rejected"]);
    assert_eq!(moved["next_step"], Value::Null);
    let stages: Vec<&str> = moved["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .filter_map(|s| s["stage"].as_str())
        .collect();
    assert_eq!(stages, ["applied", "interviewing", "rejected"]);

    let gap_before = l.json(&["gap"]);
    assert_eq!(competency(&gap_before, "budgeting-funding")["debriefs"], 0);
    for reasons in [
        "They chose someone who had owned a budget and a funding request",
        "Not enough experience with budget and purchasing decisions",
    ] {
        let d = l.json(&[
            "opp",
            "debrief",
            &sid,
            "--reasons",
            reasons,
            "--chosen-experience",
            "Ran a team of eight",
        ]);
        assert_eq!(d["suggested"], true);
        assert!(
            d["competencies"]
                .as_array()
                .is_some_and(|c| c.contains(&Value::from("budgeting-funding"))),
            "{d}"
        );
    }
    let gap = l.json(&["gap"]);
    assert_eq!(competency(&gap, "budgeting-funding")["debriefs"], 2);
    let human = l.ok(&["gap"]).stdout;
    assert!(human.contains("cited in 2 debriefs"), "{human}");

    let list = l.json(&["opp", "list"]);
    assert_eq!(list["summary"]["debriefs"], 2);
    assert_eq!(
        list["summary"]["cited"][0]["competency"],
        "budgeting-funding"
    );
    assert_eq!(list["summary"]["cited"][0]["debriefs"], 2);
    let human = l.ok(&["opp", "list"]).stdout;
    assert!(
        human.contains("What keeps coming up in 2 debrief(s)"),
        "{human}"
    );
    assert!(human.contains("The chosen candidate had: Ran a team of eight"));
}

#[test]
fn contacts_fall_due_and_the_streak_counts_weeks() {
    let l = Leap::with_profile();
    let a = l.json(&[
        "contact",
        "add",
        "Ana Ruiz",
        "--relationship",
        "co-manager",
        "--organisation",
        "Acme",
        "--cadence-days",
        "14",
    ]);
    let id = a["id"].as_i64().expect("id").to_string();
    assert_eq!(a["follow_up_on"], "2026-12-08");
    assert_eq!(a["follow_up_due"], false);
    l.refused(
        &["contact", "add", "Bo", "--relationship", "friend"],
        &["invalid relationship 'friend'", "co-manager, executive"],
    );
    l.refused(
        &["contact", "add", "Bo", "--cadence-days", "0"],
        &["invalid cadence-days '0'", "from 1 to 365"],
    );
    l.refused(&["contact", "touch", "42"], &["contact 42 not found"]);
    l.refused(
        &["contact", "touch", &id, "--date", "2026-12-01"],
        &["invalid date '2026-12-01'", "not after today"],
    );
    // One interaction in each of the last three weeks (today is a Tuesday).
    for date in ["2026-11-10", "2026-11-17", "2026-11-03"] {
        l.ok(&["contact", "touch", &id, "--date", date, "--kind", "call"]);
    }
    let list = l.json(&["contact", "list"]);
    let c = &list["contacts"][0];
    assert_eq!(c["last_interaction"], "2026-11-17");
    assert_eq!(c["follow_up_on"], "2026-12-01");
    assert_eq!(list["networking"]["this_week"], 0);
    assert_eq!(list["networking"]["streak_weeks"], 3);
    // Two weeks later, it is due.
    let later = l
        .run_at("2026-12-02", &["contact", "list", "--json"])
        .json();
    assert_eq!(later["contacts"][0]["follow_up_due"], true);
    assert_eq!(later["networking"]["streak_weeks"], 0);
    let shown = l.json(&["contact", "show", &id]);
    assert_eq!(shown["interactions"].as_array().map(Vec::len), Some(3));
}

#[test]
fn check_ins_keep_readiness_over_time() {
    let l = Leap::with_profile();
    l.refused(&["checkin"], &["invalid rate", "a self-assessment first"]);
    let l = Leap::assessed();
    let first = l.json(&[
        "checkin",
        "--went-well",
        "Presented the budget forecast to the finance director",
    ]);
    assert_eq!(first["changed"].as_array().map(Vec::len), Some(0));
    // The reflection is read by the journal's tagger, with why.
    let shows: Vec<&str> = first["went_well_shows"]
        .as_array()
        .expect("shows")
        .iter()
        .filter_map(|s| s["competency"].as_str())
        .collect();
    assert!(shows.contains(&"budgeting-funding"), "{first}");
    assert!(
        first["went_well_shows"][0]["why"]
            .as_str()
            .is_some_and(|w| w.contains("the words")),
        "{first}"
    );
    let before = first["readiness"].as_u64().expect("percent");
    l.refused(
        &["checkin", "--rate", "leadership-delegation=9"],
        &["invalid rate leadership-delegation '9'", "from 0 to 5"],
    );
    l.refused(
        &["checkin", "every", "3"],
        &["invalid every '3'", "from 7 to 182"],
    );
    let second = l
        .run_at(
            "2026-12-24",
            &[
                "checkin",
                "--rate",
                "leadership-delegation=4",
                "--rate",
                "developing-staff=4",
                "--went-badly",
                "Budget slipped",
                "--json",
            ],
        )
        .json();
    assert_eq!(second["changed"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        second["went_badly_about"][0]["competency"], "budgeting-funding",
        "{second}"
    );
    assert!(second["readiness"].as_u64() > Some(before), "{second}");
    assert_eq!(second["previous_checkin_readiness"], before);
    let history = l
        .run_at("2026-12-24", &["checkin", "history", "--json"])
        .json();
    let percents: Vec<u64> = history["checkins"]
        .as_array()
        .expect("checkins")
        .iter()
        .filter_map(|c| c["readiness_percent"].as_u64())
        .collect();
    assert_eq!(percents, [before, second["readiness"].as_u64().expect("p")]);
    assert_eq!(history["next_due"], "2027-01-23");
    assert_eq!(history["checkins"][1]["reassessed"], true);
    // The re-rating is a self-assessment of its own.
    let assessments = l.json(&["assess", "history"]);
    assert_eq!(assessments["assessments"].as_array().map(Vec::len), Some(2));
    l.ok(&["checkin", "every", "14"]);
    let history = l.json(&["checkin", "history"]);
    assert_eq!(history["next_due"], "2027-01-07");
}

#[test]
fn today_and_the_calendar_carry_every_kind_of_item() {
    let l = Leap::with_profile();
    let levels = l.file("levels.toml", crate::SENIOR_ADMIN);
    l.run_at(
        "2026-10-20",
        &["assess", "--answers", Leap::path_str(&levels)],
    );
    l.ok(&[
        "plan",
        "add",
        "Shadow the budget cycle",
        "--competency",
        "budgeting-funding",
        "--due",
        "2026-11-26",
    ]);
    l.ok(&["contact", "add", "Ana", "--cadence-days", "7"]);
    l.run_at(
        "2026-11-10",
        &["contact", "touch", "1", "--date", "2026-11-10"],
    );
    l.ok(&[
        "opp",
        "add",
        "--organisation",
        "Acme",
        "--title",
        "IT Manager",
        "--next-step",
        "Panel",
        "--next-step-on",
        "2026-11-28",
    ]);
    l.ok(&[
        "feedback",
        "request",
        "--rater",
        "manager:Pat <pat@example.com>",
        "--closes",
        "2026-12-20",
    ]);
    let v = l.json(&["today"]);
    assert_eq!(v["today"], TODAY);
    let kinds: Vec<&str> = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["kind"].as_str())
        .collect();
    for k in [
        "plan-item",
        "follow-up",
        "next-step",
        "check-in",
        "feedback",
    ] {
        assert!(kinds.contains(&k), "{k} missing from {v}");
    }
    let follow = v["items"]
        .as_array()
        .and_then(|i| i.iter().find(|i| i["kind"] == "follow-up"))
        .expect("follow-up");
    assert_eq!(follow["overdue"], true);
    assert_eq!(follow["date"], "2026-11-17");
    // The check-in fell due 30 days after the first self-assessment.
    let checkin = v["items"]
        .as_array()
        .and_then(|i| i.iter().find(|i| i["kind"] == "check-in"))
        .expect("check-in");
    assert_eq!(checkin["date"], "2026-11-19");
    let human = l.ok(&["today"]).stdout;
    assert!(human.contains("Follow up with Ana"), "{human}");

    let file = l.dir.path().join("leap.ics");
    l.ok(&["export", "ics", "--out", Leap::path_str(&file)]);
    let ics = std::fs::read_to_string(&file).expect("ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    // Every UID carries the person's random calendar key, the same in
    // every export, so that two people's events never collide.
    let uids: Vec<&str> = ics.lines().filter_map(|l| l.strip_prefix("UID:")).collect();
    let key = uids
        .first()
        .and_then(|u| u.split('.').nth(1))
        .and_then(|k| k.strip_suffix("@leap"))
        .expect("a calendar key");
    assert_eq!(key.len(), 32, "{key}");
    for item in ["follow-up-1", "next-step-1", "check-in", "feedback-1"] {
        assert!(
            uids.contains(&format!("{item}.{key}@leap").as_str()),
            "{item} in {ics}"
        );
    }
    let again = l.dir.path().join("again.ics");
    l.ok(&["export", "ics", "--out", Leap::path_str(&again)]);
    let again = std::fs::read_to_string(&again).expect("ics");
    assert!(
        again.contains(&format!("UID:check-in.{key}@leap")),
        "{again}"
    );
    // The same five items: nothing here lies beyond this week.
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 5, "{ics}");
}

/// An interview recorded after the fact: the opening is added on the day
/// it reached its stage, so later moves can be dated before today; a day
/// still to come is refused. Without a company size, no size's advice is
/// shown as if chosen.
#[test]
fn an_opening_is_recorded_after_the_fact() {
    let l = Leap::assessed();
    let add = [
        "opp",
        "add",
        "--organisation",
        "Northwind (internal)",
        "--title",
        "IT Operations Manager",
        "--internal",
        "--stage",
        "applied",
    ];
    l.refused(
        &[&add[..], &["--on", "2026-12-01"]].concat(),
        &["on", "2026-12-01"],
    );
    let out = l.ok(&[&add[..], &["--on", "2026-11-02"]].concat());
    assert!(!out.stdout.contains("Mid-size company:"), "{}", out.stdout);
    assert!(out.stdout.contains("--company-profile"), "{}", out.stdout);
    assert!(
        out.stdout.contains("At your own employer"),
        "{}",
        out.stdout
    );
    l.ok(&["opp", "move", "1", "interviewing", "--on", "2026-11-09"]);
    let o = l.json(&["opp", "show", "1"]);
    assert_eq!(o["stage"], "interviewing", "{o}");
    assert!(o.to_string().contains("2026-11-02"), "{o}");
}

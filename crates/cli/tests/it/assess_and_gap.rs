use crate::{Leap, SENIOR_ADMIN, TODAY};

#[test]
fn assessments_are_dated_snapshots_and_history_keeps_them() {
    let l = Leap::assessed();
    let partial = l.file(
        "p.toml",
        "[levels]\nbudgeting-funding = 3\nleadership-delegation = 3\n",
    );
    let out = l.run_at(
        "2027-01-10",
        &["assess", "--answers", Leap::path_str(&partial)],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("2 competencies rated"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("Kept from your last assessment: technical-excellence"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("% → "),
        "readiness before and after: {}",
        out.stdout
    );
    let h = l.json(&["assess", "history"]);
    let a = h["assessments"].as_array().expect("list");
    assert_eq!(a.len(), 2);
    assert_eq!(a[0]["date"], TODAY);
    assert_eq!(a[1]["date"], "2027-01-10");
    assert_eq!(a[0]["source"], "self");
    assert_eq!(a[0]["levels"]["budgeting-funding"], 1);
    assert_eq!(a[1]["levels"]["budgeting-funding"], 3);
    assert_eq!(a[1]["levels"]["technical-excellence"], 4, "carried over");
    let human = l.ok(&["assess", "history"]).stdout;
    assert!(human.contains("#1 2026-11-24"), "{human}");
}

#[test]
fn first_assessment_must_rate_everything_and_levels_stay_in_scale() {
    let l = Leap::with_profile();
    let partial = l.file("p.toml", "[levels]\nbudgeting-funding = 3\n");
    l.refused(
        &["assess", "--answers", Leap::path_str(&partial)],
        &["no level for technical-excellence", "first assessment"],
    );
    let high = l.file(
        "h.toml",
        &SENIOR_ADMIN.replace("budgeting-funding = 1", "budgeting-funding = 6"),
    );
    l.refused(
        &["assess", "--answers", Leap::path_str(&high)],
        &["h.toml:9:21: invalid level for 'budgeting-funding' '6': a whole number from 0 to 5"],
    );
    let unknown = l.file("u.toml", &format!("{SENIOR_ADMIN}budgetting = 2\n"));
    l.refused(
        &["assess", "--answers", Leap::path_str(&unknown)],
        &["invalid competency 'budgetting': allowed: technical-excellence"],
    );
    let table = l.file("t.toml", "[levels]\n[extra]\n");
    l.refused(
        &["assess", "--answers", Leap::path_str(&table)],
        &["unknown table [extra]"],
    );
    l.refused(&["assess"], &["pass --answers FILE"]);
    l.refused(
        &["assess", "--answers", "/nonexistent.toml"],
        &["cannot read /nonexistent.toml"],
    );
}

#[test]
fn gap_json_follows_the_contract() {
    let l = Leap::assessed();
    let g = l.json(&["gap"]);
    assert_eq!(g["target"], "it-manager");
    let r = g["readiness"].as_f64().expect("number");
    assert!((0.0..1.0).contains(&r), "{r}");
    assert_eq!(g["band"], "6-12-months");
    assert!(g["explanation"]
        .as_str()
        .is_some_and(|e| e.contains("Leadership and delegation")));
    let comps = g["competencies"].as_array().expect("competencies");
    assert_eq!(comps.len(), 14);
    for c in comps {
        let (e, cur, gap) = (
            c["expected"].as_i64(),
            c["current"].as_i64(),
            c["gap"].as_i64(),
        );
        assert_eq!(gap, Some((e.unwrap_or(0) - cur.unwrap_or(0)).max(0)), "{c}");
        assert_eq!(c["evidence"], 0);
    }
    let budget = comps
        .iter()
        .find(|c| c["id"] == "budgeting-funding")
        .expect("budget");
    assert_eq!(
        (
            budget["expected"].as_i64(),
            budget["current"].as_i64(),
            budget["gap"].as_i64()
        ),
        (Some(3), Some(1), Some(2))
    );
    // Another target without changing the profile.
    let d = l.json(&["gap", "--target", "it-director"]);
    assert_eq!(d["target"], "it-director");
    assert!(d["readiness"].as_f64() < Some(r));
    // Two moves above the senior administrator's post: more than two years
    // away whatever the levels, and said why.
    assert_eq!(d["band"], "2-plus-years");
    assert!(
        d["explanation"].as_str().is_some_and(|e| e.contains(
            "IT director is more than one move above Senior administrator: IT manager comes first"
        )),
        "{}",
        d["explanation"]
    );
    assert_eq!(l.json(&["status"])["target"], "it-manager");
}

#[test]
fn self_rating_alone_is_not_ready_now_until_evidence_backs_it() {
    let l = Leap::with_profile();
    let all_five: String = SENIOR_ADMIN
        .lines()
        .map(|line| match line.split_once(" = ") {
            Some((k, _)) => format!("{k} = 5\n"),
            None => format!("{line}\n"),
        })
        .collect();
    l.ok(&[
        "assess",
        "--answers",
        Leap::path_str(&l.file("five.toml", &all_five)),
    ]);
    let g = l.json(&["gap"]);
    assert_eq!(g["readiness"], 1.0);
    assert_ne!(g["band"], "ready-now");
    let out = l.ok(&["gap"]).stdout;
    assert!(out.contains("A self-rating alone is not proof"), "{out}");
    assert!(out.contains("needs evidence"), "{out}");
    for c in [
        "leadership-delegation",
        "developing-staff",
        "business-acumen",
        "budgeting-funding",
    ] {
        l.ok(&["log", &format!("Evidence for {c}"), "--competency", c]);
    }
    // One critical competency still lacks evidence.
    assert_ne!(l.json(&["gap"])["band"], "ready-now");
    let item = l.json(&[
        "plan",
        "add",
        "Ran the quarter's project portfolio review",
        "--competency",
        "project-management",
    ]);
    let id = item["id"].as_i64().expect("id").to_string();
    l.ok(&["plan", "done", &id]);
    let g = l.json(&["gap"]);
    assert_eq!(g["band"], "ready-now", "{g}");
    let pm = g["competencies"]
        .as_array()
        .expect("c")
        .iter()
        .find(|c| c["id"] == "project-management")
        .cloned()
        .expect("pm");
    assert_eq!(pm["evidence"], 1, "a finished plan item counts as evidence");
}

#[test]
fn gap_needs_an_assessment_and_a_known_role() {
    let l = Leap::with_profile();
    l.refused(
        &["gap"],
        &["no self-assessment yet: assess yourself first (`leap assess`"],
    );
    let l = Leap::assessed();
    l.refused(
        &["gap", "--target", "ceo"],
        &["invalid target 'ceo': allowed: help-desk, sysadmin"],
    );
}

#[test]
fn gap_and_status_say_step_zero_first_and_status_carries_the_plan() {
    let l = Leap::with_profile();
    // A senior administrator below her own role's craft.
    let levels = l.file(
        "below.toml",
        &SENIOR_ADMIN.replace("technical-excellence = 4", "technical-excellence = 2"),
    );
    l.ok(&["assess", "--answers", Leap::path_str(&levels)]);
    let human = l.ok(&["gap"]).stdout;
    let first_table = human.find('┌').unwrap_or(human.len());
    let note = human
        .find("Master your job before the move")
        .expect("step 0 said");
    assert!(note < first_table, "said first: {human}");
    assert!(human.contains("Technical excellence 4 (you: 2)"), "{human}");
    let json = l.json(&["gap"]);
    assert!(
        json["master_your_job"]
            .as_str()
            .is_some_and(|n| n.contains("Senior administrator")),
        "{json}"
    );
    assert!(
        json["competencies"].is_array(),
        "the readiness is still there: {json}"
    );
    // Measured against the role held now, there is no step 0 to add.
    assert!(l
        .json(&["gap", "--target", "senior-admin"])
        .get("master_your_job")
        .is_none());

    l.ok(&["plan", "generate"]);
    let status = l.json(&["status"]);
    let notes = status["plan_notes"].as_array().expect("plan notes");
    assert!(
        notes
            .iter()
            .any(|n| n.as_str().is_some_and(|n| n.starts_with("Master your job"))),
        "{status}"
    );
    let steps = status["next_steps"].as_array().expect("next steps");
    assert_eq!(steps.len(), status["next"].as_array().map_or(0, Vec::len));
    assert!(steps.iter().all(|s| s["command"]
        .as_str()
        .is_some_and(|c| c.starts_with("leap "))));
    let human = l.ok(&["status"]).stdout;
    assert!(
        human.contains("Joanne: Senior administrator → IT manager"),
        "role names: {human}"
    );
    assert!(human.contains("Your plan says"), "{human}");
}

#[test]
fn init_names_the_roles_and_says_a_sideways_move_once() {
    let l = Leap::new();
    let out = l
        .ok(&[
            "init",
            "--current",
            "senior-admin",
            "--target",
            "it-manager",
        ])
        .stdout;
    assert!(out.contains("Senior administrator → IT manager"), "{out}");
    assert_eq!(out.matches("sideways").count(), 1, "{out}");
    assert!(!out.contains("senior-admin →"), "names, not ids: {out}");
}

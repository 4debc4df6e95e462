use crate::{Leap, TODAY};

#[test]
fn export_validates_and_show_json_follows_the_contract() {
    let l = Leap::new();
    let exported = l.ok(&["framework", "export"]).stdout;
    assert!(exported.contains("id = \"it-leadership\""));
    let f = l.file("copy.toml", &exported);
    let out = l.ok(&["framework", "validate", Leap::path_str(&f)]);
    assert!(
        out.stdout.contains("is valid: 14 competencies, 10 roles"),
        "{}",
        out.stdout
    );

    let v = l.json(&["framework", "show"]);
    for key in [
        "id",
        "name",
        "version",
        "scale",
        "competencies",
        "roles",
        "transitions",
        "actions",
        "fit_statements",
    ] {
        assert!(v.get(key).is_some(), "framework show --json lacks {key}");
    }
    assert_eq!(v["scale"], serde_json::json!({"min": 0, "max": 5}));
    let c = &v["competencies"][0];
    for key in ["id", "name", "group", "levels"] {
        assert!(c.get(key).is_some(), "competency lacks {key}");
    }
    assert_eq!(c["levels"].as_array().map(Vec::len), Some(6));
    let r = v["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .find(|r| r["id"] == "it-manager")
        .expect("it-manager");
    assert_eq!(r["track"], "management");
    assert_eq!(r["expectations"]["leadership-delegation"], 3);
    assert!(r["critical"]
        .as_array()
        .is_some_and(|c| c.iter().any(|x| x == "budgeting-funding")));
    let t = v["transitions"]
        .as_array()
        .expect("transitions")
        .iter()
        .find(|t| t["from"] == "senior-admin" && t["to"] == "it-manager")
        .expect("transition");
    assert_eq!(t["kind"], "sideways");
    let a = &v["actions"][0];
    for key in [
        "id",
        "title",
        "kind",
        "competencies",
        "effort_weeks",
        "source",
    ] {
        assert!(a.get(key).is_some(), "action lacks {key}");
    }
    let s = &v["fit_statements"][0];
    for key in ["id", "text", "track", "source"] {
        assert!(s.get(key).is_some(), "fit statement lacks {key}");
    }
}

const BROKEN: &str = r#"[framework]
id = "broken"
name = "Broken"
version = "1"

[[competency]]
id = "lead"
name = "Lead"
group = "people"
description = "Leading."
levels = ["a", "b", "c", "d", "e"]

[[competency]]
id = "lead"
name = "Lead again"
group = "people"
description = "Leading."
levels = ["a", "b", "c", "d", "e", "f"]

[[role]]
id = "boss"
name = "Boss"
track = "management"
[role.expects]
lead = 9
steer = 1

[[transition]]
from = "boss"
to = "king"
kind = "up"

[[action]]
id = "x"
title = "X"
kind = "coaching"
competencies = ["lead"]
effort_weeks = 2
evidence = "e"
source = "s"
"#;

#[test]
fn validate_reports_every_problem_with_file_line_and_column() {
    let l = Leap::new();
    let f = l.file("broken.toml", BROKEN);
    let name = Leap::path_str(&f);
    let out = l.refused(&["framework", "validate", name], &[]);
    let expected = [
        format!("{name}:11:10: competency 'lead' has 5 level descriptors: it needs exactly 6"),
        format!("{name}:14:6: duplicate competency id 'lead'"),
        format!("{name}:25:8: role 'boss' expects level 9 for 'lead': levels are whole numbers from 0 to 5"),
        format!("{name}:26:9: role 'boss' expects unknown competency 'steer': allowed: lead"),
        format!("{name}:30:6: transition names unknown role 'king': allowed: boss"),
        format!("{name}:36:8: action 'x' has unknown kind 'coaching': allowed: experience, relationship, education"),
    ];
    for e in &expected {
        assert!(
            out.stderr.contains(e.as_str()),
            "missing {e:?} in:\n{}",
            out.stderr
        );
    }
    l.refused(
        &["framework", "validate", "/nonexistent/f.toml"],
        &["cannot read /nonexistent/f.toml"],
    );
}

#[test]
fn use_switches_the_framework_and_old_assessments_stay_readable() {
    let l = Leap::assessed();
    let text = l
        .ok(&["framework", "export"])
        .stdout
        .replace("version = \"1.0.0\"", "version = \"2.0.0-local\"")
        .replace("name = \"IT manager\"", "name = \"Head of IT\"")
        // The role's id wherever the file names it: its own, transitions,
        // the roles an action is for.
        .replace("\"it-manager\"", "\"head-of-it\"");
    let f = l.file("mine.toml", &text);
    // The target it-manager is gone from the new file: refused, with a hint.
    l.refused(
        &["framework", "use", Leap::path_str(&f)],
        &["invalid target 'it-manager'", "--target"],
    );
    let out = l.ok(&[
        "framework",
        "use",
        Leap::path_str(&f),
        "--target",
        "head-of-it",
    ]);
    assert!(out.stdout.contains("version 2.0.0-local"), "{}", out.stdout);
    let v = l.json(&["framework", "show"]);
    assert_eq!(v["version"], "2.0.0-local");

    // The first assessment still names the framework it was made with.
    l.ok(&[
        "assess",
        "--answers",
        Leap::path_str(&l.file("a2.toml", "[levels]\nbudgeting-funding = 2\n")),
    ]);
    let h = l.json(&["assess", "history"]);
    let a = h["assessments"].as_array().expect("assessments");
    assert_eq!(a.len(), 2);
    assert_eq!(a[0]["framework"]["version"], "1.0.0");
    assert_eq!(a[1]["framework"]["version"], "2.0.0-local");
    assert_ne!(a[0]["framework"]["hash"], a[1]["framework"]["hash"]);
    assert_eq!(a[0]["date"], TODAY);
    let g = l.json(&["gap"]);
    assert_eq!(g["target"], "head-of-it");
    let human = l.ok(&["assess", "history"]).stdout;
    assert!(human.contains("span several frameworks"), "{human}");
}

#[test]
fn show_without_a_profile_shows_the_built_in_framework() {
    let l = Leap::new();
    let out = l.ok(&["framework", "show"]);
    assert!(
        out.stdout
            .contains("Technical track: Help desk analyst, Network and server administrator"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("senior-admin → it-manager (sideways)"));
}

//! The whole loop on a framework of another field (the ward-leadership
//! example in `docs/examples/`): every command works from the file alone,
//! and nothing leap prints speaks of the built-in framework or of IT.

use leap_store::testing::{builtin_words_foreign_to, foreign_word};

use crate::{Leap, Out};

const WARD: &str = include_str!("../../../../docs/examples/ward-leadership.toml");

const LEVELS: &str = "[levels]
clinical-practice = 4
patient-safety-quality = 3
leading-the-team = 2
developing-staff = 3
conflict-complaints = 2
staffing-rostering = 1
budget-resources = 1
governance-audit = 2
communication-handover = 3
working-across-departments = 2
";

const FIT: &str = "[answers]
responsible-for-ward = 5
less-bedside = 4
rota-and-budget = 4
handle-complaints = 4
grow-nurses = 5
beyond-the-ward = 4
accountable-when-absent = 4
bedside-is-the-joy = 2
go-to-expert = 2
miss-patients = 3
band-not-fit = 1
advanced-skills = 2
paperwork-drains = 2
";

#[test]
fn the_whole_loop_on_a_ward_framework_never_speaks_of_it() {
    let l = Leap::new();
    let forbidden = builtin_words_foreign_to(WARD);
    // The check itself catches what it should and only that.
    assert!(foreign_word("try `leap target it-manager`", &forbidden).is_some());
    assert!(foreign_word("toward an IT management role", &forbidden).is_some());
    assert!(foreign_word("from senior-staff-nurse to ward-manager", &forbidden).is_none());
    let mut shown: Vec<(String, Out)> = Vec::new();
    let mut run = |args: &[&str]| {
        let out = l.ok(args);
        shown.push((args.join(" "), out));
    };
    let ward = l.file("ward.toml", WARD);
    let ward = ward.to_str().expect("utf-8 path");
    let levels = l.file("levels.toml", LEVELS);
    let fit = l.file("fit.toml", FIT);
    for help in [
        vec!["--help"],
        vec!["init", "--help"],
        vec!["checkin", "--help"],
        vec!["target", "--help"],
    ] {
        run(&help);
    }
    run(&["framework", "validate", ward]);
    run(&[
        "init",
        "--framework",
        ward,
        "--current",
        "senior-staff-nurse",
        "--target",
        "ward-manager",
        "--name",
        "Noor",
    ]);
    run(&["framework", "show"]);
    run(&["fit", "--answers", levels_path(&fit)]);
    run(&["assess", "--answers", levels_path(&levels)]);
    run(&["gap"]);
    run(&["plan", "generate"]);
    run(&["plan"]);
    run(&[
        "log",
        "Took charge of the night shift and re-did the rota when two nurses went off sick",
    ]);
    run(&["log", "Passed the advanced life support course"]);
    run(&["journal"]);
    run(&[
        "opp",
        "add",
        "--organisation",
        "St Anne's",
        "--title",
        "Ward manager, surgical",
        "--role",
        "ward-manager",
        "--company-profile",
        "mid-size",
        "--stage",
        "applied",
    ]);
    run(&["opp", "move", "1", "rejected"]);
    run(&[
        "opp",
        "debrief",
        "1",
        "--reasons",
        "someone with more experience of managing a ward budget was appointed",
        "--too-technical",
        "yes",
    ]);
    run(&["opp", "list"]);
    run(&["contact", "add", "Ana Ruiz", "--relationship", "mentor"]);
    run(&[
        "contact",
        "touch",
        "1",
        "--note",
        "Coffee after the audit meeting",
    ]);
    run(&["checkin", "--rate", "staffing-rostering=2"]);
    run(&["today"]);
    run(&["progress"]);
    run(&["status"]);
    run(&["report", "packet"]);
    run(&[
        "feedback",
        "request",
        "--rater",
        "peer:Sam Okafor",
        "--closes",
        "2026-12-10",
    ]);
    run(&["feedback", "status"]);
    for (command, out) in &shown {
        for (what, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            if let Some(hit) = foreign_word(text, &forbidden) {
                panic!("leap {command} shows {hit} on {what}");
            }
        }
    }
    // The loop did its work on the ward's own terms.
    let status = l.json(&["status"]);
    assert_eq!(status["target"], "ward-manager", "{status}");
    let plan = l.json(&["plan"]);
    assert!(
        plan["items"].as_array().is_some_and(|i| !i.is_empty()),
        "{plan}"
    );
}

fn levels_path(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8 path")
}

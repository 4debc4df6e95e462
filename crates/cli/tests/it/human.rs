//! Snapshots of the human output: tables and explanations a person reads.

use crate::{fit_answers, Leap};

fn loop_so_far() -> Leap {
    let l = Leap::assessed();
    l.ok(&[
        "fit",
        "--answers",
        Leap::path_str(&l.file("fit.toml", &fit_answers(5, 2))),
    ]);
    l.ok(&["plan", "generate", "--horizon-months", "6"]);
    l.ok(&["plan", "done", "2", "--note", "Ran it"]);
    l.ok(&[
        "log",
        "Presented the Q3 budget forecast to the finance director",
        "--date",
        "2026-11-20",
    ]);
    l.ok(&[
        "log",
        "Mediated a conflict between the network and desktop teams",
    ]);
    l
}

#[test]
fn human_output() {
    let l = loop_so_far();
    insta::assert_snapshot!("gap", l.ok(&["gap"]).stdout);
    insta::assert_snapshot!("plan", l.ok(&["plan"]).stdout);
    insta::assert_snapshot!("journal", l.ok(&["journal"]).stdout);
    insta::assert_snapshot!("status", l.ok(&["status"]).stdout);
    insta::assert_snapshot!(
        "fit",
        l.ok(&[
            "fit",
            "--answers",
            Leap::path_str(&l.file("f.toml", &fit_answers(4, 4)))
        ])
        .stdout
    );
    insta::assert_snapshot!("history", l.ok(&["assess", "history"]).stdout);
    insta::assert_snapshot!("framework_show", l.ok(&["framework", "show"]).stdout);
}

#[test]
fn no_colour_codes_when_not_a_terminal() {
    let l = loop_so_far();
    for args in [vec!["gap"], vec!["status"], vec!["plan"]] {
        assert!(
            !l.ok(&args).stdout.contains('\u{1b}'),
            "{args:?} printed escape codes"
        );
    }
}

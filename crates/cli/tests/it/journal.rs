use crate::{Leap, TODAY};

#[test]
fn log_suggests_stores_and_prints_tags() {
    let l = Leap::with_profile();
    let out = l.ok(&[
        "log",
        "Delegated the patching rota to Sam and coached him through the first week",
    ]);
    assert!(out.stdout.contains("Suggested tags"), "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "leadership-delegation (Leadership and delegation): the words \u{201c}delegated\u{201d}"
        ),
        "{}",
        out.stdout
    );
    let j = l.json(&["journal"]);
    let e = &j["entries"][0];
    assert_eq!(e["date"], TODAY);
    assert_eq!(e["kind"], "experience");
    let tags: Vec<&str> = e["competencies"]
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert!(
        tags.contains(&"leadership-delegation") && tags.contains(&"developing-staff"),
        "{tags:?}"
    );
    for key in ["id", "date", "text", "kind", "competencies"] {
        assert!(e.get(key).is_some(), "entry lacks {key}");
    }
}

#[test]
fn explicit_tags_kind_and_date_and_the_filter() {
    let l = Leap::with_profile();
    let v = l.json(&[
        "log",
        "Asked the CFO how the budget is built",
        "--competency",
        "budgeting-funding",
        "--competency",
        "relationships-networking",
        "--kind",
        "relationship",
        "--date",
        "2026-10-01",
    ]);
    assert_eq!(v["suggested"], false);
    assert_eq!(
        v["competencies"],
        serde_json::json!(["budgeting-funding", "relationships-networking"])
    );
    l.ok(&[
        "log",
        "Presented the roadmap to the board",
        "--competency",
        "communication",
        "--kind",
        "result",
    ]);
    let out = l.ok(&["log", "Had a sandwich"]);
    assert!(
        out.stdout.contains("No competency recognised"),
        "{}",
        out.stdout
    );
    let all = l.json(&["journal"]);
    assert_eq!(
        all["entries"].as_array().map(Vec::len),
        Some(3),
        "the untagged entry is kept too"
    );
    // Newest first.
    assert_eq!(all["entries"][2]["date"], "2026-10-01");
    let budget = l.json(&["journal", "--competency", "budgeting-funding"]);
    let e = budget["entries"].as_array().expect("entries");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0]["kind"], "relationship");
    let none = l.ok(&["journal", "--competency", "compliance-risk"]);
    assert!(none
        .stdout
        .contains("No journal entries tagged compliance-risk"));
}

#[test]
fn bad_log_input_is_refused() {
    let l = Leap::with_profile();
    l.refused(
        &["log", "x", "--date", "2026-12-01"],
        &["invalid date '2026-12-01': a date as YYYY-MM-DD, not after today (2026-11-24)"],
    );
    l.refused(
        &["log", "x", "--date", "01/12/2026"],
        &["invalid date '01/12/2026': a date as YYYY-MM-DD"],
    );
    l.refused(
        &["log", "x", "--kind", "gossip"],
        &["invalid kind 'gossip': allowed: experience, relationship, education, feedback, result"],
    );
    l.refused(
        &["log", "x", "--competency", "nope"],
        &["invalid competency 'nope': allowed: technical-excellence"],
    );
    l.refused(&["log", ""], &["invalid text ''"]);
    l.refused(
        &["journal", "--competency", "nope"],
        &["invalid competency 'nope'"],
    );
}

#[test]
fn a_technical_certification_logged_toward_management_gets_the_seeds_word_once() {
    let l = Leap::with_profile();
    let first = l.ok(&["log", "Passed the CCNA exam"]).stdout;
    assert!(
        first.contains("does not advance a move into management"),
        "{first}"
    );
    let again = l.json(&["log", "Booked the MCSE exam for the spring"]);
    assert!(again.get("note").is_none(), "said once: {again}");
    let plain = l.json(&["log", "Ran the change advisory board"]);
    assert!(plain.get("note").is_none());
    // Toward a technical role it is good advice, and nothing is said.
    let tech = Leap::with_profile();
    tech.ok(&["target", "specialist"]);
    let v = tech.json(&["log", "Passed the CCNA exam"]);
    assert!(v.get("note").is_none(), "{v}");
}

/// Issue #16: the tags a person chooses teach leap how they tag; the
/// suggestion says why, in words and in `--json`.
#[test]
fn log_learns_how_you_tag_and_says_why() {
    let l = Leap::with_profile();
    let out = l.ok(&[
        "log",
        "Chaired the Monday ops stand-up and went through the open incidents",
        "--competency",
        "service-operations",
    ]);
    assert!(
        out.stdout.contains("it will learn from your choice"),
        "{}",
        out.stdout
    );
    l.ok(&[
        "log",
        "Chaired the ops stand-up again while the team lead was off",
        "--competency",
        "service-operations",
    ]);
    let j = l.json(&[
        "log",
        "Chaired the Thursday ops stand-up for the infrastructure team",
    ]);
    assert_eq!(
        j["competencies"],
        serde_json::json!(["service-operations"]),
        "{j}"
    );
    assert_eq!(j["suggested"], true);
    let why = j["why"][0]["why"].as_str().unwrap_or_default();
    assert!(why.contains("like your own"), "{j}");
    let out = l.ok(&["log", "Chaired the Friday ops stand-up"]);
    assert!(
        out.stdout.contains("service-operations (") && out.stdout.contains("like your own"),
        "{}",
        out.stdout
    );
}

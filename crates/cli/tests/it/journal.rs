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

/// An interview lost, logged in the journal, is pointed to the debrief,
/// where the plan reads the reasons (seed 000: ask what the experience was).
#[test]
fn an_interview_lost_in_the_journal_is_pointed_to_the_debrief() {
    let l = Leap::with_profile();
    let lost = l
        .ok(&[
            "log",
            "Lost the internal IT manager interview: they went with someone with more experience",
        ])
        .stdout;
    assert!(lost.contains("leap opp debrief ID"), "{lost}");
    let other = l.ok(&["log", "Ran the change advisory board"]).stdout;
    assert!(!other.contains("opp debrief"), "{other}");
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

/// `leap journal edit`: the tags a person changes after logging teach leap
/// how they tag (issue #16), without a second entry; the text, kind and
/// date change alone, keeping the tags; `--suggest` asks again.
#[test]
fn journal_edit_changes_an_entry_and_leap_learns_from_its_tags() {
    let l = Leap::with_profile();
    let texts = [
        "Took over line management of two engineers while Priya was on leave",
        "Took over line management of the service desk pair",
    ];
    for text in texts {
        let logged = l.json(&["log", text]);
        let id = logged["id"].as_i64().expect("id").to_string();
        let edited = l.json(&[
            "journal",
            "edit",
            &id,
            "--competency",
            "leadership-delegation",
            "--competency",
            "developing-staff",
        ]);
        assert_eq!(
            edited["entry"]["competencies"],
            serde_json::json!(["developing-staff", "leadership-delegation"]),
            "{edited}"
        );
        assert_eq!(edited["suggested"], false);
    }
    assert_eq!(
        l.json(&["journal"])["entries"].as_array().map(Vec::len),
        Some(2),
        "an edit adds no entry"
    );
    // The same kind of text is now tagged as the person tags it.
    let next = l.json(&["log", "Took over line management of the network team"]);
    let tags = next["competencies"].as_array().expect("tags");
    for want in ["leadership-delegation", "developing-staff"] {
        assert!(tags.iter().any(|t| t == want), "{next}");
    }
    let id = next["id"].as_i64().expect("id").to_string();
    // Text, kind and date alone: the tags stay.
    let out = l.ok(&[
        "journal",
        "edit",
        &id,
        "--text",
        "Took over line management of the network team (four people)",
        "--kind",
        "experience",
        "--date",
        "2026-11-02",
    ]);
    assert!(out.stdout.contains("Changed #"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Leadership and delegation"),
        "{}",
        out.stdout
    );
    let journal = l.json(&["journal"]);
    let e = journal["entries"]
        .as_array()
        .and_then(|es| es.iter().find(|e| e["id"] == next["id"]))
        .expect("the entry, by its id");
    assert_eq!(e["date"], "2026-11-02");
    assert_eq!(
        e["competencies"],
        serde_json::json!(["developing-staff", "leadership-delegation"]),
        "the tags stay: {e}"
    );
    assert_eq!(
        e["text"],
        "Took over line management of the network team (four people)"
    );
    // --suggest: tagged from the text again, with why.
    let again = l.json(&["journal", "edit", &id, "--suggest"]);
    assert_eq!(again["suggested"], true, "{again}");
    assert!(again["why"][0]["why"].is_string(), "{again}");
}

/// Bad edits and deletes are refused naming the field, and change nothing;
/// another person's entry is not there for you; a delete asks first.
#[test]
fn journal_edit_and_delete_refuse_bad_input_and_other_peoples_entries() {
    let l = Leap::with_profile();
    // Someone else's entries, numbered before Joanne's first.
    l.ok(&[
        "demo",
        "--people",
        "1",
        "--seed",
        "3",
        "--entries-per-person",
        "2",
    ]);
    let mine = l.json(&["log", "Ran the change advisory board"]);
    let id = mine["id"].as_i64().expect("id");
    assert!(id > 2, "{mine}");
    let id = id.to_string();
    l.refused(
        &["journal", "edit", &id, "--competency", "nope"],
        &["invalid competency 'nope': allowed: technical-excellence"],
    );
    l.refused(
        &["journal", "edit", &id, "--date", "2027-01-01"],
        &["invalid date '2027-01-01'"],
    );
    l.refused(
        &["journal", "edit", &id, "--kind", "gossip"],
        &["invalid kind 'gossip'"],
    );
    l.refused(&["journal", "edit", &id, "--text", " "], &["invalid text"]);
    l.refused(
        &["journal", "edit", "1", "--competency", "developing-staff"],
        &["journal entry", "1"],
    );
    l.refused(&["journal", "delete", "1", "--yes"], &["journal entry"]);
    l.refused(&["journal", "delete", "999", "--yes"], &["journal entry"]);
    // No terminal to ask on: refused, kept.
    l.refused(
        &["journal", "delete", &id],
        &["no terminal to confirm on: add --yes to delete the entry"],
    );
    let gone = l.json(&["journal", "delete", &id, "--yes"]);
    assert_eq!(gone["deleted"]["text"], "Ran the change advisory board");
    assert!(l.json(&["journal"])["entries"]
        .as_array()
        .is_some_and(Vec::is_empty));
}

/// Criticism logged as feedback is kept, tagged to what it is about, but
/// is no evidence of it: `leap gap` does not count it and the packet does
/// not cite it, until the person says it names no gap.
#[test]
fn feedback_that_names_a_gap_is_kept_but_not_counted_as_evidence() {
    let l = Leap::assessed();
    let evidence = |l: &Leap| {
        let g = l.json(&["gap"]);
        g["competencies"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["id"] == "leadership-delegation"))
            .and_then(|c| c["evidence"].as_u64())
            .expect("leadership-delegation in gap")
    };
    let text = "Appraisal note from my manager: runs the team in all but name, needs to let go of the keyboard";
    let out = l.ok(&["log", text, "--kind", "feedback"]);
    assert!(
        out.stdout
            .contains("It names a gap in Leadership and delegation: kept in your journal"),
        "{}",
        out.stdout
    );
    let j = l.json(&["journal"]);
    let e = &j["entries"][0];
    assert_eq!(e["names_gap"], true, "{j}");
    assert!(
        e["competencies"]
            .as_array()
            .is_some_and(|c| c.iter().any(|c| c == "leadership-delegation")),
        "{j}"
    );
    assert!(l.ok(&["journal"]).stdout.contains("feedback (names a gap)"));
    assert_eq!(evidence(&l), 0);
    // The gap view says who doubts the level, though it is no evidence.
    let g = l.json(&["gap"]);
    let lead = g["competencies"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == "leadership-delegation"))
        .cloned()
        .expect("leadership-delegation");
    assert_eq!(lead["named_gaps"], 1, "{lead}");
    assert!(l.ok(&["gap"]).stdout.contains("feedback names a gap in it"));
    let status = l.json(&["status"]);
    assert!(status["recent_evidence"].is_array(), "{status}");
    assert!(
        !status["recent_evidence"].to_string().contains("keyboard"),
        "not recent evidence: {status}"
    );
    // A new text keeps what was said of it.
    let id = e["id"].as_i64().expect("id").to_string();
    l.ok(&["journal", "edit", &id, "--text", &format!("{text} (Karen)")]);
    assert_eq!(l.json(&["journal"])["entries"][0]["names_gap"], true);
    l.refused(&["journal", "edit", &id], &["nothing to change"]);
    let packet = l.ok(&["report", "packet"]).stdout;
    assert!(!packet.contains("let go of the keyboard"), "{packet}");
    // The plan answers it, and says so.
    let plan = l.json(&["plan", "generate"]);
    let items = plan["items"].as_array().expect("items");
    assert!(
        items.iter().any(|i| i["why"].as_str().is_some_and(
            |w| w.contains("Feedback you logged names a gap in Leadership and delegation")
        )),
        "{plan}"
    );
    // Praise is evidence.
    let praise = l.json(&[
        "log",
        "My director said the way I delegated the patching rota was exactly right",
        "--kind",
        "feedback",
        "--competency",
        "leadership-delegation",
    ]);
    assert_eq!(praise["names_gap"], false, "{praise}");
    assert_eq!(evidence(&l), 1);
    // The person's word over leap's reading, both ways.
    l.ok(&["journal", "edit", &id, "--names-gap", "no"]);
    assert_eq!(evidence(&l), 2);
    assert!(l
        .ok(&["report", "packet"])
        .stdout
        .contains("let go of the keyboard"));
    l.refused(
        &["journal", "edit", &id, "--names-gap", "maybe"],
        &["invalid names-gap 'maybe': yes or no"],
    );
    l.refused(
        &["log", "x", "--names-gap", "sometimes"],
        &["invalid names-gap 'sometimes': yes or no"],
    );
}

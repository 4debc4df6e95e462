//! `leap export`, `leap import` and `leap user delete`.

use super::{Leap, TODAY};

/// The demo person (two openings, one debriefed; three contacts; two
/// check-ins), with one more opportunity, contact and check-in of the
/// person's own.
fn full() -> Leap {
    let l = Leap::new();
    l.ok(&["demo"]);
    let added = l.json(&[
        "opp",
        "add",
        "--organisation",
        "Acme",
        "--title",
        "IT Manager",
        "--role",
        "it-manager",
        "--stage",
        "interviewing",
    ]);
    let id = added["id"].as_i64().expect("id").to_string();
    l.ok(&["opp", "move", &id, "rejected"]);
    l.ok(&[
        "opp",
        "debrief",
        &id,
        "--reasons",
        "They wanted budget ownership",
    ]);
    let contact = l.json(&[
        "contact",
        "add",
        "Ana Ruiz",
        "--relationship",
        "mentor",
        "--job-title",
        "Head of finance",
    ]);
    assert_eq!(contact["job_title"], "Head of finance");
    let contact = contact["id"].as_i64().expect("id").to_string();
    l.ok(&["contact", "touch", &contact, "--note", "Coffee"]);
    // Feedback that names a gap travels as such.
    l.ok(&[
        "log",
        "Manager says I still grab the hard tickets myself",
        "--kind",
        "feedback",
        "--names-gap",
        "yes",
    ]);
    l.ok(&[
        "checkin",
        "--rate",
        "budgeting-funding=4",
        "--went-well",
        "Ran the budget review",
    ]);
    l
}

#[test]
fn export_then_import_then_export_gives_the_same_document() {
    let a = full();
    let file = a.dir.path().join("me.json");
    let out = a.ok(&["export", "--out", Leap::path_str(&file)]);
    assert!(
        out.stderr
            .contains("opportunities 3, contacts 4, check-ins 3"),
        "{}",
        out.stderr
    );
    let first = std::fs::read_to_string(&file).expect("written");
    let doc: serde_json::Value = serde_json::from_str(&first).expect("JSON");
    assert_eq!(doc["format"], "leap-export");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["exported_on"], TODAY);
    let journal = doc["journal"].as_array().expect("journal");
    assert_eq!(
        journal.iter().filter(|e| e["names_gap"] == true).count(),
        1,
        "written only when true"
    );
    assert!(journal.iter().all(|e| e["names_gap"] != false));
    // Standard output carries the same document.
    assert_eq!(a.ok(&["export"]).stdout, first);

    let b = Leap::new();
    let out = b.ok(&["import", Leap::path_str(&file)]);
    assert!(out.stdout.contains("Imported Jo Demo"), "{}", out.stdout);
    assert_eq!(b.ok(&["export"]).stdout, first);
    // What the person sees is the same too.
    for args in [["gap", "--json"], ["status", "--json"], ["plan", "--json"]] {
        assert_eq!(a.ok(&args).stdout, b.ok(&args).stdout, "{args:?}");
    }

    let ana = doc["contacts"]
        .as_array()
        .expect("contacts")
        .iter()
        .find(|c| c["name"] == "Ana Ruiz")
        .expect("Ana");
    assert_eq!(ana["job_title"], "Head of finance");
    // An export made before leap kept job titles still imports.
    let mut older = doc.clone();
    for c in older["contacts"].as_array_mut().expect("contacts") {
        c.as_object_mut().expect("object").remove("job_title");
    }
    let old_file = a.dir.path().join("older.json");
    std::fs::write(&old_file, older.to_string()).expect("write");
    let c = Leap::new();
    c.ok(&["import", Leap::path_str(&old_file)]);
    let contacts = c.json(&["contact", "list"]);
    assert!(
        contacts["contacts"]
            .as_array()
            .expect("contacts")
            .iter()
            .all(|c| c["job_title"].is_null()),
        "{contacts}"
    );

    // A second import into a database with a profile is refused, unchanged.
    b.refused(
        &["import", Leap::path_str(&file)],
        &["a profile already exists"],
    );
}

#[test]
fn a_bad_document_is_refused_before_any_database_is_made() {
    let l = Leap::new();
    let newer = l.file("newer.json", r#"{"format": "leap-export", "version": 2}"#);
    l.refused(
        &["import", Leap::path_str(&newer)],
        &["version: invalid version '2': 1 (this build of leap reads version 1)"],
    );
    assert!(!l.database_created());
    let other = l.file("other.json", r#"{"name": "x"}"#);
    l.refused(
        &["import", Leap::path_str(&other)],
        &["format: invalid format ''"],
    );
    let a = full();
    let text = a
        .ok(&["export"])
        .stdout
        .replace("\"kind\": \"experience\"", "\"kind\": \"gossip\"");
    let bad = l.file("bad.json", &text);
    l.refused(
        &["import", Leap::path_str(&bad)],
        &["].kind: invalid value 'gossip': allowed: experience"],
    );
    l.refused(
        &["import", "/nonexistent/me.json"],
        &["invalid file '/nonexistent/me.json'"],
    );
    // A control character in a text, escaped as JSON allows: refused, named.
    let text = a
        .ok(&["export"])
        .stdout
        .replacen("\"name\": \"", "\"name\": \"\\u0000", 1);
    let nul = l.file("nul.json", &text);
    l.refused(
        &["import", Leap::path_str(&nul)],
        &["name", "U+0000", "newlines and tabs are fine"],
    );
    assert!(!l.database_created());
    // And on the command line itself.
    l.refused(&["log", "Escape \u{1b}[31m here"], &["U+001B"]);
    assert!(!l.database_created());
}

#[test]
fn import_into_a_new_account_and_delete_an_account_with_its_data() {
    let a = full();
    let file = a.dir.path().join("me.json");
    a.ok(&["export", "--out", Leap::path_str(&file)]);

    let server = Leap::with_profile();
    let add = |name: &str| {
        let out = server.run_with(
            &[("LEAP_PASSWORD", "correct horse battery staple")],
            &["user", "add", name],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
    };
    // The first account is the administrator, who stays (the last one
    // cannot be deleted).
    add("root");
    add("ann");
    server.refused(
        &["import", Leap::path_str(&file), "--account", "nobody"],
        &["invalid account 'nobody'"],
    );
    let out = server.ok(&["import", Leap::path_str(&file), "--account", "ann"]);
    assert!(out.stdout.contains("for account ann"), "{}", out.stdout);
    let list = server.json(&["user", "list"]);
    assert_eq!(list["accounts"][0]["has_profile"], true, "{list}");
    server.refused(
        &["import", Leap::path_str(&file), "--account", "ann"],
        &["this account has a profile already"],
    );

    server.refused(&["user", "delete", "ann"], &["add --yes"]);
    server.refused(
        &["user", "delete", "bob", "--yes"],
        &["invalid username 'bob'"],
    );
    let out = server.ok(&["user", "delete", "ann", "--yes"]);
    assert!(out.stdout.contains("Deleted account ann"), "{}", out.stdout);
    let left = server.json(&["user", "list"]);
    assert_eq!(left["accounts"].as_array().map(Vec::len), Some(1), "{left}");
    assert_eq!(left["accounts"][0]["username"], "root");
    server.refused(
        &["user", "delete", "root", "--yes"],
        &["cannot delete root: the last administrator stays one"],
    );
    // The person went with the account: the same file imports again.
    add("ann");
    server.ok(&["import", Leap::path_str(&file), "--account", "ann"]);
}

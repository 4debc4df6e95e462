//! `leap org`: teams, people and reporting lines on the command line, the
//! file checked whole before anything is written.

use crate::Leap;

#[test]
fn an_admin_builds_the_organisation_from_a_file() {
    let l = Leap::with_profile();
    l.ok(&["org", "team", "add", "IT"]);
    l.ok(&["org", "team", "add", "Infrastructure", "--parent", "IT"]);
    l.ok(&["org", "team", "add", "Service desk", "--parent", "IT"]);
    let teams = l.json(&["org", "team", "list"]);
    assert_eq!(teams[1]["name"], "Infrastructure");
    assert_eq!(teams[1]["parent"], "IT");

    let bad = l.file(
        "bad.csv",
        "email,name,team,manager\n\
         cio@example.com,Dana Whitfield,IT,bo@example.com\n\
         ann@example.com,Ann Lee,Nowhere,cio@example.com\n\
         bo@example.com,,Service desk,ann@example.com\n\
         bo@example.com,Bo again,,ann@example.com\n",
    );
    let bad = Leap::path_str(&bad);
    let out = l.run(&["org", "import", bad]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    for said in [
        "bad.csv:2:4: manager: the reporting line loops: cio@example.com → bo@example.com → ann@example.com → cio@example.com",
        "bad.csv:3:3: team: unknown team 'Nowhere'",
        "bad.csv:4:2: name: empty",
        "bad.csv:5:1: email: 'bo@example.com' is on line 4 already",
    ] {
        assert!(out.stderr.contains(said), "{said} in:\n{}", out.stderr);
    }
    assert_eq!(l.json(&["org", "list"]), serde_json::json!([]));

    let text = "email,name,team,manager\n\
                ann@example.com,Ann Lee,Infrastructure,cio@example.com\n\
                bo@example.com,Bo Diaz,Service desk,ann@example.com\n\
                cio@example.com,Dana Whitfield,IT,\n";
    let file = l.file("people.csv", text);
    let file = Leap::path_str(&file);
    let dry = l.json(&["org", "import", file, "--dry-run"]);
    assert_eq!(
        dry,
        serde_json::json!({"dry_run": true, "people": 3, "added": 3, "updated": 0})
    );
    assert_eq!(
        l.json(&["org", "list"]),
        serde_json::json!([]),
        "a dry run writes nothing"
    );
    let out = l.ok(&["org", "import", file]);
    assert!(out.stdout.contains("3 added, 0 updated"), "{}", out.stdout);
    let again = l.json(&["org", "import", file]);
    assert_eq!(again["updated"], 3);
    let people = l.json(&["org", "list"]);
    assert_eq!(people[1]["name"], "Bo Diaz");
    assert_eq!(people[1]["manager"], "ann@example.com");
    assert_eq!(people[1]["manager_name"], "Ann Lee");
    assert_eq!(people[1]["has_account"], false);
    // The export is the file, in name order.
    assert_eq!(l.ok(&["org", "export"]).stdout, text);
    let out = l.dir.path().join("out.csv");
    l.ok(&["org", "export", "--out", Leap::path_str(&out)]);
    assert_eq!(std::fs::read_to_string(&out).expect("written"), text);

    // One at a time; a loop is refused and changes nothing.
    l.refused(
        &["org", "set", "cio@example.com", "--name", "Dana Whitfield", "--manager", "bo@example.com"],
        &["the reporting line would loop: cio@example.com → bo@example.com → ann@example.com → cio@example.com"],
    );
    l.refused(
        &["org", "set", "nobody", "--name", "X"],
        &["invalid email 'nobody'"],
    );
    l.refused(
        &[
            "org",
            "set",
            "eve@example.com",
            "--name",
            "Eve",
            "--team",
            "Nowhere",
        ],
        &["team Nowhere not found"],
    );
    l.ok(&[
        "org",
        "set",
        "Eve@Example.com",
        "--name",
        "Eve Marsh",
        "--team",
        "IT",
        "--manager",
        "cio@example.com",
    ]);
    assert_eq!(l.json(&["org", "list"]).as_array().map(Vec::len), Some(4));
    l.refused(
        &["org", "team", "remove", "IT"],
        &["team 'IT' has 2 sub-team(s) and 2 person(s)"],
    );
    l.refused(
        &["org", "team", "change", "IT", "--parent", "Service desk"],
        &["cannot be inside"],
    );
    l.ok(&[
        "org",
        "team",
        "change",
        "Service desk",
        "--rename",
        "Service Desk",
        "--top",
    ]);
    let teams = l.json(&["org", "team", "list"]);
    assert!(
        teams
            .as_array()
            .expect("teams")
            .iter()
            .any(|t| t["name"] == "Service Desk" && t["parent"].is_null()),
        "{teams}"
    );
    l.ok(&["org", "remove", "eve@example.com"]);

    // What managers see by default.
    l.refused(
        &["org", "default", "plan", "everyone"],
        &["invalid reach 'everyone': allowed: nobody, manager, line, unset"],
    );
    l.refused(
        &["org", "default", "diary", "line"],
        &["invalid part 'diary'"],
    );
    l.ok(&["org", "default", "plan", "line"]);
    assert_eq!(
        l.json(&["org", "defaults"]),
        serde_json::json!([{"part": "plan", "reach": "line"}])
    );
    l.ok(&["org", "default", "plan", "unset"]);
    assert_eq!(
        l.json(&["org", "min-group"]),
        serde_json::json!({"min_group": 3})
    );
    l.refused(
        &["org", "min-group", "2"],
        &["invalid min-group '2': a whole number from 3 to 50"],
    );
    assert_eq!(
        l.json(&["org", "min-group", "5"]),
        serde_json::json!({"min_group": 5})
    );
    // The person's side: no manager has rated this profile.
    assert_eq!(
        l.json(&["assess", "compare"]),
        serde_json::json!({"comparison": null})
    );
    assert!(l
        .ok(&["assess", "compare"])
        .stdout
        .contains("No manager has rated you yet"));
    assert_eq!(l.json(&["org", "defaults"]), serde_json::json!([]));
}

/// `leap bench`: the local profile asks to be considered; the command line
/// sees the organisation's bench, whole, by team, or as CSV.
#[test]
fn the_bench_on_the_command_line() {
    let l = Leap::assessed();
    let roles = l.json(&["bench", "roles"]);
    assert!(
        roles["roles"]
            .as_array()
            .is_some_and(|r| r.iter().all(|c| c["since"].is_null())),
        "{roles}"
    );
    let after = l.json(&["bench", "consider", "it-manager"]);
    let chosen: Vec<&str> = after["roles"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| !c["since"].is_null())
        .filter_map(|c| c["role"].as_str())
        .collect();
    assert_eq!(chosen, ["it-manager"]);
    // Not a management role: refused, named, nothing changed.
    l.refused(
        &["bench", "consider", "sysadmin"],
        &["invalid role 'sysadmin': allowed: it-manager, it-director, cio"],
    );
    assert_eq!(l.json(&["bench", "roles"]), after);
    // The bench: the local profile, assessed, is a candidate.
    let bench = l.json(&["bench"]);
    assert_eq!(bench["candidates"], 1, "{bench}");
    let manager = &bench["roles"][0];
    assert_eq!(manager["role"], "it-manager");
    assert_eq!(
        manager["ready_now"].as_u64().unwrap_or(0)
            + manager["one_to_two_years"].as_u64().unwrap_or(0)
            + manager["later"].as_u64().unwrap_or(0),
        1
    );
    let csv = l.ok(&["bench", "--csv"]).stdout;
    assert!(
        csv.starts_with("role,team,group,name,email,readiness,band,since,explanation\nIT manager,"),
        "{csv}"
    );
    l.refused(&["bench", "--team", "Nowhere"], &["invalid team 'Nowhere'"]);
    let out = l.ok(&["bench"]).stdout;
    assert!(
        out.contains("Bench strength (1 person has asked to be considered)"),
        "{out}"
    );
    // The middle group holds the 6-12 months band too: not "1-2 years".
    assert!(out.contains("Within 2 years"), "{out}");
    // Each candidate's band within the group, beside the percentage.
    let band = bench["roles"][0]["teams"][0]
        .as_object()
        .and_then(|t| {
            ["ready_now", "one_to_two_years", "later"]
                .iter()
                .find_map(|g| t.get(*g)?.as_array()?.first()?.get("band")?.as_str())
        })
        .expect("the candidate's band")
        .to_owned();
    let label = leap_core::readiness::Band::parse("band", &band)
        .expect("a band")
        .label();
    assert!(out.contains(&format!("%, {label}")), "{out}");
    // Withdrawn: off the bench.
    l.ok(&["bench", "withdraw", "it-manager"]);
    assert_eq!(l.json(&["bench"])["candidates"], 0);
}

/// `leap team`: the Team page for the manager whose account the local
/// profile is linked to; refused, changing nothing, for a profile that
/// manages no one.
#[test]
fn a_manager_sees_their_team_on_the_command_line() {
    let l = Leap::with_profile();
    l.refused(&["team"], &["your profile has no account"]);
    let add = l.run_with(
        &[("LEAP_PASSWORD", "correct horse battery staple")],
        &["user", "add", "joanne@example.org", "--link-local"],
    );
    assert_eq!(add.code, 0, "{}", add.stderr);
    l.refused(&["team"], &["no one reports to joanne@example.org"]);
    // Nine generated people (numbered after Joanne's account); Joanne
    // manages the first of them, who leads the other eight.
    l.ok(&[
        "demo",
        "--people",
        "9",
        "--seed",
        "3",
        "--entries-per-person",
        "2",
    ]);
    l.ok(&["org", "set", "joanne@example.org", "--name", "Joanne Park"]);
    let members = l.json(&["org", "list"]);
    let top = members
        .as_array()
        .and_then(|m| m.iter().find(|p| p["email"] == "person000002@example.org"))
        .cloned()
        .expect("the first generated person");
    let name = top["name"].as_str().expect("name").to_owned();
    l.ok(&[
        "org",
        "set",
        "person000002@example.org",
        "--name",
        &name,
        "--manager",
        "joanne@example.org",
    ]);
    let team = l.json(&["team"]);
    let people = team["people"].as_array().expect("people");
    assert_eq!(people.len(), 9, "{team}");
    assert_eq!(
        (people[0]["name"].as_str(), people[0]["depth"].as_u64()),
        (Some(name.as_str()), Some(1))
    );
    let sharing = team["sharing_assessments"].as_u64().unwrap_or(0);
    assert!(sharing >= 3, "{team}");
    assert_eq!(team["summary"]["people"].as_u64(), Some(sharing));
    let out = l.ok(&["team"]).stdout;
    assert!(
        out.contains("Your team: 9 people") && out.contains(&name),
        "{out}"
    );
    assert!(
        out.contains(&format!("Over the {sharing} who share their assessments")),
        "{out}"
    );

    // Joanne rates her direct report, and no one else.
    let rated = l.ok(&[
        "team",
        "rate",
        "person000002@example.org",
        "--level",
        "communication=1",
    ]);
    assert!(
        rated
            .stdout
            .starts_with(&format!("Rated {name} on 1 competencies")),
        "{}",
        rated.stdout
    );
    l.refused(
        &[
            "team",
            "rate",
            "person000002@example.org",
            "--level",
            "communication=9",
        ],
        &["invalid level for 'communication' '9'"],
    );
    let other = l.run(&[
        "team",
        "rate",
        "person000003@example.org",
        "--level",
        "communication=1",
    ]);
    assert_ne!(other.code, 0, "not her direct report: {}", other.stdout);
    assert!(other.stderr.contains("not found"), "{}", other.stderr);
    // A one-to-one: started, added to, read back; only hers are listed.
    let started = l.json(&[
        "one-to-ones",
        "start",
        "person000002@example.org",
        "--on",
        "2026-11-20",
    ]);
    let id = started["id"].as_i64().expect("its id").to_string();
    l.ok(&["one-to-ones", "add", &id, "The budget workshop"]);
    l.ok(&[
        "one-to-ones",
        "add",
        &id,
        "Agreed to shadow the Q3 review",
        "--note",
    ]);
    let shown = l.ok(&["one-to-ones", "show", &id]).stdout;
    assert!(
        shown.contains(&format!(
            "One-to-one of 2026-11-20: {name} with Joanne Park"
        )),
        "{shown}"
    );
    assert!(
        shown.contains("Item (Joanne Park): The budget workshop"),
        "{shown}"
    );
    assert!(
        shown.contains("Note (Joanne Park): Agreed to shadow the Q3 review"),
        "{shown}"
    );
    let list = l.json(&["one-to-ones"]);
    assert_eq!(
        list["one_to_ones"].as_array().map(Vec::len),
        Some(1),
        "{list}"
    );
    let theirs = l.run(&["one-to-ones", "show", "1"]);
    assert_ne!(
        theirs.code, 0,
        "another pair's one-to-one: {}",
        theirs.stdout
    );
}

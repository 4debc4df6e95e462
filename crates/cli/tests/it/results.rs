//! The commands that change something print what they did as JSON with
//! `--json`, in the shapes the README gives.

use crate::{Leap, TODAY};

fn json_of(out: &crate::Out) -> serde_json::Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", out.stdout, out.stderr))
}

#[test]
fn changes_print_what_they_did_as_json() {
    let l = Leap::new();
    let s = l.json(&[
        "init",
        "--name",
        "Jo Reid",
        "--current",
        "senior-admin",
        "--target",
        "it-manager",
    ]);
    assert_eq!(
        (s["name"].as_str(), s["target"].as_str()),
        (Some("Jo Reid"), Some("it-manager"))
    );
    assert!(s["readiness"].is_null(), "no assessment yet: {s}");

    let levels = l.file(
        "levels.toml",
        "[levels]\ntechnical-excellence = 4\nservice-operations = 4\nproject-management = 3\nleadership-delegation = 2\ndeveloping-staff = 2\nconflict-emotional-intelligence = 3\nbusiness-acumen = 2\nbudgeting-funding = 1\nstrategy-roadmap = 2\ncompliance-risk = 3\nresource-planning = 2\ncommunication = 3\nrelationships-networking = 2\norganisational-savvy = 2\n",
    );
    let a = l.json(&["assess", "--answers", Leap::path_str(&levels)]);
    assert_eq!(
        (
            a["date"].as_str(),
            a["levels"]["budgeting-funding"].as_u64()
        ),
        (Some(TODAY), Some(1))
    );
    assert_eq!(a["carried_over"], serde_json::json!([]));

    let s = l.json(&["target", "it-director"]);
    assert_eq!(s["target"], "it-director");
    assert!(s["readiness"].is_number(), "{s}");

    let ward = l.file(
        "ward.toml",
        include_str!("../../../../docs/examples/ward-leadership.toml"),
    );
    let v = l.json(&["framework", "validate", Leap::path_str(&ward)]);
    assert_eq!(
        (v["valid"].as_bool(), v["id"].as_str()),
        (Some(true), Some("ward-leadership"))
    );
    assert!(
        v["roles"]
            .as_array()
            .is_some_and(|r| r.contains(&"ward-manager".into())),
        "{v}"
    );

    let e = l.json(&["checkin", "every", "14"]);
    assert_eq!(e["every_days"], 14);

    let made = l.json(&[
        "feedback",
        "request",
        "--rater",
        "peer:Kim",
        "--closes",
        "2026-12-10",
    ]);
    let id = made["id"].as_i64().expect("id").to_string();
    let m = l.json(&["feedback", "minimums", &id, "--min-peer", "4"]);
    assert_eq!(m["minimums"]["peer"], 4);
    let c = l.json(&["feedback", "close", &id]);
    assert_eq!(
        (c["open"].as_bool(), c["closed_on"].as_str()),
        (Some(false), Some(TODAY))
    );

    let backup = l.dir.path().join("copy.db");
    let b = l.json(&["backup", Leap::path_str(&backup)]);
    assert!(b["bytes"].as_u64().is_some_and(|n| n > 0), "{b}");

    let export = l.dir.path().join("export.json");
    l.ok(&["export", "--out", Leap::path_str(&export)]);
    let other = Leap::new();
    let i = other.json(&["import", Leap::path_str(&export)]);
    assert_eq!(
        (i["name"].as_str(), i["counts"]["assessments"].as_u64()),
        (Some("Jo Reid"), Some(1))
    );

    let pw = [("LEAP_PASSWORD", "correct horse battery staple")];
    // The first account, the administrator who stays.
    assert_eq!(l.run_with(&pw, &["user", "add", "root"]).code, 0);
    let add = ["user", "add", "sam", "--admin", "--json"];
    let u = json_of(&l.run_with(&pw, &add));
    assert_eq!(
        (u["username"].as_str(), u["admin"].as_bool()),
        (Some("sam"), Some(true))
    );
    let u = l.json(&["user", "disable", "sam"]);
    assert_eq!(u["disabled"], true);
    let u = l.json(&["user", "enable", "sam"]);
    assert_eq!(u["disabled"], false);
    let u = l.json(&["user", "admin", "sam", "--remove"]);
    assert_eq!(u["admin"], false);
    let u = json_of(&l.run_with(&pw, &["user", "set-password", "sam", "--json"]));
    assert_eq!(u["username"], "sam");
    let d = l.json(&["user", "delete", "sam", "--yes"]);
    assert_eq!(d["deleted"], "sam");
}

#[test]
fn restore_and_the_demo_say_what_they_made_as_json() {
    let l = Leap::new();
    let s = l.json(&["demo"]);
    assert_eq!(s["name"], "Jo Demo");
    assert!(s["readiness"].is_number(), "{s}");
    // The demo fills every page: openings (one lost, with a debrief), a
    // network with a follow-up due, check-ins on schedule.
    let opps = l.json(&["opp", "list"]);
    assert_eq!(
        opps["opportunities"].as_array().map(Vec::len),
        Some(2),
        "{opps}"
    );
    assert_eq!(opps["summary"]["debriefs"], 1, "{opps}");
    let contacts = l.json(&["contact", "list"]);
    assert_eq!(contacts["contacts"].as_array().map(Vec::len), Some(3));
    assert_eq!(contacts["contacts"][0]["follow_up_due"], true, "{contacts}");
    let checkins = l.json(&["checkin", "history"]);
    assert_eq!(checkins["checkins"].as_array().map(Vec::len), Some(2));
    assert!(
        checkins["next_due"].as_str().is_some_and(|d| d > TODAY),
        "the next check-in is ahead: {checkins}"
    );
    let backup = l.dir.path().join("demo.db");
    l.ok(&["backup", Leap::path_str(&backup)]);

    let fresh = Leap::new();
    let r = fresh.json(&["restore", Leap::path_str(&backup)]);
    assert!(
        r["file"].as_str().is_some_and(|f| f.ends_with("demo.db")),
        "{r}"
    );
    assert_eq!(fresh.json(&["status"])["name"], "Jo Demo");
}

//! `leap feedback`: requests from the command line, invitations through a
//! real SMTP server on loopback (started by the test command), answers
//! through `leap serve`, and results that keep small groups out.

use std::path::PathBuf;

use serde_json::Value;

use crate::web::csrf;
use crate::{Leap, Server};

/// The loopback SMTP server and the Maildir it delivers to, from the test
/// command; `None` (and a note) outside CI when it did not start one.
fn smtp() -> Option<(String, PathBuf)> {
    match (
        std::env::var("LEAP_TEST_SMTP"),
        std::env::var("LEAP_TEST_MAILDIR"),
    ) {
        (Ok(addr), Ok(dir)) => Some((addr, PathBuf::from(dir))),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the e-mail tests: scripts/test.sh starts an SMTP server"
            );
            eprintln!("SKIPPED e-mail test: run scripts/test.sh, which starts an SMTP server");
            None
        }
    }
}

/// The messages delivered to `address`, with quoted-printable soft line
/// breaks undone.
fn mail_to(maildir: &std::path::Path, address: &str) -> Vec<String> {
    let mut found = Vec::new();
    for sub in ["new", "cur"] {
        let Ok(entries) = std::fs::read_dir(maildir.join(sub)) else {
            continue;
        };
        for e in entries.flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            let text = text
                .replace("=\r\n", "")
                .replace("=\n", "")
                .replace("=3D", "=");
            if text
                .lines()
                .any(|l| l.to_ascii_lowercase().starts_with("to:") && l.contains(address))
            {
                found.push(text);
            }
        }
    }
    found
}

fn unique(l: &Leap) -> String {
    l.dir
        .path()
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("x")
        .trim_start_matches('.')
        .to_ascii_lowercase()
}

#[test]
fn invitations_go_out_by_email_with_each_raters_own_link() {
    let Some((addr, maildir)) = smtp() else {
        return;
    };
    let l = Leap::assessed();
    let u = unique(&l);
    let (ann, sam) = (
        format!("ann-{u}@example.com"),
        format!("sam-{u}@example.com"),
    );
    let smtp_url = format!("smtp://{addr}");
    let env = [
        ("LEAP_SMTP_URL", smtp_url.as_str()),
        ("LEAP_MAIL_FROM", "leap <leap@example.com>"),
        ("LEAP_PUBLIC_URL", "https://leap.example.com/"),
    ];
    let out = l.run_with(
        &env,
        &[
            "feedback",
            "request",
            "--rater",
            &format!("manager:Ann Lee <{ann}>"),
            "--rater",
            &format!("peer:Sam Okafor <{sam}>"),
            "--rater",
            "peer:Kim",
            "--closes",
            "2026-12-10",
            "--competency",
            "communication",
            "--json",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = out.json();
    let links = v["links"].as_array().cloned().unwrap_or_default();
    assert_eq!(links.len(), 3);
    assert_eq!(
        links
            .iter()
            .map(|x| x["mailed"].clone())
            .collect::<Vec<_>>(),
        [Value::Bool(true), Value::Bool(true), Value::Bool(false)]
    );
    let url = |i: usize| links[i]["url"].as_str().unwrap_or("").to_owned();
    assert!(
        url(0).starts_with("https://leap.example.com/feedback/answer/"),
        "{}",
        url(0)
    );

    let to_ann = mail_to(&maildir, &ann);
    assert_eq!(to_ann.len(), 1, "one invitation to the manager");
    assert!(to_ann[0].contains(&url(0)), "her own link: {}", to_ann[0]);
    assert!(!to_ann[0].contains(&url(1)), "not another rater's link");
    assert!(to_ann[0].contains("not anonymous"));
    assert!(to_ann[0].contains("Joanne asks for your feedback"));
    let to_sam = mail_to(&maildir, &sam);
    assert_eq!(to_sam.len(), 1);
    assert!(to_sam[0].contains(&url(1)));
    assert!(to_sam[0].contains("Your answers are anonymous"));

    let list = l.json(&["feedback", "list"]);
    let invited: Vec<Value> = list[0]["raters"]
        .as_array()
        .map(|r| r.iter().map(|x| x["invited"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(
        invited,
        [Value::Bool(true), Value::Bool(true), Value::Bool(false)]
    );
}

#[test]
fn a_mail_server_that_cannot_be_reached_leaves_links_to_copy() {
    let l = Leap::assessed();
    // Port 9 (discard) on loopback: nothing listens there.
    let out = l.run_with(
        &[
            ("LEAP_SMTP_URL", "smtp://127.0.0.1:9"),
            ("LEAP_MAIL_FROM", "leap@example.com"),
        ],
        &[
            "feedback",
            "request",
            "--rater",
            "peer:Sam <sam@example.com>",
            "--closes",
            "2026-12-10",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("not e-mailed"), "{}", out.stdout);
    assert!(out
        .stdout
        .contains("http://127.0.0.1:7878/feedback/answer/"));
    assert_eq!(
        l.json(&["feedback", "list"])[0]["raters"][0]["invited"],
        false
    );
}

#[test]
fn bad_mail_settings_and_requests_are_refused_naming_the_field() {
    let l = Leap::assessed();
    let request = [
        "feedback",
        "request",
        "--rater",
        "peer:Sam",
        "--closes",
        "2026-12-10",
    ];
    for (env, expected) in [
        (
            vec![
                ("LEAP_SMTP_URL", "smtp://leap:s3cret@mail.example.com:25"),
                ("LEAP_MAIL_FROM", "leap@example.com"),
            ],
            "invalid smtp-url 'smtp://leap:****@mail.example.com:25': TLS",
        ),
        (
            vec![("LEAP_SMTP_URL", "smtps://mail.example.com")],
            "--smtp-url needs --mail-from",
        ),
        (
            vec![
                ("LEAP_SMTP_URL", "smtps://mail.example.com"),
                ("LEAP_MAIL_FROM", "not an address"),
            ],
            "invalid mail-from 'not an address'",
        ),
        (
            vec![("LEAP_PUBLIC_URL", "leap.example.com")],
            "invalid public-url 'leap.example.com'",
        ),
    ] {
        let out = l.run_with(&env, &request);
        assert_eq!(out.code, 2, "{env:?}: {}", out.stderr);
        assert!(out.stderr.contains(expected), "{env:?}: {}", out.stderr);
        assert!(
            !out.stderr.contains("s3cret"),
            "the password is never shown"
        );
    }
    l.refused(
        &[
            "feedback",
            "request",
            "--rater",
            "boss:Ann",
            "--closes",
            "2026-11-20",
            "--min-peer",
            "2",
            "--competency",
            "nope",
        ],
        &[
            "invalid competency 'nope'",
            "invalid rater group 'boss'",
            "invalid closing date '2026-11-20'",
            "invalid minimum for peer '2'",
        ],
    );
    assert_eq!(l.json(&["feedback", "list"]), Value::Array(vec![]));
    l.refused(
        &["feedback", "results"],
        &["no closed feedback request yet"],
    );
    l.refused(
        &["feedback", "close", "99"],
        &["feedback request 99 not found"],
    );
}

/// Answers a rater's link on a running server: every competency at
/// `level`, with a comment.
fn answer(link: &str, level: &str, comment: &str) {
    let client = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let page = client
        .get(link)
        .send()
        .and_then(|r| r.text())
        .expect("form");
    let mut fields = vec![("csrf".to_owned(), csrf(&page))];
    for name in page.split("name=\"rating.").skip(1) {
        let id = name.split('"').next().unwrap_or("").to_owned();
        if !fields.iter().any(|(k, _)| k == &format!("rating.{id}")) {
            fields.push((format!("rating.{id}"), level.to_owned()));
            fields.push((format!("comment.{id}"), comment.to_owned()));
        }
    }
    let r = client.post(link).form(&fields).send().expect("answer");
    assert_eq!(r.status(), reqwest::StatusCode::OK);
}

#[test]
fn results_by_the_command_line_after_answers_on_the_web() {
    let l = Leap::assessed();
    let server = Server::start(&l);
    let v = {
        let out = l.run_with(
            &[("LEAP_PUBLIC_URL", server.url.as_str())],
            &[
                "feedback",
                "request",
                "--rater",
                "manager:Ann",
                "--rater",
                "peer:P1",
                "--rater",
                "peer:P2",
                "--closes",
                "2026-12-10",
                "--competency",
                "communication",
                "--competency",
                "budgeting-funding",
                "--json",
            ],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.json()
    };
    let id = v["id"].as_i64().expect("id").to_string();
    let link = |i: usize| v["links"][i]["url"].as_str().unwrap_or("").to_owned();
    answer(&link(0), "5", "Manager's view");
    answer(&link(1), "1", "peer secret one");
    answer(&link(2), "1", "peer secret two");

    let status = l.json(&["feedback", "status", &id]);
    assert_eq!(status["groups"][0]["answered"], 1);
    assert_eq!(status["groups"][1]["answered"], 2);
    let human = l.ok(&["feedback", "status"]);
    assert!(human.stdout.contains("never shows who answered"));
    l.refused(&["feedback", "results", &id], &["shown once it closes"]);

    l.ok(&["feedback", "close", &id]);
    let r = l.json(&["feedback", "results"]);
    assert_eq!(r["id"].as_i64().map(|x| x.to_string()), Some(id.clone()));
    let text = r.to_string();
    assert!(!text.contains("peer secret"), "2 peers < 3: {text}");
    let comm = r["competencies"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["id"] == "communication"))
        .cloned()
        .expect("communication");
    assert_eq!(comm["groups"][0]["group"], "manager");
    assert_eq!(comm["others"]["raters"], 1, "the peers are not folded in");
    assert_eq!(comm["self"], 3);
    let human = l.ok(&["feedback", "results"]);
    assert!(human.stdout.contains("Manager's view"), "{}", human.stdout);
    assert!(!human.stdout.contains("peer secret"));

    // Readiness: self 3 and manager 5 give 4, shown as from both.
    let gap = l.json(&["gap"]);
    let c = gap["competencies"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["id"] == "communication"))
        .cloned()
        .expect("communication");
    assert_eq!(
        (c["current"].clone(), c["source"].clone()),
        (4.into(), "self+manager".into())
    );
    assert!(l.ok(&["gap"]).stdout.contains("self+manager"));
    l.refused(
        &["feedback", "close", &id],
        &["closed on 2026-11-24 already"],
    );
    server.kill();
}

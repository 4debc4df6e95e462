//! `leap demo`, `leap user` and `leap serve`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

use crate::Leap;

#[test]
fn demo_fills_an_empty_database_only() {
    let l = Leap::new();
    let out = l.ok(&["demo"]);
    assert!(out.stdout.contains("Demo person created"), "{}", out.stdout);
    let s = l.json(&["status"]);
    assert_eq!(s["name"], "Jo Demo");
    assert!(s["readiness"].as_f64().is_some_and(|r| r > 0.5));
    assert_eq!(
        l.json(&["assess", "history"])["assessments"]
            .as_array()
            .map(Vec::len),
        Some(4)
    );
    assert!(l.json(&["journal"])["entries"]
        .as_array()
        .is_some_and(|e| e.len() >= 10));
    assert!(l.json(&["plan"])["items"]
        .as_array()
        .is_some_and(|i| i.iter().any(|x| x["status"] == "done")));
    l.refused(&["demo"], &["has a profile already", "--db"]);
}

fn with_password(l: &Leap, password: &str, args: &[&str]) -> crate::Out {
    l.run_with(&[("LEAP_PASSWORD", password)], args)
}

#[test]
fn user_accounts_from_the_command_line() {
    let l = Leap::with_profile();
    let out = with_password(
        &l,
        "correct horse battery staple",
        &["user", "add", "joanne", "--link-local"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("with the command line's profile"),
        "{}",
        out.stdout
    );
    let list = l.json(&["user", "list"]);
    assert_eq!(list["accounts"][0]["username"], "joanne");
    assert_eq!(list["accounts"][0]["has_profile"], true);
    assert_eq!(
        list["accounts"][0]["admin"], true,
        "the first account is the administrator"
    );

    let weak = with_password(&l, "password1", &["user", "add", "sam"]);
    assert_eq!(weak.code, 2);
    assert!(
        weak.stderr.contains("most common passwords"),
        "{}",
        weak.stderr
    );
    let short = with_password(&l, "short", &["user", "add", "sam"]);
    assert!(
        short.stderr.contains("8 to 128 characters"),
        "{}",
        short.stderr
    );
    let taken = with_password(&l, "another good passphrase", &["user", "add", "joanne"]);
    assert_eq!(taken.code, 2);
    assert!(taken.stderr.contains("the username is taken"));
    let bad = with_password(
        &l,
        "another good passphrase",
        &["user", "add", "no spaces please"],
    );
    assert!(
        bad.stderr.contains("invalid username 'no spaces please'"),
        "{}",
        bad.stderr
    );
    l.refused(&["user", "add", "sam"], &["LEAP_PASSWORD"]);

    assert_eq!(
        with_password(
            &l,
            "a new good passphrase",
            &["user", "set-password", "joanne"]
        )
        .code,
        0
    );
    // joanne is the first account, the only administrator: she stays one.
    l.refused(
        &["user", "disable", "joanne"],
        &["cannot disable joanne: the last administrator stays one"],
    );
    l.refused(
        &["user", "admin", "joanne", "--remove"],
        &["cannot take administrator rights from joanne"],
    );
    assert_eq!(
        with_password(&l, "a good passphrase for kim", &["user", "add", "kim"]).code,
        0
    );
    l.ok(&["user", "admin", "kim"]);
    l.ok(&["user", "disable", "joanne"]);
    assert_eq!(l.json(&["user", "list"])["accounts"][0]["disabled"], true);
    l.ok(&["user", "enable", "joanne"]);
    l.refused(
        &["user", "disable", "nobody"],
        &["invalid username 'nobody'"],
    );
    assert!(l.ok(&["user", "list"]).stdout.contains("joanne"));

    // How people sign in, from the server's command line.
    let s = l.json(&["user", "sign-in"]);
    assert_eq!(
        (
            s["local_passwords"].as_bool(),
            s["sso_registration"].as_bool()
        ),
        (Some(true), Some(false))
    );
    l.refused(
        &["user", "sign-in", "--local-passwords", "off"],
        &["turn local passwords off on the web's Accounts page"],
    );
    let s = l.json(&["user", "sign-in", "--sso-registration", "on"]);
    assert_eq!(s["sso_registration"], true);

    // What was done here is in the administrators' audit log.
    let log = l.json(&["user", "audit"]);
    let lines = log["lines"].as_array().expect("lines");
    for action in [
        "account.set-password",
        "account.make-admin",
        "account.disable",
        "account.enable",
        "settings.sign-in",
    ] {
        assert!(
            lines
                .iter()
                .any(|x| x["action"] == action && x["actor"] == "leap user (on the server)"),
            "{action}: {log}"
        );
    }
    assert!(l.ok(&["user", "audit"]).stdout.contains("account.disable"));

    // Single sign-on's options are checked before the server starts.
    l.refused(
        &["serve", "--oidc-issuer", "http://127.0.0.1:9/"],
        &["--oidc-issuer needs --oidc-client-id and --oidc-client-secret"],
    );
    l.refused(
        &[
            "serve",
            "--oidc-issuer",
            "not a url",
            "--oidc-client-id",
            "leap",
            "--oidc-client-secret",
            "s",
        ],
        &["invalid oidc-issuer 'not a url'"],
    );
    l.refused(
        &["serve", "--oidc-client-id", "leap"],
        &["need --oidc-issuer"],
    );
}

fn get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("read");
    out
}

#[test]
fn serve_answers_and_stops_gracefully_on_sigterm() {
    let l = Leap::new();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("leap"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .envs([l.db_env()])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the URL line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("an address")
        .to_owned();
    let health = get(&addr, "/healthz");
    assert!(
        health.starts_with("HTTP/1.1 200") && health.ends_with("ok"),
        "{health}"
    );
    let home = get(&addr, "/");
    assert!(home.contains("location: /setup"), "{home}");
    let stopped = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(stopped.success());
    let status = child.wait().expect("wait");
    assert!(
        status.success(),
        "leap serve exits cleanly on SIGTERM: {status}"
    );
    let fresh = Leap::new();
    fresh.refused(
        &["serve", "--addr", "localhost"],
        &["invalid addr 'localhost'"],
    );
    fresh.refused(
        &["serve", "--max-connections", "0"],
        &["invalid max-connections '0': a whole number from 1 to 100000"],
    );
    fresh.refused(
        &["serve", "--keep-alive", "86400"],
        &["invalid keep-alive '86400': a whole number from 1 to 3600"],
    );
    assert!(
        !fresh.database_created(),
        "no database is created for a refused command"
    );
}

/// `--log-format json`: every line of the log is one JSON object, for a
/// log collector.
#[test]
fn serve_logs_json_lines_when_asked() {
    let l = Leap::new();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("leap"))
        .args(["serve", "--addr", "127.0.0.1:0", "--log-format", "json"])
        .envs([l.db_env()])
        .env("RUST_LOG", "info,sqlx=warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start");
    let mut line = String::new();
    BufReader::new(child.stderr.take().expect("stderr"))
        .read_line(&mut line)
        .expect("the first log line");
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    let event: serde_json::Value =
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
    assert_eq!(event["message"], "listening", "{line}");
    assert_eq!(event["level"], "INFO", "{line}");
    assert!(event["timestamp"].is_string(), "{line}");
    l.refused(
        &["serve", "--log-format", "xml"],
        &["invalid value 'xml'", "text, json"],
    );
}

#[test]
fn a_synthetic_organisation_is_deterministic() {
    let a = Leap::new();
    let b = Leap::new();
    for l in [&a, &b] {
        let out = l.ok(&[
            "demo",
            "--people",
            "40",
            "--seed",
            "7",
            "--entries-per-person",
            "5",
        ]);
        assert!(out.stdout.contains("Generated 40 people (accounts person000001@example.org to person000040@example.org, 5 journal entries each)"), "{}", out.stdout);
        assert!(
            out.stdout.contains("person000001@example.org (CIO"),
            "{}",
            out.stdout
        );
    }
    let users = |l: &Leap| l.json(&["user", "list"]);
    assert_eq!(users(&a), users(&b), "the same seed, the same organisation");
    let list = users(&a);
    let accounts = list["accounts"].as_array().expect("accounts");
    assert_eq!(accounts.len(), 40);
    assert!(accounts.iter().all(|x| x["has_profile"] == true));
    // About two in three have a closed 360 request whose results show, and
    // which readiness takes in.
    let server = crate::Server::start(&a);
    let client = reqwest::blocking::Client::new();
    let get = |token: &str, path: &str| -> serde_json::Value {
        client
            .get(format!("{}{path}", server.url))
            .bearer_auth(token)
            .send()
            .and_then(|r| r.json())
            .expect("API")
    };
    let mut with_feedback = 0;
    for n in 1..=6 {
        let token = a
            .ok(&["user", "token", &format!("person{n:06}@example.org")])
            .stdout;
        let token = token.trim();
        let list = get(token, "/api/v1/feedback");
        let Some(request) = list.as_array().and_then(|l| l.first()) else {
            continue;
        };
        with_feedback += 1;
        assert_eq!(request["open"], false);
        let results = get(
            token,
            &format!("/api/v1/feedback/{}/results", request["id"]),
        );
        let rows = results["competencies"].as_array().expect("results");
        assert!(
            rows.iter().any(|c| c["groups"][0]["group"] == "manager"),
            "{results}"
        );
        let gap = get(token, "/api/v1/gap");
        assert!(
            gap["competencies"].as_array().is_some_and(|c| c
                .iter()
                .any(|c| c["source"].as_str().is_some_and(|s| s.contains('+')))),
            "{gap}"
        );
    }
    assert!((2..=6).contains(&with_feedback), "{with_feedback} of 6");
    // Everyone has contacts; those aiming at management, opportunities
    // whose debriefs feed their gaps; all of it on their agenda's terms.
    let (mut opportunities, mut debriefs) = (0, 0);
    for n in 1..=40 {
        let token = a
            .ok(&["user", "token", &format!("person{n:06}@example.org")])
            .stdout;
        let token = token.trim();
        let contacts = get(token, "/api/v1/contacts");
        assert!(
            contacts["contacts"]
                .as_array()
                .is_some_and(|c| !c.is_empty()),
            "{contacts}"
        );
        let opps = get(token, "/api/v1/opportunities");
        opportunities += opps["opportunities"].as_array().map_or(0, Vec::len);
        debriefs += opps["summary"]["debriefs"].as_u64().unwrap_or(0);
        let agenda = get(token, "/api/v1/agenda");
        assert!(agenda["items"].is_array(), "{agenda}");
    }
    assert!(
        opportunities > 5 && debriefs > 0,
        "{opportunities} opportunities, {debriefs} debriefs"
    );
    // They are in one reporting line: the first person's team view holds
    // everyone, the bench the people who asked, and a report's
    // one-to-ones are there.
    let org = a.json(&["org", "list"]);
    let people = org.as_array().expect("people");
    assert_eq!(people.len(), 40);
    assert_eq!(
        people.iter().filter(|p| p["manager"].is_null()).count(),
        1,
        "one person at the top"
    );
    let cio = a.ok(&["user", "token", "person000001@example.org"]).stdout;
    let team = get(cio.trim(), "/api/v1/team");
    assert_eq!(team["people"].as_array().map(Vec::len), Some(39), "{team}");
    let bench = get(cio.trim(), "/api/v1/bench");
    assert!(
        bench["candidates"].as_u64().is_some_and(|n| n > 0),
        "{bench}"
    );
    // The CIO's direct reports have had one-to-ones with them.
    let meetings = get(cio.trim(), "/api/v1/one-to-ones");
    assert!(
        meetings["one_to_ones"]
            .as_array()
            .is_some_and(|m| !m.is_empty()),
        "{meetings}"
    );
    server.kill();
    // More people are numbered after the first ones.
    let out = a.ok(&[
        "demo",
        "--people",
        "2",
        "--seed",
        "8",
        "--entries-per-person",
        "0",
    ]);
    assert!(
        out.stdout
            .contains("person000041@example.org to person000042@example.org"),
        "{}",
        out.stdout
    );
    let fresh = Leap::new();
    fresh.refused(
        &["demo", "--people", "0"],
        &["invalid people '0': a whole number from 1 to 1000000"],
    );
    fresh.refused(
        &["demo", "--people", "5", "--entries-per-person", "5000"],
        &["invalid entries-per-person '5000'"],
    );
    assert!(!fresh.database_created());
}

/// The CSRF token in a page's forms.
pub fn csrf(body: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    body.find(marker)
        .map(|i| &body[i + marker.len()..])
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

/// Two `leap serve` processes on one database, as behind a load balancer:
/// a session begun on one works on the other and ends on both, failed
/// logins count across both, and a token made on one works on the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_database_share_sessions_throttling_and_tokens() {
    const PASSWORD: &str = "correct horse battery staple";
    let l = Leap::with_profile();
    assert_eq!(
        with_password(&l, PASSWORD, &["user", "add", "joanne", "--link-local"]).code,
        0
    );
    assert_eq!(
        with_password(&l, PASSWORD, &["user", "add", "mallory"]).code,
        0
    );
    let (a, b) = (crate::Server::start(&l), crate::Server::start(&l));
    // Cookies go to every port of a host, as they would through one
    // load-balanced name.
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let get = |url: String| {
        let c = browser.clone();
        async move {
            let r = c.get(url).send().await.expect("GET");
            (r.status(), r.text().await.expect("body"))
        }
    };

    let (_, login) = get(format!("{}/login", a.url)).await;
    let r = browser
        .post(format!("{}/login", a.url))
        .form(&[
            ("csrf", csrf(&login).as_str()),
            ("username", "joanne"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("login on A");
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    let (status, home) = get(format!("{}/", b.url)).await;
    assert_eq!(status, reqwest::StatusCode::OK, "B knows A's session");
    assert!(home.contains("Sign out"), "{home}");

    // What one server changes, the other sees: on SQLite at once, on
    // PostgreSQL when the change notice arrives, milliseconds later. A
    // page is fetched again until it shows, for at most 10 s.
    let eventually =
        |url: String, what: &'static str, seen: fn(reqwest::StatusCode, &str) -> bool| async move {
            let mut last = String::new();
            for _ in 0..500 {
                let (status, body) = get(url.clone()).await;
                if seen(status, &body) {
                    return;
                }
                last = body;
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            panic!("{url} never showed {what}: {last}");
        };

    // A write on B shows on A's dashboard (A derives the dashboard again
    // when the person's revision has moved, whoever moved it).
    let (_, before) = get(format!("{}/", a.url)).await;
    assert!(!before.contains("Chaired the vendor review"), "{before}");
    let r = browser
        .post(format!("{}/api/v1/journal", b.url))
        .json(&serde_json::json!({"text": "Chaired the vendor review"}))
        .send()
        .await
        .expect("journal on B");
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);
    eventually(format!("{}/", a.url), "the new entry", |_, body| {
        body.contains("Chaired the vendor review")
    })
    .await;

    // Signing out on B ends the session on A too.
    let r = browser
        .post(format!("{}/logout", b.url))
        .form(&[("csrf", csrf(&home).as_str())])
        .send()
        .await
        .expect("logout on B");
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER);
    eventually(
        format!("{}/", a.url),
        "a redirect to /login",
        |status, _| status == reqwest::StatusCode::SEE_OTHER,
    )
    .await;

    // Five failures on A, the sixth attempt is refused on B.
    let stranger = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    for (i, server) in [&a, &a, &a, &a, &a, &b].iter().enumerate() {
        let page = stranger
            .get(format!("{}/login", server.url))
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("body");
        let r = stranger
            .post(format!("{}/login", server.url))
            .form(&[
                ("csrf", csrf(&page).as_str()),
                ("username", "mallory"),
                ("password", "not the password"),
            ])
            .send()
            .await
            .expect("POST");
        let expected = if i < 5 {
            reqwest::StatusCode::UNAUTHORIZED
        } else {
            reqwest::StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(r.status(), expected, "attempt {} on {}", i + 1, server.url);
    }

    // A token made while both run works on both.
    let token = with_password(&l, PASSWORD, &["user", "token", "joanne"]);
    assert_eq!(token.code, 0, "{}", token.stderr);
    for server in [&a, &b] {
        let r = reqwest::Client::new()
            .get(format!("{}/api/v1/status", server.url))
            .bearer_auth(token.stdout.trim())
            .send()
            .await
            .expect("API");
        assert_eq!(r.status(), reqwest::StatusCode::OK);
    }
    a.kill();
    b.kill();
}

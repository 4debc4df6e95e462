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
    let out = assert_cmd::Command::cargo_bin("leap")
        .expect("binary")
        .args(args)
        .envs([l.db_env()])
        .env("LEAP_PASSWORD", password)
        .output()
        .expect("run");
    crate::Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
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
    l.ok(&["user", "disable", "joanne"]);
    assert_eq!(l.json(&["user", "list"])["accounts"][0]["disabled"], true);
    l.ok(&["user", "enable", "joanne"]);
    l.refused(
        &["user", "disable", "nobody"],
        &["invalid username 'nobody'"],
    );
    assert!(l.ok(&["user", "list"]).stdout.contains("joanne"));
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
    assert!(
        !fresh.database_created(),
        "no database is created for a refused command"
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
        assert!(out.stdout.contains("Generated 40 people (accounts person000001 to person000040, 5 journal entries each)"), "{}", out.stdout);
    }
    let users = |l: &Leap| l.json(&["user", "list"]);
    assert_eq!(users(&a), users(&b), "the same seed, the same organisation");
    let list = users(&a);
    let accounts = list["accounts"].as_array().expect("accounts");
    assert_eq!(accounts.len(), 40);
    assert!(accounts.iter().all(|x| x["has_profile"] == true));
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
        out.stdout.contains("person000041 to person000042"),
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

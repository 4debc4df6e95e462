//! Integration tests for the `leap` binary: every command on a temporary
//! database. One test binary for the crate, with a module per area.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod assess_and_gap;
mod career;
mod config;
mod durability;
mod errors;
mod feedback;
mod fit;
mod framework;
mod human;
mod install;
mod interactive;
mod journal;
mod org;
mod other_framework;
mod plan;
mod process;
mod reports;
mod results;
mod transfer;
mod web;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use assert_cmd::Command;
use leap_store::{testing, Location};
use serde_json::Value;
use tempfile::TempDir;

pub const TODAY: &str = "2026-11-24";

/// A person's leap: a fresh database (an SQLite file, or a PostgreSQL
/// database with LEAP_TEST_BACKEND=postgres), a temporary folder for files,
/// and a fixed "today".
pub struct Leap {
    pub dir: TempDir,
    pub location: Location,
}

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    pub fn json(&self) -> Value {
        match serde_json::from_str(&self.stdout) {
            Ok(v) => v,
            Err(e) => panic!("not JSON ({e}):\n{}\nstderr: {}", self.stdout, self.stderr),
        }
    }
}

impl Default for Leap {
    fn default() -> Self {
        Self::new()
    }
}

impl Leap {
    pub fn new() -> Self {
        let dir = TempDir::new().expect("temp dir");
        let location =
            testing::fresh_blocking(&dir.path().join("leap.db")).expect("fresh database");
        Self { dir, location }
    }

    /// A profile on the built-in framework: senior admin aiming at IT manager.
    pub fn with_profile() -> Self {
        Self::with_profile_named("Joanne")
    }

    /// The same profile under another name.
    pub fn with_profile_named(name: &str) -> Self {
        let l = Self::new();
        l.ok(&[
            "init",
            "--current",
            "senior-admin",
            "--target",
            "it-manager",
            "--name",
            name,
        ]);
        l
    }

    /// A profile with one self-assessment of a typical senior administrator.
    pub fn assessed() -> Self {
        Self::assessed_named("Joanne")
    }

    /// The same assessed profile under another name.
    pub fn assessed_named(name: &str) -> Self {
        let l = Self::with_profile_named(name);
        let f = l.file("levels.toml", SENIOR_ADMIN);
        l.ok(&["assess", "--answers", f.to_str().expect("utf-8 path")]);
        l
    }

    /// The environment variable that points leap at this database.
    pub fn db_env(&self) -> (&'static str, String) {
        match &self.location {
            Location::Sqlite(path) => ("LEAP_DB", path.display().to_string()),
            Location::Postgres(url) => ("LEAP_DATABASE_URL", url.clone()),
        }
    }

    /// Whether leap has created its database (file or tables) yet.
    pub fn database_created(&self) -> bool {
        testing::block_on(leap_store::exists(&self.location)).expect("ask the database")
    }

    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).expect("write file");
        p
    }

    pub fn run_at(&self, today: &str, args: &[&str]) -> Out {
        self.run_with(&[("LEAP_TODAY", today)], args)
    }

    /// Runs leap on this database with more environment (`LEAP_TODAY`
    /// defaults to [`TODAY`]).
    pub fn run_with(&self, env: &[(&str, &str)], args: &[&str]) -> Out {
        let out = Command::cargo_bin("leap")
            .expect("binary")
            .args(args)
            .envs([self.db_env()])
            .env("LEAP_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .env_remove("XDG_DATA_HOME")
            // No one's own config file: a test writes its own there.
            .env("XDG_CONFIG_HOME", self.dir.path())
            .env_remove("LEAP_CONFIG")
            .env_remove("LEAP_SMTP_URL")
            .env_remove("LEAP_MAIL_FROM")
            .env_remove("LEAP_PUBLIC_URL")
            .envs(env.iter().copied())
            .output()
            .expect("run leap");
        Out {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn run(&self, args: &[&str]) -> Out {
        self.run_at(TODAY, args)
    }

    pub fn ok(&self, args: &[&str]) -> Out {
        let out = self.run(args);
        assert_eq!(
            out.code, 0,
            "leap {args:?} failed:\nstdout: {}\nstderr: {}",
            out.stdout, out.stderr
        );
        out
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let mut a = args.to_vec();
        a.push("--json");
        self.ok(&a).json()
    }

    /// Everything the person has, as JSON, to prove a failed command
    /// changed nothing.
    pub fn state(&self) -> String {
        if !self.database_created() {
            return "no database".to_owned();
        }
        let mut parts = Vec::new();
        for args in [
            vec!["assess", "history", "--json"],
            vec!["journal", "--json"],
            vec!["plan", "--json"],
            vec!["status", "--json"],
            vec!["opp", "list", "--json"],
            vec!["contact", "list", "--json"],
            vec!["checkin", "history", "--json"],
        ] {
            let out = self.run(&args);
            parts.push(format!("{}|{}", out.code, out.stdout));
        }
        parts.join("\n")
    }

    /// Runs a command that must fail with exit code 2, change nothing, and
    /// say each of `expected` in its error.
    pub fn refused(&self, args: &[&str], expected: &[&str]) -> Out {
        let before = self.state();
        let out = self.run(args);
        assert_eq!(
            out.code, 2,
            "leap {args:?} should be refused:\nstdout: {}\nstderr: {}",
            out.stdout, out.stderr
        );
        for e in expected {
            assert!(
                out.stderr.contains(e),
                "leap {args:?}: stderr lacks {e:?}:\n{}",
                out.stderr
            );
        }
        assert_eq!(self.state(), before, "leap {args:?} changed the database");
        out
    }

    pub fn path_str(p: &Path) -> &str {
        p.to_str().expect("utf-8 path")
    }
}

pub const SENIOR_ADMIN: &str = "[levels]
technical-excellence = 4
service-operations = 4
project-management = 3
leadership-delegation = 2
developing-staff = 2
conflict-emotional-intelligence = 3
business-acumen = 2
budgeting-funding = 1
strategy-roadmap = 2
compliance-risk = 3
resource-planning = 2
communication = 3
relationships-networking = 2
organisational-savvy = 2
";

/// Every fit statement of the built-in framework, management ones at `m`
/// and technical ones at `t`.
pub fn fit_answers(m: u8, t: u8) -> String {
    let management = [
        "responsible-for-team",
        "less-hands-on",
        "planning-over-doing",
        "meetings-and-business",
        "grow-people",
        "money-and-politics",
        "handle-conflict",
        "business-impact",
    ];
    let technical = [
        "technical-work-is-the-joy",
        "keep-learning-hands-on",
        "promotion-not-fit",
        "go-to-expert",
        "miss-the-technology",
        "honoured-expert",
    ];
    let mut s = "[answers]\n".to_owned();
    for id in management {
        s.push_str(&format!("{id} = {m}\n"));
    }
    for id in technical {
        s.push_str(&format!("{id} = {t}\n"));
    }
    s
}

/// `leap serve` in its own process on a free port.
pub struct Server {
    child: Child,
    pub url: String,
}

impl Server {
    pub fn start(l: &Leap) -> Self {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("leap"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .envs([l.db_env()])
            .env("LEAP_TODAY", TODAY)
            .env("RUST_LOG", "error")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start leap serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the URL line");
        let url = line
            .split(" on ")
            .nth(1)
            .map(|u| u.trim().trim_end_matches('/').to_owned())
            .expect("a URL");
        Self { child, url }
    }

    pub fn kill(mut self) {
        // SIGKILL: no chance to flush or shut down.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

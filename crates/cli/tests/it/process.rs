//! leap as a Unix process: a reader that closes the pipe early, colour in
//! logs, and database files that are damaged or not there yet.

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Leap, TODAY};

/// leap on the SQLite file `db` alone, whatever the test backend.
fn on_file(db: &Path) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("leap"));
    c.arg("--db")
        .arg(db)
        .env("LEAP_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env_remove("LEAP_DATABASE_URL")
        .env_remove("LEAP_DB");
    c
}

/// Reads all `child` says on stderr, then waits for it (see
/// [`wait_at_most`]).
fn stderr_and_status(
    child: &mut std::process::Child,
    limit: Duration,
) -> (String, std::process::ExitStatus) {
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    (stderr, wait_at_most(child, limit))
}

/// Waits for `child`, failing the test (not hanging it) after `limit`.
fn wait_at_most(child: &mut std::process::Child, limit: Duration) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_reader_that_closes_the_pipe_ends_the_command_quietly() {
    let l = Leap::new();
    l.ok(&["demo"]);
    let builtin = l.dir.path().join("builtin.toml");
    std::fs::write(&builtin, l.ok(&["framework", "export"]).stdout).expect("write");
    let builtin = Leap::path_str(&builtin);
    for args in [
        vec!["framework", "show"],
        vec!["framework", "export"],
        vec!["framework", "validate", builtin],
        vec!["journal"],
        vec!["status"],
        vec!["export"],
        vec!["export", "ics"],
        vec!["assess", "history"],
        vec!["plan", "--json"],
        vec!["report", "packet", "--format", "md"],
        vec!["log", "Chaired the change board while the manager was away"],
    ] {
        // The reader is gone before leap writes a byte.
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("leap"))
            .args(&args)
            .envs([l.db_env()])
            .env("LEAP_TODAY", TODAY)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start leap");
        drop(child.stdout.take());
        let (stderr, status) = stderr_and_status(&mut child, Duration::from_secs(60));
        assert!(
            status.code() == Some(0) || status.signal() == Some(13),
            "leap {args:?} ended with {status:?}: {stderr}"
        );
        assert_eq!(stderr, "", "leap {args:?} said something on stderr");
    }
    // The write went through although nobody read what leap said of it.
    let journal = l.ok(&["journal"]).stdout;
    assert!(journal.contains("Chaired the change board"), "{journal}");
}

#[test]
fn a_damaged_database_file_is_named_at_once() {
    let dir = tempfile::TempDir::new().expect("dir");
    let junk = dir.path().join("notes.db");
    std::fs::write(&junk, "these are my meeting notes, not a database\n").expect("write");
    let short = dir.path().join("short.db");
    std::fs::write(&short, "SQLite").expect("write");
    // The right header, then garbage: damaged past its first bytes.
    let damaged = dir.path().join("damaged.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend((0..8192u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    std::fs::write(&damaged, bytes).expect("write");
    for file in [&junk, &short, &damaged] {
        let before = std::fs::read(file).expect("read");
        let mut child = on_file(file)
            .arg("status")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start leap");
        let (stderr, status) = stderr_and_status(&mut child, Duration::from_secs(10));
        assert_eq!(status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains(&file.display().to_string())
                && stderr.contains("is not a leap database, or it is damaged"),
            "{stderr}"
        );
        assert_eq!(
            stderr.matches("is not a leap database").count(),
            1,
            "said once: {stderr}"
        );
        assert_eq!(std::fs::read(file).expect("read"), before, "left as it was");
        assert!(!Path::new(&format!("{}-wal", file.display())).exists());
    }
}

#[test]
fn serve_logs_have_no_colour_codes_off_a_terminal() {
    let dir = tempfile::TempDir::new().expect("dir");
    let db = dir.path().join("leap.db");
    let log = dir.path().join("serve.log");
    let mut child = on_file(&db)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env_remove("NO_COLOR")
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).expect("log file"))
        .spawn()
        .expect("start leap serve");
    let start = Instant::now();
    let text = loop {
        let text = std::fs::read_to_string(&log).expect("read the log");
        if text.contains("listening") || start.elapsed() > Duration::from_secs(30) {
            break text;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let _ = child.kill();
    let _ = child.wait();
    assert!(text.contains("listening"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "colour codes in the log: {text:?}"
    );
}

#[test]
fn user_add_on_a_new_database_creates_it_and_a_refusal_leaves_no_file() {
    let dir = tempfile::TempDir::new().expect("dir");
    let db = dir.path().join("server.db");
    let out = on_file(&db).args(["user", "list"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no leap database at") && stderr.contains("leap user add NAME"),
        "{stderr}"
    );
    let out = on_file(&db)
        .args(["user", "add", "ana"])
        .env("LEAP_PASSWORD", "short")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(!db.exists(), "a refused command made the database");
    let out = on_file(&db)
        .args(["user", "add", "ana", "--admin"])
        .env("LEAP_PASSWORD", "correct horse battery staple")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let list = on_file(&db)
        .args(["user", "list", "--json"])
        .output()
        .expect("run");
    let list = String::from_utf8_lossy(&list.stdout);
    assert!(list.contains("\"ana\""), "{list}");
}

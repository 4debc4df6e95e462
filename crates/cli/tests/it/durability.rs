//! Backups, restores, and crash safety: every write that was acknowledged
//! survives a SIGKILL of the server.

use std::time::Duration;

use crate::{Leap, Out, Server};

/// Everything the person has, as the command line prints it.
fn everything(l: &Leap) -> Vec<String> {
    [
        vec!["status", "--json"],
        vec!["journal", "--json"],
        vec!["plan", "--json"],
        vec!["assess", "history", "--json"],
        vec!["gap", "--json"],
    ]
    .iter()
    .map(|args| l.ok(args).stdout)
    .collect()
}

fn run_with_db(l: &Leap, args: &[&str]) -> Out {
    l.run_with(&[("LEAP_PASSWORD", "correct horse battery staple")], args)
}

#[test]
fn backup_then_restore_gives_back_everything() {
    let l = Leap::new();
    l.ok(&["demo"]);
    let file = l.dir.path().join("backup.db");
    let out = l.ok(&["backup", Leap::path_str(&file)]);
    assert!(out.stdout.contains("Backed up"), "{}", out.stdout);
    l.refused(&["backup", Leap::path_str(&file)], &["exists already"]);

    let restored = Leap::new();
    let out = restored.ok(&["restore", Leap::path_str(&file)]);
    assert!(out.stdout.contains("Restored"), "{}", out.stdout);
    assert_eq!(everything(&restored), everything(&l));

    // Never over data, never from something that is not a backup.
    restored.refused(&["restore", Leap::path_str(&file)], &["holds data already"]);
    let junk = restored.file("junk.db", "this is not a database");
    let fresh = Leap::new();
    fresh.refused(
        &["restore", Leap::path_str(&junk)],
        &["is not a leap backup"],
    );
    fresh.refused(
        &["restore", "/nonexistent/backup.db"],
        &["invalid backup '/nonexistent/backup.db': no such file"],
    );
    assert!(!fresh.database_created());
}

/// A database with a profile linked to an account, and that account's token.
fn served_person(l: &Leap) -> String {
    l.ok(&[
        "init",
        "--current",
        "senior-admin",
        "--target",
        "it-manager",
    ]);
    assert_eq!(
        run_with_db(l, &["user", "add", "joanne", "--link-local"]).code,
        0
    );
    let out = run_with_db(l, &["user", "token", "joanne"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout.trim().to_owned()
}

async fn post_entry(client: &reqwest::Client, url: &str, token: &str, text: &str) -> bool {
    let r = client
        .post(format!("{url}/api/v1/journal"))
        .bearer_auth(token)
        .json(&serde_json::json!({"text": text, "competencies": ["communication"]}))
        .timeout(Duration::from_secs(2))
        .send()
        .await;
    matches!(r, Ok(r) if r.status() == reqwest::StatusCode::CREATED)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill() {
    let l = Leap::new();
    let token = served_person(&l);
    let client = reqwest::Client::new();
    let mut acknowledged = Vec::new();
    let mut n = 0;
    // Kill at varied moments: after 0 to 40 writes, 20 times.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for round in 0..20 {
        let server = Server::start(&l);
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let writes = seed % 41;
        let killer_delay = Duration::from_millis(seed % 23);
        for _ in 0..writes {
            n += 1;
            let text = format!("entry {n} of round {round}");
            if post_entry(&client, &server.url, &token, &text).await {
                acknowledged.push(text);
            }
        }
        // One more write in flight while the process dies.
        n += 1;
        let text = format!("entry {n} of round {round}, in flight");
        let in_flight = {
            let (client, url, token, text) = (
                client.clone(),
                server.url.clone(),
                token.clone(),
                text.clone(),
            );
            tokio::spawn(async move { post_entry(&client, &url, &token, &text).await })
        };
        tokio::time::sleep(killer_delay).await;
        server.kill();
        if in_flight.await.unwrap_or(false) {
            acknowledged.push(text);
        }
    }
    assert!(
        acknowledged.len() > 100,
        "the test wrote too little: {}",
        acknowledged.len()
    );
    let journal = l.json(&["journal"]);
    let stored: Vec<&str> = journal["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["text"].as_str())
        .collect();
    for text in &acknowledged {
        assert!(
            stored.contains(&text.as_str()),
            "an acknowledged write is lost: {text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_while_serving_is_a_consistent_snapshot() {
    let l = Leap::new();
    let token = served_person(&l);
    let server = Server::start(&l);
    let client = reqwest::Client::new();
    // One entry before the backup starts, whatever the machine's speed (the
    // first also builds the framework's tagger).
    assert!(post_entry(&client, &server.url, &token, "live entry 0").await);
    let writer = {
        let (client, url, token) = (client.clone(), server.url.clone(), token.clone());
        tokio::spawn(async move {
            let mut ok = 1;
            for i in 1..200 {
                if post_entry(&client, &url, &token, &format!("live entry {i}")).await {
                    ok += 1;
                }
            }
            ok
        })
    };
    tokio::time::sleep(Duration::from_millis(150)).await;
    let file = l.dir.path().join("live-backup.db");
    let out = run_with_db(&l, &["backup", Leap::path_str(&file)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let written = writer.await.expect("writer");
    server.kill();
    assert_eq!(written, 200);
    let restored = Leap::new();
    restored.ok(&["restore", Leap::path_str(&file)]);
    let journal = restored.json(&["journal"]);
    let mut ids: Vec<i64> = journal["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["id"].as_i64())
        .collect();
    ids.sort_unstable();
    // A snapshot: the entries up to some point, with no gap.
    assert!(
        ids.iter().enumerate().all(|(i, id)| *id == i as i64 + 1),
        "{ids:?}"
    );
    assert!(
        !ids.is_empty() && ids.len() <= 200,
        "{} entries in the snapshot",
        ids.len()
    );
}

/// "Copy the file to back it up": after a command that wrote has ended,
/// the database file alone holds every write (the write-ahead log is
/// folded in when leap closes the database).
#[test]
fn the_database_file_alone_holds_what_a_finished_command_wrote() {
    let dir = tempfile::TempDir::new().expect("dir");
    let db = dir.path().join("leap.db");
    let leap = |db: &std::path::Path, args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("leap")
            .expect("binary")
            .arg("--db")
            .arg(db)
            .args(args)
            .env("LEAP_TODAY", crate::TODAY)
            .env_remove("LEAP_DATABASE_URL")
            .env_remove("LEAP_DB")
            .output()
            .expect("run leap");
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    leap(
        &db,
        &["init", "--current", "sysadmin", "--target", "it-manager"],
    );
    leap(
        &db,
        &["log", "Presented the backup budget to the finance director"],
    );
    let wal = dir.path().join("leap.db-wal");
    assert!(
        !wal.exists() || std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) == 0,
        "the write-ahead log still holds data"
    );
    let copy = dir.path().join("copy").join("leap.db");
    std::fs::create_dir_all(copy.parent().expect("folder")).expect("folder");
    std::fs::copy(&db, &copy).expect("copy the file alone");
    let journal = leap(&copy, &["journal"]);
    assert!(journal.contains("Presented the backup budget"), "{journal}");

    // An import writes a whole person: the file alone has it too.
    let export = dir.path().join("export.json");
    leap(&db, &["export", "--out", export.to_str().expect("utf-8")]);
    let imported = dir.path().join("imported.db");
    leap(&imported, &["import", export.to_str().expect("utf-8")]);
    let copy = dir.path().join("copy").join("imported.db");
    std::fs::copy(&imported, &copy).expect("copy the file alone");
    let journal = leap(&copy, &["journal"]);
    assert!(journal.contains("Presented the backup budget"), "{journal}");
}

/// Another program holding the database's lock: a command that writes
/// stops after leap's wait (5 s), exit 1, saying what happened and what to
/// do, and writes nothing; once the lock goes, it works.
#[test]
fn a_command_facing_a_held_lock_says_so_and_changes_nothing() {
    let l = Leap::new();
    l.ok(&["demo"]);
    let before = l.ok(&["journal", "--json"]).stdout;
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let lock = runtime
        .block_on(leap_store::testing::WriteLock::take(&l.location))
        .expect("another program takes the lock");
    let started = std::time::Instant::now();
    let out = l.run(&["log", "Written while the database was held"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("the database is busy") && out.stderr.contains("run the command again"),
        "{}",
        out.stderr
    );
    assert!(started.elapsed() < Duration::from_secs(20));
    runtime.block_on(lock.release()).expect("the lock goes");
    assert_eq!(
        l.ok(&["journal", "--json"]).stdout,
        before,
        "nothing written"
    );
    l.ok(&["log", "Written once the lock was gone"]);
}

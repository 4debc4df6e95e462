//! Faults a self-hosted server meets: another program holding the
//! database's lock, and a full disk. Each answer is quick, clear and JSON
//! under /api/, nothing acknowledged is lost, and the server carries on by
//! itself once the fault is gone.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::App;

/// The texts of the person's journal, as the API gives them.
async fn journal_texts(b: &crate::Browser) -> Vec<String> {
    let (_, journal) = b.api(Method::GET, "/api/v1/journal", None).await;
    journal["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["text"].as_str().map(str::to_owned))
        .collect()
}

/// A lock held by another program: a write fails within the time leap
/// waits for a lock (5 s), as "busy" with Retry-After, instead of hanging;
/// reads go on; once the lock goes, writes work again.
#[tokio::test]
async fn a_lock_held_elsewhere_fails_a_write_quickly_and_clearly() {
    let app = App::start().await;
    let b = app.person("joanne").await;
    let (s, _) = b
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "Before the lock"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let lock = leap_store::testing::WriteLock::take(&app.location)
        .await
        .expect("another program takes the lock");
    let started = Instant::now();
    let r = b
        .client
        .post(format!("{}/api/v1/journal", app.url))
        .json(&json!({"text": "During the lock"}))
        .send()
        .await
        .expect("an answer");
    let waited = started.elapsed();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        r.headers().get("retry-after").map(|v| v.as_bytes()),
        Some(&b"5"[..])
    );
    let v: serde_json::Value = r.json().await.expect("the JSON error");
    assert_eq!(v["error"]["code"], "busy", "{v}");
    assert!(
        waited < Duration::from_secs(15),
        "answered within the lock wait, not the request's 30 s: {waited:?}"
    );
    let (s, journal) = b.api(Method::GET, "/api/v1/journal", None).await;
    assert_eq!(s, StatusCode::OK, "reads go on: {journal}");
    lock.release().await.expect("the lock goes");
    let (s, _) = b
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "After the lock"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "writes work again, no restart");
    let texts = journal_texts(&b).await;
    let has = |t: &str| texts.iter().any(|x| x == t);
    assert!(has("Before the lock") && has("After the lock"));
    assert!(!has("During the lock"), "{texts:?}");
}

/// A small filesystem of the test's own (a size-limited tmpfs), unmounted
/// when the test ends however it ends.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(dir: &std::path::Path, size: &str) -> Option<Self> {
        let root = std::process::Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        let mounted = root
            && std::process::Command::new("mount")
                .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
                .arg(dir)
                .status()
                .is_ok_and(|s| s.success());
        if !mounted {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI runs as root and must run the full-disk test"
            );
            eprintln!("SKIPPED full-disk test: it mounts a small tmpfs, which needs root");
            return None;
        }
        Some(Self(dir.to_owned()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

/// Fills the disk with a file, a megabyte at a time, until it is full.
fn fill(path: &std::path::Path) {
    use std::io::Write;
    let mut f = std::fs::File::create(path).expect("filler");
    let block = vec![0u8; 64 * 1024];
    while f.write_all(&block).and_then(|()| f.sync_all()).is_ok() {}
}

/// A full disk: writes fail with 507 and the JSON error, reads keep
/// working, nothing acknowledged before is lost, and once space is freed
/// writes work again without a restart. On SQLite the database file is on
/// the small disk; on PostgreSQL a server of the test's own keeps all its
/// files there.
#[tokio::test]
async fn a_full_disk_refuses_writes_keeps_reads_and_recovers() {
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    let dir = tempfile::TempDir::new().expect("dir");
    let postgres = leap_store::testing::on_postgres();
    // PostgreSQL's own files take about 60 MB before leap writes.
    let Some(_disk) = SmallDisk::mount(dir.path(), if postgres { "160m" } else { "4m" }) else {
        return;
    };
    let (location, _server) = if postgres {
        let server = OwnServer::start_in(dir.path().join("pg"), None);
        let url = leap_store::postgres::create_database(&server.url, "leap_full_disk")
            .await
            .expect("a database");
        (leap_store::Location::Postgres(url), Some(server))
    } else {
        (
            leap_store::Location::Sqlite(dir.path().join("leap.db")),
            None,
        )
    };
    let app = App::start_on_database(location).await;
    let b = app.person("joanne").await;
    let (s, _) = b
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "Saved while there was room"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let filler = dir.path().join("filler");
    fill(&filler);

    let long = "Presented the quarter's service review to the board. ".repeat(20);
    let mut refused = None;
    // The first writes may still find room in pages SQLite holds already.
    for _ in 0..200 {
        let r = b
            .client
            .post(format!("{}/api/v1/journal", app.url))
            .json(&json!({"text": long}))
            .send()
            .await
            .expect("an answer");
        if r.status() != StatusCode::CREATED {
            refused = Some(r);
            break;
        }
    }
    let r = refused.expect("a write refused on the full disk");
    assert_eq!(r.status(), StatusCode::INSUFFICIENT_STORAGE);
    let v: serde_json::Value = r.json().await.expect("the JSON error");
    assert_eq!(v["error"]["code"], "disk_full", "{v}");
    assert!(v["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("nothing was saved")));
    let page = b.get("/journal").await;
    assert_eq!(page.status, StatusCode::OK, "reads go on: {}", page.body);
    assert!(page.body.contains("Saved while there was room"));

    std::fs::remove_file(&filler).expect("free the space");
    let (s, v) = b
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "Saved once there was room again"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "no restart needed: {v}");
    let texts = journal_texts(&b).await;
    let has = |t: &str| texts.iter().any(|x| x == t);
    assert!(has("Saved while there was room"), "{texts:?}");
    assert!(has("Saved once there was room again"));
}

/// A PostgreSQL server of the test's own (scripts/postgres.sh), removed
/// when the test ends however it ends.
struct OwnServer {
    /// The server's folder (scripts/postgres.sh removes it on stop).
    pg: std::path::PathBuf,
    _temp: Option<tempfile::TempDir>,
    url: String,
}

impl OwnServer {
    fn script(&self, command: &str) {
        let ok = std::process::Command::new("bash")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../scripts/postgres.sh"
            ))
            .arg(command)
            .arg(&self.pg)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "scripts/postgres.sh {command}");
    }

    fn start() -> Self {
        let temp = tempfile::TempDir::new().expect("dir");
        Self::start_in(temp.path().join("pg"), Some(temp))
    }

    /// A server in the folder `pg` (inside `temp`, kept until it stops).
    fn start_in(pg: std::path::PathBuf, temp: Option<tempfile::TempDir>) -> Self {
        let out = std::process::Command::new("bash")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../scripts/postgres.sh"
            ))
            .arg("start")
            .arg(&pg)
            .output()
            .expect("scripts/postgres.sh start");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let url = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        Self {
            pg,
            _temp: temp,
            url,
        }
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        self.script("stop");
    }
}

/// PostgreSQL stops at once (immediate mode, as in a crash) under load and
/// starts again: requests in between fail fast with 503, none hangs, the
/// server recovers by itself, and every write it acknowledged is there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgresql_going_away_and_coming_back() {
    if !leap_store::testing::on_postgres() {
        return;
    }
    let server = OwnServer::start();
    let url = leap_store::postgres::create_database(&server.url, "leap_faults")
        .await
        .expect("a database");
    let app = App::start_on_database(leap_store::Location::Postgres(url)).await;
    drop(app.person("joanne").await);
    let account = app
        .store
        .account_by_username("joanne")
        .await
        .expect("read")
        .expect("joanne");
    let token =
        leap_app::accounts::new_api_token(&*app.store, account.id, "load", chrono::Utc::now())
            .await
            .expect("token");
    let client = reqwest::Client::new();
    let (base, bearer, http) = (app.url.clone(), token.clone(), client.clone());
    let write = move |n: u32| {
        let client = http.clone();
        let url = format!("{base}/api/v1/journal");
        let token = bearer.clone();
        async move {
            let started = Instant::now();
            let status = client
                .post(url)
                .bearer_auth(token)
                .json(&json!({"text": format!("Load entry {n}")}))
                .timeout(Duration::from_secs(20))
                .send()
                .await
                .map(|r| r.status());
            (n, status, started.elapsed())
        }
    };
    // Writes go on while the server stops, stays down longer than leap
    // waits for a connection (10 s), and starts again.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let load = tokio::spawn({
        let (write, stop) = (write.clone(), stop.clone());
        async move {
            let mut out = Vec::new();
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                out.push(write(n).await);
                n += 1;
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
            out
        }
    });
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.script("crash");
    tokio::time::sleep(Duration::from_secs(13)).await;
    server.script("restart");
    tokio::time::sleep(Duration::from_secs(3)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let results = load.await.expect("the load");

    let acknowledged: Vec<u32> = results
        .iter()
        .filter(|(_, s, _)| s.as_ref().is_ok_and(|s| *s == StatusCode::CREATED))
        .map(|(n, ..)| *n)
        .collect();
    let unavailable = results
        .iter()
        .filter(|(_, s, _)| {
            s.as_ref()
                .is_ok_and(|s| *s == StatusCode::SERVICE_UNAVAILABLE)
        })
        .count();
    assert!(
        unavailable > 0,
        "some writes met the stopped server: {results:?}"
    );
    for (n, status, took) in &results {
        let status = status.as_ref().expect("every request answered");
        assert!(
            [StatusCode::CREATED, StatusCode::SERVICE_UNAVAILABLE].contains(status),
            "write {n}: {status}"
        );
        assert!(
            *took < Duration::from_secs(15),
            "write {n} took {took:?}: longer than leap waits for a connection (10 s)"
        );
    }
    // Recovered by itself: the last writes went through.
    let last = results.last().map(|(n, ..)| *n);
    assert_eq!(
        acknowledged.last().copied(),
        last,
        "the server came back: {acknowledged:?}"
    );
    let (_, status, _) = write(1000).await;
    assert_eq!(status.expect("answer"), StatusCode::CREATED);
    // Every acknowledged write is there.
    let journal: serde_json::Value = client
        .get(format!("{}/api/v1/journal", app.url))
        .bearer_auth(&token)
        .send()
        .await
        .expect("read")
        .json()
        .await
        .expect("json");
    let texts: std::collections::BTreeSet<&str> = journal["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["text"].as_str())
        .collect();
    for n in &acknowledged {
        assert!(
            texts.contains(format!("Load entry {n}").as_str()),
            "entry {n} lost"
        );
    }
}

/// More requests at once than the server serves at once: each waits its
/// turn and is answered, and every turn comes back (a second burst is
/// answered as the first was).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_beyond_the_requests_served_at_once_is_answered_in_turn() {
    let app = App::start().await;
    let b = app.person("joanne").await.without_keep_alive();
    for burst in 0..2 {
        let mut pages = tokio::task::JoinSet::new();
        for _ in 0..3 * leap_web::SERVED_AT_ONCE {
            let b = b.clone();
            pages.spawn(async move { b.get("/").await });
        }
        let mut answered = 0;
        while let Some(page) = pages.join_next().await {
            let page = page.expect("the request ran");
            assert_eq!(page.status, StatusCode::OK, "burst {burst}: {}", page.body);
            answered += 1;
        }
        assert_eq!(answered, 3 * leap_web::SERVED_AT_ONCE);
    }
}

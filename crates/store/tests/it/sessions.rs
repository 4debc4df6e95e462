//! Two servers on one database, each reading signed-in sessions: what one
//! changes, the other sees (on SQLite at once; on PostgreSQL, where each
//! server keeps the sessions it read, within the moment a notice takes),
//! and the server that changed it sees it at once.

use std::time::Duration;

use leap_core::evidence::EvidenceKind;
use leap_core::org::Member;
use leap_store::prelude::*;
use leap_store::{
    testing, AccountId, LoadedSession, NewAccount, NewEvidence, SessionRecord, SqlStore,
};
use tempfile::TempDir;

use super::{day, store_with_profile};

const NOW: i64 = 1_000;

/// Servers `a` and `b`, and an account signed in as session "s1".
async fn two_servers(dir: &TempDir) -> (SqlStore, SqlStore, AccountId) {
    let (a, _, location) = store_with_profile(dir).await;
    let b = SqlStore::open(location).await.expect("second server");
    // The first account is the administrator, who may disable the next.
    a.create_account(NewAccount {
        username: "admin@example.org",
        password_hash: "hash",
        is_admin: true,
        at: chrono::Utc::now(),
    })
    .await
    .expect("administrator");
    let account = testing::signed_in(&a, "s1", NOW + 3_600)
        .await
        .expect("signed in");
    (a, b, account)
}

async fn read(store: &SqlStore) -> Option<LoadedSession> {
    store.session_load("s1", NOW).await.expect("session read")
}

/// What the server reads once `seen` holds of it, failing after 10 s.
async fn eventually(
    store: &SqlStore,
    what: &str,
    seen: impl Fn(&Option<LoadedSession>) -> bool,
) -> Option<LoadedSession> {
    for _ in 0..500 {
        let session = read(store).await;
        if seen(&session) {
            return session;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the other server never saw {what}");
}

fn revision(s: &Option<LoadedSession>) -> i64 {
    s.as_ref()
        .and_then(|s| s.account.as_ref())
        .and_then(|a| a.profile.as_ref())
        .map_or(-1, |p| p.revision)
}

fn account_of(s: &Option<LoadedSession>) -> &leap_store::Account {
    &s.as_ref()
        .and_then(|s| s.account.as_ref())
        .expect("a signed-in account")
        .account
}

#[tokio::test]
async fn what_one_server_changes_the_other_sees() {
    let dir = TempDir::new().expect("dir");
    let (a, b, account) = two_servers(&dir).await;
    // Both read the session (and on PostgreSQL keep it), more than once.
    for _ in 0..3 {
        assert!(read(&a).await.is_some());
        assert!(read(&b).await.is_some());
    }
    let person = account_of(&read(&a).await)
        .person
        .expect("linked to a person");

    // A journal entry: the person's revision, on which every kept page
    // depends, moves on.
    let before = revision(&read(&b).await);
    a.add_evidence(
        person,
        NewEvidence {
            date: day(2),
            text: "Chaired the change advisory board",
            kind: EvidenceKind::Experience,
            competencies: &[],
            today: day(2),
            correction: None,
            names_gap: false,
        },
    )
    .await
    .expect("entry");
    assert!(
        revision(&read(&a).await) > before,
        "the writer read its own write late"
    );
    eventually(&b, "a new entry", |s| revision(s) > before).await;

    // A new password.
    a.set_password(account, "second hash")
        .await
        .expect("password");
    assert_eq!(account_of(&read(&a).await).password_hash, "second hash");
    eventually(&b, "a new password", |s| {
        account_of(s).password_hash == "second hash"
    })
    .await;

    // Reporting lines: the account now manages someone.
    assert!(
        !read(&b)
            .await
            .and_then(|s| s.account)
            .expect("account")
            .manages
    );
    a.import_members(&[
        Member {
            email: "joanne@example.org".into(),
            name: "Joanne".into(),
            team: None,
            manager: None,
        },
        Member {
            email: "sam@example.org".into(),
            name: "Sam".into(),
            team: None,
            manager: Some("joanne@example.org".into()),
        },
    ])
    .await
    .expect("members");
    let manages = |s: &Option<LoadedSession>| {
        s.as_ref()
            .and_then(|s| s.account.as_ref())
            .is_some_and(|a| a.manages)
    };
    assert!(manages(&read(&a).await));
    eventually(&b, "a report", manages).await;

    // Signed out.
    a.session_delete("s1").await.expect("sign out");
    assert_eq!(read(&a).await, None);
    eventually(&b, "the sign-out", Option::is_none).await;
}

#[tokio::test]
async fn an_account_disabled_on_one_server_is_signed_out_on_the_other() {
    let dir = TempDir::new().expect("dir");
    let (a, b, account) = two_servers(&dir).await;
    for _ in 0..3 {
        assert!(read(&a).await.is_some());
        assert!(read(&b).await.is_some());
    }
    // Disabling signs the account out everywhere.
    a.set_disabled(account, true).await.expect("disable");
    assert_eq!(read(&a).await, None);
    eventually(&b, "the account disabled", Option::is_none).await;
}

#[tokio::test]
async fn a_sign_out_everywhere_and_an_expiry_are_seen_by_every_server() {
    let dir = TempDir::new().expect("dir");
    let (a, b, account) = two_servers(&dir).await;
    for _ in 0..3 {
        assert!(read(&b).await.is_some());
    }
    // Expired: never served, kept or not.
    let expires_at = read(&b).await.expect("session").record.expires_at;
    assert_eq!(b.session_load("s1", expires_at).await.expect("read"), None);
    // Saved with new data on one server.
    let record = SessionRecord {
        data: "{\"n\":2}".into(),
        expires_at,
    };
    a.session_save("s1", Some(account), &record)
        .await
        .expect("save");
    assert_eq!(read(&a).await.expect("session").record.data, "{\"n\":2}");
    eventually(&b, "the saved session", |s| {
        s.as_ref().is_some_and(|s| s.record.data == "{\"n\":2}")
    })
    .await;
    // Signed out everywhere from the other.
    b.sessions_delete_for(account, None)
        .await
        .expect("sign out everywhere");
    assert_eq!(read(&b).await, None);
    eventually(&a, "the sign-out everywhere", Option::is_none).await;
}

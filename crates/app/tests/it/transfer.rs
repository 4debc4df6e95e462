//! Export, import and account deletion on the backend under test.

use std::collections::BTreeMap;

use leap_app::{checkin, demo, readiness, transfer};
use leap_core::contact::{Contact, ContactInput, NewInteraction};
use leap_core::opportunity::{DebriefInput, NewDebrief, NewOpportunity, OpportunityInput, Stage};
use leap_core::sharing::{CommentOn, Part};
use leap_store::prelude::*;
use leap_store::sharing::Reader;
use leap_store::transfer::{Destination, Quiet};
use leap_store::{testing, AccountId, NewAccount, NewProfile, PersonId, SessionRecord, SqlStore};
use sqlx::Row;
use tempfile::TempDir;

use super::{builtin_text, day, second_person, store_with_profile};

async fn account(store: &SqlStore, username: &str) -> AccountId {
    store
        .create_account(NewAccount {
            username,
            password_hash: "not a real hash",
            is_admin: false,
            at: chrono::DateTime::UNIX_EPOCH,
        })
        .await
        .expect("account")
        .id
}

/// The demo story, and one of everything the demo leaves out: an
/// opportunity with a debrief, a contact with an interaction, a check-in
/// and a mentor's comment.
async fn everything(store: &SqlStore, person: PersonId, mentor: &str) {
    let f = leap_core::framework::builtin().expect("framework");
    let hash = builtin_text().hash;
    let today = day(20);
    demo::fill(store, person, &f, &hash, "it-manager", today)
        .await
        .expect("demo");
    let new = NewOpportunity::parse(
        &f,
        OpportunityInput {
            organisation: "Acme",
            title: "IT Manager",
            role: Some("it-manager"),
            stage: Some("interviewing"),
            ..Default::default()
        },
    )
    .expect("valid");
    let opp = store
        .add_opportunity(person, &new, day(2))
        .await
        .expect("opp");
    store
        .move_opportunity(person, opp, Stage::Rejected, day(9), None)
        .await
        .expect("move");
    let debrief = NewDebrief::parse(
        &f,
        Stage::Rejected,
        DebriefInput {
            held_on: Some("2026-11-10"),
            reasons: Some("They wanted budget ownership"),
            chosen_experience: Some("Ran a 2M budget"),
            ..Default::default()
        },
        today,
    )
    .expect("debrief");
    store
        .add_debrief(person, opp, &debrief, today)
        .await
        .expect("debrief");
    // A journal entry tagged otherwise than leap suggests: a correction
    // for the tagger to learn from, kept with the person's data.
    let chosen = ["service-operations".to_owned()];
    let corrected = leap_core::evidence::NewEntry::parse(
        &f,
        leap_core::evidence::EntryInput {
            text: "Chaired the ops stand-up",
            competencies: &chosen,
            ..Default::default()
        },
        today,
    )
    .expect("entry");
    assert!(corrected.correction.is_some());
    store
        .add_evidence(
            person,
            leap_store::NewEvidence::from_entry(&corrected, today),
        )
        .await
        .expect("entry");
    let contact = Contact::parse(ContactInput {
        name: "Dana",
        relationship: Some("mentor"),
        ..Default::default()
    })
    .expect("contact");
    let c = store
        .add_contact(person, &contact, day(3))
        .await
        .expect("contact");
    let touch = NewInteraction::parse(Some("2026-11-04"), Some("call"), Some("Coffee"), today)
        .expect("touch");
    store
        .add_interaction(person, c, &touch)
        .await
        .expect("touch");
    let profile = store.profile(person).await.expect("profile");
    checkin::record_checkin(
        store,
        &profile,
        &f,
        leap_core::checkin::CheckinInput {
            ratings: &["budgeting-funding=5".to_owned()],
            went_well: Some("Ran the incident review"),
            went_badly: None,
            plan_review: None,
        },
        today,
    )
    .await
    .expect("checkin")
    .expect("valid");
    // A mentor's comment on a journal entry.
    store
        .share(person, mentor, Part::Journal, chrono::Utc::now())
        .await
        .expect("share");
    let mentor_account = store
        .account_by_username(mentor)
        .await
        .expect("read")
        .expect("mentor");
    let entry = store.journal(person, None).await.expect("journal")[0].id;
    store
        .add_comment(
            Reader::from(&mentor_account),
            person,
            CommentOn::JournalEntry,
            entry,
            "Write up the numbers too",
            chrono::Utc::now(),
        )
        .await
        .expect("comment");
}

#[tokio::test]
async fn export_import_export_gives_the_same_document() {
    let dir = TempDir::new().expect("dir");
    let (store, me, _) = store_with_profile(&dir).await;
    account(&store, "mentor").await;
    everything(&store, me, "mentor").await;
    let today = day(24);
    let first = transfer::export(&store, me, today, &Quiet)
        .await
        .expect("export");
    let doc = &first.document;
    assert_eq!(first.open_requests, 0);
    assert!(!doc.feedback.is_empty() && !doc.feedback[0].results.competencies.is_empty());
    for list in [
        doc.assessments.len(),
        doc.journal.len(),
        doc.plan_items.len(),
    ] {
        assert!(list > 0);
    }
    assert_eq!(doc.comments.len(), 1);
    // The demo's two monthly check-ins, and the one `everything` adds.
    assert_eq!(doc.checkins.len(), 3);
    // And the demo's two openings and three contacts, with those `everything` adds.
    assert_eq!((doc.opportunities.len(), doc.contacts.len()), (3, 4));
    // The demo debrief's tags, chosen over the suggestion, and the one
    // `everything` corrects.
    assert_eq!(doc.tag_corrections.len(), 2);
    assert!(doc
        .tag_corrections
        .iter()
        .any(|c| c.chosen == vec!["service-operations"]));
    assert!(doc.checkins.iter().any(|c| c.assessment.is_some()));
    // Raters are never named; the demo's raters have these names. (The
    // framework's own file is carried whole, and its example texts may
    // name anyone.)
    let without_frameworks = leap_core::transfer::Document {
        frameworks: Vec::new(),
        ..doc.clone()
    };
    let people = serde_json::to_string(&without_frameworks).expect("json");
    for name in ["Priya", "Tom", "Grace"] {
        assert!(!people.contains(name), "{name} in the export");
    }
    let text = serde_json::to_string_pretty(doc).expect("json");

    // Into an empty database.
    let other = TempDir::new().expect("dir");
    let location = testing::fresh(&other.path().join("leap.db"))
        .await
        .expect("fresh");
    let target = SqlStore::open(location).await.expect("open");
    let read = leap_core::transfer::Document::read(&text).expect("reads back");
    let frameworks = leap_store::transfer::frameworks_of(&read).expect("frameworks");
    let profile = target
        .import(&read, &frameworks, Destination::Local, &Quiet)
        .await
        .expect("import");
    let again = transfer::export(&target, profile.person, today, &Quiet)
        .await
        .expect("export again");
    assert_eq!(
        serde_json::to_string_pretty(&again.document).expect("json"),
        text
    );
    // The imported feedback counts toward readiness as it did.
    let f = leap_core::framework::builtin().expect("framework");
    let role = f.role("it-manager").expect("role");
    let before = readiness::readiness_for(&store, me, &f, role, None, today)
        .await
        .expect("r");
    let after = readiness::readiness_for(&target, profile.person, &f, role, None, today)
        .await
        .expect("r");
    assert_eq!(before, after);

    // A database with a profile refuses a second one, and keeps its own.
    let refused = target
        .import(&read, &frameworks, Destination::Local, &Quiet)
        .await;
    assert!(
        matches!(refused, Err(leap_store::StoreError::Conflict(_))),
        "{refused:?}"
    );

    // Into a new account on a server; not into one that has a profile.
    let new = account(&target, "moved").await;
    let p = target
        .import(&read, &frameworks, Destination::Account(new), &Quiet)
        .await
        .expect("into an account");
    assert_ne!(p.person, profile.person);
    let refused = target
        .import(&read, &frameworks, Destination::Account(new), &Quiet)
        .await;
    assert!(
        matches!(refused, Err(leap_store::StoreError::Conflict(_))),
        "{refused:?}"
    );
}

async fn tables(store: &SqlStore) -> Vec<String> {
    let sql = match store.dialect() {
        leap_store::Dialect::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name"
        }
        leap_store::Dialect::Postgres => {
            "SELECT table_name::text AS name FROM information_schema.tables
             WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations' ORDER BY 1"
        }
    };
    sqlx::query(sql)
        .fetch_all(store.pool())
        .await
        .expect("tables")
        .iter()
        .map(|r| r.try_get::<String, _>(0).expect("name"))
        .collect()
}

/// Rows per table, each row as text, so that a leftover is shown.
async fn rows(store: &SqlStore) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for t in tables(store).await {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {t}"))
            .fetch_one(store.pool())
            .await
            .expect("count");
        out.insert(t, n);
    }
    out
}

#[tokio::test]
async fn deleting_an_account_leaves_no_row_of_it() {
    let dir = TempDir::new().expect("dir");
    let location = testing::fresh(&dir.path().join("leap.db"))
        .await
        .expect("fresh");
    let store = SqlStore::open(location).await.expect("open");
    // Mallory stays: her rows must all be there afterwards.
    let mallory = second_person(&store).await;
    let mallory_item = store
        .add_plan_item(
            mallory,
            leap_store::NewPlanItem {
                title: "Lead the migration",
                kind: leap_core::ActionKind::Experience,
                competencies: &[],
                due: day(30),
                today: day(1),
            },
        )
        .await
        .expect("item")
        .id;
    let before = rows(&store).await;

    let alice = account(&store, "alice").await;
    let person = store
        .create_profile_for(
            alice,
            NewProfile {
                name: "Alice",
                current_role: "senior-admin",
                target_role: "it-manager",
                framework: &builtin_text(),
                today: day(1),
            },
        )
        .await
        .expect("profile")
        .person;
    everything(&store, person, "mallory").await;
    // Shared both ways, a comment and a read of Mallory's plan by Alice.
    store
        .share(mallory, "alice", Part::Plan, chrono::Utc::now())
        .await
        .expect("share");
    let alice_account = store
        .account_by_username("alice")
        .await
        .expect("r")
        .expect("a");
    let reader = Reader::from(&alice_account);
    store
        .open_shared(reader, mallory, Part::Plan, "read plan", chrono::Utc::now())
        .await
        .expect("read");
    store
        .add_comment(
            reader,
            mallory,
            CommentOn::PlanItem,
            mallory_item,
            "Nice",
            chrono::Utc::now(),
        )
        .await
        .expect("comment");
    store
        .create_token(alice, "laptop", "token-hash-alice", chrono::Utc::now())
        .await
        .expect("token");
    store
        .session_create(
            "session-alice",
            Some(alice),
            &SessionRecord {
                data: "{}".into(),
                expires_at: i64::MAX / 2,
            },
        )
        .await
        .expect("session");
    store
        .record_login_failure("alice", "127.0.0.1", chrono::Utc::now())
        .await
        .expect("failure");
    store
        .create_calendar_feed(person, "feed-hash-alice", chrono::Utc::now())
        .await
        .expect("feed");

    store.delete_account(alice).await.expect("delete");
    let after = rows(&store).await;
    for (table, n) in &after {
        let expected = before.get(table).copied().unwrap_or(0);
        match table.as_str() {
            // Mallory's log keeps that her plan was read, without the name.
            "audit_log" => assert_eq!(*n, expected + 1, "{table}"),
            // Framework texts are shared by everyone who uses them.
            "frameworks" => {}
            _ => assert_eq!(
                *n, expected,
                "{table}: a row of the deleted account is left"
            ),
        }
    }
    let log = store.audit_log(mallory, 10).await.expect("log");
    assert!(log.iter().all(|r| r.username != "alice"), "{log:?}");
    assert!(store
        .account_by_username("alice")
        .await
        .expect("r")
        .is_none());
    assert!(matches!(
        store.delete_account(alice).await,
        Err(leap_store::StoreError::NotFound { .. })
    ));
}

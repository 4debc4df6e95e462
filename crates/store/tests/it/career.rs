//! Opportunities, contacts, check-ins, calendar feeds and sharing, on the
//! backend under test: what one person writes, another cannot read or change.

use leap_core::contact::{Contact, ContactInput, NewInteraction};
use leap_core::opportunity::{DebriefInput, NewDebrief, NewOpportunity, OpportunityInput, Stage};
use leap_core::sharing::{CommentOn, Part};
use leap_store::prelude::*;
use leap_store::sharing::Reader;
use leap_store::{SqlStore, StoreError};
use tempfile::TempDir;

use super::{day, second_person, store_with_profile};

/// An account "mentor", and the reader it is.
async fn mentor(store: &SqlStore) -> (leap_store::Account, Reader<'static>) {
    let mentor = store
        .create_account(leap_store::NewAccount {
            username: "mentor",
            password_hash: "x",
            is_admin: false,
            at: chrono::DateTime::UNIX_EPOCH,
        })
        .await
        .expect("account");
    let reader = Reader {
        account: mentor.id,
        username: "mentor",
    };
    (mentor, reader)
}

fn refused<T: std::fmt::Debug>(r: Result<T, StoreError>) {
    assert!(matches!(r, Err(StoreError::NotFound { .. })), "{r:?}");
}

#[tokio::test]
async fn opportunities_debriefs_and_contacts_belong_to_their_person() {
    let dir = TempDir::new().expect("dir");
    let (store, me, _) = store_with_profile(&dir).await;
    let other = second_person(&store).await;
    let f = leap_core::framework::builtin().expect("framework");
    let new = NewOpportunity::parse(
        &f,
        OpportunityInput {
            organisation: "Acme",
            title: "IT Manager",
            role: Some("it-manager"),
            stage: Some("applied"),
            next_step: Some("Phone screen"),
            next_step_on: Some("2026-11-10"),
            ..Default::default()
        },
    )
    .expect("valid");
    let id = store.add_opportunity(me, &new, day(2)).await.expect("add");
    refused(store.opportunity(other, id).await);
    refused(
        store
            .move_opportunity(other, id, Stage::Rejected, day(3), None)
            .await,
    );
    assert!(store.opportunities(other).await.expect("list").is_empty());

    let moved = store
        .move_opportunity(me, id, Stage::Interviewing, day(5), None)
        .await
        .expect("move");
    assert_eq!(moved.stage, Stage::Interviewing);
    assert_eq!(
        moved.next_step.as_ref().map(|s| s.text.as_str()),
        Some("Phone screen")
    );
    assert!(matches!(
        store
            .move_opportunity(me, id, Stage::Interviewing, day(5), None)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .move_opportunity(me, id, Stage::Offer, day(4), None)
            .await,
        Err(StoreError::Conflict(_))
    ));
    let rejected = store
        .move_opportunity(me, id, Stage::Rejected, day(9), None)
        .await
        .expect("move");
    assert_eq!(
        rejected.next_step, None,
        "a closed opportunity has no next step"
    );
    let stages: Vec<(Stage, u32)> = rejected
        .stages
        .iter()
        .map(|s| (s.stage, chrono::Datelike::day(&s.on)))
        .collect();
    assert_eq!(
        stages,
        [
            (Stage::Applied, 2),
            (Stage::Interviewing, 5),
            (Stage::Rejected, 9)
        ]
    );

    let debrief = NewDebrief::parse(
        &f,
        Stage::Rejected,
        DebriefInput {
            reasons: Some("They hired someone who had managed a budget and delegated to a team"),
            chosen_experience: Some("Three years as a team lead"),
            ..Default::default()
        },
        day(10),
    )
    .expect("valid");
    refused(store.add_debrief(other, id, &debrief, day(10)).await);
    store
        .add_debrief(me, id, &debrief, day(10))
        .await
        .expect("debrief");
    let later = NewDebrief {
        held_on: day(11),
        ..debrief.clone()
    };
    store
        .add_debrief(me, id, &later, day(11))
        .await
        .expect("debrief");
    let cited = store.debrief_citations(me).await.expect("citations");
    assert!(cited.values().all(|n| *n == 2), "{cited:?}");
    assert!(!cited.is_empty());
    assert!(store
        .debrief_citations(other)
        .await
        .expect("none")
        .is_empty());
    let read = store.opportunity(me, id).await.expect("read");
    assert_eq!(read.debriefs.len(), 2);
    assert_eq!(read.debriefs[0].held_on, day(11), "newest first");

    let contact = Contact::parse(ContactInput {
        name: "Ana Ruiz",
        relationship: Some("co-manager"),
        cadence_days: Some("14"),
        ..Default::default()
    })
    .expect("valid");
    let c = store
        .add_contact(me, &contact, day(1))
        .await
        .expect("contact");
    let touch = NewInteraction::parse(Some("2026-11-12"), Some("call"), None, day(20)).expect("ok");
    refused(store.add_interaction(other, c, &touch).await);
    refused(store.contact(other, c).await);
    store.add_interaction(me, c, &touch).await.expect("touch");
    let read = store.contact(me, c).await.expect("read");
    assert_eq!(read.last_interaction, Some(day(12)));
    assert_eq!(read.follow_up_on(), day(26));
    assert_eq!(read.interactions.len(), 1);
    assert_eq!(
        store.interaction_dates(me, day(1)).await.expect("dates"),
        [day(12)]
    );
    assert!(store
        .interaction_dates(other, day(1))
        .await
        .expect("none")
        .is_empty());

    let feed = store
        .create_calendar_feed(me, "hash-of-a-token", chrono::Utc::now())
        .await
        .expect("feed");
    assert_eq!(
        store
            .calendar_person("hash-of-a-token")
            .await
            .expect("read"),
        Some(me)
    );
    refused(store.revoke_calendar_feed(other, feed).await);
    store.revoke_calendar_feed(me, feed).await.expect("revoke");
    assert_eq!(
        store
            .calendar_person("hash-of-a-token")
            .await
            .expect("read"),
        None
    );

    assert_eq!(
        store.checkin_schedule(me).await.expect("every").every_days,
        30
    );
    store.set_checkin_every(me, 14).await.expect("set");
    assert_eq!(
        store.checkin_schedule(me).await.expect("every").every_days,
        14
    );
    assert_eq!(
        store
            .checkin_schedule(other)
            .await
            .expect("every")
            .every_days,
        30
    );
}

#[tokio::test]
async fn a_share_opens_one_part_to_one_account_until_revoked() {
    let dir = TempDir::new().expect("dir");
    let (store, _, _) = store_with_profile(&dir).await;
    let owner = second_person(&store).await; // account "mallory"
    let (mentor, reader) = mentor(&store).await;
    let now = chrono::Utc::now();
    refused(
        store
            .open_shared(reader, owner, Part::Plan, "read plan", now)
            .await,
    );
    refused(store.share(owner, "nobody", Part::Plan, now).await);
    refused(store.share(owner, "mallory", Part::Plan, now).await);
    let share = store
        .share(owner, "mentor", Part::Plan, now)
        .await
        .expect("share");
    // Sharing twice is not an error and makes one share.
    store
        .share(owner, "mentor", Part::Plan, now)
        .await
        .expect("again");
    assert_eq!(store.shares(owner).await.expect("shares").len(), 1);
    store
        .open_shared(reader, owner, Part::Plan, "read plan", now)
        .await
        .expect("shared");
    refused(
        store
            .open_shared(reader, owner, Part::Journal, "read journal", now)
            .await,
    );
    let with_me = store.shared_with_me(mentor.id).await.expect("list");
    assert_eq!(with_me.len(), 1);
    assert_eq!(with_me[0].parts, [Part::Plan]);
    let log = store.audit_log(owner, 10).await.expect("log");
    assert_eq!(log.len(), 1, "refused reads are not logged as reads");
    assert_eq!(
        (log[0].username.as_str(), log[0].part),
        ("mentor", Part::Plan)
    );

    // Comments: only on a shared part, only on the owner's items.
    let item = store
        .add_plan_item(
            owner,
            leap_store::NewPlanItem {
                title: "Lead the migration",
                kind: leap_core::ActionKind::Experience,
                competencies: &[],
                due: day(30),
                today: day(1),
            },
        )
        .await
        .expect("item");
    store
        .add_comment(
            reader,
            owner,
            CommentOn::PlanItem,
            item.id,
            "Good choice",
            now,
        )
        .await
        .expect("comment");
    refused(
        store
            .add_comment(reader, owner, CommentOn::PlanItem, item.id + 1000, "x", now)
            .await,
    );
    refused(
        store
            .add_comment(reader, owner, CommentOn::JournalEntry, 1, "x", now)
            .await,
    );
    let comments = store.comments(owner).await.expect("comments");
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].author, "mentor");

    // Another person cannot revoke it; the owner can, and then all is shut.
    let me = store
        .local_profile()
        .await
        .expect("read")
        .expect("local")
        .person;
    refused(store.revoke_share(me, share.id).await);
    store.revoke_share(owner, share.id).await.expect("revoke");
    refused(
        store
            .open_shared(reader, owner, Part::Plan, "read plan", now)
            .await,
    );
    refused(
        store
            .add_comment(reader, owner, CommentOn::PlanItem, item.id, "x", now)
            .await,
    );
    assert!(store
        .shared_with_me(mentor.id)
        .await
        .expect("list")
        .is_empty());
    let _: &SqlStore = &store;
}

/// A comment on a journal entry goes with the entry: a new entry (on
/// SQLite, given the deleted one's id again) shows no other entry's
/// comments.
#[tokio::test]
async fn comments_on_a_deleted_entry_go_with_it() {
    let dir = TempDir::new().expect("dir");
    let (store, _, _) = store_with_profile(&dir).await;
    let owner = second_person(&store).await;
    let (_, reader) = mentor(&store).await;
    let now = chrono::Utc::now();
    store
        .share(owner, "mentor", Part::Journal, now)
        .await
        .expect("share");
    let entry = |text: &'static str| leap_store::NewEvidence {
        date: day(2),
        text,
        kind: leap_core::evidence::EvidenceKind::Experience,
        competencies: &[],
        today: day(2),
        correction: None,
        names_gap: false,
    };
    let first = store
        .add_evidence(owner, entry("Ran the CAB"))
        .await
        .expect("entry");
    store
        .add_comment(
            reader,
            owner,
            CommentOn::JournalEntry,
            first,
            "Well chaired",
            now,
        )
        .await
        .expect("comment");
    assert_eq!(store.comments(owner).await.expect("comments").len(), 1);
    store.delete_evidence(owner, first).await.expect("delete");
    assert!(store.comments(owner).await.expect("comments").is_empty());
    let second = store
        .add_evidence(owner, entry("Lunch with the finance director"))
        .await
        .expect("entry");
    assert!(store
        .comments(owner)
        .await
        .expect("comments")
        .iter()
        .all(|c| c.target != second));
}

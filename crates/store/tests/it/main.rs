//! Store tests on a fresh database: an SQLite file, or a PostgreSQL
//! database when LEAP_TEST_BACKEND=postgres (see `leap_store::testing`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod career;
mod schema;
mod sessions;

use chrono::NaiveDate;
use leap_core::assessment::{Levels, Source};
use leap_core::framework::{self, content_hash, ActionKind, BUILTIN_TOML};
use leap_core::CompetencyId;
use leap_store::prelude::*;
use leap_store::{
    testing, Closing, FrameworkText, Location, NewEvidence, NewPlan, NewPlanItem, NewProfile,
    PersonId, SqlStore, StoreError,
};
use tempfile::TempDir;

fn day(d: u32) -> NaiveDate {
    testing::november(d)
}

fn builtin_text() -> FrameworkText {
    testing::builtin_text()
}

/// A fresh database with a profile; the SQLite file goes in a folder that
/// does not exist yet, to prove it is created.
async fn store_with_profile(dir: &TempDir) -> (SqlStore, PersonId, Location) {
    testing::store_with_profile(&dir.path().join("sub").join("leap.db"))
        .await
        .expect("store with a profile")
}

fn competency(f: &leap_core::Framework, id: &str) -> CompetencyId {
    f.parse_competency("competency", id).expect("known")
}

async fn second_person(store: &SqlStore) -> PersonId {
    testing::second_person(store).await.expect("second person")
}

#[tokio::test]
async fn opening_twice_keeps_data_and_profile_is_unique() {
    let dir = TempDir::new().expect("dir");
    let (store, person, location) = store_with_profile(&dir).await;
    store.close().await.expect("close");
    let again = SqlStore::open(location).await.expect("reopen");
    let p = again.local_profile().await.expect("read").expect("profile");
    assert_eq!(p.person, person);
    let err = again
        .create_local_profile(NewProfile {
            name: "Other",
            current_role: "sysadmin",
            target_role: "cio",
            framework: &builtin_text(),
            today: day(2),
        })
        .await
        .expect_err("one local profile");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
}

#[tokio::test]
async fn another_person_cannot_touch_my_plan_items_or_see_my_journal() {
    let dir = TempDir::new().expect("dir");
    let (store, me, _) = store_with_profile(&dir).await;
    let f = framework::builtin().expect("builtin");
    let comps = [competency(&f, "budgeting-funding")];
    let item = store
        .add_plan_item(
            me,
            NewPlanItem {
                title: "Shadow the CFO",
                kind: ActionKind::Experience,
                competencies: &comps,
                due: day(30),
                today: day(1),
            },
        )
        .await
        .expect("add");
    store
        .add_evidence(
            me,
            NewEvidence {
                date: day(2),
                text: "Asked about the budget",
                kind: leap_core::evidence::EvidenceKind::Experience,
                competencies: &comps,
                today: day(2),
                correction: None,
                names_gap: false,
            },
        )
        .await
        .expect("log");
    let other = second_person(&store).await;
    let err = store
        .close_plan_item(other, item.id, Closing::Done, day(3), None, &[])
        .await
        .expect_err("refused");
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
    assert!(store.plan(other).await.expect("plan").items.is_empty());
    assert!(store
        .journal(other, None)
        .await
        .expect("journal")
        .is_empty());
    assert!(store
        .evidence_counts(other)
        .await
        .expect("counts")
        .is_empty());
    assert!(store
        .assessments(other)
        .await
        .expect("assessments")
        .is_empty());
    // Mine is untouched.
    assert_eq!(
        store.plan(me).await.expect("plan").items[0].status,
        leap_core::plan::ItemStatus::Todo
    );
}

#[tokio::test]
async fn regenerating_supersedes_open_items_and_keeps_finished_ones() {
    let dir = TempDir::new().expect("dir");
    let (store, me, _) = store_with_profile(&dir).await;
    let f = framework::builtin().expect("builtin");
    let mut levels = Levels::default();
    for c in &f.competencies {
        levels.set(c.id.clone(), f.scale.level("l", 1).expect("level"));
    }
    store
        .add_assessment(
            me,
            &content_hash(BUILTIN_TOML),
            Source::SelfRating,
            day(1),
            &levels,
        )
        .await
        .expect("assess");
    let role = f.role("it-manager").expect("role");
    let r = leap_core::readiness::assess(&f, role, &levels, &Default::default());
    let exclude = Default::default();
    let proposal = leap_core::plan::generate(&leap_core::plan::Request {
        framework: &f,
        role,
        aim: None,
        readiness: &r,
        current_role: f.role("senior-admin"),
        current: None,
        horizon_months: 12,
        start: day(1),
        exclude: &exclude,
        cited: &Default::default(),
        record: &Default::default(),
        at_once: leap_core::plan::DEFAULT_AT_ONCE,
        despite_fit: false,
        year: None,
    })
    .expect("no fit check, no hold");
    let notes = vec!["Master your job before the move.".to_owned()];
    let first = store
        .replace_plan(
            me,
            NewPlan {
                target_role: "it-manager",
                horizon_months: 12,
                at_once: 2,
                notes: &notes,
                year_starts: Some(4),
                today: day(1),
                items: &proposal.items,
            },
        )
        .await
        .expect("plan");
    // The pace, the notes and each item's reason and start are kept.
    assert_eq!(first.at_once, Some(2));
    assert_eq!(first.notes, notes);
    assert_eq!(first.year_starts, Some(4), "the financial year's month");
    let stored = &first.items[0];
    let proposed = proposal
        .items
        .iter()
        .find(|p| p.title == stored.title)
        .expect("the proposed item");
    assert_eq!(stored.why.as_deref(), Some(proposed.why.as_str()));
    assert_eq!(stored.starts, Some(proposed.starts));
    let done = first.items[0].id;
    store
        .close_plan_item(me, done, Closing::Done, day(5), Some("done well"), &[])
        .await
        .expect("done");
    let counts = store.evidence_counts(me).await.expect("counts");
    assert!(first.items[0]
        .competencies
        .iter()
        .all(|c| counts.get(c.as_str()) == Some(&1)));
    let second = store
        .replace_plan(
            me,
            NewPlan {
                target_role: "it-manager",
                horizon_months: 6,
                at_once: 3,
                notes: &[],
                year_starts: None,
                today: day(6),
                items: &proposal.items[1..2],
            },
        )
        .await
        .expect("again");
    assert_eq!(second.horizon_months, Some(6));
    assert_eq!((second.at_once, second.notes.len()), (Some(3), 0));
    assert_eq!(second.year_starts, None, "forgotten");
    assert_eq!(second.items.len(), 2, "the done item and the one new item");
    assert!(second.items.iter().any(|i| i.id == done
        && i.status == leap_core::plan::ItemStatus::Done
        && i.note.as_deref() == Some("done well")));
    // Superseded items are kept in the database, not deleted.
    let kept: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM plan_items WHERE superseded_on IS NOT NULL")
            .fetch_one(store.pool())
            .await
            .expect("count");
    assert_eq!(kept, i64::try_from(first.items.len() - 1).expect("fits"));
    let history = store.assessments(me).await.expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].levels.len(), f.competencies.len());
}

/// A person's tag corrections are theirs alone, kept once however often
/// the same entry is saved, oldest first.
#[tokio::test]
async fn tag_corrections_are_kept_per_person_and_once() {
    let dir = TempDir::new().expect("dir");
    let (store, me, _) = store_with_profile(&dir).await;
    let other = second_person(&store).await;
    let correction = leap_core::tagging::Correction {
        text: "Chaired the ops stand-up".to_owned(),
        chosen: vec!["service-operations".to_owned()],
        removed: vec!["leadership-delegation".to_owned()],
        reasons: false,
    };
    let f = framework::builtin().expect("framework");
    let comps = [competency(&f, "service-operations")];
    let new = || NewEvidence {
        date: day(2),
        text: "Chaired the ops stand-up",
        kind: leap_core::evidence::EvidenceKind::Experience,
        competencies: &comps,
        today: day(2),
        correction: Some(&correction),
        names_gap: false,
    };
    let id = store.add_evidence(me, new()).await.expect("log");
    store.update_evidence(me, id, new()).await.expect("edit");
    let mine = store.tag_corrections(me).await.expect("read");
    assert_eq!(mine, vec![correction.clone()]);
    assert!(store.tag_corrections(other).await.expect("read").is_empty());
    // Another person cannot write into my entry, so no correction of
    // theirs lands with me either.
    assert!(store.update_evidence(other, id, new()).await.is_err());
    assert!(store.tag_corrections(other).await.expect("read").is_empty());
}

/// The administrators' audit log is written once: the database itself
/// refuses to change, remove or empty a line, whoever asks.
#[tokio::test]
async fn the_admin_audit_log_cannot_be_changed() {
    let dir = TempDir::new().expect("dir");
    let (store, _, _) = store_with_profile(&dir).await;
    store
        .add_admin_audit(&leap_store::AdminAuditLine {
            at: chrono::Utc::now(),
            actor: "admin".to_owned(),
            action: "account.disable".to_owned(),
            target: "mallory".to_owned(),
            detail: String::new(),
        })
        .await
        .expect("written");
    for sql in [
        "UPDATE admin_audit SET actor = 'someone else'",
        "DELETE FROM admin_audit",
    ] {
        let refused = sqlx::query(sql).execute(store.pool()).await;
        assert!(
            refused
                .as_ref()
                .is_err_and(|e| e.to_string().contains("cannot be changed")),
            "{sql}: {refused:?}"
        );
    }
    let (lines, total) = store.admin_audit(0, 10).await.expect("read");
    assert_eq!(total, 1);
    assert_eq!(lines[0].actor, "admin");
}

/// An acknowledged write is on the disk: SQLite syncs every commit
/// (`synchronous = FULL`, with the write-ahead log), PostgreSQL waits for
/// its own log (`synchronous_commit = on`, its default, which leap relies
/// on).
#[tokio::test]
async fn every_commit_reaches_the_disk_before_it_is_acknowledged() {
    let dir = TempDir::new().expect("dir");
    let (store, _, _) = store_with_profile(&dir).await;
    // Every connection of the pool, not only the first.
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut conn = store.pool().acquire().await.expect("connection");
        if testing::on_postgres() {
            let on: String = sqlx::query_scalar("SHOW synchronous_commit")
                .fetch_one(&mut *conn)
                .await
                .expect("read");
            assert_eq!(on, "on");
        } else {
            let level: i64 = sqlx::query_scalar("PRAGMA synchronous")
                .fetch_one(&mut *conn)
                .await
                .expect("read");
            assert_eq!(level, 2, "FULL");
            let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
                .fetch_one(&mut *conn)
                .await
                .expect("read");
            assert_eq!(mode, "wal");
        }
        held.push(conn);
    }
}

/// An entry that names a gap keeps its tags and says so when read back,
/// in the journal and in an export, but is never counted as evidence;
/// changing it to not name one counts it.
#[tokio::test]
async fn an_entry_that_names_a_gap_is_kept_and_not_counted() {
    let dir = TempDir::new().expect("dir");
    let (store, me, _) = store_with_profile(&dir).await;
    let f = framework::builtin().expect("framework");
    let comps = [competency(&f, "leadership-delegation")];
    let new = |names_gap| NewEvidence {
        date: day(2),
        text: "Manager says I still grab the hard tickets myself",
        kind: leap_core::evidence::EvidenceKind::Feedback,
        competencies: &comps,
        today: day(2),
        correction: None,
        names_gap,
    };
    let id = store.add_evidence(me, new(true)).await.expect("log");
    let read = store.evidence(me, id).await.expect("read");
    assert!(read.names_gap);
    assert_eq!(read.competencies, comps);
    assert!(store.journal(me, None).await.expect("journal")[0].names_gap);
    assert_eq!(
        store
            .evidence_counts(me)
            .await
            .expect("counts")
            .get("leadership-delegation"),
        None
    );
    store
        .update_evidence(me, id, new(false))
        .await
        .expect("edit");
    assert!(!store.evidence(me, id).await.expect("read").names_gap);
    assert_eq!(
        store
            .evidence_counts(me)
            .await
            .expect("counts")
            .get("leadership-delegation"),
        Some(&1)
    );
}

/// Feedback that names a gap counts until something recorded later answers
/// it: evidence of the same competency dated later, or the same day and
/// written after it, or a plan item tagged to it finished later. Earlier
/// evidence, and a plan item finished the same day, do not answer it.
#[tokio::test]
async fn a_named_gap_counts_until_later_evidence_or_a_later_finished_item_answers_it() {
    let dir = TempDir::new().expect("dir");
    let (store, me, _) = store_with_profile(&dir).await;
    let f = framework::builtin().expect("builtin");
    let lead = [competency(&f, "leadership-delegation")];
    let budget = [competency(&f, "budgeting-funding")];
    let log = |date: u32, competencies: &[CompetencyId], names_gap: bool| {
        let store = &store;
        let competencies = competencies.to_vec();
        async move {
            let kind = if names_gap {
                leap_core::evidence::EvidenceKind::Feedback
            } else {
                leap_core::evidence::EvidenceKind::Experience
            };
            store
                .add_evidence(
                    me,
                    NewEvidence {
                        date: day(date),
                        text: "An entry",
                        kind,
                        competencies: &competencies,
                        today: day(20),
                        correction: None,
                        names_gap,
                    },
                )
                .await
                .expect("log");
        }
    };
    let finish = |date: u32| {
        let store = &store;
        let budget = budget.clone();
        async move {
            let item = store
                .add_plan_item(
                    me,
                    NewPlanItem {
                        title: "Budget work",
                        kind: ActionKind::Experience,
                        competencies: &budget,
                        due: day(30),
                        today: day(1),
                    },
                )
                .await
                .expect("add");
            store
                .close_plan_item(me, item.id, Closing::Done, day(date), None, &[])
                .await
                .expect("done");
        }
    };
    let open = || async {
        let n = store.named_gap_counts(me).await.expect("counts");
        (
            n.get("leadership-delegation").copied().unwrap_or(0),
            n.get("budgeting-funding").copied().unwrap_or(0),
        )
    };
    log(3, &lead, false).await;
    log(5, &lead, true).await;
    log(6, &budget, false).await;
    log(6, &budget, true).await;
    assert_eq!(open().await, (1, 1), "earlier evidence answers nothing");
    finish(6).await;
    assert_eq!(open().await, (1, 1), "an item finished the same day");
    log(5, &lead, false).await;
    assert_eq!(open().await, (0, 1), "the same day, written after");
    finish(9).await;
    assert_eq!(open().await, (0, 0), "an item finished later");
}

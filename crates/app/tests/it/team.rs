//! The team view's figures, in the style of the 360 anonymity tests: on
//! generated teams, changing the data of someone who does not share their
//! assessments with the manager, or of a group below the minimum, leaves
//! every figure shown identical.

use leap_core::assessment::{Levels, Source};
use leap_core::org::Member;
use leap_core::sharing::{Part, Reach};
use leap_core::synthetic::Dice;
use leap_store::{
    AccountId, AccountStore, AssessmentStore, NewAccount, NewProfile, OrgStore, PersonId, SqlStore,
};
use proptest::prelude::*;

use super::{builtin_text, day};

struct Team {
    store: SqlStore,
    manager: AccountId,
    /// Each person, and whether they share their assessments.
    people: Vec<(PersonId, bool)>,
    _dir: tempfile::TempDir,
}

fn levels(seed: u64) -> Levels {
    let f = leap_core::framework::builtin().expect("framework");
    let mut dice = Dice::new(seed);
    let mut l = Levels::default();
    for c in &f.competencies {
        let v = 1 + dice.below(5) as i64;
        l.set(c.id.clone(), f.scale.level("level", v).expect("level"));
    }
    l
}

async fn account(store: &SqlStore, email: &str) -> (AccountId, PersonId) {
    let a = store
        .create_account(NewAccount {
            username: email,
            password_hash: "not a real hash",
            is_admin: false,
            at: chrono::DateTime::UNIX_EPOCH,
        })
        .await
        .expect("account");
    let p = store
        .create_profile_for(
            a.id,
            NewProfile {
                name: email,
                current_role: "senior-admin",
                target_role: "it-manager",
                framework: &builtin_text(),
                today: day(1),
            },
        )
        .await
        .expect("profile");
    (a.id, p.person)
}

/// A manager and their reports, each with a self-assessment from `seeds`
/// and sharing their assessments with the manager where `shares` says.
async fn team(shares: &[bool], seeds: &[u64], min_group: usize) -> Team {
    let dir = tempfile::tempdir().expect("dir");
    let location = leap_store::testing::fresh(&dir.path().join("leap.db"))
        .await
        .expect("database");
    let store = SqlStore::open(location).await.expect("store");
    let hash = builtin_text().hash;
    let (manager, _) = account(&store, "boss@example.org").await;
    let mut members = vec![Member {
        email: "boss@example.org".into(),
        name: "Boss".into(),
        team: None,
        manager: None,
    }];
    let mut people = Vec::new();
    for (i, (&share, &seed)) in shares.iter().zip(seeds).enumerate() {
        let email = format!("p{i}@example.org");
        let (_, person) = account(&store, &email).await;
        members.push(Member {
            email,
            name: format!("Person {i}"),
            team: None,
            manager: Some("boss@example.org".into()),
        });
        store
            .add_assessment(person, &hash, Source::SelfRating, day(2), &levels(seed))
            .await
            .expect("assessment");
        let reach = if share { Reach::Manager } else { Reach::Nobody };
        store
            .set_line_sharing(person, Part::Assessments, Some(reach))
            .await
            .expect("sharing");
        people.push((person, share));
    }
    store.import_members(&members).await.expect("members");
    store.set_min_group(min_group).await.expect("minimum");
    Team {
        store,
        manager,
        people,
        _dir: dir,
    }
}

/// What the manager is shown, whole, as JSON.
async fn shown(t: &Team) -> serde_json::Value {
    let view = leap_app::team::view(
        &t.store,
        &leap_app::Frameworks::default(),
        t.manager,
        day(20),
    )
    .await
    .expect("view");
    serde_json::to_value(view).expect("json")
}

/// The figures about the group: the summary and the shared gaps.
fn aggregates(v: &serde_json::Value) -> (serde_json::Value, serde_json::Value) {
    (v["summary"].clone(), v["shared_gaps"].clone())
}

async fn change(t: &Team, person: PersonId, seed: u64) {
    let hash = builtin_text().hash;
    t.store
        .add_assessment(person, &hash, Source::SelfRating, day(10), &levels(seed))
        .await
        .expect("new assessment");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn unshared_data_and_groups_below_the_minimum_change_no_figure(
        shares in prop::collection::vec(any::<bool>(), 3..7),
        seed in any::<u64>(),
        min_group in 3usize..6,
        new_seed in any::<u64>(),
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async {
            let seeds: Vec<u64> = (0..shares.len() as u64).map(|i| seed.wrapping_add(i)).collect();
            let t = team(&shares, &seeds, min_group).await;
            let before = shown(&t).await;
            let sharing = t.people.iter().filter(|(_, s)| *s).count();
            // Someone who does not share: nothing shown changes at all.
            if let Some((p, _)) = t.people.iter().find(|(_, s)| !*s) {
                change(&t, *p, new_seed).await;
                prop_assert_eq!(&shown(&t).await, &before);
            }
            // Below the minimum, a sharer's change moves no figure about
            // the group (their own row shows their own data, as they chose).
            if sharing < min_group {
                prop_assert!(before["summary"].is_null());
                if let Some((p, _)) = t.people.iter().find(|(_, s)| *s) {
                    change(&t, *p, new_seed ^ 1).await;
                    prop_assert_eq!(aggregates(&shown(&t).await), aggregates(&before));
                }
            } else {
                prop_assert_eq!(before["summary"]["people"].as_u64(), Some(sharing as u64));
            }
            Ok(())
        })?;
    }
}

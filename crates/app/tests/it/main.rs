//! The use cases on a fresh database: an SQLite file, or a PostgreSQL
//! database when LEAP_TEST_BACKEND=postgres (see `leap_store::testing`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod team;
mod transfer;

use chrono::NaiveDate;
use leap_store::{testing, FrameworkText, Location, PersonId, SqlStore};
use tempfile::TempDir;

fn day(d: u32) -> NaiveDate {
    testing::november(d)
}

fn builtin_text() -> FrameworkText {
    testing::builtin_text()
}

async fn store_with_profile(dir: &TempDir) -> (SqlStore, PersonId, Location) {
    testing::store_with_profile(&dir.path().join("leap.db"))
        .await
        .expect("store with a profile")
}

async fn second_person(store: &SqlStore) -> PersonId {
    testing::second_person(store).await.expect("second person")
}

//! What the team pages and the team API both open: a one-to-one for one
//! of its two, a direct report's rating form, each with the framework of
//! the person it is about (from the server's cache), and the bench.

use std::sync::Arc;

use leap_app::one_to_one::Opened;
use leap_core::Framework;
use leap_store::{Account, PersonId, RatingForm};

use crate::error::WebError;
use crate::state::AppState;

/// A one-to-one with its agenda, for one of the two; 404 for anyone else.
pub async fn open_one_to_one(
    state: &AppState,
    viewer: &Account,
    id: i64,
) -> Result<Opened, WebError> {
    let record = state.store.one_to_one(viewer.id, id).await?;
    let owner = state.store.profile(PersonId(record.person)).await?;
    let framework = state.framework(&owner.framework_hash).await?;
    Ok(leap_app::one_to_one::open(
        &*state.store,
        viewer,
        record,
        &owner,
        &framework,
        state.today(),
        state.now(),
    )
    .await?)
}

/// A direct report's rating form and their framework; 404 unless the
/// viewer manages them directly.
pub async fn rating_form(
    state: &AppState,
    manager: &Account,
    person: i64,
) -> Result<(RatingForm, Arc<Framework>), WebError> {
    let form = state
        .store
        .rating_form(manager.id, PersonId(person))
        .await?;
    let framework = state.framework(&form.framework_hash).await?;
    Ok((form, framework))
}

/// The succession bench as this account sees it (an administrator the
/// organisation's, a manager the people below them, anyone else
/// NotFound), narrowed to a team when one is given.
pub async fn bench(
    state: &AppState,
    viewer: &Account,
    manages: bool,
    team: Option<&str>,
) -> leap_app::Result<leap_app::succession::Bench> {
    let scope = leap_app::succession::scope(viewer.id, viewer.is_admin, manages)?;
    leap_app::succession::bench(&*state.store, &state.frameworks, scope, team).await
}

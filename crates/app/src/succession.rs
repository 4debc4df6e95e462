//! The succession bench: a person asks to be considered for management
//! roles; administrators and the managers above them see, role by role and
//! team by team, who could step up now, within two years or later, and why
//! (`leap_core::succession`). Read in a fixed number of queries whatever
//! the organisation's size ([`leap_store::SuccessionStore::bench`]).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use leap_core::succession::{self, Candidate, Horizon, RoleBench};
use leap_core::{Framework, RoleId};
use leap_store::{AccountId, Backend, BenchScope, PersonId};
use serde::Serialize;

use crate::{AppError, Result};

/// A management role, and whether the person asked to be considered.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoleChoice {
    pub role: RoleId,
    pub name: String,
    /// Since when they have asked; none when they have not.
    pub since: Option<NaiveDate>,
}

/// The management roles of the person's framework, each with their choice.
pub async fn choices(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
) -> Result<Vec<RoleChoice>> {
    let mine: BTreeMap<String, NaiveDate> = store
        .interests(person)
        .await?
        .into_iter()
        .map(|i| (i.role, i.since))
        .collect();
    Ok(succession::roles(framework)
        .into_iter()
        .map(|r| RoleChoice {
            role: r.id.clone(),
            name: r.name.clone(),
            since: mine.get(r.id.as_str()).copied(),
        })
        .collect())
}

/// Sets the roles the person asks to be considered for (none withdraws
/// from every bench). Each must be a management role of their framework;
/// on any other, nothing changes.
pub async fn consider(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    roles: &[String],
    today: NaiveDate,
) -> Result<Vec<RoleChoice>> {
    let roles = roles
        .iter()
        .map(|r| succession::parse_role(framework, "role", r.trim()).map(|id| id.to_string()))
        .collect::<Result<Vec<String>, _>>()?;
    store.set_interests(person, &roles, today).await?;
    choices(store, person, framework).await
}

/// The bench as its viewer sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Bench {
    /// The whole organisation (an administrator), or the people below the
    /// viewer.
    pub organisation: bool,
    /// Each management-track role of the frameworks in use.
    pub roles: Vec<RoleBench>,
    /// How many people asked to be considered, for one role or more.
    pub candidates: usize,
}

/// Who sees which bench: an administrator the organisation's, a manager
/// the people below them; anyone else none (NotFound, as for a page that
/// is not theirs).
pub fn scope(account: AccountId, is_admin: bool, manages: bool) -> Result<BenchScope> {
    if is_admin {
        Ok(BenchScope::Organisation)
    } else if manages {
        Ok(BenchScope::Line(account))
    } else {
        Err(AppError::Store(leap_store::StoreError::NotFound {
            what: "page",
            id: "bench".into(),
        }))
    }
}

pub async fn bench(store: &dyn Backend, scope: BenchScope) -> Result<Bench> {
    let data = store.bench(scope).await?;
    let mut cache = BTreeMap::new();
    // The management roles of every framework in view, in framework order.
    let mut roles: Vec<(RoleId, String)> = Vec::new();
    for hash in &data.frameworks {
        let f = crate::team::framework(store, &mut cache, hash).await?;
        for r in succession::roles(&f) {
            if !roles.iter().any(|(id, _)| *id == r.id) {
                roles.push((r.id.clone(), r.name.clone()));
            }
        }
    }
    let mut candidates = Vec::new();
    for p in &data.people {
        let f = crate::team::framework(store, &mut cache, &p.framework_hash).await?;
        for interest in &p.interests {
            // A role their framework no longer has is not on the bench.
            let Some(role) = f.role(&interest.role) else {
                continue;
            };
            let r = crate::readiness::from_records(
                &f,
                role,
                &p.self_levels,
                &p.manager_levels,
                &p.evidence,
            );
            candidates.push((
                role.id.clone(),
                Candidate {
                    name: p.name.clone(),
                    email: p.email.clone(),
                    team: p.team.clone(),
                    since: interest.since,
                    horizon: r.as_ref().map_or(Horizon::Later, |r| Horizon::of(r.band)),
                    band: r.as_ref().map(|r| r.band),
                    readiness: r.as_ref().map(|r| r.percent()),
                    explanation: r.as_ref().map_or_else(
                        || "Not judged yet: they have not assessed themselves.".to_owned(),
                        succession::reason,
                    ),
                },
            ));
        }
    }
    Ok(Bench {
        organisation: scope == BenchScope::Organisation,
        roles: succession::bench(&roles, candidates),
        candidates: data.people.len(),
    })
}

/// The bench as CSV, a line per candidate and role.
pub fn to_csv(bench: &Bench) -> Result<String> {
    Ok(succession::to_csv(&bench.roles)?)
}

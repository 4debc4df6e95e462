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
    /// The team it is narrowed to (with the teams inside it), if any.
    pub team: Option<String>,
    /// The teams it can be narrowed to: those of the people on it, and
    /// the teams those are part of.
    pub teams: Vec<String>,
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

/// The bench of everyone in `scope`, or of one team and the teams inside
/// it; a team with no one on the bench is refused, naming the field.
pub async fn bench(
    store: &dyn Backend,
    frameworks: &crate::Frameworks,
    scope: BenchScope,
    team: Option<&str>,
) -> Result<Bench> {
    let data = store.bench(scope).await?;
    // The management roles of every framework in view, in framework order.
    let mut roles: Vec<(RoleId, String)> = Vec::new();
    for hash in &data.frameworks {
        let f = frameworks.get(store, hash).await?;
        for r in succession::roles(&f) {
            if !roles.iter().any(|(id, _)| *id == r.id) {
                roles.push((r.id.clone(), r.name.clone()));
            }
        }
    }
    let mut candidates = Vec::new();
    for p in &data.people {
        let f = frameworks.get(store, &p.framework_hash).await?;
        let stored = crate::readiness::Stored {
            own: &p.self_levels,
            rated: &p.manager_levels,
            evidence: &p.evidence,
            named_gaps: &p.named_gaps,
        };
        // The role they hold, judged once for every role they asked for.
        let held = f.role(&p.current_role);
        let judge = |role| crate::readiness::from_records(&f, role, &stored, held);
        let in_held = held.and_then(judge);
        for interest in &p.interests {
            // A role their framework no longer has is not on the bench.
            let Some(role) = f.role(&interest.role) else {
                continue;
            };
            let r = judge(role);
            let placed = r
                .as_ref()
                .map(|r| succession::place(&f, held, role, r, in_held.as_ref()));
            candidates.push((
                role.id.clone(),
                Candidate {
                    name: p.name.clone(),
                    email: p.email.clone(),
                    team: p.team.clone(),
                    since: interest.since,
                    horizon: placed.as_ref().map_or(Horizon::Later, |x| x.horizon),
                    band: r.as_ref().map(|r| r.band),
                    readiness: r.as_ref().map(|r| r.percent()),
                    explanation: placed.map_or_else(
                        || "Not judged yet: they have not assessed themselves.".to_owned(),
                        |x| x.reason,
                    ),
                },
            ));
        }
    }
    // The teams of the people in view, and the teams those are part of.
    let tree: Vec<(String, Option<String>)> = store
        .teams()
        .await?
        .into_iter()
        .map(|t| (t.name, t.parent))
        .collect();
    let mut teams = std::collections::BTreeSet::new();
    for p in &data.people {
        let mut at = p.team.clone();
        while let Some(t) = at.filter(|t| teams.insert(t.clone())) {
            at = tree
                .iter()
                .find(|(n, _)| *n == t)
                .and_then(|(_, parent)| parent.clone());
        }
    }
    let team = team.map(str::trim).filter(|t| !t.is_empty());
    if let Some(t) = team {
        if !teams.contains(t) {
            return Err(leap_core::InvalidValue::new(
                "team",
                t,
                "a team with people on this bench (as the Bench page lists them)",
            )
            .into());
        }
        let inside = leap_core::org::within(&tree, t);
        candidates.retain(|(_, c)| c.team.as_deref().is_some_and(|n| inside.contains(n)));
    }
    let people: std::collections::BTreeSet<(&str, &str)> = candidates
        .iter()
        .map(|(_, c)| (c.email.as_str(), c.name.as_str()))
        .collect();
    let count = people.len();
    Ok(Bench {
        organisation: scope == BenchScope::Organisation,
        roles: succession::bench(&roles, candidates),
        candidates: count,
        team: team.map(str::to_owned),
        teams: teams.into_iter().collect(),
    })
}

/// The bench as CSV, a line per candidate and role.
pub fn to_csv(bench: &Bench) -> Result<String> {
    Ok(succession::to_csv(&bench.roles)?)
}

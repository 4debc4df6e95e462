//! Reads that combine stored records with the domain, shared by the command
//! line and the web application.

use leap_core::assessment::Levels;
use leap_core::readiness::{self, Readiness};
use leap_core::{Framework, Role};

use crate::{AssessmentRecord, FrameworkText, PersonId, Result, Store};

impl FrameworkText {
    /// A validated framework and its source text, as they are stored.
    pub fn of(framework: &Framework, content: &str) -> Self {
        Self {
            hash: leap_core::framework::content_hash(content),
            id: framework.id.clone(),
            name: framework.name.clone(),
            version: framework.version.clone(),
            content: content.to_owned(),
        }
    }
}

/// The latest self-assessment, with its levels read against `framework`
/// (competencies the framework no longer has are dropped).
pub async fn latest_self_levels(
    store: &dyn Store,
    person: PersonId,
    framework: &Framework,
) -> Result<Option<(AssessmentRecord, Levels)>> {
    let all = store.assessments(person).await?;
    Ok(all.into_iter().rev().find(|a| a.source == "self").map(|a| {
        let levels = Levels::from_stored(framework, a.levels.clone());
        (a, levels)
    }))
}

/// Readiness for `role` from the latest self-assessment and the evidence;
/// `None` before the first assessment.
pub async fn readiness_for(
    store: &dyn Store,
    person: PersonId,
    framework: &Framework,
    role: &Role,
) -> Result<Option<Readiness>> {
    let Some((_, levels)) = latest_self_levels(store, person, framework).await? else {
        return Ok(None);
    };
    let evidence = store.evidence_counts(person).await?;
    Ok(Some(readiness::assess(framework, role, &levels, &evidence)))
}

/// Generates a new plan toward `role` and stores it: done and dropped
/// actions are not proposed again; finished items are kept. `None` before
/// the first assessment.
pub async fn generate_plan(
    store: &dyn Store,
    person: PersonId,
    framework: &Framework,
    role: &Role,
    horizon_months: u32,
    today: chrono::NaiveDate,
) -> Result<Option<(crate::PlanRecord, leap_core::plan::Proposal, Readiness)>> {
    let Some(readiness) = readiness_for(store, person, framework, role).await? else {
        return Ok(None);
    };
    let current = store.plan(person).await?;
    let exclude: std::collections::BTreeSet<leap_core::framework::ActionId> = current
        .items
        .iter()
        .filter(|i| i.status != "todo")
        .filter_map(|i| i.action.as_deref())
        .filter_map(|a| framework.action(a))
        .map(|a| a.id.clone())
        .collect();
    let proposal = leap_core::plan::generate(&leap_core::plan::Request {
        framework,
        role,
        readiness: &readiness,
        horizon_months,
        start: today,
        exclude: &exclude,
    });
    let record = store
        .replace_plan(
            person,
            crate::NewPlan {
                target_role: role.id.as_str(),
                horizon_months,
                today,
                items: &proposal.items,
            },
        )
        .await?;
    Ok(Some((record, proposal, readiness)))
}

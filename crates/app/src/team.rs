//! A manager's team: each person as far as they share with the manager,
//! the heatmap of their gaps, and the gaps the team shares. Read in a
//! fixed number of queries whatever the team's size
//! ([`leap_store::OrgStore::team`]); readiness is judged per person in
//! memory from the self-assessment, the manager's rating and the evidence
//! counts (closed 360 feedback is on the person's own pages).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use leap_core::readiness::{Band, Readiness};
use leap_core::sharing::Part;
use leap_core::team::{self, SharedGap, Summary};
use leap_core::CompetencyId;
use leap_store::{AccountId, Backend, Report};
use serde::Serialize;

use crate::Result;

/// One person of the team; `None` where they do not share the part.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamRow {
    #[serde(flatten)]
    pub report: Report,
    pub parts: Vec<Part>,
    /// The target role's name (with the plan or assessments shared).
    pub target: Option<String>,
    /// With the assessments shared and a self-assessment made.
    pub readiness: Option<u32>,
    pub band: Option<Band>,
    /// Plan items done, open and overdue (plan shared).
    pub plan_done: Option<i64>,
    pub plan_open: Option<i64>,
    pub plan_overdue: Option<i64>,
    /// The last check-in (plan shared).
    pub last_checkin: Option<NaiveDate>,
    pub last_checkin_readiness: Option<i64>,
}

/// A competency of the heatmap.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Row {
    pub id: CompetencyId,
    pub name: String,
}

/// Competencies × people: each cell the person's gap to their target.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Heatmap {
    /// The competencies of the framework the people shown are measured on.
    pub competencies: Vec<Row>,
    pub people: Vec<String>,
    /// `gaps[competency][person]`: expected minus current, 0 when met.
    pub gaps: Vec<Vec<u8>>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamView {
    pub people: Vec<TeamRow>,
    /// None until someone shares their assessments.
    pub heatmap: Option<Heatmap>,
    /// Over those who share their assessments, at least `min_group` of
    /// them; none below.
    pub summary: Option<Summary>,
    /// Over the same people, on the framework most of them use.
    pub shared_gaps: Vec<SharedGap>,
    /// How many share their assessments (the shared gaps need
    /// `min_group`).
    pub sharing_assessments: usize,
    /// The smallest group an aggregate is shown over, as the organisation
    /// set it (never below three).
    pub min_group: usize,
}

pub async fn view(
    store: &dyn Backend,
    frameworks: &crate::Frameworks,
    manager: AccountId,
    today: NaiveDate,
) -> Result<TeamView> {
    let members = store.team(manager, today).await?;
    let min_group = store.min_group().await?;
    let mut people = Vec::new();
    // Readiness of those who share their assessments, by framework.
    let mut judged: Vec<(String, String, Readiness)> = Vec::new();
    for m in members {
        let f = frameworks.get(store, &m.framework_hash).await?;
        let role = f.role(&m.target_role);
        let sees = |p: Part| m.parts.contains(&p);
        let readiness = match role {
            Some(role) if sees(Part::Assessments) => crate::readiness::from_records(
                &f,
                role,
                &crate::readiness::Stored {
                    own: &m.self_levels,
                    rated: &m.manager_levels,
                    evidence: &m.evidence,
                    named_gaps: &m.named_gaps,
                },
                f.role(&m.current_role),
            ),
            _ => None,
        };
        let target = (sees(Part::Assessments) || sees(Part::Plan))
            .then(|| role.map_or_else(|| m.target_role.clone(), |r| r.name.clone()));
        people.push(TeamRow {
            parts: m.parts.clone(),
            target,
            readiness: readiness.as_ref().map(|r| r.percent()),
            band: readiness.as_ref().map(|r| r.band),
            plan_done: m.plan.map(|p| p.0),
            plan_open: m.plan.map(|p| p.1),
            plan_overdue: m.plan.map(|p| p.2),
            last_checkin: m.last_checkin.map(|c| c.0),
            last_checkin_readiness: m.last_checkin.map(|c| c.1),
            report: m.report.clone(),
        });
        if let Some(r) = readiness {
            judged.push((m.framework_hash.clone(), m.report.name.clone(), r));
        }
    }
    // The heatmap and shared gaps over the framework most of them use.
    let mut by_framework: BTreeMap<&str, usize> = BTreeMap::new();
    for (hash, _, _) in &judged {
        *by_framework.entry(hash.as_str()).or_default() += 1;
    }
    let main = by_framework
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(h, _)| (*h).to_owned());
    let (heatmap, shared_gaps) = match main {
        Some(hash) => {
            let f = frameworks.get(store, &hash).await?;
            let shown: Vec<&(String, String, Readiness)> =
                judged.iter().filter(|(h, _, _)| *h == hash).collect();
            let heatmap = Heatmap {
                competencies: f
                    .competencies
                    .iter()
                    .map(|c| Row {
                        id: c.id.clone(),
                        name: c.name.clone(),
                    })
                    .collect(),
                people: shown.iter().map(|(_, n, _)| n.clone()).collect(),
                gaps: f
                    .competencies
                    .iter()
                    .map(|c| {
                        shown
                            .iter()
                            .map(|(_, _, r)| {
                                r.competencies
                                    .iter()
                                    .find(|x| x.id == c.id)
                                    .map_or(0, |x| x.gap)
                            })
                            .collect()
                    })
                    .collect(),
            };
            let readiness: Vec<&Readiness> = shown.iter().map(|(_, _, r)| r).collect();
            let gaps = team::shared_gaps(&f, &readiness, min_group);
            (Some(heatmap), gaps)
        }
        None => (None, Vec::new()),
    };
    let all: Vec<&Readiness> = judged.iter().map(|(_, _, r)| r).collect();
    Ok(TeamView {
        summary: team::summary(&all, min_group),
        people,
        heatmap,
        shared_gaps,
        sharing_assessments: judged.len(),
        min_group,
    })
}

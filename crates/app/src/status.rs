//! The status at a glance: readiness, top gaps, what is due, recent
//! evidence and the next step.

use chrono::NaiveDate;
use leap_core::readiness::Readiness;
use leap_core::Framework;
use leap_store::Backend;

use crate::readiness::{latest_self_levels, Judged};
use crate::Result;

/// Plan items due within this many days count as due in the summary.
pub const DUE_WITHIN_DAYS: i64 = 30;
pub const TOP_GAPS: usize = 3;
pub const RECENT_EVIDENCE: u32 = 5;

/// What to do next, in the order the loop goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    FitCheck,
    Assess,
    GeneratePlan,
    /// Critical competencies with no evidence.
    Evidence(Vec<String>),
    /// The first overdue plan item.
    Overdue(i64),
}

impl Next {
    pub fn text(&self) -> String {
        match self {
            Self::FitCheck => "Take the fit check.".to_owned(),
            Self::Assess => "Assess yourself against every competency.".to_owned(),
            Self::GeneratePlan => "Turn your gaps into a plan.".to_owned(),
            Self::Evidence(ids) => format!("Record evidence for {}.", ids.join(", ")),
            Self::Overdue(id) => format!("Plan item #{id} is overdue: finish it or drop it."),
        }
    }

    /// The command that does it.
    pub fn command(&self) -> String {
        match self {
            Self::FitCheck => "leap fit".to_owned(),
            Self::Assess => "leap assess".to_owned(),
            Self::GeneratePlan => "leap plan generate".to_owned(),
            Self::Evidence(_) => "leap log TEXT --competency ID".to_owned(),
            Self::Overdue(id) => format!("leap plan done {id}"),
        }
    }
}

/// Where a person stands, on one screen: `leap status` and the API's
/// `/api/v1/status`.
#[derive(Debug, Clone)]
pub struct Status {
    pub profile: leap_store::Profile,
    pub framework_id: String,
    pub readiness: Option<Readiness>,
    pub due: Vec<leap_store::PlanItemRecord>,
    pub recent: Vec<leap_store::EvidenceRecord>,
    pub last_fit: Option<leap_store::FitRecord>,
    pub next: Vec<Next>,
    /// What the latest plan said first.
    pub plan_notes: Vec<String>,
}

pub async fn status(
    store: &dyn Backend,
    profile: &leap_store::Profile,
    framework: &Framework,
    today: NaiveDate,
) -> Result<Status> {
    let person = profile.person;
    // One read of the history: whether there is an assessment, and readiness.
    let latest = latest_self_levels(store, person, framework).await?;
    let assessed = latest.is_some();
    let readiness = match (framework.role(&profile.target_role), latest) {
        (Some(role), Some((_, levels))) => Some(
            Judged::read(store, person, framework, &levels, today)
                .await?
                .readiness(
                    framework,
                    role,
                    &levels,
                    framework.role(&profile.current_role),
                ),
        ),
        _ => None,
    };
    let plan = store.plan(person).await?;
    let horizon = today + chrono::Duration::days(DUE_WITHIN_DAYS);
    let due: Vec<leap_store::PlanItemRecord> = plan
        .items
        .iter()
        .filter(|i| i.status == leap_core::plan::ItemStatus::Todo && i.due <= horizon)
        .cloned()
        .collect();
    let recent = store.recent_evidence(person, RECENT_EVIDENCE).await?;
    let last_fit = store.fit_checks(person).await?.pop();
    let mut next = Vec::new();
    if last_fit.is_none() {
        next.push(Next::FitCheck);
    }
    if !assessed {
        next.push(Next::Assess);
    } else if plan.items.is_empty() {
        next.push(Next::GeneratePlan);
    }
    if let Some(r) = &readiness {
        if !r.missing_evidence.is_empty() {
            // Names, as the person reads them.
            next.push(Next::Evidence(
                r.missing_evidence
                    .iter()
                    .map(|c| {
                        framework
                            .competency(c.as_str())
                            .map_or(c.to_string(), |x| x.name.clone())
                    })
                    .collect(),
            ));
        }
    }
    if let Some(overdue) = due.iter().find(|i| i.due < today) {
        next.push(Next::Overdue(overdue.id));
    }
    Ok(Status {
        profile: profile.clone(),
        framework_id: framework.id.clone(),
        readiness,
        due,
        recent,
        last_fit,
        next,
        plan_notes: plan.notes,
    })
}

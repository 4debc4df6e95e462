//! Reads that combine stored records with the domain, shared by the command
//! line and the web application.

use chrono::NaiveDate;
use leap_core::assessment::Levels;
use leap_core::feedback::{self, Answer, FeedbackLevels, Group, Rating, Response, Results};
use leap_core::readiness::{self, Readiness};
use leap_core::{CompetencyId, Framework, Role};

use crate::feedback::{FeedbackRequestRecord, StoredResponse};
use crate::{AssessmentRecord, Backend, FrameworkText, PersonId, Result, Store, StoreError};

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

/// Readiness for `role` from the latest self-assessment, the visible
/// feedback of closed 360 requests and the evidence; `None` before the
/// first self-assessment.
pub async fn readiness_for(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    role: &Role,
    today: NaiveDate,
) -> Result<Option<Readiness>> {
    let Some((_, levels)) = latest_self_levels(store, person, framework).await? else {
        return Ok(None);
    };
    let feedback = feedback_levels(store, person, framework, &levels, today).await?;
    let evidence = store.evidence_counts(person).await?;
    Ok(Some(readiness::assess_with_feedback(
        framework, role, &levels, &feedback, &evidence,
    )))
}

/// The answers of a request as the domain reads them: competencies the
/// framework does not know and levels off its scale are dropped.
fn responses(framework: &Framework, stored: Vec<StoredResponse>) -> Vec<(Group, Response)> {
    stored
        .into_iter()
        .map(|r| {
            let answers = r
                .answers
                .into_iter()
                .filter_map(|(id, level, comment)| {
                    let c = framework.competency(&id)?;
                    let rating = match level {
                        None => Rating::NotObserved,
                        Some(l) => Rating::Level(framework.scale.level("level", l).ok()?),
                    };
                    Some((c.id.clone(), Answer { rating, comment }))
                })
                .collect();
            (
                r.group,
                Response {
                    answers,
                    overall: r.overall,
                },
            )
        })
        .collect()
}

/// The results of one of the person's requests, with the anonymity rules
/// applied and the person's latest self-assessment beside them; only once
/// the request has closed (while raters can still answer, a change in the
/// figures could tell who just did).
pub async fn feedback_results(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    request: &FeedbackRequestRecord,
    today: NaiveDate,
) -> Result<Results> {
    let self_levels = latest_self_levels(store, person, framework)
        .await?
        .map(|(_, l)| l)
        .unwrap_or_default();
    results_with(store, person, framework, request, &self_levels, today).await
}

/// [`feedback_results`] with the self levels already read.
async fn results_with(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    request: &FeedbackRequestRecord,
    self_levels: &Levels,
    today: NaiveDate,
) -> Result<Results> {
    if request.closed(today).is_none() {
        return Err(StoreError::Conflict(format!(
            "the results of feedback request {} are shown once it closes (after {}, or when you close it): \
             while raters can still answer, a change in the figures could tell who just did",
            request.id, request.closes_on
        )));
    }
    let stored = store.feedback_responses(person, request.id).await?;
    let asked: Vec<CompetencyId> = request
        .competencies
        .iter()
        .filter_map(|id| framework.competency(id).map(|c| c.id.clone()))
        .collect();
    Ok(feedback::results(
        framework,
        &asked,
        self_levels,
        request.minimums,
        &responses(framework, stored),
    ))
}

/// What closed requests' visible feedback says, for readiness (oldest
/// first, so the latest request with visible feedback on a competency wins).
pub async fn feedback_levels(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    self_levels: &Levels,
    today: NaiveDate,
) -> Result<FeedbackLevels> {
    let mut closed: Vec<FeedbackRequestRecord> = store
        .feedback_requests(person)
        .await?
        .into_iter()
        .filter(|r| r.closed(today).is_some())
        .collect();
    closed.sort_by_key(|r| (r.closed(today), r.id));
    let mut all = Vec::with_capacity(closed.len());
    for r in &closed {
        all.push(results_with(store, person, framework, r, self_levels, today).await?);
    }
    Ok(FeedbackLevels::from_results(&all))
}

/// Generates a new plan toward `role` and stores it: done and dropped
/// actions are not proposed again; finished items are kept. `None` before
/// the first assessment.
pub async fn generate_plan(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    role: &Role,
    horizon_months: u32,
    today: chrono::NaiveDate,
) -> Result<Option<(crate::PlanRecord, leap_core::plan::Proposal, Readiness)>> {
    let Some(readiness) = readiness_for(store, person, framework, role, today).await? else {
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
}

/// Where a person stands, on one screen: `leap status` and the API's
/// `/api/v1/status`.
#[derive(Debug, Clone)]
pub struct Status {
    pub profile: crate::Profile,
    pub framework_id: String,
    pub readiness: Option<Readiness>,
    pub due: Vec<crate::PlanItemRecord>,
    pub recent: Vec<crate::EvidenceRecord>,
    pub last_fit: Option<crate::FitRecord>,
    pub next: Vec<Next>,
}

pub async fn status(
    store: &dyn Backend,
    profile: &crate::Profile,
    framework: &Framework,
    today: chrono::NaiveDate,
) -> Result<Status> {
    let person = profile.person;
    // One read of the history: whether there is an assessment, and readiness.
    let latest = latest_self_levels(store, person, framework).await?;
    let assessed = latest.is_some();
    let readiness = match (framework.role(&profile.target_role), latest) {
        (Some(role), Some((_, levels))) => {
            let feedback = feedback_levels(store, person, framework, &levels, today).await?;
            let evidence = store.evidence_counts(person).await?;
            Some(readiness::assess_with_feedback(
                framework, role, &levels, &feedback, &evidence,
            ))
        }
        _ => None,
    };
    let plan = store.plan(person).await?;
    let horizon = today + chrono::Duration::days(DUE_WITHIN_DAYS);
    let due: Vec<crate::PlanItemRecord> = plan
        .items
        .iter()
        .filter(|i| i.status == "todo" && i.due <= horizon)
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
            next.push(Next::Evidence(
                r.missing_evidence.iter().map(|c| c.to_string()).collect(),
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
    })
}

impl<'a> crate::NewEvidence<'a> {
    /// A validated journal entry, as the store writes it.
    pub fn from_entry(e: &'a leap_core::evidence::NewEntry, today: chrono::NaiveDate) -> Self {
        Self {
            date: e.date,
            text: e.text.as_str(),
            kind: e.kind.as_str(),
            competencies: &e.competencies,
            today,
        }
    }
}

/// Scores a fit check and keeps it in the person's history.
pub async fn take_fit_check(
    store: &dyn Store,
    profile: &crate::Profile,
    framework: &Framework,
    answers: &leap_core::fit::FitAnswers,
    date: chrono::NaiveDate,
) -> Result<leap_core::fit::FitResult> {
    let result = leap_core::fit::score(framework, answers);
    store
        .add_fit_check(
            profile.person,
            &profile.framework_hash,
            date,
            answers,
            &result,
        )
        .await?;
    Ok(result)
}

//! 360 feedback: what closed requests' visible answers say (within the
//! anonymity rules), and making a request (`request`).

use chrono::NaiveDate;
use leap_core::assessment::Levels;
use leap_core::feedback::{self, Answer, FeedbackLevels, Group, Rating, Response, Results};
use leap_core::{CompetencyId, Framework};
use leap_store::feedback::{FeedbackRequestRecord, StoredResponse};
use leap_store::{Backend, PersonId, StoreError};

use crate::readiness::latest_self_levels;
use crate::Result;

mod request;

pub use request::{check_public_url, create_request, invitation_text, Created, Link, RATER_PATH};

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
                    let c = framework.competency(id.as_str())?;
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
pub(crate) async fn results_with(
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
        ))
        .into());
    }
    if let Some(imported) = &request.imported {
        return Ok(imported.results(framework, self_levels, request.minimums));
    }
    let stored = store.feedback_responses(person, request.id).await?;
    let asked: Vec<CompetencyId> = request
        .competencies
        .iter()
        .filter_map(|id| framework.competency(id.as_str()).map(|c| c.id.clone()))
        .collect();
    Ok(feedback::results(
        framework,
        &asked,
        self_levels,
        request.minimums,
        &responses(framework, stored),
    ))
}

/// Every closed request's visible results with the day it closed, oldest
/// first (by closing day).
pub async fn closed_feedback(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    self_levels: &Levels,
    today: NaiveDate,
) -> Result<Vec<(NaiveDate, Results)>> {
    let mut closed: Vec<(NaiveDate, FeedbackRequestRecord)> = store
        .feedback_requests(person)
        .await?
        .into_iter()
        .filter_map(|r| r.closed(today).map(|d| (d, r)))
        .collect();
    closed.sort_by_key(|(d, r)| (*d, r.id));
    let mut all = Vec::with_capacity(closed.len());
    for (d, r) in &closed {
        all.push((
            *d,
            results_with(store, person, framework, r, self_levels, today).await?,
        ));
    }
    Ok(all)
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
    let all = closed_feedback(store, person, framework, self_levels, today).await?;
    Ok(FeedbackLevels::from_results(all.iter().map(|(_, r)| r)))
}

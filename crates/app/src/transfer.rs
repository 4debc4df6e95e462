//! A person's data as one document: the export, with the 360 results of
//! closed requests worked out (import and deletion are the store's
//! `TransferStore`).

use chrono::NaiveDate;
use leap_core::transfer::{Document, FeedbackResults};
use leap_core::Framework;
use leap_store::transfer::Progress;
use leap_store::{Backend, PersonId};

use crate::Result;

/// The export and what it left out.
pub struct Export {
    pub document: Document,
    /// 360 requests still open: their results are not visible yet.
    pub open_requests: usize,
}

/// All of the person's data, with the 360 results of closed requests
/// (visible groups only, no raters).
pub async fn export(
    store: &dyn Backend,
    person: PersonId,
    today: NaiveDate,
    progress: &dyn Progress,
) -> Result<Export> {
    let mut document = store.export_records(person).await?;
    document.exported_on = today;
    let mut requests = store.feedback_requests(person).await?;
    requests.reverse();
    let open_requests = requests.iter().filter(|r| r.is_open(today)).count();
    let closed: Vec<_> = requests.iter().filter(|r| !r.is_open(today)).collect();
    let mut frameworks: std::collections::BTreeMap<String, Framework> = Default::default();
    for (i, r) in closed.iter().enumerate() {
        if !frameworks.contains_key(&r.framework_hash) {
            let text = store.framework_text(&r.framework_hash).await?;
            let f = Framework::load(&text.name, &text.content)
                .map_err(|e| leap_store::StoreError::Corrupt(e.to_string()))?;
            frameworks.insert(r.framework_hash.clone(), f);
        }
        let framework = &frameworks[&r.framework_hash];
        // What travels has no self level, so none is read for it.
        let results = crate::feedback::results_with(
            store,
            person,
            framework,
            r,
            &leap_core::assessment::Levels::default(),
            today,
        )
        .await?;
        document
            .feedback
            .push(leap_core::transfer::FeedbackRequest {
                framework_hash: r.framework_hash.clone(),
                created_on: r.created_on,
                closes_on: r.closes_on,
                closed_on: r.closed_on,
                minimums: r.minimums,
                competencies: r.competencies.iter().map(ToString::to_string).collect(),
                results: FeedbackResults::of(&results),
            });
        progress.step("feedback", i as u64 + 1, closed.len() as u64);
    }
    Ok(Export {
        document,
        open_requests,
    })
}

//! What another account sees of a person's shared data: checked against
//! the share and written to the owner's audit log on every read (by
//! `SharingStore::open_shared`), for the pages and the API alike.

use std::sync::Arc;

use leap_app::json::{
    AssessmentsView, FeedbackResultsView, JournalView, PlanView, SharedDataView, SharedPartView,
};
use leap_core::feedback::Results;
use leap_core::sharing::Part;
use leap_core::Framework;
use leap_store::sharing::{CommentRecord, Reader};
use leap_store::{Account, AssessmentRecord, EvidenceRecord, PersonId, PlanRecord, Profile};

use crate::error::WebError;
use crate::state::AppState;

pub enum Data {
    Plan(PlanRecord),
    Journal(Vec<EvidenceRecord>),
    Assessments(Vec<AssessmentRecord>),
    /// Closed requests and their results, anonymity rules applied. Who
    /// was asked is not shared.
    Feedback(Vec<(i64, Option<chrono::NaiveDate>, Results)>),
}

pub struct Shared {
    pub owner: Profile,
    pub framework: Arc<Framework>,
    pub part: Part,
    pub data: Data,
    /// Comments on the plan's items or the journal's entries.
    pub comments: Vec<CommentRecord>,
}

/// A part's name in a path; an unknown one is "not found", like a part
/// that is not shared.
pub fn part(s: &str) -> Result<Part, WebError> {
    Part::parse("part", s).map_err(|_| WebError::not_found("shared data"))
}

/// Opens `part` of `person`'s data for `reader`: 404 unless it is shared
/// with them (the same answer whether the person exists or not).
pub async fn open(
    state: &AppState,
    reader: &Account,
    person: i64,
    part: Part,
) -> Result<Shared, WebError> {
    let person = PersonId(person);
    let store = &*state.store;
    store
        .open_shared(
            Reader::from(reader),
            person,
            part,
            &format!("read {part}"),
            state.now(),
        )
        .await?;
    let owner = store.profile(person).await?;
    let framework = state.framework(&owner.framework_hash).await?;
    let today = state.today();
    let on_part = |c: &CommentRecord| c.on.part() == part;
    let comments = match part {
        Part::Plan | Part::Journal => store
            .comments(person)
            .await?
            .into_iter()
            .filter(on_part)
            .collect(),
        _ => Vec::new(),
    };
    let data = match part {
        Part::Plan => Data::Plan(store.plan(person).await?),
        Part::Journal => Data::Journal(store.journal(person, None).await?),
        Part::Assessments => Data::Assessments(store.assessments(person).await?),
        Part::Feedback => {
            let mut out = Vec::new();
            for r in store.feedback_requests(person).await? {
                if r.closed(today).is_none() {
                    continue;
                }
                let results =
                    leap_app::feedback::feedback_results(store, person, &framework, &r, today)
                        .await?;
                out.push((r.id, r.closed(today), results));
            }
            Data::Feedback(out)
        }
    };
    Ok(Shared {
        owner,
        framework,
        part,
        data,
        comments,
    })
}

impl Shared {
    /// The API's answer: `{owner, person, part, comments, <part's data>}`.
    pub fn view(&self) -> SharedPartView {
        let data = match &self.data {
            Data::Plan(plan) => SharedDataView::Plan(PlanView::new(plan, &self.owner.target_role)),
            Data::Journal(entries) => SharedDataView::Journal(JournalView::new(entries)),
            Data::Assessments(all) => SharedDataView::Assessments(AssessmentsView::new(all)),
            Data::Feedback(results) => SharedDataView::Feedback {
                results: results
                    .iter()
                    .map(|(id, closed, results)| FeedbackResultsView {
                        id: *id,
                        closed_on: *closed,
                        results: results.clone(),
                    })
                    .collect(),
            },
        };
        SharedPartView {
            owner: self.owner.name.clone(),
            person: self.owner.person.0,
            part: self.part,
            comments: self.comments.clone(),
            data,
        }
    }
}

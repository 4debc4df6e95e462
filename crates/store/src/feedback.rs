//! 360 feedback as stored: requests, raters and their answers. What the
//! person asking may see goes through `leap_core::feedback::results`;
//! nothing here hands them a rater's answers with the rater attached.

use async_trait::async_trait;
use chrono::NaiveDate;
use leap_core::feedback::{Group, Minimums, Response};
use leap_core::CompetencyId;

use crate::{PersonId, Result};

/// A rater to create: the token is made by the caller and stored only as
/// its hash.
pub struct NewRater<'a> {
    pub group: Group,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub token_hash: String,
}

pub struct NewFeedbackRequest<'a> {
    pub framework_hash: &'a str,
    pub created_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub minimums: Minimums,
    pub competencies: &'a [String],
    pub raters: Vec<NewRater<'a>>,
}

/// A rater as the person asking sees them: never whether they answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaterRecord {
    pub id: i64,
    pub group: Group,
    pub name: String,
    pub email: Option<String>,
    pub invited: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackRequestRecord {
    pub id: i64,
    pub framework_hash: String,
    pub created_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub minimums: Minimums,
    pub competencies: Vec<CompetencyId>,
    pub raters: Vec<RaterRecord>,
    /// How many raters of each group have answered, in group order.
    pub answered: Vec<(Group, u32)>,
    /// For a request brought in by `leap import`: its visible results, as
    /// the export carried them (it has no raters).
    pub imported: Option<leap_core::transfer::FeedbackResults>,
}

impl FeedbackRequestRecord {
    /// Open to answers on `today`: not closed early, closing day not past.
    pub fn is_open(&self, today: NaiveDate) -> bool {
        self.closed(today).is_none()
    }

    /// The day answers stopped, once they have.
    pub fn closed(&self, today: NaiveDate) -> Option<NaiveDate> {
        leap_core::feedback::closed_on(self.closes_on, self.closed_on, today)
    }

    pub fn answered_total(&self) -> u32 {
        self.answered.iter().map(|(_, n)| n).sum()
    }

    /// Per group named in the request: how many answered and how many were
    /// asked. Counts only, never who.
    pub fn answered_per_group(&self) -> Vec<(Group, u32, u32)> {
        Group::EVERY
            .into_iter()
            .filter_map(|g| {
                let asked = self.raters.iter().filter(|r| r.group == g).count() as u32;
                let answered = self
                    .answered
                    .iter()
                    .find(|(x, _)| *x == g)
                    .map_or(0, |(_, n)| *n);
                (asked > 0).then_some((g, answered, asked))
            })
            .collect()
    }
}

/// What a rater's link opens: the request as the rater needs it, and what
/// they answered so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaterInvitation {
    pub request: i64,
    pub person_name: String,
    pub framework_hash: String,
    pub group: Group,
    pub name: String,
    pub closes_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    /// Answers needed before a group is shown: what the rater is told.
    pub minimums: Minimums,
    pub competencies: Vec<CompetencyId>,
    /// Per competency: the level (`None`: not observed) and the comment.
    pub answers: Vec<(CompetencyId, Option<i64>, Option<String>)>,
    pub overall: Option<String>,
    pub answered: bool,
}

impl RaterInvitation {
    pub fn is_open(&self, today: NaiveDate) -> bool {
        leap_core::feedback::closed_on(self.closes_on, self.closed_on, today).is_none()
    }
}

/// The answers of one rater, for results: the group only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub group: Group,
    pub answers: Vec<(CompetencyId, Option<i64>, Option<String>)>,
    pub overall: Option<String>,
}

#[async_trait]
pub trait FeedbackStore: Send + Sync {
    /// Creates a request with its competencies and raters, in one
    /// transaction.
    async fn create_feedback_request(
        &self,
        person: PersonId,
        new: NewFeedbackRequest<'_>,
    ) -> Result<FeedbackRequestRecord>;
    /// The person's requests, newest first.
    async fn feedback_requests(&self, person: PersonId) -> Result<Vec<FeedbackRequestRecord>>;
    /// One of the person's requests (NotFound for anyone else's).
    async fn feedback_request(&self, person: PersonId, id: i64) -> Result<FeedbackRequestRecord>;
    /// Closes an open request on `date`; Conflict when already closed.
    async fn close_feedback_request(
        &self,
        person: PersonId,
        id: i64,
        date: NaiveDate,
    ) -> Result<()>;
    /// Sets new minimums; Conflict once any rater has answered.
    async fn set_feedback_minimums(
        &self,
        person: PersonId,
        id: i64,
        minimums: Minimums,
    ) -> Result<()>;
    /// Notes that invitations went out by e-mail to these raters.
    async fn mark_invited(&self, person: PersonId, raters: &[i64]) -> Result<()>;
    /// The answers of one of the person's requests (none for anyone
    /// else's), each with its group only, in an order that has nothing to
    /// do with who answered or when.
    async fn feedback_responses(&self, person: PersonId, id: i64) -> Result<Vec<StoredResponse>>;
    /// What the link with this token hash opens; `None` for no such link.
    async fn rater_invitation(&self, token_hash: &str) -> Result<Option<RaterInvitation>>;
    /// Replaces a rater's answers while the request is open on `today`
    /// (Conflict after).
    async fn save_rater_response(
        &self,
        token_hash: &str,
        today: NaiveDate,
        response: &Response,
    ) -> Result<()>;
}

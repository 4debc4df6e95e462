//! What a person can share, read-only, with another account (a mentor or
//! their manager): each part separately.

use crate::named::named_enum;

pub const MAX_COMMENT: usize = 2000;

named_enum! {
    pub enum Part {
        Plan = "plan",
        Journal = "journal",
        Assessments = "assessments",
        Feedback = "feedback",
    }
}

named_enum! {
    /// What a mentor's or manager's comment is about.
    pub enum CommentOn {
        PlanItem = "plan-item",
        JournalEntry = "journal-entry",
    }
}

impl CommentOn {
    /// The part that must be shared for a comment on this.
    pub fn part(self) -> Part {
        match self {
            Self::PlanItem => Part::Plan,
            Self::JournalEntry => Part::Journal,
        }
    }
}

/// A comment's text: 1 to [`MAX_COMMENT`] characters.
pub fn comment(s: &str) -> Result<String, crate::InvalidValue> {
    crate::text::required("comment", s, MAX_COMMENT)
}

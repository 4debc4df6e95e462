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
    /// Who in a person's reporting line sees a part of their data: no one,
    /// their manager, or their manager and every manager above.
    pub enum Reach {
        Nobody = "nobody",
        Manager = "manager",
        Line = "line",
    }
}

impl Reach {
    /// Whether a manager `depth` steps up the line (1: the person's own
    /// manager) sees the part.
    pub fn covers(self, depth: u32) -> bool {
        match self {
            Self::Nobody => false,
            Self::Manager => depth == 1,
            Self::Line => depth >= 1,
        }
    }

    /// What the person's own choice, or else the organisation's default,
    /// says; nothing said is no one.
    pub fn effective(own: Option<Self>, default: Option<Self>) -> Self {
        own.or(default).unwrap_or(Self::Nobody)
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

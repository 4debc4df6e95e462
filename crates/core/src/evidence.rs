//! Evidence: what a person did, tagged to the competencies it shows.

use std::fmt;

use serde::Serialize;

use crate::error::InvalidValue;

/// Longest journal text accepted, in characters.
pub const MAX_TEXT: usize = 10_000;

/// What kind of evidence a journal entry is. The first three follow the
/// 70-20-10 model of the actions; `feedback` and `result` are the success
/// measures seed 002 (FAQ 13) names: feedback from peers, team performance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceKind {
    Experience,
    Relationship,
    Education,
    Feedback,
    Result,
}

impl EvidenceKind {
    pub const ALL: [&'static str; 5] = [
        "experience",
        "relationship",
        "education",
        "feedback",
        "result",
    ];

    pub fn parse(field: &str, s: &str) -> Result<Self, InvalidValue> {
        Ok(match s {
            "experience" => Self::Experience,
            "relationship" => Self::Relationship,
            "education" => Self::Education,
            "feedback" => Self::Feedback,
            "result" => Self::Result,
            _ => return Err(InvalidValue::one_of(field, s, Self::ALL)),
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Experience => "experience",
            Self::Relationship => "relationship",
            Self::Education => "education",
            Self::Feedback => "feedback",
            Self::Result => "result",
        }
    }
}

impl fmt::Display for EvidenceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Journal text: trimmed, not empty, at most [`MAX_TEXT`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct EvidenceText(String);

impl EvidenceText {
    pub fn parse(field: &str, s: &str) -> Result<Self, InvalidValue> {
        let t = s.trim();
        let n = t.chars().count();
        if n == 0 || n > MAX_TEXT {
            let shown: String = t.chars().take(40).collect();
            return Err(InvalidValue::new(
                field,
                shown,
                format!("text of 1 to {MAX_TEXT} characters"),
            ));
        }
        Ok(Self(t.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Parses a calendar date given by a user (YYYY-MM-DD).
pub fn parse_date(field: &str, s: &str) -> Result<chrono::NaiveDate, InvalidValue> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| InvalidValue::new(field, s, "a date as YYYY-MM-DD, such as 2026-03-31"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_text_and_dates_are_validated() {
        assert_eq!(
            EvidenceKind::parse("kind", "feedback"),
            Ok(EvidenceKind::Feedback)
        );
        assert_eq!(
            EvidenceKind::parse("kind", "gossip")
                .unwrap_err()
                .to_string(),
            "invalid kind 'gossip': allowed: experience, relationship, education, feedback, result"
        );
        assert!(EvidenceText::parse("text", "   ").is_err());
        assert_eq!(
            EvidenceText::parse("text", " led it ").map(|t| t.as_str().to_owned()),
            Ok("led it".to_owned())
        );
        assert!(EvidenceText::parse("text", &"x".repeat(MAX_TEXT + 1)).is_err());
        assert_eq!(
            parse_date("date", "2026-02-30").unwrap_err().to_string(),
            "invalid date '2026-02-30': a date as YYYY-MM-DD, such as 2026-03-31"
        );
    }
}

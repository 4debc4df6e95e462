//! Evidence: what a person did, tagged to the competencies it shows.

use serde::Serialize;

use crate::error::InvalidValue;
use crate::named::named_enum;

/// Longest journal text accepted, in characters.
pub const MAX_TEXT: usize = 10_000;

named_enum! {
    /// What kind of evidence a journal entry is. The first three follow the
    /// 70-20-10 model of the actions; `feedback` and `result` are the success
    /// measures seed 002 (FAQ 13) names: feedback from peers, team performance.
    pub enum EvidenceKind {
        Experience = "experience",
        Relationship = "relationship",
        Education = "education",
        Feedback = "feedback",
        Result = "result",
    }
}

/// Journal text: trimmed, not empty, at most [`MAX_TEXT`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
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

    #[test]
    fn an_interview_lost_is_told_from_other_news() {
        for lost in [
            "Lost the internal IT Operations Manager interview - they went with someone with more experience",
            "Didn't get the service desk manager job",
            "Heard back: unsuccessful for the team lead post",
        ] {
            assert!(reads_as_lost_interview(lost), "{lost}");
        }
        for other in [
            "Interviewed three candidates for the desk analyst role",
            "Lost two hours to a printer",
            "Prepared for the IT manager interview with my mentor",
        ] {
            assert!(!reads_as_lost_interview(other), "{other}");
        }
    }
}

/// Words that name an opening: an interview, a job, a role, a post.
const OPENINGS: &[&str] = &[
    "interview",
    "interviews",
    "job",
    "role",
    "post",
    "position",
    "promotion",
    "vacancy",
];
/// Words that say it went to someone else.
const LOST: &[&str] = &[
    "lost",
    "rejected",
    "unsuccessful",
    "turned down",
    "went with",
    "went to someone",
    "gave it to",
    "offered it to",
    "chose someone",
    "hired someone",
    "appointed someone",
    "didn't get",
    "did not get",
    "more experience",
    "not successful",
];

/// Whether a journal entry reads as an interview lost ("Lost the internal
/// IT manager interview: they went with someone with more experience"):
/// the debrief of the opportunity is where that belongs, with the reasons
/// and what the chosen candidate had, so the plan can answer it.
pub fn reads_as_lost_interview(text: &str) -> bool {
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .collect();
    words.iter().any(|w| OPENINGS.contains(w)) && LOST.iter().any(|l| lower.contains(l))
}

/// What leap says of a journal entry that reads as an interview lost: the
/// debrief is where the plan reads it.
pub fn lost_interview_note(text: &str) -> Option<&'static str> {
    reads_as_lost_interview(text).then_some(
        "An interview lost? Record it as a debrief of that opening, with the reasons they gave and what the chosen candidate had: the plan reads debriefs, not journal entries. If they gave no reasons, ask what in the chosen candidate's experience got them the job.",
    )
}

/// A person's answer to "does it name a gap?" (`yes` or `no`); empty or
/// absent lets leap read it from the text.
pub fn parse_names_gap(s: Option<&str>) -> Result<Option<bool>, InvalidValue> {
    crate::text::yes_no(
        "names-gap",
        s,
        "whether it names a gap (criticism, advice to change), so that it is not counted as evidence; empty lets leap tell from the text",
    )
}

/// What a person typed for a journal entry, before validation.
#[derive(Debug, Clone, Copy, Default)]
pub struct EntryInput<'a> {
    pub text: &'a str,
    /// Default `experience`.
    pub kind: Option<&'a str>,
    /// YYYY-MM-DD, not after today; default today.
    pub date: Option<&'a str>,
    /// Competency ids; when empty, tags are suggested from the text.
    pub competencies: &'a [String],
    /// The person's earlier corrections of suggested tags, to learn from.
    pub corrections: &'a [crate::tagging::Correction],
    /// Whether it names a gap; when not given, read from the text and kind
    /// ([`crate::tagging::names_gap`]).
    pub names_gap: Option<bool>,
}

/// A validated journal entry, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEntry {
    pub date: chrono::NaiveDate,
    pub text: EvidenceText,
    pub kind: EvidenceKind,
    pub competencies: Vec<crate::CompetencyId>,
    /// True when the tags were suggested by leap, not chosen.
    pub suggested: bool,
    /// What matched, for each suggested tag.
    pub suggestions: Vec<crate::tagging::Suggestion>,
    /// When the person's tags differ from leap's suggestion: kept, so
    /// later suggestions learn from it.
    pub correction: Option<crate::tagging::Correction>,
    /// It names a gap (critical feedback): kept, tagged to what it is
    /// about, but not counted or cited as evidence of it.
    pub names_gap: bool,
}

impl NewEntry {
    pub fn parse(
        framework: &crate::Framework,
        input: EntryInput<'_>,
        today: chrono::NaiveDate,
    ) -> Result<Self, InvalidValue> {
        let text = EvidenceText::parse("text", input.text)?;
        // Not given: inferred from the words (a course is education, lunch
        // with a peer a relationship, "down from 140 to 60" a result).
        let kind = match input.kind.map(str::trim).filter(|k| !k.is_empty()) {
            Some(k) => EvidenceKind::parse("kind", k)?,
            None => framework.tagger().infer_kind(text.as_str()),
        };
        let date = match input.date.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => {
                let date = parse_date("date", d)?;
                if date > today {
                    return Err(InvalidValue::new(
                        "date",
                        d,
                        format!("a date as YYYY-MM-DD, not after today ({today})"),
                    ));
                }
                date
            }
            None => today,
        };
        let chosen = framework.parse_competencies("competency", input.competencies)?;
        let names_gap = input
            .names_gap
            .unwrap_or_else(|| crate::tagging::names_gap(kind, text.as_str()));
        // Feedback that names a gap is read as an interviewer's reasons
        // are: "couldn't give examples of managing a budget" is about the
        // budget, where in evidence the negation would hide it.
        let source = if names_gap {
            crate::tagging::Source::Reasons
        } else {
            crate::tagging::Source::Evidence
        };
        let tagged =
            crate::tagging::tag(framework, text.as_str(), source, chosen, input.corrections);
        Ok(Self {
            date,
            text,
            kind,
            names_gap,
            competencies: tagged.competencies,
            suggested: tagged.suggested,
            suggestions: tagged.suggestions,
            correction: tagged.correction,
        })
    }
}

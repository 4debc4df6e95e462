//! Suggesting competency tags for a piece of evidence from its text, using
//! the framework's keywords and level descriptors.
//!
//! Words are stemmed (Snowball, English) so "delegated" matches "delegate".
//! A keyword (or keyword phrase) found in the text scores
//! [`KEYWORD_SCORE`]; a word from a competency's name, description or level
//! descriptors scores 1, but only when it is distinctive: used by at most
//! [`DISTINCTIVE_IN`] competencies, which leaves out common words without a
//! stop-word list.

use std::collections::{BTreeMap, BTreeSet};

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use crate::evidence::EvidenceKind;
use crate::framework::{CompetencyId, Framework};

pub const KEYWORD_SCORE: u32 = 3;
/// A competency is suggested at this score or above.
pub const SUGGEST_AT: u32 = 3;
pub const MAX_SUGGESTIONS: usize = 3;
pub const DISTINCTIVE_IN: usize = 2;
/// Shorter descriptor words carry too little meaning to count.
const MIN_DESCRIPTOR_WORD: usize = 5;
/// Words that negate what follows within [`NEGATION_REACH`] words (general
/// English; "didn't" is split into "didn" and "t").
const NEGATIONS: &[&str] = &[
    "not", "never", "without", "didn", "doesn", "don", "wasn", "weren", "couldn", "wouldn", "isn",
    "aren", "hasn", "haven", "hadn", "cannot",
];
const NEGATION_REACH: usize = 3;
/// Long function words that can still be rare across descriptors.
const FUNCTION_WORDS: &[&str] = &[
    "about", "above", "across", "after", "again", "against", "among", "because", "before", "being",
    "below", "between", "beyond", "could", "doing", "during", "every", "further", "having",
    "other", "others", "rather", "should", "their", "there", "these", "those", "through", "under",
    "until", "where", "which", "while", "within", "without", "would",
];

/// Tags for a text: the ones chosen, or (when none were) the ones
/// suggested from the text, with whether they were suggested and what
/// matched.
pub fn chosen_or_suggested(
    framework: &Framework,
    chosen: Vec<CompetencyId>,
    text: &str,
) -> (Vec<CompetencyId>, bool, Vec<Suggestion>) {
    if !chosen.is_empty() {
        return (chosen, false, Vec::new());
    }
    let suggestions = Tagger::new(framework).suggest(text);
    let tags = suggestions.iter().map(|s| s.competency.clone()).collect();
    (tags, true, suggestions)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub competency: CompetencyId,
    pub score: u32,
    /// The keywords and words that matched, as written in the framework.
    pub matched: Vec<String>,
}

struct Profile {
    id: CompetencyId,
    /// Each keyword as a sequence of stems, with its original text.
    keywords: Vec<(Vec<String>, String)>,
    /// Distinctive descriptor stems, with one original word each.
    words: BTreeMap<String, String>,
}

pub struct Tagger {
    stemmer: Stemmer,
    profiles: Vec<Profile>,
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

impl Tagger {
    pub fn new(framework: &Framework) -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        let stem = |w: &str| stemmer.stem(&w.to_lowercase()).into_owned();
        let mut raw: Vec<Profile> = Vec::new();
        let mut document_frequency: BTreeMap<String, usize> = BTreeMap::new();
        for c in &framework.competencies {
            // Keywords that stem alike ("delegate", "delegated") count once.
            let mut keywords: Vec<(Vec<String>, String)> = Vec::new();
            for k in &c.keywords {
                let stems: Vec<String> = words(k).map(stem).collect();
                if !stems.is_empty() && !keywords.iter().any(|(s, _)| *s == stems) {
                    keywords.push((stems, k.clone()));
                }
            }
            let mut terms = BTreeMap::new();
            let text = std::iter::once(c.name.as_str())
                .chain(std::iter::once(c.description.as_str()))
                .chain(c.levels.iter().map(String::as_str));
            for t in text {
                for w in words(t).filter(|w| {
                    w.chars().count() >= MIN_DESCRIPTOR_WORD
                        && !FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
                }) {
                    terms.entry(stem(w)).or_insert_with(|| w.to_lowercase());
                }
            }
            for s in terms.keys() {
                *document_frequency.entry(s.clone()).or_default() += 1;
            }
            raw.push(Profile {
                id: c.id.clone(),
                keywords,
                words: terms,
            });
        }
        let profiles = raw
            .into_iter()
            .map(|mut p| {
                let keyword_stems: BTreeSet<String> = p
                    .keywords
                    .iter()
                    .flat_map(|(s, _)| s.iter().cloned())
                    .collect();
                p.words.retain(|s, _| {
                    document_frequency.get(s).copied().unwrap_or(0) <= DISTINCTIVE_IN
                        && !keyword_stems.contains(s)
                });
                p
            })
            .collect();
        Self { stemmer, profiles }
    }

    /// Competencies the text is evidence of, best first; empty when nothing
    /// matches well enough.
    pub fn suggest(&self, text: &str) -> Vec<Suggestion> {
        let raw: Vec<String> = words(text).map(str::to_lowercase).collect();
        // A word just after a negation does not count: "did not lead the
        // retro" is no evidence of leading.
        let negated: Vec<bool> = (0..raw.len())
            .map(|i| {
                raw[i.saturating_sub(NEGATION_REACH)..i]
                    .iter()
                    .any(|w| NEGATIONS.contains(&w.as_str()))
            })
            .collect();
        let stems: Vec<String> = raw
            .iter()
            .map(|w| self.stemmer.stem(w).into_owned())
            .collect();
        let stem_set: BTreeSet<&str> = stems
            .iter()
            .zip(&negated)
            .filter(|(_, n)| !**n)
            .map(|(s, _)| s.as_str())
            .collect();
        let mut out: Vec<(usize, Suggestion)> = Vec::new();
        for (order, p) in self.profiles.iter().enumerate() {
            let mut score = 0;
            let mut matched = Vec::new();
            for (seq, original) in &p.keywords {
                let found = stems
                    .windows(seq.len())
                    .enumerate()
                    .any(|(i, w)| w == seq.as_slice() && !negated[i]);
                if found {
                    score += KEYWORD_SCORE;
                    matched.push(original.clone());
                }
            }
            for (s, original) in &p.words {
                if stem_set.contains(s.as_str()) {
                    score += 1;
                    matched.push(original.clone());
                }
            }
            if score >= SUGGEST_AT {
                out.push((
                    order,
                    Suggestion {
                        competency: p.id.clone(),
                        score,
                        matched,
                    },
                ));
            }
        }
        out.sort_by(|(oa, a), (ob, b)| b.score.cmp(&a.score).then(oa.cmp(ob)));
        out.into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|(_, s)| s)
            .collect()
    }
}

/// Words that say what kind of evidence a text is, in general English
/// (not any one field's): how it was learned (70-20-10), or whether it is
/// feedback received or a measured result. Each phrase scores once.
const KIND_CUES: &[(EvidenceKind, &[&str])] = &[
    (
        EvidenceKind::Education,
        &[
            "course",
            "certification",
            "certificate",
            "certified",
            "exam",
            "degree",
            "master's",
            "masters",
            "mba",
            "msc",
            "workshop",
            "seminar",
            "webinar",
            "book",
            "studied",
            "studying",
            "enrolled",
            "lecture",
            "qualification",
            "diploma",
            "class",
            "e-learning",
            "online learning",
            "read",
            "reading",
            "passed",
            "foundation",
            "programme",
            "program",
            "sat the",
            "attempt",
            "books",
        ],
    ),
    (
        EvidenceKind::Relationship,
        &[
            "my mentor",
            "with my mentor",
            "lunch",
            "coffee",
            "met with",
            "networking",
            "introduced",
            "meetup",
            "association",
            "committee",
            "peers",
            "catch-up",
            "caught up",
            "co-manager",
            "got to know",
            "connected with",
            "conference",
            "mentor meeting",
            "forum",
            "peer group",
            "dinner",
            "evening",
            "lunch-and-learn",
            "went to the",
            "rep on",
            "met three",
            "met two",
            "met a ",
        ],
    ),
    (
        EvidenceKind::Feedback,
        &[
            "feedback",
            "told me",
            "said i",
            "said that i",
            "praised",
            "thanked me",
            "complimented",
            "appraisal said",
            "review said",
            "rated me",
            "360",
            "commented that",
            "noticed that i",
            "recognised me",
            "recognized me",
            "said my",
            "said our",
            "says i",
            "says i'm",
            "note from",
            "skip-level",
            "asked what the",
        ],
    ),
    (
        EvidenceKind::Result,
        &[
            "%",
            "percent",
            "down from",
            "up from",
            "reduced",
            "cut the",
            "cut our",
            "saved",
            "savings",
            "increased",
            "decreased",
            "fell",
            "rose",
            "halved",
            "doubled",
            "achieved",
            "met its",
            "met our",
            "on budget",
            "under budget",
            "ahead of schedule",
            "zero",
            "no longer",
            "£",
            "$",
            "€",
            "record",
            "went live",
            "dropped",
            "under forecast",
            "promoted",
            "brought it in",
        ],
    ),
];

/// The kind of evidence a text most likely is: the kind whose cues it
/// holds most, `experience` when none stands out (something done at work).
pub fn infer_kind(text: &str) -> EvidenceKind {
    let lower = format!(" {} ", text.to_lowercase());
    let has = |cue: &str| {
        if cue.chars().all(|c| c.is_alphanumeric()) {
            // Whole words only: "read" is not "ready".
            lower
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .any(|w| w == cue)
        } else {
            lower.contains(cue)
        }
    };
    let mut best = (EvidenceKind::Experience, 0usize);
    for (kind, cues) in KIND_CUES {
        let n = cues.iter().filter(|c| has(c)).count();
        if n > best.1 {
            best = (*kind, n);
        }
    }
    best.0
}

pub mod eval;

#[cfg(test)]
mod tests;

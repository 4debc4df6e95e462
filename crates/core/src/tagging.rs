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

use crate::framework::{CompetencyId, Framework};

pub const KEYWORD_SCORE: u32 = 3;
/// A competency is suggested at this score or above.
pub const SUGGEST_AT: u32 = 3;
pub const MAX_SUGGESTIONS: usize = 3;
pub const DISTINCTIVE_IN: usize = 2;
/// Shorter descriptor words carry too little meaning to count.
const MIN_DESCRIPTOR_WORD: usize = 5;
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
        let stems: Vec<String> = words(text)
            .map(|w| self.stemmer.stem(&w.to_lowercase()).into_owned())
            .collect();
        let stem_set: BTreeSet<&str> = stems.iter().map(String::as_str).collect();
        let mut out: Vec<(usize, Suggestion)> = Vec::new();
        for (order, p) in self.profiles.iter().enumerate() {
            let mut score = 0;
            let mut matched = Vec::new();
            for (seq, original) in &p.keywords {
                if stems.windows(seq.len()).any(|w| w == seq.as_slice()) {
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

#[cfg(test)]
mod tests;

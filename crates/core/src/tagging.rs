//! Suggesting competency tags for a text (a journal entry, a plan item's
//! note, an interviewer's reasons, a check-in reflection), with why.
//!
//! What the framework's words find comes first: keywords in any inflected
//! form ("delegated" for "delegate", never "responsible" for "response"),
//! not inside the competency's `ignore` phrases nor after a negation in
//! evidence; and distinctive words of its descriptors (used by at most
//! [`DISTINCTIVE_IN`] competencies). With examples in the framework, how
//! much each finding and each word counts is learned from them
//! (`model.rs`); without, a keyword scores 3 and a descriptor word 1. The
//! person's own corrections, compared with the text (`examples.rs`), speak
//! for what they chose and against what they took away. See
//! docs/tagging.md.

use std::collections::{BTreeMap, BTreeSet};

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use crate::evidence::EvidenceKind;
use crate::framework::{CompetencyId, Framework};

pub use examples::Example;
use examples::{Index, YOURS_WEIGHT};
pub use gap::names_gap;
use kind::{KindFeatures, KindModel};

pub const MAX_SUGGESTIONS: usize = 3;
/// An example at least this alike (cosine) is shown as a reason.
const LIKE_AT: f32 = 0.3;
/// An example at least this alike (cosine of the words that carry
/// meaning) is the same text, give or take a word: what it shows decides.
const SAME_AT: f32 = 0.8;
pub const DISTINCTIVE_IN: usize = 2;
/// Evidence names at least this many words that carry meaning.
const MIN_EVIDENCE_WORDS: usize = 2;
/// Shorter descriptor words carry too little meaning to count.
const MIN_DESCRIPTOR_WORD: usize = 5;
/// Words that negate what follows in their clause (general English;
/// "didn't" is split into "didn" and "t").
const NEGATIONS: &[&str] = &[
    "not", "never", "without", "didn", "doesn", "don", "wasn", "weren", "couldn", "wouldn", "isn",
    "aren", "hasn", "haven", "hadn", "cannot",
];
/// Words that, before "to", say what follows was not done ("declined to
/// chair the CAB").
const REFUSALS: &[&str] = &["declined", "refused"];
/// Words that start a new clause, ending a negation's reach.
const CLAUSE_WORDS: &[&str] = &["but", "so", "then", "yet", "although", "though", "however"];
/// Long function words that can still be rare across descriptors.
const FUNCTION_WORDS: &[&str] = &[
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "among",
    "because",
    "before",
    "being",
    "below",
    "between",
    "beyond",
    "could",
    "doing",
    "during",
    "every",
    "further",
    "having",
    "other",
    "others",
    "rather",
    "should",
    "their",
    "there",
    "these",
    "those",
    "through",
    "under",
    "until",
    "where",
    "which",
    "while",
    "within",
    "without",
    "would",
    "anyone",
    "anything",
    "anybody",
    "everyone",
    "everything",
    "everybody",
    "someone",
    "something",
    "somebody",
];
/// Short function words. They help the learned weights tell competencies
/// apart ("with my", "her"; measured: leaving them out cost 0.01 of F1),
/// but no text is about them: a person's own example shares more than
/// these with a text before it has a say.
const SHORT_FUNCTION_WORDS: &[&str] = &[
    "all", "and", "any", "are", "been", "both", "but", "can", "did", "does", "each", "for", "from",
    "get", "got", "had", "has", "have", "her", "here", "him", "his", "how", "into", "its", "just",
    "many", "more", "most", "much", "one", "only", "onto", "our", "out", "over", "own", "per",
    "same", "she", "some", "such", "than", "that", "the", "them", "then", "they", "this", "too",
    "two", "very", "via", "was", "were", "what", "when", "who", "why", "will", "with", "you",
    "your",
];

/// A text's tags: the ones the person chose, or (when they chose none) the
/// ones leap suggests, with what matched; and, when the person's choice
/// differs from what leap would suggest, the correction to learn from.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    pub competencies: Vec<CompetencyId>,
    /// True when the tags are leap's suggestion.
    pub suggested: bool,
    pub suggestions: Vec<Suggestion>,
    pub correction: Option<Correction>,
}

/// A person's tags for a text where they differ from leap's suggestion:
/// what they chose and what they took away. Kept with their data; later
/// suggestions for them lean on it.
/// Competency ids are kept as written: a framework may since have dropped
/// one, which is then ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Correction {
    pub text: String,
    pub chosen: Vec<String>,
    /// Suggested, and not chosen.
    pub removed: Vec<String>,
    /// The text is an interviewer's reasons, not evidence.
    pub reasons: bool,
}

impl Correction {
    fn example(&self, framework: &Framework) -> Example {
        let known = |ids: &[String]| -> Vec<CompetencyId> {
            ids.iter()
                .filter_map(|id| framework.competency(id).map(|c| c.id.clone()))
                .collect()
        };
        Example {
            text: self.text.clone(),
            competencies: known(&self.chosen),
            removed: known(&self.removed),
            yours: true,
            reasons: self.reasons,
        }
    }
}

/// Tags `text` for a person: `chosen` when they chose any, else leap's
/// suggestion, learning from their earlier `corrections`.
pub fn tag(
    framework: &Framework,
    text: &str,
    source: Source,
    chosen: Vec<CompetencyId>,
    corrections: &[Correction],
) -> Tagged {
    let yours: Vec<Example> = corrections.iter().map(|c| c.example(framework)).collect();
    let suggestions = framework.tagger().suggest_for(text, source, &yours);
    if chosen.is_empty() {
        return Tagged {
            competencies: suggestions.iter().map(|s| s.competency.clone()).collect(),
            suggested: true,
            suggestions,
            correction: None,
        };
    }
    let suggested: BTreeSet<&CompetencyId> = suggestions.iter().map(|s| &s.competency).collect();
    let correction = (suggested != chosen.iter().collect()).then(|| Correction {
        text: text.to_owned(),
        chosen: chosen.iter().map(ToString::to_string).collect(),
        removed: suggested
            .iter()
            .filter(|c| !chosen.contains(c))
            .map(ToString::to_string)
            .collect(),
        reasons: source == Source::Reasons,
    });
    Tagged {
        competencies: chosen,
        suggested: false,
        suggestions: Vec::new(),
        correction,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Suggestion {
    pub competency: CompetencyId,
    pub score: f32,
    /// The keywords and words that matched, as written in the framework.
    pub matched: Vec<String>,
    /// The most alike example that shows this competency: the framework's
    /// or one of the person's own corrections.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub like: Option<Like>,
}

impl Suggestion {
    /// Why it was suggested, in words a person can judge: the words that
    /// matched, and the tagged text it is most like.
    pub fn why(&self) -> String {
        let mut parts = Vec::new();
        if !self.matched.is_empty() {
            let words: Vec<String> = self
                .matched
                .iter()
                .map(|m| format!("\u{201c}{m}\u{201d}"))
                .collect();
            parts.push(format!("the words {}", words.join(", ")));
        }
        if let Some(like) = &self.like {
            let mut text: String = like.text.chars().take(70).collect();
            if like.text.chars().count() > 70 {
                text.push('\u{2026}');
            }
            parts.push(if like.yours {
                format!("like your own \u{201c}{text}\u{201d}")
            } else {
                format!("like the example \u{201c}{text}\u{201d}")
            });
        }
        parts.join("; ")
    }
}

/// An example a suggestion leans on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Like {
    pub text: String,
    /// One of the person's own tagged texts.
    pub yours: bool,
}

struct Profile {
    id: CompetencyId,
    /// Each keyword as a sequence of stems and of lowercase words.
    keywords: Vec<(Vec<String>, Vec<String>)>,
    /// Phrases (as stems) inside which the keywords do not count.
    ignore: Vec<Vec<String>>,
    /// Distinctive descriptor stems, with one original word each.
    words: BTreeMap<String, String>,
}

/// What a text is: evidence of what a person did, or the reasons an
/// interviewer gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Evidence,
    Reasons,
}

/// Weights of the method, tuned on the development part only.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Tuning {
    /// Score of a keyword, by the rule (no examples).
    keyword: f32,
    /// Score of a descriptor word, by the rule.
    word: f32,
    /// Weight of an alike example's say (times its likeness).
    example: f32,
    /// The first suggestion needs at least this score.
    suggest_at: f32,
    /// A competency scoring less than this share of the best one is left
    /// out.
    relative: f32,
    /// The same share for reasons and feedback that names a gap: a
    /// critique names one thing, the rest of its words are its setting
    /// ("when a project slips she takes the work back" is delegation, not
    /// scheduling).
    relative_reasons: f32,
    /// A tag after the first needs at least this score: more than one
    /// word of evidence.
    also_at: f32,
    at_most: usize,
}

impl Tuning {
    /// For a framework without examples: keywords alone.
    fn rules() -> Self {
        Self {
            keyword: 3.0,
            word: 1.0,
            example: 3.0,
            suggest_at: 3.0,
            relative: 0.5,
            relative_reasons: 0.5,
            also_at: 3.0,
            at_most: MAX_SUGGESTIONS,
        }
    }

    /// For a framework with examples: weights learned from them. Scores
    /// are ten times the chance the text shows the competency.
    fn learned() -> Self {
        Self {
            suggest_at: 1.25,
            relative: 0.4,
            relative_reasons: 0.45,
            also_at: 1.5,
            ..Self::rules()
        }
    }
}

pub struct Tagger {
    stemmer: Stemmer,
    profiles: Vec<Profile>,
    /// Every competency's keywords by their first stem, as (competency,
    /// keyword): each word of a text looks up once what it may start,
    /// rather than every keyword being looked for in the text.
    starting: BTreeMap<String, Vec<(usize, usize)>>,
    /// Every competency's descriptor words by stem, as (competency, the
    /// word).
    described: BTreeMap<String, Vec<(usize, String)>>,
    index: Index,
    tuning: Tuning,
    /// The framework's examples as the model sees them.
    training: Vec<Sample>,
    /// Weights learned from them, when there are any.
    model: Option<Model>,
    /// The examples that have a kind: what the kind model reads of each,
    /// its kind and its place among the examples.
    kind_training: Vec<(KindFeatures, usize, usize)>,
    /// The kind learned from them, when there are any.
    kind_model: Option<KindModel>,
}

pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether a (lowercase) word can carry meaning: three letters or more,
/// not a function word nor a negation.
fn carries_meaning(w: &str) -> bool {
    w.chars().count() >= 3 && !FUNCTION_WORDS.contains(&w) && !NEGATIONS.contains(&w)
}

/// Whether a (lowercase) word can tell what a text is about: it carries
/// meaning and is no short function word.
fn tells(w: &str) -> bool {
    carries_meaning(w) && !SHORT_FUNCTION_WORDS.contains(&w)
}

/// A text read once, for everything the tagger looks at: its words in
/// lowercase, their stems, which are negated, and its text.
struct Reading<'t> {
    text: &'t str,
    raw: Vec<String>,
    stems: Vec<String>,
    negated: Vec<bool>,
}

/// Which words of a text are negated: the words after a negation, to the
/// end of its clause ("did not lead the retro" and "didn't get involved in
/// the rota this month" are no evidence of leading or rostering).
pub(crate) fn negated(text: &str) -> Vec<bool> {
    let mut out = Vec::new();
    let mut on = false;
    let mut word = String::new();
    let mut previous: Option<String> = None;
    let close =
        |word: &mut String, out: &mut Vec<bool>, on: &mut bool, previous: &mut Option<String>| {
            if !word.is_empty() {
                let w = word.to_lowercase();
                if CLAUSE_WORDS.contains(&w.as_str()) {
                    *on = false;
                }
                out.push(*on);
                if NEGATIONS.contains(&w.as_str())
                    || (w == "to" && previous.as_deref().is_some_and(|p| REFUSALS.contains(&p)))
                {
                    *on = true;
                }
                *previous = Some(w);
                word.clear();
            }
        };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            close(&mut word, &mut out, &mut on, &mut previous);
            if ",.;:!?()".contains(c) {
                on = false;
                previous = None;
            }
        }
    }
    close(&mut word, &mut out, &mut on, &mut previous);
    out
}

/// Endings that make another form of the same word ("delegate",
/// "delegated"; "study", "studied"), as opposed to a different word with the
/// same stem ("product", "production"; "response", "responsible").
const INFLECTIONS: &[&str] = &[
    "", "s", "es", "e", "ed", "d", "ing", "er", "ers", "y", "ies", "ied",
];

/// Whether two words that share a stem are forms of one word: what follows
/// their common beginning is an inflection on both sides (a doubled last
/// consonant allowed: "plan", "planned").
pub(crate) fn inflected_alike(a: &str, b: &str) -> bool {
    let a = a.to_lowercase();
    let b = b.to_lowercase();
    let common = a
        .char_indices()
        .zip(b.chars())
        .take_while(|((_, x), y)| x == y)
        .last()
        .map_or(0, |((i, x), _)| i + x.len_utf8());
    let ending = |w: &str| -> String {
        let rest = &w[common..];
        let last = w[..common].chars().last();
        match (rest.chars().next(), last) {
            (Some(c), Some(l)) if c == l && !"aeiou".contains(c) => rest[c.len_utf8()..].to_owned(),
            _ => rest.to_owned(),
        }
    };
    INFLECTIONS.contains(&ending(&a).as_str()) && INFLECTIONS.contains(&ending(&b).as_str())
}

impl Tagger {
    /// A tagger for the framework, learning from its examples.
    pub fn new(framework: &Framework) -> Self {
        let examples: Vec<Example> = framework
            .examples
            .iter()
            .map(|e| Example {
                text: e.text.clone(),
                competencies: e.competencies.clone(),
                removed: Vec::new(),
                yours: false,
                reasons: e.reasons,
            })
            .collect();
        let stemmer = Stemmer::create(Algorithm::English);
        let stem = |w: &str| stemmer.stem(&w.to_lowercase()).into_owned();
        let mut raw: Vec<Profile> = Vec::new();
        let mut document_frequency: BTreeMap<String, usize> = BTreeMap::new();
        for c in &framework.competencies {
            // Keywords that stem alike ("delegate", "delegated") count once.
            let mut keywords: Vec<(Vec<String>, Vec<String>)> = Vec::new();
            for k in &c.keywords {
                let stems: Vec<String> = words(k).map(stem).collect();
                let surface: Vec<String> = words(k).map(str::to_lowercase).collect();
                let same = |(s, w): &(Vec<String>, Vec<String>)| {
                    *s == stems && w.iter().zip(&surface).all(|(a, b)| inflected_alike(a, b))
                };
                if !stems.is_empty() && !keywords.iter().any(same) {
                    keywords.push((stems, surface));
                }
            }
            let ignore = c
                .ignore
                .iter()
                .map(|phrase| words(phrase).map(stem).collect::<Vec<_>>())
                .filter(|s| !s.is_empty())
                .collect();
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
                ignore,
                words: terms,
            });
        }
        let profiles: Vec<Profile> = raw
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
        let mut starting: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
        let mut described: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
        for (c, p) in profiles.iter().enumerate() {
            for (k, (stems, _)) in p.keywords.iter().enumerate() {
                if let Some(first) = stems.first() {
                    starting.entry(first.clone()).or_default().push((c, k));
                }
            }
            for (stem, original) in &p.words {
                described
                    .entry(stem.clone())
                    .or_default()
                    .push((c, original.clone()));
            }
        }
        let mut tagger = Self {
            stemmer,
            profiles,
            starting,
            described,
            index: Index::new(Vec::new(), Vec::new()),
            tuning: if examples.is_empty() {
                Tuning::rules()
            } else {
                Tuning::learned()
            },
            training: Vec::new(),
            model: None,
            kind_training: Vec::new(),
            kind_model: None,
        };
        // Each example is read once, for the competencies, the kind and the
        // likeness.
        let readings: Vec<Reading> = examples.iter().map(|e| tagger.read(&e.text)).collect();
        tagger.training = examples
            .iter()
            .zip(&readings)
            .zip(&framework.examples)
            .map(|((e, r), written)| {
                // Feedback that names a gap is read as an interviewer's
                // reasons are, as the journal reads it.
                let source =
                    if e.reasons || written.kind.is_some_and(|k| gap::names_gap(k, &e.text)) {
                        Source::Reasons
                    } else {
                        Source::Evidence
                    };
                (
                    tagger.lexical(r, source),
                    tagger.content_words(r),
                    tagger
                        .profiles
                        .iter()
                        .map(|p| e.competencies.contains(&p.id))
                        .collect(),
                )
            })
            .collect();
        if !tagger.training.is_empty() {
            tagger.model = Some(tagger.train_without(None));
        }
        tagger.kind_training = framework
            .examples
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                e.kind
                    .map(|k| (tagger.kind_features(&readings[i]), kind::index_of(k), i))
            })
            .collect();
        if !tagger.kind_training.is_empty() {
            tagger.kind_model = Some(tagger.kind_model_without(None));
        }
        let stems = tagger
            .training
            .iter()
            .map(|(_, words, _)| words.iter().map(|(stem, _)| stem.clone()).collect())
            .collect();
        tagger.index = Index::new(examples, stems);
        tagger
    }

    /// The words of a text that carry meaning (not negated, not function
    /// words, three letters or more), each stem once with a word it came
    /// from.
    fn content_words(&self, r: &Reading) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for ((w, stem), n) in r.raw.iter().zip(&r.stems).zip(&r.negated) {
            if !n && carries_meaning(w) && !out.iter().any(|(s, _)| s == stem) {
                out.push((stem.clone(), w.clone()));
            }
        }
        out
    }

    /// The stems of a text's words that are not negated and that `keep`
    /// keeps.
    fn stems_where(&self, text: &str, keep: fn(&str) -> bool) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (w, n) in words(text).map(str::to_lowercase).zip(negated(text)) {
            if !n && keep(&w) {
                let stem = self.stemmer.stem(&w).into_owned();
                if !out.contains(&stem) {
                    out.push(stem);
                }
            }
        }
        out
    }

    /// How many of the words in `a` that tell what it is about (by stem)
    /// `b` has too: "instead of handing them on" and "Hand a duty to a
    /// colleague" share one ("them" and "the" tell nothing).
    pub fn shared_words(&self, a: &str, b: &str) -> usize {
        let theirs = self.stems_where(b, tells);
        self.stems_where(a, tells)
            .iter()
            .filter(|s| theirs.contains(s))
            .count()
    }

    /// Reads a text once: its words, their stems, which are negated.
    fn read<'t>(&self, text: &'t str) -> Reading<'t> {
        let raw: Vec<String> = words(text).map(str::to_lowercase).collect();
        let stems = raw
            .iter()
            .map(|w| self.stemmer.stem(w).into_owned())
            .collect();
        Reading {
            text,
            negated: negated(text),
            raw,
            stems,
        }
    }

    /// Competencies the text is evidence of, best first; empty when nothing
    /// matches well enough.
    pub fn suggest(&self, text: &str) -> Vec<Suggestion> {
        self.suggest_for(text, Source::Evidence, &[])
    }

    /// Competencies a text shows (or, for an interviewer's reasons,
    /// cites), learning from the person's own examples as well as the
    /// framework's. In reasons a negation does not hide the competency, it
    /// is the point: "no experience of presenting to the board" cites
    /// communication.
    pub fn suggest_for(&self, text: &str, source: Source, yours: &[Example]) -> Vec<Suggestion> {
        self.suggest_with(text, source, None, yours)
    }

    /// As [`Tagger::suggest_for`] without the person's examples and
    /// without the framework example at `skip`: how the framework's
    /// examples are measured (each left out in turn).
    pub fn suggest_skipping(
        &self,
        text: &str,
        source: Source,
        skip: Option<usize>,
    ) -> Vec<Suggestion> {
        self.suggest_with(text, source, skip, &[])
    }

    /// What the framework's words say of a text, competency by competency:
    /// the keywords and descriptor words found (negations and ignored
    /// phrases left out).
    fn lexical(&self, r: &Reading, source: Source) -> Vec<Found> {
        let (raw, stems) = (&r.raw, &r.stems);
        let none;
        let negated: &[bool] = match source {
            Source::Evidence => &r.negated,
            Source::Reasons => {
                none = vec![false; raw.len()];
                &none
            }
        };
        // Where each stem stands in the text: a phrase is looked for only
        // where its first word is.
        let mut at: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, s) in stems.iter().enumerate() {
            at.entry(s.as_str()).or_default().push(i);
        }
        let starts = |seq: &[String]| -> Vec<usize> {
            let Some(first) = seq.first() else {
                return Vec::new();
            };
            at.get(first.as_str())
                .into_iter()
                .flatten()
                .copied()
                .filter(|&i| stems.get(i..i + seq.len()) == Some(seq))
                .collect()
        };
        // What each competency may find here, each stem looked up once:
        // its keywords that start at one of the text's words, and its
        // descriptor words among them (in the order of their stems).
        let n = self.profiles.len();
        let mut keywords: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut descriptors: Vec<Vec<(&str, &[usize])>> = vec![Vec::new(); n];
        for (s, positions) in &at {
            for &(c, k) in self.starting.get(*s).into_iter().flatten() {
                keywords[c].push(k);
            }
            for (c, original) in self.described.get(*s).into_iter().flatten() {
                descriptors[*c].push((original.as_str(), positions.as_slice()));
            }
        }
        self.profiles
            .iter()
            .zip(keywords)
            .zip(descriptors)
            .map(|((p, keywords), descriptors)| {
                // Words inside a phrase the framework says does not count
                // for this competency ("network diagram" is no networking).
                let mut ignored = vec![false; stems.len()];
                for phrase in &p.ignore {
                    for i in starts(phrase) {
                        ignored[i..i + phrase.len()]
                            .iter_mut()
                            .for_each(|x| *x = true);
                    }
                }
                let mut found = Found::default();
                // Every place a keyword matches; where two overlap
                // ("managing" inside "managing people") only the longer
                // counts.
                let mut places: Vec<(usize, usize)> = Vec::new();
                for (seq, surface) in keywords.iter().map(|&k| &p.keywords[k]) {
                    for i in starts(seq) {
                        if !negated[i]
                            && !ignored[i]
                            && surface
                                .iter()
                                .zip(&raw[i..])
                                .all(|(k, t)| inflected_alike(k, t))
                        {
                            places.push((i, seq.len()));
                        }
                    }
                }
                places.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                let mut covered = vec![false; stems.len()];
                for (start, len) in places {
                    if covered[start..start + len].iter().any(|c| *c) {
                        continue;
                    }
                    covered[start..start + len]
                        .iter_mut()
                        .for_each(|c| *c = true);
                    // Shown as the text writes it ("presented", not the
                    // framework's "present").
                    let written = raw[start..start + len].join(" ");
                    if !found.keywords.contains(&written) {
                        found.keywords.push(written);
                    }
                }
                // Each descriptor word where it first stands.
                for (original, positions) in descriptors {
                    // The text's word must carry meaning as well: "get" is
                    // a form of the descriptors' "getting", and says nothing.
                    let hit = positions.iter().find(|&&i| {
                        !negated[i]
                            && !ignored[i]
                            && tells(&raw[i])
                            && inflected_alike(original, &raw[i])
                    });
                    if let Some(&i) = hit {
                        found.words.push(raw[i].clone());
                    }
                }
                found
            })
            .collect()
    }

    fn suggest_with(
        &self,
        text: &str,
        source: Source,
        skip: Option<usize>,
        yours: &[Example],
    ) -> Vec<Suggestion> {
        let reading = self.read(text);
        let lexical = self.lexical(&reading, source);
        let content_words = self.content_words(&reading);
        // "Lunch." or "Delegated." says nothing of what was done: no
        // evidence of anything. An interviewer's one word ("Budgeting.")
        // still cites.
        if source == Source::Evidence
            && content_words.iter().filter(|(_, w)| tells(w)).count() < MIN_EVIDENCE_WORDS
        {
            return Vec::new();
        }
        let content: Vec<String> = content_words.iter().map(|(s, _)| s.clone()).collect();
        let telling: Vec<String> = content_words
            .iter()
            .filter(|(_, w)| tells(w))
            .map(|(s, _)| s.clone())
            .collect();
        let mut votes = self
            .index
            .alike_among(&telling, yours, &|t| self.stems_where(t, tells));
        // The person's own examples first: when one carries a competency,
        // it is the one shown as the reason.
        votes.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
        votes.extend(self.index.nearest(&content, skip));
        let t = self.tuning;
        let learned = match (&self.model, skip) {
            (Some(_), Some(i)) => Some(std::borrow::Cow::Owned(self.train_without(Some(i)))),
            (Some(m), None) => Some(std::borrow::Cow::Borrowed(m)),
            (None, _) => None,
        };
        let logits = learned.as_ref().map(|m| m.judge(&lexical, &content_words));
        // With learned weights, the framework's examples have had their say
        // in the learning; only the person's own vote here.
        let framework_vote = if logits.is_some() { 0.0 } else { 1.0 };
        // A framework example (almost) the same as the text says what it
        // shows: the framework's author has answered for it, and only the
        // person's own corrections overrule them.
        let same = votes
            .iter()
            .find(|v| !v.example.yours && v.similarity >= SAME_AT)
            .map(|v| &v.example.competencies);
        let mut out: Vec<(usize, Suggestion)> = Vec::new();
        for (order, (p, found)) in self.profiles.iter().zip(lexical).enumerate() {
            let mut score = match &logits {
                Some(l) => 10.0 * l[order].0,
                None => t.keyword * found.keywords.len() as f32 + t.word * found.words.len() as f32,
            };
            let mut matched = found.keywords;
            matched.extend(found.words);
            if let Some(l) = &logits {
                for w in &l[order].1 {
                    if !matched
                        .iter()
                        .any(|m| m.split_whitespace().any(|part| inflected_alike(part, w)))
                    {
                        matched.push(w.clone());
                    }
                }
            }
            let mut like = None;
            let mut yours_for = false;
            for v in &votes {
                let weight = if v.example.yours { YOURS_WEIGHT } else { 1.0 };
                if v.example.competencies.contains(&p.id) {
                    yours_for |= v.example.yours;
                    let k = if v.example.yours { 1.0 } else { framework_vote };
                    score += k * t.example * weight * v.similarity;
                    // Only a close likeness explains anything.
                    if like.is_none() && v.similarity >= LIKE_AT {
                        like = Some(Like {
                            text: v.example.text.clone(),
                            yours: v.example.yours,
                        });
                    }
                } else if v.example.removed.contains(&p.id) {
                    score -= t.example * weight * v.similarity;
                }
            }
            // The framework's examples strengthen what the words say; alone
            // they are too loose a likeness ("more experience" is like many
            // reasons and names nothing). The person's own can stand alone.
            let grounded = !matched.is_empty() || yours_for;
            let answered = same.is_none_or(|shows| shows.contains(&p.id)) || yours_for;
            if grounded && answered && score >= t.suggest_at {
                out.push((
                    order,
                    Suggestion {
                        competency: p.id.clone(),
                        score,
                        matched,
                        like,
                    },
                ));
            }
        }
        out.sort_by(|(oa, a), (ob, b)| b.score.total_cmp(&a.score).then(oa.cmp(ob)));
        let best = out.first().map_or(0.0, |(_, s)| s.score);
        let relative = match source {
            Source::Evidence => t.relative,
            Source::Reasons => t.relative_reasons,
        };
        out.into_iter()
            .enumerate()
            .filter(|(i, (_, s))| *i == 0 || (s.score >= best * relative && s.score >= t.also_at))
            .map(|(_, x)| x)
            .take(t.at_most)
            .map(|(_, s)| s)
            .collect()
    }

    /// What the kind model reads of a text: every word's stem, and the
    /// general cue words of each kind.
    fn kind_features(&self, r: &Reading) -> KindFeatures {
        let mut stems: Vec<String> = Vec::new();
        for (w, stem) in r.raw.iter().zip(&r.stems) {
            if w.chars().count() >= 2 && !stems.contains(stem) {
                stems.push(stem.clone());
            }
        }
        let mut cues = [0.0; kind::KINDS.len()];
        for (k, n) in kind_cues(r.text) {
            cues[kind::index_of(k)] = n.min(2) as f32;
        }
        KindFeatures { stems, cues }
    }

    fn kind_model_without(&self, skip: Option<usize>) -> KindModel {
        let data: Vec<(KindFeatures, usize)> = self
            .kind_training
            .iter()
            .filter(|(_, _, i)| Some(*i) != skip)
            .map(|(f, k, _)| (f.clone(), *k))
            .collect();
        KindModel::train(&data)
    }

    /// The kind of evidence a text most likely is: learned from the
    /// framework's examples when it has some, else by the general cue
    /// words alone ([`infer_kind`]).
    pub fn infer_kind(&self, text: &str) -> EvidenceKind {
        self.infer_kind_skipping(text, None)
    }

    /// As [`Tagger::infer_kind`], learning without the framework example at
    /// `skip`: how the examples' kinds are measured.
    pub fn infer_kind_skipping(&self, text: &str, skip: Option<usize>) -> EvidenceKind {
        match (&self.kind_model, skip) {
            (Some(_), Some(i)) => self
                .kind_model_without(Some(i))
                .kind(&self.kind_features(&self.read(text))),
            (Some(m), None) => m.kind(&self.kind_features(&self.read(text))),
            (None, _) => infer_kind(text),
        }
    }

    /// The learned weights, trained on the framework's examples (leaving
    /// out the one at `skip`).
    fn train_without(&self, skip: Option<usize>) -> Model {
        let data: Vec<Sample> = self
            .training
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != skip)
            .map(|(_, x)| x.clone())
            .collect();
        Model::train(self.profiles.len(), &data)
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
            "module",
            "modules",
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
            "went to the",
            "shadow her",
            "shadow him",
            "shadow them",
            "sit in on",
            "spent a day with",
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
            "review from",
            "appraisal from",
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
            "cut average",
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

/// How many cues of each kind a text holds.
fn kind_cues(text: &str) -> Vec<(EvidenceKind, usize)> {
    let lower = format!(" {} ", text.to_lowercase());
    let whole: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .collect();
    let has = |cue: &str| {
        if cue.chars().all(|c| c.is_alphanumeric()) {
            // Whole words only: "read" is not "ready".
            whole.contains(&cue)
        } else {
            lower.contains(cue)
        }
    };
    KIND_CUES
        .iter()
        .map(|(kind, cues)| {
            let mut n = cues.iter().filter(|c| has(c)).count();
            if *kind == EvidenceKind::Feedback && n == 0 && reported(&whole) {
                n = 1;
            }
            (*kind, n)
        })
        .collect()
}

/// Whether someone else's words are reported: "The CFO said the paper was
/// the clearest", "my manager says", not "I said no to the vendor".
fn reported(words: &[&str]) -> bool {
    const NOT_SOMEONE: &[&str] = &["", "i", "we", "and", "then", "also", "just", "what", "as"];
    words
        .windows(2)
        .any(|w| ["said", "says"].contains(&w[1]) && !NOT_SOMEONE.contains(&w[0]))
}

/// The kind of evidence a text most likely is, from general words alone:
/// the kind whose cues it holds most, `experience` when none stands out
/// (something done at work). Asking the framework's examples as well was
/// measured and made it worse.
pub fn infer_kind(text: &str) -> EvidenceKind {
    let mut best = (EvidenceKind::Experience, 0usize);
    for (kind, n) in kind_cues(text) {
        if n > best.1 {
            best = (kind, n);
        }
    }
    best.0
}

pub mod eval;
mod examples;
mod gap;
mod kind;
mod model;

use model::{Found, Model, Sample};

#[cfg(test)]
mod tests;

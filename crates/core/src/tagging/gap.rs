//! Whether a feedback entry names a gap ("needs to let go of the
//! keyboard", "clear, but sent too late") rather than shows a strength ("the
//! clearest notes on the desk"). Such an entry is about its competencies,
//! and leap keeps it tagged to them, but an IT director would never cite it
//! as evidence of them: readiness does not count it and the packet does not
//! cite it (docs/readiness.md).
//!
//! Two readers, both general English, never a field's vocabulary:
//! - the cue rule: what critique sounds like (a turn after praise, too much
//!   or not enough, advice to change, what someone still does);
//! - the learned reader, used when it can be learned: a logistic regression
//!   over the text's word stems and word pairs (negated ones marked) and
//!   the rule's four cues, starting from the rule and held near it, learned
//!   once per process from the labelled feedback of `gap-examples.toml`
//!   (many occupations, many gaps with no cue word and praise with one).
//!
//! Both are measured on labelled feedback texts by `tagging-eval`
//! (docs/tagging.md).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;

use crate::evidence::EvidenceKind;

/// Words that turn from praise to what is wrong: "great in a crisis, but
/// quiet in meetings".
const TURNS: &[&str] = &["but", "though", "although", "however", "yet", "except"];

/// Words of advice, excess or lack: "too late", "should stop", "still
/// grabs the hard tickets".
const ADVICE: &[&str] = &[
    "too",
    "should",
    "shouldn",
    "must",
    "ought",
    "still",
    "stop",
    "wish",
    "improve",
    "nobody",
    "complained",
    "lack",
    "lacks",
    "lacked",
    "lacking",
    "missing",
];

/// Word pairs that do the same ("didn't" is read as "didn", so "doesn't
/// know" is the pair "doesn", "know").
const ADVICE_PAIRS: &[(&str, &str)] = &[
    ("not", "enough"),
    ("needs", "to"),
    ("need", "to"),
    ("more", "of"),
    ("less", "of"),
    ("work", "on"),
    ("wants", "more"),
    ("want", "more"),
    ("every", "time"),
    ("pointed", "out"),
    ("doesn", "know"),
    ("don", "know"),
    ("take", "over"),
    ("takes", "over"),
    ("talk", "over"),
    ("talks", "over"),
    ("hard", "to"),
    ("tend", "to"),
    ("tends", "to"),
];

/// Words that judge badly, when not negated ("impatient", but "didn't once
/// lose my temper" is praise).
const FAULTS: &[&str] = &[
    "late",
    "slow",
    "unclear",
    "vague",
    "confusing",
    "wordy",
    "messy",
    "sloppy",
    "careless",
    "disorganised",
    "disorganized",
    "inconsistent",
    "unreliable",
    "unprepared",
    "defensive",
    "dismissive",
    "abrupt",
    "blunt",
    "harsh",
    "rude",
    "impatient",
    "curt",
    "cold",
    "distant",
    "aloof",
    "invisible",
    "quiet",
    "passive",
    "reactive",
    "micromanage",
    "micromanages",
    "micromanaging",
    "interrupt",
    "interrupts",
    "ignore",
    "ignores",
    "ignored",
    "forgot",
    "forget",
    "forgets",
    "missed",
    "overran",
    "overrun",
    "overpromise",
    "overpromised",
    "struggle",
    "struggles",
    "struggled",
    "weak",
    "weakness",
    "poor",
    "poorly",
    "bad",
    "badly",
    "worse",
    "worst",
    "fail",
    "failed",
    "failing",
    "mistake",
    "mistakes",
    "concern",
    "concerns",
    "concerned",
    "worried",
    "frustrated",
    "frustrating",
    "annoyed",
    "upset",
    "disappointed",
    "disappointing",
    "complaint",
    "complaints",
    "criticised",
    "criticized",
    "criticism",
    "avoid",
    "avoids",
    "avoided",
    "fester",
    "grumble",
    "blame",
    "blamed",
    "always",
    "whenever",
    "wrong",
    "lose",
    "lost",
    "cost",
    "costs",
    "optimistic",
    "frightened",
    "scared",
    "confused",
];

/// Whether an entry of this kind names a gap. Only feedback does: an
/// experience, a result, a course or a contact is what the person did, and
/// one they did not do is already kept out by negation in the tagging.
pub fn names_gap(kind: EvidenceKind, text: &str) -> bool {
    kind == EvidenceKind::Feedback && critique(text)
}

/// Whether a text sounds like critique (any kind; see [`names_gap`]): the
/// learned reader's answer, or the rule's when the examples could not be
/// read.
pub(crate) fn critique(text: &str) -> bool {
    match reader() {
        Some(r) => r.critique(text),
        None => critique_by_rule(text),
    }
}

/// The rule alone: any of its four cues.
pub(crate) fn critique_by_rule(text: &str) -> bool {
    cues(text).iter().any(|c| *c > 0.0)
}

/// The rule's four cues in a text, each 1 or 0: a turn, a word of advice,
/// a pair of advice, a fault word not negated.
fn cues(text: &str) -> [f32; CUES] {
    let words: Vec<String> = super::words(text).map(str::to_lowercase).collect();
    cues_in(&words, &super::negated(text))
}

/// [`cues`] of a text already read: its lowercase words and which are
/// negated.
fn cues_in(words: &[String], negated: &[bool]) -> [f32; CUES] {
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let paired: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| *w != "t")
        .collect();
    let pair = paired
        .windows(2)
        .any(|p| ADVICE_PAIRS.iter().any(|(a, b)| p[0] == *a && p[1] == *b));
    let fault = words
        .iter()
        .zip(negated.iter().chain(std::iter::repeat(&false)))
        .any(|(w, no)| !no && FAULTS.contains(&w.as_str()));
    [has(TURNS), has(ADVICE), pair, fault].map(|c| if c { 1.0 } else { 0.0 })
}

const CUES: usize = 4;
/// Where the weights start: no cue reads as praise, one cue as critique.
const PRIOR_BIAS: f32 = -1.0;
const PRIOR_CUE: f32 = 2.0;
const EPOCHS: usize = 20;
const RATE: f32 = 0.1;
/// How strongly every weight is pulled back to where it started, on each
/// step: the examples move the rule, they do not replace it.
const HOLD: f32 = 0.02;
/// A text reads as critique above this chance, not at even odds: praise
/// taken for a gap loses the person evidence, a gap taken for praise only
/// leaves them one entry to correct.
const CRITIQUE_AT: f32 = 0.6;

/// Labelled feedback texts the reader learns from.
const EXAMPLES: &str = include_str!("gap-examples.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleFile {
    text: Vec<LabelledText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelledText {
    text: String,
    gap: bool,
}

/// The learned reader, once per process; `None` if the examples do not
/// parse (a test proves they do).
fn reader() -> Option<&'static GapModel> {
    static READER: OnceLock<Option<GapModel>> = OnceLock::new();
    READER
        .get_or_init(|| {
            let file: ExampleFile = toml::from_str(EXAMPLES).ok()?;
            let data: Vec<(&str, bool)> =
                file.text.iter().map(|t| (t.text.as_str(), t.gap)).collect();
            Some(GapModel::learn(&data))
        })
        .as_ref()
}

/// A logistic regression over the rule's cues and the text's tokens.
struct GapModel {
    stemmer: Stemmer,
    bias: f32,
    cue: [f32; CUES],
    vocabulary: BTreeMap<String, usize>,
    tokens: Vec<f32>,
}

impl GapModel {
    fn learn(data: &[(&str, bool)]) -> Self {
        let mut m = Self {
            stemmer: Stemmer::create(Algorithm::English),
            bias: PRIOR_BIAS,
            cue: [PRIOR_CUE; CUES],
            vocabulary: BTreeMap::new(),
            tokens: Vec::new(),
        };
        let mut read: Vec<([f32; CUES], Vec<usize>, f32)> = Vec::with_capacity(data.len());
        for (text, gap) in data {
            let (cues, tokens) = m.read(text);
            let ids = tokens
                .into_iter()
                .map(|t| {
                    let next = m.vocabulary.len();
                    *m.vocabulary.entry(t).or_insert(next)
                })
                .collect();
            read.push((cues, ids, if *gap { 1.0 } else { 0.0 }));
        }
        m.tokens = vec![0.0; m.vocabulary.len()];
        for _ in 0..EPOCHS {
            for (c, ids, want) in &read {
                let g = m.chance(c, ids) - want;
                m.bias -= RATE * (g + HOLD * (m.bias - PRIOR_BIAS));
                for (w, x) in m.cue.iter_mut().zip(c) {
                    if *x > 0.0 {
                        *w -= RATE * (g * x + HOLD * (*w - PRIOR_CUE));
                    }
                }
                for &id in ids {
                    let w = &mut m.tokens[id];
                    *w -= RATE * (g + HOLD * *w);
                }
            }
        }
        m
    }

    /// A text read once: the rule's cues, and its word stems and pairs of
    /// them, once each. A negated word is marked ("~late" in "never
    /// late"), so praise phrased with a negation reads apart from the fault
    /// it denies.
    fn read(&self, text: &str) -> ([f32; CUES], Vec<String>) {
        let words: Vec<String> = super::words(text).map(str::to_lowercase).collect();
        let negated = super::negated(text);
        let stems: Vec<String> = words
            .iter()
            .zip(negated.iter().chain(std::iter::repeat(&false)))
            .map(|(w, no)| {
                let s = self.stemmer.stem(w);
                if *no {
                    format!("~{s}")
                } else {
                    s.into_owned()
                }
            })
            .collect();
        let mut tokens: Vec<String> = stems
            .windows(2)
            .map(|p| format!("{} {}", p[0], p[1]))
            .chain(stems.iter().cloned())
            .collect();
        tokens.sort();
        tokens.dedup();
        (cues_in(&words, &negated), tokens)
    }

    fn chance(&self, cues: &[f32; CUES], ids: &[usize]) -> f32 {
        let z = self.bias
            + self.cue.iter().zip(cues).map(|(w, x)| w * x).sum::<f32>()
            + ids.iter().map(|&id| self.tokens[id]).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    fn critique(&self, text: &str) -> bool {
        let (cues, tokens) = self.read(text);
        let ids: Vec<usize> = tokens
            .iter()
            .filter_map(|t| self.vocabulary.get(t).copied())
            .collect();
        self.chance(&cues, &ids) > CRITIQUE_AT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_that_names_a_gap_is_told_from_praise() {
        let gap = [
            "Appraisal note from my manager: runs the team in all but name, needs to let go of the keyboard",
            "Asked my manager for feedback on my outage comms: clear, but sent too late",
            "My manager said I should stop fixing everything myself",
            // A fault word, or a pair across "doesn't".
            "Shift lead told me I come across as impatient with users",
            "Skip-level feedback said the team doesn't know where we're heading next year",
        ];
        for t in gap {
            assert!(names_gap(EvidenceKind::Feedback, t), "{t}");
        }
        let praise = [
            "Team lead said my ticket notes are the clearest on the desk",
            "CFO told me after the budget meeting that mine were the first IT numbers she has trusted",
            // A fault word, negated: praise.
            "Sister said I didn't once lose my temper with the family in bay 3",
        ];
        for t in praise {
            assert!(!names_gap(EvidenceKind::Feedback, t), "{t}");
        }
        // Only feedback names a gap: what the person did is not critique.
        assert!(!names_gap(
            EvidenceKind::Experience,
            "Ran the retro, but it overran"
        ));
    }

    #[test]
    fn the_examples_are_read_and_learned_from() {
        let file: ExampleFile = toml::from_str(EXAMPLES).expect("gap-examples.toml");
        let gaps = file.text.iter().filter(|t| t.gap).count();
        assert!(file.text.len() >= 600, "{}", file.text.len());
        // Half and half, give or take: neither reading is the default.
        assert!(gaps * 10 >= file.text.len() * 4 && gaps * 10 <= file.text.len() * 6);
        assert!(reader().is_some());
    }

    /// What the rule cannot read: a gap with no cue word, praise with one.
    #[test]
    fn the_learned_reader_reads_what_the_rule_misses() {
        let gap = "My manager said the team hears about the reorganisation from other departments before they hear it from me";
        assert!(!critique_by_rule(gap));
        assert!(critique(gap), "{gap}");
        let praise = "The head of nursing said she'd been worried about the new rota until she saw how I'd planned it";
        assert!(critique_by_rule(praise));
        assert!(!critique(praise), "{praise}");
    }
}

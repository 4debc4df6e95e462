//! Weights learned from the framework's examples: for each competency, how
//! much each piece of evidence counts (its own keywords, other
//! competencies' keywords, the words of the text), by logistic regression
//! that starts from, and is held near, the plain rule "a keyword of the
//! competency is evidence of it". The examples teach which keywords mislead
//! (a technical noun in a text about explaining) and which other words
//! carry meaning.

use std::collections::BTreeMap;

/// What the framework's words found in a text for one competency.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    pub keywords: Vec<String>,
    pub words: Vec<String>,
}

/// One training text: what was found per competency, its content words
/// (stem and surface), and which competencies it shows.
pub type Sample = (Vec<Found>, Vec<(String, String)>, Vec<bool>);

/// Where the weights start and what they are held near.
const BIAS: f32 = -1.5;
const OWN_KEYWORD: f32 = 2.0;
const OWN_WORD: f32 = 0.7;
const EPOCHS: usize = 40;
const RATE: f32 = 0.1;
const HOLD: f32 = 0.02;
/// A learned word is shown as a reason when it weighs at least this.
const SHOWN: f32 = 1.0;
/// Words that may carry weight in the learning but explain nothing to a
/// person: pronouns, articles, numbers, the commonest verbs.
const NEVER_SHOWN: &[&str] = &[
    "the", "and", "for", "his", "her", "him", "she", "they", "them", "our", "you", "your", "was",
    "were", "had", "has", "have", "not", "but", "with", "from", "into", "who", "its", "are", "all",
    "any", "can", "did", "got", "get", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "this", "that", "what", "when", "now", "then", "than", "out", "off",
];

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    bias: Vec<f32>,
    /// `[c][j]`: how much competency j's keywords count for c.
    keyword: Vec<Vec<f32>>,
    word: Vec<Vec<f32>>,
    /// Every stem of the examples, numbered.
    vocabulary: BTreeMap<String, usize>,
    /// `[c][stem]`: how much the stem counts for c.
    stems: Vec<Vec<f32>>,
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

fn prior(c: usize, j: usize, own: f32) -> f32 {
    if c == j {
        own
    } else {
        0.0
    }
}

/// What was found, as (competency, keywords, descriptor words), each
/// counted at most twice, for the competencies where anything was.
fn sparse(found: &[Found]) -> Vec<(usize, f32, f32)> {
    found
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.keywords.is_empty() || !f.words.is_empty())
        .map(|(j, f)| {
            (
                j,
                f.keywords.len().min(2) as f32,
                f.words.len().min(2) as f32,
            )
        })
        .collect()
}

impl Model {
    pub fn train(competencies: usize, data: &[Sample]) -> Self {
        let n = competencies;
        let mut vocabulary: BTreeMap<String, usize> = BTreeMap::new();
        for (_, words, _) in data {
            for (stem, _) in words {
                let next = vocabulary.len();
                vocabulary.entry(stem.clone()).or_insert(next);
            }
        }
        let ids: Vec<Vec<usize>> = data
            .iter()
            .map(|(_, words, _)| {
                words
                    .iter()
                    .filter_map(|(s, _)| vocabulary.get(s).copied())
                    .collect()
            })
            .collect();
        // Most competencies find nothing in a text: only what was found is
        // visited, as (competency, keywords, descriptor words).
        let found: Vec<Vec<(usize, f32, f32)>> =
            data.iter().map(|(found, _, _)| sparse(found)).collect();
        let mut m = Self {
            bias: vec![BIAS; n],
            keyword: (0..n)
                .map(|c| (0..n).map(|j| prior(c, j, OWN_KEYWORD)).collect())
                .collect(),
            word: (0..n)
                .map(|c| (0..n).map(|j| prior(c, j, OWN_WORD)).collect())
                .collect(),
            stems: vec![vec![0.0; vocabulary.len()]; n],
            vocabulary,
        };
        for _ in 0..EPOCHS {
            for (((_, _, labels), ids), found) in data.iter().zip(&ids).zip(&found) {
                for (c, &shows) in labels.iter().enumerate().take(n) {
                    let z = m.logit(c, found, ids);
                    let g = sigmoid(z) - if shows { 1.0 } else { 0.0 };
                    m.bias[c] -= RATE * g;
                    for &(j, k, d) in found {
                        if k > 0.0 {
                            let w = &mut m.keyword[c][j];
                            *w -= RATE * (g * k + HOLD * (*w - prior(c, j, OWN_KEYWORD)));
                        }
                        if d > 0.0 {
                            let w = &mut m.word[c][j];
                            *w -= RATE * (g * d + HOLD * (*w - prior(c, j, OWN_WORD)));
                        }
                    }
                    for &id in ids {
                        let w = &mut m.stems[c][id];
                        *w -= RATE * (g + HOLD * *w);
                    }
                }
            }
        }
        m
    }

    fn logit(&self, c: usize, found: &[(usize, f32, f32)], ids: &[usize]) -> f32 {
        let mut z = self.bias[c];
        for &(j, k, d) in found {
            z += self.keyword[c][j] * k + self.word[c][j] * d;
        }
        for &id in ids {
            z += self.stems[c][id];
        }
        z
    }

    /// For each competency: the chance the text shows it (0 to 1), and the
    /// learned words of the text that spoke for it most.
    pub fn judge(&self, found: &[Found], words: &[(String, String)]) -> Vec<(f32, Vec<String>)> {
        // Words no example had carry no learned weight. A word is shown as
        // the text writes it.
        let known: Vec<(usize, &str)> = words
            .iter()
            .filter_map(|(s, written)| Some((*self.vocabulary.get(s)?, written.as_str())))
            .collect();
        let ids: Vec<usize> = known.iter().map(|(id, _)| *id).collect();
        let found = sparse(found);
        (0..self.bias.len())
            .map(|c| {
                let p = sigmoid(self.logit(c, &found, &ids));
                let mut speaking: Vec<(f32, &str)> = known
                    .iter()
                    .filter(|(_, written)| !NEVER_SHOWN.contains(written))
                    .filter_map(|&(id, written)| {
                        let w = self.stems[c][id];
                        (w >= SHOWN).then_some((w, written))
                    })
                    .collect();
                speaking.sort_by(|a, b| b.0.total_cmp(&a.0));
                let mut shown: Vec<String> = Vec::new();
                for (_, s) in speaking {
                    if shown.len() < 2 && !shown.iter().any(|x| x == s) {
                        shown.push(s.to_owned());
                    }
                }
                (p, shown)
            })
            .collect()
    }
}

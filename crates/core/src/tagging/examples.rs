//! Learning from labelled examples: texts in the field's own words with the
//! competencies they show, from the framework file and from the person's
//! own corrections. A new text is compared with every example (cosine of
//! IDF-weighted word stems); the most alike vote for their competencies.

use std::collections::BTreeMap;

use crate::framework::CompetencyId;

/// A labelled text the tagger learns from.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub text: String,
    /// What the text shows.
    pub competencies: Vec<CompetencyId>,
    /// What it does not show although leap suggested it (a person's
    /// correction); votes against.
    pub removed: Vec<CompetencyId>,
    /// The person's own correction rather than the framework's example.
    pub yours: bool,
    /// An interviewer's reasons rather than evidence.
    pub reasons: bool,
}

/// How many of the most alike examples vote.
pub const NEIGHBOURS: usize = 5;
/// Less alike than this, an example has no say.
pub const MIN_SIMILARITY: f32 = 0.12;
/// A person's own example counts this much more than a framework
/// example: it is how they tag.
pub const YOURS_WEIGHT: f32 = 3.0;
/// How many words (that the framework's examples use) a text must share
/// with one of the person's own examples for it to have a say.
pub const YOURS_SHARED: usize = 2;

struct Indexed {
    example: Example,
    /// Stem → weight, of unit length.
    vector: BTreeMap<String, f32>,
}

/// The examples, ready for comparing.
pub struct Index {
    idf: BTreeMap<String, f32>,
    /// IDF of a stem no example has.
    unseen_idf: f32,
    items: Vec<Indexed>,
    /// Stem → the examples that have it, with its weight there: a text is
    /// compared only with the examples that share a word with it.
    postings: BTreeMap<String, Vec<(usize, f32)>>,
}

/// One example's say: the example and how alike it is.
pub struct Vote<'a> {
    pub example: &'a Example,
    pub similarity: f32,
}

impl Index {
    /// `stems` holds each example's (non-negated) word stems, in order.
    pub fn new(examples: Vec<Example>, stems: Vec<Vec<String>>) -> Self {
        let bags: Vec<Vec<String>> = stems.into_iter().map(dedup).collect();
        let n = bags.len().max(1) as f32;
        let mut df: BTreeMap<String, usize> = BTreeMap::new();
        for bag in &bags {
            for s in bag {
                *df.entry(s.clone()).or_default() += 1;
            }
        }
        let idf: BTreeMap<String, f32> = df
            .into_iter()
            .map(|(s, d)| (s, ((n + 1.0) / (d as f32 + 1.0)).ln() + 1.0))
            .collect();
        let unseen_idf = (n + 1.0).ln() + 1.0;
        let mut index = Self {
            idf,
            unseen_idf,
            items: Vec::new(),
            postings: BTreeMap::new(),
        };
        index.items = examples
            .into_iter()
            .zip(bags)
            .map(|(example, bag)| Indexed {
                vector: index.vector(bag),
                example,
            })
            .collect();
        for (i, item) in index.items.iter().enumerate() {
            for (stem, w) in &item.vector {
                index
                    .postings
                    .entry(stem.clone())
                    .or_default()
                    .push((i, *w));
            }
        }
        index
    }

    fn vector(&self, bag: Vec<String>) -> BTreeMap<String, f32> {
        let mut v: BTreeMap<String, f32> = bag
            .into_iter()
            .map(|s| {
                let w = self.idf.get(&s).copied().unwrap_or(self.unseen_idf);
                (s, w)
            })
            .collect();
        let norm = v.values().map(|w| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for w in v.values_mut() {
                *w /= norm;
            }
        }
        v
    }

    /// The person's own examples alike enough to have a say, weighed with
    /// the framework examples' word weights. All of them vote: they are
    /// few, and they are how this person tags. Only words the framework's
    /// examples use count, and at least [`YOURS_SHARED`] of them: a name
    /// ("Priya") or one word in common says nothing of what a text shows,
    /// and one correction must not make it lean on a competency.
    pub fn alike_among<'a>(
        &self,
        stems: &[String],
        yours: &'a [Example],
        stems_of: &dyn Fn(&str) -> Vec<String>,
    ) -> Vec<Vote<'a>> {
        let q = self.vector(dedup(stems.to_vec()));
        yours
            .iter()
            .filter_map(|e| {
                let v = self.vector(dedup(stems_of(&e.text)));
                // How many known words the two share, and their cosine.
                let (shared, similarity) = q
                    .iter()
                    .filter(|(s, _)| self.idf.contains_key(*s))
                    .filter_map(|(s, w)| v.get(s).map(|x| x * w))
                    .fold((0, 0.0), |(n, sum), x| (n + 1, sum + x));
                (shared >= YOURS_SHARED && similarity >= MIN_SIMILARITY).then_some(Vote {
                    example: e,
                    similarity,
                })
            })
            .collect()
    }

    /// The most alike examples, most alike first, leaving out the example
    /// at `skip` (to measure the examples themselves fairly).
    pub fn nearest(&self, stems: &[String], skip: Option<usize>) -> Vec<Vote<'_>> {
        let q = self.vector(dedup(stems.to_vec()));
        // The cosine, summed over the words each example shares with the
        // text.
        let mut alike: BTreeMap<usize, f32> = BTreeMap::new();
        for (stem, w) in &q {
            for (i, x) in self.postings.get(stem).into_iter().flatten() {
                *alike.entry(*i).or_default() += w * x;
            }
        }
        let mut votes: Vec<(usize, f32)> = alike
            .into_iter()
            .filter(|(i, sim)| Some(*i) != skip && *sim >= MIN_SIMILARITY)
            .collect();
        votes.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        votes
            .into_iter()
            .take(NEIGHBOURS)
            .map(|(i, similarity)| Vote {
                example: &self.items[i].example,
                similarity,
            })
            .collect()
    }
}

fn dedup(mut stems: Vec<String>) -> Vec<String> {
    stems.sort();
    stems.dedup();
    stems
}

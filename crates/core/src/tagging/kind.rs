//! The kind of an entry (experience, relationship, education, feedback,
//! result) learned from a framework's examples: softmax regression over the
//! text's words and the general cue words, starting from, and held near, the
//! cue rule ([`super::infer_kind`]), so a framework with few examples
//! infers kinds as the rule does.

use std::collections::BTreeMap;

use crate::evidence::EvidenceKind;

/// The kinds in a fixed order; the rule's default first.
pub const KINDS: [EvidenceKind; 5] = [
    EvidenceKind::Experience,
    EvidenceKind::Relationship,
    EvidenceKind::Education,
    EvidenceKind::Feedback,
    EvidenceKind::Result,
];

const N: usize = KINDS.len();
/// Where the weights start: experience wins when no cue speaks, one cue
/// outweighs it.
const EXPERIENCE_BIAS: f32 = 0.5;
const OWN_CUE: f32 = 1.0;
const EPOCHS: usize = 30;
const RATE: f32 = 0.1;
const HOLD: f32 = 0.02;

/// What the model reads of a text: its word stems and how many cues of
/// each kind it holds.
#[derive(Debug, Clone, Default)]
pub struct KindFeatures {
    pub stems: Vec<String>,
    pub cues: [f32; N],
}

pub fn index_of(kind: EvidenceKind) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0)
}

#[derive(Debug, Clone)]
pub struct KindModel {
    bias: [f32; N],
    cue: [[f32; N]; N],
    vocabulary: BTreeMap<String, usize>,
    stems: Vec<[f32; N]>,
}

fn prior_bias(k: usize) -> f32 {
    if k == 0 {
        EXPERIENCE_BIAS
    } else {
        0.0
    }
}

fn prior_cue(k: usize, j: usize) -> f32 {
    if k == j {
        OWN_CUE
    } else {
        0.0
    }
}

impl KindModel {
    pub fn train(data: &[(KindFeatures, usize)]) -> Self {
        let mut vocabulary = BTreeMap::new();
        for (f, _) in data {
            for s in &f.stems {
                let next = vocabulary.len();
                vocabulary.entry(s.clone()).or_insert(next);
            }
        }
        let ids: Vec<Vec<usize>> = data
            .iter()
            .map(|(f, _)| {
                f.stems
                    .iter()
                    .filter_map(|s| vocabulary.get(s).copied())
                    .collect()
            })
            .collect();
        let mut m = Self {
            bias: std::array::from_fn(prior_bias),
            cue: std::array::from_fn(|k| std::array::from_fn(|j| prior_cue(k, j))),
            stems: vec![[0.0; N]; vocabulary.len()],
            vocabulary,
        };
        for _ in 0..EPOCHS {
            for ((f, want), ids) in data.iter().zip(&ids) {
                let p = m.chances(&f.cues, ids);
                for (k, pk) in p.iter().enumerate() {
                    let g = pk - if k == *want { 1.0 } else { 0.0 };
                    m.bias[k] -= RATE * (g + HOLD * (m.bias[k] - prior_bias(k)));
                    for (j, c) in f.cues.iter().enumerate() {
                        if *c > 0.0 {
                            let w = &mut m.cue[k][j];
                            *w -= RATE * (g * c + HOLD * (*w - prior_cue(k, j)));
                        }
                    }
                    for &id in ids {
                        let w = &mut m.stems[id][k];
                        *w -= RATE * (g + HOLD * *w);
                    }
                }
            }
        }
        m
    }

    fn chances(&self, cues: &[f32; N], ids: &[usize]) -> [f32; N] {
        let z: [f32; N] = std::array::from_fn(|k| {
            self.bias[k]
                + cues
                    .iter()
                    .enumerate()
                    .map(|(j, c)| self.cue[k][j] * c)
                    .sum::<f32>()
                + ids.iter().map(|&id| self.stems[id][k]).sum::<f32>()
        });
        let top = z.iter().copied().fold(f32::MIN, f32::max);
        let e: [f32; N] = std::array::from_fn(|k| (z[k] - top).exp());
        let total: f32 = e.iter().sum();
        std::array::from_fn(|k| e[k] / total)
    }

    /// The most likely kind.
    pub fn kind(&self, f: &KindFeatures) -> EvidenceKind {
        let ids: Vec<usize> = f
            .stems
            .iter()
            .filter_map(|s| self.vocabulary.get(s).copied())
            .collect();
        let p = self.chances(&f.cues, &ids);
        let mut best = 0;
        for k in 1..N {
            if p[k] > p[best] {
                best = k;
            }
        }
        KINDS[best]
    }
}

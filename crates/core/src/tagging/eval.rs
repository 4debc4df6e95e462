//! Measuring the tagger: the precision, recall and F1 of its suggestions
//! against labelled texts, micro and per competency, with the accuracy of
//! the inferred entry kind. The development part is the framework's own
//! examples (the tagger learns from them, so each is measured with itself
//! left out); the test part is a separate file of labelled texts
//! (`crates/core/src/tagging/eval/`), never tuned on.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Tagger;
use crate::error::FileError;
use crate::evidence::EvidenceKind;
use crate::framework::Framework;

/// Which part of a labelled set a text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// Tune on these.
    Dev,
    /// Measure on these.
    Test,
}

/// One labelled text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sample {
    pub text: String,
    /// journal, plan or debrief.
    pub source: String,
    /// The entry kind, for journal entries and plan items.
    #[serde(default)]
    pub kind: Option<String>,
    pub competencies: Vec<String>,
    #[serde(skip, default = "test_split")]
    pub split: Split,
}

fn test_split() -> Split {
    Split::Test
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    text: Vec<Sample>,
}

/// The development part (the framework's examples, in order) followed by
/// the test part read from `toml_text`, every competency id and kind
/// checked against the framework.
pub fn load(framework: &Framework, name: &str, toml_text: &str) -> Result<Vec<Sample>, FileError> {
    let mut samples: Vec<Sample> = framework
        .examples
        .iter()
        .map(|e| Sample {
            text: e.text.clone(),
            source: if e.reasons { "debrief" } else { "journal" }.to_owned(),
            kind: e.kind.map(|k| k.as_str().to_owned()),
            competencies: e.competencies.iter().map(ToString::to_string).collect(),
            split: Split::Dev,
        })
        .collect();
    samples.extend(load_test(framework, name, toml_text)?);
    Ok(samples)
}

fn load_test(framework: &Framework, name: &str, toml_text: &str) -> Result<Vec<Sample>, FileError> {
    let file: File = toml::from_str(toml_text).map_err(|e| FileError {
        file: name.to_owned(),
        problems: vec![crate::error::Located {
            line: 0,
            column: 0,
            message: e.to_string(),
        }],
    })?;
    let mut problems = Vec::new();
    for (i, s) in file.text.iter().enumerate() {
        for c in &s.competencies {
            if framework.competency(c).is_none() {
                problems.push(format!("text {}: unknown competency '{c}'", i + 1));
            }
        }
        if let Some(k) = &s.kind {
            if EvidenceKind::parse("kind", k).is_err() {
                problems.push(format!("text {}: unknown kind '{k}'", i + 1));
            }
        }
    }
    if problems.is_empty() {
        Ok(file.text)
    } else {
        Err(problems_in(name, problems))
    }
}

/// A labelled file's problems, which have no line of their own.
fn problems_in(name: &str, problems: Vec<String>) -> FileError {
    FileError {
        file: name.to_owned(),
        problems: problems
            .into_iter()
            .map(|message| crate::error::Located {
                line: 0,
                column: 0,
                message,
            })
            .collect(),
    }
}

/// Counts for precision and recall.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub true_positives: u32,
    pub false_positives: u32,
    pub false_negatives: u32,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// `n / d`, and 1 when there is nothing to get wrong.
fn ratio(n: u32, d: u32) -> f64 {
    if d == 0 {
        1.0
    } else {
        f64::from(n) / f64::from(d)
    }
}

/// How the tagger did on one part of a set.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub texts: usize,
    pub micro: Counts,
    pub per_competency: BTreeMap<String, Counts>,
    /// Texts with a kind label, and how many the tagger's kind got right.
    pub kinds: (u32, u32),
    /// The texts whose kind it got wrong: text, labelled kind, inferred.
    pub kind_misses: Vec<(String, String, String)>,
    /// The texts it got wrong, with what it suggested (each with its score
    /// and why).
    pub misses: Vec<(String, Vec<String>, Vec<String>)>,
}

impl Report {
    pub fn kind_accuracy(&self) -> f64 {
        ratio(self.kinds.1, self.kinds.0)
    }

    /// Counts one text: the competencies `got` against those it is
    /// labelled with.
    fn count(&mut self, got: &[String], labelled: &[String]) {
        for c in got {
            let e = self.per_competency.entry(c.clone()).or_default();
            if labelled.contains(c) {
                e.true_positives += 1;
                self.micro.true_positives += 1;
            } else {
                e.false_positives += 1;
                self.micro.false_positives += 1;
            }
        }
        for c in labelled.iter().filter(|c| !got.contains(c)) {
            self.per_competency
                .entry(c.clone())
                .or_default()
                .false_negatives += 1;
            self.micro.false_negatives += 1;
        }
    }
}

/// Runs the tagger on one part of a labelled set.
pub fn evaluate(tagger: &Tagger, samples: &[Sample], split: Split) -> Report {
    let mut r = Report::default();
    for (i, s) in samples.iter().filter(|s| s.split == split).enumerate() {
        r.texts += 1;
        let skip = (split == Split::Dev).then_some(i);
        // As the app reads it: an interviewer's reasons, and feedback that
        // names a gap, are read as reasons (what is negated is the point).
        let kind = s
            .kind
            .as_deref()
            .and_then(|k| EvidenceKind::parse("kind", k).ok())
            .unwrap_or_else(|| tagger.infer_kind_skipping(&s.text, skip));
        let source = if s.source == "debrief" || super::names_gap(kind, &s.text) {
            super::Source::Reasons
        } else {
            super::Source::Evidence
        };
        let suggestions = tagger.suggest_skipping(&s.text, source, skip);
        let suggested: Vec<String> = suggestions
            .iter()
            .map(|x| x.competency.to_string())
            .collect();
        r.count(&suggested, &s.competencies);
        let mut want = s.competencies.clone();
        want.sort();
        let mut got = suggested.clone();
        got.sort();
        if want != got {
            let got = suggestions
                .iter()
                .map(|x| format!("{} ({:.1}: {})", x.competency, x.score, x.why()))
                .collect();
            r.misses.push((s.text.clone(), s.competencies.clone(), got));
        }
        if let Some(k) = &s.kind {
            r.kinds.0 += 1;
            let got = tagger.infer_kind_skipping(&s.text, skip);
            if got.as_str() == k {
                r.kinds.1 += 1;
            } else {
                r.kind_misses
                    .push((s.text.clone(), k.clone(), got.as_str().to_owned()));
            }
        }
    }
    r
}

/// How far a second annotator's labels of one part (`second`, the same
/// texts) agree with the first's (`reference`): the second's labels scored
/// as if they were suggestions. Texts the second did not label are left out;
/// a text of theirs that is not one of the part's is an error.
pub fn agreement(
    framework: &Framework,
    name: &str,
    reference: &[Sample],
    split: Split,
    second: &str,
) -> Result<Report, FileError> {
    let second = load_test(framework, name, second)?;
    let part: Vec<&Sample> = reference.iter().filter(|s| s.split == split).collect();
    let stray: Vec<String> = second
        .iter()
        .enumerate()
        .filter(|(_, o)| !part.iter().any(|s| s.text == o.text))
        .map(|(i, _)| format!("text {}: not one of the part's texts", i + 1))
        .collect();
    if !stray.is_empty() {
        return Err(problems_in(name, stray));
    }
    let mut r = Report::default();
    for s in part {
        let Some(o) = second.iter().find(|o| o.text == s.text) else {
            continue;
        };
        r.texts += 1;
        r.count(&o.competencies, &s.competencies);
        if let (Some(a), Some(b)) = (&s.kind, &o.kind) {
            r.kinds.0 += 1;
            if a == b {
                r.kinds.1 += 1;
            }
        }
    }
    Ok(r)
}

/// Which labelled set a feedback text of `eval/gaps.toml` belongs to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct GapSample {
    text: String,
    set: String,
    part: String,
    gap: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GapFile {
    text: Vec<GapSample>,
}

/// Which gap reader to measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapReader {
    /// What the app uses: the learned reader.
    Learned,
    /// The cue rule alone, for comparison.
    Rule,
}

/// How well a gap reader tells feedback that names a gap from praise, per
/// set ("it", "nursing") and part ("development", "test"): the positives
/// are the texts that name a gap.
pub fn gaps(
    toml_text: &str,
    reader: GapReader,
) -> Result<BTreeMap<(String, String), GapCounts>, String> {
    let file: GapFile = toml::from_str(toml_text).map_err(|e| e.to_string())?;
    let mut out: BTreeMap<(String, String), GapCounts> = BTreeMap::new();
    for s in file.text {
        let said = match reader {
            GapReader::Learned => super::gap::critique(&s.text),
            GapReader::Rule => super::gap::critique_by_rule(&s.text),
        };
        let c = out.entry((s.set, s.part)).or_default();
        c.texts += 1;
        c.right += u32::from(said == s.gap);
        match (said, s.gap) {
            (true, true) => c.counts.true_positives += 1,
            (true, false) => c.counts.false_positives += 1,
            (false, true) => c.counts.false_negatives += 1,
            (false, false) => {}
        }
    }
    Ok(out)
}

/// [`gaps`] for one set and part.
#[derive(Debug, Clone, Default)]
pub struct GapCounts {
    pub texts: u32,
    pub right: u32,
    pub counts: Counts,
}

impl GapCounts {
    pub fn accuracy(&self) -> f64 {
        if self.texts == 0 {
            0.0
        } else {
            f64::from(self.right) / f64::from(self.texts)
        }
    }
}

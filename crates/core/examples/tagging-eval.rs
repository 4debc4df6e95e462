//! Measures the tagger on the labelled sets: micro and per-competency
//! precision, recall and F1, and the accuracy of the inferred entry kind,
//! on the development part and the test part of each set; and, for
//! scale, how far a second annotator agrees with the first on the test part;
//! and how well leap tells feedback that names a gap from praise.
//!
//! Run: `cargo run -p leap-core --example tagging-eval` (add `-- --misses`
//! to list the texts tagged wrongly on the development part, or
//! `-- --curve` for the learning curve: the test part measured with the
//! tagger learning from a third, two thirds and all of the examples).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use leap_core::framework::{builtin, Framework};
use leap_core::tagging::eval::{agreement, evaluate, gaps, load, GapReader, Report, Split};
use leap_core::tagging::Tagger;

fn print(name: &str, split: &str, r: &Report) {
    // A second annotator of the examples labelled competencies only.
    let kinds = if r.kinds.0 == 0 {
        String::new()
    } else {
        format!(
            "; kind accuracy {:.3} ({} of {})",
            r.kind_accuracy(),
            r.kinds.1,
            r.kinds.0
        )
    };
    println!(
        "{name} {split}: {} texts; micro precision {:.3}, recall {:.3}, F1 {:.3}{kinds}",
        r.texts,
        r.micro.precision(),
        r.micro.recall(),
        r.micro.f1(),
    );
    for (c, counts) in &r.per_competency {
        println!(
            "    {c:<34} precision {:.2}  recall {:.2}  F1 {:.2}  (tp {}, fp {}, fn {})",
            counts.precision(),
            counts.recall(),
            counts.f1(),
            counts.true_positives,
            counts.false_positives,
            counts.false_negatives
        );
    }
}

/// The framework file with every `[[example]]` after the first kept only
/// when it falls in an even spread of `share` of them.
fn with_share_of_examples(text: &str, share: f64) -> Result<Framework, String> {
    let start = text.find("[[example]]").ok_or("the file has no examples")?;
    let (head, examples) = text.split_at(start);
    let parts: Vec<&str> = examples
        .split("[[example]]")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let n = parts.len();
    let k = (n as f64 * share).round() as usize;
    let mut kept = head.to_owned();
    for (i, part) in parts.iter().enumerate() {
        if (i * k) / n != ((i + 1) * k) / n {
            kept.push_str("[[example]]");
            kept.push_str(part);
        }
    }
    Framework::load("share.toml", &kept).map_err(|e| e.to_string())
}

fn curve(name: &str, framework_text: &str, set: &str) -> Result<(), String> {
    for share in [1.0 / 3.0, 2.0 / 3.0, 1.0] {
        let f = with_share_of_examples(framework_text, share)?;
        let samples = load(&f, name, set).map_err(|e| e.to_string())?;
        let r = evaluate(&Tagger::new(&f), &samples, Split::Test);
        println!(
            "{name} test, learning from {} examples: micro precision {:.3}, recall {:.3}, F1 {:.3}",
            f.examples.len(),
            r.micro.precision(),
            r.micro.recall(),
            r.micro.f1()
        );
    }
    Ok(())
}

/// A labelled set: its name, its test part, and a second annotator's
/// labels of the test part and of the framework's examples.
struct Set<'a> {
    name: &'a str,
    test: &'a str,
    second_test: &'a str,
    second_examples: &'a str,
}

fn run(set: &Set, f: &Framework, misses: bool) -> Result<(), String> {
    let name = set.name;
    let samples = load(f, name, set.test).map_err(|e| e.to_string())?;
    for (split, second, label) in [
        (
            Split::Dev,
            set.second_examples,
            "dev, a second annotator against the first",
        ),
        (
            Split::Test,
            set.second_test,
            "test, a second annotator against the first",
        ),
    ] {
        let people = agreement(f, name, &samples, split, second).map_err(|e| e.to_string())?;
        print(name, label, &people);
    }
    let tagger = Tagger::new(f);
    for (split, label) in [(Split::Dev, "dev"), (Split::Test, "test")] {
        let r = evaluate(&tagger, &samples, split);
        print(name, label, &r);
        if misses && split == Split::Dev {
            for (text, want, got) in &r.kind_misses {
                println!("  KIND {text:?}: labelled {want}, inferred {got}");
            }
            for (text, want, got) in &r.misses {
                println!("  MISS {text:?}\n       want {want:?}");
                for g in got {
                    println!("       got  {g}");
                }
            }
        }
    }
    Ok(())
}

fn main() -> Result<(), String> {
    let misses = std::env::args().any(|a| a == "--misses");
    if std::env::args().any(|a| a == "--curve") {
        curve(
            "it-leadership",
            include_str!("../src/framework/it-leadership.toml"),
            include_str!("../src/tagging/eval/it-leadership.toml"),
        )?;
        return curve(
            "ward-leadership",
            include_str!("../../../docs/examples/ward-leadership.toml"),
            include_str!("../src/tagging/eval/ward-leadership.toml"),
        );
    }
    let it = builtin().map_err(|e| e.to_string())?;
    let it_set = Set {
        name: "it-leadership",
        test: include_str!("../src/tagging/eval/it-leadership.toml"),
        second_test: include_str!("../src/tagging/eval/second-annotator/it-leadership.toml"),
        second_examples: include_str!(
            "../src/tagging/eval/second-annotator/it-leadership-examples.toml"
        ),
    };
    run(&it_set, &it, misses)?;
    let gap_texts = include_str!("../src/tagging/eval/gaps.toml");
    let rule = gaps(gap_texts, GapReader::Rule)?;
    for ((set, part), g) in gaps(gap_texts, GapReader::Learned)? {
        let r = rule
            .get(&(set.clone(), part.clone()))
            .cloned()
            .unwrap_or_default();
        println!(
            "feedback naming a gap, {set} {part}: {} texts; accuracy {:.3}; precision {:.3}, recall {:.3} (tp {}, fp {}, fn {}); the cue rule alone: accuracy {:.3}, precision {:.3}, recall {:.3}",
            g.texts,
            g.accuracy(),
            g.counts.precision(),
            g.counts.recall(),
            g.counts.true_positives,
            g.counts.false_positives,
            g.counts.false_negatives,
            r.accuracy(),
            r.counts.precision(),
            r.counts.recall(),
        );
    }
    let ward_text = include_str!("../../../docs/examples/ward-leadership.toml");
    let ward = Framework::load("ward-leadership.toml", ward_text).map_err(|e| e.to_string())?;
    let ward_set = Set {
        name: "ward-leadership",
        test: include_str!("../src/tagging/eval/ward-leadership.toml"),
        second_test: include_str!("../src/tagging/eval/second-annotator/ward-leadership.toml"),
        second_examples: include_str!(
            "../src/tagging/eval/second-annotator/ward-leadership-examples.toml"
        ),
    };
    run(&ward_set, &ward, misses)
}

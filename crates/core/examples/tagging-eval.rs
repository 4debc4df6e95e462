//! Measures the tagger on the labelled sets: micro and per-competency
//! precision, recall and F1, and the accuracy of the inferred entry kind,
//! on the development part and the test part of each set; and, for
//! scale, how far a second annotator agrees with the first on the test part.
//!
//! Run: `cargo run -p leap-core --example tagging-eval` (add `-- --misses`
//! to list the texts tagged wrongly on the development part).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use leap_core::framework::{builtin, Framework};
use leap_core::tagging::eval::{agreement, evaluate, load, Report, Split};
use leap_core::tagging::Tagger;

fn print(name: &str, split: &str, r: &Report) {
    println!(
        "{name} {split}: {} texts; micro precision {:.3}, recall {:.3}, F1 {:.3}; kind accuracy {:.3} ({} of {})",
        r.texts,
        r.micro.precision(),
        r.micro.recall(),
        r.micro.f1(),
        r.kind_accuracy(),
        r.kinds.1,
        r.kinds.0
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

fn run(name: &str, f: &Framework, set: &str, second: &str, misses: bool) -> Result<(), String> {
    let samples = load(f, name, set).map_err(|e| e.to_string())?;
    let people = agreement(f, name, &samples, second).map_err(|e| e.to_string())?;
    print(name, "test, a second annotator against the first", &people);
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
    let it = builtin().map_err(|e| e.to_string())?;
    run(
        "it-leadership",
        &it,
        include_str!("../src/tagging/eval/it-leadership.toml"),
        include_str!("../src/tagging/eval/second-annotator/it-leadership.toml"),
        misses,
    )?;
    let ward_text = include_str!("../../../docs/examples/ward-leadership.toml");
    let ward = Framework::load("ward-leadership.toml", ward_text).map_err(|e| e.to_string())?;
    run(
        "ward-leadership",
        &ward,
        include_str!("../src/tagging/eval/ward-leadership.toml"),
        include_str!("../src/tagging/eval/second-annotator/ward-leadership.toml"),
        misses,
    )
}

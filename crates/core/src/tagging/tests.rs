use super::*;
use crate::framework::builtin;

fn suggest(text: &str) -> Vec<String> {
    let f = builtin().expect("builtin");
    Tagger::new(&f)
        .suggest(text)
        .into_iter()
        .map(|s| s.competency.to_string())
        .collect()
}

#[test]
fn keywords_match_through_stemming() {
    let s = suggest("Delegated the patching rota to Sam and coached him through the first week");
    assert!(s.contains(&"leadership-delegation".to_owned()), "{s:?}");
    assert!(s.contains(&"developing-staff".to_owned()), "{s:?}");
}

#[test]
fn budget_and_presentation() {
    let s = suggest("Presented the Q3 budget forecast to the finance director");
    assert!(s.contains(&"budgeting-funding".to_owned()), "{s:?}");
    assert!(s.contains(&"communication".to_owned()), "{s:?}");
    assert!(s.len() <= MAX_SUGGESTIONS);
}

#[test]
fn phrases_match_as_phrases() {
    let s = suggest("Ran our disaster recovery test on Saturday");
    assert_eq!(
        s.first().map(String::as_str),
        Some("compliance-risk"),
        "{s:?}"
    );
}

#[test]
fn unrelated_text_gets_no_tags() {
    assert!(suggest("Had a sandwich").is_empty());
    assert!(suggest("").is_empty());
}

#[test]
fn suggestions_say_what_matched() {
    let f = builtin().expect("builtin");
    let s = Tagger::new(&f).suggest("Mediated a conflict between the network and desktop teams");
    let c = s
        .iter()
        .find(|s| s.competency.as_str() == "conflict-emotional-intelligence")
        .expect("tagged");
    assert!(
        c.matched.contains(&"conflict".to_owned()),
        "{:?}",
        c.matched
    );
}

#[test]
fn keywords_that_stem_alike_count_once_and_function_words_never() {
    let f = builtin().expect("builtin");
    let s = Tagger::new(&f).suggest("Delegated the rota through the week");
    let lead = s
        .iter()
        .find(|s| s.competency.as_str() == "leadership-delegation")
        .expect("tagged");
    assert_eq!(lead.matched, vec!["delegate".to_owned()]);
}

#[test]
fn a_negated_keyword_is_no_evidence() {
    let f = crate::framework::builtin().expect("builtin");
    let t = Tagger::new(&f);
    let ids = |text: &str| -> Vec<String> {
        t.suggest(text)
            .into_iter()
            .map(|s| s.competency.to_string())
            .collect()
    };
    assert!(ids("Led the retro this month").contains(&"leadership-delegation".to_owned()));
    assert!(!ids("Did not get to lead the retro this month")
        .contains(&"leadership-delegation".to_owned()));
    assert!(
        !ids("I didn't delegate anything this week").contains(&"leadership-delegation".to_owned())
    );
}

#[test]
fn the_kind_of_an_entry_is_inferred_from_general_words() {
    use crate::evidence::EvidenceKind;
    for (text, kind) in [
        (
            "Passed the PRINCE2 Foundation exam",
            EvidenceKind::Education,
        ),
        (
            "Lunch with the finance director to learn the month-end",
            EvidenceKind::Relationship,
        ),
        (
            "My manager said my status reports are the clearest",
            EvidenceKind::Feedback,
        ),
        (
            "Ticket backlog down from 140 to 60 in a quarter",
            EvidenceKind::Result,
        ),
        (
            "Ran the change advisory board while Sam was away",
            EvidenceKind::Experience,
        ),
    ] {
        assert_eq!(infer_kind(text), kind, "{text}");
    }
}

/// The labelled sets load, name only competencies their framework has, and
/// the tagger does not fall below what it measured when they were written
/// (docs/tagging.md; `cargo run -p leap-core --example tagging-eval`).
#[test]
fn the_labelled_sets_are_valid_and_the_tagger_does_not_regress() {
    use super::eval::{evaluate, load, Split};
    let it = builtin().expect("builtin");
    let ward_text = include_str!("../../../../docs/examples/ward-leadership.toml");
    let ward = Framework::load("ward-leadership.toml", ward_text).expect("the example framework");
    for (f, name, set, at_least) in [
        (
            &it,
            "it-leadership",
            include_str!("eval/it-leadership.toml"),
            (0.45, 0.47, 0.80),
        ),
        (
            &ward,
            "ward-leadership",
            include_str!("eval/ward-leadership.toml"),
            (0.70, 0.50, 0.78),
        ),
    ] {
        let samples = load(f, name, set).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(samples.len() >= if name == "it-leadership" { 250 } else { 60 });
        for c in &f.competencies {
            for split in [Split::Dev, Split::Test] {
                assert!(
                    samples
                        .iter()
                        .any(|s| s.split == split && s.competencies.contains(&c.id.to_string())),
                    "{name}: {} in both parts",
                    c.id
                );
            }
        }
        let r = evaluate(&Tagger::new(f), &samples, Split::Test);
        assert!(
            r.micro.precision() >= at_least.0,
            "{name}: precision {}",
            r.micro.precision()
        );
        assert!(
            r.micro.recall() >= at_least.1,
            "{name}: recall {}",
            r.micro.recall()
        );
        assert!(
            r.kind_accuracy() >= at_least.2,
            "{name}: kind {}",
            r.kind_accuracy()
        );
    }
}

/// What interviewers say, in plain words (issue #16's phrasings).
#[test]
fn debrief_reasons_in_plain_words_are_understood() {
    for (reasons, want) in [
        ("Someone with more experience was hired", vec![]),
        ("More experience", vec![]),
        (
            "They wanted more experience managing people",
            vec!["developing-staff", "leadership-delegation"],
        ),
        ("More management experience", vec!["leadership-delegation"]),
        ("Experience managing budgets", vec!["budgeting-funding"]),
    ] {
        let mut got = suggest(reasons);
        got.sort();
        assert_eq!(got, want, "{reasons}");
    }
}

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
    assert_eq!(lead.score, KEYWORD_SCORE);
}

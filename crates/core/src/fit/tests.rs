use super::*;
use crate::framework::builtin;

fn framework() -> Framework {
    builtin().expect("builtin")
}

fn answer_all(f: &Framework, management: i64, technical: i64) -> FitAnswers {
    answers_from(
        f,
        f.fit_statements.iter().map(|s| {
            (
                s.id.clone(),
                if s.track == Track::Management {
                    management
                } else {
                    technical
                },
            )
        }),
    )
    .expect("valid answers")
}

#[test]
fn strong_management_pull_recommends_management() {
    let f = framework();
    let r = score(&f, &answer_all(&f, 5, 1));
    assert_eq!((r.management, r.technical), (100, 0));
    assert_eq!(r.recommendation, Recommendation::Management);
    assert!(r.reasons.iter().any(|x| x.contains("toward management")));
    // Both sides are said: eight strong agreements do not crowd out what
    // was strongly rejected.
    assert!(
        r.reasons
            .iter()
            .any(|x| x.starts_with("You strongly disagreed")
                && x.contains("away from the technical track")),
        "{:?}",
        r.reasons
    );
}

#[test]
fn strong_technical_pull_recommends_technical() {
    let f = framework();
    let r = score(&f, &answer_all(&f, 2, 5));
    assert_eq!((r.management, r.technical), (25, 100));
    assert_eq!(r.recommendation, Recommendation::Technical);
    assert!(r.next_step.contains("specialist"));
}

#[test]
fn close_or_weak_pulls_recommend_a_trial() {
    let f = framework();
    let both = score(&f, &answer_all(&f, 4, 4));
    assert_eq!(both.recommendation, Recommendation::Explore);
    assert!(both.next_step.contains("three months"));
    assert!(both.reasons.iter().any(|r| r.contains("Both tracks")));
    let weak = score(&f, &answer_all(&f, 2, 2));
    assert_eq!(weak.recommendation, Recommendation::Explore);
    assert!(weak.reasons.iter().any(|r| r.contains("Neither track")));
}

#[test]
fn answers_file_errors_name_the_value_and_position() {
    let f = framework();
    let e = parse_answers(
        &f,
        "a.toml",
        "[answers]\nresponsible-for-team = 9\nnope = 2\n",
    )
    .unwrap_err();
    let shown = e.to_string();
    assert!(
        shown.contains(
            "a.toml:2:24: invalid answer to 'responsible-for-team' '9': a whole number from 1"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("a.toml:3:8: unknown fit statement 'nope': allowed: responsible-for-team"),
        "{shown}"
    );
    assert!(shown.contains("no answer for less-hands-on"), "{shown}");
    let e = parse_answers(&f, "a.toml", "answers = [").unwrap_err();
    assert_eq!(e.problems.len(), 1);
}

#[test]
fn answers_file_round_trip() {
    let f = framework();
    let text: String = std::iter::once("[answers]\n".to_owned())
        .chain(f.fit_statements.iter().map(|s| format!("{} = 3\n", s.id)))
        .collect();
    let a = parse_answers(&f, "a.toml", &text).expect("valid");
    assert_eq!(score(&f, &a).management, 50);
}

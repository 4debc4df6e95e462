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

/// A network engineer who likes growing people and dislikes meetings,
/// with no strong answer either way: his answers lean technical, but the
/// fit check does not close the door on management without conviction.
#[test]
fn a_lean_without_a_strong_answer_recommends_a_trial() {
    let f = framework();
    let mild = [
        ("responsible-for-team", 4),
        ("less-hands-on", 2),
        ("planning-over-doing", 2),
        ("meetings-and-business", 2),
        ("grow-people", 4),
        ("money-and-politics", 3),
        ("handle-conflict", 3),
        ("business-impact", 3),
        ("technical-work-is-the-joy", 4),
        ("keep-learning-hands-on", 4),
        ("promotion-not-fit", 3),
        ("go-to-expert", 3),
        ("miss-the-technology", 4),
        ("honoured-expert", 3),
    ];
    let answers = |changed: Option<(&str, i64)>| {
        answers_from(
            &f,
            mild.iter().map(|(id, a)| {
                let a = match changed {
                    Some((c, v)) if c == *id => v,
                    _ => *a,
                };
                ((*id).to_owned(), a)
            }),
        )
        .expect("valid answers")
    };
    let r = score(&f, &answers(None));
    assert!(r.technical >= RECOMMEND_AT && r.technical >= r.management + CLEAR_LEAD);
    assert_eq!(r.recommendation, Recommendation::Explore, "{:?}", r.reasons);
    assert!(
        r.reasons
            .iter()
            .any(|x| x.contains("lean toward the technical track, but none strongly")),
        "{:?}",
        r.reasons
    );
    // One strong answer toward it, and the technical track is the advice.
    let sure = score(&f, &answers(Some(("miss-the-technology", 5))));
    assert_eq!(sure.recommendation, Recommendation::Technical);
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

use crate::{fit_answers, Leap};

#[test]
fn fit_json_follows_the_contract_and_recommends() {
    let l = Leap::with_profile();
    assert!(l.json(&["status"])["next"]
        .to_string()
        .contains("Take the fit check."));
    let f = l.file("fit.toml", &fit_answers(5, 2));
    let v = l.json(&["fit", "--answers", Leap::path_str(&f)]);
    assert_eq!(v["management"], 100);
    assert_eq!(v["technical"], 25);
    assert_eq!(v["recommendation"], "management");
    assert!(v["reasons"].as_array().is_some_and(|r| r.len() > 1));

    let f = l.file("fit2.toml", &fit_answers(2, 5));
    assert_eq!(
        l.json(&["fit", "--answers", Leap::path_str(&f)])["recommendation"],
        "technical"
    );
    let f = l.file("fit3.toml", &fit_answers(4, 4));
    let out = l.ok(&["fit", "--answers", Leap::path_str(&f)]);
    assert!(
        out.stdout.contains("Recommendation: explore"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("three months"),
        "explore suggests a time-boxed trial: {}",
        out.stdout
    );
    // Each fit check is kept; status shows the latest.
    assert_eq!(
        l.json(&["status"])["next"].as_array().map(|n| n
            .iter()
            .any(|x| x.as_str().is_some_and(|s| s.contains("fit check")))),
        Some(false)
    );
}

#[test]
fn bad_fit_answers_are_refused() {
    let l = Leap::with_profile();
    let bad = l.file(
        "bad.toml",
        &fit_answers(5, 2).replace("grow-people = 5", "grow-people = 6"),
    );
    l.refused(
        &["fit", "--answers", Leap::path_str(&bad)],
        &["bad.toml:6:15: invalid answer to 'grow-people' '6': a whole number from 1 (strongly disagree) to 5 (strongly agree)"],
    );
    let unknown = l.file("unknown.toml", &format!("{}typo = 3\n", fit_answers(3, 3)));
    l.refused(
        &["fit", "--answers", Leap::path_str(&unknown)],
        &["unknown fit statement 'typo': allowed: responsible-for-team"],
    );
    let partial = l.file("partial.toml", "[answers]\nresponsible-for-team = 4\n");
    l.refused(
        &["fit", "--answers", Leap::path_str(&partial)],
        &["no answer for less-hands-on"],
    );
    let malformed = l.file("malformed.toml", "[answers\n");
    l.refused(
        &["fit", "--answers", Leap::path_str(&malformed)],
        &["malformed.toml:1:"],
    );
    let text = l.file("text.toml", "[answers]\ngrow-people = \"yes\"\n");
    l.refused(
        &["fit", "--answers", Leap::path_str(&text)],
        &["'grow-people' is string \"yes\"", "whole number"],
    );
    // Without a terminal and without a file, leap says how to answer.
    l.refused(&["fit"], &["pass --answers FILE"]);
}

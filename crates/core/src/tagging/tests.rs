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

/// An entry of one word says nothing of what was done, however well the
/// word matches; an interviewer's one word still cites.
#[test]
fn an_entry_of_one_word_is_evidence_of_nothing() {
    for text in ["Lunch.", "Delegated", "Budget!", "The budget."] {
        let s = suggest(text);
        assert!(s.is_empty(), "{text}: {s:?}");
    }
    let f = builtin().expect("builtin");
    let cited = Tagger::new(&f).suggest_for("Budgeting.", Source::Reasons, &[]);
    assert!(
        cited
            .iter()
            .any(|s| s.competency.as_str() == "budgeting-funding"),
        "{cited:?}"
    );
    assert!(!suggest("Lunch with the finance director").is_empty());
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
    // Once, and as the text writes it.
    assert_eq!(lead.matched, vec!["delegated".to_owned()]);
}

#[test]
fn a_negated_keyword_is_no_evidence() {
    let f = builtin().expect("builtin");
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
    // Declining or refusing to do something is not doing it.
    assert!(ids("Chaired the weekly change advisory board")
        .contains(&"leadership-delegation".to_owned()));
    for text in [
        "Declined to chair the weekly change advisory board",
        "Refused to lead the retro this month",
    ] {
        assert!(
            !ids(text).contains(&"leadership-delegation".to_owned()),
            "{text}: {:?}",
            ids(text)
        );
    }
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
    // Someone else's words reported are feedback, by the rule and as
    // learned from the examples; the person's own are not.
    let f = builtin().expect("builtin");
    let t = Tagger::new(&f);
    for (text, kind) in [
        (
            "The CFO said the DR paper was the clearest she had seen",
            EvidenceKind::Feedback,
        ),
        (
            "Head of sales says the outage summary finally made sense to her team",
            EvidenceKind::Feedback,
        ),
    ] {
        assert_eq!(infer_kind(text), kind, "{text}");
        assert_eq!(t.infer_kind(text), kind, "{text}");
    }
    let own = "I said no to the vendor's price rise and asked for a second quote";
    assert_ne!(infer_kind(own), EvidenceKind::Feedback, "{own}");
    assert_ne!(t.infer_kind(own), EvidenceKind::Feedback, "{own}");
}

/// The labelled sets load, name only competencies their framework has, and
/// the tagger does not fall below what it measured when they were written
/// (docs/tagging.md; `cargo run -p leap-core --example tagging-eval`).
#[test]
fn the_labelled_sets_are_valid_and_the_tagger_does_not_regress() {
    use super::eval::{agreement, evaluate, load, Split};
    let it = builtin().expect("builtin");
    let ward_text = include_str!("../../../../docs/examples/ward-leadership.toml");
    let ward = Framework::load("ward-leadership.toml", ward_text).expect("the example framework");
    for (f, name, set, (second, second_examples), at_least) in [
        (
            &it,
            "it-leadership",
            include_str!("eval/it-leadership.toml"),
            (
                include_str!("eval/second-annotator/it-leadership.toml"),
                include_str!("eval/second-annotator/it-leadership-examples.toml"),
            ),
            // 0.727 / 0.642 / 0.912 measured with the fourth group's
            // examples, kept because they help on the development part;
            // the test part's dip is within its noise (BENCHMARKS.md).
            (0.71, 0.63, 0.90),
        ),
        (
            &ward,
            "ward-leadership",
            include_str!("eval/ward-leadership.toml"),
            (
                include_str!("eval/second-annotator/ward-leadership.toml"),
                include_str!("eval/second-annotator/ward-leadership-examples.toml"),
            ),
            (0.75, 0.59, 0.85),
        ),
    ] {
        let samples = load(f, name, set).unwrap_or_else(|e| panic!("{name}: {e}"));
        // The second annotator labelled every text of the test part and
        // of the examples (docs/tagging.md), and only those texts.
        for (split, second) in [(Split::Test, second), (Split::Dev, second_examples)] {
            let people = agreement(f, name, &samples, split, second)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let texts = samples.iter().filter(|s| s.split == split).count();
            assert!(
                people.texts == texts,
                "{name}: second annotator, {split:?}: {} of {texts}",
                people.texts
            );
        }
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

/// Feedback that names a gap is told from praise at least as well as
/// measured (BENCHMARKS.md), on every set and part of `eval/gaps.toml`; on
/// the test parts, written to be hard, the learned reader does better than
/// the cue rule it starts from.
#[test]
fn feedback_naming_a_gap_is_told_from_praise_as_measured() {
    use super::eval::{gaps, GapReader};
    let text = include_str!("eval/gaps.toml");
    let learned = gaps(text, GapReader::Learned).expect("gaps.toml");
    let rule = gaps(text, GapReader::Rule).expect("gaps.toml");
    for ((set, part), at_least) in [
        (("it", "development"), (0.90, 0.90, 0.90)),
        (("nursing", "development"), (0.80, 0.70, 0.85)),
        (("it", "test"), (0.70, 0.75, 0.60)),
        (("nursing", "test"), (0.85, 0.85, 0.85)),
    ] {
        let key = (set.to_owned(), part.to_owned());
        let g = learned.get(&key).unwrap_or_else(|| panic!("{set} {part}"));
        assert!(g.texts >= 20, "{set} {part}: {} texts", g.texts);
        let got = (g.accuracy(), g.counts.precision(), g.counts.recall());
        assert!(
            got.0 >= at_least.0 && got.1 >= at_least.1 && got.2 >= at_least.2,
            "{set} {part}: accuracy, precision, recall {got:?}"
        );
        if part == "test" {
            let r = &rule[&key];
            assert!(
                g.accuracy() > r.accuracy(),
                "{set} {part}: rule {}",
                r.accuracy()
            );
        }
    }
}

/// The gap reader's examples are not the texts it is measured on, nor
/// those texts with a word or two changed: no example shares as many as
/// two in five of its word stems with a measured text.
#[test]
fn the_gap_readers_examples_are_not_the_measured_texts() {
    #[derive(serde::Deserialize)]
    struct File {
        text: Vec<Text>,
    }
    #[derive(serde::Deserialize)]
    struct Text {
        text: String,
    }
    let stemmer = Stemmer::create(Algorithm::English);
    let stems = |t: &str| -> BTreeSet<String> {
        words(t)
            .filter(|w| w.chars().count() >= 3)
            .map(|w| stemmer.stem(&w.to_lowercase()).into_owned())
            .collect()
    };
    let read = |toml_text: &str| -> Vec<(String, BTreeSet<String>)> {
        let f: File = toml::from_str(toml_text).expect("parses");
        f.text
            .into_iter()
            .map(|t| {
                let s = stems(&t.text);
                (t.text, s)
            })
            .collect()
    };
    let measured = read(include_str!("eval/gaps.toml"));
    for (example, a) in read(include_str!("gap-examples.toml")) {
        for (text, b) in &measured {
            let shared = a.intersection(b).count();
            let either = a.union(b).count();
            assert!(
                shared * 5 < either * 2,
                "{example:?} is too like the measured {text:?}"
            );
        }
    }
}

/// An IT director's review of `leap log`: line management in plain words
/// is leading and developing staff, and computer networking is not the
/// networking of relationships (the framework's keywords and `ignore`
/// phrases, not code).
#[test]
fn line_management_and_the_other_sense_of_networking() {
    let line = suggest("Took over line management of two staff from Kate");
    for want in ["leadership-delegation", "developing-staff"] {
        assert!(line.contains(&want.to_owned()), "{line:?}");
    }
    for text in [
        "Networking issues in the warehouse again, swapped the switch",
        "Networking problems on the third floor all morning",
    ] {
        let s = suggest(text);
        assert!(
            !s.contains(&"relationships-networking".to_owned()),
            "{text}: {s:?}"
        );
    }
    let event = suggest("Went to the BCS networking evening and met two IT managers");
    assert!(
        event.contains(&"relationships-networking".to_owned()),
        "{event:?}"
    );
}

/// Feedback that names a gap is read as reasons are: what the negation
/// covers is what it is about ("couldn't give examples of managing a
/// budget"), where in evidence the negation hides it.
#[test]
fn feedback_that_names_a_gap_is_tagged_with_what_it_says_is_missing() {
    use crate::evidence::{EntryInput, NewEntry};
    let f = builtin().expect("builtin");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).expect("date");
    let entry = |text: &str, names_gap: Option<bool>| {
        NewEntry::parse(
            &f,
            EntryInput {
                text,
                kind: Some("feedback"),
                names_gap,
                ..EntryInput::default()
            },
            today,
        )
        .expect("valid")
    };
    let text = "Interview feedback: I couldn't give examples of managing people or a budget";
    let said = entry(text, Some(true));
    assert!(said.names_gap);
    let ids: Vec<&str> = said.competencies.iter().map(|c| c.as_str()).collect();
    assert!(ids.contains(&"leadership-delegation"), "{ids:?}");
    // Read as evidence, the negation hides what it is about.
    let as_evidence = entry(text, Some(false));
    assert!(
        !as_evidence
            .competencies
            .iter()
            .any(|c| c.as_str() == "leadership-delegation"),
        "{:?}",
        as_evidence.competencies
    );
    // Read by leap: "too" names the gap.
    let read = entry(
        "Panel said I was too technical and couldn't give an example of managing people",
        None,
    );
    assert!(read.names_gap);
    assert!(
        read.competencies
            .iter()
            .any(|c| c.as_str() == "leadership-delegation"),
        "{:?}",
        read.competencies
    );
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

/// Issue #16 §4: after a few corrections the same kind of text is tagged
/// as the person tags it, and a correction of one person's does not touch
/// anyone else's suggestions.
#[test]
fn suggestions_learn_from_the_persons_corrections() {
    let f = builtin().expect("builtin");
    let ids = |tagged: &Tagged| -> Vec<String> {
        let mut v: Vec<String> = tagged
            .competencies
            .iter()
            .map(ToString::to_string)
            .collect();
        v.sort();
        v
    };
    let id = |s: &str| f.parse_competency("c", s).expect("known");
    let fresh = "Chaired the Thursday ops stand-up for the infrastructure team";
    let before = tag(&f, fresh, Source::Evidence, Vec::new(), &[]);
    assert!(
        ids(&before).contains(&"leadership-delegation".to_owned()),
        "{:?}",
        ids(&before)
    );
    // This person sees chairing the ops stand-up as running the service,
    // not as leading: they take leadership away and tag service operations.
    let mut corrections = Vec::new();
    for text in [
        "Chaired the Monday ops stand-up and went through the open incidents",
        "Chaired the ops stand-up again while the team lead was off",
        "Chaired the daily ops stand-up; two changes approved",
    ] {
        let t = tag(
            &f,
            text,
            Source::Evidence,
            vec![id("service-operations")],
            &corrections,
        );
        // Once leap has learned, the choice is what it suggests: no
        // further correction.
        if let Some(c) = t.correction {
            assert_eq!(c.chosen, vec!["service-operations".to_owned()]);
            corrections.push(c);
        }
    }
    assert!(
        !corrections.is_empty() && corrections.len() < 3,
        "{corrections:?}"
    );
    assert!(corrections
        .iter()
        .any(|c| c.removed.contains(&"leadership-delegation".to_owned())));
    let after = tag(&f, fresh, Source::Evidence, Vec::new(), &corrections);
    assert_eq!(ids(&after), vec!["service-operations".to_owned()]);
    let why = after.suggestions[0].why();
    assert!(why.contains("like your own"), "{why}");
    // Unrelated text is untouched by these corrections.
    let other = tag(
        &f,
        "Presented the Q3 budget forecast to the finance director",
        Source::Evidence,
        Vec::new(),
        &corrections,
    );
    assert_eq!(
        ids(&other),
        vec!["budgeting-funding".to_owned(), "communication".to_owned()]
    );
    // Choosing what leap would suggest is no correction.
    let same = tag(
        &f,
        fresh,
        Source::Evidence,
        after.competencies.clone(),
        &corrections,
    );
    assert!(same.correction.is_none());
}

/// One correction speaks for texts like it, not for every text that names
/// the same colleague or shares one word with it.
#[test]
fn a_correction_does_not_make_a_name_or_one_word_lean_on_a_competency() {
    let f = builtin().expect("builtin");
    let id = |s: &str| f.parse_competency("c", s).expect("known");
    let ids = |tagged: &Tagged| -> Vec<String> {
        tagged
            .competencies
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    // This person files their work with Priya on the forecast under
    // relationships, where leap would say budgeting.
    let corrected = tag(
        &f,
        "Priya and I rebuilt the storage capacity forecast",
        Source::Evidence,
        vec![id("relationships-networking")],
        &[],
    );
    let corrections: Vec<Correction> = corrected.correction.into_iter().collect();
    assert_eq!(corrections.len(), 1);
    // A text like it is tagged their way...
    let like = tag(
        &f,
        "Rebuilt the capacity forecast for the storage estate with Priya",
        Source::Evidence,
        Vec::new(),
        &corrections,
    );
    assert!(
        ids(&like).contains(&"relationships-networking".to_owned()),
        "{:?}",
        ids(&like)
    );
    // ...but the name alone, or one word in common, is not theirs to say.
    for text in [
        "Priya ran the patching weekend while I reviewed the firewall rules",
        "Checked the backup forecast against last month's growth",
    ] {
        let with = tag(&f, text, Source::Evidence, Vec::new(), &corrections);
        let without = tag(&f, text, Source::Evidence, Vec::new(), &[]);
        assert_eq!(ids(&with), ids(&without), "{text}");
    }
}

#[test]
fn a_stem_shared_by_two_words_is_not_a_match() {
    use crate::tagging::inflected_alike;
    assert!(inflected_alike("delegate", "delegated"));
    assert!(inflected_alike("plan", "planned"));
    assert!(inflected_alike("study", "studied"));
    assert!(inflected_alike("coaching", "coached"));
    assert!(!inflected_alike("response", "responsible"));
    assert!(!inflected_alike("product", "production"));
    // So "responsible for production support" is not incident response
    // or product work by those keywords alone.
    let f = builtin().expect("builtin");
    let tagger = f.tagger();
    let s = tagger.suggest("Responsible for the production rota");
    assert!(
        s.iter()
            .all(|s| s.matched.iter().all(|m| m != "product" && m != "response")),
        "{s:?}"
    );
}

#[test]
fn phrases_the_framework_ignores_do_not_count() {
    // "network" in "the network and desktop teams" is no networking.
    let s = suggest("Mediated a conflict between the network and desktop teams");
    assert!(!s.contains(&"relationships-networking".to_owned()), "{s:?}");
    let s = suggest("Went to the CIO networking dinner and met three peers");
    assert!(s.contains(&"relationships-networking".to_owned()), "{s:?}");
}

#[test]
fn negation_reaches_the_end_of_its_clause_in_evidence_but_not_in_reasons() {
    let f = builtin().expect("builtin");
    let t = f.tagger();
    let has = |s: Vec<Suggestion>, c: &str| s.iter().any(|s| s.competency.as_str() == c);
    assert!(!has(
        t.suggest("Didn't get involved in the budget this month"),
        "budgeting-funding"
    ));
    assert!(has(
        t.suggest("Didn't sleep much, but presented the budget to the board"),
        "budgeting-funding"
    ));
    assert!(has(
        t.suggest_for(
            "No experience of presenting to senior leadership",
            Source::Reasons,
            &[]
        ),
        "communication"
    ));
}

#[test]
fn a_framework_example_must_name_known_competencies() {
    let text = crate::framework::BUILTIN_TOML.to_owned()
        + "\n[[example]]\ntext = \"Ran the stand-up\"\ncompetencies = [\"juggling\"]\n";
    let err = Framework::load("f.toml", &text).expect_err("unknown competency");
    let n = builtin().expect("builtin").examples.len() + 1;
    assert!(
        err.to_string()
            .contains(&format!("example {n} shows unknown competency 'juggling'")),
        "{err}"
    );
}

/// Issue #16's own examples of what went wrong, each tagged right now.
#[test]
fn the_issues_examples_are_tagged_right() {
    let has = |text: &str, c: &str| suggest(text).contains(&c.to_owned());
    let explained =
        "Explained the backup outage to the sales director in terms of orders we could not ship";
    assert!(has(explained, "communication"), "{:?}", suggest(explained));
    assert!(
        !has(explained, "technical-excellence"),
        "{:?}",
        suggest(explained)
    );
    // Running IT operations may follow, below what the text is about.
    let tags = suggest(explained);
    let rank = |c: &str| tags.iter().position(|t| t == c);
    assert!(
        rank("service-operations").is_none_or(|s| rank("communication").is_some_and(|c| c < s)),
        "{tags:?}"
    );
    for (text, c) in [
        (
            "Managed the team through the office move",
            "leadership-delegation",
        ),
        (
            "Went through the finance pack with the finance director",
            "budgeting-funding",
        ),
        (
            "Handled a complaint from an angry department head",
            "conflict-emotional-intelligence",
        ),
        (
            "Covered for my manager for two weeks",
            "leadership-delegation",
        ),
        ("Chaired the weekly ops meeting", "leadership-delegation"),
        (
            "Elected treasurer of the football club",
            "budgeting-funding",
        ),
        (
            "Made the headcount case for two more engineers",
            "resource-planning",
        ),
    ] {
        assert!(has(text, c), "{text}: {:?}", suggest(text));
    }
}

/// A reason is a word a person can judge: never a pronoun or a number,
/// whatever weight the learning gave it.
#[test]
fn reasons_never_show_a_pronoun_or_a_number() {
    let f = builtin().expect("builtin");
    let t = Tagger::new(&f);
    let texts = f.examples.iter().map(|e| e.text.as_str()).chain([
        // "get" is a form of a descriptor's "getting", and no reason.
        "Negotiated with the laptop vendor to get replacement turnaround down from 10 to 5 days",
    ]);
    for text in texts {
        for s in t.suggest(text) {
            for w in &s.matched {
                assert!(
                    !["his", "her", "she", "they", "six", "five", "two", "three", "get", "the"]
                        .contains(&w.as_str()),
                    "{w:?} for {} in {text:?}",
                    s.competency,
                );
            }
        }
    }
}
/// Too hands-on, in the words people hear it: an interviewer's "too
/// operational… step back from the detail" cites leading and delegating,
/// and a peer's "I tend to jump in and fix things myself" names a gap in it.
#[test]
fn too_hands_on_is_read_as_delegation() {
    let f = builtin().expect("builtin");
    let t = Tagger::new(&f);
    let cites = |text: &str| -> Vec<String> {
        t.suggest_for(text, Source::Reasons, &[])
            .into_iter()
            .map(|s| s.competency.to_string())
            .collect()
    };
    let reasons =
        "The recruiter felt I was too operational and would struggle to step back from the detail";
    assert!(
        cites(reasons).contains(&"leadership-delegation".to_owned()),
        "{:?}",
        cites(reasons)
    );
    let peer = "Peer feedback from the project retro: I tend to jump in and fix things myself instead of letting Josh do it";
    let kind = t.infer_kind(peer);
    assert_eq!(kind, crate::evidence::EvidenceKind::Feedback);
    assert!(names_gap(kind, peer));
    assert!(cites(peer).contains(&"leadership-delegation".to_owned()));
}

/// From an IT director's review of four people's journals: a developer's
/// technical record is technical excellence, being "pulled into the detail"
/// is about letting go (not business acumen), an SLA kept is no breach of
/// compliance, and "ticket handling" in an interviewer's reasons is no
/// conflict handled.
#[test]
fn what_a_reviewer_found_mistagged_is_tagged_as_a_director_would() {
    let first = |text: &str| suggest(text).into_iter().next();
    for text in [
        "Designed the event-driven architecture for the orders platform on Kafka; wrote the ADRs",
        "Cut p99 latency on the checkout API from 1.8s to 300ms",
        "Refactored the auth module and added the missing tests",
    ] {
        assert_eq!(
            first(text).as_deref(),
            Some("technical-excellence"),
            "{text}"
        );
    }
    let detail = suggest(
        "Head of Finance told me I'm the most reliable IT person she deals with, but I still get pulled into the detail in meetings",
    );
    assert_eq!(detail, ["leadership-delegation"], "{detail:?}");
    // Changes introduced are no introductions made.
    let fcr =
        suggest("First-call resolution up from 62% to 74% after the triage changes I introduced");
    assert_eq!(fcr, ["service-operations"], "{fcr:?}");
    let rota = suggest("Built the weekly rota for the 7-person desk; no SLA breaches this month");
    assert!(rota.contains(&"resource-planning".to_owned()), "{rota:?}");
    assert!(!rota.contains(&"compliance-risk".to_owned()), "{rota:?}");
    let f = builtin().expect("builtin");
    let tagger = Tagger::new(&f);
    let read_as_reasons = |text: &str| -> Vec<String> {
        tagger
            .suggest_for(text, Source::Reasons, &[])
            .into_iter()
            .map(|s| s.competency.to_string())
            .collect()
    };
    let reasons = read_as_reasons(
        "They talked mostly about ticket handling; the other candidate had owned a 400k support budget and managed the outsourced desk contract",
    );
    assert_eq!(
        reasons.first().map(String::as_str),
        Some("budgeting-funding"),
        "{reasons:?}"
    );
    assert!(
        !reasons.contains(&"conflict-emotional-intelligence".to_owned()),
        "{reasons:?}"
    );
    // The finance director is who told the business, and "asked why the"
    // is the director's question: no business acumen named (review 4).
    let told = read_as_reasons(
        "My director asked why the business hears about major incidents from the finance director before it hears about them from me",
    );
    assert_eq!(
        told.first().map(String::as_str),
        Some("communication"),
        "{told:?}"
    );
    assert!(!told.contains(&"business-acumen".to_owned()), "{told:?}");
}

/// A second annotator's text that is not one of the part's is refused, so
/// agreement is never measured on texts the first did not label.
#[test]
fn a_second_annotators_stray_text_is_refused() {
    use super::eval::{agreement, load, Split};
    let it = builtin().expect("builtin");
    let samples = load(&it, "it", include_str!("eval/it-leadership.toml")).expect("set");
    let stray = "[[text]]\ntext = \"Nobody wrote this\"\nsource = \"journal\"\ncompetencies = []\n";
    let e = agreement(&it, "second.toml", &samples, Split::Test, stray).expect_err("stray");
    assert!(e.to_string().contains("not one of the part's texts"), "{e}");
}

#[test]
fn words_shared_are_those_that_tell_what_a_text_is_about() {
    let f = builtin().expect("builtin");
    let t = f.tagger();
    // "them" is in both, and tells nothing.
    assert_eq!(
        t.shared_words(
            "he still takes over the interesting tickets instead of handing them on",
            "Hand a duty you always do to a colleague and coach them until they own it"
        ),
        1
    );
    assert_eq!(
        t.shared_words(
            "My director asked why the business hears about major incidents from the finance director",
            "Write the business case and funding request for one improvement"
        ),
        1
    );
}

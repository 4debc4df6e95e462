use super::*;
use crate::framework::{ActionKind, Track, TransitionKind};

fn builtin_ok() -> Framework {
    match builtin() {
        Ok(f) => f,
        Err(e) => panic!("the built-in framework must validate:\n{e}"),
    }
}

#[test]
fn builtin_framework_meets_the_content_requirements() {
    let f = builtin_ok();
    assert_eq!(f.id, "it-leadership");
    assert!(
        f.competencies.len() >= 12,
        "{} competencies",
        f.competencies.len()
    );
    for group in ["craft", "people", "business", "influence"] {
        assert!(
            f.competencies.iter().any(|c| c.group == group),
            "group {group}"
        );
    }
    for c in &f.competencies {
        assert_eq!(c.levels.len(), 6, "{}", c.id);
        assert!(!c.keywords.is_empty(), "{} has keywords", c.id);
        assert!(!c.description.is_empty());
        assert!(c.source.is_some(), "{} cites a source", c.id);
    }
    assert!(f.roles.len() >= 7);
    for id in ["help-desk", "sysadmin", "senior-admin", "specialist"] {
        assert_eq!(f.role(id).map(|r| r.track), Some(Track::Technical), "{id}");
    }
    for id in ["it-manager", "it-director", "cio"] {
        assert_eq!(f.role(id).map(|r| r.track), Some(Track::Management), "{id}");
    }
    for r in &f.roles {
        assert_eq!(
            r.expectations.len(),
            f.competencies.len(),
            "{} expects all",
            r.id
        );
        assert!(!r.critical.is_empty(), "{} has critical competencies", r.id);
    }
    let sideways = f
        .transitions
        .iter()
        .find(|t| t.from.as_str() == "senior-admin" && t.to.as_str() == "it-manager")
        .expect("senior-admin -> it-manager");
    assert_eq!(sideways.kind, TransitionKind::Sideways);
    assert!(sideways
        .note
        .as_deref()
        .unwrap_or("")
        .contains("different skill set"));
    assert!(sideways
        .source
        .as_deref()
        .unwrap_or("")
        .contains("seed 001"));

    assert!(f.actions.len() >= 40, "{} actions", f.actions.len());
    for kind in [
        ActionKind::Experience,
        ActionKind::Relationship,
        ActionKind::Education,
    ] {
        assert!(f.actions.iter().any(|a| a.kind == kind));
    }
    assert!(f
        .actions
        .iter()
        .all(|a| !a.source.is_empty() && !a.evidence.is_empty()));
    let mcse = f
        .action("vendor-technical-certification")
        .expect("MCSE/CNE action");
    assert!(!mcse.advances_management);
    assert!(mcse.title.contains("MCSE"));
    for id in [
        "lead-project",
        "mentor-newcomer",
        "health-safety-committee",
        "charity-board",
        "shadow-budget-cycle",
        "attend-lunch-and-learns",
        "pmp",
        "itil",
        "csm",
    ] {
        assert!(f.action(id).is_some(), "action {id}");
    }
    assert!(f.fit_statements.len() >= 12);
    for t in [Track::Management, Track::Technical] {
        assert!(f.fit_statements.iter().filter(|s| s.track == t).count() >= 5);
    }
    // Every role's expectations can be reached: each competency a role
    // expects has an action that suits that role and builds up to its level.
    for role in &f.roles {
        for (c, level) in &role.expectations {
            let level = level.value();
            if level == f.scale.min {
                continue;
            }
            assert!(
                f.actions.iter().any(|a| a.covers(c.as_str())
                    && a.suits(role)
                    && a.builds_of(c, level - 1, level).is_some()),
                "{}: no action builds {c} up to {level}",
                role.id
            );
        }
    }
}

#[test]
fn content_hash_is_stable_and_content_sensitive() {
    assert_eq!(content_hash("a"), content_hash("a"));
    assert_ne!(content_hash("a"), content_hash("b"));
    assert_eq!(content_hash("").len(), 64);
}

const MINIMAL: &str = r#"[framework]
id = "mini"
name = "Mini"
version = "1"

[[competency]]
id = "lead"
name = "Lead"
group = "people"
description = "Leading."
levels = ["a", "b", "c", "d", "e", "f"]

[[role]]
id = "boss"
name = "Boss"
track = "management"
critical = ["lead"]
[role.expects]
lead = 3
"#;

fn problems(text: &str) -> Vec<String> {
    match Framework::load("f.toml", text) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .problems
            .iter()
            .map(|p| format!("{}:{}: {}", p.line, p.column, p.message))
            .collect(),
    }
}

#[test]
fn minimal_framework_loads() {
    let f = Framework::load("f.toml", MINIMAL).expect("valid");
    assert_eq!(f.scale, Scale { min: 0, max: 5 });
    assert_eq!(
        f.role("boss")
            .and_then(|r| r.expected("lead"))
            .map(Level::value),
        Some(3)
    );
}

#[test]
fn duplicate_ids_are_reported_where_they_stand() {
    let text = MINIMAL.replace(
        "[[role]]",
        "[[competency]]\nid = \"lead\"\nname = \"Again\"\ngroup = \"people\"\ndescription = \"x\"\nlevels = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]\n\n[[role]]",
    );
    let p = problems(&text);
    assert_eq!(
        p,
        vec!["14:6: duplicate competency id 'lead': each competency needs its own id"]
    );
}

#[test]
fn unknown_competency_and_level_outside_the_scale() {
    let text = MINIMAL.replace("lead = 3\n", "lead = 7\nsteer = 2\n");
    let p = problems(&text);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(
        p[0].starts_with(
            "19:8: role 'boss' expects level 7 for 'lead': levels are whole numbers from 0 to 5"
        ),
        "{p:?}"
    );
    assert!(
        p[1].starts_with("20:9: role 'boss' expects unknown competency 'steer': allowed: lead"),
        "{p:?}"
    );
}

#[test]
fn missing_level_descriptor() {
    let text = MINIMAL.replace(
        r#"["a", "b", "c", "d", "e", "f"]"#,
        r#"["a", "b", "c", "d", "e"]"#,
    );
    assert_eq!(
        problems(&text),
        vec!["11:10: competency 'lead' has 5 level descriptors: it needs exactly 6, one for each level from 0 to 5"]
    );
}

#[test]
fn transition_to_unknown_role_and_bad_kind() {
    let text =
        format!("{MINIMAL}\n[[transition]]\nfrom = \"boss\"\nto = \"king\"\nkind = \"diagonal\"\n");
    let p = problems(&text);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(
        p[0].contains("transition names unknown role 'king': allowed: boss"),
        "{p:?}"
    );
    assert!(
        p[1].contains("transition kind 'diagonal' is not allowed: allowed: up, sideways"),
        "{p:?}"
    );
}

#[test]
fn a_transition_shows_only_competencies_the_framework_has() {
    let text = MINIMAL.replace(
        "[[role]]\nid = \"boss\"",
        "[[role]]\nid = \"hand\"\nname = \"Hand\"\ntrack = \"technical\"\n[role.expects]\nlead = 1\n\n[[role]]\nid = \"boss\"",
    );
    assert_eq!(problems(&text), Vec::<String>::new());
    let with = |show: &str| {
        format!("{text}\n[[transition]]\nfrom = \"hand\"\nto = \"boss\"\nkind = \"up\"\nto_show = [{show}]\n")
    };
    let f = Framework::load("f.toml", &with("\"lead\"")).expect("valid");
    assert_eq!(f.transitions[0].to_show[0].as_str(), "lead");
    let p = problems(&with("\"steer\""));
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].contains("transition hand → boss shows unknown competency 'steer': allowed: lead"),
        "{p:?}"
    );
}

#[test]
fn a_transitions_record_counts_only_actions_the_framework_has() {
    let text = MINIMAL.replace(
        "[[role]]\nid = \"boss\"",
        "[[role]]\nid = \"hand\"\nname = \"Hand\"\ntrack = \"technical\"\n[role.expects]\nlead = 1\n\n[[role]]\nid = \"boss\"",
    );
    let with = |fields: &str| {
        format!(
            "{text}\n[[transition]]\nfrom = \"hand\"\nto = \"boss\"\nkind = \"up\"\n{fields}\n[[action]]\nid = \"steer\"\ntitle = \"Steer\"\nkind = \"experience\"\ncompetencies = [\"lead\"]\neffort_weeks = 12\nevidence = \"e\"\nsource = \"s\"\n"
        )
    };
    let f = Framework::load(
        "f.toml",
        &with("record_months = 12\nrecord_of = [\"steer\"]"),
    )
    .expect("valid");
    assert_eq!(f.transitions[0].record_of[0].as_str(), "steer");
    let p = problems(&with("record_months = 12\nrecord_of = [\"row\"]"));
    assert!(
        p.len() == 1
            && p[0].contains(
                "transition hand → boss has record_of naming 'row': allowed: the ids of actions of this file"
            ),
        "{p:?}"
    );
    let p = problems(&with("record_of = [\"steer\"]"));
    assert!(
        p.len() == 1
            && p[0].contains(
                "transition hand → boss has record_of without record_months: allowed: record_of only with record_months"
            ),
        "{p:?}"
    );
    // A record_months out of range is its own error, not this one too.
    let p = problems(&with("record_months = 61\nrecord_of = [\"steer\"]"));
    assert!(
        p.len() == 1 && p[0].contains("record_months = 61: allowed: 1 to 60"),
        "{p:?}"
    );
    // The built-in file counts a director's year from leading through
    // team leads.
    let builtin = builtin().expect("builtin");
    let director = builtin
        .transitions
        .iter()
        .find(|t| t.to.as_str() == "it-director")
        .expect("transition");
    assert_eq!(director.record_of[0].as_str(), "lead-managers");
}

#[test]
fn action_with_unknown_kind() {
    let text = format!(
        "{MINIMAL}\n[[action]]\nid = \"x\"\ntitle = \"X\"\nkind = \"coaching\"\ncompetencies = [\"lead\"]\neffort_weeks = 2\nevidence = \"e\"\nsource = \"s\"\n"
    );
    assert_eq!(
        problems(&text),
        vec!["24:8: action 'x' has unknown kind 'coaching': allowed: experience, relationship, education"]
    );
}

/// The minimal framework with one action `x` of `kind` for "lead", and
/// `extra` fields.
fn with_action(kind: &str, extra: &str) -> String {
    format!(
        "{MINIMAL}\n[[action]]\nid = \"x\"\ntitle = \"X\"\nkind = \"{kind}\"\ncompetencies = [\"lead\"]\neffort_weeks = 2\nevidence = \"e\"\nsource = \"s\"\n{extra}"
    )
}

#[test]
fn only_groundwork_builds_its_first_level() {
    let action = |extra: &str| with_action("relationship", extra);
    assert_eq!(
        problems(&action("builds_first = true\n")),
        vec!["22:6: action 'x' has builds_first = true without foundation = true: allowed only on groundwork, which otherwise supports its levels without building them"]
    );
    assert!(problems(&action("builds_first = true\nfoundation = true\n")).is_empty());
    // A change led only once decided needs the words that show it decided.
    assert_eq!(
        problems(&with_action("experience", "when = \"change-ahead\"\n")),
        vec!["22:6: action 'x' has when = 'change-ahead' without begun phrases: allowed only with the words that show the change decided in a journal (begun = [\"restructure was announced\"])"]
    );
    assert!(problems(&with_action(
        "experience",
        "when = \"change-ahead\"\nbegun = [\"restructure was announced\"]\n"
    ))
    .is_empty());
    // So does a team's leading made official: the words that show it led.
    assert_eq!(
        problems(&with_action("experience", "when = \"leads-unofficially\"\n")),
        vec!["22:6: action 'x' has when = 'leads-unofficially' without begun phrases: allowed only with the words that show a team led without the post in a journal (begun = [\"without the title\"])"]
    );
    assert!(problems(&with_action(
        "experience",
        "when = \"leads-unofficially\"\nbegun = [\"without the title\"]\n"
    ))
    .is_empty());
    let f = builtin().expect("builtin");
    let network = f
        .actions
        .iter()
        .find(|a| a.id.as_str() == "co-manager-network")
        .expect("action");
    assert!(network.foundation && network.builds_first);
}

/// Work agreed in a conversation names another action of the file.
#[test]
fn work_is_arranged_in_another_action() {
    let action = |extra: &str| with_action("experience", extra);
    let text = action("arranged_in = \"talk\"\n");
    let problem = problems(&text);
    assert_eq!(problem.len(), 1, "{problem:?}");
    assert!(
        problem[0].ends_with(
            "action 'x' has arranged_in naming 'talk': allowed: the ids of other actions of this file"
        ),
        "{problem:?}"
    );
    assert_eq!(
        problems(&action("arranged_in = \"x\"\n")).len(),
        1,
        "not itself"
    );
    let with_talk = format!(
        "{}\n[[action]]\nid = \"talk\"\ntitle = \"Tell your manager\"\nkind = \"relationship\"\ncompetencies = [\"lead\"]\neffort_weeks = 1\nevidence = \"e\"\nsource = \"s\"\n",
        action("arranged_in = \"talk\"\n")
    );
    assert!(
        problems(&with_talk).is_empty(),
        "{:?}",
        problems(&with_talk)
    );
    let f = builtin().expect("builtin");
    let cover = f.action("acting-manager").expect("action");
    assert_eq!(
        cover.arranged_in.as_ref().map(|a| a.as_str()),
        Some("tell-your-manager")
    );
}

/// The work of a post covered names a trial of the file.
#[test]
fn part_of_names_a_trial() {
    let action = |extra: &str| with_action("experience", extra);
    let other = |trial: bool| {
        format!(
            "{}\n[[action]]\nid = \"cover\"\ntitle = \"Cover a manager's post\"\nkind = \"experience\"\ncompetencies = [\"lead\"]\neffort_weeks = 12\nevidence = \"e\"\nsource = \"s\"\ntrial = {trial}\n",
            action("part_of = \"cover\"\n")
        )
    };
    assert!(
        problems(&other(true)).is_empty(),
        "{:?}",
        problems(&other(true))
    );
    let problem = problems(&other(false));
    assert_eq!(problem.len(), 1, "{problem:?}");
    assert!(
        problem[0].ends_with(
            "action 'x' has part_of naming 'cover', which is no trial: allowed: an action of this file with trial = true"
        ),
        "{problem:?}"
    );
    let unknown = problems(&action("part_of = \"nowhere\"\n"));
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    let f = builtin().expect("builtin");
    let cost_line = f.action("own-cost-line").expect("action");
    assert_eq!(
        cost_line.part_of.as_ref().map(|a| a.as_str()),
        Some("acting-manager")
    );
}

/// A habit kept up says why; what goes with an action is another action.
#[test]
fn kept_up_says_why_and_goes_with_names_actions() {
    let action = |extra: &str| with_action("relationship", extra);
    let nothing = problems(&action("if_none = \"\"\n"));
    assert!(
        nothing.len() == 1 && nothing[0].contains("action 'x' has an empty if_none"),
        "{nothing:?}"
    );
    let no_post_title = problems(&action("in_post = \" \"\n"));
    assert!(
        no_post_title.len() == 1 && no_post_title[0].contains("action 'x' has an empty in_post"),
        "{no_post_title:?}"
    );
    let untitled = problems(&action("without_reports = \"\"\n"));
    assert!(
        untitled.len() == 1 && untitled[0].contains("action 'x' has an empty without_reports"),
        "{untitled:?}"
    );
    let unbookable = problems(&action("booked_weeks = 0\n"));
    assert!(
        unbookable.len() == 1
            && unbookable[0].contains(
                "action 'x' has booked_weeks = 0: allowed: a whole number of weeks from 1 to 52"
            ),
        "{unbookable:?}"
    );
    assert!(problems(&action("booked_weeks = 4\n")).is_empty());
    // Weeks to arrange work agreed in a conversation: only with one.
    let unarranged = problems(&action("arranged_weeks = 6\n"));
    assert!(
        unarranged.len() == 1
            && unarranged[0].contains(
                "action 'x' has arranged_weeks without arranged_in: allowed only on work agreed in a conversation of the file"
            ),
        "{unarranged:?}"
    );
    let too_long = problems(&action("arranged_weeks = 27\n"));
    assert!(
        too_long.len() == 1
            && too_long[0].contains(
                "action 'x' has arranged_weeks = 27: allowed: a whole number of weeks from 1 to 26"
            ),
        "{too_long:?}"
    );
    let lead = builtin().expect("builtin");
    let leads = lead.action("lead-managers").expect("action");
    assert_eq!(leads.arranged_weeks, Some(6));
    let empty = problems(&action("kept_up = \" \"\n"));
    assert!(
        empty.len() == 1 && empty[0].contains("action 'x' has an empty kept_up"),
        "{empty:?}"
    );
    let empty = problems(&action("handed_on = \"\"\n"));
    assert!(
        empty.len() == 1 && empty[0].contains("action 'x' has an empty handed_on"),
        "{empty:?}"
    );
    let dr = lead.action("own-dr-plan").expect("action");
    assert!(dr
        .handed_on
        .as_deref()
        .is_some_and(|h| h.contains("your team run")));
    let unknown = problems(&action("goes_with = [\"network\"]\n"));
    assert!(
        unknown.len() == 1
            && unknown[0].ends_with(
                "action 'x' has goes_with naming 'network': allowed: the ids of other actions of this file"
            ),
        "{unknown:?}"
    );
    let apart = problems(&action("not_during = [\"cover\"]\n"));
    assert!(
        apart.len() == 1
            && apart[0].ends_with(
                "action 'x' has not_during naming 'cover': allowed: the ids of other actions of this file"
            ),
        "{apart:?}"
    );
    let f = builtin().expect("builtin");
    let shadow = f.action("shadow-budget-cycle").expect("action");
    assert_eq!(
        shadow.not_during.first().map(|a| a.as_str()),
        Some("acting-manager")
    );
    let review = f.action("post-incident-review").expect("action");
    assert!(review
        .if_none
        .as_ref()
        .is_some_and(|s| s.starts_with("If none")));
    let search = f.action("small-company-role").expect("action");
    assert!(search.kept_up.is_some());
    assert_eq!(
        search.goes_with.first().map(|a| a.as_str()),
        Some("professional-association")
    );
}

/// Next year's budget built says this year's round is over; a number's
/// decimal point ends no sentence.
#[test]
fn a_journal_shows_the_budget_round_over() {
    let f = builtin().expect("builtin");
    for said in [
        "Ran next year's 1.2m opex budget and closed the year 3% under",
        "Drafted next year's IT budget with the finance business partner",
        "Next year's budget was approved on Friday",
    ] {
        assert!(f.round_closed_in(said), "{said}");
    }
    for said in [
        "I haven't built next year's IT budget yet",
        "Shadowed the budget review. Next year I want to build one",
    ] {
        assert!(!f.round_closed_in(said), "{said}");
    }
}

#[test]
fn an_action_builds_each_competency_within_its_own_span() {
    let action = |extra: &str| with_action("experience", &format!("levels = [1, 4]\n{extra}"));
    assert_eq!(
        problems(&action("spans = { money = [1, 2] }\n")),
        vec!["30:9: action 'x' has a span for 'money', which it does not develop: allowed: one of its competencies (lead)"]
    );
    let p = problems(&action("spans = { lead = [3, 2] }\n"));
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].contains("has spans.lead = [3, 2]: allowed: [from, to]"),
        "{p:?}"
    );
    assert!(problems(&action("spans = { lead = [1, 2] }\n")).is_empty());
    // In the built-in file: a DR test is compliance's work up to 4, and only
    // a project with several people (3) of project management.
    let f = builtin().expect("builtin");
    let dr = f.action("dr-test").expect("action");
    let id = |c: &str| f.competency(c).expect("competency").id.clone();
    assert_eq!(dr.span(&id("compliance-risk")), (2, 4));
    assert_eq!(dr.builds_of(&id("project-management"), 3, 4), None);
    assert_eq!(dr.builds_of(&id("project-management"), 2, 4), Some((2, 3)));
}

#[test]
fn syntax_errors_and_unknown_fields_have_positions() {
    let p = problems("[framework]\nid = \n");
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("2:"), "{p:?}");
    let p = problems(&MINIMAL.replace("version = \"1\"", "version = \"1\"\ncolour = \"red\""));
    assert!(p[0].starts_with("5:1: unknown field `colour`"), "{p:?}");
}

#[test]
fn role_missing_an_expectation_and_bad_critical() {
    let text = MINIMAL
        .replace("critical = [\"lead\"]", "critical = [\"lead\", \"nope\"]")
        .replace("lead = 3\n", "");
    let p = problems(&text);
    assert!(
        p.iter()
            .any(|m| m.contains("marks unknown competency 'nope' as critical")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|m| m.contains("role 'boss' has no expectation for lead")),
        "{p:?}"
    );
}

#[test]
fn display_names_file_line_and_column() {
    let e = Framework::load(
        "my.toml",
        "[framework]\nid = \"Bad Id\"\nname = \"n\"\nversion = \"1\"\n",
    )
    .unwrap_err();
    let shown = e.to_string();
    assert!(
        shown.contains("my.toml:2:6: framework id 'Bad Id' is not allowed"),
        "{shown}"
    );
    assert!(
        shown.contains("the framework has no [[competency]]"),
        "{shown}"
    );
}

/// What people read (descriptions, levels, notes) holds no citation: those
/// are in `source`, shown apart as "Sources" and never on the rater page.
#[test]
fn the_builtin_texts_people_read_cite_nothing() {
    let f = builtin().expect("builtin");
    let cites = |t: &str| t.contains("seed 0") || t.contains("seeds") || t.contains("REFERENCES");
    let mut read: Vec<(String, &str)> = Vec::new();
    for c in &f.competencies {
        read.push((c.id.to_string(), c.description.as_str()));
        read.extend(c.levels.iter().map(|l| (c.id.to_string(), l.as_str())));
    }
    for r in &f.roles {
        read.extend(r.description.as_deref().map(|d| (r.id.to_string(), d)));
    }
    for t in &f.transitions {
        read.extend(
            t.note
                .as_deref()
                .map(|n| (format!("{} -> {}", t.from, t.to), n)),
        );
    }
    for (what, text) in read {
        assert!(!cites(text), "{what}: {text}");
    }
    assert!(f
        .roles
        .iter()
        .any(|r| r.source.as_deref().is_some_and(|s| s.contains("seed 00"))));
    assert!(f
        .transitions
        .iter()
        .any(|t| t.source.as_deref().is_some_and(|s| s.contains("GitLab"))));
}

/// An id that is not allowed is reported once: it is in no "allowed" list
/// and what refers to it raises nothing more.
#[test]
fn an_invalid_id_is_reported_once() {
    let text = MINIMAL
        .replace("id = \"lead\"", "id = \"Lead!\"")
        .replace("critical = [\"lead\"]", "critical = [\"Lead!\"]")
        .replace("lead = 3\n", "\"Lead!\" = 3\nsteer = 2\n");
    let p = problems(&text);
    let about: Vec<&String> = p.iter().filter(|m| m.contains("Lead!")).collect();
    assert_eq!(about.len(), 1, "{p:?}");
    assert!(
        about[0].contains("competency id 'Lead!' is not allowed"),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|m| m.contains("unknown competency 'steer': allowed: ") && !m.contains("Lead!")),
        "{p:?}"
    );
}

/// A broken scale is one clear error; nothing is judged against a scale the
/// file does not declare.
#[test]
fn a_broken_scale_is_one_error() {
    let text = MINIMAL.replace(
        "version = \"1\"",
        "version = \"1\"\nscale = { min = 3, max = 1 }",
    );
    let p = problems(&text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].contains("scale {min = 3, max = 1} is not allowed"),
        "{p:?}"
    );
}

#[test]
fn a_duplicated_transition_is_refused_with_its_line() {
    let text = format!(
        "{MINIMAL}\n[[role]]\nid = \"doer\"\nname = \"Doer\"\ntrack = \"technical\"\n[role.expects]\nlead = 1\n\n[[transition]]\nfrom = \"doer\"\nto = \"boss\"\nkind = \"up\"\n\n[[transition]]\nfrom = \"doer\"\nto = \"boss\"\nkind = \"sideways\"\n"
    );
    let p = problems(&text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("35:6: duplicate transition from 'doer' to 'boss'"),
        "{p:?}"
    );
}

/// SFIA skills and O*NET occupations are structured fields, each checked
/// and given its public page; the built-in framework's sources cite them
/// there rather than in prose.
#[test]
fn standards_are_structured_and_checked() {
    let f = builtin().expect("builtin");
    let budget = f.competency("budgeting-funding").expect("budgeting");
    assert_eq!(
        budget
            .sfia
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        vec!["SFIA skill FMIT, levels 4–6"]
    );
    assert_eq!(
        budget.onet[0].url,
        "https://www.onetonline.org/link/summary/11-3021.00"
    );
    let prose = |s: &str| {
        s.contains("SFIA ")
            && s.split_whitespace()
                .any(|w| w != "SFIA" && w.len() == 4 && w.chars().all(|c| c.is_ascii_uppercase()))
    };
    for c in &f.competencies {
        let s = c.source.as_deref().unwrap_or("");
        assert!(!prose(s) && !s.contains("11-3021"), "{}: {s}", c.id);
    }
    for a in &f.actions {
        assert!(
            !prose(&a.source) && !a.source.contains("11-3021"),
            "{}: {}",
            a.id,
            a.source
        );
    }
    assert!(f.actions.iter().any(|a| !a.sfia.is_empty()));
    // Sources name what they cite, not the team's own notes.
    let sources = f
        .competencies
        .iter()
        .filter_map(|c| c.source.as_deref())
        .chain(f.roles.iter().filter_map(|r| r.source.as_deref()))
        .chain(f.transitions.iter().filter_map(|t| t.source.as_deref()))
        .chain(f.actions.iter().map(|a| a.source.as_str()));
    for s in sources {
        assert!(!s.contains("REFERENCES"), "{s}");
    }

    let text = MINIMAL.replacen(
        "[[role]]",
        "sfia = [\"FMIT 4-6\", \"fmit\"]\nonet = [\"11-3021\"]\n\n[[role]]",
        1,
    );
    let p = problems(&text);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[0].contains("competency 'lead' has sfia = \"fmit\": allowed: a SFIA skill code of four capital letters"), "{p:?}");
    assert!(
        p[1].contains(
            "competency 'lead' has onet = \"11-3021\": allowed: an O*NET-SOC occupation code"
        ),
        "{p:?}"
    );
}

/// A target two steps away goes through the role of its track between; a
/// one-step move, or a way through roles of the other track only, has no
/// such step.
#[test]
fn the_step_toward_a_distant_target() {
    let f = builtin().expect("builtin");
    let step = |from: &str, to: &str| f.step_toward(from, to).map(|r| r.id.to_string());
    assert_eq!(
        step("developer", "it-director").as_deref(),
        Some("it-manager")
    );
    assert_eq!(step("it-manager", "cio").as_deref(), Some("it-director"));
    assert_eq!(step("senior-admin", "cio").as_deref(), Some("it-manager"));
    assert_eq!(step("help-desk", "it-manager"), None);
    assert_eq!(step("senior-admin", "it-manager"), None);
    assert_eq!(step("it-director", "cio"), None);
    assert_eq!(step("cio", "help-desk"), None);
    // The technical ladder too, a rung at a time.
    assert_eq!(
        step("sysadmin", "specialist").as_deref(),
        Some("senior-admin")
    );
    assert_eq!(step("help-desk", "specialist").as_deref(), Some("sysadmin"));
    assert_eq!(step("developer", "specialist"), None);
    assert_eq!(step("help-desk", "sysadmin"), None);
    // Not through management: an analyst's way to specialist runs through
    // IT manager, and a manager's back down the ladder.
    for from in ["qa-analyst", "business-analyst", "it-manager"] {
        assert_eq!(step(from, "specialist"), None, "{from}");
    }
    let path: Vec<&str> = f
        .path("developer", "cio")
        .expect("a way")
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(path, ["developer", "it-manager", "it-director", "cio"]);
}

#[test]
fn instead_of_names_another_competency() {
    for bad in ["steer", "lead"] {
        let text = MINIMAL.replace(
            "description = \"Leading.\"",
            &format!("description = \"Leading.\"\ninstead_of = [\"{bad}\"]"),
        );
        let p = problems(&text);
        assert!(
            p.iter().any(|m| m.contains(&format!(
                "competency 'lead' is instead of '{bad}', which is not another competency of the framework: allowed: lead"
            ))),
            "{p:?}"
        );
    }
    let f = builtin().expect("builtin");
    let lead = f.competency("leadership-delegation").expect("competency");
    assert_eq!(
        lead.instead_of,
        [CompetencyId::stored("technical-excellence").expect("id")]
    );
}

#[test]
fn a_season_is_one_the_format_knows() {
    assert_eq!(
        problems(&with_action("experience", "season = \"winter\"\n")),
        vec!["29:10: action 'x' has season = 'winter': allowed: budget-round"]
    );
    assert!(problems(&with_action("experience", "season = \"budget-round\"\n")).is_empty());
}

#[test]
fn who_holds_an_action_and_who_it_is_open_to_are_known_roles() {
    let p = problems(&with_action("experience", "held_by = [\"king\"]\n"));
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].contains("action 'x' has held_by naming unknown role 'king': allowed: boss"),
        "{p:?}"
    );
    let p = problems(&with_action("relationship", "open_to = [\"queen\"]\n"));
    assert!(
        p[0].contains("action 'x' has open_to naming unknown role 'queen': allowed: boss"),
        "{p:?}"
    );
    // In the built-in file: a director does not develop by chairing the
    // forum they chair; an IT manager is not taken by a forum of CIOs;
    // someone between jobs is not refused work nobody holds for them.
    let f = builtin().expect("builtin");
    let role = |r: &str| f.role(r).expect("role").id.clone();
    let portfolio = f.action("portfolio-prioritisation").expect("action");
    assert!(!portfolio.open_to_holder(Some(&role("it-director"))));
    assert!(portfolio.open_to_holder(Some(&role("it-manager"))));
    assert!(portfolio.open_to_holder(None));
    let forum = f.action("cio-peer-network").expect("action");
    assert!(!forum.open_to_holder(Some(&role("it-manager"))));
    assert!(!forum.open_to_holder(None));
    assert!(forum.open_to_holder(Some(&role("it-director"))));
}

#[test]
fn what_an_action_is_handed_on_is_among_what_it_develops() {
    let p = problems(&with_action("experience", "on_record = [\"money\"]\n"));
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].contains(
            "action 'x' has on_record naming 'money', which it does not develop: allowed: true, or some of its competencies (lead)"
        ),
        "{p:?}"
    );
    let p = problems(&with_action("experience", "on_record = []\n"));
    assert!(
        p.len() == 1
            && p[0].contains(
                "action 'x' has on_record = []: allowed: true, false, or some of its competencies"
            ),
        "{p:?}"
    );
    let p = problems(&with_action("experience", "on_record = \"lead\"\n"));
    assert!(
        p.len() == 1
            && p[0].contains("true, false, or a list of some of the action's competency ids"),
        "{p:?}"
    );
    let f =
        Framework::load("f.toml", &with_action("experience", "on_record = true\n")).expect("loads");
    assert_eq!(f.actions[0].on_record, vec![f.competencies[0].id.clone()]);
    let f = Framework::load(
        "f.toml",
        &with_action("experience", "on_record = [\"lead\"]\n"),
    )
    .expect("loads");
    assert_eq!(f.actions[0].on_record.len(), 1);
    // In the built-in file: a manager's post is handed on leading and
    // developing people alike.
    let f = builtin().expect("builtin");
    let acting = f.action("acting-manager").expect("action");
    let held: Vec<&str> = acting.on_record.iter().map(|c| c.as_str()).collect();
    assert_eq!(held, ["leadership-delegation", "developing-staff"]);
}

/// An action's purpose is a sentence or nothing: a blank one is refused
/// with the action named.
#[test]
fn an_action_purpose_is_a_sentence_or_none() {
    let p = problems(&with_action("relationship", "purpose = \"  \"\n"));
    assert!(
        p.len() == 1
            && p[0].contains(
                "action 'x' has an empty purpose: allowed: a sentence saying what the activity is for, or no purpose"
            ),
        "{p:?}"
    );
    let f = Framework::load(
        "f.toml",
        &with_action("relationship", "purpose = \" To meet people. \"\n"),
    )
    .expect("loads");
    assert_eq!(f.actions[0].purpose.as_deref(), Some("To meet people."));
    // In the built-in file, every relationship and study action says what
    // it is for, but those whose reason is already their purpose (an
    // interview lost, a post asked for).
    let f = builtin().expect("builtin");
    let silent: Vec<&str> = f
        .actions
        .iter()
        .filter(|a| a.kind != crate::framework::ActionKind::Experience && a.purpose.is_none())
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(
        silent,
        [
            "small-company-role",
            "ask-why-not-chosen",
            "manager-rates-you",
            "rehearse-management-interview",
            "feedback-check-back",
            "put-yourself-forward",
            "seek-senior-post",
            "review-record-with-manager",
            "manager-confirms-job"
        ]
    );
}

/// The journal words that say no post will open at home: the manager's
/// answer, not any sentence with "not going anywhere" in it.
#[test]
fn a_journal_says_when_no_post_will_open_here() {
    let f = builtin().expect("builtin");
    for said in [
        "Asked my manager whether a post will open here: she is staying put",
        "My manager is not going anywhere for at least two years",
        "Pat says there is no budget for a new team, and no management posts this year",
        "My manager's staying put, she told me at the one-to-one",
        "My manager will stay put for years yet",
    ] {
        assert!(f.no_opening_in(said), "{said}");
    }
    for said in [
        "The migration is not going anywhere until the licences arrive",
        "Told my manager the migration is not going anywhere until the licences arrive",
        "Sam was offered the job at Acme but he is staying put",
        "Asked my manager whether a post will open here: yes, a team lead post in the spring",
        "Onboarded two new starters and ran the patching rota",
    ] {
        assert!(!f.no_opening_in(said), "{said}");
    }
}

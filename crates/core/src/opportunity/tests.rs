use super::*;
use crate::framework::builtin;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

#[test]
fn opportunities_are_validated_with_defaults() {
    let f = builtin().expect("framework");
    let o = NewOpportunity::parse(
        &f,
        OpportunityInput {
            organisation: " Acme ",
            title: "IT Manager",
            role: Some("it-manager"),
            next_step: Some("Panel interview"),
            next_step_on: Some("2026-12-01"),
            ..Default::default()
        },
    )
    .expect("valid");
    assert_eq!(o.organisation, "Acme");
    assert_eq!(o.stage, Stage::Interested);
    assert_eq!(o.company_profile, CompanyProfile::MidSize);
    assert_eq!(
        o.next_step.and_then(|s| s.on),
        NaiveDate::from_ymd_opt(2026, 12, 1)
    );
    let err = |input: OpportunityInput| NewOpportunity::parse(&f, input).unwrap_err().to_string();
    let base = OpportunityInput {
        organisation: "Acme",
        title: "IT Manager",
        ..Default::default()
    };
    assert_eq!(
        err(OpportunityInput { stage: Some("ghosted"), ..base }),
        "invalid stage 'ghosted': allowed: interested, applied, screening, interviewing, offer, accepted, rejected, withdrawn"
    );
    assert_eq!(
        err(OpportunityInput {
            company_profile: Some("huge"),
            ..base
        }),
        "invalid company-profile 'huge': allowed: small-growing, mid-size, large-enterprise"
    );
    assert!(err(OpportunityInput {
        role: Some("pope"),
        ..base
    })
    .starts_with("invalid role 'pope': allowed: "));
    assert!(err(OpportunityInput {
        next_step_on: Some("2026-12-01"),
        ..base
    })
    .starts_with("invalid next-step '':"));
    assert!(err(OpportunityInput {
        organisation: " ",
        ..base
    })
    .starts_with("invalid organisation"));
    assert!(Stage::Rejected.is_closed() && !Stage::Offer.is_closed());
}

#[test]
fn debrief_reasons_are_tagged_and_the_chosen_candidate_needs_a_rejection() {
    let f = builtin().expect("framework");
    let input = DebriefInput {
        reasons: Some(
            "They wanted someone who had managed a budget and led a team through a restructuring.",
        ),
        ..Default::default()
    };
    let d = NewDebrief::parse(&f, Stage::Interviewing, input, today()).expect("valid");
    assert!(d.suggested);
    let tags: Vec<&str> = d.competencies.iter().map(CompetencyId::as_str).collect();
    assert!(tags.contains(&"leadership-delegation"), "{tags:?}");
    assert_eq!(d.held_on, today());

    let chosen = DebriefInput {
        chosen_experience: Some("Five years as a team lead"),
        ..Default::default()
    };
    assert_eq!(
        NewDebrief::parse(&f, Stage::Interviewing, chosen, today())
            .unwrap_err()
            .to_string(),
        "invalid chosen-experience 'Five years as a team lead': only after a rejection (the opportunity is at stage 'interviewing'; move it to 'rejected' first)"
    );
    assert!(NewDebrief::parse(&f, Stage::Rejected, chosen, today()).is_ok());
    assert!(NewDebrief::parse(&f, Stage::Rejected, DebriefInput::default(), today()).is_err());
    let chosen_tags = ["budgeting-funding".to_owned()];
    let d = NewDebrief::parse(
        &f,
        Stage::Rejected,
        DebriefInput {
            reasons: Some("more experience"),
            competencies: &chosen_tags,
            ..Default::default()
        },
        today(),
    )
    .expect("valid");
    assert!(!d.suggested);
    assert_eq!(d.competencies[0].as_str(), "budgeting-funding");
}

#[test]
fn the_summary_counts_each_debrief_once_per_competency() {
    let f = builtin().expect("framework");
    let id = |s: &str| CompetencyId::stored(s).expect("id");
    let a = vec![id("leadership-delegation"), id("leadership-delegation")];
    let b = vec![id("leadership-delegation"), id("budgeting-funding")];
    let c: Vec<CompetencyId> = Vec::new();
    let s = summary(
        &f,
        vec![
            (a.as_slice(), None),
            (b.as_slice(), Some("Ran a team of 10")),
            (c.as_slice(), None),
        ],
    );
    assert_eq!(s.debriefs, 3);
    assert_eq!(s.cited[0].competency.as_str(), "leadership-delegation");
    assert_eq!(s.cited[0].debriefs, 2);
    assert_eq!(s.cited[1].debriefs, 1);
    assert_eq!(s.chosen_experience, ["Ran a team of 10"]);
}

#[test]
fn the_advice_for_an_opening_at_ones_own_employer_is_for_internal_openings_only() {
    let f = builtin().expect("builtin");
    for profile in [
        CompanyProfile::SmallGrowing,
        CompanyProfile::MidSize,
        CompanyProfile::LargeEnterprise,
    ] {
        let a = f.company_advice(profile).expect("advice");
        assert!(
            !a.for_opening(false).contains("moving up or out")
                && !a.for_opening(false).contains("move up or out"),
            "{profile}"
        );
        assert!(
            a.for_opening(true).contains("moving up or out"),
            "{profile}"
        );
        assert!(a.for_opening(true).starts_with(&a.advice));
    }
}

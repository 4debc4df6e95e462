use std::collections::BTreeMap;

use super::*;
use crate::assessment::Levels;
use crate::evidence::EvidenceKind;
use crate::feedback::{CompetencyResult, GroupResult, Minimums};
use crate::framework::builtin;

/// Readiness for IT manager of someone who rated one competency 3.
fn rated_3_in(f: &crate::Framework, competency: &str) -> crate::readiness::Readiness {
    let role = f.role("it-manager").expect("role");
    let levels = Levels::from_stored(f, [(competency.to_owned(), 3_i64)]);
    crate::readiness::assess(f, role, &levels, &BTreeMap::new())
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).expect("date")
}

#[test]
fn each_claim_links_to_its_evidence_and_hidden_groups_stay_out() {
    let f = builtin().expect("framework");
    let readiness = rated_3_in(&f, "budgeting-funding");
    let budget = [crate::CompetencyId::stored("budgeting-funding").expect("id")];
    let journal = [Entry {
        id: 7,
        date: d(10, 1),
        text: "## Ran the budget\nCut licences by 12%",
        competencies: &budget,
        kind: EvidenceKind::Experience,
        names_gap: false,
    }];
    let items = [
        Item {
            id: 3,
            title: "Shadow the CFO",
            done_on: Some(d(11, 2)),
            open: false,
            due: d(11, 1),
            note: None,
            competencies: &budget,
        },
        Item {
            id: 4,
            title: "Own a budget line",
            done_on: None,
            open: true,
            due: d(12, 1),
            note: None,
            competencies: &budget,
        },
    ];
    let competency = |id: &str, groups: Vec<GroupResult>| {
        let c = f.competency(id).expect("competency");
        CompetencyResult {
            id: c.id.clone(),
            name: c.name.clone(),
            self_level: None,
            groups,
            others: None,
            signal: None,
        }
    };
    let results = Results {
        minimums: Minimums::default(),
        competencies: vec![
            competency(
                "budgeting-funding",
                vec![GroupResult {
                    group: crate::feedback::Group::Peer,
                    raters: 3,
                    average: 3.3,
                    comments: vec![],
                }],
            ),
            // Below its minimum: no group, so not evidence of anything.
            competency("strategy-roadmap", vec![]),
        ],
        overall: vec![],
    };
    let p = build(
        &Sources {
            name: "Ann",
            current_role: "Senior administrator",
            readiness: &readiness,
            journal: &journal,
            items: &items,
            feedback: &[(d(10, 20), results)],
            leadership: &[],
        },
        d(11, 24),
    );
    let claim = p
        .claims
        .iter()
        .find(|c| c.id == "budgeting-funding")
        .expect("claim");
    assert_eq!(claim.evidence, ["p3", "f1", "j7"], "newest first");
    assert_eq!(claim.level, 3);
    let strategy = p
        .claims
        .iter()
        .find(|c| c.id == "strategy-roadmap")
        .expect("claim");
    assert!(strategy.evidence.is_empty());
    let feedback = p.evidence.iter().find(|e| e.anchor == "f1").expect("f1");
    assert_eq!(feedback.competencies, ["Budgeting, funding and purchasing"]);
    assert_eq!(
        p.evidence
            .iter()
            .find(|e| e.anchor == "j7")
            .expect("j7")
            .title,
        "Ran the budget"
    );
    assert_eq!(p.development.len(), 1);
    let md = markdown(&p);
    assert!(md.contains("[p3](#p3) [f1](#f1) [j7](#j7)"), "{md}");
    assert!(
        md.contains("<a id=\"j7\"></a>j7: Ran the budget (2026-10-01)"),
        "{md}"
    );
}

/// The packet cites evidence only: an untagged journal entry (a doubt, a
/// note to self) and an untagged plan item stay out of it.
#[test]
fn untagged_entries_entries_naming_a_gap_and_open_items_stay_out_of_the_packet() {
    let f = builtin().expect("framework");
    let readiness = rated_3_in(&f, "budgeting-funding");
    let budget = [crate::CompetencyId::stored("budgeting-funding").expect("id")];
    let journal = [
        Entry {
            id: 1,
            date: d(10, 1),
            text: "Honestly not sure I want to stop the hands-on work",
            competencies: &[],
            kind: EvidenceKind::Experience,
            names_gap: false,
        },
        Entry {
            id: 2,
            date: d(10, 2),
            text: "Cut licences by 12%",
            competencies: &budget,
            kind: EvidenceKind::Experience,
            names_gap: false,
        },
        // Criticism is about the budget, and no evidence of it.
        Entry {
            id: 5,
            date: d(10, 3),
            text: "Finance said my forecast left out VAT and delivery",
            competencies: &budget,
            kind: EvidenceKind::Feedback,
            names_gap: true,
        },
    ];
    let items = [Item {
        id: 3,
        title: "Take the fit check again at the end of the trial",
        done_on: None,
        open: true,
        due: d(12, 1),
        note: None,
        competencies: &[],
    }];
    let p = build(
        &Sources {
            name: "Deepa",
            current_role: "Senior administrator",
            readiness: &readiness,
            journal: &journal,
            items: &items,
            feedback: &[],
            leadership: &[],
        },
        d(11, 24),
    );
    let anchors: Vec<&str> = p.evidence.iter().map(|e| e.anchor.as_str()).collect();
    assert_eq!(anchors, ["j2"]);
    assert!(p.development.is_empty());
    assert!(!markdown(&p).contains("not sure"));
    assert!(!markdown(&p).contains("left out VAT"));
}

/// Praise logged in the journal is cited as feedback received, someone
/// else's word, not as the person's own account; a result says it is one.
#[test]
fn feedback_received_is_cited_as_such() {
    let f = builtin().expect("framework");
    let readiness = rated_3_in(&f, "communication");
    let talk = [crate::CompetencyId::stored("communication").expect("id")];
    let entry = |id, text, kind| Entry {
        id,
        date: d(10, id as u32),
        text,
        competencies: &talk,
        kind,
        names_gap: false,
    };
    let journal = [
        entry(
            1,
            "The CFO said my outage summary was the clearest she had seen",
            EvidenceKind::Feedback,
        ),
        entry(
            2,
            "Complaints about status updates down from 9 to 2",
            EvidenceKind::Result,
        ),
        entry(
            3,
            "Explained the outage to the sales director",
            EvidenceKind::Experience,
        ),
    ];
    let p = build(
        &Sources {
            name: "Deepa",
            current_role: "Senior administrator",
            readiness: &readiness,
            journal: &journal,
            items: &[],
            feedback: &[],
            leadership: &[],
        },
        d(11, 24),
    );
    let caption = |anchor: &str| {
        p.evidence
            .iter()
            .find(|e| e.anchor == anchor)
            .map(Evidence::caption)
            .unwrap_or_default()
    };
    assert!(
        caption("j1").starts_with("Feedback received"),
        "{}",
        caption("j1")
    );
    assert!(caption("j2").starts_with("A result"), "{}", caption("j2"));
    assert!(
        caption("j3").starts_with("Journal entry;"),
        "{}",
        caption("j3")
    );
    assert!(markdown(&p).contains("*Feedback received (journal entry); supports: Communication"));
}

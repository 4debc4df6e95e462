//! A realistic demo person, so a newcomer sees a full dashboard at once: a
//! senior administrator who runs the day-to-day operations without the
//! title (seed 000), aiming at IT manager, five months into the move.

use chrono::{Duration, NaiveDate};
use leap_core::assessment::{Levels, Source};
use leap_core::evidence::{EntryInput, NewEntry};
use leap_core::feedback::{Answer, Group, Minimums, Rating, Response};
use leap_core::fit;
use leap_core::Framework;

use leap_store::{Closing, NewEvidence, PersonId};

use crate::Result;

/// Levels at each of four self-assessments, oldest first, in the built-in
/// framework's competency order; ids a custom framework lacks are skipped.
const SNAPSHOTS: [(i64, [(&str, i64); 14]); 4] = [
    (
        150,
        [
            ("technical-excellence", 4),
            ("service-operations", 4),
            ("project-management", 3),
            ("leadership-delegation", 2),
            ("developing-staff", 1),
            ("conflict-emotional-intelligence", 2),
            ("business-acumen", 1),
            ("budgeting-funding", 1),
            ("strategy-roadmap", 1),
            ("compliance-risk", 3),
            ("resource-planning", 2),
            ("communication", 2),
            ("relationships-networking", 1),
            ("organisational-savvy", 1),
        ],
    ),
    (
        100,
        [
            ("technical-excellence", 4),
            ("service-operations", 4),
            ("project-management", 3),
            ("leadership-delegation", 2),
            ("developing-staff", 2),
            ("conflict-emotional-intelligence", 3),
            ("business-acumen", 2),
            ("budgeting-funding", 1),
            ("strategy-roadmap", 2),
            ("compliance-risk", 3),
            ("resource-planning", 2),
            ("communication", 3),
            ("relationships-networking", 2),
            ("organisational-savvy", 1),
        ],
    ),
    (
        50,
        [
            ("technical-excellence", 4),
            ("service-operations", 4),
            ("project-management", 4),
            ("leadership-delegation", 3),
            ("developing-staff", 2),
            ("conflict-emotional-intelligence", 3),
            ("business-acumen", 2),
            ("budgeting-funding", 2),
            ("strategy-roadmap", 2),
            ("compliance-risk", 3),
            ("resource-planning", 3),
            ("communication", 3),
            ("relationships-networking", 2),
            ("organisational-savvy", 2),
        ],
    ),
    (
        10,
        [
            ("technical-excellence", 4),
            ("service-operations", 4),
            ("project-management", 4),
            ("leadership-delegation", 3),
            ("developing-staff", 3),
            ("conflict-emotional-intelligence", 3),
            ("business-acumen", 3),
            ("budgeting-funding", 2),
            ("strategy-roadmap", 2),
            ("compliance-risk", 3),
            ("resource-planning", 3),
            ("communication", 4),
            ("relationships-networking", 3),
            ("organisational-savvy", 2),
        ],
    ),
];

/// Journal entries: days ago, kind, text (tags are suggested from it).
const JOURNAL: [(i64, &str, &str); 12] = [
    (140, "relationship", "Told my manager I want to move into management and asked what would make me ready"),
    (128, "experience", "Delegated the weekly patching to Sam and coached him through the first two runs"),
    (117, "relationship", "Lunch with the finance team lead: learned how the budget cycle works here"),
    (104, "experience", "Ran the post-incident review after the storage outage; kept it blameless and closed all actions"),
    (92, "education", "Finished a management course on delegation and giving feedback"),
    (80, "experience", "Wrote the business case for replacing the backup system; approved in the budget round"),
    (66, "feedback", "My manager said my status reports are now what she forwards to the director"),
    (55, "experience", "Mediated a disagreement between the network and desktop teams over change windows"),
    (41, "experience", "Presented the infrastructure roadmap to the operations leadership meeting"),
    (30, "relationship", "Met a manager from sales for coffee: now part of my network of co-managers"),
    (18, "experience", "Led the disaster recovery test and wrote up the three gaps it found"),
    (6, "result", "Ticket backlog down from 140 to 60 in a quarter; the team met its service level"),
];

/// Raters of the demo's 360 request: the manager, three peers, and two
/// direct reports (fewer than three: their answers stay hidden, as the
/// results page explains). Each rates a level off the person's own by the
/// offset at (rater + competency) in `OFFSETS`.
const RATERS: [(Group, &str, Option<&str>); 6] = [
    (
        Group::Manager,
        "Dana Whitfield",
        Some("Ready to run the team; needs to let go of the hard tickets"),
    ),
    (
        Group::Peer,
        "Sam Okafor",
        Some("Keeps everyone calm when things break"),
    ),
    (Group::Peer, "Priya Nair", None),
    (
        Group::Peer,
        "Tom Becker",
        Some("Explains technical trade-offs so that the business understands them"),
    ),
    (
        Group::DirectReport,
        "Lee Park",
        Some("Helped me grow into the on-call lead role"),
    ),
    (Group::DirectReport, "Ana Costa", None),
];
const OFFSETS: [i64; 5] = [0, 1, 0, -1, 1];

/// A 360 request made 40 days ago and closed 26 days ago, all answered.
async fn feedback(
    store: &dyn leap_store::Backend,
    person: PersonId,
    framework: &Framework,
    hash: &str,
    role: &leap_core::Role,
    latest: &Levels,
    today: NaiveDate,
) -> Result<()> {
    let min = framework.scale.min;
    let competencies: Vec<String> = framework
        .competencies
        .iter()
        .filter(|c| {
            role.expected(c.id.as_str())
                .is_some_and(|l| l.value() > min)
        })
        .map(|c| c.id.as_str().to_owned())
        .collect();
    // No link was ever sent: the hash of a text no token is.
    let token =
        |i: usize| leap_core::framework::content_hash(&format!("demo rater {i} of {}", person.0));
    let request = store
        .create_feedback_request(
            person,
            leap_store::feedback::NewFeedbackRequest {
                framework_hash: hash,
                created_on: today - Duration::days(40),
                closes_on: today - Duration::days(26),
                minimums: Minimums::default(),
                competencies: &competencies,
                raters: RATERS
                    .iter()
                    .enumerate()
                    .map(|(i, (group, name, _))| leap_store::feedback::NewRater {
                        group: *group,
                        name,
                        email: None,
                        token_hash: token(i),
                    })
                    .collect(),
            },
        )
        .await?;
    for (i, (_, _, comment)) in RATERS.iter().enumerate() {
        let mut answers = std::collections::BTreeMap::new();
        for (j, c) in framework.competencies.iter().enumerate() {
            if !request.competencies.iter().any(|x| x == &c.id) {
                continue;
            }
            let own = latest
                .get(c.id.as_str())
                .map_or(i64::from(min), |l| i64::from(l.value()));
            let level = framework.scale.level(
                "level",
                (own + OFFSETS[(i + j) % OFFSETS.len()])
                    .clamp(i64::from(min), i64::from(framework.scale.max)),
            );
            let rating = level.map_or(Rating::NotObserved, Rating::Level);
            answers.insert(
                c.id.clone(),
                Answer {
                    rating,
                    comment: comment.filter(|_| j == 0).map(str::to_owned),
                },
            );
        }
        let response = Response {
            answers,
            overall: comment.map(str::to_owned),
        };
        store
            .save_rater_response(&token(i), today - Duration::days(30), &response)
            .await?;
    }
    Ok(())
}

/// Fills `person`'s empty record with the demo story, dated back from
/// `today`, with a plan toward `target` (a role id of `framework`).
pub async fn fill(
    store: &dyn leap_store::Backend,
    person: PersonId,
    framework: &Framework,
    hash: &str,
    target: &str,
    today: NaiveDate,
) -> Result<()> {
    let ago = |days: i64| today - Duration::days(days);
    // The fit check: a clear management pull, some love of the technology.
    let answers: Vec<(String, i64)> = framework
        .fit_statements
        .iter()
        .map(|s| {
            let a = match (s.track, s.id.as_str()) {
                (_, "promotion-not-fit") => 1,
                (leap_core::Track::Management, _) => 4,
                (leap_core::Track::Technical, _) => 3,
            };
            (s.id.clone(), a)
        })
        .collect();
    if let Ok(answers) = fit::answers_from(framework, answers) {
        let result = fit::score(framework, &answers);
        store
            .add_fit_check(person, hash, ago(155), &answers, &result)
            .await?;
    }
    let mut latest = Levels::default();
    for (days, levels) in SNAPSHOTS {
        let snapshot =
            Levels::from_stored(framework, levels.iter().map(|(c, l)| ((*c).to_owned(), *l)));
        store
            .add_assessment(person, hash, Source::SelfRating, ago(days), &snapshot)
            .await?;
        latest = snapshot;
    }
    if let Some(role) = framework.role(target) {
        feedback(store, person, framework, hash, role, &latest, today).await?;
    }
    for (days, kind, text) in JOURNAL {
        let entry = NewEntry::parse(
            framework,
            EntryInput {
                text,
                kind: Some(kind),
                ..EntryInput::default()
            },
            ago(days),
        );
        if let Ok(e) = entry {
            store
                .add_evidence(person, NewEvidence::from_entry(&e, e.date))
                .await?;
        }
    }
    // A plan made 120 days ago, two thirds of its first items done since.
    if let Some(role) = framework.role(target) {
        let profile = store.profile(person).await?;
        let options = crate::plan::PlanOptions {
            horizon_months: 12,
            at_once: None,
            // The demo person chose management.
            despite_fit: true,
            year_starts: None,
        };
        if let crate::plan::PlanOutcome::Made(made) =
            crate::plan::generate_plan(store, &profile, framework, role, options, ago(60)).await?
        {
            for (i, item) in made.record.items.iter().take(3).enumerate() {
                if i < 2 {
                    let when = item.due.min(ago(5));
                    store
                        .close_plan_item(
                            person,
                            item.id,
                            Closing::Done,
                            when,
                            Some("Done, and written up in the journal"),
                            &[],
                        )
                        .await?;
                }
            }
        }
        career(store, &profile, framework, role, today).await?;
    }
    Ok(())
}

/// The demo person's moves beyond the plan: an opening lost on budgets
/// and one under way at the current employer, three contacts (one to
/// follow up), and two check-ins on the monthly schedule.
async fn career(
    store: &dyn leap_store::Backend,
    profile: &leap_store::Profile,
    framework: &Framework,
    role: &leap_core::Role,
    today: NaiveDate,
) -> Result<()> {
    use leap_core::contact::{Contact, ContactInput, NewInteraction};
    use leap_core::opportunity::{
        DebriefInput, NewDebrief, NewOpportunity, NextStep, OpportunityInput, Stage,
    };
    let person = profile.person;
    let ago = |days: i64| today - Duration::days(days);
    let day = |d: NaiveDate| d.to_string();
    let opening = |organisation, title, internal, source, stage| OpportunityInput {
        organisation,
        title,
        role: Some(role.id.as_str()),
        company_profile: Some("mid-size"),
        internal,
        source: Some(source),
        stage: Some(stage),
        next_step: None,
        next_step_on: None,
    };
    // Lost, after an interview: a candidate who had run budgets.
    let lost = NewOpportunity::parse(
        framework,
        opening(
            "Harbour Logistics",
            "IT Manager",
            false,
            "a recruiter",
            "applied",
        ),
    )?;
    let lost_id = store.add_opportunity(person, &lost, ago(70)).await?;
    store
        .move_opportunity(person, lost_id, Stage::Interviewing, ago(55), None)
        .await?;
    store
        .move_opportunity(person, lost_id, Stage::Rejected, ago(45), None)
        .await?;
    let held = day(ago(50));
    // Tagged as the person would after reading the suggestion.
    let cited = [
        "budgeting-funding".to_owned(),
        "relationships-networking".to_owned(),
    ];
    let debrief = NewDebrief::parse(
        framework,
        Stage::Rejected,
        DebriefInput {
            held_on: Some(&held),
            questions: Some("How would you cut the IT budget by ten per cent? Tell us about a vendor you renegotiated."),
            went_well: Some("The incident-management answers; the panel liked the change advisory board story."),
            went_badly: Some("I had no figures to hand for the budget question."),
            reasons: Some("They chose someone with more experience managing budgets and vendor contracts."),
            chosen_experience: Some("Had run a 1.2 million pound IT budget and two outsourcing contracts."),
            competencies: &cited,
            ..DebriefInput::default()
        },
        ago(45),
    )?;
    store
        .add_debrief(person, lost_id, &debrief, ago(45))
        .await?;
    // Under way at the current employer: the panel is next week.
    let inside = NewOpportunity::parse(
        framework,
        opening(
            "Current employer",
            "IT Operations Manager",
            true,
            "the intranet",
            "applied",
        ),
    )?;
    let inside_id = store.add_opportunity(person, &inside, ago(21)).await?;
    let panel = NextStep {
        text: "Panel interview with the IT director and HR".to_owned(),
        on: Some(today + Duration::days(6)),
    };
    store
        .move_opportunity(person, inside_id, Stage::Interviewing, ago(7), Some(&panel))
        .await?;
    // The network: a co-manager, a mentor and a recruiter.
    for (name, job_title, organisation, relationship, cadence, notes, met) in [
        (
            "Sam Ortiz",
            "Finance business partner",
            "Finance",
            "co-manager",
            "30",
            "Owns the IT cost centre.",
            [80, 25],
        ),
        (
            "Helen Park",
            "Former CIO",
            "Park Advisory",
            "mentor",
            "30",
            "Monthly mentor; ask about the budget cycle.",
            [90, 40],
        ),
        (
            "Dana Mills",
            "Technology recruiter",
            "Harbour Search",
            "recruiter",
            "60",
            "Placed the Harbour Logistics role.",
            [75, 50],
        ),
    ] {
        let contact = Contact::parse(ContactInput {
            name,
            job_title: Some(job_title),
            organisation: Some(organisation),
            relationship: Some(relationship),
            reach: None,
            notes: Some(notes),
            cadence_days: Some(cadence),
        })?;
        let id = store.add_contact(person, &contact, ago(100)).await?;
        for days in met {
            let on = day(ago(days));
            let touch = NewInteraction::parse(Some(&on), Some("meeting"), None, today)?;
            store.add_interaction(person, id, &touch).await?;
        }
    }
    // Two monthly check-ins, the next due in ten days.
    for (days, went_well, went_badly) in [
        (
            50,
            "Ran the change advisory board for a month while my manager was away.",
            "Froze on the budget question at the Harbour interview.",
        ),
        (
            20,
            "Shadowed the budget review with Sam from finance.",
            "Let the vendor renewal slip a week.",
        ),
    ] {
        let input = leap_core::checkin::CheckinInput {
            ratings: &[],
            went_well: Some(went_well),
            went_badly: Some(went_badly),
            plan_review: Some("Kept the plan; the budget items first."),
        };
        crate::checkin::record_checkin(store, profile, framework, input, ago(days)).await??;
    }
    Ok(())
}

/// Every account of a generated organisation signs in with this password.
pub const ORGANISATION_PASSWORD: &str = "leap demo passphrase";
/// People written per transaction.
const BATCH: u64 = 250;

/// Who to sign in as in a generated organisation, by username.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Generated {
    /// Accounts that existed before.
    pub existing: u64,
    pub first_account: String,
    pub last_account: String,
    /// Leads everyone generated.
    pub cio: String,
    /// Leads the largest line two levels down, and how many are in it.
    pub director: Option<(String, u64)>,
    /// Leads a team of eight.
    pub manager: Option<(String, u64)>,
}

/// A deterministic synthetic organisation of `people` people (accounts
/// `person000001@example.org`… numbered after those that exist), each with
/// `entries` journal entries, in teams and reporting lines with managers'
/// ratings, one-to-one history and opt-ins to the succession bench;
/// written in batches, `done` told after each.
pub async fn generate_organisation(
    store: &dyn leap_store::Backend,
    people: u64,
    seed: u64,
    entries: u32,
    today: NaiveDate,
    done: &(dyn Fn(u64) + Sync),
) -> Result<Generated> {
    let framework =
        leap_core::framework::builtin().map_err(|e| crate::AppError::Internal(e.to_string()))?;
    let stored = leap_store::FrameworkText::of(&framework, leap_core::framework::BUILTIN_TOML);
    // One hash for all: argon2 per account would take minutes for thousands.
    let hash = crate::password::hash(ORGANISATION_PASSWORD.to_owned()).await?;
    let existing = u64::try_from(store.account_count().await?).unwrap_or(0);
    let mut org = leap_core::synthetic::Organisation::new(&framework, seed, today, entries)
        .numbered_after(existing)
        .in_reporting_lines(people);
    let mut written = 0;
    while written < people {
        let n = (people - written).min(BATCH);
        let batch: Vec<_> = (0..n).map(|_| org.person()).collect();
        store.insert_people(&batch, &stored, &hash, today).await?;
        written += n;
        done(written);
    }
    store.refresh_statistics().await?;
    let (director, manager) = leap_core::synthetic::showcase(people);
    let at = |k: u64| leap_core::synthetic::Position { k, n: people };
    Ok(Generated {
        existing,
        first_account: org.username(1),
        last_account: org.username(people),
        cio: org.username(1),
        director: director.map(|k| (org.username(k), at(k).line_size())),
        manager: manager.map(|k| (org.username(k), at(k).line_size())),
    })
}

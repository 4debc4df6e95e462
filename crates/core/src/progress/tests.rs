use super::*;
use crate::assessment::Levels;
use crate::framework::builtin;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).expect("date")
}

fn item(status: ItemStatus, kind: ActionKind, closed: Option<NaiveDate>) -> ItemPoint {
    ItemPoint {
        title: format!("{status:?} {kind}"),
        kind,
        status,
        closed_on: closed,
    }
}

fn entry(id: i64, date: NaiveDate, text: &str) -> EntryPoint {
    EntryPoint {
        id,
        date,
        kind: EvidenceKind::Experience,
        text: text.to_owned(),
        names_gap: false,
        competencies: Vec::new(),
    }
}

#[test]
fn measures_count_goals_leadership_mentoring_and_what_changed() {
    let f = builtin().expect("framework");
    let role = f.role("it-manager").expect("role");
    let levels = Levels::from_stored(&f, [("budgeting-funding".to_owned(), 3_i64)]);
    let now = crate::readiness::assess(&f, role, &levels, &BTreeMap::new());
    let checkins = [CheckinPoint {
        held_on: d(10, 1),
        readiness: 20,
        levels: [(
            CompetencyId::stored("budgeting-funding").expect("id"),
            (1, 3),
        )]
        .into(),
    }];
    let assessments = [
        (d(9, 1), [("budgeting-funding".to_owned(), 1)].into()),
        (d(11, 1), [("budgeting-funding".to_owned(), 3)].into()),
    ];
    let items = [
        item(ItemStatus::Done, ActionKind::Experience, Some(d(11, 3))),
        item(ItemStatus::Done, ActionKind::Education, Some(d(9, 30))),
        item(
            ItemStatus::Dropped,
            ActionKind::Relationship,
            Some(d(10, 2)),
        ),
        item(ItemStatus::Todo, ActionKind::Experience, None),
    ];
    let journal = [
        entry(1, d(9, 2), "Led the data-centre move"),
        entry(2, d(10, 5), "Mentored two juniors through on-call"),
        entry(3, d(11, 2), "Wrote a runbook; misleading title fixed"),
    ];
    let p = progress(
        &Sources {
            checkins: &checkins,
            self_assessments: &assessments,
            self_assessed: &[(d(9, 1), 10), (d(10, 1), 25), (d(11, 1), 40)],
            items: &items,
            journal: &journal,
            feedback: &[],
            now: Some(&now),
            job: None,
        },
        d(11, 24),
    );
    // Each self-assessment, the check-in over the rating of its day, today.
    assert_eq!(
        p.readiness
            .iter()
            .map(|r| (r.date, r.percent))
            .collect::<Vec<_>>(),
        [
            (d(9, 1), 10),
            (d(10, 1), 20),
            (d(11, 1), 40),
            (d(11, 24), now.percent())
        ]
    );
    let budgeting = p
        .competencies
        .iter()
        .find(|c| c.id == "budgeting-funding")
        .expect("c");
    assert_eq!(
        budgeting.levels.iter().map(|l| l.level).collect::<Vec<_>>(),
        [1, 3]
    );
    // From the first thing recorded (September), not a year of empty
    // months.
    assert_eq!(p.done_per_month.len(), 3);
    assert_eq!(
        p.done_per_month[2],
        MonthCount {
            month: "2026-11".into(),
            done: 1
        }
    );
    assert_eq!(
        p.done_per_month[0],
        MonthCount {
            month: "2026-09".into(),
            done: 1
        }
    );
    assert_eq!(
        p.measures.plan_goals,
        PlanGoals {
            done: 2,
            dropped: 1,
            open: 1,
            percent_met: Some(66)
        }
    );
    // "misleading" is not "leading": whole words only.
    let led: Vec<_> = p
        .measures
        .leadership
        .iter()
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(led, ["Done experience", "Led the data-centre move"]);
    assert_eq!(p.measures.mentoring.len(), 1);
    assert_eq!(p.measures.mentoring[0].entry, Some(2));
    let since = p.since_last_checkin.expect("a check-in");
    assert_eq!(since.held_on, d(10, 1));
    assert_eq!((since.journal_entries, since.plan_items_done), (2, 1));
    assert_eq!(
        since
            .levels_changed
            .iter()
            .map(|c| (c.id.as_str(), c.from, c.to))
            .collect::<Vec<_>>(),
        [("budgeting-funding", 1, 3)]
    );
}

#[test]
fn nothing_yet_gives_empty_progress_not_an_error() {
    let p = progress(
        &Sources {
            checkins: &[],
            self_assessments: &[],
            self_assessed: &[],
            items: &[],
            journal: &[],
            feedback: &[],
            now: None,
            job: None,
        },
        d(11, 24),
    );
    assert!(p.readiness.is_empty() && p.competencies.is_empty());
    assert_eq!(p.measures.plan_goals.percent_met, None);
    assert!(p.since_last_checkin.is_none());
}

/// Supervising a desk and an interim post are leadership; running a
/// restore test is not.
#[test]
fn leadership_is_leading_people_not_running_a_test() {
    let on = d(11, 2);
    let journal = [
        entry(
            1,
            on,
            "Ran the quarterly restore test and logged the results",
        ),
        entry(2, on, "Supervise the eight analysts on the service desk"),
        entry(3, on, "Appointed interim IT manager for three months"),
        entry(
            4,
            on,
            "Handed the backup administration to Priya and coached her until she ran it without me",
        ),
    ];
    let led: Vec<Option<i64>> = leadership(&[], &journal).iter().map(|m| m.entry).collect();
    assert_eq!(led.len(), 3, "{led:?}");
    assert!(!led.contains(&Some(1)), "{led:?}");
}

/// Standing in for a manager is a leadership role (a reviewer found
/// "covered for my manager at CAB" counted as none); covering a shift and
/// a stand-in that did not happen are not.
#[test]
fn standing_in_for_a_manager_is_leading() {
    let on = d(11, 2);
    let journal = [
        entry(1, on, "Covered for my manager at CAB for two weeks"),
        entry(
            2,
            on,
            "Stood in for Raj at the ops meeting while he was on leave",
        ),
        entry(3, on, "Deputised for the head of IT at the exec meeting"),
        entry(4, on, "Covered the early shift on the desk"),
        entry(5, on, "Didn't stand in for her after all; covered nothing"),
        entry(6, on, "Was not covering for anyone this month"),
    ];
    let mut led: Vec<Option<i64>> = leadership(&[], &journal).iter().map(|m| m.entry).collect();
    led.sort();
    assert_eq!(led, [Some(1), Some(2), Some(3)], "{led:?}");
}

/// What a person says they have not done is no role led and nobody
/// mentored; what follows "but" in the same sentence still counts.
#[test]
fn leadership_and_mentoring_leave_out_what_was_not_done_and_criticism() {
    let on = d(11, 2);
    let journal = [
        entry(1, on, "Never managed anyone directly, only the backup jobs"),
        entry(2, on, "Didn't supervise the desk this month; Sam did"),
        entry(3, on, "Haven't mentored anyone yet"),
        entry(
            4,
            on,
            "Not a manager yet, but I led the switch refresh and coached Tom on the cabling",
        ),
        // Criticism is no mention of what the person did.
        EntryPoint {
            kind: EvidenceKind::Feedback,
            names_gap: true,
            ..entry(
                5,
                on,
                "Manager says I should have led the retro and coached the juniors",
            )
        },
    ];
    let led: Vec<Option<i64>> = leadership(&[], &journal).iter().map(|m| m.entry).collect();
    assert_eq!(led, [Some(4)]);
    // Acting up is a role led.
    let acted = [entry(
        6,
        on,
        "Acted as team lead for 3 weeks while Raj was on leave",
    )];
    assert_eq!(leadership(&[], &acted).len(), 1);
    let mentored: Vec<Option<i64>> = mentoring(&journal).iter().map(|m| m.entry).collect();
    assert_eq!(mentored, [Some(4)]);
}

/// People mentored counts those the person mentored, coached or trained,
/// not the mentoring, coaching or training they received.
#[test]
fn mentoring_counts_whom_the_person_mentored_not_their_own_mentor() {
    let on = d(11, 2);
    let texts = [
        // Theirs: not counted.
        "Monthly session with my mentor on the budget",
        "Mentoring session with my mentor about the restructure",
        "Sarah coached me through my first board paper",
        "Was trained on the new SIEM by the vendor",
        "Got coaching from the head of finance on forecasting",
        "Found a mentor in the operations director",
        "Signed up to the programme as a mentee",
        // Given: counted.
        "Coached Tom through the firewall change",
        "Agreed to mentor Priya, our new graduate, for six months",
        "Signed up as a mentor on the graduate scheme",
        "First meeting with my mentee from the service desk",
        "Trained the two juniors on the change process",
        "I mentor two of the desk analysts now",
    ];
    let journal: Vec<EntryPoint> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| entry(i as i64 + 1, on, t))
        .collect();
    let mut mentored: Vec<i64> = mentoring(&journal).iter().filter_map(|m| m.entry).collect();
    mentored.sort_unstable();
    assert_eq!(mentored, (8..=13).collect::<Vec<i64>>(), "{texts:#?}");
}

/// The months shown run from the first thing recorded, at most a year.
#[test]
fn months_run_from_the_first_record_and_at_most_a_year() {
    let today = d(11, 24);
    assert_eq!(months(today, today), [(2026, 11)]);
    assert_eq!(months(d(9, 30), today), [(2026, 9), (2026, 10), (2026, 11)]);
    let long = months(NaiveDate::from_ymd_opt(2023, 1, 5).expect("date"), today);
    assert_eq!(long.len(), MONTHS as usize);
    assert_eq!(long.first(), Some(&(2025, 12)));
}

fn tagged(id: i64, date: NaiveDate, text: &str, competencies: &[&str]) -> EntryPoint {
    EntryPoint {
        competencies: competencies
            .iter()
            .map(|c| CompetencyId::stored(c).expect("id"))
            .collect(),
        ..entry(id, date, text)
    }
}

/// A manager aiming at director who logs mostly the technical work he is
/// already known for: an IT director would say the time goes where he is
/// strong, and name the gaps no entry shows.
#[test]
fn focus_says_when_the_journal_goes_to_what_is_already_met() {
    let f = builtin().expect("framework");
    let role = f.role("it-director").expect("role");
    let levels = Levels::from_stored(
        &f,
        [
            ("technical-excellence", 5),
            ("service-operations", 4),
            ("project-management", 4),
            ("leadership-delegation", 2),
            ("budgeting-funding", 2),
        ]
        .map(|(c, l)| (c.to_owned(), l)),
    );
    let now = crate::readiness::assess(&f, role, &levels, &BTreeMap::new());
    let today = d(11, 24);
    let mut journal = vec![
        tagged(
            1,
            d(11, 20),
            "Rebuilt the Exchange config myself over the weekend",
            &["technical-excellence"],
        ),
        tagged(
            2,
            d(11, 13),
            "Fixed the SAN firmware bug the team was stuck on",
            &["technical-excellence"],
        ),
        tagged(
            3,
            d(11, 6),
            "Rewrote the backup scripts in PowerShell",
            &["technical-excellence"],
        ),
        tagged(
            4,
            d(10, 30),
            "Took the P1 on the core switch and had it back in an hour",
            &["technical-excellence", "service-operations"],
        ),
        tagged(
            5,
            d(10, 2),
            "Ran the CAB this week",
            &["service-operations"],
        ),
        tagged(
            6,
            d(9, 15),
            "Handed the patching rota to Priya",
            &["leadership-delegation"],
        ),
        // Older than a quarter: not counted.
        tagged(
            7,
            d(6, 1),
            "Presented the budget to the CFO",
            &["budgeting-funding"],
        ),
        // Criticism is not evidence.
        EntryPoint {
            names_gap: true,
            kind: EvidenceKind::Feedback,
            ..tagged(
                8,
                d(11, 21),
                "Director says I should stop doing the team's work",
                &["leadership-delegation"],
            )
        },
    ];
    let focus = focus::focus(&journal, &now, None, today);
    assert_eq!(
        (focus.entries, focus.on_gaps, focus.on_strengths),
        (6, 1, 5)
    );
    let strongest = focus.strongest.as_ref().expect("strongest");
    assert_eq!(
        (strongest.id.as_str(), strongest.entries),
        ("technical-excellence", 4)
    );
    assert_eq!(focus.urgent_gaps.len(), 2, "{focus:?}");
    let advice = focus.advice.as_deref().expect("advice");
    assert!(
        advice.contains(
            "5 show only what you already meet for IT director; 1 shows a gap. Technical excellence, past what IT director asks, is in 4 of the 6."
        ),
        "{advice}"
    );
    let urgent = format!(
        "your most urgent gaps, {} and {} (no entry shows {} or {}): give this month's hours",
        focus.urgent_gaps[0], focus.urgent_gaps[1], focus.urgent_gaps[0], focus.urgent_gaps[1]
    );
    assert!(advice.contains(&urgent), "{advice}");
    assert!(advice.contains("already strong"), "{advice}");
    // Part of progress.
    let sources = Sources {
        checkins: &[],
        self_assessments: &[],
        self_assessed: &[],
        items: &[],
        journal: &journal,
        feedback: &[],
        now: Some(&now),
        job: None,
    };
    assert_eq!(progress(&sources, today).focus, Some(focus));
    // The job held still to master comes first (seed 004 step 0): its
    // critical gaps are the month's, as the plan's first work is.
    let held = f.role("it-manager").expect("role");
    let job = crate::readiness::assess(&f, held, &levels, &BTreeMap::new());
    let first: Vec<&str> = crate::readiness::step0(&job)
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert!(!first.is_empty());
    let before = focus::focus(&journal, &now, Some(&job), today);
    assert!(
        before
            .urgent_gaps
            .iter()
            .all(|g| first.contains(&g.as_str())),
        "{before:?}"
    );
    let advice = before.advice.expect("advice");
    assert!(
        advice.contains("Before the move comes the job you hold: as IT manager"),
        "{advice}"
    );
    // Without a gap in the job held, the target's gaps, as before.
    let mastered = Levels::from_stored(
        &f,
        [
            ("technical-excellence", 5),
            ("service-operations", 4),
            ("project-management", 5),
            ("leadership-delegation", 5),
            ("developing-staff", 5),
            ("budgeting-funding", 5),
            ("business-acumen", 5),
            ("organisational-savvy", 5),
            ("communication", 5),
            ("resource-planning", 5),
        ]
        .map(|(c, l)| (c.to_owned(), l)),
    );
    let done = crate::readiness::assess(&f, held, &mastered, &BTreeMap::new());
    assert!(
        crate::readiness::step0(&done).is_empty(),
        "{:?}",
        crate::readiness::step0(&done)
    );
    let after = focus::focus(&journal, &now, Some(&done), today);
    assert_eq!(
        after.urgent_gaps,
        focus::focus(&journal, &now, None, today).urgent_gaps
    );

    // A journal that goes to the gaps gets no such word.
    for (i, c) in [
        "budgeting-funding",
        "leadership-delegation",
        "strategy-roadmap",
        "communication",
    ]
    .iter()
    .enumerate()
    {
        journal.push(tagged(20 + i as i64, d(11, 10), "Worked on a gap", &[c]));
    }
    let balanced = focus::focus(&journal, &now, None, today);
    assert_eq!((balanced.entries, balanced.on_gaps), (10, 5));
    assert_eq!(balanced.advice, None);
    // Nor do four entries, too few to judge.
    let few = focus::focus(&journal[..4], &now, None, today);
    assert_eq!(few.advice, None);
}

//! A deterministic synthetic organisation, for demos, load tests and
//! benchmarks: people on both tracks, with fit checks, assessments over the
//! past year, journals and plans. The same seed gives the same organisation.
//!
//! Randomness is a small xorshift generator seeded by the caller: the data
//! only has to look varied and be reproducible, not be unpredictable.

use crate::evidence::EvidenceKind;
use chrono::{Duration, NaiveDate};

use crate::assessment::Levels;
use crate::feedback::{Answer, Group, Rating, Response};
use crate::fit::{self, FitAnswers, FitResult};
use crate::plan::{self, ProposedItem};
use crate::readiness;
use crate::tagging::Source;
use crate::{CompetencyId, Framework, Track};

/// A reproducible pseudo-random sequence (xorshift64*).
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Self {
        // Zero is the one state xorshift never leaves.
        Self(seed ^ 0x9E37_79B9_7F4A_7C15 | 1)
    }

    pub fn roll(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.roll() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const FIRST: [&str; 24] = [
    "Alex", "Sam", "Jo", "Priya", "Ahmed", "Maria", "Chen", "Fatima", "Tom", "Aisha", "Lukas",
    "Sofia", "Kwame", "Elena", "Ravi", "Grace", "Omar", "Hannah", "Diego", "Mei", "Noah", "Zara",
    "Ivan", "Leila",
];
const LAST: [&str; 20] = [
    "Stone", "Okafor", "Nguyen", "Schmidt", "Garcia", "Khan", "Murphy", "Rossi", "Kowalski",
    "Silva", "Haddad", "Larsen", "Tanaka", "Dubois", "Mensah", "Novak", "Ortiz", "Patel", "Reyes",
    "Walsh",
];

/// What people write in a journal; tags are suggested from the text.
const ENTRIES: [(EvidenceKind, &str); 16] = [
    (
        EvidenceKind::Experience,
        "Delegated the patching rota and coached the newcomer through it",
    ),
    (
        EvidenceKind::Experience,
        "Led the post-incident review after the outage and closed its actions",
    ),
    (
        EvidenceKind::Experience,
        "Wrote the business case for the storage upgrade; the budget was approved",
    ),
    (
        EvidenceKind::Experience,
        "Presented the quarterly status report to the operations leadership",
    ),
    (
        EvidenceKind::Relationship,
        "Lunch with a manager from finance to learn the budget cycle",
    ),
    (
        EvidenceKind::Relationship,
        "Met a co-manager from sales; added to my network",
    ),
    (
        EvidenceKind::Education,
        "Finished a module of the management course on delegation",
    ),
    (
        EvidenceKind::Education,
        "Studied for the ITIL certification: service operations",
    ),
    (
        EvidenceKind::Experience,
        "Mediated a disagreement between two teams over change windows",
    ),
    (
        EvidenceKind::Experience,
        "Ran the disaster recovery test and wrote up the gaps",
    ),
    (
        EvidenceKind::Experience,
        "Planned the team's rota and project allocation for the quarter",
    ),
    (
        EvidenceKind::Feedback,
        "My manager said the roadmap I drafted was clear and tied to business goals",
    ),
    (
        EvidenceKind::Result,
        "Ticket backlog down by a third; the team met its service level",
    ),
    (
        EvidenceKind::Experience,
        "Mentored a new colleague through their first month",
    ),
    (
        EvidenceKind::Experience,
        "Negotiated the renewal of the support contract with the vendor",
    ),
    (
        EvidenceKind::Relationship,
        "Joined the health and safety committee",
    ),
];

/// What raters write, now and then.
const COMMENTS: [&str; 8] = [
    "Keeps the team calm when things break",
    "Explains technical trade-offs so that the business understands them",
    "Could delegate more: still does the hard tickets personally",
    "Good at planning, less at following up with stakeholders",
    "Helped me grow into the on-call lead role",
    "Sometimes avoids difficult conversations",
    "Knows the budget cycle better than most of us",
    "Builds good relationships with other departments",
];

/// Reasons interviewers give, and what the chosen candidate had; tags are
/// suggested from the text, as for a real debrief.
const REASONS: [&str; 6] = [
    "They hired someone with more experience managing a team and delegating work",
    "They wanted someone who had owned a budget and made the funding case",
    "The panel asked for a technology roadmap tied to business goals",
    "Another candidate had handled conflict between teams and difficult conversations",
    "They preferred someone with experience of compliance audits and risk",
    "Not enough experience presenting to executives and stakeholders",
];
const CHOSEN: [&str; 4] = [
    "Five years as a team lead",
    "Ran the IT budget at a smaller company",
    "An internal candidate who had acted as manager",
    "Had led a department-wide migration",
];
const ORGANISATIONS: [&str; 8] = [
    "Acme Logistics",
    "Northwind Health",
    "Globex Retail",
    "Initech",
    "Umbrella Insurance",
    "Stark Manufacturing",
    "Wayne Finance",
    "Hooli",
];

/// A generated opportunity: where it stands, how it got there, debriefs.
#[derive(Debug, Clone)]
pub struct Opportunity {
    pub organisation: &'static str,
    pub title: String,
    /// The framework role it corresponds to.
    pub role: Option<String>,
    pub company_profile: crate::CompanyProfile,
    pub internal: bool,
    /// Every stage with the day it moved there, oldest first.
    pub stages: Vec<(crate::opportunity::Stage, NaiveDate)>,
    pub next_step: Option<(&'static str, NaiveDate)>,
    /// Day, reasons, the chosen candidate's experience, tags.
    pub debriefs: Vec<(
        NaiveDate,
        &'static str,
        Option<&'static str>,
        Vec<CompetencyId>,
    )>,
}

/// A generated contact and the interactions with them.
#[derive(Debug, Clone)]
pub struct Contact {
    pub contact: crate::contact::Contact,
    pub added: NaiveDate,
    pub interactions: Vec<(NaiveDate, crate::contact::InteractionKind)>,
}

/// One generated person, ready to store.
#[derive(Debug, Clone)]
pub struct Person {
    pub username: String,
    pub name: String,
    pub current_role: String,
    pub target_role: String,
    pub fit: Option<(NaiveDate, FitAnswers, FitResult)>,
    /// Oldest first.
    pub assessments: Vec<(NaiveDate, Levels)>,
    /// Date, kind, text, tags.
    pub entries: Vec<(NaiveDate, EvidenceKind, &'static str, Vec<CompetencyId>)>,
    pub plan: Option<Plan>,
    /// A closed 360 feedback request, for about two people in three.
    pub feedback: Option<Feedback>,
    /// For people aiming at a management role: none to three.
    pub opportunities: Vec<Opportunity>,
    /// One to five.
    pub contacts: Vec<Contact>,
}

/// A generated 360 feedback request, closed, with every rater's answers.
#[derive(Debug, Clone)]
pub struct Feedback {
    pub created: NaiveDate,
    pub closes: NaiveDate,
    pub competencies: Vec<CompetencyId>,
    /// Each rater's group, name and answers.
    pub raters: Vec<(Group, String, Response)>,
}

/// A generated plan.
#[derive(Debug, Clone)]
pub struct Plan {
    pub generated: NaiveDate,
    pub horizon_months: u32,
    pub items: Vec<ProposedItem>,
    /// Which items (by index) are done, and when.
    pub done: Vec<(usize, NaiveDate)>,
}

/// Generates people one at a time, so an organisation of any size needs
/// only a batch in memory.
pub struct Organisation<'a> {
    framework: &'a Framework,
    dice: Dice,
    today: NaiveDate,
    entries_per_person: u32,
    tags: Vec<Vec<CompetencyId>>,
    reason_tags: Vec<Vec<CompetencyId>>,
    next: u64,
}

impl<'a> Organisation<'a> {
    pub fn new(
        framework: &'a Framework,
        seed: u64,
        today: NaiveDate,
        entries_per_person: u32,
    ) -> Self {
        // Tag each text once, with the framework's own tagger (the one
        // the journal and debriefs use): entries as evidence, reasons as
        // an interviewer's.
        let tagger = framework.tagger();
        let tag_all =
            |texts: &mut dyn Iterator<Item = &str>, source: Source| -> Vec<Vec<CompetencyId>> {
                texts
                    .map(|text| {
                        tagger
                            .suggest_for(text, source, &[])
                            .into_iter()
                            .map(|s| s.competency)
                            .collect()
                    })
                    .collect()
            };
        let tags = tag_all(&mut ENTRIES.iter().map(|(_, text)| *text), Source::Evidence);
        let reason_tags = tag_all(&mut REASONS.iter().copied(), Source::Reasons);
        Self {
            framework,
            dice: Dice::new(seed),
            today,
            entries_per_person,
            tags,
            reason_tags,
            next: 0,
        }
    }

    /// Numbers the people from `n + 1` on (to add to an organisation).
    pub fn numbered_after(mut self, n: u64) -> Self {
        self.next = n;
        self
    }

    pub fn person(&mut self) -> Person {
        self.next += 1;
        let f = self.framework;
        let d = &mut self.dice;
        let name = format!("{} {}", d.pick(&FIRST), d.pick(&LAST));
        // Most people are on the technical track; about two in three of them
        // aim at management, the rest one rung up their own track.
        let technical: Vec<_> = f.roles_on(Track::Technical).collect();
        let management: Vec<_> = f.roles_on(Track::Management).collect();
        let (current, target) = if !management.is_empty() && d.below(5) == 0 {
            let i = d.below(management.len() as u64) as usize;
            (management[i], management[(i + 1).min(management.len() - 1)])
        } else if !technical.is_empty() {
            let i = d.below(technical.len() as u64) as usize;
            let current = technical[i];
            if !management.is_empty() && d.below(3) < 2 {
                (current, management[0])
            } else {
                (current, technical[(i + 1).min(technical.len() - 1)])
            }
        } else {
            (&f.roles[0], &f.roles[0])
        };

        // Levels start near the current role's expectations and grow.
        let snapshots = 2 + d.below(3) as i64;
        let mut levels: Vec<(CompetencyId, i64)> = f
            .competencies
            .iter()
            .map(|c| {
                let base = i64::from(
                    current
                        .expected(c.id.as_str())
                        .map_or(f.scale.min, |l| l.value()),
                );
                (
                    c.id.clone(),
                    (base + d.below(3) as i64 - 1)
                        .clamp(i64::from(f.scale.min), i64::from(f.scale.max)),
                )
            })
            .collect();
        let mut assessments = Vec::new();
        for k in 0..snapshots {
            let date = self.today - Duration::days(330 - k * 300 / snapshots);
            let mut l = Levels::default();
            for (c, v) in &mut levels {
                if k > 0 && d.below(4) == 0 {
                    *v = (*v + 1).min(i64::from(f.scale.max));
                }
                if let Ok(level) = f.scale.level("level", *v) {
                    l.set(c.clone(), level);
                }
            }
            assessments.push((date, l));
        }

        let fit = if f.fit_statements.is_empty() {
            None
        } else {
            let leaning = if target.track == Track::Management {
                4
            } else {
                2
            };
            let pairs: Vec<(String, i64)> = f
                .fit_statements
                .iter()
                .map(|s| {
                    let base = if s.track == Track::Management {
                        leaning
                    } else {
                        6 - leaning
                    };
                    (s.id.clone(), (base + d.below(3) as i64 - 1).clamp(1, 5))
                })
                .collect();
            fit::answers_from(f, pairs).ok().map(|a| {
                let r = fit::score(f, &a);
                (self.today - Duration::days(340), a, r)
            })
        };

        let entries = (0..self.entries_per_person)
            .map(|_| {
                let i = d.below(ENTRIES.len() as u64) as usize;
                let date = self.today - Duration::days(d.below(360) as i64);
                (date, ENTRIES[i].0, ENTRIES[i].1, self.tags[i].clone())
            })
            .collect();

        let plan = assessments.last().map(|(date, levels)| {
            let (toward, aim) = plan::toward(f, current.id.as_str(), target);
            let r = readiness::assess(f, toward, levels, &Default::default());
            let start = *date;
            let exclude = Default::default();
            let now = readiness::assess(f, current, levels, &Default::default());
            let record = plan::Record {
                fit: fit.as_ref().map(|(_, _, r)| r.clone()),
                ..Default::default()
            };
            // Everyone here chose their target, whatever their fit check.
            let items = plan::generate(&plan::Request {
                framework: f,
                role: toward,
                aim,
                readiness: &r,
                current_role: Some(current),
                current: Some(&now),
                horizon_months: 12,
                start,
                exclude: &exclude,
                cited: &Default::default(),
                record: &record,
                at_once: plan::DEFAULT_AT_ONCE,
                despite_fit: true,
            })
            .map(|p| p.items)
            .unwrap_or_default();
            let done = items
                .iter()
                .enumerate()
                .filter(|(_, item)| item.due <= self.today && d.below(3) > 0)
                .map(|(i, item)| (i, item.due))
                .collect();
            Plan {
                generated: start,
                horizon_months: 12,
                items,
                done,
            }
        });

        let feedback = match assessments.last() {
            Some((_, levels)) if d.below(3) < 2 => {
                let created = self.today - Duration::days(60 + d.below(60) as i64);
                let competencies: Vec<CompetencyId> = f
                    .competencies
                    .iter()
                    .filter(|c| {
                        target
                            .expected(c.id.as_str())
                            .is_some_and(|l| l.value() > f.scale.min)
                    })
                    .map(|c| c.id.clone())
                    .collect();
                let manages = current.track == Track::Management;
                let counts = [
                    (Group::Manager, 1),
                    (Group::Peer, 2 + d.below(4)),
                    (
                        Group::DirectReport,
                        if manages { 2 + d.below(3) } else { d.below(2) },
                    ),
                    (Group::Other, d.below(3)),
                ];
                let mut raters = Vec::new();
                for (group, n) in counts {
                    for _ in 0..n {
                        let name = format!("{} {}", d.pick(&FIRST), d.pick(&LAST));
                        let answers = competencies
                            .iter()
                            .map(|c| {
                                let own = levels.get(c.as_str()).map_or(f.scale.min, |l| l.value());
                                let rating = if d.below(8) == 0 {
                                    Rating::NotObserved
                                } else {
                                    let v = (i64::from(own) + d.below(3) as i64 - 1)
                                        .clamp(i64::from(f.scale.min), i64::from(f.scale.max));
                                    f.scale
                                        .level("level", v)
                                        .map_or(Rating::NotObserved, Rating::Level)
                                };
                                let comment =
                                    (d.below(4) == 0).then(|| d.pick(&COMMENTS).to_string());
                                (c.clone(), Answer { rating, comment })
                            })
                            .collect();
                        let overall = (d.below(4) == 0).then(|| d.pick(&COMMENTS).to_string());
                        raters.push((group, name, Response { answers, overall }));
                    }
                }
                Some(Feedback {
                    created,
                    closes: created + Duration::days(14),
                    competencies,
                    raters,
                })
            }
            _ => None,
        };

        let opportunities = if target.track == Track::Management && target.id != current.id {
            (0..d.below(4))
                .map(|_| self.opportunity(target.id.as_str(), &target.name))
                .collect()
        } else {
            Vec::new()
        };
        let contacts = (0..1 + self.dice.below(5))
            .map(|_| self.contact())
            .collect();

        Person {
            username: format!("person{:06}", self.next),
            name,
            current_role: current.id.to_string(),
            target_role: target.id.to_string(),
            fit,
            assessments,
            entries,
            plan,
            feedback,
            opportunities,
            contacts,
        }
    }

    fn opportunity(&mut self, role: &str, role_name: &str) -> Opportunity {
        use crate::opportunity::Stage;
        let today = self.today;
        let d = &mut self.dice;
        let mut on = today - Duration::days(20 + d.below(200) as i64);
        let mut stages = vec![(Stage::Applied, on)];
        // How far it went: most stop at screening or interviewing.
        let path = [Stage::Screening, Stage::Interviewing];
        for stage in path.iter().take(d.below(3) as usize) {
            on += Duration::days(5 + d.below(10) as i64);
            stages.push((*stage, on.min(today)));
        }
        let interviewed = stages.iter().any(|(s, _)| *s == Stage::Interviewing);
        let mut debriefs = Vec::new();
        if interviewed && d.below(3) > 0 {
            on += Duration::days(3 + d.below(10) as i64);
            let closed_on = on.min(today);
            stages.push((Stage::Rejected, closed_on));
            let i = d.below(REASONS.len() as u64) as usize;
            let chosen = (d.below(2) == 0).then(|| *d.pick(&CHOSEN));
            debriefs.push((closed_on, REASONS[i], chosen, self.reason_tags[i].clone()));
        }
        let last = stages.last().map_or(today, |(_, day)| *day);
        let open = !stages.last().is_some_and(|(s, _)| s.is_closed());
        let next_step = open.then(|| {
            let step = if interviewed {
                "Follow up on the panel"
            } else {
                "Prepare for the screening call"
            };
            (
                step,
                (last + Duration::days(7)).max(today - Duration::days(3)),
            )
        });
        let profiles = [
            crate::CompanyProfile::SmallGrowing,
            crate::CompanyProfile::MidSize,
            crate::CompanyProfile::LargeEnterprise,
        ];
        Opportunity {
            organisation: ORGANISATIONS[d.below(ORGANISATIONS.len() as u64) as usize],
            title: role_name.to_owned(),
            role: Some(role.to_owned()),
            company_profile: *d.pick(&profiles),
            internal: d.below(4) == 0,
            stages,
            next_step,
            debriefs,
        }
    }

    fn contact(&mut self) -> Contact {
        use crate::contact::{InteractionKind, Relationship};
        let today = self.today;
        let d = &mut self.dice;
        let relationships = [
            Relationship::CoManager,
            Relationship::CrossDepartment,
            Relationship::Executive,
            Relationship::Mentor,
            Relationship::Recruiter,
            Relationship::PeerOutside,
        ];
        let kinds = [
            InteractionKind::Meeting,
            InteractionKind::Call,
            InteractionKind::Message,
            InteractionKind::Event,
        ];
        let added = today - Duration::days(30 + d.below(300) as i64);
        let span = (today - added).num_days().max(1) as u64;
        let mut interactions: Vec<(NaiveDate, InteractionKind)> = (0..d.below(6))
            .map(|_| {
                (
                    added + Duration::days(d.below(span) as i64),
                    *d.pick(&kinds),
                )
            })
            .collect();
        interactions.sort();
        Contact {
            contact: crate::contact::Contact {
                name: format!("{} {}", d.pick(&FIRST), d.pick(&LAST)),
                job_title: None,
                organisation: (d.below(2) == 0).then(|| (*d.pick(&ORGANISATIONS)).to_owned()),
                relationship: *d.pick(&relationships),
                reach: None,
                notes: None,
                cadence_days: [14, 30, 60, 90][d.below(4) as usize],
            },
            added,
            interactions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_organisation() {
        let f = crate::framework::builtin().expect("builtin");
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
        let mut a = Organisation::new(&f, 7, today, 5);
        let mut b = Organisation::new(&f, 7, today, 5);
        let mut c = Organisation::new(&f, 8, today, 5);
        let (pa, pb, pc) = (a.person(), b.person(), c.person());
        assert_eq!(
            (pa.name.clone(), pa.target_role.clone()),
            (pb.name.clone(), pb.target_role.clone())
        );
        assert_eq!(pa.entries.len(), 5);
        assert_eq!(pa.assessments, pb.assessments);
        assert!(
            pa.name != pc.name
                || pa.current_role != pc.current_role
                || pa.assessments != pc.assessments
        );
        // Both tracks appear, and every generated date lies in the past year.
        let people: Vec<Person> = (0..200).map(|_| a.person()).collect();
        assert!(people.iter().any(|p| p.target_role == "it-manager"));
        assert!(people.iter().any(|p| f
            .role(&p.target_role)
            .is_some_and(|r| r.track == Track::Technical)));
        let with_feedback: Vec<&Feedback> =
            people.iter().filter_map(|p| p.feedback.as_ref()).collect();
        assert!(
            with_feedback.len() > 100 && with_feedback.len() < 170,
            "about two in three"
        );
        for fb in &with_feedback {
            assert!(fb.closes < today, "closed, so results show");
            assert_eq!(
                fb.raters.iter().filter(|r| r.0 == Group::Manager).count(),
                1
            );
            assert!(fb.raters.iter().filter(|r| r.0 == Group::Peer).count() >= 2);
            assert!(fb
                .raters
                .iter()
                .all(|(_, _, r)| r.answers.len() == fb.competencies.len()));
        }
        // Opportunities for those aiming at management, with debriefs after
        // rejections; contacts for everyone; every date in the past.
        assert!(people.iter().any(|p| p
            .opportunities
            .iter()
            .any(|o| !o.debriefs.is_empty() && !o.debriefs[0].3.is_empty())));
        for p in &people {
            assert!((1..=5).contains(&p.contacts.len()));
            for o in &p.opportunities {
                assert!(o.stages.windows(2).all(|w| w[0].1 <= w[1].1));
                assert!(o.stages.iter().all(|(_, d)| *d <= today));
                assert_eq!(
                    o.next_step.is_some(),
                    !o.stages[o.stages.len() - 1].0.is_closed()
                );
            }
            for c in &p.contacts {
                assert!(c
                    .interactions
                    .iter()
                    .all(|(d, _)| *d >= c.added && *d <= today));
            }
            assert!(p
                .assessments
                .iter()
                .all(|(d, l)| *d <= today && l.len() == f.competencies.len()));
            assert!(p
                .entries
                .iter()
                .all(|(d, ..)| *d <= today && *d > today - Duration::days(366)));
        }
    }
}

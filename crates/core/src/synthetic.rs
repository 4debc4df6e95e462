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
use crate::one_to_one::EntryKind;
use crate::plan::{self, ProposedItem};
use crate::readiness;
use crate::sharing::{Part, Reach};
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
    /// Date, kind, text, tags, and whether it names a gap.
    pub entries: Vec<(
        NaiveDate,
        EvidenceKind,
        &'static str,
        Vec<CompetencyId>,
        bool,
    )>,
    pub plan: Option<Plan>,
    /// A closed 360 feedback request, for about two people in three.
    pub feedback: Option<Feedback>,
    /// For people aiming at a management role: none to three.
    pub opportunities: Vec<Opportunity>,
    /// One to five.
    pub contacts: Vec<Contact>,
    /// Their place in the reporting lines, when the organisation has them.
    pub place: Option<Place>,
}

/// A person's place in a generated organisation (issue #20): their team
/// and manager, the team they lead, their manager's rating of them, what
/// they let their line see, the roles they asked to be considered for, and
/// past one-to-ones with their manager.
#[derive(Debug, Clone)]
pub struct Place {
    /// The team they are in.
    pub team: String,
    /// Their manager's e-mail (their username).
    pub manager: Option<String>,
    /// The team they lead, and the team it is part of.
    pub leads: Option<(String, Option<String>)>,
    /// Their manager's latest rating of them.
    pub rating: Option<(NaiveDate, Levels)>,
    pub line_sharing: Vec<(Part, Reach)>,
    /// Management roles, and since when.
    pub succession: Vec<(String, NaiveDate)>,
    /// Each one-to-one's date and entries: kind, whether the manager wrote
    /// it, and the text.
    pub one_to_ones: Vec<(NaiveDate, Vec<MeetingEntry>)>,
}

/// A one-to-one's entry: its kind, whether the manager wrote it, the text.
pub type MeetingEntry = (EntryKind, bool, &'static str);

/// How many people each manager of a generated organisation has.
pub const SPAN: u64 = 8;

/// Where the `k`-th person (from 1) of a generated organisation of `n`
/// sits: people are laid out in reporting order, each manager's
/// [`SPAN`] reports after them, so that the first person leads everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub k: u64,
    pub n: u64,
}

impl Position {
    /// Their manager's position; none for the first person.
    pub fn manager(self) -> Option<u64> {
        (self.k >= 2).then(|| (self.k - 2) / SPAN + 1)
    }

    /// Their direct reports.
    pub fn reports(self) -> std::ops::RangeInclusive<u64> {
        let first = SPAN * (self.k - 1) + 2;
        first..=(first + SPAN - 1).min(self.n)
    }

    pub fn leads(self) -> bool {
        !self.reports().is_empty()
    }

    /// 1 for the first person, 2 for those who report to them, …
    pub fn depth(self) -> u32 {
        let mut k = self.k;
        let mut depth = 1;
        while k >= 2 {
            k = (k - 2) / SPAN + 1;
            depth += 1;
        }
        depth
    }

    /// Everyone below them, at any depth.
    pub fn line_size(self) -> u64 {
        let (mut lo, mut hi, mut total) = (self.k, self.k, 0);
        loop {
            lo = SPAN * (lo - 1) + 2;
            hi = (SPAN * hi + 1).min(self.n);
            if lo > self.n || lo > hi {
                return total;
            }
            total += hi - lo + 1;
        }
    }

    /// The position at depth 2 above them (their function); none for the
    /// first person.
    fn function(self) -> Option<u64> {
        let mut k = self.k;
        loop {
            let m = Position { k, n: self.n }.manager()?;
            if m == 1 {
                return Some(k);
            }
            k = m;
        }
    }
}

/// People of a generated organisation of `n` worth signing in as, by
/// position: a director (of those two levels below the first person, the
/// one with the largest line when it reaches 200; else of those one level
/// below) and a manager of a full team of [`SPAN`] with no one further
/// down, as deep as there is one. None where the organisation is too
/// small.
pub fn showcase(n: u64) -> (Option<u64>, Option<u64>) {
    let at = |k| Position { k, n };
    let leaders = || (2..=n).filter(move |&k| at(k).leads());
    let largest = |depth: u32| {
        leaders()
            .filter(move |&k| at(k).depth() == depth)
            .max_by_key(|&k| (at(k).line_size(), std::cmp::Reverse(k)))
    };
    let director = largest(3)
        .filter(|&k| at(k).line_size() >= 200)
        .or_else(|| largest(2));
    let manager = leaders()
        .rfind(|&k| at(k).reports().count() == SPAN as usize && at(k).line_size() == SPAN)
        .or_else(|| leaders().next_back());
    (director, manager)
}

/// What IT functions are called, for teams.
const FUNCTIONS: [&str; 8] = [
    "Infrastructure",
    "Applications",
    "Service Desk",
    "Security",
    "Data",
    "Networks",
    "End-User Computing",
    "Cloud",
];

/// What a manager and a report put on their one-to-ones.
const ITEMS: [&str; 6] = [
    "Progress on the budget items of the plan",
    "The vendor renewal: who leads it",
    "Feedback from the change advisory board",
    "Training budget for next quarter",
    "How the on-call rota is going",
    "Stepping in for the weekly service review",
];
const NOTES: [&str; 6] = [
    "Agreed to shadow the Q3 budget review",
    "Will lead the next vendor call with support",
    "Asked for a stretch project in capacity planning",
    "Plan item moved out by two weeks; workload is the reason",
    "Will write up the incident review and share it",
    "Agreed to mentor the new starter",
];

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
    /// The people generated before this organisation.
    first: u64,
    /// The organisation's size, when it has reporting lines.
    lines: Option<u64>,
    /// A second sequence for the reporting lines' own data.
    org_dice: Dice,
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
            first: 0,
            lines: None,
            org_dice: Dice::new(seed ^ 0x0F0A_2026),
        }
    }

    /// Numbers the people from `n + 1` on (to add to an organisation).
    pub fn numbered_after(mut self, n: u64) -> Self {
        self.next = n;
        self.first = n;
        self
    }

    /// Gives the `n` people to come teams and reporting lines
    /// ([`Position`]), managers' ratings, line sharing, opt-ins to the
    /// succession bench and one-to-one history.
    pub fn in_reporting_lines(mut self, n: u64) -> Self {
        self.lines = Some(n);
        self
    }

    /// The username (an e-mail) of the `k`-th person of this organisation.
    pub fn username(&self, k: u64) -> String {
        format!("person{:06}@example.org", self.first + k)
    }

    /// The name of the team the `k`-th person leads.
    pub fn team_name(&self, at: Position) -> String {
        // Numbered where a name could repeat: below the functions, or when
        // a second organisation is added to the first.
        let number = |name: &str| format!("{name} {}", self.first + at.k);
        match at.function() {
            None if self.first == 0 => "Information Technology".to_owned(),
            None => number("Information Technology"),
            Some(f) => {
                let name = FUNCTIONS[((f - 2) % SPAN) as usize % FUNCTIONS.len()];
                if f == at.k && self.first == 0 {
                    name.to_owned()
                } else {
                    number(name)
                }
            }
        }
    }

    /// The roles of someone who leads a team at `depth`: the top of the
    /// management track for the first person, the rung below for those
    /// reporting to them, the first rung further down; each aims one up.
    fn leader_roles(&self, depth: u32) -> Option<(&'a crate::Role, &'a crate::Role)> {
        let management: Vec<&'a crate::Role> = self.framework.roles_on(Track::Management).collect();
        let last = management.len().checked_sub(1)?;
        let i = match depth {
            1 => last,
            2 => last.saturating_sub(1),
            _ => 0,
        };
        Some((management[i], management[(i + 1).min(last)]))
    }

    /// The place of the person just made.
    fn place(
        &mut self,
        at: Position,
        target: &crate::Role,
        levels: Option<&Levels>,
        grown: bool,
    ) -> Place {
        let f = self.framework;
        let today = self.today;
        let manager = at.manager().map(|m| self.username(m));
        let team = match at.manager() {
            Some(m) => self.team_name(Position { k: m, n: at.n }),
            None => self.team_name(at),
        };
        let leads = at.leads().then(|| {
            let parent = at
                .manager()
                .map(|m| self.team_name(Position { k: m, n: at.n }));
            (self.team_name(at), parent)
        });
        let d = &mut self.org_dice;
        // Managers rate two reports in three, a little below their own view.
        let rating = match (levels, &manager) {
            (Some(own), Some(_)) if d.below(3) < 2 => {
                let mut l = Levels::default();
                for (c, level) in own.iter() {
                    // The manager of someone grown into the role sees it.
                    let shift = match d.below(6) {
                        0 | 1 if !grown => -1,
                        2 => 1,
                        _ => 0,
                    };
                    let v = (i64::from(level.value()) + shift)
                        .clamp(i64::from(f.scale.min), i64::from(f.scale.max));
                    if let Ok(level) = f.scale.level("level", v) {
                        l.set(c.clone(), level);
                    }
                }
                Some((today - Duration::days(5 + d.below(55) as i64), l))
            }
            _ => None,
        };
        // Three in four let their whole line see their assessments and
        // plan; some of the rest their manager alone; one in four shares
        // the journal with their manager.
        let mut line_sharing = Vec::new();
        let reach = match d.below(8) {
            0 => None,
            1 => Some(Reach::Manager),
            _ => Some(Reach::Line),
        };
        if let Some(r) = reach {
            line_sharing.push((Part::Assessments, r));
            line_sharing.push((Part::Plan, r));
        }
        if d.below(4) == 0 {
            line_sharing.push((Part::Journal, Reach::Manager));
        }
        // A third of those aiming at a management role ask to be
        // considered, and all who have grown into it.
        let succession = if target.track == Track::Management && (grown || d.below(3) == 0) {
            vec![(
                target.id.to_string(),
                today - Duration::days(d.below(200) as i64),
            )]
        } else {
            Vec::new()
        };
        let one_to_ones = if manager.is_some() {
            (1..=d.below(4) as i64)
                .map(|j| {
                    let on = today - Duration::days(14 * j + d.below(5) as i64);
                    let mut entries = vec![(EntryKind::Item, true, *d.pick(&ITEMS))];
                    if d.below(3) > 0 {
                        entries.push((EntryKind::Note, d.below(2) == 0, *d.pick(&NOTES)));
                    }
                    (on, entries)
                })
                .collect()
        } else {
            Vec::new()
        };
        Place {
            team,
            manager,
            leads,
            rating,
            line_sharing,
            succession,
            one_to_ones,
        }
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
        // In reporting lines, those who lead a team hold a management role.
        let at = self.lines.map(|n| Position {
            k: self.next - self.first,
            n,
        });
        let (current, target) = match at {
            Some(a) if a.leads() => self.leader_roles(a.depth()).unwrap_or((current, target)),
            // Those who lead no one hold a technical role.
            Some(_) if current.track == Track::Management => {
                match (technical.last(), management.first()) {
                    (Some(t), Some(m)) => (*t, *m),
                    _ => (current, target),
                }
            }
            _ => (current, target),
        };
        // In reporting lines, one person in ten aiming at a management
        // role has grown into it: the latest assessment meets the role, and
        // the journal holds evidence for each of its critical competencies.
        let grown = at.is_some()
            && target.track == Track::Management
            && target.id != current.id
            && self.org_dice.below(10) == 0;
        let d = &mut self.dice;

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
        if grown {
            if let Some((_, l)) = assessments.last_mut() {
                for c in &f.competencies {
                    if let Some(expected) = target.expected(c.id.as_str()) {
                        if l.get(c.id.as_str())
                            .is_none_or(|v| v.value() < expected.value())
                        {
                            l.set(c.id.clone(), expected);
                        }
                    }
                }
            }
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

        let entry = |date: NaiveDate, i: usize| {
            let (kind, text) = ENTRIES[i];
            let gap = crate::tagging::names_gap(kind, text);
            (date, kind, text, self.tags[i].clone(), gap)
        };
        let mut entries: Vec<_> = (0..self.entries_per_person)
            .map(|_| {
                let i = d.below(ENTRIES.len() as u64) as usize;
                let date = self.today - Duration::days(d.below(360) as i64);
                entry(date, i)
            })
            .collect();
        if grown {
            for c in &target.critical {
                if let Some(i) = self.tags.iter().position(|t| t.contains(c)) {
                    let date = self.today - Duration::days(30 + d.below(300) as i64);
                    entries.push(entry(date, i));
                }
            }
        }

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
                year: None,
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

        let place = at.map(|at| {
            let last = assessments.last().map(|(_, l)| l.clone());
            self.place(at, target, last.as_ref(), grown)
        });
        Person {
            place,
            username: self.username(self.next - self.first),
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
    fn reporting_lines_form_one_tree_with_teams_of_eight() {
        let n = 10_000;
        let at = |k| Position { k, n };
        assert_eq!(at(1).manager(), None);
        assert!((2..=9).all(|k| at(k).manager() == Some(1)));
        assert_eq!(at(1).line_size(), n - 1, "the first person leads everyone");
        let second: u64 = (2..=9).map(|k| at(k).line_size() + 1).sum();
        assert_eq!(second, n - 1);
        assert!((2..=n).all(|k| at(k).manager().is_some_and(|m| m < k)));
        let leaders: Vec<u64> = (1..=n).filter(|&k| at(k).leads()).collect();
        assert_eq!(leaders.len(), 1250);
        assert!(leaders
            .iter()
            .all(|&k| at(k).reports().count() <= SPAN as usize));
        // Managers of eight with no one further down, and directors over
        // a few hundred.
        assert!(leaders
            .iter()
            .any(|&k| at(k).reports().count() == 8 && at(k).line_size() == 8));
        assert!(leaders
            .iter()
            .any(|&k| at(k).depth() == 3 && at(k).line_size() >= 200));
    }

    #[test]
    fn a_generated_organisation_has_teams_managers_ratings_and_one_to_ones() {
        let f = crate::framework::builtin().expect("builtin");
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
        let n = 100;
        let mut org = Organisation::new(&f, 3, today, 2).in_reporting_lines(n);
        let people: Vec<Person> = (0..n).map(|_| org.person()).collect();
        let places: Vec<&Place> = people.iter().filter_map(|p| p.place.as_ref()).collect();
        assert_eq!(places.len(), n as usize);
        assert_eq!(people[0].username, "person000001@example.org");
        assert_eq!(places[0].manager, None);
        assert_eq!(
            places[0].leads,
            Some(("Information Technology".into(), None))
        );
        assert_eq!(people[0].current_role, "cio");
        assert_eq!(
            places[1].manager.as_deref(),
            Some("person000001@example.org")
        );
        assert_eq!(places[1].team, "Information Technology");
        assert_eq!(people[1].current_role, "it-director");
        // Team names are unique, and each team's parent is a team.
        let led: Vec<&(String, Option<String>)> =
            places.iter().filter_map(|p| p.leads.as_ref()).collect();
        let names: std::collections::BTreeSet<&String> = led.iter().map(|(t, _)| t).collect();
        assert_eq!(names.len(), led.len());
        assert!(led
            .iter()
            .all(|(_, parent)| parent.as_ref().is_none_or(|p| names.contains(p))));
        assert!(places.iter().all(|p| names.contains(&p.team)));
        assert!(places.iter().filter(|p| p.rating.is_some()).count() > 40);
        assert!(places.iter().any(|p| !p.one_to_ones.is_empty()));
        assert!(places.iter().any(|p| !p.succession.is_empty()));
        assert!(places
            .iter()
            .all(|p| p.one_to_ones.iter().all(|(on, _)| *on < today)));
        // The same seed, the same organisation.
        let mut again = Organisation::new(&f, 3, today, 2).in_reporting_lines(n);
        let second: Vec<Person> = (0..n).map(|_| again.person()).collect();
        assert!(people.iter().zip(&second).all(|(a, b)| {
            let (x, y) = (a.place.as_ref(), b.place.as_ref());
            x.map(|p| (&p.team, &p.rating, &p.one_to_ones))
                == y.map(|p| (&p.team, &p.rating, &p.one_to_ones))
        }));
    }

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

//! The succession bench (issue #20): for each management-track role, the
//! people who asked to be considered for it, grouped by when they could
//! step up. The group follows from the evidence-gated readiness band
//! ([`crate::readiness::Band`]), never from a judgement of "potential".

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::framework::{Framework, Role, RoleId, Track};
use crate::named::named_enum;
use crate::readiness::{Band, LevelSource, Readiness};
use crate::InvalidValue;

named_enum! {
    /// When a candidate could step up.
    pub enum Horizon {
        ReadyNow = "ready-now",
        OneToTwoYears = "1-2-years",
        Later = "later",
    }
}

impl Horizon {
    /// The group of a readiness band: ready now only when the band is (no
    /// critical gap, evidence for every critical competency, and little
    /// development left); within two years for the 6–12 months and 1–2
    /// years bands; later for everyone more than two years away.
    pub fn of(band: Band) -> Self {
        match band {
            Band::ReadyNow => Self::ReadyNow,
            Band::SixToTwelveMonths | Band::OneToTwoYears => Self::OneToTwoYears,
            Band::TwoPlusYears => Self::Later,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::ReadyNow => "ready now",
            Self::OneToTwoYears => "within 2 years",
            Self::Later => "over 2 years",
        }
    }
}

/// A person who asked to be considered for a role, and how ready for it
/// they are judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Candidate {
    pub name: String,
    pub email: String,
    /// Their team; none when the organisation gives them none.
    pub team: Option<String>,
    /// Since when they have asked to be considered.
    pub since: NaiveDate,
    pub horizon: Horizon,
    /// None until they assess themselves.
    pub band: Option<Band>,
    /// Percent, with a self-assessment.
    pub readiness: Option<u32>,
    /// Why they are in this group ([`reason`]).
    pub explanation: String,
}

/// A team's candidates for a role, in the three groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct TeamBench {
    /// None for people with no team.
    pub team: Option<String>,
    pub ready_now: Vec<Candidate>,
    pub one_to_two_years: Vec<Candidate>,
    pub later: Vec<Candidate>,
}

impl TeamBench {
    fn group(&mut self, h: Horizon) -> &mut Vec<Candidate> {
        match h {
            Horizon::ReadyNow => &mut self.ready_now,
            Horizon::OneToTwoYears => &mut self.one_to_two_years,
            Horizon::Later => &mut self.later,
        }
    }
}

/// A management-track role's bench.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct RoleBench {
    pub role: RoleId,
    pub name: String,
    /// Bench strength: how many could step up now, and within two years.
    pub ready_now: usize,
    pub one_to_two_years: usize,
    pub later: usize,
    /// No one is ready now: the role has no successor today.
    pub no_successor: bool,
    /// By team, by name (no team last).
    pub teams: Vec<TeamBench>,
}

/// Where a candidate stands for a role, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub horizon: Horizon,
    pub reason: String,
}

/// Places a candidate for `target`: by their readiness band for it
/// ([`Horizon::of`]), except that two rules of the seeds put them later
/// whatever the band says. A role two moves above the one they hold (the
/// framework has a step between, as IT director between developer and CIO)
/// is over two years away: seed 003, becoming a manager of managers is a
/// bigger move than it looks, and seed 001's ladder is climbed a rung at a
/// time. And someone below what their own role counts critical has that
/// job to master first (seed 004, step 0: "master your job before you even
/// begin to think about becoming a manager").
pub fn place(
    framework: &Framework,
    current: Option<&Role>,
    target: &Role,
    readiness: &Readiness,
    in_current_role: Option<&Readiness>,
) -> Placement {
    let why = reason(readiness);
    if let Some(held) = current {
        let (step, _) = crate::plan::toward(framework, held.id.as_str(), target);
        if step.id != target.id {
            return Placement {
                horizon: Horizon::Later,
                reason: format!(
                    "Two moves away: {} comes first, from {}. {why}",
                    step.name, held.name
                ),
            };
        }
        let unmet: Vec<String> = in_current_role
            .map(|r| {
                r.competencies
                    .iter()
                    .filter(|c| c.critical && c.gap > 0)
                    .map(|c| format!("{} ({} of {})", c.name, c.current, c.expected))
                    .collect()
            })
            .unwrap_or_default();
        if !unmet.is_empty() && held.id != target.id {
            return Placement {
                horizon: Horizon::Later,
                reason: format!(
                    "Not yet at what their own role, {}, counts critical: {}; that job comes first. {why}",
                    held.name,
                    unmet.join(", ")
                ),
            };
        }
    }
    Placement {
        horizon: Horizon::of(readiness.band),
        reason: why,
    }
}

/// Why a candidate is where they are, for the people deciding succession
/// (the readiness explanation speaks to the person; this speaks of them).
/// It leads with what keeps them from ready now: the critical gaps,
/// feedback that doubts a level met, critical competencies without
/// evidence, whether anyone but they rated them; then the development
/// left. The score comes last: it counts levels, and read first it reads
/// as readiness and overstates it (review 6, finding 3).
pub fn reason(r: &Readiness) -> String {
    let n = r.competencies.len();
    let met = r.competencies.iter().filter(|c| c.gap == 0).count();
    let doubted = r.doubted();
    let mut s = Vec::new();
    let critical: Vec<String> = r
        .competencies
        .iter()
        .filter(|c| c.critical && c.gap > 0)
        .map(|c| format!("{} ({} of {})", c.name, c.current, c.expected))
        .collect();
    if !critical.is_empty() {
        s.push(format!("critical gaps: {}", critical.join(", ")));
    }
    if !doubted.is_empty() {
        let names = |critical: bool| -> String {
            doubted
                .iter()
                .filter(|c| c.critical == critical)
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let named = match (names(true), names(false)) {
            (c, o) if o.is_empty() => format!("the critical {c}"),
            (c, o) if c.is_empty() => o,
            (c, o) => format!("the critical {c} and in {o}"),
        };
        s.push(format!(
            "feedback names a gap in {named}, which their levels put at the expected level"
        ));
    }
    let unproven: Vec<&str> = r
        .competencies
        .iter()
        .filter(|c| r.missing_evidence.contains(&c.id))
        .map(|c| c.name.as_str())
        .collect();
    match unproven.len() {
        0 => {}
        // Past three names a count reads better.
        1..=3 => s.push(format!(
            "no evidence yet for the critical {}",
            unproven.join(", ")
        )),
        n => s.push(format!(
            "no evidence yet for {n} of the role's critical competencies"
        )),
    }
    let rated = r.competencies.iter().any(|c| {
        matches!(
            c.source,
            LevelSource::Manager
                | LevelSource::SelfManager
                | LevelSource::SelfManagerOthers
                | LevelSource::ManagerOthers
        )
    });
    let others = r
        .competencies
        .iter()
        .any(|c| matches!(c.source, LevelSource::SelfOthers | LevelSource::Others));
    s.push(if rated {
        "levels blend their own rating with their manager's".to_owned()
    } else if others {
        "levels blend their own rating with others' feedback: their manager has not rated them"
            .to_owned()
    } else {
        "self-rated only: their manager has not rated them".to_owned()
    });
    if r.estimated_weeks > 0 && met < n {
        s.push(format!(
            "about {} weeks of development left",
            r.estimated_weeks
        ));
    }
    // Feedback that doubts a level: the score is the levels', not a
    // judgement that stands.
    let by = if doubted.is_empty() {
        ""
    } else {
        ", by their levels"
    };
    s.push(format!(
        "{met} of {n} competencies at the level {} expects (a readiness score of {}%{by})",
        r.target_name,
        r.percent()
    ));
    let text = s.join("; ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => text,
    }
}

/// The roles a person may ask to be considered for: the framework's
/// management track.
pub fn roles(framework: &Framework) -> Vec<&Role> {
    framework.roles_on(Track::Management).collect()
}

/// Checks a role a person asks to be considered for; the error names the
/// field, the value and the roles allowed.
pub fn parse_role(framework: &Framework, field: &str, id: &str) -> Result<RoleId, InvalidValue> {
    roles(framework)
        .into_iter()
        .find(|r| r.id.as_str() == id)
        .map(|r| r.id.clone())
        .ok_or_else(|| {
            InvalidValue::one_of(field, id, roles(framework).iter().map(|r| r.id.as_str()))
        })
}

/// The bench of each role, in the order given, from each candidate with
/// the role they asked for. Roles no one asked for are there too, with no
/// successor.
pub fn bench(roles: &[(RoleId, String)], candidates: Vec<(RoleId, Candidate)>) -> Vec<RoleBench> {
    let mut by_role: BTreeMap<RoleId, BTreeMap<(bool, Option<String>), TeamBench>> =
        BTreeMap::new();
    for (role, c) in candidates {
        // People with no team sort after every team.
        let key = (c.team.is_none(), c.team.clone());
        let team = by_role
            .entry(role)
            .or_default()
            .entry(key)
            .or_insert_with(|| TeamBench {
                team: c.team.clone(),
                ready_now: Vec::new(),
                one_to_two_years: Vec::new(),
                later: Vec::new(),
            });
        team.group(c.horizon).push(c);
    }
    roles
        .iter()
        .map(|(id, name)| {
            let mut teams: Vec<TeamBench> = by_role
                .remove(id)
                .map(|t| t.into_values().collect())
                .unwrap_or_default();
            for t in &mut teams {
                for g in [&mut t.ready_now, &mut t.one_to_two_years, &mut t.later] {
                    // Nearest first, then by name.
                    g.sort_by(|a, b| {
                        b.readiness
                            .cmp(&a.readiness)
                            .then_with(|| a.name.cmp(&b.name))
                    });
                }
            }
            let count = |f: fn(&TeamBench) -> usize| teams.iter().map(f).sum::<usize>();
            let ready_now = count(|t| t.ready_now.len());
            RoleBench {
                role: id.clone(),
                name: name.clone(),
                ready_now,
                one_to_two_years: count(|t| t.one_to_two_years.len()),
                later: count(|t| t.later.len()),
                no_successor: ready_now == 0,
                teams,
            }
        })
        .collect()
}

/// The bench as CSV: a line per candidate and role.
pub fn to_csv(bench: &[RoleBench]) -> Result<String, InvalidValue> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| InvalidValue::new("file", "", format!("CSV: {e}"));
    w.write_record([
        "role",
        "team",
        "group",
        "name",
        "email",
        "readiness",
        "band",
        "since",
        "explanation",
    ])
    .map_err(err)?;
    for r in bench {
        for t in &r.teams {
            for c in t
                .ready_now
                .iter()
                .chain(&t.one_to_two_years)
                .chain(&t.later)
            {
                w.write_record([
                    r.name.as_str(),
                    t.team.as_deref().unwrap_or(""),
                    c.horizon.label(),
                    &c.name,
                    &c.email,
                    &c.readiness.map(|p| format!("{p}%")).unwrap_or_default(),
                    c.band.map(Band::label).unwrap_or("not assessed"),
                    &c.since.to_string(),
                    &c.explanation,
                ])
                .map_err(err)?;
            }
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| InvalidValue::new("file", "", format!("CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| InvalidValue::new("file", "", format!("CSV: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::builtin;

    fn candidate(name: &str, team: Option<&str>, band: Option<Band>, pct: u32) -> Candidate {
        Candidate {
            name: name.into(),
            email: format!("{}@example.org", name.to_lowercase()),
            team: team.map(Into::into),
            since: NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
            horizon: band.map_or(Horizon::Later, Horizon::of),
            band,
            readiness: band.map(|_| pct),
            explanation: "why".into(),
        }
    }

    #[test]
    fn each_band_has_one_group_and_only_ready_now_is_ready_now() {
        assert_eq!(Horizon::of(Band::ReadyNow), Horizon::ReadyNow);
        assert_eq!(Horizon::of(Band::SixToTwelveMonths), Horizon::OneToTwoYears);
        assert_eq!(Horizon::of(Band::OneToTwoYears), Horizon::OneToTwoYears);
        assert_eq!(Horizon::of(Band::TwoPlusYears), Horizon::Later);
    }

    #[test]
    fn the_bench_groups_by_role_and_team_and_flags_a_role_without_a_ready_successor() {
        let f = builtin().expect("framework");
        let roles: Vec<(RoleId, String)> = roles(&f)
            .iter()
            .map(|r| (r.id.clone(), r.name.clone()))
            .collect();
        assert!(roles.len() >= 2, "{roles:?}");
        let manager = roles[0].0.clone();
        let bench = bench(
            &roles,
            vec![
                (
                    manager.clone(),
                    candidate("Ana", Some("Infrastructure"), Some(Band::ReadyNow), 100),
                ),
                (
                    manager.clone(),
                    candidate("Ben", Some("Infrastructure"), Some(Band::OneToTwoYears), 60),
                ),
                (
                    manager.clone(),
                    candidate(
                        "Cy",
                        Some("Infrastructure"),
                        Some(Band::SixToTwelveMonths),
                        80,
                    ),
                ),
                (manager.clone(), candidate("Di", None, None, 0)),
                (
                    roles[1].0.clone(),
                    candidate("Ed", Some("Service Desk"), Some(Band::TwoPlusYears), 30),
                ),
            ],
        );
        assert_eq!(bench.len(), roles.len());
        let m = &bench[0];
        assert_eq!((m.ready_now, m.one_to_two_years, m.later), (1, 2, 1));
        assert!(!m.no_successor);
        assert_eq!(m.teams.len(), 2);
        assert_eq!(m.teams[0].team.as_deref(), Some("Infrastructure"));
        assert_eq!(m.teams[1].team, None, "no team comes last");
        let near: Vec<&str> = m.teams[0]
            .one_to_two_years
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(near, ["Cy", "Ben"], "nearest first");
        assert!(bench[1].no_successor);
        assert!(bench[2..]
            .iter()
            .all(|r| r.no_successor && r.teams.is_empty()));
        let csv = to_csv(&bench).expect("csv");
        assert_eq!(csv.lines().count(), 6, "{csv}");
        assert!(csv.contains("Infrastructure,ready now,Ana,ana@example.org,100%,ready now"));
    }

    #[test]
    fn the_reason_names_what_keeps_a_candidate_from_ready_now_in_the_third_person() {
        let f = builtin().expect("framework");
        let role = f.role("it-manager").expect("role");
        let mut l = crate::assessment::Levels::default();
        for c in &f.competencies {
            let v = role
                .expected(c.id.as_str())
                .map_or(1, |l| i64::from(l.value()));
            l.set(c.id.clone(), f.scale.level("l", v).expect("level"));
        }
        let budget = f.parse_competency("c", "budgeting-funding").expect("known");
        l.set(budget, f.scale.level("l", 1).expect("level"));
        let r = crate::readiness::assess(&f, role, &l, &BTreeMap::new());
        let why = reason(&r);
        // It leads with what keeps them from ready now; the score, which
        // counts levels, comes last.
        assert!(why.starts_with("Critical gaps: Budgeting"), "{why}");
        assert!(
            why.ends_with(
                "13 of 14 competencies at the level IT manager expects (a readiness score of 95%)."
            ),
            "{why}"
        );
        assert!(
            why.contains("no evidence yet for 5 of the role's critical competencies"),
            "{why}"
        );
        assert!(why.contains("their manager has not rated them"), "{why}");
        assert!(!why.contains("you"), "speaks of them, not to them: {why}");
    }

    /// Levels at what `role` expects, with `changes` on top.
    fn levels_for(
        f: &Framework,
        role: &Role,
        changes: &[(&str, i64)],
    ) -> crate::assessment::Levels {
        let mut l = crate::assessment::Levels::default();
        for c in &f.competencies {
            let v = role
                .expected(c.id.as_str())
                .map_or(1, |l| i64::from(l.value()));
            l.set(c.id.clone(), f.scale.level("l", v).expect("level"));
        }
        for (c, v) in changes {
            let id = f.parse_competency("c", c).expect("known");
            l.set(id, f.scale.level("l", *v).expect("level"));
        }
        l
    }

    #[test]
    fn two_moves_away_or_below_the_own_role_is_later_whatever_the_band() {
        let f = builtin().expect("framework");
        let all: BTreeMap<crate::CompetencyId, u32> =
            f.competencies.iter().map(|c| (c.id.clone(), 3)).collect();
        let role = |id: &str| f.role(id).expect("role");
        // Meets the CIO's every expectation, with evidence, from IT manager:
        // ready now by the band, but IT director comes first.
        let l = levels_for(&f, role("cio"), &[]);
        let r = crate::readiness::assess(&f, role("cio"), &l, &all);
        assert_eq!(r.band, Band::ReadyNow);
        let p = place(&f, Some(role("it-manager")), role("cio"), &r, None);
        assert_eq!(p.horizon, Horizon::Later);
        assert!(
            p.reason
                .starts_with("Two moves away: IT director comes first"),
            "{}",
            p.reason
        );
        // A senior administrator at IT manager's level but below their own
        // role's critical technical bar: their job comes first.
        let l = levels_for(&f, role("it-manager"), &[("technical-excellence", 1)]);
        let r = crate::readiness::assess(&f, role("it-manager"), &l, &all);
        let held = crate::readiness::assess(&f, role("senior-admin"), &l, &all);
        let p = place(
            &f,
            Some(role("senior-admin")),
            role("it-manager"),
            &r,
            Some(&held),
        );
        assert_eq!(p.horizon, Horizon::Later, "{}", p.reason);
        assert!(p.reason.contains("that job comes first"), "{}", p.reason);
        // Otherwise the band decides.
        let l = levels_for(
            &f,
            role("it-manager"),
            &[("technical-excellence", 4), ("service-operations", 4)],
        );
        let r = crate::readiness::assess(&f, role("it-manager"), &l, &all);
        let held = crate::readiness::assess(&f, role("senior-admin"), &l, &all);
        let p = place(
            &f,
            Some(role("senior-admin")),
            role("it-manager"),
            &r,
            Some(&held),
        );
        assert_eq!(p.horizon, Horizon::of(r.band), "{}", p.reason);
    }

    #[test]
    fn only_management_roles_can_be_asked_for() {
        let f = builtin().expect("framework");
        let technical = f.roles_on(Track::Technical).next().expect("technical role");
        let e = parse_role(&f, "role", technical.id.as_str()).expect_err("technical");
        assert!(e.to_string().contains("role"), "{e}");
        let m = &roles(&f)[0];
        assert_eq!(parse_role(&f, "role", m.id.as_str()).expect("ok"), m.id);
    }
}

//! 360 feedback: raters in groups answer against the framework, and the
//! results show only what cannot identify anyone. The rules follow common
//! practice (REFERENCES.md) and are documented in docs/feedback.md:
//!
//! - a group's results for a competency are shown only when at least its
//!   minimum number of raters gave a level ("not observed" does not count);
//!   its comments only when at least that many wrote one;
//! - a group below its minimum is left out entirely, and is never folded
//!   into the "all others" figure (a reader could subtract the visible
//!   groups from it and recover the hidden one);
//! - minimums can be raised per request, never lowered below the defaults;
//! - no output carries a rater, a time or the order of submission: comments
//!   are sorted by their text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::InvalidValue;
use crate::framework::{CompetencyId, Framework, Level};
use crate::named::named_enum;

named_enum! {
    /// Whom a rater is to the person asking.
    pub enum Group {
        Manager = "manager",
        Peer = "peer",
        DirectReport = "direct-report",
        Other = "other",
    }
}

impl Group {
    pub const EVERY: [Group; 4] = [
        Group::Manager,
        Group::Peer,
        Group::DirectReport,
        Group::Other,
    ];

    /// The plural, for headings and counts.
    pub fn plural(self) -> &'static str {
        match self {
            Self::Manager => "managers",
            Self::Peer => "peers",
            Self::DirectReport => "direct reports",
            Self::Other => "others",
        }
    }

    /// Managers' answers are shown even from one rater: they are told so.
    pub fn is_anonymous(self) -> bool {
        self != Self::Manager
    }
}

/// Self above all others by more than this many levels is a blind spot;
/// below by more than this, a hidden strength. One level is a common rule
/// (REFERENCES.md), and differences of a level are within rating noise.
pub const BLIND_SPOT_GAP: f64 = 1.0;

/// The highest minimum a request may set: beyond it a group is never shown.
pub const MAX_MINIMUM: u32 = 20;

/// The longest comment kept, in characters.
pub const MAX_COMMENT_CHARS: usize = 2000;

/// The fewest raters of each group whose answers may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Minimums {
    pub manager: u32,
    pub peer: u32,
    #[serde(rename = "direct-report")]
    pub direct_report: u32,
    pub other: u32,
}

impl Default for Minimums {
    fn default() -> Self {
        Self {
            manager: 1,
            peer: 3,
            direct_report: 3,
            other: 3,
        }
    }
}

impl Minimums {
    pub fn get(&self, group: Group) -> u32 {
        match group {
            Group::Manager => self.manager,
            Group::Peer => self.peer,
            Group::DirectReport => self.direct_report,
            Group::Other => self.other,
        }
    }

    /// Raises the minimum of one group; lowering it below the default, or
    /// above [`MAX_MINIMUM`], is refused with the field named.
    pub fn raise(mut self, group: Group, value: i64) -> Result<Self, InvalidValue> {
        let floor = Self::default().get(group);
        let field = format!("minimum for {group}");
        let allowed = format!(
            "a whole number from {floor} (the default: minimums can only be raised) to {MAX_MINIMUM}"
        );
        let n = u32::try_from(value)
            .ok()
            .filter(|n| (floor..=MAX_MINIMUM).contains(n))
            .ok_or_else(|| InvalidValue::new(&field, value, allowed))?;
        match group {
            Group::Manager => self.manager = n,
            Group::Peer => self.peer = n,
            Group::DirectReport => self.direct_report = n,
            Group::Other => self.other = n,
        }
        Ok(self)
    }

    /// The form field of a group's minimum, such as `min_direct_report`.
    pub fn field(group: Group) -> String {
        format!("min_{}", group.as_str().replace('-', "_"))
    }

    /// Raises several groups' minimums; every refusal is reported with its
    /// field.
    pub fn raise_all(self, given: &[(Group, i64)]) -> Result<Self, Vec<(String, InvalidValue)>> {
        let mut m = self;
        let mut problems = Vec::new();
        for (group, value) in given {
            match m.raise(*group, *value) {
                Ok(raised) => m = raised,
                Err(e) => problems.push((Self::field(*group), e)),
            }
        }
        if problems.is_empty() {
            Ok(m)
        } else {
            Err(problems)
        }
    }

    /// Minimums read back from storage: whatever was stored, never below
    /// the defaults.
    pub fn from_stored(manager: i64, peer: i64, direct_report: i64, other: i64) -> Self {
        let d = Self::default();
        let at_least = |v: i64, floor: u32| u32::try_from(v).unwrap_or(floor).max(floor);
        Self {
            manager: at_least(manager, d.manager),
            peer: at_least(peer, d.peer),
            direct_report: at_least(direct_report, d.direct_report),
            other: at_least(other, d.other),
        }
    }
}

/// An e-mail address, checked for shape only (`local@domain.tld`, no
/// spaces or angle brackets): whether it reaches anyone is the mail
/// server's business.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(field: &str, s: &str) -> Result<Self, InvalidValue> {
        let s = s.trim();
        let ok = s.len() <= 254
            && !s.chars().any(|c| c.is_whitespace() || "<>,;\"".contains(c))
            && match s.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                }
                None => false,
            };
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(InvalidValue::new(
                field,
                s,
                "an e-mail address like name@example.com",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A rater as the person asking names them: `GROUP:NAME` or
/// `GROUP:NAME <EMAIL>`, e.g. `peer:Sam Okafor <sam@example.com>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct RaterSpec {
    pub group: Group,
    pub name: String,
    pub email: Option<Email>,
}

impl RaterSpec {
    pub fn parse(field: &str, s: &str) -> Result<Self, InvalidValue> {
        let shape = || {
            InvalidValue::new(
                field,
                s,
                format!(
                    "GROUP:NAME or GROUP:NAME <EMAIL>, GROUP one of {}",
                    Group::ALL.join(", ")
                ),
            )
        };
        let (group, rest) = s.split_once(':').ok_or_else(shape)?;
        let group = Group::parse(&format!("{field} group"), group.trim())?;
        let rest = rest.trim();
        let (name, email) = match rest.split_once('<') {
            Some((name, email)) => {
                let email = email.trim().strip_suffix('>').ok_or_else(shape)?;
                (
                    name.trim(),
                    Some(Email::parse(&format!("{field} e-mail"), email)?),
                )
            }
            None => (rest, None),
        };
        if name.is_empty() || name.chars().count() > 100 || name.contains('>') {
            return Err(InvalidValue::new(
                format!("{field} name"),
                name,
                "a name of 1 to 100 characters",
            ));
        }
        Ok(Self {
            group,
            name: name.to_owned(),
            email,
        })
    }
}

/// The most raters one request may name.
pub const MAX_RATERS: usize = 50;
/// The latest closing day, in days after the request is made.
pub const MAX_OPEN_DAYS: i64 = 365;

/// A validated feedback request, before it is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRequest {
    pub competencies: Vec<CompetencyId>,
    pub raters: Vec<RaterSpec>,
    pub closes_on: chrono::NaiveDate,
    pub minimums: Minimums,
}

impl NewRequest {
    /// Reads a request as a person typed it. `competencies` empty means the
    /// target role's (those it expects above the scale's minimum). Every
    /// problem is reported, each with its field.
    pub fn parse(
        framework: &Framework,
        target: &crate::framework::Role,
        competencies: &[String],
        raters: &[String],
        closes_on: &str,
        minimums: &[(Group, i64)],
        today: chrono::NaiveDate,
    ) -> Result<Self, Vec<(String, InvalidValue)>> {
        let mut problems: Vec<(String, InvalidValue)> = Vec::new();
        let mut asked = Vec::new();
        for c in competencies
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
        {
            match framework.parse_competency("competency", c) {
                Ok(id) if !asked.contains(&id) => asked.push(id),
                Ok(_) => {}
                Err(e) => problems.push(("competencies".to_owned(), e)),
            }
        }
        if competencies.iter().all(|c| c.trim().is_empty()) {
            asked = framework
                .competencies
                .iter()
                .filter(|c| {
                    target
                        .expected(c.id.as_str())
                        .is_some_and(|l| l.value() > framework.scale.min)
                })
                .map(|c| c.id.clone())
                .collect();
        }
        let mut specs: Vec<RaterSpec> = Vec::new();
        for line in raters.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
            match RaterSpec::parse("rater", line) {
                Ok(r) => {
                    let twice = r.email.as_ref().is_some_and(|e| {
                        specs.iter().any(|s| {
                            s.email
                                .as_ref()
                                .is_some_and(|x| x.as_str().eq_ignore_ascii_case(e.as_str()))
                        })
                    });
                    if twice {
                        problems.push((
                            "raters".to_owned(),
                            InvalidValue::new("rater", line, "each e-mail address once"),
                        ));
                    } else {
                        specs.push(r);
                    }
                }
                Err(e) => problems.push(("raters".to_owned(), e)),
            }
        }
        if specs.is_empty() && !problems.iter().any(|(f, _)| f == "raters") {
            problems.push((
                "raters".to_owned(),
                InvalidValue::new(
                    "raters",
                    "",
                    "at least one rater, as GROUP:NAME or GROUP:NAME <EMAIL>",
                ),
            ));
        }
        if specs.len() > MAX_RATERS {
            problems.push((
                "raters".to_owned(),
                InvalidValue::new(
                    "raters",
                    specs.len(),
                    format!("at most {MAX_RATERS} raters"),
                ),
            ));
        }
        let closes = match crate::evidence::parse_date("closing date", closes_on.trim()) {
            Ok(d) if d > today && (d - today).num_days() <= MAX_OPEN_DAYS => Some(d),
            Ok(d) => {
                problems.push((
                    "closes_on".to_owned(),
                    InvalidValue::new(
                        "closing date",
                        d,
                        format!(
                            "a day after today ({today}) and at most {MAX_OPEN_DAYS} days ahead"
                        ),
                    ),
                ));
                None
            }
            Err(e) => {
                problems.push(("closes_on".to_owned(), e));
                None
            }
        };
        let m = Minimums::default().raise_all(minimums).unwrap_or_else(|p| {
            problems.extend(p);
            Minimums::default()
        });
        match closes {
            Some(closes_on) if problems.is_empty() => Ok(Self {
                competencies: asked,
                raters: specs,
                closes_on,
                minimums: m,
            }),
            _ => Err(problems),
        }
    }

    /// Groups named with fewer raters than their minimum: whatever they
    /// answer will never be shown. Worth saying before the request goes out.
    pub fn short_groups(&self) -> Vec<(Group, usize, u32)> {
        Group::EVERY
            .into_iter()
            .filter_map(|g| {
                let n = self.raters.iter().filter(|r| r.group == g).count();
                let min = self.minimums.get(g);
                (n > 0 && (n as u32) < min).then_some((g, n, min))
            })
            .collect()
    }
}

/// The day a request stopped taking answers, if it has by `today`: the day
/// it was closed early, or its closing day once that is past.
pub fn closed_on(
    closes_on: chrono::NaiveDate,
    closed_early: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
) -> Option<chrono::NaiveDate> {
    closed_early.or((today > closes_on).then_some(closes_on))
}

/// A rater's answer for one competency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Rating {
    Level(Level),
    NotObserved,
}

impl Rating {
    /// `not-observed`, or a level of the framework's scale.
    pub fn parse(framework: &Framework, field: &str, s: &str) -> Result<Self, InvalidValue> {
        let s = s.trim();
        if s == "not-observed" {
            return Ok(Self::NotObserved);
        }
        let allowed = || {
            InvalidValue::new(
                field,
                s,
                format!(
                    "a level from {} to {}, or not-observed",
                    framework.scale.min, framework.scale.max
                ),
            )
        };
        let n: i64 = s.parse().map_err(|_| allowed())?;
        framework
            .scale
            .level(field, n)
            .map(Self::Level)
            .map_err(|_| allowed())
    }

    /// As stored: the level, or `None` for not observed.
    pub fn stored(self) -> Option<i64> {
        match self {
            Self::Level(l) => Some(i64::from(l.value())),
            Self::NotObserved => None,
        }
    }
}

/// One rater's answer to one competency, with an optional comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub rating: Rating,
    pub comment: Option<String>,
}

/// Everything one rater answered (who they are is not part of it: only
/// their group).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Response {
    pub answers: BTreeMap<CompetencyId, Answer>,
    pub overall: Option<String>,
}

/// A comment as typed: trimmed, empty is none, too long is refused.
pub fn comment(field: &str, s: &str) -> Result<Option<String>, InvalidValue> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().count() > MAX_COMMENT_CHARS {
        return Err(InvalidValue::new(
            field,
            format!("{}…", s.chars().take(20).collect::<String>()),
            format!("at most {MAX_COMMENT_CHARS} characters"),
        ));
    }
    Ok(Some(s.to_owned()))
}

impl Response {
    /// A rater's form: `rating.<competency>` (a level or `not-observed`,
    /// required for each competency asked about), `comment.<competency>`
    /// and `overall` (optional). Every problem is reported, by field.
    pub fn from_form(
        framework: &Framework,
        competencies: &[CompetencyId],
        form: &BTreeMap<String, String>,
    ) -> Result<Self, Vec<(String, InvalidValue)>> {
        let mut problems = Vec::new();
        let mut answers = BTreeMap::new();
        for id in competencies {
            let name = framework
                .competency(id.as_str())
                .map_or(id.as_str(), |c| c.name.as_str());
            let field = format!("rating.{id}");
            let rating = match form.get(&field).map(|s| s.trim()).filter(|s| !s.is_empty()) {
                Some(s) => match Rating::parse(framework, &format!("rating for {name}"), s) {
                    Ok(r) => Some(r),
                    Err(e) => {
                        problems.push((field.clone(), e));
                        None
                    }
                },
                None => {
                    problems.push((
                        field.clone(),
                        InvalidValue::new(
                            format!("rating for {name}"),
                            "",
                            "choose a level, or \"not observed\"",
                        ),
                    ));
                    None
                }
            };
            let comment_field = format!("comment.{id}");
            let text = form.get(&comment_field).map_or("", String::as_str);
            let comment = match comment(&format!("comment on {name}"), text) {
                Ok(c) => c,
                Err(e) => {
                    problems.push((comment_field, e));
                    None
                }
            };
            if let Some(rating) = rating {
                answers.insert(id.clone(), Answer { rating, comment });
            }
        }
        let overall = match comment(
            "overall comment",
            form.get("overall").map_or("", String::as_str),
        ) {
            Ok(c) => c,
            Err(e) => {
                problems.push(("overall".to_owned(), e));
                None
            }
        };
        if problems.is_empty() {
            Ok(Self { answers, overall })
        } else {
            Err(problems)
        }
    }
}

/// What one visible group said about one competency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct GroupResult {
    pub group: Group,
    /// Raters of the group who gave a level.
    pub raters: u32,
    /// Their mean level, to one decimal.
    pub average: f64,
    /// Their comments, sorted by text (never in the order given), or none
    /// when fewer than the minimum wrote one.
    pub comments: Vec<String>,
}

/// The average of every rater in the visible groups.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Others {
    pub raters: u32,
    pub average: f64,
}

named_enum! {
    /// How self compares with all (visible) others.
    pub enum Signal {
        BlindSpot = "blind-spot",
        HiddenStrength = "hidden-strength",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CompetencyResult {
    pub id: CompetencyId,
    pub name: String,
    /// The person's own latest level, if they rated it.
    #[serde(rename = "self")]
    pub self_level: Option<u8>,
    /// Only the groups at or above their minimum.
    pub groups: Vec<GroupResult>,
    /// Every rater of the visible groups together; none when no group is
    /// visible.
    pub others: Option<Others>,
    pub signal: Option<Signal>,
}

impl CompetencyResult {
    pub fn group(&self, group: Group) -> Option<&GroupResult> {
        self.groups.iter().find(|g| g.group == group)
    }
}

/// Overall comments of one group with at least its minimum of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct GroupComments {
    pub group: Group,
    pub comments: Vec<String>,
}

/// The results of one feedback request, with the anonymity rules applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Results {
    pub minimums: Minimums,
    pub competencies: Vec<CompetencyResult>,
    pub overall: Vec<GroupComments>,
}

fn mean(levels: &[u8]) -> f64 {
    let sum: u32 = levels.iter().map(|&l| u32::from(l)).sum();
    f64::from(sum) / levels.len() as f64
}

/// To one decimal, for display: shown figures are rounded so that they
/// carry no more than a reader needs.
fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A blind spot or a hidden strength, when self and the others differ by
/// more than [`BLIND_SPOT_GAP`].
pub fn signal(self_level: Option<u8>, others: Option<&Others>) -> Option<Signal> {
    match (self_level, others) {
        (Some(s), Some(o)) if f64::from(s) - o.average > BLIND_SPOT_GAP => Some(Signal::BlindSpot),
        (Some(s), Some(o)) if o.average - f64::from(s) > BLIND_SPOT_GAP => {
            Some(Signal::HiddenStrength)
        }
        _ => None,
    }
}

/// The results of a request: for each competency asked about (in the
/// framework's order), self, each group at or above its minimum, and all of
/// those together. `responses` carry only their group.
pub fn results(
    framework: &Framework,
    competencies: &[CompetencyId],
    self_levels: &crate::assessment::Levels,
    minimums: Minimums,
    responses: &[(Group, Response)],
) -> Results {
    let mut out = Vec::new();
    for c in &framework.competencies {
        if !competencies.contains(&c.id) {
            continue;
        }
        let mut groups = Vec::new();
        let mut visible_levels: Vec<u8> = Vec::new();
        for group in Group::EVERY {
            let answers: Vec<&Answer> = responses
                .iter()
                .filter(|(g, _)| *g == group)
                .filter_map(|(_, r)| r.answers.get(&c.id))
                .collect();
            let levels: Vec<u8> = answers
                .iter()
                .filter_map(|a| match a.rating {
                    Rating::Level(l) => Some(l.value()),
                    Rating::NotObserved => None,
                })
                .collect();
            let min = minimums.get(group);
            if levels.is_empty() || (levels.len() as u32) < min {
                continue;
            }
            let mut comments: Vec<String> =
                answers.iter().filter_map(|a| a.comment.clone()).collect();
            if (comments.len() as u32) < min {
                comments.clear();
            }
            comments.sort();
            visible_levels.extend(&levels);
            groups.push(GroupResult {
                group,
                raters: levels.len() as u32,
                average: one_decimal(mean(&levels)),
                comments,
            });
        }
        let others = (!visible_levels.is_empty()).then(|| Others {
            raters: visible_levels.len() as u32,
            average: one_decimal(mean(&visible_levels)),
        });
        let self_level = self_levels.get(c.id.as_str()).map(Level::value);
        let signal = signal(self_level, others.as_ref());
        out.push(CompetencyResult {
            id: c.id.clone(),
            name: c.name.clone(),
            self_level,
            groups,
            others,
            signal,
        });
    }
    let overall = Group::EVERY
        .into_iter()
        .filter_map(|group| {
            let mut comments: Vec<String> = responses
                .iter()
                .filter(|(g, _)| *g == group)
                .filter_map(|(_, r)| r.overall.clone())
                .collect();
            comments.sort();
            ((comments.len() as u32) >= minimums.get(group))
                .then_some(GroupComments { group, comments })
        })
        .collect();
    Results {
        minimums,
        competencies: out,
        overall,
    }
}

/// What a request's visible results say about one competency, for
/// readiness: the manager's level and everyone else's average.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Observed {
    pub manager: Option<f64>,
    pub others: Option<f64>,
}

/// For readiness: per competency, what the most recent request with
/// visible feedback on it observed, and how many requests had visible
/// feedback on it (each counts as a piece of evidence).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FeedbackLevels {
    pub observed: BTreeMap<CompetencyId, Observed>,
    pub requests: BTreeMap<CompetencyId, u32>,
}

impl FeedbackLevels {
    /// From the results of closed requests, oldest first.
    pub fn from_results<'a>(results: impl IntoIterator<Item = &'a Results>) -> Self {
        let mut out = Self::default();
        for r in results {
            for c in &r.competencies {
                if c.groups.is_empty() {
                    continue;
                }
                let manager = c.group(Group::Manager).map(|g| g.average);
                let rest: Vec<&GroupResult> = c
                    .groups
                    .iter()
                    .filter(|g| g.group != Group::Manager)
                    .collect();
                let others = (!rest.is_empty()).then(|| {
                    let raters: u32 = rest.iter().map(|g| g.raters).sum();
                    let sum: f64 = rest.iter().map(|g| g.average * f64::from(g.raters)).sum();
                    sum / f64::from(raters)
                });
                out.observed
                    .insert(c.id.clone(), Observed { manager, others });
                *out.requests.entry(c.id.clone()).or_default() += 1;
            }
        }
        out
    }

    pub fn get(&self, competency: &str) -> Option<Observed> {
        self.observed.get(competency).copied()
    }

    pub fn requests(&self, competency: &str) -> u32 {
        self.requests.get(competency).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;

//! Parsing and validating a framework file. Every problem is reported with the
//! file, line and column it sits at, what is wrong and what is allowed; all
//! problems are collected so a user can fix a file in one pass.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use crate::error::{FileError as FrameworkError, Problems};

use super::{
    Action, ActionId, ActionKind, CompanyAdvice, CompanyProfile, Competency, CompetencyId,
    Condition, Example, FitStatement, Framework, Level, OnetOccupation, Role, RoleId, Scale,
    Season, SfiaSkill, Track, Transition, TransitionKind,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    framework: RawMeta,
    #[serde(default)]
    competency: Vec<RawCompetency>,
    #[serde(default)]
    role: Vec<RawRole>,
    #[serde(default)]
    transition: Vec<RawTransition>,
    #[serde(default)]
    action: Vec<RawAction>,
    #[serde(default)]
    fit: Vec<RawFit>,
    #[serde(default)]
    company_profile: Vec<RawCompanyProfile>,
    #[serde(default)]
    example: Vec<RawExample>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    text: Spanned<String>,
    competencies: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    kind: Option<Spanned<String>>,
    #[serde(default)]
    reasons: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompanyProfile {
    id: Spanned<String>,
    name: String,
    advice: String,
    #[serde(default)]
    internal: Option<String>,
    source: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: Spanned<String>,
    name: String,
    version: String,
    description: Option<String>,
    scale: Option<Spanned<RawScale>>,
    #[serde(default)]
    no_opening_here: Vec<String>,
    #[serde(default)]
    round_closed: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    min: i64,
    max: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompetency {
    id: Spanned<String>,
    name: String,
    group: Spanned<String>,
    description: String,
    levels: Spanned<Vec<String>>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    instead_of: Vec<Spanned<String>>,
    source: Option<String>,
    #[serde(default)]
    sfia: Vec<Spanned<String>>,
    #[serde(default)]
    onet: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    id: Spanned<String>,
    name: String,
    track: Spanned<String>,
    description: Option<String>,
    /// Where the role's description comes from (citations).
    source: Option<String>,
    expects: Spanned<BTreeMap<String, Spanned<i64>>>,
    #[serde(default)]
    critical: Vec<Spanned<String>>,
    #[serde(default)]
    weights: BTreeMap<String, Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTransition {
    from: Spanned<String>,
    to: Spanned<String>,
    kind: Spanned<String>,
    note: Option<String>,
    /// Where the note comes from (citations).
    source: Option<String>,
    #[serde(default)]
    record_months: Option<Spanned<i64>>,
    #[serde(default)]
    record_of: Vec<Spanned<String>>,
    #[serde(default)]
    to_show: Vec<Spanned<String>>,
}

/// What an action names of other actions of the file, resolved once every
/// action is read (they may come later in the file).
struct Links {
    replaces: Vec<Spanned<String>>,
    arranged_in: Option<Spanned<String>>,
    goes_with: Vec<Spanned<String>>,
    not_during: Vec<Spanned<String>>,
    part_of: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAction {
    id: Spanned<String>,
    title: String,
    kind: Spanned<String>,
    competencies: Spanned<Vec<Spanned<String>>>,
    effort_weeks: Spanned<i64>,
    evidence: String,
    #[serde(default)]
    purpose: Option<Spanned<String>>,
    source: Spanned<String>,
    #[serde(default)]
    sfia: Vec<Spanned<String>>,
    #[serde(default)]
    onet: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    advances_management: bool,
    #[serde(default = "yes")]
    advances_technical: bool,
    #[serde(default)]
    levels: Option<Spanned<Vec<i64>>>,
    #[serde(default)]
    spans: Option<Spanned<BTreeMap<String, Vec<i64>>>>,
    #[serde(default)]
    roles: Vec<Spanned<String>>,
    #[serde(default)]
    held_by: Vec<Spanned<String>>,
    #[serde(default)]
    open_to: Vec<Spanned<String>>,
    #[serde(default)]
    when: Option<Spanned<String>>,
    #[serde(default)]
    recognise: Vec<String>,
    #[serde(default)]
    begun: Vec<String>,
    #[serde(default)]
    hands_on: Vec<String>,
    #[serde(default)]
    replaces: Vec<Spanned<String>>,
    #[serde(default)]
    arranged_in: Option<Spanned<String>>,
    #[serde(default)]
    part_of: Option<Spanned<String>>,
    #[serde(default)]
    goes_with: Vec<Spanned<String>>,
    #[serde(default)]
    not_during: Vec<Spanned<String>>,
    #[serde(default)]
    kept_up: Option<Spanned<String>>,
    #[serde(default)]
    if_none: Option<Spanned<String>>,
    #[serde(default)]
    without_reports: Option<Spanned<String>>,
    #[serde(default)]
    handed_on: Option<Spanned<String>>,
    #[serde(default)]
    in_post: Option<Spanned<String>>,
    #[serde(default)]
    foundation: bool,
    #[serde(default)]
    booked_weeks: Option<Spanned<i64>>,
    #[serde(default)]
    arranged_weeks: Option<Spanned<i64>>,
    #[serde(default)]
    builds_first: bool,
    #[serde(default)]
    trial: bool,
    #[serde(default)]
    on_record: Option<Spanned<OnRecord>>,
    #[serde(default)]
    season: Option<Spanned<String>>,
}

/// `on_record = true` (its first competency) or the competencies a person
/// must hold at the span's start: `on_record = ["leadership-delegation"]`.
#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "true, false, or a list of some of the action's competency ids"
)]
enum OnRecord {
    First(bool),
    Competencies(Vec<String>),
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFit {
    id: Spanned<String>,
    text: String,
    track: Spanned<String>,
    source: Spanned<String>,
}

pub(super) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

/// The SFIA skills an item cites, each checked.
fn standards(
    problems: &mut Problems,
    what: &str,
    id: &str,
    given: &[Spanned<String>],
) -> Vec<SfiaSkill> {
    given
        .iter()
        .filter_map(|s| {
            let parsed = SfiaSkill::parse(s.get_ref());
            if parsed.is_none() {
                problems.at(
                    s.span(),
                    format!(
                        "{what} '{id}' has sfia = \"{}\": allowed: {}",
                        s.get_ref(),
                        SfiaSkill::RULE
                    ),
                );
            }
            parsed
        })
        .collect()
}

/// The O*NET occupations an item cites, each checked.
fn occupations(
    problems: &mut Problems,
    what: &str,
    id: &str,
    given: &[Spanned<String>],
) -> Vec<OnetOccupation> {
    given
        .iter()
        .filter_map(|s| {
            let parsed = OnetOccupation::parse(s.get_ref());
            if parsed.is_none() {
                problems.at(
                    s.span(),
                    format!(
                        "{what} '{id}' has onet = \"{}\": allowed: {}",
                        s.get_ref(),
                        OnetOccupation::RULE
                    ),
                );
            }
            parsed
        })
        .collect()
}

/// Phrases as the journal is matched against them: trimmed, in lower
/// case, none empty.
fn phrases(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The competency ids a list names, each checked: `who` says what names
/// them ("action 'x' develops"), `known` whether an id is one, `allowed`
/// the ids to offer instead.
fn competency_ids(
    problems: &mut Problems,
    who: &str,
    given: &[Spanned<String>],
    known: &dyn Fn(&str) -> bool,
    allowed: &str,
) -> Vec<CompetencyId> {
    given
        .iter()
        .filter_map(|c| {
            if known(c.get_ref()) {
                Some(CompetencyId(c.get_ref().clone()))
            } else {
                problems.at(
                    c.span(),
                    format!(
                        "{who} unknown competency '{}': allowed: {allowed}",
                        c.get_ref()
                    ),
                );
                None
            }
        })
        .collect()
}

pub(super) const ID_RULE: &str =
    "use 1 to 64 lowercase letters, digits and '-', not starting with '-'";

/// Checks an id (allowed, not a duplicate); `false` when it is not
/// allowed, so that it is left out of the "allowed" lists of later
/// messages and references to it raise nothing more. Of duplicates the
/// first stands.
fn check_id(
    problems: &mut Problems,
    what: &str,
    id: &Spanned<String>,
    seen: &mut HashSet<String>,
) -> bool {
    if !valid_id(id.get_ref()) {
        problems.at(
            id.span(),
            format!("{what} id '{}' is not allowed: {ID_RULE}", id.get_ref()),
        );
        seen.insert(id.get_ref().clone());
        return false;
    }
    if !seen.insert(id.get_ref().clone()) {
        // The first of that id stands.
        problems.at(
            id.span(),
            format!(
                "duplicate {what} id '{}': each {what} needs its own id",
                id.get_ref()
            ),
        );
    }
    true
}

pub(super) fn load(file: &str, text: &str) -> Result<Framework, FrameworkError> {
    let mut problems = Problems::new(file, text);
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            problems.toml(&e);
            return Err(problems.into_error());
        }
    };

    // Scale
    let scale = match &raw.framework.scale {
        None => Scale { min: 0, max: 5 },
        Some(s) => {
            let r = s.get_ref();
            if r.min < 0 || r.max > 10 || r.min >= r.max {
                problems.at(
                    s.span(),
                    format!(
                        "scale {{min = {}, max = {}}} is not allowed: min and max are whole numbers with 0 <= min < max <= 10 (the levels and expectations are checked once the scale is right)",
                        r.min, r.max
                    ),
                );
                // Everything else is judged against the scale: stop here
                // rather than against one the file does not declare.
                return Err(problems.into_error());
            } else {
                // Both within 0..=10.
                Scale {
                    min: r.min as u8,
                    max: r.max as u8,
                }
            }
        }
    };
    if !valid_id(raw.framework.id.get_ref()) {
        problems.at(
            raw.framework.id.span(),
            format!(
                "framework id '{}' is not allowed: {ID_RULE}",
                raw.framework.id.get_ref()
            ),
        );
    }

    // Competencies
    let mut seen = HashSet::new();
    let mut competencies = Vec::new();
    let mut bad_competencies = HashSet::new();
    let mut instead_of = Vec::new();
    for c in raw.competency {
        instead_of.push((c.id.get_ref().clone(), c.instead_of.clone()));
        if !check_id(&mut problems, "competency", &c.id, &mut seen) {
            bad_competencies.insert(c.id.get_ref().clone());
        }
        if !valid_id(c.group.get_ref()) {
            problems.at(
                c.group.span(),
                format!(
                    "competency group '{}' is not allowed: {ID_RULE}",
                    c.group.get_ref()
                ),
            );
        }
        let levels = c.levels.get_ref();
        if levels.len() != scale.len() {
            problems.at(
                c.levels.span(),
                format!(
                    "competency '{}' has {} level descriptors: it needs exactly {}, one for each level from {} to {}",
                    c.id.get_ref(),
                    levels.len(),
                    scale.len(),
                    scale.min,
                    scale.max
                ),
            );
        } else if let Some(i) = levels.iter().position(|l| l.trim().is_empty()) {
            problems.at(
                c.levels.span(),
                format!(
                    "competency '{}' has an empty descriptor for level {}: describe what a person does at that level",
                    c.id.get_ref(),
                    i + usize::from(scale.min)
                ),
            );
        }
        let sfia = standards(&mut problems, "competency", c.id.get_ref(), &c.sfia);
        let onet = occupations(&mut problems, "competency", c.id.get_ref(), &c.onet);
        competencies.push(Competency {
            id: CompetencyId(c.id.into_inner()),
            name: c.name,
            group: c.group.into_inner(),
            description: c.description,
            levels: c.levels.into_inner(),
            keywords: c.keywords.into_iter().map(|k| k.to_lowercase()).collect(),
            ignore: c.ignore.into_iter().map(|k| k.to_lowercase()).collect(),
            instead_of: c
                .instead_of
                .into_iter()
                .map(|i| CompetencyId(i.into_inner()))
                .collect(),
            source: c.source,
            sfia,
            onet,
        });
    }
    if competencies.is_empty() {
        problems.at(
            0..0,
            "the framework has no [[competency]]: add at least one",
        );
    }
    let known_competency = |id: &str| competencies.iter().any(|c| c.id.as_str() == id);
    let competency_list = competencies
        .iter()
        .map(|c| c.id.as_str())
        .filter(|id| !bad_competencies.contains(*id))
        .collect::<Vec<_>>()
        .join(", ");
    for (id, others) in &instead_of {
        for o in others {
            if !known_competency(o.get_ref()) || o.get_ref() == id {
                problems.at(
                    o.span(),
                    format!(
                        "competency '{id}' is instead of '{}', which is not another competency of the framework: allowed: {competency_list}",
                        o.get_ref()
                    ),
                );
            }
        }
    }

    // Roles
    let mut seen = HashSet::new();
    let mut roles = Vec::new();
    let mut bad_roles = HashSet::new();
    for r in raw.role {
        if !check_id(&mut problems, "role", &r.id, &mut seen) {
            bad_roles.insert(r.id.get_ref().clone());
        }
        let track = match Track::parse("track", r.track.get_ref()) {
            Ok(t) => t,
            Err(e) => {
                problems.at(r.track.span(), format!("role '{}': {e}", r.id.get_ref()));
                Track::Technical
            }
        };
        let mut expectations = BTreeMap::new();
        for (cid, level) in r.expects.get_ref() {
            if !known_competency(cid) {
                problems.at(
                    level.span(),
                    format!(
                        "role '{}' expects unknown competency '{cid}': allowed: {competency_list}",
                        r.id.get_ref()
                    ),
                );
                continue;
            }
            match scale.level("level", *level.get_ref()) {
                Ok(l) => {
                    expectations.insert(CompetencyId(cid.clone()), l);
                }
                Err(_) => problems.at(
                    level.span(),
                    format!(
                        "role '{}' expects level {} for '{cid}': levels are whole numbers from {} to {}",
                        r.id.get_ref(),
                        level.get_ref(),
                        scale.min,
                        scale.max
                    ),
                ),
            }
        }
        let missing: Vec<&str> = competencies
            .iter()
            .map(|c| c.id.as_str())
            .filter(|c| !r.expects.get_ref().contains_key(*c) && !bad_competencies.contains(*c))
            .collect();
        if !missing.is_empty() {
            problems.at(
                r.expects.span(),
                format!(
                    "role '{}' has no expectation for {}: give every competency a level ({} when the role does not need it)",
                    r.id.get_ref(),
                    missing.join(", "),
                    scale.min
                ),
            );
        }
        let mut critical = Vec::new();
        for c in &r.critical {
            if !known_competency(c.get_ref()) {
                problems.at(
                    c.span(),
                    format!(
                        "role '{}' marks unknown competency '{}' as critical: allowed: {competency_list}",
                        r.id.get_ref(),
                        c.get_ref()
                    ),
                );
            } else if expectations.get(c.get_ref().as_str()) == Some(&Level(scale.min)) {
                problems.at(
                    c.span(),
                    format!(
                        "role '{}' marks '{}' as critical but expects only level {}: a critical competency needs an expectation above the lowest level",
                        r.id.get_ref(),
                        c.get_ref(),
                        scale.min
                    ),
                );
            } else {
                critical.push(CompetencyId(c.get_ref().clone()));
            }
        }
        let mut weights = BTreeMap::new();
        for (cid, w) in r.weights {
            if !known_competency(&cid) {
                problems.at(
                    w.span(),
                    format!(
                        "role '{}' weights unknown competency '{cid}': allowed: {competency_list}",
                        r.id.get_ref()
                    ),
                );
            } else if !(w.get_ref().is_finite() && *w.get_ref() > 0.0 && *w.get_ref() <= 10.0) {
                problems.at(
                    w.span(),
                    format!(
                        "role '{}' gives '{cid}' weight {}: weights are numbers above 0 and at most 10",
                        r.id.get_ref(),
                        w.get_ref()
                    ),
                );
            } else {
                weights.insert(CompetencyId(cid), *w.get_ref());
            }
        }
        roles.push(Role {
            id: RoleId(r.id.into_inner()),
            name: r.name,
            track,
            description: r.description,
            source: r.source,
            expectations,
            critical,
            weights,
        });
    }
    if roles.is_empty() {
        problems.at(0..0, "the framework has no [[role]]: add at least one");
    }
    let role_list = roles
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !bad_roles.contains(*id))
        .collect::<Vec<_>>()
        .join(", ");

    // Transitions
    let mut transitions: Vec<Transition> = Vec::new();
    // The actions named by record_of, resolved once the actions are read.
    let mut record_of = Vec::new();
    for t in raw.transition {
        if transitions
            .iter()
            .any(|x| x.from.as_str() == t.from.get_ref() && x.to.as_str() == t.to.get_ref())
        {
            problems.at(
                t.to.span(),
                format!(
                    "duplicate transition from '{}' to '{}': describe each move once",
                    t.from.get_ref(),
                    t.to.get_ref()
                ),
            );
            continue;
        }
        for end in [&t.from, &t.to] {
            if !roles.iter().any(|r| r.id.as_str() == end.get_ref()) {
                problems.at(
                    end.span(),
                    format!(
                        "transition names unknown role '{}': allowed: {role_list}",
                        end.get_ref()
                    ),
                );
            }
        }
        let kind = match TransitionKind::parse("kind", t.kind.get_ref()) {
            Ok(k) => k,
            Err(_) => {
                problems.at(
                    t.kind.span(),
                    format!(
                        "transition kind '{}' is not allowed: allowed: {}",
                        t.kind.get_ref(),
                        TransitionKind::ALL.join(", ")
                    ),
                );
                TransitionKind::Up
            }
        };
        if t.from.get_ref() == t.to.get_ref() {
            problems.at(
                t.to.span(),
                format!(
                    "transition from '{}' to itself: from and to must differ",
                    t.from.get_ref()
                ),
            );
        }
        let record_months = match &t.record_months {
            None => None,
            Some(m) if (1..=60).contains(m.get_ref()) => u32::try_from(*m.get_ref()).ok(),
            Some(m) => {
                problems.at(
                    m.span(),
                    format!(
                        "transition {} → {} has record_months = {}: allowed: 1 to 60",
                        t.from.get_ref(),
                        t.to.get_ref(),
                        m.get_ref()
                    ),
                );
                None
            }
        };
        let to_show = competency_ids(
            &mut problems,
            &format!("transition {} → {} shows", t.from.get_ref(), t.to.get_ref()),
            &t.to_show,
            &known_competency,
            &competency_list,
        );
        // Named, not only valid: a record_months out of range is its own
        // error, not this one too.
        if t.record_months.is_none() {
            if let Some(n) = t.record_of.first() {
                problems.at(
                    n.span(),
                    format!(
                        "transition {} → {} has record_of without record_months: allowed: record_of only with record_months",
                        t.from.get_ref(),
                        t.to.get_ref()
                    ),
                );
            }
        }
        record_of.push(t.record_of);
        transitions.push(Transition {
            from: RoleId(t.from.into_inner()),
            to: RoleId(t.to.into_inner()),
            kind,
            note: t.note,
            source: t.source,
            record_months,
            record_of: Vec::new(),
            to_show,
        });
    }

    // Actions
    let mut seen = HashSet::new();
    let mut actions = Vec::new();
    let mut links = Vec::new();
    for a in raw.action {
        check_id(&mut problems, "action", &a.id, &mut seen);
        let kind = match ActionKind::parse("kind", a.kind.get_ref()) {
            Ok(k) => k,
            Err(_) => {
                problems.at(
                    a.kind.span(),
                    format!(
                        "action '{}' has unknown kind '{}': allowed: {}",
                        a.id.get_ref(),
                        a.kind.get_ref(),
                        ActionKind::ALL.join(", ")
                    ),
                );
                ActionKind::Experience
            }
        };
        if a.competencies.get_ref().is_empty() {
            problems.at(
                a.competencies.span(),
                format!(
                    "action '{}' develops no competency: list at least one of {competency_list}",
                    a.id.get_ref()
                ),
            );
        }
        let comps = competency_ids(
            &mut problems,
            &format!("action '{}' develops", a.id.get_ref()),
            a.competencies.get_ref(),
            &known_competency,
            &competency_list,
        );
        let effort = *a.effort_weeks.get_ref();
        if !(1..=260).contains(&effort) {
            problems.at(
                a.effort_weeks.span(),
                format!(
                    "action '{}' has effort_weeks = {effort}: allowed: a whole number of weeks from 1 to 260",
                    a.id.get_ref()
                ),
            );
        }
        // A whole number of weeks within `1..=max`, or the problem said.
        let mut weeks = |field: &str, value: &Option<Spanned<i64>>, max: i64| match value {
            Some(w) if !(1..=max).contains(w.get_ref()) => {
                problems.at(
                    w.span(),
                    format!(
                        "action '{}' has {field} = {}: allowed: a whole number of weeks from 1 to {max}",
                        a.id.get_ref(),
                        w.get_ref()
                    ),
                );
                None
            }
            Some(w) => u32::try_from(*w.get_ref()).ok().map(|n| (n, w.span())),
            None => None,
        };
        let booked_weeks = weeks("booked_weeks", &a.booked_weeks, 52).map(|(n, _)| n);
        let arranged_weeks = match weeks("arranged_weeks", &a.arranged_weeks, 26) {
            Some((_, span)) if a.arranged_in.is_none() => {
                problems.at(
                    span,
                    format!(
                        "action '{}' has arranged_weeks without arranged_in: allowed only on work agreed in a conversation of the file (arranged_in = \"tell-your-manager\")",
                        a.id.get_ref()
                    ),
                );
                None
            }
            w => w.map(|(n, _)| n),
        };
        if a.source.get_ref().trim().is_empty() {
            problems.at(
                a.source.span(),
                format!(
                    "action '{}' has an empty source: say where the advice comes from",
                    a.id.get_ref()
                ),
            );
        }
        let in_scale = |span: &[i64]| match span {
            [from, to]
                if *from >= i64::from(scale.min) && *to <= i64::from(scale.max) && from < to =>
            {
                Some((*from as u8, *to as u8))
            }
            _ => None,
        };
        let levels = match &a.levels {
            None => (scale.min, scale.max),
            Some(span) => in_scale(span.get_ref()).unwrap_or_else(|| {
                problems.at(
                    span.span(),
                    format!(
                        "action '{}' has levels = {:?}: allowed: [from, to], two levels of the scale {}..{} with from below to",
                        a.id.get_ref(),
                        span.get_ref(),
                        scale.min,
                        scale.max
                    ),
                );
                (scale.min, scale.max)
            }),
        };
        // A competency's own span, where the action builds it to another
        // extent than its levels.
        let mut spans = BTreeMap::new();
        // What the action develops, as its errors name it.
        let developed = comps
            .iter()
            .map(CompetencyId::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        if let Some(table) = &a.spans {
            for (c, span) in table.get_ref() {
                if !comps.iter().any(|k| k.as_str() == c) {
                    problems.at(
                        table.span(),
                        format!(
                            "action '{}' has a span for '{c}', which it does not develop: allowed: one of its competencies ({developed})",
                            a.id.get_ref(),
                        ),
                    );
                } else if let Some(s) = in_scale(span) {
                    spans.insert(CompetencyId(c.clone()), s);
                } else {
                    problems.at(
                        table.span(),
                        format!(
                            "action '{}' has spans.{c} = {span:?}: allowed: [from, to], two levels of the scale {}..{} with from below to",
                            a.id.get_ref(),
                            scale.min,
                            scale.max
                        ),
                    );
                }
            }
        }
        // Roles named by the action's `roles`, `held_by` and `open_to`.
        let mut known_roles = |field: &str, list: &[Spanned<String>]| {
            let mut ids = Vec::new();
            for r in list {
                if roles.iter().any(|role| role.id.as_str() == r.get_ref()) {
                    ids.push(RoleId(r.get_ref().clone()));
                } else {
                    problems.at(
                        r.span(),
                        format!(
                            "action '{}' has {field} naming unknown role '{}': allowed: {role_list}",
                            a.id.get_ref(),
                            r.get_ref()
                        ),
                    );
                }
            }
            ids
        };
        let for_roles = known_roles("roles", &a.roles);
        let held_by = known_roles("held_by", &a.held_by);
        let open_to = known_roles("open_to", &a.open_to);
        let when = match &a.when {
            None => None,
            Some(w) => match Condition::parse("when", w.get_ref()) {
                Ok(c) => Some(c),
                Err(_) => {
                    problems.at(
                        w.span(),
                        format!(
                            "action '{}' has when = '{}': allowed: {}",
                            a.id.get_ref(),
                            w.get_ref(),
                            Condition::ALL.join(", ")
                        ),
                    );
                    None
                }
            },
        };
        // Proposed only on what the journal shows: without the words that
        // show it, never.
        let shown_by = match when {
            Some(Condition::ChangeAhead) => {
                Some("the change decided in a journal (begun = [\"restructure was announced\"])")
            }
            Some(Condition::LeadsUnofficially) => {
                Some("a team led without the post in a journal (begun = [\"without the title\"])")
            }
            _ => None,
        };
        if let (Some(what), Some(w)) = (shown_by, when) {
            if a.begun.iter().all(|b| b.trim().is_empty()) {
                problems.at(
                    a.id.span(),
                    format!(
                        "action '{}' has when = '{}' without begun phrases: allowed only with the words that show {what}",
                        a.id.get_ref(),
                        w.as_str()
                    ),
                );
            }
        }
        let on_record = match a.on_record.as_ref().map(|o| (o.span(), o.get_ref())) {
            None | Some((_, OnRecord::First(false))) => Vec::new(),
            Some((_, OnRecord::First(true))) => comps.iter().take(1).cloned().collect(),
            Some((span, OnRecord::Competencies(list))) if list.is_empty() => {
                problems.at(
                    span,
                    format!(
                        "action '{}' has on_record = []: allowed: true, false, or some of its competencies",
                        a.id.get_ref()
                    ),
                );
                Vec::new()
            }
            Some((span, OnRecord::Competencies(list))) => {
                let mut held = Vec::new();
                for c in list {
                    match comps.iter().find(|k| k.as_str() == c) {
                        Some(k) => held.push(k.clone()),
                        None => problems.at(
                            span.clone(),
                            format!(
                                "action '{}' has on_record naming '{c}', which it does not develop: allowed: true, or some of its competencies ({developed})",
                                a.id.get_ref(),
                            ),
                        ),
                    }
                }
                held
            }
        };
        let season = match &a.season {
            None => None,
            Some(w) => match Season::parse("season", w.get_ref()) {
                Ok(s) => Some(s),
                Err(_) => {
                    problems.at(
                        w.span(),
                        format!(
                            "action '{}' has season = '{}': allowed: {}",
                            a.id.get_ref(),
                            w.get_ref(),
                            Season::ALL.join(", ")
                        ),
                    );
                    None
                }
            },
        };
        if a.builds_first && !a.foundation {
            problems.at(
                a.id.span(),
                format!(
                    "action '{}' has builds_first = true without foundation = true: allowed only on groundwork, which otherwise supports its levels without building them",
                    a.id.get_ref()
                ),
            );
        }
        let sfia = standards(&mut problems, "action", a.id.get_ref(), &a.sfia);
        let onet = occupations(&mut problems, "action", a.id.get_ref(), &a.onet);
        // Phrases matched in journal entries: trimmed, lower case.
        let recognise = phrases(&a.recognise);
        let begun = phrases(&a.begun);
        let hands_on = phrases(&a.hands_on);
        let purpose = match &a.purpose {
            Some(p) if p.get_ref().trim().is_empty() => {
                problems.at(
                    p.span(),
                    format!(
                        "action '{}' has an empty purpose: allowed: a sentence saying what the activity is for, or no purpose",
                        a.id.get_ref()
                    ),
                );
                None
            }
            Some(p) => Some(p.get_ref().trim().to_owned()),
            None => None,
        };
        // A sentence the plan says, or none: never an empty one.
        let mut sentence = |field: &str, value: &Option<Spanned<String>>, allowed: &str| match value
        {
            Some(k) if k.get_ref().trim().is_empty() => {
                problems.at(
                    k.span(),
                    format!(
                        "action '{}' has an empty {field}: allowed: {allowed}, or no {field}",
                        a.id.get_ref()
                    ),
                );
                None
            }
            Some(k) => Some(k.get_ref().trim().to_owned()),
            None => None,
        };
        let kept_up = sentence(
            "kept_up",
            &a.kept_up,
            "a sentence saying why it is kept up past its first weeks",
        );
        let if_none = sentence(
            "if_none",
            &a.if_none,
            "a sentence saying what to do if the event it waits for does not come",
        );
        let without_reports = sentence(
            "without_reports",
            &a.without_reports,
            "the title the action takes for someone who manages no one",
        );
        let handed_on = sentence(
            "handed_on",
            &a.handed_on,
            "what the team does of this work where feedback says the person is too hands-on",
        );
        let in_post = sentence(
            "in_post",
            &a.in_post,
            "the title the action takes for someone who holds a manager's post for now",
        );
        actions.push(Action {
            id: ActionId(a.id.into_inner()),
            title: a.title,
            kind,
            competencies: comps,
            effort_weeks: effort.clamp(1, 260) as u32,
            evidence: a.evidence,
            purpose,
            source: a.source.into_inner(),
            sfia,
            onet,
            advances_management: a.advances_management,
            advances_technical: a.advances_technical,
            levels,
            spans,
            roles: for_roles,
            held_by,
            open_to,
            when,
            phrases: recognise.iter().map(|p| super::phrase_parts(p)).collect(),
            recognise,
            begun_phrases: begun.iter().map(|p| super::phrase_parts(p)).collect(),
            begun,
            hands_on_phrases: hands_on.iter().map(|p| super::phrase_parts(p)).collect(),
            hands_on,
            replaces: Vec::new(),
            arranged_in: None,
            part_of: None,
            goes_with: Vec::new(),
            not_during: Vec::new(),
            kept_up,
            if_none,
            without_reports,
            handed_on,
            in_post,
            foundation: a.foundation,
            booked_weeks,
            arranged_weeks,
            builds_first: a.builds_first,
            trial: a.trial,
            on_record,
            season,
        });
        links.push(Links {
            replaces: a.replaces,
            arranged_in: a.arranged_in,
            goes_with: a.goes_with,
            not_during: a.not_during,
            part_of: a.part_of,
        });
    }
    // What an action replaces can come later in the file.
    let ids: Vec<ActionId> = actions.iter().map(|a| a.id.clone()).collect();
    let trials: HashSet<ActionId> = actions
        .iter()
        .filter(|a| a.trial)
        .map(|a| a.id.clone())
        .collect();
    for (
        action,
        Links {
            replaces: names,
            arranged_in,
            goes_with,
            not_during,
            part_of,
        },
    ) in actions.iter_mut().zip(links)
    {
        // Another action of the file, named in `field`.
        let mut other = |field: &str, name: &Spanned<String>| -> Option<ActionId> {
            let found = ids
                .iter()
                .find(|i| i.as_str() == name.get_ref() && **i != action.id)
                .cloned();
            if found.is_none() {
                problems.at(
                    name.span(),
                    format!(
                        "action '{}' has {field} naming '{}': allowed: the ids of other actions of this file",
                        action.id,
                        name.get_ref()
                    ),
                );
            }
            found
        };
        let apart: Vec<ActionId> = not_during
            .iter()
            .filter_map(|n| other("not_during", n))
            .collect();
        let with: Vec<ActionId> = goes_with
            .iter()
            .filter_map(|n| other("goes_with", n))
            .collect();
        let by = arranged_in.as_ref().and_then(|n| other("arranged_in", n));
        let within = part_of.as_ref().and_then(|n| other("part_of", n));
        // Only a trial (a post covered) has work of its own to do inside it.
        let within = match (within, &part_of) {
            (Some(t), _) if trials.contains(&t) => Some(t),
            (Some(t), Some(n)) => {
                problems.at(
                    n.span(),
                    format!(
                        "action '{}' has part_of naming '{t}', which is no trial: allowed: an action of this file with trial = true",
                        action.id
                    ),
                );
                None
            }
            _ => None,
        };
        action.part_of = within;
        action.not_during = apart;
        action.goes_with = with;
        action.arranged_in = by;
        for r in names {
            if seen.contains(r.get_ref().as_str()) && r.get_ref() != action.id.as_str() {
                action.replaces.push(ActionId(r.into_inner()));
            } else {
                problems.at(
                    r.span(),
                    format!(
                        "action '{}' replaces unknown action '{}': name another action of this file",
                        action.id,
                        r.get_ref()
                    ),
                );
            }
        }
    }

    for (t, names) in transitions.iter_mut().zip(record_of) {
        for n in names {
            match actions.iter().find(|a| a.id.as_str() == n.get_ref()) {
                Some(a) => t.record_of.push(a.id.clone()),
                None => problems.at(
                    n.span(),
                    format!(
                        "transition {} → {} has record_of naming '{}': allowed: the ids of actions of this file",
                        t.from,
                        t.to,
                        n.get_ref()
                    ),
                ),
            }
        }
    }

    // Fit statements
    let mut seen = HashSet::new();
    let mut fit_statements = Vec::new();
    for s in raw.fit {
        check_id(&mut problems, "fit statement", &s.id, &mut seen);
        let track = match Track::parse("track", s.track.get_ref()) {
            Ok(t) => t,
            Err(e) => {
                problems.at(
                    s.track.span(),
                    format!("fit statement '{}': {e}", s.id.get_ref()),
                );
                Track::Technical
            }
        };
        if s.source.get_ref().trim().is_empty() {
            problems.at(
                s.source.span(),
                format!(
                    "fit statement '{}' has an empty source: say where it comes from",
                    s.id.get_ref()
                ),
            );
        }
        fit_statements.push(FitStatement {
            id: s.id.into_inner(),
            text: s.text,
            track,
            source: s.source.into_inner(),
        });
    }

    // Company profiles: advice per kind of company, at most once each.
    let mut seen = HashSet::new();
    let mut company_profiles = Vec::new();
    for c in raw.company_profile {
        let profile = match CompanyProfile::parse("company profile id", c.id.get_ref()) {
            Ok(p) => p,
            Err(e) => {
                problems.at(c.id.span(), e.to_string());
                continue;
            }
        };
        if !seen.insert(profile) {
            problems.at(
                c.id.span(),
                format!(
                    "duplicate company profile id '{}': give each kind of company its advice once",
                    c.id.get_ref()
                ),
            );
        }
        if c.source.get_ref().trim().is_empty() {
            problems.at(
                c.source.span(),
                format!(
                    "company profile '{}' has an empty source: say where the advice comes from",
                    c.id.get_ref()
                ),
            );
        }
        company_profiles.push(CompanyAdvice {
            profile,
            name: c.name,
            advice: c.advice,
            internal: c.internal.filter(|i| !i.trim().is_empty()),
            source: c.source.into_inner(),
        });
    }

    // Examples the tagger learns from: each names known competencies.
    let mut examples = Vec::new();
    for (i, e) in raw.example.into_iter().enumerate() {
        if e.text.get_ref().trim().is_empty() {
            problems.at(e.text.span(), format!("example {} has no text", i + 1));
        }
        let competencies = competency_ids(
            &mut problems,
            &format!("example {} shows", i + 1),
            e.competencies.get_ref(),
            &known_competency,
            &competency_list,
        );
        let kind = match &e.kind {
            Some(k) => match crate::evidence::EvidenceKind::parse("kind", k.get_ref()) {
                Ok(k) => Some(k),
                Err(err) => {
                    problems.at(k.span(), format!("example {}: {err}", i + 1));
                    None
                }
            },
            None => None,
        };
        examples.push(Example {
            text: e.text.into_inner(),
            competencies,
            kind,
            reasons: e.reasons,
        });
    }

    problems.finish()?;
    let no_opening_here = phrases(&raw.framework.no_opening_here);
    let round_closed = phrases(&raw.framework.round_closed);
    Ok(Framework {
        round_closed_phrases: round_closed
            .iter()
            .map(|p| super::phrase_parts(p))
            .collect(),
        round_closed,
        no_opening_phrases: no_opening_here
            .iter()
            .map(|p| super::phrase_parts(p))
            .collect(),
        no_opening_here,
        id: raw.framework.id.into_inner(),
        name: raw.framework.name,
        version: raw.framework.version,
        description: raw.framework.description,
        scale,
        competencies,
        roles,
        transitions,
        actions,
        fit_statements,
        company_profiles,
        examples,
        tagger: Default::default(),
    })
}

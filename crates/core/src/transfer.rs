//! The export document: all of one person's data as one versioned JSON
//! document that travels from employer to employer (docs/export-format.md).
//!
//! Objects other objects point at carry an `id` numbered from 1 in the
//! document's order; the numbers mean nothing outside the document, so an
//! export, imported and exported again, gives the same document.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::assessment::{Levels, Source};
use crate::contact::InteractionKind;
use crate::error::InvalidValue;
use crate::evidence::EvidenceKind;
use crate::feedback::{self, GroupComments, GroupResult, Minimums, Others, Results};
use crate::fit::Recommendation;
use crate::framework::{ActionKind, CompanyProfile, Framework};
use crate::opportunity::Stage;
use crate::sharing::CommentOn;

/// What the `format` field always says.
pub const FORMAT: &str = "leap-export";
/// The version of the document this build writes and reads.
pub const VERSION: u32 = 1;

pub use crate::plan::ItemStatus;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub exported_on: NaiveDate,
    pub person: Person,
    pub frameworks: Vec<FrameworkCopy>,
    pub assessments: Vec<Assessment>,
    pub fit_checks: Vec<FitCheck>,
    pub journal: Vec<JournalEntry>,
    pub plans: Vec<PlanGeneration>,
    pub plan_items: Vec<PlanItem>,
    pub feedback: Vec<FeedbackRequest>,
    pub opportunities: Vec<Opportunity>,
    pub contacts: Vec<Contact>,
    pub checkins: Vec<Checkin>,
    pub comments: Vec<Comment>,
    /// The person's corrections of suggested tags, which later suggestions
    /// learn from (absent in exports made before they were kept).
    #[serde(default)]
    pub tag_corrections: Vec<TagCorrection>,
    /// Who in the person's reporting line sees each part, where they chose
    /// (absent in exports made before there were reporting lines).
    #[serde(default)]
    pub line_sharing: Vec<LineChoice>,
    /// One-to-ones with a manager, with their items and notes (absent in
    /// exports made before there were one-to-ones).
    #[serde(default)]
    pub one_to_ones: Vec<OneToOne>,
    /// The management roles the person asked to be considered for (absent
    /// in exports made before there was a succession bench).
    #[serde(default)]
    pub succession: Vec<SuccessionInterest>,
}

/// A role the person asked to be considered for, and since when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SuccessionInterest {
    pub role: String,
    pub since: NaiveDate,
}

/// A one-to-one with a manager. The manager's account does not travel:
/// imported, it is the person's alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OneToOne {
    /// The manager, by username.
    pub manager: String,
    pub held_on: NaiveDate,
    /// RFC 3339, in UTC.
    pub created_at: String,
    pub entries: Vec<OneToOneEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OneToOneEntry {
    pub kind: crate::one_to_one::EntryKind,
    pub author: String,
    pub text: String,
    /// RFC 3339, in UTC.
    pub at: String,
}

/// A person's own choice of who in their reporting line sees a part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LineChoice {
    pub part: crate::sharing::Part,
    pub reach: crate::sharing::Reach,
}

/// A person's tags for a text where they differed from leap's suggestion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TagCorrection {
    pub text: String,
    /// Competency ids chosen.
    pub chosen: Vec<String>,
    /// Competency ids leap suggested that were taken away.
    pub removed: Vec<String>,
    /// The text was an interviewer's reasons, not evidence.
    pub reasons: bool,
    pub created_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    pub current_role: String,
    pub target_role: String,
    pub framework_hash: String,
    pub created_on: NaiveDate,
    pub checkin_every_days: u32,
}

/// A framework the person's records were made against, whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FrameworkCopy {
    pub hash: String,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub id: u32,
    pub framework_hash: String,
    pub source: Source,
    pub taken_on: NaiveDate,
    /// The manager who gave a manager's rating, by username.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rated_by: Option<String>,
    pub levels: BTreeMap<String, u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FitCheck {
    pub framework_hash: String,
    pub taken_on: NaiveDate,
    pub management: u8,
    pub technical: u8,
    pub recommendation: Recommendation,
    pub answers: BTreeMap<String, u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct JournalEntry {
    pub id: u32,
    pub entry_on: NaiveDate,
    pub kind: EvidenceKind,
    pub text: String,
    pub competencies: Vec<String>,
    pub created_on: NaiveDate,
    /// It names a gap (critical feedback), so it is not counted as
    /// evidence. Written only when true, so version-1 readers before it read
    /// every other entry.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub names_gap: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanGeneration {
    pub id: u32,
    pub target_role: String,
    pub horizon_months: u32,
    pub generated_on: NaiveDate,
    /// Pieces of work at once the plan was made for (absent before leap
    /// kept it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_once: Option<u32>,
    /// The month (1 to 12) the financial year starts, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_starts: Option<u32>,
    /// What the plan said first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    pub id: u32,
    /// The generation that proposed it; none for an item the person added.
    pub plan: Option<u32>,
    pub action_id: Option<String>,
    pub title: String,
    pub kind: ActionKind,
    pub competencies: Vec<String>,
    pub due_on: NaiveDate,
    pub status: ItemStatus,
    pub note: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub superseded_on: Option<NaiveDate>,
    pub created_on: NaiveDate,
    /// Why a generated item is in the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// When to begin a generated item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_on: Option<NaiveDate>,
}

/// A closed 360 request and its visible results: never a group below its
/// minimum, never who was asked or who answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FeedbackRequest {
    pub framework_hash: String,
    pub created_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub minimums: Minimums,
    pub competencies: Vec<String>,
    pub results: FeedbackResults,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FeedbackResults {
    pub competencies: Vec<CompetencyFeedback>,
    pub overall: Vec<GroupComments>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompetencyFeedback {
    pub id: String,
    pub groups: Vec<GroupResult>,
    pub others: Option<Others>,
}

impl FeedbackResults {
    /// What of `results` travels: the visible groups, without the self
    /// level and signal, which are worked out again from the assessments.
    pub fn of(results: &Results) -> Self {
        Self {
            competencies: results
                .competencies
                .iter()
                .map(|c| CompetencyFeedback {
                    id: c.id.as_str().to_owned(),
                    groups: c.groups.clone(),
                    others: c.others,
                })
                .collect(),
            overall: results.overall.clone(),
        }
    }

    /// The results again, beside the person's current self levels;
    /// competencies `framework` does not have are left out.
    pub fn results(
        &self,
        framework: &Framework,
        self_levels: &Levels,
        minimums: Minimums,
    ) -> Results {
        let competencies = self
            .competencies
            .iter()
            .filter_map(|c| {
                let competency = framework.competency(&c.id)?;
                let self_level = self_levels.get(c.id.as_str()).map(|l| l.value());
                Some(feedback::CompetencyResult {
                    id: competency.id.clone(),
                    name: competency.name.clone(),
                    self_level,
                    groups: c.groups.clone(),
                    others: c.others,
                    signal: feedback::signal(self_level, c.others.as_ref()),
                })
            })
            .collect();
        Results {
            minimums,
            competencies,
            overall: self.overall.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    pub organisation: String,
    pub title: String,
    pub role_id: Option<String>,
    pub company_profile: CompanyProfile,
    pub internal: bool,
    pub source: Option<String>,
    pub stage: Stage,
    pub next_step: Option<String>,
    pub next_step_on: Option<NaiveDate>,
    pub created_on: NaiveDate,
    pub stages: Vec<StageChange>,
    pub debriefs: Vec<Debrief>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
// Named apart from the store's record of the same name in the API's schemas.
#[cfg_attr(feature = "schema", schema(as = ExportedStageChange))]
#[serde(deny_unknown_fields)]
pub struct StageChange {
    pub stage: Stage,
    pub changed_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Debrief {
    pub held_on: NaiveDate,
    pub questions: Option<String>,
    pub went_well: Option<String>,
    pub went_badly: Option<String>,
    pub reasons: Option<String>,
    pub chosen_experience: Option<String>,
    pub competencies: Vec<String>,
    pub created_on: NaiveDate,
    /// Your answer to seed 000's question (absent when not answered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub too_technical: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
// Named apart from the domain's contact, which it holds, in the API's schemas.
#[cfg_attr(feature = "schema", schema(as = ExportedContact))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(flatten)]
    pub contact: crate::contact::Contact,
    pub added_on: NaiveDate,
    pub interactions: Vec<Interaction>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    pub happened_on: NaiveDate,
    pub kind: InteractionKind,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Checkin {
    pub held_on: NaiveDate,
    pub went_well: Option<String>,
    pub went_badly: Option<String>,
    pub plan_review: Option<String>,
    pub target_role: String,
    pub framework_hash: String,
    pub readiness: u8,
    /// The self-assessment this check-in recorded, if a level changed.
    pub assessment: Option<u32>,
    pub levels: BTreeMap<String, CheckinLevel>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
// Named apart from the store's record of the same name in the API's schemas.
#[cfg_attr(feature = "schema", schema(as = ExportedCheckinLevel))]
#[serde(deny_unknown_fields)]
pub struct CheckinLevel {
    pub level: u8,
    pub expected: u8,
}

/// A mentor's or manager's comment on a plan item or a journal entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Comment {
    pub author: String,
    pub on: CommentOn,
    /// The `id` of the plan item or journal entry.
    pub item: u32,
    pub text: String,
    /// RFC 3339, in UTC.
    pub at: String,
}

/// Why a document cannot be imported; names the field (as a path into the
/// document), the value and what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ImportError(pub String);

impl ImportError {
    fn at(path: &str, e: InvalidValue) -> Self {
        Self(format!("{path}: {e}"))
    }
}

impl Document {
    /// Reads and checks a document: the format and version, every value,
    /// and that every reference points at something in the document.
    pub fn read(text: &str) -> Result<Self, ImportError> {
        // serde would also take the fields in a list; a document is an object.
        if !text.trim_start().starts_with('{') {
            return Err(ImportError(
                "not a leap export: the file does not hold a JSON object".into(),
            ));
        }
        // Format and version first: a newer document fails on them, not on
        // the first field this build does not know.
        #[derive(Deserialize)]
        struct Head {
            format: Option<String>,
            version: Option<serde_json::Value>,
        }
        if let Ok(head) = serde_json::from_str::<Head>(text) {
            let format = head.format.unwrap_or_default();
            if format != FORMAT {
                return Err(ImportError::at(
                    "format",
                    InvalidValue::new("format", format, format!("'{FORMAT}'")),
                ));
            }
            if let Some(v) = head.version.filter(|v| v.as_u64() != Some(VERSION.into())) {
                return Err(ImportError::at(
                    "version",
                    InvalidValue::new(
                        "version",
                        v,
                        format!("{VERSION} (this build of leap reads version {VERSION})"),
                    ),
                ));
            }
        }
        // No control characters (but newline and tab) in any text.
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
            crate::text::check_json_chars(&value)
                .map_err(|e| ImportError::at(&e.field.clone(), e))?;
        }
        let de = &mut serde_json::Deserializer::from_str(text);
        let doc: Self = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if path == "." || path.is_empty() {
                ImportError(format!("not a leap export: {inner}"))
            } else {
                ImportError(format!("{path}: {inner}"))
            }
        })?;
        doc.check()?;
        Ok(doc)
    }

    fn check(&self) -> Result<(), ImportError> {
        if self.format != FORMAT {
            return Err(ImportError::at(
                "format",
                InvalidValue::new("format", &self.format, format!("'{FORMAT}'")),
            ));
        }
        if self.version != VERSION {
            return Err(ImportError::at(
                "version",
                InvalidValue::new(
                    "version",
                    self.version.to_string(),
                    format!("{VERSION} (this build of leap reads version {VERSION})"),
                ),
            ));
        }
        let hashes: BTreeSet<&str> = self.frameworks.iter().map(|f| f.hash.as_str()).collect();
        let framework = |path: String, hash: &str| {
            if hashes.contains(hash) {
                Ok(())
            } else {
                Err(ImportError::at(
                    &path,
                    InvalidValue::new(
                        "framework_hash",
                        hash,
                        "the hash of one of the document's frameworks",
                    ),
                ))
            }
        };
        framework("person.framework_hash".into(), &self.person.framework_hash)?;
        in_range(
            "person.checkin_every_days",
            self.person.checkin_every_days,
            7,
            182,
        )?;
        let level = |path: String, l: u8| in_range(&path, u32::from(l), 0, 10);
        let assessments = unique_ids("assessments", self.assessments.iter().map(|a| a.id))?;
        for (i, a) in self.assessments.iter().enumerate() {
            framework(
                format!("assessments[{i}].framework_hash"),
                &a.framework_hash,
            )?;
            for (c, l) in &a.levels {
                level(format!("assessments[{i}].levels.{c}"), *l)?;
            }
        }
        for (i, f) in self.fit_checks.iter().enumerate() {
            framework(format!("fit_checks[{i}].framework_hash"), &f.framework_hash)?;
            in_range(
                &format!("fit_checks[{i}].management"),
                f.management.into(),
                0,
                100,
            )?;
            in_range(
                &format!("fit_checks[{i}].technical"),
                f.technical.into(),
                0,
                100,
            )?;
            for (s, a) in &f.answers {
                in_range(&format!("fit_checks[{i}].answers.{s}"), (*a).into(), 1, 5)?;
            }
        }
        let journal = unique_ids("journal", self.journal.iter().map(|e| e.id))?;
        let plans = unique_ids("plans", self.plans.iter().map(|p| p.id))?;
        for (i, p) in self.plans.iter().enumerate() {
            in_range(
                &format!("plans[{i}].horizon_months"),
                p.horizon_months,
                1,
                36,
            )?;
            if let Some(m) = p.year_starts {
                in_range(&format!("plans[{i}].year_starts"), m, 1, 12)?;
            }
        }
        for (i, c) in self.tag_corrections.iter().enumerate() {
            if c.text.trim().is_empty() {
                return Err(ImportError::at(
                    &format!("tag_corrections[{i}].text"),
                    InvalidValue::new("text", "", "the text the tags were chosen for"),
                ));
            }
        }
        let instant = |path: String, s: &str| {
            chrono::DateTime::parse_from_rfc3339(s)
                .map(|_| ())
                .map_err(|_| {
                    ImportError::at(
                        &path,
                        InvalidValue::new(
                            "at",
                            s,
                            "an RFC 3339 instant, such as 2026-03-31T09:00:00Z",
                        ),
                    )
                })
        };
        for (i, o) in self.one_to_ones.iter().enumerate() {
            instant(format!("one_to_ones[{i}].created_at"), &o.created_at)?;
            for (j, e) in o.entries.iter().enumerate() {
                instant(format!("one_to_ones[{i}].entries[{j}].at"), &e.at)?;
                if let Err(err) = crate::one_to_one::entry_text(&e.text) {
                    return Err(ImportError::at(
                        &format!("one_to_ones[{i}].entries[{j}].text"),
                        err,
                    ));
                }
            }
        }
        let mut roles = BTreeSet::new();
        for (i, r) in self.succession.iter().enumerate() {
            if !roles.insert(r.role.as_str()) || r.role.trim().is_empty() {
                return Err(ImportError::at(
                    &format!("succession[{i}].role"),
                    InvalidValue::new("role", &r.role, "a role id, each role once"),
                ));
            }
        }
        let mut parts = BTreeSet::new();
        for (i, l) in self.line_sharing.iter().enumerate() {
            if !parts.insert(l.part) {
                return Err(ImportError::at(
                    &format!("line_sharing[{i}].part"),
                    InvalidValue::new("part", l.part.as_str(), "each part once"),
                ));
            }
        }
        let items = unique_ids("plan_items", self.plan_items.iter().map(|p| p.id))?;
        for (i, item) in self.plan_items.iter().enumerate() {
            if let Some(p) = item.plan {
                refers(&format!("plan_items[{i}].plan"), p, &plans, "plans")?;
            }
        }
        for (i, r) in self.feedback.iter().enumerate() {
            framework(format!("feedback[{i}].framework_hash"), &r.framework_hash)?;
            let at_least = |group: &str, v: u32, min: u32| {
                in_range(
                    &format!("feedback[{i}].minimums.{group}"),
                    v,
                    min,
                    feedback::MAX_MINIMUM,
                )
            };
            let defaults = Minimums::default();
            at_least("manager", r.minimums.manager, defaults.manager)?;
            at_least("peer", r.minimums.peer, defaults.peer)?;
            at_least(
                "direct-report",
                r.minimums.direct_report,
                defaults.direct_report,
            )?;
            at_least("other", r.minimums.other, defaults.other)?;
            // A group below its minimum never travels, even in a file
            // written by hand.
            for (j, c) in r.results.competencies.iter().enumerate() {
                for (k, g) in c.groups.iter().enumerate() {
                    let min = r.minimums.get(g.group);
                    in_range(
                        &format!("feedback[{i}].results.competencies[{j}].groups[{k}].raters"),
                        g.raters,
                        min,
                        u32::MAX,
                    )?;
                }
            }
        }
        for (i, o) in self.opportunities.iter().enumerate() {
            if o.stages.is_empty() {
                return Err(ImportError(format!(
                    "opportunities[{i}].stages: empty: an opportunity has at least its first stage"
                )));
            }
        }
        for (i, c) in self.contacts.iter().enumerate() {
            in_range(
                &format!("contacts[{i}].cadence_days"),
                c.contact.cadence_days,
                1,
                365,
            )?;
        }
        for (i, c) in self.checkins.iter().enumerate() {
            framework(format!("checkins[{i}].framework_hash"), &c.framework_hash)?;
            in_range(
                &format!("checkins[{i}].readiness"),
                c.readiness.into(),
                0,
                100,
            )?;
            if let Some(a) = c.assessment {
                refers(
                    &format!("checkins[{i}].assessment"),
                    a,
                    &assessments,
                    "assessments",
                )?;
            }
            for (id, l) in &c.levels {
                level(format!("checkins[{i}].levels.{id}.level"), l.level)?;
                level(format!("checkins[{i}].levels.{id}.expected"), l.expected)?;
            }
        }
        for (i, c) in self.comments.iter().enumerate() {
            if chrono::DateTime::parse_from_rfc3339(&c.at).is_err() {
                return Err(ImportError::at(
                    &format!("comments[{i}].at"),
                    InvalidValue::new("at", &c.at, "a time such as 2026-01-31T09:00:00Z"),
                ));
            }
            let (ids, list) = match c.on {
                CommentOn::PlanItem => (&items, "plan_items"),
                CommentOn::JournalEntry => (&journal, "journal"),
            };
            refers(&format!("comments[{i}].item"), c.item, ids, list)?;
        }
        Ok(())
    }
}

fn in_range(path: &str, v: u32, min: u32, max: u32) -> Result<(), ImportError> {
    if (min..=max).contains(&v) {
        return Ok(());
    }
    let allowed = if max == u32::MAX {
        format!("{min} or more")
    } else {
        format!("{min} to {max}")
    };
    let field = path.rsplit('.').next().unwrap_or(path);
    Err(ImportError::at(
        path,
        InvalidValue::new(field, v.to_string(), allowed),
    ))
}

fn unique_ids(list: &str, ids: impl Iterator<Item = u32>) -> Result<BTreeSet<u32>, ImportError> {
    let mut seen = BTreeSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            return Err(ImportError::at(
                &format!("{list}[{i}].id"),
                InvalidValue::new(
                    "id",
                    id.to_string(),
                    format!("an id no other entry of {list} has"),
                ),
            ));
        }
    }
    Ok(seen)
}

fn refers(path: &str, id: u32, ids: &BTreeSet<u32>, list: &str) -> Result<(), ImportError> {
    if ids.contains(&id) {
        Ok(())
    } else {
        let field = path.rsplit('.').next().unwrap_or(path);
        Err(ImportError::at(
            path,
            InvalidValue::new(
                field,
                id.to_string(),
                format!("the id of an entry of {list}"),
            ),
        ))
    }
}

#[cfg(test)]
mod tests;

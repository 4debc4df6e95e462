//! Opportunities (roles applied for or considered) and interview debriefs.
//!
//! Seed 000's person gets interviews but hears that "someone with more
//! experience was hired", and is told to ask what that experience was. A
//! debrief records the reasons given, tagged to competencies; the reasons
//! that keep coming up raise those competencies' priority in the plan.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::InvalidValue;
pub use crate::framework::CompanyProfile;
use crate::framework::{CompetencyId, Framework, RoleId};
use crate::named::named_enum;
use crate::tagging::Suggestion;
use crate::text;

pub const MAX_TITLE: usize = 200;
pub const MAX_NOTE: usize = 4000;

named_enum! {
    /// Where an opportunity stands. The last three close it.
    pub enum Stage {
        Interested = "interested",
        Applied = "applied",
        Screening = "screening",
        Interviewing = "interviewing",
        Offer = "offer",
        Accepted = "accepted",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
    }
}

impl Stage {
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Accepted | Self::Rejected | Self::Withdrawn)
    }
}

/// What a user typed for an opportunity, before validation.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpportunityInput<'a> {
    pub organisation: &'a str,
    pub title: &'a str,
    /// A role id of the framework.
    pub role: Option<&'a str>,
    /// Default `mid-size`.
    pub company_profile: Option<&'a str>,
    pub internal: bool,
    pub source: Option<&'a str>,
    /// Default `interested`.
    pub stage: Option<&'a str>,
    pub next_step: Option<&'a str>,
    pub next_step_on: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewOpportunity {
    pub organisation: String,
    pub title: String,
    pub role: Option<RoleId>,
    pub company_profile: CompanyProfile,
    pub internal: bool,
    pub source: Option<String>,
    pub stage: Stage,
    pub next_step: Option<NextStep>,
}

/// What happens next, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NextStep {
    pub text: String,
    pub on: Option<NaiveDate>,
}

/// A next step: a date needs a text to go with it.
pub fn next_step(text: Option<&str>, on: Option<&str>) -> Result<Option<NextStep>, InvalidValue> {
    let text = text::optional("next-step", text, MAX_TITLE)?;
    let on = text::optional_date("next-step-on", on)?;
    match (text, on) {
        (Some(text), on) => Ok(Some(NextStep { text, on })),
        (None, None) => Ok(None),
        (None, Some(d)) => Err(InvalidValue::new(
            "next-step",
            "",
            format!("a description of the next step due on {d}"),
        )),
    }
}

impl NewOpportunity {
    pub fn parse(framework: &Framework, input: OpportunityInput<'_>) -> Result<Self, InvalidValue> {
        let organisation = text::required("organisation", input.organisation, MAX_TITLE)?;
        let title = text::required("title", input.title, MAX_TITLE)?;
        let role = match input.role.map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => Some(framework.parse_role("role", r)?.id.clone()),
            None => None,
        };
        let company_profile = CompanyProfile::parse(
            "company-profile",
            input.company_profile.unwrap_or("mid-size").trim(),
        )?;
        let source = text::optional("source", input.source, MAX_TITLE)?;
        let stage = Stage::parse("stage", input.stage.unwrap_or("interested").trim())?;
        let next_step = next_step(input.next_step, input.next_step_on)?;
        Ok(Self {
            organisation,
            title,
            role,
            company_profile,
            internal: input.internal,
            source,
            stage,
            next_step,
        })
    }
}

/// What a user typed for a debrief, before validation.
#[derive(Debug, Clone, Copy, Default)]
pub struct DebriefInput<'a> {
    /// Default today; not after today.
    pub held_on: Option<&'a str>,
    pub questions: Option<&'a str>,
    pub went_well: Option<&'a str>,
    pub went_badly: Option<&'a str>,
    /// The reasons the employer gave.
    pub reasons: Option<&'a str>,
    /// After a rejection: the experience the chosen candidate had.
    pub chosen_experience: Option<&'a str>,
    /// Competency ids; when empty, tags are suggested from the reasons, what
    /// went badly and the chosen candidate's experience.
    pub competencies: &'a [String],
    /// Seed 000's question to yourself: did I show too much technical skill
    /// and not enough managing of people and resources? `yes` or `no`.
    pub too_technical: Option<&'a str>,
    /// The person's earlier corrections of suggested tags, to learn from.
    pub corrections: &'a [crate::tagging::Correction],
}

/// Seed 000's question, as a debrief asks it.
pub const TOO_TECHNICAL_QUESTION: &str =
    "Did I show too much technical skill, and not enough managing of people and resources?";

#[derive(Debug, Clone, PartialEq)]
pub struct NewDebrief {
    pub held_on: NaiveDate,
    pub questions: Option<String>,
    pub went_well: Option<String>,
    pub went_badly: Option<String>,
    pub reasons: Option<String>,
    pub chosen_experience: Option<String>,
    pub competencies: Vec<CompetencyId>,
    pub suggested: bool,
    pub suggestions: Vec<Suggestion>,
    /// When the person's tags differ from leap's suggestion.
    pub correction: Option<crate::tagging::Correction>,
    /// Your own answer to [`TOO_TECHNICAL_QUESTION`], if you gave one.
    pub too_technical: Option<bool>,
}

impl NewDebrief {
    /// `stage` is the opportunity's: what the chosen candidate had only
    /// makes sense after a rejection.
    pub fn parse(
        framework: &Framework,
        stage: Stage,
        input: DebriefInput<'_>,
        today: NaiveDate,
    ) -> Result<Self, InvalidValue> {
        let held_on = text::past_date("date", input.held_on, today)?;
        let questions = text::optional("questions", input.questions, MAX_NOTE)?;
        let went_well = text::optional("went-well", input.went_well, MAX_NOTE)?;
        let went_badly = text::optional("went-badly", input.went_badly, MAX_NOTE)?;
        let reasons = text::optional("reasons", input.reasons, MAX_NOTE)?;
        let chosen_experience =
            text::optional("chosen-experience", input.chosen_experience, MAX_NOTE)?;
        if let Some(c) = &chosen_experience {
            if stage != Stage::Rejected {
                return Err(InvalidValue::new(
                    "chosen-experience",
                    c,
                    format!(
                        "only after a rejection (the opportunity is at stage '{stage}'; move it to 'rejected' first)"
                    ),
                ));
            }
        }
        let too_technical = crate::text::yes_no(
            "too-technical",
            input.too_technical,
            "your own answer to whether you showed too much technical skill and not enough managing",
        )?;
        if [
            &questions,
            &went_well,
            &went_badly,
            &reasons,
            &chosen_experience,
        ]
        .iter()
        .all(|t| t.is_none())
            && too_technical.is_none()
        {
            return Err(InvalidValue::new(
                "reasons",
                "",
                "at least one of questions, went-well, went-badly, reasons, chosen-experience, too-technical",
            ));
        }
        // What the employer found missing: not the questions, not what went
        // well.
        let text: Vec<&str> = [&reasons, &went_badly, &chosen_experience]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let chosen = framework.parse_competencies("competency", input.competencies)?;
        let tagged = crate::tagging::tag(
            framework,
            &text.join("\n"),
            crate::tagging::Source::Reasons,
            chosen,
            input.corrections,
        );
        Ok(Self {
            held_on,
            questions,
            went_well,
            went_badly,
            reasons,
            chosen_experience,
            competencies: tagged.competencies,
            suggested: tagged.suggested,
            suggestions: tagged.suggestions,
            correction: tagged.correction,
            too_technical,
        })
    }
}

/// How many debriefs cite each competency.
pub fn citations<'a>(
    debriefs: impl IntoIterator<Item = &'a [CompetencyId]>,
) -> BTreeMap<CompetencyId, u32> {
    let mut out = BTreeMap::new();
    for tags in debriefs {
        let mut seen: Vec<&CompetencyId> = Vec::new();
        for t in tags {
            if !seen.contains(&t) {
                seen.push(t);
                *out.entry(t.clone()).or_insert(0) += 1;
            }
        }
    }
    out
}

/// What keeps coming up across debriefs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct DebriefSummary {
    pub debriefs: u32,
    /// Competencies by the number of debriefs citing them, most first.
    pub cited: Vec<Cited>,
    /// What the chosen candidates had, newest first.
    pub chosen_experience: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Cited {
    pub competency: CompetencyId,
    pub name: String,
    pub debriefs: u32,
}

/// `debriefs` as (tags, chosen candidate's experience), newest first.
pub fn summary<'a>(
    framework: &Framework,
    debriefs: impl IntoIterator<Item = (&'a [CompetencyId], Option<&'a str>)> + Clone,
) -> DebriefSummary {
    let counts = citations(debriefs.clone().into_iter().map(|(t, _)| t));
    let mut cited: Vec<Cited> = counts
        .iter()
        .filter_map(|(id, n)| {
            framework.competency(id.as_str()).map(|c| Cited {
                competency: c.id.clone(),
                name: c.name.clone(),
                debriefs: *n,
            })
        })
        .collect();
    cited.sort_by(|a, b| b.debriefs.cmp(&a.debriefs).then(a.name.cmp(&b.name)));
    DebriefSummary {
        debriefs: debriefs.clone().into_iter().count() as u32,
        cited,
        chosen_experience: debriefs
            .into_iter()
            .filter_map(|(_, c)| c.map(str::to_owned))
            .collect(),
    }
}

#[cfg(test)]
mod tests;

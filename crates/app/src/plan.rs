//! The development plan: generating it toward a role, and closing items
//! (a done item's note is read for what else it shows).

use chrono::NaiveDate;
use leap_core::readiness::Readiness;
use leap_core::{CompetencyId, Framework, Role};
use leap_store::{Backend, PersonId, Store};

use crate::readiness::Judged;
use crate::Result;

/// How a plan is asked for: its horizon, the pace (pieces of work at once;
/// `None` keeps the last plan's, or the default), whether to build a
/// management plan although the fit check says technical, and the month
/// the person's financial year starts (`None` keeps the last plan's;
/// `Some(None)` forgets it).
#[derive(Debug, Clone, Copy)]
pub struct PlanOptions {
    pub horizon_months: u32,
    pub at_once: Option<u32>,
    pub despite_fit: bool,
    pub year_starts: Option<Option<leap_core::plan::FinancialYear>>,
}

/// A plan made and stored: as stored, as proposed, and the readiness it
/// was made from.
#[derive(Debug)]
pub struct MadePlan {
    pub record: leap_store::PlanRecord,
    pub proposal: leap_core::plan::Proposal,
    pub readiness: Readiness,
}

/// A plan made and stored, or held back by the fit check.
#[derive(Debug)]
pub enum PlanOutcome {
    Made(Box<MadePlan>),
    Held(leap_core::plan::FitHold),
}

/// What of the person's record the plan reads: the latest fit check, the
/// journal (and the feedback in it that names a gap), the plan's finished
/// and open actions, and the opportunities lost with what their debriefs
/// cite.
async fn plan_record(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    plan: &leap_store::PlanRecord,
) -> Result<leap_core::plan::Record> {
    let fit = store.fit_checks(person).await?.pop().and_then(|f| {
        // A fit check taken on another framework's statements is not read.
        let answers = leap_core::fit::answers_from(framework, f.answers).ok()?;
        Some(leap_core::fit::score(framework, &answers))
    });
    let entries = store.journal(person, None).await?;
    // Feedback that names a gap, about competencies this framework has.
    let named_gaps = entries
        .iter()
        .filter(|e| e.names_gap)
        .map(|e| leap_core::plan::NamedGap {
            text: e.text.clone(),
            competencies: e
                .competencies
                .iter()
                .filter(|c| framework.competency(c.as_str()).is_some())
                .cloned()
                .collect(),
        })
        .filter(|g| !g.competencies.is_empty())
        .collect();
    // Where the last quarter's journal went (progress's focus).
    let points = entries.iter().map(crate::progress::entry_point).collect();
    // What the journal shows done; criticism shows nothing done.
    let journal = entries
        .into_iter()
        .filter(|e| !e.names_gap)
        .map(|e| e.text)
        .collect();
    let action_of = |i: &leap_store::PlanItemRecord| {
        i.action
            .as_deref()
            .and_then(|a| framework.action(a))
            .map(|a| a.id.clone())
    };
    let done = plan
        .items
        .iter()
        .filter(|i| i.status == leap_core::plan::ItemStatus::Done)
        .filter_map(action_of)
        .collect();
    let under_way = plan
        .items
        .iter()
        .filter(|i| i.status == leap_core::plan::ItemStatus::Todo)
        .filter_map(action_of)
        .collect();
    let opportunities = store.opportunities(person).await?;
    // Next steps ahead in openings still open: the plan prepares them.
    let interviews = opportunities
        .iter()
        .filter(|o| !o.stage.is_closed())
        .filter_map(|o| {
            let step = o.next_step.as_ref()?;
            Some(leap_core::plan::Interview {
                opportunity: o.id,
                name: format!("{} at {}", o.title, o.organisation),
                step: step.text.clone(),
                on: step.on?,
            })
        })
        .collect();
    let rejections = opportunities
        .into_iter()
        .filter(|o| o.stage == leap_core::opportunity::Stage::Rejected)
        .map(|o| {
            // Reasons count when they name something: a competency, or what
            // the chosen candidate had. "Someone with more experience was
            // hired" names nothing, and the question still needs asking
            // (seed 000).
            let reasons_given = o.debriefs.iter().any(|d| {
                !d.competencies.is_empty()
                    || d.chosen_experience
                        .as_deref()
                        .is_some_and(|t| !t.trim().is_empty())
            });
            let cited: std::collections::BTreeSet<CompetencyId> = o
                .debriefs
                .iter()
                .flat_map(|d| d.competencies.iter())
                .filter(|c| framework.competency(c.as_str()).is_some())
                .cloned()
                .collect();
            leap_core::plan::Rejection {
                opportunity: o.id,
                name: format!("{} at {}", o.title, o.organisation),
                reasons_given,
                cited: cited.into_iter().collect(),
                too_technical: o.debriefs.iter().any(|d| d.too_technical == Some(true)),
            }
        })
        .collect();
    Ok(leap_core::plan::Record {
        fit,
        journal,
        done,
        under_way,
        rejections,
        interviews,
        named_gaps,
        entries: points,
    })
}

/// Generates a new plan toward `role` and stores it: done and dropped
/// actions are not proposed again; finished items are kept.
/// [`crate::AppError::NoSelfAssessment`] before the first assessment;
/// [`PlanOutcome::Held`], storing nothing, when the
/// fit check points to the technical track and the person has not
/// confirmed a management plan all the same.
pub async fn generate_plan(
    store: &dyn Backend,
    profile: &leap_store::Profile,
    framework: &Framework,
    role: &Role,
    options: PlanOptions,
    today: NaiveDate,
) -> Result<PlanOutcome> {
    let person = profile.person;
    let levels = crate::readiness::self_levels(store, person, framework).await?;
    let judged = Judged::read(store, person, framework, &levels, today).await?;
    let (role, aim) = leap_core::plan::toward(framework, &profile.current_role, role);
    let current_role = framework.role(&profile.current_role);
    let readiness = judged.readiness(framework, role, &levels, current_role);
    let now = current_role.map(|r| judged.readiness(framework, r, &levels, None));
    let current = store.plan(person).await?;
    let exclude: std::collections::BTreeSet<leap_core::framework::ActionId> = current
        .items
        .iter()
        .filter(|i| i.status != leap_core::plan::ItemStatus::Todo)
        .filter_map(|i| i.action.as_deref())
        .filter_map(|a| framework.action(a))
        .map(|a| a.id.clone())
        .collect();
    let record = plan_record(store, person, framework, &current).await?;
    let at_once = options
        .at_once
        .or(current.at_once)
        .unwrap_or(leap_core::plan::DEFAULT_AT_ONCE);
    let year = options.year_starts.unwrap_or_else(|| {
        current
            .year_starts
            .and_then(leap_core::plan::FinancialYear::from_number)
    });
    let proposal = match leap_core::plan::generate(&leap_core::plan::Request {
        framework,
        role,
        aim,
        readiness: &readiness,
        current_role,
        current: now.as_ref(),
        horizon_months: options.horizon_months,
        start: today,
        exclude: &exclude,
        cited: &readiness.citations(),
        record: &record,
        at_once,
        despite_fit: options.despite_fit,
        year,
    }) {
        Ok(p) => p,
        Err(hold) => return Ok(PlanOutcome::Held(hold)),
    };
    let stored = store
        .replace_plan(
            person,
            leap_store::NewPlan {
                target_role: aim.unwrap_or(role).id.as_str(),
                horizon_months: options.horizon_months,
                at_once: proposal.at_once,
                notes: &proposal.notes,
                year_starts: year.map(leap_core::plan::FinancialYear::number),
                today,
                items: &proposal.items,
            },
        )
        .await?;
    Ok(PlanOutcome::Made(Box::new(MadePlan {
        record: stored,
        proposal,
        readiness,
    })))
}

/// Seed 000's word on technical certifications, for a journal entry about
/// to be logged toward a management target: said once, the first time a
/// certification shows up in the journal (read before the entry is added).
pub async fn certification_note(
    store: &dyn Backend,
    profile: &leap_store::Profile,
    framework: &Framework,
    text: &str,
) -> Result<Option<String>> {
    let Some(target) = framework.role(&profile.target_role) else {
        return Ok(None);
    };
    let Some(note) = leap_core::plan::certification_note(framework, target, text) else {
        return Ok(None);
    };
    let said = store
        .journal(profile.person, None)
        .await?
        .iter()
        .any(|e| leap_core::plan::certification_note(framework, target, &e.text).is_some());
    Ok((!said).then_some(note))
}

/// A plan item just closed, and what its note showed besides the item's
/// own competencies.
pub struct ClosedItem {
    pub item: leap_store::PlanItemRecord,
    /// Competencies leap read in the note that the item did not have, with
    /// why; a done item now counts as evidence of them too.
    pub also: Vec<leap_core::tagging::Suggestion>,
}

/// Closes a plan item. A done item's note is tagged like a journal entry
/// (the same tagger, learning from the person's corrections); what it
/// shows beyond the item's own competencies is added to them. A note of
/// only spaces is no note.
pub async fn close_plan_item(
    store: &dyn Store,
    person: PersonId,
    framework: &Framework,
    id: i64,
    closing: leap_store::Closing,
    today: NaiveDate,
    note: Option<&str>,
) -> Result<ClosedItem> {
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    let before: Vec<CompetencyId> = store
        .plan(person)
        .await?
        .items
        .into_iter()
        .find(|i| i.id == id)
        .map(|i| i.competencies)
        .unwrap_or_default();
    let also: Vec<leap_core::tagging::Suggestion> = match (closing, note) {
        (leap_store::Closing::Done, Some(note)) => {
            let corrections = store.tag_corrections(person).await?;
            leap_core::tagging::tag(
                framework,
                note,
                leap_core::tagging::Source::Evidence,
                Vec::new(),
                &corrections,
            )
            .suggestions
            .into_iter()
            .filter(|s| !before.contains(&s.competency))
            .collect()
        }
        _ => Vec::new(),
    };
    let tags: Vec<CompetencyId> = also.iter().map(|s| s.competency.clone()).collect();
    let item = store
        .close_plan_item(person, id, closing, today, note, &tags)
        .await?;
    Ok(ClosedItem { item, also })
}

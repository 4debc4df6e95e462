//! Reads that combine stored records with the domain, shared by the command
//! line and the web application.

use chrono::NaiveDate;
use leap_core::assessment::Levels;
use leap_core::feedback::{self, Answer, FeedbackLevels, Group, Rating, Response, Results};
use leap_core::readiness::{self, Readiness};
use leap_core::{CompetencyId, Framework, Role};

use crate::feedback::{FeedbackRequestRecord, StoredResponse};
use crate::{AssessmentRecord, Backend, FrameworkText, PersonId, Result, Store, StoreError};

impl FrameworkText {
    /// A validated framework and its source text, as they are stored.
    pub fn of(framework: &Framework, content: &str) -> Self {
        Self {
            hash: leap_core::framework::content_hash(content),
            id: framework.id.clone(),
            name: framework.name.clone(),
            version: framework.version.clone(),
            content: content.to_owned(),
        }
    }
}

/// The latest self-assessment, with its levels read against `framework`
/// (competencies the framework no longer has are dropped).
pub async fn latest_self_levels(
    store: &dyn Store,
    person: PersonId,
    framework: &Framework,
) -> Result<Option<(AssessmentRecord, Levels)>> {
    let all = store.assessments(person).await?;
    Ok(all.into_iter().rev().find(|a| a.source == "self").map(|a| {
        let levels = Levels::from_stored(framework, a.levels.clone());
        (a, levels)
    }))
}

/// Readiness for `role` from the latest self-assessment, the visible
/// feedback of closed 360 requests and the evidence; `None` before the
/// first self-assessment.
pub async fn readiness_for(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    role: &Role,
    today: NaiveDate,
) -> Result<Option<Readiness>> {
    let Some((_, levels)) = latest_self_levels(store, person, framework).await? else {
        return Ok(None);
    };
    let judged = Judged::read(store, person, framework, &levels, today).await?;
    Ok(Some(judged.readiness(framework, role, &levels)))
}

/// Readiness for `role` and, when it is not the role held now, step 0:
/// what the role held now counts critical and the person is below (seed
/// 004), as a sentence. One read of the record serves both. `None` before
/// the first self-assessment.
pub async fn gap_with_step0(
    store: &dyn Backend,
    profile: &crate::Profile,
    framework: &Framework,
    role: &Role,
    today: NaiveDate,
) -> Result<Option<(Readiness, Option<String>)>> {
    let Some((_, levels)) = latest_self_levels(store, profile.person, framework).await? else {
        return Ok(None);
    };
    let judged = Judged::read(store, profile.person, framework, &levels, today).await?;
    let step0 = framework
        .role(&profile.current_role)
        .filter(|now| now.id != role.id)
        .and_then(|now| {
            let r = judged.readiness(framework, now, &levels);
            readiness::step0_note(&now.name, &readiness::step0(&r))
        });
    Ok(Some((judged.readiness(framework, role, &levels), step0)))
}

/// What readiness is judged on besides the self levels: the visible 360
/// feedback, the evidence counts and the debrief citations, read once.
pub struct Judged {
    feedback: FeedbackLevels,
    evidence: std::collections::BTreeMap<String, u32>,
    citations: std::collections::BTreeMap<String, u32>,
}

impl Judged {
    pub async fn read(
        store: &dyn Backend,
        person: PersonId,
        framework: &Framework,
        self_levels: &Levels,
        today: NaiveDate,
    ) -> Result<Self> {
        let feedback = closed_feedback(store, person, framework, self_levels, today).await?;
        Self::with_feedback(store, person, &feedback).await
    }

    /// With the closed requests' results already read ([`closed_feedback`]).
    pub async fn with_feedback(
        store: &dyn Backend,
        person: PersonId,
        feedback: &[(NaiveDate, Results)],
    ) -> Result<Self> {
        Ok(Self {
            feedback: FeedbackLevels::from_results(feedback.iter().map(|(_, r)| r)),
            evidence: store.evidence_counts(person).await?,
            citations: store.debrief_citations(person).await?,
        })
    }

    /// Readiness for `role` from these self levels.
    pub fn readiness(&self, framework: &Framework, role: &Role, levels: &Levels) -> Readiness {
        let mut r = readiness::assess_with_feedback(
            framework,
            role,
            levels,
            &self.feedback,
            &self.evidence,
        );
        r.cite(&self.citations);
        r
    }
}

/// The answers of a request as the domain reads them: competencies the
/// framework does not know and levels off its scale are dropped.
fn responses(framework: &Framework, stored: Vec<StoredResponse>) -> Vec<(Group, Response)> {
    stored
        .into_iter()
        .map(|r| {
            let answers = r
                .answers
                .into_iter()
                .filter_map(|(id, level, comment)| {
                    let c = framework.competency(&id)?;
                    let rating = match level {
                        None => Rating::NotObserved,
                        Some(l) => Rating::Level(framework.scale.level("level", l).ok()?),
                    };
                    Some((c.id.clone(), Answer { rating, comment }))
                })
                .collect();
            (
                r.group,
                Response {
                    answers,
                    overall: r.overall,
                },
            )
        })
        .collect()
}

/// The results of one of the person's requests, with the anonymity rules
/// applied and the person's latest self-assessment beside them; only once
/// the request has closed (while raters can still answer, a change in the
/// figures could tell who just did).
pub async fn feedback_results(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    request: &FeedbackRequestRecord,
    today: NaiveDate,
) -> Result<Results> {
    let self_levels = latest_self_levels(store, person, framework)
        .await?
        .map(|(_, l)| l)
        .unwrap_or_default();
    results_with(store, person, framework, request, &self_levels, today).await
}

/// [`feedback_results`] with the self levels already read.
pub(crate) async fn results_with(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    request: &FeedbackRequestRecord,
    self_levels: &Levels,
    today: NaiveDate,
) -> Result<Results> {
    if request.closed(today).is_none() {
        return Err(StoreError::Conflict(format!(
            "the results of feedback request {} are shown once it closes (after {}, or when you close it): \
             while raters can still answer, a change in the figures could tell who just did",
            request.id, request.closes_on
        )));
    }
    if let Some(imported) = &request.imported {
        return Ok(imported.results(framework, self_levels, request.minimums));
    }
    let stored = store.feedback_responses(person, request.id).await?;
    let asked: Vec<CompetencyId> = request
        .competencies
        .iter()
        .filter_map(|id| framework.competency(id).map(|c| c.id.clone()))
        .collect();
    Ok(feedback::results(
        framework,
        &asked,
        self_levels,
        request.minimums,
        &responses(framework, stored),
    ))
}

/// Every closed request's visible results with the day it closed, oldest
/// first (by closing day).
pub async fn closed_feedback(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    self_levels: &Levels,
    today: NaiveDate,
) -> Result<Vec<(NaiveDate, Results)>> {
    let mut closed: Vec<(NaiveDate, FeedbackRequestRecord)> = store
        .feedback_requests(person)
        .await?
        .into_iter()
        .filter_map(|r| r.closed(today).map(|d| (d, r)))
        .collect();
    closed.sort_by_key(|(d, r)| (*d, r.id));
    let mut all = Vec::with_capacity(closed.len());
    for (d, r) in &closed {
        all.push((
            *d,
            results_with(store, person, framework, r, self_levels, today).await?,
        ));
    }
    Ok(all)
}

/// What closed requests' visible feedback says, for readiness (oldest
/// first, so the latest request with visible feedback on a competency wins).
pub async fn feedback_levels(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    self_levels: &Levels,
    today: NaiveDate,
) -> Result<FeedbackLevels> {
    let all = closed_feedback(store, person, framework, self_levels, today).await?;
    Ok(FeedbackLevels::from_results(all.iter().map(|(_, r)| r)))
}

/// What progress and the packet are worked out from, each read once.
struct Record {
    assessments: Vec<AssessmentRecord>,
    self_levels: Option<Levels>,
    feedback: Vec<(NaiveDate, Results)>,
    items: Vec<leap_core::progress::ItemPoint>,
    plan: crate::PlanRecord,
    entries: Vec<leap_core::progress::EntryPoint>,
    journal: Vec<crate::EvidenceRecord>,
}

impl Record {
    async fn read(
        store: &dyn Backend,
        person: PersonId,
        framework: &Framework,
        today: NaiveDate,
    ) -> Result<Self> {
        use leap_core::progress::{EntryPoint, ItemPoint};
        let corrupt = |e: leap_core::InvalidValue| StoreError::Corrupt(e.to_string());
        let assessments = store.assessments(person).await?;
        let self_levels = assessments
            .iter()
            .rev()
            .find(|a| a.source == "self")
            .map(|a| Levels::from_stored(framework, a.levels.clone()));
        let feedback = closed_feedback(
            store,
            person,
            framework,
            &self_levels.clone().unwrap_or_default(),
            today,
        )
        .await?;
        let plan = store.plan(person).await?;
        let items = plan
            .items
            .iter()
            .map(|i| {
                Ok(ItemPoint {
                    kind: leap_core::ActionKind::parse("kind", &i.kind).map_err(corrupt)?,
                    status: leap_core::transfer::ItemStatus::parse("status", &i.status)
                        .map_err(corrupt)?,
                    title: i.title.clone(),
                    closed_on: i.closed_on,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let journal = store.journal(person, None).await?;
        let entries = journal
            .iter()
            .map(|e| {
                Ok(EntryPoint {
                    id: e.id,
                    date: e.date,
                    kind: leap_core::evidence::EvidenceKind::parse("kind", &e.kind)
                        .map_err(corrupt)?,
                    text: e.text.clone(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            assessments,
            self_levels,
            feedback,
            items,
            plan,
            entries,
            journal,
        })
    }

    /// Readiness for `role` now; none before the first self-assessment.
    async fn readiness(
        &self,
        store: &dyn Backend,
        person: PersonId,
        framework: &Framework,
        role: &Role,
    ) -> Result<Option<Readiness>> {
        let Some(levels) = &self.self_levels else {
            return Ok(None);
        };
        let judged = Judged::with_feedback(store, person, &self.feedback).await?;
        Ok(Some(judged.readiness(framework, role, levels)))
    }
}

/// Progress over time and the measures of success (`leap progress`, the
/// progress page): from check-ins, self-assessments, the plan, the journal
/// and closed 360 requests.
pub async fn progress(
    store: &dyn Backend,
    profile: &crate::Profile,
    framework: &Framework,
    today: NaiveDate,
) -> Result<leap_core::progress::Progress> {
    use leap_core::progress::{self, CheckinPoint, Sources};
    let person = profile.person;
    let record = Record::read(store, person, framework, today).await?;
    let checkins: Vec<CheckinPoint> = store
        .checkins(person)
        .await?
        .into_iter()
        .map(|c| CheckinPoint {
            held_on: c.held_on,
            readiness: c.readiness_percent,
            levels: c
                .levels
                .into_iter()
                .map(|l| (l.competency, (l.level, l.expected)))
                .collect(),
        })
        .collect();
    let self_assessments: Vec<_> = record
        .assessments
        .iter()
        .filter(|a| a.source == "self")
        .map(|a| {
            let levels = a
                .levels
                .iter()
                .filter_map(|(c, l)| Some((c.clone(), u8::try_from(*l).ok()?)))
                .collect();
            (a.date, levels)
        })
        .collect();
    let now = match framework.role(&profile.target_role) {
        Some(role) => record.readiness(store, person, framework, role).await?,
        None => None,
    };
    Ok(progress::progress(
        &Sources {
            checkins: &checkins,
            self_assessments: &self_assessments,
            items: &record.items,
            journal: &record.entries,
            feedback: &record.feedback,
            now: now.as_ref(),
        },
        today,
    ))
}

/// How a plan is asked for: its horizon, the pace (pieces of work at once;
/// `None` keeps the last plan's, or the default), and whether to build a
/// management plan although the fit check says technical.
#[derive(Debug, Clone, Copy)]
pub struct PlanOptions {
    pub horizon_months: u32,
    pub at_once: Option<u32>,
    pub despite_fit: bool,
}

/// A plan made and stored: as stored, as proposed, and the readiness it
/// was made from.
#[derive(Debug)]
pub struct MadePlan {
    pub record: crate::PlanRecord,
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
/// journal, the plan's finished and open actions, and the opportunities
/// lost with what their debriefs cite.
async fn plan_record(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    plan: &crate::PlanRecord,
) -> Result<leap_core::plan::Record> {
    let fit = store.fit_checks(person).await?.pop().and_then(|f| {
        // A fit check taken on another framework's statements is not read.
        let answers = leap_core::fit::answers_from(framework, f.answers).ok()?;
        Some(leap_core::fit::score(framework, &answers))
    });
    let journal = store
        .journal(person, None)
        .await?
        .into_iter()
        .map(|e| e.text)
        .collect();
    let action_of = |i: &crate::PlanItemRecord| {
        i.action
            .as_deref()
            .and_then(|a| framework.action(a))
            .map(|a| a.id.clone())
    };
    let done = plan
        .items
        .iter()
        .filter(|i| i.status == "done")
        .filter_map(action_of)
        .collect();
    let under_way = plan
        .items
        .iter()
        .filter(|i| i.status == "todo")
        .filter_map(action_of)
        .collect();
    let rejections = store
        .opportunities(person)
        .await?
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
                .filter_map(|c| framework.competency(c).map(|c| c.id.clone()))
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
    })
}

/// Generates a new plan toward `role` and stores it: done and dropped
/// actions are not proposed again; finished items are kept. `None` before
/// the first assessment; [`PlanOutcome::Held`], storing nothing, when the
/// fit check points to the technical track and the person has not
/// confirmed a management plan all the same.
pub async fn generate_plan(
    store: &dyn Backend,
    profile: &crate::Profile,
    framework: &Framework,
    role: &Role,
    options: PlanOptions,
    today: NaiveDate,
) -> Result<Option<PlanOutcome>> {
    let person = profile.person;
    let Some((_, levels)) = latest_self_levels(store, person, framework).await? else {
        return Ok(None);
    };
    let judged = Judged::read(store, person, framework, &levels, today).await?;
    let readiness = judged.readiness(framework, role, &levels);
    let current_role = framework.role(&profile.current_role);
    let now = current_role.map(|r| judged.readiness(framework, r, &levels));
    let current = store.plan(person).await?;
    let exclude: std::collections::BTreeSet<leap_core::framework::ActionId> = current
        .items
        .iter()
        .filter(|i| i.status != "todo")
        .filter_map(|i| i.action.as_deref())
        .filter_map(|a| framework.action(a))
        .map(|a| a.id.clone())
        .collect();
    let record = plan_record(store, person, framework, &current).await?;
    let at_once = options
        .at_once
        .or(current.at_once)
        .unwrap_or(leap_core::plan::DEFAULT_AT_ONCE);
    let proposal = match leap_core::plan::generate(&leap_core::plan::Request {
        framework,
        role,
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
    }) {
        Ok(p) => p,
        Err(hold) => return Ok(Some(PlanOutcome::Held(hold))),
    };
    let stored = store
        .replace_plan(
            person,
            crate::NewPlan {
                target_role: role.id.as_str(),
                horizon_months: options.horizon_months,
                at_once: proposal.at_once,
                notes: &proposal.notes,
                today,
                items: &proposal.items,
            },
        )
        .await?;
    Ok(Some(PlanOutcome::Made(Box::new(MadePlan {
        record: stored,
        proposal,
        readiness,
    }))))
}

/// Seed 000's word on technical certifications, for a journal entry about
/// to be logged toward a management target: said once, the first time a
/// certification shows up in the journal (read before the entry is added).
pub async fn certification_note(
    store: &dyn Backend,
    profile: &crate::Profile,
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

/// Plan items due within this many days count as due in the summary.
pub const DUE_WITHIN_DAYS: i64 = 30;
pub const TOP_GAPS: usize = 3;
pub const RECENT_EVIDENCE: u32 = 5;

/// What to do next, in the order the loop goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    FitCheck,
    Assess,
    GeneratePlan,
    /// Critical competencies with no evidence.
    Evidence(Vec<String>),
    /// The first overdue plan item.
    Overdue(i64),
}

impl Next {
    pub fn text(&self) -> String {
        match self {
            Self::FitCheck => "Take the fit check.".to_owned(),
            Self::Assess => "Assess yourself against every competency.".to_owned(),
            Self::GeneratePlan => "Turn your gaps into a plan.".to_owned(),
            Self::Evidence(ids) => format!("Record evidence for {}.", ids.join(", ")),
            Self::Overdue(id) => format!("Plan item #{id} is overdue: finish it or drop it."),
        }
    }

    /// The command that does it.
    pub fn command(&self) -> String {
        match self {
            Self::FitCheck => "leap fit".to_owned(),
            Self::Assess => "leap assess".to_owned(),
            Self::GeneratePlan => "leap plan generate".to_owned(),
            Self::Evidence(_) => "leap log TEXT --competency ID".to_owned(),
            Self::Overdue(id) => format!("leap plan done {id}"),
        }
    }
}

/// Where a person stands, on one screen: `leap status` and the API's
/// `/api/v1/status`.
#[derive(Debug, Clone)]
pub struct Status {
    pub profile: crate::Profile,
    pub framework_id: String,
    pub readiness: Option<Readiness>,
    pub due: Vec<crate::PlanItemRecord>,
    pub recent: Vec<crate::EvidenceRecord>,
    pub last_fit: Option<crate::FitRecord>,
    pub next: Vec<Next>,
    /// What the latest plan said first.
    pub plan_notes: Vec<String>,
}

pub async fn status(
    store: &dyn Backend,
    profile: &crate::Profile,
    framework: &Framework,
    today: NaiveDate,
) -> Result<Status> {
    let person = profile.person;
    // One read of the history: whether there is an assessment, and readiness.
    let latest = latest_self_levels(store, person, framework).await?;
    let assessed = latest.is_some();
    let readiness = match (framework.role(&profile.target_role), latest) {
        (Some(role), Some((_, levels))) => Some(
            Judged::read(store, person, framework, &levels, today)
                .await?
                .readiness(framework, role, &levels),
        ),
        _ => None,
    };
    let plan = store.plan(person).await?;
    let horizon = today + chrono::Duration::days(DUE_WITHIN_DAYS);
    let due: Vec<crate::PlanItemRecord> = plan
        .items
        .iter()
        .filter(|i| i.status == "todo" && i.due <= horizon)
        .cloned()
        .collect();
    let recent = store.recent_evidence(person, RECENT_EVIDENCE).await?;
    let last_fit = store.fit_checks(person).await?.pop();
    let mut next = Vec::new();
    if last_fit.is_none() {
        next.push(Next::FitCheck);
    }
    if !assessed {
        next.push(Next::Assess);
    } else if plan.items.is_empty() {
        next.push(Next::GeneratePlan);
    }
    if let Some(r) = &readiness {
        if !r.missing_evidence.is_empty() {
            // Names, as the person reads them.
            next.push(Next::Evidence(
                r.missing_evidence
                    .iter()
                    .map(|c| {
                        framework
                            .competency(c.as_str())
                            .map_or(c.to_string(), |x| x.name.clone())
                    })
                    .collect(),
            ));
        }
    }
    if let Some(overdue) = due.iter().find(|i| i.due < today) {
        next.push(Next::Overdue(overdue.id));
    }
    Ok(Status {
        profile: profile.clone(),
        framework_id: framework.id.clone(),
        readiness,
        due,
        recent,
        last_fit,
        next,
        plan_notes: plan.notes,
    })
}

impl<'a> crate::NewEvidence<'a> {
    /// A validated journal entry, as the store writes it.
    pub fn from_entry(e: &'a leap_core::evidence::NewEntry, today: NaiveDate) -> Self {
        Self {
            date: e.date,
            text: e.text.as_str(),
            kind: e.kind.as_str(),
            competencies: &e.competencies,
            today,
            correction: e.correction.as_ref(),
        }
    }
}

/// A plan item just closed, and what its note showed besides the item's
/// own competencies.
pub struct ClosedItem {
    pub item: crate::PlanItemRecord,
    /// Competencies leap read in the note that the item did not have, with
    /// why; a done item now counts as evidence of them too.
    pub also: Vec<leap_core::tagging::Suggestion>,
}

/// Closes a plan item. A done item's note is tagged like a journal entry
/// (the same tagger, learning from the person's corrections); what it
/// shows beyond the item's own competencies is added to them.
pub async fn close_plan_item(
    store: &dyn Store,
    person: PersonId,
    framework: &Framework,
    id: i64,
    closing: crate::Closing,
    today: NaiveDate,
    note: Option<&str>,
) -> Result<ClosedItem> {
    let before: Vec<String> = store
        .plan(person)
        .await?
        .items
        .into_iter()
        .find(|i| i.id == id)
        .map(|i| i.competencies)
        .unwrap_or_default();
    let also: Vec<leap_core::tagging::Suggestion> = match (closing, note) {
        (crate::Closing::Done, Some(note)) => {
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
            .filter(|s| !before.iter().any(|c| c == s.competency.as_str()))
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

/// Scores a fit check and keeps it in the person's history.
pub async fn take_fit_check(
    store: &dyn Store,
    profile: &crate::Profile,
    framework: &Framework,
    answers: &leap_core::fit::FitAnswers,
    date: NaiveDate,
) -> Result<leap_core::fit::FitResult> {
    let result = leap_core::fit::score(framework, answers);
    store
        .add_fit_check(
            profile.person,
            &profile.framework_hash,
            date,
            answers,
            &result,
        )
        .await?;
    Ok(result)
}

/// Everything dated that is still to do, for the agenda and the calendar.
pub async fn agenda_sources(
    store: &dyn Backend,
    person: PersonId,
    today: NaiveDate,
) -> Result<leap_core::agenda::Sources> {
    let plan = store.plan(person).await?;
    let contacts = store.contacts(person).await?;
    let opportunities = store.opportunities(person).await?;
    let requests = store.feedback_requests(person).await?;
    Ok(leap_core::agenda::Sources {
        plan_items: plan
            .items
            .iter()
            .filter(|i| i.status == "todo")
            .map(|i| (i.id, i.title.clone(), i.due))
            .collect(),
        follow_ups: contacts
            .iter()
            .map(|c| (c.id, c.name.clone(), c.follow_up_on()))
            .collect(),
        next_steps: opportunities
            .iter()
            .filter(|o| !o.stage.is_closed())
            .filter_map(|o| {
                let step = o.next_step.as_ref()?;
                Some((
                    o.id,
                    format!("{}: {}", o.organisation, o.title),
                    step.text.clone(),
                    step.on?,
                ))
            })
            .collect(),
        check_in_due: store.checkin_schedule(person).await?.due_on(),
        feedback: requests
            .iter()
            .filter(|r| r.closed(today).is_none())
            .map(|r| (r.id, r.closes_on))
            .collect(),
    })
}

/// A recorded check-in and readiness before and after it.
pub struct CheckinOutcome {
    pub id: i64,
    pub checkin: leap_core::checkin::NewCheckin,
    pub before: Readiness,
    pub after: Readiness,
    /// The previous check-in's readiness, to say what changed since.
    pub previous_percent: Option<u32>,
    /// What the reflections show, by the journal's tagger.
    pub reflection: leap_core::checkin::Reflection,
}

/// Records a check-in toward the person's target: a new self-assessment
/// when levels changed, and a snapshot of readiness and levels.
pub async fn record_checkin(
    store: &dyn Backend,
    profile: &crate::Profile,
    framework: &Framework,
    input: leap_core::checkin::CheckinInput<'_>,
    today: NaiveDate,
) -> Result<std::result::Result<CheckinOutcome, leap_core::InvalidValue>> {
    let person = profile.person;
    let role = match framework.parse_role("target", &profile.target_role) {
        Ok(r) => r,
        Err(e) => return Ok(Err(e)),
    };
    let previous = latest_self_levels(store, person, framework)
        .await?
        .map(|(_, l)| l);
    let checkin = match leap_core::checkin::NewCheckin::parse(framework, input, previous.as_ref()) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    // A parsed check-in had a previous self-assessment to re-rate.
    let Some(previous) = previous else {
        return Ok(Err(leap_core::InvalidValue::new(
            "rate",
            "",
            "a self-assessment first",
        )));
    };
    let judged = Judged::read(store, person, framework, &previous, today).await?;
    let before = judged.readiness(framework, role, &previous);
    let after = match &checkin.reassessment {
        Some(levels) => judged.readiness(framework, role, levels),
        None => before.clone(),
    };
    let previous_percent = store
        .checkins(person)
        .await?
        .last()
        .map(|c| c.readiness_percent);
    let id = store
        .add_checkin(
            person,
            crate::career::NewCheckinRecord {
                held_on: today,
                went_well: checkin.went_well.as_deref(),
                went_badly: checkin.went_badly.as_deref(),
                plan_review: checkin.plan_review.as_deref(),
                target_role: role.id.as_str(),
                framework_hash: &profile.framework_hash,
                readiness_percent: after.percent(),
                levels: after
                    .competencies
                    .iter()
                    .map(|c| (c.id.to_string(), c.current, c.expected))
                    .collect(),
                reassessment: checkin.reassessment.as_ref(),
            },
        )
        .await?;
    let corrections = store.tag_corrections(person).await?;
    let reflection = leap_core::checkin::Reflection::read(
        framework,
        checkin.went_well.as_deref(),
        checkin.went_badly.as_deref(),
        &corrections,
    );
    Ok(Ok(CheckinOutcome {
        id,
        checkin,
        before,
        after,
        previous_percent,
        reflection,
    }))
}

/// The debrief summary across all of the person's opportunities.
pub fn debrief_summary(
    framework: &Framework,
    opportunities: &[crate::career::OpportunityRecord],
) -> leap_core::opportunity::DebriefSummary {
    let mut debriefs: Vec<&crate::career::DebriefRecord> =
        opportunities.iter().flat_map(|o| &o.debriefs).collect();
    debriefs.sort_by(|a, b| b.held_on.cmp(&a.held_on).then(b.id.cmp(&a.id)));
    leap_core::opportunity::summary(
        framework,
        debriefs
            .iter()
            .map(|d| (d.competencies.as_slice(), d.chosen_experience.as_deref())),
    )
}

/// The interaction dates the networking counts need: the weeks shown and
/// a year before them, for the streak.
pub async fn networking_dates(
    store: &dyn Backend,
    person: PersonId,
    today: NaiveDate,
) -> Result<Vec<NaiveDate>> {
    let since = leap_core::contact::week_start(today)
        - chrono::Duration::weeks(leap_core::contact::WEEKS_SHOWN as i64 + 52);
    store.interaction_dates(person, since).await
}

/// The promotion packet toward `role`; `None` before the first
/// self-assessment.
pub async fn packet(
    store: &dyn Backend,
    profile: &crate::Profile,
    framework: &Framework,
    role: &Role,
    today: NaiveDate,
) -> Result<Option<leap_core::packet::Packet>> {
    use leap_core::packet::{self, Entry, Item, Sources};
    let person = profile.person;
    let record = Record::read(store, person, framework, today).await?;
    let Some(readiness) = record.readiness(store, person, framework, role).await? else {
        return Ok(None);
    };
    let entries: Vec<Entry<'_>> = record
        .journal
        .iter()
        .map(|e| Entry {
            id: e.id,
            date: e.date,
            text: &e.text,
            competencies: &e.competencies,
        })
        .collect();
    let items: Vec<Item<'_>> = record
        .plan
        .items
        .iter()
        .map(|i| Item {
            id: i.id,
            title: &i.title,
            done_on: i.closed_on.filter(|_| i.status == "done"),
            open: i.status == "todo",
            due: i.due,
            note: i.note.as_deref(),
            competencies: &i.competencies,
        })
        .collect();
    let current = framework
        .role(&profile.current_role)
        .map_or_else(|| profile.current_role.clone(), |r| r.name.clone());
    let leadership = leap_core::progress::leadership(&record.items, &record.entries);
    Ok(Some(packet::build(
        &Sources {
            name: &profile.name,
            current_role: &current,
            readiness: &readiness,
            journal: &entries,
            items: &items,
            feedback: &record.feedback,
            leadership: &leadership,
        },
        today,
    )))
}

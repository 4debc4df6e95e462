//! Progress over time: readiness, levels and evidence, from the person's
//! whole record, read once.

use chrono::NaiveDate;
use leap_core::assessment::Levels;
use leap_core::feedback::Results;
use leap_core::readiness::Readiness;
use leap_core::{Framework, Role};
use leap_store::{AssessmentRecord, Backend, PersonId};

use crate::feedback::closed_feedback;
use crate::readiness::Judged;
use crate::Result;

/// What progress and the packet are worked out from, each read once.
pub(crate) struct Record {
    pub(crate) assessments: Vec<AssessmentRecord>,
    pub(crate) self_levels: Option<Levels>,
    pub(crate) feedback: Vec<(NaiveDate, Results)>,
    pub(crate) items: Vec<leap_core::progress::ItemPoint>,
    pub(crate) plan: leap_store::PlanRecord,
    pub(crate) entries: Vec<leap_core::progress::EntryPoint>,
    pub(crate) journal: Vec<leap_store::EvidenceRecord>,
}

/// A journal entry as progress (and the plan, through it) reads it.
pub(crate) fn entry_point(e: &leap_store::EvidenceRecord) -> leap_core::progress::EntryPoint {
    leap_core::progress::EntryPoint {
        id: e.id,
        date: e.date,
        kind: e.kind,
        text: e.text.clone(),
        names_gap: e.names_gap,
        competencies: e.competencies.clone(),
    }
}

impl Record {
    pub(crate) async fn read(
        store: &dyn Backend,
        person: PersonId,
        framework: &Framework,
        today: NaiveDate,
    ) -> Result<Self> {
        use leap_core::progress::ItemPoint;
        let assessments = store.assessments(person).await?;
        let self_levels = assessments
            .iter()
            .rev()
            .find(|a| a.source == leap_core::assessment::Source::SelfRating)
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
            .map(|i| ItemPoint {
                kind: i.kind,
                status: i.status,
                title: i.title.clone(),
                closed_on: i.closed_on,
            })
            .collect();
        let journal = store.journal(person, None).await?;
        let entries = journal.iter().map(entry_point).collect();
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
    pub(crate) async fn readiness(
        &self,
        store: &dyn Backend,
        person: PersonId,
        framework: &Framework,
        role: &Role,
        held: Option<&Role>,
    ) -> Result<Option<Readiness>> {
        let Some(levels) = &self.self_levels else {
            return Ok(None);
        };
        let judged = Judged::with_feedback(store, person, framework, &self.feedback).await?;
        Ok(Some(judged.readiness(framework, role, levels, held)))
    }
}

/// Progress over time and the measures of success (`leap progress`, the
/// progress page): from check-ins, self-assessments, the plan, the journal
/// and closed 360 requests.
pub async fn progress(
    store: &dyn Backend,
    profile: &leap_store::Profile,
    framework: &Framework,
    today: NaiveDate,
) -> Result<leap_core::progress::Progress> {
    use leap_core::progress::{self, Sources};
    let person = profile.person;
    let record = Record::read(store, person, framework, today).await?;
    let checkins = checkin_points(store, person).await?;
    let self_assessments: Vec<_> = record
        .assessments
        .iter()
        .filter(|a| a.source == leap_core::assessment::Source::SelfRating)
        .map(|a| {
            let levels = a
                .levels
                .iter()
                .filter_map(|(c, l)| Some((c.clone(), u8::try_from(*l).ok()?)))
                .collect();
            (a.date, levels)
        })
        .collect();
    let role = framework.role(&profile.target_role);
    let held_role = framework.role(&profile.current_role);
    let now = match role {
        Some(role) => {
            record
                .readiness(store, person, framework, role, held_role)
                .await?
        }
        None => None,
    };
    // The job held, for what comes first while it is still to master.
    let job = match held_role {
        Some(held) if Some(held.id.as_str()) != role.map(|r| r.id.as_str()) => {
            record
                .readiness(store, person, framework, held, None)
                .await?
        }
        _ => None,
    };
    let self_assessed = match role {
        Some(role) => self_assessed(framework, role, &record.assessments),
        None => Vec::new(),
    };
    Ok(progress::progress(
        &Sources {
            checkins: &checkins,
            self_assessments: &self_assessments,
            self_assessed: &self_assessed,
            items: &record.items,
            journal: &record.entries,
            feedback: &record.feedback,
            now: now.as_ref(),
            job: job.as_ref(),
        },
        today,
    ))
}

/// Every check-in's snapshot, oldest first.
async fn checkin_points(
    store: &dyn Backend,
    person: PersonId,
) -> Result<Vec<leap_core::progress::CheckinPoint>> {
    Ok(store
        .checkins(person)
        .await?
        .into_iter()
        .map(|c| leap_core::progress::CheckinPoint {
            held_on: c.held_on,
            readiness: c.readiness_percent,
            levels: c
                .levels
                .into_iter()
                .map(|l| (l.competency, (l.level, l.expected)))
                .collect(),
        })
        .collect())
}

/// Each self-assessment's readiness for `role`, as rated that day.
fn self_assessed(
    framework: &Framework,
    role: &Role,
    assessments: &[AssessmentRecord],
) -> Vec<(NaiveDate, u32)> {
    assessments
        .iter()
        .filter(|a| a.source == leap_core::assessment::Source::SelfRating)
        .map(|a| {
            let levels = Levels::from_stored(framework, a.levels.clone());
            let judged =
                leap_core::readiness::assess(framework, role, &levels, &Default::default());
            (a.date, judged.percent())
        })
        .collect()
}

/// Readiness over time toward `role`, as the dashboard and Progress draw
/// it (see [`leap_core::progress::readiness_over_time`]): from the
/// check-ins, the person's `assessments` (already read) and `now`, today's
/// readiness as judged with 360 feedback.
pub async fn readiness_over_time(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    role: &Role,
    assessments: &[AssessmentRecord],
    now: Option<&Readiness>,
    today: NaiveDate,
) -> Result<Vec<leap_core::progress::ReadinessPoint>> {
    let checkins = checkin_points(store, person).await?;
    Ok(leap_core::progress::readiness_over_time(
        &checkins,
        &self_assessed(framework, role, assessments),
        now.map(Readiness::percent),
        today,
    ))
}

//! Readiness for a role: the one path from a person's self-assessment,
//! their visible 360 feedback and their evidence to a judgement ([`Judged`]).

use chrono::NaiveDate;
use leap_core::assessment::{Levels, Source};
use leap_core::feedback::{FeedbackLevels, Results};
use leap_core::readiness::{self, Readiness};
use leap_core::{Framework, Role};
use leap_store::{AssessmentRecord, Backend, PersonId, Store};

use crate::feedback::closed_feedback;
use crate::{AppError, Result};

/// The latest self-assessment, with its levels read against `framework`
/// (competencies the framework no longer has are dropped).
pub async fn latest_self_levels(
    store: &dyn Store,
    person: PersonId,
    framework: &Framework,
) -> Result<Option<(AssessmentRecord, Levels)>> {
    latest_levels(store, person, framework, Source::SelfRating).await
}

/// The latest assessment by `source`, with its levels read against
/// `framework`.
async fn latest_levels(
    store: &dyn Store,
    person: PersonId,
    framework: &Framework,
    source: Source,
) -> Result<Option<(AssessmentRecord, Levels)>> {
    let all = store.assessments(person).await?;
    Ok(all.into_iter().rev().find(|a| a.source == source).map(|a| {
        let levels = Levels::from_stored(framework, a.levels.clone());
        (a, levels)
    }))
}

/// The latest rating by the person's manager on `framework`, with its
/// levels; none when no manager has rated them.
pub async fn latest_manager_levels(
    store: &dyn Store,
    person: PersonId,
    framework: &Framework,
) -> Result<Option<(AssessmentRecord, Levels)>> {
    latest_levels(store, person, framework, Source::Manager).await
}

/// The latest self-assessment's levels, or [`AppError::NoSelfAssessment`]:
/// readiness, gaps, a plan and the packet all start from one.
pub async fn self_levels(
    store: &dyn Store,
    person: PersonId,
    framework: &Framework,
) -> Result<Levels> {
    latest_self_levels(store, person, framework)
        .await?
        .map(|(_, levels)| levels)
        .ok_or(AppError::NoSelfAssessment)
}

/// Readiness for `role` from the latest self-assessment, the visible
/// feedback of closed 360 requests and the evidence.
pub async fn readiness_for(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
    role: &Role,
    held: Option<&Role>,
    today: NaiveDate,
) -> Result<Readiness> {
    let levels = self_levels(store, person, framework).await?;
    let judged = Judged::read(store, person, framework, &levels, today).await?;
    Ok(judged.readiness(framework, role, &levels, held))
}

/// Readiness for `role` and, when it is not the role held now, step 0:
/// what the role held now counts critical and the person is below (seed
/// 004), as a sentence. One read of the record serves both.
pub async fn gap_with_step0(
    store: &dyn Backend,
    profile: &leap_store::Profile,
    framework: &Framework,
    role: &Role,
    today: NaiveDate,
) -> Result<(Readiness, Option<String>)> {
    let levels = self_levels(store, profile.person, framework).await?;
    let judged = Judged::read(store, profile.person, framework, &levels, today).await?;
    let held = framework.role(&profile.current_role);
    let step0 = held.filter(|now| now.id != role.id).and_then(|now| {
        let r = judged.readiness(framework, now, &levels, None);
        readiness::step0_note(&now.name, &readiness::step0(&r))
    });
    Ok((judged.readiness(framework, role, &levels, held), step0))
}

/// What readiness is judged on besides the self levels: the visible 360
/// feedback with the manager's rating standing for the manager where they
/// rated, the evidence counts and the debrief citations, read once.
pub struct Judged {
    feedback: FeedbackLevels,
    evidence: std::collections::BTreeMap<leap_core::CompetencyId, u32>,
    citations: std::collections::BTreeMap<leap_core::CompetencyId, u32>,
    named_gaps: std::collections::BTreeMap<leap_core::CompetencyId, u32>,
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
        Self::with_feedback(store, person, framework, &feedback).await
    }

    /// With the closed requests' results already read ([`closed_feedback`]).
    pub async fn with_feedback(
        store: &dyn Backend,
        person: PersonId,
        framework: &Framework,
        feedback: &[(NaiveDate, Results)],
    ) -> Result<Self> {
        let observed = FeedbackLevels::from_results(feedback.iter().map(|(_, r)| r));
        let observed = match latest_manager_levels(store, person, framework).await? {
            Some((_, manager)) => leap_core::rating::with_manager(observed, &manager),
            None => observed,
        };
        Ok(Self {
            feedback: observed,
            evidence: store.evidence_counts(person).await?,
            citations: store.debrief_citations(person).await?,
            named_gaps: store.named_gap_counts(person).await?,
        })
    }

    /// Readiness for `role` from these self levels, for someone who holds
    /// `held` (the move from it can ask more than the levels:
    /// [`Readiness::note_move`]).
    pub fn readiness(
        &self,
        framework: &Framework,
        role: &Role,
        levels: &Levels,
        held: Option<&Role>,
    ) -> Readiness {
        let mut r = readiness::assess_with_feedback(
            framework,
            role,
            levels,
            &self.feedback,
            &self.evidence,
        );
        r.cite(&self.citations);
        r.note_named_gaps(&self.named_gaps);
        r.note_move(framework, held);
        r
    }
}

/// What readiness is judged from, read for many people at once (the team
/// view, the bench): the stored self-assessment levels, the manager's
/// rating, and evidence and open named gaps counted by competency id.
pub struct Stored<'a> {
    pub own: &'a [(String, i64)],
    pub rated: &'a [(String, i64)],
    pub evidence: &'a [(String, i64)],
    pub named_gaps: &'a [(String, i64)],
}

/// Readiness for `role` from records read for many people at once, for
/// someone who holds `held`. None without a self-assessment. Closed 360
/// feedback is left out: it is read person by person, on the person's own
/// pages.
pub fn from_records(
    framework: &Framework,
    role: &Role,
    stored: &Stored<'_>,
    held: Option<&Role>,
) -> Option<Readiness> {
    if stored.own.is_empty() {
        return None;
    }
    let own = Levels::from_stored(framework, stored.own.to_vec());
    let rated = Levels::from_stored(framework, stored.rated.to_vec());
    let observed = leap_core::rating::with_manager(FeedbackLevels::default(), &rated);
    let counts =
        |stored: &[(String, i64)]| -> std::collections::BTreeMap<leap_core::CompetencyId, u32> {
            stored
                .iter()
                .filter_map(|(c, n)| {
                    Some((framework.competency(c)?.id.clone(), u32::try_from(*n).ok()?))
                })
                .collect()
        };
    let mut r =
        readiness::assess_with_feedback(framework, role, &own, &observed, &counts(stored.evidence));
    r.note_named_gaps(&counts(stored.named_gaps));
    r.note_move(framework, held);
    Some(r)
}

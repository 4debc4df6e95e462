//! Check-ins: recording one, with what changed since the last.

use chrono::NaiveDate;
use leap_core::readiness::Readiness;
use leap_core::Framework;
use leap_store::Backend;

use crate::readiness::{latest_self_levels, Judged};
use crate::Result;

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
    profile: &leap_store::Profile,
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
    let held = framework.role(&profile.current_role);
    let before = judged.readiness(framework, role, &previous, held);
    let after = match &checkin.reassessment {
        Some(levels) => judged.readiness(framework, role, levels, held),
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
            leap_store::NewCheckinRecord {
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

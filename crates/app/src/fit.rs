//! The fit check: management or the technical track, answered and kept.

use chrono::NaiveDate;
use leap_core::Framework;
use leap_store::Store;

use crate::Result;

/// Scores a fit check and keeps it in the person's history.
pub async fn take_fit_check(
    store: &dyn Store,
    profile: &leap_store::Profile,
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

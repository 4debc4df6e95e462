//! A manager's rating of a direct report, and the report's view of it
//! beside their own (issue #20). The rating is an input of readiness
//! through [`crate::readiness::Judged`].

use chrono::NaiveDate;
use leap_core::assessment::Levels;
use leap_core::rating::{self, Difference};
use leap_core::{Framework, InvalidValue};
use leap_store::sharing::Reader;
use leap_store::{Backend, PersonId};
use serde::Serialize;

use crate::readiness::{latest_manager_levels, latest_self_levels};
use crate::Result;

/// The levels a manager chose, as `(competency id, level)` pairs from a
/// form or a body; an empty level is a competency left unrated. At least
/// one competency must be rated.
pub fn levels<'a>(
    framework: &Framework,
    chosen: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Levels> {
    let mut levels = Levels::default();
    for (id, value) in chosen {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let competency = framework.parse_competency("competency", id)?;
        let field = format!("level for '{id}'");
        let n: i64 = value.parse().map_err(|_| {
            InvalidValue::new(
                &field,
                value,
                format!(
                    "a whole number from {} to {}",
                    framework.scale.min, framework.scale.max
                ),
            )
        })?;
        levels.set(competency, framework.scale.level(&field, n)?);
    }
    if levels.is_empty() {
        return Err(InvalidValue::new("levels", "(none)", "at least one competency rated").into());
    }
    Ok(levels)
}

/// Rates a direct report on their framework, dated `today`.
pub async fn rate(
    store: &dyn Backend,
    manager: Reader<'_>,
    person: PersonId,
    levels: &Levels,
    today: NaiveDate,
) -> Result<i64> {
    Ok(store.rate(manager, person, today, levels).await?)
}

/// The person's own levels beside their manager's latest rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Comparison {
    /// The manager who rated, by username.
    pub rated_by: Option<String>,
    /// Their name, as the organisation knows them (else the username).
    pub rated_by_name: Option<String>,
    pub rated_on: NaiveDate,
    pub competencies: Vec<Difference>,
    /// How many differences are flagged to talk about.
    pub flagged: usize,
}

/// None until a manager has rated the person.
pub async fn comparison(
    store: &dyn Backend,
    person: PersonId,
    framework: &Framework,
) -> Result<Option<Comparison>> {
    let Some((record, manager)) = latest_manager_levels(store, person, framework).await? else {
        return Ok(None);
    };
    let own = latest_self_levels(store, person, framework)
        .await?
        .map(|(_, l)| l)
        .unwrap_or_default();
    // What the manager rated comes first, what to talk about before it;
    // the framework's order within each.
    let mut competencies = rating::compare(framework, &own, &manager);
    competencies.sort_by_key(|d| (!d.flagged, d.manager.is_none()));
    let rated_by_name = match &record.rated_by {
        Some(u) => Some(
            store
                .member(&u.to_lowercase())
                .await?
                .map_or_else(|| u.clone(), |m| m.member.name),
        ),
        None => None,
    };
    Ok(Some(Comparison {
        rated_by: record.rated_by,
        rated_by_name,
        rated_on: record.date,
        flagged: competencies.iter().filter(|d| d.flagged).count(),
        competencies,
    }))
}

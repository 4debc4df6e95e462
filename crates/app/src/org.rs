//! The organisation: teams, people and reporting lines, administered by an
//! admin (import and export as CSV); and what a person lets their
//! reporting line see.

use std::collections::{BTreeMap, BTreeSet};

use leap_core::org::{self, Member};
use leap_core::sharing::{Part, Reach};
use leap_store::{Backend, ImportCounts, LineSharing, PersonId};
use serde::Serialize;

use crate::{AppError, Result};

/// What an import of the organisation's file did, or would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ImportOutcome {
    /// True when nothing was written (a dry run).
    pub dry_run: bool,
    pub people: usize,
    pub added: usize,
    pub updated: usize,
}

/// Checks the file `name` against the organisation and, unless `dry_run`,
/// writes it in one transaction. Every problem of the file is reported at
/// once, by line and column, and nothing is written then.
pub async fn import(
    store: &dyn Backend,
    name: &str,
    text: &str,
    dry_run: bool,
) -> Result<ImportOutcome> {
    let teams: BTreeSet<String> = store.teams().await?.into_iter().map(|t| t.name).collect();
    let known: BTreeMap<String, Option<String>> = store
        .members()
        .await?
        .into_iter()
        .map(|m| (m.member.email, m.member.manager))
        .collect();
    let people: Vec<Member> = org::check(text, &teams, &known)
        .map_err(|problems| AppError::File(org::file_error(name, text, &problems)))?
        .into_iter()
        .map(|p| p.member)
        .collect();
    let counts = if dry_run {
        let updated = people
            .iter()
            .filter(|p| known.contains_key(&p.email))
            .count();
        ImportCounts {
            added: people.len() - updated,
            updated,
        }
    } else {
        store.import_members(&people).await?
    };
    Ok(ImportOutcome {
        dry_run,
        people: people.len(),
        added: counts.added,
        updated: counts.updated,
    })
}

/// The organisation as the file [`import`] reads.
pub async fn export(store: &dyn Backend) -> Result<String> {
    let members: Vec<Member> = store
        .members()
        .await?
        .into_iter()
        .map(|m| m.member)
        .collect();
    Ok(org::to_csv(&members)?)
}

pub async fn add_team(store: &dyn Backend, name: &str, parent: Option<&str>) -> Result<()> {
    let name = org::team_name(name)?;
    Ok(store.add_team(&name, parent.map(str::trim)).await?)
}

/// Renames a team (`new_name`) and places it under `parent` (none: at the
/// top).
pub async fn change_team(
    store: &dyn Backend,
    name: &str,
    new_name: Option<&str>,
    parent: Option<&str>,
) -> Result<()> {
    let new_name = org::team_name(new_name.unwrap_or(name))?;
    Ok(store
        .change_team(name.trim(), &new_name, parent.map(str::trim))
        .await?)
}

pub async fn remove_team(store: &dyn Backend, name: &str) -> Result<()> {
    Ok(store.remove_team(name.trim()).await?)
}

/// A person of the organisation as given in a form or on the command line,
/// checked.
pub fn member(
    email: &str,
    name: &str,
    team: Option<&str>,
    manager: Option<&str>,
) -> Result<Member> {
    let email = org::email("email", email)?;
    let manager = match manager.map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => Some(org::email("manager", m)?),
        None => None,
    };
    if manager.as_deref() == Some(email.as_str()) {
        return Err(AppError::Invalid(leap_core::InvalidValue::new(
            "manager",
            &email,
            "someone else's e-mail: a person cannot manage themselves",
        )));
    }
    Ok(Member {
        email,
        name: org::member_name(name)?,
        team: team
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned),
        manager,
    })
}

/// Adds or changes one person.
pub async fn put_member(store: &dyn Backend, member: &Member) -> Result<()> {
    Ok(store.put_member(member).await?)
}

pub async fn remove_member(store: &dyn Backend, email: &str) -> Result<()> {
    Ok(store.remove_member(&email.trim().to_lowercase()).await?)
}

/// The organisation's default for a part; none: nobody unless the person
/// chooses.
pub async fn set_line_default(store: &dyn Backend, part: Part, reach: Option<Reach>) -> Result<()> {
    Ok(store.set_line_default(part, reach).await?)
}

/// The smallest group the team view shows an aggregate over: at least
/// [`leap_core::team::MIN_GROUP`], and at most [`MAX_MIN_GROUP`].
pub async fn set_min_group(store: &dyn Backend, n: &str) -> Result<usize> {
    let min = leap_core::team::MIN_GROUP;
    let parsed = n
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|v| (min..=MAX_MIN_GROUP).contains(v))
        .ok_or_else(|| {
            leap_core::InvalidValue::new(
                "min-group",
                n,
                format!("a whole number from {min} to {MAX_MIN_GROUP}: never below {min}, so that no one is singled out"),
            )
        })?;
    store.set_min_group(parsed).await?;
    Ok(parsed)
}

/// The largest smallest group: beyond it no team would show anything.
pub const MAX_MIN_GROUP: usize = 50;

/// What a person's reporting line sees of each part, and who is in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Line {
    pub managers: Vec<leap_store::LineManager>,
    pub parts: Vec<LineSharing>,
}

pub async fn line(store: &dyn Backend, person: PersonId) -> Result<Line> {
    Ok(Line {
        managers: store.line_of(person).await?,
        parts: store.line_sharing(person).await?,
    })
}

/// The person's own choice for a part; none follows the organisation's
/// default.
pub async fn set_line_sharing(
    store: &dyn Backend,
    person: PersonId,
    part: Part,
    reach: Option<Reach>,
) -> Result<()> {
    Ok(store.set_line_sharing(person, part, reach).await?)
}

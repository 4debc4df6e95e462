//! Starting with leap and changing course: creating a person's profile
//! (with the built-in framework or one of their own) and switching the
//! framework together with the roles it names.

use chrono::NaiveDate;
use leap_core::Framework;
use leap_store::{AccountId, Backend, FrameworkText, NewProfile, Profile};

use crate::{AppError, Result};

/// A framework file as a person gives it.
pub struct FrameworkFile<'a> {
    /// For error messages: where each problem is (line and column).
    pub name: &'a str,
    pub content: &'a str,
}

/// The framework a file holds, checked, with its text as stored; the
/// built-in one when no file is given.
pub fn read_framework(file: Option<&FrameworkFile<'_>>) -> Result<(Framework, FrameworkText)> {
    match file {
        Some(f) => {
            let framework = Framework::load(f.name, f.content)?;
            let stored = FrameworkText::of(&framework, f.content);
            Ok((framework, stored))
        }
        None => {
            let framework = leap_core::framework::builtin()
                .map_err(|e| AppError::Internal(format!("the built-in framework: {e}")))?;
            let stored = FrameworkText::of(&framework, leap_core::framework::BUILTIN_TOML);
            Ok((framework, stored))
        }
    }
}

/// Creates the profile of an account that has none: a name, the role held
/// now and the one aimed at, both of `framework` (as [`read_framework`]
/// read it). Nothing is written unless all of it is valid.
pub async fn start(
    store: &dyn Backend,
    account: AccountId,
    name: &str,
    current_role: &str,
    target_role: &str,
    (framework, stored): &(Framework, FrameworkText),
    today: NaiveDate,
) -> Result<Profile> {
    let name = leap_core::profile::PersonName::parse(name)?;
    framework.parse_role("current_role", current_role)?;
    framework.parse_role("target", target_role)?;
    Ok(store
        .create_profile_for(
            account,
            NewProfile {
                name: name.as_str(),
                current_role,
                target_role,
                framework: stored,
                today,
            },
        )
        .await?)
}

/// Switches the person to `framework` (as [`read_framework`] read it),
/// with the roles given (or, when not given, the ones held now, which the
/// new framework must then have). Earlier assessments keep the framework
/// they were made with.
pub async fn switch_framework(
    store: &dyn Backend,
    profile: &Profile,
    (framework, stored): &(Framework, FrameworkText),
    current_role: Option<&str>,
    target_role: Option<&str>,
    today: NaiveDate,
) -> Result<()> {
    let current = current_role.unwrap_or(&profile.current_role);
    let target = target_role.unwrap_or(&profile.target_role);
    let roles = |field: &str, id: &str, given: bool| {
        framework.parse_role(field, id).map_err(|e| {
            if given {
                e
            } else {
                leap_core::InvalidValue::new(
                    field,
                    id,
                    format!(
                        "the new framework has no role '{id}': name one of its roles with it ({})",
                        framework
                            .roles
                            .iter()
                            .map(|r| r.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            }
        })
    };
    roles("current_role", current, current_role.is_some())?;
    roles("target", target, target_role.is_some())?;
    store
        .switch_framework(profile.person, stored, current, target, today)
        .await?;
    Ok(())
}

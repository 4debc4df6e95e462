//! Assessments: dated snapshots of competency levels by a source. A snapshot
//! is never overwritten; history is the point.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::answers::{self, Entry};
use crate::error::{FileError, Problems};
use crate::framework::{CompetencyId, Framework, Level};
use crate::named::named_enum;

named_enum! {
    /// Who gave an assessment.
    pub enum Source {
        SelfRating = "self",
        Manager = "manager",
        Peer = "peer",
        DirectReport = "direct-report",
        Other = "other",
    }
}

/// A level for competencies of one framework.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Levels(BTreeMap<CompetencyId, Level>);

impl Levels {
    pub fn get(&self, competency: &str) -> Option<Level> {
        self.0.get(competency).copied()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&CompetencyId, Level)> {
        self.0.iter().map(|(k, v)| (k, *v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Levels read back from storage against the framework they were made
    /// with; ids the framework does not know are dropped.
    pub fn from_stored(
        framework: &Framework,
        pairs: impl IntoIterator<Item = (String, i64)>,
    ) -> Self {
        let mut map = BTreeMap::new();
        for (id, level) in pairs {
            if let (Some(c), Ok(l)) = (
                framework.competency(&id),
                framework.scale.level("level", level),
            ) {
                map.insert(c.id.clone(), l);
            }
        }
        Levels(map)
    }

    /// Sets one level (for building a snapshot from prompts or in tests).
    pub fn set(&mut self, competency: CompetencyId, level: Level) {
        self.0.insert(competency, level);
    }
}

/// The result of reading a self-assessment: the full snapshot and which
/// competencies were carried over from the previous one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub levels: Levels,
    pub carried_over: Vec<CompetencyId>,
}

/// Completes a partial rating into a full snapshot: competencies not rated
/// keep their level from `previous`; with no previous level they are missing.
pub fn complete(
    framework: &Framework,
    rated: Levels,
    previous: Option<&Levels>,
) -> Result<Snapshot, Vec<CompetencyId>> {
    let mut levels = rated;
    let mut carried_over = Vec::new();
    let mut missing = Vec::new();
    for c in &framework.competencies {
        if levels.get(c.id.as_str()).is_some() {
            continue;
        }
        match previous.and_then(|p| p.get(c.id.as_str())) {
            Some(l) => {
                levels.set(c.id.clone(), l);
                carried_over.push(c.id.clone());
            }
            None => missing.push(c.id.clone()),
        }
    }
    if missing.is_empty() {
        Ok(Snapshot {
            levels,
            carried_over,
        })
    } else {
        Err(missing)
    }
}

/// Parses a self-assessment answers file: `[levels]` with
/// `competency-id = level`. Competencies left out keep their previous level.
pub fn parse_levels(
    framework: &Framework,
    file: &str,
    text: &str,
    previous: Option<&Levels>,
) -> Result<Snapshot, FileError> {
    let mut problems = Problems::new(file, text);
    let Some(entries) = answers::read_section(&mut problems, text, "levels") else {
        return Err(problems.into_error());
    };
    let mut rated = Levels::default();
    for Entry { key, value, span } in entries {
        let Some(value) = value else { continue };
        let competency = match framework.parse_competency("competency", &key) {
            Ok(c) => c,
            Err(e) => {
                problems.at(span, e.to_string());
                continue;
            }
        };
        match framework.scale.level(&format!("level for '{key}'"), value) {
            Ok(l) => rated.set(competency, l),
            Err(e) => problems.at(span, e.to_string()),
        }
    }
    let snapshot = match complete(framework, rated, previous) {
        Ok(s) => Some(s),
        Err(missing) => {
            let ids: Vec<&str> = missing.iter().map(CompetencyId::as_str).collect();
            problems.at(
                text.len()..text.len(),
                format!(
                    "no level for {}: this is your first assessment, so rate every competency from {} to {}",
                    ids.join(", "),
                    framework.scale.min,
                    framework.scale.max
                ),
            );
            None
        }
    };
    problems.finish()?;
    // finish() returned Ok, so complete() succeeded.
    snapshot.ok_or_else(|| FileError {
        file: file.to_owned(),
        problems: Vec::new(),
    })
}

//! A manager's team seen whole (issue #20): each person's readiness as far
//! as they share it, the competencies × people heatmap, and the gaps the
//! team shares. Aggregates (shared gaps) are only over groups of at least
//! [`MIN_GROUP`] people who share the part, so that no one is singled out
//! by a figure about the group.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::framework::{ActionKind, CompetencyId, Framework};
use crate::readiness::{Band, Readiness};

/// The smallest group an aggregate is shown over, as for 360 feedback.
pub const MIN_GROUP: usize = 3;

/// Competencies where at least [`MIN_GROUP`] people have a gap, with
/// development the framework suggests doing together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SharedGap {
    pub competency: CompetencyId,
    pub name: String,
    /// How many of the people counted have a gap there.
    pub people: usize,
    /// Out of how many (those who share their assessments).
    pub of: usize,
    /// Framework actions for the competency a group can do together,
    /// courses and workshops first.
    pub together: Vec<String>,
}

/// How many people of the group are in a readiness band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct BandCount {
    pub band: Band,
    pub people: usize,
}

/// Figures about a group as a whole: its size, average readiness and how
/// many are in each band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Summary {
    /// Those counted: the people who share their assessments.
    pub people: usize,
    /// Their average readiness for their own targets, in percent.
    pub average_readiness: u32,
    /// Every band, nearest first, with how many are in it.
    pub bands: Vec<BandCount>,
}

/// The summary of the readiness of those who share it; none when fewer
/// than `min_group` (never below [`MIN_GROUP`]) do.
pub fn summary(team: &[&Readiness], min_group: usize) -> Option<Summary> {
    if team.len() < min_group.max(MIN_GROUP) {
        return None;
    }
    let total: u32 = team.iter().map(|r| r.percent()).sum();
    let n = u32::try_from(team.len()).unwrap_or(u32::MAX);
    Some(Summary {
        people: team.len(),
        average_readiness: (f64::from(total) / f64::from(n)).round() as u32,
        bands: Band::VALUES
            .iter()
            .map(|&band| BandCount {
                band,
                people: team.iter().filter(|r| r.band == band).count(),
            })
            .collect(),
    })
}

/// The shared gaps of the readiness of those who share it; none when
/// fewer than `min_group` people do.
pub fn shared_gaps(framework: &Framework, team: &[&Readiness], min_group: usize) -> Vec<SharedGap> {
    let min_group = min_group.max(MIN_GROUP);
    if team.len() < min_group {
        return Vec::new();
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in team {
        for c in r.competencies.iter().filter(|c| c.gap > 0) {
            *counts.entry(c.id.as_str()).or_default() += 1;
        }
    }
    let mut out: Vec<SharedGap> = framework
        .competencies
        .iter()
        .filter_map(|c| {
            let n = counts.get(c.id.as_str()).copied().unwrap_or(0);
            (n >= min_group).then(|| {
                let mut actions: Vec<&crate::framework::Action> = framework
                    .actions
                    .iter()
                    .filter(|a| a.competencies.contains(&c.id) && a.advances_management)
                    .collect();
                actions.sort_by_key(|a| (a.kind != ActionKind::Education, a.effort_weeks));
                SharedGap {
                    competency: c.id.clone(),
                    name: c.name.clone(),
                    people: n,
                    of: team.len(),
                    together: actions.iter().take(2).map(|a| a.title.clone()).collect(),
                }
            })
        })
        .collect();
    out.sort_by_key(|g| std::cmp::Reverse(g.people));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Levels;
    use crate::framework::builtin;
    use crate::readiness::assess;

    fn readiness(f: &Framework, budget: i64) -> Readiness {
        let role = f.role("it-manager").expect("role");
        let mut l = Levels::default();
        for c in &f.competencies {
            let expected = role
                .expected(c.id.as_str())
                .map_or(0, |l| i64::from(l.value()));
            l.set(c.id.clone(), f.scale.level("l", expected).expect("level"));
        }
        let b = f.parse_competency("c", "budgeting-funding").expect("known");
        l.set(b, f.scale.level("l", budget).expect("level"));
        assess(f, role, &l, &BTreeMap::new())
    }

    #[test]
    fn a_gap_three_people_share_is_shown_and_two_are_not_enough() {
        let f = builtin().expect("framework");
        let three = [readiness(&f, 1), readiness(&f, 2), readiness(&f, 1)];
        let refs: Vec<&Readiness> = three.iter().collect();
        let gaps = shared_gaps(&f, &refs, 3);
        assert_eq!(gaps.len(), 1, "{gaps:#?}");
        assert_eq!(gaps[0].competency.as_str(), "budgeting-funding");
        assert_eq!((gaps[0].people, gaps[0].of), (3, 3));
        assert!(!gaps[0].together.is_empty());
        assert!(
            shared_gaps(&f, &refs[..2], 3).is_empty(),
            "two people are identifiable"
        );
        assert!(shared_gaps(&f, &refs, 1).len() == 1, "never below three");
    }

    #[test]
    fn the_summary_counts_each_band_and_needs_the_minimum() {
        let f = builtin().expect("framework");
        let three = [readiness(&f, 1), readiness(&f, 3), readiness(&f, 1)];
        let refs: Vec<&Readiness> = three.iter().collect();
        let s = summary(&refs, 3).expect("three people");
        assert_eq!(s.people, 3);
        assert_eq!(s.bands.iter().map(|b| b.people).sum::<usize>(), 3);
        let expected = (three.iter().map(|r| f64::from(r.percent())).sum::<f64>() / 3.0).round();
        assert_eq!(f64::from(s.average_readiness), expected);
        assert!(summary(&refs[..2], 3).is_none());
        assert!(summary(&refs, 4).is_none(), "the organisation raised it");
        assert!(
            summary(&refs, 1).is_some(),
            "never below three, never above what is set"
        );
    }
}

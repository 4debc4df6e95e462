//! Opportunities and interview debriefs: the summary across debriefs.

use leap_core::Framework;

/// The debrief summary across all of the person's opportunities.
pub fn debrief_summary(
    framework: &Framework,
    opportunities: &[leap_store::OpportunityRecord],
) -> leap_core::opportunity::DebriefSummary {
    let mut debriefs: Vec<&leap_store::DebriefRecord> =
        opportunities.iter().flat_map(|o| &o.debriefs).collect();
    debriefs.sort_by(|a, b| b.held_on.cmp(&a.held_on).then(b.id.cmp(&a.id)));
    leap_core::opportunity::summary(
        framework,
        debriefs
            .iter()
            .map(|d| (d.competencies.as_slice(), d.chosen_experience.as_deref())),
    )
}

//! The JSON shapes of leap's records: the command line's `--json` and the
//! web API print the same ones (the stable contract in the README).

use leap_store::{EvidenceRecord, PlanItemRecord, PlanRecord};
use serde::Serialize;

#[derive(Serialize)]
pub struct PlanItemView<'a> {
    pub id: i64,
    /// The catalog action, or null for an item of your own.
    pub action: Option<&'a str>,
    pub title: &'a str,
    pub kind: &'a str,
    pub competencies: &'a [leap_core::CompetencyId],
    pub due: String,
    pub status: &'a str,
    pub note: Option<&'a str>,
    pub closed_on: Option<String>,
    /// When to begin a generated item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starts: Option<String>,
    /// Why a generated item is in the plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<&'a str>,
}

impl<'a> From<&'a PlanItemRecord> for PlanItemView<'a> {
    fn from(i: &'a PlanItemRecord) -> Self {
        Self {
            id: i.id,
            action: i.action.as_deref(),
            title: &i.title,
            kind: i.kind.as_str(),
            competencies: &i.competencies,
            due: i.due.to_string(),
            status: i.status.as_str(),
            note: i.note.as_deref(),
            closed_on: i.closed_on.map(|d| d.to_string()),
            starts: i.starts.map(|d| d.to_string()),
            why: i.why.as_deref(),
        }
    }
}

#[derive(Serialize)]
pub struct EntryView<'a> {
    pub id: i64,
    pub date: String,
    pub text: &'a str,
    pub kind: &'a str,
    pub competencies: &'a [leap_core::CompetencyId],
}

impl<'a> From<&'a EvidenceRecord> for EntryView<'a> {
    fn from(e: &'a EvidenceRecord) -> Self {
        Self {
            id: e.id,
            date: e.date.to_string(),
            text: &e.text,
            kind: e.kind.as_str(),
            competencies: &e.competencies,
        }
    }
}

/// `plan --json`: the current plan.
#[derive(Serialize)]
pub struct PlanView<'a> {
    pub target: &'a str,
    pub horizon_months: Option<u32>,
    /// Pieces of work in flight at once.
    pub at_once: Option<u32>,
    /// What the plan says first: the fit check, step 0, the pace.
    pub notes: &'a [String],
    pub items: Vec<PlanItemView<'a>>,
}

impl<'a> PlanView<'a> {
    /// `fallback_target` is the person's target, for a plan never generated.
    pub fn new(plan: &'a PlanRecord, fallback_target: &'a str) -> Self {
        Self {
            target: plan.target_role.as_deref().unwrap_or(fallback_target),
            horizon_months: plan.horizon_months,
            at_once: plan.at_once,
            notes: &plan.notes,
            items: plan.items.iter().map(PlanItemView::from).collect(),
        }
    }
}

/// `plan generate --json` and `POST /api/v1/plan/generate`: the plan as
/// stored, with what waits beyond the horizon and the gaps no action of
/// the catalog builds.
#[derive(Serialize)]
pub struct GeneratedView<'a> {
    #[serde(flatten)]
    pub plan: PlanView<'a>,
    pub later: &'a [leap_core::plan::ProposedItem],
    pub overflow_weeks: u32,
    pub uncovered: &'a [leap_core::CompetencyId],
}

impl<'a> GeneratedView<'a> {
    pub fn new(
        plan: &'a PlanRecord,
        proposal: &'a leap_core::plan::Proposal,
        fallback_target: &'a str,
    ) -> Self {
        Self {
            plan: PlanView::new(plan, fallback_target),
            later: &proposal.later,
            overflow_weeks: proposal.overflow_weeks,
            uncovered: &proposal.uncovered,
        }
    }
}

/// `journal --json`.
#[derive(Serialize)]
pub struct JournalView<'a> {
    pub entries: Vec<EntryView<'a>>,
}

impl<'a> JournalView<'a> {
    pub fn new(entries: &'a [EvidenceRecord]) -> Self {
        Self {
            entries: entries.iter().map(EntryView::from).collect(),
        }
    }
}

#[derive(Serialize)]
pub struct GapView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub expected: u8,
    pub current: u8,
    pub gap: u8,
    pub critical: bool,
}

/// `status --json` and `GET /api/v1/status`.
#[derive(Serialize)]
pub struct StatusView<'a> {
    pub name: &'a str,
    pub current_role: &'a str,
    pub target: &'a str,
    pub framework: &'a str,
    pub readiness: Option<f64>,
    pub band: Option<leap_core::readiness::Band>,
    pub top_gaps: Vec<GapView<'a>>,
    pub due: Vec<PlanItemView<'a>>,
    pub recent_evidence: Vec<EntryView<'a>>,
    pub next: Vec<String>,
    /// The same next steps, each with the command that does it.
    pub next_steps: Vec<NextStepView>,
    /// What the latest plan said first (the fit check, step 0, the pace).
    pub plan_notes: &'a [String],
}

#[derive(Serialize)]
pub struct NextStepView {
    pub text: String,
    pub command: String,
}

impl<'a> StatusView<'a> {
    pub fn new(s: &'a crate::status::Status) -> Self {
        Self {
            name: &s.profile.name,
            current_role: &s.profile.current_role,
            target: &s.profile.target_role,
            framework: &s.framework_id,
            readiness: s.readiness.as_ref().map(|r| r.readiness),
            band: s.readiness.as_ref().map(|r| r.band),
            top_gaps: s
                .readiness
                .as_ref()
                .map(|r| {
                    r.gaps()
                        .into_iter()
                        .take(crate::status::TOP_GAPS)
                        .map(|c| GapView {
                            id: c.id.as_str(),
                            name: &c.name,
                            expected: c.expected,
                            current: c.current,
                            gap: c.gap,
                            critical: c.critical,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            due: s.due.iter().map(PlanItemView::from).collect(),
            recent_evidence: s.recent.iter().map(EntryView::from).collect(),
            next: s.next.iter().map(crate::status::Next::text).collect(),
            next_steps: s
                .next
                .iter()
                .map(|n| NextStepView {
                    text: n.text(),
                    command: n.command(),
                })
                .collect(),
            plan_notes: &s.plan_notes,
        }
    }
}

/// A feedback request as the person asking sees it: counts per group,
/// never who answered or when.
#[derive(Serialize)]
pub struct FeedbackRequestView<'a> {
    pub id: i64,
    pub created_on: String,
    pub closes_on: String,
    /// The day answers stopped, once they have.
    pub closed_on: Option<String>,
    pub open: bool,
    pub competencies: &'a [String],
    pub minimums: leap_core::feedback::Minimums,
    pub groups: Vec<GroupCountView>,
    pub raters: Vec<RaterView<'a>>,
}

#[derive(Serialize)]
pub struct GroupCountView {
    pub group: leap_core::feedback::Group,
    pub answered: u32,
    pub asked: u32,
    /// Answers needed before the group is shown.
    pub minimum: u32,
}

#[derive(Serialize)]
pub struct RaterView<'a> {
    pub name: &'a str,
    pub group: leap_core::feedback::Group,
    /// An invitation went out by e-mail.
    pub invited: bool,
}

impl<'a> FeedbackRequestView<'a> {
    pub fn new(
        r: &'a leap_store::feedback::FeedbackRequestRecord,
        today: chrono::NaiveDate,
    ) -> Self {
        Self {
            id: r.id,
            created_on: r.created_on.to_string(),
            closes_on: r.closes_on.to_string(),
            closed_on: r.closed(today).map(|d| d.to_string()),
            open: r.is_open(today),
            competencies: &r.competencies,
            minimums: r.minimums,
            groups: r
                .answered_per_group()
                .into_iter()
                .map(|(group, answered, asked)| GroupCountView {
                    group,
                    answered,
                    asked,
                    minimum: r.minimums.get(group),
                })
                .collect(),
            raters: r
                .raters
                .iter()
                .map(|x| RaterView {
                    name: &x.name,
                    group: x.group,
                    invited: x.invited,
                })
                .collect(),
        }
    }
}

/// The results of a closed request, with the anonymity rules applied.
#[derive(Serialize)]
pub struct FeedbackResultsView<'a> {
    pub id: i64,
    pub closed_on: Option<String>,
    #[serde(flatten)]
    pub results: &'a leap_core::feedback::Results,
}

/// `opp show --json` and `GET /api/v1/opportunities/{id}`: the opportunity
/// with the framework's advice for its kind of company.
#[derive(Serialize)]
pub struct OpportunityView<'a> {
    #[serde(flatten)]
    pub opportunity: &'a leap_store::OpportunityRecord,
    pub advice: Option<&'a leap_core::framework::CompanyAdvice>,
    /// The advice for this opening: `advice`, and `internal` when it is at
    /// the person's current employer.
    pub advice_text: Option<String>,
}

impl<'a> OpportunityView<'a> {
    pub fn new(
        framework: &'a leap_core::Framework,
        opportunity: &'a leap_store::OpportunityRecord,
    ) -> Self {
        Self {
            opportunity,
            advice: framework.company_advice(opportunity.company_profile),
            advice_text: framework
                .company_advice(opportunity.company_profile)
                .map(|a| a.for_opening(opportunity.internal)),
        }
    }
}

/// `opp list --json` and `GET /api/v1/opportunities`.
#[derive(Serialize)]
pub struct OpportunitiesView<'a> {
    pub opportunities: Vec<OpportunityView<'a>>,
    pub summary: leap_core::opportunity::DebriefSummary,
}

impl<'a> OpportunitiesView<'a> {
    pub fn new(
        framework: &'a leap_core::Framework,
        all: &'a [leap_store::OpportunityRecord],
    ) -> Self {
        Self {
            opportunities: all
                .iter()
                .map(|o| OpportunityView::new(framework, o))
                .collect(),
            summary: crate::opportunity::debrief_summary(framework, all),
        }
    }
}

/// A contact with when to follow up.
#[derive(Serialize)]
pub struct ContactView<'a> {
    #[serde(flatten)]
    pub contact: &'a leap_store::ContactRecord,
    pub follow_up_on: chrono::NaiveDate,
    pub follow_up_due: bool,
}

impl<'a> ContactView<'a> {
    pub fn new(contact: &'a leap_store::ContactRecord, today: chrono::NaiveDate) -> Self {
        Self {
            contact,
            follow_up_on: contact.follow_up_on(),
            follow_up_due: contact.follow_up_on() <= today,
        }
    }
}

/// `contact list --json` and `GET /api/v1/contacts`: due first (longest
/// overdue first), then by name, with the networking counts.
#[derive(Serialize)]
pub struct ContactsView<'a> {
    pub contacts: Vec<ContactView<'a>>,
    pub networking: leap_core::contact::Networking,
}

impl<'a> ContactsView<'a> {
    pub fn new(
        contacts: &'a [leap_store::ContactRecord],
        interaction_dates: &[chrono::NaiveDate],
        today: chrono::NaiveDate,
    ) -> Self {
        let mut views: Vec<ContactView<'a>> = contacts
            .iter()
            .map(|c| ContactView::new(c, today))
            .collect();
        views.sort_by(|a, b| {
            b.follow_up_due
                .cmp(&a.follow_up_due)
                .then(a.follow_up_on.cmp(&b.follow_up_on))
                .then(a.contact.name.cmp(&b.contact.name))
        });
        Self {
            contacts: views,
            networking: leap_core::contact::networking(interaction_dates, today),
        }
    }
}

/// One assessment as the API shows it.
#[derive(Serialize)]
pub struct AssessmentView<'a> {
    pub id: i64,
    pub date: String,
    pub source: &'a str,
    pub framework_hash: &'a str,
    pub levels: std::collections::BTreeMap<&'a str, i64>,
}

/// `GET /api/v1/assessments`, and the assessments someone shares.
#[derive(Serialize)]
pub struct AssessmentsView<'a> {
    pub assessments: Vec<AssessmentView<'a>>,
}

impl<'a> AssessmentsView<'a> {
    pub fn new(all: &'a [leap_store::AssessmentRecord]) -> Self {
        Self {
            assessments: all
                .iter()
                .map(|a| AssessmentView {
                    id: a.id,
                    date: a.date.to_string(),
                    source: a.source.as_str(),
                    framework_hash: &a.framework_hash,
                    levels: a.levels.iter().map(|(c, l)| (c.as_str(), *l)).collect(),
                })
                .collect(),
        }
    }
}

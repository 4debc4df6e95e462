//! The JSON shapes of leap's records: the command line's `--json` and the
//! web API print the same ones (the stable contract in the README).

use leap_store::{EvidenceRecord, PlanItemRecord, PlanRecord};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct PlanItemView {
    pub id: i64,
    /// The catalog action, or null for an item of your own.
    pub action: Option<String>,
    pub title: String,
    pub kind: leap_core::framework::ActionKind,
    pub competencies: Vec<leap_core::CompetencyId>,
    pub due: chrono::NaiveDate,
    pub status: leap_core::plan::ItemStatus,
    pub note: Option<String>,
    pub closed_on: Option<chrono::NaiveDate>,
    /// When to begin a generated item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starts: Option<chrono::NaiveDate>,
    /// Why a generated item is in the plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

impl From<&PlanItemRecord> for PlanItemView {
    fn from(i: &PlanItemRecord) -> Self {
        Self {
            id: i.id,
            action: i.action.clone(),
            title: i.title.clone(),
            kind: i.kind,
            competencies: i.competencies.clone(),
            due: i.due,
            status: i.status,
            note: i.note.clone(),
            closed_on: i.closed_on,
            starts: i.starts,
            why: i.why.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct EntryView {
    pub id: i64,
    pub date: chrono::NaiveDate,
    pub text: String,
    pub kind: leap_core::evidence::EvidenceKind,
    pub competencies: Vec<leap_core::CompetencyId>,
    /// It names a gap (critical feedback): not counted as evidence.
    pub names_gap: bool,
}

impl From<&EvidenceRecord> for EntryView {
    fn from(e: &EvidenceRecord) -> Self {
        Self {
            id: e.id,
            date: e.date,
            text: e.text.clone(),
            kind: e.kind,
            competencies: e.competencies.clone(),
            names_gap: e.names_gap,
        }
    }
}

/// `plan --json`: the current plan.
#[derive(Serialize, ToSchema)]
pub struct PlanView {
    pub target: String,
    pub horizon_months: Option<u32>,
    /// Pieces of work in flight at once.
    pub at_once: Option<u32>,
    /// The month (1 to 12) the organisation's financial year starts, when
    /// given: budget work goes in the round before it.
    pub year_starts: Option<u32>,
    /// What the plan says first: the fit check, step 0, the pace.
    pub notes: Vec<String>,
    pub items: Vec<PlanItemView>,
}

impl PlanView {
    /// `fallback_target` is the person's target, for a plan never generated.
    pub fn new(plan: &PlanRecord, fallback_target: &str) -> Self {
        Self {
            target: plan
                .target_role
                .clone()
                .unwrap_or_else(|| fallback_target.to_owned()),
            horizon_months: plan.horizon_months,
            at_once: plan.at_once,
            year_starts: plan.year_starts,
            notes: plan.notes.clone(),
            items: plan.items.iter().map(PlanItemView::from).collect(),
        }
    }
}

/// `plan generate --json` and `POST /api/v1/plan/generate`: the plan as
/// stored, with what waits beyond the horizon and the gaps no action of
/// the catalog builds.
#[derive(Serialize, ToSchema)]
pub struct GeneratedView {
    #[serde(flatten)]
    pub plan: PlanView,
    pub later: Vec<leap_core::plan::ProposedItem>,
    pub overflow_weeks: u32,
    pub uncovered: Vec<leap_core::CompetencyId>,
}

impl GeneratedView {
    pub fn new(
        plan: &PlanRecord,
        proposal: &leap_core::plan::Proposal,
        fallback_target: &str,
    ) -> Self {
        Self {
            plan: PlanView::new(plan, fallback_target),
            later: proposal.later.clone(),
            overflow_weeks: proposal.overflow_weeks,
            uncovered: proposal.uncovered.clone(),
        }
    }
}

/// `journal --json`.
#[derive(Serialize, ToSchema)]
pub struct JournalView {
    pub entries: Vec<EntryView>,
}

impl JournalView {
    pub fn new(entries: &[EvidenceRecord]) -> Self {
        Self {
            entries: entries.iter().map(EntryView::from).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct GapView {
    pub id: String,
    pub name: String,
    pub expected: u8,
    pub current: u8,
    pub gap: u8,
    pub critical: bool,
}

/// `status --json` and `GET /api/v1/status`.
#[derive(Serialize, ToSchema)]
pub struct StatusView {
    pub name: String,
    pub current_role: String,
    pub target: String,
    pub framework: String,
    pub readiness: Option<f64>,
    pub band: Option<leap_core::readiness::Band>,
    pub top_gaps: Vec<GapView>,
    pub due: Vec<PlanItemView>,
    pub recent_evidence: Vec<EntryView>,
    pub next: Vec<String>,
    /// The same next steps, each with the command that does it.
    pub next_steps: Vec<NextStepView>,
    /// What the latest plan said first (the fit check, step 0, the pace).
    pub plan_notes: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct NextStepView {
    pub text: String,
    pub command: String,
}

impl StatusView {
    pub fn new(s: &crate::status::Status) -> Self {
        Self {
            name: s.profile.name.clone(),
            current_role: s.profile.current_role.clone(),
            target: s.profile.target_role.clone(),
            framework: s.framework_id.clone(),
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
                            id: c.id.as_str().to_owned(),
                            name: c.name.clone(),
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
            plan_notes: s.plan_notes.clone(),
        }
    }
}

/// A feedback request as the person asking sees it: counts per group,
/// never who answered or when.
#[derive(Serialize, ToSchema)]
pub struct FeedbackRequestView {
    pub id: i64,
    pub created_on: chrono::NaiveDate,
    pub closes_on: chrono::NaiveDate,
    /// The day answers stopped, once they have.
    pub closed_on: Option<chrono::NaiveDate>,
    pub open: bool,
    pub competencies: Vec<leap_core::CompetencyId>,
    pub minimums: leap_core::feedback::Minimums,
    pub groups: Vec<GroupCountView>,
    pub raters: Vec<RaterView>,
}

#[derive(Serialize, ToSchema)]
pub struct GroupCountView {
    pub group: leap_core::feedback::Group,
    pub answered: u32,
    pub asked: u32,
    /// Answers needed before the group is shown.
    pub minimum: u32,
}

#[derive(Serialize, ToSchema)]
pub struct RaterView {
    pub name: String,
    pub group: leap_core::feedback::Group,
    /// An invitation went out by e-mail.
    pub invited: bool,
}

impl FeedbackRequestView {
    pub fn new(r: &leap_store::feedback::FeedbackRequestRecord, today: chrono::NaiveDate) -> Self {
        Self {
            id: r.id,
            created_on: r.created_on,
            closes_on: r.closes_on,
            closed_on: r.closed(today),
            open: r.is_open(today),
            competencies: r.competencies.clone(),
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
                    name: x.name.clone(),
                    group: x.group,
                    invited: x.invited,
                })
                .collect(),
        }
    }
}

/// The results of a closed request, with the anonymity rules applied.
#[derive(Serialize, ToSchema)]
pub struct FeedbackResultsView {
    pub id: i64,
    pub closed_on: Option<chrono::NaiveDate>,
    #[serde(flatten)]
    pub results: leap_core::feedback::Results,
}

/// `opp show --json` and `GET /api/v1/opportunities/{id}`: the opportunity
/// with the framework's advice for its kind of company.
#[derive(Serialize, ToSchema)]
pub struct OpportunityView {
    #[serde(flatten)]
    pub opportunity: leap_store::OpportunityRecord,
    pub advice: Option<leap_core::framework::CompanyAdvice>,
    /// The advice for this opening: `advice`, and `internal` when it is at
    /// the person's current employer.
    pub advice_text: Option<String>,
}

impl OpportunityView {
    pub fn new(
        framework: &leap_core::Framework,
        opportunity: &leap_store::OpportunityRecord,
    ) -> Self {
        Self {
            opportunity: opportunity.clone(),
            advice: framework
                .company_advice(opportunity.company_profile)
                .cloned(),
            advice_text: framework
                .company_advice(opportunity.company_profile)
                .map(|a| a.for_opening(opportunity.internal)),
        }
    }
}

/// `opp list --json` and `GET /api/v1/opportunities`.
#[derive(Serialize, ToSchema)]
pub struct OpportunitiesView {
    pub opportunities: Vec<OpportunityView>,
    pub summary: leap_core::opportunity::DebriefSummary,
}

impl OpportunitiesView {
    pub fn new(framework: &leap_core::Framework, all: &[leap_store::OpportunityRecord]) -> Self {
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
#[derive(Serialize, ToSchema)]
pub struct ContactView {
    #[serde(flatten)]
    pub contact: leap_store::ContactRecord,
    pub follow_up_on: chrono::NaiveDate,
    pub follow_up_due: bool,
}

impl ContactView {
    pub fn new(contact: &leap_store::ContactRecord, today: chrono::NaiveDate) -> Self {
        Self {
            contact: contact.clone(),
            follow_up_on: contact.follow_up_on(),
            follow_up_due: contact.follow_up_on() <= today,
        }
    }
}

/// `contact list --json` and `GET /api/v1/contacts`: due first (longest
/// overdue first), then by name, with the networking counts.
#[derive(Serialize, ToSchema)]
pub struct ContactsView {
    pub contacts: Vec<ContactView>,
    pub networking: leap_core::contact::Networking,
}

impl ContactsView {
    pub fn new(
        contacts: &[leap_store::ContactRecord],
        interaction_dates: &[chrono::NaiveDate],
        today: chrono::NaiveDate,
    ) -> Self {
        let mut views: Vec<ContactView> = contacts
            .iter()
            .map(|c| ContactView::new(c, today))
            .collect();
        views.sort_by(|a, b| {
            b.follow_up_due
                .cmp(&a.follow_up_due)
                .then(a.follow_up_on.cmp(&b.follow_up_on))
                .then(a.contact.contact.name.cmp(&b.contact.contact.name))
        });
        Self {
            contacts: views,
            networking: leap_core::contact::networking(interaction_dates, today),
        }
    }
}

/// One assessment as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct AssessmentView {
    pub id: i64,
    pub date: chrono::NaiveDate,
    pub source: leap_core::assessment::Source,
    pub framework_hash: String,
    pub levels: std::collections::BTreeMap<String, i64>,
}

/// `GET /api/v1/assessments`, and the assessments someone shares.
#[derive(Serialize, ToSchema)]
pub struct AssessmentsView {
    pub assessments: Vec<AssessmentView>,
}

impl AssessmentsView {
    pub fn new(all: &[leap_store::AssessmentRecord]) -> Self {
        Self {
            assessments: all
                .iter()
                .map(|a| AssessmentView {
                    id: a.id,
                    date: a.date,
                    source: a.source,
                    framework_hash: a.framework_hash.clone(),
                    levels: a
                        .levels
                        .iter()
                        .map(|(c, l)| (c.as_str().to_owned(), *l))
                        .collect(),
                })
                .collect(),
        }
    }
}

/// A suggested tag and why: the words that matched and the tagged text it
/// is most like, in words a person can judge.
#[derive(Serialize, ToSchema)]
pub struct SuggestionView {
    #[serde(flatten)]
    pub suggestion: leap_core::tagging::Suggestion,
    pub why: String,
}

impl SuggestionView {
    pub fn all(suggestions: &[leap_core::tagging::Suggestion]) -> Vec<Self> {
        suggestions
            .iter()
            .map(|s| Self {
                suggestion: s.clone(),
                why: s.why(),
            })
            .collect()
    }
}

/// What the API answers when it made something with an id.
#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: i64,
}

/// `POST /api/v1/journal`: the entry, with its tags and why.
#[derive(Serialize, ToSchema)]
pub struct EntryAddedView {
    #[serde(flatten)]
    pub entry: EntryView,
    /// A word on a certification named in the text, for a manager's track.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// True when leap chose the tags from the text.
    pub suggested: bool,
    pub suggestions: Vec<SuggestionView>,
}

/// A plan item closed, with what its note showed besides the item's own
/// competencies, each with why.
#[derive(Serialize, ToSchema)]
pub struct PlanItemClosedView {
    #[serde(flatten)]
    pub item: PlanItemView,
    pub also: Vec<SuggestionView>,
}

/// An interview debrief recorded, with the competencies its reasons cite.
#[derive(Serialize, ToSchema)]
pub struct DebriefedView {
    pub id: i64,
    pub opportunity: i64,
    pub competencies: Vec<leap_core::CompetencyId>,
    /// True when leap chose the competencies from the reasons.
    pub suggested: bool,
    pub suggestions: Vec<SuggestionView>,
}

/// A feedback request made: the request and each rater's link, shown once.
#[derive(Serialize, ToSchema)]
pub struct FeedbackRequestedView {
    pub request: FeedbackRequestView,
    pub links: Vec<crate::feedback::Link>,
}

/// `leap today --json` and `GET /api/v1/agenda`: this week.
#[derive(Serialize, ToSchema)]
pub struct AgendaView {
    pub today: chrono::NaiveDate,
    pub items: Vec<leap_core::agenda::Item>,
}

/// Calendar feeds, never their addresses (shown once, at creation).
#[derive(Serialize, ToSchema)]
pub struct CalendarFeedsView {
    pub feeds: Vec<leap_store::CalendarFeedRecord>,
}

/// A calendar feed made: its address, shown this once.
#[derive(Serialize, ToSchema)]
pub struct CalendarFeedCreatedView {
    pub id: i64,
    pub url: String,
}

/// Every check-in, oldest first, and when the next is due.
#[derive(Serialize, ToSchema)]
pub struct CheckinsView {
    pub checkins: Vec<leap_store::CheckinRecord>,
    pub next_due: Option<chrono::NaiveDate>,
    pub every_days: u32,
}

/// A check-in recorded: what changed and readiness before and after.
#[derive(Serialize, ToSchema)]
pub struct CheckinRecordedView {
    pub id: i64,
    pub changed: Vec<leap_core::CompetencyId>,
    pub readiness_before: u32,
    pub readiness: u32,
    pub previous_checkin_readiness: Option<u32>,
    /// What went well reads as evidence of, with why.
    pub went_well_shows: Vec<SuggestionView>,
    /// What went badly is about, with why.
    pub went_badly_about: Vec<SuggestionView>,
}

/// What a person shares, part by part, and with whom.
#[derive(Serialize, ToSchema)]
pub struct SharesView {
    pub shares: Vec<leap_store::sharing::ShareRecord>,
}

/// Every read of a person's data by another account, newest first.
#[derive(Serialize, ToSchema)]
pub struct AuditView {
    pub reads: Vec<leap_store::sharing::AuditRecord>,
}

/// Comments left for a person on their plan items and journal entries.
#[derive(Serialize, ToSchema)]
pub struct CommentsView {
    pub comments: Vec<leap_store::sharing::CommentRecord>,
}

/// The people who share something with an account, and what.
#[derive(Serialize, ToSchema)]
pub struct SharedWithMeView {
    pub people: Vec<leap_store::sharing::SharedWithMe>,
}

/// `GET /api/v1/shared/{person}/{part}`: one part someone shares, read-only,
/// with the comments left on it.
#[derive(Serialize, ToSchema)]
pub struct SharedPartView {
    /// The name of the person sharing.
    pub owner: String,
    pub person: i64,
    pub part: leap_core::sharing::Part,
    pub comments: Vec<leap_store::sharing::CommentRecord>,
    #[serde(flatten)]
    pub data: SharedDataView,
}

/// The data of a shared part, as the person's own API answers it.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum SharedDataView {
    Plan(PlanView),
    Journal(JournalView),
    Assessments(AssessmentsView),
    /// The results of closed feedback requests.
    Feedback {
        results: Vec<FeedbackResultsView>,
    },
}

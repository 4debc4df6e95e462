//! The competency framework: competencies with behavioural level descriptors,
//! roles on two tracks, transitions, development actions and fit statements.
//!
//! A framework is data (a TOML file, see `docs/framework-format.md`); the
//! built-in `it-leadership` framework is compiled in. `load` turns text into a
//! validated [`Framework`]; nothing else constructs one.

mod load;
mod standards;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::InvalidValue;
pub use crate::error::{FileError as FrameworkError, Located};
use crate::named::named_enum;
pub use standards::{OnetOccupation, SfiaSkill, Sources};

/// The built-in framework's source text, as shipped.
pub const BUILTIN_TOML: &str = include_str!("it-leadership.toml");

/// Parses the built-in framework. It is validated by the test suite, so a
/// failure here is a build defect, reported as an error all the same.
pub fn builtin() -> Result<Framework, FrameworkError> {
    Framework::load("it-leadership.toml", BUILTIN_TOML)
}

/// A stable content hash (hex SHA-256) used to keep the exact framework an
/// assessment was made against.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

macro_rules! id_newtype {
    ($name:ident) => {
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

id_newtype!(CompetencyId);

impl CompetencyId {
    /// An id read back from storage or another trusted record: checked for
    /// its shape only, not against any framework (a person's records
    /// outlive framework changes).
    pub fn stored(id: &str) -> Result<Self, InvalidValue> {
        if load::valid_id(id) {
            Ok(Self(id.to_owned()))
        } else {
            Err(InvalidValue::new("competency", id, load::ID_RULE))
        }
    }
}
id_newtype!(RoleId);
id_newtype!(ActionId);

/// A level on the framework's scale (0–5 in the built-in one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Level(u8);

impl Level {
    pub fn value(self) -> u8 {
        self.0
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Scale {
    pub min: u8,
    pub max: u8,
}

impl Scale {
    /// Parses a level given by a user, naming `field` in the error.
    pub fn level(&self, field: &str, value: i64) -> Result<Level, InvalidValue> {
        if value < i64::from(self.min) || value > i64::from(self.max) {
            return Err(InvalidValue::new(
                field,
                value,
                format!("a whole number from {} to {}", self.min, self.max),
            ));
        }
        // In range, so it fits in u8.
        Ok(Level(value as u8))
    }

    pub fn min_level(&self) -> Level {
        Level(self.min)
    }

    pub fn levels(&self) -> impl Iterator<Item = Level> {
        (self.min..=self.max).map(Level)
    }

    pub fn len(&self) -> usize {
        usize::from(self.max - self.min) + 1
    }

    pub fn is_empty(&self) -> bool {
        false
    }
}

named_enum! {
    /// The ladder a role is on.
    pub enum Track {
        Technical = "technical",
        Management = "management",
    }
}

named_enum! {
    /// `sideways` marks a change of ladder rather than a promotion.
    pub enum TransitionKind {
        Up = "up",
        Sideways = "sideways",
    }
}

named_enum! {
    /// The 70-20-10 model: on-the-job experience, learning from and through
    /// others, and formal education.
    pub enum ActionKind {
        Experience = "experience",
        Relationship = "relationship",
        Education = "education",
    }
}

named_enum! {
    /// What in a person's record makes an action worth proposing, beyond
    /// the gaps it closes.
    pub enum Condition {
        /// Two or more opportunities ended in a rejection: proposed once,
        /// as advice on where to look (seed 000: not at your current
        /// employer).
        RejectedOpportunity = "rejected-opportunity",
        /// A rejection with no reasons recorded: proposed once for each such
        /// opportunity.
        RejectedWithoutReasons = "rejected-without-reasons",
        /// The person's current role leads no one: leadership practised
        /// outside work (seed 004 step 4: if your work environment is
        /// limited in leadership opportunities). Chosen as any other
        /// action once met.
        NoTeamAtWork = "no-team-at-work",
        /// The person's current role is not a management role: covering a
        /// manager's post is for someone who does not hold one. Chosen as
        /// any other action once met.
        NotAManager = "not-a-manager",
        /// An interview the person felt they lost by showing too much
        /// technical skill and not enough managing, or two or more lost
        /// (seed 000): proposed once, before the next panel, to tell the
        /// work that answers them as a manager would: when the looking
        /// elsewhere starts, or before a post held is made permanent;
        /// else the week before putting oneself forward, once the plan
        /// dates it, or once that work is done where it does not.
        LostInterviews = "lost-interviews",
        /// Feedback the person logged names a gap: proposed once, after
        /// the work that builds what it names, to ask those who gave it
        /// whether it has changed.
        FeedbackNamesGap = "feedback-names-gap",
        /// The plan closes the last gap the target role holds critical
        /// within its horizon (or there is none): proposed once, from
        /// then, to put oneself forward for the role.
        CriticalGapsClosed = "critical-gaps-closed",
        /// A change the organisation has decided (a reorganisation, an
        /// outsourcing) shows in the journal, by the action's `begun`
        /// words: proposed only then, to lead it. Nobody reorganises a
        /// team for their own development.
        ChangeAhead = "change-ahead",
        /// The journal shows the person already doing a manager's work for
        /// a team without the post (by the action's `begun` words), the
        /// post itself not vacant: proposed only then, to have what they
        /// do made official (seed 000: "I handle most of the things the
        /// manager does but not officially"). Competes as any other
        /// action once met, in place of those it `replaces`.
        LeadsUnofficially = "leads-unofficially",
        /// Every level the plan works from is the person's own rating:
        /// proposed once, in the first weeks, for their manager to rate
        /// them, since the move turns on that judgement (seed 004 step 0:
        /// does your boss call on you for the tough assignments?).
        SelfRatedOnly = "self-rated-only",
        /// The plan dates putting oneself forward: proposed once, ending a
        /// month before it, for the manager to go through the record with
        /// the person while there is time to act on what they still miss.
        BeforeTheAsk = "before-the-ask",
        /// The plan holds the move back for the job held, still to
        /// master (step 0): proposed once, ending the day the move's
        /// work starts, for the manager to say whether it is mastered
        /// (seed 004 step 0: be able to say yes to all its questions).
        JobMastered = "job-mastered",
        /// The plan runs two quarters or more: proposed once, from the
        /// end of its first quarter, to go through it with the manager
        /// each quarter to its end (seed 002 FAQ 13: reflect regularly
        /// and adjust your goals).
        QuarterlyReview = "quarterly-review",
    }
}

named_enum! {
    /// A time of the organisation's year that an action's work follows:
    /// it is placed there, not in whatever weeks are free (seed 004 step 7:
    /// your organisation's budget cycle).
    pub enum Season {
        /// The months before the financial year starts, when budgets are
        /// bid for, cut and approved.
        BudgetRound = "budget-round",
    }
}

impl Condition {
    /// Whether an action with this condition, once met, competes for the
    /// gaps as any other does (the rest have a step of their own).
    pub fn competes(self) -> bool {
        matches!(
            self,
            Self::NoTeamAtWork | Self::NotAManager | Self::ChangeAhead | Self::LeadsUnofficially
        )
    }
}

named_enum! {
    /// The kind of organisation an opportunity is at (seed 000 contrasts
    /// small fast-growing companies with large ones).
    pub enum CompanyProfile {
        SmallGrowing = "small-growing",
        MidSize = "mid-size",
        LargeEnterprise = "large-enterprise",
    }
}

/// What the framework advises for an opportunity at a kind of company.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CompanyAdvice {
    pub profile: CompanyProfile,
    pub name: String,
    pub advice: String,
    /// Said only of an opening at the person's current employer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal: Option<String>,
    pub source: String,
}

impl CompanyAdvice {
    /// The advice for one opening: the internal part only for an opening at
    /// the person's current employer.
    pub fn for_opening(&self, internal: bool) -> String {
        match (&self.internal, internal) {
            (Some(i), true) => format!("{} {i}", self.advice),
            _ => self.advice.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Competency {
    pub id: CompetencyId,
    pub name: String,
    pub group: String,
    pub description: String,
    /// One behavioural descriptor per level of the scale, lowest first.
    pub levels: Vec<String>,
    pub keywords: Vec<String>,
    /// Phrases inside which the keywords do not count ("network diagram"
    /// is no evidence of networking).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    /// What this competency takes the place of as a person moves up: one
    /// whose time still goes to those builds this one (seed 001: be less
    /// hands on and learn to delegate).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub instead_of: Vec<CompetencyId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sfia: Vec<SfiaSkill>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub onet: Vec<OnetOccupation>,
}

impl Competency {
    pub fn sources(&self) -> Sources<'_> {
        Sources {
            text: self.source.as_deref(),
            sfia: &self.sfia,
            onet: &self.onet,
        }
    }

    pub fn descriptor(&self, scale: Scale, level: Level) -> &str {
        self.levels
            .get(usize::from(level.value().saturating_sub(scale.min)))
            .map(String::as_str)
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Role {
    pub id: RoleId,
    pub name: String,
    pub track: Track,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Citations for the description, apart from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub expectations: BTreeMap<CompetencyId, Level>,
    pub critical: Vec<CompetencyId>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub weights: BTreeMap<CompetencyId, f64>,
}

impl Role {
    pub fn expected(&self, competency: &str) -> Option<Level> {
        self.expectations.get(competency).copied()
    }

    pub fn is_critical(&self, competency: &str) -> bool {
        self.critical.iter().any(|c| c.as_str() == competency)
    }

    /// The weight of a competency in readiness; 1 unless the role says more.
    pub fn weight(&self, competency: &str) -> f64 {
        self.weights.get(competency).copied().unwrap_or(1.0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Transition {
    pub from: RoleId,
    pub to: RoleId,
    pub kind: TransitionKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Citations for the note, apart from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// How many months of the new role's work a person should have on
    /// their record before asking for it, however soon a plan's work is
    /// done (a manager of managers is not made in a quarter).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_months: Option<u32>,
    /// The work whose months count toward `record_months` (a director's
    /// year is a year of leading through team leads): counted from the
    /// first of them a plan has, else from the move's first work.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub record_of: Vec<ActionId>,
    /// What the move is about (a manager of managers leads leaders): a
    /// level the person's own rating alone puts at the target's, with no
    /// evidence, is one to show, not one held.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub to_show: Vec<CompetencyId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Action {
    pub id: ActionId,
    pub title: String,
    pub kind: ActionKind,
    pub competencies: Vec<CompetencyId>,
    pub effort_weeks: u32,
    pub evidence: String,
    /// What the activity is for, in a sentence (a conference: the people
    /// of other organisations and where the field is going): a plan item
    /// says it first, before the levels it counts toward.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    pub source: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sfia: Vec<SfiaSkill>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub onet: Vec<OnetOccupation>,
    /// False for actions (such as purely technical certifications) that the
    /// seeds say do not help anyone into management.
    pub advances_management: bool,
    /// False for actions that help only toward management (an association
    /// of IT managers): a plan toward a technical-track role leaves them out.
    pub advances_technical: bool,
    /// The span of levels its competencies are built across, `from..to`:
    /// it helps where a gap overlaps that span, and does nothing for
    /// someone already at `to` or above.
    pub levels: (u8, u8),
    /// The span of a competency it builds to another extent than
    /// `levels`: a DR test is the work of compliance's upper levels, and
    /// only touches project management's lower ones.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub spans: BTreeMap<CompetencyId, (u8, u8)>,
    /// The target roles it is meant for; empty for any.
    pub roles: Vec<RoleId>,
    /// Roles whose holders already do this work as their job: it is not
    /// proposed to them (a director does not develop by chairing the
    /// forum they chair).
    pub held_by: Vec<RoleId>,
    /// Roles one of which a person must hold to take it (a forum of CIOs
    /// and IT directors takes only them); empty for anyone.
    pub open_to: Vec<RoleId>,
    /// A condition on the person's record, if any.
    pub when: Option<Condition>,
    /// Words that, in a journal entry, show the person has done it or is
    /// doing it (lower case).
    pub recognise: Vec<String>,
    /// The same phrases read once, at load: each as its parts ("led …
    /// project"), each part as its words. Every journal entry is compared
    /// with every action's phrases when a plan is made.
    #[serde(skip)]
    pub(crate) phrases: Vec<Vec<Vec<String>>>,
    /// Words that, in a journal entry, show its first steps taken but not
    /// the action itself (quotes gathered for a contract to negotiate):
    /// the plan then proposes seeing it through (lower case).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub begun: Vec<String>,
    /// The `begun` phrases read once, as `phrases` are.
    #[serde(skip)]
    pub(crate) begun_phrases: Vec<Vec<Vec<String>>>,
    /// Words that, in a journal entry, show the person doing themselves
    /// the work this action hands on to others (an outage fixed in
    /// person): where the journal goes past what the target asks, two such
    /// entries make it the work that takes that place (lower case).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hands_on: Vec<String>,
    /// The `hands_on` phrases read once, as `phrases` are.
    #[serde(skip)]
    pub(crate) hands_on_phrases: Vec<Vec<Vec<String>>>,
    /// Actions it makes unnecessary once done or under way (or, proposed
    /// on what the journal shows, once it is: `leads-unofficially`).
    pub replaces: Vec<ActionId>,
    /// The action it is arranged in, if any (a manager's post to cover, a
    /// forum to co-chair: agreed in the conversation with the manager):
    /// when a plan has both, it starts once that one is done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arranged_in: Option<ActionId>,
    /// The trial it is part of, if any (the team's cost line, staffing
    /// and priorities are the work of a manager's post covered): when a
    /// plan has both, it is done inside that trial, as the post's own work.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_of: Option<ActionId>,
    /// Actions that go with it, the first of them a plan can have chosen
    /// beside it and started no later (a search for a post elsewhere goes
    /// with a network outside the company, where openings are heard of).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub goes_with: Vec<ActionId>,
    /// Actions it never runs beside, either way round (a manager shadowed
    /// through the budget cycle while covering a manager's post: the post
    /// has its own budget to run, and its holder is away).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_during: Vec<ActionId>,
    /// A habit kept up past its first weeks (a mentor met monthly), with
    /// why: its item runs to the end of the plan's dated work, and says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept_up: Option<String>,
    /// Work that waits for an event nobody books (a major incident, a
    /// survey): what stands in if it does not come in the weeks the plan
    /// makes for it. (A post to cover has a stand-in of its own: a team's
    /// people side for a trial, the project led for the move's work.)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub if_none: Option<String>,
    /// The action as someone who manages no one can do it, as its title
    /// for them (a senior administrator holds development one-to-ones
    /// with juniors; the yearly reviews are their line manager's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without_reports: Option<String>,
    /// Work a manager told they are too hands-on would do in person (a
    /// recovery test run at the keyboard): what the team does instead,
    /// said where feedback names a gap in what takes the place of
    /// hands-on work (a competency with `instead_of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handed_on: Option<String>,
    /// The action as someone who holds a manager's post for now (an
    /// interim period) does it, as its title for them: the one-to-ones of
    /// the whole team they hold, not of two of its people.
    pub in_post: Option<String>,
    /// Groundwork that comes before the rest of a plan.
    pub foundation: bool,
    /// How many weeks ahead its place is booked (a course, a conference,
    /// a board's agenda): asked for in the first conversation with the
    /// manager, it starts no sooner in a plan, nor in the year-end break.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub booked_weeks: Option<u32>,
    /// How many weeks after the conversation it is agreed in it can
    /// start, for the others who must agree it too (team leads appointed:
    /// job descriptions, pay, HR's sign-off); a trial's default is three.
    pub arranged_weeks: Option<u32>,
    /// Groundwork that is itself the work of its first competency's level
    /// (a network of co-managers is the networking level): it builds that
    /// level, where groundwork otherwise supports what it touches.
    pub builds_first: bool,
    /// A time-boxed trial of management, for a fit check that says explore.
    pub trial: bool,
    /// Handed to a person on their record: proposed only to someone who
    /// already holds the level its span starts at in each of these (a
    /// manager's post is covered by someone who already leads and develops
    /// people, not by someone the same plan has yet to teach); empty for
    /// work anyone may take on.
    pub on_record: Vec<CompetencyId>,
    /// The time of the organisation's year its work follows, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub season: Option<Season>,
}

impl Action {
    pub fn sources(&self) -> Sources<'_> {
        Sources {
            text: Some(&self.source),
            sfia: &self.sfia,
            onet: &self.onet,
        }
    }

    /// Whether it never runs beside `other`, either way round
    /// (`not_during`).
    pub fn apart_from(&self, other: &Action) -> bool {
        self.not_during.contains(&other.id) || other.not_during.contains(&self.id)
    }

    pub fn covers(&self, competency: &str) -> bool {
        self.competencies.iter().any(|c| c.as_str() == competency)
    }

    /// Whether the plan may suggest this action for `target`: its track
    /// (technical certifications do not advance a management move) and
    /// its roles.
    pub fn suits(&self, target: &Role) -> bool {
        (target.track != Track::Management || self.advances_management)
            && (target.track != Track::Technical || self.advances_technical)
            && (self.roles.is_empty() || self.roles.contains(&target.id))
    }

    /// Study that does not advance a move into management: a technical
    /// certification (the tough assignments, which do not advance it
    /// either, are no certificate).
    pub fn is_technical_study(&self) -> bool {
        !self.advances_management && self.kind == ActionKind::Education
    }

    /// Study toward `target`: a course, a master's, a certificate that
    /// suits the move, not one of the technical ladder.
    pub fn is_study_toward(&self, target: &Role) -> bool {
        self.kind == ActionKind::Education && !self.is_technical_study() && self.suits(target)
    }

    /// Whether someone holding `held` (nothing, for someone between jobs)
    /// may be proposed it: not their job already, and open to them.
    pub fn open_to_holder(&self, held: Option<&RoleId>) -> bool {
        held.is_none_or(|h| !self.held_by.contains(h))
            && (self.open_to.is_empty() || held.is_some_and(|h| self.open_to.contains(h)))
    }

    /// The span of levels it builds of `competency`: its own, if the
    /// framework gives one, else the action's.
    pub fn span(&self, competency: &CompetencyId) -> (u8, u8) {
        self.spans.get(competency).copied().unwrap_or(self.levels)
    }

    /// The part of the gap `current..expected` of `competency` this action
    /// builds, if any.
    pub fn builds_of(
        &self,
        competency: &CompetencyId,
        current: u8,
        expected: u8,
    ) -> Option<(u8, u8)> {
        let (low, high) = self.span(competency);
        let (from, to) = (low.max(current), high.min(expected));
        (from < to).then_some((from, to))
    }

    /// Whether a journal entry's text shows this action done or under way:
    /// one of its `recognise` phrases, as whole words ("led" is not in
    /// "cancelled"; "…" stands for any words of the same sentence), not
    /// negated nor meant ("haven't presented to the board", "will do the
    /// finance course").
    pub fn recognised_in(&self, text: &str) -> bool {
        self.found_in(text, true)
    }

    /// Whether a text names this action as done, under way or meant ("will
    /// sit the CCNA exam"): its `recognise` phrases as in
    /// [`Action::recognised_in`], intentions allowed.
    pub fn named_in(&self, text: &str) -> bool {
        self.found_in(text, false)
    }

    /// Whether a journal entry's text shows this action's first steps
    /// taken (its `begun` phrases, read as `recognise` ones are), and not
    /// the action itself.
    pub fn begun_in(&self, text: &str) -> bool {
        found(&self.begun_phrases, text, true) && !self.recognised_in(text)
    }

    /// Whether a journal entry's text shows the person doing themselves
    /// the work this action hands on (its `hands_on` phrases, read as
    /// `recognise` ones are).
    pub fn hands_on_in(&self, text: &str) -> bool {
        found(&self.hands_on_phrases, text, true)
    }

    fn found_in(&self, text: &str, done: bool) -> bool {
        found(&self.phrases, text, done)
    }
}

/// The sentences of a text: a full stop between digits ("a 1.2m budget")
/// ends none.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut ends: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|&(k, &(_, c))| {
            matches!(c, ';' | '!' | '?' | '\n')
                || c == '.'
                    && !(k > 0
                        && chars[k - 1].1.is_ascii_digit()
                        && chars.get(k + 1).is_some_and(|(_, n)| n.is_ascii_digit()))
        })
        .map(|(_, &(at, _))| at)
        .collect();
    ends.push(text.len());
    let mut from = 0;
    ends.into_iter().map(move |end| {
        let sentence = &text[from..end];
        from = (end + 1).min(text.len());
        sentence
    })
}

/// Whether one of `phrases` stands in a sentence of `text`, not negated
/// and, when `done`, not meant.
fn found(phrases: &[Vec<Vec<String>>], text: &str, done: bool) -> bool {
    sentences(text).any(|sentence| {
        let words: Vec<String> = crate::tagging::words(sentence)
            .map(str::to_lowercase)
            .collect();
        let negated = crate::tagging::negated(sentence);
        phrases
            .iter()
            .any(|parts| stands_in(&words, &negated, parts, done))
    })
}

/// A `recognise` phrase as its parts ("led … project"), each as its words
/// in lower case; empty parts left out.
pub(crate) fn phrase_parts(phrase: &str) -> Vec<Vec<String>> {
    phrase
        .split('…')
        .map(|part| crate::tagging::words(part).map(str::to_lowercase).collect())
        .filter(|p: &Vec<String>| !p.is_empty())
        .collect()
}

/// Words that, just before what a sentence says, make it an intention or
/// advice rather than something done ("I will join the panel", "need to
/// write the business case").
const MEANT: &[&str] = &[
    "will", "should", "must", "shall", "need", "needs", "plan", "plans", "want", "wants", "going",
    "hope", "hoping", "intend", "aim", "might", "could", "would",
];

/// Whether `phrase` stands in a sentence's `words`, its parts in order
/// ("led … project"), not negated and, when it must be `done`, not after an
/// intention within the three words before it.
fn stands_in(words: &[String], negated: &[bool], parts: &[Vec<String>], done: bool) -> bool {
    let Some(first) = parts.first() else {
        return false;
    };
    // Where `part` next stands, from `from` on (parts are never empty).
    let at = |part: &[String], from: usize| -> Option<usize> {
        words
            .get(from..)?
            .windows(part.len())
            .position(|w| w == part)
            .map(|i| i + from)
    };
    let mut from = 0;
    while let Some(start) = at(first, from) {
        from = start + 1;
        if negated.get(start).copied().unwrap_or(false)
            || done
                && words[start.saturating_sub(3)..start]
                    .iter()
                    .any(|w| MEANT.contains(&w.as_str()))
        {
            continue;
        }
        let mut next = start + first.len();
        let rest_found = parts[1..].iter().all(|part| match at(part, next) {
            Some(i) => {
                next = i + part.len();
                true
            }
            None => false,
        });
        if rest_found {
            return true;
        }
    }
    false
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct FitStatement {
    pub id: String,
    pub text: String,
    /// The track that agreeing with this statement pulls toward.
    pub track: Track,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Framework {
    pub id: String,
    pub name: String,
    pub version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub scale: Scale,
    pub competencies: Vec<Competency>,
    pub roles: Vec<Role>,
    pub transitions: Vec<Transition>,
    pub actions: Vec<Action>,
    pub fit_statements: Vec<FitStatement>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub company_profiles: Vec<CompanyAdvice>,
    /// Words that, in a journal entry, say no post will open for the
    /// person where they work (their manager is staying, no new team):
    /// the plan then looks elsewhere too (seed 000), lower case.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub no_opening_here: Vec<String>,
    /// The `no_opening_here` phrases read once.
    #[serde(skip)]
    pub(crate) no_opening_phrases: Vec<Vec<Vec<String>>>,
    /// Words that, in a journal entry, show this year's budget round done
    /// (next year's budget built): work that follows the round waits for
    /// the next one, lower case.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub round_closed: Vec<String>,
    /// The `round_closed` phrases read once.
    #[serde(skip)]
    pub(crate) round_closed_phrases: Vec<Vec<Vec<String>>>,
    /// Texts in the field's words with the competencies they show; the
    /// tagger learns from them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// Built on first use and kept: one tagger per framework, not per entry.
    #[serde(skip)]
    pub(crate) tagger: TaggerCell,
}

/// A labelled example for the tagger.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Example {
    pub text: String,
    pub competencies: Vec<CompetencyId>,
    /// What kind of evidence it is, when it is evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<crate::evidence::EvidenceKind>,
    /// An interviewer's reasons rather than evidence.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reasons: bool,
}

/// The framework's tagger, built once. A clone builds its own (it may be
/// changed); two frameworks are equal whatever their taggers.
#[derive(Default)]
pub(crate) struct TaggerCell(std::sync::OnceLock<crate::tagging::Tagger>);

impl Clone for TaggerCell {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl fmt::Debug for TaggerCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TaggerCell")
    }
}

impl PartialEq for TaggerCell {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Framework {
    /// Parses and validates a framework file. `file` is only used in errors.
    pub fn load(file: &str, text: &str) -> Result<Framework, FrameworkError> {
        load::load(file, text)
    }

    /// Whether a journal entry says no post will open for the person where
    /// they work (its `no_opening_here` phrases, matched as `recognise`
    /// ones are, a prediction counting: "he will stay put").
    pub fn no_opening_in(&self, text: &str) -> bool {
        found(&self.no_opening_phrases, text, false)
    }

    /// Whether a journal entry shows this year's budget round done (its
    /// `round_closed` phrases, matched as `recognise` ones are).
    pub fn round_closed_in(&self, text: &str) -> bool {
        found(&self.round_closed_phrases, text, true)
    }

    /// The tagger for this framework, built on first use.
    pub fn tagger(&self) -> &crate::tagging::Tagger {
        self.tagger
            .0
            .get_or_init(|| crate::tagging::Tagger::new(self))
    }

    pub fn competency(&self, id: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.id.as_str() == id)
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id.as_str() == id)
    }

    pub fn company_advice(&self, profile: CompanyProfile) -> Option<&CompanyAdvice> {
        self.company_profiles.iter().find(|c| c.profile == profile)
    }

    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.id.as_str() == id)
    }

    /// Whether other work is arranged in this action (`arranged_in`): the
    /// first conversation with the manager, where it is agreed.
    pub fn arranges(&self, id: &ActionId) -> bool {
        self.actions
            .iter()
            .any(|x| x.arranged_in.as_ref() == Some(id))
    }

    /// Parses a competency id given by a user.
    pub fn parse_competency(&self, field: &str, id: &str) -> Result<CompetencyId, InvalidValue> {
        self.competency(id).map(|c| c.id.clone()).ok_or_else(|| {
            InvalidValue::one_of(field, id, self.competencies.iter().map(|c| c.id.as_str()))
        })
    }

    /// Parses competency ids given by a user, each kept once, in order.
    pub fn parse_competencies(
        &self,
        field: &str,
        ids: &[String],
    ) -> Result<Vec<CompetencyId>, InvalidValue> {
        let mut out: Vec<CompetencyId> = Vec::new();
        for id in ids {
            let c = self.parse_competency(field, id)?;
            if !out.contains(&c) {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// Parses a role id given by a user.
    pub fn parse_role(&self, field: &str, id: &str) -> Result<&Role, InvalidValue> {
        self.role(id).ok_or_else(|| {
            InvalidValue::one_of(field, id, self.roles.iter().map(|r| r.id.as_str()))
        })
    }

    pub fn roles_on(&self, track: Track) -> impl Iterator<Item = &Role> {
        self.roles.iter().filter(move |r| r.track == track)
    }

    /// The id of the first role on a track, or of the first role of all:
    /// what a form offers before a person chooses.
    pub fn first_role_on(&self, track: Track) -> String {
        self.roles_on(track)
            .next()
            .or(self.roles.first())
            .map(|r| r.id.to_string())
            .unwrap_or_default()
    }

    pub fn transitions_from(&self, role: &str) -> impl Iterator<Item = &Transition> + '_ {
        let role = role.to_owned();
        self.transitions
            .iter()
            .filter(move |t| t.from.as_str() == role)
    }

    /// A competency's name for its id; an id the framework does not know
    /// (from records older than the file) shows as itself.
    pub fn competency_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.competency(id).map_or(id, |c| c.name.as_str())
    }

    /// A role's name for its id, as [`Framework::competency_name`].
    pub fn role_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.role(id).map_or(id, |r| r.name.as_str())
    }

    /// Competencies' names for their ids, joined by ", ".
    pub fn competency_names<S: AsRef<str>>(&self, ids: &[S]) -> String {
        ids.iter()
            .map(|id| self.competency_name(id.as_ref()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The shortest way from one role to another along the transitions,
    /// both ends included; none when the map has no way.
    pub fn path(&self, from: &str, to: &str) -> Option<Vec<&Role>> {
        let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
        let mut frontier = std::collections::VecDeque::from([from]);
        while let Some(at) = frontier.pop_front() {
            if at == to {
                let mut path = vec![self.role(at)?];
                let mut cur = at;
                while let Some(&prev) = came_from.get(cur) {
                    path.push(self.role(prev)?);
                    cur = prev;
                }
                path.reverse();
                return Some(path);
            }
            for t in self.transitions_from(at) {
                let next = t.to.as_str();
                if next != from && !came_from.contains_key(next) {
                    came_from.insert(next, at);
                    frontier.push_back(next);
                }
            }
        }
        None
    }

    /// The role to hold first on the way to a target two or more steps
    /// away, a rung at a time (seed 001's ladder). For a management target,
    /// the first management role on the shortest way there, before the
    /// target: a developer aiming at IT director goes through IT manager.
    /// For a technical target, the next rung when the whole way is the
    /// technical ladder: a network administrator aiming at specialist goes
    /// through senior administrator; a way through management (an analyst
    /// by way of IT manager, a manager going back) has no such step. None
    /// when the move is one step, the way passes no such role (a help desk
    /// analyst aiming at IT manager), or there is no way.
    pub fn step_toward(&self, from: &str, to: &str) -> Option<&Role> {
        let path = self.path(from, to)?;
        let track = path.last()?.track;
        if track == Track::Technical && path.iter().any(|r| r.track != Track::Technical) {
            return None;
        }
        path.iter()
            .skip(1)
            .take(path.len().saturating_sub(2))
            .find(|r| r.track == track)
            .copied()
    }
}

#[cfg(test)]
mod tests;

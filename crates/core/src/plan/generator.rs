//! How a plan is made for one person: the fit check decides whether a
//! management plan is built at all, the gaps (and the job of today, step 0)
//! decide what it must build, the person's record (interviews lost, what is
//! done or under way) decides which actions are worth proposing, and the
//! effort of each action and the person's pace decide when each is due.
//! docs/planning.md says the same in a user's words.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, Months, NaiveDate};

use super::{
    after_break, in_year_end_break, FitHold, Phase, Proposal, ProposedItem, Rejection, Request,
    TRIAL_WEEKS,
};
use crate::fit::Recommendation;
use crate::framework::{Action, ActionKind, CompetencyId, Condition, Track};
use crate::readiness::LevelSource;

/// How much more an action is worth for each word it shares with feedback
/// that names a gap it builds (at most two words count).
const ANSWERS_FEEDBACK: f64 = 0.5;

/// A gap the plan must build: levels `from..to` of one competency.
#[derive(Debug, Clone)]
struct Gap {
    id: CompetencyId,
    name: String,
    from: u8,
    to: u8,
    priority: f64,
    /// Below the expectation of the role the person holds now.
    step0: bool,
    /// What the role the person holds now expects of it (step 0 only).
    today: u8,
    /// Critical for the target role (or, for step 0, the current one).
    critical: bool,
    /// The person's feedback names a gap in it.
    named: bool,
    /// It takes the place of what the person's journal goes to, past what
    /// the target asks: that competency's name.
    instead_of: Option<String>,
    /// Met by the person's own rating alone, past what the role they hold
    /// asks and with no evidence: the level they claim.
    claimed: Option<u8>,
    /// The person's own rating, where feedback or a panel doubts it and
    /// the plan works from below it: said in the first item that builds
    /// it, so that "2→3" beside a rating of 3 is not read as a mistake
    /// (review 12, finding 6).
    rated: Option<u8>,
}

/// An action chosen, with what made it worth choosing.
#[derive(Debug, Clone)]
struct Choice<'a> {
    action: &'a Action,
    phase: Phase,
    /// The rejection it answers, if it was chosen for one.
    rejection: Option<&'a Rejection>,
    /// The level of each competency it builds: from this one to the next.
    built: Vec<(CompetencyId, u8)>,
    /// Chosen for the balance of the plan: it strengthens levels other
    /// actions build already.
    strengthens: bool,
    /// Groundwork that builds the level of its first competency (the
    /// first of `built`), and supports the rest.
    builds_own: bool,
    /// Chosen to go with looking elsewhere (a network outside the
    /// company, where openings are heard of): why, as the plan says it.
    for_looking: Option<&'static str>,
}

/// Whether the plan has work mainly for something (`mainly`) that builds
/// one of the levels `counts`: groundwork, which only supports, does not
/// answer it.
fn answered(
    chosen: &[Choice<'_>],
    mainly: impl Fn(&Action) -> bool,
    counts: impl Fn(&CompetencyId) -> bool,
) -> bool {
    chosen.iter().any(|ch| {
        ch.phase != Phase::Foundation
            && mainly(ch.action)
            && ch.built.iter().any(|(b, _)| counts(b))
    })
}

impl<'a> Choice<'a> {
    /// Chosen in `phase`, for `rejection` if any, building `built`.
    fn new(
        action: &'a Action,
        phase: Phase,
        rejection: Option<&'a Rejection>,
        built: Vec<(CompetencyId, u8)>,
    ) -> Self {
        Self {
            action,
            phase,
            rejection,
            built,
            strengthens: false,
            builds_own: false,
            for_looking: None,
        }
    }

    /// Chosen for the balance of the plan, with what it builds (or, when
    /// `strengthens`, the levels it strengthens).
    fn for_balance(
        action: &'a Action,
        (built, strengthens): (Vec<(CompetencyId, u8)>, bool),
    ) -> Self {
        Self {
            action,
            phase: Phase::Development,
            rejection: None,
            built,
            strengthens,
            builds_own: false,
            for_looking: None,
        }
    }
}

impl Choice<'_> {
    /// Whether it builds (or strengthens) a competency `other` does.
    fn shares(&self, other: &Choice) -> bool {
        self.built
            .iter()
            .any(|(id, _)| other.built.iter().any(|(o, _)| o == id))
    }

    /// Whether it claims a level of `id`: not what it strengthens, nor
    /// what groundwork supports (only the level groundwork is the work of).
    fn claims(&self, id: &CompetencyId) -> bool {
        !self.strengthens
            && (self.phase != Phase::Foundation
                || self.builds_own && self.built.first().is_some_and(|(b, _)| b == id))
            && self.built.iter().any(|(b, _)| b == id)
    }
}

/// The share of effort each kind of action should have (70-20-10).
fn target_share(kind: ActionKind) -> f64 {
    match kind {
        ActionKind::Experience => 0.7,
        ActionKind::Relationship => 0.2,
        ActionKind::Education => 0.1,
    }
}

/// Makes a plan for the request. A fit check that points to the technical
/// track holds a management plan back until the person confirms it.
pub fn generate(req: &Request) -> Result<Proposal, FitHold> {
    let record = req.record;
    let mut notes = Vec::new();
    if let Some(aim) = req.aim {
        notes.push(format!(
            "{} is more than one move from where you are: the way there runs through {} first. This plan builds toward {}, with work your present job allows; aim at {} once you hold it, over the next few years.",
            aim.name, req.role.name, req.role.name, aim.name
        ));
    }

    // A move of more than one step whose way passes a rung of another
    // track (a help desk analyst aiming at IT manager, by way of the
    // administrator, seed 001): the plan builds toward the target, and
    // says a post on that rung is on the way, not off it.
    let between = req
        .current_role
        .filter(|_| req.aim.is_none())
        .and_then(|now| req.framework.path(now.id.as_str(), req.role.id.as_str()))
        .filter(|path| {
            // Toward management through rungs of the technical track only:
            // a way to a specialist through a manager's post is no way.
            path.len() >= 3
                && req.role.track == Track::Management
                && path[..path.len() - 1]
                    .iter()
                    .all(|r| r.track != Track::Management)
        });
    if let (Some(path), Some(now)) = (between, req.current_role) {
        let rungs: Vec<&str> = path[1..path.len() - 1]
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        let source = req
            .framework
            .transitions_from(now.id.as_str())
            .find(|t| t.to == path[1].id)
            .and_then(|t| t.source.as_deref())
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        let rungs = rungs.join(", then ");
        notes.push(format!(
            "The usual way from {} to {} runs through {rungs}{source}: a post there on the way is a step toward {}, not away from it. This plan builds what {} asks with the work your present job allows.",
            now.name, req.role.name, req.role.name, req.role.name
        ));
    }

    // 1. The fit check.
    let explore = match &record.fit {
        Some(fit) if req.role.track == Track::Management => match fit.recommendation {
            Recommendation::Technical if !req.despite_fit => {
                return Err(FitHold::new(req.framework, req.current_role, fit));
            }
            // Built on request all the same: it opens with the trial and
            // the second fit check, as for explore.
            Recommendation::Technical => {
                notes.push(format!(
                    "You asked for this management plan although your fit check points to the technical track (management {}/100, technical {}/100): it opens with a trial of about {TRIAL_WEEKS} weeks and a second fit check at its end.",
                    fit.management, fit.technical
                ));
                true
            }
            Recommendation::Explore => {
                // Both ways stay open until the trial has answered.
                let other = crate::fit::technical_role(req.framework, req.current_role)
                    .map(|r| {
                        format!(
                            " If it points to the technical track, your way up there is {}.",
                            r.name
                        )
                    })
                    .unwrap_or_default();
                notes.push(format!(
                    "Your fit check says explore (management {}/100, technical {}/100): the plan opens with a trial of about {TRIAL_WEEKS} weeks and a second fit check at its end, before the rest.{other}",
                    fit.management, fit.technical
                ));
                true
            }
            Recommendation::Management => false,
        },
        _ => false,
    };

    // Levels that are the person's own rating alone: the plan aims at the
    // gaps they see. Their manager's judgement is the one a promotion
    // turns on (seed 004 step 0: does your boss call on you for the
    // tough assignments?), so the plan says how to get it in.
    // With an action of its own in the catalogue it is the plan's first
    // item; the note says it otherwise (where it stands among the notes).
    let sources = || req.readiness.competencies.iter().map(|c| c.source);
    let self_rated = req.current_role.is_some()
        && sources().any(|s| s == LevelSource::SelfRating)
        && sources().all(|s| matches!(s, LevelSource::SelfRating | LevelSource::NotAssessed));
    let self_rated_note = self_rated.then_some(notes.len());

    // 2. The gaps: toward the target, and step 0, the job of today. After
    //    an interview the person felt was too technical, what they already
    //    meet is what they showed too much of: it is not raised.
    let overdone = |id: &str| {
        record
            .rejections
            .iter()
            .any(|r| r.too_technical && r.cited.iter().any(|c| c.as_str() == id))
    };
    // A journal that goes mostly to what the person already meets, and
    // past what the target asks (an IT manager still fixing the servers
    // herself): what takes its place is raised as feedback's gaps are.
    let readiness_of = |id: &str| {
        req.readiness
            .competencies
            .iter()
            .find(|c| c.id.as_str() == id)
    };
    let focus =
        crate::progress::focus::focus(&record.entries, req.readiness, req.current, req.start);
    let overdoing = focus
        .advice
        .as_ref()
        .and(focus.strongest.as_ref())
        .and_then(|s| readiness_of(&s.id))
        .filter(|c| c.current > c.expected);
    // Feedback that names what the person already does past what the
    // target asks ("too hands-on" of someone at 5 in technical excellence
    // where a director is expected at 2) says there is too much of it: it
    // is not raised, what takes its place is.
    let past_the_bar =
        |id: &CompetencyId| readiness_of(id.as_str()).is_some_and(|c| c.current > c.expected);
    let instead = |id: &str| {
        req.framework.competency(id).is_some_and(|c| {
            overdoing.is_some_and(|o| c.instead_of.contains(&o.id))
                || record.named_gaps.iter().any(|g| {
                    g.competencies
                        .iter()
                        .any(|n| past_the_bar(n) && c.instead_of.contains(n))
                })
        })
    };
    // Where the journal's time goes is said first among the notes, and
    // finished once the items are placed: it names this month's work.
    let focus_note = focus.diagnosis.as_ref().filter(|_| overdoing.is_some());
    if let Some(d) = focus_note {
        notes.push(d.clone());
    }
    let feedback_names = |id: &str| {
        record
            .named_gaps
            .iter()
            .filter(|g| {
                g.competencies
                    .iter()
                    .any(|c| c.as_str() == id && !past_the_bar(c))
            })
            .count() as u32
    };
    let named = |id: &str| feedback_names(id) + u32::from(instead(id));
    let cited = |id: &str| {
        let met = readiness_of(id).is_some_and(|c| c.gap == 0);
        if met && overdone(id) {
            0
        } else {
            // An interviewer's reasons and the person's own feedback alike:
            // someone who saw them work found it short.
            req.cited.get(id).copied().unwrap_or(0) + named(id)
        }
    };
    let max = req.framework.scale.max;
    let move_shows: Vec<CompetencyId> = req
        .current_role
        .into_iter()
        .flat_map(|now| req.framework.transitions_from(now.id.as_str()))
        .filter(|t| t.to == req.role.id)
        .flat_map(|t| t.to_show.iter().cloned())
        .collect();
    let mut gaps: Vec<Gap> = req
        .readiness
        .competencies
        .iter()
        .filter_map(|c| {
            let times = cited(c.id.as_str());
            // Met by their own rating alone in what the move is about
            // (the transition's `to_show`), past what the role they hold
            // asks of it, and nothing on record shows it: an IT manager who
            // rates herself as leading leaders has a job that has not had
            // her do it (seed 003; review 6, finding 4). The plan has her
            // show it, at the weight of one citation.
            let claimed = (c.gap == 0
                && times == 0
                && move_shows.contains(&c.id)
                && c.source == crate::readiness::LevelSource::SelfRating
                && c.evidence == 0
                && req
                    .current
                    .and_then(|now| now.competencies.iter().find(|n| n.id == c.id))
                    .is_some_and(|n| c.current > n.expected))
            .then_some(c.current);
            let p = super::priority(c, if claimed.is_some() { 1 } else { times });
            // Met by their own rating, doubted by an interviewer or by their
            // feedback: the level they claim is unproven, so the plan has
            // them show it, not climb past it (an IT manager told he keeps
            // the hard tickets shows a director's leadership, 4, not a
            // CIO's).
            let doubted = c.gap == 0 && (times > 0 || claimed.is_some());
            let said = feedback_names(c.id.as_str()) > 0 || req.cited.contains_key(c.id.as_str());
            let rated = (doubted && claimed.is_none() && said).then_some(c.current);
            (p > 0.0).then(|| Gap {
                id: c.id.clone(),
                name: c.name.clone(),
                from: if doubted {
                    c.expected.saturating_sub(1).max(req.framework.scale.min)
                } else if instead(c.id.as_str()) {
                    // Rated, but the journal shows the work still done
                    // rather than handed on: the level below is to show too.
                    c.current.saturating_sub(1).max(req.framework.scale.min)
                } else {
                    c.current
                },
                // What two or more interviews held against the person is
                // built a level past the bar: the next panel asks again.
                to: if c.gap > 0 && times >= 2 {
                    c.expected.saturating_add(1).min(max)
                } else if c.gap > 0 || doubted {
                    c.expected
                } else {
                    c.current.saturating_add(1).min(max)
                },
                priority: p,
                step0: false,
                today: 0,
                critical: c.critical,
                named: feedback_names(c.id.as_str()) > 0,
                instead_of: overdoing
                    .filter(|_| instead(c.id.as_str()))
                    .map(|o| o.name.clone()),
                claimed,
                rated,
            })
        })
        .filter(|g| g.from < g.to)
        .collect();
    if let (Some(now), Some(role_now)) = (req.current, req.current_role) {
        let below = crate::readiness::step0(now);
        for c in &below {
            // Step 0 comes first whatever its size: the largest target gap
            // is outranked.
            let p = c.priority() * 4.0;
            match gaps.iter_mut().find(|g| g.id == c.id) {
                Some(g) => {
                    g.step0 = true;
                    g.today = c.expected;
                    g.to = g.to.max(c.expected);
                    g.priority = g.priority.max(p);
                }
                None => gaps.push(Gap {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    from: c.current,
                    to: c.expected,
                    priority: p,
                    step0: true,
                    today: c.expected,
                    critical: true,
                    named: feedback_names(c.id.as_str()) > 0,
                    instead_of: None,
                    claimed: None,
                    rated: None,
                }),
            }
        }
        if let Some(note) = crate::readiness::step0_note(&role_now.name, &below) {
            notes.push(format!("{note} The plan starts with it."));
        }
    }
    gaps.sort_by(|a, b| b.priority.total_cmp(&a.priority));

    // 3. What is worth proposing, given the record.
    let recognised: BTreeSet<&str> = req
        .framework
        .actions
        .iter()
        .filter(|a| record.journal.iter().any(|t| a.recognised_in(t)))
        .map(|a| a.id.as_str())
        .collect();
    // The journal entry that shows each action's first steps, read once;
    // for work proposed on the leading a journal shows done without the
    // post, the entry that shows it, which is no first step of its own.
    // The leading may be shown in feedback too ("runs the team in all but
    // name, needs to let go").
    let (shown, begun): (Vec<_>, Vec<_>) = req
        .framework
        .actions
        .iter()
        .filter_map(|a| {
            let unofficially = a.when == Some(Condition::LeadsUnofficially);
            let feedback = record
                .named_gaps
                .iter()
                .map(|g| &g.text)
                .filter(|_| unofficially);
            // A manager's word for it first.
            let entry = feedback.chain(&record.journal).find(|t| a.begun_in(t))?;
            Some((unofficially, (a.id.as_str(), entry.as_str())))
        })
        .partition(|(unofficially, _)| *unofficially);
    let shown: BTreeMap<&str, &str> = shown.into_iter().map(|(_, e)| e).collect();
    let begun: BTreeMap<&str, &str> = begun.into_iter().map(|(_, e)| e).collect();
    // The journal entry that says an action is meant ("I will do the
    // finance course next spring"), for what is neither done nor begun:
    // the plan makes room for it, or says why not.
    let meant: BTreeMap<&str, &str> = req
        .framework
        .actions
        .iter()
        .filter(|a| !recognised.contains(a.id.as_str()) && !begun.contains_key(a.id.as_str()))
        .filter_map(|a| {
            let entry = record.journal.iter().find(|t| a.named_in(t))?;
            Some((a.id.as_str(), entry.as_str()))
        })
        .collect();
    // The time such an entry names for it ("next spring"), read once.
    let meant_from: BTreeMap<&str, NaiveDate> = meant
        .iter()
        .filter_map(|(id, entry)| Some((*id, super::named_time(entry, req.start)?)))
        .collect();
    // The latest entry that says no post will open here (the journal comes
    // newest first): the plan looks elsewhere too, as after two lost
    // interviews (seed 000: if your manager is not moving up or out, not
    // at your current employer).
    let no_opening: Option<&str> = record
        .journal
        .iter()
        .find(|t| req.framework.no_opening_in(t))
        .map(String::as_str);
    // The latest entry that shows this year's budget round done (next
    // year's budget built): what follows the round waits for the next
    // (review 7, finding 5).
    let round_closed: Option<&str> = record
        .journal
        .iter()
        .find(|t| req.framework.round_closed_in(t))
        .map(String::as_str);
    // The journal entries that show the person doing themselves what an
    // action hands on (outages fixed in person), for actions two or more
    // entries show it of: a habit, not a night's call-out.
    let own: BTreeMap<&str, Vec<&str>> = req
        .framework
        .actions
        .iter()
        .filter_map(|a| {
            let entries: Vec<&str> = record
                .journal
                .iter()
                .filter(|t| a.hands_on_in(t))
                .map(String::as_str)
                .collect();
            (entries.len() >= 2).then_some((a.id.as_str(), entries))
        })
        .collect();
    let had: BTreeSet<&str> = record
        .done
        .iter()
        .chain(record.under_way.iter())
        .map(|a| a.as_str())
        .chain(recognised.iter().copied())
        .collect();
    // A team led without the post (seed 000's "not officially"), the post
    // itself not vacant: a vacancy half held is asked for as the post.
    let vacancy = req
        .framework
        .actions
        .iter()
        .any(|a| a.trial && begun.contains_key(a.id.as_str()));
    // Someone in a manager's post, or with one on the record, leads
    // officially already.
    let no_post = req
        .current_role
        .is_none_or(|r| r.track != Track::Management)
        && post_on_record(req).is_none();
    let leads_unofficially = |a: &Action| {
        a.when == Some(Condition::LeadsUnofficially)
            && shown.contains_key(a.id.as_str())
            && !vacancy
            && no_post
    };
    // What is done or under way makes unnecessary what it replaces; so
    // does the leading already done, to be made official (no post to
    // cover is needed for it).
    let replaced: BTreeSet<&str> = req
        .framework
        .actions
        .iter()
        .filter(|a| had.contains(a.id.as_str()) || leads_unofficially(a))
        .flat_map(|a| a.replaces.iter().map(|r| r.as_str()))
        .collect();
    let rejected_without_reasons: Vec<&Rejection> = record
        .rejections
        .iter()
        .filter(|r| !r.reasons_given)
        .collect();
    let horizon_end = req
        .start
        .checked_add_months(Months::new(req.horizon_months))
        .unwrap_or(req.start);
    let horizon_weeks = ((horizon_end - req.start).num_days() / 7).max(1) as u32;
    // Step 0 is the job of today, mastered by doing it: the work that
    // suits the role the person holds builds it, even if it does not
    // advance the move (the tough assignments of a sysadmin who wants to
    // manage).
    let for_today = |a: &Action| {
        a.kind == ActionKind::Experience
            && !a.suits(req.role)
            && req.current_role.is_some_and(|r| a.suits(r))
            && a.competencies
                .iter()
                .any(|c| gaps.iter().any(|g| g.step0 && &g.id == c))
    };
    // Whether the person holds today the level an action's span starts
    // at, in each competency it is handed on: a manager's post is
    // covered, and a colleague's yearly review written, by someone who
    // already leads and develops people, not by a developer yet to lead
    // anyone.
    let holds = |a: &Action| {
        a.on_record
            .iter()
            .all(|c| readiness_of(c.as_str()).is_some_and(|r| r.current >= a.span(c).0))
    };
    let interview_ahead = record
        .interviews
        .iter()
        .any(|i| i.on >= req.start && i.on <= horizon_end);
    // A panel the record points to: an interview felt lost by showing too
    // much technical skill, two or more lost, a search elsewhere, or an
    // interview for a management post ahead. Without one, the rehearsal
    // is for the ask.
    let panel_ahead = record.rejections.iter().any(|r| r.too_technical)
        || record.rejections.len() >= 2
        || no_opening.is_some()
        || interview_ahead && req.role.track == Track::Management;
    let candidates: Vec<&Action> = req
        .framework
        .actions
        .iter()
        .filter(|a| a.suits(req.role) || for_today(a))
        .filter(|a| !req.exclude.contains(&a.id))
        .filter(|a| !recognised.contains(a.id.as_str()) && !replaced.contains(a.id.as_str()))
        .filter(|a| match a.when {
            None => true,
            Some(Condition::RejectedOpportunity) => {
                record.rejections.len() >= 2 || no_opening.is_some()
            }
            Some(Condition::RejectedWithoutReasons) => !rejected_without_reasons.is_empty(),
            Some(Condition::NoTeamAtWork | Condition::NotAManager) => req
                .current_role
                .is_none_or(|r| r.track != Track::Management),
            // Or before the first panel elsewhere, told no post will open
            // here (review 7).
            // Or before an interview for a management post ahead (review
            // 8, finding 5).
            // Or, whatever the record, before the ask the plan dates: a
            // promotion is decided by a panel or a conversation too (review
            // 10, finding 4). Decided once the ask is dated.
            Some(Condition::LostInterviews) => true,
            Some(Condition::FeedbackNamesGap) => !record.named_gaps.is_empty(),
            // Decided once the work is scheduled.
            Some(Condition::CriticalGapsClosed) => true,
            Some(Condition::ChangeAhead) => begun.contains_key(a.id.as_str()),
            Some(Condition::LeadsUnofficially) => leads_unofficially(a),
            // With something to build: not for the role already held.
            Some(Condition::SelfRatedOnly) => self_rated && !gaps.is_empty(),
            // Decided once the ask is dated.
            Some(Condition::BeforeTheAsk) => true,
            // Decided once the move's work is dated after the job held.
            Some(Condition::JobMastered) => gaps.iter().any(|g| g.step0),
            // A plan of two quarters or more, with something to build.
            Some(Condition::QuarterlyReview) => {
                req.horizon_months >= REVIEWED_AFTER_MONTHS && !gaps.is_empty()
            }
        })
        // Nobody develops by doing the job they hold, nor joins a forum
        // that would not take them.
        .filter(|a| for_today(a) || a.open_to_holder(req.current_role.map(|r| &r.id)))
        // What is handed on a record needs the record first: a manager's
        // post is not covered on a three-week review this plan proposes.
        .filter(|a| holds(a))
        // Nor waited for where the journal says no post will open: the
        // manager staying put, the search elsewhere is not held back for
        // a cover that is not coming (review 10, left: Ruth).
        .filter(|a| {
            let post_to_cover = a.trial && !a.on_record.is_empty();
            !post_to_cover || no_opening.is_none() || begun.contains_key(a.id.as_str())
        })
        // Work that hands on what the journal shows done in person is
        // for someone whose journal shows it.
        .filter(|a| a.hands_on.is_empty() || own.contains_key(a.id.as_str()))
        // Nothing that cannot be finished within the horizon.
        .filter(|a| a.effort_weeks <= horizon_weeks)
        .collect();

    // Not once the person has asked (the item done, dropped or in the
    // journal): the request is made, the ratings are the manager's to give.
    if let Some(at) = self_rated_note.filter(|_| {
        !req.framework.actions.iter().any(|a| {
            a.when == Some(Condition::SelfRatedOnly)
                && (candidates.iter().any(|c| c.id == a.id)
                    || req.exclude.contains(&a.id)
                    || recognised.contains(a.id.as_str()))
        })
    }) {
        notes.insert(
            at,
            format!(
                "{OWN_RATING}. Ask your manager to rate you too (a feedback request with them as its rater), and make the plan again from what they see: the move to {} turns on their judgement, not yours.",
                req.role.name
            ),
        );
    }

    // 4. Choose: what each action builds of the gaps still open. Each
    //    competency keeps the spans of the actions chosen for it; which of
    //    its levels they build between them is worked out from those (see
    //    `levels_built`), so an action takes a level whenever the levels
    //    can be shared out again to make room for it.
    let whole: BTreeMap<CompetencyId, Vec<(u8, u8)>> =
        gaps.iter().map(|g| (g.id.clone(), Vec::new())).collect();
    let mut open = whole.clone();
    let gap_of = |id: &CompetencyId| gaps.iter().find(|g| &g.id == id);
    // The part of a gap an action builds. The job of today is mastered by
    // its own work (seed 004 step 0): what the role held does not call for
    // (owning a service's decisions as a manager would), and a trial of
    // management, build none of the levels that role expects, only those
    // above them.
    // The craft a technical ladder climbs on: critical at the person's
    // rung and at the one they aim for (technical excellence from the help
    // desk to the specialist, seed 001).
    let craft = |c: &CompetencyId| {
        req.role.track == Track::Technical
            && req.role.is_critical(c.as_str())
            && req
                .current_role
                .is_some_and(|r| r.track == Track::Technical && r.is_critical(c.as_str()))
    };
    // What an action touches of a gap: its span, within the gap.
    let reach_of = |a: &Action, g: &Gap| {
        // A trial of management (a manager's post covered) is the move,
        // whatever else it builds.
        let of_today = !a.trial && req.current_role.is_none_or(|r| a.suits(r));
        let from = if g.step0 && !of_today {
            g.from.max(g.today)
        } else {
            g.from
        };
        a.builds_of(&g.id, from, g.to)
    };
    // What it builds of it. Learnt (a course, or a meeting for what it is
    // not mainly about: a conference for strategy) builds the lower half
    // of the scale at most, knowing about the work; the upper half is
    // doing it (writes the roadmap, runs the service), which takes the
    // work (seed 000: you learn a lot more doing the work than carrying a
    // piece of paper). Except the craft of a technical ladder, where the
    // course of the field is part of the level.
    let sustained = req.role.track == Track::Management && !interview_ahead;
    let one_off = |a: &Action| {
        sustained
            && a.kind == ActionKind::Experience
            && a.effort_weeks <= ONE_OFF_WEEKS
            && !a.trial
            && !a.foundation
    };
    let half = req.framework.scale.min + (req.framework.scale.max - req.framework.scale.min) / 2;
    let span_of = |a: &Action, g: &Gap| {
        let (from, to) = reach_of(a, g)?;
        // A piece of work of a month or less starts the level a management
        // role holds critical; it does not make it: the move is asked for
        // on sustained work (one business case is not tracking a team's
        // spend against its budget; review 7, finding 2). Except before an
        // interview ahead, where what can be shown by then is what counts.
        // Critical for the target, not only for the job held (step 0).
        let to = if one_off(a) && req.role.is_critical(g.id.as_str()) {
            to.min(g.to - 1)
        } else {
            to
        };
        if from >= to {
            return None;
        }
        let learnt = !a.foundation
            && (a.kind == ActionKind::Education && !craft(&g.id)
                || a.kind == ActionKind::Relationship && a.competencies.first() != Some(&g.id));
        if !learnt {
            Some((from, to))
        } else {
            (from < half).then_some((from, to.min(half)))
        }
    };
    // One action builds one level of each competency it develops, within
    // its span: a gap of two levels takes two actions. The level it adds
    // to those the actions chosen before it build, if it adds one.
    let next_level = |a: &Action,
                      c: &CompetencyId,
                      open: &BTreeMap<CompetencyId, Vec<(u8, u8)>>| {
        let g = gap_of(c)?;
        if !g.step0 && for_today(a) {
            return None;
        }
        // A course supports a critical competency but does not build its
        // level: that takes doing the work (seed 000: you learn a lot more
        // doing the work than carrying a piece of paper). Except the craft
        // of a technical ladder, where the course of the field is part of
        // the level (seed 000: the learning never stops).
        if a.kind == ActionKind::Education && g.critical && !craft(c) {
            return None;
        }
        // Meeting people builds a network; the critical levels of
        // anything else take the work too (a conference is no roadmap
        // written).
        if a.kind == ActionKind::Relationship && g.critical && a.competencies.first() != Some(c) {
            return None;
        }
        let span = span_of(a, g)?;
        let spans = open.get(c)?;
        let before = levels_built(spans);
        let mut with = spans.clone();
        with.push(span);
        levels_built(&with).difference(&before).next().copied()
    };
    let value = |a: &Action, open: &BTreeMap<CompetencyId, Vec<(u8, u8)>>| -> f64 {
        a.competencies
            .iter()
            .filter_map(|c| {
                let g = gap_of(c)?;
                next_level(a, c, open)?;
                // Of the lower levels of a critical gap too, sustained work
                // first: the shadowed budget cycle before a business case.
                let short = if one_off(a) && req.role.is_critical(g.id.as_str()) {
                    0.5
                } else {
                    1.0
                };
                Some(short * g.priority / f64::from(g.to - g.from))
            })
            .sum()
    };
    let mut chosen: Vec<Choice> = Vec::new();
    // The level an action builds of one competency, taken from `open`.
    let take_of = |a: &Action,
                   c: &CompetencyId,
                   open: &mut BTreeMap<CompetencyId, Vec<(u8, u8)>>|
     -> Option<u8> {
        let l = next_level(a, c, open)?;
        if let (Some(spans), Some(span)) = (open.get_mut(c), gap_of(c).and_then(|g| span_of(a, g)))
        {
            spans.push(span);
        }
        Some(l)
    };
    let take =
        |a: &Action, open: &mut BTreeMap<CompetencyId, Vec<(u8, u8)>>| -> Vec<(CompetencyId, u8)> {
            a.competencies
                .iter()
                .filter_map(|c| Some((c.clone(), take_of(a, c, open)?)))
                .collect()
        };
    let is_chosen = |chosen: &[Choice], a: &Action| chosen.iter().any(|c| c.action.id == a.id);
    // Competes for the gaps: no condition, or one that, once met, lets it
    // (the rest have a step of their own).
    let competes = |a: &Action| a.when.is_none_or(Condition::competes);

    // a. Explore: a trial first. The truest the record allows: the post
    //    itself (an interim period of about three months) for someone
    //    who already leads, a project otherwise; then the one that builds
    //    most.
    if explore {
        let trial = candidates
            .iter()
            .copied()
            .filter(|a| a.trial)
            .max_by(|a, b| {
                a.on_record
                    .is_empty()
                    .cmp(&b.on_record.is_empty())
                    .reverse()
                    .then(value(a, &open).total_cmp(&value(b, &open)))
            });
        if let Some(a) = trial {
            let built = take(a, &mut open);
            chosen.push(Choice::new(a, Phase::Trial, None, built));
        }
    }
    // b. The groundwork of a move into management. It supports the
    //    experience that builds the levels; it does not replace it, so it
    //    leaves the gaps open for the actions below.
    if req.role.track == Track::Management {
        // A move into management from another track is a change of
        // freeways (seed 001): all of it, whatever the gaps (seed 002 step
        // 4: tell your supervisor). Up the management track, what touches
        // a gap.
        let into = req
            .current_role
            .is_some_and(|r| r.track != Track::Management);
        for a in candidates.iter().copied().filter(|a| a.foundation) {
            // Groundwork for any gap it touches, whatever else builds it.
            if into || value(a, &whole) > 0.0 {
                let mut built = take(a, &mut whole.clone());
                // Unless it is the work of its first competency's level
                // itself (a network of co-managers is the networking
                // level, seed 000): that level it builds, from the open.
                let own = a
                    .competencies
                    .first()
                    .filter(|_| a.builds_first)
                    .and_then(|c| Some((c.clone(), take_of(a, c, &mut open)?)));
                let builds_own = own.is_some();
                if let Some((c, l)) = own {
                    built.retain(|(id, _)| *id != c);
                    built.insert(0, (c, l));
                }
                let mut choice = Choice::new(a, Phase::Foundation, None, built);
                choice.builds_own = builds_own;
                chosen.push(choice);
            }
        }
    }
    // b'. The conversation work is agreed in (telling the manager the role
    //     aimed at), on either track, wherever there are gaps: the manager
    //     asked to rate you, or told you are ready, has heard first what
    //     you aim at (review 10, finding 6: a director asking the chief
    //     executive to rate him for CIO before saying he wants the seat).
    let talks: Vec<&Action> = candidates
        .iter()
        .copied()
        .filter(|a| {
            // With something to build: not for the role already held.
            !gaps.is_empty() && !is_chosen(&chosen, a) && req.framework.arranges(&a.id)
        })
        .collect();
    for a in talks {
        let built = take(a, &mut whole.clone());
        chosen.push(Choice::new(a, Phase::Foundation, None, built));
    }
    // c. The manager's rating, when every level is the person's own: in
    //    the first weeks, beside telling them the role aimed at.
    // The quarter's review with the manager too, unless a trial's answer
    // remakes the plan first.
    let trial_first = chosen.iter().any(|c| c.phase == Phase::Trial);
    for a in candidates.iter().copied().filter(|a| match a.when {
        Some(Condition::SelfRatedOnly) => true,
        Some(Condition::QuarterlyReview) => !trial_first,
        _ => false,
    }) {
        chosen.push(Choice::new(a, Phase::Ask, None, Vec::new()));
    }
    // Every interview lost without reasons: ask for them.
    for a in candidates
        .iter()
        .copied()
        .filter(|a| a.when == Some(Condition::RejectedWithoutReasons))
    {
        for r in &rejected_without_reasons {
            chosen.push(Choice::new(a, Phase::Ask, Some(r), Vec::new()));
        }
    }
    // Turned down more than once ("I usually hear that someone with more
    // experience was hired"): where to look, once (seed 000: not at your
    // current employer; young, small, fast-growing companies). It builds
    // no level itself; the post found would. Not while the journal shows
    // a manager's post at home half held (seed 000: if your manager is
    // not moving up or out; here the manager has moved out).
    let post_at_home = candidates
        .iter()
        .any(|a| a.trial && begun.contains_key(a.id.as_str()));
    // Whether the plan can date putting oneself forward, looking elsewhere
    // aside: not beside an opening already ahead (its preparation is the
    // step), nor where a manager's post at home is half held (it is asked
    // for at the end of the acting period), nor while the job held is
    // still to master (seed 004 step 0), nor with nothing to close, nor
    // toward the role already held.
    let ask_datable = !interview_ahead
        && !post_at_home
        && !gaps.is_empty()
        && !gaps.iter().any(|g| g.step0)
        && req.current_role.is_none_or(|r| r.id != req.role.id);
    // What goes with a search (a network where openings are heard of),
    // when the plan has none of it yet: the first the plan can propose.
    let network_with = |a: &Action, chosen: &[Choice]| {
        if a.goes_with
            .iter()
            .any(|w| chosen.iter().any(|c| c.action.id == *w))
        {
            return None;
        }
        a.goes_with
            .iter()
            .find_map(|w| candidates.iter().copied().find(|c| c.id == *w))
    };
    for a in candidates
        .iter()
        .copied()
        .filter(|a| a.when == Some(Condition::RejectedOpportunity) && !post_at_home)
    {
        chosen.push(Choice::new(a, Phase::Ask, None, Vec::new()));
        // With a network outside the company to hear of openings through,
        // started no later (seed 000: network a lot, 60+ days before any
        // hint of positions).
        if let Some(w) = network_with(a, &chosen) {
            let mut choice = Choice::new(w, Phase::Foundation, None, take(w, &mut whole.clone()));
            choice.for_looking = Some(LOOKING_ELSEWHERE);
            chosen.push(choice);
        }
    }
    // Leadership practised outside work (a charity board, a sports team)
    // stands in for what work cannot give: it is chosen only for what no
    // work action builds (seed 004 step 4).
    let outside = |a: &Action| a.when == Some(Condition::NoTeamAtWork);
    // The value of an action for the time it takes: what answers soon.
    let soon = |a: &Action, open: &BTreeMap<CompetencyId, Vec<(u8, u8)>>| {
        value(a, open) / f64::from(a.effort_weeks).sqrt()
    };
    // d. What interviewers cited: an action that builds it, early.
    let mut cited_by: BTreeMap<&CompetencyId, &Rejection> = BTreeMap::new();
    for r in &record.rejections {
        for c in &r.cited {
            if gap_of(c).is_some() {
                cited_by.entry(c).or_insert(r);
            }
        }
    }
    // "Too technical, not enough managing": the target's critical gaps are
    // what the interview was lost on.
    for r in record.rejections.iter().filter(|r| r.too_technical) {
        for c in req
            .readiness
            .competencies
            .iter()
            .filter(|c| c.critical && c.gap > 0)
        {
            cited_by.entry(&c.id).or_insert(r);
        }
    }
    for (c, r) in &cited_by {
        let Some(g) = gap_of(c) else { continue };
        // Groundwork supports a level, it does not build it: a mentor is
        // no answer to an interview lost on leading people.
        let already = chosen
            .iter()
            .any(|ch| ch.phase != Phase::Foundation && ch.built.iter().any(|(b, _)| b == *c));
        if already {
            continue;
        }
        // Lost more than once on it: work that is all about it (a cost line
        // of one's own after two interviews lost on managing budgets), not
        // work that touches it among other things.
        let times = record
            .rejections
            .iter()
            .filter(|r| r.cited.contains(*c))
            .count();
        let focus = |a: &Action| {
            if times < 2 {
                0.0
            } else {
                1.0 / a.competencies.len() as f64
            }
        };
        // Work mainly for it (its first competency): an interview lost on
        // leadership is answered by leading, not by a project that leads
        // among other things.
        let mainly = |a: &Action| a.competencies.first() == Some(*c);
        let best = candidates
            .iter()
            .copied()
            .filter(|a| !is_chosen(&chosen, a) && competes(a))
            .filter(|a| a.covers(c.as_str()) && span_of(a, g).is_some())
            .filter(|a| a.kind != ActionKind::Education)
            // Work done, before a conversation about it ("leading three
            // managers" is not answered by asking for feedback); then an
            // answer to an interview soon: the value for the time.
            .max_by(|a, b| {
                let soon = |a: &Action| soon(a, &open);
                // At work first.
                (!outside(a))
                    .cmp(&!outside(b))
                    .then(
                        (a.kind == ActionKind::Experience).cmp(&(b.kind == ActionKind::Experience)),
                    )
                    .then(mainly(a).cmp(&mainly(b)))
                    .then(focus(a).total_cmp(&focus(b)))
                    .then(soon(a).total_cmp(&soon(b)))
                    .then(b.effort_weeks.cmp(&a.effort_weeks))
            });
        if let Some(a) = best {
            let built = take(a, &mut open);
            chosen.push(Choice::new(a, Phase::Cited, Some(r), built));
        }
    }
    // d'. The work the journal goes to past the target, or that feedback
    //     says is kept rather than handed on, is replaced by work all about
    //     what takes its place (seed 001: be less hands on and learn to
    //     delegate): "hand a duty you always do", whatever else builds the
    //     same levels.
    // Work at work, not chosen yet, that competes for the gaps: what may
    // answer what the journal or feedback says (d' and d'').
    let work_to_choose = |chosen: &[Choice], a: &Action| {
        !is_chosen(chosen, a) && competes(a) && a.kind == ActionKind::Experience && !outside(a)
    };
    for g in gaps.iter().filter(|g| g.instead_of.is_some()) {
        let mainly = |a: &Action| a.competencies.first() == Some(&g.id);
        if answered(&chosen, mainly, |b| *b == g.id) {
            continue;
        }
        let best = candidates
            .iter()
            .copied()
            .filter(|a| work_to_choose(&chosen, a) && mainly(a))
            .filter(|a| next_level(a, &g.id, &open).is_some())
            // The level below the one rated is what the journal leaves
            // unshown (delegates and follows up without taking the work
            // back): the work that shows it first.
            // Work that hands on what the journal shows done in person
            // (the outages taken herself) says it in its own terms, first.
            .max_by(|a, b| {
                let below = |a: &Action| a.builds_of(&g.id, g.from, g.from + 1).is_some();
                let soon = |a: &Action| soon(a, &open);
                let own = |a: &Action| own.contains_key(a.id.as_str());
                own(a)
                    .cmp(&own(b))
                    .then(below(a).cmp(&below(b)))
                    .then(soon(a).total_cmp(&soon(b)))
                    .then(b.effort_weeks.cmp(&a.effort_weeks))
            });
        if let Some(a) = best {
            let built = take(a, &mut open);
            chosen.push(Choice::new(a, Phase::Instead, None, built));
        }
    }
    // d''. What feedback named, answered in its own terms, early, as an
    //      interviewer's reasons are (GitLab: feedback as evidence): work
    //      mainly for what it names that says what it said ("the business
    //      hears about major incidents from the finance director" and
    //      "Tell the business about your major incidents"), before work
    //      that builds more gaps among them.
    if !record.named_gaps.is_empty() {
        let tagger = req.framework.tagger();
        for named in &record.named_gaps {
            let named_gap = |c: &CompetencyId| {
                named.competencies.contains(c) && gaps.iter().any(|g| g.named && &g.id == c)
            };
            let mainly = |a: &Action| a.competencies.first().is_some_and(named_gap);
            if answered(&chosen, mainly, named_gap) {
                continue;
            }
            let best = candidates
                .iter()
                .copied()
                .filter(|a| work_to_choose(&chosen, a) && mainly(a))
                .filter(|a| {
                    a.competencies
                        .first()
                        .is_some_and(|c| next_level(a, c, &open).is_some())
                })
                .map(|a| (a, tagger.shared_words(&named.text, &a.title)))
                .filter(|(_, words)| *words >= 2)
                .max_by(|(a, wa), (b, wb)| {
                    wa.min(&3)
                        .cmp(wb.min(&3))
                        .then(soon(a, &open).total_cmp(&soon(b, &open)))
                        .then(b.effort_weeks.cmp(&a.effort_weeks))
                });
            if let Some((a, _)) = best {
                let built = take(a, &mut open);
                chosen.push(Choice::new(a, Phase::Cited, None, built));
            }
        }
    }
    // e. Cover the rest: the most gap closed first, with the kinds kept
    //    near 70-20-10 by effort.
    let effort = |chosen: &[Choice], kind: Option<ActionKind>| -> u32 {
        chosen
            .iter()
            .filter(|c| kind.is_none_or(|k| c.action.kind == k))
            .map(|c| c.action.effort_weeks)
            .sum()
    };
    // Built only when there is feedback to answer: it takes a while.
    let tagger = (!record.named_gaps.is_empty()).then(|| req.framework.tagger());
    // Only while it still builds what the feedback named: once other work
    // has built it, the words alone answer nothing.
    let answers = |a: &Action, open: &BTreeMap<CompetencyId, Vec<(u8, u8)>>| -> usize {
        let feedback = tagger.map_or(0, |tagger| {
            record
                .named_gaps
                .iter()
                .filter(|g| {
                    g.competencies
                        .iter()
                        .any(|c| a.covers(c.as_str()) && next_level(a, c, open).is_some())
                })
                // Its words ("the business hears about major incidents"
                // and "Tell the business about your major incidents"), and
                // an action mainly for what it names (its first
                // competency): "let go of the keyboard" is answered by
                // handing a duty on, not by running one-to-ones.
                .map(|g| {
                    tagger.shared_words(&g.text, &a.title).min(2)
                        + usize::from(
                            a.competencies
                                .first()
                                .is_some_and(|c| g.competencies.contains(c)),
                        )
                })
                .sum::<usize>()
        });
        // What takes the place of the work the journal goes to, by work
        // that is mainly for it (its first competency): "Hand a duty you
        // always do", not a fundraiser that also leads, nor a course.
        let instead = gaps
            .iter()
            .filter(|g| {
                g.instead_of.is_some()
                    && a.kind == ActionKind::Experience
                    && a.competencies.first() == Some(&g.id)
                    && span_of(a, g).is_some()
            })
            .count()
            * 2;
        (feedback + instead).min(2)
    };
    let mut outside_too = false;
    // Someone who can give one thing at a time gives that one slot to work
    // in their own job first (seed 002 FAQ 4: coordinate a group activity,
    // mentor a newer colleague); a course only for what no such work
    // builds.
    let courses_last = at_once_of(req) == 1;
    loop {
        let total = effort(&chosen, None);
        let mut best: Option<(&Action, f64)> = None;
        for a in candidates.iter().copied() {
            let held = outside(a) || courses_last && a.kind == ActionKind::Education;
            if is_chosen(&chosen, a) || !competes(a) || (held && !outside_too) {
                continue;
            }
            let v = value(a, &open);
            if v <= 0.0 {
                continue;
            }
            // The kinds that are short of their share of the effort get
            // ahead, those past it fall back: 70-20-10 by effort.
            let share = f64::from(effort(&chosen, Some(a.kind)) + a.effort_weeks)
                / f64::from(total + a.effort_weeks);
            let v = v * (1.0 + target_share(a.kind) - share).clamp(0.5, 1.5);
            // Written for this very role: the work of the role itself;
            // for it alone, what sets it apart from the rung below (the
            // CIO's business change led with a sponsor from outside IT).
            let v = match a.roles.as_slice() {
                [only] if *only == req.role.id => v * 1.5,
                roles if roles.contains(&req.role.id) => v * 1.25,
                _ => v,
            };
            // What the person's feedback said, answered in so many words:
            // "instead of handing them on" and "Hand a duty you always do".
            let v = v * (1.0 + ANSWERS_FEEDBACK * answers(a, &open) as f64);
            // Between work of the same value, the shorter; then the work
            // mainly for what it builds (its first competency): a team's
            // backlog prioritised with its stakeholders builds project
            // management 3→4, a DR test only touches it.
            let mainly = |a: &Action| {
                a.competencies
                    .first()
                    .is_some_and(|c| next_level(a, c, &open).is_some())
            };
            let better = match best {
                None => true,
                Some((b, bv)) => {
                    v > bv + 1e-9
                        || ((v - bv).abs() <= 1e-9
                            && (b.effort_weeks, mainly(a)) > (a.effort_weeks, mainly(b)))
                }
            };
            if better {
                best = Some((a, v));
            }
        }
        match best {
            Some((a, _)) => {
                let built = take(a, &mut open);
                // Chosen for the levels, and under way already (the SD-WAN
                // quotes gathered): it goes on now, as begun work does.
                let phase = if begun.contains_key(a.id.as_str()) {
                    Phase::Begun
                } else {
                    Phase::Development
                };
                chosen.push(Choice::new(a, phase, None, built));
            }
            None if !outside_too => outside_too = true,
            None => break,
        }
    }
    // Added for the balance of the plan, or as work begun: what it builds of the gaps still
    // open, or, when every gap it touches is built already, it strengthens
    // them.
    let balance = |a: &Action, open: &mut BTreeMap<CompetencyId, Vec<(u8, u8)>>| {
        let built = take(a, open);
        if !built.is_empty() {
            return (built, false);
        }
        let built = take(a, &mut whole.clone());
        if !built.is_empty() {
            return (built, true);
        }
        // A book builds no roadmap, but it strengthens the writing of one:
        // the lowest level it touches of each gap.
        let touched = a
            .competencies
            .iter()
            .filter_map(|c| Some((c.clone(), reach_of(a, gap_of(c)?)?.0)))
            .collect();
        (touched, true)
    };
    // e'. Work the journal shows begun (the carriers' quotes gathered for
    //     a contract to negotiate) is seen through when it builds a gap:
    //     half the evidence is there. It takes what levels are left once
    //     the rest is chosen, or strengthens those others build. Work the
    //     person says they mean to do is made room for on the same terms:
    //     what they have planned, where it serves the move.
    let builds = |a: &Action| {
        a.competencies
            .iter()
            .any(|c| gap_of(c).is_some_and(|g| span_of(a, g).is_some()))
    };
    // What is meant need only touch a gap: a finance course the person
    // has booked strengthens the business case they will write.
    let touches = |a: &Action| {
        a.competencies
            .iter()
            .any(|c| gap_of(c).is_some_and(|g| reach_of(a, g).is_some()))
    };
    for a in candidates.iter().copied() {
        // A manager's post half held (the team's stand-up run since the
        // manager moved on) is the move itself, whatever gaps it builds:
        // made official, with success criteria (seed 000). So is a team
        // led without the post, the manager still there: the leading made
        // official (review 11, finding 1).
        let shown = !is_chosen(&chosen, a)
            && competes(a)
            && !outside(a)
            && (begun.contains_key(a.id.as_str()) && (a.trial || builds(a))
                || leads_unofficially(a)
                || !a.trial && meant.contains_key(a.id.as_str()) && touches(a));
        if shown {
            let (built, strengthens) = balance(a, &mut open);
            let phase = if begun.contains_key(a.id.as_str()) {
                Phase::Begun
            } else {
                Phase::Development
            };
            let mut choice = Choice::new(a, phase, None, built);
            choice.strengthens = strengthens;
            chosen.push(choice);
        }
    }
    // f. Learning from others and from a course too, when the effort has
    //    too little of either: the action of that kind most relevant to
    //    the gaps (what it touches of them, for the time it takes). Not
    //    for someone who can give one thing at a time: the one slot is
    //    for the work, the groundwork runs beside it.
    let relevance = |a: &Action| -> f64 {
        let touched: f64 = a
            .competencies
            .iter()
            .filter_map(|c| gap_of(c).filter(|g| reach_of(a, g).is_some()))
            .map(|g| g.priority / f64::from(g.to - g.from))
            .sum();
        touched / f64::from(a.effort_weeks).sqrt()
    };
    // Of two as relevant, the one least about what is no gap: for a gap
    // in delegation alone, the course on delegating, not the workshop on
    // conflict that also strengthens it (review 11: one size for all).
    let astray = |a: &Action| {
        a.competencies
            .iter()
            .filter(|c| gap_of(c).is_none_or(|g| reach_of(a, g).is_none()))
            .count()
    };
    let kinds = if at_once_of(req) > 1 {
        &[
            (ActionKind::Relationship, 0.1),
            (ActionKind::Education, 0.05),
        ][..]
    } else {
        &[]
    };
    // Study toward the move on the record (a master's begun, a management
    // course enrolled in) is the plan's learning from a course: a second
    // beside it is a course too many (review 13, finding 9: Ravi, Joanne;
    // seed 000: "all sorts of courses and still not nail the problem").
    let studying = req
        .framework
        .actions
        .iter()
        .any(|a| a.is_study_toward(req.role) && recognised.contains(a.id.as_str()));
    for &(kind, at_least) in kinds {
        let total = effort(&chosen, None);
        if total == 0 || f64::from(effort(&chosen, Some(kind))) >= at_least * f64::from(total) {
            continue;
        }
        if kind == ActionKind::Education && studying {
            continue;
        }
        let best = candidates
            .iter()
            .copied()
            .filter(|a| a.kind == kind && competes(a) && !is_chosen(&chosen, a))
            .filter(|a| f64::from(a.effort_weeks) <= 0.3 * f64::from(total.max(a.effort_weeks)))
            .filter(|a| relevance(a) > 0.0)
            .max_by(|a, b| {
                relevance(a)
                    .total_cmp(&relevance(b))
                    .then(b.effort_weeks.cmp(&a.effort_weeks))
                    .then(astray(b).cmp(&astray(a)))
            });
        if let Some(a) = best {
            chosen.push(Choice::for_balance(a, balance(a, &mut open)));
        }
    }
    // g. Up the technical ladder the learning never stops (seed 000): a
    //    gap in its craft gets the course of the field beside the work, if
    //    the plan has none for it. The one that builds most of the gap,
    //    then the shortest.
    for g in gaps.iter().filter(|g| craft(&g.id)) {
        let part = |a: &Action| a.builds_of(&g.id, g.from, g.to).map_or(0, |(f, t)| t - f);
        let has_course = chosen
            .iter()
            .any(|c| c.action.kind == ActionKind::Education && c.action.covers(g.id.as_str()));
        if has_course {
            continue;
        }
        let best = candidates
            .iter()
            .copied()
            .filter(|a| a.kind == ActionKind::Education && competes(a))
            .filter(|a| !is_chosen(&chosen, a) && a.covers(g.id.as_str()) && part(a) > 0)
            .max_by(|a, b| {
                part(a)
                    .cmp(&part(b))
                    .then(b.effort_weeks.cmp(&a.effort_weeks))
            });
        if let Some(a) = best {
            chosen.push(Choice::for_balance(a, balance(a, &mut open)));
        }
    }

    // A senior post asked for here and outside is told to a network of
    // peers, built months before (review 8, finding 3): the first of what
    // goes with the ask the plan does not have. Only where the plan can
    // date that ask (as in step 7): not beside an opening ahead, a post
    // half held, a search elsewhere or the job held still to master. The
    // network is for hearing of posts, whether or not it builds a level
    // (review 13, finding 3: an association of IT managers keeps a
    // network, it builds no alliances).
    let asks_here = ask_datable
        && !chosen
            .iter()
            .any(|c| c.action.when == Some(Condition::RejectedOpportunity));
    if asks_here {
        for a in candidates
            .iter()
            .copied()
            .filter(|a| a.when == Some(Condition::CriticalGapsClosed) && !a.goes_with.is_empty())
        {
            if let Some(w) = network_with(a, &chosen) {
                let mut choice =
                    Choice::new(w, Phase::Foundation, None, take(w, &mut whole.clone()));
                choice.for_looking = Some(ASKING_OUTSIDE);
                chosen.push(choice);
            }
        }
    }

    // 5. Order: the phase, then step 0, then what closes the most urgent
    //    gap, the lower levels before the higher.
    let urgency = |a: &Action| -> f64 {
        a.competencies
            .iter()
            .filter_map(|c| gap_of(c).filter(|g| a.builds_of(c, g.from, g.to).is_some()))
            .map(|g| g.priority)
            .fold(0.0, f64::max)
    };
    // Work for step 0: most of what it builds is the job of today (acting
    // as a manager builds service operations too, but is not that work).
    // How many of the levels a choice builds are the job of today: below
    // what the role held expects (service levels agreed with the business
    // take operations from the sysadmin's 3 to the manager's 4: the move's
    // work, not today's).
    let today = |c: &Choice| {
        c.built
            .iter()
            .filter(|(id, level)| gap_of(id).is_some_and(|g| g.step0 && *level < g.today))
            .count()
    };
    let step0 = |c: &Choice| !c.action.trial && today(c) > 0 && 2 * today(c) >= c.built.len();
    // Work that builds the job of today in part (a DR test for a
    // sysadmin's operations); a manager's post covered (a trial of
    // management) is the move whatever it builds.
    let today_part = |c: &Choice| !c.action.trial && today(c) > 0;
    // The step 0 work comes before the groundwork of the move itself.
    let rank = |c: &Choice| -> u8 {
        match c.phase {
            Phase::Trial => 0,
            // Where to look comes once what the interviews lost were about
            // is asked and answered: after the work they cited.
            Phase::Ask if c.action.when == Some(Condition::RejectedOpportunity) => 7,
            Phase::Ask => 1,
            // The leading done already, made official: the move itself,
            // as a post half held is (review 11, finding 1), unless an
            // interview lost on it ranks it with the rest of its answers.
            Phase::Development if c.action.when == Some(Condition::LeadsUnofficially) => 3,
            // Handing on what the person still does frees the hours for
            // the rest, the job of today first.
            Phase::Instead => 3,
            // Work under way goes on: a manager's post half held, made
            // official (the move itself), the contract whose quotes are in.
            Phase::Begun => 3,
            // What is added for the balance of the plan goes beside the
            // work, after it: it takes no day-one slot from it.
            Phase::Development if c.strengthens => 9,
            _ if step0(c) || today_part(c) => 4,
            Phase::Foundation => 5,
            Phase::Cited => 6,
            Phase::Development => 8,
        }
    };
    chosen.sort_by(|x, y| {
        rank(x)
            .cmp(&rank(y))
            .then(urgency(y.action).total_cmp(&urgency(x.action)))
            .then(x.action.levels.0.cmp(&y.action.levels.0))
            .then(x.action.effort_weeks.cmp(&y.action.effort_weeks))
    });
    // With an interview ahead, the work that can be done by then comes
    // first among the development: it is evidence to take into it (the
    // prep item asks what the role needs in its first year; a roadmap
    // drafted by then is that case). A course is not the case.
    if let Some(weeks) = record
        .interviews
        .iter()
        .filter(|i| i.on >= req.start && i.on <= horizon_end)
        .map(|i| (i.on - req.start).num_weeks())
        .min()
    {
        let by_then = |c: &Choice| {
            c.action.kind == ActionKind::Experience && i64::from(c.action.effort_weeks) <= weeks
        };
        let development = |c: &Choice| {
            !step0(c) && matches!(c.phase, Phase::Cited | Phase::Begun | Phase::Development)
        };
        // What the role weighs most among its critical gaps (leading and
        // developing people, for a manager) is started at once, done by
        // then or not: an interim manager runs the one-to-ones from day
        // one, and goes in with weeks of them behind him.
        let heaviest = gaps
            .iter()
            .filter(|g| req.role.is_critical(g.id.as_str()))
            .map(|g| req.role.weight(g.id.as_str()))
            .fold(1.0_f64, f64::max);
        let weighs_most = |c: &Choice| {
            heaviest > 1.0
                && c.action.kind == ActionKind::Experience
                && !c.strengthens
                && c.built.iter().any(|(id, _)| {
                    req.role.is_critical(id.as_str()) && req.role.weight(id.as_str()) >= heaviest
                })
        };
        // Stable: the order above holds within each part.
        chosen.sort_by_key(|c| {
            if !development(c) {
                0
            } else if weighs_most(c) {
                1
            } else if by_then(c) {
                2
            } else {
                3
            }
        });
    }
    // Among what answers interviews and the rest of the development, the
    // work on a competency's lower levels comes before the work on its
    // higher ones, whatever else the later work builds (shadow the budget
    // cycle before leading a vendor negotiation an interview asked for).
    // `a` starts lower than `b` on a competency both build: its span of
    // it starts below `b`'s.
    let starts_lower = |a: &Choice, b: &Choice| {
        a.built.iter().any(|(id, _)| {
            b.built.iter().any(|(other, _)| other == id)
                && a.action.span(id).0 < b.action.span(id).0
        })
    };

    // Work under way is not put back behind the levels below it: the
    // contract falls due whatever the plan says.
    let reordered = |c: &Choice| {
        !step0(c) && !c.strengthens && matches!(c.phase, Phase::Cited | Phase::Development)
    };
    // Of two that start on the same level, the one whose span ends lower
    // comes first: it can only build that level, and the other the one
    // above (own a service's decisions, operations 2→3, before covering a
    // manager's post takes it 3→4), so the levels are told in the order
    // the work is done.
    let ends_lower = |a: &Choice, b: &Choice| {
        a.built.iter().any(|(id, _)| {
            b.built.iter().any(|(other, _)| other == id) && {
                let (x, y) = (a.action.span(id), b.action.span(id));
                x.0 == y.0 && x.1 < y.1
            }
        })
    };
    // Spans differ by competency, so "lower" may go round in a circle
    // (lower on one competency, higher on another): a bounded number of
    // moves ends it.
    let mut moves = chosen.len() * chosen.len();
    let mut i = 0;
    while i < chosen.len() {
        let lower = (i + 1..chosen.len()).find(|&j| {
            moves > 0
                && reordered(&chosen[i])
                && reordered(&chosen[j])
                && (starts_lower(&chosen[j], &chosen[i]) || ends_lower(&chosen[j], &chosen[i]))
        });
        match lower {
            Some(j) => {
                moves -= 1;
                let c = chosen.remove(j);
                chosen.insert(i, c);
            }
            None => i += 1,
        }
    }

    // 6. Schedule: at most `at_once` pieces of work (experience and
    //    education) in flight, each due when its effort is spent. Meeting a
    //    mentor, a network or a manager runs alongside the work, with as
    //    many in flight (at least two); at one at a time, only the
    //    groundwork does. What does not fit the horizon waits.
    // The move's own work (not the job of today, even in part) is
    // scheduled after the rest, so that it can wait for the job of today.
    let is_move = |c: &Choice| {
        matches!(c.phase, Phase::Cited | Phase::Begun | Phase::Development)
            && !step0(c)
            && !today_part(c)
    };
    chosen.sort_by_key(|c| is_move(c));
    // A course prepares work on the levels it teaches: not the level below
    // them (a finance course spanning Budgeting 1 to 3 does not prepare
    // listing the area's costs, 0 to 1). A course for the move's levels
    // only prepares the move's work, not the job of today's that touches
    // the same competency: it waits with the move (review 9, finding 3).
    let prepares = |course: &Choice, w: &Choice| {
        course.strengthens
            && course.action.kind == ActionKind::Education
            && course.phase == Phase::Development
            && w.action.kind == ActionKind::Experience
            && !w.strengthens
            && !matches!(w.phase, Phase::Foundation | Phase::Trial | Phase::Begun)
            && w.built.iter().any(|(id, _)| {
                course.built.iter().any(|(c, _)| c == id)
                    && w.action.span(id).1 > course.action.span(id).0
            })
            && (!is_move(course) || is_move(w))
    };
    // A course chosen to strengthen what other work builds prepares that
    // work, or runs beside it, and never comes after it (seed 004 step 3:
    // do it now, and practise what you learn): it goes just before the
    // first such work.
    let mut k = 0;
    while k < chosen.len() {
        let c = &chosen[k];
        let before = (0..k).find(|&j| prepares(c, &chosen[j]));
        if let Some(j) = before {
            let course = chosen.remove(k);
            chosen.insert(j, course);
        }
        k += 1;
    }
    let at_once = at_once_of(req);
    let mut work = vec![Lane::from(req.start); at_once];
    let mut people = vec![Lane::from(req.start); at_once.max(2)];
    // One thing at a time is one new habit of meeting people at a time
    // too: the second waits a quarter (review 11, finding 10: a mentor and
    // a network in the same week for someone with time for one thing).
    if at_once == 1 {
        if let Some(second) = people.get_mut(1) {
            *second = Lane::from(req.start + Duration::weeks(QUARTER_WEEKS));
        }
    }
    let mut scheduled: Vec<(Choice, NaiveDate, NaiveDate)> = Vec::new();
    let mut trial_end = None;
    // The first day work can start: a plan made in the year-end break
    // starts after it.
    let opens = after_break(req.start);
    let mut put_off_any = opens != req.start;
    let mut today_done: Option<NaiveDate> = None;
    let mut held_back: Option<NaiveDate> = None;
    // The weeks the manager takes to say the job held is mastered.
    let judged = Duration::weeks(
        candidates
            .iter()
            .find(|a| a.when == Some(Condition::JobMastered))
            .map_or(0, |a| i64::from(a.effort_weeks)),
    );
    let manages = req
        .current_role
        .is_some_and(|r| r.track == crate::framework::Track::Management);
    // The conversation other work is arranged in (telling the manager
    // which role you aim for, where a post to cover is agreed) is placed
    // first: that work starts once it is done (review 7; seed 002 step 4).
    let arranging: BTreeSet<&str> = chosen
        .iter()
        .filter_map(|c| c.action.arranged_in.as_ref().map(|a| a.as_str()))
        .collect();
    chosen.sort_by_key(|c| !arranging.contains(c.action.id.as_str()));
    let mut trial_start = opens;
    // Work starts at the level its span begins with: what builds the
    // levels below it is done first (own a cost line once the budget
    // cycle is shadowed and the case written; cover a manager's post
    // once you have sat on a hiring panel). What answers an interview or
    // a review only finishes after it: the board's objection to a cost
    // case is answered while the budget cycle is learnt.
    let is_work = |c: &Choice| {
        c.action.kind == ActionKind::Experience && c.phase != Phase::Foundation && !c.strengthens
    };
    // Work placed in the organisation's budget round, which may be months
    // away: the rest does not wait for it (a business case is written
    // before the round in which the budget is watched being built).
    // Work begun goes on now, whatever the round.
    let in_round = |c: &Choice| req.year.is_some() && follows_round(c);
    // Work in a round months away holds back only what needs the level it
    // builds first: someone who knows the area's costs writes the case
    // before the round; someone who does not learns the cycle first.
    let apart = |earlier: &Choice, later: &Choice| {
        in_round(earlier)
            && later.built.iter().all(|(id, _)| {
                !earlier.built.iter().any(|(e, _)| e == id)
                    || gap_of(id).is_none_or(|g| g.from >= later.action.span(id).0)
            })
    };

    // The lowest level of a gap a choice can build.
    let lowest = |c: &Choice, id: &CompetencyId| {
        gap_of(id).and_then(|g| c.action.builds_of(id, g.from, g.to).map(|(f, _)| f))
    };
    // What does not fit the horizon gives its slot to the work after it
    // that does (the last weeks of a six-month plan hold the budget cycle
    // shadowed, not nothing because a quarter-long post does not fit): it,
    // and what builds on it, take their turn after the rest.
    let mut queue: std::collections::VecDeque<(Choice, bool)> =
        chosen.into_iter().map(|c| (c, false)).collect();
    let mut deferred: Vec<Choice> = Vec::new();
    // Where to look, held until the work the panels cited is placed (or,
    // told no post will open here, the first of the move's work); it holds
    // nothing else back.
    let mut looking: Vec<Choice> = Vec::new();
    // Work that answers what a lost panel cited; a post covered is that
    // evidence while it runs, so nothing waits for it.
    let cited_work = |c: &Choice| c.phase == Phase::Cited && !c.action.trial;
    // Told no post will open here, without two lost interviews to learn
    // from: the looking elsewhere waits for the first piece of the move's
    // work of more than a month done, something to show a panel (review
    // 7).
    let looking_first_shows = no_opening.is_some() && record.rejections.len() < 2;
    // What waited takes its turn once the rest is placed.
    while let Some((choice, last)) = queue.pop_front().or_else(|| {
        queue.extend(
            deferred
                .drain(..)
                .chain(looking.drain(..))
                .map(|c| (c, true)),
        );
        queue.pop_front()
    }) {
        if !last
            && choice.action.when == Some(Condition::RejectedOpportunity)
            && (queue.iter().any(|(c, _)| cited_work(c))
                || deferred.iter().any(cited_work)
                || looking_first_shows)
        {
            looking.push(choice);
            continue;
        }
        // Asking the manager to rate you is a request, not weeks of work:
        // it takes no slot, from the first week.
        if choice.action.when == Some(Condition::SelfRatedOnly) {
            let starts = after_break(req.start);
            let due = starts + Duration::weeks(i64::from(choice.action.effort_weeks));
            scheduled.push((choice, starts, due));
            continue;
        }
        // So is the quarter's review with the manager: from the end of the
        // first quarter, kept up to the end of the plan's work (review 9,
        // finding 6: no word with the manager from December to August).
        if choice.action.when == Some(Condition::QuarterlyReview) {
            let starts = after_break(req.start + Duration::weeks(QUARTER_WEEKS));
            let due = starts + Duration::weeks(i64::from(choice.action.effort_weeks));
            scheduled.push((choice, starts, due));
            continue;
        }
        // Arranged in a conversation the plan has: once it is done; a post
        // to cover, or a team's people side, weeks after it, for the others
        // it needs to agree too (a team lead and their people, HR; review
        // 10, finding 2: a quarter's trial begun a week after the ask).
        // Work under way goes on meanwhile.
        // A team made officially one's own is agreed with the team and HR
        // as a post to cover is; team leads appointed take what the
        // catalogue says (job descriptions, pay, HR's sign-off).
        let handed =
            choice.action.trial || choice.action.when == Some(Condition::LeadsUnofficially);
        let arranging = Duration::weeks(i64::from(
            choice
                .action
                .arranged_weeks
                .unwrap_or(if handed { ARRANGING_WEEKS } else { 0 }),
        ));
        let arranged = choice
            .action
            .arranged_in
            .as_ref()
            .filter(|_| choice.phase != Phase::Begun)
            .and_then(|by| {
                scheduled
                    .iter()
                    .filter(|(c, _, _)| c.action.id == *by)
                    .map(|(_, _, due)| *due + arranging)
                    .max()
            });
        if choice.phase == Phase::Trial {
            let starts = after_break(arranged.map_or(opens, |d| d.max(opens)));
            let weeks = choice.action.effort_weeks.min(TRIAL_WEEKS);
            let end = starts + Duration::weeks(i64::from(weeks));
            // The rest of the work comes after the trial; the groundwork
            // (telling your manager, a mentor) goes alongside it.
            work.iter_mut().for_each(|l| l.free = end);
            trial_start = starts;
            trial_end = Some(end);
            scheduled.push((choice, starts, end));
            continue;
        }
        // Someone who can give one thing at a time has the groundwork
        // alongside it, and nothing else: a conference or an association
        // takes the same hours as the work. At any pace, a course that
        // strengthens what the trial builds is taken during the trial,
        // beside it, in no lane: the trial holds every slot of work.
        let in_trial = choice.strengthens
            && choice.action.kind == ActionKind::Education
            && scheduled
                .iter()
                .any(|(t, _, _)| t.phase == Phase::Trial && t.shares(&choice));
        let alongside = choice.action.kind == ActionKind::Relationship
            && (at_once > 1 || choice.phase == Phase::Foundation);
        let lanes = if alongside { &mut people } else { &mut work };
        let free = if in_trial {
            trial_start
        } else {
            lanes.iter().map(|l| l.free).min().unwrap_or(req.start)
        };
        // The next level of a competency is not finished before the work
        // that builds the level below it: learn the budget cycle, then
        // finish the case.
        // Work the journal shows begun is under way: it goes on now (the
        // quotes are on the desk; the contract falls due regardless).
        let builds_on = scheduled
            .iter()
            .filter(|_| choice.phase != Phase::Begun)
            .filter(|(earlier, _, _)| {
                !earlier.strengthens
                    && earlier.phase != Phase::Foundation
                    && !apart(earlier, &choice)
                    && starts_lower(earlier, &choice)
            })
            .map(|(_, _, due)| *due)
            .max();
        let after = scheduled
            .iter()
            .filter(|(earlier, _, _)| {
                is_work(&choice)
                    && !matches!(choice.phase, Phase::Cited | Phase::Begun)
                    && is_work(earlier)
                    && !apart(earlier, &choice)
                    && earlier.built.iter().any(|(id, _)| {
                        choice.built.iter().any(|(other, _)| other == id)
                            && lowest(earlier, id)
                                .is_some_and(|below| below < choice.action.span(id).0)
                    })
            })
            .map(|(_, _, due)| *due)
            .max();
        let effort = Duration::weeks(i64::from(choice.action.effort_weeks));
        // A course placed to prepare this work (above) may start later than
        // the work could, once booked weeks ahead: the work is not over
        // before it starts, and runs at least a week beside it.
        let prepared = scheduled
            .iter()
            .filter(|(course, _, _)| prepares(course, &choice))
            .map(|(_, starts, _)| *starts + Duration::weeks(1) - effort)
            .max();
        let starts = builds_on.map_or(free, |d| (d - effort).max(free));
        let starts = prepared.map_or(starts, |d| d.max(starts));
        let starts = after.map_or(starts, |d| d.max(starts));
        // Where to look waits for the answers to why the interviews were
        // lost (they say what the chosen candidates had), and for the
        // evidence the panels found missing: a business case written
        // before the next panel hears of budgets, a budget round shadowed
        // once the round decides. A post covered is that evidence while it
        // runs: nobody waits a quarter to apply.
        let answers = scheduled
            .iter()
            .filter(|_| choice.action.when == Some(Condition::RejectedOpportunity))
            .filter(|(asked, _, _)| {
                asked.action.when == Some(Condition::RejectedWithoutReasons) || cited_work(asked)
            })
            .map(|(c, s, due)| decided(req, c, *s, *due))
            .max();
        let starts = answers.map_or(starts, |d| d.max(starts));
        let shows = scheduled
            .iter()
            .filter(|_| {
                looking_first_shows && choice.action.when == Some(Condition::RejectedOpportunity)
            })
            .filter(|(c, _, _)| {
                c.action.kind == ActionKind::Experience
                    && c.action.effort_weeks > ONE_OFF_WEEKS
                    && is_move(c)
                    && !c.strengthens
            })
            .map(|(_, _, due)| *due)
            .min();
        let starts = shows.map_or(starts, |d| d.max(starts));
        let starts = arranged.map_or(starts, |d| d.max(starts));
        // Never beside what it cannot run with, either way round: after it.
        let beside = |c: &Choice| choice.action.apart_from(c.action);
        let mut starts = starts;
        while let Some(end) = scheduled
            .iter()
            .filter(|(c, s, d)| beside(c) && *s < starts + effort && *d > starts)
            .map(|(_, _, d)| *d)
            .max()
        {
            starts = end;
        }
        // This year's round is over: the next one, past the round the plan
        // starts in, or six months on when the year is not known.
        let next_round = round_closed
            .filter(|_| follows_round(&choice))
            .map(|_| match req.year {
                Some(year) => {
                    let (opens, closes) = year.round_from(req.start);
                    if opens <= req.start {
                        closes
                    } else {
                        req.start
                    }
                }
                None => req.start + Months::new(ROUND_CLOSED_MONTHS),
            });
        let starts = next_round.map_or(starts, |d| d.max(starts));
        // What the journal says is meant at a time it names ("the finance
        // course next spring") starts then, not before.
        // On the plan's weekday, as its weeks are.
        let named = meant_from
            .get(choice.action.id.as_str())
            .map(|d| on_plan_weekday(req.start, *d));
        let starts = named.map_or(starts, |d| d.max(starts));
        // A place booked and paid for is asked for in the first
        // conversation and booked weeks ahead: nobody gets a course place
        // and its cost approved in a week, nor books it before the plan
        // is made again from the manager's ratings (review 10, finding 1).
        let booked = booked_ahead(&meant, &choice)
            .map(|weeks| after_break(req.start + Duration::weeks(i64::from(weeks))));
        let starts = booked.map_or(starts, |d| d.max(starts));
        // Nor across an interview ahead: nobody is on a course the week of
        // their interview (review 11, finding 8).
        let effort = Duration::weeks(i64::from(choice.action.effort_weeks));
        let starts = record
            .interviews
            .iter()
            .filter(|i| booked.is_some() && i.on >= starts && i.on < starts + effort)
            .map(|i| on_plan_weekday(req.start, i.on + Duration::days(1)))
            .max()
            .map_or(starts, |d| d.max(starts));
        // The move waits for the job of today (seed 004 step 0: master
        // your job before you even begin to think about becoming a
        // manager), its groundwork too (a mentor who has held the role
        // aimed at, a network of co-managers; review 7). The conversation
        // with the manager, where work is agreed, goes alongside it: they
        // say what would make you ready, the job of today first. Someone
        // who already manages has groundwork that serves the job held as
        // much as the move (a mentor for the manager still fixing things
        // herself; review 9, finding 3): it is not held back.
        let groundwork_of_the_move = choice.phase == Phase::Foundation
            && !manages
            && !req.framework.arranges(&choice.action.id);
        // The move starts once the manager has judged the job held
        // mastered, which is asked once its work is done (review 9,
        // finding 3: not while it is still under way).
        // Neither the manager's answer nor the move's start in the break.
        let starts = match today_done.map(|d| after_break(after_break(d) + judged)) {
            Some(d) if (is_move(&choice) || groundwork_of_the_move) && d > starts => {
                held_back = Some(d);
                d
            }
            _ => starts,
        };
        // Work that follows the budget round goes in the round, in a lane
        // free for the whole of it; the rest in the lane free first.
        // A course beside a trial is taken in the trial's own weeks, at
        // any pace: it takes no lane a mentor or a network holds.
        let place = |starts: NaiveDate| match req.year.filter(|_| in_round(&choice)) {
            _ if in_trial => (None, after_break(starts), in_year_end_break(starts)),
            Some(year) => {
                let mut at = year.place(starts, choice.action.effort_weeks);
                let mut put_off = false;
                // A round lanes are busy in gives way to the next.
                for _ in 0..4 {
                    let (_, fits, off) = fitting(lanes, at, effort);
                    put_off |= off;
                    if fits == at {
                        break;
                    }
                    at = year.place(fits, choice.action.effort_weeks);
                }
                let (lane, at, off) = fitting(lanes, at, effort);
                (Some(lane), at, put_off || off)
            }
            None => {
                let (lane, at, put_off) = fitting(lanes, starts, effort);
                (Some(lane), at, put_off)
            }
        };
        // Never beside what it cannot run with, wherever the round or the
        // lanes put it: after it.
        let clash = |starts: NaiveDate| {
            scheduled
                .iter()
                .filter(|(c, s, d)| beside(c) && *s < starts + effort && *d > starts)
                .map(|(_, _, d)| *d)
                .max()
        };
        let (mut lane, mut starts, mut put_off) = place(starts);
        for _ in 0..4 {
            match clash(starts) {
                Some(end) => (lane, starts, put_off) = place(end),
                None => break,
            }
        }
        let due = starts + effort;
        // Only work moves ahead of what waits: a conference does not take
        // the last weeks before a post covered. Nothing waits for work in
        // a round months away.
        let waits = !in_trial
            && deferred.iter().any(|d| !in_round(d))
            && (choice.action.kind != ActionKind::Experience && choice.phase != Phase::Foundation
                || deferred
                    .iter()
                    .any(|d| !apart(d, &choice) && starts_lower(d, &choice)));
        if !last && (due > horizon_end || waits) {
            deferred.push(choice);
            continue;
        }
        // What does not fit still takes its turn, so that what waits adds up.
        if let Some(lane) = lane.and_then(|l| lanes.get_mut(l)) {
            lane.take(starts, due);
        }
        // Only work wholly for the job of today holds the move back: a
        // manager's post covered is the move, whatever else it builds.
        let wholly_today = today(&choice) > 0 && today(&choice) == choice.built.len();
        if wholly_today && choice.phase != Phase::Foundation && !choice.strengthens {
            today_done = today_done.max(Some(due));
        }
        put_off_any |= put_off && starts < horizon_end;
        scheduled.push((choice, starts, due));
    }
    // The work of a post covered is done in the post (review 7, finding
    // 4): the team's cost line, staffing and priorities are its holder's,
    // so they start with it, not after it as separate work: work placed
    // after the post's start moves sooner, and work begun a little before
    // it with most of its weeks in it moves to its start. Other work that
    // starts before the post stays, as does work under way (the journal
    // shows it begun), work the journal sets a time for, work whose lower
    // levels are still to build by then, work that would then run beside
    // what it never runs with, and work that would then end past the
    // horizon.
    // A team's leading made official is such a post too, in place of the
    // one it replaces: its cost line, staffing and priorities are the
    // team's (review 10, finding 9).
    let posts: Vec<(&Action, NaiveDate, Post)> = scheduled
        .iter()
        .filter_map(|(c, s, _)| {
            let post = if c.action.when == Some(Condition::LeadsUnofficially) {
                Post::MadeOfficial
            } else if !c.action.trial {
                return None;
            } else if c.phase == Phase::Begun {
                Post::HeldForNow
            } else {
                Post::Covered
            };
            Some((c.action, *s, post))
        })
        .collect();
    let moves: Vec<(usize, NaiveDate, Post)> = scheduled
        .iter()
        .enumerate()
        .filter(|(_, (c, _, _))| c.phase != Phase::Begun)
        .filter(|(_, (c, _, _))| !meant_from.contains_key(c.action.id.as_str()))
        .filter_map(|(n, (choice, starts, due))| {
            let within = choice.action.part_of.as_ref()?;
            let (_, from, post) = posts
                .iter()
                .find(|(p, _, _)| p.id == *within || p.replaces.contains(within))?;
            let ends = *from + Duration::weeks(i64::from(choice.action.effort_weeks));
            let below_done = scheduled.iter().all(|(other, _, other_due)| {
                other.action.id == choice.action.id
                    || other.strengthens
                    || other.phase == Phase::Foundation
                    || *other_due <= ends
                    || !other.built.iter().any(|(id, _)| {
                        choice.built.iter().any(|(c, _)| c == id)
                            && lowest(other, id)
                                .is_some_and(|o| lowest(choice, id).is_some_and(|m| o < m))
                    })
            });
            let clear = !scheduled.iter().any(|(other, s, d)| {
                choice.action.apart_from(other.action) && *s < ends && *d > *from
            });
            // Work begun a little before the post, with most of its weeks
            // in it, is the post's work as well (a week of staffing ahead
            // of the cover is not work of its own).
            let within = ((*due).min(ends) - (*starts).max(*from)) * 2 > *due - *starts;
            ((*starts >= *from || within) && below_done && clear && ends <= horizon_end)
                .then_some((n, *from, *post))
        })
        .collect();
    // Moved into a post, and which kind of post.
    let mut inside: BTreeMap<crate::framework::ActionId, Post> = BTreeMap::new();
    for (n, from, post) in moves {
        if let Some((choice, starts, due)) = scheduled.get_mut(n) {
            *starts = from;
            *due = from + Duration::weeks(i64::from(choice.action.effort_weeks));
            inside.insert(choice.action.id.clone(), post);
        }
    }
    // What comes after a trial is the move's work only if the trial says
    // management is a fit (seed 000: many want it because it is a
    // promotion, not a fit): the move's work and where to look, not the
    // job of today nor work already under way.
    let waits_for_answer = |c: &Choice, starts: NaiveDate| {
        trial_end.is_some_and(|end| starts >= end)
            && (matches!(c.phase, Phase::Cited | Phase::Development) && is_move(c)
                || c.action.when == Some(Condition::RejectedOpportunity))
    };
    if put_off_any {
        notes.push("Nothing new starts between 20 December and 3 January, when little is approved, few courses run and many people are away: what would have started then starts in the week after it.".to_owned());
    }
    // Without the organisation's year, work that follows its budget round
    // has the weeks the plan had room for: say so.
    let seasonal: Vec<&str> = scheduled
        .iter()
        .filter(|_| req.year.is_none())
        .filter(|(c, starts, _)| follows_round(c) && !waits_for_answer(c, *starts))
        .map(|(c, _, _)| c.action.title.as_str())
        .collect();
    if let (false, Some(entry)) = (seasonal.is_empty(), round_closed) {
        notes.push(format!(
            "{} follow{} your organisation's budget round, once a year, and your journal shows next year's budget already built (\u{201c}{}\u{201d}): this year's round is over, so the plan puts {} at least {ROUND_CLOSED_MONTHS} months on. Give the month your financial year starts (ask your manager if unsure), and the plan puts {} in the next round.",
            seasonal.join("; "),
            if seasonal.len() == 1 { "s" } else { "" },
            entry.trim(),
            if seasonal.len() == 1 { "it" } else { "them" },
            if seasonal.len() == 1 { "it" } else { "them" }
        ));
    } else if !seasonal.is_empty() {
        notes.push(format!(
            "{} follow{} your organisation's budget round, once a year: the dates here are only where the plan had room. Give the month your financial year starts (ask your manager if unsure), and the plan puts {} in the round.",
            seasonal.join("; "),
            if seasonal.len() == 1 { "s" } else { "" },
            if seasonal.len() == 1 { "it" } else { "them" }
        ));
    }
    if let Some(d) = held_back {
        // When the ask comes, though this plan does not date it: the plan
        // made once the job held is mastered does (review 7: a plan with
        // no word of when to ask).
        let asks = candidates
            .iter()
            .any(|a| a.when == Some(Condition::CriticalGapsClosed))
            && !interview_ahead
            && !post_at_home
            && !scheduled
                .iter()
                .any(|(c, _, _)| c.action.when == Some(Condition::RejectedOpportunity));
        // Counted from the work the record is of, where the plan has it
        // (review 12, finding 1), as the dated ask is.
        let from = record_starts(req, &scheduled).unwrap_or(d);
        let record = record_months(req)
            .and_then(|m| from.checked_add_months(Months::new(m)).map(|r| (m, r)));
        let then = match record.filter(|_| asks) {
            Some((m, r)) => format!(
                " Putting yourself forward for {} is for the plan you make then: with about {m} months of that work on your record, from {r} at the earliest.",
                req.role.name
            ),
            None if asks => format!(
                " Putting yourself forward for {} is for the plan you make then, once its work is done.",
                req.role.name
            ),
            None => String::new(),
        };
        // Mastered by the manager's judgement, not by a date (review 8,
        // finding 6).
        let judged = if candidates
            .iter()
            .any(|a| a.when == Some(Condition::JobMastered))
        {
            " and your manager agrees it is mastered"
        } else {
            ""
        };
        notes.push(format!(
            "The work of the move starts on {d}, once the work on the job you hold is done{judged}.{then}"
        ));
    }
    // The levels each competency climbs, told in the order the work is
    // done: the first item to start builds the lowest level.
    let mut order: Vec<usize> = (0..scheduled.len()).collect();
    order.sort_by_key(|&i| (scheduled[i].1, i));
    for g in &gaps {
        let holders: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| scheduled[i].0.claims(&g.id))
            .collect();
        // Told from the bottom, in the order they are done: the first holder
        // takes the person from where they are (3→4), whatever step the
        // choosing gave it, as far as its span allows; a step no action
        // builds is left at the top, where the note about it belongs.
        // Where that order leaves a holder without a level its span allows
        // and another would not, the levels go by where the spans end, as
        // in choosing.
        let spans: Vec<Option<(u8, u8)>> = holders
            .iter()
            .map(|&i| span_of(scheduled[i].0.action, g))
            .collect();
        let share = |order: &[usize]| {
            let mut taken: BTreeSet<u8> = BTreeSet::new();
            let mut levels = vec![None; spans.len()];
            for &k in order {
                let free = spans[k].and_then(|(f, t)| (f..t).find(|l| !taken.contains(l)));
                if let Some(l) = free {
                    taken.insert(l);
                    levels[k] = Some(l);
                }
            }
            levels
        };
        let by_start: Vec<usize> = (0..spans.len()).collect();
        let mut by_end = by_start.clone();
        by_end.sort_by_key(|&k| spans[k].map(|(f, t)| (t, f)));
        let told = share(&by_start);
        let most = share(&by_end);
        let count = |levels: &[Option<u8>]| levels.iter().flatten().count();
        let levels = if count(&told) >= count(&most) {
            told
        } else {
            most
        };
        for (k, &i) in holders.iter().enumerate() {
            let c = &mut scheduled[i].0;
            match (levels[k], spans[k]) {
                (Some(l), _) => {
                    if let Some(b) = c.built.iter_mut().find(|(id, _)| *id == g.id) {
                        b.1 = l;
                    }
                }
                // No level of its own within its span: it claims none (a
                // fundraiser does not close a programme's prioritisation).
                // If that was all it built, it strengthens the top of its
                // span, beside the work that builds it.
                // Groundwork left without it supports it, as groundwork does.
                (None, _) if c.phase == Phase::Foundation => c.builds_own = false,
                (None, span) => {
                    c.built.retain(|(id, _)| *id != g.id);
                    if c.built.is_empty() {
                        if let Some((_, t)) = span {
                            c.built.push((g.id.clone(), t - 1));
                            c.strengthens = true;
                        }
                    }
                }
            }
        }
    }
    let mut items = Vec::new();
    let mut later = Vec::new();
    let mut after_trial = Vec::new();
    // Work arranged in a conversation the plan has, which it follows: what
    // it is agreed in, as the person would say it ("tell your manager
    // which role you are aiming for").
    // The work of a post covered comes with the post: agreed with it.
    // Work months after the conversation is raised in it and confirmed
    // a month before it starts: nobody agrees a budget cycle half a year
    // ahead and holds to it unasked (review 9, finding 6).
    let post_held = candidates
        .iter()
        .copied()
        .find(|a| a.trial && begun.contains_key(a.id.as_str()));
    // A conversation as the plan words it: the post held for now is asked
    // for, not which role is aimed at.
    let said = |talk: &Action| {
        talk_said(if post_held.is_some() {
            POST_TALK
        } else {
            talk.title.as_str()
        })
    };
    let agreed_in: BTreeMap<&str, String> = scheduled
        .iter()
        .filter(|(c, _, _)| !inside.contains_key(&c.action.id))
        .filter_map(|(c, starts, _)| {
            let by = c.action.arranged_in.as_ref()?;
            // The conversation had already (the journal shows it): the
            // work is still the manager's to hand over, unless the person
            // holds a manager's post for now (an interim period) and
            // hands it over themselves.
            let Some((talk, _, due)) = scheduled.iter().find(|(t, _, _)| t.action.id == *by) else {
                let handed = "Ask your manager for it before it starts: it is theirs to hand over.";
                return post_on_record(req)
                    .is_none()
                    .then(|| (c.action.id.as_str(), handed.to_owned()));
            };
            let talk = said(talk.action)?;
            let by = *starts - Duration::weeks(4);
            // The move's work held back for the job held: confirmed once
            // the manager says it is mastered, not before they have
            // answered (review 11, finding 9).
            let mastered_first = held_back.is_some_and(|d| *starts >= d && by < d);
            let said = if mastered_first {
                format!("Raise it when you {talk}, and confirm it with them once they say the job you hold is mastered.")
            } else if *starts > *due + Duration::weeks(AGREED_AHEAD_WEEKS) {
                format!("Raise it when you {talk}, and confirm it with them by {by}, a month before it starts.")
            } else {
                format!("Agree it first, when you {talk}.")
            };
            (due <= starts).then_some((c.action.id.as_str(), said))
        })
        .collect();
    // A post to cover, which may not fall vacant, as a trial or as the
    // move's work: the trial anyone can have arranged stands in for it (a
    // project led), unless the plan has it already (review 8, finding 1).
    let stand_in = scheduled
        .iter()
        .any(|(c, _, _)| needs_a_post(c))
        .then(|| {
            candidates
                .iter()
                .copied()
                .find(|a| a.trial && a.on_record.is_empty())
        })
        .flatten();
    // The stand-in already in the plan is named as that work.
    let stand_in_planned =
        stand_in.is_some_and(|a| scheduled.iter().any(|(c, _, _)| c.action.id == a.id));
    // A manager's post on the record (an interim period): read once, for
    // the titles of those who manage no one and the interview's review.
    let tried = post_on_record(req);
    let read = Read {
        begun: &begun,
        shown: &shown,
        meant: &meant,
        meant_from: &meant_from,
        own: &own,
        no_opening,
        agreed_in: &agreed_in,
        stand_in,
        stand_in_planned,
        post_held,
        talk: scheduled
            .iter()
            .find(|(c, _, _)| req.framework.arranges(&c.action.id))
            .and_then(|(c, _, _)| said(c.action)),
        manages_no_one: !manages && req.current_role.is_some() && tried.is_none(),
        in_post: !manages && (tried.is_some() || post_held.is_some()),
        round_unknown: req.year.is_none()
            && scheduled
                .iter()
                .any(|(c, starts, _)| follows_round(c) && *starts < horizon_end),
    };
    // The work that answers what feedback named: kept up until those who
    // gave it are asked again, since they judge the latest weeks (review 7,
    // finding 6).
    let answers_feedback: BTreeSet<&str> = scheduled
        .iter()
        // A post covered ends when the cover does: the habit it taught
        // is what is kept up, not the post.
        .filter(|(c, _, _)| is_work(c) && !c.action.trial)
        .filter(|(c, _, _)| gaps.iter().any(|g| g.named && c.claims(&g.id)))
        .map(|(c, _, _)| c.action.id.as_str())
        .collect();
    let mut asked_on: Option<NaiveDate> = None;
    // Whether the plan says when to ask for the senior post: in an item,
    // or in a note past its horizon.
    let mut ask_dated = false;
    for (choice, starts, due) in &scheduled {
        let mut proposed = item(req, &gaps, &read, choice, *starts, *due);
        match inside.get(&choice.action.id) {
            Some(Post::HeldForNow) => proposed.why.push_str(
                " It is the work of the post you hold for now: do it as the post's own, from now.",
            ),
            Some(Post::Covered) => proposed.why.push_str(
                " It is the work of the post you cover: as its holder for now, do it as the post's own, from its first week. If no post is covered, ask your manager for it as your own work once what stands in for the post is done, not on top of it.",
            ),
            Some(Post::MadeOfficial) => proposed.why.push_str(
                " It is the work of the team made officially yours: agree it with your manager as part of that, and do it as the team's lead from the quarter's first week. If the team is not made yours, ask for it as your own work all the same.",
            ),
            None => {}
        }
        // Work under way, or a post's own, starts now whatever level it
        // is of (review 12, finding 6: Ken, Priya).
        let now = if choice.phase == Phase::Begun {
            Some("it is under way")
        } else if inside.contains_key(&choice.action.id) {
            Some("the post asks it of you")
        } else {
            None
        };
        if let Some(past) =
            now.and_then(|now| past_next_level(choice, &gaps, &scheduled, *due, now))
        {
            proposed.why.push_str(&past);
        }
        // Groundwork of the move held back with it: first of the move, not
        // of the plan.
        if choice.phase == Phase::Foundation && held_back == Some(*starts) {
            let said = if proposed.why.starts_with(GROUNDWORK_FIRST) {
                GROUNDWORK_FIRST
            } else {
                GROUNDWORK_LATER
            };
            proposed.why = proposed.why.replacen(
                said,
                "Groundwork of the move: first once the work on the job you hold is done.",
                1,
            );
        }
        if waits_for_answer(choice, *starts) {
            // Not dated: the plan made at the trial's end takes it up, or
            // the technical track's does (review 7).
            proposed.why = format!("{AFTER_TRIAL} {}", proposed.why);
            after_trial.push(proposed);
        } else if *due > horizon_end {
            later.push(proposed);
        } else {
            items.push(proposed);
        }
    }
    // 7. What follows the work: telling it as a manager would after an
    //    interview lost by talking technology, asking those whose feedback
    //    named a gap whether it has changed, and putting oneself forward
    //    once what the role holds critical is built. Each starts when the
    //    work it follows is due.
    // Every level of a gap built by some chosen action.
    let covered = |g: &Gap| {
        open.get(&g.id)
            .is_some_and(|spans| levels_built(spans).len() >= usize::from(g.to - g.from))
    };
    // When the last work that claims a level of the gaps `of` picks is due.
    let last_built = |of: &dyn Fn(&Gap) -> bool| {
        scheduled
            .iter()
            .filter(|(c, _, _)| gaps.iter().any(|g| of(g) && c.claims(&g.id)))
            .map(|(_, _, due)| *due)
            .max()
    };
    // When the levels of a gap are all built, and by when; None if some
    // level is built by nothing.
    let built_by = |g: &Gap| -> Option<NaiveDate> {
        covered(g).then(|| last_built(&|x| x.id == g.id).unwrap_or(req.start))
    };
    let looking_elsewhere = scheduled
        .iter()
        .any(|(c, _, _)| c.action.when == Some(Condition::RejectedOpportunity));
    // Catalogue order: the rehearsal and the feedback come before
    // putting oneself forward. Each is decided on the plan's own dates, so
    // one past the horizon is left to the plan made when they come.
    let mut followed: Option<NaiveDate> = None;
    // The catalogue's action of a plan item.
    let action_of = |i: &ProposedItem| {
        i.action
            .as_ref()
            .and_then(|a| req.framework.action(a.as_str()))
    };
    let mut asked_again = false;
    // The rehearsal that waits for the ask to be dated.
    let mut rehearse_ask: Option<&Action> = None;
    // Where the ask is not dated, when a rehearsal of interviews lost
    // comes instead: once the work that answers them is done.
    let mut rehearse_answered: Option<NaiveDate> = None;
    // Whether a note says when the ask comes already.
    let mut ask_said = false;
    // When the ask the record waits for ends: the habits that build that
    // record are kept up until then, within the horizon, even where the
    // ask itself falls past it.
    let mut record_until: Option<NaiveDate> = None;
    // The manager's reading of the record before the ask, if the
    // framework has it.
    let record_review = candidates
        .iter()
        .copied()
        .find(|x| x.when == Some(Condition::BeforeTheAsk));
    for a in candidates.iter().copied() {
        let follows: Option<(NaiveDate, Vec<CompetencyId>, String)> = match a.when {
            Some(Condition::LostInterviews) if !panel_ahead => {
                // Before the ask, once it is dated (below).
                rehearse_ask = Some(a);
                continue;
            }
            Some(Condition::LostInterviews) => {
                let felt = record.rejections.iter().find(|r| r.too_technical);
                // The stories come from the work that answers the interviews
                // lost; when the plan looks elsewhere, before the interviews
                // that looking brings.
                let answered = scheduled
                    .iter()
                    .filter(|(c, _, _)| c.phase == Phase::Cited && c.rejection.is_some())
                    .map(|(_, _, due)| *due)
                    .max();
                let looking = scheduled
                    .iter()
                    .filter(|(c, _, _)| c.action.when == Some(Condition::RejectedOpportunity))
                    .map(|(_, starts, _)| *starts)
                    .min();
                let asked = scheduled
                    .iter()
                    .filter(|(c, _, _)| c.action.when == Some(Condition::RejectedWithoutReasons))
                    .map(|(_, _, due)| *due)
                    .max();
                // A post half held is asked to be made permanent at its
                // end: that conversation is the next panel, so the stories
                // are told before it (review 7, finding 4).
                let permanence = scheduled
                    .iter()
                    .filter(|(c, _, _)| c.action.trial && c.phase == Phase::Begun)
                    .map(|(_, _, due)| *due)
                    .min();
                let weeks = Duration::weeks(i64::from(a.effort_weeks));
                // An interview ahead: done by the week that prepares it,
                // started before the year-end break rather than after it.
                // Toward a management post only; none if there is no
                // room before it.
                let ahead = record
                    .interviews
                    .iter()
                    .filter(|i| i.on >= req.start && i.on <= horizon_end)
                    .filter(|_| req.role.track == Track::Management)
                    .min_by_key(|i| i.on);
                let before = ahead
                    .and_then(|i| rehearsal_by(i.on - Duration::weeks(1), weeks, req.start));
                let ahead = ahead.filter(|_| before.is_some());
                // With no panel sooner (an interview, a search, a question
                // to ask, a post to be made permanent), the next panel is
                // the ask: rehearsed the week before it, not months ahead
                // once the work is done (review 12, finding 2: Chen).
                if before.is_none() && looking.is_none() && asked.is_none() && permanence.is_none()
                {
                    rehearse_ask = Some(a);
                    rehearse_answered = answered;
                    continue;
                }
                before.or(looking).or(answered).or(asked).map(|d| {
                    let (d, before) = match permanence {
                        Some(p) if p - weeks < d => (
                            (p - weeks).max(req.start),
                            " Rehearse before you ask for the post you hold to be made permanent: that conversation is the next panel.",
                        ),
                        _ => (d, ""),
                    };
                    let why = match (felt, ahead) {
                        (_, Some(i)) => format!(
                            "Your interview for {} is on {}: rehearse it before, telling your work as a manager tells it, in the business's terms, not as the technology.",
                            i.name, i.on
                        ),
                        (felt, None) => match felt {
                        Some(r) => format!(
                            "You felt you showed the panel for {} too much technical skill and not enough managing: the next panel hears this plan's work told as a manager tells it, in the business's terms.",
                            r.name
                        ),
                        None if record.rejections.len() >= 2 => format!(
                            "You have lost {} interviews: before the next panel, tell your work as a manager tells it, in the business's terms, not as the technology.",
                            record.rejections.len()
                        ),
                        None => "You are looking for a post elsewhere: before the first panel, tell your work as a manager tells it, in the business's terms, not as the technology.".to_owned(),
                        },
                    };
                    (d, a.competencies.clone(), format!("{why}{before}"))
                })
            }
            Some(Condition::FeedbackNamesGap) => {
                let named: Vec<&Gap> = gaps.iter().filter(|g| g.named).collect();
                let last = last_built(&|g| g.named);
                // When the first of that work starts: the new habit starts
                // with it.
                let first = scheduled
                    .iter()
                    .filter(|(c, _, _)| gaps.iter().any(|g| g.named && c.claims(&g.id)))
                    .map(|(_, starts, _)| *starts)
                    .min();
                // Long enough for those who gave it to see the change last:
                // a quarter of the new habit, with its busy weeks, not a
                // month of tickets handed on. The work is kept up until
                // then (below), so the quarter counts from its start, and
                // nobody waits a blank quarter after it (review 7).
                last.map(|d| {
                    let d = first
                        .map_or(d, |f| super::working_weeks_after(f, CHANGE_SEEN_WEEKS))
                        .max(d);
                    let names: Vec<&str> = named.iter().map(|g| g.name.as_str()).collect();
                    (
                        d,
                        named.iter().map(|g| g.id.clone()).collect(),
                        format!(
                            "Feedback you logged names a gap in {}: it is closed when those who gave it say it has changed.",
                            names.join(", ")
                        ),
                    )
                })
            }
            // Where the ask can be dated (`ask_datable`; while the job held
            // is still to master, the plan made once it is mastered asks),
            // and not beside applying elsewhere.
            Some(Condition::CriticalGapsClosed) if ask_datable && !looking_elsewhere => {
                let critical: Vec<&Gap> = gaps
                    .iter()
                    .filter(|g| req.role.is_critical(g.id.as_str()))
                    .collect();
                let built: Vec<(&Gap, Option<NaiveDate>)> =
                    critical.iter().map(|g| (*g, built_by(g))).collect();
                let dates: Option<Vec<NaiveDate>> = built.iter().map(|(_, d)| *d).collect();
                // Not dated, because no work the plan found builds all of a
                // critical gap: said, and what dates it (review 9, finding
                // 8: a plan that stops with no word of the ask).
                let short: Vec<String> = built
                    .iter()
                    .filter(|(_, d)| d.is_none())
                    .map(|(g, _)| format!("{} from {} to {}", g.name, g.from, g.to))
                    .collect();
                if !short.is_empty() {
                    notes.push(format!(
                        "Putting yourself forward for {} is not dated in this plan: its work does not build all of {}, which the role holds critical. Make the next plan once this one's work is done, from your manager's rating: where they see the level met, it dates the ask.",
                        req.role.name,
                        short.join(" nor ")
                    ));
                }
                // Once all the plan's work toward the role is done, not only
                // what it holds critical (a manager of managers does not
                // apply halfway through leading through team leads), nor
                // only what builds a level (a help desk analyst applies
                // once the certificate of the field beside the work is
                // earned), after the trial's answer and the other steps
                // that follow the work. The groundwork goes on.
                // What only strengthens levels other work builds (a course
                // the person means to take next spring) holds nothing back.
                // Work that follows the budget round is done when the round
                // decides (below, it runs to the decisions), within the
                // horizon (review 8, finding 10).
                let work_done = scheduled
                    .iter()
                    .filter(|(c, _, _)| c.phase != Phase::Foundation && !c.strengthens)
                    .map(|(c, starts, due)| decided(req, c, *starts, *due))
                    .max();
                // A move the framework says needs months of the new
                // role's work on the record waits for them, however soon
                // the plan's work is done (seed 003: manager of managers
                // is a bigger transition than it looks), counted from the
                // day that work starts: the work the record is of, where
                // the plan has it (a year of leading through team leads,
                // not of a DR plan before them; review 12, finding 1).
                let work_starts = record_starts(req, &scheduled)
                    .or_else(|| {
                        scheduled
                            .iter()
                            .filter(|(c, _, _)| is_move(c) && !c.strengthens)
                            .map(|(_, starts, _)| *starts)
                            .min()
                    })
                    .unwrap_or(req.start);
                let record = record_months(req)
                    .and_then(|m| {
                        work_starts
                            .checked_add_months(Months::new(m))
                            .map(|d| (m, d))
                    });
                dates.map(|dates| {
                    let done_by = dates
                        .into_iter()
                        .chain(work_done)
                        .chain(trial_end)
                        .chain(followed)
                        .max()
                        .unwrap_or(req.start);
                    // The step runs its weeks before the record is
                    // complete and ends as it does: a director's post is
                    // found through the people told weeks before it opens
                    // (seed 000: 60+ days of networking before any hint of
                    // a position).
                    let weeks = Duration::weeks(i64::from(a.effort_weeks));
                    // The manager reads the record once it is there: after
                    // the work and the feedback's givers asked again, with
                    // a month left to close what they still miss (review
                    // 8, finding 2: self, then assessor, then the ask).
                    let reviewed = record_review.map_or(done_by, |x| {
                            after_break(done_by)
                                + Duration::weeks(i64::from(x.effort_weeks) + REVIEW_LEAD_WEEKS)
                        });
                    let d = record.map_or(reviewed, |(_, r)| (r - weeks).max(reviewed));
                    // The record the move asks for, when it is complete
                    // after the plan's work.
                    let awaited = record.filter(|(_, r)| *r > done_by);
                    if let Some((m, r)) = awaited {
                        let from = after_break(d);
                        let ends = from + weeks;
                        // Said as it is: its weeks end with the record's
                        // only when the plan's work leaves room for them
                        // and the year-end break does not move them.
                        let when = if d > r - weeks && reviewed > done_by {
                            format!("Start on {from}, once the plan's work is done and your manager has read the record")
                        } else if d > r - weeks {
                            format!("Start on {from}, once the plan's work is done")
                        } else if from > d {
                            format!("Start on {from}, after the year-end break")
                        } else {
                            format!(
                                "Start on {from}: its {} weeks end when that much work is on your record",
                                a.effort_weeks
                            )
                        };
                        // What starts past the horizon is not in this
                        // plan: the next one has it.
                        let past = if ends <= horizon_end {
                            String::new()
                        } else if from < horizon_end {
                            " (its last weeks past this plan's horizon)".to_owned()
                        } else {
                            " (past this plan's horizon: the plan made then has it)".to_owned()
                        };
                        ask_said = true;
                        record_until = Some(ends);
                        // The groundwork kept up (the mentor, the network)
                        // runs to the ask's end (below), past the work's
                        // within the horizon: "done" is said of the work
                        // alone (review 13, finding 5).
                        let kept_up = done_by < horizon_end
                            && items
                                .iter()
                                .any(|i| action_of(i).is_some_and(|a| a.kept_up.is_some()));
                        notes.push(format!(
                            "The plan's work toward {role} is done by {done_by}{kept}, but {held} → {role} is a bigger step than a plan's work: ask for the post once about {m} months of that work are on your record, from {r}. {when}{past}: {then}; meanwhile keep doing the work, leading through others.",
                            kept = if kept_up {
                                " (the groundwork it keeps up goes on)"
                            } else {
                                ""
                            },
                            role = req.role.name,
                            held = req.current_role.map_or("your role", |h| h.name.as_str()),
                            then = super::lower_first(&a.title),
                        ));
                    }
                    // What the plan asked, answered first: the trial's fit
                    // check, the feedback's givers.
                    let mut unless = Vec::new();
                    // What the plan starts from if not: the fit check's
                    // answer, or what the feedback's givers said.
                    let mut from = Vec::new();
                    if trial_end.is_some() {
                        unless.push("the fit check at the trial's end points to management");
                        from.push("that fit check");
                    }
                    if asked_again {
                        unless.push("those whose feedback named a gap say it has changed");
                        from.push("what they said");
                    }
                    let ask = match awaited {
                        Some((m, r)) => format!(
                            "ask for the {} post from {r}, when about {m} months of that work are on your record",
                            req.role.name
                        ),
                        None => format!("ask for the {} post, with your record", req.role.name),
                    };
                    let done = if critical.is_empty() {
                        format!("You meet what {} holds critical", req.role.name)
                    } else {
                        format!("By then the plan's work toward {} is done", req.role.name)
                    };
                    let why = if unless.is_empty() {
                        format!("{done}: {ask}.")
                    } else {
                        format!(
                            "{done}. If {}: {ask}. If not, the next plan starts from {}.",
                            unless.join(" and "),
                            from.join(" and ")
                        )
                    };
                    // The first conversation asked how posts are filled
                    // here: an ask at home has a branch for the answer no
                    // (review 11, finding 4; seed 000: not at your current
                    // employer, if your manager is not moving up or out).
                    // One that goes with a network outside seeks there too.
                    let asked_here = post_held.is_none()
                        && a.goes_with.is_empty()
                        && scheduled
                            .iter()
                            .any(|(c, _, _)| req.framework.arranges(&c.action.id));
                    let why = if asked_here {
                        format!(
                            "{why} If your manager has said no post is likely to open here, take the same record elsewhere from then: apply for {} posts at other employers, and tell your manager you are doing so.",
                            req.role.name
                        )
                    } else {
                        why
                    };
                    // Sooner than the readiness estimate the succession
                    // bench shows: said, and why, so the two are not read
                    // as disagreeing (review 7, finding 2).
                    let weeks_in = u32::try_from((d - req.start).num_weeks()).unwrap_or(0);
                    let estimate = req.readiness.estimated_weeks;
                    let why = if weeks_in < estimate {
                        let pace = at_once_of(req);
                        let at = crate::readiness::PARALLEL_THREADS as usize;
                        // The pace alone brings it as close as the estimate
                        // times the estimate's pieces over the plan's, give
                        // or take a fortnight; any closer, the work chosen
                        // is shorter too (review 8, finding 7).
                        let chosen = "the estimate counts the framework's usual work for each level, and this plan's work for your gaps is shorter";
                        let shorter = "the estimate counts the framework's usual work for each level, and this plan's work for your gaps is shorter too";
                        let by_pace = u32::try_from(estimate as usize * at / pace.max(1)).unwrap_or(0);
                        let reason = if pace > at {
                            let pace = format!(
                                "this plan works on {pace} pieces of work at a time, where the estimate counts {at}; if you slow down, the ask moves with the work"
                            );
                            if weeks_in + PACE_SLACK_WEEKS >= by_pace {
                                pace
                            } else {
                                format!("{pace}; and {shorter}")
                            }
                        } else {
                            chosen.to_owned()
                        };
                        let check = if record_review.is_some() {
                            " Your manager's reading of the record before it says whether it is soon enough."
                        } else {
                            ""
                        };
                        format!(
                            "{why} Asking then is sooner than the readiness estimate (about {estimate} weeks of development): {reason}.{check}"
                        )
                    } else {
                        why
                    };
                    (d, a.competencies.clone(), why)
                })
            }
            // The job held mastered, by the manager's judgement: in the
            // weeks before the move's work starts, which waits for a yes
            // (seed 004 step 0; review 8, finding 6).
            Some(Condition::JobMastered) => held_back.map(|d| {
                // Asked once the job's work is done, so the answer comes
                // by the day the move's work starts.
                let mut at = d - Duration::weeks(i64::from(a.effort_weeks));
                while super::in_year_end_break(at) {
                    at -= Duration::weeks(1);
                }
                let at = at.max(req.start);
                let held = req.current_role.map_or("the job you hold", |r| r.name.as_str());
                (
                    at,
                    a.competencies.clone(),
                    format!(
                        "The move's work starts on {d}, once you have mastered your job as {held} (seed 004 step 0: master the job you hold before the next), and the one to say it is mastered is your manager, not you. If they say not yet, the move's work waits: make this plan again from what they say is missing."
                    ),
                )
            }),
            // A month before the ask, dated or waiting for a trial's
            // answer, the manager goes through the record.
            Some(Condition::BeforeTheAsk) => items
                .iter()
                .chain(&after_trial)
                .filter(|i| {
                    action_of(i).is_some_and(|x| x.when == Some(Condition::CriticalGapsClosed))
                })
                .map(|i| i.starts)
                .min()
                .map(|ask| {
                    let d = ask - Duration::weeks(i64::from(a.effort_weeks) + REVIEW_LEAD_WEEKS);
                    // Not before the plan starts, nor before a trial's
                    // answer that the ask waits for.
                    let waits = trial_end.filter(|end| ask >= *end);
                    let at = d.max(req.start).max(waits.unwrap_or(d));
                    let when = if at == d {
                        "A month before you put yourself forward"
                    } else {
                        "Before you put yourself forward"
                    };
                    (
                        at,
                        a.competencies.clone(),
                        format!(
                            "{when}, your manager reads the record as the people deciding on the {} post will: what they still miss, close first, and ask once they agree it is closed.",
                            req.role.name
                        ),
                    )
                }),
            _ => continue,
        };
        let Some((starts, competencies, why)) = follows else {
            continue;
        };
        let starts = after_break(starts);
        let due = starts + Duration::weeks(i64::from(a.effort_weeks));
        followed = followed.max(Some(due));
        // After a trial, what follows the move's work waits for its
        // answer too (the ask says so in its own terms).
        let why = if trial_end.is_some_and(|end| starts >= end)
            && a.when != Some(Condition::CriticalGapsClosed)
        {
            format!("{AFTER_TRIAL} {why}")
        } else {
            why
        };
        asked_again |= a.when == Some(Condition::FeedbackNamesGap);
        // The role asked for, named: the plan may build toward a rung on
        // the way to the one aimed at.
        let title = if a.when == Some(Condition::CriticalGapsClosed) {
            format!("{}: {}", a.title, req.role.name)
        } else {
            a.title.clone()
        };
        let proposed = ProposedItem {
            action: Some(a.id.clone()),
            title,
            kind: a.kind,
            competencies,
            effort_weeks: a.effort_weeks,
            starts,
            due,
            why,
            opportunity: None,
        };
        // Past the horizon, it is for the plan made once the work is done;
        // after a trial, for the plan made at its end. The ask that starts
        // within the horizon is dated, its last weeks past it: a year's
        // plan that stops short of the ask it was for leaves the person
        // guessing when to make the next (review 9, finding 1).
        let ask_begins = a.when == Some(Condition::CriticalGapsClosed) && starts < horizon_end;
        if due > horizon_end && !ask_begins {
            // The ask, though past it, is said: a plan with no word of when
            // to ask leaves the person guessing (review 7).
            // Only where the plan's own work fits its horizon: past that,
            // the pace's note says the plans after it hold the rest.
            let fits = scheduled.iter().all(|(_, _, due)| *due <= horizon_end);
            if a.when == Some(Condition::CriticalGapsClosed) && (ask_said || fits) {
                ask_dated = true;
            }
            if a.when == Some(Condition::CriticalGapsClosed) && !ask_said && fits {
                let read = if record_review.is_some() {
                    " and your manager has read the record"
                } else {
                    ""
                };
                notes.push(format!(
                    "Putting yourself forward for {} comes after this plan's horizon: from {starts}, once the plan's work is done{read}. The plan you make then dates it.",
                    req.role.name
                ));
            }
            continue;
        }
        if a.when == Some(Condition::CriticalGapsClosed) {
            ask_dated = true;
        }
        if trial_end.is_some_and(|end| starts >= end) {
            after_trial.push(proposed);
        } else {
            // Dated: the work that answers the feedback is kept up until it.
            if a.when == Some(Condition::FeedbackNamesGap) {
                asked_on = Some(starts);
            }
            items.push(proposed);
        }
    }
    // A rehearsal before the ask, ending the week before it, out of the
    // year-end break: the mentor asked to hear it, the answer to what a
    // lost panel cited told with the work that built it (review 10,
    // finding 4: Ravi, Morgan, Helen, and everyone whose plan ends in
    // the ask).
    let ask = items
        .iter()
        .filter(|i| action_of(i).is_some_and(|x| x.when == Some(Condition::CriticalGapsClosed)))
        .map(|i| i.starts)
        .min();
    // Toward a management post: the technical track's panels hear the
    // technology.
    let ask = ask.filter(|_| req.role.track == Track::Management);
    let rehearsal = match (rehearse_ask, ask) {
        (Some(a), Some(ask)) => {
            let weeks = Duration::weeks(i64::from(a.effort_weeks));
            let cited: Vec<String> = record
                .rejections
                .iter()
                .filter_map(|r| {
                    let names: Vec<&str> = r
                        .cited
                        .iter()
                        .filter_map(|c| req.framework.competency(c.as_str()))
                        .map(|c| c.name.as_str())
                        .collect();
                    (!names.is_empty()).then(|| format!("{} on {}", r.name, names.join(" and ")))
                })
                .collect();
            let answer = if cited.is_empty() {
                String::new()
            } else {
                format!(
                    " You lost {}: rehearse your answer to it, told with the work of this plan that built it.",
                    cited.join("; ")
                )
            };
            rehearsal_by(ask - Duration::weeks(1), weeks, req.start).map(|starts| {
                let why = rehearsal_why(
                    record,
                    &format!("you put yourself forward for {}", req.role.name),
                    "the panel, or the conversation that decides it, hears your work told as a manager tells it, in the business's terms, not as the technology",
                );
                (a, starts, format!("{why}{answer}"))
            })
        }
        // No ask dated: the interviews lost are rehearsed once the work
        // that answers them is done, for whichever panel comes next.
        (Some(a), None) => rehearse_answered.map(|starts| {
            let why = rehearsal_why(
                record,
                "the next panel",
                "it hears this plan's work told as a manager tells it, in the business's terms",
            );
            (a, after_break(starts), why)
        }),
        _ => None,
    };
    if let Some((a, starts, why)) = rehearsal {
        items.push(ProposedItem {
            action: Some(a.id.clone()),
            title: a.title.clone(),
            kind: a.kind,
            competencies: a.competencies.clone(),
            effort_weeks: a.effort_weeks,
            starts,
            due: starts + Duration::weeks(i64::from(a.effort_weeks)),
            why,
            opportunity: None,
        });
    }
    after_trial.sort_by_key(|i| i.starts);
    if let Some(end) = trial_end.filter(|_| !after_trial.is_empty()) {
        let mut titles: Vec<String> = after_trial
            .iter()
            .take(3)
            .map(|i| super::lower_first(&i.title))
            .collect();
        if after_trial.len() > 3 {
            titles.push(format!("{} more", after_trial.len() - 3));
        }
        let other = crate::fit::technical_role(req.framework, req.current_role)
            .map(|r| format!("make the plan toward {} instead", r.name))
            .unwrap_or_else(|| "make the next plan from that answer".to_owned());
        notes.push(format!(
            "What follows the trial waits for its answer, so it is not dated here. If the fit check at its end ({end}) points to management, the plan you make then takes up the move's work: {}. If it points to the technical track, {other}.",
            titles.join("; ")
        ));
    }
    if let Some(end) = trial_end {
        items.push(super::fit_again(end));
    }
    // A trial of the post on the record (an interim period) is reviewed
    // before the interview for it.
    // What is ahead in an opening comes first, whatever the gaps.
    for i in record
        .interviews
        .iter()
        .filter(|i| i.on >= req.start && i.on <= horizon_end)
    {
        let mut prep = super::prepare(i, req.start, tried);
        // Work still running on the day goes in as it stands: a roadmap in
        // draft speaks to the role's first year (review 7, below the cut).
        let under_way: Vec<String> = items
            .iter()
            .filter(|w| w.kind == ActionKind::Experience && w.opportunity.is_none())
            // The post itself is the record the prep item speaks of.
            .filter(|w| !action_of(w).is_some_and(|a| a.trial))
            .filter(|w| w.starts < i.on && w.due > i.on)
            .map(|w| super::lower_first(&w.title))
            .collect();
        if !under_way.is_empty() {
            prep.why.push_str(&format!(
                " Take in the work still under way, as it stands and where it is going: {}.",
                under_way.join("; ")
            ));
        }
        items.push(prep);
    }
    // Work that follows the budget round follows it to its decisions: what
    // is funded, what is not, and why, is what it teaches (review 7; seed
    // 004 step 6: why are some projects funded and others not?). The
    // weeks of work are its effort; the rest is watching the round end.
    if let Some(year) = req.year {
        // Where what it never runs beside starts (a post covered, which has
        // the round's work to run itself): the watching stops there, and
        // if the round still runs, that item takes its work over.
        let starts_of: Vec<(Option<&Action>, NaiveDate)> =
            items.iter().map(|i| (action_of(i), i.starts)).collect();
        let mut takes_over: BTreeSet<usize> = BTreeSet::new();
        for i in &mut items {
            let Some(a) = action_of(i).filter(|a| {
                a.season == Some(crate::framework::Season::BudgetRound)
                    && !i.why.starts_with("Your journal shows it begun")
            }) else {
                continue;
            };
            let taken_over = starts_of
                .iter()
                .enumerate()
                .filter(|(_, (o, s))| *s >= i.due && o.is_some_and(|o| a.apart_from(o)))
                .min_by_key(|(_, (_, s))| *s);
            let (_, closes) = year.round_from(i.starts);
            let mut decided = closes.min(horizon_end);
            if let Some((j, &(_, t))) = taken_over {
                if t < closes {
                    takes_over.insert(j);
                }
                decided = decided.min(t);
            }
            if decided > i.due {
                i.due = decided;
                i.why = format!(
                    "{} See it through to the round's decisions: what is funded, what is not, and why.",
                    i.why
                );
            }
        }
        for j in takes_over {
            if let Some(i) = items.get_mut(j) {
                i.why = format!(
                    "{} The budget round is still running when it starts: as the post's holder for now, run its part of the round yourself, to the decisions.",
                    i.why
                );
            }
        }
    }
    if let Some(asked) = asked_on {
        for i in &mut items {
            let answers = i
                .action
                .as_ref()
                .is_some_and(|a| answers_feedback.contains(a.as_str()));
            if answers && i.due < asked && i.starts < asked {
                i.due = asked;
                i.why = format!(
                    "{} Keep it up until you ask them again: they will judge the most recent weeks.",
                    i.why
                );
            }
        }
    }
    // A habit kept up (a mentor met monthly, a search for a post) runs to
    // the end of the plan's dated work, past the weeks it takes to start:
    // the ask and the rehearsal still need the mentor (review 7).
    let kept_up = |i: &ProposedItem| action_of(i).and_then(|a| a.kept_up.as_deref());
    // The end of the work: a habit's own weeks count, not its keeping up.
    let last = items
        .iter()
        .map(|i| match kept_up(i) {
            Some(_) => i.starts + Duration::weeks(i64::from(i.effort_weeks)),
            None => i.due,
        })
        .max()
        .map(|d| d.min(horizon_end));
    // A search elsewhere (applying outside, a senior post asked for here
    // and outside) needs its network and its mentor to its end (review 8,
    // finding 3).
    let searching = |i: &ProposedItem| {
        action_of(i).is_some_and(|a| a.when == Some(Condition::RejectedOpportunity))
    };
    let search_ends = items
        .iter()
        .filter(|i| action_of(i).is_some_and(|a| !a.goes_with.is_empty()))
        .map(|i| if searching(i) { horizon_end } else { i.due })
        .max()
        // An ask whose last weeks run past the horizon: the plan made then
        // keeps them up with it.
        .map(|d| d.min(horizon_end));
    let last = last
        .max(search_ends)
        .max(record_until.map(|d| d.min(horizon_end)));
    for i in &mut items {
        let Some(why) = kept_up(i) else { continue };
        // A search for a post goes on until an offer: to the horizon,
        // whenever the rest of the work ends (review 7, finding 3).
        let last = if searching(i) {
            Some(horizon_end)
        } else {
            last
        };
        if let Some(d) = last.filter(|d| *d > i.due) {
            i.due = d;
            i.why = format!("{} {why}", i.why);
        }
    }
    // A network chosen only to hear of the senior post goes with the ask:
    // where the plan cannot date the ask, nor does it have the network
    // (review 13, finding 3; a help desk analyst's six months toward
    // director).
    let for_the_ask: BTreeSet<&str> = scheduled
        .iter()
        .filter(|(c, _, _)| c.for_looking == Some(ASKING_OUTSIDE) && c.built.is_empty())
        .map(|(c, _, _)| c.action.id.as_str())
        .collect();
    if !ask_dated {
        let kept = |i: &ProposedItem| {
            i.action
                .as_ref()
                .is_none_or(|a| !for_the_ask.contains(a.as_str()))
        };
        items.retain(kept);
        later.retain(kept);
    }
    // By start; on the same day, in the order chosen above.
    items.sort_by_key(|i| i.starts);
    // Found by its words: a note inserted before it moves its place.
    if let (Some(d), Some(o)) = (focus_note, overdoing) {
        if let Some(n) = notes.iter_mut().find(|n| *n == d) {
            n.push_str(&this_months_work(
                req,
                &items,
                &scheduled,
                &focus.urgent_ids,
                &o.id,
                &o.name,
            ));
        }
    }
    // What waits for a budget round past the horizon waits for the
    // organisation's year, not for the person's pace: said apart, and not
    // counted in how long the pace makes the move.
    let round_bound = |i: &ProposedItem| {
        req.year.is_some()
            && i.starts >= horizon_end
            && action_of(i).is_some_and(|a| a.season == Some(crate::framework::Season::BudgetRound))
    };
    let (for_round, for_pace): (Vec<&ProposedItem>, Vec<&ProposedItem>) =
        later.iter().partition(|i| round_bound(i));
    let overflow_weeks = for_pace
        .iter()
        .map(|i| i.due)
        .max()
        .map_or(0, |d| ((d - horizon_end).num_days() + 6) / 7) as u32;
    if !for_pace.is_empty() {
        notes.push(overflow_note(
            at_once,
            req.horizon_months,
            horizon_weeks + overflow_weeks,
            overflow_weeks,
            &for_pace,
        ));
    }
    if let (Some(year), Some(first)) = (req.year, for_round.iter().map(|i| i.starts).min()) {
        let titles: Vec<&str> = for_round.iter().map(|i| i.title.as_str()).collect();
        notes.push(format!(
            "{} follow{} your organisation's budget round ({}): the next with room for {} opens after this plan's horizon, on {first}, and {} for the plan made then.",
            titles.join("; "),
            if titles.len() == 1 { "s" } else { "" },
            year.round_words(),
            if titles.len() == 1 { "it" } else { "them" },
            if titles.len() == 1 { "it waits" } else { "they wait" },
        ));
    }

    // What the journal says is meant and the plan leaves out because it
    // touches no gap: why not. (Left out for another reason, such as a
    // record still to build, it is a later plan's.)
    for (id, entry) in &meant {
        let Some(a) = candidates.iter().copied().find(|a| a.id.as_str() == *id) else {
            continue;
        };
        let planned = scheduled.iter().any(|(c, _, _)| c.action.id == a.id)
            || items.iter().any(|i| i.action.as_ref() == Some(&a.id));
        if !planned && !a.trial && competes(a) && !outside(a) && !touches(a) {
            notes.push(format!(
                "Your journal says you mean to {} (\u{201c}{}\u{201d}): it builds nothing {} still asks of you, so this plan gives its time to what does.",
                super::lower_first(&a.title),
                entry.trim(),
                req.role.name
            ));
        }
    }

    // 8. A technical certification toward a management target: named as
    //    the journal names it (a CCNA passed, an AWS exam studied for), and
    //    the course toward management it shows, backed.
    if req.role.track == Track::Management {
        if let Some(cert) = req
            .framework
            .actions
            .iter()
            .find(|a| a.is_technical_study() && had.contains(a.id.as_str()))
        {
            // The first entry naming each action, two at most.
            let shown = |keep: &dyn Fn(&Action) -> bool, not: &[&str]| -> Vec<String> {
                let mut entries: Vec<String> = Vec::new();
                for a in req.framework.actions.iter().filter(|a| keep(a)) {
                    let entry = record
                        .journal
                        .iter()
                        .map(|t| t.trim())
                        .find(|t| a.named_in(t) && !not.contains(t));
                    if let Some(t) = entry.filter(|t| !entries.iter().any(|e| e == t)) {
                        entries.push(t.to_owned());
                    }
                }
                entries.truncate(2);
                entries
            };
            let quoted = |entries: &[String]| {
                entries
                    .iter()
                    .map(|t| format!("\u{201c}{t}\u{201d}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let certs = shown(&|a| a.is_technical_study(), &[]);
            let cert_entries: Vec<&str> = certs.iter().map(String::as_str).collect();
            let courses = shown(
                &|a| {
                    a.kind == ActionKind::Education
                        && a.suits(req.role)
                        && recognised.contains(a.id.as_str())
                },
                &cert_entries,
            );
            let what = if certs.is_empty() {
                format!("\"{}\"", cert.title)
            } else {
                format!("What your journal shows ({})", quoted(&certs))
            };
            let mut does: Vec<String> = Vec::new();
            if !courses.is_empty() {
                does.push(format!(
                    "the study toward management your journal shows ({}), finished or seen through, and practised in the work",
                    quoted(&courses)
                ));
            }
            does.extend(
                items
                    .iter()
                    .filter(|i| i.kind == ActionKind::Experience)
                    .take(2)
                    .map(|i| i.title.clone()),
            );
            if does.is_empty() {
                does.push("on-the-job management experience".to_owned());
            }
            notes.push(format!(
                "{} What does: {}.",
                super::certification_words(&what),
                does.join("; ")
            ));
        }
    }

    let mut uncovered: Vec<CompetencyId> = gaps
        .iter()
        .filter(|g| !covered(g))
        .map(|g| g.id.clone())
        .collect();
    uncovered.sort();
    // Not counted in how long the pace makes the move: it waits for the
    // trial's answer.
    later.extend(after_trial);
    Ok(Proposal {
        items,
        later,
        uncovered,
        notes,
        overflow_weeks,
        at_once: at_once as u32,
    })
}

/// The end of the note on where the journal's time goes: the items of the
/// plan's first month that build the most urgent gaps or what takes the
/// place of the strength overdone, and for a gap with none that month,
/// when its first work starts. "Give this month's hours to the plan's
/// items" alone leaves the person to find them.
fn this_months_work(
    req: &Request,
    items: &[ProposedItem],
    scheduled: &[(Choice, NaiveDate, NaiveDate)],
    urgent: &[CompetencyId],
    overdone: &CompetencyId,
    overdone_name: &str,
) -> String {
    let month_end = req.start + Duration::days(31);
    // Claims a level of it, as its reason says ("Builds"), not only
    // supports or strengthens it.
    let builds = |i: &ProposedItem, id: &CompetencyId| {
        scheduled
            .iter()
            .any(|(c, _, _)| i.action.as_ref() == Some(&c.action.id) && c.claims(id))
    };
    let takes_place = |i: &ProposedItem| {
        req.framework
            .competencies
            .iter()
            .any(|c| c.instead_of.contains(overdone) && builds(i, &c.id))
    };
    let name_of = |id: &CompetencyId| {
        req.framework
            .competency(id.as_str())
            .map_or_else(|| id.as_str().to_owned(), |c| c.name.clone())
    };
    // The words before a title's colon name the work; what follows is how.
    let short = |i: &ProposedItem| {
        i.title
            .split_once(": ")
            .map_or(i.title.as_str(), |(head, _)| head)
            .to_owned()
    };
    let mut now: Vec<String> = Vec::new();
    for i in items.iter().filter(|i| i.starts < month_end) {
        let on: Vec<String> = urgent
            .iter()
            .filter(|g| builds(i, g))
            .map(name_of)
            .collect();
        if takes_place(i) {
            now.push(format!("{} (what takes {overdone_name}'s place)", short(i)));
        } else if !on.is_empty() {
            now.push(format!("{} ({})", short(i), on.join("; ")));
        }
    }
    let mut later: Vec<String> = Vec::new();
    for g in urgent {
        if items.iter().any(|i| i.starts < month_end && builds(i, g)) {
            continue;
        }
        if let Some(first) = items.iter().find(|i| builds(i, g)) {
            later.push(format!(
                "{} ({}) starts on {}",
                short(first),
                name_of(g),
                first.starts
            ));
        }
    }
    let mut s = String::new();
    if !now.is_empty() {
        s.push_str(&format!(
            ": give this month's hours to {}",
            crate::text::and_list(&now)
        ));
    }
    if !later.is_empty() {
        s.push_str(&format!(
            "{}{}",
            if now.is_empty() { ": " } else { "; " },
            crate::text::and_list(&later)
        ));
    }
    s.push('.');
    s
}

/// One piece of work at a time: free from `free`, and booked for work
/// placed ahead of it (in the organisation's year, or after the level
/// below it).
#[derive(Debug, Clone)]
struct Lane {
    free: NaiveDate,
    booked: Vec<(NaiveDate, NaiveDate)>,
}

impl From<NaiveDate> for Lane {
    fn from(free: NaiveDate) -> Self {
        Self {
            free,
            booked: Vec::new(),
        }
    }
}

impl Lane {
    /// The first day from `from` that work of `len` fits, clear of what
    /// is booked ahead.
    /// Nothing starts in the year-end break: whether it put the start
    /// off comes with it.
    fn fits(&self, from: NaiveDate, len: Duration) -> (NaiveDate, bool) {
        let from = from.max(self.free);
        let mut at = after_break(from);
        let mut put_off = at != from;
        while let Some(&(_, end)) = self.booked.iter().find(|(b, e)| at < *e && *b < at + len) {
            at = after_break(end);
            put_off = at != end;
        }
        (at, put_off)
    }

    /// Takes the lane from `starts` to `due`: booked ahead when it starts
    /// after the lane is free (the weeks before stay free for shorter
    /// work: a slot idle while work waits for the level below it, or for
    /// a budget round months away), otherwise up to `due`.
    fn take(&mut self, starts: NaiveDate, due: NaiveDate) {
        if starts > self.free {
            self.booked.push((starts, due));
        } else {
            self.free = self.free.max(due);
        }
    }
}

/// The lane work of `len` from `from` starts earliest in, and when: of
/// lanes alike, the one free first.
fn fitting(lanes: &[Lane], from: NaiveDate, len: Duration) -> (usize, NaiveDate, bool) {
    lanes
        .iter()
        .enumerate()
        .map(|(i, l)| (i, l.fits(from, len), l.free))
        .min_by_key(|&(i, (at, _), free)| (at, free, i))
        .map_or((0, after_break(from), false), |(i, (at, put_off), _)| {
            (i, at, put_off)
        })
}

/// How many pieces of work the person can have in flight: at least one.
fn at_once_of(req: &Request) -> usize {
    req.at_once.max(1) as usize
}

/// The levels of one competency that actions with these spans build
/// between them, one level each: as many as can be shared out. Each span,
/// the one ending lowest first, takes the lowest level still free in it;
/// for spans of consecutive levels that shares out the most (a budget
/// cycle shadowed, a case written and a cost line owned build 0, 1 and 2,
/// where the case taking 2 would leave the cost line nothing).
fn levels_built(spans: &[(u8, u8)]) -> BTreeSet<u8> {
    let mut by_end = spans.to_vec();
    by_end.sort_by_key(|&(from, to)| (to, from));
    let mut built = BTreeSet::new();
    for (from, to) in by_end {
        if let Some(l) = (from..to).find(|l| !built.contains(l)) {
            built.insert(l);
        }
    }
    built
}

/// How long after the work that answers feedback its givers are asked
/// again: a habit is seen changed once it has lasted a quarter.
const CHANGE_SEEN_WEEKS: i64 = 12;

/// What the journal shows of each action, by its id (its first steps
/// taken, the entry that says it is meant, the entries that show the
/// person doing themselves what it hands on), and of where a post may
/// open.
/// A post whose holder does a team's cost line, staffing and priorities
/// as its own work.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Post {
    /// Held for now, as the journal shows (the manager moved on).
    HeldForNow,
    /// A manager's post to cover, when one falls vacant.
    Covered,
    /// The team led already, made officially one's own.
    MadeOfficial,
}

struct Read<'r, 'a> {
    begun: &'r BTreeMap<&'a str, &'a str>,
    /// The entry that shows a team led without the post, for the work
    /// that makes it official.
    shown: &'r BTreeMap<&'a str, &'a str>,
    meant: &'r BTreeMap<&'a str, &'a str>,
    /// When what is meant is, where the journal says.
    meant_from: &'r BTreeMap<&'a str, NaiveDate>,
    own: &'r BTreeMap<&'a str, Vec<&'a str>>,
    /// The latest entry that says no post will open here.
    no_opening: Option<&'a str>,
    /// What work is agreed in, by its id, for work that waits for it.
    agreed_in: &'r BTreeMap<&'a str, String>,
    /// The trial that stands in for a post to cover, should none come up,
    /// and whether the plan has it already.
    stand_in: Option<&'a Action>,
    stand_in_planned: bool,
    /// A manager's post half held, as the journal shows it.
    post_held: Option<&'a Action>,
    /// The conversation work is agreed in, when the plan has it, as the
    /// person would say it ("tell your manager which role you are aiming
    /// for").
    talk: Option<String>,
    /// Work that follows the budget round is dated without the month the
    /// organisation's year starts: the first conversation asks it.
    round_unknown: bool,
    /// The person's role is not a manager's and the record shows no
    /// manager's post held for a time.
    manages_no_one: bool,
    /// The person holds a manager's post for now: an interim period on
    /// the record, or a post half held.
    in_post: bool,
}

/// How long after a plan's start, without the organisation's year, work
/// that follows the budget round waits when the journal shows this year's
/// round over: the next round is most of a year away.
const ROUND_CLOSED_MONTHS: u32 = 6;

/// The months of the new role's work on the record the move asks for, when
/// the framework's transition from the role held says so.
fn record_months(req: &Request) -> Option<u32> {
    transition(req).and_then(|t| t.record_months)
}

/// When the first of the work the transition's record is of starts, if
/// the plan has any of it (`record_of`: a director's year of leading
/// through team leads).
fn record_starts(req: &Request, scheduled: &[(Choice, NaiveDate, NaiveDate)]) -> Option<NaiveDate> {
    let counted = transition(req).map_or(&[][..], |t| &t.record_of[..]);
    scheduled
        .iter()
        .filter(|(c, _, _)| counted.contains(&c.action.id))
        .map(|(_, starts, _)| *starts)
        .min()
}

/// The framework's transition from the role held to the target, if any.
fn transition<'a>(req: &Request<'a>) -> Option<&'a crate::framework::Transition> {
    req.current_role.and_then(|held| {
        req.framework
            .transitions_from(held.id.as_str())
            .find(|t| t.to == req.role.id)
    })
}

/// What a plan on the person's own ratings alone says first, as a note or
/// as the reason of the item that asks the manager's.
const OWN_RATING: &str = "Every level this plan works from is your own rating";
const ASK_ROUND: &str = "Ask too when your organisation's budget round runs (the month its financial year starts): this plan's budget work goes in it once you give the month.";

/// A plan of this many months or more is gone through with the manager
/// each quarter: six months is itself the look at where the person stands
/// (review 11, finding 10: Nina).
const REVIEWED_AFTER_MONTHS: u32 = 6;

/// A quarter, in weeks: the first review with the manager comes after it.
const QUARTER_WEEKS: i64 = 13;

/// How far after the conversation it is arranged in work may start and
/// still be agreed there outright, in weeks.
const AGREED_AHEAD_WEEKS: i64 = 8;

/// What a piece of work started now says when it builds a level past the
/// person's next one (`now`: why it starts now): "3→4" beside a rating of
/// 2 otherwise reads as the plan not knowing them. Beside the work of the
/// levels below, where the plan has it before this is `due`; else they
/// come with it.
fn past_next_level(
    choice: &Choice,
    gaps: &[Gap],
    scheduled: &[(Choice, NaiveDate, NaiveDate)],
    due: NaiveDate,
    now: &str,
) -> Option<String> {
    if choice.strengthens {
        return None;
    }
    let above: Vec<&Gap> = choice
        .built
        .iter()
        .filter_map(|(c, l)| gaps.iter().find(|g| &g.id == c && *l > g.from))
        .collect();
    if above.is_empty() {
        return None;
    }
    let below = above.iter().all(|g| {
        scheduled.iter().any(|(o, from, _)| {
            *from < due && o.built.iter().any(|(c, l)| *c == g.id && *l == g.from)
        })
    });
    let at: Vec<String> = above
        .iter()
        .map(|g| format!("{} {}", g.name, g.from))
        .collect();
    Some(format!(
        " You are at {}: this is work of a level past your next one, done now because {now}, {}.",
        at.join(" and "),
        if below {
            "beside the work that builds the levels below it"
        } else {
            "and the level below comes with it"
        }
    ))
}

/// Why a rehearsal comes before the ask: the interview felt lost as too
/// technical, or the interviews lost, first, where there are any.
fn rehearsal_why(record: &super::Record, before: &str, what: &str) -> String {
    match record.rejections.iter().find(|r| r.too_technical) {
        Some(r) => format!(
            "You felt you showed the panel for {} too much technical skill and not enough managing: before {before}, rehearse, so that {what}.",
            r.name
        ),
        None if record.rejections.len() >= 2 => format!(
            "You have lost {} interviews: before {before}, rehearse, so that {what}.",
            record.rejections.len()
        ),
        None => format!("Before {before}: {what}."),
    }
}

/// How long a post to cover, agreed in the first conversation, takes to
/// arrange with the others it needs, after that conversation.
const ARRANGING_WEEKS: u32 = 3;

/// How long before putting oneself forward the manager's reading of the
/// record ends: a month to act on what they say.
const REVIEW_LEAD_WEEKS: i64 = 4;

/// How far an ask may come before the estimate at the plan's pace, in
/// weeks, and still be the pace's doing: the weeks are counted whole.
const PACE_SLACK_WEEKS: u32 = 2;

/// When work is done for what waits on it: work that follows the budget
/// round when the round decides, the rest when its effort is spent.
fn decided(req: &Request, c: &Choice, starts: NaiveDate, due: NaiveDate) -> NaiveDate {
    match req.year {
        Some(y)
            if c.action.season == Some(crate::framework::Season::BudgetRound)
                && c.phase != Phase::Begun =>
        {
            due.max(on_plan_weekday(req.start, y.round_from(starts).1))
        }
        _ => due,
    }
}

/// The first day on or after `d` on the plan's weekday, as its weeks are.
fn on_plan_weekday(start: NaiveDate, d: NaiveDate) -> NaiveDate {
    start + Duration::weeks(((d - start).num_days() + 6) / 7)
}

/// A manager's post held for a time (an interim or acting period), as the
/// journal or the plan's done work shows it, with the entry that says so.
/// The post itself, handed on a record; not a project led.
fn post_on_record<'a>(req: &Request<'a>) -> Option<(&'a Action, Option<&'a str>)> {
    let record = req.record;
    req.framework
        .actions
        .iter()
        .filter(|a| a.trial && !a.on_record.is_empty())
        .find_map(|a| {
            let entry = record.journal.iter().find(|t| a.recognised_in(t));
            (entry.is_some() || record.done.contains(&a.id))
                .then_some((a, entry.map(String::as_str)))
        })
}

/// Work placed in the organisation's budget round; work begun goes on
/// now, whatever the round.
fn follows_round(c: &Choice<'_>) -> bool {
    c.action.season == Some(crate::framework::Season::BudgetRound) && c.phase != Phase::Begun
}

/// A conversation's title as the person would say it in a sentence: its
/// first clause ("tell your manager which role you are aiming for").
fn talk_said(title: &str) -> Option<String> {
    title
        .split([',', ':'])
        .next()
        .map(|t| super::lower_first(t.trim()))
}

/// When a rehearsal of `weeks` starts, to end by `by`: as late as it can,
/// earlier rather than across the year-end break, since it needs the
/// mentor or the manager there (review 9, below the cut: Oliver's ran
/// from 15 to 29 December); none without room for it from `start`.
fn rehearsal_by(by: NaiveDate, weeks: Duration, start: NaiveDate) -> Option<NaiveDate> {
    let spans_break =
        |d: NaiveDate| (0..weeks.num_days()).any(|n| in_year_end_break(d + Duration::days(n)));
    let mut d = by - weeks;
    while spans_break(d) && d > start {
        d -= Duration::weeks(1);
    }
    let d = after_break(d.max(start));
    (d + weeks <= by && !spans_break(d)).then_some(d)
}

/// The weeks ahead a place is booked, unless the journal shows the work
/// under way or meant at a time of its own.
fn booked_ahead(meant: &BTreeMap<&str, &str>, c: &Choice<'_>) -> Option<u32> {
    c.action
        .booked_weeks
        .filter(|_| c.phase != Phase::Begun && !meant.contains_key(c.action.id.as_str()))
}

/// A post to cover, not yet held: it may not fall vacant.
fn needs_a_post(c: &Choice<'_>) -> bool {
    c.action.trial && !c.action.on_record.is_empty() && c.phase != Phase::Begun
}

/// Why a network outside the company goes with a search elsewhere.
const LOOKING_ELSEWHERE: &str = "It goes with looking elsewhere: openings are heard of through people, often before they are advertised.";

/// Why a network of peers goes with a senior post asked for here and
/// outside.
const ASKING_OUTSIDE: &str = "It goes with putting yourself forward here and outside: posts at that level are heard of through peers, often before they are advertised, and a network takes months to bring them.";

/// The first conversation of someone who holds their manager's post for
/// now: the post asked for, made formal.
const POST_TALK: &str = "Tell whoever you now report to that you want the post you hold for now: ask for the acting appointment made formal, with success criteria, and when and how the post will be filled";

/// What groundwork says of itself in the plan's first month, and after it.
const GROUNDWORK_FIRST: &str = "Groundwork: do this first.";
const GROUNDWORK_LATER: &str = "Groundwork: begin it before the work it prepares for.";
/// The plan's first month, in weeks (the year-end break comes on top).
const FIRST_MONTH_WEEKS: i64 = 4;

/// What an item after a trial says first.
const AFTER_TRIAL: &str = "Only if the fit check at the trial's end points to management: if not, the next plan starts from that answer.";

/// Work of a month or less is one piece of work: it starts a level, it
/// does not make it (one board paper is not answering to the board for
/// technology risk; review 6, finding 13).
const ONE_OFF_WEEKS: u32 = 4;

/// How an item's reason claims the levels it is chosen for: sustained work
/// builds them; study gives the grounding, which the work then shows; a
/// piece of work of a month or less is a start on them.
fn claim(a: &Action) -> &'static str {
    if a.kind == ActionKind::Education {
        "Gives you the grounding for"
    } else if a.effort_weeks <= ONE_OFF_WEEKS {
        "A start on"
    } else {
        "Builds"
    }
}

/// A chosen action as a plan item, with why it is there.
fn item(
    req: &Request,
    gaps: &[Gap],
    read: &Read,
    choice: &Choice,
    starts: NaiveDate,
    due: NaiveDate,
) -> ProposedItem {
    let a = choice.action;
    let builds: Vec<String> = choice
        .built
        .iter()
        .filter_map(|(c, l)| {
            let g = gaps.iter().find(|g| &g.id == c)?;
            Some(format!("{} {l}→{}", g.name, l + 1))
        })
        .collect();
    let mut why = Vec::new();
    match choice.phase {
        Phase::Trial => why.push(format!(
            "A trial of management of about {TRIAL_WEEKS} weeks, as your fit check recommends. Keep a two-line log each week: what gave you energy, and what drained it."
        )),
        // "First" only of what starts in the plan's first month: groundwork
        // placed for later work (a network half a year before a search)
        // comes before that work (review 10, below the cut).
        Phase::Foundation
            if starts > after_break(req.start + Duration::weeks(FIRST_MONTH_WEEKS)) =>
        {
            why.push(GROUNDWORK_LATER.to_owned())
        }
        // Groundwork that is itself the level of its competency (a network
        // of co-managers), where that level and all else it touches are
        // met: what the person has, kept up, not work to do first
        // (review 13, finding 10: a business analyst who knows the
        // business's people).
        Phase::Foundation if a.builds_first && choice.built.is_empty() => {
            let names: Vec<&str> = a
                .competencies
                .iter()
                .filter_map(|c| req.framework.competency(c.as_str()))
                .map(|c| c.name.as_str())
                .collect();
            why.push(format!(
                "Groundwork you have: keep it up. You are already at the level {} expects in {}: meet them now as the colleague you mean to be.",
                req.readiness.target_name,
                names.join(" and ")
            ));
        }
        Phase::Foundation => why.push(GROUNDWORK_FIRST.to_owned()),
        _ => {}
    }
    if let Some(looking) = choice.for_looking {
        why.push(looking.to_owned());
    }
    if let Some(said) = read.agreed_in.get(a.id.as_str()) {
        why.push(said.clone());
    }
    if let Some(entry) = read.shown.get(a.id.as_str()) {
        why.push(format!(
            "Your journal shows you leading already without the post (\u{201c}{entry}\u{201d})."
        ));
    }
    // A place to book: asked for, with its cost, where work is agreed
    // (review 10, finding 1). Work that waits for an event says already
    // what to book or apply for.
    if booked_ahead(read.meant, choice).is_some() && a.if_none.is_none() {
        why.push(match &read.talk {
            Some(talk) => format!(
                "Ask for the place, and its cost, when you {talk}: places are booked weeks ahead."
            ),
            None => {
                "Ask your manager for the place, and its cost, now: places are booked weeks ahead."
                    .to_owned()
            }
        });
    }
    // A trial tests the people and the meetings, which a project led does
    // not (review 9, finding 4): its stand-in is a team's people side.
    if choice.phase == Phase::Trial && needs_a_post(choice) {
        why.push("If no post can be covered soon, ask a team lead to hand you the people side of their team for the same weeks, agreed with them and your manager: the one-to-ones of two of their people, the team meeting and the rota. The trial is of that work, which leading a project does not test: if neither can be arranged, put the trial off until one can.".to_owned());
    } else if let Some(other) = read.stand_in.filter(|_| needs_a_post(choice)) {
        why.push(if read.stand_in_planned {
            format!(
                "If no post can be covered soon, the project this plan has you lead stands in for it ({}), with the same success criteria.",
                super::lower_first(&other.title)
            )
        } else {
            format!(
                "If no post can be covered soon, lead over the same weeks instead, with the same success criteria: {}.",
                super::lower_first(&other.title)
            )
        });
    }
    // An event nobody books (a major incident, a survey): what stands in
    // if it does not come (review 8, finding 1). What the journal shows
    // made official waits for no event: what to do if the answer is no.
    if let Some(alt) = a
        .if_none
        .as_ref()
        .filter(|_| choice.phase != Phase::Begun && !read.meant_from.contains_key(a.id.as_str()))
    {
        if !read.shown.contains_key(a.id.as_str()) {
            why.push(format!(
                "These dates are the room the plan makes for it, not a booking: {}",
                super::lower_first(alt)
            ));
        }
    }
    // What it is for, before the levels it counts toward: a conference is
    // for the people met there, not for a level of strategy (review 6,
    // finding 13).
    // The conversation the plan's work is agreed in, with a manager's post
    // half held: the post is there to ask for (review 8, finding 5), so
    // the conversation is not whether one will open.
    let post_talk = read.post_held.is_some() && req.framework.arranges(&a.id);
    if let Some(p) = a.purpose.as_ref().filter(|_| !post_talk) {
        why.push(p.clone());
    }
    if let Some(alt) = a
        .if_none
        .as_ref()
        .filter(|_| read.shown.contains_key(a.id.as_str()))
    {
        why.push(alt.clone());
    }
    // The budget round's month, asked in the first conversation with the
    // manager, so that its work is not left at dates the plan made up
    // (review 9, finding 2; seed 004 step 7).
    let first_talk = if read.talk.is_some() {
        req.framework.arranges(&a.id)
    } else {
        a.when == Some(Condition::SelfRatedOnly)
    };
    // Asked with the ratings where the plan has no first conversation:
    // after what the request is for (review 13, finding 11: Ruth's why
    // opened with "Ask too").
    let ask_round = read.round_unknown && first_talk;
    if ask_round && a.when != Some(Condition::SelfRatedOnly) {
        why.push(ASK_ROUND.to_owned());
    }
    if read.round_unknown && follows_round(choice) {
        why.push(
            "Its dates here only hold its place until the plan knows when your budget round runs."
                .to_owned(),
        );
    }
    // Whatever it was chosen for, what the journal says is meant...
    if let Some(entry) = read.meant.get(a.id.as_str()) {
        // When it names the time and the plan keeps it (within the
        // season it names, three months at most).
        let kept = read
            .meant_from
            .get(a.id.as_str())
            .is_some_and(|d| starts >= *d && starts < *d + Duration::weeks(13));
        let room = if kept {
            "the plan puts it then"
        } else {
            "the plan makes room for it"
        };
        why.push(format!(
            "Your journal says you mean to do it (\u{201c}{}\u{201d}): {room}.",
            entry.trim()
        ));
    }
    // ...and the first steps it shows.
    if let Some(entry) = read.begun.get(a.id.as_str()) {
        why.push(format!(
            "Your journal shows it begun (\u{201c}{}\u{201d}): see it through.",
            entry.trim()
        ));
        // A manager's post half held is asked for at the end of the acting
        // period, while the results are fresh (seed 002 FAQ 7).
        if a.trial {
            why.push(
                "At its end, ask for the post to be made permanent, with the success criteria you met. If it goes to someone else, ask why, and make this plan again from the answer."
                    .to_owned(),
            );
        }
    }
    // The conversation the plan's work is agreed in, with a manager's post
    // half held: the post is there to ask for, made formal, not a question
    // of whether one will open (review 8, finding 5; seed 002 FAQ 7).
    if post_talk {
        why.push(
            "You hold your manager's post for now: it is there to ask for, made formal, not a question of whether one will open (seed 002 FAQ 7: explore opportunities within your current organisation first)."
                .to_owned(),
        );
    }
    if a.when == Some(Condition::RejectedOpportunity) {
        let lost: Vec<&str> = req
            .record
            .rejections
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        if lost.len() >= 2 {
            why.push(format!(
                "You have lost {} interviews ({}): the move may come sooner where you have not been looking.",
                lost.len(),
                lost.join("; ")
            ));
        }
        if let Some(entry) = read.no_opening {
            why.push(format!(
                "Your journal says no post is likely to open for you here (\u{201c}{}\u{201d}): when no manager here is moving up or out, plan for the next opening elsewhere too.",
                entry.trim()
            ));
        }
    }
    if a.when == Some(Condition::SelfRatedOnly) {
        // Beside the conversation on the role aimed at, when the plan has
        // it; now, when it does not (the role is known to them already).
        let when = match (&read.talk, read.post_held) {
            (None, _) => "Ask for it now",
            (Some(_), Some(_)) => {
                "Ask for it when you tell them you want the post you hold for now"
            }
            (Some(_), None) => "Ask for it when you tell them the role you are aiming for",
        };
        why.push(format!(
            "{OWN_RATING}, and the move to {} turns on your manager's judgement, not yours. {when}; where they rate you a level or more apart from yourself, the plan made again from their rating is the one to follow.",
            req.role.name
        ));
        if ask_round {
            why.push(ASK_ROUND.to_owned());
        }
    }
    let mut title = a.title.clone();
    // Someone who manages no one, nor holds a manager's post for now, does
    // the work as their role allows: no appraisals of peers (review 9,
    // finding 5).
    if let Some(t) = a
        .without_reports
        .as_ref()
        .filter(|_| read.manages_no_one && read.post_held.is_none())
    {
        title = t.clone();
    }
    // Someone who holds a manager's post for now runs it for the whole
    // team, not for two of its people (review 11, finding 8: Oliver).
    if let Some(t) = a.in_post.as_ref().filter(|_| read.in_post) {
        title = t.clone();
    }
    // The post half held is run, not asked for (review 9, below the cut:
    // Ken's "ask to cover it" beside "your journal shows it begun").
    if read.post_held.is_some_and(|p| p.id == a.id) && choice.phase == Phase::Begun {
        title = "Run the team in the post you hold for now, with success criteria agreed, until it is filled".to_owned();
    }
    if post_talk {
        title = POST_TALK.to_owned();
    }
    if let Some(r) = choice.rejection {
        if a.when == Some(Condition::RejectedWithoutReasons) {
            title = format!("{} ({})", a.title, r.name);
            why.push(format!(
                "You lost {} without knowing why: the reason is what the plan should answer.",
                r.name
            ));
        } else if r.too_technical && !r.cited.iter().any(|c| a.covers(c.as_str())) {
            why.push(format!(
                "In your interview for {} you felt you showed too much technical skill and not enough managing: this builds the managing.",
                r.name
            ));
        } else {
            // What they cited, by name: the person reads what the panel
            // found missing, not only that it was. Worded for a board's
            // decision as well as an interview's.
            let cited: Vec<&str> = r
                .cited
                .iter()
                .filter(|c| a.covers(c.as_str()))
                .filter_map(|c| req.framework.competency(c.as_str()))
                .map(|c| c.name.as_str())
                .collect();
            if cited.is_empty() {
                why.push(format!(
                    "What this builds was cited when you lost {}.",
                    r.name
                ));
            } else {
                let were = if cited.len() == 1 { "was" } else { "were" };
                why.push(format!(
                    "{} {were} cited when you lost {}.",
                    cited.join(" and "),
                    r.name
                ));
            }
        }
    }
    if choice.phase == Phase::Foundation {
        // Groundwork supports the work that builds the levels, but for the
        // level it is itself the work of.
        let own = usize::from(choice.builds_own);
        if let Some(b) = builds.first().filter(|_| choice.builds_own) {
            why.push(format!("{} {b}.", claim(a)));
        }
        let names: Vec<&str> = choice.built[own.min(choice.built.len())..]
            .iter()
            .filter_map(|(c, _)| gaps.iter().find(|g| &g.id == c))
            .map(|g| g.name.as_str())
            .collect();
        if !names.is_empty() {
            why.push(format!("Supports {}.", names.join(", ")));
        }
    } else if !builds.is_empty() {
        let verb = if choice.strengthens {
            "Strengthens, with other actions of the plan,"
        } else {
            claim(a)
        };
        why.push(format!("{verb} {}.", builds.join(", ")));
    }
    if a.season == Some(crate::framework::Season::BudgetRound) && choice.phase != Phase::Begun {
        if let Some(year) = req.year {
            why.push(format!(
                "It follows your organisation's budget round ({}, before the financial year starts in {}).",
                year.round_words(),
                year.month_name()
            ));
        }
    }
    let named: Vec<&str> = choice
        .built
        .iter()
        .filter_map(|(c, _)| gaps.iter().find(|g| g.named && &g.id == c))
        .map(|g| g.name.as_str())
        .collect();
    // Shown closed by work that builds the level, not by a meeting that
    // supports it nor a course beside it.
    let builds_it = choice.phase != Phase::Foundation && !choice.strengthens;
    // Work that answers feedback has success criteria: the change the
    // feedback asks for is one, in its own words (review 11, finding 1:
    // "the interesting tickets go to the team"; review 12, finding 4: a
    // director's "rebuilt the Exchange config myself instead of asking
    // the contractor" is answered by the leads and the contractor taking
    // that work, not by leading in general). The entry that shows the
    // work itself is not feedback on it.
    let shown = read.shown.get(a.id.as_str());
    let criteria: Vec<String> = req
        .record
        .named_gaps
        .iter()
        .filter(|n| shown.is_none_or(|s| n.text != *s))
        .filter(|n| choice.built.iter().any(|(c, _)| n.competencies.contains(c)))
        .map(|n| format!("\u{201c}{}\u{201d}", n.text.trim()))
        .collect();
    // A quarter's work is measured at the quarter's end; shorter work at
    // its own.
    let (one_of, all_of) = if a.effort_weeks >= 12 {
        (
            "one of the quarter's success criteria",
            "the quarter's success criteria",
        )
    } else {
        ("what this work is judged on", "what this work is judged on")
    };
    match criteria.as_slice() {
        _ if !builds_it || named.is_empty() => {}
        [] => why.push(format!(
            "Feedback you logged names a gap in {}: this is the work that answers it.",
            named.join(", ")
        )),
        [one] => why.push(format!(
            "Feedback you logged names a gap in {} ({one}): make the change it asks for {one_of}, agreed with your manager and seen by those who gave it; this is the work that answers it.",
            named.join(", "),
        )),
        [first @ .., last] => why.push(format!(
            "Feedback you logged names a gap in {} ({} and {last}): make the changes they ask for {all_of}, agreed with your manager and seen by those who gave them; this is the work that answers them.",
            named.join(", "),
            first.join(", "),
        )),
    }
    if let Some(o) = choice
        .built
        .iter()
        .find_map(|(c, _)| gaps.iter().find(|g| &g.id == c)?.instead_of.as_deref())
    {
        // The latest entry that shows the work done in person (the journal
        // comes newest first), in the person's words.
        match read.own.get(a.id.as_str()).and_then(|e| e.first()) {
            Some(entry) => why.push(format!(
                "Your journal goes mostly to {o}, past what {} asks, and shows you doing this work yourself (\u{201c}{}\u{201d}): this hands it to your team and has you lead them through it.",
                req.readiness.target_name,
                entry.trim()
            )),
            None => why.push(format!(
                "Your journal goes mostly to {o}, past what {} asks: this builds what takes its place.",
                req.readiness.target_name
            )),
        }
    }
    // Work a hands-on manager would do in person (a recovery test): where
    // feedback names a gap in what takes the place of hands-on work, and
    // this work does not build it, the team does it and the person leads
    // (review 13, finding 2's rest: Morgan's DR plan).
    if let Some(hand) = a.handed_on.as_deref() {
        let told: Vec<&str> = gaps
            .iter()
            .filter(|g| g.named && !choice.built.iter().any(|(b, _)| b == &g.id))
            .filter(|g| {
                req.framework
                    .competency(g.id.as_str())
                    .is_some_and(|c| !c.instead_of.is_empty())
            })
            .map(|g| g.name.as_str())
            .collect();
        if !told.is_empty() {
            why.push(format!(
                "Feedback you logged names a gap in {}: {hand}, and make that {one_of}.",
                crate::text::and_list(&told)
            ));
        }
    }
    // Shown closed by work that builds the level, as feedback is.
    let claims: Vec<String> = choice
        .built
        .iter()
        .filter(|_| builds_it)
        .filter_map(|(c, _)| {
            let g = gaps.iter().find(|g| &g.id == c)?;
            Some(format!("{} {}", g.name, g.claimed?))
        })
        .collect();
    if !claims.is_empty() {
        why.push(format!(
            "You rate yourself at {}, past what {} asks, and nothing on your record shows it yet: this is the work that shows it.",
            claims.join(" and "),
            req.current_role.map_or("the role you hold", |r| r.name.as_str())
        ));
    }
    // Worked from below the person's own rating: said where the first
    // level is built, with whose judgement moved it.
    let doubted: Vec<String> = choice
        .built
        .iter()
        .filter(|_| builds_it)
        .filter_map(|(c, l)| {
            let g = gaps.iter().find(|g| &g.id == c)?;
            // The levels built are told by the one each starts from.
            let rated = g.rated.filter(|_| *l == g.from)?;
            Some(if g.named {
                format!(
                    "You rate yourself at {} {rated}; that feedback puts it lower, so the plan works from {} until those who gave it say it has changed.",
                    g.name, g.from
                )
            } else {
                format!(
                    "You rate yourself at {} {rated}, but a panel that turned you down cited it: the plan works from {} until your record shows the level.",
                    g.name, g.from
                )
            })
        })
        .collect();
    why.extend(doubted);
    if choice
        .built
        .iter()
        // The levels the role held expects, not those past it (a DR test
        // for an administrator's operations 2→3; covering a manager's post
        // takes operations 3→4, the move's).
        .any(|(c, l)| gaps.iter().any(|g| g.step0 && &g.id == c && *l < g.today))
    {
        why.push(format!(
            "Your current role expects it ({}).",
            req.current_role.map_or("step 0", |r| r.name.as_str())
        ));
    }
    ProposedItem {
        action: Some(a.id.clone()),
        title,
        kind: a.kind,
        competencies: a.competencies.clone(),
        effort_weeks: a.effort_weeks,
        starts,
        due,
        why: why.join(" "),
        opportunity: choice.rejection.map(|r| r.opportunity),
    }
}

/// What waits past the horizon, told as the length of the whole move at
/// the person's pace (a two-year journey, not a date in 2029), with the
/// first of what waits named and the rest counted.
fn overflow_note(
    at_once: usize,
    horizon_months: u32,
    total_weeks: u32,
    overflow_weeks: u32,
    later: &[&ProposedItem],
) -> String {
    let journey = if total_weeks < 52 {
        format!(
            "about {overflow_weeks} week{} more than your {horizon_months}-month horizon",
            if overflow_weeks == 1 { "" } else { "s" }
        )
    } else {
        // Up to the next half year: the estimate is no finer than that,
        // and never reads as short as the horizon it overflows.
        let halves = total_weeks.div_ceil(26);
        match (halves / 2, halves % 2) {
            (1, 0) => "about a year".to_owned(),
            (1, _) => "about a year and a half".to_owned(),
            (years, 0) => format!("about {years} years"),
            (years, _) => format!("about {years} and a half years"),
        }
    };
    let named: Vec<&str> = later.iter().take(2).map(|i| i.title.as_str()).collect();
    let rest = later.len().saturating_sub(named.len());
    let waiting = if rest == 0 {
        named.join("; ")
    } else {
        format!("{}; and {rest} more", named.join("; "))
    };
    let closer = if at_once < *super::AT_ONCE.end() as usize {
        "More at once would bring the move closer, if your time allows; a longer horizon dates more of it now."
    } else {
        "A longer horizon dates more of it now."
    };
    format!(
        "At {at_once} piece{} of work at a time, closing every gap takes {journey}: this plan holds the next {horizon_months} months, and {} more piece{} of work wait{} for the plans after it ({waiting}). {closer}",
        if at_once == 1 { "" } else { "s" },
        later.len(),
        if later.len() == 1 { "" } else { "s" },
        if later.len() == 1 { "s" } else { "" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    /// A reason claims levels as the work can make them: study gives the
    /// grounding, a month's piece of work is a start, a quarter builds.
    #[test]
    fn a_reason_claims_what_the_work_can_make() {
        let f = crate::framework::builtin().expect("builtin");
        let of = |id: &str| claim(f.action(id).expect("action"));
        assert_eq!(of("itil"), "Gives you the grounding for");
        assert_eq!(of("present-to-board"), "A start on");
        assert_eq!(of("industry-conference"), "A start on");
        assert_eq!(of("lead-project"), "Builds");
        assert_eq!(of("professional-association"), "Builds");
    }

    /// Work booked ahead in a lane (a budget round months away) leaves the
    /// weeks before it free; what does not fit before it goes after it;
    /// nothing starts in the year-end break.
    #[test]
    fn a_lane_booked_ahead_keeps_the_weeks_before_it_free() {
        let mut lane = Lane::from(day("2027-02-02"));
        let weeks = |n| Duration::weeks(n);
        // A round's work from September, booked ahead.
        lane.take(day("2027-09-07"), day("2027-11-02"));
        assert_eq!(lane.free, day("2027-02-02"));
        // Four weeks fit before it, from when the lane is free.
        assert_eq!(
            lane.fits(day("2027-01-05"), weeks(4)),
            (day("2027-02-02"), false)
        );
        // Thirty weeks do not: after it.
        assert_eq!(
            lane.fits(day("2027-03-02"), weeks(30)),
            (day("2027-11-02"), false)
        );
        // Work from when the lane is free takes it up to its due.
        lane.take(day("2027-02-02"), day("2027-03-02"));
        assert_eq!(lane.free, day("2027-03-02"));
        // Nothing starts in the break: put off to the week after it.
        let late = Lane::from(day("2027-12-21"));
        assert_eq!(
            late.fits(day("2027-12-01"), weeks(2)),
            (day("2028-01-04"), true)
        );
        // Of two lanes, the one where the work starts first; then the one
        // free first.
        let lanes = [lane.clone(), Lane::from(day("2027-02-16"))];
        assert_eq!(
            fitting(&lanes, day("2027-02-02"), weeks(2)),
            (1, day("2027-02-16"), false)
        );
    }
}

//! leap's domain: the competency framework, the fit check, assessments,
//! readiness and gaps, plan generation and evidence tagging.
//!
//! Pure by design: nothing here reads a file, a clock or a database. Callers
//! pass text and dates in, and get validated values and results out.

pub mod agenda;
mod answers;
pub mod assessment;
pub mod checkin;
pub mod contact;
pub mod error;
pub mod evidence;
pub mod feedback;
pub mod fit;
pub mod framework;
mod named;
pub mod one_to_one;
pub mod opportunity;
pub mod org;
pub mod packet;
pub mod plan;
pub mod profile;
pub mod progress;
pub mod rating;
pub mod readiness;
pub mod sharing;
pub mod succession;
pub mod synthetic;
pub mod tagging;
pub mod team;
pub mod text;
pub mod transfer;

pub use error::InvalidValue;
pub use framework::{
    Action, ActionKind, CompanyProfile, Competency, CompetencyId, FitStatement, Framework,
    FrameworkError, Level, Role, RoleId, Scale, Season, Track, Transition, TransitionKind,
};

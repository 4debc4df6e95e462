//! leap's use cases: what a person does with leap (judge their readiness,
//! make a plan, close an item, record a check-in, ask for 360 feedback,
//! build the promotion packet, ...), each a function taking the store, the
//! framework and the day, over `leap_core` (the rules) and `leap_store`
//! (persistence). The web application and the command line are thin
//! adapters over this crate.

pub mod accounts;
pub mod agenda;
pub mod calendar;
pub mod checkin;
pub mod clock;
pub mod contact;
pub mod demo;
pub mod feedback;
pub mod fit;
pub mod frameworks;
pub use frameworks::Frameworks;
pub mod journal;
pub mod json;
pub mod mail;
pub mod markdown;
pub mod one_to_one;
pub mod opportunity;
pub mod org;
pub mod packet;
pub mod password;
pub mod plan;
pub mod profile;
pub mod progress;
pub mod rating;
pub mod readiness;
pub mod sso;
pub mod status;
pub mod succession;
pub mod team;
pub mod transfer;

pub use clock::{Clock, FixedClock, SystemClock};
pub use leap_core::InvalidValue;
pub use leap_store::StoreError;

/// Why a use case could not be done.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Readiness, gaps, a plan and the packet start from a self-assessment.
    #[error("{NO_SELF_ASSESSMENT}")]
    NoSelfAssessment,
    /// A value the person gave is not allowed (field, value, what is).
    #[error(transparent)]
    Invalid(#[from] InvalidValue),
    /// A file the person gave (a framework) has problems, each with its
    /// line and column.
    #[error(transparent)]
    File(#[from] leap_core::error::FileError),
    /// The database: not found, a conflict, or a failure.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Something that is no one's input failed (randomness, hashing, a
    /// template).
    #[error("{0}")]
    Internal(String),
}

/// The one wording of [`AppError::NoSelfAssessment`], in every interface.
pub const NO_SELF_ASSESSMENT: &str =
    "no self-assessment yet: assess yourself first (`leap assess`, or Assess in the web app), so leap knows where you stand";

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// For a page or report that shows something else before the first
/// self-assessment (a prompt to assess): `None` then, other errors kept.
pub fn if_assessed<T>(result: Result<T>) -> Result<Option<T>> {
    match result {
        Ok(t) => Ok(Some(t)),
        Err(AppError::NoSelfAssessment) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `bytes` random bytes from the operating system's generator, as hex.
pub fn random_token(bytes: usize) -> Result<String> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

//! How failures map to exit codes: 2 for usage and validation (the user can
//! fix the command), 1 for runtime failures.

use leap_app::AppError;
use leap_core::error::FileError;
use leap_core::InvalidValue;
use leap_store::StoreError;

/// A command that cannot run as given; the message says what to do instead.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

pub fn exit_code(error: &anyhow::Error) -> u8 {
    for cause in error.chain() {
        if cause.is::<UsageError>() || cause.is::<InvalidValue>() || cause.is::<FileError>() {
            return 2;
        }
        if let Some(StoreError::NotFound { .. } | StoreError::Conflict(_)) = cause.downcast_ref() {
            return 2;
        }
        if let Some(
            AppError::NoSelfAssessment
            | AppError::Invalid(_)
            | AppError::File(_)
            | AppError::Store(StoreError::NotFound { .. } | StoreError::Conflict(_)),
        ) = cause.downcast_ref()
        {
            return 2;
        }
    }
    1
}

/// The database's own fault behind a failure, said for a person: what
/// happened and what to do.
pub fn fault_message(error: &anyhow::Error) -> Option<&'static str> {
    let fault = error
        .chain()
        .find_map(|cause| match cause.downcast_ref::<StoreError>() {
            Some(e) => e.fault(),
            None => match cause.downcast_ref::<AppError>() {
                Some(AppError::Store(e)) => e.fault(),
                _ => None,
            },
        })?;
    Some(match fault {
        leap_store::Fault::DiskFull => {
            "the disk holding the database is full, so nothing was saved: free some space and run the command again"
        }
        leap_store::Fault::Busy => {
            "the database is busy (another program holds it, such as a restore or a long import), so nothing was done: run the command again in a moment"
        }
        leap_store::Fault::Unavailable => {
            "the database cannot be reached, so nothing was done: check that its server is running, then run the command again"
        }
    })
}

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

//! Passwords: the policy (OWASP ASVS: 8 to 128 characters, no composition
//! rules, common passwords refused) and argon2id hashing off the async
//! runtime. The argon2 crate's defaults are argon2id, m = 19456 KiB, t = 2,
//! p = 1: the OWASP minimum.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use leap_core::InvalidValue;

use crate::{AppError, Result};

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 128;

/// Passwords seen most often in breaches, as listed in public research;
/// compared case-insensitively.
const COMMON: &str = include_str!("common-passwords.txt");

pub fn check_policy(password: &str) -> Result<(), InvalidValue> {
    let n = password.chars().count();
    if !(MIN_CHARS..=MAX_CHARS).contains(&n) {
        return Err(InvalidValue::new(
            "password",
            format!("({n} characters)"),
            format!("{MIN_CHARS} to {MAX_CHARS} characters; a long passphrase is best"),
        ));
    }
    let lower = password.to_lowercase();
    if COMMON.lines().any(|c| c.trim() == lower) {
        return Err(InvalidValue::new(
            "password",
            "(hidden)",
            "not one of the most common passwords: choose another",
        ));
    }
    Ok(())
}

/// At most this many hashes at once. A hash takes 19 MiB: with one per
/// request, a burst of sign-ins took that much for each at once; bounded,
/// a burst waits its turn (a hash takes tens of milliseconds).
pub const HASHING_AT_ONCE: usize = 2;

static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_AT_ONCE);

/// Runs `work` on a blocking thread once a hashing turn is free; `None` if
/// it could not run.
async fn on_hasher<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let _turn = HASHING.acquire().await.ok()?;
    tokio::task::spawn_blocking(work).await.ok()
}

pub async fn hash(password: String) -> Result<String> {
    on_hasher(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("hashing failed: {e}")))
    })
    .await
    .ok_or_else(|| AppError::Internal("password hashing could not run".into()))?
}

/// A hash verified when the account does not exist, so that a missing
/// account takes as long as a wrong password.
static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();

fn dummy() -> String {
    DUMMY
        .get_or_init(|| {
            Argon2::default()
                .hash_password(b"no account has this password")
                .map(|h| h.to_string())
                .unwrap_or_default()
        })
        .clone()
}

pub async fn verify(password: String, hash: Option<String>) -> bool {
    on_hasher(move || {
        let real = hash.is_some();
        let stored = hash.unwrap_or_else(dummy);
        match PasswordHash::new(&stored) {
            Ok(h) => {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
                    && real
            }
            Err(_) => false,
        }
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert!(check_policy("correct horse battery staple").is_ok());
        assert!(check_policy("short")
            .unwrap_err()
            .to_string()
            .contains("8 to 128 characters"));
        assert!(check_policy(&"x".repeat(129)).is_err());
        assert!(check_policy("Password1")
            .unwrap_err()
            .to_string()
            .contains("most common"));
        // No composition rules: a long lowercase phrase is fine.
        assert!(check_policy("plain lowercase words").is_ok());
    }

    #[tokio::test]
    async fn hash_and_verify() {
        let h = hash("a long passphrase".into()).await.expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("a long passphrase".into(), Some(h.clone())).await);
        assert!(!verify("a wrong passphrase".into(), Some(h)).await);
        assert!(!verify("anything".into(), None).await);
    }

    /// Many at once all get their answer, a few at a time.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_burst_waits_its_turn_and_every_one_is_answered() {
        let h = hash("a long passphrase".into()).await.expect("hash");
        let checks: Vec<_> = (0..6)
            .map(|i| {
                let h = h.clone();
                tokio::spawn(async move {
                    let tried = if i % 2 == 0 {
                        "a long passphrase"
                    } else {
                        "not the passphrase"
                    };
                    (i, verify(tried.into(), Some(h)).await)
                })
            })
            .collect();
        for c in checks {
            let (i, ok) = c.await.expect("answered");
            assert_eq!(ok, i % 2 == 0, "check {i}");
        }
    }
}

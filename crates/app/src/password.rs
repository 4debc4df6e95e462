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

pub async fn hash(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("hashing failed: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(format!("hashing task failed: {e}")))?
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
    tokio::task::spawn_blocking(move || {
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
}

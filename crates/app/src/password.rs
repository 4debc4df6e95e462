//! Passwords: the policy (OWASP ASVS: 8 to 128 characters, no composition
//! rules, common passwords refused) and argon2id hashing off the async
//! runtime. The argon2 crate's defaults are argon2id, m = 19456 KiB, t = 2,
//! p = 1: the OWASP minimum.

use argon2::password_hash::phc::{Output, ParamsString, Salt};
use argon2::{
    password_hash, Algorithm, Argon2, Block, CustomizedPasswordHasher, Params, PasswordHash,
    PasswordHasher, PasswordVerifier, Version,
};
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

/// Blocks of working memory asked for at least, whatever a hash needs:
/// 33 MiB, above the 32 MiB up to which glibc's malloc learns to serve
/// blocks of a size it has freed from its own heap. Asked for once, the
/// 19 MiB a hash uses came from a heap of one of its per-thread arenas and
/// stayed there after the hash (up to 185 MB in a server after a few
/// sign-ins); asked for above that size, it is mapped for the hash and
/// handed back to the system when the hash is done. Pages never written
/// take no memory, so the rest of the reservation costs nothing.
const RESERVED_BLOCKS: usize = 33 * 1024;

fn working_memory(blocks: usize) -> Vec<Block> {
    let mut memory = Vec::with_capacity(blocks.max(RESERVED_BLOCKS));
    memory.resize(blocks, Block::default());
    memory
}

/// argon2id as the argon2 crate computes it, over [`working_memory`]
/// instead of the crate's own allocation; verifying comes with it (the
/// password-hash crate verifies by hashing again with the stored
/// parameters, comparing in constant time).
struct Hasher;

impl CustomizedPasswordHasher<PasswordHash> for Hasher {
    type Params = Params;

    fn hash_password_customized(
        &self,
        password: &[u8],
        salt: &[u8],
        algorithm: Option<&str>,
        version: Option<u32>,
        params: Params,
    ) -> password_hash::Result<PasswordHash> {
        let algorithm = algorithm
            .map(Algorithm::try_from)
            .transpose()?
            .unwrap_or_default();
        let version = version
            .map(Version::try_from)
            .transpose()?
            .unwrap_or_default();
        let salt = Salt::new(salt)?;
        let mut buffer = [0u8; Output::MAX_LENGTH];
        let out = buffer
            .get_mut(..params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN))
            .ok_or(password_hash::Error::OutputSize)?;
        Argon2::new(algorithm, version, params.clone()).hash_password_into_with_memory(
            password,
            &salt,
            out,
            working_memory(params.block_count()),
        )?;
        Ok(PasswordHash {
            algorithm: algorithm.ident(),
            version: Some(version.into()),
            params: ParamsString::try_from(&params)?,
            salt: Some(salt),
            hash: Some(Output::new(out)?),
        })
    }
}

impl PasswordHasher<PasswordHash> for Hasher {
    fn hash_password_with_salt(
        &self,
        password: &[u8],
        salt: &[u8],
    ) -> password_hash::Result<PasswordHash> {
        self.hash_password_customized(password, salt, None, None, Params::default())
    }
}

pub async fn hash(password: String) -> Result<String> {
    on_hasher(move || {
        Hasher
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
            Hasher
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
            Ok(h) => Hasher.verify_password(password.as_bytes(), &h).is_ok() && real,
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

    /// A hash made here verifies with the argon2 crate's own, and the
    /// other way round: the stored hashes of existing accounts still work.
    #[test]
    fn the_same_hashes_as_the_argon2_crate_makes() {
        let ours = Hasher.hash_password(b"a long passphrase").expect("hash");
        let theirs = Argon2::default()
            .hash_password(b"a long passphrase")
            .expect("hash");
        assert!(Argon2::default()
            .verify_password(b"a long passphrase", &ours)
            .is_ok());
        assert!(Hasher
            .verify_password(b"a long passphrase", &theirs)
            .is_ok());
        assert!(Hasher
            .verify_password(b"a wrong passphrase", &theirs)
            .is_err());
        let salt = [7u8; 16];
        assert_eq!(
            Hasher
                .hash_password_with_salt(b"pw pw pw pw", &salt)
                .expect("hash")
                .to_string(),
            Argon2::default()
                .hash_password_with_salt(b"pw pw pw pw", &salt)
                .expect("hash")
                .to_string()
        );
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

//! Accounts: usernames and personal API tokens (passwords are in
//! [`crate::password`]).

use chrono::{DateTime, Utc};
use leap_core::InvalidValue;
use leap_store::{AccountId, Backend};
use sha2::{Digest, Sha256};

use crate::Result;

/// Usernames: 1 to 64 letters, digits, '.', '-', '_', '@' or '+', so
/// that an e-mail address is a username (an organisation's people are
/// known by e-mail; their account is the one named by it).
pub fn check_username(name: &str) -> Result<(), InvalidValue> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@' | '+'));
    if ok {
        Ok(())
    } else {
        Err(InvalidValue::new(
            "username",
            name,
            "1 to 64 letters, digits, '.', '-', '_', '@' or '+' (an e-mail address will do)",
        ))
    }
}

/// The SHA-256 of a token (an API token, a rater's link), as stored.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates a personal API token for an account and returns it; only its
/// hash is stored.
pub async fn new_api_token(
    store: &dyn Backend,
    account: AccountId,
    name: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    // 256 bits from the operating system's generator.
    let token = format!("leap_{}", crate::random_token(32)?);
    store
        .create_token(account, name, &token_hash(&token), now)
        .await?;
    Ok(token)
}

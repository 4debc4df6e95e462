//! Sign-in beyond passwords: the identities an OpenID provider vouches for,
//! the browsers that have signed in before (which failed sign-ins from
//! elsewhere do not hold back), and how the organisation lets people in.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::{Account, AccountId, Result};

/// Who a provider says an account is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The provider's issuer URL.
    pub issuer: String,
    /// The provider's stable id for the person.
    pub subject: String,
    pub email: String,
}

/// How people may sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInSettings {
    /// Usernames and passwords work (else only single sign-on).
    pub local_passwords: bool,
    /// Someone the provider vouches for, with a verified e-mail address
    /// no account has, gets an account on first sign-in.
    pub sso_registration: bool,
}

impl Default for SignInSettings {
    fn default() -> Self {
        Self {
            local_passwords: true,
            sso_registration: false,
        }
    }
}

#[async_trait]
pub trait SignInStore: Send + Sync {
    /// The account an identity is linked to.
    async fn account_by_identity(&self, issuer: &str, subject: &str) -> Result<Option<Account>>;
    /// Links an identity to an account (an identity belongs to one account).
    async fn link_identity(
        &self,
        account: AccountId,
        identity: &Identity,
        at: DateTime<Utc>,
    ) -> Result<()>;
    /// The identities linked to an account.
    async fn identities(&self, account: AccountId) -> Result<Vec<Identity>>;

    /// Remembers a browser that signed in to the account (by its cookie's
    /// hash).
    async fn add_login_device(
        &self,
        account: AccountId,
        token_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<()>;
    /// Whether the browser with this cookie has signed in to the account.
    async fn is_login_device(&self, username: &str, token_hash: &str) -> Result<bool>;
    /// Forgets every browser of the account (after a password reset).
    async fn forget_login_devices(&self, account: AccountId) -> Result<()>;

    async fn sign_in_settings(&self) -> Result<SignInSettings>;
    async fn set_sign_in_settings(&self, settings: SignInSettings) -> Result<()>;
}

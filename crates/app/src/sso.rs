//! Single sign-on with an OpenID Connect provider: the authorization code
//! flow with PKCE, state and nonce, the provider found by discovery from its
//! issuer URL, and the ID token checked (issuer, audience, expiry,
//! signature, nonce) before anyone is signed in. Then the account: the one
//! the identity is linked to, else the one named by the verified e-mail
//! address (linked now), else a new one when the organisation allows it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use leap_store::{Account, Backend, Identity};
use openidconnect::core::{CoreClient, CoreProviderMetadata, CoreResponseType};
use openidconnect::{
    AuthenticationFlow, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret,
    CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};
use serde::{Deserialize, Serialize};

use crate::accounts::Actor;

/// How long the provider's discovery document and keys are kept before
/// they are read again (keys rotate).
const METADATA_KEPT: Duration = Duration::from_secs(10 * 60);

/// A sign-in started longer ago than this is not finished.
const PENDING_MINUTES: i64 = 15;

/// The provider leap is registered with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoConfig {
    /// The issuer URL, whose `/.well-known/openid-configuration` describes
    /// the provider.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// The provider's name on the sign-in button ("Sign in with ...").
    pub name: String,
    /// Take every e-mail address the provider gives as verified: for a
    /// provider whose addresses are all the organisation's own and that
    /// sends no `email_verified` claim (Microsoft Entra ID).
    pub trust_email: bool,
}

/// Why a single sign-on did not sign anyone in, in words for the person at
/// the browser.
#[derive(Debug, thiserror::Error)]
pub enum SsoError {
    #[error("the sign-in with {0} could not be checked: this browser did not start it, or it was started more than {PENDING_MINUTES} minutes ago (the state does not match). Start again from the sign-in page")]
    State(String),
    #[error("{provider} did not sign you in: {why}")]
    Provider { provider: String, why: String },
    #[error("{0} cannot be reached: {1}. Try again in a moment, or sign in another way")]
    Unreachable(String, String),
    #[error("{provider}'s answer was refused: the ID token's {what}. Nobody was signed in; start again from the sign-in page")]
    IdToken { provider: String, what: String },
    #[error("{0} gave no e-mail address for you, so leap cannot tell which account is yours: ask your administrator to let leap read your e-mail address (the `email` scope)")]
    NoEmail(String),
    #[error("{provider} has not verified the e-mail address {email}, so leap cannot link it to an account: verify it with {provider} first")]
    Unverified { provider: String, email: String },
    #[error("there is no leap account for {0}: ask one of your leap administrators to add it (Accounts, in the administrator's menu)")]
    NoAccount(String),
    #[error("the leap account {0} is disabled: ask one of your leap administrators")]
    Disabled(String),
    #[error(transparent)]
    App(#[from] crate::AppError),
}

impl From<leap_store::StoreError> for SsoError {
    fn from(e: leap_store::StoreError) -> Self {
        Self::App(e.into())
    }
}

/// What the browser's session keeps between sending the person to the
/// provider and their coming back: never anything the provider sees but
/// the state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    state: String,
    nonce: String,
    verifier: String,
    /// Unix seconds.
    started: i64,
}

/// Who the provider says signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub identity: Identity,
    pub email_verified: bool,
}

/// The provider, its discovery document read on first use and kept for a
/// while (a server starts even when the provider is down).
pub struct Sso {
    pub config: SsoConfig,
    http: Client,
    metadata: tokio::sync::Mutex<Option<(Arc<CoreProviderMetadata>, Instant)>>,
}

impl std::fmt::Debug for Sso {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sso")
            .field("issuer", &self.config.issuer)
            .field("client_id", &self.config.client_id)
            .finish_non_exhaustive()
    }
}

impl Sso {
    /// Checks the configuration (the issuer must be a URL).
    pub fn new(config: SsoConfig) -> crate::Result<Self> {
        IssuerUrl::new(config.issuer.clone()).map_err(|e| {
            leap_core::InvalidValue::new("oidc-issuer", &config.issuer, format!("a URL ({e})"))
        })?;
        if config.client_id.trim().is_empty() {
            return Err(leap_core::InvalidValue::new(
                "oidc-client-id",
                &config.client_id,
                "the client id the provider gave leap",
            )
            .into());
        }
        let http = client()?;
        Ok(Self {
            config,
            http,
            metadata: tokio::sync::Mutex::new(None),
        })
    }

    async fn metadata(&self) -> Result<Arc<CoreProviderMetadata>, SsoError> {
        let mut kept = self.metadata.lock().await;
        if let Some((m, at)) = kept.as_ref() {
            if at.elapsed() < METADATA_KEPT {
                return Ok(m.clone());
            }
        }
        let issuer = IssuerUrl::new(self.config.issuer.clone())
            .map_err(|e| self.unreachable(e.to_string()))?;
        let m = Arc::new(
            CoreProviderMetadata::discover_async(issuer, &Http(&self.http))
                .await
                .map_err(|e| self.unreachable(format!("reading its discovery document: {e}")))?,
        );
        *kept = Some((m.clone(), Instant::now()));
        Ok(m)
    }

    fn unreachable(&self, why: String) -> SsoError {
        SsoError::Unreachable(self.config.name.clone(), why)
    }

    fn client(
        &self,
        metadata: &CoreProviderMetadata,
        redirect: &str,
    ) -> Result<
        openidconnect::core::CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        SsoError,
    > {
        let redirect = RedirectUrl::new(redirect.to_owned())
            .map_err(|e| crate::AppError::Internal(format!("redirect URL {redirect}: {e}")))?;
        Ok(CoreClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(self.config.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }

    /// Where to send the browser, and what its session keeps until it
    /// comes back to `redirect`.
    pub async fn begin(
        &self,
        redirect: &str,
        now: DateTime<Utc>,
    ) -> Result<(String, Pending), SsoError> {
        let metadata = self.metadata().await?;
        let client = self.client(&metadata, redirect)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".to_owned()))
            .add_scope(Scope::new("profile".to_owned()))
            .set_pkce_challenge(challenge)
            .url();
        Ok((
            url.to_string(),
            Pending {
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                verifier: verifier.secret().clone(),
                started: now.timestamp(),
            },
        ))
    }

    /// Finishes a sign-in: the state must be the one this browser was
    /// given, the code is exchanged (with the PKCE verifier) and the ID
    /// token checked at `now`.
    pub async fn finish(
        &self,
        pending: Option<Pending>,
        returned_state: &str,
        code: &str,
        redirect: &str,
        now: DateTime<Utc>,
    ) -> Result<Verified, SsoError> {
        let provider = self.config.name.clone();
        let pending = pending
            .filter(|p| {
                // Compared in constant time: the state is a secret.
                constant_time_eq(p.state.as_bytes(), returned_state.as_bytes())
                    && now.timestamp() - p.started <= PENDING_MINUTES * 60
            })
            .ok_or_else(|| SsoError::State(provider.clone()))?;
        let metadata = self.metadata().await?;
        let client = self.client(&metadata, redirect)?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| SsoError::Provider {
                provider: provider.clone(),
                why: format!("it has no token endpoint ({e})"),
            })?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier))
            .request_async(&Http(&self.http))
            .await
            .map_err(|e| SsoError::Provider {
                provider: provider.clone(),
                why: format!("it refused the sign-in code ({})", token_error(&e)),
            })?;
        let id_token = tokens.id_token().ok_or_else(|| SsoError::IdToken {
            provider: provider.clone(),
            what: "absence (the provider sent none)".to_owned(),
        })?;
        let verifier = client.id_token_verifier().set_time_fn(move || now);
        let claims = id_token
            .claims(&verifier, &Nonce::new(pending.nonce))
            .map_err(|e| SsoError::IdToken {
                provider: provider.clone(),
                what: claims_error(&e),
            })?;
        let email = claims
            .email()
            .map(|e| e.as_str().trim().to_owned())
            .filter(|e| !e.is_empty())
            .ok_or_else(|| SsoError::NoEmail(provider.clone()))?;
        Ok(Verified {
            identity: Identity {
                issuer: claims.issuer().as_str().to_owned(),
                subject: claims.subject().as_str().to_owned(),
                email,
            },
            email_verified: self.config.trust_email || claims.email_verified().unwrap_or(false),
        })
    }
}

/// What was wrong with an ID token, in a few words.
fn claims_error(e: &ClaimsVerificationError) -> String {
    match e {
        ClaimsVerificationError::Expired(_) => "expiry: it has expired".to_owned(),
        ClaimsVerificationError::InvalidAudience(_) => {
            "audience: it was issued to another application".to_owned()
        }
        ClaimsVerificationError::InvalidIssuer(_) => {
            "issuer: it comes from another provider".to_owned()
        }
        ClaimsVerificationError::InvalidNonce(_) => {
            "nonce: it belongs to another sign-in".to_owned()
        }
        ClaimsVerificationError::SignatureVerification(_) => {
            "signature: it is not signed by the provider's keys".to_owned()
        }
        other => format!("claims: {other}"),
    }
}

fn token_error<RE: std::error::Error + 'static, T: openidconnect::ErrorResponse + 'static>(
    e: &openidconnect::RequestTokenError<RE, T>,
) -> String {
    match e {
        openidconnect::RequestTokenError::ServerResponse(r) => r.to_string(),
        other => other.to_string(),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The HTTP client the protocol needs: hyper over rustls, no redirects
/// followed (a redirect would be a way to make leap fetch other
/// addresses), ten seconds at most a request.
type Connector = hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>;
type Client = hyper_util::client::legacy::Client<Connector, http_body_util::Full<bytes::Bytes>>;

fn client() -> crate::Result<Client> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    // The system's too: an organisation's own certificate authority.
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| crate::AppError::Internal(format!("TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .build();
    Ok(
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build(https),
    )
}

struct Http<'a>(&'a Client);

impl<'c> openidconnect::AsyncHttpClient<'c> for Http<'_> {
    type Error = HttpError;
    type Future = std::pin::Pin<
        Box<
            dyn std::future::Future<Output = Result<openidconnect::HttpResponse, HttpError>>
                + Send
                + 'c,
        >,
    >;

    fn call(&'c self, request: openidconnect::HttpRequest) -> Self::Future {
        Box::pin(call(self.0, request))
    }
}

async fn call(
    client: &Client,
    request: openidconnect::HttpRequest,
) -> Result<openidconnect::HttpResponse, HttpError> {
    use http_body_util::BodyExt;
    let request = request.map(|b| http_body_util::Full::new(bytes::Bytes::from(b)));
    let response = tokio::time::timeout(Duration::from_secs(10), async {
        let response = client
            .request(request)
            .await
            .map_err(|e| HttpError(e.to_string()))?;
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|e| HttpError(e.to_string()))?
            .to_bytes();
        Ok::<_, HttpError>(openidconnect::HttpResponse::from_parts(
            parts,
            body.to_vec(),
        ))
    })
    .await
    .map_err(|_| HttpError("no answer within 10 seconds".to_owned()))??;
    Ok(response)
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpError(String);

/// Who signs people in by single sign-on, in the audit log.
const SSO_ACTOR: Actor<'static> = Actor("single sign-on");

/// The account a verified identity signs in to: the one linked to it; else
/// the one named by its verified e-mail address, linked now; else, when
/// the organisation allows it, a new one named by the address.
pub async fn account_for(
    store: &dyn Backend,
    sso: &SsoConfig,
    verified: &Verified,
    now: DateTime<Utc>,
) -> Result<Account, SsoError> {
    let id = &verified.identity;
    let usable = |a: Account| {
        if a.disabled {
            Err(SsoError::Disabled(a.username))
        } else {
            Ok(a)
        }
    };
    if let Some(a) = store.account_by_identity(&id.issuer, &id.subject).await? {
        return usable(a);
    }
    if !verified.email_verified {
        return Err(SsoError::Unverified {
            provider: sso.name.clone(),
            email: id.email.clone(),
        });
    }
    let email = id.email.to_lowercase();
    let existing = match store.account_by_username(&id.email).await? {
        Some(a) => Some(a),
        None => store.account_by_username(&email).await?,
    };
    let account = match existing {
        Some(a) => usable(a)?,
        None => {
            if !store.sign_in_settings().await?.sso_registration {
                return Err(SsoError::NoAccount(id.email.clone()));
            }
            crate::accounts::check_username(&email).map_err(crate::AppError::from)?;
            let a = store
                .create_account(leap_store::NewAccount {
                    username: &email,
                    password_hash: "",
                    is_admin: false,
                    at: now,
                })
                .await?;
            crate::accounts::audit(
                store,
                SSO_ACTOR,
                "account.add",
                &email,
                format!("registered on first sign-in with {}", sso.name),
                now,
            )
            .await?;
            a
        }
    };
    store.link_identity(account.id, id, now).await?;
    crate::accounts::audit(
        store,
        SSO_ACTOR,
        "account.link-sso",
        &account.username,
        format!("{} subject {}", id.issuer, id.subject),
        now,
    )
    .await?;
    Ok(account)
}

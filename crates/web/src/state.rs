//! What every handler shares: the store, the clock and the configuration.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use leap_app::{Clock, SystemClock};
use leap_core::Framework;
use leap_store::{Backend, Profile};

/// How the server is set up; `leap serve` fills it from its options.
#[derive(Debug, Clone)]
pub struct Config {
    /// Cookies get `Secure` (and HSTS is sent): set when served over HTTPS.
    pub secure_cookies: bool,
    /// Take the client address from the last `X-Forwarded-For` hop: only
    /// behind a reverse proxy that sets it.
    pub trusted_proxy: bool,
    /// Sign out after this long without a request.
    pub idle_timeout: Duration,
    /// Sign out this long after logging in, whatever happens.
    pub absolute_timeout: Duration,
    /// Largest request body accepted.
    pub body_limit: usize,
    /// Longest a request may take.
    pub request_timeout: Duration,
    /// HTTP connections open at once; further clients wait to be accepted.
    pub max_connections: usize,
    /// An HTTP connection that sends no request for this long is closed.
    pub keep_alive: Duration,
    /// Take this date as today (tests and demos).
    pub today: Option<NaiveDate>,
    /// Where raters and calendar applications reach leap: links are made
    /// under it.
    pub public_url: String,
    /// The token a Prometheus scraper sends for `/metrics`; without one,
    /// there is no `/metrics`.
    pub metrics_token: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            trusted_proxy: false,
            idle_timeout: Duration::from_secs(2 * 60 * 60),
            absolute_timeout: Duration::from_secs(12 * 60 * 60),
            body_limit: 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            max_connections: MAX_CONNECTIONS as usize,
            keep_alive: Duration::from_secs(KEEP_ALIVE_SECONDS as u64),
            today: None,
            public_url: "http://127.0.0.1:7878".to_owned(),
            metrics_token: None,
        }
    }
}

/// Connections open at once by default: twice the requests served at once
/// ([`crate::SERVED_AT_ONCE`]), so a request is always waiting its turn,
/// and few enough that a server pushed past what it can serve stays within
/// 64 MB (60 MB measured; 64 with 256 connections, 86 with 1,024:
/// BENCHMARKS.md). Browsers keeping connections open
/// between pages do not make others wait: at the bound, connections idle
/// for half a second give way (`connections.rs`).
pub const MAX_CONNECTIONS: u32 = 128;

/// How long an idle connection is kept by default: long enough for a
/// person's next click, short enough to give its place to someone else.
pub const KEEP_ALIVE_SECONDS: u32 = 20;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Backend>,
    pub config: Arc<Config>,
    /// Parsed frameworks by content hash: a framework never changes under
    /// its hash, so parsing once is enough.
    pub frameworks: leap_app::Frameworks,
    /// What the dashboard derived for a person, for the most recently
    /// active people: its rendered content, packed.
    pub dashboards: Arc<PersonCache<i64, Packed>>,
    /// `GET /api/v1/gap`'s answer (its JSON) for a person and a target role
    /// (person id, role id), for the most recently active people.
    pub gaps: Arc<PersonCache<(i64, String), Packed>>,
    /// Sends feedback invitations, when SMTP is set up.
    pub mailer: Option<Arc<leap_app::mail::Mailer>>,
    /// Signs people in with the organisation's OpenID provider, when one
    /// is set up.
    pub sso: Option<Arc<leap_app::sso::Sso>>,
    /// The time: the system's, or one a test sets and moves.
    pub clock: Arc<dyn Clock>,
    /// Requests, latency and connections, for `/metrics`.
    pub metrics: Arc<crate::metrics::Metrics>,
}

/// Dashboards kept: each is its rendered content, about 20 kilobytes (two
/// SVG charts) and 7 packed, so 1,024 of them take about 7 MB.
const DASHBOARDS_CACHED: NonZeroUsize = NonZeroUsize::MIN.saturating_add(1023);
/// Gap answers kept: about 3 kilobytes of JSON each, 1.4 packed.
const GAPS_CACHED: NonZeroUsize = NonZeroUsize::MIN.saturating_add(2047);

/// Text kept compressed (LZ4): a rendered dashboard or a JSON answer is
/// markup and repeated names, which packs to a third or less, and unpacks
/// in microseconds. Kept this way, a thousand people's dashboards and gaps
/// take about 8 MB instead of 37 (BENCHMARKS.md).
pub struct Packed(Box<[u8]>);

impl Packed {
    pub fn pack(text: &[u8]) -> Self {
        Self(lz4_flex::block::compress_prepend_size(text).into_boxed_slice())
    }

    /// The text as it was packed.
    pub fn unpack(&self) -> Result<Vec<u8>, crate::error::WebError> {
        lz4_flex::block::decompress_size_prepended(&self.0).map_err(|e| {
            crate::error::WebError::internal(format!("a kept page did not unpack: {e}"))
        })
    }
}

/// What was derived from a person's data, kept for the most recently
/// active people and used again while the person's revision, the day and
/// the framework are the same: the revision changes with every write to
/// the person's data on any server, so a kept copy is never stale.
pub struct PersonCache<K: std::hash::Hash + Eq, V> {
    kept: Mutex<lru::LruCache<K, Kept<V>>>,
}

struct Kept<V> {
    revision: i64,
    today: NaiveDate,
    framework_hash: String,
    value: Arc<V>,
}

impl<K: std::hash::Hash + Eq, V> PersonCache<K, V> {
    pub fn new(size: NonZeroUsize) -> Self {
        Self {
            kept: Mutex::new(lru::LruCache::new(size)),
        }
    }

    /// What was kept under `key` for this revision of `profile` today.
    pub fn get(&self, key: &K, profile: &Profile, today: NaiveDate) -> Option<Arc<V>> {
        let mut kept = self.kept.lock().ok()?;
        kept.get(key)
            .filter(|k| {
                k.revision == profile.revision
                    && k.today == today
                    && k.framework_hash == profile.framework_hash
            })
            .map(|k| k.value.clone())
    }

    pub fn put(&self, key: K, profile: &Profile, today: NaiveDate, value: Arc<V>) {
        if let Ok(mut kept) = self.kept.lock() {
            kept.put(
                key,
                Kept {
                    revision: profile.revision,
                    today,
                    framework_hash: profile.framework_hash.clone(),
                    value,
                },
            );
        }
    }
}

impl AppState {
    pub fn new(store: Arc<dyn Backend>, config: Config) -> Self {
        Self {
            store,
            config: Arc::new(config),
            frameworks: leap_app::Frameworks::default(),
            dashboards: Arc::new(PersonCache::new(DASHBOARDS_CACHED)),
            gaps: Arc::new(PersonCache::new(GAPS_CACHED)),
            mailer: None,
            sso: None,
            clock: Arc::new(SystemClock),
            metrics: Arc::default(),
        }
    }

    /// The same state on another clock (tests move it instead of waiting).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Makes a feedback request with this server's links and mailer.
    pub async fn request_feedback(
        &self,
        profile: &leap_store::Profile,
        new: &leap_core::feedback::NewRequest,
    ) -> leap_app::Result<leap_app::feedback::Created> {
        leap_app::feedback::create_request(
            &*self.store,
            profile,
            new,
            self.today(),
            &self.config.public_url,
            self.mailer.as_deref(),
        )
        .await
    }

    pub fn with_sso(mut self, sso: leap_app::sso::Sso) -> Self {
        self.sso = Some(Arc::new(sso));
        self
    }

    pub fn with_mailer(mut self, mailer: leap_app::mail::Mailer) -> Self {
        self.mailer = Some(Arc::new(mailer));
        self
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn today(&self) -> NaiveDate {
        self.config.today.unwrap_or_else(|| self.clock.today())
    }

    pub async fn framework(&self, hash: &str) -> Result<Arc<Framework>, crate::error::WebError> {
        Ok(self.frameworks.get(&*self.store, hash).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::Packed;

    #[test]
    fn packed_text_unpacks_as_it_was_and_smaller() {
        let page = "<li class=\"gap\">Budgeting and funding: 2 of 4</li>\n".repeat(200);
        let packed = Packed::pack(page.as_bytes());
        assert!(
            packed.0.len() * 5 < page.len(),
            "{} of {}",
            packed.0.len(),
            page.len()
        );
        assert_eq!(packed.unpack().ok().as_deref(), Some(page.as_bytes()));
        assert_eq!(Packed::pack(b"").unpack().ok(), Some(Vec::new()));
    }
}

//! The web application over HTTP: a server on port 0 with a fresh
//! database (SQLite, or PostgreSQL with LEAP_TEST_BACKEND=postgres), and clients that keep cookies like a browser.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod admin;
mod api;
mod browser;
mod career;
mod connections;
mod faults;
mod feedback;
mod isolation;
mod metrics;
mod openapi;
mod org;
mod pages;
mod reports;
mod sso;
mod succession;

use std::sync::Arc;

use leap_store::{testing, Backend, SqlStore};
use leap_web::{AppState, Config};
use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};
use tempfile::TempDir;

pub const TODAY: &str = "2026-11-24";
pub const PASSWORD: &str = "correct horse battery staple";

pub struct App {
    pub url: String,
    pub store: Arc<dyn Backend>,
    /// Where the database is.
    pub location: leap_store::Location,
    _dir: TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl App {
    pub async fn start() -> Self {
        Self::start_with(Config::default()).await
    }

    pub async fn start_with(config: Config) -> Self {
        Self::start_on(config, Arc::new(leap_web::SystemClock)).await
    }

    /// A server whose clock the test moves (`FixedClock::advance`).
    pub async fn start_on(config: Config, clock: Arc<dyn leap_web::Clock>) -> Self {
        Self::start_full(config, clock, None).await
    }

    /// A server that signs people in with the OpenID provider at `issuer`
    /// (the test command's, `LEAP_TEST_OIDC`) as the application "leap";
    /// with `trust_email`, the provider's addresses count as verified.
    pub async fn start_with_sso(config: Config, issuer: &str, trust_email: bool) -> Self {
        let sso = leap_app::sso::Sso::new(leap_app::sso::SsoConfig {
            issuer: issuer.to_owned(),
            client_id: "leap".to_owned(),
            client_secret: "leap-test-secret".to_owned(),
            name: "Test ID".to_owned(),
            trust_email,
        })
        .expect("sso");
        Self::start_full(config, Arc::new(leap_web::SystemClock), Some(sso)).await
    }

    async fn start_full(
        config: Config,
        clock: Arc<dyn leap_web::Clock>,
        sso: Option<leap_app::sso::Sso>,
    ) -> Self {
        let dir = TempDir::new().expect("temp dir");
        let location = testing::fresh(&dir.path().join("leap.db"))
            .await
            .expect("fresh database");
        Self::start_at(config, clock, sso, location, dir).await
    }

    /// A server on the database at `location` (a test that needs it
    /// somewhere in particular: a small disk, a server of its own).
    pub async fn start_on_database(location: leap_store::Location) -> Self {
        let dir = TempDir::new().expect("temp dir");
        Self::start_at(
            Config::default(),
            Arc::new(leap_web::SystemClock),
            None,
            location,
            dir,
        )
        .await
    }

    async fn start_at(
        mut config: Config,
        clock: Arc<dyn leap_web::Clock>,
        sso: Option<leap_app::sso::Sso>,
        location: leap_store::Location,
        dir: TempDir,
    ) -> Self {
        let store: Arc<dyn Backend> =
            Arc::new(SqlStore::open(location.clone()).await.expect("open"));
        config.today = Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date"));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        // Links (feedback) point at this server, as `leap serve` makes them.
        config.public_url = url.clone();
        let mut state = AppState::new(store.clone(), config).with_clock(clock);
        if let Some(sso) = sso {
            state = state.with_sso(sso);
        }
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(leap_web::serve(listener, state, async {
            let _ = stopped.await;
        }));
        Self {
            url,
            store,
            location,
            _dir: dir,
            stop: Some(stop),
        }
    }

    /// Tells the server to shut down, as `leap serve` does on a signal.
    pub fn shut_down(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    pub fn browser(&self) -> Browser {
        let cookies = Arc::new(reqwest::cookie::Jar::default());
        Browser {
            client: Client::builder()
                .cookie_provider(cookies.clone())
                .redirect(Policy::none())
                .build()
                .expect("client"),
            url: self.url.clone(),
            cookies,
        }
    }

    /// A browser signed in to a new account that has no profile (a mentor,
    /// or someone who has not started).
    pub async fn account(&self, username: &str) -> Browser {
        let b = self.browser();
        self.sign_in_new(&b, username).await;
        b
    }

    async fn sign_in_new(&self, b: &Browser, username: &str) {
        let hash = leap_app::password::hash(PASSWORD.to_owned())
            .await
            .expect("hash");
        self.store
            .create_account(leap_store::NewAccount {
                username,
                password_hash: &hash,
                is_admin: false,
                at: chrono::Utc::now(),
            })
            .await
            .expect("account");
        b.login(username, PASSWORD).await;
    }

    /// A browser signed in to a new account with a profile (senior admin
    /// aiming at IT manager). The first account created is the admin.
    /// The first visitor, signed up with the demo's data through /setup.
    pub async fn demo_visitor(&self) -> Browser {
        let b = self.browser();
        let page = b.get("/setup").await;
        let r = b
            .post(
                "/setup",
                &page,
                &[
                    ("username", "visitor"),
                    ("password", PASSWORD),
                    ("confirm", PASSWORD),
                    ("demo", "yes"),
                ],
            )
            .await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/"));
        b
    }

    pub async fn person(&self, username: &str) -> Browser {
        let b = self.browser();
        if self.store.account_count().await.expect("count") == 0 {
            let page = b.get("/setup").await;
            let r = b
                .post(
                    "/setup",
                    &page,
                    &[
                        ("username", username),
                        ("password", PASSWORD),
                        ("confirm", PASSWORD),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        } else {
            self.sign_in_new(&b, username).await;
        }
        let page = b.get("/welcome").await;
        let r = b
            .post(
                "/welcome",
                &page,
                &[
                    ("name", username),
                    ("current", "senior-admin"),
                    ("target", "it-manager"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        b
    }
}

#[derive(Clone)]
pub struct Browser {
    pub client: Client,
    pub url: String,
    cookies: Arc<reqwest::cookie::Jar>,
}

pub struct Page {
    pub status: StatusCode,
    pub body: String,
    pub headers: reqwest::header::HeaderMap,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The CSRF token of the page's forms.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        self.body
            .find(marker)
            .map(|i| &self.body[i + marker.len()..])
            .and_then(|rest| rest.split('"').next())
            .unwrap_or("")
            .to_owned()
    }
}

impl Browser {
    /// The same session on a client that opens a connection per request.
    /// A kept-alive connection the server closes for want of places (idle
    /// half a second) can meet a request already sent on it: a browser
    /// sends that request again, reqwest reports an error instead.
    pub fn without_keep_alive(&self) -> Browser {
        Browser {
            client: Client::builder()
                .cookie_provider(self.cookies.clone())
                .redirect(Policy::none())
                .pool_max_idle_per_host(0)
                .build()
                .expect("client"),
            url: self.url.clone(),
            cookies: self.cookies.clone(),
        }
    }

    async fn page(r: reqwest::Response) -> Page {
        let status = r.status();
        let headers = r.headers().clone();
        Page {
            status,
            headers,
            body: r.text().await.expect("body"),
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        Self::page(
            self.client
                .get(format!("{}{path}", self.url))
                .send()
                .await
                .expect("GET"),
        )
        .await
    }

    /// Posts a form with the CSRF token of `from`.
    pub async fn post(&self, path: &str, from: &Page, fields: &[(&str, &str)]) -> Page {
        let token = from.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        Self::page(
            self.client
                .post(format!("{}{path}", self.url))
                .form(fields)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    pub async fn login(&self, username: &str, password: &str) -> Page {
        let page = self.get("/login").await;
        self.post(
            "/login",
            &page,
            &[("username", username), ("password", password)],
        )
        .await
    }
}

impl Browser {
    pub async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (StatusCode, serde_json::Value) {
        let method_name = method.as_str().to_lowercase();
        let mut req = self.client.request(method, format!("{}{path}", self.url));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.expect("request");
        let status = r.status();
        let text = r.text().await.expect("body");
        let value = if text.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text))
        };
        if path.starts_with("/api/v1/") && status.is_success() {
            answers_as_documented(method_name.as_str(), path, status.as_u16(), &value);
        }
        (status, value)
    }
}

/// The OpenAPI document, as the server serves it.
pub fn openapi_doc() -> &'static serde_json::Value {
    static DOC: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    DOC.get_or_init(|| serde_json::to_value(leap_web::openapi()).expect("the document as JSON"))
}

/// Every successful API answer in every test is checked against the schema
/// the OpenAPI document gives it: a field it does not describe, a missing
/// required one or a value of another type fails the test that got it.
pub fn answers_as_documented(method: &str, path: &str, status: u16, body: &serde_json::Value) {
    let doc = openapi::Doc { doc: openapi_doc() };
    let route = doc.route(method, path);
    match doc.response_schema(method, &route, status) {
        Some(schema) => {
            let problems = doc.check(body, schema, "body");
            assert!(
                problems.is_empty(),
                "{method} {path} ({route}) {status}: the answer is not as documented:\n{}\n{body}",
                problems.join("\n")
            );
        }
        None => assert!(
            body.is_null(),
            "{method} {path} {status}: a body the document does not describe: {body}"
        ),
    }
}

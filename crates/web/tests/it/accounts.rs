use std::sync::Arc;

use reqwest::StatusCode;

use crate::{App, PASSWORD};

#[tokio::test]
async fn healthz_and_security_headers() {
    let app = App::start().await;
    let r = app.browser().get("/healthz").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, "ok");
    let csp = r
        .headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(
        r.headers
            .get("x-content-type-options")
            .map(|v| v.as_bytes()),
        Some(&b"nosniff"[..])
    );
    assert_eq!(
        r.headers.get("x-frame-options").map(|v| v.as_bytes()),
        Some(&b"DENY"[..])
    );
}

#[tokio::test]
async fn first_run_sets_up_the_admin_and_a_profile() {
    let app = App::start().await;
    let b = app.browser();
    let r = b.get("/").await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/setup"));
    let page = b.get("/setup").await;
    assert!(
        page.body.contains("<label for=\"username\">"),
        "labelled fields"
    );
    // A common password is refused next to the field; the username is kept.
    let r = b
        .post(
            "/setup",
            &page,
            &[
                ("username", "joanne"),
                ("password", "password123"),
                ("confirm", "password123"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"password-error\""), "{}", r.body);
    assert!(r.body.contains("most common passwords"), "{}", r.body);
    assert!(
        r.body.contains("value=\"joanne\""),
        "what the user typed is kept"
    );
    let r = b
        .post(
            "/setup",
            &page,
            &[
                ("username", "joanne"),
                ("password", PASSWORD),
                ("confirm", "something else"),
            ],
        )
        .await;
    assert!(r.body.contains("the two passwords differ"), "{}", r.body);
    assert_eq!(
        app.store.account_count().await.expect("count"),
        0,
        "nothing saved"
    );
    let r = b
        .post(
            "/setup",
            &page,
            &[
                ("username", "joanne"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/"));
    let account = app
        .store
        .account_by_username("joanne")
        .await
        .expect("read")
        .expect("account");
    assert!(account.is_admin);
    assert!(account.password_hash.starts_with("$argon2id$"));
    // Signed in, no profile yet: the welcome page.
    assert_eq!(b.get("/").await.location(), "/welcome");
    let page = b.get("/welcome").await;
    let r = b
        .post(
            "/welcome",
            &page,
            &[
                ("name", "Joanne"),
                ("current", "senior-admin"),
                ("target", "nope"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("invalid target role &#39;nope&#39;: allowed: help-desk"),
        "{}",
        r.body
    );
    let r = b
        .post(
            "/welcome",
            &page,
            &[
                ("name", "Joanne"),
                ("current", "senior-admin"),
                ("target", "it-manager"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let home = b.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body
            .contains("Joanne: Senior administrator → IT manager"),
        "{}",
        home.body
    );
    assert!(home.body.contains("Take the fit check"));
    // Setup is closed now.
    assert_eq!(app.browser().get("/setup").await.location(), "/login");
}

#[tokio::test]
async fn login_logout_and_the_session_cookie() {
    let app = App::start().await;
    let first = app.person("joanne").await;
    drop(first);
    let b = app.browser();
    let page = b.get("/login").await;
    let before = page
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    assert!(
        before.contains("HttpOnly") && before.contains("SameSite=Strict"),
        "{before}"
    );
    let r = b
        .post(
            "/login",
            &page,
            &[("username", "joanne"), ("password", "wrong password")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.body.contains("wrong username or password"));
    let unknown = b
        .post(
            "/login",
            &page,
            &[("username", "nobody"), ("password", "wrong password")],
        )
        .await;
    assert!(
        unknown.body.contains("wrong username or password"),
        "the same words for a missing account"
    );
    let r = b
        .post(
            "/login",
            &page,
            &[("username", "joanne"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/"));
    // A new session id at login.
    let after = r
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let id = |c: &str| c.split(';').next().unwrap_or("").to_owned();
    assert!(
        !after.is_empty() && id(&after) != id(&before),
        "{before} / {after}"
    );
    let home = b.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    // Log out: the old cookie no longer works, even if replayed.
    let replay = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let cookie = id(&after);
    let r = b.post("/logout", &home, &[]).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/login"));
    let r = replay
        .get(format!("{}/", app.url))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers().get("location").and_then(|v| v.to_str().ok()),
        Some("/login")
    );
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = App::start().await;
    let b = app.person("joanne").await;
    let r = b.post_raw("/logout", &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = b.post_raw("/logout", &[("csrf", "0000")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("did not come from leap"));
    // Still signed in.
    assert_eq!(b.get("/").await.status, StatusCode::OK);
    // No state change by GET.
    assert_eq!(
        b.get("/logout").await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[tokio::test]
async fn failed_logins_are_throttled_with_retry_after() {
    let app = App::start().await;
    drop(app.person("joanne").await);
    let b = app.browser();
    for _ in 0..5 {
        assert_eq!(
            b.login("joanne", "not the password").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let r = b.login("joanne", PASSWORD).await;
    assert_eq!(
        r.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let wait: u64 = r
        .headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    assert!(wait > 0 && wait <= 15 * 60, "{wait}");
    assert!(r.body.contains("too many failed sign-in attempts"));
}

#[tokio::test]
async fn a_disabled_account_is_signed_out() {
    let app = App::start().await;
    // The first account is the administrator, who cannot be disabled.
    drop(app.person("admin").await);
    let b = app.person("joanne").await;
    let id = app
        .store
        .account_by_username("joanne")
        .await
        .expect("read")
        .expect("acc")
        .id;
    app.store.set_disabled(id, true).await.expect("disable");
    assert_eq!(b.get("/").await.location(), "/login");
    assert_eq!(
        b.login("joanne", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_demo_path_fills_a_full_dashboard() {
    let app = App::start().await;
    assert!(app
        .browser()
        .get("/setup")
        .await
        .body
        .contains("Try the demo"));
    let b = app.demo_visitor().await;
    let home = b.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body
            .contains("Jo Demo: Senior administrator → IT manager"),
        "{}",
        home.body
    );
    assert!(
        home.body.contains("Readiness over time"),
        "several assessments give a trend"
    );
    assert!(home.body.contains("Ticket backlog down"), "recent evidence");
}

#[tokio::test]
async fn sessions_end_after_the_absolute_timeout() {
    let clock = Arc::new(leap_web::FixedClock::new(chrono::Utc::now()));
    let app = App::start_on(
        leap_web::Config {
            absolute_timeout: std::time::Duration::from_secs(12 * 3600),
            ..leap_web::Config::default()
        },
        clock.clone(),
    )
    .await;
    let b = app.person("joanne").await;
    assert_eq!(b.get("/").await.status, StatusCode::OK);
    // Active every hour, never idle, for eleven hours: still signed in.
    for hour in 1..=11 {
        clock.advance(chrono::Duration::hours(1));
        assert_eq!(b.get("/").await.status, StatusCode::OK, "hour {hour}");
    }
    clock.advance(chrono::Duration::minutes(61));
    assert_eq!(
        b.get("/").await.location(),
        "/login",
        "signed out however active the session was"
    );
}

#[tokio::test]
async fn the_client_address_comes_from_the_proxy_only_when_trusted() {
    // Untrusted: X-Forwarded-For is ignored, so a client cannot dodge the limit by inventing addresses.
    let app = App::start().await;
    drop(app.person("joanne").await);
    let b = app.browser();
    for i in 0..5 {
        let page = b.get("/login").await;
        let r = b
            .client
            .post(format!("{}/login", app.url))
            .header("x-forwarded-for", format!("10.0.0.{i}"))
            .form(&[
                ("csrf", page.csrf().as_str()),
                ("username", "joanne"),
                ("password", "wrong password"),
            ])
            .send()
            .await
            .expect("send");
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        b.login("joanne", PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );

    // Trusted: the proxy's last hop is the client, so another client is not blocked.
    let app = App::start_with(leap_web::Config {
        trusted_proxy: true,
        ..leap_web::Config::default()
    })
    .await;
    drop(app.person("joanne").await);
    let b = app.browser();
    let attempt = |addr: &'static str, password: &'static str| {
        let b = &b;
        let url = app.url.clone();
        async move {
            let page = b.get("/login").await;
            b.client
                .post(format!("{url}/login"))
                .header("x-forwarded-for", format!("203.0.113.9, {addr}"))
                .form(&[
                    ("csrf", page.csrf().as_str()),
                    ("username", "joanne"),
                    ("password", password),
                ])
                .send()
                .await
                .expect("send")
                .status()
        }
    };
    for _ in 0..5 {
        assert_eq!(
            attempt("198.51.100.1", "wrong password").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        attempt("198.51.100.1", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        attempt("198.51.100.2", PASSWORD).await,
        StatusCode::SEE_OTHER,
        "another client signs in"
    );
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = App::start().await;
    let b = app.person("joanne").await;
    let page = b.get("/journal").await;
    let huge = "x".repeat(2 * 1024 * 1024);
    let r = b
        .post(
            "/journal",
            &page,
            &[("text", huge.as_str()), ("action", "save")],
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    has_security_headers(&r.headers, "a 413 page");
    assert!(
        !b.get("/journal").await.body.contains("xxxxxxxx"),
        "nothing saved"
    );
    // The API's 413 too: answered before any handler, with the headers.
    let r = b
        .client
        .post(format!("{}/api/v1/journal", b.url))
        .json(&serde_json::json!({ "text": huge }))
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    has_security_headers(r.headers(), "the API's 413");
}

#[tokio::test]
async fn sessions_end_after_the_idle_timeout_but_not_while_active() {
    let clock = Arc::new(leap_web::FixedClock::new(chrono::Utc::now()));
    let app = App::start_on(
        leap_web::Config {
            idle_timeout: std::time::Duration::from_secs(2 * 3600),
            ..leap_web::Config::default()
        },
        clock.clone(),
    )
    .await;
    let b = app.person("joanne").await;
    // Active every 90 minutes for 6 hours: longer than the idle limit,
    // still signed in.
    for step in 0..4 {
        clock.advance(chrono::Duration::minutes(90));
        let r = b.get("/").await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "activity keeps the session (step {step}): {:?}",
            r.headers
        );
    }
    clock.advance(chrono::Duration::minutes(121));
    assert_eq!(b.get("/").await.location(), "/login", "idle too long");
}

/// Opening pages writes nothing back: the session is saved (and its
/// cookie sent again) only when it changes, so that a signed-in person
/// reading costs no database write. Activity still refreshes it once a
/// minute, and a confirmation still shows once.
#[tokio::test]
async fn reading_pages_saves_no_session_until_the_refresh_is_due() {
    let clock = Arc::new(leap_web::FixedClock::new(chrono::Utc::now()));
    let app = App::start_on(leap_web::Config::default(), clock.clone()).await;
    let b = app.person("joanne").await;
    // The first page with a form keeps a new CSRF token: one save.
    assert_eq!(b.get("/").await.status, StatusCode::OK);
    for path in ["/", "/journal", "/plan", "/", "/settings"] {
        let r = b.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(
            r.headers.get("set-cookie").is_none(),
            "{path} saved the session: {:?}",
            r.headers
        );
    }
    clock.advance(chrono::Duration::seconds(61));
    let r = b.get("/").await;
    assert!(
        r.headers.get("set-cookie").is_some(),
        "a minute on, activity refreshes the session"
    );
    assert!(b.get("/").await.headers.get("set-cookie").is_none());
    // A confirmation is taken (a change) on the page that shows it, once.
    let form = b.get("/journal").await;
    let r = b
        .post("/journal", &form, &[("text", "Ran the stand-up")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let shown = b.get(r.location()).await;
    assert!(shown.body.contains("role=\"status\""), "{}", shown.body);
    let again = b.get(r.location()).await;
    assert!(!again.body.contains("role=\"status\""));
    assert!(again.headers.get("set-cookie").is_none());
}

/// Clients that give up half-way through writes (as load generators do at
/// the end of a run) must not leave the database locked: later writes still
/// succeed. Before writes ran to completion on their own, a request dropped
/// between BEGIN and its rollback guard kept the write lock, and every
/// later write failed with "database is locked".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_disconnect_mid_write_do_not_lock_the_database() {
    let app = App::start().await;
    let b = app.person("joanne").await;
    for round in 0..12 {
        let mut impatient = Vec::new();
        for i in 0..48u64 {
            // The same signed-in session (the client keeps its cookie).
            let client = b.client.clone();
            let url = format!("{}/api/v1/journal", app.url);
            impatient.push(tokio::spawn(async move {
                // Gives up after 1 to 4 ms: mid-request, often mid-write.
                let _ = client
                    .post(url)
                    .timeout(std::time::Duration::from_micros(1000 + (i % 4) * 1000))
                    .json(&serde_json::json!({"text": "Ran the change review"}))
                    .send()
                    .await;
            }));
        }
        for t in impatient {
            let _ = t.await;
        }
        // The abandoned writes still run, one after another (they are the
        // same person's): on a loaded machine the next may be told "busy"
        // for a while, never refused for good.
        let mut answer = None;
        for _ in 0..10 {
            let (status, body) = b
                .api(
                    reqwest::Method::POST,
                    "/api/v1/journal",
                    Some(serde_json::json!({"text": format!("Round {round} is written")})),
                )
                .await;
            if status != StatusCode::SERVICE_UNAVAILABLE {
                answer = Some((status, body));
                break;
            }
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
        let (status, body) = answer.expect("written once the burst is through");
        assert_eq!(status, StatusCode::CREATED, "round {round}: {body}");
    }
}

#[tokio::test]
async fn settings_shows_the_data_download_and_the_deletion_in_the_page() {
    let app = App::start().await;
    let b = app.person("joanne").await;
    let page = b.get("/settings").await;
    assert_eq!(page.status, StatusCode::OK);
    let title = page
        .body
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or("");
    assert!(!title.contains('<'), "markup in the title: {title}");
    let main = page.body.split("<main").nth(1).unwrap_or("");
    for part in [
        "href=\"/settings/export\"",
        "Download all my data",
        "action=\"/settings/delete\"",
    ] {
        assert!(main.contains(part), "the page's main part lacks {part}");
    }
}

#[tokio::test]
async fn an_account_without_a_profile_changes_its_password() {
    let app = App::start().await;
    app.person("admin").await;
    let b = app.account("mentor").await;
    let page = b.get("/settings").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.location());
    assert!(page.body.contains("no profile of its own"), "{}", page.body);
    assert!(!page.body.contains("id=\"current\""), "no role form");
    let r = b
        .post(
            "/settings/password",
            &page,
            &[
                ("current", PASSWORD),
                ("new", "a brand new passphrase"),
                ("confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.location());
    assert!(r.body.contains("Password changed."), "{}", r.body);
    let again = app.browser();
    let r = again.login("mentor", "a brand new passphrase").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_ne!(r.location(), "/login");
    assert_eq!(
        app.browser().login("mentor", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED,
        "the old password no longer works"
    );
}

#[tokio::test]
async fn an_unknown_address_gets_the_apps_not_found_page() {
    let app = App::start().await;
    let b = app.person("joanne").await;
    let page = b.get("/no/such/page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html")),
        "{:?}",
        page.headers
    );
    assert!(
        page.body.contains("<h1>404 Not Found</h1>"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("no page at /no/such/page"),
        "{}",
        page.body
    );
    assert!(page.body.contains("href=\"/\""), "a way back");
    // Signed out, too: no redirect to the login page for a missing page.
    assert_eq!(
        app.browser().get("/nothing-here").await.status,
        StatusCode::NOT_FOUND
    );
    let (status, body) = b
        .api(reqwest::Method::GET, "/api/v1/no-such-route", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found", "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("/api/v1/no-such-route")),
        "{body}"
    );
}

/// The headers every answer carries, errors produced before any handler
/// included.
fn has_security_headers(h: &reqwest::header::HeaderMap, what: &str) {
    let get = |name: &str| h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("");
    assert!(
        get("content-security-policy").contains("frame-ancestors 'none'"),
        "{what}: no CSP"
    );
    assert_eq!(get("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(get("x-frame-options"), "DENY", "{what}");
    assert_eq!(get("referrer-policy"), "no-referrer", "{what}");
}

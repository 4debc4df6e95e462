//! Accounts administered in the web and the API: the list with search and
//! pages, each action confirmed, reset links that work once, the last
//! administrator kept, the audit log; and the sign-in protections around
//! them (guessing that cannot lock the owner out, tokens revoked with a
//! password change or a sign-out of the other sessions).

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::{App, Browser, Page, PASSWORD};

/// The one-time link on a page that shows one.
fn reset_link(page: &Page) -> String {
    let marker = "<code id=\"reset-link\">";
    page.body
        .find(marker)
        .map(|i| &page.body[i + marker.len()..])
        .and_then(|rest| rest.split('<').next())
        .expect("a reset link on the page")
        .to_owned()
}

/// Sets a password through a reset link, in a browser of its own.
async fn set_password_with(app: &App, link: &str, password: &str) -> Page {
    let b = app.browser();
    let path = link.trim_start_matches(&app.url).to_owned();
    let form = b.get(&path).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    b.post(&path, &form, &[("new", password), ("confirm", password)])
        .await
}

/// Confirms `action` on `username` the way the pages do: the confirmation
/// page first, then its form.
async fn confirm(admin: &Browser, action: &str, username: &str) -> Page {
    let page = admin
        .get(&format!(
            "/admin/accounts/confirm?action={action}&username={}",
            username.replace('@', "%40")
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{action}: {}", page.body);
    assert!(page.body.contains(&format!("{username}?")), "{}", page.body);
    admin
        .post(
            &format!("/admin/accounts/{action}"),
            &page,
            &[("username", username)],
        )
        .await
}

async fn new_token(app: &App, username: &str) -> String {
    let account = app
        .store
        .account_by_username(username)
        .await
        .expect("read")
        .expect("account");
    leap_app::accounts::new_api_token(&*app.store, account.id, "script", chrono::Utc::now())
        .await
        .expect("token")
}

async fn token_works(app: &App, token: &str) -> bool {
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/shared", app.url))
        .bearer_auth(token)
        .send()
        .await
        .expect("GET");
    r.status() != StatusCode::UNAUTHORIZED
}

#[tokio::test]
async fn administrators_manage_accounts_each_action_confirmed_and_audited() {
    let app = App::start().await;
    let admin = app.person("admin").await;

    // Thirty accounts through the API: each comes with its password link.
    for i in 0..30 {
        let (s, v) = admin
            .api(
                Method::POST,
                "/api/v1/accounts",
                Some(json!({"username": format!("user{i:02}@example.org")})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert!(v["password_link"]["url"]
            .as_str()
            .is_some_and(|u| u.starts_with(&format!("{}/reset/", app.url))));
    }
    let (s, v) = admin
        .api(
            Method::POST,
            "/api/v1/accounts",
            Some(json!({"username": "user00@example.org"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "taken: {v}");

    // The list: pages of 25, a search.
    let first = admin.get("/admin/accounts").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("31 accounts"), "{}", first.body);
    assert!(first.body.contains("Page 1 of 2"));
    assert!(first.body.contains("user23@example.org"));
    assert!(!first.body.contains("user29@example.org"));
    let second = admin.get("/admin/accounts?page=2").await;
    assert!(second.body.contains("user29@example.org"));
    assert!(second.body.contains("Previous page"));
    let found = admin.get("/admin/accounts?q=USER1").await;
    assert!(
        found.body.contains("10 accounts matching"),
        "{}",
        found.body
    );
    let bad = admin.get("/admin/accounts?page=0").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, v) = admin
        .api(Method::GET, "/api/v1/accounts?search=user2&page=1", None)
        .await;
    assert_eq!(v["total"], 10);

    // Added in the web: the link, shown once, sets the password once.
    let list = admin.get("/admin/accounts").await;
    let added = admin
        .post(
            "/admin/accounts",
            &list,
            &[("username", "carol@example.org")],
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    let link = reset_link(&added);
    assert!(!admin.get("/admin/accounts").await.body.contains(&link));
    let set = set_password_with(&app, &link, PASSWORD).await;
    assert_eq!(set.location(), "/login?password_set=yes");
    let again = app.browser().get(link.trim_start_matches(&app.url)).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "a link works once");
    let carol = app.browser();
    assert_eq!(
        carol.login("carol@example.org", PASSWORD).await.location(),
        "/"
    );

    // Not an administrator: refused everywhere.
    assert_eq!(
        carol.get("/admin/accounts").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        carol.get("/admin/audit").await.status,
        StatusCode::FORBIDDEN
    );
    let (s, _) = carol.api(Method::GET, "/api/v1/accounts", None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = carol
        .api(
            Method::PATCH,
            "/api/v1/accounts/admin",
            Some(json!({"disabled": true})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let settings = carol.get("/settings").await;
    let r = carol
        .post(
            "/admin/accounts/disable",
            &settings,
            &[("username", "admin")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Disable: signed out, cannot sign in; enable: can again.
    let r = confirm(&admin, "disable", "carol@example.org").await;
    assert_eq!(r.location(), "/admin/accounts");
    let flash = admin.get("/admin/accounts").await;
    assert!(flash.body.contains("Account disabled"), "{}", flash.body);
    assert_eq!(carol.get("/").await.location(), "/login");
    assert_eq!(
        carol.login("carol@example.org", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    confirm(&admin, "enable", "carol@example.org").await;
    assert_eq!(
        carol.login("carol@example.org", PASSWORD).await.location(),
        "/"
    );

    // Administrator and back.
    confirm(&admin, "make-admin", "carol@example.org").await;
    assert_eq!(carol.get("/admin/accounts").await.status, StatusCode::OK);
    confirm(&admin, "remove-admin", "carol@example.org").await;
    assert_eq!(
        carol.get("/admin/accounts").await.status,
        StatusCode::FORBIDDEN
    );

    // Reset: the old password, the sessions and the tokens stop at once.
    let token = new_token(&app, "carol@example.org").await;
    assert!(token_works(&app, &token).await);
    let reset = confirm(&admin, "reset-password", "carol@example.org").await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    let link = reset_link(&reset);
    assert!(!token_works(&app, &token).await, "the token is revoked");
    assert_eq!(carol.get("/").await.location(), "/login");
    assert_eq!(
        carol.login("carol@example.org", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED,
        "the old password no longer works"
    );
    let short = set_password_with(&app, &link, "short").await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("8 to 128 characters"));
    set_password_with(&app, &link, "a brand new passphrase").await;
    assert_eq!(
        carol
            .login("carol@example.org", "a brand new passphrase")
            .await
            .location(),
        "/"
    );

    // Delete: gone, with the data.
    let r = confirm(&admin, "delete", "carol@example.org").await;
    assert_eq!(r.location(), "/admin/accounts");
    assert!(app
        .store
        .account_by_username("carol@example.org")
        .await
        .expect("read")
        .is_none());
    let unknown = admin
        .get("/admin/accounts/confirm?action=delete&username=nobody")
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let unknown = admin
        .get("/admin/accounts/confirm?action=explode&username=admin")
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("invalid action"), "{}", unknown.body);

    // Everything is in the audit log, newest first, with pages.
    let audit = admin.get("/admin/audit").await;
    assert_eq!(audit.status, StatusCode::OK);
    for action in [
        "account.add",
        "account.disable",
        "account.enable",
        "account.make-admin",
        "account.remove-admin",
        "account.reset-password",
        "account.delete",
    ] {
        assert!(
            audit.body.contains(action),
            "{action} in the log: {}",
            audit.body
        );
    }
    let (_, log) = admin
        .api(Method::GET, "/api/v1/admin-audit?page=1", None)
        .await;
    // Thirty added, carol added, and seven actions on her.
    assert_eq!(log["total"], 37, "{log}");
    assert_eq!(log["lines"][0]["action"], "account.delete");
    assert_eq!(log["lines"][0]["actor"], "admin");
    assert_eq!(log["pages"], 2);
    let older = admin.get("/admin/audit?page=2").await;
    assert!(older.body.contains("Newer"));
}

#[tokio::test]
async fn the_last_administrator_stays_one() {
    let app = App::start().await;
    let admin = app.person("admin").await;
    for (body, what) in [
        (json!({"admin": false}), "take administrator rights from"),
        (json!({"disabled": true}), "disable"),
    ] {
        let (s, v) = admin
            .api(Method::PATCH, "/api/v1/accounts/admin", Some(body))
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .unwrap_or("")
                .contains(&format!(
                    "cannot {what} admin: the last administrator stays one"
                )),
            "{v}"
        );
    }
    let (s, _) = admin
        .api(Method::DELETE, "/api/v1/accounts/admin", None)
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let r = confirm(&admin, "remove-admin", "admin").await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r
        .body
        .contains("make another account an administrator first"));
    let settings = admin.get("/settings").await;
    let r = admin
        .post(
            "/settings/delete",
            &settings,
            &[("password", PASSWORD), ("understood", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(admin.get("/").await.status, StatusCode::OK, "still in");

    // With a second administrator, the first may step down.
    let (s, _) = admin
        .api(
            Method::POST,
            "/api/v1/accounts",
            Some(json!({"username": "deputy@example.org", "admin": true})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, v) = admin
        .api(
            Method::PATCH,
            "/api/v1/accounts/admin",
            Some(json!({"admin": false})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["admin"], false);
}

/// The attack a security probe found: failures for one username spread
/// over many addresses held the owner out. Now they slow a stranger's
/// guessing but not the owner's browser.
#[tokio::test]
async fn guessing_from_many_addresses_does_not_lock_the_owner_out() {
    let app = App::start_with(leap_web::Config {
        trusted_proxy: true,
        ..leap_web::Config::default()
    })
    .await;
    // The owner has signed in with this browser before.
    let owner = app.person("joanne").await;
    let page = owner.get("/settings").await;
    owner.post("/logout", &page, &[]).await;
    assert_eq!(owner.login("joanne", PASSWORD).await.location(), "/");
    let page = owner.get("/settings").await;
    owner.post("/logout", &page, &[]).await;
    let attempt = |b: &Browser, addr: String, password: &'static str| {
        let b = b.clone();
        let url = app.url.clone();
        async move {
            let page = b.get("/login").await;
            b.client
                .post(format!("{url}/login"))
                .header("x-forwarded-for", addr)
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
    let attacker = app.browser();
    for i in 0..50 {
        let addr = format!("198.51.100.{}", i / 5);
        assert_eq!(
            attempt(&attacker, addr, "guess").await,
            StatusCode::UNAUTHORIZED
        );
    }
    // A browser that never signed in: held back, even with the password.
    let stranger = app.browser();
    assert_eq!(
        attempt(&stranger, "203.0.113.50".to_owned(), PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "the guessing is slowed"
    );
    // The owner's browser, from an address of its own: in.
    assert_eq!(
        attempt(&owner, "192.0.2.7".to_owned(), PASSWORD).await,
        StatusCode::SEE_OTHER,
        "the owner still gets in"
    );
    // The owner's browser does not let the guessing go on unchecked.
    let page = owner.get("/settings").await;
    owner.post("/logout", &page, &[]).await;
    for _ in 0..5 {
        assert_eq!(
            attempt(&owner, "192.0.2.8".to_owned(), "guess").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        attempt(&owner, "192.0.2.8".to_owned(), PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn a_password_change_or_signing_out_elsewhere_can_revoke_the_tokens() {
    let app = App::start().await;
    let me = app.person("joanne").await;
    let laptop = app.browser();
    laptop.login("joanne", PASSWORD).await;

    // Without the box ticked, tokens survive a password change.
    let token = new_token(&app, "joanne").await;
    let page = me.get("/settings").await;
    assert!(page.body.contains("Revoke my personal API tokens too"));
    let r = me
        .post(
            "/settings/password",
            &page,
            &[
                ("current", PASSWORD),
                ("new", "second passphrase here"),
                ("confirm", "second passphrase here"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(token_works(&app, &token).await);

    // Ticked: revoked with the change.
    let page = me.get("/settings").await;
    let r = me
        .post(
            "/settings/password",
            &page,
            &[
                ("current", "second passphrase here"),
                ("new", "third passphrase here"),
                ("confirm", "third passphrase here"),
                ("revoke_tokens", "yes"),
            ],
        )
        .await;
    assert!(r.body.contains("1 API token revoked"), "{}", r.body);
    assert!(!token_works(&app, &token).await);

    // Sign out elsewhere, tokens too.
    let token = new_token(&app, "joanne").await;
    laptop.login("joanne", "third passphrase here").await;
    assert_eq!(laptop.get("/").await.status, StatusCode::OK);
    let page = me.get("/settings").await;
    let r = me
        .post("/settings/sessions", &page, &[("revoke_tokens", "yes")])
        .await;
    assert!(
        r.body
            .contains("1 other session signed out. 1 API token revoked."),
        "{}",
        r.body
    );
    assert_eq!(laptop.get("/").await.location(), "/login");
    assert!(!token_works(&app, &token).await);
    assert_eq!(me.get("/").await.status, StatusCode::OK, "this one stays");
}

/// A NUL byte or another control character (but newline and tab) is
/// refused wherever text comes in, naming the field, and nothing is saved.
#[tokio::test]
async fn control_characters_are_refused_in_forms_and_the_api() {
    let app = App::start().await;
    let b = app.person("joanne").await;
    let page = b.get("/journal").await;
    let r = b
        .post(
            "/journal",
            &page,
            &[
                ("text", "Led the review\u{0} with the board"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("invalid text"), "{}", r.body);
    assert!(r.body.contains("U+0000"), "{}", r.body);
    let (s, v) = b
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "Escaped\u{1b}[31m colour"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["field"], "text", "{v}");
    assert!(v["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("U+001B")));
    let (_, journal) = b.api(Method::GET, "/api/v1/journal", None).await;
    assert_eq!(journal["entries"], json!([]), "nothing saved: {journal}");
    // Newlines and tabs are text.
    let page = b.get("/journal").await;
    let r = b
        .post(
            "/journal",
            &page,
            &[
                ("text", "Ran the review\r\n\tand wrote it up"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

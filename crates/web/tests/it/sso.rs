//! Single sign-on against a real OpenID provider on loopback (npm's
//! oidc-provider, started by the test command: `LEAP_TEST_OIDC`): signing
//! in, linking by verified e-mail, creating an account when allowed,
//! refusing otherwise, refusing a wrong state, nonce, audience, issuer,
//! signature or an expired token, and signing out.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::{App, Browser, Page, PASSWORD};

/// The provider's issuer URL; `None` (and a note) outside CI when the test
/// command did not start one.
fn provider() -> Option<String> {
    match std::env::var("LEAP_TEST_OIDC") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the single sign-on tests: scripts/test.sh starts an OpenID provider"
            );
            eprintln!(
                "SKIPPED single sign-on test: run scripts/test.sh, which starts an OpenID provider"
            );
            None
        }
    }
}

/// `location` made absolute against `base`.
fn absolute(base: &str, location: &str) -> String {
    url::Url::parse(base)
        .and_then(|b| b.join(location))
        .map(|u| u.to_string())
        .expect("a URL")
}

/// Where a sign-in came back to leap, and leap's answer.
struct Finished {
    /// The callback address, with the code and state.
    callback: String,
    page: Page,
}

/// Signs in as `email` at the provider: from leap's button through the
/// provider's sign-in form, and back to leap's callback when `deliver`
/// (else the callback address is returned unvisited, with an empty page).
async fn through_provider(b: &Browser, email: &str, deliver: bool) -> Finished {
    let mut url = format!("{}/login/sso", b.url);
    for _ in 0..12 {
        if url.starts_with(&format!("{}/login/sso/callback", b.url)) && !deliver {
            return Finished {
                callback: url,
                page: Page {
                    status: StatusCode::OK,
                    body: String::new(),
                    headers: reqwest::header::HeaderMap::new(),
                },
            };
        }
        let r = b.client.get(&url).send().await.expect("GET");
        let status = r.status();
        let headers = r.headers().clone();
        let body = r.text().await.expect("body");
        if status.is_redirection() {
            let location = headers
                .get("location")
                .and_then(|v| v.to_str().ok())
                .expect("a redirect's location");
            url = absolute(&url, location);
            continue;
        }
        if url.contains("/interaction/") {
            // The provider's sign-in form: post the address to it.
            let r = b
                .client
                .post(&url)
                .form(&[("email", email)])
                .send()
                .await
                .expect("POST");
            assert!(r.status().is_redirection(), "the provider took the form");
            let location = r
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .expect("location")
                .to_owned();
            url = absolute(&url, &location);
            continue;
        }
        return Finished {
            callback: url,
            page: Page {
                status,
                body,
                headers,
            },
        };
    }
    panic!("the sign-in went round in circles");
}

async fn sign_in(b: &Browser, email: &str) -> Page {
    through_provider(b, email, true).await.page
}

/// The username the browser is signed in as, if any: the name on its
/// "Sign out" button.
async fn signed_in_as(b: &Browser) -> Option<String> {
    let page = b.get("/settings").await;
    if page.status != StatusCode::OK {
        return None;
    }
    let marker = "Sign out ";
    page.body
        .find(marker)
        .map(|i| &page.body[i + marker.len()..])
        .and_then(|rest| rest.split('<').next())
        .map(|s| s.trim().to_owned())
}

async fn tamper(issuer: &str, email: &str, what: &str) {
    let r = reqwest::Client::new()
        .post(format!("{issuer}/__test/tamper?for={email}&what={what}"))
        .send()
        .await
        .expect("the provider's test switch");
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn people_sign_in_linked_by_verified_email_or_registered_when_allowed() {
    let Some(issuer) = provider() else { return };
    let app = App::start_with_sso(leap_web::Config::default(), &issuer, false).await;
    let admin = app.person("admin").await;
    let login = app.browser().get("/login").await;
    assert!(
        login.body.contains("Sign in with Test ID"),
        "{}",
        login.body
    );

    // An account made by an administrator, signed in by its e-mail.
    let (s, v) = admin
        .api(
            Method::POST,
            "/api/v1/accounts",
            Some(json!({"username": "alice.sso@example.org"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let alice = app.browser();
    let done = sign_in(&alice, "alice.sso@example.org").await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("signed in as alice.sso@example.org"));
    assert!(done.body.contains("http-equiv=\"refresh\""));
    assert_eq!(
        signed_in_as(&alice).await.as_deref(),
        Some("alice.sso@example.org")
    );
    let account = app
        .store
        .account_by_username("alice.sso@example.org")
        .await
        .expect("read")
        .expect("alice");
    let linked = app.store.identities(account.id).await.expect("identities");
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].subject, "id-alice.sso@example.org");
    assert_eq!(linked[0].issuer, issuer);

    // Again, in another browser: the same account, by the link.
    let again = app.browser();
    sign_in(&again, "alice.sso@example.org").await;
    assert_eq!(
        signed_in_as(&again).await.as_deref(),
        Some("alice.sso@example.org")
    );

    // No account, registration off: refused, with what to do.
    let newcomer = app.browser();
    let refused = sign_in(&newcomer, "newcomer.sso@example.org").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        refused
            .body
            .contains("there is no leap account for newcomer.sso@example.org"),
        "{}",
        refused.body
    );
    assert_eq!(signed_in_as(&newcomer).await, None);
    assert!(app
        .store
        .account_by_username("newcomer.sso@example.org")
        .await
        .expect("read")
        .is_none());

    // Registration on: the account is made on first sign-in.
    let (s, v) = admin
        .api(
            Method::PUT,
            "/api/v1/sign-in",
            Some(json!({"local_passwords": true, "sso_registration": true})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    sign_in(&newcomer, "newcomer.sso@example.org").await;
    assert_eq!(
        signed_in_as(&newcomer).await.as_deref(),
        Some("newcomer.sso@example.org")
    );
    // ... and it starts like anyone: the welcome page asks for a profile.
    assert_eq!(newcomer.get("/").await.location(), "/welcome");

    // An address the provider has not verified: never linked, never made.
    let unverified = app.browser();
    let r = sign_in(&unverified, "unverified.sso@example.org").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("has not verified"), "{}", r.body);
    assert_eq!(signed_in_as(&unverified).await, None);

    // A disabled account: refused.
    let (s, _) = admin
        .api(
            Method::PATCH,
            "/api/v1/accounts/alice.sso@example.org",
            Some(json!({"disabled": true})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(signed_in_as(&alice).await, None, "signed out when disabled");
    let r = sign_in(&app.browser(), "alice.sso@example.org").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("is disabled"), "{}", r.body);

    // Signing out ends the session.
    let page = newcomer.get("/settings").await;
    let r = newcomer.post("/logout", &page, &[]).await;
    assert_eq!(r.location(), "/login");
    assert_eq!(signed_in_as(&newcomer).await, None);

    // An account that signs in with the provider has no password to change,
    // and confirms its deletion with its username.
    sign_in(&newcomer, "newcomer.sso@example.org").await;
    let settings = newcomer.get("/settings").await;
    assert!(
        settings
            .body
            .contains("You sign in with single sign-on (newcomer.sso@example.org)"),
        "{}",
        settings.body
    );
    assert!(!settings.body.contains("action=\"/settings/password\""));
    let r = newcomer
        .post(
            "/settings/delete",
            &settings,
            &[("confirm_username", "someone else"), ("understood", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("type your username exactly"));
    let r = newcomer
        .post(
            "/settings/delete",
            &settings,
            &[
                ("confirm_username", "newcomer.sso@example.org"),
                ("understood", "yes"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/login?deleted=1");
    assert!(app
        .store
        .account_by_username("newcomer.sso@example.org")
        .await
        .expect("read")
        .is_none());

    // All of it is in the audit log.
    let (_, log) = admin.api(Method::GET, "/api/v1/admin-audit", None).await;
    let actions: Vec<(String, String, String)> = log["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            (
                l["actor"].as_str().unwrap_or("").to_owned(),
                l["action"].as_str().unwrap_or("").to_owned(),
                l["target"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    for expected in [
        ("admin", "account.add", "alice.sso@example.org"),
        (
            "single sign-on",
            "account.link-sso",
            "alice.sso@example.org",
        ),
        ("admin", "settings.sign-in", "sign-in"),
        ("single sign-on", "account.add", "newcomer.sso@example.org"),
        ("admin", "account.disable", "alice.sso@example.org"),
    ] {
        assert!(
            actions
                .iter()
                .any(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()) == expected),
            "{expected:?} in {actions:?}"
        );
    }
}

#[tokio::test]
async fn a_wrong_state_nonce_audience_issuer_signature_or_an_expired_token_signs_no_one_in() {
    let Some(issuer) = provider() else { return };
    let app = App::start_with_sso(leap_web::Config::default(), &issuer, false).await;
    let admin = app.person("admin").await;
    let (s, _) = admin
        .api(
            Method::PUT,
            "/api/v1/sign-in",
            Some(json!({"local_passwords": true, "sso_registration": true})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);

    // The state changed on the way back.
    let b = app.browser();
    let started = through_provider(&b, "mallory.state@example.org", false).await;
    let forged = started.callback.replace("state=", "state=x");
    let r = b.get(forged.trim_start_matches(&b.url)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("the state does not match"), "{}", r.body);
    assert_eq!(signed_in_as(&b).await, None);

    // The right answer, but in a browser that did not start the sign-in
    // (a sign-in link planted on someone else).
    let b = app.browser();
    let started = through_provider(&b, "mallory.planted@example.org", false).await;
    let victim = app.browser();
    let r = victim
        .get(started.callback.trim_start_matches(&b.url))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(signed_in_as(&victim).await, None);

    // ID tokens changed by the provider's test switch.
    for (what, words) in [
        ("audience", "audience"),
        ("nonce", "nonce"),
        ("issuer", "issuer"),
        ("signature", "signature"),
        ("expired", "expiry"),
    ] {
        let email = format!("mallory.{what}@example.org");
        tamper(&issuer, &email, what).await;
        let b = app.browser();
        let r = sign_in(&b, &email).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{what}: {}", r.body);
        assert!(
            r.body.contains(&format!("the ID token&#39;s {words}"))
                || r.body.contains(&format!("the ID token's {words}")),
            "{what}: {}",
            r.body
        );
        assert_eq!(signed_in_as(&b).await, None, "{what}");
        assert!(
            app.store
                .account_by_username(&email)
                .await
                .expect("read")
                .is_none(),
            "{what}: no account made"
        );
        // Untampered, the same person gets in: the refusal was the token's.
        let b = app.browser();
        sign_in(&b, &email).await;
        assert_eq!(
            signed_in_as(&b).await.as_deref(),
            Some(email.as_str()),
            "{what}"
        );
    }

    // The provider's own refusal, passed on in words.
    let b = app.browser();
    let r = b
        .get("/login/sso/callback?error=access_denied&error_description=The+user+cancelled")
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("The user cancelled"), "{}", r.body);
}

#[tokio::test]
async fn local_passwords_go_off_only_when_an_administrator_can_still_get_in() {
    let Some(issuer) = provider() else { return };
    let app = App::start_with_sso(leap_web::Config::default(), &issuer, false).await;
    // The administrator is named by their e-mail, so single sign-on links.
    let admin = app.person("boss.sso@example.org").await;
    let off = json!({"local_passwords": false, "sso_registration": false});
    let (s, v) = admin
        .api(Method::PUT, "/api/v1/sign-in", Some(off.clone()))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("signed in once with single sign-on yourself"),
        "{v}"
    );
    // A browser that had the password form before it went away.
    let b = app.browser();
    let before = b.get("/login").await;
    let sso_admin = app.browser();
    sign_in(&sso_admin, "boss.sso@example.org").await;
    let (s, v) = sso_admin
        .api(Method::PUT, "/api/v1/sign-in", Some(off))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");

    // The sign-in page offers single sign-on only, and a password is refused.
    let page = b.get("/login").await;
    assert!(page.body.contains("Sign in with Test ID"));
    assert!(!page.body.contains("name=\"password\""), "{}", page.body);
    let r = b
        .post(
            "/login",
            &before,
            &[("username", "boss.sso@example.org"), ("password", PASSWORD)],
        )
        .await;
    // A password reset would make a password no one can use: refused.
    let (s, v) = sso_admin
        .api(
            Method::POST,
            "/api/v1/accounts/boss.sso@example.org/password-reset",
            None,
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        r.body.contains("turned sign-in with a password off"),
        "{}",
        r.body
    );
}

/// A provider whose addresses are all the organisation's own sends no
/// `email_verified` (Microsoft Entra ID): with `--oidc-trust-email` its
/// addresses link; without it, they do not (the test above).
#[tokio::test]
async fn a_provider_trusted_for_its_addresses_links_them() {
    let Some(issuer) = provider() else { return };
    let app = App::start_with_sso(leap_web::Config::default(), &issuer, true).await;
    let admin = app.person("admin").await;
    let (s, _) = admin
        .api(
            Method::POST,
            "/api/v1/accounts",
            Some(json!({"username": "unverified.trusted@example.org"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let b = app.browser();
    let done = sign_in(&b, "unverified.trusted@example.org").await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(
        signed_in_as(&b).await.as_deref(),
        Some("unverified.trusted@example.org")
    );
}

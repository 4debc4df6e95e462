//! Every route that touches a person's object, walked by a second account:
//! all refuse with 404, nothing leaks, and nothing of the first changes.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::api::senior_admin_levels;
use crate::App;

#[tokio::test]
async fn another_account_gets_404_everywhere() {
    let app = App::start().await;
    let a = app.person("alice").await;
    let (_, _) = a
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(senior_admin_levels()),
        )
        .await;
    let (_, plan) = a
        .api(Method::POST, "/api/v1/plan/generate", Some(json!({})))
        .await;
    let item = plan["items"][0]["id"].as_i64().expect("item");
    let (_, entry) = a.api(Method::POST, "/api/v1/journal", Some(json!({"text": "Alice's secret note about the budget", "competencies": ["budgeting-funding"]}))).await;
    let entry = entry["id"].as_i64().expect("entry");
    let s = a.get("/settings").await;
    a.post("/settings/tokens", &s, &[("name", "alice's token")])
        .await;
    let token = a
        .get("/settings")
        .await
        .body
        .split("/settings/tokens/")
        .nth(1)
        .and_then(|t| t.split('/').next())
        .expect("token")
        .to_owned();
    let alice_before = (
        a.api(Method::GET, "/api/v1/plan", None).await.1,
        a.api(Method::GET, "/api/v1/journal", None).await.1,
        a.get("/settings").await.body,
    );

    let b = app.person("bob").await;
    let page = b.get("/journal").await;
    // Pages.
    for path in [
        format!("/journal/{entry}/edit"),
        format!("/journal/{entry}/delete"),
    ] {
        assert_eq!(
            b.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "GET {path}"
        );
    }
    let posts = [
        (
            format!("/journal/{entry}/edit"),
            vec![("text", "hijacked"), ("kind", "experience")],
        ),
        (format!("/journal/{entry}/delete"), vec![]),
        (format!("/plan/{item}/done"), vec![("note", "not mine")]),
        (format!("/plan/{item}/drop"), vec![]),
        (format!("/settings/tokens/{token}/revoke"), vec![]),
    ];
    for (path, fields) in &posts {
        assert_eq!(
            b.post(path, &page, fields).await.status,
            StatusCode::NOT_FOUND,
            "POST {path}"
        );
    }
    // The API.
    let calls = [
        (Method::GET, format!("/api/v1/journal/{entry}"), None),
        (
            Method::PUT,
            format!("/api/v1/journal/{entry}"),
            Some(json!({"text": "hijacked"})),
        ),
        (Method::DELETE, format!("/api/v1/journal/{entry}"), None),
        (
            Method::POST,
            format!("/api/v1/plan/items/{item}/done"),
            Some(json!({})),
        ),
        (
            Method::POST,
            format!("/api/v1/plan/items/{item}/drop"),
            Some(json!({})),
        ),
    ];
    for (m, path, body) in calls {
        let (s, v) = b.api(m.clone(), &path, body).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{m} {path}: {v}");
        assert_eq!(v["error"]["code"], "not_found");
    }
    // Lists show only Bob's own.
    for path in [
        "/journal",
        "/plan",
        "/assess/history",
        "/",
        "/gaps",
        "/settings",
    ] {
        let body = b.get(path).await.body;
        assert!(
            !body.contains("Alice's secret") && !body.contains("alice's token"),
            "{path} leaks"
        );
    }
    let (_, j) = b.api(Method::GET, "/api/v1/journal", None).await;
    assert_eq!(j["entries"], json!([]));
    let (_, p) = b.api(Method::GET, "/api/v1/plan", None).await;
    assert_eq!(p["items"], json!([]));
    let (_, h) = b.api(Method::GET, "/api/v1/assessments", None).await;
    assert_eq!(h["assessments"], json!([]));
    // Alice's data is exactly as it was.
    let alice_after = (
        a.api(Method::GET, "/api/v1/plan", None).await.1,
        a.api(Method::GET, "/api/v1/journal", None).await.1,
        a.get("/settings").await.body,
    );
    assert_eq!(alice_before.0, alice_after.0);
    assert_eq!(alice_before.1, alice_after.1);
    assert!(alice_after.2.contains("alice&#39;s token") && !alice_after.2.contains("revoked"));
}

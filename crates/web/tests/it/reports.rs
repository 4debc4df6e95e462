//! Reports and the person's own data over HTTP: the export download and
//! account deletion.

use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{App, PASSWORD};

#[tokio::test]
async fn the_export_is_my_data_only_and_deleting_my_account_removes_it() {
    let app = App::start().await;
    let ann = app.person("ann").await;
    let bob = app.person("bob").await;
    let (s, _) = ann
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "Led the <b>outage</b> review"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);

    let download = ann.get("/settings/export").await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(
        download
            .headers
            .get("content-disposition")
            .and_then(|v| v.to_str().ok()),
        Some("attachment; filename=\"leap-export-2026-11-24.json\"")
    );
    let doc: serde_json::Value = serde_json::from_str(&download.body).expect("JSON");
    assert_eq!(doc["format"], "leap-export");
    assert_eq!(doc["journal"][0]["text"], "Led the <b>outage</b> review");
    let (s, api_doc) = ann.api(Method::GET, "/api/v1/export", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(api_doc, doc);
    // Bob's export is Bob's.
    let (_, theirs) = bob.api(Method::GET, "/api/v1/export", None).await;
    assert_eq!(theirs["person"]["name"], "bob");
    assert_eq!(theirs["journal"], json!([]));
    assert_eq!(
        app.browser().get("/settings/export").await.status,
        StatusCode::SEE_OTHER
    );

    // Deletion needs the password and the box ticked; a refusal deletes nothing.
    let settings = ann.get("/settings").await;
    let r = ann
        .post(
            "/settings/delete",
            &settings,
            &[("password", "wrong"), ("understood", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("that is not your password: nothing was deleted"),
        "{}",
        r.body
    );
    let r = ann
        .post("/settings/delete", &settings, &[("password", PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("tick the box"), "{}", r.body);
    assert_eq!(ann.get("/journal").await.status, StatusCode::OK);

    let r = ann
        .post(
            "/settings/delete",
            &settings,
            &[("password", PASSWORD), ("understood", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/login?deleted=1");
    assert!(ann
        .get("/login?deleted=1")
        .await
        .body
        .contains("were deleted"));
    assert_eq!(ann.get("/journal").await.status, StatusCode::SEE_OTHER);
    let again = app.browser();
    let r = again.login("ann", PASSWORD).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(app
        .store
        .account_by_username("ann")
        .await
        .expect("read")
        .is_none());
    // Bob is untouched.
    assert_eq!(bob.get("/journal").await.status, StatusCode::OK);
}

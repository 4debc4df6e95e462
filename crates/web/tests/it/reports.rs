//! Reports and the person's own data over HTTP: the export download and
//! account deletion.

use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{App, PASSWORD};

#[tokio::test]
async fn the_export_is_my_data_only_and_deleting_my_account_removes_it() {
    let app = App::start().await;
    // bob first: the first account is the administrator, who stays.
    let bob = app.person("bob").await;
    let ann = app.person("ann").await;
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

#[tokio::test]
async fn progress_and_the_packet_are_mine_and_user_markdown_is_safe() {
    let app = App::start().await;
    let ann = app.person("ann").await;
    let bob = app.person("bob").await;
    assert_eq!(ann.get("/progress").await.status, StatusCode::OK);
    // Before a self-assessment the packet page says how to start.
    assert!(ann
        .get("/packet")
        .await
        .body
        .contains("starts with your first"));
    let (s, _) = ann
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(super::api::senior_admin_levels()),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = ann
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "**Led** the budget review <script>alert(1)</script> [x](javascript:alert(1))",
                        "competencies": ["budgeting-funding"]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);

    let progress = ann.get("/progress").await;
    assert!(
        progress
            .body
            .contains("Leadership roles and projects led (1)"),
        "{}",
        progress.body
    );
    assert!(
        progress.body.contains("Where your evidence went")
            && progress
                .body
                .contains("1 tagged journal entry since 2026-08-27: 1 shows a gap"),
        "{}",
        progress.body
    );
    let (s, p) = ann.api(Method::GET, "/api/v1/progress", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(p["measures"]["leadership"][0]["date"], "2026-11-24");
    assert_eq!(p["focus"]["on_gaps"], 1, "{p}");
    // Bob sees nothing of Ann's journal in his.
    assert!(!bob
        .get("/progress")
        .await
        .body
        .contains("1 tagged journal entry"));

    // Charts come with a second assessment and a finished plan item, the
    // tables kept beside them.
    assert!(!progress
        .body
        .contains("Line chart of your self-assessed levels"));
    assert!(!progress.body.contains("Bar chart of the plan items done"));
    let (s, _) = ann
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(json!({"levels": {"budgeting-funding": 2}})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, plan) = ann
        .api(Method::POST, "/api/v1/plan/generate", Some(json!({})))
        .await;
    let first = plan["items"][0]["id"].as_i64().expect("an item");
    ann.api(
        Method::POST,
        &format!("/api/v1/plan/items/{first}/done"),
        Some(json!({})),
    )
    .await;
    let progress = ann.get("/progress").await.body;
    for chart in [
        "Line chart of your self-assessed levels",
        "Bar chart of the plan items done",
    ] {
        let at = progress
            .find(chart)
            .unwrap_or_else(|| panic!("{chart}: {progress}"));
        assert!(progress[at..].contains("<svg"), "{chart} draws");
    }
    assert!(progress.contains("Plan items done per month"));

    for page in [ann.get("/packet").await, ann.get("/journal").await] {
        assert!(page.body.contains("<strong>Led</strong>"), "{}", page.body);
        assert!(
            !page.body.contains("<script>alert"),
            "raw HTML reached the page"
        );
        assert!(
            !page.body.contains("href=\"javascript:"),
            "an unsafe link reached the page"
        );
        assert!(page.body.contains("&lt;script&gt;"));
    }
    let packet = ann.get("/packet").await;
    assert!(
        packet.body.contains("href=\"#j1\""),
        "claims link to their evidence"
    );
    assert!(packet.body.contains("id=\"j1\""));

    let pdf = ann.get("/packet/download?format=pdf").await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(
        pdf.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    assert!(pdf.body.starts_with("%PDF-") && pdf.body.trim_end().ends_with("%%EOF"));
    assert!(
        pdf.body.contains("/S /GoTo"),
        "evidence references are links"
    );
    let html = ann
        .get("/packet/download?format=html&target=it-director")
        .await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(
        html.body.contains("@media print") && html.body.contains("for IT director"),
        "{}",
        &html.body[..400]
    );
    assert!(!html.body.contains("<script>alert"));
    let md = ann.get("/packet/download?format=md").await;
    assert!(
        md.body
            .starts_with("# Promotion packet: ann for IT manager"),
        "{}",
        md.body
    );
    let bad = ann.get("/packet/download?format=doc").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("invalid format &#39;doc&#39;: allowed: pdf, html, md")
            || bad.body.contains("invalid format 'doc'"),
        "{}",
        bad.body
    );
    let bad = ann.get("/packet?target=astronaut").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Bob's packet and progress are Bob's: nothing of Ann's.
    assert_eq!(
        bob.get("/packet/download?format=md").await.status,
        StatusCode::CONFLICT
    );
    assert!(!bob.get("/progress").await.body.contains("budget review"));
    assert_eq!(
        app.browser().get("/packet").await.status,
        StatusCode::SEE_OTHER
    );
}

/// The dashboard's "readiness over time" and the Progress page's are the
/// same points: each self-assessment and check-in, then today.
#[tokio::test]
async fn the_dashboard_and_progress_draw_the_same_readiness_over_time() {
    let app = App::start().await;
    let b = app.demo_visitor().await;
    let (s, progress) = b.api(Method::GET, "/api/v1/progress", None).await;
    assert_eq!(s, StatusCode::OK);
    let points: Vec<(String, u64)> = progress["readiness"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| {
            (
                p["date"].as_str().expect("date").to_owned(),
                p["percent"].as_u64().expect("percent"),
            )
        })
        .collect();
    assert!(
        points.len() >= 3,
        "assessments, check-ins, today: {points:?}"
    );
    assert_eq!(points.last().map(|p| p.0.as_str()), Some("2026-11-24"));
    let home = b.get("/").await.body;
    let start = home.find("id=\"trend-h\"").expect("the dashboard's chart");
    let chart = &home[start..home[start..].find("</section>").expect("end") + start];
    let page = b.get("/progress").await.body;
    for (date, percent) in &points {
        assert!(chart.contains(date.as_str()), "{date} on the dashboard");
        assert!(
            page.contains(&format!(
                "<td>{date}</td><td><meter min=\"0\" max=\"100\" value=\"{percent}\">"
            )),
            "{date}: {percent}% on Progress"
        );
    }
    // Every date the chart labels (YYYY-MM-DD) is one of those points.
    let labelled = chart
        .as_bytes()
        .windows(10)
        .filter(|w| {
            w.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            })
        })
        .count();
    assert_eq!(labelled, points.len(), "one date each, no more");
}

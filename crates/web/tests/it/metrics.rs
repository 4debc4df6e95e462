//! Prometheus metrics: only for the scraper holding the token, labelled by
//! route templates, never by ids or tokens.

use leap_web::Config;
use reqwest::StatusCode;

use crate::App;

#[tokio::test]
async fn metrics_count_requests_by_route_for_the_token_holder_only() {
    let off = App::start().await;
    let r = reqwest::get(format!("{}/metrics", off.url))
        .await
        .expect("get");
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "no token set: no /metrics"
    );

    let app = App::start_with(Config {
        metrics_token: Some("scrape-me".to_owned()),
        ..Config::default()
    })
    .await;
    let client = reqwest::Client::new();
    let metrics = |token: Option<&'static str>| {
        let mut req = client.get(format!("{}/metrics", app.url));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send()
    };
    assert_eq!(
        metrics(None).await.expect("get").status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        metrics(Some("scrape-me-not")).await.expect("get").status(),
        StatusCode::UNAUTHORIZED
    );
    client
        .get(format!("{}/healthz", app.url))
        .send()
        .await
        .expect("get");
    client
        .get(format!("{}/healthz", app.url))
        .send()
        .await
        .expect("get");
    // A route with an id, and a rater's link with its secret token.
    client
        .get(format!("{}/api/v1/journal/424242", app.url))
        .send()
        .await
        .expect("get");
    client
        .get(format!(
            "{}/feedback/answer/secret-rater-token-123",
            app.url
        ))
        .send()
        .await
        .expect("get");

    let r = metrics(Some("scrape-me")).await.expect("get");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/openmetrics-text")));
    let body = r.text().await.expect("body");
    assert!(
        body.contains(r#"leap_http_requests_total{method="GET",route="/healthz",status="200"} 2"#),
        "{body}"
    );
    assert!(
        body.contains(r#"route="/api/v1/journal/{id}",status="401""#),
        "{body}"
    );
    assert!(
        body.contains("leap_http_request_duration_seconds_bucket{"),
        "{body}"
    );
    assert!(body.contains("leap_db_connections_max "), "{body}");
    // The scraper's own connection at least; the bound is the default.
    let open = body
        .lines()
        .find_map(|l| l.strip_prefix("leap_http_connections_open "))
        .and_then(|v| v.trim().parse::<i64>().ok());
    assert!(open.is_some_and(|n| n >= 1), "{body}");
    assert!(
        body.contains(&format!(
            "leap_http_connections_max {}",
            leap_web::MAX_CONNECTIONS
        )),
        "{body}"
    );
    for secret in ["424242", "secret-rater-token-123", "scrape-me"] {
        assert!(!body.contains(secret), "{secret} in the metrics");
    }
}

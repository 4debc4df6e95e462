use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::{App, Browser};

/// POST /api/v1/plan/generate with `body`.
async fn generate(b: &Browser, body: serde_json::Value) -> (StatusCode, serde_json::Value) {
    b.api(Method::POST, "/api/v1/plan/generate", Some(body))
        .await
}

pub fn senior_admin_levels() -> serde_json::Value {
    json!({"levels": {
        "technical-excellence": 4, "service-operations": 4, "project-management": 3,
        "leadership-delegation": 2, "developing-staff": 2, "conflict-emotional-intelligence": 3,
        "business-acumen": 2, "budgeting-funding": 1, "strategy-roadmap": 2, "compliance-risk": 3,
        "resource-planning": 2, "communication": 3, "relationships-networking": 2, "organisational-savvy": 2
    }})
}

#[tokio::test]
async fn the_loop_through_the_api_with_the_cli_shapes() {
    let app = App::start().await;
    let b = app.person("joanne").await;
    let (s, v) = b.api(Method::GET, "/api/v1/gap", None).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(v["error"]["code"], "no_assessment");
    let (s, v) = b
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(json!({"levels": {"budgeting-funding": 9}})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["error"]["field"], "level for 'budgeting-funding'");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("a whole number from 0 to 5")),
        "{v}"
    );
    let (s, _) = b
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(senior_admin_levels()),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, g) = b.api(Method::GET, "/api/v1/gap", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(g["target"], "it-manager");
    assert_eq!(g["band"], "6-12-months");
    // The kept answer is the same answer.
    let (s, again) = b.api(Method::GET, "/api/v1/gap", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(again, g);
    // Judged again after every change (a kept judgement is only used for
    // the same revision of the person's data), and per target role.
    let (s, _) = b
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(json!({"levels": {"budgeting-funding": 4, "strategy-roadmap": 4}})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, higher) = b.api(Method::GET, "/api/v1/gap", None).await;
    assert!(
        higher["readiness"].as_f64() > g["readiness"].as_f64(),
        "{higher} after {g}"
    );
    let (_, director) = b
        .api(Method::GET, "/api/v1/gap?target=it-director", None)
        .await;
    assert_eq!(director["target"], "it-director");
    assert!(director["readiness"].as_f64() < higher["readiness"].as_f64());
    // Two moves above the post held: more than two years away, and why.
    assert_eq!(director["band"], "2-plus-years");
    assert!(
        director["explanation"]
            .as_str()
            .is_some_and(|e| e.contains("is more than one move above")),
        "{director}"
    );
    let (s, _) = b
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(senior_admin_levels()),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, g) = b.api(Method::GET, "/api/v1/gap", None).await;
    assert_eq!(g["band"], "6-12-months");
    let (_, p) = generate(&b, json!({"horizon_months": 6})).await;
    assert_eq!(p["horizon_months"], 6);
    let first = p["items"][0]["id"].as_i64().expect("id");
    let (s, item) = b
        .api(
            Method::POST,
            &format!("/api/v1/plan/items/{first}/done"),
            Some(json!({"note": "done"})),
        )
        .await;
    assert_eq!((s, item["status"].as_str()), (StatusCode::OK, Some("done")));
    let (s, _) = b
        .api(
            Method::POST,
            &format!("/api/v1/plan/items/{first}/done"),
            Some(json!({})),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, e) = b
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "Presented the budget forecast to the finance director"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    assert!(
        e["competencies"]
            .as_array()
            .is_some_and(|c| c.contains(&json!("budgeting-funding"))),
        "{e}"
    );
    let id = e["id"].as_i64().expect("id");
    let (s, e) = b.api(Method::PUT, &format!("/api/v1/journal/{id}"), Some(json!({"text": "Presented the Q3 budget", "competencies": ["communication"], "date": "2026-11-20"}))).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (e["competencies"].clone(), e["date"].clone()),
        (json!(["communication"]), json!("2026-11-20"))
    );
    let (_, j) = b
        .api(
            Method::GET,
            "/api/v1/journal?competency=communication",
            None,
        )
        .await;
    assert_eq!(j["entries"].as_array().map(Vec::len), Some(1));
    assert_eq!(j["entries"][0]["names_gap"], false);
    // Criticism names a gap, read from the text of feedback or said.
    let (s, crit) = b
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "Director said my reports are too technical", "kind": "feedback", "competencies": ["communication"]})),
        )
        .await;
    assert_eq!(
        (s, crit["names_gap"].clone()),
        (StatusCode::CREATED, json!(true)),
        "{crit}"
    );
    let crit_id = crit["id"].as_i64().expect("id");
    let (s, e) = b
        .api(
            Method::PUT,
            &format!("/api/v1/journal/{crit_id}"),
            Some(json!({"text": "Director said my reports are too technical", "competencies": ["communication"], "names_gap": false})),
        )
        .await;
    assert_eq!(
        (s, e["names_gap"].clone(), e["kind"].clone()),
        (StatusCode::OK, json!(false), json!("feedback")),
        "{e}"
    );
    let (s, v) = b
        .api(Method::GET, "/api/v1/journal?competency=nope", None)
        .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("competency"))
    );
    let (s, _) = b
        .api(Method::DELETE, &format!("/api/v1/journal/{id}"), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = b
        .api(Method::GET, &format!("/api/v1/journal/{id}"), None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Status and profile.
    let (_, st) = b.api(Method::GET, "/api/v1/status", None).await;
    assert_eq!(
        (st["target"].as_str(), st["band"].as_str()),
        (Some("it-manager"), Some("6-12-months"))
    );
    assert!(st["top_gaps"].as_array().is_some_and(|g| g.len() == 3));
    let (s, v) = b
        .api(
            Method::PUT,
            "/api/v1/profile",
            Some(json!({"target": "ceo"})),
        )
        .await;
    assert_eq!(
        (s, v["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("target"))
    );
    let (s, st) = b
        .api(
            Method::PUT,
            "/api/v1/profile",
            Some(json!({"target": "it-director"})),
        )
        .await;
    assert_eq!(
        (s, st["target"].as_str()),
        (StatusCode::OK, Some("it-director"))
    );
    // A framework of one's own, validated first.
    let broken =
        leap_core::framework::BUILTIN_TOML.replace("effort_weeks = 12", "effort_weeks = 0");
    let (s, v) = b
        .api(
            Method::PUT,
            "/api/v1/framework",
            Some(json!({"content": broken, "file_name": "ours.toml"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("ours.toml:") && m.contains("effort_weeks = 0")),
        "{v}"
    );
    let ours =
        leap_core::framework::BUILTIN_TOML.replace("version = \"1.0.0\"", "version = \"2.0.0\"");
    let (s, v) = b
        .api(
            Method::PUT,
            "/api/v1/framework",
            Some(json!({"content": ours})),
        )
        .await;
    assert_eq!((s, v["version"].as_str()), (StatusCode::OK, Some("2.0.0")));
    assert_eq!(
        b.api(Method::GET, "/api/v1/framework", None).await.1["version"],
        "2.0.0"
    );
    // Without a session or a token: 401 with the JSON error body.
    let (s, v) = app.browser().api(Method::GET, "/api/v1/plan", None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(v["error"]["code"], "unauthorized");
}

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let app = App::start().await;
    let (s, doc) = app
        .browser()
        .api(Method::GET, "/api/openapi.json", None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{}",
        doc["openapi"]
    );
    let expected = [
        ("get", "/api/v1/status"),
        ("put", "/api/v1/profile"),
        ("get", "/api/v1/framework"),
        ("put", "/api/v1/framework"),
        ("get", "/api/v1/gap"),
        ("get", "/api/v1/assessments"),
        ("post", "/api/v1/assessments"),
        ("post", "/api/v1/fit"),
        ("get", "/api/v1/plan"),
        ("post", "/api/v1/plan/generate"),
        ("post", "/api/v1/plan/items"),
        ("post", "/api/v1/plan/items/{id}/done"),
        ("post", "/api/v1/plan/items/{id}/drop"),
        ("get", "/api/v1/journal"),
        ("post", "/api/v1/journal"),
        ("get", "/api/v1/journal/{id}"),
        ("put", "/api/v1/journal/{id}"),
        ("delete", "/api/v1/journal/{id}"),
        ("get", "/api/v1/feedback"),
        ("post", "/api/v1/feedback"),
        ("get", "/api/v1/feedback/{id}"),
        ("post", "/api/v1/feedback/{id}/close"),
        ("get", "/api/v1/feedback/{id}/results"),
        ("get", "/api/v1/opportunities"),
        ("post", "/api/v1/opportunities"),
        ("get", "/api/v1/opportunities/{id}"),
        ("post", "/api/v1/opportunities/{id}/move"),
        ("post", "/api/v1/opportunities/{id}/debriefs"),
        ("get", "/api/v1/contacts"),
        ("post", "/api/v1/contacts"),
        ("get", "/api/v1/contacts/{id}"),
        ("post", "/api/v1/contacts/{id}/interactions"),
        ("get", "/api/v1/checkins"),
        ("post", "/api/v1/checkins"),
        ("get", "/api/v1/agenda"),
        ("get", "/api/v1/calendar-feeds"),
        ("post", "/api/v1/calendar-feeds"),
        ("delete", "/api/v1/calendar-feeds/{id}"),
        ("get", "/api/v1/shares"),
        ("post", "/api/v1/shares"),
        ("delete", "/api/v1/shares/{id}"),
        ("get", "/api/v1/audit"),
        ("get", "/api/v1/export"),
        ("get", "/api/v1/progress"),
        ("get", "/api/v1/comments"),
        ("get", "/api/v1/shared"),
        ("get", "/api/v1/shared/{person}/{part}"),
        ("post", "/api/v1/shared/{person}/comments"),
        ("get", "/api/v1/line"),
        ("put", "/api/v1/line"),
        ("get", "/api/v1/org/teams"),
        ("post", "/api/v1/org/teams"),
        ("put", "/api/v1/org/teams/{name}"),
        ("delete", "/api/v1/org/teams/{name}"),
        ("get", "/api/v1/org/people"),
        ("put", "/api/v1/org/people/{email}"),
        ("delete", "/api/v1/org/people/{email}"),
        ("post", "/api/v1/org/import"),
        ("get", "/api/v1/org/export"),
        ("get", "/api/v1/org/defaults"),
        ("put", "/api/v1/org/defaults"),
        ("get", "/api/v1/org/settings"),
        ("put", "/api/v1/org/settings"),
        ("get", "/api/v1/team"),
        ("get", "/api/v1/team/{person}/rating"),
        ("post", "/api/v1/team/{person}/rating"),
        ("get", "/api/v1/rating"),
        ("get", "/api/v1/one-to-ones"),
        ("post", "/api/v1/one-to-ones"),
        ("get", "/api/v1/one-to-ones/{id}"),
        ("post", "/api/v1/one-to-ones/{id}/entries"),
        ("get", "/api/v1/succession"),
        ("put", "/api/v1/succession"),
        ("get", "/api/v1/bench"),
        ("get", "/api/v1/bench/export"),
        ("get", "/api/v1/accounts"),
        ("post", "/api/v1/accounts"),
        ("patch", "/api/v1/accounts/{username}"),
        ("delete", "/api/v1/accounts/{username}"),
        ("post", "/api/v1/accounts/{username}/password-reset"),
        ("get", "/api/v1/sign-in"),
        ("put", "/api/v1/sign-in"),
        ("get", "/api/v1/admin-audit"),
    ];
    let paths = doc["paths"].as_object().expect("paths");
    for (method, path) in expected {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} missing from the OpenAPI document"
        );
    }
    let documented: usize = paths
        .values()
        .map(|p| p.as_object().map_or(0, |o| o.len()))
        .sum();
    assert_eq!(
        documented,
        expected.len(),
        "a route is documented that this test does not know: {paths:?}"
    );
    // Every documented route exists: none answers 404 for a missing route.
    let b = app.person("joanne").await;
    for (method, path) in expected {
        let m = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
        let body = if method == "get" || method == "delete" {
            None
        } else {
            Some(json!({}))
        };
        let path = path
            .replace("{id}", "999999")
            .replace("{person}", "999999")
            .replace("{part}", "plan")
            .replace("{username}", "nobody-at-all");
        let (s, v) = b.api(m, &path, body).await;
        assert!(
            s != StatusCode::NOT_FOUND || v["error"]["code"] == "not_found",
            "{method} {path}: {s} {v}"
        );
        assert!(s != StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
    }
}

/// Whatever fails, an API client reads the documented error body: the
/// extractors' rejections (a path id that is not a number, a body that is
/// not JSON or not sent as JSON, a field of the wrong type), the body limit,
/// an unknown method. The OpenAPI document lists each of these statuses,
/// with the error schema, on every route that can answer it.
#[tokio::test]
async fn every_api_error_is_the_documented_json() {
    let app = App::start_with(leap_web::Config {
        body_limit: 64 * 1024,
        ..leap_web::Config::default()
    })
    .await;
    let b = app.person("joanne").await;
    let raw = |method: Method, path: &str| {
        b.client
            .request(method, format!("{}{path}", app.url))
            .header("Origin", app.url.as_str())
    };
    async fn read(r: reqwest::RequestBuilder) -> (StatusCode, serde_json::Value) {
        let r = r.send().await.expect("request");
        let status = r.status();
        let json = r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        assert!(json, "{status}: not JSON");
        (status, r.json().await.expect("json"))
    }
    let cases: Vec<(
        &str,
        reqwest::RequestBuilder,
        StatusCode,
        &str,
        Option<&str>,
    )> = vec![
        (
            "a path id that is not a number",
            raw(Method::GET, "/api/v1/journal/abc"),
            StatusCode::BAD_REQUEST,
            "invalid",
            Some("id"),
        ),
        (
            "a query value of the wrong type",
            raw(Method::GET, "/api/v1/journal?competency=1&competency=2"),
            StatusCode::BAD_REQUEST,
            "invalid",
            None,
        ),
        (
            "a body without Content-Type: application/json",
            raw(Method::POST, "/api/v1/journal").body(r#"{"text": "x"}"#),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            None,
        ),
        (
            "a field of the wrong type",
            raw(Method::POST, "/api/v1/journal").json(&json!({"text": 7})),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            Some("text"),
        ),
        (
            "a missing field",
            raw(Method::POST, "/api/v1/journal").json(&json!({})),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            Some("text"),
        ),
        (
            "a body that is not JSON",
            raw(Method::POST, "/api/v1/journal")
                .header("Content-Type", "application/json")
                .body("{text"),
            StatusCode::BAD_REQUEST,
            "bad_request",
            None,
        ),
        (
            "a body over the limit",
            raw(Method::POST, "/api/v1/journal")
                .header("Content-Type", "application/json")
                .body(format!(r#"{{"text": "{}"}}"#, "x".repeat(100 * 1024))),
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            None,
        ),
        (
            "a method the route does not take",
            raw(Method::PATCH, "/api/v1/journal"),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            None,
        ),
    ];
    for (what, request, status, code, field) in cases {
        let (s, v) = read(request).await;
        assert_eq!(s, status, "{what}: {v}");
        assert_eq!(v["error"]["code"], code, "{what}: {v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{what}: {v}"
        );
        if let Some(f) = field {
            assert_eq!(v["error"]["field"], f, "{what}: {v}");
        }
    }
    // Nothing was written by any of them.
    let (_, journal) = b.api(Method::GET, "/api/v1/journal", None).await;
    assert_eq!(journal["entries"], json!([]), "{journal}");

    let (_, doc) = b.api(Method::GET, "/api/openapi.json", None).await;
    let error = &doc["components"]["schemas"]["Error"];
    assert_eq!(error["required"], json!(["error"]), "{error}");
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("operations") {
            let responses = op["responses"].as_object().expect("responses");
            let mut needed = vec!["401"];
            if op["parameters"].as_array().is_some_and(|p| !p.is_empty()) {
                needed.push("400");
            }
            if path.contains('{') {
                needed.push("404");
            }
            if !op["requestBody"].is_null() {
                needed.extend(["413", "415", "422"]);
            }
            for status in needed {
                assert!(
                    responses.contains_key(status),
                    "{method} {path} does not document {status}"
                );
            }
            for (status, r) in responses {
                if status.starts_with('4') {
                    assert_eq!(
                        r["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/Error",
                        "{method} {path} {status}"
                    );
                }
            }
        }
    }
}

/// Fit answers for the built-in framework: management statements at `m`,
/// technical ones at `t`.
fn fit_answers(m: u8, t: u8) -> serde_json::Value {
    let f = leap_core::framework::builtin().expect("builtin");
    let answers: serde_json::Map<String, serde_json::Value> = f
        .fit_statements
        .iter()
        .map(|s| {
            let v = if s.track == leap_core::Track::Management {
                m
            } else {
                t
            };
            (s.id.clone(), json!(v))
        })
        .collect();
    json!({ "answers": answers })
}

#[tokio::test]
async fn a_technical_fit_holds_the_plan_on_the_api_and_the_page() {
    let app = App::start().await;
    let b = app.person("sam").await;
    let (s, _) = b
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(senior_admin_levels()),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert!(
        !b.get("/plan").await.body.contains("name=\"despite_fit\""),
        "no question before a technical fit check"
    );
    let (s, fit) = b
        .api(Method::POST, "/api/v1/fit", Some(fit_answers(1, 5)))
        .await;
    assert_eq!(
        (s, fit["recommendation"].as_str()),
        (StatusCode::OK, Some("technical"))
    );

    // The API: 409 with the reason, nothing stored; then confirmed.
    let (s, e) = generate(&b, json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");
    assert_eq!(e["error"]["code"], "fit_says_technical");
    assert!(
        e["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("Technical specialist / architect")),
        "{e}"
    );
    let (_, plan) = b.api(Method::GET, "/api/v1/plan", None).await;
    assert_eq!(plan["items"], json!([]), "nothing stored");
    let (s, e) = generate(&b, json!({"despite_fit": true, "at_once": 9})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(e["error"]["field"], "at-once");
    let (s, p) = generate(&b, json!({"despite_fit": true, "at_once": 2})).await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!(p["at_once"], 2);
    assert!(
        p["items"][0]["why"]
            .as_str()
            .is_some_and(|w| !w.is_empty() && !w.contains("Source")),
        "{p}"
    );

    // The page: the checkbox, the hold shown by the form, the notes after.
    let page = b.get("/plan").await;
    assert!(page.body.contains("name=\"despite_fit\""));
    let r = b
        .post(
            "/plan/generate",
            &page,
            &[("horizon_months", "12"), ("at_once", "2")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("id=\"despite_fit-error\""), "{}", r.body);
    let r = b
        .post(
            "/plan/generate",
            &page,
            &[
                ("horizon_months", "12"),
                ("at_once", "x"),
                ("despite_fit", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"at_once-error\""), "{}", r.body);
    // Open items would be replaced: the page asks first, and replaces
    // nothing until the person says yes.
    let before = b.get("/plan").await.body;
    let r = b
        .post(
            "/plan/generate",
            &page,
            &[
                ("horizon_months", "12"),
                ("at_once", "2"),
                ("despite_fit", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Replace your open items?"), "{}", r.body);
    assert!(
        r.body.contains("name=\"replace\" value=\"yes\""),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("name=\"despite_fit\" value=\"yes\""),
        "the choice is kept"
    );
    let items = |body: &str| {
        body.split("<tbody>")
            .nth(1)
            .and_then(|rest| rest.split("</tbody>").next())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        items(&b.get("/plan").await.body),
        items(&before),
        "nothing replaced yet"
    );
    let r = b
        .post(
            "/plan/generate",
            &page,
            &[
                ("horizon_months", "12"),
                ("at_once", "2"),
                ("despite_fit", "yes"),
                ("replace", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = b.get("/plan").await;
    assert!(page.body.contains("Read this first"), "{}", page.body);
    assert!(page.body.contains("although your fit check"));
    assert!(page.body.contains("class=\"why\""));
    assert!(
        !page.body.contains("<td>leadership-delegation"),
        "names, not ids"
    );

    // The financial year: refused when not a month, on the API and the
    // page alike; kept with the plan and chosen again on the form.
    let (s, e) = generate(&b, json!({"despite_fit": true, "year_starts": "spring"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(e["error"]["field"], "year-starts");
    let r = b
        .post(
            "/plan/generate",
            &page,
            &[
                ("horizon_months", "12"),
                ("at_once", "2"),
                ("despite_fit", "yes"),
                ("year_starts", "13"),
                ("replace", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"year_starts-error\""), "{}", r.body);
    assert!(
        r.body.contains(
            "invalid year-starts &#39;13&#39;: a month, by name (april, apr) or number (1 to 12)"
        ),
        "{}",
        r.body
    );
    let (s, p) = generate(&b, json!({"despite_fit": true, "year_starts": "Sept"})).await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!(p["year_starts"], 9);
    let page = b.get("/plan").await;
    assert!(
        page.body
            .contains("<option value=\"9\" selected>September</option>"),
        "{}",
        page.body
    );
    // Neither a month's name nor a whole number: refused, saying what is.
    let (s, e) = generate(&b, json!({"despite_fit": true, "year_starts": 4.5})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("a month, by name (april, apr) or number (1 to 12)")),
        "{e}"
    );
    // The number GET gives back is taken as it is given.
    let (s, p) = generate(&b, json!({"despite_fit": true, "year_starts": 4})).await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!(p["year_starts"], 4);
    // A form without the field keeps the month; the page asking to
    // replace open items carries the month chosen.
    let page = b.get("/plan").await;
    let r = b
        .post(
            "/plan/generate",
            &page,
            &[
                ("horizon_months", "12"),
                ("despite_fit", "yes"),
                ("replace", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (_, p) = b.api(Method::GET, "/api/v1/plan", None).await;
    assert_eq!(p["year_starts"], 4, "kept: {p}");
    let page = b.get("/plan").await;
    let r = b
        .post(
            "/plan/generate",
            &page,
            &[
                ("horizon_months", "12"),
                ("despite_fit", "yes"),
                ("year_starts", "1"),
            ],
        )
        .await;
    assert!(r.body.contains("replaces"), "asks first: {}", r.body);
    assert!(
        r.body
            .contains("<input type=\"hidden\" name=\"year_starts\" value=\"1\">"),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("<option value=\"1\" selected>January</option>"),
        "{}",
        r.body
    );

    // A certification logged toward management: the seeds' word, once,
    // on the API and on the journal page.
    let (s, e) = b
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "Passed the CCNA exam"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    assert!(
        e["note"]
            .as_str()
            .is_some_and(|n| n.contains("does not advance a move into management")),
        "{e}"
    );
    let page = b.get(&format!("/journal?logged={}", e["id"])).await;
    assert!(page
        .body
        .contains("does not advance a move into management"));
    let (_, again) = b
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "Booked the MCSE exam"})),
        )
        .await;
    assert!(again.get("note").is_none(), "once: {again}");
    // An interview lost, logged in the journal: the API and the page say
    // where the plan reads it.
    let (_, lost) = b
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "Lost the internal IT Operations Manager interview; they went with someone with more experience"})),
        )
        .await;
    assert!(
        lost["note"]
            .as_str()
            .is_some_and(|n| n.contains("Record it as a debrief")),
        "{lost}"
    );
    let page = b.get(&format!("/journal?logged={}", lost["id"])).await;
    assert!(page.body.contains("Record it as a debrief"));
    assert!(page.body.contains(r#"<a href="/opportunities">"#));
    // Advice, not a confirmation: no tick.
    assert!(page.body.contains(r#"<p class="advice" role="status">"#));
    // The flash already says it is saved; the note does not say it again.
    assert!(!page.body.contains("Saved. "), "{}", page.body);

    // Another account cannot make Sam's plan, nor read it.
    let other = app.person("mallory").await;
    let (_, theirs) = other.api(Method::GET, "/api/v1/plan", None).await;
    assert_eq!(theirs["items"], json!([]));
    // Nor read Sam's entry through the journal page's note.
    let page = other.get(&format!("/journal?logged={}", e["id"])).await;
    assert!(!page.body.contains("does not advance"));
}

/// Issue #16: each suggested tag says why, on the API and the journal
/// page; a person's corrections change their later suggestions and no one
/// else's.
#[tokio::test]
async fn suggested_tags_say_why_and_learn_from_their_person_only() {
    let app = App::start().await;
    let alice = app.person("alice").await;
    let bob = app.person("bob").await;
    let fresh = "Chaired the Thursday ops stand-up for the infrastructure team";
    let tags = |e: &serde_json::Value| -> Vec<String> {
        e["competencies"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|c| c.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (s, e) = alice
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": fresh})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    assert!(
        tags(&e).contains(&"leadership-delegation".to_owned()),
        "{e}"
    );
    assert_eq!(e["suggested"], true);
    let first = &e["suggestions"][0];
    assert!(
        first["why"]
            .as_str()
            .is_some_and(|w| w.contains("the words"))
            && first["matched"].as_array().is_some_and(|m| !m.is_empty()),
        "{e}"
    );
    let id = e["id"].as_i64().expect("id");
    // Alice tags such entries as running the service, not as leading.
    let (s, _) = alice
        .api(
            Method::PUT,
            &format!("/api/v1/journal/{id}"),
            Some(json!({"text": fresh, "competencies": ["service-operations"]})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = alice
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "Chaired the Monday ops stand-up and went through the open incidents", "competencies": ["service-operations"]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let again = "Chaired the Friday ops stand-up with the infrastructure team";
    let (_, e) = alice
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": again})),
        )
        .await;
    assert_eq!(tags(&e), vec!["service-operations".to_owned()], "{e}");
    assert!(
        e["suggestions"][0]["why"]
            .as_str()
            .is_some_and(|w| w.contains("like your own")),
        "{e}"
    );
    // The journal page shows the same suggestion, with why, still editable.
    let journal = alice.get("/journal").await;
    let r = alice
        .post(
            "/journal",
            &journal,
            &[("text", again), ("kind", ""), ("action", "suggest")],
        )
        .await;
    assert!(
        r.body.contains("value=\"service-operations\" checked")
            && r.body.contains("suggested for")
            && r.body.contains("like your own"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("value=\"leadership-delegation\" checked"));
    // Bob's suggestions do not learn from Alice.
    let (_, e) = bob
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": again})),
        )
        .await;
    assert!(
        tags(&e).contains(&"leadership-delegation".to_owned()),
        "{e}"
    );
    assert!(!e.to_string().contains("like your own"), "{e}");
}

/// Over the API alone a person can start, with the built-in framework or
/// one of their own, and switch framework together with the roles it
/// names; nothing is written when a part is wrong.
#[tokio::test]
async fn a_person_starts_and_switches_framework_over_the_api_alone() {
    let app = App::start().await;
    let _admin = app.person("joanne").await;
    let ward = include_str!("../../../../docs/examples/ward-leadership.toml");

    // An account without a profile: told how to start.
    let nurse = app.account("noor").await;
    let (s, v) = nurse.api(Method::GET, "/api/v1/status", None).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("PUT /api/v1/profile")),
        "{v}"
    );
    // A missing role, a role of another framework, a broken file: refused,
    // each naming what is wrong, and no profile made.
    let (s, v) = nurse
        .api(
            Method::PUT,
            "/api/v1/profile",
            Some(json!({"name": "Noor"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["field"], "current_role", "{v}");
    let (s, v) = nurse
        .api(
            Method::PUT,
            "/api/v1/profile",
            Some(
                json!({"name": "Noor", "current_role": "senior-admin", "target": "it-manager",
                        "framework": {"content": ward, "file_name": "ward.toml"}}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("ward-manager")),
        "the allowed roles are the file's: {v}"
    );
    let (s, v) = nurse
        .api(
            Method::PUT,
            "/api/v1/profile",
            Some(json!({"name": "Noor", "current_role": "staff-nurse", "target": "ward-manager",
                        "framework": {"content": "[framework]\nid = 1", "file_name": "broken.toml"}})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("broken.toml")),
        "{v}"
    );
    let (s, _) = nurse.api(Method::GET, "/api/v1/status", None).await;
    assert_eq!(s, StatusCode::CONFLICT, "nothing was made");

    // Started with a framework of another field, in one request.
    let (s, v) = nurse
        .api(
            Method::PUT,
            "/api/v1/profile",
            Some(json!({"name": "Noor", "current_role": "senior-staff-nurse", "target": "ward-manager",
                        "framework": {"content": ward, "file_name": "ward.toml"}})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, f) = nurse.api(Method::GET, "/api/v1/framework", None).await;
    assert_eq!(f["id"], "ward-leadership", "{f}");

    // Someone on the built-in framework switches to it, naming the roles
    // in the same step; without them the file's roles are listed.
    let admin = app.person("sam").await;
    let (s, v) = admin
        .api(
            Method::PUT,
            "/api/v1/framework",
            Some(json!({"content": ward, "file_name": "ward.toml"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(
        v["error"]["message"].as_str().is_some_and(
            |m| m.contains("staff-nurse") && m.contains("name one of its roles with it")
        ),
        "{v}"
    );
    let (s, v) = admin
        .api(
            Method::PUT,
            "/api/v1/framework",
            Some(json!({"content": ward, "file_name": "ward.toml",
                        "current_role": "staff-nurse", "target": "matron"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, status) = admin.api(Method::GET, "/api/v1/status", None).await;
    assert_eq!(status["framework"], "ward-leadership", "{status}");
    assert_eq!(status["target"], "matron", "{status}");
    // And back to the built-in one through the profile, with its roles.
    let (s, v) = admin
        .api(
            Method::PUT,
            "/api/v1/profile",
            Some(json!({"current_role": "sysadmin", "target": "it-manager",
                        "framework": {"content": leap_core::framework::BUILTIN_TOML}})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, f) = admin.api(Method::GET, "/api/v1/framework", None).await;
    assert_eq!(f["id"], "it-leadership");
}

/// Every route of the OpenAPI document is called with what it takes, and
/// each answer is checked against the schema the document gives it (as
/// every API answer of every test is, in `Browser::api`). The test fails
/// if a documented route with a body is left uncalled.
#[tokio::test]
async fn every_route_answers_as_its_schema_says() {
    let app = App::start().await;
    let jo = app.person("joanne").await;
    let coach = app.account("coach").await;
    let mut called = std::collections::BTreeSet::new();
    let doc = crate::openapi::Doc {
        doc: crate::openapi_doc(),
    };
    let mut call = async |b: &crate::Browser,
                          m: Method,
                          path: &str,
                          body: Option<serde_json::Value>,
                          want: StatusCode| {
        let route = doc.route(&m.as_str().to_lowercase(), path);
        let (s, v) = b.api(m.clone(), path, body).await;
        assert_eq!(s, want, "{m} {path}: {v}");
        called.insert((m.as_str().to_lowercase(), route));
        v
    };
    let ok = StatusCode::OK;
    let made = StatusCode::CREATED;
    let gone = StatusCode::NO_CONTENT;
    let in_two_weeks = (chrono::Utc::now().date_naive() + chrono::Duration::days(14)).to_string();

    call(&jo, Method::GET, "/api/v1/status", None, ok).await;
    call(
        &jo,
        Method::PUT,
        "/api/v1/profile",
        Some(json!({"name": "Joanne Reid"})),
        ok,
    )
    .await;
    call(&jo, Method::GET, "/api/v1/framework", None, ok).await;
    let builtin = leap_core::framework::BUILTIN_TOML;
    call(
        &jo,
        Method::PUT,
        "/api/v1/framework",
        Some(json!({"content": builtin})),
        ok,
    )
    .await;
    call(
        &jo,
        Method::POST,
        "/api/v1/assessments",
        Some(senior_admin_levels()),
        made,
    )
    .await;
    call(&jo, Method::GET, "/api/v1/assessments", None, ok).await;
    call(&jo, Method::GET, "/api/v1/gap", None, ok).await;
    call(
        &jo,
        Method::POST,
        "/api/v1/fit",
        Some(fit_answers(4, 2)),
        ok,
    )
    .await;

    let plan = call(
        &jo,
        Method::POST,
        "/api/v1/plan/generate",
        Some(json!({})),
        ok,
    )
    .await;
    let first = plan["items"][0]["id"].as_i64().expect("an item");
    call(&jo, Method::GET, "/api/v1/plan", None, ok).await;
    let own = json!({"text": "Run the team stand-up for a month", "competencies": ["leadership-delegation"]});
    let own = call(&jo, Method::POST, "/api/v1/plan/items", Some(own), made).await;
    let note = json!({"note": "Presented the plan to the finance director"});
    call(
        &jo,
        Method::POST,
        &format!("/api/v1/plan/items/{first}/done"),
        Some(note),
        ok,
    )
    .await;
    let own = own["id"].as_i64().expect("id");
    call(
        &jo,
        Method::POST,
        &format!("/api/v1/plan/items/{own}/drop"),
        Some(json!({})),
        ok,
    )
    .await;

    let entry = json!({"text": "Chaired the change advisory board while my manager was away"});
    let entry = call(&jo, Method::POST, "/api/v1/journal", Some(entry), made).await;
    let entry = entry["id"].as_i64().expect("id");
    call(&jo, Method::GET, "/api/v1/journal", None, ok).await;
    call(
        &jo,
        Method::GET,
        &format!("/api/v1/journal/{entry}"),
        None,
        ok,
    )
    .await;
    let edited =
        json!({"text": "Chaired the change advisory board", "competencies": ["communication"]});
    call(
        &jo,
        Method::PUT,
        &format!("/api/v1/journal/{entry}"),
        Some(edited),
        ok,
    )
    .await;
    let kept = json!({"text": "Mentored the new starter through her first on-call week"});
    call(&jo, Method::POST, "/api/v1/journal", Some(kept), made).await;
    call(
        &jo,
        Method::DELETE,
        &format!("/api/v1/journal/{entry}"),
        None,
        gone,
    )
    .await;

    let ask = json!({"raters": ["manager:Ann Lee", "peer:Bo Chan", "peer:Cy Diaz", "peer:Di Ek"], "closes_on": in_two_weeks});
    let ask = call(&jo, Method::POST, "/api/v1/feedback", Some(ask), made).await;
    let request = ask["request"]["id"].as_i64().expect("id");
    call(&jo, Method::GET, "/api/v1/feedback", None, ok).await;
    call(
        &jo,
        Method::GET,
        &format!("/api/v1/feedback/{request}"),
        None,
        ok,
    )
    .await;
    call(
        &jo,
        Method::POST,
        &format!("/api/v1/feedback/{request}/close"),
        Some(json!({})),
        ok,
    )
    .await;
    call(
        &jo,
        Method::GET,
        &format!("/api/v1/feedback/{request}/results"),
        None,
        ok,
    )
    .await;

    let opening = json!({"organisation": "Acme Retail", "title": "IT manager", "role": "it-manager", "company_profile": "mid-size", "internal": false});
    let opening = call(
        &jo,
        Method::POST,
        "/api/v1/opportunities",
        Some(opening),
        made,
    )
    .await;
    let opening = opening["id"].as_i64().expect("id");
    call(&jo, Method::GET, "/api/v1/opportunities", None, ok).await;
    call(
        &jo,
        Method::GET,
        &format!("/api/v1/opportunities/{opening}"),
        None,
        ok,
    )
    .await;
    let moved = json!({"stage": "rejected"});
    call(
        &jo,
        Method::POST,
        &format!("/api/v1/opportunities/{opening}/move"),
        Some(moved),
        ok,
    )
    .await;
    let debrief = json!({"reasons": "someone with more experience managing people was hired", "chosen_experience": "five years leading a team"});
    call(
        &jo,
        Method::POST,
        &format!("/api/v1/opportunities/{opening}/debriefs"),
        Some(debrief),
        made,
    )
    .await;

    let contact = json!({"name": "Sam Ortiz", "job_title": "Head of operations", "organisation": "Acme Retail", "cadence_days": 30});
    let contact = call(&jo, Method::POST, "/api/v1/contacts", Some(contact), made).await;
    assert_eq!(contact["job_title"], "Head of operations");
    let contact = contact["id"].as_i64().expect("id");
    call(&jo, Method::GET, "/api/v1/contacts", None, ok).await;
    call(
        &jo,
        Method::GET,
        &format!("/api/v1/contacts/{contact}"),
        None,
        ok,
    )
    .await;
    let met = json!({"kind": "meeting", "note": "Talked about their service desk"});
    call(
        &jo,
        Method::POST,
        &format!("/api/v1/contacts/{contact}/interactions"),
        Some(met),
        made,
    )
    .await;

    let checkin = json!({"levels": {"communication": 4}, "went_well": "Presented the outage review to the directors", "went_badly": "Lost my temper with a vendor"});
    call(&jo, Method::POST, "/api/v1/checkins", Some(checkin), made).await;
    call(&jo, Method::GET, "/api/v1/checkins", None, ok).await;
    call(&jo, Method::GET, "/api/v1/agenda", None, ok).await;
    let feed = call(&jo, Method::POST, "/api/v1/calendar-feeds", None, made).await;
    call(&jo, Method::GET, "/api/v1/calendar-feeds", None, ok).await;
    let feed = feed["id"].as_i64().expect("id");
    call(
        &jo,
        Method::DELETE,
        &format!("/api/v1/calendar-feeds/{feed}"),
        None,
        gone,
    )
    .await;

    let share =
        json!({"username": "coach", "parts": ["plan", "journal", "assessments", "feedback"]});
    let shares = call(&jo, Method::POST, "/api/v1/shares", Some(share), made).await;
    call(&jo, Method::GET, "/api/v1/shares", None, ok).await;
    let people = call(&coach, Method::GET, "/api/v1/shared", None, ok).await;
    let person = people["people"][0]["person"].as_i64().expect("person");
    for part in ["plan", "journal", "assessments", "feedback"] {
        call(
            &coach,
            Method::GET,
            &format!("/api/v1/shared/{person}/{part}"),
            None,
            ok,
        )
        .await;
    }
    let comment = json!({"on": "plan-item", "id": first, "text": "Good work on this one"});
    call(
        &coach,
        Method::POST,
        &format!("/api/v1/shared/{person}/comments"),
        Some(comment),
        made,
    )
    .await;
    call(&jo, Method::GET, "/api/v1/comments", None, ok).await;
    call(&jo, Method::GET, "/api/v1/audit", None, ok).await;
    call(&jo, Method::GET, "/api/v1/progress", None, ok).await;
    call(&jo, Method::GET, "/api/v1/export", None, ok).await;
    let share = shares["shares"][0]["id"].as_i64().expect("id");
    call(
        &jo,
        Method::DELETE,
        &format!("/api/v1/shares/{share}"),
        None,
        gone,
    )
    .await;

    // The organisation (joanne is the first account: the admin).
    call(
        &jo,
        Method::POST,
        "/api/v1/org/teams",
        Some(json!({"name": "IT"})),
        made,
    )
    .await;
    call(
        &jo,
        Method::POST,
        "/api/v1/org/teams",
        Some(json!({"name": "Servce desk", "parent": "IT"})),
        made,
    )
    .await;
    call(
        &jo,
        Method::PUT,
        "/api/v1/org/teams/Servce%20desk",
        Some(json!({"name": "Service desk", "parent": "IT"})),
        ok,
    )
    .await;
    call(&jo, Method::GET, "/api/v1/org/teams", None, ok).await;
    let file = "email,name,team,manager\njoanne,x,,\n";
    let (s, _) = jo
        .api(
            Method::POST,
            "/api/v1/org/import",
            Some(json!({"csv": file, "dry_run": true})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let file = "email,name,team,manager\nann@example.com,Ann Lee,IT,\nbo@example.com,Bo Diaz,Service desk,ann@example.com\n";
    call(
        &jo,
        Method::POST,
        "/api/v1/org/import",
        Some(json!({"csv": file})),
        ok,
    )
    .await;
    call(
        &jo,
        Method::PUT,
        "/api/v1/org/people/cy@example.com",
        Some(json!({"name": "Cy Oduya", "team": "IT", "manager": "ann@example.com"})),
        ok,
    )
    .await;
    call(&jo, Method::GET, "/api/v1/org/people", None, ok).await;
    call(
        &jo,
        Method::DELETE,
        "/api/v1/org/people/cy@example.com",
        None,
        gone,
    )
    .await;
    let csv = call(&jo, Method::GET, "/api/v1/org/export", None, ok).await;
    assert_eq!(csv.as_str(), Some(file));
    call(
        &jo,
        Method::PUT,
        "/api/v1/org/defaults",
        Some(json!({"defaults": [{"part": "plan", "reach": "manager"}]})),
        ok,
    )
    .await;
    call(&jo, Method::GET, "/api/v1/org/defaults", None, ok).await;
    call(
        &jo,
        Method::PUT,
        "/api/v1/org/settings",
        Some(json!({"min_group": 4})),
        ok,
    )
    .await;
    call(&jo, Method::GET, "/api/v1/org/settings", None, ok).await;
    call(
        &jo,
        Method::POST,
        "/api/v1/org/teams",
        Some(json!({"name": "Empty"})),
        made,
    )
    .await;
    call(&jo, Method::DELETE, "/api/v1/org/teams/Empty", None, gone).await;
    call(
        &jo,
        Method::PUT,
        "/api/v1/line",
        Some(json!({"part": "journal", "reach": "line"})),
        ok,
    )
    .await;
    call(&jo, Method::GET, "/api/v1/line", None, ok).await;
    // A manager's team (the manager's username is their e-mail).
    let boss = app.person("boss@example.com").await;
    let rep = app.person("rep@example.com").await;
    call(
        &jo,
        Method::PUT,
        "/api/v1/org/people/boss@example.com",
        Some(json!({"name": "Boss"})),
        ok,
    )
    .await;
    call(
        &jo,
        Method::PUT,
        "/api/v1/org/people/rep@example.com",
        Some(json!({"name": "Rep", "manager": "boss@example.com"})),
        ok,
    )
    .await;
    let team = call(&boss, Method::GET, "/api/v1/team", None, ok).await;
    let rep_id = team["people"][0]["person"].as_i64().expect("the report");
    call(
        &boss,
        Method::POST,
        &format!("/api/v1/team/{rep_id}/rating"),
        Some(json!({"levels": {"communication": 2}})),
        made,
    )
    .await;
    call(
        &boss,
        Method::GET,
        &format!("/api/v1/team/{rep_id}/rating"),
        None,
        ok,
    )
    .await;
    call(&rep, Method::GET, "/api/v1/rating", None, ok).await;
    let meeting = call(
        &boss,
        Method::POST,
        "/api/v1/one-to-ones",
        Some(json!({"person": rep_id, "held_on": "2026-12-01"})),
        made,
    )
    .await;
    let meeting = meeting["id"].as_i64().expect("its id");
    call(
        &rep,
        Method::POST,
        &format!("/api/v1/one-to-ones/{meeting}/entries"),
        Some(json!({"kind": "item", "text": "My training budget"})),
        gone,
    )
    .await;
    call(
        &boss,
        Method::GET,
        &format!("/api/v1/one-to-ones/{meeting}"),
        None,
        ok,
    )
    .await;
    call(&rep, Method::GET, "/api/v1/one-to-ones", None, ok).await;
    call(&rep, Method::GET, "/api/v1/succession", None, ok).await;
    call(
        &rep,
        Method::PUT,
        "/api/v1/succession",
        Some(json!({"roles": ["it-manager"]})),
        ok,
    )
    .await;
    let bench = call(&boss, Method::GET, "/api/v1/bench", None, ok).await;
    assert_eq!(bench["candidates"], 1, "{bench}");
    call(&boss, Method::GET, "/api/v1/bench/export", None, ok).await;
    // Accounts, by joanne, the first account and so an administrator.
    call(&jo, Method::GET, "/api/v1/accounts", None, ok).await;
    let dana = "/api/v1/accounts/dana@example.org";
    call(
        &jo,
        Method::POST,
        "/api/v1/accounts",
        Some(json!({"username": "dana@example.org"})),
        made,
    )
    .await;
    call(&jo, Method::PATCH, dana, Some(json!({"admin": true})), ok).await;
    call(
        &jo,
        Method::POST,
        &format!("{dana}/password-reset"),
        None,
        made,
    )
    .await;
    call(&jo, Method::DELETE, dana, None, gone).await;
    call(&jo, Method::GET, "/api/v1/sign-in", None, ok).await;
    call(
        &jo,
        Method::PUT,
        "/api/v1/sign-in",
        Some(json!({"local_passwords": true, "sso_registration": false})),
        ok,
    )
    .await;
    call(&jo, Method::GET, "/api/v1/admin-audit", None, ok).await;

    let documented: std::collections::BTreeSet<(String, String)> = crate::openapi_doc()["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .expect("operations")
                .keys()
                .map(move |m| (m.clone(), path.clone()))
        })
        .collect();
    let missed: Vec<_> = documented.difference(&called).collect();
    assert!(missed.is_empty(), "routes not called: {missed:?}");
}

/// The check itself catches an answer unlike its schema: a field the
/// document does not describe, a value of another type, a missing field.
#[test]
fn the_schema_check_catches_what_is_not_documented() {
    let doc = crate::openapi::Doc {
        doc: crate::openapi_doc(),
    };
    let schema = doc
        .response_schema("get", "/api/v1/journal", 200)
        .expect("a body");
    let good = json!({"entries": [{"id": 1, "date": "2026-11-20", "text": "x", "kind": "experience", "competencies": ["communication"], "names_gap": false}]});
    assert!(
        doc.check(&good, schema, "body").is_empty(),
        "{:?}",
        doc.check(&good, schema, "body")
    );
    let extra = json!({"entries": [{"id": 1, "date": "2026-11-20", "text": "x", "kind": "experience", "competencies": [], "names_gap": false, "secret": 1}]});
    let wrong = json!({"entries": [{"id": "1", "date": "2026-11-20", "text": "x", "kind": "experience", "competencies": [], "names_gap": false}]});
    let missing = json!({"entries": [{"id": 1, "text": "x", "kind": "experience", "competencies": [], "names_gap": false}]});
    let bad_kind = json!({"entries": [{"id": 1, "date": "2026-11-20", "text": "x", "kind": "gossip", "competencies": [], "names_gap": false}]});
    let bad_date = json!({"entries": [{"id": 1, "date": "20 Nov", "text": "x", "kind": "experience", "competencies": [], "names_gap": false}]});
    for (what, v) in [
        ("extra", extra),
        ("wrong", wrong),
        ("missing", missing),
        ("kind", bad_kind),
        ("date", bad_date),
    ] {
        assert_eq!(
            doc.check(&v, schema, "body").len(),
            1,
            "{what}: {:?}",
            doc.check(&v, schema, "body")
        );
    }
}

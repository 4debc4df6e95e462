//! 360 feedback over HTTP: a request made on the web, raters answering
//! through their links without an account, results that leave out a group
//! below its minimum everywhere, readiness that takes the feedback in, and
//! another account refused.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::api::senior_admin_levels;
use crate::{App, Browser, Page};

const ASKED: [&str; 3] = ["communication", "budgeting-funding", "strategy-roadmap"];

/// Every rater link on a page.
fn links(page: &Page) -> Vec<String> {
    page.body
        .match_indices("/feedback/answer/")
        .map(|(i, m)| {
            let token: String = page.body[i + m.len()..]
                .chars()
                .take_while(char::is_ascii_hexdigit)
                .collect();
            format!("/feedback/answer/{token}")
        })
        .collect()
}

/// A rater answering: (competency, level or "not-observed", comment).
async fn answer(app: &App, link: &str, answers: &[(&str, &str, &str)], overall: &str) -> Page {
    let rater = app.browser();
    let form = rater.get(link).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    // A manager or a peer reads descriptions, never the framework's citations.
    assert!(
        !form.body.contains("seed 0") && !form.body.contains("Sources"),
        "{}",
        form.body
    );
    let mut fields: Vec<(String, String)> = Vec::new();
    for (c, level, comment) in answers {
        fields.push((format!("rating.{c}"), (*level).to_owned()));
        fields.push((format!("comment.{c}"), (*comment).to_owned()));
    }
    fields.push(("overall".to_owned(), overall.to_owned()));
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    rater.post(link, &form, &borrowed).await
}

async fn make_request(b: &Browser, raters: &str) -> (i64, Vec<String>) {
    let page = b.get("/feedback").await;
    assert_eq!(page.status, StatusCode::OK);
    let mut fields = vec![("raters", raters), ("closes_on", "2026-12-08")];
    fields.extend(ASKED.iter().map(|c| ("competency", *c)));
    let created = b.post("/feedback", &page, &fields).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created
        .body
        .split("Feedback request #")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .expect("request id");
    (id, links(&created))
}

#[tokio::test]
async fn feedback_from_links_to_results_keeps_small_groups_out_everywhere() {
    let app = App::start().await;
    let b = app.person("joanne").await;
    let mut levels = senior_admin_levels();
    levels["levels"]["communication"] = json!(3);
    levels["levels"]["budgeting-funding"] = json!(1);
    levels["levels"]["strategy-roadmap"] = json!(2);
    let (s, _) = b
        .api(Method::POST, "/api/v1/assessments", Some(levels))
        .await;
    assert_eq!(s, StatusCode::CREATED);

    // Bad input: named, kept, nothing stored.
    let page = b.get("/feedback").await;
    let bad = b
        .post(
            "/feedback",
            &page,
            &[
                ("raters", "boss: Ann Lee\nfriend: Bo"),
                ("closes_on", "2026-11-01"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("invalid rater group"), "{}", bad.body);
    assert_eq!(
        bad.body.matches("invalid rater group").count(),
        2,
        "every bad line is named: {}",
        bad.body
    );
    assert!(bad.body.contains("boss: Ann Lee"), "what was typed is kept");
    assert!(bad.body.contains("a day after today"), "{}", bad.body);
    let (_, none) = b.api(Method::GET, "/api/v1/feedback", None).await;
    assert_eq!(none, json!([]));

    let (id, links) = make_request(
        &b,
        "manager: Ann Lee <ann@example.com>\npeer: Pat One\npeer: Pat Two\npeer: Pat Three\ndirect-report: Dee One\ndirect-report: Dee Two",
    )
    .await;
    assert_eq!(links.len(), 6);
    assert!(
        links
            .iter()
            .all(|l| l.len() == "/feedback/answer/".len() + 64),
        "256-bit tokens"
    );

    // The manager is told their answers are not anonymous; a peer that
    // theirs are.
    let manager_form = app.browser().get(&links[0]).await;
    assert!(
        manager_form.body.contains("not anonymous"),
        "{}",
        manager_form.body
    );
    let peer_form = app.browser().get(&links[1]).await;
    assert!(peer_form.body.contains("Your answers are anonymous"));
    assert!(peer_form.body.contains("Not observed"));

    // A rater's form with a choice missing: refused by field, typed kept.
    let partial = answer(
        &app,
        &links[1],
        &[("communication", "4", "kept comment")],
        "",
    )
    .await;
    assert_eq!(partial.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        partial.body.contains("rating.budgeting-funding-error"),
        "{}",
        partial.body
    );
    assert!(partial.body.contains("kept comment"));

    // Per rater: levels for communication, budgeting, strategy; the
    // comment on each; the overall comment.
    let answers = [
        (["4", "3", "4"], "Manager remark", "Ready soon"),
        (["4", "3", "3"], "calm", "o1"),
        (["4", "3", "3"], "clear", "o2"),
        (["4", "not-observed", "3"], "concise", "o3"),
        (["0", "0", "0"], "DR-secret-remark", "DR-overall-secret"),
        (["0", "0", "0"], "DR-secret-remark", "DR-overall-secret"),
    ];
    for (i, (levels, comment, overall)) in answers.iter().enumerate() {
        let borrowed: Vec<(&str, &str, &str)> = ASKED
            .iter()
            .zip(levels)
            .map(|(c, l)| (*c, *l, *comment))
            .collect();
        let saved = answer(&app, &links[i], &borrowed, overall).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        assert!(saved.body.contains("your answers are saved"));
    }
    // A rater can come back and see (and change) what they said.
    let again = app.browser().get(&links[1]).await;
    assert!(again.body.contains("calm"));

    // While open: counts per group, no results, nobody named as answering.
    let (s, status) = b
        .api(Method::GET, &format!("/api/v1/feedback/{id}"), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        status["groups"],
        json!([
            {"group": "manager", "answered": 1, "asked": 1, "minimum": 1},
            {"group": "peer", "answered": 3, "asked": 3, "minimum": 3},
            {"group": "direct-report", "answered": 2, "asked": 2, "minimum": 3},
        ])
    );
    assert!(status["raters"][0].get("answered").is_none(), "{status}");
    let (s, _) = b
        .api(Method::GET, &format!("/api/v1/feedback/{id}/results"), None)
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "results wait for the close");
    let open = b.get(&format!("/feedback/{id}")).await;
    assert!(open.body.contains("Answers so far") && !open.body.contains("results-h"));

    // Close on the web; raters can no longer change anything.
    let closed = b.post(&format!("/feedback/{id}/close"), &open, &[]).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    let late = answer(
        &app,
        &links[1],
        &[
            ("communication", "5", "late"),
            ("budgeting-funding", "5", "late"),
            ("strategy-roadmap", "5", "late"),
        ],
        "",
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(late.body.contains("closed"));

    // Results: the page and the API leave the direct reports (2 < 3) out
    // of everything, the "all others" figure included.
    let page = b.get(&format!("/feedback/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("results-h"));
    for secret in ["DR-secret-remark", "DR-overall-secret", "late"] {
        assert!(!page.body.contains(secret), "{secret} leaked");
    }
    assert!(page.body.contains("calm") && page.body.contains("Ready soon"));
    assert!(page.body.contains("<svg"), "self against others chart");
    let (s, r) = b
        .api(Method::GET, &format!("/api/v1/feedback/{id}/results"), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let text = r.to_string();
    assert!(!text.contains("DR-secret"), "{text}");
    let shown: Vec<&serde_json::Value> = r["competencies"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|c| c["groups"].as_array().into_iter().flatten())
        .map(|g| &g["group"])
        .chain(
            r["overall"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|g| &g["group"]),
        )
        .collect();
    assert!(!shown.iter().any(|g| *g == "direct-report"), "{text}");
    let row = |id: &str| {
        r["competencies"]
            .as_array()
            .and_then(|a| a.iter().find(|c| c["id"] == id))
            .cloned()
            .expect("row")
    };
    let comm = row("communication");
    assert_eq!(comm["self"], 3);
    assert_eq!(comm["others"], json!({"raters": 4, "average": 4.0}));
    assert_eq!(
        comm["groups"][1]["comments"],
        json!(["calm", "clear", "concise"])
    );
    let budget = row("budgeting-funding");
    assert_eq!(
        budget["groups"].as_array().map(Vec::len),
        Some(1),
        "2 peers: hidden"
    );
    assert_eq!(budget["others"], json!({"raters": 1, "average": 3.0}));
    assert_eq!(budget["signal"], "hidden-strength");
    assert_eq!(row("strategy-roadmap")["others"]["average"], 3.3);
    assert_eq!(r["overall"].as_array().map(Vec::len), Some(2));

    // Readiness takes it in: (3 + 4 + 4) / 3 rounds to 4, and the request
    // counts as evidence.
    let (_, gap) = b.api(Method::GET, "/api/v1/gap", None).await;
    let c = gap["competencies"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["id"] == "communication"))
        .cloned()
        .expect("communication");
    assert_eq!(c["current"], 4);
    assert_eq!(c["source"], "self+manager+others");
    assert!(c["evidence"].as_u64().is_some_and(|n| n >= 1));
    // The dashboard judges readiness the same way.
    let percent = gap["readiness"]
        .as_f64()
        .map(|r| (r * 100.0).floor() as u32);
    let home = b.get("/").await;
    assert!(
        percent.is_some_and(|p| home.body.contains(&format!("{p}%</span>"))),
        "{percent:?}: {}",
        home.body
    );
    let gaps = b.get("/gaps").await;
    assert!(
        gaps.body.contains("self + manager + others"),
        "{}",
        gaps.body
    );

    // A link that does not exist.
    let wrong = app
        .browser()
        .get(&format!("/feedback/answer/{}", "ab".repeat(32)))
        .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);

    // Another account sees none of it.
    let mallory = app.person("mallory").await;
    for path in [
        format!("/feedback/{id}"),
        format!("/api/v1/feedback/{id}"),
        format!("/api/v1/feedback/{id}/results"),
    ] {
        assert_eq!(
            mallory.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let own = mallory.get("/feedback").await;
    assert!(!own.body.contains(&format!("#{id}<")), "{}", own.body);
    let r = mallory
        .post(
            &format!("/feedback/{id}/minimums"),
            &own,
            &[("min_peer", "4")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let (s, _) = mallory
        .api(
            Method::POST,
            &format!("/api/v1/feedback/{id}/close"),
            Some(json!({})),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, list) = mallory.api(Method::GET, "/api/v1/feedback", None).await;
    assert_eq!(list, json!([]));
}

#[tokio::test]
async fn minimums_rise_only_and_only_before_anyone_answers() {
    let app = App::start().await;
    let b = app.person("joanne").await;
    let (s, v) = b
        .api(
            Method::POST,
            "/api/v1/feedback",
            Some(json!({
                "raters": ["peer:A", "peer:B", "peer:C", "peer:D"],
                "closes_on": "2026-12-01",
                "minimums": {"peer": 4}
            })),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["request"]["id"].as_i64().expect("id");
    assert_eq!(v["request"]["minimums"]["peer"], 4);
    let link = v["links"][0]["url"]
        .as_str()
        .and_then(|u| u.find("/feedback/answer/").map(|i| u[i..].to_owned()))
        .expect("link");
    assert!(v["request"]["competencies"]
        .as_array()
        .is_some_and(|c| !c.is_empty()));

    let (s, e) = b
        .api(
            Method::POST,
            "/api/v1/feedback",
            Some(json!({"raters": ["peer:A"], "closes_on": "2026-12-01", "minimums": {"peer": 2}})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["error"]["field"], "min_peer");

    let page = b.get(&format!("/feedback/{id}")).await;
    let lower = b
        .post(
            &format!("/feedback/{id}/minimums"),
            &page,
            &[("min_peer", "2")],
        )
        .await;
    assert_eq!(lower.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(lower.body.contains("only be raised"), "{}", lower.body);
    let raise = b
        .post(
            &format!("/feedback/{id}/minimums"),
            &page,
            &[("min_peer", "5")],
        )
        .await;
    assert_eq!(raise.status, StatusCode::SEE_OTHER);

    // One answer, and the minimums are fixed.
    let f = app.browser().get(&link).await;
    assert!(
        f.body.contains("at least 5 of you"),
        "raters are told this request's minimum: {}",
        f.body
    );
    let competencies: Vec<String> = v["request"]["competencies"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let fields: Vec<(String, String)> = competencies
        .iter()
        .map(|c| (format!("rating.{c}"), "not-observed".to_owned()))
        .collect();
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = app.browser().post(&link, &f, &borrowed).await;
    // A new browser has a new session: its CSRF token is not the form's.
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let rater = app.browser();
    let f = rater.get(&link).await;
    assert_eq!(
        rater.post(&link, &f, &borrowed).await.status,
        StatusCode::OK
    );
    let page = b.get(&format!("/feedback/{id}")).await;
    assert!(!page.body.contains("Save the minimums"), "the form is gone");
    let r = b
        .post(
            &format!("/feedback/{id}/minimums"),
            &page,
            &[("min_peer", "6")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("cannot change"), "{}", r.body);
}

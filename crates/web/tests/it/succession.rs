//! The succession bench: people ask to be considered for management roles;
//! administrators see everyone's bench, managers the people below them,
//! each placed by evidence-gated readiness with the reason; anyone else
//! gets 404. And every new organisation page and route, for six viewers.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::api::senior_admin_levels;
use crate::{App, Browser};

/// Dee directs Ann, who manages Bo and Cy; Eve manages Fay in another
/// team; Zed is in no reporting line.
const ORG: &str = "email,name,team,manager\n\
    dee@example.com,Dee Okafor,IT,\n\
    ann@example.com,Ann Lee,Infrastructure,dee@example.com\n\
    bo@example.com,Bo Diaz,Infrastructure,ann@example.com\n\
    cy@example.com,Cy Oduya,Infrastructure,ann@example.com\n\
    eve@example.com,Eve Marsh,Service Desk,\n\
    fay@example.com,Fay Wu,Service Desk,eve@example.com\n";

async fn organisation(admin: &Browser) {
    for (name, parent) in [
        ("IT", None),
        ("Infrastructure", Some("IT")),
        ("Service Desk", None),
    ] {
        let (s, v) = admin
            .api(
                Method::POST,
                "/api/v1/org/teams",
                Some(json!({"name": name, "parent": parent})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let (s, v) = admin
        .api(
            Method::POST,
            "/api/v1/org/import",
            Some(json!({"csv": ORG})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

/// The names on a role's bench, by group.
fn names(bench: &Value, role: &str, group: &str) -> Vec<String> {
    let mut out: Vec<String> = bench["roles"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["role"] == role))
        .map(|r| {
            r["teams"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|t| t[group].as_array().cloned().unwrap_or_default())
                .filter_map(|c| c["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn everyone(bench: &Value, role: &str) -> Vec<String> {
    let mut all: Vec<String> = ["ready_now", "one_to_two_years", "later"]
        .iter()
        .flat_map(|g| names(bench, role, g))
        .collect();
    all.sort();
    all
}

#[tokio::test]
async fn the_bench_shows_who_asked_by_when_they_could_step_up_to_those_above_them() {
    let app = App::start().await;
    let admin = app.person("admin").await;
    let dee = app.person("dee@example.com").await;
    let ann = app.person("ann@example.com").await;
    let bo = app.person("bo@example.com").await;
    let cy = app.person("cy@example.com").await;
    let eve = app.person("eve@example.com").await;
    let fay = app.person("fay@example.com").await;
    organisation(&admin).await;
    for who in [&bo, &cy, &fay] {
        who.api(
            Method::POST,
            "/api/v1/assessments",
            Some(senior_admin_levels()),
        )
        .await;
    }

    // Bo asks on his Sharing page.
    let page = bo.get("/sharing").await;
    assert!(page.body.contains("Consider me for"), "{}", page.body);
    let r = bo
        .post("/sharing/succession", &page, &[("role", "it-manager")])
        .await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, "/sharing#succession-h")
    );
    // Cy asks for a role that is not a management role: refused, named,
    // and nothing changes.
    let (s, v) = cy
        .api(
            Method::PUT,
            "/api/v1/succession",
            Some(json!({"roles": ["it-manager", "sysadmin"]})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("invalid role 'sysadmin'"),
        "{v}"
    );
    let (_, mine) = cy.api(Method::GET, "/api/v1/succession", None).await;
    assert!(
        mine["roles"]
            .as_array()
            .is_some_and(|r| r.iter().all(|c| c["since"].is_null())),
        "{mine}"
    );
    let (s, v) = cy
        .api(
            Method::PUT,
            "/api/v1/succession",
            Some(json!({"roles": ["it-manager", "it-director"]})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    fay.api(
        Method::PUT,
        "/api/v1/succession",
        Some(json!({"roles": ["it-manager"]})),
    )
    .await;

    // The administrator sees the organisation's bench.
    let (s, all) = admin.api(Method::GET, "/api/v1/bench", None).await;
    assert_eq!(s, StatusCode::OK, "{all}");
    assert_eq!(all["organisation"], true);
    assert_eq!(all["candidates"], 3);
    assert_eq!(
        everyone(&all, "it-manager"),
        ["Bo Diaz", "Cy Oduya", "Fay Wu"]
    );
    assert_eq!(everyone(&all, "it-director"), ["Cy Oduya"]);
    // A senior administrator with a critical budgeting gap and no evidence
    // is not ready now; the reason says why, of them.
    assert!(names(&all, "it-manager", "ready_now").is_empty());
    let manager = all["roles"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["role"] == "it-manager"))
        .expect("the IT manager's bench");
    assert_eq!(manager["no_successor"], true, "{manager}");
    let bo_row = manager["teams"][0]["one_to_two_years"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["name"] == "Bo Diaz"))
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(bo_row["team"], "Infrastructure", "{manager}");
    let why = bo_row["explanation"].as_str().unwrap_or("");
    assert!(why.starts_with("Critical gaps: "), "{why}");
    assert!(
        why.contains("Budgeting, funding and purchasing (1 of 3)"),
        "{why}"
    );
    assert!(!why.contains("you"), "{why}");
    // Roles no one asked for are there, flagged.
    let cio = all["roles"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["role"] == "cio"))
        .expect("CIO");
    assert_eq!(
        (cio["ready_now"].as_u64(), cio["no_successor"].as_bool()),
        (Some(0), Some(true))
    );

    // Managers see the people below them only.
    let (_, a) = ann.api(Method::GET, "/api/v1/bench", None).await;
    assert_eq!(a["organisation"], false);
    assert_eq!(everyone(&a, "it-manager"), ["Bo Diaz", "Cy Oduya"]);
    let (_, d) = dee.api(Method::GET, "/api/v1/bench", None).await;
    assert_eq!(everyone(&d, "it-manager"), ["Bo Diaz", "Cy Oduya"]);
    let (_, e) = eve.api(Method::GET, "/api/v1/bench", None).await;
    assert_eq!(everyone(&e, "it-manager"), ["Fay Wu"]);
    // Anyone else: nothing is theirs.
    for who in [&bo, &fay] {
        assert_eq!(
            who.api(Method::GET, "/api/v1/bench", None).await.0,
            StatusCode::NOT_FOUND
        );
        assert_eq!(who.get("/bench").await.status, StatusCode::NOT_FOUND);
        assert_eq!(who.get("/bench.csv").await.status, StatusCode::NOT_FOUND);
        assert!(!who.get("/").await.body.contains("href=\"/bench\""));
    }

    // The page and the CSV.
    let page = ann.get("/bench").await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Succession bench",
        "Bo Diaz",
        "Cy Oduya",
        "None ready now",
        "Within 2 years",
    ] {
        assert!(page.body.contains(text), "{text}: {}", page.body);
    }
    assert!(!page.body.contains("Fay Wu"));
    assert!(ann.get("/").await.body.contains("href=\"/bench\""));
    let csv = admin.get("/bench.csv").await;
    assert_eq!(
        csv.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/csv; charset=utf-8")
    );
    assert!(
        csv.body
            .starts_with("role,team,group,name,email,readiness,band,since,explanation\n"),
        "{}",
        csv.body
    );
    assert!(
        csv.body
            .contains("IT manager,Infrastructure,within 2 years,Bo Diaz,bo@example.com,"),
        "{}",
        csv.body
    );
    let (s, api_csv) = admin.api(Method::GET, "/api/v1/bench/export", None).await;
    assert_eq!(s, StatusCode::OK, "{api_csv}");

    // Narrowed to a team, with the teams inside it.
    let (_, infra) = admin
        .api(Method::GET, "/api/v1/bench?team=Infrastructure", None)
        .await;
    assert_eq!(everyone(&infra, "it-manager"), ["Bo Diaz", "Cy Oduya"]);
    assert_eq!(
        (infra["team"].as_str(), infra["candidates"].as_u64()),
        (Some("Infrastructure"), Some(2))
    );
    let (_, it) = admin.api(Method::GET, "/api/v1/bench?team=IT", None).await;
    assert_eq!(everyone(&it, "it-manager"), ["Bo Diaz", "Cy Oduya"]);
    let (s, v) = admin
        .api(Method::GET, "/api/v1/bench?team=Nowhere", None)
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("invalid team 'Nowhere'"),
        "{v}"
    );
    let page = admin.get("/bench?team=Nowhere").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("invalid team &#39;Nowhere&#39;")
            || page.body.contains("invalid team 'Nowhere'"),
        "{}",
        page.body
    );
    let page = admin.get("/bench?team=Service+Desk").await;
    assert!(
        page.body.contains("Fay Wu") && !page.body.contains("Bo Diaz"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("/bench.csv?team=Service+Desk"),
        "{}",
        page.body
    );
    let csv = admin.get("/bench.csv?team=Service+Desk").await.body;
    assert!(csv.contains("Fay Wu") && !csv.contains("Bo Diaz"), "{csv}");
    // Eve's bench has only her own team to narrow to.
    let (_, e) = eve.api(Method::GET, "/api/v1/bench", None).await;
    assert_eq!(e["teams"], json!(["Service Desk"]));
    let (s, _) = eve
        .api(Method::GET, "/api/v1/bench?team=Infrastructure", None)
        .await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not a team on her bench"
    );

    // Bo withdraws (no role ticked): off every bench.
    let page = bo.get("/sharing").await;
    let r = bo.post("/sharing/succession", &page, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let (_, a) = ann.api(Method::GET, "/api/v1/bench", None).await;
    assert_eq!(everyone(&a, "it-manager"), ["Cy Oduya"]);
}

/// What each of six viewers gets from each new page and route: the person
/// (Bo), their manager (Ann), their manager's manager (Dee), a manager of
/// another team (Eve), an administrator, and an outsider (Zed).
#[tokio::test]
async fn every_organisation_page_and_route_answers_each_of_six_viewers_as_it_should() {
    let app = App::start().await;
    let admin = app.person("admin").await;
    let dee = app.person("dee@example.com").await;
    let ann = app.person("ann@example.com").await;
    let bo = app.person("bo@example.com").await;
    let eve = app.person("eve@example.com").await;
    let _fay = app.person("fay@example.com").await;
    let zed = app.person("zed@example.com").await;
    organisation(&admin).await;
    bo.api(
        Method::POST,
        "/api/v1/assessments",
        Some(senior_admin_levels()),
    )
    .await;
    bo.api(
        Method::PUT,
        "/api/v1/line",
        Some(json!({"part": "assessments", "reach": "line"})),
    )
    .await;
    bo.api(
        Method::PUT,
        "/api/v1/succession",
        Some(json!({"roles": ["it-manager"]})),
    )
    .await;
    let (_, team) = ann.api(Method::GET, "/api/v1/team", None).await;
    let id = team["people"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "Bo Diaz"))
        .and_then(|p| p["person"].as_i64())
        .expect("Bo on Ann's team");
    let (s, v) = ann
        .api(
            Method::POST,
            &format!("/api/v1/team/{id}/rating"),
            Some(json!({"levels": {"communication": 3}})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, o) = ann
        .api(
            Method::POST,
            "/api/v1/one-to-ones",
            Some(json!({"person": id})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{o}");
    let meeting = o["id"].as_i64().expect("one-to-one id");
    let (s, v) = ann
        .api(
            Method::POST,
            &format!("/api/v1/one-to-ones/{meeting}/entries"),
            Some(json!({"kind": "note", "text": "Budget: Bo shadows the Q3 review"})),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{v}");

    let viewers: [(&str, &Browser); 6] = [
        ("person", &bo),
        ("manager", &ann),
        ("manager's manager", &dee),
        ("other team's manager", &eve),
        ("administrator", &admin),
        ("outsider", &zed),
    ];
    // Each page, what marks Bo's record on it, and what each viewer above
    // gets, in order: Y 200 with the mark, y 200 without, N 404, F 403.
    let link = format!("/one-to-ones/{meeting}");
    let pages: Vec<(String, &str, &str)> = vec![
        ("/team".into(), "Bo Diaz", "N Y Y y N N"),
        (format!("/team/{id}/rating"), "Bo Diaz", "N Y N N N N"),
        ("/one-to-ones".into(), &link, "Y Y y y y y"),
        (link.clone(), "Budget", "Y Y N N N N"),
        ("/bench".into(), "Bo Diaz", "N Y Y y Y N"),
        ("/bench.csv".into(), "Bo Diaz", "N Y Y y Y N"),
        (
            format!("/shared/{id}/assessments"),
            "bo@example.com: assessments",
            "N Y Y N N N",
        ),
        ("/admin/org".into(), "Bo Diaz", "F F F F Y F"),
        ("/api/v1/team".into(), "Bo Diaz", "N Y Y y N N"),
        (
            format!("/api/v1/team/{id}/rating"),
            "Bo Diaz",
            "N Y N N N N",
        ),
        (
            format!("/api/v1/one-to-ones/{meeting}"),
            "Budget",
            "Y Y N N N N",
        ),
        ("/api/v1/bench".into(), "Bo Diaz", "N Y Y y Y N"),
        ("/api/v1/bench/export".into(), "Bo Diaz", "N Y Y y Y N"),
        (
            format!("/api/v1/shared/{id}/assessments"),
            "bo@example.com",
            "N Y Y N N N",
        ),
        ("/api/v1/org/people".into(), "Bo Diaz", "F F F F Y F"),
        ("/api/v1/org/export".into(), "Bo Diaz", "F F F F Y F"),
    ];
    for (path, mark, expected) in &pages {
        for ((who, b), want) in viewers.iter().zip(expected.split(' ')) {
            let (status, body) = if path.starts_with("/api/") {
                let (s, v) = b.api(Method::GET, path, None).await;
                (s, v.to_string())
            } else {
                let r = b.get(path).await;
                (r.status, r.body)
            };
            let got = match (status.as_u16(), body.contains(mark)) {
                (200, true) => "Y",
                (200, false) => "y",
                (404, _) => "N",
                (403, _) => "F",
                _ => "?",
            };
            assert_eq!(got, want, "{who} at {path} ({status}): {body}");
        }
    }
    // Writes: only Bo's manager rates him or starts a one-to-one with him;
    // only the two add to it.
    for (who, b) in &viewers {
        let (s, _) = b
            .api(
                Method::POST,
                &format!("/api/v1/team/{id}/rating"),
                Some(json!({"levels": {"communication": 2}})),
            )
            .await;
        assert_eq!(s.as_u16() == 201, *who == "manager", "{who} rating Bo: {s}");
        let (s, _) = b
            .api(
                Method::POST,
                "/api/v1/one-to-ones",
                Some(json!({"person": id})),
            )
            .await;
        assert_eq!(
            s.as_u16() == 201,
            *who == "manager",
            "{who} starting a one-to-one: {s}"
        );
        let (s, _) = b
            .api(
                Method::POST,
                &format!("/api/v1/one-to-ones/{meeting}/entries"),
                Some(json!({"kind": "item", "text": "Budget workshop"})),
            )
            .await;
        assert_eq!(
            s.as_u16() == 204,
            matches!(*who, "manager" | "person"),
            "{who} adding to the one-to-one: {s}"
        );
    }
}

/// Bo meets every level an IT manager is expected at, with evidence for
/// each critical competency: ready now. Then feedback names a gap in his
/// delegation: an IT director would not call him ready now on a rating the
/// feedback doubts, on the bench nor on his own page, until something he
/// records later answers it.
#[tokio::test]
async fn feedback_naming_a_gap_keeps_a_candidate_from_ready_now_until_later_evidence_answers_it() {
    let app = App::start().await;
    let admin = app.person("admin").await;
    let bo = app.person("bo@example.com").await;
    let ann = app.person("ann@example.com").await;
    organisation(&admin).await;
    let (s, v) = bo
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(json!({"levels": {
                "technical-excellence": 4, "service-operations": 4, "project-management": 4,
                "leadership-delegation": 3, "developing-staff": 3, "conflict-emotional-intelligence": 3,
                "business-acumen": 3, "budgeting-funding": 3, "strategy-roadmap": 3, "compliance-risk": 3,
                "resource-planning": 3, "communication": 3, "relationships-networking": 3, "organisational-savvy": 3
            }})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let log = |text: &str, date: &str, competencies: &[&str], names_gap: bool| json!({"text": text, "date": date, "competencies": competencies, "names_gap": names_gap});
    for entry in [
        log(
            "Ran the storage refresh project",
            "2026-09-01",
            &["project-management"],
            false,
        ),
        log(
            "Handed the patching rota to Tom",
            "2026-09-08",
            &["leadership-delegation"],
            false,
        ),
        log(
            "Set goals with each junior",
            "2026-09-15",
            &["developing-staff"],
            false,
        ),
        log(
            "Explained the outage's cost in orders",
            "2026-09-22",
            &["business-acumen"],
            false,
        ),
        log(
            "Built next year's budget with finance",
            "2026-09-29",
            &["budgeting-funding"],
            false,
        ),
    ] {
        let (s, v) = bo.api(Method::POST, "/api/v1/journal", Some(entry)).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    bo.api(
        Method::PUT,
        "/api/v1/succession",
        Some(json!({"roles": ["it-manager"]})),
    )
    .await;
    // Bo shares his assessments with his manager, Ann.
    let (s, v) = bo
        .api(
            Method::POST,
            "/api/v1/shares",
            Some(json!({"username": "ann@example.com", "parts": ["assessments"]})),
        )
        .await;
    assert!(s.is_success(), "{s} {v}");
    let placed = |bench: &Value| -> (String, String) {
        for group in ["ready_now", "one_to_two_years", "later"] {
            if names(bench, "it-manager", group) == ["Bo Diaz"] {
                let why = bench["roles"]
                    .as_array()
                    .and_then(|r| r.iter().find(|r| r["role"] == "it-manager"))
                    .and_then(|r| r["teams"][0][group][0]["explanation"].as_str())
                    .unwrap_or("")
                    .to_owned();
                return (group.to_owned(), why);
            }
        }
        (String::new(), bench.to_string())
    };
    let band = |gap: &Value| gap["band"].as_str().unwrap_or("").to_owned();
    let (_, all) = admin.api(Method::GET, "/api/v1/bench", None).await;
    assert_eq!(placed(&all).0, "ready_now", "{all}");
    let (_, gap) = bo.api(Method::GET, "/api/v1/gap", None).await;
    assert_eq!(band(&gap), "ready-now", "{gap}");

    // His manager's appraisal names a gap in his delegation.
    let (s, v) = bo
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(log(
                "Appraisal: takes the work back whenever a project slips",
                "2026-10-06",
                &["leadership-delegation"],
                true,
            )),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, all) = admin.api(Method::GET, "/api/v1/bench", None).await;
    let (group, why) = placed(&all);
    assert_eq!(group, "one_to_two_years", "{all}");
    assert!(
        why.starts_with("Feedback names a gap in the critical Leadership and delegation"),
        "{why}"
    );
    let (_, gap) = bo.api(Method::GET, "/api/v1/gap", None).await;
    assert_ne!(band(&gap), "ready-now", "{gap}");
    assert!(
        gap.to_string()
            .contains("Feedback names a gap in Leadership and delegation"),
        "{gap}"
    );
    // His manager's team view judges him the same way.
    let (_, team) = ann.api(Method::GET, "/api/v1/team", None).await;
    let row = team["people"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "Bo Diaz"))
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(row["band"], "6-12-months", "{team}");

    // Evidence of delegation recorded after the appraisal answers it.
    let (s, v) = bo
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(log(
                "Cai ran the slipped migration's recovery; I coached, he owned it",
                "2026-11-03",
                &["leadership-delegation"],
                false,
            )),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, all) = admin.api(Method::GET, "/api/v1/bench", None).await;
    assert_eq!(placed(&all).0, "ready_now", "{all}");
    let (_, gap) = bo.api(Method::GET, "/api/v1/gap", None).await;
    assert_eq!(band(&gap), "ready-now", "{gap}");
}

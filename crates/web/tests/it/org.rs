//! The organisation: an admin builds teams and reporting lines; a manager
//! sees of a report only what the report lets their line see (the
//! organisation's default until they choose), every read audited; no one
//! else sees anything, an administrator included.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::api::senior_admin_levels;
use crate::App;

/// The person's id as `who` sees it in what is shared with them.
async fn shared_id(who: &crate::Browser, name: &str) -> Option<i64> {
    let (_, v) = who.api(Method::GET, "/api/v1/shared", None).await;
    v["people"]
        .as_array()?
        .iter()
        .find(|p| p["name"] == name)
        .and_then(|p| p["person"].as_i64())
}

async fn reads(who: &crate::Browser, person: i64, part: &str) -> StatusCode {
    who.api(
        Method::GET,
        &format!("/api/v1/shared/{person}/{part}"),
        None,
    )
    .await
    .0
}

#[tokio::test]
async fn a_manager_sees_only_what_the_line_may_see_and_no_one_else_does() {
    let app = App::start().await;
    let admin = app.person("admin").await;
    let director = app.person("dee@example.com").await;
    let manager = app.person("ann@example.com").await;
    let report = app.person("bo@example.com").await;
    let peer = app.person("eve@example.com").await;
    let mentor = app.person("mentor").await;

    // Only an administrator manages the organisation.
    for who in [&report, &manager] {
        let (s, v) = who.api(Method::GET, "/api/v1/org/teams", None).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
        assert_eq!(who.get("/admin/org").await.status, StatusCode::FORBIDDEN);
    }
    assert!(!report.get("/").await.body.contains("/admin/org"));
    assert!(admin.get("/").await.body.contains("href=\"/admin/org\""));

    // Teams and people from the admin's pages.
    let page = admin.get("/admin/org").await;
    for team in [("IT", ""), ("Infrastructure", "IT")] {
        let r = admin
            .post(
                "/admin/org/teams",
                &page,
                &[("name", team.0), ("parent", team.1)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let file = "email,name,team,manager\n\
                dee@example.com,Dee Okafor,IT,\n\
                ann@example.com,Ann Lee,Infrastructure,dee@example.com\n\
                bo@example.com,Bo Diaz,Infrastructure,ann@example.com\n\
                eve@example.com,Eve Marsh,Infrastructure,dee@example.com\n";
    // A file with problems changes nothing and names each.
    let bad = file.replace(
        "dee@example.com,Dee Okafor,IT,",
        "dee@example.com,Dee Okafor,Nowhere,bo@example.com",
    );
    let r = admin
        .post(
            "/admin/org/import",
            &page,
            &[("file", &bad), ("action", "import")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Line 2, team: unknown team"), "{}", r.body);
    assert!(r.body.contains("the reporting line loops"), "{}", r.body);
    let (_, people) = admin.api(Method::GET, "/api/v1/org/people", None).await;
    assert_eq!(people["people"], json!([]), "nothing written");
    // A dry run says what would happen and writes nothing.
    let r = admin
        .post(
            "/admin/org/import",
            &page,
            &[("file", file), ("action", "check")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("4 people, 4 to add and 0 to update"),
        "{}",
        r.body
    );
    let (_, people) = admin.api(Method::GET, "/api/v1/org/people", None).await;
    assert_eq!(people["people"], json!([]), "a dry run writes nothing");
    let r = admin
        .post(
            "/admin/org/import",
            &page,
            &[("file", file), ("action", "import")],
        )
        .await;
    assert!(
        r.body.contains("Imported: 4 added, 0 updated"),
        "{}",
        r.body
    );
    let org = admin.get("/admin/org").await.body;
    for name in ["Dee Okafor", "Ann Lee", "Bo Diaz", "Eve Marsh"] {
        assert!(org.contains(name), "{name} on the page");
    }
    let csv = admin.get("/admin/org/people.csv").await.body;
    assert!(
        csv.starts_with(
            "email,name,team,manager\nann@example.com,Ann Lee,Infrastructure,dee@example.com\n"
        ),
        "{csv}"
    );

    // The report's record.
    report
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(senior_admin_levels()),
        )
        .await;
    report
        .api(Method::POST, "/api/v1/plan/generate", Some(json!({})))
        .await;
    report
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "Bo's private note about a job elsewhere"})),
        )
        .await;
    // The report's Sharing page names the line.
    let sharing = report.get("/sharing").await.body;
    assert!(
        sharing.contains("Your manager is <strong>Ann Lee</strong>; above them: Dee Okafor"),
        "{sharing}"
    );

    // Nothing is shared until the organisation or the person says so.
    assert_eq!(shared_id(&manager, "bo@example.com").await, None);

    // The organisation's default: plans to the whole line.
    let r = admin
        .post(
            "/admin/org/defaults",
            &page,
            &[
                ("plan", "line"),
                ("journal", "nobody"),
                ("assessments", "manager"),
                ("feedback", "nobody"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let bo = shared_id(&manager, "bo@example.com")
        .await
        .expect("shared with Ann");
    assert_eq!(shared_id(&director, "bo@example.com").await, Some(bo));
    assert_eq!(reads(&manager, bo, "plan").await, StatusCode::OK);
    assert_eq!(reads(&director, bo, "plan").await, StatusCode::OK);
    assert_eq!(reads(&manager, bo, "assessments").await, StatusCode::OK);
    assert_eq!(
        reads(&director, bo, "assessments").await,
        StatusCode::NOT_FOUND,
        "the default says the manager only"
    );
    for part in ["journal", "feedback"] {
        assert_eq!(
            reads(&manager, bo, part).await,
            StatusCode::NOT_FOUND,
            "{part}"
        );
    }
    // Outside the line: a peer, the admin, a mentor with nothing shared.
    for who in [&peer, &admin, &mentor] {
        assert_eq!(shared_id(who, "bo@example.com").await, None);
        for part in ["plan", "journal", "assessments", "feedback"] {
            assert_eq!(reads(who, bo, part).await, StatusCode::NOT_FOUND, "{part}");
        }
        let r = who.get(&format!("/shared/{bo}/plan")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    // Up the line, not down: Bo cannot read Ann's.
    let ann = shared_id(&director, "ann@example.com")
        .await
        .expect("Ann's plan to Dee");
    assert_eq!(reads(&report, ann, "plan").await, StatusCode::NOT_FOUND);

    // The person narrows the default: the plan to their manager only.
    let page = report.get("/sharing").await;
    let r = report
        .post(
            "/sharing/line",
            &page,
            &[
                ("plan", "manager"),
                ("journal", ""),
                ("assessments", "nobody"),
                ("feedback", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(reads(&manager, bo, "plan").await, StatusCode::OK);
    assert_eq!(reads(&director, bo, "plan").await, StatusCode::NOT_FOUND);
    assert_eq!(
        reads(&manager, bo, "assessments").await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(shared_id(&director, "bo@example.com").await, None);
    let (_, line) = report.api(Method::GET, "/api/v1/line", None).await;
    assert_eq!(line["managers"][0]["name"], "Ann Lee");
    assert_eq!(line["managers"][1]["depth"], 2);
    let plan = line["parts"]
        .as_array()
        .expect("parts")
        .iter()
        .find(|p| p["part"] == "plan")
        .cloned()
        .expect("plan");
    assert_eq!(
        plan,
        json!({"part": "plan", "reach": "manager", "own": "manager", "default": "line"})
    );

    // Every read by the line is in the person's log.
    let (_, audit) = report.api(Method::GET, "/api/v1/audit", None).await;
    let readers: Vec<&str> = audit["reads"]
        .as_array()
        .expect("reads")
        .iter()
        .filter_map(|r| r["username"].as_str())
        .collect();
    assert!(
        readers.contains(&"ann@example.com") && readers.contains(&"dee@example.com"),
        "{readers:?}"
    );
    assert!(
        !readers.contains(&"admin") && !readers.contains(&"eve@example.com"),
        "{readers:?}"
    );

    // A manager whose account is disabled reads nothing.
    let account = app
        .store
        .account_by_username("ann@example.com")
        .await
        .expect("read")
        .expect("Ann");
    app.store
        .set_disabled(account.id, true)
        .await
        .expect("disable");
    assert_ne!(reads(&manager, bo, "plan").await, StatusCode::OK);

    // Removing someone from the organisation ends their line.
    admin
        .api(Method::DELETE, "/api/v1/org/people/bo@example.com", None)
        .await;
    assert_eq!(shared_id(&director, "bo@example.com").await, None);
}

#[tokio::test]
async fn the_organisation_refuses_what_would_break_it() {
    let app = App::start().await;
    let admin = app.person("admin").await;
    let post = |path: &'static str, body: serde_json::Value| {
        let admin = &admin;
        async move { admin.api(Method::POST, path, Some(body)).await }
    };
    post("/api/v1/org/teams", json!({"name": "IT"})).await;
    let (s, v) = post("/api/v1/org/teams", json!({"name": "IT"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    let (s, v) = post(
        "/api/v1/org/teams",
        json!({"name": "Desk", "parent": "Nope"}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (s, v) = post("/api/v1/org/teams", json!({"name": "  "})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("team"),
        "{v}"
    );
    post("/api/v1/org/teams", json!({"name": "Desk", "parent": "IT"})).await;
    let (s, v) = admin
        .api(
            Method::PUT,
            "/api/v1/org/teams/IT",
            Some(json!({"name": "IT", "parent": "Desk"})),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    let put = |email: &'static str, body: serde_json::Value| {
        let admin = &admin;
        async move {
            admin
                .api(
                    Method::PUT,
                    &format!("/api/v1/org/people/{email}"),
                    Some(body),
                )
                .await
        }
    };
    put("a@x.org", json!({"name": "A", "team": "Desk"})).await;
    put("b@x.org", json!({"name": "B", "manager": "a@x.org"})).await;
    let (s, v) = put("a@x.org", json!({"name": "A", "manager": "b@x.org"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("a@x.org → b@x.org → a@x.org"),
        "{v}"
    );
    let (s, v) = put("not-an-address", json!({"name": "X"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["field"], "email");
    let (s, v) = put("c@x.org", json!({"name": "C", "manager": "nobody@x.org"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (s, v) = admin
        .api(Method::DELETE, "/api/v1/org/teams/Desk", None)
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "a team with people stays: {v}");
    let (s, v) = admin
        .api(
            Method::PUT,
            "/api/v1/line",
            Some(json!({"part": "plan", "reach": "everyone"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (_, people) = admin.api(Method::GET, "/api/v1/org/people", None).await;
    assert_eq!(
        people["people"].as_array().map(Vec::len),
        Some(2),
        "{people}"
    );
    assert_eq!(
        people["people"][0]["manager"],
        serde_json::Value::Null,
        "A still has no manager"
    );
}

/// A manager rates a direct report on the report's level descriptions; the
/// report sees both side by side, differences of two levels flagged, and
/// the rating counts in their readiness as the manager's judgement. No one
/// but the direct manager can rate.
#[tokio::test]
async fn a_manager_rates_a_direct_report_who_sees_both_side_by_side() {
    let app = App::start().await;
    let admin = app.person("admin").await;
    let director = app.person("dee@example.com").await;
    let manager = app.person("ann@example.com").await;
    let report = app.person("bo@example.com").await;
    let peer = app.person("eve@example.com").await;
    let file = "email,name,manager\n\
                dee@example.com,Dee Okafor,\n\
                ann@example.com,Ann Lee,dee@example.com\n\
                bo@example.com,Bo Diaz,ann@example.com\n\
                eve@example.com,Eve Marsh,dee@example.com\n";
    let (s, v) = admin
        .api(
            Method::POST,
            "/api/v1/org/import",
            Some(json!({"csv": file})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    report
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(senior_admin_levels()),
        )
        .await;

    // Managers find their team in the menu; others do not.
    assert!(manager.get("/").await.body.contains("href=\"/team\""));
    assert!(!report.get("/").await.body.contains("href=\"/team\""));
    let (_, team) = director.api(Method::GET, "/api/v1/team", None).await;
    let names: Vec<(&str, u64)> = team["people"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap_or(""),
                r["depth"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(names, [("Ann Lee", 1), ("Eve Marsh", 1), ("Bo Diaz", 2)]);
    let bo = team["people"][2]["person"].as_i64().expect("Bo's id");
    let page = director.get("/team").await.body;
    assert!(
        page.contains("through 1 manager") && !page.contains(&format!("/team/{bo}/rating")),
        "{page}"
    );

    // Only Bo's own manager rates Bo.
    let rating = json!({"levels": {"communication": 1, "budgeting-funding": 2}});
    for who in [&director, &peer, &admin, &report] {
        let (s, v) = who
            .api(
                Method::POST,
                &format!("/api/v1/team/{bo}/rating"),
                Some(rating.clone()),
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
        assert_eq!(
            who.get(&format!("/team/{bo}/rating")).await.status,
            StatusCode::NOT_FOUND
        );
    }
    let (_, mine) = report.api(Method::GET, "/api/v1/rating", None).await;
    assert_eq!(mine["comparison"], serde_json::Value::Null);

    // Bad ratings change nothing.
    for bad in [
        json!({"levels": {}}),
        json!({"levels": {"communication": 9}}),
        json!({"levels": {"charisma": 3}}),
    ] {
        let (s, v) = manager
            .api(
                Method::POST,
                &format!("/api/v1/team/{bo}/rating"),
                Some(bad),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    }
    let form = manager.get(&format!("/team/{bo}/rating")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Rate Bo Diaz"), "{}", form.body);
    let r = manager
        .post(&format!("/team/{bo}/rating"), &form, &[])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("at least one competency rated"),
        "{}",
        r.body
    );

    // The rating, from the form.
    let r = manager
        .post(
            &format!("/team/{bo}/rating"),
            &form,
            &[
                ("communication", "1"),
                ("budgeting-funding", "2"),
                ("strategy-roadmap", ""),
            ],
        )
        .await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/team"));
    let (_, last) = manager
        .api(Method::GET, &format!("/api/v1/team/{bo}/rating"), None)
        .await;
    assert_eq!(
        last["levels"],
        json!({"budgeting-funding": 2, "communication": 1})
    );

    // Bo sees both, the gap of two on communication flagged.
    let (_, mine) = report.api(Method::GET, "/api/v1/rating", None).await;
    let c = &mine["comparison"];
    assert_eq!(c["rated_by"], "ann@example.com");
    assert_eq!(c["rated_by_name"], "Ann Lee");
    assert_eq!(
        c["competencies"][0]["competency"], "communication",
        "what to talk about first"
    );
    assert_eq!(c["flagged"], 1, "{c}");
    let row = |id: &str| {
        c["competencies"]
            .as_array()
            .and_then(|a| a.iter().find(|r| r["competency"] == id))
            .cloned()
            .expect("row")
    };
    assert_eq!(
        row("communication"),
        json!({"competency": "communication", "name": "Communication: status reports and presentations", "own": 3, "manager": 1, "flagged": true})
    );
    assert_eq!(row("budgeting-funding")["flagged"], false);
    assert_eq!(row("strategy-roadmap")["manager"], serde_json::Value::Null);
    let assess = report.get("/assess").await.body;
    assert!(
        assess.contains("Your manager&#39;s rating") || assess.contains("Your manager's rating"),
        "{assess}"
    );
    assert!(
        assess.contains("1 competency differs by two levels or more"),
        "{assess}"
    );

    // In readiness it is the manager's judgement beside Bo's own.
    let (_, gap) = report.api(Method::GET, "/api/v1/gap", None).await;
    let communication = gap["competencies"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["id"] == "communication"))
        .cloned()
        .expect("communication");
    assert_eq!(
        (
            communication["current"].as_u64(),
            communication["source"].as_str()
        ),
        (Some(2), Some("self+manager")),
        "{communication}"
    );
}

/// A one-to-one is for the manager and the report alone: its agenda comes
/// from what the report shares with the manager (each read logged for the
/// report), either adds items and notes, and no one else reads any of it:
/// not the manager above, not an administrator.
#[tokio::test]
async fn one_to_ones_are_for_the_two_alone_with_an_agenda_from_what_is_shared() {
    let app = App::start().await;
    let admin = app.person("admin").await;
    let director = app.person("dee@example.com").await;
    let manager = app.person("ann@example.com").await;
    let report = app.person("bo@example.com").await;
    let file = "email,name,manager\n\
                dee@example.com,Dee Okafor,\n\
                ann@example.com,Ann Lee,dee@example.com\n\
                bo@example.com,Bo Diaz,ann@example.com\n";
    admin
        .api(
            Method::POST,
            "/api/v1/org/import",
            Some(json!({"csv": file})),
        )
        .await;
    report
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(senior_admin_levels()),
        )
        .await;
    report
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "Ran the change advisory board while Ann was away"})),
        )
        .await;
    report
        .api(
            Method::PUT,
            "/api/v1/line",
            Some(json!({"part": "journal", "reach": "manager"})),
        )
        .await;
    let (_, team) = manager.api(Method::GET, "/api/v1/team", None).await;
    let bo = team["people"][0]["person"].as_i64().expect("Bo");
    manager
        .api(
            Method::POST,
            &format!("/api/v1/team/{bo}/rating"),
            Some(json!({"levels": {"communication": 1}})),
        )
        .await;

    // Only Bo's own manager starts one.
    let (s, _) = director
        .api(
            Method::POST,
            "/api/v1/one-to-ones",
            Some(json!({"person": bo})),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = manager
        .api(
            Method::POST,
            "/api/v1/one-to-ones",
            Some(json!({"person": bo, "held_on": "someday"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let page = manager.get("/one-to-ones").await;
    assert!(page.body.contains("Start a one-to-one"), "{}", page.body);
    let r = manager
        .post(
            "/one-to-ones",
            &page,
            &[("person", &bo.to_string()), ("held_on", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: i64 = r
        .location()
        .trim_start_matches("/one-to-ones/")
        .parse()
        .expect("its id");

    // The agenda: the journal Bo shares, nothing of what Bo does not.
    let (s, o) = manager
        .api(Method::GET, &format!("/api/v1/one-to-ones/{id}"), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{o}");
    assert_eq!(o["as_manager"], true);
    assert_eq!(
        o["agenda"]["new_evidence"][0]["text"],
        "Ran the change advisory board while Ann was away"
    );
    assert_eq!(
        o["agenda"]["not_shared"],
        json!(["plan", "assessments", "feedback"]),
        "{o}"
    );
    assert_eq!(
        o["agenda"]["talk_about"],
        json!([]),
        "assessments are not shared"
    );

    // Either adds; both read.
    let (s, v) = report
        .api(
            Method::POST,
            &format!("/api/v1/one-to-ones/{id}/entries"),
            Some(json!({"kind": "item", "text": "Can I lead the next DR test?"})),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{v}");
    let meeting = manager.get(&format!("/one-to-ones/{id}")).await;
    assert!(meeting.body.contains("Can I lead the next DR test?"));
    assert!(meeting.body.contains("New evidence"));
    let r = manager
        .post(
            &format!("/one-to-ones/{id}/entries"),
            &meeting,
            &[
                ("kind", "note"),
                ("text", "Agreed: Bo leads the DR test in March"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = manager
        .post(
            &format!("/one-to-ones/{id}/entries"),
            &meeting,
            &[("kind", "note"), ("text", "  ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, o) = report
        .api(Method::GET, &format!("/api/v1/one-to-ones/{id}"), None)
        .await;
    assert_eq!(o["as_manager"], false);
    let entries = &o["one_to_one"]["entries"];
    assert_eq!(entries.as_array().map(Vec::len), Some(2), "{o}");
    assert_eq!(entries[1]["author_name"], "Ann Lee");
    assert_eq!(o["one_to_one"]["manager_name"], "Ann Lee");

    // No one else: not the director, not the admin, by page or API.
    for who in [&director, &admin] {
        let (s, _) = who
            .api(Method::GET, &format!("/api/v1/one-to-ones/{id}"), None)
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert_eq!(
            who.get(&format!("/one-to-ones/{id}")).await.status,
            StatusCode::NOT_FOUND
        );
        let (s, _) = who
            .api(
                Method::POST,
                &format!("/api/v1/one-to-ones/{id}/entries"),
                Some(json!({"kind": "note", "text": "snooping"})),
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (_, mine) = who.api(Method::GET, "/api/v1/one-to-ones", None).await;
        assert_eq!(mine["one_to_ones"], json!([]));
        let page = who.get("/one-to-ones").await.body;
        assert!(!page.contains("Agreed: Bo leads"), "{page}");
    }
    // The manager's reads for the agenda are in Bo's log.
    let (_, audit) = report.api(Method::GET, "/api/v1/audit", None).await;
    assert!(
        audit["reads"]
            .as_array()
            .expect("reads")
            .iter()
            .any(|r| r["username"] == "ann@example.com"
                && r["action"] == "read journal for a one-to-one"),
        "{audit}"
    );
    // Bo's export keeps the one-to-one with its notes.
    let (_, export) = report.api(Method::GET, "/api/v1/export", None).await;
    assert_eq!(
        export["one_to_ones"][0]["entries"][1]["text"],
        "Agreed: Bo leads the DR test in March"
    );
}

/// The team view shows each person as far as they share: readiness with
/// their assessments, plan and check-ins with their plan; the heatmap and
/// the shared gaps only over those who share their assessments, the gaps
/// only once three do; and nothing a person keeps to themselves moves any
/// figure on it.
#[tokio::test]
async fn the_team_view_shows_what_each_shares_and_gaps_only_over_three() {
    let app = App::start().await;
    let admin = app.person("admin").await;
    let manager = app.person("ann@example.com").await;
    let mut reports = Vec::new();
    for who in ["bo", "cy", "di", "ed"] {
        reports.push(app.person(&format!("{who}@example.com")).await);
    }
    let file = "email,name,manager\n\
                ann@example.com,Ann Lee,\n\
                bo@example.com,Bo Diaz,ann@example.com\n\
                cy@example.com,Cy Oduya,ann@example.com\n\
                di@example.com,Di Park,ann@example.com\n\
                ed@example.com,Ed Kim,ann@example.com\n";
    admin
        .api(
            Method::POST,
            "/api/v1/org/import",
            Some(json!({"csv": file})),
        )
        .await;
    for r in &reports {
        r.api(
            Method::POST,
            "/api/v1/assessments",
            Some(senior_admin_levels()),
        )
        .await;
    }
    reports[0]
        .api(Method::POST, "/api/v1/plan/generate", Some(json!({})))
        .await;
    // Bo and Cy share assessments and plan; Di only the plan; Ed nothing.
    for r in &reports[..2] {
        for part in ["assessments", "plan"] {
            r.api(
                Method::PUT,
                "/api/v1/line",
                Some(json!({"part": part, "reach": "manager"})),
            )
            .await;
        }
    }
    reports[2]
        .api(
            Method::PUT,
            "/api/v1/line",
            Some(json!({"part": "plan", "reach": "manager"})),
        )
        .await;
    let team = async |b: &crate::Browser| b.api(Method::GET, "/api/v1/team", None).await.1;
    let t = team(&manager).await;
    let row = |name: &str| {
        t["people"]
            .as_array()
            .and_then(|a| a.iter().find(|p| p["name"] == name))
            .cloned()
            .expect("a row")
    };
    let bo = row("Bo Diaz");
    assert_eq!(bo["target"], "IT manager", "{bo}");
    assert!(bo["readiness"].is_u64() && bo["band"].is_string(), "{bo}");
    assert!(bo["plan_open"].as_i64().unwrap_or(0) > 0, "{bo}");
    let di = row("Di Park");
    assert_eq!(
        di["readiness"],
        serde_json::Value::Null,
        "Di keeps her assessments: {di}"
    );
    assert_eq!(di["plan_done"], 0);
    let ed = row("Ed Kim");
    for field in ["target", "readiness", "band", "plan_done", "last_checkin"] {
        assert_eq!(
            ed[field],
            serde_json::Value::Null,
            "Ed shares nothing: {field}"
        );
    }
    assert_eq!(t["heatmap"]["people"], json!(["Bo Diaz", "Cy Oduya"]));
    assert_eq!(t["sharing_assessments"], 2);
    assert_eq!(
        t["shared_gaps"],
        json!([]),
        "two are too few to show a shared gap"
    );
    let page = manager.get("/team").await.body;
    assert!(
        page.contains("Shown once at least 3 people share their assessments"),
        "{page}"
    );
    assert!(
        page.contains("<figure class=\"chart\""),
        "the heatmap is drawn"
    );

    // What Ed and Di keep to themselves moves nothing on the view.
    let before = t.clone();
    reports[3]
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(json!({"levels": {"budgeting-funding": 5, "communication": 5}})),
        )
        .await;
    reports[3]
        .api(Method::POST, "/api/v1/plan/generate", Some(json!({})))
        .await;
    reports[2]
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(json!({"levels": {"budgeting-funding": 5}})),
        )
        .await;
    assert_eq!(
        team(&manager).await,
        before,
        "unshared data changed the team view"
    );

    // A third person shares: the gaps the three share appear, with
    // development to do together.
    reports[2]
        .api(
            Method::PUT,
            "/api/v1/line",
            Some(json!({"part": "assessments", "reach": "manager"})),
        )
        .await;
    let t = team(&manager).await;
    assert_eq!(t["summary"]["people"], 3, "{t}");
    let bands: u64 = t["summary"]["bands"]
        .as_array()
        .map_or(0, |b| b.iter().filter_map(|b| b["people"].as_u64()).sum());
    assert_eq!(bands, 3, "each of the three in one band: {t}");
    let page = manager.get("/team").await.body;
    assert!(
        page.contains("How many are in each readiness band"),
        "{page}"
    );
    let gaps = t["shared_gaps"].as_array().expect("gaps");
    assert!(!gaps.is_empty(), "{t}");
    assert!(
        gaps.iter()
            .all(|g| g["people"].as_u64() >= Some(3) && g["of"] == 3),
        "{t}"
    );
    assert!(gaps
        .iter()
        .any(|g| !g["together"].as_array().expect("list").is_empty()));
    assert!(
        !gaps.iter().any(|g| g["competency"] == "budgeting-funding"),
        "Di now meets the budget level: only Bo and Cy are short, too few: {t}"
    );
    // The organisation can ask for larger groups, never smaller ones.
    let page = admin.get("/admin/org").await;
    let r = admin
        .post("/admin/org/min-group", &page, &[("min_group", "2")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("never below 3"), "{}", r.body);
    let (s, _) = admin
        .api(
            Method::PUT,
            "/api/v1/org/settings",
            Some(json!({"min_group": 2})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(team(&manager).await, t, "a refused setting changes nothing");
    let r = admin
        .post("/admin/org/min-group", &page, &[("min_group", "4")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let four = team(&manager).await;
    assert_eq!(four["min_group"], 4);
    assert_eq!(
        four["shared_gaps"],
        json!([]),
        "three sharers are fewer than four"
    );

    assert_eq!(four["summary"], serde_json::Value::Null, "nor any average");

    // Nobody else has a team view: no one reports to them.
    let (s, _) = admin.api(Method::GET, "/api/v1/team", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

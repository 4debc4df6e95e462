use reqwest::StatusCode;

use crate::{App, PASSWORD};

const LEVELS: [(&str, &str); 14] = [
    ("technical-excellence", "4"),
    ("service-operations", "4"),
    ("project-management", "3"),
    ("leadership-delegation", "2"),
    ("developing-staff", "2"),
    ("conflict-emotional-intelligence", "3"),
    ("business-acumen", "2"),
    ("budgeting-funding", "1"),
    ("strategy-roadmap", "2"),
    ("compliance-risk", "3"),
    ("resource-planning", "2"),
    ("communication", "3"),
    ("relationships-networking", "2"),
    ("organisational-savvy", "2"),
];

/// The number that follows the first `marker` in `body`.
fn number_after(body: &str, marker: &str) -> i64 {
    body.split(marker)
        .nth(1)
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number after {marker:?}"))
}

#[tokio::test]
async fn the_whole_loop_in_pages() {
    let app = App::start().await;
    let b = app.person("joanne").await;

    // Fit check: a missing answer is marked, the others are kept.
    let fit = b.get("/fit").await;
    assert!(
        fit.body
            .contains("<legend>1. I want to be responsible for a team"),
        "{}",
        fit.body
    );
    let r = b.post("/fit", &fit, &[("responsible-for-team", "5")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"less-hands-on-error\""));
    assert!(
        r.body
            .contains("name=\"responsible-for-team\" value=\"5\" checked"),
        "kept"
    );
    let ids = [
        "responsible-for-team",
        "less-hands-on",
        "planning-over-doing",
        "meetings-and-business",
        "grow-people",
        "money-and-politics",
        "handle-conflict",
        "business-impact",
        "technical-work-is-the-joy",
        "keep-learning-hands-on",
        "promotion-not-fit",
        "go-to-expert",
        "miss-the-technology",
        "honoured-expert",
    ];
    let answers: Vec<(&str, &str)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, if i < 8 { "5" } else { "2" }))
        .collect();
    let r = b.post("/fit", &fit, &answers).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body
            .contains("Recommendation: <strong>management</strong>"),
        "{}",
        r.body
    );

    // Self-assessment with every descriptor shown; missing levels marked.
    let assess = b.get("/assess").await;
    assert!(assess
        .body
        .contains("Has not yet worked with the technology of this area."));
    let r = b.post("/assess", &assess, &LEVELS[..3]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"budgeting-funding-error\""));
    let r = b.post("/assess", &assess, &LEVELS).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/gaps"));
    let again = b.get("/assess").await;
    assert!(
        again
            .body
            .contains("name=\"budgeting-funding\" value=\"1\" checked"),
        "prefilled from the last snapshot"
    );

    // Dashboard: readiness, the radar chart, top gaps.
    let home = b.get("/").await;
    assert!(
        home.body
            .contains("band <strong class=\"band band-6-12-months\">6–12 months</strong>"),
        "{}",
        home.body
    );
    assert!(
        home.body.contains("<svg") && home.body.contains("Expected for IT manager"),
        "radar chart"
    );
    assert!(home
        .body
        .contains("Leadership and delegation</a>: 2 of 3 (critical)"));
    // The kept dashboard shows the same content (only the sign-out form's
    // token differs between requests).
    let kept = b.get("/").await;
    let main = |page: &str| page.split("<main").nth(1).map(str::to_owned);
    assert!(main(&home.body).is_some());
    assert_eq!(main(&kept.body), main(&home.body));

    // Gaps, for another role too.
    let gaps = b.get("/gaps?target=it-director").await;
    assert!(gaps.body.contains("ready for IT director"));
    assert_eq!(
        b.get("/gaps?target=boss").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // Plan: bad horizon kept and marked; generate; done with a note; add; bad add kept.
    let plan = b.get("/plan").await;
    let r = b
        .post("/plan/generate", &plan, &[("horizon_months", "40")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"horizon_months-error\"") && r.body.contains("value=\"40\""));
    let r = b
        .post("/plan/generate", &plan, &[("horizon_months", "6")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let plan = b.get("/plan").await;
    // Each generated item shows its sources apart from why it is there.
    assert!(
        plan.body.contains("<summary>Sources</summary>") && !plan.body.contains("Source:"),
        "{}",
        plan.body
    );
    let first = number_after(&plan.body, "id=\"item-");
    let r = b
        .post(
            &format!("/plan/{first}/done"),
            &plan,
            &[("note", "Led the review")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(b.get("/plan").await.body.contains("Led the review"));
    let r = b
        .post(
            "/plan/add",
            &plan,
            &[
                ("text", "Shadow the CFO"),
                ("due", "2020-01-01"),
                ("competency", "budgeting-funding"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"due-error\"") && r.body.contains("value=\"Shadow the CFO\""),
        "kept"
    );
    assert!(
        r.body.contains("value=\"budgeting-funding\" checked"),
        "ticks kept"
    );
    let r = b
        .post(
            "/plan/add",
            &plan,
            &[
                ("text", "Shadow the CFO"),
                ("competency", "budgeting-funding"),
                ("competency", "business-acumen"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(b
        .get("/plan")
        .await
        .body
        .contains("Budgeting, funding and purchasing, Business acumen and alignment"));

    // Journal: suggest tags, change them, save; edit; delete with confirmation.
    let journal = b.get("/journal").await;
    let text = "Presented the budget forecast to the finance director";
    let r = b
        .post(
            "/journal",
            &journal,
            &[
                ("text", text),
                ("kind", "experience"),
                ("action", "suggest"),
            ],
        )
        .await;
    assert!(r.body.contains("Suggested tags are ticked"), "{}", r.body);
    assert!(r.body.contains("value=\"budgeting-funding\" checked"));
    assert!(!r.body.contains("names a gap:"));
    let r = b
        .post(
            "/journal",
            &journal,
            &[
                ("text", "Director said my budget reports are too technical"),
                ("kind", "feedback"),
                ("action", "suggest"),
            ],
        )
        .await;
    assert!(
        r.body
            .contains("leap reads it as feedback that names a gap"),
        "{}",
        r.body
    );
    let r = b
        .post(
            "/journal",
            &journal,
            &[
                ("text", text),
                ("kind", "experience"),
                ("competency", "communication"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Confirmed once, on the page the browser lands on, and not again.
    let landed = b.get("/journal").await;
    assert_eq!(
        landed.body.matches("Saved to your journal.").count(),
        1,
        "{}",
        landed.body
    );
    assert!(!b
        .get("/journal")
        .await
        .body
        .contains("Saved to your journal."));
    let r = b
        .post(
            "/journal",
            &journal,
            &[("text", "x"), ("date", "2030-01-01"), ("action", "save")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        !b.get("/journal")
            .await
            .body
            .contains("Saved to your journal."),
        "a refused form confirms nothing"
    );
    assert!(
        r.body.contains("id=\"date-error\"") && r.body.contains("not after today (2026-11-24)")
    );
    let list = b.get("/journal?competency=communication").await;
    assert!(list.body.contains(text));
    assert!(!b
        .get("/journal?competency=budgeting-funding")
        .await
        .body
        .contains(text));
    let id = number_after(&list.body, "id=\"entry-");
    let edit = b.get(&format!("/journal/{id}/edit")).await;
    assert!(edit.body.contains(text));
    let r = b
        .post(
            &format!("/journal/{id}/edit"),
            &edit,
            &[
                ("text", "Presented the Q3 budget"),
                ("competency", "budgeting-funding"),
                ("kind", "result"),
                ("date", "2026-11-20"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let listed = b.get("/journal?competency=budgeting-funding").await;
    assert!(listed.body.contains("Presented the Q3 budget"));
    assert!(!listed.body.contains("names a gap: not counted as evidence"));
    // Whether it names a gap: stored as read, changed on the edit page,
    // and the list says so.
    let edit = b.get(&format!("/journal/{id}/edit")).await;
    assert!(edit.body.contains("<option value=\"no\" selected>"));
    let r = b
        .post(
            &format!("/journal/{id}/edit"),
            &edit,
            &[("text", "x"), ("names_gap", "maybe")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("invalid names-gap &#39;maybe&#39;: yes or no"),
        "{}",
        r.body
    );
    let r = b
        .post(
            &format!("/journal/{id}/edit"),
            &edit,
            &[
                ("text", "CFO said the Q3 budget paper was too long"),
                ("competency", "budgeting-funding"),
                ("kind", "feedback"),
                ("date", "2026-11-20"),
                ("names_gap", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(b
        .get("/journal")
        .await
        .body
        .contains("names a gap: not counted as evidence"));
    assert!(b
        .get(&format!("/journal/{id}/edit"))
        .await
        .body
        .contains("<option value=\"yes\" selected>"));
    let gaps = b.get("/gaps").await;
    assert!(
        gaps.body.contains(
            "<a href=\"/journal?competency=budgeting-funding\">feedback names a gap in it</a>"
        ),
        "{}",
        gaps.body
    );
    let confirm = b.get(&format!("/journal/{id}/delete")).await;
    assert!(confirm.body.contains("Delete this entry?"));
    assert_eq!(
        b.post(&format!("/journal/{id}/delete"), &confirm, &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(!b.get("/journal").await.body.contains("the Q3 budget paper"));

    // History and the framework browser.
    assert!(b.get("/assess/history").await.body.contains("(self)"));
    let fw = b.get("/framework").await;
    assert!(fw.body.contains("Career map") && fw.body.contains("stroke-dasharray"));
    assert!(b
        .get("/framework/roles/it-manager")
        .await
        .body
        .contains("Leadership and delegation</a> (critical)"));
    let c = b.get("/framework/competencies/budgeting-funding").await;
    assert!(
        c.body.contains("Level 3") && c.body.contains("Expected of: IT manager"),
        "{}",
        c.body
    );
    // Citations are apart from what people read, under "Sources".
    assert!(
        c.body.contains("<summary>Sources</summary>") && !c.body.contains("Source: "),
        "{}",
        c.body
    );
    // The standards it rests on, each linked to its public page; the
    // actions that build it, each with its own sources.
    assert!(
        c.body.contains(r#"<a href="https://sfia-online.org/en/skillcode/9/FMIT" rel="external">SFIA skill FMIT, levels 4–6</a>"#)
            && c.body.contains("https://www.onetonline.org/link/summary/11-3021.00")
            && c.body.contains("<h2>What builds it</h2>")
            && c.body.contains("Shadow your manager through one budget cycle"),
        "{}",
        c.body
    );
    // Transitions name the roles, never their ids.
    let role = b.get("/framework/roles/it-manager").await.body;
    assert!(
        role.contains(">Senior administrator</a>") && !role.contains(">senior-admin<"),
        "{role}"
    );
    assert!(!fw.body.contains("senior-admin →"), "{}", fw.body);
    assert_eq!(
        b.get("/framework/roles/nope").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn settings_framework_upload_password_and_tokens() {
    let app = App::start().await;
    let b = app.person("joanne").await;
    let s = b.get("/settings").await;
    // Profile: target change.
    let r = b
        .post(
            "/settings/profile",
            &s,
            &[
                ("name", "Joanne S"),
                ("current", "senior-admin"),
                ("target", "it-director"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(b
        .get("/")
        .await
        .body
        .contains("Joanne S: Senior administrator → IT director"));
    let r = b
        .post(
            "/settings/profile",
            &s,
            &[("name", ""), ("current", "senior-admin"), ("target", "ceo")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"name-error\"") && r.body.contains("id=\"target-error\""));

    // Framework upload: errors inline with line and column; then a valid file.
    let upload = |content: String| {
        let form = reqwest::multipart::Form::new().text("csrf", s.csrf()).part(
            "file",
            reqwest::multipart::Part::text(content).file_name("mine.toml"),
        );
        b.client
            .post(format!("{}/settings/framework", b.url))
            .multipart(form)
            .send()
    };
    let broken =
        leap_core::framework::BUILTIN_TOML.replace("kind = \"sideways\"", "kind = \"diagonal\"");
    let r = upload(broken).await.expect("upload");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.expect("body");
    assert!(
        body.contains("mine.toml:")
            && body.contains("transition kind &#39;diagonal&#39; is not allowed"),
        "{body}"
    );
    let mine = leap_core::framework::BUILTIN_TOML
        .replace("version = \"1.0.0\"", "version = \"1.1.0-ours\"");
    let r = upload(mine).await.expect("upload");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(b.get("/settings").await.body.contains("version 1.1.0-ours"));
    // A framework of another field names other roles: the page offers its
    // roles, keeping the upload, and the switch takes them in one step.
    let ward = include_str!("../../../../docs/examples/ward-leadership.toml");
    let r = upload(ward.to_owned()).await.expect("upload");
    assert_eq!(r.status(), StatusCode::OK);
    let body = r.text().await.expect("body");
    assert!(
        body.contains("Your roles in") && body.contains(">Matron</option>"),
        "{body}"
    );
    // Roles the file lacks start at its first role on the same track.
    assert!(
        body.contains(r#"<option value="staff-nurse" selected>"#)
            && body.contains(r#"<option value="ward-manager" selected>"#),
        "{body}"
    );
    assert!(
        b.get("/settings").await.body.contains("version 1.1.0-ours"),
        "nothing switched yet"
    );
    let roles = |current: &'static str, target: &'static str| {
        [
            ("file_name", "ward-leadership.toml"),
            ("content", ward),
            ("current", current),
            ("target", target),
        ]
    };
    let r = b
        .post(
            "/settings/framework/roles",
            &s,
            &roles("staff-nurse", "it-manager"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"new_target-error\"") && r.body.contains("Your roles in"),
        "refused, the choice kept: {}",
        r.body
    );
    let r = b
        .post(
            "/settings/framework/roles",
            &s,
            &roles("staff-nurse", "matron"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let home = b.get("/").await.body;
    assert!(home.contains("Staff nurse → Matron"), "{home}");
    // Back to the built-in framework: its roles again, in the same step.
    let r = upload(leap_core::framework::BUILTIN_TOML.to_owned())
        .await
        .expect("upload");
    assert_eq!(r.status(), StatusCode::OK);
    let r = b
        .post(
            "/settings/framework/roles",
            &s,
            &[
                ("file_name", "it-leadership.toml"),
                ("content", leap_core::framework::BUILTIN_TOML),
                ("current", "senior-admin"),
                ("target", "it-director"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Without the CSRF token the upload is refused.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::text("x").file_name("x.toml"),
    );
    let r = b
        .client
        .post(format!("{}/settings/framework", b.url))
        .multipart(form)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Tokens: created, shown once, used on the API, revoked.
    let s = b.get("/settings").await;
    let r = b
        .post("/settings/tokens", &s, &[("name", "my script")])
        .await;
    let token = r
        .body
        .split("id=\"new-token\">")
        .nth(1)
        .and_then(|t| t.split('<').next())
        .expect("token shown")
        .to_owned();
    assert!(token.starts_with("leap_") && token.len() > 60, "{token}");
    let api = reqwest::Client::new();
    let get_plan = || {
        api.get(format!("{}/api/v1/plan", b.url))
            .bearer_auth(&token)
            .send()
    };
    assert_eq!(get_plan().await.expect("send").status(), StatusCode::OK);
    let s = b.get("/settings").await;
    assert!(!s.body.contains(&token), "shown only once");
    let id = s
        .body
        .split("/settings/tokens/")
        .nth(1)
        .and_then(|t| t.split('/').next())
        .expect("revoke form")
        .to_owned();
    assert_eq!(
        b.post(&format!("/settings/tokens/{id}/revoke"), &s, &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        get_plan().await.expect("send").status(),
        StatusCode::UNAUTHORIZED
    );

    // Password change signs out the other sessions when asked.
    let other = app.browser();
    assert_eq!(
        other.login("joanne", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    let s = b.get("/settings").await;
    let r = b
        .post(
            "/settings/password",
            &s,
            &[
                ("current", "wrong"),
                ("new", "a brand new passphrase"),
                ("confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert!(r.body.contains("id=\"current-error\""));
    let r = b
        .post(
            "/settings/password",
            &s,
            &[
                ("current", PASSWORD),
                ("new", "a brand new passphrase"),
                ("confirm", "a brand new passphrase"),
                ("sign_out_others", "yes"),
            ],
        )
        .await;
    assert!(r.body.contains("1 other session signed out"), "{}", r.body);
    assert_eq!(
        b.get("/").await.status,
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        other.get("/").await.location(),
        "/login",
        "the other one is signed out"
    );
    assert_eq!(
        app.browser()
            .login("joanne", "a brand new passphrase")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

/// A newcomer starts on a framework of their own from the welcome page:
/// the file is checked (its problems shown with their lines), its roles
/// offered, and the profile made on it with the file kept in the form.
#[tokio::test]
async fn the_welcome_page_starts_on_a_framework_of_ones_own() {
    let app = App::start().await;
    let _admin = app.person("joanne").await;
    let b = app.account("noor").await;
    let page = b.get("/welcome").await;
    assert!(page.body.contains("built into leap"), "{}", page.body);
    let upload = |content: String| {
        let form = reqwest::multipart::Form::new()
            .text("csrf", page.csrf())
            .part(
                "file",
                reqwest::multipart::Part::text(content).file_name("ward.toml"),
            );
        b.client
            .post(format!("{}/welcome/framework", b.url))
            .multipart(form)
            .send()
    };
    let ward = include_str!("../../../../docs/examples/ward-leadership.toml");
    let r = upload(ward.replace("id = \"matron\"", "id = \"Matron!\""))
        .await
        .expect("upload");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.expect("body");
    assert!(body.contains("ward.toml:"), "{body}");
    let r = upload(ward.to_owned()).await.expect("upload");
    assert_eq!(r.status(), StatusCode::OK);
    let body = r.text().await.expect("body");
    assert!(
        body.contains(">Matron (management track)</option>")
            && body.contains("your file ward.toml"),
        "{body}"
    );
    assert!(
        !body.contains("IT manager"),
        "only the file's roles are offered"
    );
    let start = |target: &'static str| {
        [
            ("name", "Noor"),
            ("current", "senior-staff-nurse"),
            ("target", target),
            ("file_name", "ward.toml"),
            ("content", ward),
        ]
    };
    let r = b.post("/welcome", &page, &start("it-manager")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"target-error\"") && r.body.contains("your file ward.toml"),
        "refused, the file kept: {}",
        r.body
    );
    let r = b.post("/welcome", &page, &start("ward-manager")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (_, f) = b.api(reqwest::Method::GET, "/api/v1/framework", None).await;
    assert_eq!(f["id"], "ward-leadership");

    // The whole loop on the ward's framework, written over the API and
    // read in every page and answer: nothing shown speaks of the built-in
    // framework or of IT.
    let forbidden = leap_store::testing::builtin_words_foreign_to(ward);
    let mut shown: Vec<(String, String)> = Vec::new();
    let levels = serde_json::json!({"levels": {
        "clinical-practice": 4, "patient-safety-quality": 3, "leading-the-team": 2,
        "developing-staff": 3, "conflict-complaints": 2, "staffing-rostering": 1,
        "budget-resources": 1, "governance-audit": 2, "communication-handover": 3,
        "working-across-departments": 2}});
    let answers: serde_json::Map<String, serde_json::Value> = f["fit_statements"]
        .as_array()
        .expect("fit statements")
        .iter()
        .map(|s| {
            let agree = if s["track"] == "management" { 4 } else { 2 };
            (
                s["id"].as_str().unwrap_or("").to_owned(),
                serde_json::json!(agree),
            )
        })
        .collect();
    let writes = [
        ("/api/v1/fit", serde_json::json!({ "answers": answers })),
        ("/api/v1/assessments", levels),
        (
            "/api/v1/plan/generate",
            serde_json::json!({"horizon_months": 6}),
        ),
        (
            "/api/v1/journal",
            serde_json::json!({"text": "Took charge of the night shift and re-did the rota when two nurses went off sick"}),
        ),
        (
            "/api/v1/journal",
            serde_json::json!({"text": "Passed the advanced life support course"}),
        ),
        (
            "/api/v1/opportunities",
            serde_json::json!({"organisation": "St Anne's", "title": "Ward manager, surgical", "role": "ward-manager", "company_profile": "mid-size", "internal": false, "stage": "applied"}),
        ),
        (
            "/api/v1/opportunities/1/move",
            serde_json::json!({"stage": "rejected"}),
        ),
        (
            "/api/v1/opportunities/1/debriefs",
            serde_json::json!({"reasons": "someone with more experience of managing a ward budget was appointed", "too_technical": true}),
        ),
        (
            "/api/v1/contacts",
            serde_json::json!({"name": "Ana Ruiz", "relationship": "mentor"}),
        ),
        (
            "/api/v1/checkins",
            serde_json::json!({"levels": {"staffing-rostering": 2}, "went_well": "The rota held"}),
        ),
        (
            "/api/v1/feedback",
            serde_json::json!({"raters": ["peer:Sam Okafor"], "closes_on": "2026-12-20"}),
        ),
    ];
    let mut link = String::new();
    for (path, body) in writes {
        let (s, v) = b.api(reqwest::Method::POST, path, Some(body)).await;
        assert!(s.is_success(), "{path}: {s} {v}");
        if let Some(url) = v["links"][0]["url"].as_str() {
            link = url.to_owned();
        }
        shown.push((format!("POST {path}"), v.to_string()));
    }
    for path in [
        "/api/v1/status",
        "/api/v1/gap",
        "/api/v1/plan",
        "/api/v1/journal",
        "/api/v1/progress",
        "/api/v1/agenda",
        "/api/v1/opportunities/1",
    ] {
        let (s, v) = b.api(reqwest::Method::GET, path, None).await;
        assert!(s.is_success(), "{path}: {s} {v}");
        shown.push((format!("GET {path}"), v.to_string()));
    }
    for path in [
        "/",
        "/fit",
        "/assess",
        "/assess/history",
        "/gaps",
        "/plan",
        "/journal",
        "/progress",
        "/packet",
        "/checkins",
        "/opportunities",
        "/opportunities/1",
        "/contacts",
        "/feedback",
        "/framework",
        "/framework/roles/ward-manager",
        "/framework/competencies/budget-resources",
        "/settings",
        "/sharing",
    ] {
        let page = b.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        shown.push((format!("page {path}"), page.body));
    }
    let at = link.find("/feedback/answer/").expect("a rater's link");
    let rater = reqwest::get(format!("{}{}", b.url, &link[at..]))
        .await
        .expect("rater page");
    assert_eq!(rater.status(), StatusCode::OK);
    let rater = rater.text().await.expect("body");
    assert!(rater.contains("Noor"), "{rater}");
    shown.push(("the rater page".to_owned(), rater));
    for (what, text) in &shown {
        if let Some(hit) = leap_store::testing::foreign_word(text, &forbidden) {
            panic!("{what} shows {hit}");
        }
    }
    assert!(shown
        .iter()
        .any(|(w, t)| w == "page /plan" && t.contains("Sources")));
}

/// The assessment shows each competency's level now and the next first,
/// the others a click away; a first assessment shows every level.
#[tokio::test]
async fn the_assessment_shows_the_level_now_and_the_next_first() {
    let app = App::start().await;
    let b = app.person("joanne").await;
    let first = b.get("/assess").await.body;
    assert!(
        !first.contains("more-levels"),
        "a first assessment shows every level"
    );
    let (s, _) = b
        .api(
            reqwest::Method::POST,
            "/api/v1/assessments",
            Some(crate::api::senior_admin_levels()),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let page = b.get("/assess").await.body;
    let budgeting = page
        .split("<fieldset id=\"budgeting-funding\"")
        .nth(1)
        .and_then(|rest| rest.split("</fieldset>").next())
        .expect("the budgeting fieldset");
    let (shown, on_demand) = budgeting
        .split_once("<details class=\"more-levels\">")
        .expect("the other levels on demand");
    // Level 1 now (checked), 2 next; 0 and 3 to 5 on demand.
    assert!(shown.contains("value=\"1\" checked"), "{shown}");
    assert!(shown.contains("value=\"2\""), "{shown}");
    for l in ["0", "3", "4", "5"] {
        assert!(
            !shown.contains(&format!("value=\"{l}\"")),
            "{l} first: {shown}"
        );
        assert!(
            on_demand.contains(&format!("value=\"{l}\"")),
            "{l} on demand"
        );
    }
    assert!(on_demand.contains("The other 4 levels"));
}

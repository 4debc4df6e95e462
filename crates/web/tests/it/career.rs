//! Opportunities, contacts, check-ins, the agenda, calendar feeds and
//! sharing, through the API and the pages; another account is refused.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::api::senior_admin_levels;
use crate::App;

#[tokio::test]
async fn the_career_loop_through_the_api_belongs_to_its_owner() {
    let app = App::start().await;
    let jo = app.person("joanne").await;
    let other = app.person("mallory").await;
    let (s, _) = jo
        .api(
            Method::POST,
            "/api/v1/assessments",
            Some(senior_admin_levels()),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);

    let (s, v) = jo
        .api(
            Method::POST,
            "/api/v1/opportunities",
            Some(json!({"organisation": "Acme", "title": "IT Manager", "stage": "hired"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["field"], "stage");
    // An opening recorded after the fact is dated; a day to come is not.
    let (s, v) = jo
        .api(
            Method::POST,
            "/api/v1/opportunities",
            Some(json!({"organisation": "Acme", "title": "IT Manager", "on": "2026-12-01"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["field"], "on");
    let (s, earlier) = jo
        .api(
            Method::POST,
            "/api/v1/opportunities",
            Some(
                json!({"organisation": "Globex", "title": "Service Desk Manager",
                        "stage": "applied", "on": "2026-11-02"}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{earlier}");
    assert!(earlier.to_string().contains("2026-11-02"), "{earlier}");
    let (s, o) = jo
        .api(
            Method::POST,
            "/api/v1/opportunities",
            Some(
                json!({"organisation": "Acme", "title": "IT Manager", "role": "it-manager",
                        "company_profile": "small-growing", "stage": "interviewing",
                        "next_step": "Panel", "next_step_on": "2026-11-27"}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{o}");
    assert!(o["advice"]["advice"]
        .as_str()
        .is_some_and(|a| a.contains("growing quickly")));
    let id = o["id"].as_i64().expect("id");
    let (s, moved) = jo
        .api(
            Method::POST,
            &format!("/api/v1/opportunities/{id}/move"),
            Some(json!({"stage": "rejected"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{moved}");
    let (s, d) = jo
        .api(
            Method::POST,
            &format!("/api/v1/opportunities/{id}/debriefs"),
            Some(
                json!({"reasons": "They wanted experience with budgets and funding requests",
                        "chosen_experience": "Managed a budget of 2M"}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{d}");
    let (_, g) = jo.api(Method::GET, "/api/v1/gap", None).await;
    let budget = g["competencies"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["id"] == "budgeting-funding"))
        .expect("budget");
    assert_eq!(budget["debriefs"], 1);

    let (s, c) = jo
        .api(
            Method::POST,
            "/api/v1/contacts",
            Some(json!({"name": "Ana", "relationship": "co-manager", "cadence_days": 14})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let cid = c["id"].as_i64().expect("id");
    let (s, c) = jo
        .api(
            Method::POST,
            &format!("/api/v1/contacts/{cid}/interactions"),
            Some(json!({"date": "2026-11-01", "kind": "call"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    assert_eq!(c["follow_up_due"], true);
    let (_, list) = jo.api(Method::GET, "/api/v1/contacts", None).await;
    assert_eq!(list["contacts"][0]["id"], cid);

    let (s, k) = jo
        .api(
            Method::POST,
            "/api/v1/checkins",
            Some(json!({"levels": {"budgeting-funding": 3}, "went_well": "Shadowed the budget"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{k}");
    assert!(
        k["readiness"].as_u64() > k["readiness_before"].as_u64(),
        "{k}"
    );
    // What went well is read by the journal's tagger, with why.
    assert_eq!(
        k["went_well_shows"][0]["competency"], "budgeting-funding",
        "{k}"
    );
    assert!(k["went_well_shows"][0]["why"].is_string(), "{k}");
    let (_, ks) = jo.api(Method::GET, "/api/v1/checkins", None).await;
    assert_eq!(ks["checkins"].as_array().map(Vec::len), Some(1));

    let (_, agenda) = jo.api(Method::GET, "/api/v1/agenda", None).await;
    let kinds: Vec<&str> = agenda["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"follow-up"), "{agenda}");

    // The calendar feed: a secret address, revocable.
    let (s, feed) = jo.api(Method::POST, "/api/v1/calendar-feeds", None).await;
    assert_eq!(s, StatusCode::CREATED, "{feed}");
    let url = feed["url"].as_str().expect("url").to_owned();
    let anonymous = reqwest::get(&url).await.expect("feed");
    assert_eq!(anonymous.status(), StatusCode::OK);
    assert!(anonymous
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/calendar")));
    let ics = anonymous.text().await.expect("text");
    let uid_of = |ics: &str, key: &str| -> Option<String> {
        ics.lines()
            .find(|l| l.starts_with(&format!("UID:{key}.")))
            .map(|l| l.trim_end().to_owned())
    };
    let uid = uid_of(&ics, &format!("follow-up-{cid}")).expect("the follow-up's UID");
    assert!(uid.ends_with("@leap") && uid.len() > 40, "{uid}");
    // The same UID every time the feed is read: calendars update, not copy.
    let again = reqwest::get(&url)
        .await
        .expect("feed")
        .text()
        .await
        .expect("text");
    assert_eq!(
        uid_of(&again, &format!("follow-up-{cid}")),
        Some(uid.clone())
    );
    assert!(
        ics.contains(&format!(
            "PRODID:-//leap//leap {}//EN",
            env!("CARGO_PKG_VERSION")
        )),
        "{ics}"
    );
    // Another person's follow-up never shares it.
    let third = app.person("pat").await;
    let (s, theirs) = third
        .api(
            Method::POST,
            "/api/v1/contacts",
            Some(json!({"name": "Ana Ruiz", "cadence_days": 1})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{theirs}");
    let (_, their_feed) = third
        .api(Method::POST, "/api/v1/calendar-feeds", None)
        .await;
    let their_ics = reqwest::get(their_feed["url"].as_str().expect("url"))
        .await
        .expect("feed")
        .text()
        .await
        .expect("text");
    let their_uid = their_ics
        .lines()
        .find(|l| l.starts_with("UID:follow-up-"))
        .expect("their follow-up")
        .trim_end()
        .to_owned();
    assert_ne!(their_uid, uid);
    assert!(
        ics.contains(&format!("URL:{}/contacts/{cid}", app.url)),
        "{ics}"
    );
    let fid = feed["id"].as_i64().expect("id");

    // Another account sees none of it and changes none of it.
    for path in [
        format!("/api/v1/opportunities/{id}"),
        format!("/api/v1/contacts/{cid}"),
    ] {
        let (s, v) = other.api(Method::GET, &path, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}: {v}");
    }
    for (path, body) in [
        (
            format!("/api/v1/opportunities/{id}/move"),
            json!({"stage": "offer"}),
        ),
        (
            format!("/api/v1/opportunities/{id}/debriefs"),
            json!({"reasons": "x"}),
        ),
        (format!("/api/v1/contacts/{cid}/interactions"), json!({})),
    ] {
        let (s, v) = other.api(Method::POST, &path, Some(body)).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}: {v}");
    }
    let (s, _) = other
        .api(
            Method::DELETE,
            &format!("/api/v1/calendar-feeds/{fid}"),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, theirs) = other.api(Method::GET, "/api/v1/opportunities", None).await;
    assert_eq!(theirs["opportunities"], json!([]));
    let (_, theirs) = other.api(Method::GET, "/api/v1/contacts", None).await;
    assert_eq!(theirs["contacts"], json!([]));

    let (s, _) = jo
        .api(
            Method::DELETE,
            &format!("/api/v1/calendar-feeds/{fid}"),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let gone = reqwest::get(&url).await.expect("feed");
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn shared_parts_are_read_only_audited_and_shut_when_revoked() {
    let app = App::start().await;
    let jo = app.person("joanne").await;
    let coach = app.account("coach").await;
    let stranger = app.account("stranger").await;
    jo.api(
        Method::POST,
        "/api/v1/assessments",
        Some(senior_admin_levels()),
    )
    .await;
    let (_, plan) = jo
        .api(Method::POST, "/api/v1/plan/generate", Some(json!({})))
        .await;
    let item = plan["items"][0]["id"].as_i64().expect("item");
    let (_, entry) = jo
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(json!({"text": "Led the stand-up all week"})),
        )
        .await;
    let entry = entry["id"].as_i64().expect("entry");
    let (_, status) = jo.api(Method::GET, "/api/v1/status", None).await;
    let _ = status;
    let person = app
        .store
        .account_by_username("joanne")
        .await
        .expect("read")
        .and_then(|a| a.person)
        .expect("person")
        .0;
    let every_part = ["plan", "journal", "assessments", "feedback"];

    // Nothing is shared yet: every route refuses, the same as for nobody.
    for part in every_part {
        let (s, v) = coach
            .api(
                Method::GET,
                &format!("/api/v1/shared/{person}/{part}"),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{part}: {v}");
        let page = coach.get(&format!("/shared/{person}/{part}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{part}");
    }
    let (s, _) = coach
        .api(
            Method::POST,
            &format!("/api/v1/shared/{person}/comments"),
            Some(json!({"on": "plan-item", "id": item, "text": "Nice"})),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    let (s, v) = jo
        .api(
            Method::POST,
            "/api/v1/shares",
            Some(json!({"username": "coach", "parts": ["plan", "journal", "secrets"]})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["field"], "parts");
    let (s, v) = jo
        .api(
            Method::POST,
            "/api/v1/shares",
            Some(json!({"username": "nobody", "parts": ["plan"]})),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (s, v) = jo
        .api(
            Method::POST,
            "/api/v1/shares",
            Some(json!({"username": "coach", "parts": ["plan", "journal"]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["shares"].as_array().map(Vec::len), Some(2));

    let (_, mine) = coach.api(Method::GET, "/api/v1/shared", None).await;
    assert_eq!(mine["people"][0]["name"], "joanne");
    assert_eq!(mine["people"][0]["parts"], json!(["journal", "plan"]));
    let (s, p) = coach
        .api(Method::GET, &format!("/api/v1/shared/{person}/plan"), None)
        .await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!(p["items"][0]["id"], item);
    // Parts not shared stay shut; others see nothing at all.
    for part in ["assessments", "feedback"] {
        let (s, _) = coach
            .api(
                Method::GET,
                &format!("/api/v1/shared/{person}/{part}"),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{part}");
    }
    for part in every_part {
        let (s, _) = stranger
            .api(
                Method::GET,
                &format!("/api/v1/shared/{person}/{part}"),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{part}");
    }
    // Read-only: the coach's own routes act on the coach, not on Jo.
    let (s, _) = coach
        .api(
            Method::POST,
            &format!("/api/v1/plan/items/{item}/done"),
            Some(json!({})),
        )
        .await;
    assert_ne!(s, StatusCode::OK);

    for (on, id) in [("plan-item", item), ("journal-entry", entry)] {
        let (s, v) = coach
            .api(
                Method::POST,
                &format!("/api/v1/shared/{person}/comments"),
                Some(json!({"on": on, "id": id, "text": format!("Comment on {on}")})),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let (s, v) = coach
        .api(
            Method::POST,
            &format!("/api/v1/shared/{person}/comments"),
            Some(json!({"on": "plan-item", "id": item, "text": "  "})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (_, comments) = jo.api(Method::GET, "/api/v1/comments", None).await;
    assert_eq!(comments["comments"].as_array().map(Vec::len), Some(2));
    assert_eq!(comments["comments"][0]["author"], "coach");
    let plan_page = jo.get("/plan").await;
    assert!(
        plan_page.body.contains("Comment on plan-item"),
        "the owner sees comments"
    );
    let journal_page = jo.get("/journal").await;
    assert!(journal_page.body.contains("Comment on journal-entry"));

    let (_, audit) = jo.api(Method::GET, "/api/v1/audit", None).await;
    let reads = audit["reads"].as_array().expect("reads");
    assert!(
        reads
            .iter()
            .any(|r| r["username"] == "coach" && r["part"] == "plan"),
        "{audit}"
    );
    assert!(reads.iter().all(|r| r["username"] != "stranger"));

    // Revoked: shut at once, through the API and the pages.
    let (_, shares) = jo.api(Method::GET, "/api/v1/shares", None).await;
    for s in shares["shares"].as_array().expect("shares") {
        let id = s["id"].as_i64().expect("id");
        let (st, _) = jo
            .api(Method::DELETE, &format!("/api/v1/shares/{id}"), None)
            .await;
        assert_eq!(st, StatusCode::NO_CONTENT);
    }
    for part in every_part {
        let (s, _) = coach
            .api(
                Method::GET,
                &format!("/api/v1/shared/{person}/{part}"),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{part} after revoking");
        let page = coach.get(&format!("/shared/{person}/{part}")).await;
        assert_eq!(
            page.status,
            StatusCode::NOT_FOUND,
            "{part} page after revoking"
        );
    }
    let (s, _) = coach
        .api(
            Method::POST,
            &format!("/api/v1/shared/{person}/comments"),
            Some(json!({"on": "plan-item", "id": item, "text": "Late"})),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Not shared with you and no such person: the same answer, word for
    // word, on the API and the page, so that neither tells which people
    // exist.
    let nobody = person + 1000;
    let answer = |p: i64| {
        let coach = &coach;
        async move {
            let (s, v) = coach
                .api(
                    Method::POST,
                    &format!("/api/v1/shared/{p}/comments"),
                    Some(json!({"on": "plan-item", "id": item, "text": "Late"})),
                )
                .await;
            let from = coach.get("/settings").await;
            let page = coach
                .post(
                    &format!("/shared/{p}/comments"),
                    &from,
                    &[
                        ("on", "plan-item"),
                        ("id", &item.to_string()),
                        ("text", "Late"),
                    ],
                )
                .await;
            (s, v["error"]["message"].to_string(), page.status, page.body)
        }
    };
    let (not_shared, no_one) = (answer(person).await, answer(nobody).await);
    assert_eq!(not_shared.0, StatusCode::NOT_FOUND);
    assert_eq!(not_shared.2, StatusCode::NOT_FOUND);
    assert_eq!(not_shared, no_one);
    let (_, mine) = coach.api(Method::GET, "/api/v1/shared", None).await;
    assert_eq!(mine["people"], json!([]));
}

#[tokio::test]
async fn the_pages_keep_what_was_typed_and_refuse_another_account() {
    let app = App::start().await;
    let jo = app.person("joanne").await;
    let other = app.person("mallory").await;
    jo.api(
        Method::POST,
        "/api/v1/assessments",
        Some(senior_admin_levels()),
    )
    .await;

    // Opportunities: a bad stage is named next to the field, the rest kept.
    let page = jo.get("/opportunities").await;
    assert_eq!(page.status, StatusCode::OK);
    let r = jo
        .post(
            "/opportunities",
            &page,
            &[
                ("organisation", "Acme Ltd"),
                ("title", "Head of IT"),
                ("company_profile", "gigantic"),
                ("stage", "applied"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("invalid company-profile &#39;gigantic&#39;: allowed: small-growing"),
        "{}",
        r.body
    );
    assert!(r
        .body
        .contains("aria-describedby=\"company_profile-error\""));
    assert!(
        r.body.contains("value=\"Acme Ltd\""),
        "what was typed is kept"
    );
    let r = jo
        .post(
            "/opportunities",
            &page,
            &[
                ("organisation", "Acme Ltd"),
                ("title", "Head of IT"),
                ("role", "it-manager"),
                ("company_profile", "large-enterprise"),
                ("stage", "interviewing"),
                ("on", "2026-11-10"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let at = r.location().to_owned();
    let shown = jo.get(&at).await;
    assert!(shown.body.contains("2026-11-10"), "dated: {}", shown.body);
    assert!(
        shown.body.contains("Large enterprise: what to expect"),
        "{}",
        shown.body
    );
    let r = jo
        .post(
            &format!("{at}/debrief"),
            &shown,
            &[("chosen_experience", "Ten years as a manager")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("only after a rejection"));
    assert!(r.body.contains("Ten years as a manager</textarea>"));
    let r = jo
        .post(&format!("{at}/move"), &shown, &[("stage", "rejected")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = jo
        .post(
            &format!("{at}/debrief"),
            &shown,
            &[
                ("reasons", "More experience managing budgets"),
                ("chosen_experience", "Ten years as a manager"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let list = jo.get("/opportunities").await;
    assert!(
        list.body.contains("What keeps coming up in 1 debrief"),
        "{}",
        list.body
    );
    let gaps = jo.get("/gaps").await;
    assert!(gaps.body.contains("cited in 1 debrief"), "{}", gaps.body);

    // Contacts.
    let page = jo.get("/contacts").await;
    let r = jo
        .post(
            "/contacts",
            &page,
            &[
                ("name", "Ana"),
                ("relationship", "co-manager"),
                ("cadence_days", "0"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("from 1 to 365"));
    assert!(r.body.contains("value=\"Ana\""));
    let r = jo
        .post(
            "/contacts",
            &page,
            &[
                ("name", "Ana"),
                ("relationship", "co-manager"),
                ("cadence_days", "7"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let contact = r.location().to_owned();
    let shown = jo.get(&contact).await;
    let r = jo
        .post(
            &format!("{contact}/touch"),
            &shown,
            &[("date", "2026-11-02"), ("kind", "call"), ("note", "Coffee")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let list = jo.get("/contacts").await;
    assert!(list.body.contains("Due since 2026-11-09"), "{}", list.body);
    let dashboard = jo.get("/").await;
    assert!(
        dashboard.body.contains("Follow up with Ana"),
        "{}",
        dashboard.body
    );

    // Check-ins: the form re-rates, the history grows.
    let page = jo.get("/checkins").await;
    let r = jo
        .post(
            "/checkins",
            &page,
            &[
                ("level.budgeting-funding", "2"),
                ("went_well", "Asked for the budget file"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = jo.post("/checkins/every", &page, &[("every", "3")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("from 7 to 182"));
    let history = jo.get("/checkins").await;
    assert!(history.body.contains("Asked for the budget file"));
    // The reflection shows what it is evidence of, by name; the target by
    // its name, not its id.
    assert!(
        history
            .body
            .contains("<span class=\"why\">Shows Budgeting, funding and purchasing"),
        "{}",
        history.body
    );
    assert!(
        history
            .body
            .contains("data-label=\"Target\">IT manager</td>"),
        "{}",
        history.body
    );

    // Another account: every page of Jo's objects is 404, every form too.
    let theirs = other.get("/opportunities").await;
    assert!(!theirs.body.contains("Acme Ltd"));
    for path in [at.clone(), contact.clone()] {
        assert_eq!(
            other.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    for (path, fields) in [
        (format!("{at}/move"), vec![("stage", "offer")]),
        (format!("{at}/debrief"), vec![("reasons", "x")]),
        (format!("{contact}/touch"), vec![("kind", "call")]),
    ] {
        assert_eq!(
            other.post(&path, &theirs, &fields).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let still = jo.get(&at).await;
    assert!(still.body.contains("rejected"));

    // Sharing page: an unknown account is named; a feed address shown once.
    let page = jo.get("/sharing").await;
    let r = jo
        .post(
            "/sharing",
            &page,
            &[("username", "nobody"), ("part", "plan")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("no other account has this name"));
    let r = jo
        .post(
            "/sharing",
            &page,
            &[("username", "mallory"), ("part", "journal")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = jo.post("/sharing/calendar", &page, &[]).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert!(r.body.contains("/calendar/feed/"), "{}", r.body);
    let shared = other.get("/shared").await;
    assert!(shared.body.contains("joanne"), "{}", shared.body);
    let person = shared
        .body
        .split("/shared/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .expect("person")
        .to_owned();
    let journal = other.get(&format!("/shared/{person}/journal")).await;
    assert_eq!(journal.status, StatusCode::OK);
    assert_eq!(
        other.get(&format!("/shared/{person}/plan")).await.status,
        StatusCode::NOT_FOUND
    );
    let log = jo.get("/sharing").await;
    assert!(log.body.contains("read journal"), "{}", log.body);
}

//! The loop in a real headless Chromium through WebDriver: create the
//! account, take the fit check, assess, see the dashboard and its chart,
//! log evidence, generate the plan and finish an item, see the readiness
//! change. Every page is checked for labels, headings and a keyboard skip
//! link, and a screenshot of it is kept in
//! `target/tmp/screenshots/` (CARGO_TARGET_TMPDIR).
//!
//! Needs Debian's `chromium` and `chromium-driver`; the test command
//! installs them. Outside CI, without them, the test says so and passes.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use crate::{App, PASSWORD};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole process group: chromedriver and the browser it started,
        // even when the test panicked before closing the session.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0.id())])
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A headless Chromium; `dark` asks pages for their dark theme
/// (`prefers-color-scheme: dark`), as a system set to dark would.
async fn start_browser(profile: &Path, dark: bool) -> Option<(Driver, Client)> {
    if !Path::new(CHROMEDRIVER).exists() || !Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium and chromium-driver: the test command installs them"
        );
        eprintln!("SKIPPED browser test: install Debian's chromium and chromium-driver to run it");
        return None;
    }
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver(child);
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut args = vec![
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--window-size=1280,1400".to_owned(),
        format!("--user-data-dir={}", profile.display()),
    ];
    if dark {
        args.push("--blink-settings=preferredColorScheme=0".to_owned());
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_owned(),
        json!({ "binary": CHROMIUM, "args": args }),
    );
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a WebDriver session");
    Some((driver, client))
}

fn shots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// Labels on every field, one h1, a language, the skip link first; then a
/// screenshot named `name`.
async fn check_page(c: &Client, name: &str) {
    let problems = c
        .execute(
            r#"const p = [];
            for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
              if (el.labels.length === 0 && !el.getAttribute('aria-label')) p.push('unlabelled ' + (el.name || el.id));
            }
            const h1 = document.querySelectorAll('h1').length;
            if (h1 !== 1) p.push(h1 + ' h1 elements');
            if (!document.documentElement.lang) p.push('no lang');
            const first = document.querySelector('a[href], button, input:not([type=hidden]), select, textarea');
            if (document.querySelector('.skip') && first !== document.querySelector('.skip')) p.push('the skip link is not first');
            return p;"#,
            vec![],
        )
        .await
        .expect("run the check");
    assert_eq!(problems, json!([]), "accessibility problems on {name}");
    axe(c, name).await;
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(shots().join(format!("{name}.png")), png).expect("write screenshot");
}

/// axe-core, as `scripts/test.sh` installs it (tests/axe, pinned by its
/// lock file). Outside CI, without it, the check says so and passes.
fn axe_source() -> Option<&'static str> {
    static SOURCE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    SOURCE
        .get_or_init(|| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/axe/node_modules/axe-core/axe.min.js");
            let source = std::fs::read_to_string(&path).ok();
            if source.is_none() {
                assert!(
                    std::env::var_os("CI").is_none(),
                    "CI must have axe-core: scripts/test.sh installs it ({})",
                    path.display()
                );
                eprintln!("SKIPPED axe-core: `npm ci --prefix tests/axe` installs it");
            }
            source
        })
        .as_deref()
}

/// axe-core's WCAG 2.1 A and AA rules, run in the page: no violation,
/// or the test names each with the elements it was found on.
async fn axe(c: &Client, name: &str) {
    let Some(source) = axe_source() else {
        return;
    };
    c.execute(&format!("{source}\nreturn true;"), vec![])
        .await
        .expect("load axe-core");
    let found = c
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
              .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | '))))
              .catch(e => done(['axe-core failed: ' + e]));"#,
            vec![],
        )
        .await
        .expect("run axe-core");
    assert_eq!(found, json!([]), "axe-core on {name}");
}

/// Every page a signed-in person reaches from the menu, and the deeper
/// ones the loop fills.
const PAGES: [(&str, &str); 18] = [
    ("/", "dashboard"),
    ("/fit", "fit"),
    ("/assess", "assess"),
    ("/assess/history", "history"),
    ("/gaps", "gaps"),
    ("/plan", "plan"),
    ("/journal", "journal"),
    ("/feedback", "feedback"),
    ("/opportunities", "opportunities"),
    ("/contacts", "contacts"),
    ("/checkins", "checkins"),
    ("/progress", "progress"),
    ("/packet", "packet"),
    ("/sharing", "sharing"),
    ("/framework", "framework"),
    ("/framework/competencies/budgeting-funding", "competency"),
    ("/settings", "settings"),
    ("/shared", "shared"),
];

/// Clicks a submit button and waits (up to ten seconds) until the next
/// page has replaced this one, even when it has the same address.
async fn submit(c: &Client, css: &str) {
    c.execute("document.body.dataset.leapOld = '1'", vec![])
        .await
        .expect("mark the page");
    click(c, css).await;
    for _ in 0..100 {
        let fresh = c
            .execute("return document.readyState === 'complete' && document.body && !document.body.dataset.leapOld && !!document.querySelector('footer')", vec![])
            .await
            .unwrap_or(json!(false));
        if fresh == json!(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no new page after clicking {css}");
}

/// Nothing on the page is wider than a 390 px phone.
async fn fits_a_phone(c: &Client, what: &str) {
    let width = c
        .execute("return document.documentElement.scrollWidth", vec![])
        .await
        .expect("width");
    assert!(
        width.as_u64().is_some_and(|w| w <= 390),
        "{what} is {width} px wide at 390"
    );
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

async fn fill(c: &Client, css: &str, text: &str) {
    let el = c
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    el.clear().await.expect("clear");
    el.send_keys(text).await.expect("type");
}

async fn text(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .expect("text")
}

async fn path(c: &Client) -> String {
    c.current_url().await.expect("url").path().to_owned()
}

/// Waits (up to five seconds) for a form submission to land on `expected`.
async fn arrive(c: &Client, expected: &str) {
    for _ in 0..50 {
        if path(c).await == expected && c.find(Locator::Css("footer")).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "expected to arrive at {expected}, still at {}",
        path(c).await
    );
}

async fn readiness(c: &Client, base: &str) -> u32 {
    c.goto(&format!("{base}/")).await.expect("dashboard");
    text(c, ".big")
        .await
        .trim_end_matches('%')
        .parse()
        .expect("a percentage")
}

const LEVELS: [(&str, u8); 14] = [
    ("technical-excellence", 4),
    ("service-operations", 4),
    ("project-management", 3),
    ("leadership-delegation", 2),
    ("developing-staff", 2),
    ("conflict-emotional-intelligence", 3),
    ("business-acumen", 2),
    ("budgeting-funding", 1),
    ("strategy-roadmap", 2),
    ("compliance-risk", 3),
    ("resource-planning", 2),
    ("communication", 3),
    ("relationships-networking", 2),
    ("organisational-savvy", 2),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_loop_in_a_real_browser() {
    let app = App::start().await;
    let profile = tempfile::TempDir::new().expect("browser profile");
    let Some((_driver, c)) = start_browser(profile.path(), false).await else {
        return;
    };
    let base = app.url.clone();

    // First run: the setup page, submitted from the keyboard (Enter).
    c.goto(&format!("{base}/")).await.expect("open");
    assert_eq!(path(&c).await, "/setup");
    check_page(&c, "01-setup").await;
    fill(&c, "#username", "joanne").await;
    fill(&c, "#password", PASSWORD).await;
    fill(&c, "#confirm", &format!("{PASSWORD}\u{E007}")).await;
    arrive(&c, "/welcome").await;
    check_page(&c, "02-welcome").await;
    submit(&c, "form[action='/welcome'] button[type=submit]").await;
    arrive(&c, "/").await;
    check_page(&c, "03-dashboard-empty").await;

    // The fit check.
    c.goto(&format!("{base}/fit")).await.expect("fit");
    check_page(&c, "04-fit").await;
    let statements = c.execute("return [...document.querySelectorAll('fieldset')].map(f => f.querySelector('input').name)", vec![]).await.expect("names");
    for (i, name) in statements.as_array().expect("list").iter().enumerate() {
        let value = if i < 8 { 5 } else { 2 };
        click(
            &c,
            &format!(
                "input[name='{}'][value='{value}']",
                name.as_str().expect("name")
            ),
        )
        .await;
    }
    submit(&c, "form[action='/fit'] button[type=submit]").await;
    arrive(&c, "/fit").await;
    assert!(text(&c, "#result-h + p + p").await.contains("management"));
    check_page(&c, "05-fit-result").await;

    // The self-assessment.
    c.goto(&format!("{base}/assess")).await.expect("assess");
    check_page(&c, "06-assess").await;
    for (id, level) in LEVELS {
        click(&c, &format!("input[name='{id}'][value='{level}']")).await;
    }
    submit(&c, "form[action='/assess'] button[type=submit]").await;
    arrive(&c, "/gaps").await;
    check_page(&c, "07-gaps").await;

    // The dashboard with its chart.
    let before = readiness(&c, &base).await;
    assert!(
        c.find(Locator::Css("figure.chart svg")).await.is_ok(),
        "the radar chart is drawn"
    );
    check_page(&c, "08-dashboard").await;

    // Evidence, with suggested tags.
    c.goto(&format!("{base}/journal")).await.expect("journal");
    fill(
        &c,
        "#text",
        "Presented the budget forecast to the finance director",
    )
    .await;
    submit(&c, "button[value=suggest]").await;
    arrive(&c, "/journal").await;
    assert!(
        c.find(Locator::Css("input[value='budgeting-funding']:checked"))
            .await
            .is_ok(),
        "suggested tag ticked"
    );
    submit(&c, "button[value=save]").await;
    arrive(&c, "/journal").await;
    assert!(text(&c, "table")
        .await
        .contains("Presented the budget forecast"));
    check_page(&c, "09-journal").await;

    // The plan: generate, finish an item with a note.
    c.goto(&format!("{base}/plan")).await.expect("plan");
    submit(&c, "form[action='/plan/generate'] button").await;
    arrive(&c, "/plan").await;
    fill(
        &c,
        "form[action$='/done'] input[name=note]",
        "Led it; the write-up is in the journal",
    )
    .await;
    submit(&c, "form[action$='/done'] button").await;
    arrive(&c, "/plan").await;
    assert!(text(&c, "table")
        .await
        .contains("Led it; the write-up is in the journal"));
    check_page(&c, "10-plan").await;

    // A later assessment: readiness rises on the dashboard.
    // Two levels up: past the level now and the next, so the other levels
    // are opened first, as a person would.
    c.goto(&format!("{base}/assess")).await.expect("assess");
    click(&c, "#leadership-delegation details.more-levels summary").await;
    click(&c, "input[name='leadership-delegation'][value='4']").await;
    click(&c, "#budgeting-funding details.more-levels summary").await;
    click(&c, "input[name='budgeting-funding'][value='3']").await;
    submit(&c, "form[action='/assess'] button[type=submit]").await;
    arrive(&c, "/gaps").await;
    let after = readiness(&c, &base).await;
    assert!(after > before, "readiness {before}% -> {after}%");
    check_page(&c, "11-dashboard-after").await;

    // 360 feedback: a request, the rater's form by its link, the request.
    c.goto(&format!("{base}/feedback")).await.expect("feedback");
    check_page(&c, "16-feedback").await;
    fill(&c, "#raters", "manager: Ann Lee\npeer: Sam Okafor").await;
    submit(&c, "form[action='/feedback'] button[type=submit]").await;
    arrive(&c, "/feedback").await;
    let link = c
        .find(Locator::Css("input.copy"))
        .await
        .expect("the link to copy")
        .prop("value")
        .await
        .expect("value")
        .unwrap_or_default();
    assert!(link.contains("/feedback/answer/"), "{link}");
    check_page(&c, "17-feedback-made").await;
    c.goto(&link).await.expect("rater form");
    assert!(text(&c, "main").await.contains("not anonymous"));
    check_page(&c, "18-rater-form").await;
    c.execute(
        "for (const r of document.querySelectorAll('input[value=not-observed]')) r.checked = true;",
        vec![],
    )
    .await
    .expect("not observed everywhere");
    click(&c, "input[name='rating.communication'][value='4']").await;
    fill(&c, "#overall", "Ready for the role").await;
    submit(&c, "form.levels button[type=submit]").await;
    assert!(text(&c, "main").await.contains("your answers are saved"));
    c.goto(&format!("{base}/feedback/1"))
        .await
        .expect("request");
    assert!(text(&c, "main").await.contains("Answers so far"));
    check_page(&c, "19-feedback-request").await;

    // Opportunities, contacts, a check-in, sharing: through the forms, as
    // a person would, and each page checked.
    c.goto(&format!("{base}/opportunities"))
        .await
        .expect("opportunities");
    check_page(&c, "20-opportunities").await;
    fill(&c, "#organisation", "Acme").await;
    fill(&c, "#title", "IT Manager").await;
    submit(&c, "form[action='/opportunities'] button[type=submit]").await;
    arrive(&c, "/opportunities/1").await;
    assert!(text(&c, "main").await.contains("what to expect"));
    check_page(&c, "21-opportunity").await;
    fill(&c, "#reasons", "They wanted someone who had run a budget").await;
    submit(
        &c,
        "form[action='/opportunities/1/debrief'] button[type=submit]",
    )
    .await;
    arrive(&c, "/opportunities/1").await;
    assert!(text(&c, "main").await.contains("Reasons given"));
    c.goto(&format!("{base}/contacts")).await.expect("contacts");
    fill(&c, "#name", "Ana Ruiz").await;
    submit(&c, "form[action='/contacts'] button[type=submit]").await;
    arrive(&c, "/contacts/1").await;
    check_page(&c, "22-contact").await;
    submit(&c, "form[action='/contacts/1/touch'] button[type=submit]").await;
    c.goto(&format!("{base}/contacts")).await.expect("contacts");
    assert!(text(&c, "main").await.contains("Streak: 1 week"));
    check_page(&c, "23-contacts").await;
    c.goto(&format!("{base}/checkins"))
        .await
        .expect("check-ins");
    check_page(&c, "24-checkins").await;
    fill(&c, "#went_well", "Ran the stand-up").await;
    submit(&c, "form[action='/checkins'] button[type=submit]").await;
    assert!(text(&c, "main").await.contains("Ran the stand-up"));
    c.goto(&format!("{base}/sharing")).await.expect("sharing");
    check_page(&c, "25-sharing").await;
    submit(&c, "form[action='/sharing/calendar'] button[type=submit]").await;
    assert!(text(&c, "main").await.contains("/calendar/feed/"));

    for (p, name) in [
        ("/shared", "26-shared-with-me"),
        ("/assess/history", "12-history"),
        ("/framework", "13-framework"),
        ("/framework/competencies/budgeting-funding", "14-competency"),
        ("/settings", "15-settings"),
        ("/progress", "27-progress"),
        ("/packet", "28-packet"),
    ] {
        c.goto(&format!("{base}{p}")).await.expect("page");
        check_page(&c, name).await;
    }
    // After the whole loop, the packet has something to say.
    c.goto(&format!("{base}/packet")).await.expect("packet");
    assert!(text(&c, "main").await.contains("Promotion packet"));

    // The plan and the check-ins on a phone: their tables turn into
    // stacked rows, nothing scrolls sideways.
    c.set_window_size(390, 1400).await.expect("phone width");
    for (p, name) in [
        ("/plan", "29-plan-phone"),
        ("/checkins", "30-checkins-phone"),
    ] {
        c.goto(&format!("{base}{p}")).await.expect("page");
        fits_a_phone(&c, p).await;
        check_page(&c, name).await;
    }
    // Every page on a phone: nothing wider than the screen, nothing axe-core
    // finds.
    for (p, name) in PAGES {
        c.goto(&format!("{base}{p}")).await.expect("page");
        let width = c
            .execute("return document.documentElement.scrollWidth", vec![])
            .await
            .expect("width");
        let wide = c
            .execute(
                "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391).slice(-4).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 40))",
                vec![],
            )
            .await
            .expect("wide elements");
        assert!(
            width.as_u64().is_some_and(|w| w <= 390),
            "{p} is {width} px wide at 390: {wide}"
        );
        check_page(&c, &format!("40-{name}-phone")).await;
    }
    c.set_window_size(1280, 1400).await.expect("laptop width");

    // The dark theme, chosen by the system: every page again.
    let dark_profile = tempfile::TempDir::new().expect("browser profile");
    if let Some((_dark_driver, d)) = start_browser(dark_profile.path(), true).await {
        d.goto(&format!("{base}/login")).await.expect("login");
        fill(&d, "#username", "joanne").await;
        fill(&d, "#password", &format!("{PASSWORD}\u{E007}")).await;
        arrive(&d, "/").await;
        let dark = d
            .execute(
                "return matchMedia('(prefers-color-scheme: dark)').matches",
                vec![],
            )
            .await
            .expect("media");
        assert_eq!(dark, json!(true), "the browser asks for the dark theme");
        for (p, name) in PAGES {
            d.goto(&format!("{base}{p}")).await.expect("page");
            check_page(&d, &format!("50-{name}-dark")).await;
        }
        d.close().await.expect("close");
    }

    // Settings: the title is the title, and the data download and the
    // deletion are there to see and to use, as a person would.
    c.goto(&format!("{base}/settings")).await.expect("settings");
    assert_eq!(c.title().await.expect("title"), "Settings · leap");
    let download = c
        .find(Locator::LinkText("Download all my data (JSON)"))
        .await
        .expect("the download link");
    assert!(download.is_displayed().await.expect("visible"));
    let href = download.attr("href").await.expect("href");
    assert_eq!(href.as_deref(), Some("/settings/export"));
    // What the link gives, fetched with the browser's own session cookie.
    let cookie = c
        .get_all_cookies()
        .await
        .expect("cookies")
        .iter()
        .map(|k| format!("{}={}", k.name(), k.value()))
        .collect::<Vec<_>>()
        .join("; ");
    let got = reqwest::Client::new()
        .get(format!("{base}/settings/export"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("the export");
    assert_eq!(got.status(), reqwest::StatusCode::OK);
    assert!(got
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|d| d.starts_with("attachment")));
    let document: serde_json::Value = got.json().await.expect("JSON");
    assert!(document["format"].is_string(), "{document}");
    download.click().await.expect("click the download");
    assert_eq!(path(&c).await, "/settings", "a download keeps the page");
    assert!(c
        .find(Locator::Css("#delete-h"))
        .await
        .expect("the deletion heading")
        .is_displayed()
        .await
        .expect("visible"));
    // Someone else on the server, an administrator (the last one cannot
    // go), so that the sign-in page (not the first run's setup) greets the
    // browser afterwards.
    let hash = leap_app::password::hash(PASSWORD.to_owned())
        .await
        .expect("hash");
    app.store
        .create_account(leap_store::NewAccount {
            username: "sam",
            password_hash: &hash,
            is_admin: true,
            at: chrono::Utc::now(),
        })
        .await
        .expect("another account");
    fill(&c, "#delete_password", PASSWORD).await;
    click(&c, "input[name=understood]").await;
    submit(&c, "form[action='/settings/delete'] button[type=submit]").await;
    arrive(&c, "/login").await;
    assert!(
        text(&c, "main").await.contains("deleted"),
        "{}",
        text(&c, "main").await
    );
    c.goto(&format!("{base}/")).await.expect("home");
    assert_eq!(path(&c).await, "/login", "signed out");
    assert!(app
        .store
        .account_by_username("joanne")
        .await
        .expect("read")
        .is_none());
    c.close().await.expect("close the browser");
}

/// Signs the browser in as `username`, leaving any earlier session.
async fn sign_in(c: &Client, base: &str, username: &str) {
    c.delete_all_cookies().await.expect("sign out");
    c.goto(&format!("{base}/login")).await.expect("login");
    fill(c, "#username", username).await;
    fill(c, "#password", &format!("{PASSWORD}\u{E007}")).await;
    arrive(c, "/").await;
}

/// The organisation as its people meet it: the admin builds it from a file
/// on the Organisation page, a manager rates a report from their team, and
/// the report sees the rating beside their own and who their managers are.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organisation_in_a_real_browser() {
    let app = App::start().await;
    app.person("admin").await;
    app.person("ann@example.com").await;
    let bo = app.person("bo@example.com").await;
    bo.api(
        reqwest::Method::POST,
        "/api/v1/assessments",
        Some(crate::api::senior_admin_levels()),
    )
    .await;
    for part in ["assessments", "plan"] {
        bo.api(
            reqwest::Method::PUT,
            "/api/v1/line",
            Some(json!({"part": part, "reach": "manager"})),
        )
        .await;
    }
    let profile = tempfile::TempDir::new().expect("browser profile");
    let Some((_driver, c)) = start_browser(profile.path(), false).await else {
        return;
    };
    let base = app.url.clone();

    sign_in(&c, &base, "admin").await;
    c.goto(&format!("{base}/admin/org")).await.expect("org");
    check_page(&c, "60-org-empty").await;
    for (team, parent) in [("IT", ""), ("Infrastructure", "IT")] {
        // The form is folded away once there are teams.
        c.execute(
            "document.querySelector('#team_name').closest('details').open = true; document.querySelector('#team_parent').value = arguments[0]",
            vec![json!(parent)],
        )
        .await
        .expect("open the form and choose the parent");
        fill(&c, "#team_name", team).await;
        submit(&c, "form[action='/admin/org/teams'] button[type=submit]").await;
        arrive(&c, "/admin/org").await;
    }
    fill(
        &c,
        "#file",
        "email,name,team,manager\nann@example.com,Ann Lee,IT,\nbo@example.com,Bo Diaz,Infrastructure,ann@example.com\n",
    )
    .await;
    submit(&c, "button[value='check']").await;
    assert!(text(&c, "main")
        .await
        .contains("The file is fine: 2 people"));
    submit(&c, "button[value='import']").await;
    assert!(text(&c, "main")
        .await
        .contains("Imported: 2 added, 0 updated"));
    check_page(&c, "61-org").await;
    c.set_window_size(390, 1400).await.expect("phone width");
    c.goto(&format!("{base}/admin/org")).await.expect("org");
    fits_a_phone(&c, "/admin/org").await;
    check_page(&c, "62-org-phone").await;
    c.set_window_size(1280, 1400).await.expect("laptop width");

    // The manager rates her report from her team.
    sign_in(&c, &base, "ann@example.com").await;
    let team = c
        .execute(
            "return document.querySelector(\"nav a[href='/team']\").textContent",
            vec![],
        )
        .await
        .expect("the Team link");
    assert_eq!(team, json!("Team"), "a manager's menu has their team");
    c.goto(&format!("{base}/team")).await.expect("team");
    assert!(text(&c, "main").await.contains("Gaps across the team"));
    check_page(&c, "63-team").await;
    c.set_window_size(390, 1400).await.expect("phone width");
    c.goto(&format!("{base}/team")).await.expect("team");
    fits_a_phone(&c, "/team").await;
    check_page(&c, "63-team-phone").await;
    c.set_window_size(1280, 1400).await.expect("laptop width");
    click(&c, "a[href$='/rating']").await;
    check_page(&c, "64-rating").await;
    click(&c, "input[name=communication][value='1']").await;
    submit(&c, "form.levels button[type=submit]").await;
    arrive(&c, "/team").await;
    assert!(
        text(&c, "main").await.contains("Rating saved")
            || text(&c, "body").await.contains("Rating saved")
    );

    // A one-to-one, started from the team.
    c.goto(&format!("{base}/one-to-ones"))
        .await
        .expect("one-to-ones");
    check_page(&c, "69-one-to-ones").await;
    submit(&c, "form[action='/one-to-ones'] button[type=submit]").await;
    let meeting = path(&c).await;
    assert!(meeting.starts_with("/one-to-ones/"));
    fill(&c, "#text", "How the budget workshop went").await;
    submit(&c, "form[action$='/entries'] button[type=submit]").await;
    assert!(text(&c, "main")
        .await
        .contains("How the budget workshop went"));
    check_page(&c, "70-one-to-one").await;

    // The report sees it beside their own, and who their managers are.
    sign_in(&c, &base, "bo@example.com").await;
    c.goto(&format!("{base}/assess")).await.expect("assess");
    assert!(text(&c, "main")
        .await
        .contains("1 competency differs by two levels or more"));
    check_page(&c, "65-assess-with-rating").await;
    c.goto(&format!("{base}/sharing")).await.expect("sharing");
    assert!(text(&c, "main").await.contains("Your manager is Ann Lee"));
    check_page(&c, "66-sharing-managers").await;
    c.set_window_size(390, 1400).await.expect("phone width");
    for (p, name) in [
        ("/assess", "67-assess-with-rating-phone"),
        ("/sharing", "68-sharing-phone"),
    ] {
        c.goto(&format!("{base}{p}")).await.expect("page");
        fits_a_phone(&c, p).await;
        check_page(&c, name).await;
    }
    c.set_window_size(1280, 1400).await.expect("laptop width");

    // Bo asks to be considered for IT manager, on the same page.
    c.goto(&format!("{base}/sharing")).await.expect("sharing");
    click(&c, "input[name=role][value='it-manager']").await;
    submit(&c, "form[action='/sharing/succession'] button[type=submit]").await;
    arrive(&c, "/sharing").await;
    assert!(text(&c, "main").await.contains("(since "));

    // Ann finds him on her bench, with the reason, on a laptop and a phone;
    // and her one-to-one and rating pages fit a phone too.
    sign_in(&c, &base, "ann@example.com").await;
    let bench = c
        .execute(
            "return document.querySelector(\"nav a[href='/bench']\").textContent",
            vec![],
        )
        .await
        .expect("the Bench link");
    assert_eq!(bench, json!("Bench"));
    c.goto(&format!("{base}/bench")).await.expect("bench");
    let main = text(&c, "main").await;
    assert!(
        main.contains("Bo Diaz") && main.contains("IT manager"),
        "{main}"
    );
    click(&c, "main details summary").await;
    assert!(text(&c, "main")
        .await
        .contains("at the level IT manager expects (a readiness score of"));
    check_page(&c, "71-bench").await;
    c.set_window_size(390, 1400).await.expect("phone width");
    for (p, name) in [
        ("/bench".to_owned(), "72-bench-phone"),
        (meeting.clone(), "73-one-to-one-phone"),
        ("/team".to_owned(), "74-team-phone-with-summary"),
    ] {
        c.goto(&format!("{base}{p}")).await.expect("page");
        fits_a_phone(&c, &p).await;
        check_page(&c, name).await;
    }
    c.goto(&format!("{base}/team")).await.expect("team");
    click(&c, "a[href$='/rating']").await;
    fits_a_phone(&c, "the rating").await;
    check_page(&c, "75-rating-phone").await;
    c.close().await.expect("close");
}

/// Accounts and single sign-on as an administrator and a newcomer meet
/// them in a real browser: the sign-in page with its button, the provider's
/// form and back (the session cookie is `SameSite=Strict`, so this proves
/// the way back signs the browser in), the Accounts page with a reset link
/// shown once, a confirmation, the audit log; at 1280 and 390 px.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_and_single_sign_on_in_a_real_browser() {
    let Some(issuer) = std::env::var("LEAP_TEST_OIDC")
        .ok()
        .filter(|s| !s.is_empty())
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the single sign-on tests: scripts/test.sh starts an OpenID provider"
        );
        eprintln!("SKIPPED single sign-on browser test: run scripts/test.sh");
        return;
    };
    let app = App::start_with_sso(leap_web::Config::default(), &issuer, false).await;
    let admin = app.person("admin").await;
    admin
        .api(
            reqwest::Method::POST,
            "/api/v1/accounts",
            Some(json!({"username": "robin.browser@example.org"})),
        )
        .await;
    let profile = tempfile::TempDir::new().expect("browser profile");
    let Some((_driver, c)) = start_browser(profile.path(), false).await else {
        return;
    };
    let base = app.url.clone();

    // Robin signs in with the provider, from leap's button.
    c.goto(&format!("{base}/login")).await.expect("login");
    check_page(&c, "80-login-with-sso").await;
    click(&c, "a.button[href='/login/sso']").await;
    for _ in 0..50 {
        if c.find(Locator::Css("#email")).await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    fill(&c, "#email", "robin.browser@example.org").await;
    click(&c, "button[type=submit]").await;
    // The provider asks once whether leap may know who Robin is; then back
    // at leap, signed in, the page moves on to the welcome by itself.
    let mut consented = false;
    for _ in 0..100 {
        let url = c.current_url().await.expect("url");
        if url.as_str().starts_with(&base) && url.path() == "/welcome" {
            break;
        }
        if !consented
            && url.path().starts_with("/interaction/")
            && c.find(Locator::Css("input#email")).await.is_err()
            && c.find(Locator::Css("button[type=submit]")).await.is_ok()
        {
            click(&c, "button[type=submit]").await;
            consented = true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    arrive(&c, "/welcome").await;
    assert!(
        text(&c, "header")
            .await
            .contains("robin.browser@example.org"),
        "{}",
        text(&c, "header").await
    );

    // The administrator's pages.
    sign_in(&c, &base, "admin").await;
    c.goto(&format!("{base}/admin/accounts"))
        .await
        .expect("accounts");
    check_page(&c, "81-accounts").await;
    assert!(text(&c, "main")
        .await
        .contains("Test ID (robin.browser@example.org)"));
    fill(&c, "#username", "sam.browser@example.org").await;
    submit(
        &c,
        "form[method=post][action='/admin/accounts'] button[type=submit]",
    )
    .await;
    assert!(
        c.find(Locator::Css("#reset-link")).await.is_ok(),
        "{}",
        text(&c, "main").await
    );
    let link = text(&c, "#reset-link").await;
    assert!(link.starts_with(&format!("{base}/reset/")), "{link}");
    check_page(&c, "82-account-added-with-link").await;
    c.goto(&format!(
        "{base}/admin/accounts/confirm?action=disable&username=robin.browser%40example.org"
    ))
    .await
    .expect("confirm");
    check_page(&c, "83-account-confirm").await;
    submit(
        &c,
        "form[action='/admin/accounts/disable'] button[type=submit]",
    )
    .await;
    arrive(&c, "/admin/accounts").await;
    assert!(text(&c, "main").await.contains("Account disabled"));
    c.goto(&format!("{base}/admin/audit")).await.expect("audit");
    check_page(&c, "84-admin-audit").await;
    assert!(text(&c, "main").await.contains("account.disable"));

    // The reset link, in the same browser after signing out.
    c.delete_all_cookies().await.expect("sign out");
    c.goto(&link).await.expect("reset");
    check_page(&c, "85-reset-password").await;

    c.set_window_size(390, 1400).await.expect("phone width");
    sign_in(&c, &base, "admin").await;
    for (page, name) in [
        ("/admin/accounts", "86-accounts-phone"),
        ("/admin/audit", "87-admin-audit-phone"),
    ] {
        c.goto(&format!("{base}{page}")).await.expect(page);
        fits_a_phone(&c, page).await;
        check_page(&c, name).await;
    }
    c.delete_all_cookies().await.expect("sign out");
    c.goto(&format!("{base}/login")).await.expect("login");
    fits_a_phone(&c, "/login").await;
    check_page(&c, "88-login-with-sso-phone").await;
    c.set_window_size(1280, 1400).await.expect("laptop width");
    c.close().await.expect("close the browser");
}

//! `leap progress` and `leap report packet`.

use super::Leap;

/// An assessed person who led and mentored, finished a plan item and
/// checked in.
fn active() -> Leap {
    let l = Leap::assessed();
    l.run_at(
        "2026-09-10",
        &["log", "Led the storage migration across three sites"],
    );
    l.run_at(
        "2026-10-02",
        &["log", "Mentored Sam through his first on-call week"],
    );
    let plan = l.json(&["plan", "generate"]);
    let first = plan["items"][0]["id"].as_i64().expect("id").to_string();
    l.ok(&["plan", "done", &first, "--note", "Done"]);
    l.ok(&["checkin", "--rate", "budgeting-funding=2"]);
    l
}

#[test]
fn progress_shows_readiness_over_time_and_the_measures_of_success() {
    let l = Leap::with_profile();
    let empty = l.json(&["progress"]);
    assert_eq!(empty["readiness"], serde_json::json!([]));
    assert!(l
        .ok(&["progress"])
        .stdout
        .contains("No self-assessment yet"));

    let l = active();
    let p = l.json(&["progress"]);
    let readiness = p["readiness"].as_array().expect("list");
    assert_eq!(readiness.len(), 1, "one check-in, today: {p}");
    assert_eq!(p["since_last_checkin"]["held_on"], "2026-11-24");
    let months = p["done_per_month"].as_array().expect("months");
    // From the first entry (September) to today, not a year of empty months.
    assert_eq!(months.len(), 3, "{months:?}");
    assert_eq!(months[0]["month"], "2026-09");
    assert_eq!(months[2]["month"], "2026-11");
    assert_eq!(months[2]["done"], 1);
    assert_eq!(p["measures"]["plan_goals"]["done"], 1);
    let led: Vec<&str> = p["measures"]["leadership"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|m| m["text"].as_str())
        .collect();
    assert!(
        led.contains(&"Led the storage migration across three sites"),
        "{led:?}"
    );
    assert_eq!(p["measures"]["mentoring"][0]["date"], "2026-10-02");
    let budgeting = p["competencies"]
        .as_array()
        .expect("list")
        .iter()
        .find(|c| c["id"] == "budgeting-funding")
        .expect("competency")
        .clone();
    let levels: Vec<u64> = budgeting["levels"]
        .as_array()
        .expect("levels")
        .iter()
        .filter_map(|l| l["level"].as_u64())
        .collect();
    assert_eq!(
        levels,
        [1, 2],
        "the assessment, then the check-in's re-rating"
    );
    let human = l.ok(&["progress"]).stdout;
    for part in [
        "Readiness over time",
        "Competencies: your levels over time",
        "1 → 2",
        "Plan items done per month",
        "People mentored or coached: 1",
    ] {
        assert!(human.contains(part), "{part} missing:\n{human}");
    }
}

/// A journal that goes to what is already met: progress says so, as an
/// IT director would, and names the gaps no entry shows.
#[test]
fn progress_says_when_the_evidence_goes_where_you_are_already_strong() {
    let l = Leap::assessed();
    for (date, text) in [
        ("2026-09-02", "Rebuilt the file server cluster"),
        ("2026-09-20", "Fixed the DNS forwarding loop"),
        ("2026-10-08", "Scripted the user offboarding in PowerShell"),
        ("2026-10-30", "Upgraded the core switches"),
        ("2026-11-18", "Tuned the SQL backups"),
    ] {
        l.run_at(date, &["log", text, "--competency", "technical-excellence"]);
    }
    l.run_at(
        "2026-11-20",
        &[
            "log",
            "Drafted the team budget",
            "--competency",
            "budgeting-funding",
        ],
    );
    let focus = l.json(&["progress"])["focus"].clone();
    assert_eq!(focus["entries"], 6, "{focus}");
    assert_eq!(focus["on_strengths"], 5, "{focus}");
    assert_eq!(focus["strongest"]["name"], "Technical excellence");
    let advice = focus["advice"].as_str().expect("advice");
    assert!(advice.contains("already meet for IT manager"), "{advice}");
    let human = l.ok(&["progress"]).stdout;
    assert!(human.contains("Where your evidence went"), "{human}");
    assert!(human.contains("where you are already strong"), "{human}");
    // The plan reacts as to feedback: technical excellence past what an
    // IT manager asks, so what takes its place, leading and delegating,
    // is raised, by an action mainly for it, and says why.
    let plan = l.json(&["plan", "generate"]);
    let reasons: Vec<(String, String)> = plan["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["action"].as_str().unwrap_or_default().to_owned(),
                i["why"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(
        reasons.iter().any(|(a, why)| a == "delegate-a-duty"
            && why.contains(
                "Your journal goes mostly to Technical excellence, past what IT manager asks"
            )),
        "{reasons:?}"
    );
}

#[test]
fn the_packet_links_each_claim_to_its_evidence_in_every_format() {
    let l = Leap::with_profile();
    l.refused(
        &["report", "packet"],
        &["no self-assessment yet: assess yourself first (`leap assess`"],
    );
    let l = active();
    let md = l.ok(&["report", "packet"]).stdout;
    assert!(
        md.starts_with("# Promotion packet: Joanne for IT manager"),
        "{md}"
    );
    assert!(md.contains("## Leadership experience"));
    assert!(
        md.contains("Led the storage migration across three sites ([j1](#j1))"),
        "{md}"
    );
    assert!(
        md.contains("<a id=\"j1\"></a>j1: Led the storage migration"),
        "{md}"
    );
    let director = l
        .ok(&["report", "packet", "--target", "it-director"])
        .stdout;
    assert!(
        director.starts_with("# Promotion packet: Joanne for IT director"),
        "{director}"
    );

    let (out, _) = packet_pdf(&l);
    assert!(
        out.stderr.contains("Wrote the packet for IT manager"),
        "{}",
        out.stderr
    );
    let html = l.dir.path().join("packet.html");
    l.ok(&[
        "report",
        "packet",
        "--format",
        "html",
        "--out",
        Leap::path_str(&html),
    ]);
    let page = std::fs::read_to_string(&html).expect("written");
    assert!(page.contains("<a href=\"#j1\">j1</a>") && page.contains("@media print"));

    l.refused(
        &["report", "packet", "--format", "docx"],
        &["invalid format 'docx': allowed: md, html, pdf"],
    );
    l.refused(
        &["report", "packet", "--target", "astronaut"],
        &["invalid target 'astronaut'"],
    );
}

/// The packet is an argument: an entry leap found no competency in stays
/// in the journal and out of the packet; a tagged one is cited.
#[test]
fn an_untagged_entry_stays_out_of_the_packet() {
    let l = Leap::assessed();
    l.ok(&["log", "Went to the dentist"]);
    l.ok(&["log", "Presented the Q3 budget to the finance director"]);
    let md = l.ok(&["report", "packet", "--format", "md"]).stdout;
    assert!(!md.contains("dentist"), "{md}");
    assert!(md.contains("Presented the Q3 budget"), "{md}");
    assert!(!md.contains("supports: *"), "{md}");
}

/// Writes the packet as a PDF, checks it is one with linked references,
/// and gives the command's output and the file.
fn packet_pdf(l: &Leap) -> (super::Out, std::path::PathBuf) {
    let pdf = l.dir.path().join("packet.pdf");
    let out = l.ok(&[
        "report",
        "packet",
        "--format",
        "pdf",
        "--out",
        Leap::path_str(&pdf),
    ]);
    let bytes = std::fs::read(&pdf).expect("written");
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        String::from_utf8_lossy(&bytes).contains("/S /GoTo"),
        "linked references"
    );
    (out, pdf)
}

/// The PDF keeps every character a person wrote: Polish, Greek, Chinese and
/// arrows come back out of it as written (read with poppler's `pdftotext`,
/// which the test command installs with the fonts).
#[test]
fn the_packet_pdf_keeps_every_character() {
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have pdftotext: the test command installs poppler-utils"
        );
        eprintln!("pdftotext is not installed: skipped");
        return;
    }
    let l = Leap::assessed_named("Łukasz Żółć 李雷");
    l.run_at(
        "2026-10-02",
        &[
            "log",
            "Led the Ωμέγα migration → three sites, with Zoë and 王芳",
        ],
    );
    let (_, pdf) = packet_pdf(&l);
    let out = std::process::Command::new("pdftotext")
        .args([Leap::path_str(&pdf), "-"])
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "{out:?}");
    // Lines wrap where the page ends: compare words, not line breaks.
    let text = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for written in [
        "Promotion packet: Łukasz Żółć 李雷 for IT manager",
        "Led the Ωμέγα migration → three sites, with Zoë and 王芳",
        "j1",
    ] {
        assert!(text.contains(written), "{written:?} in:\n{text}");
    }
}

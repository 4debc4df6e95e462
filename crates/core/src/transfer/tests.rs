use super::*;
use serde_json::json;

fn doc() -> serde_json::Value {
    json!({
        "format": "leap-export", "version": 1, "exported_on": "2026-11-24",
        "person": {"name": "Ann", "current_role": "senior-engineer", "target_role": "it-manager",
                   "framework_hash": "h1", "created_on": "2026-01-02", "checkin_every_days": 30},
        "frameworks": [{"hash": "h1", "content": "..."}],
        "assessments": [{"id": 1, "framework_hash": "h1", "source": "self", "taken_on": "2026-01-02",
                         "levels": {"delegation": 2}},
                        {"id": 2, "framework_hash": "h1", "source": "manager", "taken_on": "2026-01-09",
                         "rated_by": "ann@example.com", "levels": {"delegation": 1}}],
        "fit_checks": [],
        "journal": [{"id": 1, "entry_on": "2026-02-01", "kind": "experience", "text": "Led it",
                     "competencies": ["delegation"], "created_on": "2026-02-01"}],
        "plans": [], "plan_items": [],
        "feedback": [{"framework_hash": "h1", "created_on": "2026-03-01", "closes_on": "2026-03-15",
                      "closed_on": null,
                      "minimums": {"manager": 1, "peer": 3, "direct-report": 3, "other": 3},
                      "competencies": ["delegation"],
                      "results": {"competencies": [{"id": "delegation",
                          "groups": [{"group": "peer", "raters": 3, "average": 2.7, "comments": []}],
                          "others": {"raters": 3, "average": 2.7}}], "overall": []}}],
        "opportunities": [], "contacts": [],
        "checkins": [{"held_on": "2026-04-01", "went_well": null, "went_badly": null, "plan_review": null,
                      "target_role": "it-manager", "framework_hash": "h1", "readiness": 40,
                      "assessment": 1, "levels": {"delegation": {"level": 2, "expected": 4}}}],
        "comments": [{"author": "mentor", "on": "journal-entry", "item": 1, "text": "Good", "at": "2026-02-02T10:00:00Z"}],
        "tag_corrections": [{"text": "Led it", "chosen": ["delegation"], "removed": ["coaching"], "reasons": false, "created_on": "2026-02-01"}],
        "line_sharing": [{"part": "plan", "reach": "line"}],
        "one_to_ones": [{"manager": "ann@example.com", "held_on": "2026-04-02", "created_at": "2026-04-01T09:00:00Z",
                         "entries": [{"kind": "item", "author": "ann@example.com", "text": "The budget", "at": "2026-04-01T09:05:00Z"},
                                     {"kind": "note", "author": "joanne", "text": "Agreed to shadow the forecast", "at": "2026-04-02T10:00:00Z"}]}],
        "succession": [{"role": "it-manager", "since": "2026-03-01"}]
    })
}

fn read(v: &serde_json::Value) -> Result<Document, ImportError> {
    Document::read(&v.to_string())
}

#[test]
fn a_document_reads_and_writes_back_the_same() {
    let d = read(&doc()).unwrap();
    let again: serde_json::Value = serde_json::to_value(&d).unwrap();
    assert_eq!(again, doc());
}

#[test]
fn errors_name_the_field_by_its_path() {
    let mut v = doc();
    v["journal"][0]["kind"] = json!("gossip");
    let e = read(&v).unwrap_err().to_string();
    assert!(
        e.starts_with("journal[0].kind: invalid value 'gossip': allowed: experience"),
        "{e}"
    );

    let mut v = doc();
    v["line_sharing"] =
        json!([{"part": "plan", "reach": "line"}, {"part": "plan", "reach": "nobody"}]);
    assert_eq!(
        read(&v).unwrap_err().to_string(),
        "line_sharing[1].part: invalid part 'plan': each part once"
    );

    let mut v = doc();
    v["one_to_ones"][0]["entries"][1]["at"] = json!("yesterday");
    assert!(read(&v)
        .unwrap_err()
        .to_string()
        .starts_with("one_to_ones[0].entries[1].at: invalid at 'yesterday'"));
    let mut v = doc();
    v["one_to_ones"][0]["entries"][0]["text"] = json!(" ");
    assert!(read(&v)
        .unwrap_err()
        .to_string()
        .starts_with("one_to_ones[0].entries[0].text"));

    let mut v = doc();
    v["succession"] = json!([{"role": "it-manager", "since": "2026-03-01"}, {"role": "it-manager", "since": "2026-03-02"}]);
    assert!(read(&v)
        .unwrap_err()
        .to_string()
        .starts_with("succession[1].role: invalid role 'it-manager'"));
    v["succession"] = json!([]);
    v["line_sharing"] = json!([{"part": "plan", "reach": "everyone"}]);
    assert!(read(&v)
        .unwrap_err()
        .to_string()
        .starts_with("line_sharing[0].reach"));

    let mut v = doc();
    v["version"] = json!(2);
    assert_eq!(
        read(&v).unwrap_err().to_string(),
        "version: invalid version '2': 1 (this build of leap reads version 1)"
    );

    let mut v = doc();
    v["checkins"][0]["assessment"] = json!(7);
    assert_eq!(
        read(&v).unwrap_err().to_string(),
        "checkins[0].assessment: invalid assessment '7': the id of an entry of assessments"
    );

    let mut v = doc();
    v["comments"][0]["item"] = json!(2);
    assert!(read(&v)
        .unwrap_err()
        .to_string()
        .starts_with("comments[0].item:"));

    let mut v = doc();
    v["assessments"][0]["framework_hash"] = json!("elsewhere");
    assert!(read(&v)
        .unwrap_err()
        .to_string()
        .starts_with("assessments[0].framework_hash:"));

    let mut v = doc();
    v["person"]["nickname"] = json!("x");
    assert!(read(&v).unwrap_err().to_string().contains("nickname"));

    let e = Document::read("[1]").unwrap_err().to_string();
    assert!(e.starts_with("not a leap export"), "{e}");

    // A plan's financial year starts in a month, 1 to 12: 13 is refused
    // with the path, and 4 reads.
    let mut v = doc();
    v["plans"] = json!([{"id": 1, "target_role": "it-manager", "horizon_months": 6,
                         "generated_on": "2026-03-01", "year_starts": 13}]);
    assert_eq!(
        read(&v).unwrap_err().to_string(),
        "plans[0].year_starts: invalid year_starts '13': 1 to 12"
    );
    v["plans"][0]["year_starts"] = json!(4);
    assert_eq!(read(&v).map(|d| d.plans[0].year_starts), Ok(Some(4)));
}

#[test]
fn a_group_below_its_minimum_is_refused_even_in_a_hand_written_file() {
    let mut v = doc();
    v["feedback"][0]["results"]["competencies"][0]["groups"][0]["raters"] = json!(2);
    assert_eq!(
        read(&v).unwrap_err().to_string(),
        "feedback[0].results.competencies[0].groups[0].raters: invalid raters '2': 3 or more"
    );
    let mut v = doc();
    v["feedback"][0]["minimums"]["peer"] = json!(2);
    assert!(read(&v)
        .unwrap_err()
        .to_string()
        .starts_with("feedback[0].minimums.peer"));
}

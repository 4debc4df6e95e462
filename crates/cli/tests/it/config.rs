//! The config file: a flag beats the environment, which beats the file,
//! which beats the default; a key the file does not take is refused.

use crate::Leap;

fn write_config(l: &Leap, text: &str) {
    let dir = l.dir.path().join("leap");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(dir.join("config.toml"), text).expect("config");
}

fn first_link(out: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(out).expect("json");
    v["links"][0]["url"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn the_file_fills_what_flags_and_environment_leave() {
    let l = Leap::assessed();
    write_config(
        &l,
        "# set once\nat_once = 3\npublic_url = \"https://from-file.example.org\"\n",
    );
    let plan = l.json(&["plan", "generate"]);
    assert_eq!(plan["at_once"], 3, "from the file");
    let plan = l.json(&["plan", "generate", "--at-once", "1"]);
    assert_eq!(plan["at_once"], 1, "the flag beats the file");

    let ask = [
        "feedback",
        "request",
        "--rater",
        "peer:Kim",
        "--closes",
        "2026-12-10",
        "--json",
    ];
    let out = l.ok(&ask).stdout;
    assert!(
        first_link(&out).starts_with("https://from-file.example.org/"),
        "{out}"
    );
    let env = [("LEAP_PUBLIC_URL", "https://from-env.example.org")];
    let out = l.run_with(&env, &ask);
    assert!(
        first_link(&out.stdout).starts_with("https://from-env.example.org/"),
        "{}",
        out.stdout
    );
    let mut flagged = ask.to_vec();
    flagged.extend(["--public-url", "https://from-flag.example.org"]);
    let out = l.run_with(&env, &flagged);
    assert!(
        first_link(&out.stdout).starts_with("https://from-flag.example.org/"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_bad_config_file_is_refused_with_its_line_and_changes_nothing() {
    let l = Leap::new();
    write_config(&l, "at_once = 2\ncolour = \"always\"\n");
    let out = l.refused(
        &[
            "init",
            "--current",
            "senior-admin",
            "--target",
            "it-manager",
        ],
        &["config.toml", "line 2", "unknown field `colour`", "at_once"],
    );
    assert!(out.stdout.is_empty());
    assert!(!l.database_created(), "nothing was made");
    write_config(&l, "db = \n");
    l.refused(&["status"], &["line 1", "the file takes: db, database_url"]);
    let missing = l.dir.path().join("elsewhere.toml");
    l.refused(
        &["--config", Leap::path_str(&missing), "status"],
        &["cannot read", "elsewhere.toml"],
    );
}

#[cfg(unix)]
#[test]
fn a_password_in_a_file_others_can_read_is_pointed_out() {
    use std::os::unix::fs::PermissionsExt;
    let l = Leap::with_profile();
    write_config(&l, "smtp_url = \"smtps://leap:secret@mail.example.org\"\n");
    let path = l.dir.path().join("leap").join("config.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = l.ok(&["status"]);
    assert!(out.stderr.contains("chmod 600"), "{}", out.stderr);
    assert!(
        !out.stderr.contains("secret"),
        "the password is never shown"
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    assert!(l.ok(&["status"]).stderr.is_empty());
}

use crate::Leap;

#[test]
fn commands_before_init_say_what_to_do() {
    let l = Leap::new();
    for args in [
        vec!["status"],
        vec!["gap"],
        vec!["plan"],
        vec!["journal"],
        vec!["log", "x"],
        vec!["target", "cio"],
        vec!["assess", "history"],
    ] {
        l.refused(
            &args,
            &["no profile", "leap init --current ROLE --target ROLE"],
        );
    }
}

#[test]
fn init_validates_roles_and_a_second_init_updates() {
    let l = Leap::new();
    l.refused(
        &["init", "--current", "admin", "--target", "it-manager"],
        &["invalid current role 'admin': allowed: help-desk, sysadmin, senior-admin"],
    );
    l.refused(
        &["init", "--current", "sysadmin", "--target", "boss"],
        &["invalid target role 'boss'"],
    );
    l.refused(
        &[
            "init",
            "--current",
            "sysadmin",
            "--target",
            "cio",
            "--name",
            " ",
        ],
        &["invalid name"],
    );
    assert!(!l.state().contains("Joanne"));
    let out = l.ok(&[
        "init",
        "--current",
        "sysadmin",
        "--target",
        "it-manager",
        "--name",
        "Joanne",
    ]);
    assert!(out.stdout.contains("step sideways"), "{}", out.stdout);
    let l2 = Leap {
        dir: l.dir,
        location: l.location,
    };
    let out = l2.ok(&[
        "init",
        "--current",
        "senior-admin",
        "--target",
        "it-director",
    ]);
    assert!(
        out.stdout
            .contains("Profile updated: Joanne, senior-admin → it-director"),
        "{}",
        out.stdout
    );
    let s = l2.json(&["status"]);
    assert_eq!(
        (
            s["current_role"].as_str(),
            s["target"].as_str(),
            s["name"].as_str()
        ),
        (Some("senior-admin"), Some("it-director"), Some("Joanne"))
    );
}

#[test]
fn target_changes_the_target_and_refuses_unknown_roles() {
    let l = Leap::with_profile();
    l.refused(
        &["target", "boss"],
        &["invalid target role 'boss': allowed: help-desk"],
    );
    let out = l.ok(&["target", "specialist"]);
    assert!(
        out.stdout.contains("Technical specialist / architect"),
        "{}",
        out.stdout
    );
    assert_eq!(l.json(&["status"])["target"], "specialist");
}

#[test]
fn bad_today_and_unknown_commands_exit_2() {
    let l = Leap::with_profile();
    let out = l.run_at("tomorrow", &["status"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("invalid today 'tomorrow'"),
        "{}",
        out.stderr
    );
    assert_eq!(l.run(&["promote-me"]).code, 2);
}

#[test]
fn the_database_is_created_where_xdg_says() {
    let l = Leap::new();
    let home = l.dir.path().join("data");
    let out = assert_cmd::Command::cargo_bin("leap")
        .expect("binary")
        .args(["init", "--current", "sysadmin", "--target", "it-manager"])
        .env_remove("LEAP_DB")
        .env("XDG_DATA_HOME", &home)
        .env("LEAP_TODAY", crate::TODAY)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(home.join("leap").join("leap.db").exists());
}

#[test]
fn a_database_url_is_checked_and_its_password_never_printed() {
    let l = Leap::new();
    let out = l.run(&["--database-url", "mysql://u:secret@db/leap", "status"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("invalid database-url 'mysql://u:***@db/leap'")
            && out
                .stderr
                .contains("postgres://USER:PASSWORD@HOST:PORT/DATABASE or sqlite://PATH"),
        "{}",
        out.stderr
    );
    // Nothing listens on port 9: a runtime failure, exit 1, no password.
    let out = l.run(&[
        "--database-url",
        "postgres://leap:secret@127.0.0.1:9/leap",
        "status",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("127.0.0.1:9"), "{}", out.stderr);
    assert!(!out.stderr.contains("secret"), "{}", out.stderr);
    // sqlite:// names a file, like --db.
    let file = l.dir.path().join("other.db");
    let url = format!("sqlite://{}", file.display());
    let out = l.run(&[
        "--database-url",
        &url,
        "init",
        "--current",
        "sysadmin",
        "--target",
        "it-manager",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(file.exists());
}

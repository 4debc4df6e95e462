use crate::Leap;

#[test]
fn completions_for_each_shell_know_every_command() {
    let l = Leap::new();
    for (shell, marker) in [
        ("bash", "_leap()"),
        ("zsh", "#compdef leap"),
        ("fish", "complete -c leap"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = l.ok(&["completions", shell]).stdout;
        assert!(
            out.contains(marker),
            "{shell}: {}",
            &out[..out.len().min(200)]
        );
        for command in ["checkin", "plan", "opp", "framework", "completions"] {
            assert!(out.contains(command), "{shell} lacks {command}");
        }
    }
    l.refused(
        &["completions", "tcsh"],
        &["tcsh", "bash, elvish, fish, powershell, zsh"],
    );
    assert!(!l.database_created(), "no database for completions");
}

#[test]
fn the_manual_page_and_one_page_per_command() {
    let l = Leap::new();
    let page = l.ok(&["man"]).stdout;
    assert!(
        page.contains(".TH leap 1"),
        "{}",
        &page[..page.len().min(200)]
    );
    assert!(
        page.contains("leap\\-plan(1)"),
        "the subcommands are listed"
    );
    let dir = tempfile::TempDir::new().expect("dir");
    let dir_str = dir.path().to_str().expect("utf-8 path");
    let out = l.ok(&["man", "--dir", dir_str]).stdout;
    assert!(out.contains("manual pages"), "{out}");
    for page in [
        "leap.1",
        "leap-plan.1",
        "leap-plan-generate.1",
        "leap-opp-debrief.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap_or_default();
        assert!(text.contains(".TH"), "{page}: {text}");
    }
    let missing = dir.path().join("nope");
    l.refused(
        &["man", "--dir", Leap::path_str(&missing)],
        &["--dir", "not a directory"],
    );
    assert!(!l.database_created(), "no database for the manual");
}

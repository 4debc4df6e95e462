//! The interactive prompts, driven through a real pseudo-terminal: util-linux
//! `script` runs leap on a pty and passes our keystrokes to it.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::{Leap, TODAY};

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

/// Runs `leap ARGS` on a terminal, typing `keys` one prompt at a time.
fn on_terminal(l: &Leap, args: &str, keys: &[String]) -> String {
    let (ok, text) = on_terminal_of(l, "", args, keys);
    assert!(ok, "leap {args} on a terminal failed:\n{text}");
    text
}

/// As [`on_terminal`], on a terminal set up by `stty SETUP` first, and
/// whether leap succeeded.
fn on_terminal_of(l: &Leap, setup: &str, args: &str, keys: &[String]) -> (bool, String) {
    let leap = assert_cmd::cargo::cargo_bin("leap");
    let setup = if setup.is_empty() {
        String::new()
    } else {
        format!("stty {setup}; ")
    };
    // `timeout` ends a prompt that waits for keys that never come.
    let mut child = Command::new("timeout")
        .args([
            "60",
            "script",
            "-qec",
            &format!("{setup}{} {args}", leap.display()),
            "/dev/null",
        ])
        .envs([l.db_env()])
        .env("LEAP_TODAY", TODAY)
        .env("TERM", "xterm")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs");
    let mut stdin = child.stdin.take().expect("stdin");
    for k in keys {
        // One prompt at a time: the prompt switches the terminal mode.
        std::thread::sleep(Duration::from_millis(60));
        stdin.write_all(k.as_bytes()).expect("type");
        stdin.flush().expect("flush");
    }
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.success(), text)
}

#[test]
fn fit_asks_each_statement_on_a_terminal() {
    let l = Leap::with_profile();
    // Default is 3; one step down is 4 ("agree"), for all 14 statements.
    let keys: Vec<String> = (0..14).map(|_| format!("{DOWN}{ENTER}")).collect();
    let out = on_terminal(&l, "fit", &keys);
    assert!(out.contains("[14/14]"), "{out}");
    assert!(out.contains("management pull"), "{out}");
    let status = l.json(&["status"]);
    assert!(
        !status["next"].to_string().contains("fit check"),
        "the fit check was stored: {status}"
    );
}

#[test]
fn assess_shows_descriptors_and_prefills_the_last_level() {
    let l = Leap::with_profile();
    // First assessment: default 0, two steps down: level 2 everywhere.
    let keys: Vec<String> = (0..14).map(|_| format!("{DOWN}{DOWN}{ENTER}")).collect();
    let out = on_terminal(&l, "assess", &keys);
    assert!(
        out.contains("Has not yet worked with the technology of this area."),
        "descriptors shown: {out}"
    );
    let h = l.json(&["assess", "history"]);
    assert!(
        h["assessments"][0]["levels"]
            .as_object()
            .is_some_and(|m| m.len() == 14 && m.values().all(|v| v == 2)),
        "{h}"
    );
    // Second: Enter keeps the last level, one step down raises it.
    let mut keys: Vec<String> = (0..13).map(|_| ENTER.to_owned()).collect();
    keys.push(format!("{DOWN}{ENTER}"));
    let out = on_terminal(&l, "assess", &keys);
    assert!(out.contains("(last time: 2)"), "{out}");
    let h = l.json(&["assess", "history"]);
    assert_eq!(h["assessments"][1]["levels"]["organisational-savvy"], 3);
    assert_eq!(h["assessments"][1]["levels"]["budgeting-funding"], 2);
}

/// A digit picks its answer at once: 4 is "agree", 2 is level 2.
#[test]
fn a_digit_picks_the_answer() {
    let l = Leap::with_profile();
    let keys: Vec<String> = (0..14).map(|_| "4".to_owned()).collect();
    let out = on_terminal(&l, "fit", &keys);
    assert!(out.contains("[14/14]"), "{out}");
    let fit = l.json(&["status"]);
    assert!(!fit["next"].to_string().contains("fit check"), "{fit}");
    let keys: Vec<String> = (0..14).map(|_| "2".to_owned()).collect();
    on_terminal(&l, "assess", &keys);
    let h = l.json(&["assess", "history"]);
    assert!(
        h["assessments"][0]["levels"]
            .as_object()
            .is_some_and(|m| m.len() == 14 && m.values().all(|v| v == 2)),
        "{h}"
    );
}

/// Ctrl-C leaves the terminal as it was (the cursor shown again) and saves
/// nothing.
#[test]
fn ctrl_c_gives_the_cursor_back_and_saves_nothing() {
    let l = Leap::with_profile();
    let (ok, out) = on_terminal_of(&l, "", "fit", &["4".to_owned(), "\x03".to_owned()]);
    assert!(!ok, "a cancelled fit check fails: {out}");
    let hide = out.rfind("\x1b[?25l").expect("the cursor was hidden");
    let show = out.rfind("\x1b[?25h").expect("and shown again");
    assert!(show > hide, "shown after the last hiding: {out:?}");
    assert!(out.contains("nothing was saved"), "{out}");
    let status = l.json(&["status"]);
    assert!(status["next"].to_string().contains("fit check"), "{status}");
}

/// On a terminal 40 columns wide, no line of a prompt is wider: a list
/// that wrapped would redraw over itself.
#[test]
fn prompts_fit_a_narrow_terminal() {
    let l = Leap::with_profile();
    let keys: Vec<String> = (0..14).map(|_| format!("{DOWN}{ENTER}")).collect();
    let (ok, out) = on_terminal_of(&l, "cols 40 rows 30", "assess", &keys);
    assert!(ok, "{out}");
    let plain = console::strip_ansi_codes(&out);
    let lines: Vec<&str> = plain
        .split(['\n', '\r'])
        .filter(|line| line.starts_with("? ") || line.starts_with("> ") || line.starts_with("  0"))
        .collect();
    assert!(!lines.is_empty(), "{plain}");
    for line in lines {
        assert!(
            console::measure_text_width(line) <= 40,
            "wider than the terminal: {line:?}"
        );
    }
}

/// Feedback logged on a terminal: leap asks whether it names a gap, with
/// its own reading as the default; the person's answer is kept. A delete
/// asks too, and "n" deletes nothing.
#[test]
fn feedback_asks_whether_it_names_a_gap_and_delete_asks_first() {
    let l = Leap::with_profile();
    // leap reads praise here; the person knows it was a warning.
    let out = on_terminal(
        &l,
        "log 'Team lead said my ticket notes are the clearest on the desk' --kind feedback",
        &["y".to_owned()],
    );
    assert!(out.contains("Does this feedback name a gap"), "{out}");
    let e = &l.json(&["journal"])["entries"][0];
    assert_eq!(e["names_gap"], true, "{e}");
    // Enter takes leap's reading: this one names a gap.
    on_terminal(
        &l,
        "log 'Manager says I still grab the hard tickets myself' --kind feedback",
        &[ENTER.to_owned()],
    );
    let j = l.json(&["journal"]);
    let grab = j["entries"]
        .as_array()
        .and_then(|es| {
            es.iter()
                .find(|e| e["text"].as_str().is_some_and(|t| t.contains("grab")))
        })
        .cloned()
        .expect("logged");
    assert_eq!(grab["names_gap"], true, "{grab}");
    // Not feedback: nothing is asked.
    let out = on_terminal(&l, "log 'Ran the change advisory board'", &[]);
    assert!(!out.contains("name a gap"), "{out}");
    let id = grab["id"].as_i64().expect("id").to_string();
    let out = on_terminal(&l, &format!("journal delete {id}"), &["n".to_owned()]);
    assert!(out.contains("Nothing was deleted"), "{out}");
    assert_eq!(
        l.json(&["journal"])["entries"].as_array().map(Vec::len),
        Some(3)
    );
}

//! Whether a feedback entry names a gap ("needs to let go of the
//! keyboard", "clear, but sent too late") rather than shows a strength ("the
//! clearest notes on the desk"). Such an entry is about its competencies,
//! and leap keeps it tagged to them, but an IT director would never cite it
//! as evidence of them: readiness does not count it and the packet does not
//! cite it (docs/readiness.md).
//!
//! General English only, as the kind's cues are: what critique sounds like
//! (a turn after praise, too much or not enough, advice to change, what
//! someone still does), never a field's vocabulary. Measured on labelled
//! feedback texts by `tagging-eval` (docs/tagging.md).

use crate::evidence::EvidenceKind;

/// Words that turn from praise to what is wrong: "great in a crisis, but
/// quiet in meetings".
const TURNS: &[&str] = &["but", "though", "although", "however", "yet", "except"];

/// Words of advice, excess or lack: "too late", "should stop", "still
/// grabs the hard tickets".
const ADVICE: &[&str] = &[
    "too",
    "should",
    "shouldn",
    "must",
    "ought",
    "still",
    "stop",
    "wish",
    "improve",
    "nobody",
    "complained",
    "lack",
    "lacks",
    "lacked",
    "lacking",
    "missing",
];

/// Word pairs that do the same ("didn't" is read as "didn", so "doesn't
/// know" is the pair "doesn", "know").
const ADVICE_PAIRS: &[(&str, &str)] = &[
    ("not", "enough"),
    ("needs", "to"),
    ("need", "to"),
    ("more", "of"),
    ("less", "of"),
    ("work", "on"),
    ("wants", "more"),
    ("want", "more"),
    ("every", "time"),
    ("pointed", "out"),
    ("doesn", "know"),
    ("don", "know"),
    ("take", "over"),
    ("takes", "over"),
    ("talk", "over"),
    ("talks", "over"),
    ("hard", "to"),
    ("tend", "to"),
    ("tends", "to"),
];

/// Words that judge badly, when not negated ("impatient", but "didn't once
/// lose my temper" is praise).
const FAULTS: &[&str] = &[
    "late",
    "slow",
    "unclear",
    "vague",
    "confusing",
    "wordy",
    "messy",
    "sloppy",
    "careless",
    "disorganised",
    "disorganized",
    "inconsistent",
    "unreliable",
    "unprepared",
    "defensive",
    "dismissive",
    "abrupt",
    "blunt",
    "harsh",
    "rude",
    "impatient",
    "curt",
    "cold",
    "distant",
    "aloof",
    "invisible",
    "quiet",
    "passive",
    "reactive",
    "micromanage",
    "micromanages",
    "micromanaging",
    "interrupt",
    "interrupts",
    "ignore",
    "ignores",
    "ignored",
    "forgot",
    "forget",
    "forgets",
    "missed",
    "overran",
    "overrun",
    "overpromise",
    "overpromised",
    "struggle",
    "struggles",
    "struggled",
    "weak",
    "weakness",
    "poor",
    "poorly",
    "bad",
    "badly",
    "worse",
    "worst",
    "fail",
    "failed",
    "failing",
    "mistake",
    "mistakes",
    "concern",
    "concerns",
    "concerned",
    "worried",
    "frustrated",
    "frustrating",
    "annoyed",
    "upset",
    "disappointed",
    "disappointing",
    "complaint",
    "complaints",
    "criticised",
    "criticized",
    "criticism",
    "avoid",
    "avoids",
    "avoided",
    "fester",
    "grumble",
    "blame",
    "blamed",
    "always",
    "whenever",
    "wrong",
    "lose",
    "lost",
    "cost",
    "costs",
    "optimistic",
    "frightened",
    "scared",
    "confused",
];

/// Whether an entry of this kind names a gap. Only feedback does: an
/// experience, a result, a course or a contact is what the person did, and
/// one they did not do is already kept out by negation in the tagging.
pub fn names_gap(kind: EvidenceKind, text: &str) -> bool {
    kind == EvidenceKind::Feedback && critique(text)
}

/// Whether a text sounds like critique (any kind; see [`names_gap`]).
pub(crate) fn critique(text: &str) -> bool {
    let words: Vec<String> = super::words(text).map(str::to_lowercase).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if has(TURNS) || has(ADVICE) {
        return true;
    }
    let paired: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| *w != "t")
        .collect();
    if paired
        .windows(2)
        .any(|p| ADVICE_PAIRS.iter().any(|(a, b)| p[0] == *a && p[1] == *b))
    {
        return true;
    }
    let negated = super::negated(text);
    words
        .iter()
        .zip(negated.iter().chain(std::iter::repeat(&false)))
        .any(|(w, no)| !no && FAULTS.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_that_names_a_gap_is_told_from_praise() {
        let gap = [
            "Appraisal note from my manager: runs the team in all but name, needs to let go of the keyboard",
            "Asked my manager for feedback on my outage comms: clear, but sent too late",
            "My manager said I should stop fixing everything myself",
            // A fault word, or a pair across "doesn't".
            "Shift lead told me I come across as impatient with users",
            "Skip-level feedback said the team doesn't know where we're heading next year",
        ];
        for t in gap {
            assert!(names_gap(EvidenceKind::Feedback, t), "{t}");
        }
        let praise = [
            "Team lead said my ticket notes are the clearest on the desk",
            "CFO told me after the budget meeting that mine were the first IT numbers she has trusted",
            // A fault word, negated: praise.
            "Sister said I didn't once lose my temper with the family in bay 3",
        ];
        for t in praise {
            assert!(!names_gap(EvidenceKind::Feedback, t), "{t}");
        }
        // Only feedback names a gap: what the person did is not critique.
        assert!(!names_gap(
            EvidenceKind::Experience,
            "Ran the retro, but it overran"
        ));
    }
}

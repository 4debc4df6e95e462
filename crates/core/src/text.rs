//! Short texts a user types (titles, names, notes): trimmed, with a length
//! limit named in the error.

use crate::error::InvalidValue;

fn shown(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// Whether `c` may stand in a text a person writes: anything but control
/// characters, except the newline (with its carriage return) and the tab.
pub fn allowed_char(c: char) -> bool {
    !c.is_control() || matches!(c, '\n' | '\r' | '\t')
}

/// Refuses a text holding a control character other than newline and tab
/// (a NUL byte, an escape): it cannot be typed, only pasted from binary
/// data, and other programs that read leap's data stop at it.
pub fn check_chars(field: &str, s: &str) -> Result<(), InvalidValue> {
    match s.chars().find(|c| !allowed_char(*c)) {
        None => Ok(()),
        Some(c) => Err(InvalidValue::new(
            field,
            shown(&s.replace(|c: char| !allowed_char(c), "\u{fffd}")),
            format!(
                "text without control characters (this one holds U+{:04X}); newlines and tabs are fine",
                u32::from(c)
            ),
        )),
    }
}

/// [`check_chars`] for every string and key of a JSON document, the field
/// named by its path (`entries[3].text`).
pub fn check_json_chars(value: &serde_json::Value) -> Result<(), InvalidValue> {
    fn walk(value: &serde_json::Value, at: &str) -> Result<(), InvalidValue> {
        use serde_json::Value;
        let field = if at.is_empty() { "body" } else { at };
        match value {
            Value::String(s) => check_chars(field, s),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .try_for_each(|(i, v)| walk(v, &format!("{at}[{i}]"))),
            Value::Object(map) => map.iter().try_for_each(|(k, v)| {
                check_chars(field, k)?;
                if at.is_empty() {
                    walk(v, k)
                } else {
                    walk(v, &format!("{at}.{k}"))
                }
            }),
            _ => Ok(()),
        }
    }
    walk(value, "")
}

/// A required text of 1 to `max` characters.
pub fn required(field: &str, s: &str, max: usize) -> Result<String, InvalidValue> {
    let t = s.trim();
    let n = t.chars().count();
    if n == 0 || n > max {
        return Err(InvalidValue::new(
            field,
            shown(t),
            format!("text of 1 to {max} characters"),
        ));
    }
    Ok(t.to_owned())
}

/// An optional text: empty is none, longer than `max` characters is refused.
pub fn optional(field: &str, s: Option<&str>, max: usize) -> Result<Option<String>, InvalidValue> {
    match s.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) if t.chars().count() > max => Err(InvalidValue::new(
            field,
            shown(t),
            format!("at most {max} characters"),
        )),
        Some(t) => Ok(Some(t.to_owned())),
    }
}

/// An optional date (YYYY-MM-DD); empty is none.
pub fn optional_date(
    field: &str,
    s: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, InvalidValue> {
    s.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| crate::evidence::parse_date(field, t))
        .transpose()
}

/// A date that happened: YYYY-MM-DD not after today, default today.
pub fn past_date(
    field: &str,
    s: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<chrono::NaiveDate, InvalidValue> {
    match optional_date(field, s)? {
        Some(d) if d > today => Err(InvalidValue::new(
            field,
            d,
            format!("a date as YYYY-MM-DD, not after today ({today})"),
        )),
        Some(d) => Ok(d),
        None => Ok(today),
    }
}

/// A whole number in `range`, typed as text.
pub fn number_in(
    field: &str,
    s: &str,
    range: std::ops::RangeInclusive<u32>,
    unit: &str,
) -> Result<u32, InvalidValue> {
    let allowed = || {
        format!(
            "a whole number of {unit} from {} to {}",
            range.start(),
            range.end()
        )
    };
    let n: i64 = s
        .trim()
        .parse()
        .map_err(|_| InvalidValue::new(field, s.trim(), allowed()))?;
    if n < i64::from(*range.start()) || n > i64::from(*range.end()) {
        return Err(InvalidValue::new(field, n, allowed()));
    }
    Ok(n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_dates_and_numbers_name_the_field_and_the_rule() {
        assert_eq!(
            required("title", "  Head of IT ", 10).as_deref(),
            Ok("Head of IT")
        );
        assert_eq!(
            required("title", " ", 10).unwrap_err().to_string(),
            "invalid title '': text of 1 to 10 characters"
        );
        assert_eq!(optional("notes", Some("  "), 5), Ok(None));
        assert!(optional("notes", Some("abcdef"), 5).is_err());
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(past_date("date", None, today), Ok(today));
        assert_eq!(
            past_date("date", Some("2026-11-25"), today)
                .unwrap_err()
                .to_string(),
            "invalid date '2026-11-25': a date as YYYY-MM-DD, not after today (2026-11-24)"
        );
        assert_eq!(number_in("cadence", "30", 1..=365, "days"), Ok(30));
        assert_eq!(
            number_in("cadence", "0", 1..=365, "days")
                .unwrap_err()
                .to_string(),
            "invalid cadence '0': a whole number of days from 1 to 365"
        );
        assert!(number_in("cadence", "soon", 1..=365, "days").is_err());
    }
}

#[cfg(test)]
mod chars_tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_but_newlines_and_tabs_are_not() {
        assert!(check_chars("text", "line one\r\nline two\tend").is_ok());
        let e = check_chars("text", "before\0after").expect_err("NUL");
        assert_eq!(e.field, "text");
        assert!(e.to_string().contains("U+0000"), "{e}");
        assert!(e.to_string().contains("before\u{fffd}after"), "{e}");
        assert!(check_chars("text", "bell\u{7}").is_err());
        assert!(check_chars("text", "esc\u{1b}[31m").is_err());
        assert!(check_chars("text", "del\u{7f}").is_err());
        assert!(check_chars("text", "café ✓ 中文").is_ok());
    }

    #[test]
    fn a_json_document_names_where_the_control_character_is() {
        let doc = serde_json::json!({"entries": [{"text": "fine"}, {"text": "bad\u{1b}"}]});
        let e = check_json_chars(&doc).expect_err("ESC");
        assert_eq!(e.field, "entries[1].text");
        assert!(check_json_chars(&serde_json::json!({"a": ["b", 1, null]})).is_ok());
    }
}

/// A person's yes or no (`meaning` says what it answers, for the error);
/// empty or absent is no answer.
pub fn yes_no(field: &str, s: Option<&str>, meaning: &str) -> Result<Option<bool>, InvalidValue> {
    match s.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some("yes") => Ok(Some(true)),
        Some("no") => Ok(Some(false)),
        Some(other) => Err(InvalidValue::new(
            field,
            other,
            format!("yes or no: {meaning}"),
        )),
    }
}

/// "A", "A and B", "A, B and C": names as a sentence lists them.
pub fn and_list<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => format!(
            "{} and {}",
            rest.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

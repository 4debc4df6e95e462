//! Answers files: TOML with one table of `id = number`, such as `[levels]`
//! for a self-assessment or `[answers]` for the fit check.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use crate::error::{FileError, Problems};

/// One `id = value` line of an answers file, with where it stands.
pub(crate) struct Entry {
    pub key: String,
    /// `None` when the value is not a whole number (already reported).
    pub value: Option<i64>,
    pub span: Range<usize>,
}

type Raw = BTreeMap<String, Spanned<BTreeMap<String, Spanned<toml::Value>>>>;

/// Reads the `section` table of an answers file. Anything else in the file,
/// or a value that is not a whole number, is a problem reported in
/// `problems`; the entries that could be read are returned, or `None` when
/// the file is not TOML at all.
pub(crate) fn read_section<'a>(
    problems: &mut Problems<'a>,
    text: &'a str,
    section: &str,
) -> Option<Vec<Entry>> {
    let raw: Raw = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            problems.toml(&e);
            return None;
        }
    };
    let mut entries = Vec::new();
    let mut found = false;
    for (name, table) in raw {
        if name != section {
            problems.at(
                table.span(),
                format!("unknown table [{name}]: an answers file has only [{section}]"),
            );
            continue;
        }
        found = true;
        for (key, value) in table.into_inner() {
            let span = value.span();
            let value = match value.get_ref() {
                toml::Value::Integer(n) => Some(*n),
                other => {
                    problems.at(
                        span.clone(),
                        format!(
                            "'{key}' is {} {other}: it must be a whole number",
                            other.type_str()
                        ),
                    );
                    None
                }
            };
            entries.push(Entry { key, value, span });
        }
    }
    if !found {
        problems.at(
            0..0,
            format!("no [{section}] table: add [{section}] with one `id = number` per line"),
        );
    }
    Some(entries)
}

/// Wraps a problem list from an answers file as an error.
pub(crate) fn finish<T>(problems: Problems, value: T) -> Result<T, FileError> {
    problems.finish().map(|()| value)
}

use std::fmt;

/// A value a user gave that is not allowed. The message names the field, the
/// value and what is allowed, so every edge (CLI, web, API) can show it as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {field} '{value}': {allowed}")]
pub struct InvalidValue {
    pub field: String,
    pub value: String,
    pub allowed: String,
}

impl InvalidValue {
    pub fn new(
        field: impl Into<String>,
        value: impl fmt::Display,
        allowed: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            value: value.to_string(),
            allowed: allowed.into(),
        }
    }

    /// "allowed: a, b, c" for a closed list of choices.
    pub fn one_of<'a>(
        field: impl Into<String>,
        value: impl fmt::Display,
        choices: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let list: Vec<&str> = choices.into_iter().collect();
        Self::new(field, value, format!("allowed: {}", list.join(", ")))
    }
}

/// One problem in a file a user gave, with its 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A file (a framework, an answers file) that cannot be used, with every
/// problem found in it, so a user can fix it in one pass.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FileError {
    pub file: String,
    pub problems: Vec<Located>,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}:{}:{}: {}", self.file, p.line, p.column, p.message)?;
        }
        Ok(())
    }
}

/// Collects problems with their positions while a file is validated.
pub(crate) struct Problems<'a> {
    file: &'a str,
    text: &'a str,
    found: Vec<Located>,
}

impl<'a> Problems<'a> {
    pub(crate) fn new(file: &'a str, text: &'a str) -> Self {
        Self {
            file,
            text,
            found: Vec::new(),
        }
    }

    pub(crate) fn at(&mut self, span: std::ops::Range<usize>, message: impl Into<String>) {
        let (line, column) = line_column(self.text, span.start);
        self.found.push(Located {
            line,
            column,
            message: message.into(),
        });
    }

    /// A TOML syntax or shape error, at the position the parser gives.
    pub(crate) fn toml(&mut self, e: &toml::de::Error) {
        self.at(e.span().unwrap_or(0..0), e.message().trim().to_owned());
    }

    pub(crate) fn into_error(mut self) -> FileError {
        self.found.sort_by_key(|p| (p.line, p.column));
        FileError {
            file: self.file.to_owned(),
            problems: self.found,
        }
    }

    /// `Ok` when nothing was found.
    pub(crate) fn finish(self) -> Result<(), FileError> {
        if self.found.is_empty() {
            Ok(())
        } else {
            Err(self.into_error())
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before
        .get(line_start..)
        .map(|s| s.chars().count())
        .unwrap_or(0)
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::line_column;

    #[test]
    fn line_column_counts_from_one() {
        let text = "a\nbc\ndéf";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 2));
        // 'f' comes after a two-byte character: the column counts characters.
        assert_eq!(line_column(text, text.len() - 1), (3, 3));
    }
}

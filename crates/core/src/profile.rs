//! A person's profile: the name reports show, and the roles.

use serde::Serialize;

use crate::error::InvalidValue;

pub const MAX_NAME: usize = 100;

/// A person's name: trimmed, 1 to [`MAX_NAME`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(s: &str) -> Result<Self, InvalidValue> {
        let t = s.trim();
        let n = t.chars().count();
        if n == 0 || n > MAX_NAME {
            return Err(InvalidValue::new(
                "name",
                t,
                format!("1 to {MAX_NAME} characters"),
            ));
        }
        Ok(Self(t.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            PersonName::parse("  Jo ").map(|n| n.as_str().to_owned()),
            Ok("Jo".to_owned())
        );
        assert_eq!(
            PersonName::parse(" ").unwrap_err().to_string(),
            "invalid name '': 1 to 100 characters"
        );
        assert!(PersonName::parse(&"x".repeat(101)).is_err());
    }
}

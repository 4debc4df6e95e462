//! References to public standards that a framework's content rests on:
//! SFIA skills (a code and the levels meant) and O*NET occupations. They
//! are structured, not prose, so pages can name each and link to its public
//! page. leap ships codes, levels and links, never a standard's own text
//! (SFIA's licence allows no redistribution of its descriptors).

use std::fmt;

use serde::Serialize;

/// SFIA's levels of responsibility run from 1 to 7.
const SFIA_LEVELS: std::ops::RangeInclusive<u8> = 1..=7;

/// A SFIA skill, such as "FMIT 4-6": financial management, levels 4 to 6.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct SfiaSkill {
    /// The skill code: four capital letters.
    pub code: String,
    /// The levels meant, lowest and highest (equal for one level); none
    /// for the skill as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub levels: Option<(u8, u8)>,
    /// The skill's public page.
    pub url: String,
}

impl SfiaSkill {
    pub const RULE: &'static str = "a SFIA skill code of four capital letters, optionally followed by a level or a range of levels from 1 to 7, such as \"FMIT 4-6\" or \"PRMG 5\"";

    /// Parses "CODE", "CODE N" or "CODE N-M".
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split_whitespace();
        let code = parts.next()?;
        if code.len() != 4 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        let levels = match parts.next() {
            None => None,
            Some(span) => {
                let (from, to) = span.split_once('-').unwrap_or((span, span));
                let (from, to): (u8, u8) = (from.parse().ok()?, to.parse().ok()?);
                if !SFIA_LEVELS.contains(&from) || !SFIA_LEVELS.contains(&to) || from > to {
                    return None;
                }
                Some((from, to))
            }
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Self {
            url: format!("https://sfia-online.org/en/skillcode/9/{code}"),
            code: code.to_owned(),
            levels,
        })
    }
}

impl fmt::Display for SfiaSkill {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.levels {
            None => write!(f, "SFIA skill {}", self.code),
            Some((a, b)) if a == b => write!(f, "SFIA skill {}, level {a}", self.code),
            Some((a, b)) => write!(f, "SFIA skill {}, levels {a}–{b}", self.code),
        }
    }
}

/// An O*NET-SOC occupation, such as "11-3021.00" (Computer and Information
/// Systems Managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct OnetOccupation {
    pub code: String,
    /// The occupation's public summary page.
    pub url: String,
}

impl OnetOccupation {
    pub const RULE: &'static str =
        "an O*NET-SOC occupation code, two digits, '-', four digits, '.', two digits, such as \"11-3021.00\"";

    pub fn parse(text: &str) -> Option<Self> {
        let code = text.trim();
        let shape = code.len() == 10
            && code.char_indices().all(|(i, c)| match i {
                2 => c == '-',
                7 => c == '.',
                _ => c.is_ascii_digit(),
            });
        shape.then(|| Self {
            url: format!("https://www.onetonline.org/link/summary/{code}"),
            code: code.to_owned(),
        })
    }
}

impl fmt::Display for OnetOccupation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "O*NET occupation {}", self.code)
    }
}

/// What an item of a framework rests on: free-text citations and the
/// structured standards.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    pub text: Option<&'a str>,
    pub sfia: &'a [SfiaSkill],
    pub onet: &'a [OnetOccupation],
}

impl Sources<'_> {
    pub fn is_empty(&self) -> bool {
        self.text.is_none_or(|t| t.trim().is_empty())
            && self.sfia.is_empty()
            && self.onet.is_empty()
    }

    /// Everything in one line, for a terminal: "seed 001; SFIA FMIT,
    /// levels 4–6 <https://…>".
    pub fn line(&self) -> String {
        let mut parts: Vec<String> = self
            .text
            .filter(|t| !t.trim().is_empty())
            .map(str::to_owned)
            .into_iter()
            .collect();
        parts.extend(self.sfia.iter().map(|s| format!("{s} <{}>", s.url)));
        parts.extend(self.onet.iter().map(|o| format!("{o} <{}>", o.url)));
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sfia_codes_with_and_without_levels() {
        let s = SfiaSkill::parse("FMIT 4-6").unwrap();
        assert_eq!((s.code.as_str(), s.levels), ("FMIT", Some((4, 6))));
        assert_eq!(s.url, "https://sfia-online.org/en/skillcode/9/FMIT");
        assert_eq!(s.to_string(), "SFIA skill FMIT, levels 4–6");
        assert_eq!(
            SfiaSkill::parse("PRMG 5").unwrap().to_string(),
            "SFIA skill PRMG, level 5"
        );
        assert_eq!(SfiaSkill::parse("GOVN").unwrap().levels, None);
        for bad in [
            "", "fmit", "FMI", "FMIT 0-3", "FMIT 6-4", "FMIT 4-8", "FMIT x", "FMIT 4 6",
        ] {
            assert!(SfiaSkill::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn onet_codes() {
        let o = OnetOccupation::parse("11-3021.00").unwrap();
        assert_eq!(o.url, "https://www.onetonline.org/link/summary/11-3021.00");
        for bad in ["11-3021", "113021.00", "11-3021.0a", "11-3021.000"] {
            assert!(OnetOccupation::parse(bad).is_none(), "{bad}");
        }
    }
}

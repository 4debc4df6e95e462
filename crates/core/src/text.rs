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

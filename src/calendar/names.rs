//! Month and weekday names as written in dates stated by a page or a feed
//! ("Sat, 22 Mar 2025", "March 22, 2025"). The extractor of dates mentioned in the text
//! matches names inside its own keyword table (`extract::dates::words`), which also knows
//! the words around them.

/// English month names, lower case, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// English weekday names, lower case, Monday first (as ISO 8601 counts).
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Full name or three-letter abbreviation (also "Sept"), any case, optional period.
fn name_matches(token: &str, full: &str) -> bool {
    let token = token.strip_suffix('.').unwrap_or(token);
    token.eq_ignore_ascii_case(full)
        || (token.len() == 3
            && full
                .get(..3)
                .is_some_and(|abbr| abbr.eq_ignore_ascii_case(token)))
}

/// The number (1–12) of a month written in full or abbreviated ("Mar", "Sept."), any case.
pub fn month_number(token: &str) -> Option<u32> {
    if token.eq_ignore_ascii_case("sept") || token.eq_ignore_ascii_case("sept.") {
        return Some(9);
    }
    (1u32..)
        .zip(MONTHS)
        .find(|(_, name)| name_matches(token, name))
        .map(|(n, _)| n)
}

/// Is this a weekday written in full or abbreviated ("Sat."), any case?
pub fn is_weekday(token: &str) -> bool {
    WEEKDAYS.iter().any(|name| name_matches(token, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_abbreviations() {
        assert_eq!(month_number("March"), Some(3));
        assert_eq!(month_number("mar."), Some(3));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("Marc"), None);
        assert!(is_weekday("Sat"));
        assert!(is_weekday("THURSDAY"));
        assert!(!is_weekday("Sa"));
    }
}

//! Dates as the command line and the API take them: any normalised value a date mention
//! can have (`2025`, `2025-03`, `2025-03-22`, `2025-W12`, `2025-Q1`, `2024-SU`, `1990s`),
//! each standing for every day it covers, and `FROM..TO` ranges of those.

use chrono::NaiveDate;

use super::periods::parse_value;
use super::Granularity;
use crate::error::{MorgueError, Result};

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRange {
    /// The first day in the range.
    pub first: NaiveDate,
    /// The last day in the range (inclusive).
    pub last: NaiveDate,
}

/// What a date argument may look like, for error messages.
pub const DATE_FORMS: &str =
    "expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Wnn, YYYY-Qn, YYYY-SP|SU|FA|WI or YYYYs";

/// Every form [`parse_days`] takes, by example, for help texts and the page's date boxes
/// (a test parses each example, so the list cannot drift from the parser).
pub const DATE_EXAMPLES: &str =
    "a year 2025, a month 2025-03, a day 2025-03-22, an ISO week 2025-W12, \
     a quarter 2025-Q1, a season 2024-SU (SP, SU, FA, WI; winter is December to February) \
     or a decade 1990s";

fn bad(value: &str, reason: &str) -> MorgueError {
    MorgueError::BadDate {
        value: value.to_owned(),
        reason: reason.to_owned(),
    }
}

/// Parses one date (any form in [`DATE_FORMS`]) into the days it covers.
pub fn parse_days(value: &str) -> Result<DayRange> {
    let text = value.trim();
    match parse_value(text) {
        Some((Granularity::Range, _, _)) | None => Err(bad(value, why_not(text))),
        Some((_, first, last)) => Ok(DayRange { first, last }),
    }
}

/// Why a string that is not a date is not one: a value of the right shape names a day,
/// month or week the calendar does not have.
fn why_not(text: &str) -> &'static str {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = text.split('-').collect();
    match parts.as_slice() {
        [y, m] if digits(y, 4) && digits(m, 2) => "no such month",
        [y, w] if digits(y, 4) && w.len() == 3 && w.starts_with('W') => "no such week",
        [y, q] if digits(y, 4) && q.len() == 2 && q.starts_with('Q') => "no such quarter",
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => "no such date",
        _ if text.ends_with('s') && digits(&text[..text.len() - 1], 4) => {
            "a decade is written with its first year, such as 1990s"
        }
        _ => DATE_FORMS,
    }
}

/// Parses `DATE` or `FROM..TO` (either end may be left open: `2020..`, `..2021-06`).
pub fn parse_day_range(value: &str) -> Result<DayRange> {
    let Some((from, to)) = value.split_once("..") else {
        return parse_days(value);
    };
    let first = match from.trim() {
        "" => NaiveDate::MIN,
        from => parse_days(from)?.first,
    };
    let last = match to.trim() {
        // The last day a date argument can name (years have four digits), not
        // `NaiveDate::MAX`: the day after it must exist to bound a period, or `2020..`
        // would match nothing.
        "" => NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX),
        to => parse_days(to)?.last,
    };
    if first > last {
        return Err(bad(value, "the range ends before it starts"));
    }
    Ok(DayRange { first, last })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_month_covers_its_last_day() {
        let p = parse_days("2025-03").unwrap();
        assert_eq!((p.first, p.last), (day(2025, 3, 1), day(2025, 3, 31)));
        let feb = parse_days("2024-02").unwrap();
        assert_eq!(feb.last, day(2024, 2, 29));
    }

    #[test]
    fn a_year_and_a_day() {
        let y = parse_days("1987").unwrap();
        assert_eq!((y.first, y.last), (day(1987, 1, 1), day(1987, 12, 31)));
        let d = parse_days("2024-07-13").unwrap();
        assert_eq!((d.first, d.last), (day(2024, 7, 13), day(2024, 7, 13)));
    }

    #[test]
    fn bad_dates_are_errors() {
        for bad in [
            "",
            "25",
            "2025-3",
            "2025-W1",
            "2025-Q0",
            "2025-XX",
            "1995s",
            "2025-13",
            "2025-02-30",
            "March",
            "2025-01-01-01",
            "２０２５",
        ] {
            assert!(parse_days(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_granularity_of_a_mention_is_a_date_argument() {
        let range = |v: &str| {
            let r = parse_days(v).unwrap();
            (r.first, r.last)
        };
        assert_eq!(range("2025-W12"), (day(2025, 3, 17), day(2025, 3, 23)));
        assert_eq!(range("2025-Q1"), (day(2025, 1, 1), day(2025, 3, 31)));
        assert_eq!(range("2024-WI"), (day(2024, 12, 1), day(2025, 2, 28)));
        assert_eq!(range("1990s"), (day(1990, 1, 1), day(1999, 12, 31)));
        let r = parse_day_range("2025-Q1..2025-W20").unwrap();
        assert_eq!((r.first, r.last), (day(2025, 1, 1), day(2025, 5, 18)));
    }

    #[test]
    fn a_bad_date_says_what_is_wrong_with_it() {
        let reason = |v: &str| match parse_days(v) {
            Err(MorgueError::BadDate { reason, .. }) => reason,
            other => panic!("{v}: {other:?}"),
        };
        assert_eq!(reason("2025-13"), "no such month");
        assert_eq!(reason("2025-02-30"), "no such date");
        assert_eq!(reason("2025-W54"), "no such week");
        assert_eq!(reason("2025-Q5"), "no such quarter");
        assert!(reason("1995s").contains("1990s"));
        assert_eq!(reason("March"), DATE_FORMS);
        // A range is two dates, not one.
        assert_eq!(reason("2024-01-01..2024-02-01"), DATE_FORMS);
    }

    #[test]
    fn every_example_of_the_help_text_is_a_date() {
        let examples: Vec<&str> = DATE_EXAMPLES
            .split([' ', ',', '(', ')', ';'])
            .filter(|word| word.starts_with(|c: char| c.is_ascii_digit()))
            .collect();
        assert_eq!(examples.len(), 7, "{examples:?}");
        for example in examples {
            assert!(parse_days(example).is_ok(), "{example}");
        }
        // One example of each granularity a single date can have.
        for granularity in ["2025-W12", "2025-Q1", "2024-SU", "1990s", "2025-03-22"] {
            assert!(DATE_EXAMPLES.contains(granularity), "{granularity}");
        }
    }

    #[test]
    fn ranges() {
        let r = parse_day_range("2019..2021-06").unwrap();
        assert_eq!((r.first, r.last), (day(2019, 1, 1), day(2021, 6, 30)));
        assert_eq!(parse_day_range("2020..").unwrap().last, day(9999, 12, 31));
        assert!(parse_day_range("2021..2019").is_err());
    }
}

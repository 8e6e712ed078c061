//! Dates as the command line takes them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, each standing
//! for every day it covers, and `FROM..TO` ranges of those.

use chrono::{Months, NaiveDate};

use crate::error::{MorgueError, Result};

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

fn bad(value: &str, reason: &str) -> MorgueError {
    MorgueError::BadDate {
        value: value.to_owned(),
        reason: reason.to_owned(),
    }
}

fn number(value: &str, part: &str, digits: usize) -> Result<u32> {
    if part.len() != digits || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(value, "expected YYYY, YYYY-MM or YYYY-MM-DD"));
    }
    part.parse()
        .map_err(|_| bad(value, "expected YYYY, YYYY-MM or YYYY-MM-DD"))
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into the days it covers.
pub fn parse_period(value: &str) -> Result<Period> {
    let text = value.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let year = number(value, parts[0], 4)? as i32;
    let no_such_date = || bad(value, "no such date");
    match parts.len() {
        1 => Ok(Period {
            first: NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(no_such_date)?,
            last: NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(no_such_date)?,
        }),
        2 => {
            let month = number(value, parts[1], 2)?;
            let first = NaiveDate::from_ymd_opt(year, month, 1)
                .ok_or_else(|| bad(value, "no such month"))?;
            let last = first
                .checked_add_months(Months::new(1))
                .and_then(|next| next.pred_opt())
                .ok_or_else(no_such_date)?;
            Ok(Period { first, last })
        }
        3 => {
            let month = number(value, parts[1], 2)?;
            let day = number(value, parts[2], 2)?;
            let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(no_such_date)?;
            Ok(Period {
                first: date,
                last: date,
            })
        }
        _ => Err(bad(value, "expected YYYY, YYYY-MM or YYYY-MM-DD")),
    }
}

/// Parses `DATE` or `FROM..TO` (either end may be left open: `2020..`, `..2021-06`).
pub fn parse_period_range(value: &str) -> Result<Period> {
    let Some((from, to)) = value.split_once("..") else {
        return parse_period(value);
    };
    let first = match from.trim() {
        "" => NaiveDate::MIN,
        from => parse_period(from)?.first,
    };
    let last = match to.trim() {
        "" => NaiveDate::MAX,
        to => parse_period(to)?.last,
    };
    if first > last {
        return Err(bad(value, "the range ends before it starts"));
    }
    Ok(Period { first, last })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_month_covers_its_last_day() {
        let p = parse_period("2025-03").unwrap();
        assert_eq!((p.first, p.last), (day(2025, 3, 1), day(2025, 3, 31)));
        let feb = parse_period("2024-02").unwrap();
        assert_eq!(feb.last, day(2024, 2, 29));
    }

    #[test]
    fn a_year_and_a_day() {
        let y = parse_period("1987").unwrap();
        assert_eq!((y.first, y.last), (day(1987, 1, 1), day(1987, 12, 31)));
        let d = parse_period("2024-07-13").unwrap();
        assert_eq!((d.first, d.last), (day(2024, 7, 13), day(2024, 7, 13)));
    }

    #[test]
    fn bad_dates_are_errors() {
        for bad in [
            "",
            "25",
            "2025-3",
            "2025-13",
            "2025-02-30",
            "March",
            "2025-01-01-01",
            "２０２５",
        ] {
            assert!(parse_period(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ranges() {
        let r = parse_period_range("2019..2021-06").unwrap();
        assert_eq!((r.first, r.last), (day(2019, 1, 1), day(2021, 6, 30)));
        assert_eq!(parse_period_range("2020..").unwrap().last, NaiveDate::MAX);
        assert!(parse_period_range("2021..2019").is_err());
    }
}

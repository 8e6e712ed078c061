//! Date mentions as single u64 keys: `granularity << 32 | first day of the period`.
//!
//! Each granularity but `Range` tiles the calendar, so a mention of granularity `g` lies
//! inside `[from, to]` exactly when its period starts on or after `from` and before the start
//! of the `g`-period that contains the day after `to`: one key range per granularity.

use chrono::{Datelike, Days, NaiveDate};

use crate::calendar::{period_start, Granularity};
use crate::extract::DateMention;

const ALL_GRANULARITIES: [Granularity; 8] = [
    Granularity::Day,
    Granularity::Week,
    Granularity::Month,
    Granularity::Quarter,
    Granularity::Season,
    Granularity::Year,
    Granularity::Decade,
    Granularity::Range,
];

fn code(granularity: Granularity) -> u64 {
    match granularity {
        Granularity::Day => 1,
        Granularity::Week => 2,
        Granularity::Month => 3,
        Granularity::Quarter => 4,
        Granularity::Season => 5,
        Granularity::Year => 6,
        Granularity::Decade => 7,
        Granularity::Range => 8,
    }
}

/// Days since 1 January of year 1 (CE); dates before it are not mentioned in news.
fn day_number(day: NaiveDate) -> u64 {
    u64::try_from(day.num_days_from_ce()).unwrap_or(0)
}

fn key(granularity: Granularity, day: NaiveDate) -> u64 {
    code(granularity) << 32 | day_number(day)
}

/// The key a mention is indexed under.
pub fn mention_key(mention: &DateMention) -> u64 {
    key(mention.granularity, mention.from)
}

/// The granularity and first day a key was made from.
pub fn decode(key: u64) -> Option<(Granularity, NaiveDate)> {
    let granularity = *ALL_GRANULARITIES.iter().find(|&&g| code(g) == key >> 32)?;
    let day = i32::try_from(key & 0xFFFF_FFFF).ok()?;
    Some((granularity, NaiveDate::from_num_days_from_ce_opt(day)?))
}

/// Inclusive key ranges matching every mention whose interval lies inside `[from, to]`.
///
/// A `Range` mention ("March 3-7") is matched by its first day only: the key cannot hold its
/// end, so one that starts inside the window and ends after it is also matched.
pub fn ranges_inside(from: NaiveDate, to: NaiveDate) -> Vec<(u64, u64)> {
    let Some(after_to) = to.checked_add_days(Days::new(1)) else {
        return Vec::new();
    };
    ALL_GRANULARITIES
        .iter()
        .filter_map(|&granularity| {
            let last_start = match granularity {
                Granularity::Range => to,
                _ => period_start(granularity, after_to).pred_opt()?,
            };
            (last_start >= from).then(|| (key(granularity, from), key(granularity, last_start)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn mention(granularity: Granularity, from: &str, to: &str) -> DateMention {
        DateMention {
            start: 0,
            end: 0,
            text: String::new(),
            value: String::new(),
            from: day(from),
            to: day(to),
            granularity,
        }
    }

    fn inside(m: &DateMention, from: &str, to: &str) -> bool {
        let k = mention_key(m);
        ranges_inside(day(from), day(to))
            .iter()
            .any(|&(lo, hi)| lo <= k && k <= hi)
    }

    #[test]
    fn a_day_is_inside_its_month_and_year() {
        let m = mention(Granularity::Day, "2024-07-13", "2024-07-13");
        assert!(inside(&m, "2024-07-01", "2024-07-31"));
        assert!(inside(&m, "2024-07-13", "2024-07-13"));
        assert!(inside(&m, "2024-01-01", "2024-12-31"));
        assert!(!inside(&m, "2024-07-14", "2024-07-31"));
    }

    #[test]
    fn a_month_is_inside_only_whole_month_windows() {
        let m = mention(Granularity::Month, "2024-07-01", "2024-07-31");
        assert!(inside(&m, "2024-07-01", "2024-07-31"));
        assert!(inside(&m, "2024-06-15", "2024-08-02"));
        assert!(!inside(&m, "2024-07-13", "2024-07-13"));
        assert!(!inside(&m, "2024-07-01", "2024-07-30"));
    }

    #[test]
    fn a_year_is_not_inside_a_day() {
        let m = mention(Granularity::Year, "2024-01-01", "2024-12-31");
        assert!(!inside(&m, "2024-07-13", "2024-07-13"));
        assert!(inside(&m, "2024-01-01", "2024-12-31"));
        assert!(inside(&m, "2020-01-01", "2029-12-31"));
    }

    #[test]
    fn keys_decode_to_what_made_them() {
        let m = mention(Granularity::Season, "2024-06-01", "2024-08-31");
        assert_eq!(
            decode(mention_key(&m)),
            Some((Granularity::Season, day("2024-06-01")))
        );
        assert_eq!(decode(0), None);
    }

    #[test]
    fn granularities_do_not_collide() {
        let d = mention(Granularity::Day, "2024-07-01", "2024-07-01");
        let m = mention(Granularity::Month, "2024-07-01", "2024-07-31");
        assert_ne!(mention_key(&d), mention_key(&m));
    }
}

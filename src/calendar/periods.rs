//! Calendar periods: the interval of days and the normalised value (`2024-07`, `2024-W28`,
//! `2024-Q3`, `2024-SU`, `1990s` …) of each granularity.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::Granularity;

/// A meteorological season.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Season {
    /// March to May.
    Spring,
    /// June to August.
    Summer,
    /// September to November.
    Fall,
    /// December to February; labelled by the year of its December.
    Winter,
}

impl Season {
    /// The TimeML code: `SP`, `SU`, `FA`, `WI`.
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<Season> {
        match code {
            "SP" => Some(Season::Spring),
            "SU" => Some(Season::Summer),
            "FA" => Some(Season::Fall),
            "WI" => Some(Season::Winter),
            _ => None,
        }
    }
}

/// First and last day of a month; `None` for a month out of range.
pub fn month_interval(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let from = NaiveDate::from_ymd_opt(year, month, 1)?;
    let to = (28..=31)
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(year, month, d))?;
    Some((from, to))
}

/// First (Monday) and last (Sunday) day of an ISO week.
pub fn iso_week_interval(iso_year: i32, week: u32) -> Option<(NaiveDate, NaiveDate)> {
    let from = NaiveDate::from_isoywd_opt(iso_year, week, Weekday::Mon)?;
    let to = NaiveDate::from_isoywd_opt(iso_year, week, Weekday::Sun)?;
    Some((from, to))
}

/// First and last day of quarter `quarter` (1–4) of `year`.
pub fn quarter_interval(year: i32, quarter: u32) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=4).contains(&quarter) {
        return None;
    }
    let (from, _) = month_interval(year, quarter * 3 - 2)?;
    let (_, to) = month_interval(year, quarter * 3)?;
    Some((from, to))
}

/// First and last day of a season; winter `year` runs from December of `year` to the end of
/// February of `year + 1`.
pub fn season_interval(year: i32, season: Season) -> Option<(NaiveDate, NaiveDate)> {
    let (m0, y1, m1) = match season {
        Season::Spring => (3, year, 5),
        Season::Summer => (6, year, 8),
        Season::Fall => (9, year, 11),
        Season::Winter => (12, year.checked_add(1)?, 2),
    };
    let (from, _) = month_interval(year, m0)?;
    let (_, to) = month_interval(y1, m1)?;
    Some((from, to))
}

/// January 1 to December 31 of `year`.
pub fn year_interval(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

/// The ten years of the decade that contains `year` ("1990s": 1990-01-01..1999-12-31).
pub fn decade_interval(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    let first = year.checked_sub(year.rem_euclid(10))?;
    Some((
        NaiveDate::from_ymd_opt(first, 1, 1)?,
        NaiveDate::from_ymd_opt(first.checked_add(9)?, 12, 31)?,
    ))
}

/// The season that contains `day` and the year it is labelled with.
pub fn season_of(day: NaiveDate) -> (i32, Season) {
    match day.month() {
        12 => (day.year(), Season::Winter),
        1 | 2 => (day.year() - 1, Season::Winter),
        3..=5 => (day.year(), Season::Spring),
        6..=8 => (day.year(), Season::Summer),
        _ => (day.year(), Season::Fall),
    }
}

/// First and last day of the `granularity` period that contains `day`: the day itself, its
/// ISO week (Monday–Sunday), month, quarter, meteorological season (winter = December to
/// February, labelled by its December), year or decade. For `Range` it is `(day, day)`.
///
/// Every granularity but `Range` tiles the calendar: the periods of one granularity are
/// adjacent and never overlap. (At the very ends of chrono's date range, where a period
/// would leave it, the day itself is returned.)
pub fn period_bounds(granularity: Granularity, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let bounds = match granularity {
        Granularity::Day | Granularity::Range => Some((day, day)),
        Granularity::Week => {
            let back = u64::from(day.weekday().num_days_from_monday());
            day.checked_sub_days(Days::new(back))
                .and_then(|from| Some((from, from.checked_add_days(Days::new(6))?)))
        }
        Granularity::Month => month_interval(day.year(), day.month()),
        Granularity::Quarter => quarter_interval(day.year(), (day.month() - 1) / 3 + 1),
        Granularity::Season => {
            let (year, season) = season_of(day);
            season_interval(year, season)
        }
        Granularity::Year => year_interval(day.year()),
        Granularity::Decade => decade_interval(day.year()),
    };
    bounds.unwrap_or((day, day))
}

/// The first day of the `granularity` period that contains `day` (see [`period_bounds`]):
/// the key under which the index files a mention of that granularity.
pub fn period_start(granularity: Granularity, day: NaiveDate) -> NaiveDate {
    period_bounds(granularity, day).0
}

/// The normalised value of the `granularity` period that contains `day`: `2024-07-13`,
/// `2024-W28`, `2024-07`, `2024-Q3`, `2024-SU`, `2024`, `1990s`; for `Range` the
/// one-day range `2024-07-13..2024-07-13`.
pub fn period_value(granularity: Granularity, day: NaiveDate) -> String {
    match granularity {
        Granularity::Day => day.to_string(),
        Granularity::Week => {
            let w = day.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Granularity::Month => format!("{:04}-{:02}", day.year(), day.month()),
        Granularity::Quarter => format!("{:04}-Q{}", day.year(), (day.month() - 1) / 3 + 1),
        Granularity::Season => {
            let (year, season) = season_of(day);
            format!("{:04}-{}", year, season.code())
        }
        Granularity::Year => format!("{:04}", day.year()),
        Granularity::Decade => format!("{:04}s", day.year() - day.year().rem_euclid(10)),
        Granularity::Range => format!("{day}..{day}"),
    }
}

/// Parses a normalised value (as in [`crate::extract::DateMention::value`]) back into its granularity and
/// interval: `2024-07-13`, `2024-W28`, `2024-07`, `2024-Q3`, `2024-SU`, `2024`, `1990s`,
/// `2024-03-03..2024-03-07`. Years must have four digits. `None` for anything else.
pub fn parse_value(value: &str) -> Option<(Granularity, NaiveDate, NaiveDate)> {
    fn num(s: &str) -> Option<u32> {
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    }
    fn year(s: &str) -> Option<i32> {
        if s.len() != 4 {
            return None;
        }
        i32::try_from(num(s)?).ok()
    }
    fn day(s: &str) -> Option<NaiveDate> {
        let (y, rest) = s.split_once('-')?;
        let (m, d) = rest.split_once('-')?;
        if m.len() != 2 || d.len() != 2 {
            return None;
        }
        NaiveDate::from_ymd_opt(year(y)?, num(m)?, num(d)?)
    }
    if let Some((a, b)) = value.split_once("..") {
        let (from, to) = (day(a)?, day(b)?);
        return (from <= to).then_some((Granularity::Range, from, to));
    }
    if let Some(decade) = value.strip_suffix('s') {
        let y = year(decade)?;
        if y % 10 != 0 {
            return None;
        }
        let (from, to) = decade_interval(y)?;
        return Some((Granularity::Decade, from, to));
    }
    let Some((y, rest)) = value.split_once('-') else {
        let (from, to) = year_interval(year(value)?)?;
        return Some((Granularity::Year, from, to));
    };
    let y = year(y)?;
    if let Some(season) = Season::from_code(rest) {
        let (from, to) = season_interval(y, season)?;
        return Some((Granularity::Season, from, to));
    }
    if let Some(w) = rest.strip_prefix('W') {
        if w.len() != 2 {
            return None;
        }
        let (from, to) = iso_week_interval(y, num(w)?)?;
        return Some((Granularity::Week, from, to));
    }
    if let Some(q) = rest.strip_prefix('Q') {
        if q.len() != 1 {
            return None;
        }
        let (from, to) = quarter_interval(y, num(q)?)?;
        return Some((Granularity::Quarter, from, to));
    }
    if rest.len() == 2 {
        let (from, to) = month_interval(y, num(rest)?)?;
        return Some((Granularity::Month, from, to));
    }
    let d = day(value)?;
    Some((Granularity::Day, d, d))
}

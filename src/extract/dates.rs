//! Rule-based extraction of date mentions from English news text.
//!
//! # How it works
//! One pass over the bytes of the text finds *anchors*: ASCII words that are month or
//! weekday names, deictic words ("today", "yesterday", "tomorrow", "tonight"), calendar
//! units ("year", "month", "week", "weekend", "quarter", seasons, "ago"), `Q1`..`Q4`,
//! and runs of two or four digits. Everything else is skipped after a byte-class test
//! and, for short words, one `match` on the lower-cased word, so text without dates
//! costs very little. Each anchor is then parsed *locally*: a bounded look-back for
//! modifiers and cues ("last", "early", "in", "the", a weekday before a date, a day
//! number before a month) and a bounded look-ahead for the rest of the expression
//! (day, year, "of 2024"). Every candidate is an interval of days; overlapping
//! candidates are resolved leftmost-longest (the longer one wins). The work per anchor
//! is bounded, so the whole extraction is linear in the length of the text.
//!
//! # What is recognised (see the tests for real examples)
//! - Calendar dates: "March 22, 2025", "Mar. 22, 2025", "March 22nd 2025",
//!   "22 March 2025", "the 22nd of March", "Saturday, March 22, 2025", "2025-03-22"
//!   (also `2025/03/22`), Reuters' "payable April one" / "Record March Two" (one to ten),
//!   day ranges "March 3-7" / "March 3-7, 2025" and month ranges "April-June"
//!   (granularity `Range`). Impossible dates ("February 30, 2025") produce nothing.
//! - Months: "March 2026", "March of 2026", "October, 2001", "in March", "last March",
//!   "early June", "mid-November", "January this year", "June last year". A bare month
//!   name needs a cue (a preposition such as "in"/"since"/"by", or
//!   early/late/mid/last/this/next) when it is "May" or "March" (modal verb, Theresa May,
//!   a protest march; "by May" and "of May" are not cues for May); other month names are
//!   taken bare unless a capitalised word follows ("June Carter"). Abbreviations and
//!   all-capital names need a day or a year. "every March" is left out.
//! - Weekdays: "Saturday", "on Saturday", "last/next/this Saturday", "this past
//!   Saturday", "Friday night", "early Tuesday afternoon" (day granularity). Left out:
//!   names ("Good Friday", "Black Monday", "the Sunday Times", "Saturday Night Live":
//!   a weekday followed by a capitalised word needs a cue such as "on" or "said"), sets
//!   ("every Friday").
//! - "today", "yesterday", "tomorrow", "tonight", "last night", "this morning",
//!   "earlier today", "late yesterday", "yesterday afternoon". Capitalised only at a
//!   sentence start ("USA Today" is a newspaper); "the people of tomorrow" is left out.
//! - Years with a cue: "in 2016", "since 2016", "by 2030", "into 1990", "early 2016",
//!   "mid-2016", "end-1986", "the year 2000", "the 1987 crash", "its 1988
//!   recapitalization", "the company's 1989 results", "for 1986", "of 2016" (after "for",
//!   "of", "from", "to" only when no lower-case content word follows: "of 2016 people" is
//!   not a year), "in 1986 and 1987"; ranges "between 2019 and 2021", "from 2019 to
//!   2021", "2019-2021" (`Range`). Years 1900–2100 only; a bare number is never a year.
//! - Decades: "the 1990s", "1990s", "the early 1980's", "the mid-1980s", "the '90s" (not
//!   centuries: "the 1900s" is left out; "2010's" without "the" is a possessive year).
//! - Relative units: "last/this/next year", "earlier this year", "late last year",
//!   "last/this/next month", "last/this/next week", "earlier this week",
//!   "last/this/next quarter", "last/this/next weekend", "over the weekend" (`Range`,
//!   Saturday–Sunday), "two years ago", "three days ago", "a week ago". "the last year",
//!   "the past week" are durations and left out.
//! - Seasons: "last summer", "this spring", "next winter", "this past fall",
//!   "summer 2024", "the summer of 2024".
//! - Quarters: "the third quarter", "third-quarter", "the third quarter of 2024",
//!   "the fourth quarter last year", "the 1988 third quarter", "this year's third
//!   quarter", "Q3 2024", "Q3" (after "in", "the", "for" ...).
//!
//! - Also: holidays ("Christmas", "Christmas Eve", "New Year's Day", "New Year's Eve",
//!   "Thanksgiving (Day)", "Election Day", "Halloween": with a year, after last/this/next,
//!   after a preposition, or with "Day"/"Eve"), bare seasons after a preposition ("in the
//!   summer", "by autumn"), "a year earlier" / "year-earlier" / "year-ago" (the year before
//!   publication), "the latest quarter" / "the quarter" (the last quarter ended before
//!   publication), "the current quarter/year", "this fiscal year", market reports' "on the
//!   day" / "end the day at" (the publication day), years read out ("nineteen
//!   ninety-six"), unambiguous numeric dates ("22/03/2025", "3/22/2025": one number over
//!   12, or both equal) and ranges joined from two dates of one granularity ("from March 3
//!   to March 7", "between April and June", `Range`).
//! - Anaphoric and anchored forms: "by year-end" / "around year end" / "by year's end"
//!   (after a preposition; the publication year, the year before after "since"), "the
//!   latest period" (like "the latest quarter"), "for the year", "for the full/entire
//!   year", "the first nine months of the year", "for the fiscal year." (the publication
//!   year, the year before in January and February; not "the year ended June 30"), "for
//!   the week," / "the week's" (the publication week), "the year two thousand",
//!   centuries ("the 20th century", "11th-century": a `Range` of its hundred years),
//!   "the nineties", "the 70s and 80s" (no apostrophe: only after "the"), "a decade ago",
//!   and, counted from the last date found before them (else from publication): "the
//!   previous/following year", "the year previous", "that year", "later that year"
//!   (years), "the following/previous month" (months), "that quarter" (only after a
//!   quarter), "the same day", "that same day", "earlier/later that day" (days); "the
//!   latest fiscal year" (the year before publication), "a week or so ago".
//!
//! Spans include the modifiers (early/late/mid, last/this/next, earlier/later, "the"
//! before decades, quarters and "the summer of 2024", a weekday before a date) but not
//! the prepositions ("on", "in").
//!
//! # Resolution against the publication date
//! Everything that does not name its year needs the publication date and is left out
//! without one.
//! - A month-day without a year ("July 31") is not simply put in the publication year:
//!   of the occurrences in the year before, of and after publication it takes the
//!   nearest to the publication date, with days ahead counting 1.5 times days back (news
//!   mostly reports), the other way round when the clause reads as future (see below),
//!   ties to the past. In an article of 1998-01-05 "Dec. 30" is 1997-12-30 and "Jan. 9"
//!   1998-01-09. A bare month ("in October") takes its occurrence the same way, counted in
//!   months, and so does an ordinal quarter without a year ("the fourth quarter" is
//!   1997-Q4 in January 1998), counted in quarters. Right after "since" it is the latest
//!   occurrence not after the publication date. (On the TimeBank/AQUAINT gold this picks
//!   the annotated year for about 93% of bare months and month-days, against 83% for
//!   "the publication year".)
//! - "last March" is the most recent March strictly before the publication month, "next
//!   March" the first one strictly after it, "this March" the one of the publication year.
//! - A plain weekday ("on Saturday", "said Saturday") is the most recent such day on or
//!   before the publication date (so "Saturday" in an article published on a Saturday is
//!   that day) — unless its clause reads as future: then it is the first such day on or
//!   after the publication date. The clause is read back from the expression over at
//!   most ten words, up to a sentence end, comma or quote; the first verb-like cue
//!   decides: "will", "would", "could", "might", "is to", "scheduled", "plans",
//!   "expected", "due", "until", "as early as" ... mean future (not after "had", "was",
//!   "were", "been"); a past-tense verb ("said", "took", "...ed") means not. A possessive
//!   weekday ("Friday's talks") is always taken as past. "last Saturday" is strictly
//!   before (1–7 days back), "next Saturday" strictly after (1–7 days ahead), "this
//!   Saturday" on or after.
//! - Seasons are meteorological (spring March–May, summer June–August, fall/autumn
//!   September–November, winter December–February). A winter is labelled by the year of
//!   its December: `2024-WI` is 2024-12-01..2025-02-28, and "winter 2024" means `2024-WI`.
//!   "last summer" is the most recent summer that ended before the season containing the
//!   publication date began; "next summer" the first one starting after that season
//!   ends; "this summer" the occurrence containing or nearest to the publication date.
//! - Weeks are ISO weeks (Monday–Sunday), values `2025-W12` use the ISO week-year;
//!   "last week" is the ISO week seven days before the publication date.
//! - "N days/weeks/months/years ago" is the day/ISO week/month/year that far back.
//! - "the weekend" (after over/at/during/on) is the last Saturday–Sunday on or before the
//!   publication date, or the coming one in a future clause.
//!
//! # Known gaps
//! Ambiguous numeric dates ("3/4/2025") and dotted ones ("22.03.2025"), two-digit years,
//! written-out numbers beyond Reuters' "April one" and "nineteen ninety-six" ("March
//! eighth", "the year two thousand"), other holidays and named days (Easter, "Black
//! Monday", "September 11th" as the 2001 attacks), times of day, durations and sets,
//! vague references ("now", "recently"), expressions anchored on another date rather
//! than the publication date other than the few above ("the previous Friday", "that
//! day"), anaphoric "the year"/"the week"/"the day" outside the
//! phrases above, fiscal years written "FY2007" and halves, sports
//! quarters (a "third quarter" of a game is taken as a calendar quarter), spans across a
//! paragraph break, and non-English month names. Tense is read from a few cue words, so a
//! present-tense future ("they meet Monday") counts as past. Measurements:
//! `docs/DATES.md`.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::{DateExtractor, DateMention, Granularity};

/// The rule-based date extractor. Stateless; `RuleBasedDates::default()` is ready to use.
#[derive(Debug, Default, Clone, Copy)]
pub struct RuleBasedDates;

impl DateExtractor for RuleBasedDates {
    fn extract_dates(&self, text: &str, publication_date: Option<NaiveDate>) -> Vec<DateMention> {
        extract(text, publication_date)
    }
}

/// Finds the date mentions of `text`; what [`RuleBasedDates`] does.
pub fn extract(text: &str, publication_date: Option<NaiveDate>) -> Vec<DateMention> {
    let mut scanner = Scanner {
        text,
        b: text.as_bytes(),
        pub_date: publication_date,
        out: Vec::new(),
    };
    scanner.run();
    let mut cands = scanner.out;
    // Leftmost-longest: sort by start, longer first; an overlapping candidate replaces the
    // last kept one only when it is longer.
    cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Cand> = Vec::with_capacity(cands.len());
    for c in cands {
        match kept.last_mut() {
            Some(last) if c.start < last.end => {
                if c.end - c.start > last.end - last.start {
                    *last = c;
                }
            }
            _ => kept.push(c),
        }
    }
    let kept = join_ranges(text.as_bytes(), kept);
    kept.into_iter()
        .filter_map(|c| {
            let written = text.get(c.start..c.end)?;
            let value = if c.granularity == Granularity::Range {
                format!("{}..{}", c.from, c.to)
            } else {
                period_value(c.granularity, c.from)
            };
            Some(DateMention {
                start: c.start,
                end: c.end,
                text: written.to_string(),
                value,
                from: c.from,
                to: c.to,
                granularity: c.granularity,
            })
        })
        .collect()
}

/// Joins two dates of the same granularity into one `Range` when the text reads "from A to
/// B" ("to", "through", "until", "till") or "between A and B", and B comes after A:
/// "from March 3 to March 7" is 2025-03-03..2025-03-07. The span starts at "from" or
/// "between".
fn join_ranges(b: &[u8], kept: Vec<Cand>) -> Vec<Cand> {
    let word_before = |p: usize| -> Option<(usize, &[u8])> {
        let mut e = p;
        while e > 0 && b[e - 1] == b' ' {
            e -= 1;
        }
        if e == p {
            return None;
        }
        let mut s = e;
        while s > 0 && e - s < 8 && b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        if s > 0 && b[s - 1].is_ascii_alphanumeric() {
            return None;
        }
        Some((s, &b[s..e]))
    };
    let mut out: Vec<Cand> = Vec::with_capacity(kept.len());
    let mut i = 0;
    while i < kept.len() {
        let a = kept[i];
        if let Some(&c) = kept.get(i + 1) {
            let gap = &b[a.end..c.start];
            let link = std::str::from_utf8(gap).unwrap_or("").trim();
            let intro = word_before(a.start);
            let intro_is =
                |w: &str| intro.is_some_and(|(_, x)| x.eq_ignore_ascii_case(w.as_bytes()));
            let joined = a.granularity == c.granularity
                && a.granularity != Granularity::Range
                && a.to < c.from
                && gap.len() <= 9
                && gap.first() == Some(&b' ')
                && gap.last() == Some(&b' ')
                && ((intro_is("from") && matches!(link, "to" | "through" | "until" | "till"))
                    || (intro_is("between") && link == "and"));
            if let (true, Some((s, _))) = (joined, intro) {
                out.push(Cand {
                    start: s,
                    end: c.end,
                    granularity: Granularity::Range,
                    from: a.from,
                    to: c.to,
                });
                i += 2;
                continue;
            }
        }
        out.push(a);
        i += 1;
    }
    out
}

// ---------------------------------------------------------------------------------------
// Calendar periods (public: the index and the CLI use them)
// ---------------------------------------------------------------------------------------

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

    fn from_code(code: &str) -> Option<Season> {
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

/// Parses a normalised value (as in [`DateMention::value`]) back into its granularity and
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

// ---------------------------------------------------------------------------------------
// Scanner
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
struct Cand {
    start: usize,
    end: usize,
    granularity: Granularity,
    from: NaiveDate,
    to: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kw {
    Month {
        month: u32,
        abbr: bool,
    },
    Weekday(Weekday),
    /// today (0), yesterday (-1), tomorrow (1).
    Deictic(i64),
    Tonight,
    Unit(Unit),
    Quarter,
    Season(Season),
    Ago,
    Night,
    DayPart,
    Q(u32),
    /// "earlier" in "a year earlier", "year-earlier".
    Earlier,
    Holiday(Holiday),
    /// "day" in "on the day" (market reports: the trading day of publication).
    Day,
    /// "nineteen" starting a year read out ("nineteen ninety-six").
    Nineteen,
    /// "period" in "the latest period" (company results: the quarter reported).
    Period,
    /// "century" in "the 20th century", "this century".
    Century,
    /// "the nineties" (1990s) and the other decades written out.
    DecadeWord(i32),
}

/// Holidays with a fixed rule, resolved like a month-day without a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holiday {
    Christmas,
    Thanksgiving,
    Halloween,
    /// US Election Day: the Tuesday after the first Monday of November.
    Election,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Year,
    Month,
    Week,
    Weekend,
}

/// Longest keyword: "september", "wednesday", "yesterday", "afternoon".
const MAX_KW_LEN: usize = 9;

fn keyword(lower: &[u8]) -> Option<Kw> {
    let month = |month: u32, abbr: bool| Kw::Month { month, abbr };
    Some(match lower {
        b"january" => month(1, false),
        b"jan" => month(1, true),
        b"february" => month(2, false),
        b"feb" => month(2, true),
        b"march" => month(3, false),
        b"mar" => month(3, true),
        b"april" => month(4, false),
        b"apr" => month(4, true),
        b"may" => month(5, false),
        b"june" => month(6, false),
        b"jun" => month(6, true),
        b"july" => month(7, false),
        b"jul" => month(7, true),
        b"august" => month(8, false),
        b"aug" => month(8, true),
        b"september" => month(9, false),
        b"sep" | b"sept" => month(9, true),
        b"october" => month(10, false),
        b"oct" => month(10, true),
        b"november" => month(11, false),
        b"nov" => month(11, true),
        b"december" => month(12, false),
        b"dec" => month(12, true),
        b"monday" => Kw::Weekday(Weekday::Mon),
        b"tuesday" => Kw::Weekday(Weekday::Tue),
        b"wednesday" => Kw::Weekday(Weekday::Wed),
        b"thursday" => Kw::Weekday(Weekday::Thu),
        b"friday" => Kw::Weekday(Weekday::Fri),
        b"saturday" => Kw::Weekday(Weekday::Sat),
        b"sunday" => Kw::Weekday(Weekday::Sun),
        b"today" => Kw::Deictic(0),
        b"yesterday" => Kw::Deictic(-1),
        b"tomorrow" => Kw::Deictic(1),
        b"tonight" => Kw::Tonight,
        b"year" => Kw::Unit(Unit::Year),
        b"month" => Kw::Unit(Unit::Month),
        b"week" => Kw::Unit(Unit::Week),
        b"weekend" => Kw::Unit(Unit::Weekend),
        b"quarter" => Kw::Quarter,
        b"spring" => Kw::Season(Season::Spring),
        b"summer" => Kw::Season(Season::Summer),
        b"fall" | b"autumn" => Kw::Season(Season::Fall),
        b"winter" => Kw::Season(Season::Winter),
        b"ago" => Kw::Ago,
        b"night" => Kw::Night,
        b"morning" | b"afternoon" | b"evening" => Kw::DayPart,
        b"q1" => Kw::Q(1),
        b"q2" => Kw::Q(2),
        b"q3" => Kw::Q(3),
        b"q4" => Kw::Q(4),
        b"earlier" => Kw::Earlier,
        b"day" => Kw::Day,
        b"christmas" | b"xmas" => Kw::Holiday(Holiday::Christmas),
        b"halloween" => Kw::Holiday(Holiday::Halloween),
        b"election" => Kw::Holiday(Holiday::Election),
        b"nineteen" => Kw::Nineteen,
        b"period" => Kw::Period,
        b"century" => Kw::Century,
        b"twenties" => Kw::DecadeWord(20),
        b"thirties" => Kw::DecadeWord(30),
        b"forties" => Kw::DecadeWord(40),
        b"fifties" => Kw::DecadeWord(50),
        b"sixties" => Kw::DecadeWord(60),
        b"seventies" => Kw::DecadeWord(70),
        b"eighties" => Kw::DecadeWord(80),
        b"nineties" => Kw::DecadeWord(90),
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower,
    Capitalised,
    Upper,
    Mixed,
}

fn case_of(w: &[u8]) -> Case {
    let Some((&first, rest)) = w.split_first() else {
        return Case::Mixed;
    };
    let rest_lower = rest.iter().all(|c| !c.is_ascii_uppercase());
    if first.is_ascii_lowercase() && rest_lower {
        Case::Lower
    } else if first.is_ascii_uppercase() && rest_lower {
        Case::Capitalised
    } else if w.iter().all(|c| !c.is_ascii_lowercase()) {
        Case::Upper
    } else {
        Case::Mixed
    }
}

/// Words after which a year (1900–2100) is taken as a year.
const YEAR_CUES: &[&str] = &[
    "in",
    "since",
    "during",
    "until",
    "till",
    "through",
    "throughout",
    "by",
    "before",
    "after",
    "circa",
    "fiscal",
    "into",
    // "bonds due 1993".
    "due",
    "both",
    // Determiners: "the 1987 crash", "its 1988 recapitalization", "a 1971 convention".
    "the",
    "a",
    "an",
    "its",
    "his",
    "her",
    "their",
    "our",
    "this",
    "that",
    "whose",
];
/// Words after which a year is taken only when no lower-case content word follows it.
const WEAK_YEAR_CUES: &[&str] = &["of", "for", "from", "to"];
/// Lower-case words that may follow a year cued weakly ("for 1986 was ...").
const FUNCTION_WORDS: &[&str] = &[
    "and", "or", "to", "the", "a", "an", "was", "were", "is", "are", "will", "would", "when", "as",
    "but", "compared", "versus", "vs", "against", "from", "through", "until", "with", "in", "on",
    "at", "by", "if", "that", "which", "after", "before", "than", "had", "has", "have", "ended",
    "said", "levels", "level",
];
/// Lower-case words besides [`FUNCTION_WORDS`] that may follow a holiday or a season
/// ("last Thanksgiving following a boat wreck").
const LINK_WORDS: &[&str] = &[
    "when",
    "while",
    "because",
    "amid",
    "following",
    "for",
    "during",
    "since",
    "until",
    "into",
    "despite",
    "so",
    "then",
    "last",
    "this",
    "next",
    "of",
];
/// Cues that let a bare month name be a month ("in March", "since June").
const MONTH_CUES: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "through",
    "throughout",
    "during",
    "before",
    "after",
    "from",
    "of",
    "between",
];
/// The subset of [`MONTH_CUES`] strong enough for "May" ("by May" and "of May" are often
/// Theresa May).
const MAY_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "through",
    "throughout",
    "during",
    "before",
];
/// Capitalised words before a weekday that make it part of a name ("Black Monday").
const WEEKDAY_NAME_PREFIXES: &[&str] = &[
    "Good", "Black", "Super", "Holy", "Ash", "Cyber", "Bloody", "Maundy", "Easter", "Palm", "Fat",
    "Shrove", "Giving", "Blue", "Whit", "Low", "Girl", "Man", "Sunday", "Manic", "Red", "Green",
];
/// Words before a weekday that make a following capitalised word harmless
/// ("said on Monday President ...").
const WEEKDAY_CUES: &[&str] = &[
    "on",
    "since",
    "by",
    "until",
    "till",
    "before",
    "after",
    "from",
    "said",
    "says",
    "told",
    "announced",
    "reported",
    "late",
    "early",
    "earlier",
    "later",
    "last",
    "next",
    "this",
    "through",
    "between",
    "and",
    "or",
];
/// Words in the same sentence before a weekday that make it a future one.
const FUTURE_CUES: &[&str] = &[
    "will",
    "shall",
    "ll",
    "scheduled",
    "schedule",
    "planned",
    "plans",
    "plan",
    "planning",
    "expected",
    "expects",
    "expect",
    "due",
    "until",
    "upcoming",
    "would",
    "could",
    "might",
    "soon",
    "slated",
    "intends",
    "intend",
    "aims",
    "hopes",
    "going",
];
/// Verbs that put a clause in the past (or in reporting present, "says"): they stop the
/// search for a future cue.
const PAST_VERBS: &[&str] = &[
    "said",
    "told",
    "met",
    "held",
    "rose",
    "fell",
    "won",
    "lost",
    "gave",
    "made",
    "took",
    "came",
    "went",
    "began",
    "left",
    "sent",
    "paid",
    "spoke",
    "wrote",
    "found",
    "saw",
    "was",
    "were",
    "had",
    "did",
    "led",
    "ran",
    "shot",
    "struck",
    "sold",
    "bought",
    "brought",
    "became",
    "chose",
    "fled",
    "flew",
    "fought",
    "got",
    "grew",
    "heard",
    "kept",
    "knew",
    "meant",
    "rode",
    "sank",
    "spent",
    "stood",
    "swore",
    "taught",
    "thought",
    "threw",
    "understood",
    "woke",
    "wore",
    "tore",
    "wound",
    "says",
    "say",
    "tells",
];

/// Lower-cases a short word into `buf`; `None` when it is longer than the buffer.
fn lower_into<'b>(w: &[u8], buf: &'b mut [u8; 12]) -> Option<&'b [u8]> {
    let dst = buf.get_mut(..w.len())?;
    for (d, c) in dst.iter_mut().zip(w) {
        *d = c.to_ascii_lowercase();
    }
    Some(dst)
}

/// The keyword a word is, whatever its case.
fn keyword_ci(w: &[u8]) -> Option<Kw> {
    let mut buf = [0u8; 12];
    keyword(lower_into(w, &mut buf)?)
}

fn number_word(w: &[u8]) -> Option<i64> {
    let mut buf = [0u8; 12];
    Some(match lower_into(w, &mut buf)? {
        b"a" | b"an" | b"one" => 1,
        b"two" => 2,
        b"three" => 3,
        b"four" => 4,
        b"five" => 5,
        b"six" => 6,
        b"seven" => 7,
        b"eight" => 8,
        b"nine" => 9,
        b"ten" => 10,
        b"eleven" => 11,
        b"twelve" => 12,
        _ => return None,
    })
}

fn ordinal_word(w: &[u8]) -> Option<u32> {
    let mut buf = [0u8; 12];
    Some(match lower_into(w, &mut buf)? {
        b"first" | b"1st" => 1,
        b"second" | b"2nd" => 2,
        b"third" | b"3rd" => 3,
        b"fourth" | b"4th" | b"final" => 4,
        _ => return None,
    })
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// First day of the month `delta` months after the month of `d`.
fn shift_months(d: NaiveDate, delta: i64) -> Option<NaiveDate> {
    let idx = i64::from(d.year()) * 12 + i64::from(d.month0()) + delta;
    let year = i32::try_from(idx.div_euclid(12)).ok()?;
    let month = u32::try_from(idx.rem_euclid(12)).ok()? + 1;
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// What the clause around an expression says about time (see `Scanner::tense`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
    /// Right after "since": the occurrence cannot be after the publication date.
    Since,
}

/// Picks among candidate points (days, months or quarters counted from any epoch) the one
/// an expression without a year most likely means: the nearest to the publication point
/// `now`, with the future counted 1.5 times the past (news mostly looks back: a month seven
/// months ago beats one five months ahead) — and the other way round in a future clause.
/// Ties go to the past. Right after "since" it is the latest one not after `now`.
fn pick_occurrence(
    now: i64,
    candidates: impl Iterator<Item = i64> + Clone,
    tense: Tense,
) -> Option<i64> {
    if tense == Tense::Since {
        if let Some(c) = candidates.clone().filter(|&c| c <= now).max() {
            return Some(c);
        }
    }
    let (past_w, future_w) = match tense {
        Tense::Future => (3, 2),
        Tense::Past | Tense::Unknown | Tense::Since => (2, 3),
    };
    candidates.min_by_key(|&c| {
        let dist = if c < now {
            (now - c).saturating_mul(past_w)
        } else {
            (c - now).saturating_mul(future_w)
        };
        (dist, c)
    })
}

/// The occurrence of (month, day) in the year before, of or after the publication date that
/// [`pick_occurrence`] chooses.
fn nearest_month_day(pub_date: NaiveDate, month: u32, day: u32, tense: Tense) -> Option<NaiveDate> {
    let y = pub_date.year();
    let dates: Vec<NaiveDate> = [y - 1, y, y + 1]
        .iter()
        .filter_map(|&y| NaiveDate::from_ymd_opt(y, month, day))
        .collect();
    let now = i64::from(pub_date.num_days_from_ce());
    let at = pick_occurrence(
        now,
        dates.iter().map(|d| i64::from(d.num_days_from_ce())),
        tense,
    )?;
    dates
        .into_iter()
        .find(|d| i64::from(d.num_days_from_ce()) == at)
}

/// The year of the occurrence of `month` that [`pick_occurrence`] chooses.
fn nearest_month_year(pub_date: NaiveDate, month: u32, tense: Tense) -> i32 {
    let y = i64::from(pub_date.year());
    let now = y * 12 + i64::from(pub_date.month0());
    let m = i64::from(month) - 1;
    pick_occurrence(now, (y - 1..=y + 1).map(|cy| cy * 12 + m), tense)
        .and_then(|at| i32::try_from(at.div_euclid(12)).ok())
        .unwrap_or(pub_date.year())
}

/// The year of the occurrence of quarter `q` that [`pick_occurrence`] chooses.
fn nearest_quarter_year(pub_date: NaiveDate, q: u32, tense: Tense) -> i32 {
    let y = i64::from(pub_date.year());
    let now = y * 4 + i64::from(pub_date.month0() / 3);
    let q = i64::from(q) - 1;
    pick_occurrence(now, (y - 1..=y + 1).map(|cy| cy * 4 + q), tense)
        .and_then(|at| i32::try_from(at.div_euclid(4)).ok())
        .unwrap_or(pub_date.year())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    Last,
    This,
    Next,
}

/// The occurrence of `season` that `rel` picks relative to `pub_date`.
fn resolve_season(pub_date: NaiveDate, season: Season, rel: Rel) -> Option<(NaiveDate, NaiveDate)> {
    let (cur_from, cur_to) = period_bounds(Granularity::Season, pub_date);
    let y = pub_date.year();
    let occurrences = (y - 2..=y + 1).filter_map(|cy| season_interval(cy, season));
    match rel {
        Rel::Last => occurrences.filter(|(_, to)| *to < cur_from).max(),
        Rel::Next => occurrences.filter(|(from, _)| *from > cur_to).min(),
        Rel::This => occurrences.min_by_key(|(from, to)| {
            let dist = if pub_date < *from {
                (*from - pub_date).num_days()
            } else if pub_date > *to {
                (pub_date - *to).num_days()
            } else {
                0
            };
            (dist, *from)
        }),
    }
}

/// A season named without last/this/next ("in the summer"): in a past clause the latest
/// one that began on or before the publication date, in a future clause the first one
/// that has not ended, otherwise the nearest (as "this summer").
fn bare_season(
    pub_date: NaiveDate,
    season: Season,
    tense: Tense,
) -> Option<(NaiveDate, NaiveDate)> {
    let y = pub_date.year();
    let mut occurrences = (y - 2..=y + 1).filter_map(|cy| season_interval(cy, season));
    match tense {
        Tense::Past | Tense::Since => occurrences.filter(|(from, _)| *from <= pub_date).max(),
        Tense::Future => occurrences.find(|(_, to)| *to >= pub_date),
        Tense::Unknown => resolve_season(pub_date, season, Rel::This),
    }
}

fn weekday_offset(from: Weekday, to: Weekday) -> i64 {
    i64::from((to.num_days_from_monday() + 7 - from.num_days_from_monday()) % 7)
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    pub_date: Option<NaiveDate>,
    out: Vec<Cand>,
}

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

impl Scanner<'_> {
    fn run(&mut self) {
        let b = self.b;
        let n = b.len();
        let mut i = 0;
        while i < n {
            let c = b[i];
            if c.is_ascii_alphabetic() {
                let s = i;
                i += 1;
                while i < n && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                if i - s <= MAX_KW_LEN && i - s >= 2 {
                    self.word(s, i);
                } else if i - s == 12 && b[s..i].eq_ignore_ascii_case(b"thanksgiving") {
                    self.on_holiday(s, i, Holiday::Thanksgiving);
                }
            } else if c.is_ascii_digit() {
                let s = i;
                i += 1;
                while i < n && b[i].is_ascii_digit() {
                    i += 1;
                }
                if i - s <= 2 && self.byte(i) == b'/' {
                    self.slash_date(s, i);
                }
                if i - s == 4 || i - s == 2 {
                    self.number(s, i);
                }
                while i < n && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
            } else {
                i += 1;
            }
        }
    }

    // ----- low-level helpers -------------------------------------------------------------

    /// No letter or digit (ASCII or not) right before `pos`.
    fn boundary_before(&self, pos: usize) -> bool {
        if pos == 0 {
            return true;
        }
        let c = self.b[pos - 1];
        if c < 0x80 {
            return !is_word_byte(c);
        }
        match self.text.get(..pos).and_then(|s| s.chars().next_back()) {
            Some(ch) => !ch.is_alphanumeric(),
            None => false,
        }
    }

    /// No letter or digit (ASCII or not) at `pos`.
    fn boundary_after(&self, pos: usize) -> bool {
        let Some(&c) = self.b.get(pos) else {
            return true;
        };
        if c < 0x80 {
            return !is_word_byte(c);
        }
        match self.text.get(pos..).and_then(|s| s.chars().next()) {
            Some(ch) => !ch.is_alphanumeric(),
            None => false,
        }
    }

    fn byte(&self, pos: usize) -> u8 {
        self.b.get(pos).copied().unwrap_or(0)
    }

    fn starts_with_at(&self, pos: usize, pat: &[u8]) -> bool {
        self.b.get(pos..).is_some_and(|s| s.starts_with(pat))
    }

    /// Skips up to four blanks forward (spaces, tabs, no-break spaces, at most one newline).
    fn ws_fwd(&self, mut p: usize) -> usize {
        let mut newline = false;
        for _ in 0..4 {
            match self.byte(p) {
                b' ' | b'\t' | b'\r' => p += 1,
                b'\n' if !newline => {
                    newline = true;
                    p += 1;
                }
                0xC2 if self.byte(p + 1) == 0xA0 => p += 2,
                _ => break,
            }
        }
        p
    }

    /// Skips up to four blanks backward (as [`Self::ws_fwd`]).
    fn ws_back(&self, mut p: usize) -> usize {
        let mut newline = false;
        for _ in 0..4 {
            if p == 0 {
                break;
            }
            match self.b[p - 1] {
                b' ' | b'\t' | b'\r' => p -= 1,
                b'\n' if !newline => {
                    newline = true;
                    p -= 1;
                }
                0xA0 if p >= 2 && self.b[p - 2] == 0xC2 => p -= 2,
                _ => break,
            }
        }
        p
    }

    /// The whole ASCII-letter word ending at `e`.
    fn word_ending_at(&self, e: usize) -> Option<(usize, usize)> {
        let mut s = e;
        while s > 0 && e - s < 16 && self.b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        (s < e && self.boundary_before(s) && self.boundary_after(e)).then_some((s, e))
    }

    /// The whole ASCII-letter word starting at `s`.
    fn word_starting_at(&self, s: usize) -> Option<(usize, usize)> {
        let mut e = s;
        while e < self.b.len() && e - s < 16 && self.b[e].is_ascii_alphabetic() {
            e += 1;
        }
        (e > s && self.boundary_before(s) && self.boundary_after(e)).then_some((s, e))
    }

    /// The word before `p`, separated from it by blanks.
    fn prev_word(&self, p: usize) -> Option<(usize, usize)> {
        let q = self.ws_back(p);
        if q == p {
            return None;
        }
        self.word_ending_at(q)
    }

    /// The word after `p`, separated from it by blanks.
    fn next_word(&self, p: usize) -> Option<(usize, usize)> {
        let q = self.ws_fwd(p);
        if q == p {
            return None;
        }
        self.word_starting_at(q)
    }

    fn is(&self, w: Option<(usize, usize)>, word: &str) -> bool {
        w.is_some_and(|(s, e)| self.b[s..e].eq_ignore_ascii_case(word.as_bytes()))
    }

    fn is_any(&self, w: Option<(usize, usize)>, words: &[&str]) -> bool {
        w.is_some_and(|(s, e)| {
            words
                .iter()
                .any(|x| self.b[s..e].eq_ignore_ascii_case(x.as_bytes()))
        })
    }

    fn case(&self, w: (usize, usize)) -> Case {
        case_of(&self.b[w.0..w.1])
    }

    /// A run of `min..=max` ASCII digits starting at `p` (not longer); (value, end).
    fn digits_at(&self, p: usize, min: usize, max: usize) -> Option<(u32, usize)> {
        let mut e = p;
        let mut v: u32 = 0;
        while e < self.b.len() && self.b[e].is_ascii_digit() {
            if e - p >= max {
                return None;
            }
            v = v * 10 + u32::from(self.b[e] - b'0');
            e += 1;
        }
        (e - p >= min).then_some((v, e))
    }

    /// The number starting at `s` is not glued to money, ids or a longer number.
    fn number_start_ok(&self, s: usize) -> bool {
        if s == 0 {
            return true;
        }
        let c = self.b[s - 1];
        if is_word_byte(c) || c == b'$' || c == b'#' || c == 0xA3 || c == 0xAC {
            return false;
        }
        if matches!(c, b'.' | b',' | b':' | b'/' | b'-') && s >= 2 && self.b[s - 2].is_ascii_digit()
        {
            return false;
        }
        self.boundary_before(s)
    }

    /// The number ending at `e` is not followed by more number (decimals, thousands,
    /// times, ranges), a percent sign or letters.
    fn number_end_ok(&self, e: usize) -> bool {
        let c = self.byte(e);
        if matches!(c, b'.' | b',' | b':' | b'/' | b'-') && self.byte(e + 1).is_ascii_digit() {
            return false;
        }
        if c == b'%' {
            return false;
        }
        // "2025's" is fine, "2025s" is a decade (handled elsewhere), "2025am" is not a year.
        if c.is_ascii_alphabetic() {
            return false;
        }
        self.boundary_after(e)
    }

    /// An en dash or hyphen at `p`; returns the position after it.
    fn dash_at(&self, p: usize) -> Option<usize> {
        if self.byte(p) == b'-' {
            Some(p + 1)
        } else if self.starts_with_at(p, "\u{2013}".as_bytes()) {
            Some(p + 3)
        } else {
            None
        }
    }

    /// A four-digit year token at `p`: (year, end).
    fn year_at(&self, p: usize, lo: u32, hi: u32) -> Option<(i32, usize)> {
        let (y, e) = self.digits_at(p, 4, 4)?;
        if !(lo..=hi).contains(&y) || !self.number_start_ok(p) {
            return None;
        }
        let apos = self.apostrophe_s(e);
        if apos.is_none() && !self.number_end_ok(e) {
            return None;
        }
        Some((i32::try_from(y).ok()?, e))
    }

    /// `'s` or `’s` ending at `e` after a word ("company's").
    fn apostrophe_s_ending_at(&self, e: usize) -> bool {
        if e < 3 || self.b[e - 1] != b's' {
            return false;
        }
        let before = if self.b[e - 2] == b'\'' {
            e - 2
        } else if e >= 5 && self.b[e - 4..e - 1] == *"\u{2019}".as_bytes() {
            e - 4
        } else {
            return false;
        };
        before > 0 && self.b[before - 1].is_ascii_alphabetic()
    }

    /// `'s` or `’s` at `p` (possessive), returning the end.
    fn apostrophe_s(&self, p: usize) -> Option<usize> {
        let after = if self.byte(p) == b'\'' {
            p + 1
        } else if self.starts_with_at(p, "\u{2019}".as_bytes()) {
            p + 3
        } else {
            return None;
        };
        (self.byte(after) == b's' && self.boundary_after(after + 1)).then_some(after + 1)
    }

    /// A day of the month at `p`: "22", "22nd", "3-7" / "3–7" (range). (day, last day, end).
    fn day_at(&self, p: usize) -> Option<(u32, Option<u32>, usize)> {
        let (d, e) = self.digits_at(p, 1, 2)?;
        if !(1..=31).contains(&d) || !self.number_start_ok(p) {
            return None;
        }
        if let Some(e2) = self.ordinal_suffix(e) {
            return Some((d, None, e2));
        }
        if let Some(q) = self.dash_at(e) {
            if self.byte(q).is_ascii_digit() {
                let (d2, e2) = self.digits_at(q, 1, 2)?;
                if d2 > d && d2 <= 31 && self.number_end_ok(e2) {
                    return Some((d, Some(d2), e2));
                }
                return None;
            }
        }
        self.number_end_ok(e).then_some((d, None, e))
    }

    /// A day written as a word, Reuters style ("payable April one to holders", "Record March
    /// Two"): one to ten,
    /// only when punctuation or a linking word follows ("In March two companies" is not a
    /// date).
    fn day_word_at(&self, p: usize) -> Option<(u32, Option<u32>, usize)> {
        let (s, e) = self.word_starting_at(p)?;
        if !matches!(self.case((s, e)), Case::Lower | Case::Capitalised) {
            return None;
        }
        let d = match number_word(&self.b[s..e])? {
            n @ 2..=10 => n,
            1 if self.b[s].eq_ignore_ascii_case(&b'o') => 1,
            _ => return None,
        };
        // A table layout ("Pay April one  Record March 13") also ends the day.
        let wide_gap = self.b.get(e..e + 2).is_some_and(|g| g == b"  ");
        let follow_ok = wide_gap
            || match self.next_word(e) {
                Some(w) => self.is_any(
                    Some(w),
                    &["to", "and", "through", "from", "when", "at", "for", "or"],
                ),
                None => {
                    let c = self.byte(e);
                    matches!(c, b',' | b'.' | b';' | b')' | b':' | b'\n' | b'\r' | 0)
                        && !self.byte(e + 1).is_ascii_digit()
                }
            };
        let d = u32::try_from(d).ok()?;
        follow_ok.then_some((d, None, e))
    }

    /// "st", "nd", "rd", "th" after a day number at `e`: end of the suffix.
    fn ordinal_suffix(&self, e: usize) -> Option<usize> {
        let s = self.b.get(e..e + 2)?;
        let ok = [b"st", b"nd", b"rd", b"th"]
            .iter()
            .any(|x| s.eq_ignore_ascii_case(&x[..]));
        (ok && self.boundary_after(e + 2)).then_some(e + 2)
    }

    /// A day of the month written before a month name at `month_start`: "22 March",
    /// "22nd March", "22nd of March". (day, start of the day token).
    fn day_before(&self, month_start: usize) -> Option<(u32, usize)> {
        let mut q = self.ws_back(month_start);
        if q == month_start {
            return None;
        }
        let mut via_of = false;
        let of = self.word_ending_at(q);
        if self.is(of, "of") {
            let (os, _) = of?;
            let q2 = self.ws_back(os);
            if q2 == os {
                return None;
            }
            q = q2;
            via_of = true;
        }
        // Optional ordinal suffix.
        let mut e = q;
        let suffixed = q >= 3
            && self.b[q - 1].is_ascii_alphabetic()
            && self.b[q - 2].is_ascii_alphabetic()
            && self.b[q - 3].is_ascii_digit()
            && self.ordinal_suffix(q - 2) == Some(q);
        if suffixed {
            e = q - 2;
        }
        if via_of && !suffixed {
            return None;
        }
        let mut s = e;
        while s > 0 && e - s < 3 && self.b[s - 1].is_ascii_digit() {
            s -= 1;
        }
        if s == e || e - s > 2 || !self.number_start_ok(s) {
            return None;
        }
        let (d, _) = self.digits_at(s, 1, 2)?;
        (1..=31).contains(&d).then_some((d, s))
    }

    /// "early", "late", "mid"/"mid-", "earlier", "later" right before `p`: its start.
    fn modifier_before(&self, p: usize) -> Option<usize> {
        if p >= 4 && self.b[p - 1] == b'-' {
            let w = self.word_ending_at(p - 1);
            if self.is(w, "mid") || self.is(w, "end") {
                return w.map(|(s, _)| s);
            }
        }
        let w = self.prev_word(p);
        if self.is_any(w, &["early", "late", "mid", "earlier", "later"]) {
            return w.map(|(s, _)| s);
        }
        None
    }

    /// Extends `start` over "the" right before it.
    fn with_the(&self, start: usize) -> usize {
        let w = self.prev_word(start);
        if self.is(w, "the") {
            w.map_or(start, |(s, _)| s)
        } else {
            start
        }
    }

    /// A capitalised weekday right before `p` (with an optional comma): its start.
    fn weekday_before(&self, p: usize) -> Option<usize> {
        let mut q = self.ws_back(p);
        if q > 0 && self.b[q - 1] == b',' {
            q -= 1;
        } else if q == p {
            return None;
        }
        let (s, e) = self.word_ending_at(q)?;
        match keyword_ci(&self.b[s..e]) {
            Some(Kw::Weekday(_)) if self.case((s, e)) != Case::Lower => Some(s),
            _ => None,
        }
    }

    /// At the start of a sentence: nothing but blanks, quotes and brackets since a
    /// sentence end, a newline or the beginning of the text.
    fn sentence_start(&self, p: usize) -> bool {
        let mut q = p;
        for _ in 0..8 {
            if q == 0 {
                return true;
            }
            match self.b[q - 1] {
                b' ' | b'\t' | b'"' | b'\'' | b'`' | b'(' | b'[' | b'-' => q -= 1,
                b'\n' | b'.' | b'!' | b'?' | b':' | b';' | b']' => return true,
                0x9C | 0x98 if q >= 3 && self.b[q - 3] == 0xE2 => q -= 3,
                // Em dash.
                0x94 if q >= 3 && self.b[q - 3] == 0xE2 => return true,
                _ => return false,
            }
        }
        false
    }

    fn push(
        &mut self,
        start: usize,
        end: usize,
        granularity: Granularity,
        from: NaiveDate,
        to: NaiveDate,
    ) {
        if start < end && end <= self.b.len() && from <= to {
            self.out.push(Cand {
                start,
                end,
                granularity,
                from,
                to,
            });
        }
    }

    fn push_period(&mut self, start: usize, end: usize, granularity: Granularity, day: NaiveDate) {
        let (from, to) = period_bounds(granularity, day);
        self.push(start, end, granularity, from, to);
    }

    // ----- anchors ---------------------------------------------------------------------------

    fn word(&mut self, s: usize, e: usize) {
        let Some(kw) = keyword_ci(&self.b[s..e]) else {
            return;
        };
        if !self.boundary_before(s) || !self.boundary_after(e) {
            return;
        }
        let case = self.case((s, e));
        match kw {
            Kw::Month { month, abbr } => {
                if matches!(case, Case::Capitalised | Case::Upper) {
                    self.on_month(s, e, month, abbr, case == Case::Upper);
                }
            }
            Kw::Weekday(wd) => {
                if case == Case::Capitalised {
                    self.on_weekday(s, e, wd);
                }
            }
            Kw::Deictic(offset) => {
                if matches!(case, Case::Lower | Case::Capitalised) {
                    self.on_deictic(s, e, offset, case == Case::Capitalised);
                }
            }
            Kw::Tonight => {
                if matches!(case, Case::Lower | Case::Capitalised) {
                    self.on_deictic(s, e, 0, case == Case::Capitalised);
                }
            }
            Kw::Unit(unit) => {
                if case == Case::Lower {
                    self.on_unit(s, e, unit);
                } else if case == Case::Capitalised && unit == Unit::Year {
                    self.new_year(s, e);
                }
            }
            Kw::Nineteen => {
                if matches!(case, Case::Lower | Case::Capitalised) {
                    self.spoken_year(s, e);
                }
            }
            Kw::Day => {
                if case == Case::Lower {
                    self.on_the_day(s, e);
                }
            }
            Kw::Earlier => {
                if case == Case::Lower {
                    self.on_earlier(s, e);
                }
            }
            Kw::Holiday(holiday) => {
                if matches!(case, Case::Capitalised | Case::Upper) {
                    self.on_holiday(s, e, holiday);
                }
            }
            Kw::Quarter => {
                if case == Case::Lower {
                    self.on_quarter(s, e);
                }
            }
            Kw::Season(season) => {
                if matches!(case, Case::Lower | Case::Capitalised) {
                    self.on_season(s, e, season);
                }
            }
            Kw::Ago => {
                if case == Case::Lower {
                    self.on_ago(s, e);
                }
            }
            Kw::Night | Kw::DayPart => {
                if case == Case::Lower {
                    self.on_day_part(s, e, kw == Kw::Night);
                }
            }
            Kw::Q(q) => {
                if self.b[s] == b'Q' {
                    self.on_q(s, e, q);
                }
            }
            Kw::Period => {
                if case == Case::Lower {
                    self.latest_period(s, e);
                }
            }
            Kw::Century => {
                if case == Case::Lower {
                    self.on_century(s, e);
                }
            }
            Kw::DecadeWord(yy) => {
                if case == Case::Lower {
                    self.decade_word(s, e, yy);
                }
            }
        }
    }

    fn on_month(&mut self, ws: usize, we: usize, month: u32, abbr: bool, upper: bool) {
        if self.month_range(ws, we, month) {
            return;
        }
        let dot = abbr && self.byte(we) == b'.';
        let name_end = if dot { we + 1 } else { we };
        // Day after the month ("March 22"), or before it ("22 March").
        let p = self.ws_fwd(name_end);
        let day_fwd = if p > name_end || dot {
            self.day_at(p).or_else(|| self.day_word_at(p))
        } else {
            None
        };
        let mut start = ws;
        let mut end = we;
        let mut day: Option<(u32, Option<u32>)> = None;
        let mut after = name_end;
        if let Some((d, d2, e)) = day_fwd {
            day = Some((d, d2));
            end = e;
            after = e;
        } else if let Some((d, s)) = self.day_before(ws) {
            day = Some((d, None));
            start = s;
        }
        // Year.
        let mut year: Option<i32> = None;
        {
            let mut q = after;
            let comma = self.byte(q) == b',';
            if comma {
                q += 1;
            }
            let r = self.ws_fwd(q);
            let mut found = None;
            if r > q || (after > we && !comma) {
                found = self.year_at(r, 1000, 2999);
                if found.is_none() && day.is_none() && !comma {
                    // "March of 2026".
                    let of = self.word_starting_at(r);
                    if self.is(of, "of") {
                        if let Some((_, oe)) = of {
                            let r2 = self.ws_fwd(oe);
                            if r2 > oe {
                                found = self.year_at(r2, 1000, 2999);
                            }
                        }
                    }
                }
            }
            if let Some((y, e)) = found {
                let strong = (1900..=2100).contains(&y);
                // Outside 1900–2100, or after a comma without a day, a following
                // lower-case content word makes it a count ("March 22, 1500 people").
                let needs_check = !strong || (comma && day.is_none());
                if !needs_check || self.weak_year_follow_ok(e) {
                    year = Some(y);
                    end = e;
                }
            }
        }
        if day.is_some() {
            start = self.weekday_before(start).unwrap_or(start);
        }
        match (day, year) {
            (Some((d, None)), Some(y)) => {
                if let Some(date) = NaiveDate::from_ymd_opt(y, month, d) {
                    self.push(start, end, Granularity::Day, date, date);
                }
            }
            (Some((d, Some(d2))), Some(y)) => {
                if let (Some(a), Some(b)) = (
                    NaiveDate::from_ymd_opt(y, month, d),
                    NaiveDate::from_ymd_opt(y, month, d2),
                ) {
                    self.push(start, end, Granularity::Range, a, b);
                }
            }
            (Some((d, d2)), None) => {
                let Some(p) = self.pub_date else { return };
                let tense = self.tense(start);
                let Some(a) = nearest_month_day(p, month, d, tense) else {
                    return;
                };
                match d2 {
                    None => self.push(start, end, Granularity::Day, a, a),
                    Some(d2) => {
                        if let Some(b) = NaiveDate::from_ymd_opt(a.year(), month, d2) {
                            self.push(start, end, Granularity::Range, a, b);
                        }
                    }
                }
            }
            (None, Some(y)) => {
                if let Some(first) = NaiveDate::from_ymd_opt(y, month, 1) {
                    let start = self.modifier_before(start).unwrap_or(start);
                    self.push_period(start, end, Granularity::Month, first);
                }
            }
            (None, None) => {
                if !abbr && !upper {
                    self.bare_month(ws, we, month);
                }
            }
        }
    }

    /// "April-June", "Jan-March 1987", "October–December": a range of whole months, the
    /// second in the following year when it comes earlier in the calendar. True when found.
    fn month_range(&mut self, ws: usize, we: usize, m1: u32) -> bool {
        let Some(q) = self.dash_at(we) else {
            return false;
        };
        let Some((s2, e2)) = self.word_starting_at(q) else {
            return false;
        };
        if e2 - s2 > MAX_KW_LEN || self.case((s2, e2)) == Case::Lower {
            return false;
        }
        let Some(Kw::Month { month: m2, .. }) = keyword_ci(&self.b[s2..e2]) else {
            return false;
        };
        if m2 == m1 {
            return false;
        }
        let mut end = e2;
        let mut year = None;
        let r = self.ws_fwd(e2);
        if r > e2 {
            if let Some((y, e)) = self.year_at(r, 1900, 2100) {
                year = Some(y);
                end = e;
            }
        }
        let (y1, y2) = match year {
            // The year written after the range belongs to its end.
            Some(y) => (if m2 < m1 { y - 1 } else { y }, y),
            None => {
                let Some(p) = self.pub_date else {
                    return true;
                };
                let y1 = nearest_month_year(p, m1, self.tense(ws));
                (y1, if m2 < m1 { y1 + 1 } else { y1 })
            }
        };
        if let (Some((from, _)), Some((_, to))) = (month_interval(y1, m1), month_interval(y2, m2)) {
            self.push(ws, end, Granularity::Range, from, to);
        }
        true
    }

    /// A month name with neither day nor year: "in March", "last March", "early June",
    /// "January this year", "October" (unambiguous month names only).
    fn bare_month(&mut self, ws: usize, we: usize, month: u32) {
        let mut start = ws;
        let mut end = we;
        let mut cued = false;
        let mut rel: Option<Rel> = None;
        let prev = self.prev_word(ws);
        if let Some(m) = self.modifier_before(ws) {
            start = m;
            cued = true;
        } else if self.is(prev, "last") {
            rel = Some(Rel::Last);
        } else if self.is(prev, "next") {
            rel = Some(Rel::Next);
        } else if self.is(prev, "this") {
            rel = Some(Rel::This);
        } else if self.is(prev, "past")
            && self.is(prev.and_then(|(s, _)| self.prev_word(s)), "this")
        {
            rel = Some(Rel::Last);
            start = prev
                .and_then(|(s, _)| self.prev_word(s))
                .map_or(ws, |(s, _)| s);
        }
        if rel.is_some() && start == ws {
            start = prev.map_or(ws, |(s, _)| s);
        }
        if self.is_any(prev, &["every", "each"]) {
            return;
        }
        let cues = if month == 5 { MAY_CUES } else { MONTH_CUES };
        if rel.is_none() && !cued {
            let w = self.prev_word(start);
            cued = self.is_any(w, cues);
        }
        // "January this year", "June last year", "March of next year".
        let mut explicit_year: Option<i64> = None;
        {
            let mut w = self.next_word(we);
            if self.is(w, "of") {
                w = w.and_then(|(_, e)| self.next_word(e));
            }
            let delta = if self.is(w, "last") {
                Some(-1)
            } else if self.is(w, "this") {
                Some(0)
            } else if self.is(w, "next") {
                Some(1)
            } else {
                None
            };
            if let (Some(delta), Some((_, e))) = (delta, w) {
                let unit = self.next_word(e);
                if self.is(unit, "year") {
                    explicit_year = Some(delta);
                    end = unit.map_or(end, |(_, e)| e);
                }
            }
        }
        if rel.is_none() && !cued && explicit_year.is_none() {
            // "May" and "March" need a cue; other names are taken unless followed by a
            // capitalised word (a person: "June Carter") or, for May, a possessive.
            if month == 5 || month == 3 {
                return;
            }
            if let Some(nw) = self.next_word(we) {
                if self.case(nw) != Case::Lower && self.byte(we) == b' ' {
                    return;
                }
            }
        }
        if month == 5 && self.apostrophe_s(we).is_some() && explicit_year.is_none() {
            return;
        }
        let Some(p) = self.pub_date else { return };
        let y = p.year();
        let year = if let Some(delta) = explicit_year {
            i64::from(y) + delta
        } else {
            i64::from(match rel {
                Some(Rel::Last) => {
                    if month < p.month() {
                        y
                    } else {
                        y - 1
                    }
                }
                Some(Rel::Next) => {
                    if month > p.month() {
                        y
                    } else {
                        y + 1
                    }
                }
                Some(Rel::This) => y,
                None => nearest_month_year(p, month, self.tense(start)),
            })
        };
        let Ok(year) = i32::try_from(year) else {
            return;
        };
        if let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) {
            self.push_period(start, end, Granularity::Month, first);
        }
    }

    fn on_weekday(&mut self, ws: usize, we: usize, wd: Weekday) {
        let Some(p) = self.pub_date else { return };
        let prev = self.prev_word(ws);
        if let Some(w) = prev {
            if self.case(w) == Case::Capitalised && self.is_any(prev, WEEKDAY_NAME_PREFIXES) {
                return;
            }
        }
        // "every Friday", "each Monday": a set, not a day.
        if self.is_any(prev, &["every", "each"]) {
            return;
        }
        // Plural or part of a longer name ("Monday-Friday" is fine, "Sunday's" too).
        let mut start = ws;
        let mut end = we;
        #[derive(PartialEq)]
        enum Dir {
            Plain,
            Back,
            Fwd,
            This,
        }
        let mut dir = Dir::Plain;
        let prev2 = prev.and_then(|(s, _)| self.prev_word(s));
        if self.is(prev, "last") {
            dir = Dir::Back;
        } else if self.is(prev, "next") {
            dir = Dir::Fwd;
        } else if self.is(prev, "this") {
            dir = Dir::This;
        } else if self.is(prev, "past") && self.is(prev2, "this") {
            dir = Dir::Back;
        } else if self.is(prev, "coming") && self.is(prev2, "this") {
            dir = Dir::Fwd;
        }
        if dir != Dir::Plain {
            if self.is_any(prev, &["past", "coming"]) {
                start = prev2.map_or(ws, |(s, _)| s);
            } else {
                start = prev.map_or(ws, |(s, _)| s);
            }
        } else if self.is_any(prev, &["early", "late", "earlier", "later"]) {
            start = prev.map_or(ws, |(s, _)| s);
        }
        let cued = dir != Dir::Plain || self.is_any(prev, WEEKDAY_CUES);
        let next = self.next_word(we);
        if !cued && self.byte(we) == b' ' {
            if let Some(nw) = next {
                let month_next = matches!(keyword_ci(&self.b[nw.0..nw.1]), Some(Kw::Month { .. }));
                if self.case(nw) != Case::Lower && !month_next {
                    return;
                }
            }
        }
        if self.is_any(next, &["morning", "afternoon", "evening", "night"])
            && next.is_some_and(|w| self.case(w) == Case::Lower)
        {
            end = next.map_or(end, |(_, e)| e);
        }
        let k = weekday_offset(p.weekday(), wd);
        let offset = match dir {
            Dir::Back => k - 7,
            Dir::Fwd => {
                if k == 0 {
                    7
                } else {
                    k
                }
            }
            Dir::This => k,
            Dir::Plain => {
                if self.apostrophe_s(we).is_none() && self.tense(start) == Tense::Future {
                    k
                } else if k == 0 {
                    0
                } else {
                    k - 7
                }
            }
        };
        // "last Saturday" when it is Saturday: a week ago, k - 7 = -7. Otherwise k - 7 is
        // 1..6 days back.
        if let Some(d) = add_days(p, offset) {
            self.push(start, end, Granularity::Day, d, d);
        }
    }

    /// The tense of the clause before `pos`. Scans back over at most ten words, stopping
    /// at a sentence end, a comma or a quote; the first verb-like cue decides: a future cue
    /// ("will", "scheduled", "plans", "is to", "as early as" ...) means `Future` unless
    /// "had", "was", "were" or "been" comes right before it (then `Past`); a past-tense verb
    /// ("said", "took", "...ed") means `Past` — except an "-ed" word right before the
    /// expression after a determiner ("the proposed March 3 meeting"), which is skipped.
    fn tense(&self, pos: usize) -> Tense {
        if self.is(self.prev_word(pos), "since") {
            return Tense::Since;
        }
        let lo = pos.saturating_sub(120);
        let mut q = pos;
        let mut words = 0;
        let mut later_word: Option<(usize, usize)> = None;
        while q > lo && words < 10 {
            let c = self.b[q - 1];
            if c.is_ascii_alphabetic() {
                let e = q;
                let mut s = q - 1;
                while s > lo && self.b[s - 1].is_ascii_alphabetic() {
                    s -= 1;
                }
                let w = Some((s, e));
                if e - s > 1 {
                    words += 1;
                }
                let future = self.is_any(w, FUTURE_CUES)
                    || (self.is(w, "early") && self.is(later_word, "as"))
                    || (self.is_any(w, &["is", "are", "set"]) && self.is(later_word, "to"));
                let before = self.prev_word(s);
                if future {
                    let before2 = before.and_then(|(bs, _)| self.prev_word(bs));
                    let perfect = ["had", "was", "were", "been"];
                    if self.is_any(before, &perfect) || self.is_any(before2, &perfect) {
                        return Tense::Past;
                    }
                    return Tense::Future;
                }
                let word = &self.b[s..e];
                // "will be finished": a passive after "be" says nothing; read on.
                let ed = word.len() >= 4
                    && word.ends_with(b"ed")
                    && word[0].is_ascii_lowercase()
                    && !self.is(before, "be");
                let adjective = ed
                    && later_word.is_none()
                    && self.is_any(before, &["the", "a", "an", "its", "their", "his", "her"]);
                if (ed && !adjective) || self.is_any(w, PAST_VERBS) {
                    return Tense::Past;
                }
                later_word = w;
                q = s;
                continue;
            }
            if matches!(c, b'\n' | b'!' | b'?' | b';' | b',' | b'"' | b'`') {
                break;
            }
            if c == b'.'
                && matches!(self.byte(q), b' ' | b'\n' | b'\'')
                && self.ends_sentence(q - 1)
            {
                break;
            }
            q -= 1;
        }
        Tense::Unknown
    }

    /// Is the period at `dot` a sentence end rather than an abbreviation ("U.S.", "Mr.")?
    fn ends_sentence(&self, dot: usize) -> bool {
        let Some(&before) = dot.checked_sub(1).and_then(|i| self.b.get(i)) else {
            return true;
        };
        if before.is_ascii_digit() || matches!(before, b')' | b'"' | b'\'') {
            return true;
        }
        if !before.is_ascii_alphabetic() {
            return false;
        }
        let mut s = dot;
        while s > 0 && dot - s < 16 && self.b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        let word = &self.b[s..dot];
        // Capitalised short words and single letters are abbreviations ("Mr", "Gen", "S").
        let abbreviation = word.len() <= 4 && word[0].is_ascii_uppercase();
        let dotted = s > 0 && self.b[s - 1] == b'.';
        !abbreviation && !dotted
    }

    fn on_deictic(&mut self, ws: usize, we: usize, offset: i64, capitalised: bool) {
        let Some(p) = self.pub_date else { return };
        let prev = self.prev_word(ws);
        let modifier = self.is_any(prev, &["earlier", "later", "early", "late"]);
        // "the people of tomorrow", "the hog of today": not a day ("of today's talks" is).
        if self.is(prev, "of") && self.apostrophe_s(we).is_none() {
            return;
        }
        // "USA Today", "the Today show": capitalised only at a sentence start.
        if capitalised && !self.sentence_start(ws) {
            return;
        }
        let start = if modifier {
            prev.map_or(ws, |(s, _)| s)
        } else {
            ws
        };
        let mut end = we;
        let next = self.next_word(we);
        if offset != 0
            && self.is_any(next, &["morning", "afternoon", "evening", "night"])
            && next.is_some_and(|w| self.case(w) == Case::Lower)
        {
            end = next.map_or(end, |(_, e)| e);
        }
        if let Some(d) = add_days(p, offset) {
            self.push(start, end, Granularity::Day, d, d);
        }
    }

    /// "last night", "this morning", "this afternoon", "this evening".
    fn on_day_part(&mut self, ws: usize, we: usize, night: bool) {
        let Some(p) = self.pub_date else { return };
        let prev = self.prev_word(ws);
        let offset = if night && self.is(prev, "last") {
            -1
        } else if self.is(prev, "this") {
            0
        } else {
            return;
        };
        let Some((s, _)) = prev else { return };
        if self.is(self.prev_word(s), "the") {
            return;
        }
        if let Some(d) = add_days(p, offset) {
            self.push(s, we, Granularity::Day, d, d);
        }
    }

    /// "last/this/next" + unit, with the start of the expression.
    fn rel_before(&self, ws: usize) -> Option<(Rel, usize)> {
        let prev = self.prev_word(ws);
        let rel = if self.is(prev, "last") {
            Rel::Last
        } else if self.is(prev, "this") {
            Rel::This
        } else if self.is(prev, "next") {
            Rel::Next
        } else if self.is(prev, "past") {
            // "this past week" = last week; "the past week" is a duration.
            let p2 = prev.and_then(|(s, _)| self.prev_word(s));
            if self.is(p2, "this") {
                return p2.map(|(s, _)| (Rel::Last, s));
            }
            return None;
        } else if self.is(prev, "current") {
            // "the current quarter": this one.
            let p2 = prev.and_then(|(s, _)| self.prev_word(s));
            if self.is(p2, "the") {
                return p2.map(|(s, _)| (Rel::This, s));
            }
            return None;
        } else if self.is(prev, "coming") {
            let p2 = prev.and_then(|(s, _)| self.prev_word(s));
            if self.is(p2, "this") {
                return p2.map(|(s, _)| (Rel::Next, s));
            }
            return None;
        } else {
            return None;
        };
        let (s, _) = prev?;
        // "the last year", "the next month", "a last week": durations.
        if rel != Rel::This
            && self.is_any(
                self.prev_word(s),
                &["the", "a", "its", "their", "his", "her"],
            )
        {
            return None;
        }
        Some((rel, s))
    }

    fn on_unit(&mut self, ws: usize, we: usize, unit: Unit) {
        let Some(p) = self.pub_date else { return };
        // "this fiscal year", "the current fiscal year".
        let fiscal = self.prev_word(ws);
        let anchor = if unit == Unit::Year && self.is(fiscal, "fiscal") {
            fiscal.map_or(ws, |(s, _)| s)
        } else {
            ws
        };
        let (rel, mut start) = match self.rel_before(anchor) {
            Some(x) => x,
            None => {
                if unit == Unit::Weekend {
                    self.the_weekend(ws, we, p);
                } else if unit == Unit::Year {
                    self.part_of_the_year(ws, we, p);
                    self.year_end(ws, we, p);
                    self.the_year(ws, we, p);
                    self.anchored_year(ws, we, p);
                } else if unit == Unit::Week {
                    self.the_week(ws, we, p);
                } else if unit == Unit::Month {
                    self.anchored_month(ws, we, p);
                }
                return;
            }
        };
        start = self.modifier_before(start).unwrap_or(start);
        let delta: i64 = match rel {
            Rel::Last => -1,
            Rel::This => 0,
            Rel::Next => 1,
        };
        match unit {
            Unit::Year => {
                if let Some(d) = i32::try_from(i64::from(p.year()) + delta)
                    .ok()
                    .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
                {
                    self.push_period(start, we, Granularity::Year, d);
                }
            }
            Unit::Month => {
                if let Some(d) = shift_months(p, delta) {
                    self.push_period(start, we, Granularity::Month, d);
                }
            }
            Unit::Week => {
                if let Some(d) = add_days(p, 7 * delta) {
                    self.push_period(start, we, Granularity::Week, d);
                }
            }
            Unit::Weekend => {
                if let Some(d) = add_days(p, 7 * delta) {
                    self.push_weekend(start, we, d);
                }
            }
        }
    }

    /// "the end of the year", "the rest of the year", "earlier in the year": the
    /// publication year.
    fn part_of_the_year(&mut self, ws: usize, we: usize, p: NaiveDate) {
        let the = self.prev_word(ws);
        if !self.is(the, "the") || matches!(self.byte(we), b'-' | b'\'') {
            return;
        }
        let Some((ts, _)) = the else { return };
        let link = self.prev_word(ts);
        let Some((ls, _)) = link else { return };
        let part = self.prev_word(ls);
        let start = if self.is(link, "of")
            && self.is_any(
                part,
                &[
                    "end",
                    "beginning",
                    "start",
                    "rest",
                    "middle",
                    "remainder",
                    "balance",
                ],
            ) {
            let Some((ps, _)) = part else { return };
            let the2 = self.prev_word(ps);
            if self.is(the2, "the") {
                the2.map_or(ps, |(s, _)| s)
            } else {
                ps
            }
        } else if self.is(link, "in") && self.is_any(part, &["earlier", "later"]) {
            part.map_or(ls, |(s, _)| s)
        } else {
            return;
        };
        if let Some(d) = NaiveDate::from_ymd_opt(p.year(), 1, 1) {
            self.push_period(start, we, Granularity::Year, d);
        }
    }

    /// Saturday–Sunday of the ISO week of `day`.
    fn push_weekend(&mut self, start: usize, end: usize, day: NaiveDate) {
        let (monday, _) = period_bounds(Granularity::Week, day);
        if let (Some(sat), Some(sun)) = (add_days(monday, 5), add_days(monday, 6)) {
            self.push(start, end, Granularity::Range, sat, sun);
        }
    }

    /// "over the weekend", "at the weekend": the most recent weekend (or the coming one in a
    /// future sentence).
    fn the_weekend(&mut self, ws: usize, we: usize, p: NaiveDate) {
        let the = self.prev_word(ws);
        if !self.is(the, "the") {
            return;
        }
        let Some((ts, _)) = the else { return };
        if !self.is_any(self.prev_word(ts), &["over", "at", "during", "on", "this"]) {
            return;
        }
        let wd = p.weekday().num_days_from_monday();
        let day = if wd >= 5 || self.tense(ts) == Tense::Future {
            Some(p)
        } else {
            add_days(p, -7)
        };
        if let Some(d) = day {
            self.push_weekend(ts, we, d);
        }
    }

    fn on_quarter(&mut self, ws: usize, we: usize) {
        // "this/last/next quarter".
        if let Some((rel, start)) = self.rel_before(ws) {
            let Some(p) = self.pub_date else { return };
            let delta = match rel {
                Rel::Last => -3,
                Rel::This => 0,
                Rel::Next => 3,
            };
            if let Some(d) = shift_months(p, delta) {
                self.push_period(start, we, Granularity::Quarter, d);
            }
            return;
        }
        if self.that_quarter(ws, we) || self.latest_quarter(ws, we) {
            return;
        }
        // Ordinal: "third quarter", "third-quarter".
        let ord = if ws >= 2 && self.b[ws - 1] == b'-' {
            self.word_ending_at(ws - 1)
                .or_else(|| self.ordinal_digits_ending_at(ws - 1))
        } else {
            let q = self.ws_back(ws);
            if q == ws {
                None
            } else {
                self.word_ending_at(q)
                    .or_else(|| self.ordinal_digits_ending_at(q))
            }
        };
        let Some((os, oe)) = ord else { return };
        let Some(n) = ordinal_word(&self.b[os..oe]) else {
            return;
        };
        let mut start = os;
        let mut year: Option<i32> = None;
        // Before the ordinal: "fiscal", a year, "this year's", "the".
        let mut before = os;
        let w = self.prev_word(before);
        if self.is(w, "fiscal") {
            before = w.map_or(before, |(s, _)| s);
        }
        let q = self.ws_back(before);
        if q < before {
            if q >= 4 {
                if let Some((y, e)) = self.year_at(q - 4, 1900, 2100) {
                    if e == q {
                        year = Some(y);
                        start = q - 4;
                        before = q - 4;
                    }
                }
            }
            if year.is_none() {
                if let Some(y) = self.years_possessive_ending_at(q) {
                    year = Some(y.0);
                    start = y.1;
                    before = y.1;
                }
            }
        }
        start = self.with_the(before).min(start);
        let mut end = we;
        // After: "of 2024", "2024", "last year", "of this/last/next year".
        if year.is_none() {
            let r = self.ws_fwd(we);
            if r > we {
                if let Some((y, e)) = self.year_at(r, 1900, 2100).or_else(|| self.rel_year_at(r)) {
                    year = Some(y);
                    end = e;
                } else {
                    let of = self.word_starting_at(r);
                    if self.is(of, "of") {
                        if let Some((_, oe)) = of {
                            let r2 = self.ws_fwd(oe);
                            if r2 > oe {
                                if let Some((y, e)) = self.year_at(r2, 1900, 2100) {
                                    year = Some(y);
                                    end = e;
                                } else if let Some((y, e)) = self.rel_year_at(r2) {
                                    year = Some(y);
                                    end = e;
                                }
                            }
                        }
                    }
                }
            }
        }
        let year = match year {
            Some(y) => y,
            None => match self.pub_date {
                Some(p) => nearest_quarter_year(p, n, self.tense(start)),
                None => return,
            },
        };
        if let Some((from, to)) = quarter_interval(year, n) {
            self.push(start, end, Granularity::Quarter, from, to);
        }
    }

    /// "3rd" ending at `e`.
    fn ordinal_digits_ending_at(&self, e: usize) -> Option<(usize, usize)> {
        if e < 3 || !self.b[e - 3].is_ascii_digit() {
            return None;
        }
        let s = e - 3;
        (self.boundary_before(s) && self.boundary_after(e) && self.ordinal_suffix(s + 1) == Some(e))
            .then_some((s, e))
    }

    /// "this year's" / "last year's" / "next year's" ending at `e`: (year, start).
    fn years_possessive_ending_at(&self, e: usize) -> Option<(i32, usize)> {
        let p = self.pub_date?;
        let tail = if e >= 2 && self.b[e - 1] == b's' && self.b[e - 2] == b'\'' {
            e - 2
        } else if e >= 4 && self.b[e - 1] == b's' && self.b[e - 4..e - 1] == *"\u{2019}".as_bytes()
        {
            e - 4
        } else {
            return None;
        };
        let year_word = self.word_ending_at(tail);
        if !self.is(year_word, "year") {
            return None;
        }
        let rel = year_word.and_then(|(s, _)| self.prev_word(s));
        let delta = if self.is(rel, "this") {
            0
        } else if self.is(rel, "last") {
            -1
        } else if self.is(rel, "next") {
            1
        } else {
            return None;
        };
        rel.map(|(s, _)| (p.year() + delta, s))
    }

    /// "this year", "last year", "next year" at `p`: (year, end).
    fn rel_year_at(&self, p: usize) -> Option<(i32, usize)> {
        let pd = self.pub_date?;
        let w = self.word_starting_at(p);
        let delta = if self.is(w, "this") {
            0
        } else if self.is(w, "last") {
            -1
        } else if self.is(w, "next") {
            1
        } else {
            return None;
        };
        let unit = self.next_word(w?.1);
        if !self.is(unit, "year") {
            return None;
        }
        Some((pd.year() + delta, unit?.1))
    }

    fn on_q(&mut self, ws: usize, we: usize, q: u32) {
        // "Q3 2024", "2024 Q3", "Q3" after a cue.
        let r = self.ws_fwd(we);
        let mut end = we;
        let mut start = ws;
        let mut year = None;
        if r > we {
            if let Some((y, e)) = self.year_at(r, 1900, 2100) {
                year = Some(y);
                end = e;
            }
        }
        if year.is_none() {
            let b = self.ws_back(ws);
            if b < ws && b >= 4 {
                if let Some((y, e)) = self.year_at(b - 4, 1900, 2100) {
                    if e == b {
                        year = Some(y);
                        start = b - 4;
                    }
                }
            }
        }
        let year = match year {
            Some(y) => y,
            None => {
                let prev = self.prev_word(ws);
                let cues = [
                    "in", "the", "for", "of", "during", "since", "by", "this", "last", "next",
                    "its", "their",
                ];
                if !self.is_any(prev, &cues) {
                    return;
                }
                match self.pub_date {
                    Some(p) => nearest_quarter_year(p, q, self.tense(start)),
                    None => return,
                }
            }
        };
        if let Some((from, to)) = quarter_interval(year, q) {
            self.push(start, end, Granularity::Quarter, from, to);
        }
    }

    // ----- additions: anaphoric quarters, bare seasons, holidays, "a year earlier",
    // numeric dates ----------------------------------------------------------------------

    /// "the latest quarter", "the most recent quarter", "the quarter" (in company news,
    /// the quarter just reported): the last quarter that ended before the publication
    /// date — for a bare "the quarter" only in the first 50 days of a quarter (results
    /// season), after that the quarter under way. Returns whether it took the word.
    fn latest_quarter(&mut self, ws: usize, we: usize) -> bool {
        let Some(p) = self.pub_date else { return false };
        let prev = self.prev_word(ws);
        let the = if self.is_any(prev, &["latest", "recent"]) {
            let mut w = prev.and_then(|(s, _)| self.prev_word(s));
            if self.is(prev, "recent") {
                if !self.is(w, "most") {
                    return false;
                }
                w = w.and_then(|(s, _)| self.prev_word(s));
            }
            w
        } else {
            prev
        };
        if !self.is(the, "the") {
            return false;
        }
        // "the quarter of a century", "the quarter-point cut", "the quarter mile"; "the
        // latest quarter's results" is fine.
        if self.byte(we) == b'-'
            || (matches!(self.byte(we), b'\'') && (the == prev || self.apostrophe_s(we).is_none()))
        {
            return false;
        }
        let next = self.next_word(we);
        if self.is_any(next, &["of", "point", "mile", "century", "final", "finals"]) {
            return false;
        }
        let Some((start, _)) = the else { return false };
        // A bare "the quarter" late in a quarter is the one under way ("near the highs for
        // the quarter" in December); early in one, the one being reported.
        let (quarter_start, _) = period_bounds(Granularity::Quarter, p);
        let under_way = the == prev && (p - quarter_start).num_days() >= 50;
        let back = if under_way { 0 } else { -3 };
        if let Some(d) = shift_months(p, back) {
            self.push_period(start, we, Granularity::Quarter, d);
        }
        true
    }

    /// A season with no year and no last/this/next, after a preposition: "in the summer",
    /// "during the early spring", "by autumn". The start of the expression ("the" or the
    /// modifier or the season itself), or `None` when it is not a date.
    fn bare_season_start(&self, ws: usize, we: usize, season: Season) -> Option<usize> {
        let mut start = ws;
        let mut w = self.prev_word(ws);
        if self.is_any(w, &["early", "late", "mid"]) {
            start = w?.0;
            w = self.prev_word(start);
        }
        if self.is(w, "the") {
            start = w?.0;
            w = self.prev_word(start);
        }
        const SEASON_CUES: &[&str] = &[
            "in",
            "into",
            "during",
            "since",
            "by",
            "until",
            "till",
            "through",
            "throughout",
            "over",
            "before",
            "after",
        ];
        if !self.is_any(w, SEASON_CUES) {
            return None;
        }
        // "in the fall in prices", "in the spring water": a noun.
        let next = self.next_word(we);
        if let Some(n) = next {
            if self.case(n) == Case::Lower
                && !self.is_any(next, FUNCTION_WORDS)
                && !self.is_any(next, LINK_WORDS)
            {
                return None;
            }
            if self.is(next, "in") && season != Season::Winter {
                return None;
            }
        }
        if matches!(self.byte(we), b'-' | b'\'') {
            return None;
        }
        Some(start)
    }

    /// "year-earlier", "year-ago" (adjectives of comparisons with a year before the
    /// publication): pushes the year before the publication year and returns whether it did.
    fn year_hyphen_before(&mut self, ws: usize, we: usize) -> bool {
        if ws < 5 || self.b[ws - 1] != b'-' {
            return false;
        }
        let w = self.word_ending_at(ws - 1);
        if !self.is(w, "year") || w.is_some_and(|w| self.case(w) == Case::Upper) {
            return false;
        }
        let Some((start, _)) = w else { return false };
        self.push_year_before(start, we);
        true
    }

    fn push_year_before(&mut self, start: usize, end: usize) {
        let Some(p) = self.pub_date else { return };
        if let Some(d) = p
            .year()
            .checked_sub(1)
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
        {
            self.push_period(start, end, Granularity::Year, d);
        }
    }

    /// "a year earlier", "year-earlier": the year before the publication year (the
    /// comparison base of results and statistics).
    fn on_earlier(&mut self, ws: usize, we: usize) {
        if self.year_hyphen_before(ws, we) {
            return;
        }
        let unit = self.prev_word(ws);
        if !self.is(unit, "year") || unit.is_some_and(|u| self.case(u) != Case::Lower) {
            return;
        }
        let Some((us, _)) = unit else { return };
        let a = self.prev_word(us);
        if !self.is_any(a, &["a", "one"]) {
            return;
        }
        let Some((start, _)) = a else { return };
        self.push_year_before(start, we);
    }

    /// A year read out: "nineteen ninety-six", "nineteen eighty".
    fn spoken_year(&mut self, ws: usize, we: usize) {
        let tens_word = |w: &[u8]| -> Option<u32> {
            let mut buf = [0u8; 12];
            Some(match lower_into(w, &mut buf)? {
                b"twenty" => 20,
                b"thirty" => 30,
                b"forty" => 40,
                b"fifty" => 50,
                b"sixty" => 60,
                b"seventy" => 70,
                b"eighty" => 80,
                b"ninety" => 90,
                _ => return None,
            })
        };
        let Some((ts, te)) = self.next_word(we) else {
            return;
        };
        let Some(tens) = tens_word(&self.b[ts..te]) else {
            return;
        };
        let mut end = te;
        let mut year = 1900 + tens;
        if self.byte(te) == b'-' {
            if let Some((us, ue)) = self.word_starting_at(te + 1) {
                match number_word(&self.b[us..ue]) {
                    Some(n) if (1..=9).contains(&n) && &self.b[us..ue] != b"a" => {
                        year += u32::try_from(n).unwrap_or(0);
                        end = ue;
                    }
                    _ => return,
                }
            }
        }
        let Ok(year) = i32::try_from(year) else {
            return;
        };
        if let Some((from, to)) = year_interval(year) {
            self.push(ws, end, Granularity::Year, from, to);
        }
    }

    /// The year of the last date found before `pos` (the end of a range), else the
    /// publication year: what "that year" and "the following year" count from.
    fn anchor_year(&self, pos: usize, p: NaiveDate) -> i32 {
        self.out
            .iter()
            .rev()
            .find(|c| c.end <= pos && c.granularity != Granularity::Decade)
            .map_or(p.year(), |c| {
                if c.granularity == Granularity::Range {
                    c.to.year()
                } else {
                    c.from.year()
                }
            })
    }

    /// "by year-end", "around year end", "by year's end", "since year-end": the
    /// publication year (after "since", the year before).
    fn year_end(&mut self, ws: usize, we: usize, p: NaiveDate) {
        let end_word = if self.byte(we) == b'-' {
            self.word_starting_at(we + 1)
        } else if let Some(x) = self.apostrophe_s(we) {
            self.next_word(x)
        } else {
            self.next_word(we)
        };
        if !self.is(end_word, "end") {
            return;
        }
        let Some((_, ee)) = end_word else { return };
        if matches!(self.byte(ee), b'-' | b'\'') {
            return;
        }
        let prep = self.prev_word(ws);
        if !self.is_any(
            prep,
            &[
                "by", "at", "around", "since", "until", "till", "before", "after", "through",
                "near", "toward", "towards",
            ],
        ) {
            return;
        }
        let year = if self.is(prep, "since") {
            p.year() - 1
        } else {
            p.year()
        };
        if let Some(d) = NaiveDate::from_ymd_opt(year, 1, 1) {
            self.push_period(ws, ee, Granularity::Year, d);
        }
    }

    /// "for the year", "for the full year", "the first nine months of the year", "for the
    /// fiscal year." (not "the year ended June 30", a fiscal year), "the year two
    /// thousand": the publication year (2000).
    fn the_year(&mut self, ws: usize, we: usize, p: NaiveDate) {
        if !self.boundary_after(we) || matches!(self.byte(we), b'-' | b'\'' | 0xE2) {
            return;
        }
        let next = self.next_word(we);
        let mut w = self.prev_word(ws);
        if self.is(next, "two") {
            let thousand = next.and_then(|(_, te)| self.next_word(te));
            if self.is(w, "the") && self.is(thousand, "thousand") {
                if let (Some((ts, _)), Some((_, he)), Some(d)) =
                    (w, thousand, NaiveDate::from_ymd_opt(2000, 1, 1))
                {
                    self.push_period(ts, he, Granularity::Year, d);
                }
            }
            return;
        }
        if self.is_any(
            next,
            &[
                "ended", "ending", "earlier", "ago", "before", "after", "to", "that", "when",
                "previous", "prior", "in",
            ],
        ) {
            return;
        }
        let fiscal = self.is(w, "fiscal");
        if self.is_any(w, &["full", "entire", "whole", "fiscal"]) {
            w = w.and_then(|(s, _)| self.prev_word(s));
        }
        // "in the latest fiscal year": the last one ended, taken as the year before.
        if self.is(w, "latest") {
            let the = w.and_then(|(s, _)| self.prev_word(s));
            if let (true, Some((ts, _)), Some(d)) = (
                self.is(the, "the"),
                the,
                NaiveDate::from_ymd_opt(p.year() - 1, 1, 1),
            ) {
                self.push_period(ts, we, Granularity::Year, d);
            }
            return;
        }
        if !self.is(w, "the") {
            return;
        }
        let Some((ts, _)) = w else { return };
        let prep = self.prev_word(ts);
        let ok = if fiscal {
            self.is(prep, "for") && matches!(self.byte(we), b'.' | b',' | b';')
        } else if self.is(prep, "of") {
            // "the first nine months of the year", not "man of the year".
            let whole = prep.and_then(|(s, _)| self.prev_word(s));
            self.is_any(
                whole,
                &[
                    "months", "weeks", "half", "part", "quarter", "quarters", "days",
                ],
            )
        } else {
            self.is(prep, "for")
        };
        // In January and February "for the full year" is the one just reported.
        let year = if self.is(prep, "for") && p.month() <= 2 {
            p.year() - 1
        } else {
            p.year()
        };
        if ok {
            if let Some(d) = NaiveDate::from_ymd_opt(year, 1, 1) {
                self.push_period(ts, we, Granularity::Year, d);
            }
        }
    }

    /// "the previous year", "the following year", "the year previous", "that year",
    /// "later that year": counted from the last date found before (else from the
    /// publication year).
    fn anchored_year(&mut self, ws: usize, we: usize, p: NaiveDate) {
        if matches!(self.byte(we), b'-') {
            return;
        }
        let prev = self.prev_word(ws);
        let next = self.next_word(we);
        let (start, delta) = if self.is_any(prev, &["previous", "prior", "preceding", "following"])
        {
            let the = prev.and_then(|(s, _)| self.prev_word(s));
            if !self.is(the, "the") {
                return;
            }
            let d = if self.is(prev, "following") { 1 } else { -1 };
            (the.map_or(ws, |(s, _)| s), d)
        } else if self.is(prev, "the") && self.is(next, "previous") {
            let Some((ts, _)) = prev else { return };
            let Some((_, ne)) = next else { return };
            let y = self.anchor_year(ts, p) - 1;
            if let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
                self.push_period(ts, ne, Granularity::Year, d);
            }
            return;
        } else if self.is(prev, "that") && prev.is_some_and(|w| self.case(w) == Case::Lower) {
            let Some((ts, _)) = prev else { return };
            let before = self.prev_word(ts);
            let start = if self.is_any(before, &["later", "earlier"]) {
                before.map_or(ts, |(s, _)| s)
            } else {
                ts
            };
            (start, 0)
        } else {
            return;
        };
        let y = self.anchor_year(start, p) + delta;
        if let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
            self.push_period(start, we, Granularity::Year, d);
        }
    }

    /// "for the week," and "the week's": the week of publication.
    fn the_week(&mut self, ws: usize, we: usize, p: NaiveDate) {
        let the = self.prev_word(ws);
        if !self.is(the, "the") {
            return;
        }
        let Some((ts, _)) = the else { return };
        let possessive = self.apostrophe_s(we).is_some();
        let for_the =
            self.is(self.prev_word(ts), "for") && matches!(self.byte(we), b'.' | b',' | b';');
        if possessive || for_the {
            self.push_period(ts, we, Granularity::Week, p);
        }
    }

    /// "that quarter" ("Results for that quarter included …"): the quarter of the last
    /// quarter found before. Returns whether it took the word.
    fn that_quarter(&mut self, ws: usize, we: usize) -> bool {
        let that = self.prev_word(ws);
        if !self.is(that, "that")
            || that.is_some_and(|w| self.case(w) != Case::Lower)
            || matches!(self.byte(we), b'-' | b'\'')
        {
            return false;
        }
        let Some((ts, _)) = that else { return false };
        let Some(from) = self
            .out
            .iter()
            .rev()
            .find(|c| c.end <= ts && c.granularity == Granularity::Quarter)
            .map(|c| c.from)
        else {
            return false;
        };
        self.push_period(ts, we, Granularity::Quarter, from);
        true
    }

    /// "the following month", "the previous month": from the month of the last date found
    /// before (else the publication month).
    fn anchored_month(&mut self, ws: usize, we: usize, p: NaiveDate) {
        let prev = self.prev_word(ws);
        let delta = if self.is(prev, "following") {
            1
        } else if self.is_any(prev, &["previous", "preceding", "prior"]) {
            -1
        } else {
            return;
        };
        let the = prev.and_then(|(s, _)| self.prev_word(s));
        if !self.is(the, "the") || matches!(self.byte(we), b'-' | b'\'') {
            return;
        }
        let Some((ts, _)) = the else { return };
        let anchor = self
            .out
            .iter()
            .rev()
            .find(|c| c.end <= ts && matches!(c.granularity, Granularity::Day | Granularity::Month))
            .map_or(p, |c| c.from);
        if let Some(d) = shift_months(anchor, delta) {
            self.push_period(ts, we, Granularity::Month, d);
        }
    }

    /// "the latest period", "the most recent period" (company results): the last quarter
    /// that ended before publication.
    fn latest_period(&mut self, ws: usize, we: usize) {
        let Some(p) = self.pub_date else { return };
        let prev = self.prev_word(ws);
        let mut the = prev.and_then(|(s, _)| self.prev_word(s));
        if self.is(prev, "recent") && self.is(the, "most") {
            the = the.and_then(|(s, _)| self.prev_word(s));
        } else if !self.is(prev, "latest") {
            return;
        }
        if !self.is(the, "the") || matches!(self.byte(we), b'-' | b'\'') {
            return;
        }
        let Some((start, _)) = the else { return };
        if let Some(d) = shift_months(p, -3) {
            self.push_period(start, we, Granularity::Quarter, d);
        }
    }

    /// "the 20th century", "11th century": its hundred years (1900–1999), as a range.
    fn on_century(&mut self, ws: usize, we: usize) {
        if ws < 4 || matches!(self.byte(we), b'-') {
            return;
        }
        let q = if self.b[ws - 1] == b'-' {
            ws - 1
        } else {
            self.ws_back(ws)
        };
        if q == ws || q < 3 {
            return;
        }
        let suffix = &self.b[q - 2..q];
        if !matches!(suffix, b"st" | b"nd" | b"rd" | b"th") {
            return;
        }
        let mut s = q - 2;
        while s > 0 && q - 2 - s < 2 && self.b[s - 1].is_ascii_digit() {
            s -= 1;
        }
        if s == q - 2 || !self.boundary_before(s) {
            return;
        }
        let Some((n, _)) = self.digits_at(s, 1, 2) else {
            return;
        };
        if !(1..=21).contains(&n) {
            return;
        }
        let Ok(first) = i32::try_from((n - 1) * 100) else {
            return;
        };
        let start = self.with_the(s);
        if let (Some(from), Some(to)) = (
            NaiveDate::from_ymd_opt(first, 1, 1),
            NaiveDate::from_ymd_opt(first + 99, 12, 31),
        ) {
            self.push(start, we, Granularity::Range, from, to);
        }
    }

    /// "the nineties", "the early eighties": the 1990s, the 1980s.
    fn decade_word(&mut self, ws: usize, we: usize, yy: i32) {
        let start = self.modifier_before(ws).unwrap_or(ws);
        let with_the = self.with_the(start);
        if with_the == start {
            return;
        }
        if let Some((from, to)) = decade_interval(1900 + yy) {
            self.push(with_the, we, Granularity::Decade, from, to);
        }
    }

    /// "70s" without an apostrophe, after "the" ("the 70s") or in "the 70s and 80s".
    fn bare_decade_ok(&self, s: usize, e: usize) -> bool {
        if self.byte(e) != b's' || !self.boundary_after(e + 1) || !self.boundary_before(s) {
            return false;
        }
        let prev = self.prev_word(s);
        if self.is(prev, "the") {
            return true;
        }
        if !self.is(prev, "and") {
            return false;
        }
        let Some((a, _)) = prev else { return false };
        let q = self.ws_back(a);
        q >= 3
            && q < a
            && self.b[q - 1] == b's'
            && self.b[q - 2] == b'0'
            && self.b[q - 3].is_ascii_digit()
            && self.is(self.prev_word(q - 3), "the")
    }

    /// "the same day", "that same day", "earlier that day": the day of the last date
    /// found before, else the publication day. Returns whether it took the word.
    fn same_day(&mut self, ws: usize, we: usize, p: NaiveDate) -> bool {
        let prev = self.prev_word(ws);
        let Some((ps, _)) = prev else { return false };
        let start = if self.is(prev, "same") {
            let det = self.prev_word(ps);
            if !self.is_any(det, &["the", "that"]) {
                return false;
            }
            det.map_or(ps, |(s, _)| s)
        } else if self.is(prev, "that") {
            let adv = self.prev_word(ps);
            if !self.is_any(adv, &["earlier", "later"]) {
                return false;
            }
            adv.map_or(ps, |(s, _)| s)
        } else {
            return false;
        };
        let day = self
            .out
            .iter()
            .rev()
            .find(|c| c.end <= start && c.granularity == Granularity::Day)
            .map_or(p, |c| c.from);
        self.push(start, we, Granularity::Day, day, day);
        true
    }

    /// Market reports' trading day: "fell 3% on the day." / "for the day," (closing a
    /// clause), "to end the day at 7,114": the publication day.
    fn on_the_day(&mut self, ws: usize, we: usize) {
        let Some(p) = self.pub_date else { return };
        if self.same_day(ws, we, p) {
            return;
        }
        let the = self.prev_word(ws);
        if !self.is(the, "the") {
            return;
        }
        let Some((ts, _)) = the else { return };
        let verb = self.prev_word(ts);
        let clause_end = matches!(self.byte(we), b'.' | b',' | b';');
        let on = self.is_any(verb, &["on", "for"]) && clause_end;
        let trading = self.is_any(
            verb,
            &[
                "end", "ended", "ending", "ends", "finish", "finished", "close", "closed",
            ],
        ) && self.is_any(self.next_word(we), &["at", "with", "down", "up"]);
        // Not "later in the day": in narrative it is the day of the events told.
        if on || trading {
            self.push(ts, we, Granularity::Day, p, p);
        }
    }

    /// "New Year's Day" (January 1) and "New Year's Eve" (December 31).
    fn new_year(&mut self, ws: usize, we: usize) {
        let new = self.prev_word(ws);
        if new.is_none_or(|w| &self.b[w.0..w.1] != b"New") {
            return;
        }
        let Some(after) = self.apostrophe_s(we) else {
            return;
        };
        let day = self.next_word(after);
        let (month, dom) = if self.is(day, "Day") {
            (1, 1)
        } else if self.is(day, "Eve") {
            (12, 31)
        } else {
            return;
        };
        let (Some((start, _)), Some((_, end))) = (new, day) else {
            return;
        };
        self.holiday_push(start, end, |y| NaiveDate::from_ymd_opt(y, month, dom));
    }

    /// "Christmas", "Christmas Eve", "Thanksgiving (Day)", "Halloween", with a year, after
    /// last/this/next, or after a preposition ("before Christmas").
    fn on_holiday(&mut self, ws: usize, we: usize, holiday: Holiday) {
        let mut end = we;
        let next = self.next_word(we);
        let mut eve = false;
        if holiday == Holiday::Election && !self.is(next, "Day") {
            return;
        }
        if self.is(next, "Day") && holiday != Holiday::Halloween {
            end = next.map_or(end, |(_, e)| e);
        } else if self.is(next, "Eve") && holiday == Holiday::Christmas {
            end = next.map_or(end, |(_, e)| e);
            eve = true;
        }
        let rule = move |y: i32| -> Option<NaiveDate> {
            match holiday {
                Holiday::Christmas => NaiveDate::from_ymd_opt(y, 12, if eve { 24 } else { 25 }),
                Holiday::Halloween => NaiveDate::from_ymd_opt(y, 10, 31),
                Holiday::Election => {
                    let first = NaiveDate::from_ymd_opt(y, 11, 1)?;
                    add_days(first, weekday_offset(first.weekday(), Weekday::Mon) + 1)
                }
                Holiday::Thanksgiving => {
                    let first = NaiveDate::from_ymd_opt(y, 11, 1)?;
                    add_days(first, weekday_offset(first.weekday(), Weekday::Thu) + 21)
                }
            }
        };
        // A year: "Christmas 2024".
        let r = self.ws_fwd(end);
        if r > end {
            if let Some((y, ye)) = self.year_at(r, 1900, 2100) {
                if let Some(d) = rule(y) {
                    self.push(ws, ye, Granularity::Day, d, d);
                }
                return;
            }
        }
        let after = self.next_word(end);
        if let Some(a) = after {
            // "Christmas Island", "Christmas shopping", "Thanksgiving dinner".
            let lower_noun = self.case(a) == Case::Lower
                && !self.is_any(after, FUNCTION_WORDS)
                && !self.is_any(after, LINK_WORDS);
            if lower_noun || (end == we && self.case(a) != Case::Lower) {
                return;
            }
        }
        if matches!(self.byte(end), b'-') || self.apostrophe_s(end).is_some() && end == we {
            return;
        }
        let named_day = end != we;
        let cue = self.is_any(
            self.prev_word(ws),
            &[
                "on", "at", "before", "after", "since", "until", "till", "by", "over", "around",
                "through", "for", "during", "from", "last", "next", "this", "to",
            ],
        );
        if !cue && !named_day {
            return;
        }
        self.holiday_push(ws, end, rule);
    }

    /// Resolves a yearly day given by `rule` (year → day) against the publication date:
    /// last/this/next before `start` pick the occurrence strictly before, in, or strictly
    /// after the publication year's; otherwise the nearest (as for "July 31").
    fn holiday_push(&mut self, start: usize, end: usize, rule: impl Fn(i32) -> Option<NaiveDate>) {
        let Some(p) = self.pub_date else { return };
        let y = p.year();
        let days: Vec<NaiveDate> = (y - 1..=y + 1).filter_map(&rule).collect();
        let (day, start) = match self.rel_before(start) {
            Some((Rel::Last, s)) => (days.iter().rev().find(|d| **d < p).copied(), s),
            Some((Rel::Next, s)) => (days.iter().find(|d| **d > p).copied(), s),
            Some((Rel::This, s)) => (rule(y), s),
            None => {
                let now = i64::from(p.num_days_from_ce());
                let tense = self.tense(start);
                let at = pick_occurrence(
                    now,
                    days.iter().map(|d| i64::from(d.num_days_from_ce())),
                    tense,
                );
                (
                    days.iter()
                        .find(|d| Some(i64::from(d.num_days_from_ce())) == at)
                        .copied(),
                    start,
                )
            }
        };
        if let Some(d) = day {
            self.push(start, end, Granularity::Day, d, d);
        }
    }

    /// "22/03/2025" and "3/22/2025": taken only when one of the first two numbers is over 12
    /// (so day and month cannot be swapped) or both are equal. Four-digit years 1900–2100.
    fn slash_date(&mut self, s: usize, e: usize) {
        if !self.number_start_ok(s) {
            return;
        }
        let Some((a, _)) = self.digits_at(s, 1, 2) else {
            return;
        };
        let Some((b, e2)) = self.digits_at(e + 1, 1, 2) else {
            return;
        };
        if self.byte(e2) != b'/' {
            return;
        }
        let Some((y, e3)) = self.digits_at(e2 + 1, 4, 4) else {
            return;
        };
        if !(1900..=2100).contains(&y) || !self.number_end_ok(e3) {
            return;
        }
        let (month, day) = if a > 12 && b <= 12 {
            (b, a)
        } else if (b > 12 && a <= 12) || a == b {
            (a, b)
        } else {
            return;
        };
        let Ok(y) = i32::try_from(y) else { return };
        if let Some(d) = NaiveDate::from_ymd_opt(y, month, day) {
            self.push(s, e3, Granularity::Day, d, d);
        }
    }

    fn on_season(&mut self, ws: usize, we: usize, season: Season) {
        let mut start = ws;
        let mut end = we;
        // Explicit year: "summer 2024", "summer of 2024".
        let mut year = None;
        let r = self.ws_fwd(we);
        if r > we {
            if let Some((y, e)) = self.year_at(r, 1900, 2100) {
                year = Some(y);
                end = e;
            } else {
                let of = self.word_starting_at(r);
                if self.is(of, "of") {
                    if let Some((_, oe)) = of {
                        let r2 = self.ws_fwd(oe);
                        if r2 > oe {
                            if let Some((y, e)) = self.year_at(r2, 1900, 2100) {
                                year = Some(y);
                                end = e;
                            }
                        }
                    }
                }
            }
        }
        let interval = if let Some(y) = year {
            start = self.modifier_before(start).unwrap_or(start);
            start = self.with_the(start);
            season_interval(y, season)
        } else {
            let prev = self.prev_word(ws);
            let (rel, s) = if self.is(prev, "past")
                && !self.is(prev.and_then(|(s, _)| self.prev_word(s)), "this")
            {
                // "the past summer" = last summer.
                let p2 = prev.and_then(|(s, _)| self.prev_word(s));
                if !self.is(p2, "the") {
                    return;
                }
                (Rel::Last, p2.map_or(ws, |(s, _)| s))
            } else {
                match self.rel_before(ws) {
                    Some(x) => x,
                    None => match self.bare_season_start(ws, we, season) {
                        Some(s) => {
                            let Some(p) = self.pub_date else { return };
                            let Some(interval) = bare_season(p, season, self.tense(s)) else {
                                return;
                            };
                            self.push(s, we, Granularity::Season, interval.0, interval.1);
                            return;
                        }
                        None => return,
                    },
                }
            };
            // "last fall in prices", "this spring from": the noun, not the season.
            if season != Season::Winter {
                let nw = self.next_word(we);
                if self.is_any(nw, &["of", "from", "to", "by", "since", "into"]) {
                    return;
                }
            }
            start = self.modifier_before(s).unwrap_or(s);
            let Some(p) = self.pub_date else { return };
            resolve_season(p, season, rel)
        };
        if let Some((from, to)) = interval {
            self.push(start, end, Granularity::Season, from, to);
        }
    }

    fn on_ago(&mut self, ws: usize, we: usize) {
        let Some(p) = self.pub_date else { return };
        if self.year_hyphen_before(ws, we) {
            return;
        }
        let mut unit = self.prev_word(ws);
        // "a week or so ago".
        if self.is(unit, "so") {
            let or = unit.and_then(|(s, _)| self.prev_word(s));
            if !self.is(or, "or") {
                return;
            }
            unit = or.and_then(|(s, _)| self.prev_word(s));
        }
        let Some((us, ue)) = unit else { return };
        let mut buf = [0u8; 12];
        let Some(u) = lower_into(&self.b[us..ue], &mut buf) else {
            return;
        };
        let g = match u.strip_suffix(b"s").unwrap_or(u) {
            b"day" => Granularity::Day,
            b"week" => Granularity::Week,
            b"month" => Granularity::Month,
            b"year" | b"decade" => Granularity::Year,
            _ => return,
        };
        let per_unit: i64 = if u.starts_with(b"decade") { 10 } else { 1 };
        // The count: a word ("two", "a") or one or two digits.
        let q = self.ws_back(us);
        if q == us {
            return;
        }
        let (n, ns) = if let Some((s, e)) = self.word_ending_at(q) {
            match number_word(&self.b[s..e]) {
                Some(n) => (n, s),
                None => return,
            }
        } else {
            let mut s = q;
            while s > 0 && q - s < 3 && self.b[s - 1].is_ascii_digit() {
                s -= 1;
            }
            if s == q || q - s > 2 || !self.number_start_ok(s) {
                return;
            }
            match self.digits_at(s, 1, 2) {
                Some((n, _)) => (i64::from(n), s),
                None => return,
            }
        };
        if n == 0 {
            return;
        }
        let day = match g {
            Granularity::Day => add_days(p, -n),
            Granularity::Week => add_days(p, -7 * n),
            Granularity::Month => shift_months(p, -n),
            _ => i32::try_from(i64::from(p.year()) - n * per_unit)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
        };
        if let Some(d) = day {
            self.push_period(ns, we, g, d);
        }
    }

    fn number(&mut self, s: usize, e: usize) {
        if e - s == 2 {
            self.short_decade(s, e);
            return;
        }
        if !self.number_start_ok(s) {
            return;
        }
        let Some((y, _)) = self.digits_at(s, 4, 4) else {
            return;
        };
        // ISO date: 2025-03-22 or 2025/03/22.
        let sep = self.byte(e);
        if (sep == b'-' || sep == b'/')
            && self.byte(e + 3) == sep
            && self.digits_at(e + 1, 2, 2).is_some()
            && self.digits_at(e + 4, 2, 2).is_some()
        {
            let end = e + 6;
            let c = self.byte(end);
            let end_ok = !(c.is_ascii_digit()
                || ((c == b'-' || c == b'/') && self.byte(end + 1).is_ascii_digit()))
                && (c == b'T' || self.boundary_after(end) || c == b'.' || c == b',');
            if end_ok {
                let month = self.digits_at(e + 1, 2, 2).map(|x| x.0);
                let day = self.digits_at(e + 4, 2, 2).map(|x| x.0);
                if let (Ok(year), Some(m), Some(d)) = (i32::try_from(y), month, day) {
                    if let Some(date) = NaiveDate::from_ymd_opt(year, m, d) {
                        self.push(s, end, Granularity::Day, date, date);
                    }
                }
            }
            return;
        }
        // Decade: 1990s, 1990's.
        // "1990's" is a decade only after "the" or early/late/mid ("the 1970's"); otherwise
        // it is a possessive year ("2010's Affordable Care Act").
        let decade_end = if self.byte(e) == b's' && self.boundary_after(e + 1) {
            Some(e + 1)
        } else {
            self.apostrophe_s(e)
        };
        if let Some(de) = decade_end {
            let modifier = self.modifier_before(s);
            let start = modifier.unwrap_or(s);
            let with_the = self.with_the(start);
            let plain_s = self.byte(e) == b's';
            let decade_ok = plain_s || modifier.is_some() || with_the < start;
            if decade_ok && y % 10 == 0 && y % 100 != 0 && (1000..=2990).contains(&y) {
                let start = with_the;
                if let Some((from, to)) = i32::try_from(y).ok().and_then(decade_interval) {
                    self.push(start, de, Granularity::Decade, from, to);
                }
            }
            if plain_s || decade_ok {
                return;
            }
        }
        if !(1900..=2100).contains(&y) {
            return;
        }
        let Ok(year) = i32::try_from(y) else { return };
        // "2019-2021", "2019–2021".
        if let Some(q) = self.dash_at(e) {
            if let Some((y2, e2)) = self.digits_at(q, 4, 4) {
                if y2 > y && y2 <= 2100 && self.number_end_ok(e2) {
                    if let (Some((from, _)), Some((_, to))) = (
                        year_interval(year),
                        i32::try_from(y2).ok().and_then(year_interval),
                    ) {
                        self.push(s, e2, Granularity::Range, from, to);
                    }
                }
            }
            return;
        }
        if self.apostrophe_s(e).is_none() && !self.number_end_ok(e) {
            return;
        }
        let prev = self.prev_word(s);
        // "between 2019 and 2021", "from 2019 to 2021".
        let range_link: &[&str] = if self.is(prev, "between") {
            &["and"]
        } else if self.is(prev, "from") {
            &["to", "until", "through", "till"]
        } else {
            &[]
        };
        if !range_link.is_empty() {
            let link = self.next_word(e);
            if self.is_any(link, range_link) {
                if let Some((_, le)) = link {
                    let r = self.ws_fwd(le);
                    if r > le {
                        if let Some((y2, e2)) = self.year_at(r, 1900, 2100) {
                            if y2 > year {
                                if let (Some((from, _)), Some((_, to))) =
                                    (year_interval(year), year_interval(y2))
                                {
                                    let start = prev.map_or(s, |(ps, _)| ps);
                                    self.push(start, e2, Granularity::Range, from, to);
                                    return;
                                }
                            }
                        }
                    }
                }
            }
        }
        // A year needs a cue.
        let mut start = s;
        let modifier = self.modifier_before(s);
        if let Some(m) = modifier {
            start = m;
        }
        let after_conjunction = || {
            // "in 1986 and 1987": the token before the conjunction is a year.
            let q = prev.map_or(0, |(ps, _)| self.ws_back(ps));
            q >= 4
                && self
                    .year_at(q - 4, 1900, 2100)
                    .is_some_and(|(_, ye)| ye == q)
        };
        let strong = modifier.is_some()
            || self.is_any(prev, YEAR_CUES)
            // "the year 2000".
            || (self.is(prev, "year") && self.is(prev.and_then(|(ps, _)| self.prev_word(ps)), "the"))
            // "the company's 1989 results".
            || (s >= 3 && self.b[s - 1] == b' ' && self.apostrophe_s_ending_at(s - 1))
            || (self.is_any(prev, &["and", "or"]) && after_conjunction())
            // "in 1994, 1995 and 1997": a list that began with a year taken as one.
            || (s >= 2
                && &self.b[s - 2..s] == b", "
                && self
                    .out
                    .last()
                    .is_some_and(|c| c.end == s - 2 && c.granularity == Granularity::Year));
        let ok = strong || (self.is_any(prev, WEAK_YEAR_CUES) && self.weak_year_follow_ok(e));
        if ok {
            if let Some((from, to)) = year_interval(year) {
                self.push(start, e, Granularity::Year, from, to);
            }
        }
    }

    /// After a weakly cued year at `e`: punctuation, the end, a capitalised word or a
    /// function word — not a lower-case content word ("of 2016 people").
    fn weak_year_follow_ok(&self, e: usize) -> bool {
        let e = self.apostrophe_s(e).unwrap_or(e);
        match self.next_word(e) {
            None => {
                // Not a word right after blanks: punctuation, a number or the end.
                let q = self.ws_fwd(e);
                !self.byte(q).is_ascii_digit() || q == e
            }
            Some(w) => self.case(w) != Case::Lower || self.is_any(Some(w), FUNCTION_WORDS),
        }
    }

    /// "'90s" / "’90s" (two digits at `s..e`): the decade in the latest century that does
    /// not put it after the publication decade.
    fn short_decade(&mut self, s: usize, e: usize) {
        let Some(p) = self.pub_date else { return };
        let apos_start = if s >= 1 && self.b[s - 1] == b'\'' {
            s - 1
        } else if s >= 3 && self.b[s - 3..s] == *"\u{2019}".as_bytes() {
            s - 3
        } else if self.bare_decade_ok(s, e) {
            s
        } else {
            return;
        };
        let end = if self.byte(e) == b's' && self.boundary_after(e + 1) {
            e + 1
        } else if let Some(x) = self.apostrophe_s(e) {
            x
        } else {
            return;
        };
        let Some((yy, _)) = self.digits_at(s, 2, 2) else {
            return;
        };
        if yy % 10 != 0 || (apos_start > 0 && !self.boundary_before(apos_start)) {
            return;
        }
        let Ok(yy) = i32::try_from(yy) else { return };
        let pub_decade = p.year() - p.year().rem_euclid(10);
        let mut y = p.year() - p.year().rem_euclid(100) + yy;
        if y > pub_decade {
            y -= 100;
        }
        let start = self.modifier_before(apos_start).unwrap_or(apos_start);
        let start = self.with_the(start);
        if let Some((from, to)) = decade_interval(y) {
            self.push(start, end, Granularity::Decade, from, to);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn run(text: &str, pub_date: &str) -> Vec<DateMention> {
        let p = if pub_date.is_empty() {
            None
        } else {
            Some(d(pub_date))
        };
        let got = RuleBasedDates.extract_dates(text, p);
        for m in &got {
            assert_eq!(&text[m.start..m.end], m.text, "offsets of {m:?}");
            assert!(m.from <= m.to, "{m:?}");
            if m.granularity != Granularity::Range {
                assert_eq!(
                    period_bounds(m.granularity, m.from),
                    (m.from, m.to),
                    "{m:?}"
                );
                assert_eq!(period_value(m.granularity, m.from), m.value, "{m:?}");
            }
            assert_eq!(
                parse_value(&m.value),
                Some((m.granularity, m.from, m.to)),
                "{m:?}"
            );
        }
        for w in got.windows(2) {
            assert!(w[0].end <= w[1].start, "overlap {:?}", w);
        }
        got
    }

    /// (mention text, value, from, to, granularity)
    type Want<'a> = (&'a str, &'a str, &'a str, &'a str, Granularity);

    #[track_caller]
    fn check(text: &str, pub_date: &str, want: &[Want]) {
        let got = run(text, pub_date);
        let got_t: Vec<_> = got
            .iter()
            .map(|m| {
                (
                    m.text.as_str(),
                    m.value.clone(),
                    m.from.to_string(),
                    m.to.to_string(),
                    m.granularity,
                )
            })
            .collect();
        let want_t: Vec<_> = want
            .iter()
            .map(|(t, v, f, to, g)| (*t, v.to_string(), f.to_string(), to.to_string(), *g))
            .collect();
        assert_eq!(got_t, want_t, "in {text:?}");
    }

    use Granularity::{Day, Decade, Month, Quarter, Range, Season as Sea, Week, Year};

    // ----- the seed article (published 2025-03-22) -------------------------------------

    #[test]
    fn seed_article() {
        check(
            "Putin prayed for Trump's well-being after the attempted assassination at a campaign rally last summer.",
            "2025-03-22",
            &[("last summer", "2024-SU", "2024-06-01", "2024-08-31", Sea)],
        );
        check(
            "— Anton Gerashchenko (@Gerashchenko_en) March 22, 2025",
            "2025-03-22",
            &[(
                "March 22, 2025",
                "2025-03-22",
                "2025-03-22",
                "2025-03-22",
                Day,
            )],
        );
        check(
            "Earlier this week, the two leaders engaged in a two-hour phone call to discuss ending Russia's full-scale invasion of Ukraine.",
            "2025-03-22",
            &[("Earlier this week", "2025-W12", "2025-03-17", "2025-03-23", Week)],
        );
        // The whole seed article: exactly these three.
        let seed = include_str!("../../samples/seed/000_eaf787878c6b65eb.txt");
        let body = seed.strip_prefix(" date 2025-03-22 ").unwrap_or(seed);
        let got: Vec<_> = run(body, "2025-03-22")
            .into_iter()
            .map(|m| (m.text, m.value))
            .collect();
        assert_eq!(
            got,
            vec![
                ("last summer".to_string(), "2024-SU".to_string()),
                ("March 22, 2025".to_string(), "2025-03-22".to_string()),
                ("Earlier this week".to_string(), "2025-W12".to_string()),
            ]
        );
    }

    // ----- real news sentences --------------------------------------------------------
    //
    // Verbatim from the shared corpora (Reuters-21578, Reuters 2017, Wikinews/MEANTIME,
    // TempEval-3; long sentences cut to a clause), each with the publication date of its
    // article.

    /// (publication date, sentence, expected mentions)
    type Case<'a> = (&'a str, &'a str, &'a [Want<'a>]);

    const REAL: &[Case] = &[
        // Explicit calendar dates.
        ("1987-04-07",
            "Brierley Investments Overseas NV is issuing a 100 mln dlr eurobond due April 30, 1992 paying 8-1/4 pct and priced at par, lead manager Banque Paribas Capital Markets said.",
            &[("April 30, 1992", "1992-04-30", "1992-04-30", "1992-04-30", Day)],
        ),
        ("1987-04-07",
            "Redemption is on March 1, 1997, the same date as the first tranche, which was also issued at 99.50 pct.",
            &[("March 1, 1997", "1997-03-01", "1997-03-01", "1997-03-01", Day)],
        ),
        ("2008-01-21", "In Hong Kong, the Hang Seng index fell 5.5 percent - its biggest fall since the September 11, 2001, terrorist attacks.",
            &[("September 11, 2001", "2001-09-11", "2001-09-11", "2001-09-11", Day)]),
        ("1987-04-09",
            "Subscriptions close on Thursday April 16 at 15.00 hrs local time.",
            &[("Thursday April 16", "1987-04-16", "1987-04-16", "1987-04-16", Day)],
        ),
        ("1987-03-26",
            "The eight major New York City banks did not borrow from the Federal Reserve in the week ended Wednesday March 25, a Fed spokesman said.",
            &[("Wednesday March 25", "1987-03-25", "1987-03-25", "1987-03-25", Day)],
        ),
        ("1987-03-02",
            "Qtly div 36 cts vs 36 cts prior\n\nPay April one\n\nRecord March 13\n\n",
            &[
                ("April one", "1987-04-01", "1987-04-01", "1987-04-01", Day),
                ("March 13", "1987-03-13", "1987-03-13", "1987-03-13", Day),
            ],
        ),
        ("1987-04-07", "Subscriptions for this second tranche close April 14 and payment date is April 27.",
            &[
                ("April 14", "1987-04-14", "1987-04-14", "1987-04-14", Day),
                ("April 27", "1987-04-27", "1987-04-27", "1987-04-27", Day),
            ]),
        ("2017-12-01",
            "He said he was told by the White House the meeting is likely to be set for the week of Dec. 11.",
            &[("Dec. 11", "2017-12-11", "2017-12-11", "2017-12-11", Day)],
        ),
        ("2017-12-04",
            "But White House spokeswoman Sarah Sanders played down the Times report at a White House briefing on Nov. 27.",
            &[("Nov. 27", "2017-11-27", "2017-11-27", "2017-11-27", Day)],
        ),
        ("2017-12-18",
            "many U.S. taxpayers scramble to pay the rest of their 2017 taxes before Jan. 1 when the proposed Republican tax overhaul would sharply cut the amount they can deduct on federal tax bills.",
            &[
                ("2017", "2017", "2017-01-01", "2017-12-31", Year),
                ("Jan. 1", "2018-01-01", "2018-01-01", "2018-01-01", Day),
            ],
        ),
        ("2009-05-07", "The company has a deadline set at June 1 to draw up a restructuring plan.",
            &[("June 1", "2009-06-01", "2009-06-01", "2009-06-01", Day)]),
        ("2010-06-08", "iPhone 4 will be available on June 24 in the United States, United Kingdom, France, Germany, and Japan.",
            &[("June 24", "2010-06-24", "2010-06-24", "2010-06-24", Day)]),
        ("1987-03-16", "The barley is for shipment May 5-20 and the bonus of 39.32 dlrs per tonne was made to Harvest States Cooperatives, the department said.",
            &[("May 5-20", "1987-05-05..1987-05-20", "1987-05-05", "1987-05-20", Range)]),
        // Months.
        ("2006-05-29", "In January 2005, Boeing announced that it would cancel the 717 program after completing all outstanding orders.",
            &[("January 2005", "2005-01", "2005-01-01", "2005-01-31", Month)]),
        ("2005-11-19", "Bush attended the APEC economic leaders' meeting in Shanghai in October, 2001, and paid a two-day working visit to China in February 2002.",
            &[
                ("October, 2001", "2001-10", "2001-10-01", "2001-10-31", Month),
                ("February 2002", "2002-02", "2002-02-01", "2002-02-28", Month),
            ]),
        ("2017-11-21",
            "said Tillerson breached the Child Soldiers Prevention Act when he decided in June to exclude Iraq, Myanmar, and Afghanistan from a U.S. list of offenders in the use of child soldiers.",
            &[("June", "2017-06", "2017-06-01", "2017-06-30", Month)],
        ),
        ("2017-12-18",
            "But McCain, undergoing treatment for brain cancer, will be out of Washington until January, his office said on Sunday.",
            &[
                ("January", "2018-01", "2018-01-01", "2018-01-31", Month),
                ("Sunday", "2017-12-17", "2017-12-17", "2017-12-17", Day),
            ],
        ),
        ("2009-03-13", "US stock markets have their best week since November",
            &[("November", "2008-11", "2008-11-01", "2008-11-30", Month)]),
        ("2009-02-18", "The company has warned that it might run out of money by March if more aid was not given.",
            &[("March", "2009-03", "2009-03-01", "2009-03-31", Month)]),
        ("2006-11-10", "The number of cases being pursued by security services had risen by 80 percent since January, she said.",
            &[("January", "2006-01", "2006-01-01", "2006-01-31", Month)]),
        ("2008-11-18", "The Japanese economy contracted by 0.9% between April and June and a further 0.1% since September.",
            &[
                ("between April and June", "2008-04-01..2008-06-30", "2008-04-01", "2008-06-30", Range),
                ("September", "2008-09", "2008-09-01", "2008-09-30", Month),
            ]),
        ("1987-04-07",
            "Today's meeting was part of the Uruguay trade round launched by ministers last September.",
            &[
                ("Today", "1987-04-07", "1987-04-07", "1987-04-07", Day),
                ("last September", "1986-09", "1986-09-01", "1986-09-30", Month),
            ],
        ),
        ("1987-03-02", "The paper, which tracks industry production, said Ford plans to build 485,000 cars in the April-June period, compared with 497,000 a year ago.",
            &[
                ("April-June", "1987-04-01..1987-06-30", "1987-04-01", "1987-06-30", Range),
                ("a year ago", "1986", "1986-01-01", "1986-12-31", Year),
            ]),
        ("1987-03-13", "Industrial production stood at 127.3 pct of the 1977 average in February and was up 1.7 pct from a year ago, the Fed said.",
            &[
                ("1977", "1977", "1977-01-01", "1977-12-31", Year),
                ("February", "1987-02", "1987-02-01", "1987-02-28", Month),
                ("a year ago", "1986", "1986-01-01", "1986-12-31", Year),
            ]),
        // Weekdays.
        ("1987-03-19", "The government adopted a tough austerity program last Friday intended to grapple with the tremor's economic costs.",
            &[("last Friday", "1987-03-13", "1987-03-13", "1987-03-13", Day)]),
        ("1987-03-24", "EC Farm Ministers will have a first discussion of the proposals at a meeting beginning next Monday.",
            &[("next Monday", "1987-03-30", "1987-03-30", "1987-03-30", Day)]),
        ("1987-03-05", "Haughey told a news conference he is confident of being asked to form a government when the Irish parliament meets next Tuesday.",
            &[("next Tuesday", "1987-03-10", "1987-03-10", "1987-03-10", Day)]),
        ("1987-04-07",
            "Marion Laboratories Inc's stock rose sharply today after the company presented a bullish earnings scenario at a meeting for pharmaceutical analysts Monday, traders and analysts said.",
            &[
                ("today", "1987-04-07", "1987-04-07", "1987-04-07", Day),
                ("Monday", "1987-04-06", "1987-04-06", "1987-04-06", Day),
            ],
        ),
        ("2017-12-14",
            "Pence will now leave some time on Tuesday on a trip that will begin with a visit to Cairo for talks with Egyptian President Abdel Fattah al-Sisi, the official said.",
            &[("Tuesday", "2017-12-19", "2017-12-19", "2017-12-19", Day)],
        ),
        ("2017-12-18",
            "House of Representatives is expected to vote on sweeping tax legislation early Tuesday afternoon, aides said, bringing President Donald Trump\u{2019}s goal of overhauling the U.S. tax system one step closer to fruition.",
            &[("early Tuesday afternoon", "2017-12-19", "2017-12-19", "2017-12-19", Day)],
        ),
        ("2017-12-14",
            "Kentucky state Representative Dan Johnson, who was facing sexual assault accusations, died in a probable suicide on Wednesday, Bullitt County Coroner Dave Billings said.",
            &[("Wednesday", "2017-12-13", "2017-12-13", "2017-12-13", Day)],
        ),
        ("2017-12-01",
            "Senate Republican leader Mitch McConnell said on Friday Republicans had enough votes to pass a tax overhaul bill in the Senate.",
            &[("Friday", "2017-12-01", "2017-12-01", "2017-12-01", Day)],
        ),
        ("1997-04-25", "On Thursday the freed hostages told the daily Asahi Shimbun they saw rebels killed by the Peruvian forces after they had given themselves up.",
            &[("Thursday", "1997-04-24", "1997-04-24", "1997-04-24", Day)]),
        ("2006-11-10", "He went through a routine blood, x-ray and echocardiography tests Friday morning, the NHI said in a statement.",
            &[("Friday morning", "2006-11-10", "2006-11-10", "2006-11-10", Day)]),
        ("2007-03-13", "The three major US stock market indices each fell two percent from Monday's closing price, marking the second-biggest loss of 2007.",
            &[
                ("Monday", "2007-03-12", "2007-03-12", "2007-03-12", Day),
                ("2007", "2007", "2007-01-01", "2007-12-31", Year),
            ]),
        ("2000-04-03",
            "With a tense Miami waiting, federal immigration officials said Monday they will order the Miami relatives of 6-year-old Cuban rafter Elian Gonzalez to turn the boy over to his father , who could come to the U.S. from Cuba as early as Tuesday.",
            &[
                ("Monday", "2000-04-03", "2000-04-03", "2000-04-03", Day),
                ("Tuesday", "2000-04-04", "2000-04-04", "2000-04-04", Day),
            ],
        ),
        ("1989-11-02",
            "Sony's planned acquisition of Guber/Peters Entertainment Co. for $200 million is scheduled to close Monday.",
            &[("Monday", "1989-11-06", "1989-11-06", "1989-11-06", Day)],
        ),
        // today, yesterday, tonight ...
        ("1987-03-01", "Finance Secretary Jaime Ongpin told reporters yesterday the alternative proposal is designed to avoid an impasse when debt rescheduling talks reopen in New York on Tuesday.",
            &[
                ("yesterday", "1987-02-28", "1987-02-28", "1987-02-28", Day),
                ("Tuesday", "1987-02-24", "1987-02-24", "1987-02-24", Day),
            ]),
        ("1987-03-11", "Yesterday, Chrysler presented four investment bankers with a list of bonds and asked them to submit bids by this morning.",
            &[
                ("Yesterday", "1987-03-10", "1987-03-10", "1987-03-10", Day),
                ("this morning", "1987-03-11", "1987-03-11", "1987-03-11", Day),
            ]),
        ("1987-03-11", "A typical 20-year mortgage bond had risen to 81 by noon from 79-1/4 at the close last night.",
            &[("last night", "1987-03-10", "1987-03-10", "1987-03-10", Day)]),
        ("1987-06-02", "Traders said that barring any surprises in tonight's report, they expect the report to be neutral to bearish for oil prices.",
            &[("tonight", "1987-06-02", "1987-06-02", "1987-06-02", Day)]),
        ("2008-10-06", "The Dow Jones, was down 3.76% at 16:08 UTC, a slight increase from earlier today.",
            &[("earlier today", "2008-10-06", "2008-10-06", "2008-10-06", Day)]),
        // Relative years, months, weeks, weekends.
        ("1987-03-23",
            "Bayerische Vereinsbank AG <BVMG.F> expects to pay an unchanged dividend of 13 marks on 1987 earnings but profits will only barely reach last year's record levels, management board spokesman Maximilian Hackl said.",
            &[("last year", "1986", "1986-01-01", "1986-12-31", Year)],
        ),
        ("1987-03-02", "Spain joined the community at the start of last year and farmers say they have suffered competition from EC imports without sufficient compensation.",
            &[("last year", "1986", "1986-01-01", "1986-12-31", Year)]),
        ("2010-01-28", "For the final quarter of 2009, Ford says it made profits of $868 million, and expects to continue to be profitable this year.",
            &[
                ("the final quarter of 2009", "2009-Q4", "2009-10-01", "2009-12-31", Quarter),
                ("this year", "2010", "2010-01-01", "2010-12-31", Year),
            ]),
        ("2005-11-18", "The fund, which was launched in Geneva earlier this year, gained recognition in the Tunis Agenda as one means of finance.",
            &[("earlier this year", "2005", "2005-01-01", "2005-12-31", Year)]),
        ("1997-04-24",
            "Taiwan-based personal computer giant Acer Inc. will begin producing GSM cellular telephones in eastern China's Suzhou next month, the China Daily reported Thursday.",
            &[
                ("next month", "1997-05", "1997-05-01", "1997-05-31", Month),
                ("Thursday", "1997-04-24", "1997-04-24", "1997-04-24", Day),
            ],
        ),
        ("2017-12-05",
            "District Court judge last week sided with Trump and ruled against English, allowing Mulvaney to serve as the agency\u{2019}s acting head.",
            &[("last week", "2017-W48", "2017-11-27", "2017-12-03", Week)],
        ),
        ("1987-03-13", "The full Ways and Means Committee is to consider the bill next week and congressional sources said they expect it will be approved.",
            &[("next week", "1987-W12", "1987-03-16", "1987-03-22", Week)]),
        ("2017-12-01", "\u{201c}Spoke with him via backchannels earlier this week.",
            &[("earlier this week", "2017-W48", "2017-11-27", "2017-12-03", Week)]),
        ("1987-03-16", "VW announced over the weekend that Rolf Selowsky, financial member of the management board, had resigned.",
            &[("the weekend", "1987-03-14..1987-03-15", "1987-03-14", "1987-03-15", Range)]),
        ("1987-03-15", "This weekend he said that those profit estimates \"remain about the same -- perhaps even a little more optimistic.\"",
            &[("This weekend", "1987-03-14..1987-03-15", "1987-03-14", "1987-03-15", Range)]),
        ("1987-06-01", "The Pennsylvania Enterprises board rejected the offer two weeks ago as being inadequate.",
            &[("two weeks ago", "1987-W21", "1987-05-18", "1987-05-24", Week)]),
        ("1997-04-30", "Kabila's rebels have captured more than half this country since they launched their offensive to topple Mobutu more than six months ago.",
            &[("six months ago", "1996-10", "1996-10-01", "1996-10-31", Month)]),
        // Seasons.
        ("1987-03-20", "The government last summer warned stores not to carry the shoes and Reebok has sued two for continuing to sell them, he said.",
            &[("last summer", "1986-SU", "1986-06-01", "1986-08-31", Sea)]),
        ("1987-03-16", "Congress was kept in the dark about the affair until last autumn.",
            &[("last autumn", "1986-FA", "1986-09-01", "1986-11-30", Sea)]),
        ("1987-03-03", "Soviet winter grains could be off to a faulty start this spring after enduring an usually dry fall and cold winter, weather and crop analysts said.",
            &[("this spring", "1987-SP", "1987-03-01", "1987-05-31", Sea)]),
        ("1999-04-10", "Barnett Slepian was killed in his kitchen by a sniper's bullet last fall.",
            &[("last fall", "1998-FA", "1998-09-01", "1998-11-30", Sea)]),
        ("2011-06-07", "iCloud and iOS 5 will be released in the fall of 2011; Apple announced no new hardware products.",
            &[("the fall of 2011", "2011-FA", "2011-09-01", "2011-11-30", Sea)]),
        ("1987-03-11",
            "Under this part of the plan, the carriers serving these five airports have been asked to give DOT their summer 1987 schedules by the end of the week.",
            &[("summer 1987", "1987-SU", "1987-06-01", "1987-08-31", Sea)],
        ),
        // Quarters.
        ("1987-04-09", "Abbott reported 1987 first quarter earnings rose to a record 142 mln dlrs or 62 cts a share on record sales of one billion dlrs.",
            &[("1987 first quarter", "1987-Q1", "1987-01-01", "1987-03-31", Quarter)]),
        ("1987-04-01", "BankAmerica said, however, that it expects to report a profit for the first quarter of 1987.",
            &[("the first quarter of 1987", "1987-Q1", "1987-01-01", "1987-03-31", Quarter)]),
        ("2006-01-27", "GM reported losing US$4.8 billion in the fourth quarter of 2005 and a total loss of $8.6 billion for the entire year.",
            &[
                ("the fourth quarter of 2005", "2005-Q4", "2005-10-01", "2005-12-31", Quarter),
                ("the entire year", "2005", "2005-01-01", "2005-12-31", Year),
            ]),
        ("1999-03-12", "It was transferred to Constantinople where it was put on show every Friday until the 12th century.",
            &[("the 12th century", "1100-01-01..1199-12-31", "1100-01-01", "1199-12-31", Range)]),
        ("1987-02-26", "Earlier AM reported a fourth quarter operating loss of two cts a share compared to profits of seven cts a share a year ago.",
            &[
                ("fourth quarter", "1986-Q4", "1986-10-01", "1986-12-31", Quarter),
                ("a year ago", "1986", "1986-01-01", "1986-12-31", Year),
            ]),
        ("1987-04-09", "Henry said the company recovered from the sales the cost of buying Enron Chemicals in the fourth quarter last year.",
            &[("the fourth quarter last year", "1986-Q4", "1986-10-01", "1986-12-31", Quarter)]),
        ("1989-10-26", "In fact, he thinks several steelmakers will report actual losses through the third quarter of 1990.",
            &[("the third quarter of 1990", "1990-Q3", "1990-07-01", "1990-09-30", Quarter)]),
        ("1989-10-30",
            "Third-quarter loan originations dropped sharply to $663 million from $1 billion a year ago.",
            &[
                ("Third-quarter", "1989-Q3", "1989-07-01", "1989-09-30", Quarter),
                ("a year ago", "1988", "1988-01-01", "1988-12-31", Year),
            ],
        ),
        // Years, decades, ranges.
        ("1987-04-07", "Shipments of the Colts to Canada will start in late 1987, and Chrysler Canada plans to import about 8,000 units in 1988, rising to 20,000 units a year by 1990, the company said.",
            &[
                ("late 1987", "1987", "1987-01-01", "1987-12-31", Year),
                ("1988", "1988", "1988-01-01", "1988-12-31", Year),
                ("1990", "1990", "1990-01-01", "1990-12-31", Year),
            ]),
        ("2013-12-10", "She replaces Daniel Akerson, who was appointed by the government as both chief executive and chairman in 2009 during the company's bankruptcy.",
            &[("2009", "2009", "2009-01-01", "2009-12-31", Year)]),
        ("2017-12-14",
            "Since mid-2016, U.S. House Speaker Paul Ryan has carried around a \u{201c}postcard\u{201d}",
            &[("mid-2016", "2016", "2016-01-01", "2016-12-31", Year)],
        ),
        (
            "2017-12-15",
            "Passage of the biggest U.S. tax rewrite since 1986 would provide Republican lawmakers and President Donald Trump their first major legislative victory",
            &[("1986", "1986", "1986-01-01", "1986-12-31", Year)],
        ),
        ("2017-12-05",
            "All of those loans were taken out in 2012 and will mature in 2023 and 2024, according to the disclosure.",
            &[
                ("2012", "2012", "2012-01-01", "2012-12-31", Year),
                ("2023", "2023", "2023-01-01", "2023-12-31", Year),
                ("2024", "2024", "2024-01-01", "2024-12-31", Year),
            ],
        ),
        ("1989-10-30",
            "The restaurant operator cited transaction costs from its 1988 recapitalization as a result of a $160 million restructuring of its bank debt.",
            &[("1988", "1988", "1988-01-01", "1988-12-31", Year)],
        ),
        ("1987-03-23",
            "The parent bank's balance sheet total rose 5.3 pct to 81.5 billion marks at end-1986 compared with end-1985, Hackl said.",
            &[
                ("end-1986", "1986", "1986-01-01", "1986-12-31", Year),
                ("end-1985", "1985", "1985-01-01", "1985-12-31", Year),
            ],
        ),
        ("2007-09-08", "The Romanian government bought back the Craiova-based car maker from Daewoo Motors, in late 2006 for US$51 million.",
            &[("late 2006", "2006", "2006-01-01", "2006-12-31", Year)]),
        ("1987-03-17", "The department said the President's budget proposals for 1988-1992 would cut farm program spending an additional 24 billion dlrs.",
            &[("1988-1992", "1988-01-01..1992-12-31", "1988-01-01", "1992-12-31", Range)]),
        ("2005-11-22", "Iran and Iraq fought a lengthy war from 1980 to 1988, during which altogether more than 500,000 people were killed.",
            &[("from 1980 to 1988", "1980-01-01..1988-12-31", "1980-01-01", "1988-12-31", Range)]),
        ("2006-12-19", "Japan is in the midst of its longest sustained recovery since World War II as it rebounds from the 1990s doldrums.",
            &[("the 1990s", "1990s", "1990-01-01", "1999-12-31", Decade)]),
        ("1987-03-23", "Despite intensive exploration in the early 1980's, the addition to reserves has been inadequate, he said.",
            &[("the early 1980's", "1980s", "1980-01-01", "1989-12-31", Decade)]),
        ("1987-03-31", "The industrialisation of rural China began in the late 1970s, a key part of top leader Deng Xiaoping's economic reforms.",
            &[("the late 1970s", "1970s", "1970-01-01", "1979-12-31", Decade)]),
        // A possessive year, not the decade.
        ("2017-12-21",
            "which targeted the contraceptive mandate implemented as part of 2010\u{2019}s Affordable Care Act, popularly known as Obamacare.",
            &[("2010", "2010", "2010-01-01", "2010-12-31", Year)],
        ),
        ("2017-11-21",
            "since the 1970s, when it prevented Ford Motor Co from buying assets from spark-plug maker Autolite.",
            &[("the 1970s", "1970s", "1970-01-01", "1979-12-31", Decade)],
        ),
    ];

    #[test]
    fn real_news_sentences() {
        let mut mentions = 0;
        for (pub_date, sentence, want) in REAL {
            check(sentence, pub_date, want);
            mentions += want.len();
        }
        assert!(REAL.len() >= 60 && mentions >= 80);
    }

    /// Relative expressions need the publication date: without it they are left out, while
    /// the absolute ones stay.
    #[test]
    fn without_publication_date() {
        for (_, sentence, want) in REAL {
            let got = run(sentence, "");
            for m in &got {
                let w = want.iter().find(|w| w.0 == m.text);
                assert_eq!(w.map(|w| w.1), Some(m.value.as_str()), "{sentence}");
            }
        }
        check("The ruling was announced July 31 by the court.", "", &[]);
        check(
            "Trump won in 2016, on Nov. 8, 2016; last year, this week, Friday.",
            "",
            &[
                ("2016", "2016", "2016-01-01", "2016-12-31", Year),
                (
                    "Nov. 8, 2016",
                    "2016-11-08",
                    "2016-11-08",
                    "2016-11-08",
                    Day,
                ),
            ],
        );
    }

    // ----- other written forms (constructed) ---------------------------------------------

    #[test]
    fn written_forms() {
        let cases: &[Case] = &[
            ("", "The plan was filed on 22 March 2025 with the regulator.",
                &[("22 March 2025", "2025-03-22", "2025-03-22", "2025-03-22", Day)]),
            ("", "Saturday, March 22, 2025 was the day the ceasefire collapsed.",
                &[("Saturday, March 22, 2025", "2025-03-22", "2025-03-22", "2025-03-22", Day)]),
            ("", "The file was last updated 2025-03-22 by the clerk.",
                &[("2025-03-22", "2025-03-22", "2025-03-22", "2025-03-22", Day)]),
            ("", "It will hold a meeting on Mar. 22nd 2025 in Paris.",
                &[("Mar. 22nd 2025", "2025-03-22", "2025-03-22", "2025-03-22", Day)]),
            ("", "MEETING SET FOR MARCH 23, 1987",
                &[("MARCH 23, 1987", "1987-03-23", "1987-03-23", "1987-03-23", Day)]),
            ("", "The leap day, February 29, 2024, fell on a Thursday.",
                &[("February 29, 2024", "2024-02-29", "2024-02-29", "2024-02-29", Day)]),
            ("", "The deal is expected to close by the end of March of 2026.",
                &[("March of 2026", "2026-03", "2026-03-01", "2026-03-31", Month)]),
            ("", "Revenue in Q3 2024 beat expectations.",
                &[("Q3 2024", "2024-Q3", "2024-07-01", "2024-09-30", Quarter)]),
            ("", "Heating demand peaked in the winter of 2009 as temperatures dropped.",
                &[("the winter of 2009", "2009-WI", "2009-12-01", "2010-02-28", Sea)]),
            ("", "The loans were made between 2019 and 2021, auditors found.",
                &[("between 2019 and 2021", "2019-01-01..2021-12-31", "2019-01-01", "2021-12-31", Range)]),
            ("", "The bubble of the \u{2019}90s burst.", &[]),
            ("1998-03-01", "Those were the excesses of the '80s.",
                &[("the '80s", "1980s", "1980-01-01", "1989-12-31", Decade)]),
            ("2025-03-22", "The exchange offer runs March 3-7 and the shares list on the 31st of March.",
                &[
                    ("March 3-7", "2025-03-03..2025-03-07", "2025-03-03", "2025-03-07", Range),
                    ("31st of March", "2025-03-31", "2025-03-31", "2025-03-31", Day),
                ]),
            // Nearest year: a December date in a January article is last year's.
            ("1998-01-05", "The bombing on Dec. 30 killed three people; the trial opens Jan. 9.",
                &[
                    ("Dec. 30", "1997-12-30", "1997-12-30", "1997-12-30", Day),
                    ("Jan. 9", "1998-01-09", "1998-01-09", "1998-01-09", Day),
                ]),
            ("2025-03-22", "The minister resigned last Saturday; the vote is this Saturday and talks resume next Saturday.",
                &[
                    ("last Saturday", "2025-03-15", "2025-03-15", "2025-03-15", Day),
                    ("this Saturday", "2025-03-22", "2025-03-22", "2025-03-22", Day),
                    ("next Saturday", "2025-03-29", "2025-03-29", "2025-03-29", Day),
                ]),
            ("2025-03-22", "Sales fell this past winter; next winter looks better, and the Q3 numbers were weak.",
                &[
                    ("this past winter", "2024-WI", "2024-12-01", "2025-02-28", Sea),
                    ("next winter", "2025-WI", "2025-12-01", "2026-02-28", Sea),
                    ("Q3", "2024-Q3", "2024-07-01", "2024-09-30", Quarter),
                ]),
            ("2025-03-22", "The layoffs will be completed late next year, and wages rose last month.",
                &[
                    ("late next year", "2026", "2026-01-01", "2026-12-31", Year),
                    ("last month", "2025-02", "2025-02-01", "2025-02-28", Month),
                ]),
        ];
        for (pub_date, sentence, want) in cases {
            check(sentence, pub_date, want);
        }
    }

    // ----- look-alikes -----------------------------------------------------------------

    #[test]
    fn look_alikes_yield_nothing() {
        let pub_date = "2017-12-01";
        let texts = [
            // Verbatim from the shared corpora.
            "The 400 series is the latest model of the Boeing 747 family, he said.",
            "and install and maintain telephone circuitry for 7-Eleven's MovieQuick and computerized lottery systems.",
            "Claus Jensen's deflected second-half strike awarded Fulham a 1-0 victory over visiting Everton.",
            "Hernani and Madjer fought back with a goal each to secure a 5-4 victory for the Portuguese.",
            "applied to the CFTC for an earlier precious metals opening to match the CME's starting time of 7:20 a.m. CDT.",
            "may have been short-lived.",
            "Some of the workers may be transferred to other Sears operations.",
            "Since Trump became president, May has gone out of her way to cultivate a good relationship with him.",
            "It was published in the Sunday Telegraph.",
            "Hollinger Inc said it purchased Saturday Night, a Canadian general-interest magazine.",
            "The \"Black Monday\" stock market crash failed to destroy Americans' faith in the economic soundness of the country",
            "Asked on NBC's \"Today\" program if the United States was prepared for a major war with Iran, Weinberger said",
            "surplus grains and dairy products under the Section 416 food donation program.",
            "A civil defence emergency was declared in Whakatane which has about 16,000 people.",
            "So far more than 900,000 shares have traded.",
            "The company said Falk has resigned as chairman of DHL and now owns 213,567 shares.",
            // Constructed.
            "The rule is set out in Section 2025 of the tax code.",
            "Call the hotline at 555-2025 or 1-800-555-2025.",
            "The ticket cost $2,025 including taxes.",
            "May I ask a question, Mr. Chairman?",
            "Thousands joined a protest march through the capital.",
            "March on Washington organisers expect a big crowd.",
            "About 1,500 workers were laid off.",
            "The company employs 2025 people in Ohio.",
            "See page 1987 of the report for details.",
            "February 30, 2025 is not a date anyone will remember.",
            "Prime Minister Theresa May said Britain would leave.",
            "Theresa May's government faced a confidence vote.",
            "Good Friday agreement talks continued.",
            "Shares rose 2.5 percent to 1,987.3 points.",
            "The ratio was 2025/2026 according to the filing.",
            "Flight 2016 landed safely in Denver.",
            "The winter storm closed roads.",
            "Nearly 1999 ballots were spoiled.",
            "She won the 1500 metres at the games.",
            "Audi Q3 sales rose sharply.",
            "The spring water company expanded.",
            "The fall of the Berlin Wall changed Europe, and a fall of 3% followed.",
            "June Carter sang with Johnny Cash.",
            "The 1900s saw enormous change.",
            "Shares have risen 40% in the last year and over the past week.",
            "The people of tomorrow will judge us.",
        ];
        for t in texts {
            check(t, pub_date, &[]);
        }
    }

    // ----- robustness ------------------------------------------------------------------

    /// Random texts glued from date-like pieces, punctuation and multi-byte characters:
    /// no panic, offsets on char boundaries, mentions ordered and disjoint (checked by `run`).
    #[test]
    fn fuzz_pieces() {
        const PIECES: &[&str] = &[
            "March",
            "Mar.",
            "May",
            "22",
            "2025",
            "1990s",
            "'90s",
            "\u{2019}",
            "s",
            "-",
            "\u{2013}",
            ",",
            ".",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\u{a0}",
            "last",
            "next",
            "this",
            "past",
            "the",
            "Saturday",
            "today",
            "week",
            "weekend",
            "year",
            "summer",
            "fall",
            "quarter",
            "third",
            "Q3",
            "ago",
            "two",
            "in",
            "of",
            "mid",
            "early",
            "31st",
            "1",
            "1987",
            "2100",
            "\u{e9}",
            "\u{65e5}",
            "$",
            "%",
            ":",
            "/",
            "'s",
            "Good",
            "since",
            "will",
            "said",
            "Christmas",
            "New",
            "Year",
            "Day",
            "Eve",
            "nineteen",
            "ninety",
            "-six",
            "earlier",
            "from",
            "to",
            "between",
            "and",
            "on",
            "day",
            "Thanksgiving",
            "Election",
            "3/",
            "22/",
            "/2025",
            "13",
            "year-",
            "current",
            "latest",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let n = next() % 12 + 1;
            let mut text = String::new();
            for _ in 0..n {
                text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
                if next() % 2 == 0 {
                    text.push(' ');
                }
            }
            let pub_date = if next() % 4 == 0 { "" } else { "2025-03-22" };
            run(&text, pub_date);
        }
    }

    #[test]
    fn robust_on_odd_input() {
        let p = Some(d("2025-03-22"));
        let big_digits = "9".repeat(100_000);
        let cases = [
            String::new(),
            "March".into(),
            "March 2".into(),
            "March 31, 20".into(),
            "2025-".into(),
            "2025-03-2".into(),
            "’90s".into(),
            "'".into(),
            "Q".into(),
            "на прошлой неделе 2025 года, 22 марта".into(),
            "日本の2025年3月22日".into(),
            "éMarch 22, 2025 and March 22, 2025é".into(),
            "\u{a0}March\u{a0}22,\u{a0}2025".into(),
            big_digits.clone(),
            format!("in {big_digits}"),
            "March ".repeat(10_000),
            "last ".repeat(10_000) + "week",
            "-".repeat(10_000) + "2025",
            "3/".into(),
            "22/03/".into(),
            "nineteen ninety-".into(),
            "New Year's".into(),
            "from March 3 to".into(),
            "year-earlier".into(),
        ];
        for c in &cases {
            let got = RuleBasedDates.extract_dates(c, p);
            for m in &got {
                assert_eq!(c.get(m.start..m.end), Some(m.text.as_str()));
            }
        }
        // Glued to a letter: not a date ("éMarch"); "2025é" is not a year.
        let got = run("éMarch 22, 2025 and March 22, 2025é", "2025-03-22");
        let got: Vec<_> = got.iter().map(|m| (m.start, m.text.as_str())).collect();
        assert_eq!(got, vec![(21, "March 22")]);
        let got = run("\u{a0}March\u{a0}22,\u{a0}2025", "");
        assert_eq!(got.len(), 1);
        // Extreme publication dates must not panic.
        for p in [NaiveDate::MIN, NaiveDate::MAX] {
            let t = "last year, next week, yesterday, tomorrow, last summer, next winter, July 31, the third quarter, Friday, two years ago, the '90s, before Christmas, New Year's Day, on Thanksgiving, Election Day, in the summer, a year earlier, year-ago, the quarter, the current fiscal year, on the day, from May 3 to May 7, 3/22/2025, nineteen ninety-six";
            let _ = RuleBasedDates.extract_dates(t, Some(p));
        }
    }

    // ----- periods ----------------------------------------------------------------------

    #[test]
    fn period_starts_tile_the_calendar() {
        let grans = [
            Granularity::Day,
            Granularity::Week,
            Granularity::Month,
            Granularity::Quarter,
            Granularity::Season,
            Granularity::Year,
            Granularity::Decade,
        ];
        for g in grans {
            let mut day = d("1987-12-25");
            let end = d("2001-03-05");
            let mut prev = period_bounds(g, day);
            while day < end {
                day = day.succ_opt().unwrap();
                let cur = period_bounds(g, day);
                assert!(cur.0 <= day && day <= cur.1, "{g:?} {day}");
                assert_eq!(period_start(g, day), cur.0);
                if cur != prev {
                    assert_eq!(
                        prev.1.succ_opt().unwrap(),
                        cur.0,
                        "{g:?} gap/overlap at {day}"
                    );
                    assert_eq!(cur.0, day);
                }
                assert_eq!(parse_value(&period_value(g, day)), Some((g, cur.0, cur.1)));
                prev = cur;
            }
        }
        assert_eq!(
            period_start(Granularity::Range, d("2024-07-13")),
            d("2024-07-13")
        );
        assert_eq!(
            period_start(Granularity::Season, d("2025-01-15")),
            d("2024-12-01")
        );
        assert_eq!(
            period_value(Granularity::Season, d("2025-02-28")),
            "2024-WI"
        );
        assert_eq!(
            period_start(Granularity::Week, d("2025-03-22")),
            d("2025-03-17")
        );
        assert_eq!(period_value(Granularity::Week, d("2021-01-02")), "2020-W53");
        assert_eq!(
            period_start(Granularity::Decade, d("1999-12-31")),
            d("1990-01-01")
        );
        assert_eq!(
            month_interval(2024, 2),
            Some((d("2024-02-01"), d("2024-02-29")))
        );
        assert_eq!(month_interval(2024, 13), None);
        for p in [NaiveDate::MIN, NaiveDate::MAX] {
            for g in grans {
                let _ = period_bounds(g, p);
                let _ = period_value(g, p);
            }
        }
    }

    #[test]
    fn parse_value_rejects_junk() {
        for v in [
            "",
            "2024-13",
            "2024-W54",
            "2024-Q5",
            "2024-XX",
            "1995s",
            "24",
            "2024-02-30",
            "2024-03-05..2024-03-01",
            "2024-3-5",
        ] {
            assert_eq!(parse_value(v), None, "{v}");
        }
    }
}

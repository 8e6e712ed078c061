//! Publication dates: the forms sources write them in, and the fallback chain
//! (stated date → date in the path → none).
//!
//! A stated date that is wrong is reported and skipped rather than trusted or
//! fatal: a typo in one file's header should neither misfile the article nor stop
//! the ingest, and an archive's folder names are usually a good second opinion.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::path::{Component, Path};

use chrono::NaiveDate;

use super::text::is_iso_shape;
use super::{one_line, DateSource, Sink};
use crate::calendar::names::{is_weekday, month_number};

/// Years outside this range are typos or IDs, not publication dates.
const MIN_YEAR: i32 = 1800;
const MAX_YEAR: i32 = 2100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Date-shaped, but no such day (2025-02-30).
    NotReal,
    /// A real date, but not a plausible publication year.
    OutOfRange,
    /// Not in any form we read.
    Unrecognised,
}

/// A date a source states about itself (header, front matter, JSON), parsed.
#[derive(Debug)]
pub(crate) struct Stated {
    source: DateSource,
    value: Result<NaiveDate, (Problem, String)>,
}

impl Stated {
    pub(crate) fn new(
        source: DateSource,
        raw: &str,
        parse: fn(&str) -> Result<NaiveDate, Problem>,
    ) -> Self {
        Stated {
            source,
            value: parse(raw).map_err(|problem| (problem, one_line(raw, 40))),
        }
    }

    pub(crate) fn unrecognised(source: DateSource, raw: &str) -> Self {
        Stated {
            source,
            value: Err((Problem::Unrecognised, one_line(raw, 40))),
        }
    }

    #[cfg(test)]
    pub(crate) fn value(&self) -> Result<NaiveDate, Problem> {
        self.value
            .as_ref()
            .copied()
            .map_err(|(problem, _)| *problem)
    }

    #[cfg(test)]
    pub(crate) fn source(&self) -> DateSource {
        self.source
    }
}

/// Where a date the page reader calls `Fetched` was stated, in a web archive; an MHTML
/// file's is [`SAVED_PLACE`] (the reader knows no MHTML, so that file's warnings are
/// reworded).
pub(super) const FETCHED_PLACE: &str = "in the record's WARC-Date";
/// Where an MHTML file states when it was saved.
pub(super) const SAVED_PLACE: &str = "in the file's Date header";
/// Where a mail message states when it was sent.
pub(super) const MAIL_PLACE: &str = "in the message's Date header";

fn describe(problem: Problem, raw: &str, source: DateSource) -> String {
    let place = match source {
        DateSource::Header => "in the header",
        DateSource::FrontMatter => "in the front matter",
        DateSource::Json => "in the JSON",
        DateSource::HtmlMeta => "in the page's metadata",
        DateSource::JsonLd => "in the page's JSON-LD",
        DateSource::Url => "in the page's address",
        DateSource::Feed => "in the feed item",
        DateSource::Fetched => FETCHED_PLACE,
        DateSource::Saved => SAVED_PLACE,
        DateSource::Mail => MAIL_PLACE,
        DateSource::Epub => "in the book's dc:date",
        DateSource::PdfText => "in the PDF's first lines",
        DateSource::PdfMeta => "in the PDF's metadata",
        DateSource::Printed => "as the PDF's print date",
        DateSource::Export => "in the export's date line",
        DateSource::Path => "in the path",
        DateSource::None => "",
    };
    match problem {
        Problem::NotReal => format!("date {raw} {place} is not a real date"),
        Problem::OutOfRange => {
            format!("date {raw} {place} is outside the years {MIN_YEAR}\u{2013}{MAX_YEAR}")
        }
        Problem::Unrecognised => format!("date \"{raw}\" {place} is not a recognised date"),
    }
}

/// The date of an article and where it came from: the stated date if it is good,
/// else the date in the path, else none.
pub(crate) fn resolve(
    stated: Option<Stated>,
    path: &PathDate<'_>,
    sink: &mut Sink<'_>,
) -> (Option<NaiveDate>, DateSource) {
    let bad = match stated {
        Some(Stated {
            source,
            value: Ok(date),
        }) => return (Some(date), source),
        Some(Stated {
            source,
            value: Err(bad),
        }) => Some((source, bad)),
        None => None,
    };
    let from_path = path.get(sink);
    if let Some((source, (problem, raw))) = bad {
        let next = match from_path {
            Some(_) => "using the date in the path",
            None => "article left undated",
        };
        sink.warn(format!("{}; {next}", describe(problem, &raw, source)));
    }
    match from_path {
        Some(date) => (Some(date), DateSource::Path),
        None => (None, DateSource::None),
    }
}

pub(crate) fn ymd(year: i32, month: u32, day: u32) -> Result<NaiveDate, Problem> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(Problem::OutOfRange);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Problem::NotReal)
}

/// Value of a run of ASCII digits (callers bound the length, so no overflow).
fn number(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |n, d| n * 10 + u32::from(d.wrapping_sub(b'0')))
}

fn all_digits(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_digit)
}

/// Exactly `YYYY-MM-DD`.
pub(crate) fn parse_iso(s: &str) -> Result<NaiveDate, Problem> {
    let b = s.as_bytes();
    if !is_iso_shape(b) {
        return Err(Problem::Unrecognised);
    }
    // Four digits: at most 9999, fits i32.
    ymd(number(&b[..4]) as i32, number(&b[5..7]), number(&b[8..10]))
}

/// The date forms found in front matter and JSON feeds: `YYYY-MM-DD`, an ISO/RFC
/// 3339 date-time (`T` or space), RFC 2822 (`Sat, 22 Mar 2025 10:00:00 GMT`) and
/// the like of `22 March 2025` / `March 22, 2025`. A date-time gives the calendar
/// date as written: converting time zones would move articles to a day their
/// source never printed.
pub(crate) fn parse_stated(s: &str) -> Result<NaiveDate, Problem> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() >= 10
        && is_iso_shape(&b[..10])
        && matches!(b.get(10), None | Some(b'T' | b't' | b' '))
    {
        // Bytes 0..10 are ASCII, so 10 is a char boundary.
        return parse_iso(&s[..10]);
    }
    parse_written(s).unwrap_or(Err(Problem::Unrecognised))
}

/// Day-month-year or month-day-year with a month name, after an optional weekday.
/// Anything after the year (a time, a zone) is ignored.
fn parse_written(s: &str) -> Option<Result<NaiveDate, Problem>> {
    let mut tokens = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty());
    let mut first = tokens.next()?;
    if is_weekday(first) {
        first = tokens.next()?;
    }
    let second = tokens.next()?;
    let year = tokens.next()?.as_bytes();
    let (day, month) = match (month_number(first), month_number(second)) {
        (None, Some(month)) => (first, month),
        (Some(month), None) => (second, month),
        _ => return None,
    };
    let day = day.as_bytes();
    if !(1..=2).contains(&day.len()) || !all_digits(day) || year.len() != 4 || !all_digits(year) {
        return None;
    }
    Some(ymd(number(year) as i32, month, number(day)))
}

/// The date in an article's path, looked up at most once per file and only when
/// an article needs it (most files state their own date).
pub(crate) struct PathDate<'p> {
    path: &'p Path,
    cached: OnceCell<Option<NaiveDate>>,
}

impl<'p> PathDate<'p> {
    pub(crate) fn new(path: &'p Path) -> Self {
        PathDate {
            path,
            cached: OnceCell::new(),
        }
    }

    fn get(&self, sink: &mut Sink<'_>) -> Option<NaiveDate> {
        *self.cached.get_or_init(|| {
            let mut problems = Vec::new();
            let date = date_in_path(self.path, &mut problems);
            for problem in problems {
                sink.warn_file(problem);
            }
            date
        })
    }
}

/// Searches the file name, then the folders from the innermost out, for
/// `YYYY-MM-DD` or `YYYYMMDD` standing alone between non-alphanumeric characters
/// (so digits inside hex hashes never match), or `YYYY/MM/DD` folders. The
/// innermost wins: it is the most specific about this file.
fn date_in_path(path: &Path, problems: &mut Vec<String>) -> Option<NaiveDate> {
    let parts: Vec<Cow<'_, str>> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy()),
            _ => None,
        })
        .collect();
    for i in (0..parts.len()).rev() {
        if let Some(date) = date_in_name(&parts[i], problems) {
            return Some(date);
        }
        if i >= 2 {
            if let Some(date) = date_in_folders(&parts[i - 2], &parts[i - 1], &parts[i], problems) {
                return Some(date);
            }
        }
    }
    None
}

/// ASCII punctuation, spaces etc. Non-ASCII bytes count as part of a word, which
/// errs on the side of not matching.
fn is_delimiter(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_alphanumeric()
}

fn date_in_name(name: &str, problems: &mut Vec<String>) -> Option<NaiveDate> {
    let b = name.as_bytes();
    let ends_at = |end: usize| end == b.len() || b.get(end).is_some_and(|&c| is_delimiter(c));
    for i in 0..b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && !is_delimiter(b[i - 1])) {
            continue;
        }
        if let Some(token) = b.get(i..i + 10) {
            if is_iso_shape(token) && ends_at(i + 10) {
                match ymd(
                    number(&token[..4]) as i32,
                    number(&token[5..7]),
                    number(&token[8..10]),
                ) {
                    Ok(date) => return Some(date),
                    Err(Problem::NotReal) => problems.push(path_problem(token)),
                    Err(_) => {}
                }
                continue;
            }
        }
        if let Some(token) = b.get(i..i + 8) {
            if all_digits(token) && ends_at(i + 8) {
                let (month, day) = (number(&token[4..6]), number(&token[6..8]));
                match ymd(number(&token[..4]) as i32, month, day) {
                    Ok(date) => return Some(date),
                    // Eight digits are often just a number; only complain when
                    // month and day are in range, i.e. it was surely meant as a date.
                    Err(Problem::NotReal)
                        if (1..=12).contains(&month) && (1..=31).contains(&day) =>
                    {
                        problems.push(path_problem(token));
                    }
                    Err(_) => {}
                }
            }
        }
    }
    None
}

fn date_in_folders(
    year: &str,
    month: &str,
    day: &str,
    problems: &mut Vec<String>,
) -> Option<NaiveDate> {
    let (y, m, d) = (year.as_bytes(), month.as_bytes(), day.as_bytes());
    let short = |b: &[u8]| (1..=2).contains(&b.len()) && all_digits(b);
    if y.len() != 4 || !all_digits(y) || !short(m) || !short(d) {
        return None;
    }
    let (month_n, day_n) = (number(m), number(d));
    match ymd(number(y) as i32, month_n, day_n) {
        Ok(date) => Some(date),
        Err(Problem::NotReal) if (1..=12).contains(&month_n) && (1..=31).contains(&day_n) => {
            problems.push(describe(
                Problem::NotReal,
                &format!("{year}/{month}/{day}"),
                DateSource::Path,
            ));
            None
        }
        Err(_) => None,
    }
}

fn path_problem(token: &[u8]) -> String {
    describe(
        Problem::NotReal,
        &String::from_utf8_lossy(token),
        DateSource::Path,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn in_path(path: &str) -> (Option<NaiveDate>, Vec<String>) {
        let mut problems = Vec::new();
        let date = date_in_path(Path::new(path), &mut problems);
        (date, problems)
    }

    #[test]
    fn iso() {
        assert_eq!(parse_iso("2025-03-22"), Ok(d(2025, 3, 22)));
        assert_eq!(parse_iso("2025-02-30"), Err(Problem::NotReal));
        assert_eq!(parse_iso("2025-13-01"), Err(Problem::NotReal));
        assert_eq!(parse_iso("2025-00-10"), Err(Problem::NotReal));
        assert_eq!(parse_iso("2024-02-29"), Ok(d(2024, 2, 29)));
        assert_eq!(parse_iso("1799-12-31"), Err(Problem::OutOfRange));
        assert_eq!(parse_iso("2101-01-01"), Err(Problem::OutOfRange));
        assert_eq!(parse_iso("1800-01-01"), Ok(d(1800, 1, 1)));
        assert_eq!(parse_iso("9999-99-99"), Err(Problem::OutOfRange));
        assert_eq!(parse_iso("2025-3-22"), Err(Problem::Unrecognised));
    }

    #[test]
    fn values() {
        let ok = |s: &str| parse_stated(s).unwrap();
        assert_eq!(ok(" 2025-03-22 "), d(2025, 3, 22));
        assert_eq!(ok("2025-03-22T10:30:00Z"), d(2025, 3, 22));
        assert_eq!(
            ok("2025-03-22T23:30:00-05:00"),
            d(2025, 3, 22),
            "as written, no zone conversion"
        );
        assert_eq!(ok("2025-03-22t01:00:00.123+09:00"), d(2025, 3, 22));
        assert_eq!(ok("2025-03-22 10:30"), d(2025, 3, 22));
        assert_eq!(ok("2025-03-22 10:30:00"), d(2025, 3, 22));
        assert_eq!(ok("Sat, 22 Mar 2025 10:00:00 GMT"), d(2025, 3, 22));
        assert_eq!(ok("Sat, 22 Mar 2025 23:00:00 -0500"), d(2025, 3, 22));
        assert_eq!(ok("1 Sep 1987"), d(1987, 9, 1));
        assert_eq!(ok("22 March 2025"), d(2025, 3, 22));
        assert_eq!(ok("March 22, 2025"), d(2025, 3, 22));
        assert_eq!(ok("Saturday, Sept. 6, 1997"), d(1997, 9, 6));
        assert_eq!(
            parse_stated("Mon, 30 Feb 2025 10:00:00 GMT"),
            Err(Problem::NotReal)
        );
        assert_eq!(parse_stated("2025-02-30T10:00:00Z"), Err(Problem::NotReal));
        assert_eq!(parse_stated("1492-10-12"), Err(Problem::OutOfRange));
        for bad in [
            "",
            "yesterday",
            "2025-03-22X",
            "2025/03/22",
            "22 Mar 25",
            "Mar Mar 2025",
            "123 Mar 2025",
            "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}",
            "1742637600",
        ] {
            assert_eq!(parse_stated(bad), Err(Problem::Unrecognised), "{bad:?}");
        }
    }

    #[test]
    fn path_forms() {
        assert_eq!(in_path("a/2025-03-22.txt").0, Some(d(2025, 3, 22)));
        assert_eq!(
            in_path("a/report-2025-03-22-final.md").0,
            Some(d(2025, 3, 22))
        );
        assert_eq!(in_path("a/20250322_story.txt").0, Some(d(2025, 3, 22)));
        assert_eq!(in_path("a/story.20250322.json").0, Some(d(2025, 3, 22)));
        assert_eq!(in_path("2025-03-22/story.txt").0, Some(d(2025, 3, 22)));
        assert_eq!(in_path("/srv/x/20250322/story.txt").0, Some(d(2025, 3, 22)));
        assert_eq!(
            in_path("archive/2025/03/22/story.txt").0,
            Some(d(2025, 3, 22))
        );
        assert_eq!(in_path("archive/2025/3/2/story.txt").0, Some(d(2025, 3, 2)));
    }

    #[test]
    fn innermost_path_date_wins() {
        assert_eq!(
            in_path("1999-01-01/2025/03/22/2024-12-31_story.txt").0,
            Some(d(2024, 12, 31))
        );
        assert_eq!(
            in_path("1999-01-01/2025/03/22/story.txt").0,
            Some(d(2025, 3, 22))
        );
    }

    #[test]
    fn no_date_in_path() {
        for path in [
            "seed/000_eaf787878c6b65eb.txt",
            "seed/000_eaf78787.txt",
            "x/a20250322.txt",
            "x/2025032212.txt",
            "x/12345678.txt",
            "x/2025-03-22x.txt",
            "reuters21578/1987/02/00000_73f91cc94b575ccd.txt",
            "v2025-03-22/x.txt",
            "caf\u{e9}2025-03-22.txt",
            "",
            "/",
        ] {
            assert_eq!(in_path(path), (None, vec![]), "{path:?}");
        }
    }

    #[test]
    fn impossible_path_dates_are_reported() {
        assert_eq!(
            in_path("x/2025-02-30.txt"),
            (
                None,
                vec!["date 2025-02-30 in the path is not a real date".to_owned()]
            )
        );
        assert_eq!(
            in_path("x/20250230.txt"),
            (
                None,
                vec!["date 20250230 in the path is not a real date".to_owned()]
            )
        );
        assert_eq!(
            in_path("2025/02/30/x.txt"),
            (
                None,
                vec!["date 2025/02/30 in the path is not a real date".to_owned()]
            )
        );
        // An impossible file-name date does not hide a good folder date.
        let (date, problems) = in_path("2025-03-01/2025-02-30.txt");
        assert_eq!((date, problems.len()), (Some(d(2025, 3, 1)), 1));
        // Eight digits that cannot be a date are not worth a warning.
        assert_eq!(in_path("x/20251399.txt"), (None, vec![]));
    }

    /// The date lines of news-database exports, as `parse_stated` reads them.
    #[test]
    fn export_date_lines() {
        let day = |y, m, d| Ok(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(parse_stated("March 5, 2024 Tuesday"), day(2024, 3, 5));
        assert_eq!(
            parse_stated("July 1, 2019 Monday 9:20 AM GMT"),
            day(2019, 7, 1)
        );
        assert_eq!(parse_stated("5 March 2024"), day(2024, 3, 5));
        assert_eq!(parse_stated("Mar 5, 2024"), day(2024, 3, 5));
        assert_eq!(parse_stated("Tuesday, March 5, 2024"), day(2024, 3, 5));
        assert_eq!(parse_stated("Final Edition"), Err(Problem::Unrecognised));
        assert_eq!(parse_stated("1,523 words"), Err(Problem::Unrecognised));
    }

    fn run(stated: Option<Stated>, path: &str) -> ((Option<NaiveDate>, DateSource), Vec<String>) {
        let mut out = Vec::new();
        let mut sink = Sink {
            out: &mut out,
            line: None,
        };
        let path_date = PathDate::new(Path::new(path));
        let result = resolve(stated, &path_date, &mut sink);
        (result, out)
    }

    #[test]
    fn chain() {
        let good = Stated::new(DateSource::FrontMatter, "2025-03-22", parse_stated);
        assert_eq!(
            run(Some(good), "2020-01-01.md"),
            ((Some(d(2025, 3, 22)), DateSource::FrontMatter), vec![])
        );
        assert_eq!(
            run(None, "2020-01-01.md"),
            ((Some(d(2020, 1, 1)), DateSource::Path), vec![])
        );
        assert_eq!(run(None, "x.md"), ((None, DateSource::None), vec![]));

        let bad = Stated::new(DateSource::Json, "next tuesday", parse_stated);
        assert_eq!(
            run(Some(bad), "2020-01-01.json"),
            (
                (Some(d(2020, 1, 1)), DateSource::Path),
                vec!["date \"next tuesday\" in the JSON is not a recognised date; using the date in the path".to_owned()]
            )
        );
        let old = Stated::new(DateSource::Header, "1492-10-12", parse_iso);
        assert_eq!(
            run(Some(old), "x.txt").1,
            ["date 1492-10-12 in the header is outside the years 1800\u{2013}2100; article left undated"]
        );
    }

    #[test]
    fn path_is_examined_once_per_file() {
        let mut out = Vec::new();
        let path_date = PathDate::new(Path::new("2025-02-30/2025/03/01/x.jsonl"));
        for line in 1..=3 {
            let mut sink = Sink {
                out: &mut out,
                line: Some(line),
            };
            assert_eq!(
                resolve(None, &path_date, &mut sink),
                (Some(d(2025, 3, 1)), DateSource::Path)
            );
        }
        assert!(out.is_empty(), "{out:?}");
        let path_date = PathDate::new(Path::new("2025-02-30.jsonl"));
        for line in 1..=3 {
            let mut sink = Sink {
                out: &mut out,
                line: Some(line),
            };
            resolve(None, &path_date, &mut sink);
        }
        assert_eq!(out, ["date 2025-02-30 in the path is not a real date"]);
    }

    #[test]
    fn long_unrecognised_values_are_shortened_in_warnings() {
        let raw = format!("{}\nmore", "x".repeat(100));
        let (_, warnings) = run(
            Some(Stated::new(DateSource::Json, &raw, parse_stated)),
            "a.json",
        );
        assert_eq!(
            warnings,
            [format!(
                "date \"{}\u{2026}\" in the JSON is not a recognised date; article left undated",
                "x".repeat(40)
            )]
        );
    }
}

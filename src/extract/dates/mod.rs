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
//! # Where things are
//! - `scanner.rs`: the pass over the text, the keyword and digit dispatch (`word`,
//!   `number` in `numbers.rs`) and the look-around helpers every anchor uses.
//! - `words.rs`: the vocabulary as data: keywords (`words::keyword`: month and weekday
//!   names, deictic words, units, holidays), number and ordinal words, cue-word tables.
//! - One file per kind of expression, each an `impl Scanner` block: `months.rs`,
//!   `weekdays.rs`, `days.rs` (today, yesterday, the same day), `units.rs` (last year, next
//!   week, the weekend, ago), `quarters.rs`, `seasons.rs`, `anchored.rs` (a year earlier,
//!   year-end, that year, the following month), `decades.rs` (decades and centuries in
//!   words, years read out), `holidays.rs`, `numbers.rs` (years, ISO and numeric dates,
//!   year ranges, decades in digits).
//! - `resolve.rs`: which occurrence an expression without a year means, and the tense of
//!   its clause.
//! - Intervals and values of each granularity are the calendar's (`crate::calendar`),
//!   shared with the index, search and the article reader.
//! - This file: [`extract`], the overlap rule (leftmost-longest) and the joining of two
//!   dates into a range.
//!
//! To add a form: a new keyword goes in `words::keyword` and its `Kw` variant, its
//! parse in the anchor file of its kind (or a new one), dispatched from `Scanner::word`;
//! a sentence for it (and look-alikes that must not match) in
//! `tests/fixtures/dates/regression.tsv`.
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

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::{DateExtractor, DateMention};

mod anchored;
mod days;
mod decades;
mod holidays;
mod months;
mod numbers;
mod quarters;
mod resolve;
mod scanner;
mod seasons;
#[cfg(test)]
mod tests;
mod units;
mod weekdays;
mod words;

use crate::calendar::*;
use resolve::*;
use scanner::*;
use words::*;

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
    let mut kept = join_ranges(text.as_bytes(), kept);
    shift_day_before_after(text.as_bytes(), &mut kept);
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

/// "the day before Tuesday", "the day after tomorrow", "a day before March 3": the day
/// next to the one named. The span starts at "the"/"a" (or "day").
fn shift_day_before_after(b: &[u8], kept: &mut [Cand]) {
    let word_before = |p: usize| -> Option<(usize, &[u8])> {
        let e = p.checked_sub(1).filter(|&e| b[e] == b' ')?;
        let mut s = e;
        while s > 0 && e - s < 7 && b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        (s < e && (s == 0 || !b[s - 1].is_ascii_alphanumeric())).then(|| (s, &b[s..e]))
    };
    for c in kept
        .iter_mut()
        .filter(|c| c.granularity == Granularity::Day)
    {
        let Some((ls, link)) = word_before(c.start) else {
            continue;
        };
        let days: i64 = if link.eq_ignore_ascii_case(b"before") {
            -1
        } else if link.eq_ignore_ascii_case(b"after") {
            1
        } else {
            continue;
        };
        let Some((ds, day)) = word_before(ls) else {
            continue;
        };
        if !day.eq_ignore_ascii_case(b"day") {
            continue;
        }
        let start = match word_before(ds) {
            Some((s, w)) if w.eq_ignore_ascii_case(b"the") || w.eq_ignore_ascii_case(b"a") => s,
            _ => ds,
        };
        let shifted = if days < 0 {
            c.from.checked_sub_days(Days::new(1))
        } else {
            c.from.checked_add_days(Days::new(1))
        };
        if let Some(d) = shifted {
            *c = Cand {
                start,
                from: d,
                to: d,
                ..*c
            };
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Cand {
    start: usize,
    end: usize,
    granularity: Granularity,
    from: NaiveDate,
    to: NaiveDate,
}

//! Years, months and weeks counted from publication or from the last date found: "a year
//! earlier", "year-ago", "by year-end", "for the year", "that year", "the following
//! month", "for the week", "the latest period".

use super::*;

impl Scanner<'_> {
    /// "year-earlier", "year-ago" (adjectives of comparisons with a year before the
    /// publication): pushes the year before the publication year and returns whether it did.
    pub(super) fn year_hyphen_before(&mut self, ws: usize, we: usize) -> bool {
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

    /// "a year earlier", "a year ago": a year before the date the sentence or the one
    /// before it is about ("sales in the third quarter rose from a year earlier": the third
    /// quarter of the year before, as TimeML anchors it), else the year before the
    /// publication year.
    pub(super) fn push_anchored_year_before(&mut self, start: usize, end: usize) {
        if let Some(anchor) = self.recent_anchor(start) {
            let shifted = match anchor.granularity {
                Granularity::Day => anchor.from.checked_sub_months(Months::new(12)),
                _ => shift_months(anchor.from, -12),
            };
            if let Some(d) = shifted {
                self.push_period(start, end, anchor.granularity, d);
                return;
            }
        }
        self.push_year_before(start, end);
    }

    /// The year before the publication year.
    pub(super) fn push_year_before(&mut self, start: usize, end: usize) {
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
    pub(super) fn on_earlier(&mut self, ws: usize, we: usize) {
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
        self.push_anchored_year_before(start, we);
    }

    /// The last date found in the 300 bytes before `pos` that a comparison with "a year
    /// earlier" counts from: a calendar day written with its number ("the quarter ended
    /// Sept. 30"; not "Friday" or "yesterday", which are the news, not the period reported),
    /// a month, quarter or season. A year is not one: "last year ... a year earlier"
    /// compares with last year.
    fn recent_anchor(&self, pos: usize) -> Option<Cand> {
        self.out
            .iter()
            .rev()
            .take_while(|c| c.end + 300 >= pos)
            .find(|c| {
                // "June" inside "April-June" is not a date the sentence is about.
                // (Candidates are pushed in text order: only the recent ones can hold it.)
                let inside_longer = self
                    .out
                    .iter()
                    .rev()
                    .take_while(|o| o.end + 600 >= pos)
                    .any(|o| {
                        o.start <= c.start && c.end <= o.end && o.end - o.start > c.end - c.start
                    });
                c.end <= pos
                    && !inside_longer
                    && !self.counted_back(c)
                    && match c.granularity {
                        Granularity::Day => self.b[c.start..c.end].iter().any(u8::is_ascii_digit),
                        Granularity::Month | Granularity::Quarter | Granularity::Season => true,
                        _ => false,
                    }
            })
            .copied()
    }

    /// Whether a mention is itself counted back from another ("a year ago", "a month
    /// earlier", "the same period last year", "last month"): the period a sentence is
    /// about is named, never counted, so "27.7 billion a year ago" after "33.8 billion a
    /// month ago" is a year before the month the sentence reports, not before that month
    /// ago (which chained a year too far).
    fn counted_back(&self, c: &Cand) -> bool {
        let text = self.b[c.start..c.end].to_ascii_lowercase();
        let has = |word: &[u8]| {
            text.windows(word.len()).enumerate().any(|(at, window)| {
                window == word
                    && (at == 0 || !text[at - 1].is_ascii_alphabetic())
                    && text
                        .get(at + word.len())
                        .is_none_or(|b| !b.is_ascii_alphabetic())
            })
        };
        [
            &b"ago"[..],
            b"earlier",
            b"same",
            b"month",
            b"year-ago",
            b"year-earlier",
        ]
        .iter()
        .any(|word| has(word))
    }

    /// The year of the last date found before `pos` (the end of a range), else the
    /// publication year: what "that year" and "the following year" count from.
    pub(super) fn anchor_year(&self, pos: usize, p: NaiveDate) -> i32 {
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
    pub(super) fn year_end(&mut self, ws: usize, we: usize, p: NaiveDate) {
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
    pub(super) fn the_year(&mut self, ws: usize, we: usize, p: NaiveDate) {
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
    pub(super) fn anchored_year(&mut self, ws: usize, we: usize, p: NaiveDate) {
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
    pub(super) fn the_week(&mut self, ws: usize, we: usize, p: NaiveDate) {
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

    /// "the following month", "the previous month": from the month of the last date found
    /// before (else the publication month).
    pub(super) fn anchored_month(&mut self, ws: usize, we: usize, p: NaiveDate) {
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
    pub(super) fn latest_period(&mut self, ws: usize, we: usize) {
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
}

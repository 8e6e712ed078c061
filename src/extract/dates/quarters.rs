//! Quarters: "the third quarter (of 2024)", "third-quarter", "Q3 2024", "this year's third
//! quarter", "the latest quarter", "that quarter".

use super::*;

impl Scanner<'_> {
    pub(super) fn on_quarter(&mut self, ws: usize, we: usize) {
        // "this/last/next quarter".
        if let Some((rel, start)) = self.rel_before(ws) {
            // "last quarter 1986": the year's final quarter.
            let r = self.ws_fwd(we);
            if let (Rel::Last, true, Some((year, e))) = (rel, r > we, self.year_at(r, 1900, 2100)) {
                if let Some((from, to)) = quarter_interval(year, 4) {
                    self.push(start, e, Granularity::Quarter, from, to);
                }
                return;
            }
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
        // "its fourth quarter ending March 31", "the second quarter ended January 31": a
        // fiscal quarter, the three months up to that day.
        if year.is_none() {
            if let Some((from, to)) = self.quarter_ending_after(end) {
                self.push(start, end, Granularity::Range, from, to);
                return;
            }
        }
        let year = match year {
            Some(y) => y,
            // "He scored twice in the third quarter": a quarter of a game.
            None if self.in_sports_sentence(start, end) => return,
            None => match self.pub_date {
                Some(p) => nearest_quarter_year(p, n, self.tense(start)),
                None => return,
            },
        };
        if let Some((from, to)) = quarter_interval(year, n) {
            self.push(start, end, Granularity::Quarter, from, to);
        }
    }

    /// After a quarter, "ended/ending/ends [on] MONTH DAY[, YEAR]": the first day of the
    /// month two before that month and the day itself.
    fn quarter_ending_after(&self, end: usize) -> Option<(NaiveDate, NaiveDate)> {
        let verb = self.next_word(end);
        if !self.is_any(verb, &["ended", "ending", "ends"]) {
            return None;
        }
        let (_, mut at) = verb?;
        let mut name = self.next_word(at);
        if self.is(name, "on") {
            at = name?.1;
            name = self.next_word(at);
        }
        let (ms, me) = name?;
        let month = names::month_number(self.text.get(ms..me)?)?;
        let dot = usize::from(self.byte(me) == b'.');
        let (day, _, day_end) = self.day_at(self.ws_fwd(me + dot))?;
        let r = self.ws_fwd(if self.byte(day_end) == b',' {
            day_end + 1
        } else {
            day_end
        });
        let last = match self.year_at(r, 1900, 2100) {
            Some((year, _)) => NaiveDate::from_ymd_opt(year, month, day)?,
            None => {
                let tense = if self.is(verb, "ended") {
                    Tense::Past
                } else {
                    self.tense(end)
                };
                nearest_month_day(self.pub_date?, month, day, tense)?
            }
        };
        let first = shift_months(NaiveDate::from_ymd_opt(last.year(), last.month(), 1)?, -2)?;
        Some((first, last))
    }

    /// Does the sentence around `start..end` (at most 200 bytes each way) speak of a game:
    /// "scored", "touchdown", "game" ...?
    fn in_sports_sentence(&self, start: usize, end: usize) -> bool {
        let lo = start.saturating_sub(200);
        let hi = self.b.len().min(end + 200);
        let sentence_end = |i: usize| {
            matches!(self.b[i], b'.' | b'!' | b'?' | b'\n')
                && self.b.get(i + 1).is_none_or(|c| *c == b' ' || *c == b'\n')
        };
        let from = (lo..start)
            .rev()
            .find(|&i| sentence_end(i))
            .map_or(lo, |i| i + 1);
        let to = (end..hi).find(|&i| sentence_end(i)).unwrap_or(hi);
        let mut i = from;
        while i < to {
            if self.b[i].is_ascii_alphabetic() && (i == 0 || !self.b[i - 1].is_ascii_alphabetic()) {
                let mut e = i;
                while e < to && self.b[e].is_ascii_alphabetic() {
                    e += 1;
                }
                if self.is_any(Some((i, e)), SPORTS_WORDS) {
                    return true;
                }
                i = e;
            } else {
                i += 1;
            }
        }
        false
    }

    /// "3rd" ending at `e`.
    pub(super) fn ordinal_digits_ending_at(&self, e: usize) -> Option<(usize, usize)> {
        if e < 3 || !self.b[e - 3].is_ascii_digit() {
            return None;
        }
        let s = e - 3;
        (self.boundary_before(s) && self.boundary_after(e) && self.ordinal_suffix(s + 1) == Some(e))
            .then_some((s, e))
    }

    /// "this year's" / "last year's" / "next year's" ending at `e`: (year, start).
    pub(super) fn years_possessive_ending_at(&self, e: usize) -> Option<(i32, usize)> {
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
    pub(super) fn rel_year_at(&self, p: usize) -> Option<(i32, usize)> {
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

    pub(super) fn on_q(&mut self, ws: usize, we: usize, q: u32) {
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

    // numeric dates ----------------------------------------------------------------------

    /// "the latest quarter", "the most recent quarter", "the quarter" (in company news,
    /// the quarter just reported): the last quarter that ended before the publication
    /// date — for a bare "the quarter" only in the first 50 days of a quarter (results
    /// season), after that the quarter under way. Returns whether it took the word.
    pub(super) fn latest_quarter(&mut self, ws: usize, we: usize) -> bool {
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

    /// "that quarter" ("Results for that quarter included …"): the quarter of the last
    /// quarter found before. Returns whether it took the word.
    pub(super) fn that_quarter(&mut self, ws: usize, we: usize) -> bool {
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
}

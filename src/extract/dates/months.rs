//! Expressions anchored on a month name: "March 22, 2025", "22 March", "March 2026",
//! "in March", "last March", "April-June".

use super::*;

impl Scanner<'_> {
    pub(super) fn on_month(&mut self, ws: usize, we: usize, month: u32, abbr: bool, upper: bool) {
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
                // "January nineteen ninety-seven".
                let spoken = self.word_starting_at(r);
                if found.is_none() && self.is(spoken, "nineteen") {
                    found = spoken.and_then(|(_, e)| self.spoken_year_after(e));
                }
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
            // A word and a number in a table of figures is a quantity; so is a far year
            // after an abbreviated month without a day ("Dec 1403").
            let far = found.is_some_and(|(y, _)| !(1900..=2100).contains(&y));
            if found.is_some_and(|(_, e)| {
                day.is_none() && ((far && abbr) || self.in_figure_table(ws, e))
            }) {
                found = None;
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
    pub(super) fn month_range(&mut self, ws: usize, we: usize, m1: u32) -> bool {
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

    /// The first day of the month named just before `start` in a list ("May, June" or
    /// "July and August"), if there is one.
    fn listed_after(&self, start: usize) -> Option<NaiveDate> {
        self.listed_index(start, self.out.len())
            .map(|index| self.out[index].from)
    }

    /// Where the list of months that the month at `start` ends begins.
    fn list_start(&self, start: usize) -> usize {
        let (mut at, mut upto) = (start, self.out.len());
        while let Some(index) = self.listed_index(at, upto) {
            (at, upto) = (self.out[index].start, index);
        }
        at
    }

    /// The index of the candidate among the first `upto` that is a month named just before
    /// `start` in a list.
    fn listed_index(&self, start: usize, upto: usize) -> Option<usize> {
        let q = self.ws_back(start);
        let before = if q > 0 && self.b[q - 1] == b',' {
            q - 1
        } else {
            let link = self.prev_word(start);
            if !self.is_any(link, &["and", "or"]) {
                return None;
            }
            let (ls, _) = link?;
            let q = self.ws_back(ls);
            if q > 0 && self.b[q - 1] == b',' {
                q - 1
            } else {
                q
            }
        };
        let index = upto.checked_sub(1)?;
        let candidate = self.out.get(index)?;
        (candidate.granularity == Granularity::Month && candidate.end == before).then_some(index)
    }

    /// A month name with neither day nor year: "in March", "last March", "early June",
    /// "January this year", "October" (unambiguous month names only).
    pub(super) fn bare_month(&mut self, ws: usize, we: usize, month: u32) {
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
            // "between March and May", "from April to May": the end of a range of months.
            let range_end = self.is_any(w, &["and", "to", "through", "until", "till"])
                && w.is_some_and(|(s, _)| {
                    let before = self.ws_back(s);
                    self.out
                        .last()
                        .is_some_and(|c| c.granularity == Granularity::Month && c.end == before)
                });
            cued |= range_end;
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
                None => match self.listed_after(start) {
                    // "will be issued in October, November, January and April": the year
                    // runs on through a list that looks ahead. Any other list may be
                    // latest first ("the same as in January and December"): each month is
                    // then the nearest, as alone.
                    Some(before) if self.tense(self.list_start(start)) == Tense::Future => {
                        before.year() + i32::from(month < before.month())
                    }
                    _ => nearest_month_year(p, month, self.tense(start)),
                },
            })
        };
        let Ok(year) = i32::try_from(year) else {
            return;
        };
        if explicit_year.is_some() {
            self.relist_before(start, year);
        }
        if let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) {
            self.push_period(start, end, Granularity::Month, first);
        }
    }

    /// "in April, August, September and December last year": the year said after the
    /// last month of a list is every month's.
    fn relist_before(&mut self, start: usize, year: i32) {
        let (mut at, mut upto) = (start, self.out.len());
        while let Some(index) = self.listed_index(at, upto) {
            let month = self.out[index].from.month();
            if let Some((from, to)) = month_interval(year, month) {
                (self.out[index].from, self.out[index].to) = (from, to);
            }
            (at, upto) = (self.out[index].start, index);
        }
    }
}

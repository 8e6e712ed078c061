//! Calendar units with last/this/next and counted back: "last year", "this month", "next
//! week", "over the weekend", "earlier this year", "two years ago".

use super::*;

impl Scanner<'_> {
    /// "last/this/next" + unit, with the start of the expression.
    pub(super) fn rel_before(&self, ws: usize) -> Option<(Rel, usize)> {
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

    /// "the past year", "the last year", "the next year (or so)", "the coming year": the
    /// calendar year before or after the publication year, as TimeML annotates them (the
    /// plurals, "the past two years", are durations and left out). Not "the last year of
    /// the war", which counts from something else.
    fn the_past_year(&mut self, ws: usize, we: usize, p: NaiveDate) {
        let rel = self.prev_word(ws);
        let the = rel.and_then(|(s, _)| self.prev_word(s));
        if !self.is(the, "the") || matches!(self.byte(we), b'-' | b'\'') {
            return;
        }
        let delta = if self.is_any(rel, &["past", "last"]) {
            -1
        } else if self.is_any(rel, &["next", "coming"]) {
            1
        } else {
            return;
        };
        let next = self.next_word(we);
        if self.is_any(
            next,
            &["of", "before", "after", "that", "when", "in", "since"],
        ) {
            return;
        }
        let mut end = we;
        if self.is(next, "or") {
            let so = next.and_then(|(_, e)| self.next_word(e));
            if self.is(so, "so") {
                end = so.map_or(end, |(_, e)| e);
            }
        }
        let Some((start, _)) = the else { return };
        // "risen 40% in the last year", "over the past year": a span of twelve months
        // up to now, a duration.
        let before = self.prev_word(start);
        if self.is_any(
            before,
            &["in", "over", "during", "for", "within", "throughout"],
        ) {
            return;
        }
        if let Some(d) = NaiveDate::from_ymd_opt(p.year() + delta, 1, 1) {
            self.push_period(start, end, Granularity::Year, d);
        }
    }

    pub(super) fn on_unit(&mut self, ws: usize, we: usize, unit: Unit) {
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
                    self.the_past_year(ws, we, p);
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
                // "the same period last year": the period the sentence is about, a year
                // back ("sales rose 43% in February compared to the same period last year").
                if delta == -1 {
                    if let Some(the) = self.the_same_period_before(start) {
                        self.push_anchored_year_before(the, we);
                        return;
                    }
                }
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

    /// The start of "the same period" (month, quarter, week, day, time) right before `pos`.
    fn the_same_period_before(&self, pos: usize) -> Option<usize> {
        let mut noun = self.prev_word(pos);
        if self.is(noun, "of") {
            noun = noun.and_then(|(s, _)| self.prev_word(s));
        }
        if !self.is_any(noun, &["period", "month", "quarter", "week", "day", "time"]) {
            return None;
        }
        let same = noun.and_then(|(s, _)| self.prev_word(s));
        let the = same.and_then(|(s, _)| self.prev_word(s));
        (self.is(same, "same") && self.is(the, "the")).then(|| the.map(|(s, _)| s))?
    }

    /// "the end of the year", "the rest of the year", "earlier in the year": the
    /// publication year.
    pub(super) fn part_of_the_year(&mut self, ws: usize, we: usize, p: NaiveDate) {
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
    pub(super) fn push_weekend(&mut self, start: usize, end: usize, day: NaiveDate) {
        let (monday, _) = period_bounds(Granularity::Week, day);
        if let (Some(sat), Some(sun)) = (add_days(monday, 5), add_days(monday, 6)) {
            self.push(start, end, Granularity::Range, sat, sun);
        }
    }

    /// "over the weekend", "at the weekend": the most recent weekend (or the coming one in a
    /// future sentence).
    pub(super) fn the_weekend(&mut self, ws: usize, we: usize, p: NaiveDate) {
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

    /// "in five years", "in two weeks", "in 18 months" in a future clause: the year, ISO
    /// week or month that far ahead of the publication ("the stock would be redeemed in five
    /// years"). Elsewhere it is a duration ("the first time in five years") and left out.
    pub(super) fn units_ahead(&mut self, ws: usize, we: usize, unit: Unit) {
        let Some(p) = self.pub_date else { return };
        let Some((ns, ne)) = self.prev_word(ws).or_else(|| {
            let q = self.ws_back(ws);
            let mut s = q;
            while s > 0 && q - s < 3 && self.b[s - 1].is_ascii_digit() {
                s -= 1;
            }
            (s < q && q - s <= 2).then_some((s, q))
        }) else {
            return;
        };
        let n = match number_word(&self.b[ns..ne]) {
            Some(n) => n,
            None => match self.digits_at(ns, 1, 2) {
                Some((n, e)) if e == ne => i64::from(n),
                _ => return,
            },
        };
        if n < 2 {
            return;
        }
        let within = self.prev_word(ns);
        if !self.is(within, "in") {
            return;
        }
        let Some((is, _)) = within else { return };
        if self.tense(is) != Tense::Future {
            return;
        }
        // "in two years' time".
        let mut end = we;
        if self.byte(we) == b'\'' {
            let time = self.next_word(we + 1);
            if self.is(time, "time") {
                end = time.map_or(end, |(_, e)| e);
            }
        }
        let (granularity, day) = match unit {
            Unit::Year => (
                Granularity::Year,
                i32::try_from(i64::from(p.year()) + n)
                    .ok()
                    .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
            ),
            Unit::Month => (Granularity::Month, shift_months(p, n)),
            Unit::Week => (Granularity::Week, add_days(p, 7 * n)),
            Unit::Weekend => return,
        };
        if let Some(d) = day {
            self.push_period(is, end, granularity, d);
        }
    }

    pub(super) fn on_ago(&mut self, ws: usize, we: usize) {
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
        if n == 1 && u.starts_with(b"year") {
            self.push_anchored_year_before(ns, we);
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
}

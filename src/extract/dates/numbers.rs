//! Expressions that start with digits: years with a cue ("in 2016", "the 1987 crash"), year
//! ranges ("2019-2021", "between 2019 and 2021"), ISO dates ("2025-03-22"), decades
//! ("the 1990s", "the '90s") and unambiguous numeric dates ("22/03/2025").

use super::*;

impl Scanner<'_> {
    pub(super) fn number(&mut self, s: usize, e: usize) {
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
        // "2100 EST", "1800 GMT": a time of day.
        if self.is_any(self.next_word(e), CLOCK_WORDS) {
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
        // "fiscal 2024", "FY 2024", "fiscal year 2024": the fiscal year named for 2024.
        let prev2 = prev.and_then(|(ps, _)| self.prev_word(ps));
        let fiscal = if self.is(prev, "fiscal")
            || (self.is(prev, "FY") && self.case(prev.unwrap_or((s, s))) == Case::Upper)
        {
            prev
        } else if self.is(prev, "year") && self.is(prev2, "fiscal") {
            prev2
        } else {
            None
        };
        if let Some((fs, _)) = fiscal {
            start = fs;
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
            || fiscal.is_some()
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
    pub(super) fn weak_year_follow_ok(&self, e: usize) -> bool {
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
    pub(super) fn short_decade(&mut self, s: usize, e: usize) {
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
            if apos_start < s {
                self.short_year(apos_start, s, e, p);
            }
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

    /// A year written with two digits after an apostrophe ("in '98", "since '82", "the class
    /// of '69"; the apostrophe at `apos`, the digits at `s..e`), after a cue that makes it a
    /// year: the year of those digits nearest the publication that is at most ten years
    /// after it ("'98" in 2025 is 1998, "'26" is 2026).
    fn short_year(&mut self, apos: usize, s: usize, e: usize, p: NaiveDate) {
        if !self.boundary_before(apos) || !self.number_end_ok(e) || self.byte(e) == b'-' {
            return;
        }
        let prev = self.prev_word(apos);
        if !self.is_any(prev, SHORT_YEAR_CUES) {
            return;
        }
        let Some((yy, _)) = self.digits_at(s, 2, 2) else {
            return;
        };
        let Ok(yy) = i32::try_from(yy) else { return };
        let mut y = p.year() - p.year().rem_euclid(100) + yy;
        if y > p.year() + 10 {
            y -= 100;
        } else if y + 90 <= p.year() {
            y += 100;
        }
        if let Some((from, to)) = year_interval(y) {
            self.push(apos, e, Granularity::Year, from, to);
        }
    }

    /// "FY2023", "FY23", "fy2023" (the word at `s..e`): fiscal year 2023, filed under the
    /// year it is named for (which months it covers differs from one company to the next).
    pub(super) fn fiscal_year_word(&mut self, s: usize, e: usize) -> bool {
        let w = &self.b[s..e];
        if !(w.len() == 4 || w.len() == 6) || !w[..2].eq_ignore_ascii_case(b"FY") {
            return false;
        }
        let Some((n, _)) = self.digits_at(s + 2, w.len() - 2, w.len() - 2) else {
            return false;
        };
        let Ok(n) = i32::try_from(n) else {
            return false;
        };
        let year = if w.len() == 6 {
            n
        } else {
            match self.pub_date {
                Some(p) => {
                    let y = p.year() - p.year().rem_euclid(100) + n;
                    if y > p.year() + 10 {
                        y - 100
                    } else {
                        y
                    }
                }
                None => return false,
            }
        };
        if !(1900..=2100).contains(&year) {
            return false;
        }
        if let Some((from, to)) = year_interval(year) {
            self.push(s, e, Granularity::Year, from, to);
        }
        true
    }

    /// "22/03/2025" and "3/22/2025": taken only when one of the first two numbers is over 12
    /// (so day and month cannot be swapped) or both are equal. Four-digit years 1900–2100.
    pub(super) fn slash_date(&mut self, s: usize, e: usize) {
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
}

//! The scanner: one pass over the bytes that finds where an expression can start (a
//! keyword of [`super::words`] or a run of digits) and hands it to the anchor of its kind,
//! plus the look-back and look-ahead helpers every anchor uses.

use super::*;

pub(super) struct Scanner<'a> {
    pub(super) text: &'a str,
    pub(super) b: &'a [u8],
    pub(super) pub_date: Option<NaiveDate>,
    pub(super) out: Vec<Cand>,
}

pub(super) fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

impl Scanner<'_> {
    pub(super) fn run(&mut self) {
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
                let fiscal = (i - s == 4 || i - s == 6)
                    && c.eq_ignore_ascii_case(&b'f')
                    && self.boundary_before(s)
                    && self.fiscal_year_word(s, i);
                if !fiscal && (2..=MAX_KW_LEN).contains(&(i - s)) {
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

    /// No letter or digit (ASCII or not) right before `pos`.
    pub(super) fn boundary_before(&self, pos: usize) -> bool {
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
    pub(super) fn boundary_after(&self, pos: usize) -> bool {
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

    pub(super) fn byte(&self, pos: usize) -> u8 {
        self.b.get(pos).copied().unwrap_or(0)
    }

    pub(super) fn starts_with_at(&self, pos: usize, pat: &[u8]) -> bool {
        self.b.get(pos..).is_some_and(|s| s.starts_with(pat))
    }

    /// Skips up to four blanks forward (spaces, tabs, no-break spaces, at most one newline).
    pub(super) fn ws_fwd(&self, mut p: usize) -> usize {
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
    pub(super) fn ws_back(&self, mut p: usize) -> usize {
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
    pub(super) fn word_ending_at(&self, e: usize) -> Option<(usize, usize)> {
        let mut s = e;
        while s > 0 && e - s < 16 && self.b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        (s < e && self.boundary_before(s) && self.boundary_after(e)).then_some((s, e))
    }

    /// The whole ASCII-letter word starting at `s`.
    pub(super) fn word_starting_at(&self, s: usize) -> Option<(usize, usize)> {
        let mut e = s;
        while e < self.b.len() && e - s < 16 && self.b[e].is_ascii_alphabetic() {
            e += 1;
        }
        (e > s && self.boundary_before(s) && self.boundary_after(e)).then_some((s, e))
    }

    /// The word before `p`, separated from it by blanks.
    pub(super) fn prev_word(&self, p: usize) -> Option<(usize, usize)> {
        let q = self.ws_back(p);
        if q == p {
            return None;
        }
        self.word_ending_at(q)
    }

    /// The word after `p`, separated from it by blanks.
    pub(super) fn next_word(&self, p: usize) -> Option<(usize, usize)> {
        let q = self.ws_fwd(p);
        if q == p {
            return None;
        }
        self.word_starting_at(q)
    }

    pub(super) fn is(&self, w: Option<(usize, usize)>, word: &str) -> bool {
        w.is_some_and(|(s, e)| self.b[s..e].eq_ignore_ascii_case(word.as_bytes()))
    }

    pub(super) fn is_any(&self, w: Option<(usize, usize)>, words: &[&str]) -> bool {
        w.is_some_and(|(s, e)| {
            words
                .iter()
                .any(|x| self.b[s..e].eq_ignore_ascii_case(x.as_bytes()))
        })
    }

    pub(super) fn case(&self, w: (usize, usize)) -> Case {
        case_of(&self.b[w.0..w.1])
    }

    /// A run of `min..=max` ASCII digits starting at `p` (not longer); (value, end).
    pub(super) fn digits_at(&self, p: usize, min: usize, max: usize) -> Option<(u32, usize)> {
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
    pub(super) fn number_start_ok(&self, s: usize) -> bool {
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
    pub(super) fn number_end_ok(&self, e: usize) -> bool {
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
    pub(super) fn dash_at(&self, p: usize) -> Option<usize> {
        if self.byte(p) == b'-' {
            Some(p + 1)
        } else if self.starts_with_at(p, "\u{2013}".as_bytes()) {
            Some(p + 3)
        } else {
            None
        }
    }

    /// A four-digit year token at `p`: (year, end).
    pub(super) fn year_at(&self, p: usize, lo: u32, hi: u32) -> Option<(i32, usize)> {
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
    pub(super) fn apostrophe_s_ending_at(&self, e: usize) -> bool {
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
    pub(super) fn apostrophe_s(&self, p: usize) -> Option<usize> {
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
    pub(super) fn day_at(&self, p: usize) -> Option<(u32, Option<u32>, usize)> {
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
    pub(super) fn day_word_at(&self, p: usize) -> Option<(u32, Option<u32>, usize)> {
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
    pub(super) fn ordinal_suffix(&self, e: usize) -> Option<usize> {
        let s = self.b.get(e..e + 2)?;
        let ok = [b"st", b"nd", b"rd", b"th"]
            .iter()
            .any(|x| s.eq_ignore_ascii_case(&x[..]));
        (ok && self.boundary_after(e + 2)).then_some(e + 2)
    }

    /// A day of the month written before a month name at `month_start`: "22 March",
    /// "22nd March", "22nd of March". (day, start of the day token).
    pub(super) fn day_before(&self, month_start: usize) -> Option<(u32, usize)> {
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
    pub(super) fn modifier_before(&self, p: usize) -> Option<usize> {
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
    pub(super) fn with_the(&self, start: usize) -> usize {
        let w = self.prev_word(start);
        if self.is(w, "the") {
            w.map_or(start, |(s, _)| s)
        } else {
            start
        }
    }

    /// A capitalised weekday right before `p` (with an optional comma): its start.
    pub(super) fn weekday_before(&self, p: usize) -> Option<usize> {
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
    pub(super) fn sentence_start(&self, p: usize) -> bool {
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

    /// Whether `s..e` is a row of a table of figures: alone on its line as a word and a
    /// number, with the line above or below it (past blank lines) a word and a number too
    /// ("Dec 1403" in a sugar position table, "Mar 2901").
    pub(super) fn in_figure_table(&self, s: usize, e: usize) -> bool {
        let (line_start, line_end) = (self.line_start(s), self.line_end(e));
        if !is_word_and_number(&self.b[line_start..line_end]) {
            return false;
        }
        let above = self.neighbour_line(line_start, false);
        let below = self.neighbour_line(line_end, true);
        [above, below]
            .into_iter()
            .flatten()
            .any(|(a, b)| is_word_and_number(&self.b[a..b]))
    }

    fn line_start(&self, p: usize) -> usize {
        self.b[..p]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |i| i + 1)
    }

    fn line_end(&self, p: usize) -> usize {
        self.b[p..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(self.b.len(), |i| p + i)
    }

    /// The nearest non-blank line above the line starting at `from` (or below the one
    /// ending there), looking past at most four blank lines.
    fn neighbour_line(&self, from: usize, below: bool) -> Option<(usize, usize)> {
        let mut at = from;
        for _ in 0..5 {
            let (a, b) = if below {
                if at >= self.b.len() {
                    return None;
                }
                (at + 1, self.line_end((at + 1).min(self.b.len())))
            } else {
                if at == 0 {
                    return None;
                }
                (self.line_start(at - 1), at - 1)
            };
            if a <= b && self.b[a..b].iter().any(|c| !c.is_ascii_whitespace()) {
                return Some((a, b));
            }
            at = if below { b } else { a };
        }
        None
    }

    pub(super) fn push(
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

    pub(super) fn push_period(
        &mut self,
        start: usize,
        end: usize,
        granularity: Granularity,
        day: NaiveDate,
    ) {
        let (from, to) = period_bounds(granularity, day);
        self.push(start, end, granularity, from, to);
    }

    pub(super) fn word(&mut self, s: usize, e: usize) {
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
            Kw::Units(unit) => {
                if case == Case::Lower {
                    self.units_ahead(s, e, unit);
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
}

/// A line that is one word and one number, nothing else ("Dec 1403", "Total 31845").
fn is_word_and_number(line: &[u8]) -> bool {
    let text = String::from_utf8_lossy(line);
    let mut parts = text.split_whitespace();
    let (Some(word), Some(number), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    word.chars().all(char::is_alphabetic)
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

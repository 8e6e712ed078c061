//! Decades and centuries in words, and years read out: "the nineties", "the 70s and 80s",
//! "the 20th century", "nineteen ninety-six".

use super::*;

impl Scanner<'_> {
    /// A year read out: "nineteen ninety-six", "nineteen eighty".
    pub(super) fn spoken_year(&mut self, ws: usize, we: usize) {
        if let Some((year, end)) = self.spoken_year_after(we) {
            if let Some((from, to)) = year_interval(year) {
                self.push(ws, end, Granularity::Year, from, to);
            }
        }
    }

    /// The rest of a year read out after "nineteen" (which ends at `we`): the year and
    /// where its last word ends.
    pub(super) fn spoken_year_after(&self, we: usize) -> Option<(i32, usize)> {
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
        let (ts, te) = self.next_word(we)?;
        let tens = tens_word(&self.b[ts..te])?;
        let mut end = te;
        let mut year = 1900 + tens;
        if self.byte(te) == b'-' {
            if let Some((us, ue)) = self.word_starting_at(te + 1) {
                match number_word(&self.b[us..ue]) {
                    Some(n) if (1..=9).contains(&n) && &self.b[us..ue] != b"a" => {
                        year += u32::try_from(n).unwrap_or(0);
                        end = ue;
                    }
                    _ => return None,
                }
            }
        }
        Some((i32::try_from(year).ok()?, end))
    }

    /// "the 20th century", "11th century": its hundred years (1900–1999), as a range.
    pub(super) fn on_century(&mut self, ws: usize, we: usize) {
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
    pub(super) fn decade_word(&mut self, ws: usize, we: usize, yy: i32) {
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
    pub(super) fn bare_decade_ok(&self, s: usize, e: usize) -> bool {
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
}

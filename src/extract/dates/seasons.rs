//! Seasons: "last summer", "summer 2024", "the summer of 2024", "in the summer".

use super::*;

impl Scanner<'_> {
    /// A season with no year and no last/this/next, after a preposition: "in the summer",
    /// "during the early spring", "by autumn". The start of the expression ("the" or the
    /// modifier or the season itself), or `None` when it is not a date.
    pub(super) fn bare_season_start(&self, ws: usize, we: usize, season: Season) -> Option<usize> {
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

    pub(super) fn on_season(&mut self, ws: usize, we: usize, season: Season) {
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
}

//! Expressions anchored on a weekday: "Saturday", "last Saturday", "Friday night".

use super::*;

impl Scanner<'_> {
    pub(super) fn on_weekday(&mut self, ws: usize, we: usize, wd: Weekday) {
        let Some(p) = self.pub_date else { return };
        let prev = self.prev_word(ws);
        if let Some(w) = prev {
            if self.case(w) == Case::Capitalised && self.is_any(prev, WEEKDAY_NAME_PREFIXES) {
                return;
            }
        }
        // "every Friday", "each Monday": a set, not a day.
        if self.is_any(prev, &["every", "each"]) {
            return;
        }
        // Plural or part of a longer name ("Monday-Friday" is fine, "Sunday's" too).
        let mut start = ws;
        let mut end = we;
        #[derive(PartialEq)]
        enum Dir {
            Plain,
            Back,
            Fwd,
            This,
        }
        let mut dir = Dir::Plain;
        let prev2 = prev.and_then(|(s, _)| self.prev_word(s));
        if self.is(prev, "last") {
            dir = Dir::Back;
        } else if self.is(prev, "next") {
            dir = Dir::Fwd;
        } else if self.is(prev, "this") {
            dir = Dir::This;
        } else if self.is_any(prev, &["previous", "preceding"]) && self.is(prev2, "the") {
            // "down 4.5% from the previous Friday": never the publication day itself.
            dir = Dir::Back;
        } else if self.is(prev, "past") && self.is(prev2, "this") {
            dir = Dir::Back;
        } else if self.is(prev, "coming") && self.is(prev2, "this") {
            dir = Dir::Fwd;
        }
        if dir != Dir::Plain {
            if self.is_any(prev, &["past", "coming", "previous", "preceding"]) {
                start = prev2.map_or(ws, |(s, _)| s);
            } else {
                start = prev.map_or(ws, |(s, _)| s);
            }
        } else if self.is_any(prev, &["early", "late", "earlier", "later"]) {
            start = prev.map_or(ws, |(s, _)| s);
        }
        let cued = dir != Dir::Plain || self.is_any(prev, WEEKDAY_CUES);
        let next = self.next_word(we);
        if !cued && self.byte(we) == b' ' {
            if let Some(nw) = next {
                let month_next = matches!(keyword_ci(&self.b[nw.0..nw.1]), Some(Kw::Month { .. }));
                if self.case(nw) != Case::Lower && !month_next {
                    return;
                }
            }
        }
        if self.is_any(next, &["morning", "afternoon", "evening", "night"])
            && next.is_some_and(|w| self.case(w) == Case::Lower)
        {
            end = next.map_or(end, |(_, e)| e);
        }
        let k = weekday_offset(p.weekday(), wd);
        let offset = match dir {
            Dir::Back => k - 7,
            Dir::Fwd => {
                if k == 0 {
                    7
                } else {
                    k
                }
            }
            Dir::This => k,
            Dir::Plain => {
                if self.apostrophe_s(we).is_none() && self.tense(start) == Tense::Future {
                    k
                } else if k == 0 {
                    0
                } else {
                    k - 7
                }
            }
        };
        // "last Saturday" when it is Saturday: a week ago, k - 7 = -7. Otherwise k - 7 is
        // 1..6 days back.
        if let Some(d) = add_days(p, offset) {
            self.push(start, end, Granularity::Day, d, d);
        }
    }
}

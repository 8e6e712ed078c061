//! Days named relative to publication or to the last date found: "today", "yesterday
//! afternoon", "tonight", "the same day", "earlier that day", market reports' "on the
//! day".

use super::*;

impl Scanner<'_> {
    pub(super) fn on_deictic(&mut self, ws: usize, we: usize, offset: i64, capitalised: bool) {
        let Some(p) = self.pub_date else { return };
        let prev = self.prev_word(ws);
        let modifier = self.is_any(prev, &["earlier", "later", "early", "late"]);
        // "the people of tomorrow", "the hog of today": not a day ("of today's talks" is).
        if self.is(prev, "of") && self.apostrophe_s(we).is_none() {
            return;
        }
        // "USA Today", "the Today show": capitalised only at a sentence start.
        if capitalised && !self.sentence_start(ws) {
            return;
        }
        let start = if modifier {
            prev.map_or(ws, |(s, _)| s)
        } else {
            ws
        };
        let mut end = we;
        let next = self.next_word(we);
        if offset != 0
            && self.is_any(next, &["morning", "afternoon", "evening", "night"])
            && next.is_some_and(|w| self.case(w) == Case::Lower)
        {
            end = next.map_or(end, |(_, e)| e);
        }
        if let Some(d) = add_days(p, offset) {
            self.push(start, end, Granularity::Day, d, d);
        }
    }

    /// "last night", "this morning", "this afternoon", "this evening".
    pub(super) fn on_day_part(&mut self, ws: usize, we: usize, night: bool) {
        let Some(p) = self.pub_date else { return };
        let prev = self.prev_word(ws);
        let offset = if night && self.is(prev, "last") {
            -1
        } else if self.is(prev, "this") {
            0
        } else {
            return;
        };
        let Some((s, _)) = prev else { return };
        if self.is(self.prev_word(s), "the") {
            return;
        }
        if let Some(d) = add_days(p, offset) {
            self.push(s, we, Granularity::Day, d, d);
        }
    }

    /// "the same day", "that same day", "earlier that day": the day of the last date
    /// found before, else the publication day. Returns whether it took the word.
    pub(super) fn same_day(&mut self, ws: usize, we: usize, p: NaiveDate) -> bool {
        let prev = self.prev_word(ws);
        let Some((ps, _)) = prev else { return false };
        let start = if self.is(prev, "same") {
            let det = self.prev_word(ps);
            if !self.is_any(det, &["the", "that"]) {
                return false;
            }
            det.map_or(ps, |(s, _)| s)
        } else if self.is(prev, "that") {
            let adv = self.prev_word(ps);
            if !self.is_any(adv, &["earlier", "later"]) {
                return false;
            }
            adv.map_or(ps, |(s, _)| s)
        } else {
            return false;
        };
        let day = self
            .out
            .iter()
            .rev()
            .find(|c| c.end <= start && c.granularity == Granularity::Day)
            .map_or(p, |c| c.from);
        self.push(start, we, Granularity::Day, day, day);
        true
    }

    /// Market reports' trading day: "fell 3% on the day." / "for the day," (closing a
    /// clause), "to end the day at 7,114": the publication day.
    pub(super) fn on_the_day(&mut self, ws: usize, we: usize) {
        let Some(p) = self.pub_date else { return };
        if self.same_day(ws, we, p) {
            return;
        }
        let the = self.prev_word(ws);
        if !self.is(the, "the") {
            return;
        }
        let Some((ts, _)) = the else { return };
        let verb = self.prev_word(ts);
        let clause_end = matches!(self.byte(we), b'.' | b',' | b';');
        let on = self.is_any(verb, &["on", "for"]) && clause_end;
        let trading = self.is_any(
            verb,
            &[
                "end", "ended", "ending", "ends", "finish", "finished", "close", "closed",
            ],
        ) && self.is_any(self.next_word(we), &["at", "with", "down", "up"]);
        // Not "later in the day": in narrative it is the day of the events told.
        if on || trading {
            self.push(ts, we, Granularity::Day, p, p);
        }
    }
}

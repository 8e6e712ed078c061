//! Holidays: "Christmas (Eve)", "New Year's Day/Eve", "Thanksgiving", "Election Day",
//! "Halloween", "Easter (Sunday)", with a year or a cue.

use super::*;

impl Scanner<'_> {
    /// "New Year's Day" (January 1) and "New Year's Eve" (December 31).
    pub(super) fn new_year(&mut self, ws: usize, we: usize) {
        let new = self.prev_word(ws);
        if new.is_none_or(|w| &self.b[w.0..w.1] != b"New") {
            return;
        }
        let Some(after) = self.apostrophe_s(we) else {
            return;
        };
        let day = self.next_word(after);
        let (month, dom) = if self.is(day, "Day") {
            (1, 1)
        } else if self.is(day, "Eve") {
            (12, 31)
        } else {
            return;
        };
        let (Some((start, _)), Some((_, end))) = (new, day) else {
            return;
        };
        self.holiday_push(start, end, |y| NaiveDate::from_ymd_opt(y, month, dom));
    }

    /// "Christmas", "Christmas Eve", "Thanksgiving (Day)", "Halloween", with a year, after
    /// last/this/next, or after a preposition ("before Christmas").
    pub(super) fn on_holiday(&mut self, ws: usize, we: usize, holiday: Holiday) {
        let mut end = we;
        let next = self.next_word(we);
        let mut eve = false;
        if holiday == Holiday::Election && !self.is(next, "Day") {
            return;
        }
        if holiday == Holiday::Easter {
            if self.is(next, "Sunday") {
                end = next.map_or(end, |(_, e)| e);
            }
        } else if self.is(next, "Day") && holiday != Holiday::Halloween {
            end = next.map_or(end, |(_, e)| e);
        } else if self.is(next, "Eve") && holiday == Holiday::Christmas {
            end = next.map_or(end, |(_, e)| e);
            eve = true;
        }
        let rule = move |y: i32| -> Option<NaiveDate> {
            match holiday {
                Holiday::Christmas => NaiveDate::from_ymd_opt(y, 12, if eve { 24 } else { 25 }),
                Holiday::Halloween => NaiveDate::from_ymd_opt(y, 10, 31),
                Holiday::Election => {
                    let first = NaiveDate::from_ymd_opt(y, 11, 1)?;
                    add_days(first, weekday_offset(first.weekday(), Weekday::Mon) + 1)
                }
                Holiday::Easter => easter_sunday(y),
                Holiday::Thanksgiving => {
                    let first = NaiveDate::from_ymd_opt(y, 11, 1)?;
                    add_days(first, weekday_offset(first.weekday(), Weekday::Thu) + 21)
                }
            }
        };
        // A year: "Christmas 2024".
        let r = self.ws_fwd(end);
        if r > end {
            if let Some((y, ye)) = self.year_at(r, 1900, 2100) {
                if let Some(d) = rule(y) {
                    self.push(ws, ye, Granularity::Day, d, d);
                }
                return;
            }
        }
        let after = self.next_word(end);
        if let Some(a) = after {
            // "Christmas Island", "Christmas shopping", "Thanksgiving dinner".
            let lower_noun = self.case(a) == Case::Lower
                && !self.is_any(after, FUNCTION_WORDS)
                && !self.is_any(after, LINK_WORDS);
            if lower_noun || (end == we && self.case(a) != Case::Lower) {
                return;
            }
        }
        if matches!(self.byte(end), b'-') || self.apostrophe_s(end).is_some() && end == we {
            return;
        }
        let named_day = end != we;
        let cue = self.is_any(
            self.prev_word(ws),
            &[
                "on", "at", "before", "after", "since", "until", "till", "by", "over", "around",
                "through", "for", "during", "from", "last", "next", "this", "to",
            ],
        );
        if !cue && !named_day {
            return;
        }
        self.holiday_push(ws, end, rule);
    }

    /// Resolves a yearly day given by `rule` (year → day) against the publication date:
    /// last/this/next before `start` pick the occurrence strictly before, in, or strictly
    /// after the publication year's; otherwise the nearest (as for "July 31").
    pub(super) fn holiday_push(
        &mut self,
        start: usize,
        end: usize,
        rule: impl Fn(i32) -> Option<NaiveDate>,
    ) {
        let Some(p) = self.pub_date else { return };
        let y = p.year();
        let days: Vec<NaiveDate> = (y - 1..=y + 1).filter_map(&rule).collect();
        let (day, start) = match self.rel_before(start) {
            Some((Rel::Last, s)) => (days.iter().rev().find(|d| **d < p).copied(), s),
            Some((Rel::Next, s)) => (days.iter().find(|d| **d > p).copied(), s),
            Some((Rel::This, s)) => (rule(y), s),
            None => {
                let now = i64::from(p.num_days_from_ce());
                let tense = self.tense(start);
                let at = pick_occurrence(
                    now,
                    days.iter().map(|d| i64::from(d.num_days_from_ce())),
                    tense,
                );
                (
                    days.iter()
                        .find(|d| Some(i64::from(d.num_days_from_ce())) == at)
                        .copied(),
                    start,
                )
            }
        };
        if let Some(d) = day {
            self.push(start, end, Granularity::Day, d, d);
        }
    }
}

/// Western Easter Sunday of `year`: the Gregorian computus (the "anonymous" algorithm of
/// Meeus, valid for every Gregorian year). `None` before 1583, when the Gregorian
/// calendar did not yet exist.
pub(super) fn easter_sunday(year: i32) -> Option<NaiveDate> {
    if year < 1583 {
        return None;
    }
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::easter_sunday;
    use chrono::{Datelike, NaiveDate, Weekday};

    #[test]
    fn easter_falls_on_the_published_dates() {
        // Includes the earliest (22 March 1818) and latest (25 April 2038) possible.
        for (y, m, d) in [
            (1818, 3, 22),
            (1961, 4, 2),
            (2000, 4, 23),
            (2024, 3, 31),
            (2025, 4, 20),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(y), NaiveDate::from_ymd_opt(y, m, d), "{y}");
        }
    }

    #[test]
    fn easter_is_a_sunday_between_22_march_and_25_april_every_gregorian_year() {
        assert_eq!(easter_sunday(1582), None);
        for y in 1583..=9999 {
            let e = easter_sunday(y).expect("a Gregorian year has an Easter");
            assert_eq!(e.weekday(), Weekday::Sun, "{y}");
            let (first, last) = (
                NaiveDate::from_ymd_opt(y, 3, 22).expect("valid"),
                NaiveDate::from_ymd_opt(y, 4, 25).expect("valid"),
            );
            assert!((first..=last).contains(&e), "{y}: {e}");
        }
    }
}

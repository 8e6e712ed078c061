//! Resolution against the publication date: which occurrence of a month-day, month,
//! quarter, season or weekday an expression without a year means, and the tense of the
//! clause around it that decides between the past and the coming one.

use super::*;

pub(super) fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// First day of the month `delta` months after the month of `d`.
pub(super) fn shift_months(d: NaiveDate, delta: i64) -> Option<NaiveDate> {
    let idx = i64::from(d.year()) * 12 + i64::from(d.month0()) + delta;
    let year = i32::try_from(idx.div_euclid(12)).ok()?;
    let month = u32::try_from(idx.rem_euclid(12)).ok()? + 1;
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// What the clause around an expression says about time (see `Scanner::tense`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
    Unknown,
    /// Right after "since": the occurrence cannot be after the publication date.
    Since,
}

/// Picks among candidate points (days, months or quarters counted from any epoch) the one
/// an expression without a year most likely means: the nearest to the publication point
/// `now`, with the future counted 1.5 times the past (news mostly looks back: a month seven
/// months ago beats one five months ahead) — and the other way round in a future clause.
/// Ties go to the past. Right after "since" it is the latest one not after `now`.
pub(super) fn pick_occurrence(
    now: i64,
    candidates: impl Iterator<Item = i64> + Clone,
    tense: Tense,
) -> Option<i64> {
    if tense == Tense::Since {
        if let Some(c) = candidates.clone().filter(|&c| c <= now).max() {
            return Some(c);
        }
    }
    let (past_w, future_w) = match tense {
        Tense::Future => (3, 2),
        Tense::Past => (1, 6),
        Tense::Unknown | Tense::Since => (2, 3),
    };
    candidates.min_by_key(|&c| {
        let dist = if c < now {
            (now - c).saturating_mul(past_w)
        } else {
            (c - now).saturating_mul(future_w)
        };
        (dist, c)
    })
}

/// The occurrence of (month, day) in the year before, of or after the publication date that
/// [`pick_occurrence`] chooses.
pub(super) fn nearest_month_day(
    pub_date: NaiveDate,
    month: u32,
    day: u32,
    tense: Tense,
) -> Option<NaiveDate> {
    let y = pub_date.year();
    let dates: Vec<NaiveDate> = [y - 1, y, y + 1]
        .iter()
        .filter_map(|&y| NaiveDate::from_ymd_opt(y, month, day))
        .collect();
    let now = i64::from(pub_date.num_days_from_ce());
    let at = pick_occurrence(
        now,
        dates.iter().map(|d| i64::from(d.num_days_from_ce())),
        tense,
    )?;
    dates
        .into_iter()
        .find(|d| i64::from(d.num_days_from_ce()) == at)
}

/// The year of the occurrence of `month` that [`pick_occurrence`] chooses.
pub(super) fn nearest_month_year(pub_date: NaiveDate, month: u32, tense: Tense) -> i32 {
    let y = i64::from(pub_date.year());
    let now = y * 12 + i64::from(pub_date.month0());
    let m = i64::from(month) - 1;
    pick_occurrence(now, (y - 1..=y + 1).map(|cy| cy * 12 + m), tense)
        .and_then(|at| i32::try_from(at.div_euclid(12)).ok())
        .unwrap_or(pub_date.year())
}

/// The year of the occurrence of quarter `q` that [`pick_occurrence`] chooses.
pub(super) fn nearest_quarter_year(pub_date: NaiveDate, q: u32, tense: Tense) -> i32 {
    let y = i64::from(pub_date.year());
    let now = y * 4 + i64::from(pub_date.month0() / 3);
    let q = i64::from(q) - 1;
    pick_occurrence(now, (y - 1..=y + 1).map(|cy| cy * 4 + q), tense)
        .and_then(|at| i32::try_from(at.div_euclid(4)).ok())
        .unwrap_or(pub_date.year())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rel {
    Last,
    This,
    Next,
}

/// The occurrence of `season` that `rel` picks relative to `pub_date`.
pub(super) fn resolve_season(
    pub_date: NaiveDate,
    season: Season,
    rel: Rel,
) -> Option<(NaiveDate, NaiveDate)> {
    let (cur_from, cur_to) = period_bounds(Granularity::Season, pub_date);
    let y = pub_date.year();
    let occurrences = (y - 2..=y + 1).filter_map(|cy| season_interval(cy, season));
    match rel {
        Rel::Last => occurrences.filter(|(_, to)| *to < cur_from).max(),
        Rel::Next => occurrences.filter(|(from, _)| *from > cur_to).min(),
        Rel::This => occurrences.min_by_key(|(from, to)| {
            let dist = if pub_date < *from {
                (*from - pub_date).num_days()
            } else if pub_date > *to {
                (pub_date - *to).num_days()
            } else {
                0
            };
            (dist, *from)
        }),
    }
}

/// A season named without last/this/next ("in the summer"): in a past clause the latest
/// one that began on or before the publication date, in a future clause the first one
/// that has not ended, otherwise the nearest (as "this summer").
pub(super) fn bare_season(
    pub_date: NaiveDate,
    season: Season,
    tense: Tense,
) -> Option<(NaiveDate, NaiveDate)> {
    let y = pub_date.year();
    let mut occurrences = (y - 2..=y + 1).filter_map(|cy| season_interval(cy, season));
    match tense {
        Tense::Past | Tense::Since => occurrences.filter(|(from, _)| *from <= pub_date).max(),
        Tense::Future => occurrences.find(|(_, to)| *to >= pub_date),
        Tense::Unknown => resolve_season(pub_date, season, Rel::This),
    }
}

fn word_ends_with(word: &[u8], suffix: &[u8]) -> bool {
    word.len() > suffix.len() && word.ends_with(suffix)
}

pub(super) fn weekday_offset(from: Weekday, to: Weekday) -> i64 {
    i64::from((to.num_days_from_monday() + 7 - from.num_days_from_monday()) % 7)
}

impl Scanner<'_> {
    /// The tense of the clause around an expression that starts at `pos`. Scans back over
    /// at most ten words, stopping at a sentence end, a comma or a quote; the first verb-like
    /// cue decides (see [`Scanner::verb_cue`]). With none there ("In January, the company
    /// bought ..."), the rest of the sentence is read forward the same way.
    pub(super) fn tense(&self, pos: usize) -> Tense {
        let prev = self.prev_word(pos);
        if self.is(prev, "since") {
            return Tense::Since;
        }
        // "loans through January": the end of a span, whatever the tense of its start.
        if self.is(prev, "through") {
            return Tense::Unknown;
        }
        // "until Friday" looks ahead, unless what follows is told in the past ("Until
        // Thursday, they had not called him a suspect").
        if self.is_any(prev, &["until", "till"]) {
            return match self.tense_after(pos) {
                Tense::Past => Tense::Past,
                _ => Tense::Future,
            };
        }
        let lo = pos.saturating_sub(120);
        let mut q = pos;
        let mut words = 0;
        let mut later_word: Option<(usize, usize)> = None;
        while q > lo && words < 10 {
            let c = self.b[q - 1];
            if c.is_ascii_alphabetic() {
                let e = q;
                let mut s = q - 1;
                while s > lo && self.b[s - 1].is_ascii_alphabetic() {
                    s -= 1;
                }
                if e - s > 1 {
                    words += 1;
                }
                if let Some(tense) = self.verb_cue((s, e), later_word, FUTURE_CUES) {
                    return tense;
                }
                later_word = Some((s, e));
                q = s;
                continue;
            }
            if matches!(c, b'\n' | b'!' | b'?' | b';' | b',' | b'"' | b'`') {
                break;
            }
            if c == b'.'
                && matches!(self.byte(q), b' ' | b'\n' | b'\'')
                && self.ends_sentence(q - 1)
            {
                break;
            }
            q -= 1;
        }
        self.tense_after(pos)
    }

    /// The first verb-like cue in the rest of the sentence from `pos`, over at most twelve
    /// words (commas do not stop it: "On Tuesday, the league said ...").
    fn tense_after(&self, pos: usize) -> Tense {
        let hi = self.b.len().min(pos + 160);
        let mut q = pos;
        let mut words = 0;
        while q < hi && words < 12 {
            let c = self.b[q];
            if c.is_ascii_alphabetic() {
                let s = q;
                let mut e = q + 1;
                while e < hi && self.b[e].is_ascii_alphabetic() {
                    e += 1;
                }
                if e - s > 1 {
                    words += 1;
                }
                // Read forward, "plans" and "planned" are as often nouns and past tenses
                // ("when Albright set aside vacation plans"): only auxiliaries count.
                if let Some(tense) = self.verb_cue((s, e), self.next_word(e), FUTURE_AUXILIARIES) {
                    return tense;
                }
                q = e;
                continue;
            }
            if matches!(c, b'\n' | b'!' | b'?' | b';' | b'"' | b'`') {
                break;
            }
            if c == b'.'
                && matches!(self.byte(q + 1), b' ' | b'\n' | b'\'')
                && self.ends_sentence(q)
            {
                break;
            }
            q += 1;
        }
        Tense::Unknown
    }

    /// What the word `w` says of the tense of its clause, if anything (`later_word` is the
    /// word after it). A future cue (one of `future_cues`: "will", "scheduled", "plans"; or
    /// "is to", "as early as",
    /// a present tense that announces an event: "meets", "opens") means `Future` unless
    /// "had", "was", "were" or "been" comes right before it (then `Past`); a past-tense verb
    /// ("said", "took", "...ed") means `Past`, except a participle that is an adjective
    /// ("the proposed meeting") or a passive after "be" or "is".
    /// "neither", "nor" or "not" among the eight words before `pos`, in its sentence.
    fn negated_before(&self, pos: usize) -> bool {
        let from = pos.saturating_sub(80);
        let before = &self.b[from..pos];
        let sentence = before
            .iter()
            .rposition(|&c| matches!(c, b'.' | b'!' | b'?' | b'\n'))
            .map_or(before, |at| &before[at + 1..]);
        sentence
            .split(|c| !c.is_ascii_alphabetic())
            .filter(|word| !word.is_empty())
            .rev()
            .take(8)
            .any(|word| {
                [&b"neither"[..], b"nor", b"not"]
                    .iter()
                    .any(|negation| word.eq_ignore_ascii_case(negation))
            })
    }

    fn verb_cue(
        &self,
        (s, e): (usize, usize),
        later_word: Option<(usize, usize)>,
        future_cues: &[&str],
    ) -> Option<Tense> {
        let w = Some((s, e));
        let word = &self.b[s..e];
        let before = self.prev_word(s);
        let announced = self.is_any(w, PRESENT_EVENT_VERBS)
            && !self.is(before, "to")
            && word[0].is_ascii_lowercase();
        // "could be signed in August" looks ahead; "could not be reached", "neither … nor …
        // could" is a past inability.
        let past_could = self.is(w, "could")
            && (self.is_any(later_word, &["not", "never"]) || self.negated_before(s));
        let future = announced
            || (self.is_any(w, future_cues) && !past_could)
            || (self.is(w, "early") && self.is(later_word, "as"))
            || (self.is_any(w, &["is", "are", "set"]) && self.is(later_word, "to"));
        if future {
            // "had planned to", "was scheduled for": a plan reported as past. But "were
            // planning to" still looks ahead.
            let before2 = before.and_then(|(bs, _)| self.prev_word(bs));
            let perfect = ["had", "was", "were", "been"];
            let progressive = word_ends_with(word, b"ing");
            if !progressive && (self.is_any(before, &perfect) || self.is_any(before2, &perfect)) {
                return Some(Tense::Past);
            }
            return Some(Tense::Future);
        }
        // "will be finished", "the case is heard": a passive after "be" or a present "is"
        // says nothing; read on.
        let passive = self.is_any(before, &["be", "is", "are", "am", "being"]);
        let ed = word.len() >= 4
            && word.ends_with(b"ed")
            && word[0].is_ascii_lowercase()
            && !self.is_any(w, NOT_PAST_ED);
        // "the proposed March 3 meeting", "a still unspecified date", "the reduced
        // dividend": a participle after a determiner is an adjective.
        let determiner = |w: Option<(usize, usize)>| self.is_any(w, DETERMINERS);
        let adjective = ed
            && (determiner(before)
                || (self.is_any(before, &["still", "yet", "newly"])
                    && determiner(before.and_then(|(bs, _)| self.prev_word(bs)))));
        if !passive && ((ed && !adjective) || self.is_any(w, PAST_VERBS)) {
            return Some(Tense::Past);
        }
        None
    }

    /// Is the period at `dot` a sentence end rather than an abbreviation ("U.S.", "Mr.")?
    pub(super) fn ends_sentence(&self, dot: usize) -> bool {
        let Some(&before) = dot.checked_sub(1).and_then(|i| self.b.get(i)) else {
            return true;
        };
        if before.is_ascii_digit() || matches!(before, b')' | b'"' | b'\'') {
            return true;
        }
        if !before.is_ascii_alphabetic() {
            return false;
        }
        let mut s = dot;
        while s > 0 && dot - s < 16 && self.b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        let word = &self.b[s..dot];
        // Capitalised short words and single letters are abbreviations ("Mr", "Gen", "S").
        let abbreviation = word.len() <= 4 && word[0].is_ascii_uppercase();
        let dotted = s > 0 && self.b[s - 1] == b'.';
        !abbreviation && !dotted
    }
}

//! The grammar's vocabulary, as data: the keywords an expression can start at (month and
//! weekday names, deictic words, units, holidays), number and ordinal words, and the cue
//! words read around an expression (prepositions before a year or a month, future and
//! past-tense verbs). A new keyword goes in [`keyword`]; its expression in the anchor file
//! of its kind.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kw {
    Month {
        month: u32,
        abbr: bool,
    },
    Weekday(Weekday),
    /// today (0), yesterday (-1), tomorrow (1).
    Deictic(i64),
    Tonight,
    Unit(Unit),
    /// "years", "months", "weeks" in "in five years" (a point ahead).
    Units(Unit),
    Quarter,
    Season(Season),
    Ago,
    Night,
    DayPart,
    Q(u32),
    /// "earlier" in "a year earlier", "year-earlier".
    Earlier,
    Holiday(Holiday),
    /// "day" in "on the day" (market reports: the trading day of publication).
    Day,
    /// "nineteen" starting a year read out ("nineteen ninety-six").
    Nineteen,
    /// "period" in "the latest period" (company results: the quarter reported).
    Period,
    /// "century" in "the 20th century", "this century".
    Century,
    /// "the nineties" (1990s) and the other decades written out.
    DecadeWord(i32),
}

/// Holidays with a fixed rule, resolved like a month-day without a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Holiday {
    Christmas,
    Thanksgiving,
    Halloween,
    /// US Election Day: the Tuesday after the first Monday of November.
    Election,
    /// Western Easter Sunday (Gregorian computus).
    Easter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Year,
    Month,
    Week,
    Weekend,
}

/// Longest keyword: "september", "wednesday", "yesterday", "afternoon".
pub(super) const MAX_KW_LEN: usize = 9;

pub(super) fn keyword(lower: &[u8]) -> Option<Kw> {
    let month = |month: u32, abbr: bool| Kw::Month { month, abbr };
    Some(match lower {
        b"january" => month(1, false),
        b"jan" => month(1, true),
        b"february" => month(2, false),
        b"feb" => month(2, true),
        b"march" => month(3, false),
        b"mar" => month(3, true),
        b"april" => month(4, false),
        b"apr" => month(4, true),
        b"may" => month(5, false),
        b"june" => month(6, false),
        b"jun" => month(6, true),
        b"july" => month(7, false),
        b"jul" => month(7, true),
        b"august" => month(8, false),
        b"aug" => month(8, true),
        b"september" => month(9, false),
        b"sep" | b"sept" => month(9, true),
        b"october" => month(10, false),
        b"oct" => month(10, true),
        b"november" => month(11, false),
        b"nov" => month(11, true),
        b"december" => month(12, false),
        b"dec" => month(12, true),
        b"monday" => Kw::Weekday(Weekday::Mon),
        b"tuesday" => Kw::Weekday(Weekday::Tue),
        b"wednesday" => Kw::Weekday(Weekday::Wed),
        b"thursday" => Kw::Weekday(Weekday::Thu),
        b"friday" => Kw::Weekday(Weekday::Fri),
        b"saturday" => Kw::Weekday(Weekday::Sat),
        b"sunday" => Kw::Weekday(Weekday::Sun),
        b"today" => Kw::Deictic(0),
        b"yesterday" => Kw::Deictic(-1),
        b"tomorrow" => Kw::Deictic(1),
        b"tonight" => Kw::Tonight,
        b"year" => Kw::Unit(Unit::Year),
        b"month" => Kw::Unit(Unit::Month),
        b"week" => Kw::Unit(Unit::Week),
        b"weekend" => Kw::Unit(Unit::Weekend),
        b"years" => Kw::Units(Unit::Year),
        b"months" => Kw::Units(Unit::Month),
        b"weeks" => Kw::Units(Unit::Week),
        b"quarter" => Kw::Quarter,
        b"spring" => Kw::Season(Season::Spring),
        b"summer" => Kw::Season(Season::Summer),
        b"fall" | b"autumn" => Kw::Season(Season::Fall),
        b"winter" => Kw::Season(Season::Winter),
        b"ago" => Kw::Ago,
        b"night" => Kw::Night,
        b"morning" | b"afternoon" | b"evening" => Kw::DayPart,
        b"q1" => Kw::Q(1),
        b"q2" => Kw::Q(2),
        b"q3" => Kw::Q(3),
        b"q4" => Kw::Q(4),
        b"earlier" => Kw::Earlier,
        b"day" => Kw::Day,
        b"christmas" | b"xmas" => Kw::Holiday(Holiday::Christmas),
        b"halloween" => Kw::Holiday(Holiday::Halloween),
        b"easter" => Kw::Holiday(Holiday::Easter),
        b"election" => Kw::Holiday(Holiday::Election),
        b"nineteen" => Kw::Nineteen,
        b"period" => Kw::Period,
        b"century" => Kw::Century,
        b"twenties" => Kw::DecadeWord(20),
        b"thirties" => Kw::DecadeWord(30),
        b"forties" => Kw::DecadeWord(40),
        b"fifties" => Kw::DecadeWord(50),
        b"sixties" => Kw::DecadeWord(60),
        b"seventies" => Kw::DecadeWord(70),
        b"eighties" => Kw::DecadeWord(80),
        b"nineties" => Kw::DecadeWord(90),
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    Lower,
    Capitalised,
    Upper,
    Mixed,
}

pub(super) fn case_of(w: &[u8]) -> Case {
    let Some((&first, rest)) = w.split_first() else {
        return Case::Mixed;
    };
    let rest_lower = rest.iter().all(|c| !c.is_ascii_uppercase());
    if first.is_ascii_lowercase() && rest_lower {
        Case::Lower
    } else if first.is_ascii_uppercase() && rest_lower {
        Case::Capitalised
    } else if w.iter().all(|c| !c.is_ascii_lowercase()) {
        Case::Upper
    } else {
        Case::Mixed
    }
}

/// Words after which a year (1900–2100) is taken as a year.
pub(super) const YEAR_CUES: &[&str] = &[
    "in",
    "since",
    "during",
    "until",
    "till",
    "through",
    "throughout",
    "by",
    "before",
    "after",
    "circa",
    "fiscal",
    "into",
    // "bonds due 1993".
    "due",
    "both",
    // Determiners: "the 1987 crash", "its 1988 recapitalization", "a 1971 convention".
    "the",
    "a",
    "an",
    "its",
    "his",
    "her",
    "their",
    "our",
    "this",
    "that",
    "whose",
];
/// Words after which a year is taken only when no lower-case content word follows it.
pub(super) const WEAK_YEAR_CUES: &[&str] = &["of", "for", "from", "to"];

/// Time zones and clock words: a four-digit number before one is a time of day ("2100
/// EST", "1800 GMT", "0930 hrs"), never a year.
pub(super) const CLOCK_WORDS: &[&str] = &[
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "BST", "CET", "CEST", "UTC",
    "JST", "HKT", "SGT", "IST", "AEST", "AEDT", "MSK", "hrs", "hours", "local", "Z",
];
/// Lower-case words that may follow a year cued weakly ("for 1986 was ...").
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "and", "or", "to", "the", "a", "an", "was", "were", "is", "are", "will", "would", "when", "as",
    "but", "compared", "versus", "vs", "against", "from", "through", "until", "with", "in", "on",
    "at", "by", "if", "that", "which", "after", "before", "than", "had", "has", "have", "ended",
    "said", "levels", "level",
];
/// Lower-case words besides [`FUNCTION_WORDS`] that may follow a holiday or a season
/// ("last Thanksgiving following a boat wreck").
pub(super) const LINK_WORDS: &[&str] = &[
    "when",
    "while",
    "because",
    "amid",
    "following",
    "for",
    "during",
    "since",
    "until",
    "into",
    "despite",
    "so",
    "then",
    "last",
    "this",
    "next",
    "of",
];
/// Cues that let a bare month name be a month ("in March", "since June").
pub(super) const MONTH_CUES: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "through",
    "throughout",
    "during",
    "before",
    "after",
    "from",
    "of",
    "between",
];
/// The subset of [`MONTH_CUES`] strong enough for "May" ("by May" and "of May" are often
/// Theresa May).
pub(super) const MAY_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "through",
    "throughout",
    "during",
    "before",
];
/// Capitalised words before a weekday that make it part of a name ("Black Monday").
pub(super) const WEEKDAY_NAME_PREFIXES: &[&str] = &[
    "Good", "Black", "Super", "Holy", "Ash", "Cyber", "Bloody", "Maundy", "Easter", "Palm", "Fat",
    "Shrove", "Giving", "Blue", "Whit", "Low", "Girl", "Man", "Sunday", "Manic", "Red", "Green",
];
/// Words before a weekday that make a following capitalised word harmless
/// ("said on Monday President ...").
pub(super) const WEEKDAY_CUES: &[&str] = &[
    "on",
    "since",
    "by",
    "until",
    "till",
    "before",
    "after",
    "from",
    "said",
    "says",
    "told",
    "announced",
    "reported",
    "late",
    "early",
    "earlier",
    "later",
    "last",
    "next",
    "this",
    "through",
    "between",
    "and",
    "or",
];
/// Words in the same sentence before a weekday that make it a future one.
pub(super) const FUTURE_CUES: &[&str] = &[
    "will",
    "could",
    "coming",
    "delivery",
    "deadline",
    "shall",
    "ll",
    "scheduled",
    "schedule",
    "planned",
    "plans",
    "plan",
    "planning",
    "expected",
    "expects",
    "expect",
    "due",
    "until",
    "upcoming",
    "would",
    "might",
    "soon",
    "slated",
    "intends",
    "intend",
    "aims",
    "hopes",
    "going",
    "payable",
];
/// Words after which "'98" is a year.
pub(super) const SHORT_YEAR_CUES: &[&str] = &[
    "in", "since", "of", "by", "until", "till", "from", "to", "before", "after", "early", "late",
    "mid", "during", "through",
];
/// Words that make "the third quarter" a period of a game, not of a year.
pub(super) const SPORTS_WORDS: &[&str] = &[
    "scored",
    "scoring",
    "scores",
    "touchdown",
    "touchdowns",
    "quarterback",
    "rebounds",
    "yards",
    "interception",
    "fumble",
    "halftime",
    "overtime",
    "buzzer",
    "basket",
    "baskets",
    "layup",
    "dunk",
    "innings",
    "inning",
    "quarterbacks",
    "linebacker",
    "pitcher",
    "puck",
];
/// The future cues that are never nouns or past tenses.
pub(super) const FUTURE_AUXILIARIES: &[&str] = &["will", "shall", "ll", "would"];
/// Present tenses that announce a coming event ("Arafat and Netanyahu meet Monday", "the
/// plant closes in March"); after "to" they are read on ("failed to meet").
pub(super) const PRESENT_EVENT_VERBS: &[&str] = &[
    "meet",
    "meets",
    "begins",
    "starts",
    "opens",
    "closes",
    "ends",
    "expires",
    "resumes",
    "arrives",
    "departs",
    "visits",
    "travels",
    "votes",
    "launches",
    "debuts",
    "premieres",
    "airs",
    "hosts",
    "retires",
    "reopens",
    "reconvenes",
    "convenes",
    "kicks",
];
/// Words ending in "-ed" that are not past tenses.
pub(super) const NOT_PAST_ED: &[&str] = &[
    "succeed", "proceed", "exceed", "need", "feed", "speed", "indeed", "breed", "bleed", "heed",
    "seed", "embed",
];
/// Words after which a participle is an adjective ("the proposed meeting").
pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those",
];
/// Verbs that put a clause in the past (or in reporting present, "says"): they stop the
/// search for a future cue.
pub(super) const PAST_VERBS: &[&str] = &[
    "said",
    "told",
    "met",
    "held",
    "rose",
    "fell",
    "won",
    "lost",
    "gave",
    "made",
    "took",
    "came",
    "went",
    "began",
    "left",
    "sent",
    "paid",
    "spoke",
    "wrote",
    "found",
    "saw",
    "was",
    "were",
    "had",
    "did",
    "led",
    "ran",
    "shot",
    "struck",
    "sold",
    "bought",
    "brought",
    "became",
    "chose",
    "fled",
    "flew",
    "fought",
    "got",
    "grew",
    "heard",
    "kept",
    "knew",
    "meant",
    "rode",
    "sank",
    "spent",
    "stood",
    "swore",
    "taught",
    "thought",
    "threw",
    "understood",
    "woke",
    "wore",
    "tore",
    "wound",
    "says",
    "say",
    "tells",
];

/// Lower-cases a short word into `buf`; `None` when it is longer than the buffer.
pub(super) fn lower_into<'b>(w: &[u8], buf: &'b mut [u8; 12]) -> Option<&'b [u8]> {
    let dst = buf.get_mut(..w.len())?;
    for (d, c) in dst.iter_mut().zip(w) {
        *d = c.to_ascii_lowercase();
    }
    Some(dst)
}

/// The keyword a word is, whatever its case.
pub(super) fn keyword_ci(w: &[u8]) -> Option<Kw> {
    let mut buf = [0u8; 12];
    keyword(lower_into(w, &mut buf)?)
}

pub(super) fn number_word(w: &[u8]) -> Option<i64> {
    let mut buf = [0u8; 12];
    Some(match lower_into(w, &mut buf)? {
        b"a" | b"an" | b"one" => 1,
        b"two" => 2,
        b"three" => 3,
        b"four" => 4,
        b"five" => 5,
        b"six" => 6,
        b"seven" => 7,
        b"eight" => 8,
        b"nine" => 9,
        b"ten" => 10,
        b"eleven" => 11,
        b"twelve" => 12,
        _ => return None,
    })
}

pub(super) fn ordinal_word(w: &[u8]) -> Option<u32> {
    let mut buf = [0u8; 12];
    Some(match lower_into(w, &mut buf)? {
        b"first" | b"1st" => 1,
        b"second" | b"2nd" => 2,
        b"third" | b"3rd" => 3,
        b"fourth" | b"4th" | b"final" => 4,
        _ => return None,
    })
}

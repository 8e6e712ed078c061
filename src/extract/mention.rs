//! The shared vocabulary of the extractors: mentions and the two traits. A date mention's
//! granularity is the calendar's (`crate::calendar::Granularity`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Granularity;

/// One occurrence of a person's name in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonMention {
    /// Byte offset of the first byte of the mention in the text.
    pub start: usize,
    /// Byte offset one past the last byte of the mention.
    pub end: usize,
    /// The mention as written, without title or possessive ("Putin" in "President Putin's").
    pub text: String,
    /// The full name this mention links to, as written in the article ("Vladimir Putin").
    pub name: String,
}

impl PersonMention {
    /// The mention found in a piece of a text that starts at `offset`, placed in the text.
    pub fn shifted(self, offset: usize) -> PersonMention {
        PersonMention {
            start: self.start + offset,
            end: self.end + offset,
            ..self
        }
    }
}

/// One date expression in the text, normalised to an interval of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// Byte offset of the first byte of the expression in the text.
    pub start: usize,
    /// Byte offset one past the last byte of the expression.
    pub end: usize,
    /// The expression as written ("last Saturday", "March 22, 2025").
    pub text: String,
    /// Normalised value: `2024-07-13`, `2024-W28`, `2024-07`, `2024-Q3`, `2024-SU`
    /// (SP, SU, FA, WI), `2024`, `1990s`, or `FROM..TO` for a range.
    pub value: String,
    /// First day of the interval.
    pub from: NaiveDate,
    /// Last day of the interval (inclusive).
    pub to: NaiveDate,
    pub granularity: Granularity,
}

impl DateMention {
    /// The mention found in a piece of a text that starts at `offset`, placed in the text.
    pub fn shifted(self, offset: usize) -> DateMention {
        DateMention {
            start: self.start + offset,
            end: self.end + offset,
            ..self
        }
    }
}

/// Finds person names. Implementations must be linear in the text and never panic.
pub trait PersonExtractor: Send + Sync {
    fn extract_people(&self, text: &str, publication_date: Option<NaiveDate>)
        -> Vec<PersonMention>;

    /// The people, with what the archive weighs beside them (see [`PeopleFound`]).
    fn find_people(&self, text: &str, publication_date: Option<NaiveDate>) -> PeopleFound {
        PeopleFound {
            mentions: self.extract_people(text, publication_date),
            ..PeopleFound::default()
        }
    }
}

/// What a person extractor finds in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeopleFound {
    pub mentions: Vec<PersonMention>,
    /// Names the text writes as a firm's ("E.F. Hutton and Co" gives "E.F. Hutton"): across
    /// the archive, a name written so more often than as a person's is a firm's (see
    /// `crate::identity`).
    pub firms: Vec<String>,
    /// One-word names the text alone cannot confirm ("Putin has not commented" at the start
    /// of an article): people only if the archive links them to someone.
    pub tentative: Vec<PersonMention>,
}

/// Finds date expressions. Relative ones ("on Saturday", "July 31") are resolved against
/// the publication date and left out when there is none.
pub trait DateExtractor: Send + Sync {
    fn extract_dates(&self, text: &str, publication_date: Option<NaiveDate>) -> Vec<DateMention>;
}

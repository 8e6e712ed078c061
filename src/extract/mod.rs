//! Extraction of people and date mentions from article text.
//!
//! Both extractors sit behind the same small interface (text + publication date in,
//! spans + normalised values out) so either can be replaced without touching ingest
//! or the index schema.

pub mod dates;
mod mention;
pub mod people;

pub use mention::*;

use chrono::NaiveDate;

/// What extraction found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    pub person_mentions: Vec<PersonMention>,
    pub date_mentions: Vec<DateMention>,
    /// Distinct linked full names, most mentioned first.
    pub people: Vec<String>,
    /// Names written as a firm's, each once.
    pub firms: Vec<String>,
}

/// The extractors ingest and `show` use; swapped as a whole when a better one comes.
pub struct Extractors {
    people: Box<dyn PersonExtractor>,
    dates: Box<dyn DateExtractor>,
}

impl Default for Extractors {
    fn default() -> Self {
        Extractors {
            people: Box::new(people::TaggedPeople),
            dates: Box::new(dates::RuleBasedDates),
        }
    }
}

impl Extractors {
    pub fn extract(&self, text: &str, publication_date: Option<NaiveDate>) -> Extraction {
        let (person_mentions, firms) = self.people.extract_people_and_firms(text, publication_date);
        let date_mentions = self.dates.extract_dates(text, publication_date);
        let people = people::distinct_names(&person_mentions);
        Extraction {
            person_mentions,
            date_mentions,
            people,
            firms,
        }
    }
}

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

/// Most tentative names an article keeps (each is looked up in a short list).
const MAX_TENTATIVE: usize = 32;

/// What extraction found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    pub person_mentions: Vec<PersonMention>,
    pub date_mentions: Vec<DateMention>,
    /// Distinct linked full names, most mentioned first.
    pub people: Vec<String>,
    /// Names written as a firm's, each once.
    pub firms: Vec<String>,
    /// One-word names only the archive can confirm, in text order.
    pub tentative_mentions: Vec<PersonMention>,
    /// Those names, each once.
    pub tentative: Vec<String>,
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
        let PeopleFound {
            mentions: person_mentions,
            firms,
            tentative: tentative_mentions,
        } = self.people.find_people(text, publication_date);
        let mut tentative: Vec<String> = Vec::new();
        for mention in &tentative_mentions {
            if !tentative.contains(&mention.name) && tentative.len() < MAX_TENTATIVE {
                tentative.push(mention.name.clone());
            }
        }
        let date_mentions = self.dates.extract_dates(text, publication_date);
        let people = people::distinct_names(&person_mentions);
        Extraction {
            person_mentions,
            date_mentions,
            people,
            firms,
            tentative_mentions,
            tentative,
        }
    }
}

//! Extraction of people and date mentions from article text.
//!
//! Both extractors sit behind the same small interface (text + publication date in,
//! spans + normalised values out) so either can be replaced without touching ingest
//! or the index schema.

pub mod dates;
mod mention;
pub mod people;
mod window;

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
        let (found, date_mentions) = if text.len() <= window::WINDOW_BYTES {
            (
                self.people.find_people(text, publication_date),
                self.dates.extract_dates(text, publication_date),
            )
        } else {
            self.extract_by_window(text, publication_date)
        };
        let PeopleFound {
            mentions: person_mentions,
            firms,
            tentative: tentative_mentions,
        } = found;
        let mut tentative: Vec<String> = Vec::new();
        for mention in &tentative_mentions {
            if !tentative.contains(&mention.name) && tentative.len() < MAX_TENTATIVE {
                tentative.push(mention.name.clone());
            }
        }
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

    /// A long text read a window at a time (see `window.rs`), its mentions put back at
    /// their offsets in the whole text.
    fn extract_by_window(
        &self,
        text: &str,
        publication_date: Option<NaiveDate>,
    ) -> (PeopleFound, Vec<DateMention>) {
        let mut found = PeopleFound::default();
        let mut date_mentions = Vec::new();
        let mut firms_seen = std::collections::HashSet::new();
        for (offset, piece) in window::windows(text, window::WINDOW_BYTES) {
            let part = self.people.find_people(piece, publication_date);
            found
                .mentions
                .extend(part.mentions.into_iter().map(|m| m.shifted(offset)));
            found
                .tentative
                .extend(part.tentative.into_iter().map(|m| m.shifted(offset)));
            for firm in part.firms {
                if firms_seen.insert(firm.clone()) {
                    found.firms.push(firm);
                }
            }
            let dates = self.dates.extract_dates(piece, publication_date);
            date_mentions.extend(dates.into_iter().map(|m| m.shifted(offset)));
        }
        (found, date_mentions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_gives_its_mentions_at_their_offsets_in_every_window() {
        let filler = "The ferry council met in the harbour and the report was read. ".repeat(400);
        let paragraph =
            "Steve Witkoff, the US envoy, said on March 3, 2025 that talks would go on.";
        let mut text = String::new();
        while text.len() < 3 * window::WINDOW_BYTES {
            text.push_str(&filler);
            text.push_str("\n\n");
            text.push_str(paragraph);
            text.push_str("\n\n");
        }
        let date = NaiveDate::from_ymd_opt(2025, 3, 10);
        let whole = Extractors::default().extract(&text, date);
        let repeats = text.matches(paragraph).count();
        let witkoff = whole
            .person_mentions
            .iter()
            .filter(|m| m.text == "Steve Witkoff");
        assert_eq!(witkoff.count(), repeats);
        for mention in &whole.person_mentions {
            assert_eq!(&text[mention.start..mention.end], mention.text);
        }
        let march = whole
            .date_mentions
            .iter()
            .filter(|m| m.value == "2025-03-03");
        assert_eq!(march.count(), repeats);
        for mention in &whole.date_mentions {
            assert_eq!(&text[mention.start..mention.end], mention.text);
        }
        assert_eq!(whole.people, vec!["Steve Witkoff".to_string()]);
        // The last window's mentions are there too: nothing past the first window is lost.
        let last = whole.person_mentions.last().map_or(0, |m| m.start);
        assert!(last > 2 * window::WINDOW_BYTES);
    }
}

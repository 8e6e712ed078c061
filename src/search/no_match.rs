//! What to tell a user whose search found nothing: which filter emptied the set (the
//! matches with each filter left out, the others kept: "0 matches with --from 2030; 12
//! without"), and for a word no article holds, the archive's words close to it.
//!
//! Each count is one pass of Tantivy's `Count` collector over the same words, and there
//! are at most [`MAX_COUNTS`] of them, so the help costs a few milliseconds and only when
//! there is nothing else to show. A new filter is added to [`leave_each_out`].

use std::collections::HashMap;

use tantivy::collector::Count;
use tantivy::query::FuzzyTermQuery;
use tantivy::{Searcher, Term};

use super::query::{fuzzy_distance, TextQuery};
use super::{combine, filters, SearchRequest};
use crate::error::Result;
use crate::index::schema::{analyze, news_analyzer};
use crate::index::ArchiveIndex;

/// Most filters counted without (a request may name many people).
pub const MAX_COUNTS: usize = 6;

/// Most close words given for one unknown word.
pub const MAX_CLOSE_WORDS: usize = 5;

/// The matches of a request with one of its filters left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Without {
    /// The filter as the page and the API name it: `from`, `to`, `person`, `mentions`.
    pub parameter: &'static str,
    /// Its value as typed (`2030`, `Ronald Reagan`).
    pub value: String,
    /// Matches with every other filter kept.
    pub total: usize,
}

/// Why a search found nothing, and what would find something.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoMatch {
    /// Each filter of the request, with the matches without it.
    pub without: Vec<Without>,
    /// Matches of the words alone, when two or more filters each leave nothing even
    /// without one of them.
    pub without_any: Option<usize>,
    /// Words no title or body holds, each with the archive's words within its typo
    /// tolerance, the most frequent first (empty when none is close).
    pub close_words: Vec<(String, Vec<String>)>,
    /// Whether the counts are of close matches (the words in `close_words` matched with
    /// typo tolerance), as a search without the filters would show them.
    pub counts_close_matches: bool,
}

impl NoMatch {
    /// Whether there is anything to say.
    pub fn is_empty(&self) -> bool {
        self.without.is_empty() && self.close_words.is_empty()
    }
}

/// The filter as typed, or, for a request built in code, its days.
fn typed_or(typed: &Option<String>, days: impl FnOnce() -> String) -> String {
    typed.clone().unwrap_or_else(days)
}

/// The request with each of its filters left out in turn, at most [`MAX_COUNTS`].
fn leave_each_out(request: &SearchRequest) -> Vec<(&'static str, String, SearchRequest)> {
    let typed = &request.typed;
    let mut variants = Vec::new();
    if let Some(day) = request.from {
        let value = typed_or(&typed.from, || day.to_string());
        variants.push((
            "from",
            value,
            SearchRequest {
                from: None,
                ..request.clone()
            },
        ));
    }
    if let Some(day) = request.to {
        let value = typed_or(&typed.to, || day.to_string());
        variants.push((
            "to",
            value,
            SearchRequest {
                to: None,
                ..request.clone()
            },
        ));
    }
    if let Some(period) = request.mentions {
        let value = typed_or(&typed.mentions, || {
            format!("{}..{}", period.first, period.last)
        });
        variants.push((
            "mentions",
            value,
            SearchRequest {
                mentions: None,
                ..request.clone()
            },
        ));
    }
    for (at, name) in request.people.iter().enumerate() {
        let mut people = request.people.clone();
        people.remove(at);
        variants.push((
            "person",
            name.clone(),
            SearchRequest {
                people,
                ..request.clone()
            },
        ));
    }
    variants.truncate(MAX_COUNTS);
    variants
}

fn count(
    archive: &ArchiveIndex,
    searcher: &Searcher,
    text: Option<&TextQuery>,
    request: &SearchRequest,
) -> Result<usize> {
    let query = combine(archive, text, filters(archive, request)?);
    searcher
        .search(&*query, &Count)
        .map_err(|e| archive.error(e))
}

/// The archive's title and body words within `word`'s typo tolerance (as the fuzzy retry
/// matches them), by the number of articles holding them, most first.
pub fn close_words(archive: &ArchiveIndex, searcher: &Searcher, word: &str) -> Result<Vec<String>> {
    let terms = analyze(&mut news_analyzer(), word);
    let [term] = terms.as_slice() else {
        return Ok(Vec::new());
    };
    let distance = fuzzy_distance(term);
    let mut articles: HashMap<String, u64> = HashMap::new();
    for field in [archive.fields.title, archive.fields.body] {
        let fuzzy = FuzzyTermQuery::new(Term::from_field_text(field, term), distance, true);
        // Built once, walked over each segment's term dictionary.
        let automaton = fuzzy.automaton().map_err(|e| archive.error(e))?;
        for segment in searcher.segment_readers() {
            let inverted = segment
                .inverted_index(field)
                .map_err(|e| archive.error(e))?;
            let mut stream = inverted
                .terms()
                .search(&automaton)
                .into_stream()
                .map_err(|e| archive.error(e.into()))?;
            while stream.advance() {
                if let Ok(close) = std::str::from_utf8(stream.key()) {
                    *articles.entry(close.to_owned()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
    }
    let mut close: Vec<(String, u64)> = articles.into_iter().collect();
    close.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(close
        .into_iter()
        .take(MAX_CLOSE_WORDS)
        .map(|(word, _)| word)
        .collect())
}

/// The help for a request that matched nothing. `text` is the words as last searched
/// (with typo tolerance when some were unknown: `fuzzy` says so), `unknown` the words no
/// article holds.
pub fn explain(
    archive: &ArchiveIndex,
    searcher: &Searcher,
    request: &SearchRequest,
    text: Option<&TextQuery>,
    fuzzy: bool,
    unknown: &[String],
) -> Result<NoMatch> {
    let mut help = NoMatch::default();
    // As many as the fuzzy retry would take: a query of a thousand unknown words gets
    // help for the first few.
    for word in unknown.iter().take(super::limits::MAX_FUZZY_WORDS) {
        help.close_words
            .push((word.clone(), close_words(archive, searcher, word)?));
    }
    help.counts_close_matches = fuzzy && help.close_words.iter().any(|(_, c)| !c.is_empty());
    for (parameter, value, variant) in leave_each_out(request) {
        help.without.push(Without {
            parameter,
            value,
            total: count(archive, searcher, text, &variant)?,
        });
    }
    if help.without.len() >= 2 && help.without.iter().all(|w| w.total == 0) {
        let bare = SearchRequest {
            from: None,
            to: None,
            people: Vec::new(),
            mentions: None,
            ..request.clone()
        };
        help.without_any = Some(count(archive, searcher, text, &bare)?);
    }
    Ok(help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::FilterText;

    #[test]
    fn each_filter_is_left_out_once_and_named_as_typed() {
        let request = FilterText {
            query: "ferry".into(),
            from: Some("2030".into()),
            to: Some("2031-Q2".into()),
            people: vec!["Ada".into(), "Bo".into()],
            mentions: Some("1990s".into()),
        }
        .request()
        .unwrap();
        let variants = leave_each_out(&request);
        let named: Vec<(&str, &str)> = variants.iter().map(|(p, v, _)| (*p, v.as_str())).collect();
        assert_eq!(
            named,
            [
                ("from", "2030"),
                ("to", "2031-Q2"),
                ("mentions", "1990s"),
                ("person", "Ada"),
                ("person", "Bo")
            ]
        );
        assert!(variants[0].2.from.is_none() && variants[0].2.to.is_some());
        assert_eq!(variants[4].2.people, ["Ada"]);
    }

    #[test]
    fn many_people_cost_a_bounded_number_of_counts() {
        let request = SearchRequest {
            people: (0..20).map(|i| format!("Person {i}")).collect(),
            ..SearchRequest::default()
        };
        assert_eq!(leave_each_out(&request).len(), MAX_COUNTS);
    }

    #[test]
    fn a_request_built_in_code_names_its_days() {
        let request = SearchRequest {
            from: chrono::NaiveDate::from_ymd_opt(2030, 1, 1),
            ..SearchRequest::default()
        };
        assert_eq!(leave_each_out(&request)[0].1, "2030-01-01");
    }
}

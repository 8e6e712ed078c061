//! The articles a request matches, decided by one rule for every command (`search`,
//! `people`, `timeline`, and the page's side panels): its words and filters as written;
//! or, when they match nothing and some of the words are in no article (at most
//! [`limits::MAX_FUZZY_WORDS`] of them), the same with those words matched with typo
//! tolerance, a close-match set. Each command runs its own collector through
//! [`over_matching`], so the set `people` counts is the set `search` lists, and each can
//! say when that set is made of close matches and for which words.
//!
//! The exact words are always tried first, with the command's own collector: the retry
//! costs nothing unless the exact search found nothing.

use tantivy::query::Query;
use tantivy::Searcher;

use super::no_match::close_words;
use super::query::{QueryBuilder, TextQuery};
use super::{combine, filters, limits, unknown_words, SearchRequest};
use crate::error::Result;
use crate::index::ArchiveIndex;

/// Words matched with typo tolerance, each as typed with the archive's words close to it
/// (`Thacher` → `thatcher`). Empty when the words matched as written.
pub type FuzzyWords = Vec<(String, Vec<String>)>;

/// What a command's collector made of the articles a request matches.
pub struct Matched<T> {
    /// The collector's result.
    pub fruit: T,
    /// The number of matching articles.
    pub total: usize,
    /// The words as searched (with typo tolerance when `fuzzy` is not empty), for the
    /// snippets' highlights; `None` without words.
    pub text: Option<TextQuery>,
    /// The words matched with typo tolerance, when the set is of close matches.
    pub fuzzy: FuzzyWords,
    /// When nothing matched: the words no article holds.
    pub unknown: Vec<String>,
    /// When nothing matched even with typo tolerance: the words as retried with it.
    pub retried: Option<TextQuery>,
}

/// Runs `collect` (given the query and whether it has words) over the articles `request`
/// matches, by the rule of this module. `collect` returns the number of articles it saw
/// and its result.
pub fn over_matching<T>(
    archive: &ArchiveIndex,
    searcher: &Searcher,
    request: &SearchRequest,
    mut collect: impl FnMut(&dyn Query, bool) -> Result<(usize, T)>,
) -> Result<Matched<T>> {
    let exact = QueryBuilder::new(archive).build(&request.query)?;
    let has_words = exact.is_some();
    let query = combine(archive, exact.as_ref(), filters(archive, request)?);
    let (total, fruit) = collect(&*query, has_words)?;
    let mut matched = Matched {
        fruit,
        total,
        text: exact,
        fuzzy: Vec::new(),
        unknown: Vec::new(),
        retried: None,
    };
    let Some(text) = matched.text.as_ref().filter(|_| total == 0) else {
        return Ok(matched);
    };
    let unknown = unknown_words(archive, searcher, &text.plain_words)?;
    if !unknown.is_empty() && unknown.len() <= limits::MAX_FUZZY_WORDS {
        let fuzzy = QueryBuilder::new(archive)
            .with_fuzzy_words(unknown.iter().cloned())
            .build(&request.query)?;
        let query = combine(archive, fuzzy.as_ref(), filters(archive, request)?);
        let (total, fruit) = collect(&*query, has_words)?;
        if total > 0 {
            for word in unknown {
                let close = close_words(archive, searcher, &word)?;
                matched.fuzzy.push((word, close));
            }
            matched.fruit = fruit;
            matched.total = total;
            matched.text = fuzzy;
            return Ok(matched);
        }
        matched.retried = fuzzy;
    }
    matched.unknown = unknown;
    Ok(matched)
}

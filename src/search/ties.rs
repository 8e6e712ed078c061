//! One order for results that rank alike. Tantivy breaks a tie of scores (or of dates) by
//! document address, which depends on how the index's segments happen to be laid out: the
//! same archive indexed with a different history put copies of a syndicated story, or the
//! articles of one day, in another order, and moved some across the page boundary. A run
//! of equal rank values is ordered by article id (the hash of the content) instead.

use std::collections::HashMap;

use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, Searcher};

use crate::error::Result;

/// Results fetched past the page at first, to see the whole of a tie at its end.
const FIRST_SLACK: usize = 64;
/// Beyond this many results past the page, a tie at its end is broken by address.
const MAX_SLACK: usize = 4096;

/// A ranked page of results: how many match, and `(rank value, address)` best first.
pub type Ranked<K> = (usize, Vec<(K, DocAddress)>);

/// The results `offset..offset + limit` in rank order, a run of equal rank values ordered
/// by `id_of`. `fetch(n)` returns the number of matches and the first `n` results in rank
/// order (tantivy's, equal values next to each other).
pub fn page<K: Copy + PartialEq>(
    offset: usize,
    limit: usize,
    mut fetch: impl FnMut(usize) -> Result<Ranked<K>>,
    mut id_of: impl FnMut(DocAddress) -> Result<String>,
) -> Result<Ranked<K>> {
    let want = offset.saturating_add(limit);
    let mut slack = FIRST_SLACK;
    let (total, mut docs) = loop {
        let asked = want.saturating_add(slack);
        let (total, docs) = fetch(asked)?;
        let all_fetched = docs.len() < asked;
        let tie_runs_past = want > 0
            && docs.len() > want
            && docs.last().map(|d| d.0) == docs.get(want - 1).map(|d| d.0);
        if all_fetched || !tie_runs_past || slack >= MAX_SLACK {
            break (total, docs);
        }
        slack = slack.saturating_mul(8);
    };
    let mut start = 0;
    while start < docs.len() && start < want {
        let end = start
            + docs[start..]
                .iter()
                .take_while(|d| d.0 == docs[start].0)
                .count();
        // Only a run that reaches into the page changes it.
        if end - start > 1 && end > offset {
            let mut run = docs[start..end]
                .iter()
                .map(|&doc| Ok((id_of(doc.1)?, doc)))
                .collect::<Result<Vec<_>>>()?;
            run.sort_by(|a, b| a.0.cmp(&b.0));
            for (slot, (_, doc)) in docs[start..end].iter_mut().zip(run) {
                *slot = doc;
            }
        }
        start = end;
    }
    docs.truncate(want);
    docs.drain(..offset.min(docs.len()));
    Ok((total, docs))
}

/// Reads article ids from the `id` fast field, opening each segment's column once.
pub struct Ids<'a> {
    searcher: &'a Searcher,
    columns: HashMap<u32, Option<StrColumn>>,
}

impl<'a> Ids<'a> {
    pub fn new(searcher: &'a Searcher) -> Ids<'a> {
        Ids {
            searcher,
            columns: HashMap::new(),
        }
    }

    pub fn of(&mut self, address: DocAddress) -> tantivy::Result<String> {
        let column = match self.columns.get(&address.segment_ord) {
            Some(column) => column,
            None => {
                let segment = self.searcher.segment_reader(address.segment_ord);
                let column = segment.fast_fields().str("id")?;
                self.columns.entry(address.segment_ord).or_insert(column)
            }
        };
        let mut id = String::new();
        if let Some(column) = column {
            if let Some(ord) = column.term_ords(address.doc_id).next() {
                column.ord_to_str(ord, &mut id)?;
            }
        }
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Results `(score, doc)`; a doc's id is its number written backwards, so id order is
    /// not address order.
    fn ranked(scores: &[u32]) -> Vec<(u32, DocAddress)> {
        scores
            .iter()
            .enumerate()
            .map(|(doc, &score)| (score, DocAddress::new(0, doc as u32)))
            .collect()
    }

    fn id(address: DocAddress) -> Result<String> {
        Ok(format!("{:03}", 999 - address.doc_id))
    }

    fn docs(page: &Ranked<u32>) -> Vec<u32> {
        page.1.iter().map(|d| d.1.doc_id).collect()
    }

    #[test]
    fn a_tie_is_ordered_by_id_inside_and_across_the_page() {
        let all = ranked(&[9, 5, 5, 5, 5, 1]);
        let fetch = |n: usize| Ok((all.len(), all.iter().take(n).copied().collect()));
        // Docs 1 to 4 tie; by id (999 - doc) they go 4, 3, 2, 1.
        assert_eq!(docs(&page(0, 3, fetch, id).unwrap()), [0, 4, 3]);
        assert_eq!(docs(&page(3, 3, fetch, id).unwrap()), [2, 1, 5]);
        assert_eq!(page(0, 3, fetch, id).unwrap().0, 6);
    }

    #[test]
    fn a_long_tie_is_fetched_whole() {
        let mut scores = vec![9];
        scores.extend(std::iter::repeat_n(5, 200));
        let all = ranked(&scores);
        let mut asked = Vec::new();
        let fetch = |n: usize| {
            asked.push(n);
            Ok((all.len(), all.iter().take(n).copied().collect()))
        };
        // The best of the tie by id is the last doc, 200.
        assert_eq!(docs(&page(0, 2, fetch, id).unwrap()), [0, 200]);
        assert_eq!(asked, [2 + FIRST_SLACK, 2 + FIRST_SLACK * 8]);
    }

    #[test]
    fn pages_past_the_end_are_empty() {
        let all = ranked(&[3, 2]);
        let fetch = |n: usize| Ok((all.len(), all.iter().take(n).copied().collect()));
        assert!(page(5, 10, fetch, id).unwrap().1.is_empty());
        assert!(page(0, 0, fetch, id).unwrap().1.is_empty());
    }
}

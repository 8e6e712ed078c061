//! `morgue people`: who the matching articles name most.

use tantivy::collector::{Count, FacetCollector};
use tantivy::query::Query;

use crate::error::Result;
use crate::index::ArchiveIndex;
use crate::search::{matching_query, SearchRequest};

/// People with the number of matching articles naming them, most first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeopleCounts {
    /// Matching articles in all.
    pub articles: usize,
    pub people: Vec<(String, u64)>,
}

/// The people named in most of the articles `query` matches, counted from the person facet
/// (no stored document is read).
pub fn top_people(archive: &ArchiveIndex, query: &dyn Query, limit: usize) -> Result<PeopleCounts> {
    let reader = archive.reader()?;
    let mut facets = FacetCollector::for_field("person_facet");
    facets.add_facet("/");
    let (articles, counts) = reader
        .searcher()
        .search(query, &(Count, facets))
        .map_err(|e| archive.error(e))?;
    let people = counts
        .top_k("/", limit)
        .into_iter()
        .map(|(facet, count)| {
            let name = facet
                .to_path()
                .last()
                .map(|s| s.to_string())
                .unwrap_or_default();
            (name, count)
        })
        .collect();
    Ok(PeopleCounts { articles, people })
}

/// `morgue people [QUERY]` with the search filters.
pub fn people(archive: &ArchiveIndex, request: &SearchRequest) -> Result<PeopleCounts> {
    let query = matching_query(archive, request)?;
    top_people(archive, &*query, request.limit)
}

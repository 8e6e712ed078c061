//! `morgue people`: who the matching articles name most.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tantivy::columnar::Column;

use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::columnar::Dictionary;
use tantivy::fastfield::FacetReader;
use tantivy::query::Query;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::error::Result;
use crate::identity::gather::{identities, publication_year, Identities, LinkedOrd};
use crate::identity::IdentityTable;
use crate::index::ArchiveIndex;
use crate::search::{over_matching, FuzzyWords, SearchRequest};

/// People with the number of matching articles naming them, most first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeopleCounts {
    /// Matching articles in all.
    pub articles: usize,
    pub people: Vec<(String, u64)>,
    /// The words matched with typo tolerance when the articles are close matches.
    pub fuzzy: FuzzyWords,
}

/// Counts the person facet by ordinal in a flat array per segment, and turns into names
/// only the few ordinals that can make the list. (Tantivy's `FacetCollector` names every
/// person counted, which at 200,000 articles took 300 ms for a search matching them all.)
struct TopPeople {
    limit: usize,
    identities: Arc<Identities>,
}

/// How many of a segment's best ordinals are named. The final counts are exact: each
/// candidate is then counted in every segment. Only a person outside this many in every
/// segment yet in the overall top could be missed.
fn candidates_per_segment(limit: usize) -> usize {
    limit.saturating_mul(10).max(200)
}

struct SegmentPeople {
    segment: SegmentReader,
    facets: FacetReader,
    counts: Vec<u32>,
    limit: usize,
    identities: Arc<Identities>,
    /// Ordinals of surname-only names the identity table may link, with their keys.
    linked: HashMap<u64, LinkedOrd>,
    /// The facet ordinals of the document being collected.
    doc_ords: Vec<u64>,
    /// Tentative names ("Putin has not commented") of the segment and the ordinals of
    /// those the archive may link, with their keys.
    tentative: FacetReader,
    tentative_linked: HashMap<u64, String>,
    dates: Column<tantivy::DateTime>,
    /// Articles counted under an identity from the archive instead of their ordinal.
    by_identity: HashMap<String, u64>,
    /// The identities the current document was counted under.
    doc_identities: Vec<String>,
}

/// One segment's counts, its reader (to count other segments' candidates here), and its
/// own best candidates by encoded facet.
struct SegmentCounts {
    counts: Vec<u32>,
    segment: SegmentReader,
    best: Vec<Vec<u8>>,
    by_identity: HashMap<String, u64>,
}

impl SegmentCounts {
    fn count_of(&self, dictionary: &Dictionary, encoded: &[u8]) -> u64 {
        match dictionary.term_ord(encoded) {
            Ok(Some(ord)) => self.counts.get(ord as usize).copied().unwrap_or(0).into(),
            _ => 0,
        }
    }
}

impl Collector for TopPeople {
    type Fruit = Vec<(String, u64)>;
    type Child = SegmentPeople;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentPeople> {
        let facets = segment.facet_reader("person_facet")?;
        let counts = vec![0; facets.num_facets()];
        let linked = self.identities.linked_ords(segment);
        Ok(SegmentPeople {
            segment: segment.clone(),
            facets,
            counts,
            limit: self.limit,
            identities: Arc::clone(&self.identities),
            linked,
            dates: segment.fast_fields().date("publication_date")?,
            by_identity: HashMap::new(),
            doc_identities: Vec::new(),
            doc_ords: Vec::new(),
            tentative: segment.facet_reader("tentative_facet")?,
            tentative_linked: self.identities.tentative_ords(segment),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentCounts>) -> tantivy::Result<Self::Fruit> {
        let readers = segments
            .iter()
            .map(|s| s.segment.facet_reader("person_facet"))
            .collect::<tantivy::Result<Vec<FacetReader>>>()?;
        let linked: Vec<Vec<u8>> = segments
            .iter()
            .flat_map(|segment| segment.by_identity.keys())
            .map(|name| {
                Facet::from_path([name.as_str()])
                    .encoded_str()
                    .as_bytes()
                    .to_vec()
            })
            .collect();
        let candidates: HashSet<&[u8]> = segments
            .iter()
            .flat_map(|segment| segment.best.iter().map(Vec::as_slice))
            .chain(linked.iter().map(Vec::as_slice))
            .collect();
        let mut people: Vec<(String, u64)> = candidates
            .into_iter()
            .filter_map(|encoded| {
                let facet = Facet::from_encoded(encoded.to_vec()).ok()?;
                let name = facet.to_path().last()?.to_string();
                let total: u64 = segments
                    .iter()
                    .zip(&readers)
                    .map(|(segment, reader)| {
                        segment.count_of(reader.facet_dict(), encoded)
                            + segment.by_identity.get(&name).copied().unwrap_or(0)
                    })
                    .sum();
                Some((name, total))
            })
            .filter(|(_, total)| *total > 0)
            .collect();
        people.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        people.truncate(self.limit);
        Ok(people)
    }
}

impl SegmentPeople {
    fn year_of(&self, doc: DocId) -> Option<i32> {
        publication_year(&self.dates, doc)
    }
}

/// Counts a document for the person the name of `key` links to in `year`, once a document
/// (`doc_identities`); whether it links.
fn count_link(
    table: &IdentityTable,
    doc_identities: &mut Vec<String>,
    by_identity: &mut HashMap<String, u64>,
    key: &str,
    year: Option<i32>,
) -> bool {
    let Some(link) = table.resolve_key(key, year) else {
        return false;
    };
    if !doc_identities.iter().any(|name| name == link.name) {
        doc_identities.push(link.name.to_owned());
        *by_identity.entry(link.name.to_owned()).or_default() += 1;
    }
    true
}

impl SegmentCollector for SegmentPeople {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        let mut year = None;
        self.doc_identities.clear();
        let mut doc_ords = std::mem::take(&mut self.doc_ords);
        doc_ords.clear();
        doc_ords.extend(self.facets.facet_ords(doc));
        for &ord in &doc_ords {
            if let Some(LinkedOrd { key, form_of, firm }) = self.linked.get(&ord) {
                if *firm {
                    continue;
                }
                // "James Wright" beside "Jim Wright": the article counts once, as the
                // name it writes.
                if form_of.is_some_and(|other| doc_ords.contains(&other)) {
                    continue;
                }
                let year = *year.get_or_insert_with(|| self.year_of(doc));
                let table = &self.identities.table;
                if count_link(
                    table,
                    &mut self.doc_identities,
                    &mut self.by_identity,
                    key,
                    year,
                ) {
                    continue;
                }
            }
            if let Some(count) = self.counts.get_mut(ord as usize) {
                *count += 1;
            }
        }
        self.doc_ords = doc_ords;
        if self.tentative_linked.is_empty() {
            return;
        }
        for ord in self.tentative.facet_ords(doc) {
            let Some(key) = self.tentative_linked.get(&ord) else {
                continue;
            };
            let year = *year.get_or_insert_with(|| self.year_of(doc));
            count_link(
                &self.identities.table,
                &mut self.doc_identities,
                &mut self.by_identity,
                key,
                year,
            );
        }
    }

    fn harvest(self) -> SegmentCounts {
        let mut ords: Vec<u32> = (0..self.counts.len() as u32)
            .filter(|&ord| self.counts[ord as usize] > 0)
            .collect();
        let keep = candidates_per_segment(self.limit);
        if ords.len() > keep {
            ords.select_nth_unstable_by(keep, |a, b| {
                self.counts[*b as usize].cmp(&self.counts[*a as usize])
            });
            ords.truncate(keep);
        }
        let dictionary = self.facets.facet_dict();
        let best = ords
            .into_iter()
            .filter_map(|ord| {
                let mut encoded = Vec::new();
                match dictionary.ord_to_term(u64::from(ord), &mut encoded) {
                    Ok(true) => Some(encoded),
                    _ => None,
                }
            })
            .collect();
        SegmentCounts {
            counts: self.counts,
            segment: self.segment,
            best,
            by_identity: self.by_identity,
        }
    }
}

/// The people named in most of the articles `query` matches, counted from the person facet
/// (no stored document is read). Ties are broken by name.
pub fn top_people(archive: &ArchiveIndex, query: &dyn Query, limit: usize) -> Result<PeopleCounts> {
    let reader = archive.reader()?;
    let searcher = reader.searcher();
    let (articles, people) = count_people(archive, &searcher, query, limit)?;
    Ok(PeopleCounts {
        articles,
        people,
        fuzzy: Vec::new(),
    })
}

/// The number of articles `query` matches and the `limit` people most named in them.
fn count_people(
    archive: &ArchiveIndex,
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
) -> Result<(usize, Vec<(String, u64)>)> {
    let identities = identities(archive, searcher)?;
    searcher
        .search(query, &(Count, TopPeople { limit, identities }))
        .map_err(|e| archive.error(e))
}

/// `morgue people [QUERY]` with the search filters, over the articles `search` lists for
/// the same request (close matches included: [`crate::search::matching`]).
pub fn people(archive: &ArchiveIndex, request: &SearchRequest) -> Result<PeopleCounts> {
    let reader = archive.reader()?;
    let searcher = reader.searcher();
    let matched = over_matching(archive, &searcher, request, |query, _| {
        count_people(archive, &searcher, query, request.limit)
    })?;
    Ok(PeopleCounts {
        articles: matched.total,
        people: matched.fruit,
        fuzzy: matched.fuzzy,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::FacetCollector;
    use tantivy::query::AllQuery;
    use tantivy::TantivyDocument;

    /// Several segments with overlapping people: the counts must be Tantivy's own.
    #[test]
    fn counts_match_the_facet_collector_across_segments() {
        let dir = tempfile::tempdir().unwrap();
        let archive = ArchiveIndex::open_or_create(dir.path()).unwrap();
        let facet_field = archive.fields.person_facet;
        let mut writer = archive
            .index
            .writer_with_num_threads(1, 15_000_000)
            .unwrap();
        let names = ["Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gus"];
        for segment in 0..4 {
            for doc in 0..60usize {
                let mut document = TantivyDocument::new();
                for (i, name) in names.iter().enumerate() {
                    if (doc + segment * 7) % (i + 2) == 0 {
                        document.add_facet(facet_field, Facet::from_path([*name]));
                    }
                }
                writer.add_document(document).unwrap();
            }
            writer.commit().unwrap();
        }
        drop(writer);
        let reader = archive.reader().unwrap();
        reader.reload().unwrap();
        assert!(reader.searcher().segment_readers().len() > 1);

        let ours = top_people(&archive, &AllQuery, names.len()).unwrap();
        let mut facets = FacetCollector::for_field("person_facet");
        facets.add_facet("/");
        let theirs = reader.searcher().search(&AllQuery, &facets).unwrap();
        let mut expected: Vec<(String, u64)> = theirs
            .top_k("/", names.len())
            .into_iter()
            .map(|(facet, n)| (facet.to_path().last().unwrap().to_string(), n))
            .collect();
        expected.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        assert_eq!(ours.people, expected);
        assert_eq!(ours.articles, 240);
        assert_eq!(
            top_people(&archive, &AllQuery, 2).unwrap().people,
            expected[..2]
        );
    }
}

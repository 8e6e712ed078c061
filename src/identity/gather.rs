//! The evidence of [`IdentityTable`], read from the index, and the table kept beside it.
//!
//! The table is a function of the articles in the index and nothing else, so it is never
//! a second state that could disagree with the index: it is computed from the person,
//! firm and tentative facets and the publication dates of one searcher's segments, and the copy saved in the
//! index folder (`identities.bin`, postcard: a command loads it whole, and JSON took 9 ms
//! at 200,000 articles) names the segments and deletions it was computed
//! from. A copy that names others (an ingest committed since, or was killed before it
//! saved one) is ignored and replaced. Saving is best effort: a read-only index computes
//! the table at each command.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use tantivy::columnar::Column;
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DateTime, DocId, Searcher, SegmentReader};

use super::{Evidence, IdentityTable, LinkKind};
use crate::error::Result;
use crate::index::document::from_datetime;
use crate::index::schema::{person_key_analyzer, person_key_with};
use crate::index::ArchiveIndex;

/// The file in the index folder holding the last table computed.
pub const FILE_NAME: &str = "identities.bin";

/// Changes whenever the rule or this file's layout does, so that a table saved by another
/// version is ignored.
const RULE_VERSION: u32 = 5;

/// By segment id: facet ordinals of names, each with its key and, for a full name that
/// links to another form, the ordinal of that form in the segment (if it has it).
pub type OrdsBySegment = BTreeMap<String, Vec<(u64, String, Option<u64>, bool)>>;

/// The identity table of one generation of the index, with where its linked names sit in
/// each segment's person facet (so counting people needs no dictionary lookups).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Identities {
    generation: String,
    pub table: IdentityTable,
    /// By segment id: facet ordinals of names the table links in some year, with the
    /// name's key (and, for another form of a full name, that name's ordinal).
    linked_ords: OrdsBySegment,
    /// By segment id: tentative-facet ordinals of names the table links in some year, with
    /// the name's key.
    tentative_ords: KeysBySegment,
}

/// A facet ordinal's name that the table may link: its key, and the ordinal of the name
/// it links to when that is a form of the same full name in the same segment (an article
/// that writes both forms counts once).
#[derive(Debug, Clone)]
pub struct LinkedOrd {
    pub key: String,
    pub form_of: Option<u64>,
    /// The name is a firm's: it counts for no one.
    pub firm: bool,
}

impl Identities {
    /// Tentative-facet ordinals of `segment` whose name the table may link, with its key.
    pub fn tentative_ords(&self, segment: &SegmentReader) -> HashMap<u64, String> {
        self.tentative_ords
            .get(&segment.segment_id().uuid_string())
            .map(|ords| ords.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Facet ordinals of `segment` whose name the table may link.
    pub fn linked_ords(&self, segment: &SegmentReader) -> HashMap<u64, LinkedOrd> {
        self.linked_ords
            .get(&segment.segment_id().uuid_string())
            .map(|ords| {
                ords.iter()
                    .map(|(ord, key, form_of, firm)| {
                        (
                            *ord,
                            LinkedOrd {
                                key: key.clone(),
                                form_of: *form_of,
                                firm: *firm,
                            },
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// What the table depends on: the rule's version, and each segment with its number of
/// deleted documents (deletions in a segment only grow, so the count names the set).
pub fn generation(searcher: &Searcher) -> String {
    let mut segments: Vec<String> = searcher
        .segment_readers()
        .iter()
        .map(|segment| {
            format!(
                "{}-{}",
                segment.segment_id().uuid_string(),
                segment.num_deleted_docs()
            )
        })
        .collect();
    segments.sort_unstable();
    format!("{RULE_VERSION}:{}", segments.join(","))
}

/// By segment id: facet ordinals of names, each with its key.
pub type KeysBySegment = BTreeMap<String, Vec<(u64, String)>>;

/// Articles per person name and year, from the person facet and the publication dates;
/// and per segment, the ordinals of names with their keys.
pub fn evidence(searcher: &Searcher) -> tantivy::Result<(Evidence, KeysBySegment)> {
    let mut evidence = Evidence::default();
    let mut one_word = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let ords = segment_evidence(segment, &mut evidence)?;
        one_word.insert(segment.segment_id().uuid_string(), ords);
    }
    Ok((evidence, one_word))
}

fn segment_evidence(
    segment: &SegmentReader,
    evidence: &mut Evidence,
) -> tantivy::Result<Vec<(u64, String)>> {
    firm_evidence(segment, evidence)?;
    tentative_evidence(segment, evidence)?;
    let facets = segment.facet_reader("person_facet")?;
    let dates = segment.fast_fields().date("publication_date")?;
    let mut counts: HashMap<(u64, Option<i32>), u64> = HashMap::new();
    for doc in alive_docs(segment) {
        let ords: Vec<u64> = facets.facet_ords(doc).collect();
        // A roll of names (a list, a directory, hostile text) says nothing of who is who.
        if ords.is_empty() || ords.len() > super::MAX_PEOPLE_AS_EVIDENCE {
            continue;
        }
        let year = publication_year(&dates, doc);
        for ord in ords {
            *counts.entry((ord, year)).or_default() += 1;
        }
    }
    let mut ords: Vec<u64> = counts.keys().map(|(ord, _)| *ord).collect();
    ords.sort_unstable();
    ords.dedup();
    let names = names_of(&facets, &ords)?;
    for ((ord, year), articles) in counts {
        let name = ords
            .binary_search(&ord)
            .ok()
            .and_then(|i| names.get(i))
            .and_then(Option::as_deref);
        if let Some(name) = name {
            evidence.add(name, year, articles);
        }
    }
    let mut analyzer = person_key_analyzer();
    let mut keys = Vec::new();
    for (ord, name) in ords.into_iter().zip(names) {
        if let Some(name) = name {
            let key = person_key_with(&mut analyzer, &name);
            if !key.is_empty() {
                keys.push((ord, key));
            }
        }
    }
    Ok(keys)
}

/// The documents of `segment` that are not deleted.
fn alive_docs(segment: &SegmentReader) -> impl Iterator<Item = DocId> + '_ {
    let alive = segment.alive_bitset();
    (0..segment.max_doc()).filter(move |&doc| alive.is_none_or(|bits| bits.is_alive(doc)))
}

/// The year an article was published in, from the fast field; `None` when undated.
pub(crate) fn publication_year(dates: &Column<DateTime>, doc: DocId) -> Option<i32> {
    dates
        .first(doc)
        .and_then(from_datetime)
        .map(|day| day.year())
}

/// Articles per key of a name written as a firm's, from the firm facet.
fn firm_evidence(segment: &SegmentReader, evidence: &mut Evidence) -> tantivy::Result<()> {
    let facets = segment.facet_reader("firm_facet")?;
    let mut counts = vec![0u64; facets.num_facets()];
    for doc in alive_docs(segment) {
        for ord in facets.facet_ords(doc) {
            if let Some(count) = counts.get_mut(ord as usize) {
                *count += 1;
            }
        }
    }
    let ords: Vec<u64> = (0..counts.len() as u64)
        .filter(|&ord| counts[ord as usize] > 0)
        .collect();
    for (ord, key) in ords.iter().zip(names_of(&facets, &ords)?) {
        if let Some(key) = key {
            evidence.add_firm(&key, counts[*ord as usize]);
        }
    }
    Ok(())
}

/// The names of sorted facet ordinals, in their order, in one pass over the dictionary:
/// looking each one up alone decodes its block again, 10 µs a name.
fn names_of(facets: &FacetReader, ords: &[u64]) -> tantivy::Result<Vec<Option<String>>> {
    let mut names = Vec::with_capacity(ords.len());
    facets
        .facet_dict()
        .sorted_ords_to_term_cb(ords, |encoded| {
            names.push(
                Facet::from_encoded(encoded.to_vec())
                    .ok()
                    .and_then(|facet| facet.to_path().last().map(|s| (*s).to_owned())),
            );
        })?;
    Ok(names)
}

/// The years of the articles with each tentative name, from the tentative facet.
fn tentative_evidence(segment: &SegmentReader, evidence: &mut Evidence) -> tantivy::Result<()> {
    let facets = segment.facet_reader("tentative_facet")?;
    if facets.num_facets() == 0 {
        return Ok(());
    }
    let dates = segment.fast_fields().date("publication_date")?;
    let mut seen: BTreeMap<u64, BTreeSet<Option<i32>>> = BTreeMap::new();
    for doc in alive_docs(segment) {
        let mut ords = facets.facet_ords(doc).peekable();
        if ords.peek().is_none() {
            continue;
        }
        let year = publication_year(&dates, doc);
        for ord in ords {
            seen.entry(ord).or_default().insert(year);
        }
    }
    let ords: Vec<u64> = seen.keys().copied().collect();
    for ((_, years), name) in seen.iter().zip(names_of(&facets, &ords)?) {
        if let Some(name) = name {
            for year in years {
                evidence.add_tentative(&name, *year);
            }
        }
    }
    Ok(())
}

/// Tentative-facet ordinals of `segment` whose name `table` links in some year.
fn linked_tentative(
    segment: &SegmentReader,
    table: &IdentityTable,
) -> tantivy::Result<Vec<(u64, String)>> {
    let facets = segment.facet_reader("tentative_facet")?;
    let mut linked = Vec::new();
    let mut analyzer = person_key_analyzer();
    let mut stream = facets.facet_dict().stream()?;
    while stream.advance() {
        let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) else {
            continue;
        };
        if let Some(name) = facet.to_path().last() {
            let key = person_key_with(&mut analyzer, name);
            if table.links_key(&key) && !key.contains(' ') {
                linked.push((stream.term_ord(), key));
            }
        }
    }
    Ok(linked)
}

/// Computes the identities of the archive as `searcher` sees it.
pub fn compute(searcher: &Searcher) -> tantivy::Result<Identities> {
    let (evidence, keys) = evidence(searcher)?;
    let table = IdentityTable::build(&evidence);
    let mut linked_ords = OrdsBySegment::new();
    let mut tentative_ords = KeysBySegment::new();
    for segment in searcher.segment_readers() {
        let id = segment.segment_id().uuid_string();
        let Some(ords) = keys.get(&id) else {
            continue;
        };
        let facets = segment.facet_reader("person_facet")?;
        let mut linked = Vec::new();
        for (ord, key) in ords.iter().filter(|(_, key)| table.links_key(key)) {
            let form_of = match table.resolve_key(key, None) {
                Some(link) if link.kind == LinkKind::Nickname => {
                    let facet = Facet::from_path([link.name]);
                    facets
                        .facet_dict()
                        .term_ord(facet.encoded_str().as_bytes())?
                }
                _ => None,
            };
            let firm = table.firm_key(key).is_some();
            linked.push((*ord, key.clone(), form_of, firm));
        }
        linked_ords.insert(id.clone(), linked);
        tentative_ords.insert(id, linked_tentative(segment, &table)?);
    }
    Ok(Identities {
        generation: generation(searcher),
        table,
        linked_ords,
        tentative_ords,
    })
}

/// The identities of the archive as `searcher` sees it; kept in memory for the next
/// search of the same generation (a server answers many between two commits).
pub fn identities(archive: &ArchiveIndex, searcher: &Searcher) -> Result<Arc<Identities>> {
    let generation = generation(searcher);
    if let Ok(cached) = archive.identities.lock() {
        if let Some(identities) = &*cached {
            if identities.generation == generation {
                return Ok(Arc::clone(identities));
            }
        }
    }
    let identities = Arc::new(
        saved_or_computed(&archive.dir, searcher, &generation).map_err(|e| archive.error(e))?,
    );
    if let Ok(mut cached) = archive.identities.lock() {
        *cached = Some(Arc::clone(&identities));
    }
    Ok(identities)
}

/// Computes the identities and saves them beside the index, for `ingest` once it has
/// committed: the searches that follow find them ready.
pub fn refresh(archive: &ArchiveIndex, searcher: &Searcher) -> Result<()> {
    let generation = generation(searcher);
    saved_or_computed(&archive.dir, searcher, &generation).map_err(|e| archive.error(e))?;
    Ok(())
}

/// The saved identities if they were computed from the same segments, else computed now
/// and saved (when the folder can be written).
fn saved_or_computed(
    index_dir: &Path,
    searcher: &Searcher,
    generation: &str,
) -> tantivy::Result<Identities> {
    let path = index_dir.join(FILE_NAME);
    if let Some(saved) = std::fs::read(&path)
        .ok()
        .and_then(|bytes| postcard::from_bytes::<Identities>(&bytes).ok())
    {
        if saved.generation == generation {
            return Ok(saved);
        }
    }
    let identities = compute(searcher)?;
    // Best effort: without the copy, the next command computes the table again.
    let _ = save(index_dir, &identities);
    Ok(identities)
}

/// Writes the identities beside the index through a temporary file and a rename, so a
/// reader never sees half a file.
fn save(index_dir: &Path, identities: &Identities) -> std::io::Result<()> {
    let bytes = postcard::to_allocvec(identities).map_err(std::io::Error::other)?;
    let temporary = index_dir.join(format!("{FILE_NAME}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, index_dir.join(FILE_NAME)).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

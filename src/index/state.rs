//! What the index already holds, read column-wise from fast fields so that an incremental
//! ingest of a large archive starts in a fraction of a second.

use std::collections::HashMap;

use tantivy::columnar::StrColumn;
use tantivy::{Searcher, SegmentReader};

use super::schema::{KIND_DUPLICATE, KIND_SKIPPED};
use super::ArchiveIndex;
use crate::error::Result;

/// What one document recorded for a file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    Article,
    /// Content indexed already under another path.
    Duplicate,
    /// Not an article (rare, so boxed: every entry is as small as an article's).
    Skipped(Box<SkipRecord>),
}

/// Why a file was not indexed: a short label and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkipRecord {
    pub label: String,
    pub problem: String,
}

/// One document recorded for a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedEntry {
    /// Content hash; empty for skipped entries.
    pub id: Box<str>,
    /// 1-based line of a JSON-lines file.
    pub line: Option<usize>,
    pub kind: EntryKind,
}

/// A file as the index last saw it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IndexedFile {
    pub size: u64,
    pub mtime: i64,
    pub entries: Vec<IndexedEntry>,
}

impl IndexedFile {
    /// Whether an ingest was stopped while reading this file (a web archive), so that
    /// what the index holds of it is a part.
    pub fn partly_read(&self) -> bool {
        self.entries.iter().any(|entry| {
            matches!(&entry.kind, EntryKind::Skipped(record) if record.label == super::document::PARTLY_READ)
        })
    }

    /// Content hashes of the articles indexed from this file.
    pub fn article_ids(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(|e| e.kind == EntryKind::Article)
            .map(|e| &*e.id)
    }
}

/// Every file the index knows, by absolute path.
#[derive(Debug, Default)]
pub struct IndexState {
    pub files: HashMap<String, IndexedFile>,
}

/// A string fast field of one segment with all its terms loaded in ordinal order: one pass
/// over the dictionary instead of a dictionary lookup per document. The terms share one
/// buffer: a String each cost 40 bytes more per path at a million files.
struct Strings {
    column: Option<StrColumn>,
    text: String,
    /// End of each term in `text`, by ordinal.
    ends: Vec<usize>,
}

impl Strings {
    fn load(segment: &SegmentReader, field: &str) -> tantivy::Result<Strings> {
        let column = segment.fast_fields().str(field)?;
        let mut text = String::new();
        let mut ends = Vec::new();
        if let Some(column) = &column {
            ends.reserve(column.num_terms());
            let mut stream = column.dictionary().stream()?;
            while stream.advance() {
                text.push_str(&String::from_utf8_lossy(stream.key()));
                ends.push(text.len());
            }
        }
        Ok(Strings { column, text, ends })
    }

    fn get(&self, doc: u32) -> Option<&str> {
        let ord = usize::try_from(self.column.as_ref()?.term_ords(doc).next()?).ok()?;
        let end = *self.ends.get(ord)?;
        let start = if ord == 0 { 0 } else { self.ends[ord - 1] };
        self.text.get(start..end)
    }
}

impl IndexState {
    pub fn load(archive: &ArchiveIndex, searcher: &Searcher) -> Result<IndexState> {
        let mut state = IndexState::default();
        for segment in searcher.segment_readers() {
            state.load_segment(segment).map_err(|e| archive.error(e))?;
        }
        Ok(state)
    }

    fn load_segment(&mut self, segment: &SegmentReader) -> tantivy::Result<()> {
        let files = Strings::load(segment, "file")?;
        let ids = Strings::load(segment, "id")?;
        let kinds = Strings::load(segment, "kind")?;
        let labels = Strings::load(segment, "problem_label")?;
        let problems = Strings::load(segment, "problem")?;
        let fast = segment.fast_fields();
        let sizes = fast.u64("size")?;
        let mtimes = fast.i64("mtime")?;
        let lines = fast.u64("line")?;
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|bits| !bits.is_alive(doc)) {
                continue;
            }
            let Some(file) = files.get(doc) else {
                continue;
            };
            let kind = match kinds.get(doc) {
                Some(KIND_DUPLICATE) => EntryKind::Duplicate,
                Some(KIND_SKIPPED) => EntryKind::Skipped(Box::new(SkipRecord {
                    label: labels.get(doc).unwrap_or_default().to_owned(),
                    problem: problems.get(doc).unwrap_or_default().to_owned(),
                })),
                _ => EntryKind::Article,
            };
            let entry = self.files.entry(file.to_owned()).or_default();
            entry.size = sizes.first(doc).unwrap_or(0);
            entry.mtime = mtimes.first(doc).unwrap_or(0);
            entry.entries.push(IndexedEntry {
                id: ids.get(doc).unwrap_or_default().into(),
                line: lines
                    .first(doc)
                    .filter(|&l| l > 0)
                    .and_then(|l| usize::try_from(l).ok()),
                kind,
            });
        }
        Ok(())
    }
}

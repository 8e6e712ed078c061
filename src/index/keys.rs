//! 64-bit lookup keys for the two identities a document has: its content hash and its file.
//!
//! Tantivy builds a term dictionary (an FST) for every indexed field, at every flush and
//! every merge. Indexing the 32-character hash and the absolute path as text put a long,
//! random, never-shared suffix per document into it; a u64 term per identity costs a
//! fraction of that. Keys may collide, so a lookup always checks the full stored value.

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

use super::ArchiveIndex;
use crate::error::Result;

/// The key of a content hash: its first 64 bits. `None` when `id` does not start with 16
/// hex digits (no document can have it).
pub fn id_key(id: &str) -> Option<u64> {
    let prefix = id.get(..16)?;
    u64::from_str_radix(prefix, 16).ok()
}

/// The key of an absolute path: the first 64 bits of its BLAKE3 hash.
pub fn file_key(path: &str) -> u64 {
    let hash = blake3::hash(path.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

/// The term that deletes every document of the file at `path`.
pub fn file_term(archive: &ArchiveIndex, path: &str) -> Term {
    Term::from_field_u64(archive.fields.file_key, file_key(path))
}

/// The documents whose content hash is `id`.
pub fn documents_with_id(
    archive: &ArchiveIndex,
    searcher: &Searcher,
    id: &str,
) -> Result<Vec<TantivyDocument>> {
    let Some(key) = id_key(id) else {
        return Ok(Vec::new());
    };
    let fields = &archive.fields;
    documents_with_key(archive, searcher, (fields.id_key, key), (fields.id, id))
}

/// The documents recorded for the file at the absolute path `path`.
pub fn documents_of_file(
    archive: &ArchiveIndex,
    searcher: &Searcher,
    path: &str,
) -> Result<Vec<TantivyDocument>> {
    let fields = &archive.fields;
    documents_with_key(
        archive,
        searcher,
        (fields.file_key, file_key(path)),
        (fields.file, path),
    )
}

/// Documents whose `key_field` holds the key, kept only when `value_field` holds `value`
/// too, since two values can share a key.
fn documents_with_key(
    archive: &ArchiveIndex,
    searcher: &Searcher,
    (key_field, key): (Field, u64),
    (value_field, value): (Field, &str),
) -> Result<Vec<TantivyDocument>> {
    let query = TermQuery::new(
        Term::from_field_u64(key_field, key),
        IndexRecordOption::Basic,
    );
    let hits = searcher
        .search(&query, &TopDocs::with_limit(10_000).order_by_score())
        .map_err(|e| archive.error(e))?;
    let mut documents = Vec::with_capacity(hits.len());
    for (_, address) in hits {
        let document: TantivyDocument = searcher.doc(address).map_err(|e| archive.error(e))?;
        let stored = document.get_first(value_field).and_then(|v| v.as_str());
        if stored == Some(value) {
            documents.push(document);
        }
    }
    Ok(documents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_key_is_the_first_64_bits() {
        assert_eq!(
            id_key("0123456789abcdef0000000000000000"),
            Some(0x0123_4567_89ab_cdef)
        );
        assert_eq!(id_key("0123456789ABCDEF"), Some(0x0123_4567_89ab_cdef));
        assert_eq!(id_key("short"), None);
        assert_eq!(id_key("zz23456789abcdef0000000000000000"), None);
        // A multi-byte character at the cut must not panic.
        assert_eq!(id_key("0123456789abcdeé"), None);
    }

    #[test]
    fn file_keys_differ_by_path_and_are_stable() {
        assert_eq!(file_key("/a/b.txt"), file_key("/a/b.txt"));
        assert_ne!(file_key("/a/b.txt"), file_key("/a/c.txt"));
    }
}

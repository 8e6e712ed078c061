//! The query parser over a small real index: any text is a query or a bad-query error.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use morgue::search::{search, SearchRequest};
use morgue::ArchiveIndex;

struct Silent;
impl morgue::ingest::IngestObserver for Silent {}

fn index() -> &'static ArchiveIndex {
    static INDEX: OnceLock<(tempfile::TempDir, ArchiveIndex)> = OnceLock::new();
    let (_, index) = INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples");
        let options = morgue::ingest::IngestOptions::default();
        morgue::ingest::ingest(dir.path(), &[samples], &options, &Silent)
            .expect("the samples ingest");
        let index = ArchiveIndex::open(dir.path()).expect("the samples index opens");
        (dir, index)
    });
    index
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let request = SearchRequest {
        query: text.to_owned(),
        limit: 3,
        ..SearchRequest::default()
    };
    let _ = search(index(), &request);
});

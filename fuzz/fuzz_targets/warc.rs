//! The web archive reader on arbitrary bytes, plain or gzipped, and every page it finds
//! through the HTTP decoding and the page reader, as ingest reads them.
#![no_main]

use std::io::Cursor;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use morgue::warc::{http, WarcReader, Want};

fuzz_target!(|data: &[u8]| {
    let Ok(mut reader) = WarcReader::new(Cursor::new(data)) else {
        return;
    };
    // Errors are fine (reported with the record's offset); a panic or a hang is the bug.
    while let Some(next) = reader.next_record(
        |head| Want {
            block: http::may_hold_page(head),
        },
        1 << 20,
    ) {
        let Ok(record) = next else { continue };
        let Some(block) = record.block.as_deref() else {
            continue;
        };
        if let Ok(page) = http::page(&record.head, block) {
            let web = morgue::article::WebRecord {
                html: &page.html,
                charset: page.charset.as_deref(),
                address: record.head.get("WARC-Target-URI"),
                fetched: record.head.get("WARC-Date"),
                title: None,
            };
            let _ = morgue::article::parse_web_record(Path::new("a/crawl.warc.gz"), &web);
        }
    }
});

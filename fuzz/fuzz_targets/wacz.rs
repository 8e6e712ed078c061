//! The WACZ reader on arbitrary bytes: the zip's directory, the page list, and every
//! WARC inside read record by record, as ingest reads them (a zip bomb is cut at its
//! bound; pages themselves are the `warc` target's).
#![no_main]

use std::io::{BufReader, Cursor};

use libfuzzer_sys::fuzz_target;
use morgue::warc::wacz::Wacz;
use morgue::warc::{http, Want, WarcReader};

fuzz_target!(|data: &[u8]| {
    let Ok(mut wacz) = Wacz::open(Cursor::new(data)) else {
        return;
    };
    for member in wacz.members.clone() {
        let Ok(bounded) = wacz.warc(&member) else {
            continue;
        };
        let Ok(mut reader) = WarcReader::new(BufReader::new(bounded)) else {
            continue;
        };
        while let Some(next) = reader.next_record(
            |head| Want {
                block: http::may_hold_page(head),
            },
            1 << 20,
        ) {
            if let Ok(record) = next {
                if let Some(block) = record.block.as_deref() {
                    let _ = http::page(&record.head, block);
                }
            }
        }
    }
});

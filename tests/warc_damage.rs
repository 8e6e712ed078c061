//! End-to-end tests of damaged web archives (issue 33): `morgue ingest` on a `.warc.gz`
//! of 1,000 pages with broken gzip data in the middle, and on a plain `.warc` of 100
//! records with a header line of a megabyte, each beside 50 text articles. The archives
//! are written by the tests, one gzip member per record as archivers write them.

mod common;

use std::io::Write;

use common::{summary_count, Workspace};

/// A word of letters only, different for every number: the number in base 26 between
/// a prefix and an ending that the stemmer leaves alone (so `quorvakaszint` is not
/// `quorvakazint` in the plural).
fn word(prefix: &str, mut number: usize) -> String {
    let mut word = String::from(prefix);
    loop {
        word.push(char::from(b'a' + (number % 26) as u8));
        number /= 26;
        if number == 0 {
            word.push_str("zint");
            return word;
        }
    }
}

fn page_word(number: usize) -> String {
    word("quorvak", number)
}

/// A response record holding a short news page with its own word, address and date.
fn page_record(number: usize, address: &str) -> Vec<u8> {
    let word = page_word(number);
    let day = number % 28 + 1;
    let html = format!(
        "<html><head><title>Harbour notice {number}</title>\
         <meta property=\"article:published_time\" content=\"2024-03-{day:02}T09:00:00Z\"></head>\
         <body><article><h1>Harbour notice {number}</h1>\
         <p>The harbour board published notice {number} on the {word} berth on Tuesday, \
         and the pilots said the work would be finished before the spring tides.</p>\
         <p>Residents may read the full notice at the harbour office until the end of the month.</p>\
         </article></body></html>"
    );
    let block = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let mut record = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {address}\r\n\
         WARC-Date: 2024-03-30T12:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block.as_bytes());
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn address(number: usize) -> String {
    format!("https://harbour.example/notices/{number}")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Where each part starts in the file they make.
fn starts(parts: &[Vec<u8>]) -> Vec<u64> {
    parts
        .iter()
        .scan(0, |at, part| {
            let start = *at;
            *at += part.len() as u64;
            Some(start)
        })
        .collect()
}

/// A workspace with 50 text articles, each with its own word.
fn with_text_articles() -> Workspace {
    let ws = Workspace::empty();
    let folder = ws.archive().join("text");
    std::fs::create_dir_all(&folder).unwrap();
    for number in 0..50 {
        let text = format!(
            " date 2024-04-{:02} The council met on the {} bridge plan for the {number}th time, \
             and the mayor said a vote would follow in the spring.\n\n\
             The plan has been discussed since the winter floods.\n",
            number % 28 + 1,
            word("brellix", number)
        );
        std::fs::write(folder.join(format!("{number:03}.txt")), text).unwrap();
    }
    ws
}

fn hits(ws: &Workspace, word: &str) -> Vec<String> {
    ws.hit_paths(&[word])
}

/// Whether a search finds the page of this number (a word in no article is retried
/// with typo tolerance, which finds its neighbours: the title tells them apart).
fn page_found(ws: &Workspace, number: usize) -> bool {
    let json = ws.search_json(&["--limit", "100", &page_word(number)]);
    let title = format!("Harbour notice {number}");
    json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .any(|hit| hit["title"] == title.as_str())
}

fn assert_text_articles_searchable(ws: &Workspace) {
    for number in [0, 17, 49] {
        let word = word("brellix", number);
        assert_eq!(hits(ws, &word), [format!("text/{number:03}.txt")], "{word}");
    }
}

/// The warning lines of an ingest that name a file.
fn warnings<'a>(stderr: &'a str, file: &str) -> Vec<&'a str> {
    stderr
        .lines()
        .filter(|line| line.starts_with("warning: ") && line.contains(file))
        .collect()
}

#[test]
fn broken_gzip_data_in_the_middle_loses_one_record_of_a_thousand() {
    let ws = with_text_articles();
    let mut members: Vec<Vec<u8>> = (0..1000)
        .map(|number| gzip(&page_record(number, &address(number))))
        .collect();
    // Random-looking bytes over the middle of member 500's deflate data.
    let damaged = &mut members[500];
    let middle = damaged.len() / 2;
    for (i, byte) in damaged[middle..middle + 24].iter_mut().enumerate() {
        *byte = (i as u8).wrapping_mul(151).wrapping_add(89);
    }
    let offsets = starts(&members);
    std::fs::write(ws.archive().join("crawl.warc.gz"), members.concat()).unwrap();

    let run = ws.ingest();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let range = format!(
        "crawl.warc.gz: bytes {}..{} are damaged gzip data (",
        offsets[500], offsets[501]
    );
    let warned = warnings(&run.stderr, "crawl.warc.gz");
    assert_eq!(warned.len(), 1, "{}", run.stderr);
    assert!(warned[0].contains(&range), "{range}: {}", run.stderr);
    assert!(
        warned[0].ends_with("reading resumed at the next record"),
        "{}",
        run.stderr
    );
    assert_eq!(
        summary_count(&run.stderr, "new"),
        999 + 50,
        "{}",
        run.stderr
    );

    // Every page but the damaged one, at its member's offset.
    for number in [0, 1, 499, 501, 502, 999] {
        assert_eq!(
            hits(&ws, &page_word(number)),
            [format!("crawl.warc.gz#{}", offsets[number])],
            "page {number}"
        );
    }
    assert!(!page_found(&ws, 500));
    assert!(page_found(&ws, 501));
    assert_text_articles_searchable(&ws);
}

#[test]
fn a_megabyte_header_line_in_a_plain_archive_loses_that_record_only() {
    let ws = with_text_articles();
    let long_address = format!("{}?{}", address(50), "x".repeat(1 << 20));
    let records: Vec<Vec<u8>> = (0..100)
        .map(|number| match number {
            50 => page_record(number, &long_address),
            _ => page_record(number, &address(number)),
        })
        .collect();
    let offsets = starts(&records);
    std::fs::write(ws.archive().join("crawl.warc"), records.concat()).unwrap();

    let run = ws.ingest();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = format!(
        "crawl.warc: bytes {}..{} are unreadable WARC data (malformed header: longer than 64 KiB); reading resumed at the next record",
        offsets[50], offsets[51]
    );
    let warned = warnings(&run.stderr, "crawl.warc");
    assert_eq!(warned.len(), 1, "{}", run.stderr);
    assert!(warned[0].ends_with(&expected), "{expected}: {}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "new"), 99 + 50, "{}", run.stderr);
    for number in [0, 49, 51, 99] {
        assert_eq!(
            hits(&ws, &page_word(number)),
            [format!("crawl.warc#{}", offsets[number])],
            "page {number}"
        );
    }
    assert!(!page_found(&ws, 50));
    assert!(page_found(&ws, 51));
    assert_text_articles_searchable(&ws);
}

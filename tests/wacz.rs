//! End-to-end tests of WACZ files (Webrecorder's zipped web archives), built here from the
//! WARC fixture of `tests/fixtures/warc` and a page written in the test.

mod common;

use std::io::{Cursor, Read, Write};
use std::path::Path;

use common::{summary_count, Workspace};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

fn crawl() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warc/crawl.warc.gz");
    std::fs::read(path).unwrap()
}

/// The crawl fixture, uncompressed: a plain `.warc`.
fn crawl_plain() -> Vec<u8> {
    let mut plain = Vec::new();
    flate2::read::MultiGzDecoder::new(&crawl()[..])
        .read_to_end(&mut plain)
        .unwrap();
    plain
}

/// A plain WARC of one response whose page has no `<title>` and no heading.
fn untitled_warc() -> Vec<u8> {
    let html = "<!doctype html><html><body><article><p>The lighthouse keeper logged the tern census on the spit, and the council said the count would be published in spring.</p><p>The terns nest on the shingle from May.</p></article></body></html>";
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://coast.example/terns\r\nWARC-Date: 2024-05-20T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
    .into_bytes()
}

const PAGES: &str = r#"{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
{"id": "p1", "url": "https://coast.example/terns", "title": "Tern census on the spit", "ts": "2024-05-20T08:00:00Z"}
{"id": "p2", "url": "https://gazette.example/harbour/2024/05/14/petrel-colony", "title": "Not the page's own title", "ts": "2024-05-14T08:00:00Z"}
"#;

fn wacz(entries: &[(&str, Vec<u8>, CompressionMethod)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data, method) in entries {
        let options = SimpleFileOptions::default().compression_method(*method);
        writer.start_file(*name, options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn ordinary(ws: &Workspace) {
    std::fs::create_dir_all(ws.archive()).unwrap();
    std::fs::write(
        ws.archive().join("ordinary.txt"),
        " date 2024-03-05 Ordinary article\n\nThe gannetry report was published.\n",
    )
    .unwrap();
}

fn show(ws: &Workspace, target: &str) -> serde_json::Value {
    let run = ws.run(&["show", &format!("archive/{target}"), "--json"]);
    assert_eq!(run.code, 0, "{target}: {}", run.stderr);
    run.json()
}

#[test]
fn every_warc_in_a_wacz_is_read_and_its_records_are_addressed_by_member_and_offset() {
    let ws = Workspace::empty();
    ordinary(&ws);
    let bytes = wacz(&[
        (
            "datapackage.json",
            b"{}".to_vec(),
            CompressionMethod::Deflated,
        ),
        ("archive/data.warc.gz", crawl(), CompressionMethod::Stored),
        (
            "archive/again.warc",
            crawl_plain(),
            CompressionMethod::Deflated,
        ),
        (
            "archive/terns.warc",
            untitled_warc(),
            CompressionMethod::Stored,
        ),
        (
            "indexes/index.cdx",
            b"".to_vec(),
            CompressionMethod::Deflated,
        ),
        (
            "pages/pages.jsonl",
            PAGES.as_bytes().to_vec(),
            CompressionMethod::Deflated,
        ),
    ]);
    std::fs::write(ws.archive().join("crawl.wacz"), bytes).unwrap();
    let run = ws.ingest();
    // Four pages of the crawl, the tern page, the ordinary article; the crawl's second
    // copy is four duplicates.
    assert_eq!(summary_count(&run.stderr, "new"), 6, "{}", run.stderr);
    assert_eq!(
        summary_count(&run.stderr, "duplicates"),
        4,
        "{}",
        run.stderr
    );
    assert_eq!(summary_count(&run.stderr, "skipped"), 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);

    let [petrel] = &ws.hit_paths(&["petrels"])[..] else {
        panic!("one petrel page")
    };
    assert!(
        petrel.starts_with("crawl.wacz#archive/data.warc.gz#"),
        "{petrel}"
    );
    let shown = show(&ws, petrel);
    // The page's own title wins over the page list's.
    assert_eq!(shown["title"], "Petrel colony returns to the breakwater");
    assert!(shown["path"].as_str().unwrap().ends_with(petrel.as_str()));

    // The same record offset names different records in the two WARCs; the plain copy's
    // petrel record is a duplicate and shows the same article.
    let offset = petrel.rsplit('#').next().unwrap();
    let run = ws.run(&[
        "show",
        &format!("archive/crawl.wacz#archive/data.warc.gz#{offset}"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = ws.run(&[
        "show",
        &format!("archive/crawl.wacz#archive/nothing.warc#{offset}"),
    ]);
    assert_eq!(run.code, 2, "{}", run.stdout);

    // A page without a title of its own takes the page list's.
    let [tern] = &ws.hit_paths(&["terns"])[..] else {
        panic!("one tern page")
    };
    assert!(tern.starts_with("crawl.wacz#archive/terns.warc#"), "{tern}");
    assert_eq!(show(&ws, tern)["title"], "Tern census on the spit");
    assert_eq!(ws.hit_paths(&["gannetry"]), ["ordinary.txt"]);

    // Unchanged, it is not read again.
    let again = ws.ingest();
    assert!(again.stderr.contains("0 B read"), "{}", again.stderr);
}

#[test]
fn a_damaged_wacz_is_reported_and_the_rest_is_indexed() {
    let ws = Workspace::empty();
    ordinary(&ws);
    let whole = wacz(&[("archive/data.warc.gz", crawl(), CompressionMethod::Stored)]);
    // Cut before the zip's directory: not a zip any more.
    std::fs::write(ws.archive().join("cut.wacz"), &whole[..whole.len() / 2]).unwrap();
    // A zip with no WARC in it.
    let empty = wacz(&[(
        "pages/pages.jsonl",
        PAGES.as_bytes().to_vec(),
        CompressionMethod::Stored,
    )]);
    std::fs::write(ws.archive().join("empty.wacz"), empty).unwrap();
    let run = ws.ingest();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "new"), 1, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "skipped"), 2, "{}", run.stderr);
    assert!(run.stderr.contains("cut.wacz"), "{}", run.stderr);
    assert!(run.stderr.contains("not a readable zip"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("no WARC under archive/ among its 1 zip entries"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.hit_paths(&["gannetry"]), ["ordinary.txt"]);
    // Recorded: not read again until it changes.
    let again = ws.ingest();
    assert!(again.stderr.contains("0 B read"), "{}", again.stderr);
}

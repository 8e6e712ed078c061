//! End-to-end tests of web archives: `morgue ingest` on `tests/fixtures/warc` (written by
//! `tests/fixtures/make_warc_fixtures.py`), alone and beside the saved pages of
//! `tests/fixtures/html`.

mod common;

use std::path::Path;

use common::{copy_tree, summary_count, Workspace};

fn fixture(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn with(parts: &[(&str, &str)]) -> Workspace {
    let ws = Workspace::empty();
    for (from, to) in parts {
        let from = fixture(from);
        let to = ws.archive().join(to);
        if from.is_dir() {
            copy_tree(&from, &to);
        } else {
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(&from, &to).unwrap();
        }
    }
    ws
}

fn show(ws: &Workspace, target: &str) -> serde_json::Value {
    let run = ws.run(&["show", &format!("archive/{target}"), "--json"]);
    assert_eq!(run.code, 0, "{target}: {}", run.stderr);
    run.json()
}

#[test]
fn every_html_page_of_a_crawl_is_an_article_addressed_by_its_offset() {
    let ws = with(&[("warc/crawl.warc.gz", "crawl.warc.gz")]);
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 4, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "skipped"), 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "web archive records without an article: 1 no article text, 2 not HTML, 4 not a response, 1 redirect or error"
        ),
        "{}",
        run.stderr
    );
    // Nothing about a page read in the charset it declares.
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);

    let hits = ws.hit_paths(&["petrels"]);
    assert_eq!(hits.len(), 1);
    let petrel_address = hits[0].clone();
    assert!(
        petrel_address.starts_with("crawl.warc.gz#"),
        "{petrel_address}"
    );
    // Gzip, chunked: the page as the file holds it.
    let petrel = show(&ws, &petrel_address);
    assert_eq!(petrel["title"], "Petrel colony returns to the breakwater");
    assert_eq!(petrel["date_source"], "json-ld");
    // The capture is kept beside the date the page states.
    assert!(petrel["captured"].is_string(), "{petrel}");
    assert_ne!(petrel["captured"], petrel["date"]);
    assert_eq!(petrel["site"], "The Ellery Gazette");
    assert_eq!(
        petrel["url"],
        "https://gazette.example/harbour/2024/05/14/petrel-colony"
    );
    assert!(!petrel["body"].as_str().unwrap().contains("cookies"));

    let [bollard] = &ws.hit_paths(&["bollard"])[..] else {
        panic!("one bollard page")
    };
    let bollard = show(&ws, bollard);
    assert_eq!(bollard["date"], "2024-06-02");
    assert_eq!(bollard["date_source"], "url");
    assert_eq!(bollard["authors"], serde_json::json!(["Ada Fenwick"]));

    let [gunwale] = &ws.hit_paths(&["gunwale"])[..] else {
        panic!("one gunwale page")
    };
    let gunwale = show(&ws, gunwale);
    assert!(gunwale["body"]
        .as_str()
        .unwrap()
        .contains("caf\u{e9} on the slipway gave the last \u{a3}200"));

    // A resource record; no date but the archive's own.
    let [keelson] = &ws.hit_paths(&["keelson"])[..] else {
        panic!("one keelson page")
    };
    let keelson = show(&ws, keelson);
    assert_eq!(keelson["date"], "2022-07-29");
    assert_eq!(keelson["date_source"], "warc-date");
    assert_eq!(keelson["captured"], "2022-07-29");

    // An offset where no record starts names nothing; `:` is for JSON lines.
    let offset: u64 = petrel_address.rsplit('#').next().unwrap().parse().unwrap();
    for wrong in [
        format!("archive/crawl.warc.gz#{}", offset + 1),
        format!("archive/crawl.warc.gz:{offset}"),
    ] {
        let run = ws.run(&["show", &wrong]);
        assert_eq!(run.code, 2, "{wrong}: {}", run.stdout);
    }

    // Unchanged, the archive is not read again; changed, it is read again whole.
    let again = ws.ingest();
    assert_eq!(
        summary_count(&again.stderr, "unchanged"),
        4,
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("0 B read"), "{}", again.stderr);
    let path = ws.archive().join("crawl.warc.gz");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(&std::fs::read(fixture("warc/crawl.warc.gz")).unwrap());
    std::fs::write(&path, &bytes).unwrap();
    let changed = ws.ingest();
    assert_eq!(
        summary_count(&changed.stderr, "updated"),
        4,
        "{}",
        changed.stderr
    );
    assert_eq!(
        summary_count(&changed.stderr, "duplicates"),
        4,
        "{}",
        changed.stderr
    );
}

#[test]
fn a_page_kept_in_an_archive_and_as_a_file_is_one_article() {
    let ws = with(&[
        ("warc/crawl.warc.gz", "crawl.warc.gz"),
        ("html/saved/petrel-colony.html", "saved/petrel-colony.html"),
    ]);
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 4, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "duplicate"), 1, "{}", run.stderr);
    assert_eq!(ws.hit_paths(&["petrels"]).len(), 1);
}

#[test]
fn broken_archives_keep_every_record_that_can_be_read() {
    let ws = with(&[("warc/bad", "bad")]);
    let run = ws.ingest();
    let cut = std::fs::read_to_string(fixture("warc/bad/truncated.offset")).unwrap();
    let cut = cut.trim();
    let truncated_len = std::fs::metadata(fixture("warc/bad/truncated.warc.gz"))
        .unwrap()
        .len();
    for expected in [
        format!("truncated.warc.gz: bytes {cut}..{truncated_len} are damaged gzip data (incomplete deflate stream); no record follows them"),
        "malformed.warc.gz: record at offset 219: malformed header".to_owned(),
        "oversized-length.warc: record at offset 1379 is cut short: its Content-Length is 10000000 bytes"
            .to_owned(),
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("warning: ") && l.contains(&expected)),
            "{expected}: {}",
            run.stderr
        );
    }
    // truncated: petrel and bollard before the cut; malformed: keelson after the bad
    // member; oversized: bollard before the record that claims too much.
    assert_eq!(
        summary_count(&run.stderr, "new") + summary_count(&run.stderr, "duplicate"),
        4,
        "{}",
        run.stderr
    );
    assert_eq!(ws.hit_paths(&["petrels"]), ["bad/truncated.warc.gz#475"]);
    assert_eq!(ws.hit_paths(&["keelson"]).len(), 1);
    assert_eq!(ws.hit_paths(&["bollard"]).len(), 1);
}

#[test]
fn what_is_not_an_archive_is_reported_once_and_the_rest_is_indexed() {
    let ws = with(&[("html/saved/petrel-colony.html", "saved/petrel-colony.html")]);
    std::fs::write(
        ws.archive().join("fake.warc"),
        "<html>not an archive</html>",
    )
    .unwrap();
    std::fs::write(ws.archive().join("empty.warc.gz"), "").unwrap();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("fake.warc: record at offset 0: no WARC record at offset 0")
            || run.stderr.contains("no WARC record at offset 0"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("fake.warc: no article pages among its 0 records"),
        "{}",
        run.stderr
    );
    let again = ws.ingest();
    assert_eq!(
        summary_count(&again.stderr, "skipped"),
        2,
        "{}",
        again.stderr
    );
    assert!(!again.stderr.contains("warning"), "{}", again.stderr);
}

/// A `.warc.zst` as Archive Team writes them: a dictionary in a skippable frame, then a
/// zstd frame per record; here each gzip member of the crawl fixture becomes a frame.
#[test]
fn a_zstd_warc_with_its_dictionary_is_read_as_a_gzipped_one_is() {
    use std::io::Read;
    let gz = std::fs::read(fixture("warc/crawl.warc.gz")).unwrap();
    let mut plain = Vec::new();
    flate2::read::MultiGzDecoder::new(&gz[..])
        .read_to_end(&mut plain)
        .unwrap();
    let dictionary = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Type: text/html\r\n".repeat(20);
    let mut file = vec![0x5D, 0x2A, 0x4D, 0x18];
    file.extend_from_slice(&(dictionary.len() as u32).to_le_bytes());
    file.extend_from_slice(&dictionary);
    let mut compressor = zstd::bulk::Compressor::with_dictionary(3, &dictionary).unwrap();
    for chunk in plain.chunks(700) {
        file.extend(compressor.compress(chunk).unwrap());
    }
    let ws = Workspace::empty();
    std::fs::create_dir_all(ws.archive()).unwrap();
    std::fs::write(ws.archive().join("crawl.warc.zst"), &file).unwrap();
    // Not zstd at all: named, and the rest is indexed.
    std::fs::write(
        ws.archive().join("broken.warc.zst"),
        [0x5D, 0x2A, 0x4D, 0x18, 0xFF, 0xFF, 0xFF, 0xFF],
    )
    .unwrap();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 4, "{}", run.stderr);
    assert!(
        run.stderr.contains("unreadable zstd WARC"),
        "{}",
        run.stderr
    );
    let [petrel] = &ws.hit_paths(&["petrels"])[..] else {
        panic!("one petrel page")
    };
    assert!(petrel.starts_with("crawl.warc.zst#"), "{petrel}");
    assert_eq!(
        show(&ws, petrel)["title"],
        "Petrel colony returns to the breakwater"
    );
}

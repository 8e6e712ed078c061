//! EPUB end to end (`tests/fixtures/make_epub_fixtures.py`): a read-later export's chapters
//! are articles `FILE:N`, with the book as their site, author and date where a chapter
//! says none; the cover and the table of contents are passed over; a book without text
//! and a zip that is no EPUB are skipped by name.

mod common;

use common::{copy_tree, summary_count, Workspace};

#[test]
fn each_chapter_of_a_book_is_an_article() {
    let ws = Workspace::empty();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/epub");
    copy_tree(&fixtures, &ws.archive());
    let run = ws.ingest();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "new"), 2, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "skipped"), 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("EPUB: no chapter has article text"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("EPUB: no META-INF/container.xml (not an EPUB?)"),
        "{}",
        run.stderr
    );

    // The third chapter of the spine (after the cover and the contents), in a subfolder
    // with a space in its name.
    assert_eq!(ws.hit_paths(&["ferry"]), ["weekend-reads.epub:3"]);
    let ferry = ws
        .run(&["show", "archive/weekend-reads.epub:3", "--json"])
        .json();
    assert_eq!(ferry["title"], "Harbour ferry returns after winter refit");
    assert_eq!(ferry["site"], "Weekend & reads");
    assert_eq!(ferry["date"], "2024-03-09");
    assert_eq!(ferry["date_source"], "epub");
    assert!(ferry["people"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("Ines Moreau")));

    // A chapter's own date wins over the book's.
    let gulls = ws
        .run(&["show", "archive/weekend-reads.epub:4", "--json"])
        .json();
    assert_eq!(gulls["date"], "2024-03-07");
    assert_eq!(gulls["authors"], serde_json::json!(["Pocket"]));
    // Unchanged, not read again.
    let again = ws.ingest();
    assert!(again.stderr.contains("0 B read"), "{}", again.stderr);
}

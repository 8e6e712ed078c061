//! RSS and Atom feeds end to end: an article per item, addressed `FILE:N`, with its link,
//! date and author; broken feeds and XML that is no feed are skipped by name.

mod common;

use common::{copy_tree, summary_count, Workspace};

fn ingested() -> Workspace {
    let ws = Workspace::empty();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds");
    copy_tree(&fixtures, &ws.archive());
    std::fs::write(
        ws.archive().join("note.txt"),
        " date 2024-03-01 A note\n\nThe harbour council met on Friday.\n",
    )
    .unwrap();
    ws
}

#[test]
fn every_item_of_a_feed_is_an_article() {
    let ws = ingested();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 4, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "skipped"), 3, "{}", run.stderr);
    assert!(run.stderr.contains("item 3: no text"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("an XML file that is no RSS or Atom feed"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("invalid feed"), "{}", run.stderr);

    let hits = ws.search_json(&["timetable"]);
    assert_eq!(hits["total"], 1);
    assert_eq!(hits["hits"][0]["path"], "archive/gazette.rss:1");
    let shown = ws.run(&["show", "archive/gazette.rss:1", "--json"]).json();
    assert_eq!(shown["title"], "Ferry timetable changes in April");
    assert_eq!(shown["date"], "2024-03-05");
    assert_eq!(shown["date_source"], "feed");
    assert_eq!(
        shown["url"],
        "https://gazette.example/2024/03/05/ferry-timetable"
    );
    assert_eq!(shown["authors"][0], "Ann Lee");
    // Declared ISO-8859-1, decoded; an entity in the HTML, decoded.
    assert!(shown["body"].as_str().unwrap().contains("María López"));
    assert!(shown["body"]
        .as_str()
        .unwrap()
        .contains("The café on the north quay"));
    assert!(shown["people"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "María López"));

    let atom = ws.run(&["show", "archive/wire.atom:1", "--json"]).json();
    assert_eq!(atom["title"], "Envoys resume talks in Riyadh");
    assert_eq!(atom["date"], "2025-03-21");
    assert_eq!(ws.hit_paths(&["witkoff"]), ["wire.atom:1"]);

    let skipped = ws.run(&["show", "archive/bad/sitemap.xml"]);
    assert_eq!(skipped.code, 2);
    assert!(
        skipped.stderr.contains("no RSS or Atom feed"),
        "{}",
        skipped.stderr
    );
}

#[test]
fn an_item_in_two_saves_of_a_feed_is_one_article() {
    let ws = ingested();
    let feed = ws.archive().join("wire.atom");
    let copy = std::fs::read_to_string(&feed).unwrap().replace(
        "<updated>2025-03-22T12:00:00Z</updated>\n  <entry>",
        "<updated>2025-03-23T12:00:00Z</updated>\n  <entry>",
    );
    std::fs::write(ws.archive().join("wire-next-day.atom"), copy).unwrap();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "duplicate"), 1, "{}", run.stderr);
    assert_eq!(ws.hit_paths(&["witkoff"]).len(), 1);
}

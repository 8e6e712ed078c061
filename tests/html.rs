//! End-to-end tests of saved web pages: `morgue ingest` on `tests/fixtures/html`
//! (written by `tests/fixtures/make_html_fixtures.py`) and on pages made here.

mod common;

use std::path::Path;

use common::{copy_tree, summary_count, Workspace};

fn html_fixtures() -> Workspace {
    let ws = Workspace::empty();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html"),
        &ws.archive(),
    );
    ws
}

fn show(ws: &Workspace, rel: &str) -> serde_json::Value {
    let path = format!("archive/{rel}");
    let run = ws.run(&["show", &path, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
}

#[test]
fn saved_pages_are_read_with_their_text_date_authors_and_address() {
    let ws = html_fixtures();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 5, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "skipped"), 2, "{}", run.stderr);
    for page in ["bad/login-wall.html", "bad/app-shell.html"] {
        assert!(
            run.stderr.lines().any(|l| l.starts_with("skipped")
                && l.contains(page)
                && l.contains("no article text found")),
            "{page}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("wrong-charset-lanyard.html: decoded as windows-1252"),
        "{}",
        run.stderr
    );

    let petrel = show(&ws, "saved/petrel-colony.html");
    assert_eq!(petrel["title"], "Petrel colony returns to the breakwater");
    assert_eq!(petrel["date"], "2024-05-14");
    assert_eq!(petrel["date_source"], "json-ld");
    assert_eq!(petrel["site"], "The Ellery Gazette");
    assert_eq!(
        petrel["authors"],
        serde_json::json!(["Mara Quill", "Tomas Reed"])
    );
    assert_eq!(
        petrel["url"],
        "https://gazette.example/harbour/2024/05/14/petrel-colony"
    );
    let body = petrel["body"].as_str().unwrap();
    assert!(body.starts_with("A colony of storm petrels"), "{body}");
    assert!(body.ends_with("feed their chicks undisturbed."), "{body}");
    assert!(body.contains("\n\nNight-time closures\n\n"), "{body}");
    for furniture in [
        "cookies",
        "Copyright",
        "Related",
        "dataLayer",
        "Share",
        "Advertisement",
        "By Mara",
    ] {
        assert!(!body.contains(furniture), "{furniture} in {body}");
    }

    let capstan = show(&ws, "saved/capstan-repair.htm");
    assert_eq!(capstan["date"], "2023-09-02");
    assert_eq!(capstan["date_source"], "html-meta");
    assert_eq!(capstan["authors"], serde_json::json!(["Lena Brandt"]));
    assert_eq!(capstan["title"], "Capstan repair at the caf\u{e9} quay");
    assert!(capstan["body"]
        .as_str()
        .unwrap()
        .contains("Jos\u{e9} Ib\u{e1}\u{f1}ez said the capstan"));

    let windlass = show(&ws, "saved/windlass-museum.html");
    assert_eq!(windlass["date"], "2024-03-04");
    assert_eq!(windlass["url"], "https://museum.example/news/windlass-gift");
    let body = windlass["body"].as_str().unwrap();
    assert!(
        body.contains("same ship.\n\nVisitors will be able"),
        "<br> is a break: {body}"
    );
    assert!(!body.contains("Shop"), "{body}");

    let hawser = show(&ws, "bad/truncated-hawser.html");
    assert_eq!(hawser["date"], "2022-01-19");
    assert!(hawser["body"]
        .as_str()
        .unwrap()
        .contains("afternoon crossing left on ti"));

    // Searches see the article text and nothing of the furniture.
    assert_eq!(ws.hit_paths(&["petrels"]), ["saved/petrel-colony.html"]);
    assert_eq!(ws.run(&["search", "cookies"]).code, 1);
    assert_eq!(
        ws.hit_paths(&["lanyard"]),
        ["bad/wrong-charset-lanyard.html"]
    );
}

#[test]
fn hostile_pages_are_indexed_or_reported_and_the_rest_is_kept() {
    let ws = Workspace::empty();
    let archive = ws.archive();
    std::fs::create_dir_all(&archive).unwrap();
    let depth = 100_000;
    let deep = format!(
        "<html><body>{}<p>The gannet at the bottom of a page nested a hundred thousand levels deep.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    std::fs::write(archive.join("deep.html"), deep).unwrap();
    let paragraph = "<p>The pilotage fees of Port Ellery were discussed again at great length, and the board agreed on nothing at all.</p>\n";
    let big = format!(
        "<html><body><article>{}</article></body></html>",
        paragraph.repeat(20 * 1024 * 1024 / paragraph.len())
    );
    std::fs::write(archive.join("huge.html"), big).unwrap();
    std::fs::write(
        archive.join("nothing.html"),
        "<html><body><nav><a href=/>x</a></nav></body></html>",
    )
    .unwrap();
    std::fs::write(archive.join("cut.html"), "<html><body><p>Cormorants nest on the old slipway, the warden said on Tuesday, in larger numbers than").unwrap();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("nothing.html: no article text found"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.hit_paths(&["gannet"]), ["deep.html"]);
    assert_eq!(ws.hit_paths(&["pilotage"]), ["huge.html"]);
    assert_eq!(ws.hit_paths(&["cormorants"]), ["cut.html"]);
}

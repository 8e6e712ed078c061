//! End-to-end tests of pages saved as MHTML: `morgue ingest` on `tests/fixtures/mhtml`
//! (written by `tests/fixtures/make_mhtml_fixtures.py` from the saved pages of
//! `tests/fixtures/html` and `samples/web`) beside text articles, and on files made here.

mod common;
#[path = "../examples/common/token_f1.rs"]
mod token_f1;

use std::path::{Path, PathBuf};
use token_f1::token_f1;

use common::{copy_tree, summary_count, Workspace};

/// Each fixture made from a saved page, and that page.
const FROM_ORIGINALS: [(&str, &str); 6] = [
    (
        "petrel-colony.mhtml",
        "tests/fixtures/html/saved/petrel-colony.html",
    ),
    ("nobel-mrna-2023.mht", "samples/web/nobel-mrna-2023.html"),
    (
        "windlass-museum.mhtml",
        "tests/fixtures/html/saved/windlass-museum.html",
    ),
    (
        "capstan-repair.mht",
        "tests/fixtures/html/saved/capstan-repair.htm",
    ),
    (
        "renamed/www-proposal-1989.html",
        "samples/web/www-proposal-1989.htm",
    ),
    (
        "bad/truncated-hawser.mhtml",
        "tests/fixtures/html/bad/truncated-hawser.html",
    ),
];

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The MHTML fixtures under `archive/mhtml/`, beside two text articles.
fn mhtml_and_text() -> Workspace {
    let ws = Workspace::empty();
    copy_tree(&repo("tests/fixtures/mhtml"), &ws.archive().join("mhtml"));
    let text = ws.archive().join("text");
    std::fs::create_dir_all(&text).unwrap();
    std::fs::write(
        text.join("ferry.txt"),
        " date 2024-05-02 Ferry timetable changes\n\nThe summer ferry timetable starts on Monday, with an extra crossing at dusk.\n",
    )
    .unwrap();
    std::fs::write(
        text.join("quay.txt"),
        " date 2024-05-03 Quay lights replaced\n\nThe lights along the north quay were replaced on Friday night.\n",
    )
    .unwrap();
    ws
}

fn show(ws: &Workspace, rel: &str) -> serde_json::Value {
    let path = format!("archive/{rel}");
    let run = ws.run(&["show", &path, "--json"]);
    assert_eq!(run.code, 0, "{rel}: {}", run.stderr);
    run.json()
}

#[test]
fn each_mhtml_is_one_article_and_bad_ones_are_skipped_by_name() {
    let ws = mhtml_and_text();
    let run = ws.ingest();
    // 8 pages (two read through damage) and 2 text articles.
    assert_eq!(summary_count(&run.stderr, "new"), 10, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "skipped"), 6, "{}", run.stderr);
    for (file, problem) in [
        (
            "no-boundary.mhtml",
            "MHTML: multipart without a boundary parameter",
        ),
        (
            "boundary-never-appears.mhtml",
            "MHTML: the boundary its header declares never appears",
        ),
        ("no-html-part.mhtml", "MHTML: no HTML part"),
        (
            "truncated-headers.mhtml",
            "MHTML: the file ends inside its header block (cut short)",
        ),
        ("broken-base64.mhtml", "MHTML: the page's base64 is broken"),
        (
            "deep-nesting.mhtml",
            "MHTML: MIME parts nested more than 100 deep",
        ),
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("skipped") && l.contains(file) && l.contains(problem)),
            "{file}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("skipped: 1 MHTML boundary missing, 1 MHTML cut short, 1 MHTML without boundary, 1 MHTML without page, 1 MIME nested too deep, 1 broken base64"),
        "{}",
        run.stderr
    );
    for (file, warning) in [
        (
            "truncated-hawser.mhtml",
            "MHTML cut short: the file ends inside its page; indexed what is there",
        ),
        (
            "damaged-quoted-printable.mhtml",
            "the page's quoted-printable is damaged",
        ),
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("warning") && l.contains(file) && l.contains(warning)),
            "{file}: {}",
            run.stderr
        );
    }

    let petrel = show(&ws, "mhtml/petrel-colony.mhtml");
    assert_eq!(petrel["title"], "Petrel colony returns to the breakwater");
    assert_eq!(petrel["date"], "2024-05-14");
    assert_eq!(petrel["date_source"], "json-ld");
    assert_eq!(
        petrel["url"],
        "https://gazette.example/harbour/2024/05/14/petrel-colony"
    );
    assert_eq!(
        petrel["authors"],
        serde_json::json!(["Mara Quill", "Tomas Reed"])
    );

    let capstan = show(&ws, "mhtml/capstan-repair.mht");
    assert_eq!(capstan["title"], "Capstan repair at the caf\u{e9} quay");
    assert_eq!(capstan["url"], "https://weekly.example/town/capstan-repair");
    assert!(capstan["body"]
        .as_str()
        .unwrap()
        .contains("Councillor Jos\u{e9} Ib\u{e1}\u{f1}ez said"));

    let nobel = show(&ws, "mhtml/nobel-mrna-2023.mht");
    assert_eq!(nobel["date"], "2023-10-02");
    assert_eq!(
        nobel["title"],
        "Nobel prize for the work behind mRNA vaccines"
    );

    let windlass = show(&ws, "mhtml/windlass-museum.mhtml");
    assert_eq!(windlass["title"], "Museum receives a ship's windlass");
    assert!(!windlass["body"].as_str().unwrap().contains("Advertisement"));

    // Renamed .html: read as MHTML, the address from Snapshot-Content-Location since the
    // page names none.
    let renamed = show(&ws, "mhtml/renamed/www-proposal-1989.html");
    assert_eq!(renamed["title"], "A proposal at CERN");
    assert_eq!(renamed["date"], "1989-03-15");
    assert_eq!(
        renamed["url"],
        "https://morgue-samples.example/history/www-proposal"
    );

    // A page that says nothing of itself: the file's Subject, Date and snapshot address.
    let bowsprit = show(&ws, "mhtml/bowsprit-notice.mhtml");
    assert_eq!(bowsprit["title"], "Bowsprit fitted at the caf\u{e9} quay");
    assert_eq!(bowsprit["date"], "2024-06-08");
    assert_eq!(bowsprit["date_source"], "mhtml-date");
    assert_eq!(bowsprit["url"], "https://harbour.example/notices/bowsprit");

    let gunwale = show(&ws, "mhtml/bad/damaged-quoted-printable.mhtml");
    assert!(gunwale["body"]
        .as_str()
        .unwrap()
        .contains("Repairs cost =ZZ less than expected"));

    // Nothing of the MIME wrapping reaches the index; the text articles are there.
    for wrapping in ["MultipartBoundary", "mhtml.blink", "3D"] {
        assert_eq!(ws.run(&["search", wrapping]).code, 1, "{wrapping}");
    }
    assert_eq!(ws.hit_paths(&["bowsprit"]), ["mhtml/bowsprit-notice.mhtml"]);
    assert_eq!(ws.hit_paths(&["quay lights"]), ["text/quay.txt"]);
    assert_eq!(ws.hit_paths(&["ferry timetable"]), ["text/ferry.txt"]);
}

#[test]
fn the_text_of_each_mhtml_is_the_text_of_the_page_it_was_saved_from() {
    let saved = mhtml_and_text();
    saved.ingest();
    let originals = Workspace::empty();
    for (i, (_, original)) in FROM_ORIGINALS.iter().enumerate() {
        let name = Path::new(original).file_name().unwrap().to_str().unwrap();
        let target = originals.archive().join(format!("{i}-{name}"));
        std::fs::create_dir_all(originals.archive()).unwrap();
        std::fs::copy(repo(original), target).unwrap();
    }
    originals.ingest();
    for (i, (fixture, original)) in FROM_ORIGINALS.iter().enumerate() {
        let name = Path::new(original).file_name().unwrap().to_str().unwrap();
        let from_mhtml = show(&saved, &format!("mhtml/{fixture}"));
        let from_html = show(&originals, &format!("{i}-{name}"));
        let f1 = token_f1(
            from_mhtml["body"].as_str().unwrap(),
            from_html["body"].as_str().unwrap(),
        );
        eprintln!("body token F1 {fixture}: {f1:.3}");
        assert_eq!(f1, 1.0, "{fixture}");
        assert_eq!(from_mhtml["body"], from_html["body"], "{fixture}");
        assert_eq!(from_mhtml["title"], from_html["title"], "{fixture}");
        assert_eq!(from_mhtml["date"], from_html["date"], "{fixture}");
        assert_eq!(
            from_mhtml["date_source"], from_html["date_source"],
            "{fixture}"
        );
        assert_eq!(from_mhtml["authors"], from_html["authors"], "{fixture}");
        if !from_html["url"].is_null() {
            assert_eq!(from_mhtml["url"], from_html["url"], "{fixture}");
        }
    }
}

#[test]
fn hostile_mhtml_is_named_and_the_rest_is_indexed() {
    let ws = Workspace::empty();
    let archive = ws.archive();
    std::fs::create_dir_all(&archive).unwrap();
    let head = |boundary: &str| {
        format!("From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"; boundary=\"{boundary}\"\r\n\r\n")
    };
    // A page part of 49 MiB as written: refused before it is decoded.
    let mut huge = head("b").into_bytes();
    huge.extend_from_slice(
        b"--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
    );
    let line = b"<p>The pilotage board met again and agreed on nothing at all, at length.</p>=\r\n";
    for _ in 0..(49 << 20) / line.len() {
        huge.extend_from_slice(line);
    }
    huge.extend_from_slice(b"\r\n--b--\r\n");
    std::fs::write(archive.join("huge.mhtml"), huge).unwrap();
    // A hundred thousand empty parts.
    let mut many = head("b");
    many.push_str(&"--b\r\n\r\n".repeat(100_000));
    std::fs::write(archive.join("many.mht"), many).unwrap();
    // Binary junk named .mhtml, and an empty one.
    std::fs::write(archive.join("junk.mhtml"), [0u8, 159, 146, 150, 7, 0, 255]).unwrap();
    std::fs::write(archive.join("empty.mhtml"), b"").unwrap();
    std::fs::write(
        archive.join("cormorants.txt"),
        "Cormorants nest on the old slipway, the warden said on Tuesday.\n",
    )
    .unwrap();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 1, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "skipped"), 4, "{}", run.stderr);
    for (file, problem) in [
        ("huge.mhtml", "MHTML: the page is larger than 16 MiB"),
        ("many.mht", "MHTML: more than 100000 MIME parts"),
        (
            "junk.mhtml",
            "MHTML: no Content-Type header: not a MIME file",
        ),
        ("empty.mhtml", "empty file"),
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("skipped") && l.contains(file) && l.contains(problem)),
            "{file}: {}",
            run.stderr
        );
    }
    assert_eq!(ws.hit_paths(&["cormorants"]), ["cormorants.txt"]);
}

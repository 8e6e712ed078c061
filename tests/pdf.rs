//! End-to-end tests of PDF articles: `morgue ingest` on `tests/fixtures/pdf` (written by
//! `tests/fixtures/make_pdf_fixtures.py`: pages printed by Chromium, news-database
//! downloads written by hand, broken and hostile files) beside text articles.

mod common;
#[path = "../examples/common/token_f1.rs"]
mod token_f1;

use std::path::Path;
use token_f1::token_f1;

use common::{copy_tree, summary_count, Workspace};

fn pdf_workspace() -> Workspace {
    let ws = Workspace::empty();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    copy_tree(&fixtures.join("pdf"), &ws.archive().join("pdf"));
    copy_tree(&fixtures.join("html/saved"), &ws.archive().join("html"));
    let text = ws.archive().join("text");
    std::fs::create_dir_all(&text).unwrap();
    for name in [
        "seed/000_eaf787878c6b65eb.txt",
        "text/crlf-line-endings.txt",
    ] {
        let from = fixtures.join("archive").join(name);
        std::fs::copy(&from, text.join(from.file_name().unwrap())).unwrap();
    }
    ws
}

fn show(ws: &Workspace, rel: &str) -> serde_json::Value {
    let run = ws.run(&["show", &format!("archive/{rel}"), "--json"]);
    assert_eq!(run.code, 0, "{rel}: {}", run.stderr);
    run.json()
}

#[test]
fn pdfs_are_read_beside_text_and_bad_ones_are_skipped_by_name() {
    let ws = pdf_workspace();
    let run = ws.ingest();
    // 5 printed + 2 database PDFs, 3 saved pages, 2 text files.
    assert_eq!(summary_count(&run.stderr, "new"), 12, "{}", run.stderr);
    let expected = [
        (
            "bad/encrypted.pdf",
            "encrypted PDF: it needs a password to be read",
        ),
        ("bad/scanned.pdf", "no text layer (scanned PDF?)"),
        ("bad/bomb.pdf", "decompression bomb?"),
        ("bad/junk-stream.pdf", "decompression bomb?"),
        ("bad/truncated.pdf", "damaged PDF: "),
        ("bad/not-a-pdf.pdf", "damaged PDF: no %PDF- header"),
        // Nothing is drawn on these pages once the nesting or the loop is cut.
        ("bad/deep-nesting.pdf", "no text layer"),
        ("bad/page-loop.pdf", "no text layer"),
        (
            "bad/form-loop.pdf",
            "damaged PDF: a form in it draws itself",
        ),
    ];
    for (file, reason) in expected {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("skipped") && l.contains(file) && l.contains(reason)),
            "{file} ({reason}): {}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);

    // Everything else is searchable, PDFs and text alike.
    for (query, file) in [
        ("petrels", "petrel-colony.pdf"),
        ("harbourmaster", "ferry-strike.pdf"),
        ("witkoff", "000_eaf787878c6b65eb.txt"),
        // bad/broken-xref.pdf is the same article with its xref table broken: whichever
        // of the two ingest claims first (in parallel) is the article, the other its
        // duplicate.
        ("barge", "tugboat-rescue.pdf|broken-xref.pdf"),
    ] {
        let found = ws.run(&["search", query, "--json", "--limit", "50"]);
        assert_eq!(found.code, 0, "{query}: {}", found.stderr);
        assert!(
            file.split('|').any(|file| found.stdout.contains(file)),
            "{query}: {}",
            found.stdout
        );
    }
}

#[test]
fn a_printed_page_gives_its_headline_address_date_and_article_text() {
    let ws = pdf_workspace();
    ws.ingest();
    let html = show(&ws, "html/petrel-colony.html");
    let article_text = html["body"].as_str().unwrap();
    for printed in [
        "pdf/printed/petrel-colony.pdf",
        "pdf/printed/petrel-colony.no-header.pdf",
    ] {
        let pdf = show(&ws, printed);
        assert_eq!(
            pdf["title"], "Petrel colony returns to the breakwater",
            "{printed}"
        );
        let body = pdf["body"].as_str().unwrap();
        let score = token_f1(body, article_text);
        assert!(score > 0.75, "{printed}: F1 {score:.3}\n{body}");
        // Chromium's header and footer are not text of the article.
        for furniture in ["1/1", "gazette.example", "PM\n"] {
            assert!(
                !body.contains(furniture),
                "{printed}: {furniture} in {body}"
            );
        }
    }
    let with_footer = show(&ws, "pdf/printed/petrel-colony.pdf");
    assert_eq!(
        with_footer["url"],
        "http://gazette.example/harbour/2024/05/14/petrel-colony.html"
    );
    assert_eq!(with_footer["site"], "The Ellery Gazette");
    assert_eq!(with_footer["date"], "2024-05-14");
    assert_eq!(with_footer["date_source"], "url");
    // Without the footer there is no address: the day it was printed is the fallback.
    let bare = show(&ws, "pdf/printed/petrel-colony.no-header.pdf");
    assert_eq!(bare["date_source"], "printed");

    // Three sheets: the header and footer on each are gone, the byline's date is read.
    let long = show(&ws, "pdf/printed/harbour-history.pdf");
    assert_eq!(long["title"], "A history of the Port Ellery ferry");
    assert_eq!(long["date"], "2023-06-02");
    assert_eq!(long["date_source"], "pdf-text");
    let body = long["body"].as_str().unwrap();
    // Known gap (docs/PDF.md): two paragraphs at a sheet break can be lost.
    let seasons = body.matches("In season").count();
    assert!(seasons >= 24, "{seasons} of 30: {body}");
    assert!(!body.contains("The Ellery Gazette"), "{body}");
    assert!(!body.contains("2/3"), "{body}");
}

#[test]
fn a_news_database_download_loses_its_running_heads_and_hyphens() {
    let ws = pdf_workspace();
    ws.ingest();
    let article = show(&ws, "pdf/database/ferry-strike.pdf");
    // The Info title is a file name: the first line is the title.
    assert_eq!(article["title"], "Ferry crews strike over winter timetable");
    // The date printed under the headline, not the download date in CreationDate.
    assert_eq!(article["date"], "2019-03-14");
    assert_eq!(article["date_source"], "pdf-text");
    let body = article["body"].as_str().unwrap();
    for gone in [
        "Port Ellery News Archive",
        "Page 1 of",
        "Page 2 of",
        "ter- minal",
        "ter-minal",
    ] {
        assert!(!body.contains(gone), "{gone} in {body}");
    }
    assert!(body.contains("breakwater terminal"), "{body}");
    assert!(
        body.contains("\n\nThe harbour workers' union said"),
        "{body}"
    );
    assert!(body.ends_with("for the rest of the week."), "{body}");
    let tug = show(&ws, "pdf/database/tugboat-rescue.pdf");
    assert_eq!(tug["title"], "Tugboat crews rescue a drifting barge");
}

#[test]
fn an_oversized_pdf_is_skipped_unparsed() {
    let ws = Workspace::empty();
    std::fs::create_dir_all(ws.archive()).unwrap();
    let big = std::fs::File::create(ws.archive().join("huge.pdf")).unwrap();
    // Sparse: 300 MiB on paper, nothing on disk.
    big.set_len(300 << 20).unwrap();
    drop(big);
    std::fs::write(
        ws.archive().join("note.txt"),
        " date 2025-03-22 Tide tables\n\nThe spring tide reached the quay.\n",
    )
    .unwrap();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains("huge.pdf") && l.contains("larger than the 256 MiB")),
        "{}",
        run.stderr
    );
}

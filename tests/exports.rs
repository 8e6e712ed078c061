//! News-database exports end to end: a LexisNexis `.txt`, a Nexis Uni `.docx` and a
//! Factiva `.html` (written by `tests/fixtures/make_export_fixtures.py`), each article its
//! own record `FILE:N` with its headline, publication, date and byline, the trailing
//! metadata left out of the body; an ordinary `.docx` and a `.txt` that says "End of
//! Document" once stay one article; a truncated DOCX and a zip bomb are skipped by name.
//! Every fixture article's body is scored by token F1 against its known text.

mod common;
#[path = "../examples/common/token_f1.rs"]
mod token_f1;

use token_f1::token_f1;

use common::{copy_tree, summary_count, Workspace};

fn fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports")
}

fn ingested() -> (Workspace, common::Run) {
    let ws = Workspace::empty();
    copy_tree(&fixtures(), &ws.archive());
    std::fs::remove_file(ws.archive().join("expected.json")).unwrap();
    let run = ws.ingest();
    (ws, run)
}

fn show(ws: &Workspace, target: &str) -> serde_json::Value {
    let run = ws.run(&["show", &format!("archive/{target}"), "--json"]);
    assert_eq!(run.code, 0, "{target}: {}", run.stderr);
    run.json()
}

#[test]
fn every_exported_article_is_its_own_record() {
    let (ws, run) = ingested();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // 3 LexisNexis + 3 Nexis Uni + 2 Factiva (one of them Nexis Uni's third again) + the
    // memo + the text that says "End of Document" once.
    assert_eq!(summary_count(&run.stderr, "new"), 9, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "duplicate"), 1, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "skipped"), 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("truncated.docx: not a readable zip"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("bomb.docx: word/document.xml inflates past 64 MiB (a decompression bomb?)"),
        "{}",
        run.stderr
    );

    let lexis = show(&ws, "lexis.txt:1");
    assert_eq!(lexis["title"], "Ferry timetable changes in April");
    assert_eq!(lexis["date"], "2024-03-05");
    assert_eq!(lexis["date_source"], "export");
    assert_eq!(lexis["site"], "The Harbour Gazette");
    assert_eq!(lexis["authors"], serde_json::json!(["Ann Lee", "Bo Chan"]));
    let body = lexis["body"].as_str().unwrap();
    assert!(
        body.starts_with("The ferry company said on Tuesday"),
        "{body}"
    );
    assert!(body.ends_with("with\nthe island council."), "{body}");
    for metadata in [
        "LOAD-DATE",
        "LANGUAGE",
        "PUBLICATION-TYPE",
        "Copyright",
        "BYLINE",
        "LENGTH",
    ] {
        assert!(!body.contains(metadata), "{metadata} in {body}");
    }
    let third = show(&ws, "lexis.txt:3");
    assert_eq!(
        third["title"],
        "Lighthouse keeper's cottage sold at auction"
    );
    assert_eq!(third["date"], "2024-03-04");
    assert_eq!(third["site"], "Coastal Wire");

    let uni = show(&ws, "nexis-uni.docx:2");
    assert_eq!(uni["title"], "Oyster beds reopen after the winter ban");
    assert_eq!(uni["date"], "2024-03-08");
    assert_eq!(uni["date_source"], "export");
    assert_eq!(uni["site"], "The Island Times");
    assert_eq!(
        uni["authors"],
        serde_json::json!(["Tomas Berg", "Lena Ruiz"])
    );
    let body = uni["body"].as_str().unwrap();
    for metadata in [
        "Classification",
        "Load-Date",
        "Copyright",
        "Byline",
        "End of Document",
        "Search Terms",
    ] {
        assert!(!body.contains(metadata), "{metadata} in {body}");
    }

    let factiva = show(&ws, "factiva.html:1");
    assert_eq!(factiva["title"], "Bakery wins the regional pasty prize");
    assert_eq!(factiva["date"], "2024-03-05");
    assert_eq!(factiva["site"], "The Harbour Gazette");
    assert_eq!(factiva["authors"], serde_json::json!(["Ann Lee"]));
    let body = factiva["body"].as_str().unwrap();
    for metadata in [
        "Document ",
        "words",
        "English",
        "(c) 2024",
        "09:30",
        "Search Summary",
    ] {
        assert!(!body.contains(metadata), "{metadata} in {body}");
    }

    // An ordinary Word document is one article, its heading the title.
    let memo = show(&ws, "memo.docx");
    assert_eq!(memo["title"], "Notes from the harbour board");
    assert!(memo["body"]
        .as_str()
        .unwrap()
        .starts_with("The board met on Thursday"));
    // A text that says "End of Document" once is one article, all of it.
    let notes = show(&ws, "end-of-document.txt");
    assert!(notes["body"]
        .as_str()
        .unwrap()
        .ends_with("The ledgers go back to 1911."));

    // Each article is found alone, by its own words.
    for (word, path) in [
        ("timetable", "archive/lexis.txt:1"),
        ("gannetry", "archive/lexis.txt:2"),
        ("slate", "archive/lexis.txt:3"),
        ("causeway", "archive/nexis-uni.docx:1"),
        ("oyster", "archive/nexis-uni.docx:2"),
        ("masons", "archive/nexis-uni.docx:3"),
        ("crimping", "archive/factiva.html:1"),
        ("dredging", "archive/memo.docx"),
    ] {
        let hits = ws.search_json(&[word]);
        assert_eq!(hits["total"], 1, "{word}: {hits}");
        assert_eq!(hits["hits"][0]["path"], path, "{word}");
    }
    // Trailing metadata is not searchable text.
    let run = ws.run(&["search", "PUBLICATION-TYPE"]);
    assert_eq!(run.code, 1, "{}", run.stdout);

    // Unchanged files are not read again.
    let again = ws.ingest();
    assert!(again.stderr.contains("0 B read"), "{}", again.stderr);
}

#[test]
fn bodies_match_the_known_text() {
    let (ws, _) = ingested();
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixtures().join("expected.json")).unwrap()).unwrap();
    let mut scores = Vec::new();
    let mut fields_right = 0;
    let articles = expected.as_object().unwrap();
    for (target, known) in articles {
        let got = show(&ws, target);
        let f1 = token_f1(
            got["body"].as_str().unwrap(),
            known["body"].as_str().unwrap(),
        );
        scores.push((target.clone(), f1));
        let right = got["title"] == known["title"]
            && got["date"] == known["date"]
            && got["site"] == known["site"]
            && got["authors"] == known["authors"];
        fields_right += usize::from(right);
        assert!(right, "{target}: {got}");
    }
    let mean = scores.iter().map(|(_, f1)| f1).sum::<f64>() / scores.len() as f64;
    eprintln!(
        "export body token F1: mean {mean:.4} over {} articles ({scores:?}); title, date, site and authors right in {fields_right}/{}",
        scores.len(),
        scores.len()
    );
    assert_eq!(scores.len(), 8);
    for (target, f1) in &scores {
        assert!(*f1 >= 0.99, "{target}: F1 {f1}");
    }
}

#[test]
fn a_factiva_export_saved_as_text_is_read_by_content() {
    let ws = Workspace::empty();
    let archive = ws.archive();
    std::fs::create_dir_all(&archive).unwrap();
    let export = "Ferry fares frozen\nBy Ann Lee\n40 words\n5 March 2024\nThe Harbour Gazette\nHARBGZ\nEnglish\n\
(c) 2024 Harbour Press\n\nThe ferry company froze its fares for the summer.\n\n\
Document HARBGZ0020240305ek3500001\n\nQuay lights fixed\n12 words\n6 March 2024\n\
The Harbour Gazette\nEnglish\nThe quay lights work again.\nDocument HARBGZ0020240306ek3600002\n";
    std::fs::write(archive.join("factiva.txt"), export).unwrap();
    let run = ws.ingest();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "new"), 2, "{}", run.stderr);
    let second = show(&ws, "factiva.txt:2");
    assert_eq!(second["title"], "Quay lights fixed");
    assert_eq!(second["date"], "2024-03-06");
    assert_eq!(second["body"], "The quay lights work again.");
}

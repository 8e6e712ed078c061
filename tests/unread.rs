//! Files morgue does not read are never left out in silence (issue 34): counted by kind in
//! the summary, a warning or exit status 2 when named on the command line, explained by
//! `show`; and `--include`/`--exclude` narrow a walk.

mod common;

use common::{summary_count, Workspace};

fn article(day: u32, words: &str) -> String {
    format!(" date 2024-03-{day:02} A note about {words}\n\nThe council discussed {words} on Tuesday.\n")
}

fn workspace() -> Workspace {
    let ws = Workspace::empty();
    let archive = ws.archive();
    std::fs::create_dir_all(archive.join("drafts")).unwrap();
    std::fs::create_dir_all(archive.join("2025")).unwrap();
    std::fs::write(archive.join("a.txt"), article(1, "harbour ferries")).unwrap();
    std::fs::write(archive.join("2025/b.txt"), article(2, "harbour tides")).unwrap();
    std::fs::write(archive.join("drafts/c.txt"), article(3, "harbour drafts")).unwrap();
    for name in ["x.rtf", "y.RTF", "2025/z.rtf"] {
        std::fs::write(archive.join(name), b"{\\rtf1\\ansi Factiva export}").unwrap();
    }
    for name in ["p.png", "q.png"] {
        std::fs::write(archive.join(name), b"\x89PNG").unwrap();
    }
    std::fs::write(archive.join("memo.odt"), b"PK\x03\x04").unwrap();
    ws
}

#[test]
fn the_summary_counts_what_it_left_alone_by_kind() {
    let ws = workspace();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 3, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "ignored: 3 .rtf (RTF is not read yet (save exports as .docx, .txt or .html)), 2 .png, 1 .odt (office documents other than .docx are not read yet)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_named_alone_that_morgue_cannot_read_is_an_error() {
    let ws = workspace();
    let run = ws.run(&["ingest", "archive/x.rtf"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("x.rtf: morgue does not read .rtf files (RTF is not read yet"),
        "{}",
        run.stderr
    );
    assert!(!ws.index().join("meta.json").exists(), "an index was made");

    // Beside something it reads, a warning, and the rest is indexed.
    let run = ws.run(&["ingest", "archive/x.rtf", "archive/a.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("x.rtf: morgue does not read .rtf files"),
        "{}",
        run.stderr
    );
    assert_eq!(summary_count(&run.stderr, "new"), 1, "{}", run.stderr);
}

#[test]
fn show_says_why_a_file_is_not_in_the_index() {
    let ws = workspace();
    ws.ingest();
    let run = ws.run(&["show", "archive/memo.odt"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("memo.odt: not in the index: morgue does not read .odt files (office documents other than .docx are not read yet)"),
        "{}",
        run.stderr
    );
}

#[test]
fn include_and_exclude_narrow_the_walk() {
    let ws = workspace();
    let run = ws.run(&[
        "ingest",
        "archive",
        "--exclude",
        "drafts",
        "--exclude",
        "*.png",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "new"), 2, "{}", run.stderr);
    assert!(!run.stderr.contains(".png"), "{}", run.stderr);
    assert_eq!(ws.hit_paths(&["harbour"]), ["2025/b.txt", "a.txt"]);

    let only = Workspace::empty();
    common::copy_tree(&ws.archive(), &only.archive());
    let run = only.run(&["ingest", "archive", "--include", "2025/*"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(only.hit_paths(&["harbour"]), ["2025/b.txt"]);

    let bad = ws.run(&["ingest", "archive", "--include", "a[b"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("--include"), "{}", bad.stderr);
}

//! End-to-end tests of file names that are not plain UTF-8 (issue 11): every path that
//! `search` prints works with `show`, as printed and as the raw name the shell passes.
//! Unix only: other systems cannot make a file name with the byte 0xE9.
#![cfg(unix)]

mod common;

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};

use common::{summary_count, Workspace};

fn show_json(ws: &Workspace, target: &OsStr) -> serde_json::Value {
    let run = ws.run_os(&["show".as_ref(), "--json".as_ref(), target]);
    assert_eq!(run.code, 0, "show {target:?}: {}", run.stderr);
    run.json()
}

fn article(text: &str) -> String {
    format!(" date 2025-03-22 \n\n{text}\n")
}

/// `archive/files/NAME` from the name's bytes.
fn file_name(name: &[u8]) -> OsString {
    let mut path = b"archive/files/".to_vec();
    path.extend_from_slice(name);
    OsString::from_vec(path)
}

/// Three files whose names `to_string_lossy` would have mixed up: the byte 0xE9, the byte
/// 0xE8, and the four characters `\xE9`.
fn odd_archive() -> Workspace {
    let ws = Workspace::empty();
    let files = ws.archive().join("files");
    std::fs::create_dir_all(&files).unwrap();
    for (name, text) in [
        (&b"caf\xe9.txt"[..], "Putin met Witkoff in the cafe."),
        (&b"caf\xe8.txt"[..], "Putin met Witkoff on the terrace."),
        (&b"caf\\xE9.txt"[..], "Putin met Witkoff by the backslash."),
    ] {
        std::fs::write(ws.dir.path().join(file_name(name)), article(text)).unwrap();
    }
    std::fs::write(
        ws.dir.path().join(file_name(b"wire\xe9.jsonl")),
        "{\"title\": \"One\", \"content\": \"Putin spoke first.\"}\n\
         {\"title\": \"Two\", \"content\": \"Putin spoke again.\"}\n",
    )
    .unwrap();
    let ingest = ws.run_os(&["ingest".as_ref(), "archive".as_ref()]);
    assert_eq!(ingest.code, 0, "{}", ingest.stderr);
    assert_eq!(summary_count(&ingest.stderr, "new"), 5, "{}", ingest.stderr);
    ws
}

#[test]
fn every_printed_path_shows_its_own_article() {
    let ws = odd_archive();
    let search = ws.run_os(&["search".as_ref(), "--json".as_ref(), "putin".as_ref()]);
    assert_eq!(search.code, 0, "{}", search.stderr);
    let hits = search.json()["hits"].as_array().unwrap().clone();
    let mut printed: Vec<&str> = hits.iter().map(|h| h["path"].as_str().unwrap()).collect();
    printed.sort_unstable();
    assert_eq!(
        printed,
        [
            "archive/files/caf\\\\xE9.txt",
            "archive/files/caf\\xE8.txt",
            "archive/files/caf\\xE9.txt",
            "archive/files/wire\\xE9.jsonl:1",
            "archive/files/wire\\xE9.jsonl:2",
        ]
    );
    for hit in &hits {
        let path = hit["path"].as_str().unwrap();
        let shown = show_json(&ws, path.as_ref());
        assert_eq!(shown["id"], hit["id"], "{path}");
        assert_eq!(shown["path"], hit["path"], "{path}");
    }

    // The terminal prints the same text.
    let terminal = ws.run_os(&["search".as_ref(), "putin".as_ref()]);
    assert_eq!(terminal.code, 0, "{}", terminal.stderr);
    for path in printed {
        assert!(
            terminal.stdout.contains(path),
            "{path}: {}",
            terminal.stdout
        );
    }
}

#[test]
fn raw_names_as_the_shell_passes_them_show_their_article() {
    let ws = odd_archive();
    for (name, words) in [
        (&b"caf\xe9.txt"[..], "in the cafe"),
        (&b"caf\xe8.txt"[..], "on the terrace"),
    ] {
        let shown = show_json(&ws, &file_name(name));
        assert!(
            shown["body"].as_str().unwrap().contains(words),
            "{name:?}: {shown}"
        );
    }
    let line = show_json(&ws, &file_name(b"wire\xe9.jsonl:2"));
    assert_eq!(line["title"], "Two");
    // The escaped text `search` prints for the byte 0xE9 is read before the raw name of the
    // file called `caf\xE9.txt`; that file is shown by its own printed text.
    let literal = show_json(&ws, OsStr::new("archive/files/caf\\\\xE9.txt"));
    assert!(literal["body"]
        .as_str()
        .unwrap()
        .contains("by the backslash"));
}

#[test]
fn a_literal_backslash_name_is_shown_by_its_raw_name_too() {
    let ws = Workspace::empty();
    let files = ws.archive().join("files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("a\\b.txt"), article("Putin met Witkoff.")).unwrap();
    std::fs::write(files.join("caf\\xE9.txt"), article("Putin met Carlson.")).unwrap();
    assert_eq!(ws.run_os(&["ingest".as_ref(), "archive".as_ref()]).code, 0);
    for (raw, printed) in [
        ("archive/files/a\\b.txt", "archive/files/a\\\\b.txt"),
        ("archive/files/caf\\xE9.txt", "archive/files/caf\\\\xE9.txt"),
    ] {
        let by_raw = show_json(&ws, raw.as_ref());
        assert_eq!(by_raw["path"], printed);
        assert_eq!(show_json(&ws, printed.as_ref())["id"], by_raw["id"]);
    }
}

#[test]
fn an_unchanged_odd_archive_is_not_read_again() {
    let ws = odd_archive();
    let again = ws.run_os(&["ingest".as_ref(), "archive".as_ref()]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(summary_count(&again.stderr, "new"), 0, "{}", again.stderr);
    assert_eq!(
        summary_count(&again.stderr, "unchanged"),
        5,
        "{}",
        again.stderr
    );
    // Each file keeps its own record: removing one removes only its article.
    std::fs::remove_file(ws.dir.path().join(file_name(b"caf\xe8.txt"))).unwrap();
    let removed = ws.run_os(&["ingest".as_ref(), "archive".as_ref()]);
    assert_eq!(
        summary_count(&removed.stderr, "removed"),
        1,
        "{}",
        removed.stderr
    );
    assert!(show_json(&ws, &file_name(b"caf\xe9.txt"))["body"]
        .as_str()
        .unwrap()
        .contains("in the cafe"));
    let gone = ws.run_os(&["show".as_ref(), file_name(b"caf\xe8.txt").as_os_str()]);
    assert_eq!(gone.code, 2, "{}", gone.stdout);
    assert!(gone.stderr.contains("caf\\xE8.txt"), "{}", gone.stderr);
}

#[test]
fn names_are_plain_bytes_in_the_show_output() {
    let ws = odd_archive();
    let shown = show_json(&ws, &file_name(b"caf\xe9.txt"));
    // The bytes of the printed text name the file again.
    let path = shown["path"].as_str().unwrap();
    let bytes = morgue::path_text::unescape(path).unwrap();
    assert_eq!(OsStr::from_bytes(&bytes), file_name(b"caf\xe9.txt"));
}

//! End-to-end tests of a damaged index: every command says what is wrong and how to
//! recover (`ingest --rebuild`), exits 2 and never panics; a rebuild recovers.

mod common;

use std::path::PathBuf;

use common::{summary_count, Workspace};

/// Every command that opens the index, as a user would type it (`serve` last).
const COMMANDS: [&[&str]; 7] = [
    &["search", "gannet"],
    &["show", "archive/dup/first/gannet.txt"],
    &["stats"],
    &["people"],
    &["timeline"],
    &["ingest", "archive"],
    &["serve", "--port", "0"],
];

/// The index's files with this extension, largest first.
fn index_files(ws: &Workspace, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(ws.index())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .collect();
    files.sort_by_key(|path| std::cmp::Reverse(std::fs::metadata(path).unwrap().len()));
    assert!(!files.is_empty(), "no .{extension} file in the index");
    files
}

/// Runs `args`; `serve` is killed if it starts serving, which is a failure here.
fn run_to_the_end(ws: &Workspace, args: &[&str]) -> common::Run {
    if args[0] != "serve" {
        return ws.run(args);
    }
    let mut child = std::process::Command::new(common::BIN)
        .current_dir(ws.dir.path())
        .env_remove("MORGUE_INDEX")
        .arg("--index")
        .arg(ws.index())
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A server that opened the damaged index would run forever: stop it after a while.
    for _ in 0..600 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let output = child.wait_with_output().unwrap();
    common::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn assert_says_damaged(ws: &Workspace, args: &[&str], what: &str) {
    let run = run_to_the_end(ws, args);
    assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr.lines().count(),
        1,
        "{args:?}: one line: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("is damaged")
            && run.stderr.contains(what)
            && run.stderr.contains("morgue ingest --rebuild"),
        "{args:?}: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
}

fn assert_rebuild_recovers(ws: &Workspace) {
    let run = ws.run(&["ingest", "--rebuild", "archive"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "new"), 15, "{}", run.stderr);
    assert_eq!(ws.hit_paths(&["gannet"]), vec!["dup/first/gannet.txt"]);
    let again = ws.run(&["ingest", "archive"]);
    assert_eq!(
        summary_count(&again.stderr, "unchanged"),
        15,
        "{}",
        again.stderr
    );
}

#[test]
fn a_truncated_segment_file_is_reported_by_every_command() {
    let ws = Workspace::new();
    ws.ingest();
    let store = &index_files(&ws, "store")[0];
    std::fs::File::options()
        .write(true)
        .open(store)
        .unwrap()
        .set_len(10)
        .unwrap();
    let name = store.file_name().unwrap().to_string_lossy().into_owned();
    for args in COMMANDS {
        assert_says_damaged(&ws, args, &name);
    }
    assert_rebuild_recovers(&ws);
}

#[test]
fn a_corrupted_segment_file_is_named_not_a_panic() {
    let ws = Workspace::new();
    ws.ingest();
    // The middle of every postings file: their footers are intact, so only the bytes
    // Tantivy reads (and would panic on) and the checksum tell. Every one, because the
    // ingest's threads decide which segment holds the article searched for.
    let postings = index_files(&ws, "idx");
    for file in &postings {
        let mut bytes = std::fs::read(file).unwrap();
        let len = bytes.len();
        // Tantivy's footer (a version record and the checksum) is the last few dozen bytes.
        for byte in &mut bytes[len / 10..len.saturating_sub(256).max(len / 10)] {
            *byte ^= 0x5a;
        }
        std::fs::write(file, bytes).unwrap();
    }
    let run = run_to_the_end(&ws, &["search", "gannet"]);
    let named = postings.iter().any(|file| {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        run.stderr.contains(&name) && run.stderr.contains("is damaged")
    });
    assert!(named, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("morgue ingest --rebuild"),
        "{}",
        run.stderr
    );
    assert_rebuild_recovers(&ws);
}

#[test]
fn a_missing_meta_json_is_damage_not_an_empty_index() {
    let ws = Workspace::new();
    ws.ingest();
    std::fs::remove_file(ws.index().join("meta.json")).unwrap();
    for args in COMMANDS {
        assert_says_damaged(&ws, args, "meta.json is missing");
    }
    assert_rebuild_recovers(&ws);
}

#[test]
fn an_unreadable_meta_json_is_damage() {
    let ws = Workspace::new();
    ws.ingest();
    std::fs::write(ws.index().join("meta.json"), "{\"segments\": [").unwrap();
    for args in COMMANDS {
        assert_says_damaged(&ws, args, "meta.json");
    }
    assert_rebuild_recovers(&ws);
}

/// Tantivy's writer lock is an advisory lock (flock) on `.tantivy-writer.lock`, which the
/// system releases when the process dies; the file itself stays and means nothing. A lock
/// file left by a killed process, whatever it holds, must not block the next ingest.
#[test]
fn a_stale_lock_file_does_not_block_the_next_ingest() {
    let ws = Workspace::new();
    ws.ingest();
    let lock = ws.index().join(".tantivy-writer.lock");
    assert!(lock.is_file(), "tantivy keeps the lock file between runs");
    std::fs::write(&lock, "pid 4242, killed\n").unwrap();
    std::fs::write(ws.index().join(".tantivy-meta.lock"), "stale").unwrap();
    let run = ws.run(&["ingest", "archive"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        summary_count(&run.stderr, "unchanged"),
        15,
        "{}",
        run.stderr
    );
    assert_eq!(ws.run(&["search", "gannet"]).code, 0);
}

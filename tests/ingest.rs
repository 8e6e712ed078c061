//! End-to-end tests of `morgue ingest` on the committed fixture archive.

mod common;

use common::{summary_count, Workspace};

#[test]
fn a_fresh_ingest_indexes_every_good_article_and_reports_every_bad_file() {
    let ws = Workspace::new();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 15, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "duplicate"), 1, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "skipped"), 5, "{}", run.stderr);
    for bad in [
        "bad/empty.txt",
        "bad/whitespace-only.txt",
        "bad/binary-nul.txt",
        "bad/array.json",
        "formats/wire.jsonl: line 2",
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("skipped") && l.contains(bad)),
            "{bad} not reported: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("impossible-header-date.txt") && run.stderr.contains("2025-02-30"),
        "no warning for the impossible date: {}",
        run.stderr
    );
    // Ignored files are not problems.
    for ignored in ["notes.odt", ".hidden.txt", "cached-copy.txt"] {
        assert!(!run.stderr.contains(ignored), "{ignored}: {}", run.stderr);
    }
}

#[test]
fn files_that_must_not_be_indexed_are_not_found() {
    let ws = common::ingested();
    for word in [
        "brokenquokka",
        "binaryheron",
        "arraypelican",
        "docxotter",
        "hiddenmarmot",
        "cachedwalrus",
    ] {
        let run = ws.run(&["search", word]);
        assert_eq!(run.code, 1, "{word} was found: {}", run.stdout);
    }
}

#[test]
fn each_format_is_read_with_its_date_and_title() {
    let ws = common::ingested();
    let cases = [
        (
            "seed/000_eaf787878c6b65eb.txt",
            Some("2025-03-22"),
            "header",
        ),
        (
            "2019/03/001_915619869b74c4b3.txt",
            Some("2019-03-14"),
            "header",
        ),
        ("text/crlf-line-endings.txt", Some("2020-05-04"), "header"),
        ("text/utf8-bom.txt", Some("2021-09-17"), "header"),
        ("text/latin1-cp1252.txt", Some("2022-10-03"), "header"),
        ("text/no-date-anywhere.txt", None, "none"),
        ("text/2019-06-01-report.txt", Some("2019-06-01"), "path"),
        ("2024/07/15/breakwater.txt", Some("2024-07-15"), "path"),
        (
            "2025-02-28/impossible-header-date.txt",
            Some("2025-02-28"),
            "path",
        ),
        (
            "formats/pontoon-vote.md",
            Some("2023-11-20"),
            "front-matter",
        ),
        ("formats/quayside-market.json", Some("2022-04-05"), "json"),
        ("formats/wire.jsonl:1", Some("2021-02-10"), "json"),
        ("formats/wire.jsonl:3", Some("2021-02-12"), "json"),
        ("formats/envoy.ndjson:1", Some("2025-03-14"), "json"),
    ];
    for (path, date, source) in cases {
        let run = ws.run(&["show", "--json", &format!("archive/{path}")]);
        assert_eq!(run.code, 0, "{path}: {}", run.stderr);
        let json = run.json();
        assert_eq!(json["date"].as_str(), date, "{path}");
        assert_eq!(json["date_source"], source, "{path}");
        let title = json["title"].as_str().unwrap();
        assert!(
            !title.is_empty() && !title.contains('\u{feff}') && !title.contains('\r'),
            "{path}: {title:?}"
        );
        let body = json["body"].as_str().unwrap();
        assert!(!body.contains('\r') && !body.contains('\u{feff}'), "{path}");
    }
}

#[test]
fn titles_follow_the_title_rule() {
    let ws = common::ingested();
    let title = |path: &str| {
        ws.run(&["show", "--json", path]).json()["title"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        title("archive/2019/03/001_915619869b74c4b3.txt"),
        "HARBOUR FERRY STRIKE ENDS AT PORT ELLERY"
    );
    assert_eq!(
        title("archive/text/latin1-cp1252.txt"),
        "Harbour café reopens at the ferry terminal"
    );
    assert_eq!(
        title("archive/formats/pontoon-vote.md"),
        "Pontoon vote brings down the island government"
    );
    assert_eq!(
        title("archive/formats/quayside-market.json"),
        "Quayside market returns beside the ferry terminal"
    );
    let seed = title("archive/seed/000_eaf787878c6b65eb.txt");
    assert!(
        seed.starts_with("Donald Trump's top envoy Steve Witkoff"),
        "{seed}"
    );
    assert!(seed.chars().count() <= 125, "{seed}");
}

#[test]
fn latin1_text_is_decoded_not_dropped() {
    let ws = common::ingested();
    assert_eq!(ws.hit_paths(&["café"]), vec!["text/latin1-cp1252.txt"]);
    assert_eq!(ws.hit_paths(&["cafe"]), vec!["text/latin1-cp1252.txt"]);
    assert_eq!(ws.hit_paths(&["Gurría"]), vec!["text/latin1-cp1252.txt"]);
}

#[test]
fn a_second_ingest_with_nothing_changed_reads_nothing() {
    let ws = Workspace::new();
    ws.ingest();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 0, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "updated"), 0);
    assert_eq!(summary_count(&run.stderr, "unchanged"), 15);
    assert_eq!(summary_count(&run.stderr, "removed"), 0);
    assert!(run.stderr.contains("(0 B read"), "{}", run.stderr);
}

fn rewrite(path: &std::path::Path, text: &str) {
    // Make sure the modification time moves even on coarse clocks.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_changed_file_is_reindexed_and_a_deleted_one_removed() {
    let ws = Workspace::new();
    ws.ingest();
    rewrite(
        &ws.archive().join("text/crlf-line-endings.txt"),
        " date 2020-05-05 Timetable changed again\n\nThe albatross ferry now sails at noon.\n",
    );
    std::fs::remove_file(ws.archive().join("text/utf8-bom.txt")).unwrap();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "updated"), 1, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "removed"), 1, "{}", run.stderr);
    assert_eq!(
        summary_count(&run.stderr, "unchanged"),
        13,
        "{}",
        run.stderr
    );
    assert_eq!(
        ws.hit_paths(&["albatross"]),
        vec!["text/crlf-line-endings.txt"]
    );
    assert_eq!(ws.run(&["search", "timetable restored"]).code, 1);
    assert_eq!(ws.run(&["search", "gangway"]).code, 1);
}

#[test]
fn duplicates_are_indexed_once_and_survive_the_original() {
    let ws = Workspace::new();
    ws.ingest();
    assert_eq!(ws.hit_paths(&["gannet"]), vec!["dup/first/gannet.txt"]);
    std::fs::remove_file(ws.archive().join("dup/first/gannet.txt")).unwrap();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "removed"), 1, "{}", run.stderr);
    assert_eq!(
        ws.hit_paths(&["gannet"]),
        vec!["dup/second/gannet-copy.txt"]
    );
    // And a third ingest leaves it alone.
    let run = ws.ingest();
    assert_eq!(
        summary_count(&run.stderr, "unchanged"),
        15,
        "{}",
        run.stderr
    );
}

#[test]
fn rebuild_starts_over() {
    let ws = Workspace::new();
    ws.ingest();
    let run = ws.run(&["ingest", "--rebuild", "archive"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "new"), 15, "{}", run.stderr);
    assert_eq!(ws.hit_paths(&["gannet"]).len(), 1);
}

#[test]
fn an_index_made_by_another_version_is_refused_until_rebuilt() {
    use tantivy::schema::{Schema, STORED, STRING};
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.index()).unwrap();
    let mut older = Schema::builder();
    older.add_text_field("id", STRING | STORED);
    older.add_text_field("file", STRING | STORED);
    tantivy::Index::create_in_dir(ws.index(), older.build()).unwrap();

    for args in [&["search", "gannet"][..], &["ingest", "archive"]] {
        let run = ws.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("another version") && run.stderr.contains("--rebuild"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = ws.run(&["ingest", "--rebuild", "archive"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "new"), 15, "{}", run.stderr);
    assert_eq!(ws.hit_paths(&["gannet"]).len(), 1);
}

#[test]
fn verbose_and_quiet() {
    let ws = Workspace::new();
    let run = ws.run(&["ingest", "--verbose", "archive"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("new") && l.contains("pontoon-vote.md")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("duplicate") && l.contains("gannet-copy.txt")),
        "{}",
        run.stderr
    );
    let quiet = Workspace::new();
    let run = quiet.run(&["ingest", "--quiet", "archive"]);
    assert_eq!(run.code, 0);
    assert!(
        !run.stderr.lines().any(|l| l.starts_with("new")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("15 new"),
        "the summary is always printed: {}",
        run.stderr
    );
}

#[test]
fn a_missing_folder_is_an_error_and_creates_nothing_to_search() {
    let ws = Workspace::empty();
    let run = ws.run(&["ingest", "no-such-folder"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("no-such-folder"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
}

#[test]
fn a_second_ingest_fails_at_once_while_the_index_is_locked() {
    let ws = Workspace::new();
    ws.ingest();
    // Hold the writer lock the way a running ingest does.
    let index = tantivy::Index::open_in_dir(ws.index()).unwrap();
    let writer: tantivy::IndexWriter = index.writer(50_000_000).unwrap();
    let started = std::time::Instant::now();
    let run = ws.run(&["ingest", "archive"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("another ingest"), "{}", run.stderr);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    // Searches keep working beside the writer.
    assert_eq!(ws.run(&["search", "gannet"]).code, 0);
    drop(writer);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_does_not_hang_the_walk() {
    let ws = Workspace::new();
    std::os::unix::fs::symlink(ws.archive(), ws.archive().join("text/loop")).unwrap();
    // Loops the system itself refuses (ELOOP) are the same problem, not an unreadable file.
    std::os::unix::fs::symlink("self.txt", ws.archive().join("text/self.txt")).unwrap();
    std::os::unix::fs::symlink("b.txt", ws.archive().join("text/a.txt")).unwrap();
    std::os::unix::fs::symlink("a.txt", ws.archive().join("text/b.txt")).unwrap();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 15, "{}", run.stderr);
    for link in ["text/loop", "text/self.txt", "text/a.txt", "text/b.txt"] {
        let line = format!("skipped archive/{link}: symbolic link loop, not followed");
        assert!(
            run.stderr.lines().any(|l| l == line),
            "{line}: {}",
            run.stderr
        );
    }
    let breakdown = run
        .stderr
        .lines()
        .find(|l| l.starts_with("skipped: "))
        .unwrap();
    assert!(breakdown.contains("4 symbolic link loop"), "{breakdown}");
    assert!(!breakdown.contains("unreadable"), "{breakdown}");
}

#[test]
fn ingest_follows_the_index_option_and_environment() {
    let ws = Workspace::new();
    let output = std::process::Command::new(common::BIN)
        .current_dir(ws.dir.path())
        .env("MORGUE_INDEX", ws.dir.path().join("from-env"))
        .args(["ingest", "--quiet", "archive"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(ws.dir.path().join("from-env/meta.json").is_file());
}

/// `count` small articles in 30 folders, each mentioning the puffin census.
fn write_puffin_stories(folder: &std::path::Path, count: usize) {
    for i in 0..count {
        let folder = folder.join(format!("{:02}", i % 30));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join(format!("{i:05}.txt")),
            format!(" date 2020-01-{:02} Story {i} about the puffin census\n\nThe puffin count number {i} rose again on Tuesday, said Ada Lovelace.\n", i % 28 + 1),
        )
        .unwrap();
    }
}

#[test]
fn an_interrupted_ingest_keeps_its_committed_work() {
    let ws = Workspace::empty();
    write_puffin_stories(&ws.dir.path().join("big"), 6000);
    let mut child = std::process::Command::new(common::BIN)
        .current_dir(ws.dir.path())
        .arg("--index")
        .arg(ws.index())
        .args(["ingest", "--quiet", "--commit-interval", "0", "big"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed as soon as its first commit is on disk (or once it is done, if it was quicker).
    let committed = || {
        let meta = std::fs::read_to_string(ws.index().join("meta.json")).unwrap_or_default();
        serde_json::from_str::<serde_json::Value>(&meta)
            .ok()
            .and_then(|meta| meta["segments"].as_array().map(|s| !s.is_empty()))
            .unwrap_or(false)
    };
    let started = std::time::Instant::now();
    while !committed() && started.elapsed() < std::time::Duration::from_secs(120) {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(committed(), "no commit within two minutes");

    let run = ws.run(&["ingest", "big"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let kept = summary_count(&run.stderr, "unchanged");
    assert!(kept >= 2000, "committed work read again: {}", run.stderr);
    assert_eq!(
        kept + summary_count(&run.stderr, "new"),
        6000,
        "{}",
        run.stderr
    );
    let json = ws.search_json(&["puffin", "--limit", "1"]);
    assert_eq!(json["total"], 6000);
}

#[test]
fn a_killed_ingest_leaves_a_usable_index_and_the_next_run_completes() {
    let ws = Workspace::new();
    ws.ingest();
    write_puffin_stories(&ws.dir.path().join("big"), 3000);
    let mut child = std::process::Command::new(common::BIN)
        .current_dir(ws.dir.path())
        .arg("--index")
        .arg(ws.index())
        .args(["ingest", "--quiet", "big"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    let _ = child.kill();
    let _ = child.wait();
    // Whatever was committed is intact and searchable.
    let run = ws.run(&["search", "gannet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The lock died with the process; the next ingest finishes the work.
    let run = ws.run(&["ingest", "big"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = ws.search_json(&["puffin", "--limit", "1"]);
    assert_eq!(json["total"], 3000);
}

#[test]
fn a_single_file_can_be_ingested() {
    let ws = Workspace::new();
    let run = ws.run(&["ingest", "archive/formats/pontoon-vote.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "new"), 1, "{}", run.stderr);
    assert_eq!(ws.hit_paths(&["pontoon"]), vec!["formats/pontoon-vote.md"]);
}

/// Lines of stderr that report one skipped file or line (not the summary's `skipped:`).
fn skip_reports(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| line.starts_with("skipped ") && !line.starts_with("skipped: "))
        .collect()
}

/// Moves a file's modification time without changing its content, as a copy or a sync
/// tool that does not keep times does.
fn touch(path: &std::path::Path, seconds_later: u64) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    let modified = file.metadata().unwrap().modified().unwrap();
    file.set_modified(modified + std::time::Duration::from_secs(seconds_later))
        .unwrap();
}

#[test]
fn broken_lines_are_listed_once_then_counted() {
    let ws = Workspace::empty();
    let folder = ws.dir.path().join("lines");
    std::fs::create_dir_all(&folder).unwrap();
    let mut text = String::from(
        "{\"title\": \"Ferry timetable\", \"body\": \"The ferry sails at noon.\", \"date\": \"2021-02-10\"}\n",
    );
    for i in 0..50 {
        text.push_str(&format!("{{broken line {i}\n"));
    }
    let file = folder.join("wire.jsonl");
    std::fs::write(&file, &text).unwrap();

    let first = ws.run(&["ingest", "lines"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(skip_reports(&first.stderr).len(), 50, "{}", first.stderr);
    assert_eq!(summary_count(&first.stderr, "skipped"), 50);

    // Unchanged: counted in the summary, not listed.
    let again = ws.run(&["ingest", "lines"]);
    assert!(skip_reports(&again.stderr).is_empty(), "{}", again.stderr);
    assert_eq!(
        summary_count(&again.stderr, "skipped"),
        50,
        "{}",
        again.stderr
    );
    assert!(again
        .stderr
        .contains("50 invalid JSON (all reported by an earlier ingest"));

    // Same content, new modification time: read again, still not listed again.
    touch(&file, 10);
    let touched = ws.run(&["ingest", "lines"]);
    assert!(
        skip_reports(&touched.stderr).is_empty(),
        "{}",
        touched.stderr
    );
    assert_eq!(
        summary_count(&touched.stderr, "skipped"),
        50,
        "{}",
        touched.stderr
    );
    assert_eq!(
        summary_count(&touched.stderr, "updated"),
        1,
        "{}",
        touched.stderr
    );

    // One line broken differently: only that one is new to the user.
    std::fs::write(&file, text.replace("{broken line 7\n", "[7]\n")).unwrap();
    touch(&file, 20);
    let changed = ws.run(&["ingest", "lines"]);
    let reports = skip_reports(&changed.stderr);
    assert_eq!(reports.len(), 1, "{}", changed.stderr);
    assert!(reports[0].contains("line 9"), "{}", changed.stderr);
    assert!(
        changed.stderr.contains("(49 reported by an earlier ingest"),
        "{}",
        changed.stderr
    );

    // Rebuilding starts over, reports included.
    let rebuilt = ws.run(&["ingest", "--rebuild", "lines"]);
    assert_eq!(
        skip_reports(&rebuilt.stderr).len(),
        50,
        "{}",
        rebuilt.stderr
    );
}

/// An index folder this user cannot write: ingest says so in one line (exit 2) and
/// searches keep answering from the last commit. Root ignores permissions, so there the
/// test has nothing to test (scripts/disk-full.sh covers a read-only mount as root).
#[cfg(unix)]
#[test]
fn a_read_only_index_folder_is_reported_and_still_searchable() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    ws.ingest();
    let set_mode =
        |mode| std::fs::set_permissions(ws.index(), std::fs::Permissions::from_mode(mode)).unwrap();
    set_mode(0o555);
    let probe = ws.index().join("probe");
    if std::fs::write(&probe, "").is_ok() {
        let _ = std::fs::remove_file(&probe);
        set_mode(0o755);
        eprintln!("permissions are not enforced for this user (root?): nothing to test");
        return;
    }
    std::fs::write(
        ws.archive().join("text/new-story.txt"),
        " date 2024-01-02 Heron\n\nA heron story.\n",
    )
    .unwrap();
    let run = ws.run(&["ingest", "archive"]);
    let searched = ws.run(&["search", "gannet"]);
    set_mode(0o755);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot write to the index"),
        "{}",
        run.stderr
    );
    assert_eq!(searched.code, 0, "{}", searched.stderr);
}

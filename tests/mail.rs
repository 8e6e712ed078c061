//! Mail end to end: `.eml` messages and an `.mbox` mailbox (written by
//! `tests/fixtures/make_mail_fixtures.py` with Python's `email` package), each message an
//! article with its subject, sender and date; a message with only an attachment is skipped
//! by name, and the same newsletter in a message file and in the mailbox is one article.

mod common;

use common::{copy_tree, summary_count, Workspace};

fn ingested() -> (Workspace, common::Run) {
    let ws = Workspace::empty();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail");
    copy_tree(&fixtures, &ws.archive());
    let run = ws.ingest();
    (ws, run)
}

fn show(ws: &Workspace, target: &str) -> serde_json::Value {
    let run = ws.run(&["show", &format!("archive/{target}"), "--json"]);
    assert_eq!(run.code, 0, "{target}: {}", run.stderr);
    run.json()
}

#[test]
fn every_message_is_an_article_with_its_subject_sender_and_date() {
    let (ws, run) = ingested();
    // newsletter.eml, plain.eml, box.mbox:1 (box.mbox:3 is the newsletter again).
    assert_eq!(summary_count(&run.stderr, "new"), 3, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "duplicate"), 1, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "skipped"), 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("message 2: mail: no text or HTML part"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("attachment-only.eml"), "{}", run.stderr);

    // The HTML part, read as a page: quoted-printable and UTF-8 undone, the page's
    // furniture left out; the subject (RFC 2047) as title, the sender as author.
    let newsletter = show(&ws, "newsletter.eml");
    assert_eq!(newsletter["title"], "Harbour café reopens after the storm");
    assert_eq!(newsletter["date"], "2024-03-04");
    assert_eq!(newsletter["date_source"], "mail-date");
    assert_eq!(
        newsletter["authors"],
        serde_json::json!(["Ellery Gazette Briefing"])
    );
    let body = newsletter["body"].as_str().unwrap();
    assert!(
        body.contains("The harbour café on the north quay reopened"),
        "{body}"
    );
    assert!(!body.contains("Unsubscribe"), "{body}");
    assert!(newsletter["people"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("Ines Moreau")));

    // Plain text in base64 and Latin-1; no display name, so the address is the author.
    let plain = show(&ws, "plain.eml");
    assert_eq!(plain["title"], "Ferry timetable");
    assert_eq!(plain["date"], "2024-03-12");
    assert_eq!(
        plain["authors"],
        serde_json::json!(["harbour-office@port.example"])
    );
    assert!(plain["body"].as_str().unwrap().contains("Jon Ødegård"));

    // A mailbox's messages are FILE:N; an escaped `>From ` line is read as written.
    let hits = ws.search_json(&["gull"]);
    assert_eq!(hits["total"], 1, "{hits}");
    assert_eq!(hits["hits"][0]["path"], "archive/box.mbox:1");
    let gulls = show(&ws, "box.mbox:1");
    assert_eq!(gulls["title"], "Notes on the gull survey");
    assert_eq!(gulls["authors"], serde_json::json!(["Ann Lee"]));
    let body = gulls["body"].as_str().unwrap();
    assert!(body.contains("\nFrom the boat, the colony"), "{body}");

    // The newsletter is found once, whichever file holds it.
    assert_eq!(ws.search_json(&["cormorants"])["total"], 1);
    // Unchanged files are not read again.
    let again = ws.ingest();
    assert!(again.stderr.contains("0 B read"), "{}", again.stderr);
}

#[test]
fn what_is_no_mail_is_skipped_by_name() {
    let ws = Workspace::empty();
    let archive = ws.archive();
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::write(
        archive.join("empty.mbox"),
        "just some text\nwith no separator\n",
    )
    .unwrap();
    std::fs::write(archive.join("notmail.eml"), "hello, this is not a message").unwrap();
    std::fs::write(
        archive.join("note.txt"),
        " date 2024-03-01 A note\n\nThe harbour council met on Friday.\n",
    )
    .unwrap();
    let run = ws.ingest();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "new"), 1, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "skipped"), 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("a mailbox without any message"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not a mail message"), "{}", run.stderr);
}

//! End-to-end tests of hostile saved pages and web archives (issue 33), each beside 50
//! ordinary articles that must stay indexed and searchable. The inputs are generated
//! here (their larger versions and the timing figures: `scripts/make_hostile.py`,
//! `scripts/hostile-figures.sh`).

mod common;

use std::io::Write;
use std::path::Path;

use common::{summary_count, Workspace};

/// Every kind of escape a saved page can try on a terminal: retitle (OSC 0), clipboard
/// (OSC 52), clear screen (CSI 2J), a C1 CSI, DEL, and bidirectional overrides.
const ESCAPES: &str =
    "\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}31m\u{7f}\u{202e}gnp.exe\u{2066}";

fn ordinary_articles(folder: &Path) {
    std::fs::create_dir_all(folder).unwrap();
    for i in 0..50 {
        let text = format!(
            " date 2024-03-{:02} Ordinary article {i} about the gannetry\n\nThe council met about the harbour ferry {i}.\n\nThe gannetry report was published.\n",
            1 + i % 28
        );
        std::fs::write(folder.join(format!("{i:03}_ordinary.txt")), text).unwrap();
    }
}

fn assert_ordinary_articles_found(ws: &Workspace) {
    let paths = ws.hit_paths(&["gannetry"]);
    let ordinary = paths.iter().filter(|p| p.contains("_ordinary")).count();
    assert_eq!(ordinary, 50, "{paths:?}");
}

/// Nothing a terminal would act on: no C0 control but line breaks and tabs, no DEL,
/// no C1 control, no bidirectional formatting character.
fn assert_harmless(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{what} printed {bad:?}:\n{text}");
}

fn hostile_page() -> String {
    format!(
        r#"<!doctype html><html><head><title>Harbour {ESCAPES} report</title>
<meta name="author" content="Ann {ESCAPES} Lee"><meta property="og:site_name" content="Site {ESCAPES}">
<link rel="canonical" href="https://news.example/a{ESCAPES}b">
<meta property="article:published_time" content="2024-03-05"></head><body><article>
<h1>Harbour {ESCAPES} report</h1><p>The gannetry harbour report {ESCAPES} was read by Maria {ESCAPES} Lopez
on Tuesday, and the ferry company said the new timetable starts in April.</p>
<p>More text about the harbour and the gannetry so that the page is an article.</p>
</article></body></html>"#
    )
}

#[test]
fn nothing_from_a_file_reaches_the_terminal_raw() {
    let ws = Workspace::empty();
    let archive = ws.archive();
    ordinary_articles(&archive);
    std::fs::write(archive.join("hostile.html"), hostile_page()).unwrap();
    // A damaged record whose header line, quoted in the warning, carries the escapes.
    let mut warc =
        format!("WARC/1.0\r\nWARC-Type: response\r\n{ESCAPES}\r\nContent-Length: 0\r\n\r\n")
            .into_bytes();
    warc.extend_from_slice(b"\r\n\r\n");
    std::fs::write(archive.join(format!("bad{ESCAPES}.warc")), warc).unwrap();

    let ingest = ws.run(&["ingest", "archive", "--verbose"]);
    assert_eq!(ingest.code, 0, "{}", ingest.stderr);
    assert_harmless("ingest", &ingest.stderr);
    assert!(ingest.stderr.contains("\\x1B]52;c;"), "{}", ingest.stderr);
    assert_ordinary_articles_found(&ws);

    for color in ["never", "always"] {
        for args in [
            &["search", "harbour report"][..],
            &["search", "gannetry", "--limit", "60"],
            &["show", "archive/hostile.html"],
            &["people", "gannetry"],
            &["stats"],
            &["search", "pwnd"],
        ] {
            let mut all = vec!["--color", color];
            all.extend_from_slice(args);
            let run = ws.run(&all);
            assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
            if color == "never" {
                assert_harmless(&format!("{args:?}"), &run.stdout);
            } else {
                // Colour adds morgue's own SGR sequences; nothing else.
                let without_colour = strip_sgr(&run.stdout);
                assert_harmless(&format!("{args:?} with colour"), &without_colour);
            }
            assert_harmless(&format!("{args:?} stderr"), &run.stderr);
        }
    }
    let shown = ws.run(&["show", "archive/hostile.html"]);
    assert!(
        shown.stdout.contains("Harbour \\x1B]0;pwned\\x07"),
        "{}",
        shown.stdout
    );

    // JSON stays valid, escapes what a terminal would act on, and parses to the text as
    // the page has it.
    let json = ws.run(&["show", "archive/hostile.html", "--json"]);
    assert_harmless("show --json", &json.stdout);
    let value = json.json();
    assert_eq!(value["title"], format!("Harbour {ESCAPES} report"));
    let search = ws.run(&["search", "harbour report", "--json"]);
    assert_harmless("search --json", &search.stdout);
    assert!(search.json()["hits"][0]["title"]
        .as_str()
        .unwrap()
        .contains(ESCAPES));
}

/// Morgue's own colour: `ESC [ digits/semicolons m`.
fn strip_sgr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let params = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[params..].starts_with('m') {
            rest = &after[params + 1..];
        } else {
            out.push_str(&rest[at..at + 2]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

fn response_record(uri: &str, http: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    record.extend_from_slice(http);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

#[test]
fn a_gzip_bomb_in_a_web_archive_is_counted_too_large_and_the_rest_is_indexed() {
    let ws = Workspace::empty();
    let archive = ws.archive();
    ordinary_articles(&archive);
    // A body that inflates to 64 MiB, gzipped again as the record's member: a few KB.
    let mut inflated = b"<!doctype html><title>bomb</title><p>".to_vec();
    inflated.resize(64 << 20, b'a');
    let mut http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    http.extend_from_slice(&gzip(&inflated));
    drop(inflated);
    let mut file = Vec::new();
    for i in 0..24 {
        file.extend(gzip(&response_record(
            &format!("https://bomb.example/{i}"),
            &http,
        )));
    }
    // And one ordinary page after the bombs.
    let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<!doctype html><title>After</title><article><p>The gannetry page after the bombs was read by the council on Tuesday.</p><p>It has a second paragraph about the harbour and the ferry.</p></article>";
    file.extend(gzip(&response_record("https://news.example/after", page)));
    assert!(file.len() < 1 << 20, "{}", file.len());
    std::fs::write(archive.join("bomb.warc.gz"), file).unwrap();

    let run = ws.ingest();
    assert!(
        run.stderr
            .contains("web archive records without an article: 24 too large"),
        "{}",
        run.stderr
    );
    assert_eq!(summary_count(&run.stderr, "new"), 51, "{}", run.stderr);
    assert_ordinary_articles_found(&ws);
    assert_eq!(ws.hit_paths(&["\"after the bombs\""]).len(), 1);
}

#[test]
fn titles_authors_and_sites_are_bounded_and_the_body_is_not() {
    let ws = Workspace::empty();
    let archive = ws.archive();
    ordinary_articles(&archive);
    let title = "Headline ".repeat(200_000);
    let page = format!(
        r#"<!doctype html><html><head><title>{title}</title><meta name="author" content="{}">
<meta property="og:site_name" content="{}"></head><body><article><p>The gannetry harbour report was read
by the council on Tuesday, and the ferry company said the timetable starts in April.</p>
<p>{}</p></article></body></html>"#,
        "Ann ".repeat(50_000),
        "Site ".repeat(50_000),
        "Paragraph words of the long body. ".repeat(20_000)
    );
    std::fs::write(archive.join("long.html"), page).unwrap();
    ws.ingest();
    let shown = ws.run(&["show", "archive/long.html", "--json"]).json();
    let chars = |key: &str| shown[key].as_str().unwrap().chars().count();
    assert!(chars("title") <= 301, "{}", chars("title"));
    assert!(shown["title"].as_str().unwrap().ends_with('\u{2026}'));
    assert!(chars("site") <= 121);
    assert!(shown["authors"][0].as_str().unwrap().chars().count() <= 121);
    assert!(chars("body") > 600_000, "{}", chars("body"));
    let search = ws.run(&["search", "gannetry", "--limit", "60"]);
    assert!(search.stdout.len() < 100_000, "{}", search.stdout.len());
    assert_ordinary_articles_found(&ws);
}

/// Documents in the index's last commit, from its `meta.json`.
fn committed_documents(index: &Path) -> u64 {
    let Ok(text) = std::fs::read_to_string(index.join("meta.json")) else {
        return 0;
    };
    let Ok(meta) = serde_json::from_str::<serde_json::Value>(&text) else {
        return 0;
    };
    meta["segments"].as_array().map_or(0, |segments| {
        segments
            .iter()
            .map(|s| s["max_doc"].as_u64().unwrap_or(0))
            .sum()
    })
}

fn crawl_of(pages: usize) -> Vec<u8> {
    let mut file = Vec::new();
    for i in 0..pages {
        let page = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<!doctype html><title>Crawled page {i}</title><article><p>The crawled harbour page number {i} was read by the council on Tuesday.</p><p>Its second paragraph names the ferry zq{i}x and the tide.</p></article>"
        );
        file.extend(gzip(&response_record(
            &format!("https://crawl.example/{i}"),
            page.as_bytes(),
        )));
    }
    file
}

#[test]
fn a_killed_ingest_keeps_what_it_committed_inside_a_web_archive_and_the_next_converges() {
    const PAGES: usize = 3000;
    let ws = Workspace::empty();
    let archive = ws.archive();
    ordinary_articles(&archive);
    std::fs::write(archive.join("crawl.warc.gz"), crawl_of(PAGES)).unwrap();

    let mut child = std::process::Command::new(common::BIN)
        .current_dir(ws.dir.path())
        .arg("--index")
        .arg(ws.index())
        .args(["ingest", "archive", "--quiet", "--commit-interval", "0"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Killed as soon as a commit inside the archive holds records of it.
    let mut killed = false;
    for _ in 0..6000 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if committed_documents(&ws.index()) > 300 {
            child.kill().unwrap();
            killed = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let _ = child.wait();
    assert!(
        killed,
        "the ingest ended before it could be stopped inside the archive"
    );

    let kept = ws.search_json(&["crawled harbour", "--limit", "1"])["total"]
        .as_u64()
        .unwrap();
    assert!(kept > 0 && kept < PAGES as u64, "{kept} records kept");

    // The next ingest reads the archive again and ends where an uninterrupted one does.
    let again = ws.ingest();
    assert!(again.stderr.contains(" updated"), "{}", again.stderr);
    let all = ws.search_json(&["crawled harbour", "--limit", "1"]);
    assert_eq!(all["total"], PAGES as u64);
    assert_ordinary_articles_found(&ws);
    let third = ws.ingest();
    assert_eq!(summary_count(&third.stderr, "new"), 0, "{}", third.stderr);
    assert_eq!(
        summary_count(&third.stderr, "updated"),
        0,
        "{}",
        third.stderr
    );
    let shown = ws.run(&["show", "archive/crawl.warc.gz#0", "--json"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
}

fn get(url: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(std::time::Duration::from_secs(60)))
        .build()
        .into();
    let mut response = agent
        .get(url)
        .call()
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_string()
        .unwrap();
    (status, body)
}

#[test]
fn the_page_of_a_very_long_article_shows_its_start_and_links_the_whole_text() {
    let ws = Workspace::empty();
    let archive = ws.archive();
    ordinary_articles(&archive);
    let paragraph = "The ferry council met in the harbour and Maria Lopez read the gannetry report on 3 May 2024. ".repeat(10);
    let mut text = " date 2024-05-05 A very long report\n\n".to_owned();
    while text.len() < 3 << 20 {
        text.push_str(&paragraph);
        text.push_str("\n\n");
    }
    text.push_str("The last words are zyzzyva.\n");
    std::fs::write(archive.join("long.txt"), &text).unwrap();
    ws.ingest();
    let hit = ws.search_json(&["zyzzyva"]);
    let id = hit["hits"][0]["id"].as_str().unwrap().to_owned();

    let server = common::Server::start(&ws);
    let (status, page) = get(&format!("{}/articles/{id}", server.url));
    assert_eq!(status, 200);
    assert!(page.len() < 2 << 20, "{} bytes", page.len());
    assert!(page.contains("the page shows the first"), "no note");
    assert!(page.contains(&format!("/articles/{id}/text")));
    assert!(!page.contains("zyzzyva"));
    let (status, whole) = get(&format!("{}/articles/{id}/text", server.url));
    assert_eq!(status, 200);
    assert!(
        whole.ends_with("The last words are zyzzyva."),
        "{}",
        &whole[whole.len() - 80..]
    );
    assert!(whole.len() > 3_000_000, "{}", whole.len());
    let (status, _) = get(&format!("{}/articles/{}/text", server.url, "0".repeat(32)));
    assert_eq!(status, 404);
    // An ordinary article's page is whole, without the note.
    let short = ws.search_json(&["\"ordinary article 7\""]);
    let short_id = short["hits"][0]["id"].as_str().unwrap();
    let (_, page) = get(&format!("{}/articles/{short_id}", server.url));
    assert!(!page.contains("the page shows the first"));
}

#[test]
fn tag_soup_that_nests_without_end_is_read_and_the_rest_is_indexed() {
    let ws = Workspace::empty();
    let archive = ws.archive();
    ordinary_articles(&archive);
    let soup = format!(
        "<!doctype html><title>Soup</title><body>{}<p>The gannetry soup page ends with a sentence about the harbour council.</p>",
        "<div></x>".repeat(20_000)
    );
    std::fs::write(archive.join("soup.html"), soup).unwrap();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 51, "{}", run.stderr);
    assert_ordinary_articles_found(&ws);
    assert_eq!(ws.hit_paths(&["\"soup page ends\""]), ["soup.html"]);
}

/// A text far longer than an article (a one-line dump, a book) is read a window at a
/// time: people and dates near its end are found as near its start, and searchable.
#[test]
fn a_very_long_one_line_text_has_its_people_and_dates_found_to_the_end() {
    let ws = Workspace::empty();
    let archive = ws.archive();
    ordinary_articles(&archive);
    let filler = "The ferry council met in the harbour and the report was read. ".repeat(60_000);
    let page = format!(
        "<!doctype html><title>One line</title><body><article><p>{filler}Steve Witkoff said on March 3, 2025 that the gannetry talks would go on. {filler}</p></article></body>"
    );
    assert!(page.len() > 7_000_000);
    std::fs::write(archive.join("one-line.html"), page).unwrap();
    let run = ws.ingest();
    assert_eq!(summary_count(&run.stderr, "new"), 51, "{}", run.stderr);
    assert_ordinary_articles_found(&ws);
    let person = ws.hit_paths(&["person:\"Steve Witkoff\""]);
    assert_eq!(person, ["one-line.html"]);
    let mentioned = ws.hit_paths(&["--mentions", "2025-03-03", "harbour"]);
    assert_eq!(mentioned, ["one-line.html"]);
}

/// Issue 35's bad input: a 5 MB article that is one table of figures and month
/// abbreviations, a list of 20,000 names, a name of 10,000 characters. Read without harm:
/// the table gives no date, the giant name no person, and the rest is indexed.
#[test]
fn a_table_of_figures_a_list_of_names_and_a_giant_name_give_nothing_false() {
    let ws = Workspace::empty();
    let archive = ws.archive();
    ordinary_articles(&archive);
    let months = ["Jan", "Mar", "May", "Jul", "Sep", "Dec"];
    let mut table = String::from(" date 1987-06-29 SUGAR POSITIONS\n\n");
    let mut row = 0u64;
    while table.len() < 5_000_000 {
        let figure = 1000 + (row * 7919) % 9000;
        table.push_str(&format!("{} {figure}\n\n", months[(row % 6) as usize]));
        row += 1;
    }
    std::fs::write(archive.join("table.txt"), table).unwrap();
    let mut names = String::from(" date 2024-03-05 Delegates\n\nThe delegates were ");
    for i in 0..20_000 {
        names.push_str(&format!("Anna Delegate{i}, "));
    }
    names.push_str("and the chair.\n");
    std::fs::write(archive.join("names.txt"), names).unwrap();
    let giant = format!(
        " date 2024-03-05 A long name\n\nThe council heard Mr {} say the gannetry report was late.\n",
        "Abcdefghij".repeat(1_000)
    );
    std::fs::write(archive.join("giant.txt"), giant).unwrap();
    let run = ws.ingest();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "new"), 53, "{}", run.stderr);
    assert_ordinary_articles_found(&ws);
    let table = ws.run(&["show", "archive/table.txt", "--json"]).json();
    assert_eq!(
        table["dates_mentioned"],
        serde_json::json!([]),
        "a table of figures mentions no date"
    );
    let giant = ws.run(&["show", "archive/giant.txt", "--json"]).json();
    assert_eq!(giant["people"], serde_json::json!([]), "{giant}");
    let names = ws.run(&["show", "archive/names.txt", "--json"]).json();
    let people = names["people"].as_array().unwrap();
    assert!(people
        .iter()
        .all(|p| p.as_str().unwrap().starts_with("Anna Delegate")));
}

/// A `<meta http-equiv="Content-Type">` whose content ends in the word "charset" (plain or
/// as character references) made html5ever 0.39 index past the end and abort the whole
/// ingest (found by the fuzzer). The page is now skipped by name and the rest indexed.
#[test]
fn a_page_that_stops_the_html_parser_is_skipped_and_the_rest_is_indexed() {
    let ws = Workspace::empty();
    let archive = ws.archive();
    ordinary_articles(&archive);
    for (name, content) in [
        ("plain.html", "text/html; charset"),
        ("refs.html", "text/html; &#99;harset  "),
    ] {
        let page = format!(
            r#"<html><head><meta http-equiv="Content-Type" content="{content}"><title>T</title></head><body><article><p>The harbour ferry returned to the island on Monday after a long winter refit in dry dock.</p></article></body></html>"#
        );
        std::fs::write(archive.join(name), page).unwrap();
    }
    let run = ws.ingest();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(summary_count(&run.stderr, "skipped"), 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("the HTML parser stopped on this page"),
        "{}",
        run.stderr
    );
    assert_ordinary_articles_found(&ws);
}

//! End-to-end: `morgue ingest` on saved pages of tag soup made to be slow to parse
//! (issue 33), beside ordinary articles. Each soup is repeated to about half a
//! megabyte, where a quadratic parse takes minutes and a linear one a second: the
//! test does not time anything, but a regression shows as a test that hangs. What
//! it checks is that every page is read and found by what it is about, and the
//! ordinary articles indexed and searchable.

mod common;

use std::io::Write;

use common::{summary_count, Workspace};

/// Each soup is repeated to about this many bytes.
const SOUP_BYTES: usize = 500_000;

/// The tag soups, each named by the bird its page is about.
const SOUPS: &[(&str, &str)] = &[
    // End tags that close nothing: the tree nests one level a repeat.
    ("gannet", "<div></x>"),
    ("fulmar", "<div></p>"),
    ("puffin", "<div/>"),
    // Elements that close their own kind, where they cannot.
    ("razorbill", "<li><dd>x"),
    ("guillemot", "<optgroup>"),
    ("kittiwake", "<rb>x"),
    ("skua", "<h1><span><h2>x"),
    // Raw text and quotes that hide end tags.
    ("tern", "<div><noscript></div></noscript>"),
    ("cormorant", r#"<span x="></span>">"#),
    // Formatting elements: misnested, reopened, unclosed.
    ("eider", "<b><i></b></i>"),
    ("scoter", "<p><b class=c>x</p><p><i id=d>y</p>"),
    ("merganser", "<a href=x>t"),
    ("grebe", "<b><div>x</b>"),
    ("plover", "<p>x"),
    // Tables: text and tags straight in them, nested, cells that leave markers.
    ("dunlin", "<table>x<b>y"),
    ("sanderling", "<table><tr><td>"),
    ("turnstone", "<td><object><tr>"),
    ("curlew", "<table><colgroup>x"),
    ("whimbrel", "<select><option>x<optgroup>"),
    ("godwit", "<button><p>x"),
    ("redshank", "<form><div>x"),
    // Our own stages: marked bodies, lines, stray brackets.
    ("greenshank", "<div class=article-body>x</div>"),
    ("avocet", "x<br>"),
    ("lapwing", "<<<<<"),
];

/// A page about `bird`, with `soup` in the middle of its article.
fn page(bird: &str, soup: &str) -> String {
    let text = format!(
        "<p>The {bird} returned to the harbour wall at Port Ellery this spring, the warden said on Monday, in larger numbers than in any year since the survey began.</p>"
    );
    format!(
        "<html><head><title>The {bird} returns</title></head><body><article>{text}{}{text}</article></body></html>",
        soup.repeat(SOUP_BYTES / soup.len())
    )
}

/// Ordinary articles: a date line, then the text.
const ARTICLES: &[(&str, &str)] = &[
    ("ferry.txt", " date 2024-05-02 FERRY CREWS RETURN\n\nFerry crews at Port Ellery returned to work on Thursday after a strike about the harbour dues.\n"),
    ("lighthouse.txt", " date 2024-05-03 LIGHTHOUSE REPAIRED\n\nThe lighthouse keeper said the lamp of the old tower was lit again after the repairs.\n"),
    ("regatta.txt", " date 2024-05-04 REGATTA POSTPONED\n\nThe regatta was postponed by a week because of the gales, the club secretary said.\n"),
];

/// A gzipped web archive of one response record per page.
fn web_archive(pages: &[(&str, String)]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for (i, (name, html)) in pages.iter().enumerate() {
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
            html.len()
        );
        let head = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://soup.example/{name}\r\nWARC-Date: 2024-05-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        );
        gz.write_all(head.as_bytes()).unwrap();
        gz.write_all(http.as_bytes()).unwrap();
        gz.write_all(b"\r\n\r\n").unwrap();
    }
    gz.finish().unwrap()
}

#[test]
fn tag_soup_pages_are_read_and_the_rest_is_indexed() {
    let ws = Workspace::empty();
    let archive = ws.archive();
    std::fs::create_dir_all(archive.join("soup")).unwrap();
    for (bird, soup) in SOUPS {
        std::fs::write(archive.join(format!("soup/{bird}.html")), page(bird, soup)).unwrap();
    }
    // The archive of issue 33: a few kilobytes of gzip that stalled an ingest.
    let crawled = [
        ("oystercatcher", page("oystercatcher", "<div></x>")),
        ("snipe", page("snipe", "<li><dd>x")),
    ];
    std::fs::write(archive.join("crawl.warc.gz"), web_archive(&crawled)).unwrap();
    for (name, text) in ARTICLES {
        std::fs::write(archive.join(name), text).unwrap();
    }

    let run = ws.ingest();
    let pages = SOUPS.len() + crawled.len();
    assert_eq!(
        summary_count(&run.stderr, "new"),
        pages + ARTICLES.len(),
        "{}",
        run.stderr
    );
    for (word, file) in [
        ("ferry", "ferry.txt"),
        ("lighthouse", "lighthouse.txt"),
        ("regatta", "regatta.txt"),
    ] {
        assert_eq!(ws.hit_paths(&[word]), [file], "{word}");
    }
    for (bird, _) in SOUPS {
        assert_eq!(
            ws.hit_paths(&[bird]),
            [format!("soup/{bird}.html")],
            "{bird}"
        );
    }
    for (bird, _) in &crawled {
        let hits = ws.hit_paths(&[bird]);
        assert_eq!(hits.len(), 1, "{bird}: {hits:?}");
        assert!(hits[0].starts_with("crawl.warc.gz#"), "{bird}: {hits:?}");
    }
}

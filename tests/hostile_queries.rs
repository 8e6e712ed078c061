//! Regression tests for queries built to hurt: each is refused with exit 2 (or 400) and a
//! one-line reason, or answered; none may crash the process (issue #11).

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;

use common::{ingested, Server};

/// Refused with status 2, one line on stderr containing `reason`, and no panic.
fn refused(args: &[&str], reason: &str) {
    let run = ingested().run(args);
    let shown: Vec<&str> = args.iter().map(|a| &a[..a.len().min(60)]).collect();
    assert_eq!(run.code, 2, "{shown:?}: {}", run.stderr);
    let first_line = run.stderr.lines().next().unwrap_or_default();
    assert!(first_line.contains(reason), "{shown:?}: {}", run.stderr);
    assert!(first_line.len() < 400, "{first_line}");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

fn nested(depth: usize) -> String {
    format!("{}ferry{}", "(".repeat(depth), ")".repeat(depth))
}

#[test]
fn deep_parentheses_are_refused_not_a_stack_overflow() {
    let deep = nested(3000);
    for command in ["search", "people", "timeline"] {
        refused(&[command, &deep], "nested more than 32 deep");
    }
    // Within the bound it is a search like any other.
    assert_eq!(ingested().run(&["search", &nested(32)]).code, 0);
}

#[test]
fn huge_and_wide_queries_are_refused() {
    let long = "ferry ".repeat(4000);
    refused(&["search", &long], "the limit is 16384");
    let words: Vec<String> = (0..1100).map(|i| format!("w{i}")).collect();
    let wide = words.join(" OR ");
    refused(&["search", &wide], "more than 1024 words");
    refused(&["search", "f*"], "at least 2 letters");
    let prefixes: Vec<String> = (0..17).map(|i| format!("fe{i}*")).collect();
    let prefixes = prefixes.join(" OR ");
    refused(&["search", &prefixes], "more than 16 prefix");
}

#[test]
fn an_unknown_field_is_a_bad_query_naming_the_fields() {
    refused(
        &["search", "nosuch:thing"],
        "there is no field \"nosuch\"; the fields are title",
    );
    // A time or a ratio is text, not a field.
    assert_ne!(ingested().run(&["search", "10:30"]).code, 2);
}

#[test]
fn offset_and_limit_have_the_api_bound() {
    refused(
        &["search", "ferry", "--offset", "18446744073709551615"],
        "at most 9223372036854775807",
    );
    let past_the_end = ingested().run(&["search", "ferry", "--offset", "9223372036854775807"]);
    assert_eq!(past_the_end.code, 0, "{}", past_the_end.stderr);
    let huge_limit = ingested().run(&["search", "ferry", "--limit", "1000000000"]);
    assert_eq!(huge_limit.code, 0, "{}", huge_limit.stderr);
}

#[test]
fn many_unknown_words_are_not_retried_as_typos() {
    let words: Vec<String> = (0..9).map(|i| format!("zqxv{i}wkj")).collect();
    let run = ingested().run(&["search", &words.join(" OR ")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("close matches"), "{}", run.stderr);
    // One misspelt word still is.
    let run = ingested().run(&["search", "gannnet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("close matches"), "{}", run.stderr);
}

/// The status code of a GET, over a bare socket so the URL goes out exactly as written.
fn status_of(server: &Server, path: &str) -> u16 {
    let address = server.url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    reply
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {reply:?}"))
}

#[test]
fn one_request_cannot_stop_the_server() {
    let server = Server::start(ingested());
    let deep = format!("{}ferry{}", "%28".repeat(1000), "%29".repeat(1000));
    for endpoint in ["/api/search", "/api/people", "/api/timeline", "/"] {
        assert_eq!(
            status_of(&server, &format!("{endpoint}?q={deep}")),
            400,
            "{endpoint}"
        );
    }
    assert_eq!(status_of(&server, "/api/search?q=nosuch:thing"), 400);
    // Still serving.
    assert_eq!(status_of(&server, "/api/search?q=ferry"), 200);
}

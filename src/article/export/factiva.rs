//! Factiva exports (`.html`, `.rtf`, `.txt` in its "article format"): each article ends
//! at its document id line; what follows the last (a search summary) is no article:
//!
//! ```text
//! Ferry timetable changes in April          headline (the line before the byline)
//! By Ann Lee                                byline (optional)
//! 523 words                                 word count: where the header is found from
//! 5 March 2024                              date
//! 09:30                                     time (optional)
//! The Harbour Gazette                       publication
//! HARBGZ                                    its code
//! English                                   language
//! (c) 2024 Harbour Press                    copyright
//! body paragraphs …
//! Document HARBGZ0020240305ek3500001
//! ```
//!
//! Anything before the headline in an article's part (a file's title, a table of
//! contents) is dropped.

use std::sync::LazyLock;

use regex::Regex;

use super::{is_copyright, is_date_line, is_factiva_separator, is_word_count, joined, Record};

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)\d{1,2}:\d{2}(:\d{2})?(\s*[ap]\.?m\.?)?(\s+[a-z]{1,5})?$")
        .expect("a valid regex")
});
static SOURCE_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z0-9]{2,12}$").expect("a valid regex"));

pub(super) fn records(lines: &[&str]) -> Vec<Record> {
    let mut out = Vec::new();
    let mut start = 0;
    for (index, line) in lines.iter().enumerate() {
        if is_factiva_separator(line.trim()) {
            out.push(record(lines, start, index));
            start = index + 1;
        }
    }
    out
}

/// A language as Factiva names it: one word in letters.
fn is_language(line: &str) -> bool {
    (2..=16).contains(&line.len()) && line.chars().all(char::is_alphabetic)
}

fn record(lines: &[&str], from: usize, to: usize) -> Record {
    let nonblank: Vec<usize> = (from..to)
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let line = |k: usize| lines[nonblank[k]].trim();
    let mut record = Record::default();
    let Some(count_at) = (0..nonblank.len()).find(|&k| is_word_count(line(k))) else {
        // No header found: the first line is the headline, the rest the body.
        if let Some(&first) = nonblank.first() {
            record.headline = Some(lines[first].trim().to_owned());
            record.body = joined(lines, first + 1, to);
        }
        return record;
    };
    let mut headline_at = count_at.checked_sub(1);
    if let Some(byline_at) = headline_at.filter(|&k| line(k).starts_with("By ")) {
        record.byline = Some(line(byline_at).to_owned());
        headline_at = byline_at.checked_sub(1);
    }
    record.headline = headline_at.map(|k| line(k).to_owned());
    let mut k = count_at + 1;
    if k < nonblank.len() && is_date_line(line(k)) {
        record.date = Some(line(k).to_owned());
        k += 1;
    }
    if k < nonblank.len() && TIME.is_match(line(k)) {
        k += 1;
    }
    if k < nonblank.len() && !is_copyright(line(k)) {
        record.publication = Some(line(k).to_owned());
        k += 1;
    }
    // The code, language and copyright, whichever are there, in this order.
    if k < nonblank.len() && SOURCE_CODE.is_match(line(k)) {
        k += 1;
    }
    if k < nonblank.len() && is_language(line(k)) {
        k += 1;
    }
    while k < nonblank.len() && is_copyright(line(k)) {
        k += 1;
    }
    if let Some(&body_start) = nonblank.get(k) {
        record.body = joined(lines, body_start, to);
    }
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = "Ferry timetable changes in April
By Ann Lee
12 words
5 March 2024
09:30
The Harbour Gazette
HARBGZ
English
(c) 2024 Harbour Press. All Rights Reserved.

The ferry company said the new timetable starts in April.

Fares stay the same.

Document HARBGZ0020240305ek3500001

Council meets
3 words
6 March 2024
The Wire
English
The council met.
Document WIRE000020240306ek3600002

Search Summary
Text: harbour
";

    #[test]
    fn articles_with_their_header() {
        let lines: Vec<&str> = EXPORT.lines().collect();
        let records = records(&lines);
        assert_eq!(records.len(), 2);
        let first = &records[0];
        assert_eq!(
            first.headline.as_deref(),
            Some("Ferry timetable changes in April")
        );
        assert_eq!(first.byline.as_deref(), Some("By Ann Lee"));
        assert_eq!(first.date.as_deref(), Some("5 March 2024"));
        assert_eq!(first.publication.as_deref(), Some("The Harbour Gazette"));
        assert_eq!(
            first.body.trim(),
            "The ferry company said the new timetable starts in April.\n\nFares stay the same."
        );
        let second = &records[1];
        assert_eq!(second.headline.as_deref(), Some("Council meets"));
        assert_eq!(second.byline, None);
        assert_eq!(second.publication.as_deref(), Some("The Wire"));
        assert_eq!(second.body.trim(), "The council met.");
    }
}

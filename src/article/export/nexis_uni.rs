//! Nexis Uni exports (`.docx`, and the same layout as text or HTML): each article ends at
//! a line `End of Document`; the first is preceded by the file's cover page (date and
//! time, job number, search terms, a list of titles), which is no article:
//!
//! ```text
//! Ferry timetable changes in April              title
//! The Harbour Gazette                           publication
//! March 5, 2024 Tuesday 9:20 AM GMT             date line
//! Copyright 2024 Harbour Press                  (optional)
//! Section: NEWS; Pg. 4                          keys: Section, Length, Byline, Dateline,
//! Length: 523 words                             Highlight (a no-break space after the colon)
//! Byline: Ann Lee
//! Body
//! body paragraphs …
//! Graphic / Classification / Notes              sections after the body: not body
//! Load-Date: March 6, 2024
//! End of Document
//! ```
//!
//! The title, publication and date are found back from the first key line, so the cover
//! page before them is dropped however long it is.

use super::{is_copyright, is_date_line, is_nexis_uni_separator, joined, keyed, Record};

/// The keys Nexis Uni writes between the date line and `Body`.
const HEADER_KEYS: [&str; 7] = [
    "Section",
    "Length",
    "Byline",
    "Dateline",
    "Highlight",
    "Edition",
    "Author",
];

/// `Length: 523 words`.
pub(super) fn is_length_line(line: &str) -> bool {
    keyed(line, "Length").is_some_and(|value| value.ends_with("words"))
}

pub(super) fn records(lines: &[&str]) -> Vec<Record> {
    let mut out = Vec::new();
    let mut start = 0;
    for (index, line) in lines.iter().enumerate() {
        if is_nexis_uni_separator(line.trim()) {
            out.push(record(lines, start, index));
            start = index + 1;
        }
    }
    // What follows the last `End of Document` is an article only if it has a body.
    if lines[start..].iter().any(|line| line.trim() == "Body") {
        out.push(record(lines, start, lines.len()));
    }
    out
}

fn is_header_line(line: &str) -> bool {
    HEADER_KEYS.iter().any(|key| keyed(line, key).is_some()) || is_copyright(line)
}

/// A heading that opens a section after the body.
fn ends_body(line: &str) -> bool {
    matches!(line, "Classification" | "Graphic" | "Notes" | "Load-Date")
        || keyed(line, "Load-Date").is_some()
}

fn record(lines: &[&str], from: usize, to: usize) -> Record {
    let nonblank: Vec<usize> = (from..to)
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let line = |i: usize| lines[i].trim();
    let body_heading = nonblank.iter().position(|&i| line(i) == "Body");
    let header_end = body_heading.unwrap_or(nonblank.len());
    let first_key = nonblank[..header_end]
        .iter()
        .position(|&i| is_header_line(line(i)));
    let mut record = Record::default();
    // Title, publication and date: the lines before the first key line.
    let before_keys = first_key.unwrap_or(header_end.min(3));
    let date_at = (before_keys.saturating_sub(3)..before_keys)
        .rev()
        .find(|&k| is_date_line(line(nonblank[k])));
    if let Some(date_at) = date_at {
        record.date = Some(line(nonblank[date_at]).to_owned());
        if date_at >= 1 {
            record.publication = Some(line(nonblank[date_at - 1]).to_owned());
        }
        if date_at >= 2 {
            record.headline = Some(line(nonblank[date_at - 2]).to_owned());
        }
    } else if before_keys >= 1 {
        record.headline = Some(line(nonblank[before_keys.saturating_sub(2)]).to_owned());
        if before_keys >= 2 {
            record.publication = Some(line(nonblank[before_keys - 1]).to_owned());
        }
    }
    let keys_from = first_key.unwrap_or(before_keys);
    let mut body_from = keys_from;
    for (k, &i) in nonblank.iter().enumerate().take(header_end).skip(keys_from) {
        let text = line(i);
        if !is_header_line(text) {
            break;
        }
        if let Some(byline) = keyed(text, "Byline").or_else(|| keyed(text, "Author")) {
            record.byline = Some(byline.to_owned());
        }
        body_from = k + 1;
    }
    let body_start = match body_heading {
        Some(heading) => nonblank[heading] + 1,
        None => nonblank.get(body_from).copied().unwrap_or(to),
    };
    let body_end = (body_start..to).find(|&i| ends_body(line(i))).unwrap_or(to);
    record.body = joined(lines, body_start, body_end);
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = "Date and Time: Friday, 5. July 2019 09:31:00 CEST
Job Number: 1
Documents (2)
1. Ferry timetable changes in April
Search Terms: harbour

Ferry timetable changes in April
The Harbour Gazette
March 5, 2024 Tuesday 9:20 AM GMT

Copyright 2024 Harbour Press All Rights Reserved

Section:\u{a0}NEWS; Version:2
Length:\u{a0}12 words
Byline:\u{a0}Ann Lee
Body


The ferry company said the new timetable starts in April.

Fares stay the same.

Classification
Language:\u{a0}ENGLISH
Load-Date:\u{a0}March 6, 2024

End of Document

Council meets
The Wire
March 6, 2024
Length:\u{a0}3 words
Body
The council met.
Load-Date:\u{a0}March 7, 2024
End of Document
";

    #[test]
    fn articles_after_the_cover_page() {
        let lines: Vec<&str> = EXPORT.lines().collect();
        let records = records(&lines);
        assert_eq!(records.len(), 2);
        let first = &records[0];
        assert_eq!(
            first.headline.as_deref(),
            Some("Ferry timetable changes in April")
        );
        assert_eq!(first.publication.as_deref(), Some("The Harbour Gazette"));
        assert_eq!(
            first.date.as_deref(),
            Some("March 5, 2024 Tuesday 9:20 AM GMT")
        );
        assert_eq!(first.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(
            first.body.trim(),
            "The ferry company said the new timetable starts in April.\n\nFares stay the same."
        );
        let second = &records[1];
        assert_eq!(second.headline.as_deref(), Some("Council meets"));
        assert_eq!(second.body.trim(), "The council met.");
    }

    #[test]
    fn odd_segments_do_not_panic() {
        for text in [
            "End of Document",
            "Body\nEnd of Document",
            "x\nBody",
            "Length: 3 words\n",
        ] {
            let lines: Vec<&str> = text.lines().collect();
            let _ = records(&lines);
        }
    }
}

//! Classic LexisNexis exports (the `.txt`/`.html`/`.doc` of LexisNexis Academic): each
//! article opens with a `N of M DOCUMENTS` line; what comes before the first (the request,
//! the search terms) is no article. Inside an article, read by paragraphs (runs of
//! non-blank lines):
//!
//! ```text
//!                               1 of 10 DOCUMENTS
//!                        Copyright 2024 Harbour Press        (optional, or at the end)
//!                              The Harbour Gazette           publication
//!                            March 5, 2024 Tuesday           date line
//!                               Final Edition                edition (optional)
//! Ferry timetable changes in April                           headline
//! BYLINE: Ann Lee                                            header keys: BYLINE, SECTION,
//! LENGTH: 523 words                                          LENGTH, DATELINE, HIGHLIGHT …
//! body paragraphs …
//! LOAD-DATE: March 6, 2024                                   trailing keys in capitals
//! LANGUAGE: ENGLISH                                          and copyright notices: not body
//! ```

use super::{is_copyright, is_date_line, is_lexis_separator, joined, keyed, Record};

/// The keys LexisNexis writes between the headline and the body.
const HEADER_KEYS: [&str; 12] = [
    "BYLINE",
    "SECTION",
    "LENGTH",
    "DATELINE",
    "HIGHLIGHT",
    "COLUMN",
    "SOURCE",
    "EDITION",
    "TYPE",
    "SERIES",
    "DESK",
    "BODY",
];

/// A run of non-blank lines: the index of its first line and one past its last.
#[derive(Debug, Clone, Copy)]
struct Paragraph {
    start: usize,
    end: usize,
}

pub(super) fn records(lines: &[&str]) -> Vec<Record> {
    let separators: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| is_lexis_separator(line.trim()))
        .map(|(index, _)| index)
        .collect();
    separators
        .iter()
        .enumerate()
        .map(|(at, &start)| {
            let end = separators.get(at + 1).copied().unwrap_or(lines.len());
            record(lines, start + 1, end)
        })
        .collect()
}

fn paragraphs(lines: &[&str], from: usize, to: usize) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut start = None;
    for (index, line) in lines.iter().enumerate().take(to).skip(from) {
        match (line.trim().is_empty(), start) {
            (false, None) => start = Some(index),
            (true, Some(first)) => {
                out.push(Paragraph {
                    start: first,
                    end: index,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(first) = start {
        out.push(Paragraph {
            start: first,
            end: to,
        });
    }
    out
}

/// A paragraph's lines on one line.
fn flat(lines: &[&str], paragraph: Paragraph) -> String {
    lines[paragraph.start..paragraph.end]
        .iter()
        .map(|line| line.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

fn first_line<'l>(lines: &[&'l str], paragraph: Paragraph) -> &'l str {
    lines[paragraph.start].trim()
}

fn header_key(line: &str) -> Option<&'static str> {
    HEADER_KEYS
        .iter()
        .find(|key| keyed(line, key).is_some() && line.starts_with(**key))
        .copied()
}

/// A trailing metadata line: a key in capitals and hyphens, a colon (`LOAD-DATE:`,
/// `PUBLICATION-TYPE:`, `GRAPHIC:`), or a copyright notice.
fn is_trailer(line: &str) -> bool {
    if is_copyright(line) {
        return true;
    }
    let Some((key, _)) = line.split_once(':') else {
        return false;
    };
    (2..=32).contains(&key.len())
        && key.starts_with(|c: char| c.is_ascii_uppercase())
        && key
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '-' || c == ' ')
}

fn record(lines: &[&str], from: usize, to: usize) -> Record {
    let paragraphs = paragraphs(lines, from, to);
    let mut at = 0;
    while paragraphs
        .get(at)
        .is_some_and(|p| is_copyright(first_line(lines, *p)))
    {
        at += 1;
    }
    let mut record = Record::default();
    let header_start = paragraphs[at..]
        .iter()
        .position(|p| header_key(first_line(lines, *p)).is_some())
        .map(|found| at + found);
    // The publication is the first line, the date the first date line among the first
    // four (an edition may share the date's paragraph).
    let header = header_start.unwrap_or(paragraphs.len());
    let top: Vec<(usize, &str)> = (at..header)
        .flat_map(|p| {
            lines[paragraphs[p].start..paragraphs[p].end]
                .iter()
                .map(move |line| (p, line.trim()))
        })
        .take(4)
        .collect();
    let date_at = top.iter().position(|(_, line)| is_date_line(line));
    if let Some(found) = date_at {
        record.date = Some(top[found].1.to_owned());
    }
    if let Some(&(_, first)) = top.first().filter(|_| date_at != Some(0)) {
        record.publication = Some(first.to_owned());
    }
    // The paragraph the top ends in: the date's, else the publication's.
    let top_end = match date_at {
        Some(found) => top[found].0 + 1,
        None => top.first().map_or(at, |&(p, _)| p + 1),
    };
    let body_start = match header_start {
        Some(header) => {
            // The headline is the paragraph just before the header keys; any between the
            // date and it are editions.
            if header > top_end {
                record.headline = Some(flat(lines, paragraphs[header - 1]));
            }
            let mut next = header;
            while let Some(p) = paragraphs.get(next) {
                let line = first_line(lines, *p);
                let Some(key) = header_key(line) else { break };
                if key == "BYLINE" {
                    record.byline = keyed(&flat(lines, *p), key).map(str::to_owned);
                }
                next += 1;
            }
            next
        }
        None => {
            if let Some(headline) = paragraphs.get(top_end) {
                record.headline = Some(flat(lines, *headline));
            }
            top_end + 1
        }
    };
    // The trailer opens with `LOAD-DATE:` where there is one (a caption paragraph inside
    // it, after `GRAPHIC:`, is no key line); else it is the run of key lines and notices
    // at the end.
    let load_date = (body_start..paragraphs.len())
        .find(|&p| keyed(first_line(lines, paragraphs[p]), "LOAD-DATE").is_some());
    let mut body_end = load_date.unwrap_or(paragraphs.len());
    while body_end > body_start && is_trailer(first_line(lines, paragraphs[body_end - 1])) {
        body_end -= 1;
    }
    for paragraph in paragraphs.iter().skip(body_end) {
        if let Some(url) = keyed(&flat(lines, *paragraph), "URL") {
            record.url = Some(url.to_owned());
        }
    }
    if body_start < body_end {
        record.body = joined(
            lines,
            paragraphs[body_start].start,
            paragraphs[body_end - 1].end,
        );
    }
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = "Download Request: Selected Items: 1-2\nTerms: harbour\n\n
                              1 of 2 DOCUMENTS


                              The Harbour Gazette

                            March 5, 2024 Tuesday
                                Final Edition

Ferry timetable changes
in April

BYLINE: Ann Lee and Bo Chan

SECTION: NEWS; Pg. 4

LENGTH: 12 words

The ferry company said the new timetable
starts in April.

Fares stay the same.

LOAD-DATE: March 6, 2024

LANGUAGE: ENGLISH

GRAPHIC: The new ferry
at the quay

HARBOUR PRESS / PA

URL: https://gazette.example/ferry

PUBLICATION-TYPE: Newspaper

                      Copyright 2024 Harbour Press
                              All Rights Reserved

                              2 of 2 DOCUMENTS

                      Copyright 2024 Wire Service

                                  The Wire

                              Mar 6, 2024

Council meets

The council met.
";

    #[test]
    fn articles_with_their_header_body_and_no_trailer() {
        let lines: Vec<&str> = EXPORT.lines().collect();
        let records = records(&lines);
        assert_eq!(records.len(), 2);
        let first = &records[0];
        assert_eq!(first.publication.as_deref(), Some("The Harbour Gazette"));
        assert_eq!(first.date.as_deref(), Some("March 5, 2024 Tuesday"));
        assert_eq!(
            first.headline.as_deref(),
            Some("Ferry timetable changes in April")
        );
        assert_eq!(first.byline.as_deref(), Some("Ann Lee and Bo Chan"));
        assert_eq!(first.url.as_deref(), Some("https://gazette.example/ferry"));
        assert_eq!(
            first.body,
            "The ferry company said the new timetable\nstarts in April.\n\nFares stay the same."
        );
        let second = &records[1];
        assert_eq!(second.publication.as_deref(), Some("The Wire"));
        assert_eq!(second.date.as_deref(), Some("Mar 6, 2024"));
        assert_eq!(second.headline.as_deref(), Some("Council meets"));
        assert_eq!(second.body, "The council met.");
    }

    #[test]
    fn an_empty_article_is_a_record_without_body() {
        let lines = ["1 of 1 DOCUMENTS", "", "Paper"];
        let records = records(&lines);
        assert_eq!(records.len(), 1);
        assert!(records[0].body.is_empty());
    }
}

//! Pages of positioned lines → the article's paragraphs, without what a page carries
//! around the text: running headers and footers, page numbers, and the header and footer
//! a browser prints (date and title above, address and `1/3` below), whose date, title
//! and address are kept aside for the metadata.
//!
//! A line is furniture only inside a margin band (the top or bottom [`BAND`] of a page)
//! and only when it is a page number, a browser's stamp, or text that repeats in the
//! bands of most pages (digits aside, so `Page 2 of 5` repeats). Lines become paragraphs
//! where the gap above a line is wider than its text's line spacing, where the size of
//! the type changes, and across a page break unless a sentence runs on; a word broken
//! by a hyphen at a line's end is joined when the next line goes on in lower case.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::extract::{Line, Page};

/// The share of a page's height at its top and at its bottom where headers and footers sit.
const BAND: f64 = 0.09;

/// What the browser's header and footer said, and what else was left out.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Furniture {
    /// As printed: `12/7/26, 10:29 PM` (the printing machine's locale).
    pub print_stamp: Option<String>,
    /// The first address printed in a margin band.
    pub address: Option<String>,
    /// Every other line left out of a band, once each (a browser's page title among them).
    pub band_lines: Vec<String>,
}

#[derive(Debug, Default)]
pub(super) struct Laid {
    pub paragraphs: Vec<String>,
    pub furniture: Furniture,
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:page\s*)?[-\u{2013}\u{2014}]?\s*\d{1,5}\s*[-\u{2013}\u{2014}]?(?:\s*(?:/|of)\s*\d{1,5})?$")
        .expect("static pattern")
});
/// A browser's print stamp: `12/7/26, 10:29 PM`, `07/12/2026, 22:29`, `2026-12-07 22:29`.
static PRINT_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?$",
    )
    .expect("static pattern")
});
static ADDRESS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:https?|file)://\S+$").expect("static pattern"));

/// `title` is the document's own title: a browser prints it in the header.
pub(super) fn lay_out(pages: &[Page], title: Option<&str>) -> Laid {
    let repeated = repeated_band_texts(pages);
    let mut furniture = Furniture::default();
    let mut kept: Vec<(usize, &Line)> = Vec::new();
    for (number, page) in pages.iter().enumerate() {
        for line in &page.lines {
            let text = line.text.trim();
            if !in_band(page, line) {
                kept.push((number, line));
            } else if PRINT_STAMP.is_match(text) {
                furniture.print_stamp.get_or_insert_with(|| text.to_owned());
            } else if ADDRESS.is_match(text) {
                furniture.address.get_or_insert_with(|| text.to_owned());
            } else if PAGE_NUMBER.is_match(text)
                || repeated.contains_key(&shape(text))
                || title.is_some_and(|t| t.trim() == text)
            {
                if !PAGE_NUMBER.is_match(text) && !furniture.band_lines.iter().any(|l| l == text) {
                    furniture.band_lines.push(text.to_owned());
                }
            } else {
                kept.push((number, line));
            }
        }
    }
    Laid {
        paragraphs: paragraphs(&kept),
        furniture,
    }
}

fn in_band(page: &Page, line: &Line) -> bool {
    page.height > 0.0 && (line.y < page.height * BAND || line.y > page.height * (1.0 - BAND))
}

/// A band line's text with its digits folded, so running heads that number pages match.
fn shape(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Band texts found on at least two pages and on half of them: running heads and feet.
fn repeated_band_texts(pages: &[Page]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let mut on_page: Vec<String> = page
            .lines
            .iter()
            .filter(|line| in_band(page, line))
            .map(|line| shape(line.text.trim()))
            .collect();
        on_page.sort();
        on_page.dedup();
        for text in on_page {
            *counts.entry(text).or_insert(0) += 1;
        }
    }
    let needed = (pages.len() / 2).max(2);
    counts.retain(|_, n| *n >= needed);
    counts
}

/// Lines (with their page's number) joined into paragraphs.
fn paragraphs(lines: &[(usize, &Line)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous: Option<(usize, &Line)> = None;
    for &(page, line) in lines {
        let text = line.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            continue;
        }
        let starts_paragraph = match previous {
            None => true,
            Some((previous_page, _)) if previous_page != page => !runs_on(&current, &text),
            Some((_, before)) => breaks(before, line),
        };
        if starts_paragraph && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        join_line(&mut current, &text);
        previous = Some((page, line));
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A paragraph break between two lines of one page.
fn breaks(before: &Line, line: &Line) -> bool {
    let size = before.size.max(line.size).max(1.0);
    let gap = line.y - before.y;
    if gap.abs() < 0.3 * size {
        // The same baseline: another run of the same line.
        return false;
    }
    let resized = (before.size - line.size).abs() > 0.15 * size;
    // Lines of a paragraph are about 1.1 to 1.4 sizes apart; paragraphs add a margin.
    // A line above the last one starts another column or block.
    resized || gap > 1.55 * size || gap < 0.0
}

/// Does a paragraph go on across a page break? When it ends mid-sentence and the next
/// page starts in lower case.
fn runs_on(paragraph: &str, next: &str) -> bool {
    let ends_sentence = paragraph
        .trim_end()
        .ends_with(['.', '!', '?', ':', '"', '\u{201d}', '\u{2019}', ')']);
    let lower = next.chars().next().is_some_and(char::is_lowercase);
    !ends_sentence && lower
}

/// Appends a line, undoing a hyphen at the end of the one before when the word goes on
/// in lower case (`harbour-` + `master` → `harbourmaster`; `Anglo-` + `French` keeps it).
fn join_line(paragraph: &mut String, line: &str) {
    if paragraph.is_empty() {
        paragraph.push_str(line);
        return;
    }
    let next_lower = line.chars().next().is_some_and(char::is_lowercase);
    let mut tail = paragraph.chars().rev();
    let last = tail.next();
    let before_last = tail.next();
    let broken_word = matches!(last, Some('-' | '\u{00ad}' | '\u{2010}'))
        && before_last.is_some_and(char::is_alphabetic)
        && next_lower;
    if broken_word {
        paragraph.pop();
    } else if paragraph.ends_with('\u{00ad}') {
        paragraph.pop();
        paragraph.push(' ');
    } else {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, y: f64, size: f64) -> Line {
        Line {
            text: text.to_owned(),
            x: 72.0,
            end: 72.0 + text.len() as f64 * size * 0.5,
            y,
            size,
        }
    }

    fn page(lines: Vec<Line>) -> Page {
        Page {
            height: 792.0,
            lines,
        }
    }

    #[test]
    fn hyphenated_line_ends_are_joined_and_paragraphs_split_on_gaps() {
        let laid = lay_out(
            &[page(vec![
                line("Ferry crews walked out as the harbour-", 100.0, 11.0),
                line("master looked for boats and Anglo-", 114.0, 11.0),
                line("French talks went on.", 128.0, 11.0),
                line("The union said the strike goes on.", 160.0, 11.0),
            ])],
            None,
        );
        assert_eq!(
            laid.paragraphs,
            [
                "Ferry crews walked out as the harbourmaster looked for boats and Anglo- French talks went on.",
                "The union said the strike goes on.",
            ]
        );
    }

    #[test]
    fn browser_header_and_footer_are_kept_aside() {
        let laid = lay_out(
            &[page(vec![
                line("12/7/26, 10:29 PM", 20.0, 8.0),
                line("Petrel colony returns | The Ellery Gazette", 20.0, 8.0),
                line("Petrel colony returns", 80.0, 20.0),
                line("A colony of storm petrels has returned.", 120.0, 11.0),
                line("https://gazette.example/2024/05/14/petrel", 775.0, 8.0),
                line("1/1", 775.0, 8.0),
            ])],
            Some("Petrel colony returns | The Ellery Gazette"),
        );
        assert_eq!(
            laid.paragraphs,
            [
                "Petrel colony returns",
                "A colony of storm petrels has returned."
            ]
        );
        assert_eq!(
            laid.furniture.band_lines,
            ["Petrel colony returns | The Ellery Gazette"]
        );
        assert_eq!(
            laid.furniture.print_stamp.as_deref(),
            Some("12/7/26, 10:29 PM")
        );
        assert_eq!(
            laid.furniture.address.as_deref(),
            Some("https://gazette.example/2024/05/14/petrel")
        );
    }

    #[test]
    fn running_heads_and_page_numbers_repeat_and_go() {
        let sheet = |n: usize, text: &str| {
            page(vec![
                line("Port Ellery News Archive", 40.0, 8.0),
                line(text, 200.0, 11.0),
                line(&format!("Page {n} of 2"), 760.0, 8.0),
            ])
        };
        let laid = lay_out(
            &[
                sheet(1, "The strike went on into the"),
                sheet(2, "night, the union said."),
            ],
            None,
        );
        assert_eq!(
            laid.paragraphs,
            ["The strike went on into the night, the union said."]
        );
        assert_eq!(laid.furniture.band_lines, ["Port Ellery News Archive"]);
    }
}

//! News-database exports: many articles in one file, as LexisNexis, Nexis Uni and
//! Factiva deliver them (`.txt`, `.html`, `.docx`), each article its own record addressed
//! `FILE:N` for the Nth, as a mailbox's messages and a feed's items are.
//!
//! The layouts, recognised by content whatever the extension (`sniff`):
//! - **LexisNexis (classic, `lexis.rs`)**: each article opens with a line
//!   `1 of 10 DOCUMENTS`, then the publication, the date line (`March 5, 2024 Tuesday`),
//!   an optional edition, the headline, metadata lines (`BYLINE:`, `SECTION:`,
//!   `LENGTH: 523 words`), the body, and trailing metadata (`LOAD-DATE:`, `LANGUAGE:`,
//!   `PUBLICATION-TYPE:`, a copyright notice) that is not body.
//! - **Nexis Uni (`nexis_uni.rs`)**: each article is its title, the publication, the date
//!   line, `Copyright …`, `Length: 523 words`, `Byline: …`, a line `Body`, the body, then
//!   `Graphic` / `Classification` / `Load-Date: …` sections, and `End of Document` as
//!   the separator. The file's cover page (search terms, a list of titles) is dropped.
//! - **Factiva (`factiva.rs`)**: each article is its headline, `By …`, a word count
//!   (`523 words`), the date (`5 March 2024`), a time, the publication, its code, the
//!   language, the copyright, the body, and the document id line that ends it
//!   (`Document GRDN000020240305ek3500001`); a search summary after the last is dropped.
//!
//! A file is an export when its separators say so: a `N of M DOCUMENTS` line near the top
//! or two of them, two `End of Document` lines (or one after a `Length:` … `Body` header),
//! two Factiva id lines (or one after a word count). An ordinary text that mentions "End
//! of Document" once stays one article. A `.docx` is read as its paragraphs
//! (`docx.rs`, bounds there) and an `.html` export as its block-level lines
//! (`html::block_text`), then both as a `.txt` is.
//!
//! Bounds: every step is one pass over the lines (regexes of the `regex` crate are linear),
//! so time is linear in the file's size; an export holds at most [`MAX_ARTICLES`] articles
//! (the rest is reported, not read), and each article is `Article::bounded` as every other.

mod docx;
mod factiva;
mod lexis;
mod nexis_uni;

use std::sync::LazyLock;

use regex::Regex;

use super::date::{self, Stated};
use super::fields::Meta;
use super::{assemble, text, title, Article, ArticleError, Context, DateSource, Entry, Sink};

pub(super) use docx::read_docx;

/// More articles than any database lets one download at once (Nexis Uni: 100, Factiva:
/// 100, classic LexisNexis: 500); past this a file is no export but something odd.
pub const MAX_ARTICLES: usize = 100_000;

/// The layout of a news-database export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// Classic LexisNexis (`1 of 10 DOCUMENTS`).
    LexisNexis,
    /// Nexis Uni (`End of Document`).
    NexisUni,
    /// Factiva (`Document GRDN000020240305ek3500001`).
    Factiva,
}

impl Layout {
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::LexisNexis => "LexisNexis",
            Layout::NexisUni => "Nexis Uni",
            Layout::Factiva => "Factiva",
        }
    }
}

/// Why an export, or a `.docx`, gives no article. Messages name no file and fit on a line.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum ExportProblem {
    #[error("not a readable zip ({reason}); a .docx is a zip archive")]
    NotZip { reason: String },
    #[error("no word/document.xml in the zip: not a Word document")]
    NoDocument,
    #[error(
        "word/document.xml inflates past {limit_mib} MiB (a decompression bomb?)",
        limit_mib = docx::MAX_DOCUMENT_XML >> 20
    )]
    Bomb,
    #[error("word/document.xml cannot be read: {reason}")]
    Damaged { reason: String },
    /// An article of an export that gives none: which, and why.
    #[error("{layout} article {number}: {problem}")]
    InArticle {
        layout: &'static str,
        number: usize,
        problem: String,
        label: &'static str,
    },
}

impl ExportProblem {
    pub fn label(&self) -> &'static str {
        match self {
            ExportProblem::NotZip { .. } => "damaged DOCX",
            ExportProblem::NoDocument => "not a Word document",
            ExportProblem::Bomb => "decompression bomb",
            ExportProblem::Damaged { .. } => "damaged DOCX",
            ExportProblem::InArticle { label, .. } => label,
        }
    }
}

/// What a layout finds of one article, as the file writes it.
#[derive(Debug, Default, PartialEq)]
struct Record {
    headline: Option<String>,
    publication: Option<String>,
    date: Option<String>,
    byline: Option<String>,
    url: Option<String>,
    /// Its lines, blank lines between paragraphs.
    body: String,
}

static LEXIS_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)\d{1,6}\s+of\s+\d{1,6}\s+(?-i:DOCUMENTS?)$").expect("a valid regex")
});
static FACTIVA_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Document\s+([A-Za-z0-9]{16,40})$").expect("a valid regex"));
static WORD_COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i)\d[\d,.]*\s+words$").expect("a valid regex"));

/// `N of M DOCUMENTS` (trimmed).
fn is_lexis_separator(line: &str) -> bool {
    line.len() < 40 && LEXIS_SEPARATOR.is_match(line)
}

/// `End of Document` (trimmed).
fn is_nexis_uni_separator(line: &str) -> bool {
    line.eq_ignore_ascii_case("End of Document")
}

/// `Document GRDN000020240305ek3500001` (trimmed): an id of letters and digits, with at
/// least eight digits (its date) and a letter after the first four characters.
fn is_factiva_separator(line: &str) -> bool {
    line.len() < 60
        && FACTIVA_ID.captures(line).is_some_and(|found| {
            let id = found.get(1).map_or("", |id| id.as_str());
            id.bytes().filter(u8::is_ascii_digit).count() >= 8
                && id.bytes().skip(4).any(|b| b.is_ascii_alphabetic())
        })
}

fn is_word_count(line: &str) -> bool {
    line.len() < 30 && WORD_COUNT.is_match(line)
}

/// The export layout of a text, if it is one (see the module's header).
pub(super) fn sniff(text: &str) -> Option<Layout> {
    let mut lexis = 0usize;
    let mut lexis_near_top = false;
    let mut nexis_uni = 0usize;
    let mut nexis_uni_header = false;
    let mut factiva = 0usize;
    let mut factiva_after_count = false;
    let mut seen_length = false;
    let mut seen_body_after_length = false;
    let mut seen_word_count = false;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if is_lexis_separator(line) {
            lexis += 1;
            lexis_near_top |= index < 100;
        } else if is_nexis_uni_separator(line) {
            nexis_uni += 1;
            nexis_uni_header |= seen_body_after_length;
        } else if is_factiva_separator(line) {
            factiva += 1;
            factiva_after_count |= seen_word_count;
        } else if nexis_uni::is_length_line(line) {
            seen_length = true;
        } else if line == "Body" && seen_length {
            seen_body_after_length = true;
        } else if is_word_count(line) {
            seen_word_count = true;
        }
    }
    let lexis = lexis >= 2 || (lexis == 1 && lexis_near_top);
    let nexis_uni = nexis_uni >= 2 || (nexis_uni == 1 && nexis_uni_header);
    let factiva = factiva >= 2 || (factiva == 1 && factiva_after_count);
    if lexis {
        Some(Layout::LexisNexis)
    } else if nexis_uni {
        Some(Layout::NexisUni)
    } else if factiva {
        Some(Layout::Factiva)
    } else {
        None
    }
}

/// Whether an HTML page may be an export, by a look at its raw text: worth turning into
/// lines for [`sniff`] only then.
pub(super) fn may_be_export_page(html: &str) -> bool {
    html.contains("End of Document")
        || html.contains(" DOCUMENTS")
        || memchr::memmem::find_iter(html.as_bytes(), b"Document ")
            .take(64)
            .any(|at| {
                let id = html
                    .get(at + 9..)
                    .unwrap_or("")
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .next()
                    .unwrap_or("");
                (16..=40).contains(&id.len())
            })
}

/// The articles of an export, each an entry numbered from 1; an article that gives none
/// is an entry with its error, so it is reported with the rest.
pub(super) fn parse_export(
    text: &str,
    layout: Layout,
    ctx: &Context<'_>,
    warnings: &mut Vec<String>,
) -> Vec<Entry> {
    let lines: Vec<&str> = text.lines().collect();
    let mut records = match layout {
        Layout::LexisNexis => lexis::records(&lines),
        Layout::NexisUni => nexis_uni::records(&lines),
        Layout::Factiva => factiva::records(&lines),
    };
    if records.len() > MAX_ARTICLES {
        warnings.push(format!(
            "{} articles in one {} export: the first {MAX_ARTICLES} read",
            records.len(),
            layout.as_str()
        ));
        records.truncate(MAX_ARTICLES);
    }
    let mut entries = Vec::with_capacity(records.len());
    for (index, record) in records.into_iter().enumerate() {
        let number = index + 1;
        let warned_before = warnings.len();
        let mut sink = Sink {
            out: warnings,
            line: None,
        };
        let result = record_article(record, ctx, &mut sink).map_err(|error| {
            let problem = match error {
                ArticleError::MissingText { .. } => "no text after its header".to_owned(),
                ref other => other.to_string(),
            };
            ExportProblem::InArticle {
                layout: layout.as_str(),
                number,
                problem,
                label: error.label(),
            }
            .into()
        });
        for warning in &mut warnings[warned_before..] {
            *warning = format!("article {number}: {warning}");
        }
        entries.push(Entry {
            line: Some(number),
            result,
        });
    }
    entries
}

fn record_article(
    record: Record,
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
) -> Result<Article, ArticleError> {
    let body = text::normalize_body(&record.body);
    let meta = Meta {
        title: record
            .headline
            .map(|headline| title::clean(&headline))
            .filter(|headline| !headline.is_empty()),
        date: record
            .date
            .map(|raw| Stated::new(DateSource::Export, &raw, date::parse_stated)),
        url: record.url,
        site: record
            .publication
            .map(|site| title::clean(&site))
            .filter(|site| !site.is_empty()),
        authors: record
            .byline
            .as_deref()
            .map(byline_names)
            .unwrap_or_default(),
        tags: Vec::new(),
    };
    assemble(meta, body, false, ctx, sink)
}

/// The names of a byline: `By Ann Lee and Bo Chan`, `Mattha Busby (now), Andrew
/// Sparrow (earlier)`, `Daniel Boffey in Brussels`, `ANN LEE, Political Editor`.
fn byline_names(byline: &str) -> Vec<String> {
    let mut without_asides = String::with_capacity(byline.len());
    let mut depth = 0usize;
    for c in byline.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => without_asides.push(c),
            _ => {}
        }
    }
    let mut names = Vec::new();
    for part in without_asides
        .split([',', ';', '&', '|', '/'])
        .flat_map(|part| part.split(" and "))
    {
        let mut name = title::clean(part);
        for prefix in ["By ", "by ", "BY ", "Von ", "Par "] {
            if let Some(rest) = name.strip_prefix(prefix) {
                name = rest.trim().to_owned();
            }
        }
        if let Some(at) = name.find(" in ") {
            name.truncate(at);
        }
        let words = name.split_whitespace().count();
        let is_role = name
            .split_whitespace()
            .next()
            .is_some_and(|first| first.chars().next().is_some_and(char::is_lowercase));
        if (1..=5).contains(&words) && !is_role && !names.contains(&name) {
            names.push(name);
        }
        if names.len() == 20 {
            break;
        }
    }
    names
}

/// A `KEY: value` line's value when its key is `key` (any case; the colon may be
/// followed by a no-break space, as Nexis Uni writes it).
fn keyed<'l>(line: &'l str, key: &str) -> Option<&'l str> {
    let (found, value) = line.split_once(':')?;
    found
        .trim()
        .eq_ignore_ascii_case(key)
        .then(|| value.trim_matches(|c: char| c.is_whitespace()))
}

/// Whether a line is a copyright notice.
fn is_copyright(line: &str) -> bool {
    let lower: String = line.chars().take(24).flat_map(char::to_lowercase).collect();
    lower.starts_with("copyright")
        || lower.starts_with("(c)")
        || lower.starts_with('\u{a9}')
        || lower.starts_with("all rights reserved")
}

/// Lines `from..to` joined as they were written, for a record's body.
fn joined(lines: &[&str], from: usize, to: usize) -> String {
    lines
        .get(from..to.min(lines.len()))
        .unwrap_or(&[])
        .join("\n")
}

/// Whether a line is a date line `parse_stated` reads.
fn is_date_line(line: &str) -> bool {
    line.len() < 80 && date::parse_stated(line).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_recognised_and_plain_text_is_not() {
        assert!(is_lexis_separator("1 of 10 DOCUMENTS"));
        assert!(is_lexis_separator("12 OF 100 DOCUMENTS"));
        assert!(is_lexis_separator("1 of 1 DOCUMENT"));
        assert!(!is_lexis_separator("1 of 10 documents"));
        assert!(is_factiva_separator("Document GRDN000020240305ek3500001"));
        assert!(!is_factiva_separator("Document management systems"));
        assert!(!is_factiva_separator("Document 1234567890123456789"));
        assert!(is_word_count("1,523 words"));
        assert!(!is_word_count("many words"));
    }

    #[test]
    fn one_end_of_document_is_no_export() {
        let text = "Notes\n\nThe clerk stamped End of Document on it.\n\nEnd of Document\n\nMore.";
        assert_eq!(sniff(text), None);
        let uni = "Title\nPaper\nMarch 5, 2024\nLength: 5 words\nBody\nText.\nEnd of Document\n";
        assert_eq!(sniff(uni), Some(Layout::NexisUni));
        assert_eq!(
            sniff("A\nEnd of Document\nB\nEnd of Document\n"),
            Some(Layout::NexisUni)
        );
        assert_eq!(
            sniff("                1 of 2 DOCUMENTS\n\nPaper\n"),
            Some(Layout::LexisNexis)
        );
        assert_eq!(
            sniff("Head\n120 words\n5 March 2024\nText\nDocument GRDN000020240305ek3500001\n"),
            Some(Layout::Factiva)
        );
    }

    #[test]
    fn bylines_give_names() {
        assert_eq!(
            byline_names("By Ann Lee and Bo Chan"),
            ["Ann Lee", "Bo Chan"]
        );
        assert_eq!(
            byline_names("Mattha Busby (now), Andrew Sparrow (earlier)"),
            ["Mattha Busby", "Andrew Sparrow"]
        );
        assert_eq!(byline_names("Daniel Boffey in Brussels"), ["Daniel Boffey"]);
        assert_eq!(
            byline_names("ANN LEE, Political Editor"),
            ["ANN LEE", "Political Editor"]
        );
        assert!(byline_names("").is_empty());
    }

    /// Cheap deterministic fuzzing of every layout: no line soup may panic.
    #[test]
    fn arbitrary_lines_never_panic() {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet = [
            "1 of 3 DOCUMENTS",
            "End of Document",
            "Document GRDN000020240305ek3500001",
            "Body",
            "Length:\u{a0}12 words",
            "LENGTH: 12 words",
            "BYLINE: Ann Lee",
            "Byline: (",
            "By ",
            "120 words",
            "5 March 2024",
            "March 5, 2024 Tuesday",
            "09:30",
            "HARBGZ",
            "English",
            "Copyright 2024",
            "(c)",
            "LOAD-DATE: March 6, 2024",
            "URL: x",
            "Classification",
            "Load-Date:",
            "",
            "",
            "text \u{e9}\u{2026}",
        ];
        let path = std::path::Path::new("a/export.txt");
        let ctx = Context {
            path_date: super::super::date::PathDate::new(path),
        };
        for _ in 0..3000 {
            let count = (next() % 40) as usize;
            let text: Vec<&str> = (0..count)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let text = text.join("\n");
            let _ = sniff(&text);
            for layout in [Layout::LexisNexis, Layout::NexisUni, Layout::Factiva] {
                let _ = parse_export(&text, layout, &ctx, &mut Vec::new());
            }
        }
    }

    #[test]
    fn an_article_without_text_is_an_entry_with_its_number() {
        let text = "Empty\nPaper\nMarch 5, 2024\nLength: 0 words\nBody\nEnd of Document\n\
Full\nPaper\nMarch 6, 2024\nLength: 3 words\nBody\nThe council met.\nEnd of Document\n";
        let parsed = crate::article::parse_file(std::path::Path::new("a.txt"), text.as_bytes())
            .expect("an export");
        assert_eq!(parsed.export, Some(Layout::NexisUni));
        assert_eq!(parsed.entries.len(), 2);
        let error = parsed.entries[0].result.as_ref().unwrap_err();
        assert_eq!(
            error.to_string(),
            "Nexis Uni article 1: no text after its header"
        );
        assert_eq!(error.label(), "no text");
        let second = parsed.entries[1].result.as_ref().expect("an article");
        assert_eq!(parsed.entries[1].line, Some(2));
        assert_eq!(second.title, "Full");
        assert_eq!(second.body, "The council met.");
    }

    #[test]
    fn a_lexisnexis_export_saved_as_html_keeps_its_wrapped_lines() {
        let page = "<html><body><div><center>1 of 2 DOCUMENTS</center></div>\
<p>The Harbour Gazette</p><p>March 5, 2024 Tuesday<br>Final Edition</p><p>Ferry fares</p>\
<p>BYLINE: Ann Lee</p><p>LENGTH: 9 words</p><p>The ferry company froze<br>its fares.</p>\
<p>LOAD-DATE: March 6, 2024</p><div><center>2 of 2 DOCUMENTS</center></div>\
<p>The Wire</p><p>March 6, 2024</p><p>Quay lights</p><p>LENGTH: 4 words</p>\
<p>The lights work.</p></body></html>";
        let parsed = crate::article::parse_file(std::path::Path::new("a.html"), page.as_bytes())
            .expect("an export");
        assert_eq!(parsed.export, Some(Layout::LexisNexis));
        let first = parsed.entries[0].result.as_ref().expect("an article");
        assert_eq!(first.title, "Ferry fares");
        assert_eq!(first.site.as_deref(), Some("The Harbour Gazette"));
        assert_eq!(first.authors, ["Ann Lee"]);
        assert_eq!(first.body, "The ferry company froze\nits fares.");
        let second = parsed.entries[1].result.as_ref().expect("an article");
        assert_eq!(second.title, "Quay lights");
        assert_eq!(second.body, "The lights work.");
    }

    #[test]
    fn keyed_lines() {
        assert_eq!(keyed("Byline:\u{a0}Ann Lee", "byline"), Some("Ann Lee"));
        assert_eq!(keyed("BYLINE: Ann Lee", "Byline"), Some("Ann Lee"));
        assert_eq!(keyed("Bylines Ann", "Byline"), None);
    }
}

//! Turning one archive file's bytes into articles.
//!
//! Everything here is pure: the caller reads the file and hands over its path and
//! bytes, so the walker decides about I/O, parallelism and error reporting, and the
//! parsers can be tested on literals. Problems that make a whole file unusable are
//! errors; anything the parser could work around is a warning, so one odd file never
//! stops an ingest.

mod bounds;
mod contained;
mod date;
mod decode;
mod epub;
mod export;
mod feed;
mod fields;
mod front_matter;
mod html;
mod json;
mod mail;
mod mhtml;
mod pdf;
mod text;
mod title;

use std::path::Path;

use chrono::NaiveDate;

pub use epub::EpubProblem;
pub use export::{ExportProblem, Layout as ExportLayout};
pub use mail::MailProblem;
pub use mhtml::MhtmlProblem;

use date::{PathDate, Stated};
use fields::Meta;

/// One article, ready to be indexed.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// As written in the source (never re-cased), on one line.
    pub title: String,
    /// LF line endings, paragraphs separated by `"\n\n"`, trimmed; never empty.
    pub body: String,
    pub publication_date: Option<NaiveDate>,
    pub date_source: DateSource,
    pub url: Option<String>,
    /// The publication or site, as a web page names itself (`og:site_name`, the
    /// JSON-LD publisher); the other formats leave it empty.
    pub site: Option<String>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    /// When the page was captured, as the container records it (a WARC record's
    /// `WARC-Date`, an MHTML file's `Date`): kept apart from the publication date, which
    /// it only stands in for when the page states none.
    pub captured: Option<NaiveDate>,
}

/// Where `publication_date` came from, so that users can tell a date the source
/// stated from one guessed from the archive's folder names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateSource {
    Header,
    FrontMatter,
    Json,
    /// A web page's `<meta>` tags or `datePublished`/`<time>` markup.
    HtmlMeta,
    /// A web page's schema.org JSON-LD.
    JsonLd,
    /// The page's address (`/2025/03/22/`).
    Url,
    /// When a web archive fetched the page (its record's `WARC-Date`).
    Fetched,
    /// A feed item's `pubDate` / `published` (else `updated`).
    Feed,
    /// When the browser saved the page as MHTML (its `Date` header).
    Saved,
    /// When a mail message was sent (its `Date` header).
    Mail,
    /// The date of the EPUB book a chapter is in (`dc:date`).
    Epub,
    /// A date printed in a PDF's first lines (its byline or dateline).
    PdfText,
    /// A PDF's own dates (XMP, Info `CreationDate`) when no browser made it.
    PdfMeta,
    /// When a browser printed the page to PDF.
    Printed,
    /// The date line of an article in a news-database export (LexisNexis, Factiva).
    Export,
    Path,
    None,
}

impl DateSource {
    /// Stable names, fit for storing in the index and showing to users.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Header => "header",
            DateSource::FrontMatter => "front-matter",
            DateSource::Json => "json",
            DateSource::HtmlMeta => "html-meta",
            DateSource::JsonLd => "json-ld",
            DateSource::Url => "url",
            DateSource::Fetched => "warc-date",
            DateSource::Feed => "feed",
            DateSource::Saved => "mhtml-date",
            DateSource::Mail => "mail-date",
            DateSource::Epub => "epub",
            DateSource::PdfText => "pdf-text",
            DateSource::PdfMeta => "pdf-metadata",
            DateSource::Printed => "printed",
            DateSource::Export => "export",
            DateSource::Path => "path",
            DateSource::None => "none",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Json,
    JsonLines,
    Html,
    /// A WARC web archive, plain or gzipped: many pages, read record by record by
    /// ingest (see [`parse_web_record`]), never whole.
    Warc,
    /// A WACZ (a zip of WARCs, Webrecorder's): its WARCs are read as [`Format::Warc`] is.
    Wacz,
    /// An RSS or Atom feed: an article per item (`FILE:N`).
    Feed,
    /// A page saved as one MIME file ("Webpage, single file"); its HTML part is read as
    /// an `.html` file is. An `.html` file that opens with MIME headers is one too
    /// ([`parse_file`] looks).
    Mhtml,
    /// A PDF: one article, whatever it holds.
    Pdf,
    /// A mail message (`.eml`): one article.
    Mail,
    /// A mailbox (`.mbox`): an article per message (`FILE:N`).
    Mailbox,
    /// A Word document (`.docx`): one article, or an article per exported one (`FILE:N`)
    /// when it is a news-database export.
    Docx,
    /// An EPUB book or read-later export: an article per chapter (`FILE:N`).
    Epub,
}

/// By extension, case-insensitive: txt/text → Text, md/markdown → Markdown,
/// json → Json, jsonl/ndjson → JsonLines, html/htm/xhtml → Html, mhtml/mht → Mhtml,
/// rss/atom/xml → Feed, pdf → Pdf, eml → Mail, mbox → Mailbox, docx → Docx, epub → Epub,
/// warc/warc.gz/warc.zst → Warc, wacz → Wacz; anything else None (the walker
/// counts those files, see `ingest::unread`).
pub fn format_for_path(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?;
    let is = |name: &str| ext.eq_ignore_ascii_case(name);
    let stem_is_warc = || {
        Path::new(path.file_stem().unwrap_or_default())
            .extension()
            .is_some_and(|inner| inner.eq_ignore_ascii_case("warc"))
    };
    if is("warc") || ((is("gz") || is("zst")) && stem_is_warc()) {
        Some(Format::Warc)
    } else if is("wacz") {
        Some(Format::Wacz)
    } else if is("txt") || is("text") {
        Some(Format::Text)
    } else if is("md") || is("markdown") {
        Some(Format::Markdown)
    } else if is("json") {
        Some(Format::Json)
    } else if is("jsonl") || is("ndjson") {
        Some(Format::JsonLines)
    } else if is("html") || is("htm") || is("xhtml") {
        Some(Format::Html)
    } else if is("rss") || is("atom") || is("xml") {
        Some(Format::Feed)
    } else if is("mhtml") || is("mht") {
        Some(Format::Mhtml)
    } else if is("pdf") {
        Some(Format::Pdf)
    } else if is("eml") {
        Some(Format::Mail)
    } else if is("mbox") {
        Some(Format::Mailbox)
    } else if is("docx") {
        Some(Format::Docx)
    } else if is("epub") {
        Some(Format::Epub)
    } else {
        None
    }
}

#[derive(Debug)]
pub struct ParsedFile {
    /// Exactly one `Ok` entry for text, Markdown and JSON files (their failures are
    /// whole-file errors); one entry per non-blank line for JSON lines.
    pub entries: Vec<Entry>,
    /// File-level and per-entry warnings; JSON-lines ones start with `line N: `.
    pub warnings: Vec<String>,
    /// The news-database export the file is, whose entries are its articles (`FILE:N`);
    /// `None` for every other file.
    pub export: Option<ExportLayout>,
}

impl ParsedFile {
    /// A file's entries with every article held to the bounds of `bounds.rs`.
    fn bounded(entries: Vec<Entry>, warnings: Vec<String>, export: Option<ExportLayout>) -> Self {
        let entries = entries
            .into_iter()
            .map(|entry| Entry {
                result: entry.result.map(Article::bounded),
                ..entry
            })
            .collect();
        ParsedFile {
            entries,
            warnings,
            export,
        }
    }
}

#[derive(Debug)]
pub struct Entry {
    /// 1-based line number for JSON-lines entries; the item, message or article number
    /// of a feed, mailbox or export; None otherwise.
    pub line: Option<usize>,
    pub result: Result<Article, ArticleError>,
}

/// Messages name no file (the caller knows it) and fit on one line.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum ArticleError {
    #[error("empty file")]
    Empty,
    #[error("binary file (contains NUL bytes or many control characters)")]
    Binary,
    #[error("{}invalid JSON: {reason}", line_prefix(*line))]
    InvalidJson { line: Option<usize>, reason: String },
    /// `found` names the JSON type that was there instead ("an array", "a string" …).
    #[error("{}", not_an_object_message(*line, found))]
    NotAnObject {
        line: Option<usize>,
        found: &'static str,
    },
    /// Also for text files with nothing but a header or front matter: an article
    /// without text has nothing to search.
    #[error(
        "{}no article text (for JSON: none of the keys text, body, content, maintext, article holds any)",
        line_prefix(*line)
    )]
    MissingText { line: Option<usize> },
    /// A web page with nothing that reads as an article: a login wall, an app
    /// drawn by JavaScript, a list of links.
    /// The HTML parser stopped on the page (a panic in it, contained).
    #[error("the HTML parser stopped on this page ({reason})")]
    HtmlParser { reason: String },
    #[error("no article text found in the page")]
    NoArticleText,
    /// `parse_file` was handed a WARC archive, which is read record by record.
    #[error("a web archive holds many pages: ingest reads it record by record")]
    WebArchive,
    #[error("invalid feed: {reason}")]
    InvalidFeed { reason: String },
    #[error("a feed without items")]
    EmptyFeed,
    #[error("item {item}: no text (neither content nor summary)")]
    EmptyItem { item: usize },
    /// An `.xml` file whose root is no `rss`, `feed` or `rdf:RDF` element.
    #[error("an XML file that is no RSS or Atom feed")]
    NotAFeed,
    /// An MHTML file whose page cannot be had.
    #[error("MHTML: {0}")]
    Mhtml(#[from] MhtmlProblem),
    #[error("PDF of {mib} MiB: larger than the {limit_mib} MiB a PDF article may be")]
    PdfTooLarge { mib: usize, limit_mib: usize },
    #[error("encrypted PDF: {reason}")]
    PdfEncrypted { reason: String },
    #[error("damaged PDF: {reason}")]
    PdfDamaged { reason: String },
    #[error(
        "a compressed stream in the PDF inflates past {limit_mib} MiB (a decompression bomb?)"
    )]
    PdfBomb { limit_mib: usize },
    #[error("reading the PDF took over {seconds} s: stopped")]
    PdfTimeout { seconds: u64 },
    #[error("no text layer (scanned PDF?)")]
    PdfNoTextLayer,
    #[error("mail: {0}")]
    Mail(#[from] MailProblem),
    #[error("EPUB: {0}")]
    Epub(#[from] EpubProblem),
    /// A `.docx` that cannot be read, or an article of an export that gives none.
    #[error("{0}")]
    Export(#[from] ExportProblem),
}

impl ArticleError {
    /// A short name of the problem, for grouping in summaries.
    pub fn label(&self) -> &'static str {
        match self {
            ArticleError::Empty => "empty",
            ArticleError::Binary => "binary",
            ArticleError::InvalidJson { .. } => "invalid JSON",
            ArticleError::NotAnObject { .. } => "not an article object",
            ArticleError::MissingText { .. } => "no text",
            ArticleError::NoArticleText => "no article text",
            ArticleError::HtmlParser { .. } => "unreadable page",
            ArticleError::WebArchive => "web archive",
            ArticleError::InvalidFeed { .. } => "invalid feed",
            ArticleError::EmptyFeed => "empty feed",
            ArticleError::EmptyItem { .. } => "empty feed item",
            ArticleError::NotAFeed => "not a feed",
            ArticleError::Mhtml(problem) => problem.label(),
            ArticleError::PdfTooLarge { .. } => "PDF too large",
            ArticleError::PdfEncrypted { .. } => "encrypted PDF",
            ArticleError::PdfDamaged { .. } => "damaged PDF",
            ArticleError::PdfBomb { .. } => "decompression bomb",
            ArticleError::PdfTimeout { .. } => "PDF read timed out",
            ArticleError::PdfNoTextLayer => "no text layer",
            ArticleError::Mail(problem) => problem.label(),
            ArticleError::Epub(problem) => problem.label(),
            ArticleError::Export(problem) => problem.label(),
        }
    }
}

fn line_prefix(line: Option<usize>) -> String {
    line.map(|n| format!("line {n}: ")).unwrap_or_default()
}

fn not_an_object_message(line: Option<usize>, found: &str) -> String {
    match line {
        None => format!("expected one article object, found {found}; use .jsonl for many"),
        Some(n) => format!("line {n}: expected an article object, found {found}"),
    }
}

/// `s` trimmed, on one line (control characters become spaces) and at most
/// `max_chars` long, for quoting input or library errors in messages.
fn one_line(s: &str, max_chars: usize) -> String {
    let s = s.trim();
    let mut out = String::with_capacity(s.len().min(max_chars * 4));
    for (count, c) in s.chars().enumerate() {
        if count == max_chars {
            out.push('\u{2026}');
            break;
        }
        out.push(if c.is_control() { ' ' } else { c });
    }
    out
}

/// Decode, detect format, parse. Whole-file problems (empty, binary, undecodable, a
/// .json that is not an object) are Err; per-line problems of JSON-lines are Err
/// entries. `path` is used for the format (extension) and the path-date fallback
/// only; it is never read from disk. An unknown extension is read as text, so that
/// callers that filter differently still get something sensible.
pub fn parse_file(path: &Path, bytes: &[u8]) -> Result<ParsedFile, ArticleError> {
    let mut warnings = Vec::new();
    let format = match format_for_path(path).unwrap_or(Format::Text) {
        // A page saved as MHTML and renamed `.html`: as markup it is garbage.
        Format::Html if mhtml::looks_like_mime(bytes) => Format::Mhtml,
        Format::Mhtml if mhtml::looks_like_markup(bytes) => {
            warnings.push("not MIME but a web page: read as a saved .html page".to_owned());
            Format::Html
        }
        format => format,
    };
    // Formats read from their bytes, never decoded as text first.
    match format {
        Format::Warc | Format::Wacz => return Err(ArticleError::WebArchive),
        // The page is one part of the file.
        Format::Mhtml => return parse_mhtml(path, bytes, warnings),
        // Its XML parser honours the encoding the file declares.
        Format::Feed => return parse_feed_file(path, bytes),
        Format::Pdf => return parse_pdf_file(path, bytes, warnings),
        Format::Mail | Format::Mailbox => return parse_mail_file(path, format, bytes, warnings),
        // A zip of XML parts.
        Format::Docx => return parse_docx_file(path, bytes, warnings),
        Format::Epub => return parse_epub_file(path, bytes, warnings),
        _ => {}
    }
    let ctx = Context {
        path_date: PathDate::new(path),
    };
    let declared = match format {
        Format::Html => html::declared_encoding(bytes),
        _ => None,
    };
    let text = decode::decode(bytes, declared, &mut warnings)?;
    // A news-database export saved as text or as a page: an article per exported one.
    let export_text = match format {
        Format::Text => export::sniff(&text).map(|layout| (layout, None)),
        Format::Html if export::may_be_export_page(&text) => {
            let lines = html::block_text(&text);
            export::sniff(&lines).map(|layout| (layout, Some(lines)))
        }
        _ => None,
    };
    if let Some((layout, lines)) = export_text {
        let ctx = Context {
            path_date: PathDate::new(path),
        };
        let text = lines.as_deref().unwrap_or(&text);
        let entries = export::parse_export(text, layout, &ctx, &mut warnings);
        return Ok(exported(entries, warnings, layout));
    }
    let mut sink = Sink {
        out: &mut warnings,
        line: None,
    };
    let entries = match format {
        Format::Text | Format::Markdown => {
            let article = parse_document(&text, format == Format::Markdown, &ctx, &mut sink)?;
            vec![Entry {
                line: None,
                result: Ok(article),
            }]
        }
        Format::Json => {
            let article = json::parse_object(&text, &ctx, &mut sink)?;
            vec![Entry {
                line: None,
                result: Ok(article),
            }]
        }
        Format::JsonLines => json::parse_lines(&text, &ctx, sink.out),
        // Each returned above, before decoding; a web archive is the only one that is no
        // article file at all.
        Format::Warc
        | Format::Wacz
        | Format::Mhtml
        | Format::Feed
        | Format::Pdf
        | Format::Mail
        | Format::Mailbox
        | Format::Docx
        | Format::Epub => return Err(ArticleError::WebArchive),
        Format::Html => vec![Entry {
            line: None,
            result: Ok(html::parse_page(
                &text,
                html::Fetched::default(),
                &ctx,
                &mut sink,
            )?),
        }],
    };
    Ok(ParsedFile::bounded(entries, warnings, None))
}

/// A PDF: binary, one article whatever it holds.
fn parse_pdf_file(
    path: &Path,
    bytes: &[u8],
    mut warnings: Vec<String>,
) -> Result<ParsedFile, ArticleError> {
    let ctx = Context {
        path_date: PathDate::new(path),
    };
    let mut sink = Sink {
        out: &mut warnings,
        line: None,
    };
    let article = pdf::parse_pdf(bytes, &ctx, &mut sink)?.bounded();
    let entries = vec![Entry {
        line: None,
        result: Ok(article),
    }];
    Ok(ParsedFile {
        entries,
        warnings,
        export: None,
    })
}

/// An EPUB: an article per chapter with text.
fn parse_epub_file(
    path: &Path,
    bytes: &[u8],
    mut warnings: Vec<String>,
) -> Result<ParsedFile, ArticleError> {
    let entries = epub::parse_epub(path, bytes, &mut warnings)?;
    Ok(ParsedFile::bounded(entries, warnings, None))
}

/// A message or a mailbox: binary-safe MIME, each message's parts in their own charsets.
fn parse_mail_file(
    path: &Path,
    format: Format,
    bytes: &[u8],
    mut warnings: Vec<String>,
) -> Result<ParsedFile, ArticleError> {
    let ctx = Context {
        path_date: PathDate::new(path),
    };
    let entries = if format == Format::Mailbox {
        mail::parse_mailbox(path, bytes, &ctx, &mut warnings)?
    } else {
        let mut sink = Sink {
            out: &mut warnings,
            line: None,
        };
        vec![Entry {
            line: None,
            result: Ok(mail::parse_message(path, bytes, &ctx, &mut sink)?),
        }]
    };
    Ok(ParsedFile::bounded(entries, warnings, None))
}

/// A Word document: an export's articles, or one article (its first heading, else its
/// first paragraph, the title).
fn parse_docx_file(
    path: &Path,
    bytes: &[u8],
    mut warnings: Vec<String>,
) -> Result<ParsedFile, ArticleError> {
    let paragraphs = export::read_docx(bytes)?;
    let mut joined = String::new();
    for paragraph in &paragraphs {
        joined.push_str(&paragraph.text);
        joined.push_str("\n\n");
    }
    let ctx = Context {
        path_date: PathDate::new(path),
    };
    if let Some(layout) = export::sniff(&joined) {
        let entries = export::parse_export(&joined, layout, &ctx, &mut warnings);
        return Ok(exported(entries, warnings, layout));
    }
    // An ordinary document: a heading among its first paragraphs is its title, else the
    // title rule takes the first paragraph.
    let heading = paragraphs
        .iter()
        .enumerate()
        .filter(|(_, paragraph)| !paragraph.text.trim().is_empty())
        .take(3)
        .find(|(_, paragraph)| paragraph.heading)
        .map(|(index, _)| index);
    let mut meta = Meta::default();
    let mut body_text = String::with_capacity(joined.len());
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if Some(index) == heading {
            meta.title = Some(title::clean(&paragraph.text)).filter(|t| !t.is_empty());
        } else {
            body_text.push_str(&paragraph.text);
            body_text.push_str("\n\n");
        }
    }
    let body = text::normalize_body(&body_text);
    let mut sink = Sink {
        out: &mut warnings,
        line: None,
    };
    let article = assemble(meta, body, false, &ctx, &mut sink)?.bounded();
    Ok(ParsedFile {
        entries: vec![Entry {
            line: None,
            result: Ok(article),
        }],
        warnings,
        export: None,
    })
}

/// An export's articles, bounded as every article is.
fn exported(entries: Vec<Entry>, warnings: Vec<String>, layout: ExportLayout) -> ParsedFile {
    ParsedFile::bounded(entries, warnings, Some(layout))
}

/// A feed is decoded by its XML parser, which honours the encoding the file declares.
fn parse_feed_file(path: &Path, bytes: &[u8]) -> Result<ParsedFile, ArticleError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ArticleError::Empty);
    }
    if !feed::sniffs_feed(bytes) {
        return Err(ArticleError::NotAFeed);
    }
    let ctx = Context {
        path_date: PathDate::new(path),
    };
    let mut warnings = Vec::new();
    let entries = feed::parse_feed(bytes, &ctx, &mut warnings)?;
    Ok(ParsedFile::bounded(entries, warnings, None))
}

/// A page from a web archive's record.
#[derive(Debug, Clone, Copy)]
pub struct WebRecord<'a> {
    pub html: &'a [u8],
    /// The charset its HTTP response stated.
    pub charset: Option<&'a str>,
    /// Where it was fetched from (`WARC-Target-URI`).
    pub address: Option<&'a str>,
    /// When it was fetched (`WARC-Date`): its date when the page states none.
    pub fetched: Option<&'a str>,
    /// What a list of the archive's pages calls it (a WACZ's `pages.jsonl`): its title
    /// when the page has none.
    pub title: Option<&'a str>,
}

/// The article of a page from the web archive at `archive_path`, and the warnings
/// about it. The page is read as a saved `.html` file is; what the archive recorded
/// fills in what the page does not say.
pub fn parse_web_record(
    archive_path: &Path,
    record: &WebRecord<'_>,
) -> (Result<Article, ArticleError>, Vec<String>) {
    let mut warnings = Vec::new();
    let result = read_page(archive_path, record, &mut warnings);
    (result.map(Article::bounded), warnings)
}

/// A page held in a container (a web archive's record, an MHTML part), read as a saved
/// `.html` file is: in the charset the container states, else the one the page declares;
/// what the container recorded fills in what the page does not say, and its title (what the
/// browser showed, what the archive's page list says) stands in for a missing `<title>`.
fn read_page(
    path: &Path,
    record: &WebRecord<'_>,
    warnings: &mut Vec<String>,
) -> Result<Article, ArticleError> {
    let declared = record
        .charset
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .or_else(|| html::declared_encoding(record.html));
    let mut text = decode::decode(record.html, declared, warnings)?;
    if let Some(title) = record.title {
        text = mhtml::with_title_fallback(text, title);
    }
    let ctx = Context {
        path_date: PathDate::new(path),
    };
    let mut sink = Sink {
        out: warnings,
        line: None,
    };
    let fetched = html::Fetched {
        address: record.address,
        date: record.fetched,
    };
    let mut article = html::parse_page(&text, fetched, &ctx, &mut sink)?;
    article.captured = record.fetched.and_then(|raw| date::parse_stated(raw).ok());
    Ok(article)
}

/// An MHTML file's page; the date it was saved on is its date only when the page states
/// none (the page reader calls that date `Fetched`, which names a web archive's).
fn parse_mhtml(
    path: &Path,
    bytes: &[u8],
    mut warnings: Vec<String>,
) -> Result<ParsedFile, ArticleError> {
    let page = mhtml::saved_page(bytes, &mut warnings)?;
    let record = WebRecord {
        html: &page.html,
        charset: page.charset.as_deref(),
        address: page.address.as_deref(),
        fetched: page.saved.as_deref(),
        title: page.subject.as_deref(),
    };
    let result = read_page(path, &record, &mut warnings);
    for warning in &mut warnings {
        *warning = warning.replace(date::FETCHED_PLACE, date::SAVED_PLACE);
    }
    let mut article = result?;
    if article.date_source == DateSource::Fetched {
        article.date_source = DateSource::Saved;
    }
    Ok(ParsedFile {
        entries: vec![Entry {
            line: None,
            result: Ok(article.bounded()),
        }],
        warnings,
        export: None,
    })
}

/// Per-file state shared by all articles of a file.
struct Context<'p> {
    path_date: PathDate<'p>,
}

/// Collects warnings, prefixing the JSON-lines line number where there is one, so
/// the shared parsing code need not know which kind of file it is in.
struct Sink<'w> {
    out: &'w mut Vec<String>,
    line: Option<usize>,
}

impl Sink<'_> {
    fn warn(&mut self, message: String) {
        match self.line {
            Some(n) => self.out.push(format!("line {n}: {message}")),
            None => self.out.push(message),
        }
    }

    /// For problems of the file itself (its path), reported once, without a line.
    fn warn_file(&mut self, message: String) {
        self.out.push(message);
    }
}

/// Text and Markdown: front matter if there is any, else the seed layout's `date`
/// header if there is one, else all of it is the body.
fn parse_document(
    text: &str,
    markdown: bool,
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
) -> Result<Article, ArticleError> {
    let (meta, rest) = match front_matter::split(text) {
        front_matter::Split::Found { yaml, body } => (front_matter::meta(yaml, sink), body),
        front_matter::Split::Unclosed => {
            sink.warn("front matter has no closing `---` line; read as plain text".to_owned());
            header_meta(text)
        }
        front_matter::Split::None => header_meta(text),
    };
    let body = text::normalize_body(rest);
    assemble(meta, body, markdown, ctx, sink)
}

fn header_meta(text: &str) -> (Meta, &str) {
    match text::split_header(text) {
        Some((raw_date, rest)) => {
            let meta = Meta {
                date: Some(Stated::new(DateSource::Header, raw_date, date::parse_iso)),
                ..Meta::default()
            };
            (meta, rest)
        }
        None => (Meta::default(), text),
    }
}

/// The steps every format shares once it has metadata and a normalised body.
fn assemble(
    meta: Meta,
    mut body: String,
    markdown: bool,
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
) -> Result<Article, ArticleError> {
    if body.is_empty() {
        return Err(ArticleError::MissingText { line: sink.line });
    }
    let title = match meta.title {
        Some(title) => title,
        None => {
            let heading = if markdown {
                title::take_markdown_heading(&mut body)
            } else {
                None
            };
            heading.unwrap_or_else(|| title::take_title(&mut body))
        }
    };
    let (publication_date, date_source) = date::resolve(meta.date, &ctx.path_date, sink);
    Ok(Article {
        title,
        body,
        publication_date,
        date_source,
        url: meta.url,
        site: meta.site,
        authors: meta.authors,
        tags: meta.tags,
        captured: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(path: &str, bytes: &[u8]) -> (Article, Vec<String>) {
        let parsed = parse_file(Path::new(path), bytes).unwrap();
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(parsed.entries[0].line, None);
        (
            parsed.entries.into_iter().next().unwrap().result.unwrap(),
            parsed.warnings,
        )
    }

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// Byte for byte the seed article (corpus/seed/000_eaf787878c6b65eb.txt).
    const SEED: &str = " date 2025-03-22 Donald Trump's top envoy Steve Witkoff has offered a rare glimpse into the unique dynamic between the US President and his Russian counterpart Vladimir Putin.

According to Witkoff, Putin prayed for Trump's well-being after the attempted assassination at a campaign rally last summer. This gesture was not only a demonstration of Putin's concern but also highlighted the friendship between the two leaders.

Witkoff shared this anecdote during an appearance on former Fox News host Tucker Carlson's podcast, recounting his second meeting with Putin. The Russian president had visited his local church, met with his priest, and prayed for Trump's recovery.

\"When the president was shot, he went to his local church and met with his priest and prayed for the president,\" Witkoff said of Putin.

Putin \"had a friendship with him and he was praying for his friend,\" he explained. He added that when he told the same to Trump, he was \"clearly touched.\"

\"This is the kind of connection that we have been able to reestablish through a simple word called communication, which many people would say I shouldn't have had because Putin is a bad guy. I don't regard Putin as a bad guy. That is a complicated situation, that war... You know,\u{2026} pic.twitter.com/KRcFmWl0dl \u{2014} Anton Gerashchenko (@Gerashchenko_en) March 22, 2025

This revelation comes after Trump was grazed by a bullet fired by 20-year-old Thomas Matthew Crooks during a campaign rally near Butler, Pennsylvania. At the time, a Kremlin spokesperson blamed the shooting on Trump's political adversaries.

In another gesture of goodwill, Putin commissioned a \"beautiful portrait\" of Trump by a top Russian artist, which was gifted to Trump. This move underscores the cordial relationship between Putin and Trump, with the latter having expressed admiration for the Russian leader on multiple occasions. Trump has referred to Putin as a \"genius\" and \"a strong leader,\" prompting criticism from those who accuse him of being soft on the Kremlin.

The dynamics between Putin and Trump have been subject to intense scrutiny, particularly given the ongoing conflict in Ukraine. Earlier this week, the two leaders engaged in a two-hour phone call to discuss ending Russia's full-scale invasion of Ukraine. Trump described the conversation as \"very good and productive,\" highlighting the ongoing efforts to resolve the conflict.

";

    #[test]
    fn seed_constant_is_the_seed_file_byte_for_byte() {
        assert_eq!(SEED.len(), 2395);
        assert_eq!(SEED.bytes().filter(|&b| b == b'\n').count(), 18);
    }

    #[test]
    fn seed_file() {
        let (a, warnings) = one("seed/000_eaf787878c6b65eb.txt", SEED.as_bytes());
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            a.title,
            "Donald Trump's top envoy Steve Witkoff has offered a rare glimpse into the unique dynamic between the US President and\u{2026}"
        );
        assert_eq!(a.publication_date, ymd(2025, 3, 22));
        assert_eq!(a.date_source, DateSource::Header);
        // The body keeps the lede and everything after it, minus the header.
        let expected_body = SEED.trim()["date 2025-03-22 ".len()..].to_owned();
        assert_eq!(a.body, expected_body);
        assert!(a.body.starts_with("Donald Trump's top envoy"));
        assert!(a.body.ends_with("to resolve the conflict."));
        assert_eq!(a.body.split("\n\n").count(), 9);
        assert_eq!(a.url, None);
        assert!(a.authors.is_empty() && a.tags.is_empty());
    }

    #[test]
    fn reuters_file_title_line_is_removed_from_body() {
        let file = " date 1987-02-26 BAHIA COCOA REVIEW\n\nShowers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January and improving prospects for the coming temporao, although normal humidity levels have not been restored, Comissaria Smith said in its weekly review.\n\nThe dry period means the temporao will be late this year.\n\n";
        let (a, warnings) = one(
            "reuters21578/1987/02/00000_73f91cc94b575ccd.txt",
            file.as_bytes(),
        );
        assert!(warnings.is_empty());
        assert_eq!(a.title, "BAHIA COCOA REVIEW");
        assert!(a.body.starts_with("Showers continued"));
        assert!(a.body.ends_with("late this year."));
        assert_eq!(a.body.split("\n\n").count(), 2);
        assert_eq!(a.publication_date, ymd(1987, 2, 26));
    }

    #[test]
    fn all_caps_title_ending_in_an_abbreviation_is_a_title() {
        let file = " date 1987-03-02 FUJITSU MAY ASSEMBLE ITS OWN COMPUTERS IN U.S.\n\nFujitsu Ltd said it may assemble computers in the U.S.\n\n";
        let (a, _) = one("a.txt", file.as_bytes());
        assert_eq!(a.title, "FUJITSU MAY ASSEMBLE ITS OWN COMPUTERS IN U.S.");
        assert_eq!(
            a.body,
            "Fujitsu Ltd said it may assemble computers in the U.S."
        );
    }

    #[test]
    fn crlf_and_bom_are_handled_before_the_layout() {
        let file = "\u{feff} date 2025-03-22 Headline here\r\n\r\nFirst paragraph.\r\nSecond line.\r\n\r\n\r\nNext.\r\n";
        let (a, warnings) = one("a.txt", file.as_bytes());
        assert!(warnings.is_empty());
        assert_eq!(a.title, "Headline here");
        assert_eq!(a.body, "First paragraph.\nSecond line.\n\nNext.");
        assert_eq!(a.publication_date, ymd(2025, 3, 22));
    }

    #[test]
    fn latin1_file_decodes_with_a_warning() {
        let bytes = b" date 2025-03-22 Le caf\xe9 du coin ferme ses portes apr\xe8s cent ans.\n\nLe propri\xe9taire a annonc\xe9 la nouvelle \xe0 ses clients.\n";
        let (a, warnings) = one("a.txt", bytes);
        assert!(a.body.contains("Le café du coin"), "{}", a.body);
        assert!(a.body.contains("propriétaire a annoncé la nouvelle à ses"));
        assert_eq!(warnings, ["decoded as windows-1252 (not valid UTF-8)"]);
    }

    #[test]
    fn empty_and_binary_files_are_errors() {
        let err = |b: &[u8]| parse_file(Path::new("x.txt"), b).unwrap_err();
        assert_eq!(err(b""), ArticleError::Empty);
        assert_eq!(err(b" \n\t\r\n"), ArticleError::Empty);
        assert_eq!(err(b"\xEF\xBB\xBF\n"), ArticleError::Empty);
        assert_eq!(err(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), ArticleError::Binary);
        assert_eq!(err(b"").to_string(), "empty file");
    }

    #[test]
    fn header_without_text_is_missing_text() {
        let err = parse_file(Path::new("x.txt"), b" date 2025-03-22 \n\n").unwrap_err();
        assert_eq!(err, ArticleError::MissingText { line: None });
    }

    #[test]
    fn impossible_header_date_falls_back_to_the_path() {
        let file = " date 2025-02-30 Headline\n\nText of the story.\n";
        let (a, warnings) = one("archive/2025-03-01/story.txt", file.as_bytes());
        assert_eq!(a.publication_date, ymd(2025, 3, 1));
        assert_eq!(a.date_source, DateSource::Path);
        assert_eq!(
            warnings,
            ["date 2025-02-30 in the header is not a real date; using the date in the path"]
        );
        // The header is still not part of the body.
        assert_eq!(a.body, "Text of the story.");

        let (a, warnings) = one("archive/story.txt", file.as_bytes());
        assert_eq!(
            (a.publication_date, a.date_source),
            (None, DateSource::None)
        );
        assert_eq!(
            warnings,
            ["date 2025-02-30 in the header is not a real date; article left undated"]
        );
    }

    #[test]
    fn text_without_header_uses_path_date_and_whole_text() {
        let (a, _) = one(
            "2019/07/04/fireworks.txt",
            b"Fireworks lit up the sky over the harbour on Thursday night.\n\nCrowds gathered early.",
        );
        assert_eq!(a.publication_date, ymd(2019, 7, 4));
        assert_eq!(a.date_source, DateSource::Path);
        assert_eq!(
            a.title,
            "Fireworks lit up the sky over the harbour on Thursday night."
        );
        assert!(a.body.starts_with("Fireworks lit up"));
    }

    #[test]
    fn txt_with_front_matter() {
        let file = "---\ntitle: Budget passes\ndate: 2025-03-22T10:30:00Z\nauthors: [Ann Lee, Bo Chan]\ntags: politics, budget\n---\nThe budget passed on Saturday.\n";
        let (a, warnings) = one("x/notes.TXT", file.as_bytes());
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(a.title, "Budget passes");
        assert_eq!(a.publication_date, ymd(2025, 3, 22));
        assert_eq!(a.date_source, DateSource::FrontMatter);
        assert_eq!(a.authors, ["Ann Lee", "Bo Chan"]);
        assert_eq!(a.tags, ["politics", "budget"]);
        assert_eq!(a.body, "The budget passed on Saturday.");
    }

    #[test]
    fn markdown_heading_is_the_title_when_front_matter_has_none() {
        let file = "---\ndate: 2025-03-22 10:30\nauthor: Ann Lee\nlink: https://example.org/a\n---\n\n# Storm hits the coast\n\nWinds reached 120 km/h.\n";
        let (a, warnings) = one("a.md", file.as_bytes());
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(a.title, "Storm hits the coast");
        assert_eq!(a.body, "Winds reached 120 km/h.");
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.authors, ["Ann Lee"]);
        assert_eq!(a.publication_date, ymd(2025, 3, 22));

        // Without front matter too; a .txt does not treat `#` specially.
        let (a, _) = one("b.markdown", b"# Plain heading\n\nBody text here.");
        assert_eq!(
            (a.title.as_str(), a.body.as_str()),
            ("Plain heading", "Body text here.")
        );
        let (a, _) = one("b.txt", b"# Plain heading\n\nBody text here.");
        assert_eq!(a.title, "# Plain heading");
    }

    #[test]
    fn invalid_front_matter_warns_and_keeps_the_body() {
        let file = "---\ntitle: [unclosed\n---\nBody after the fence.\n";
        let (a, warnings) = one("a.md", file.as_bytes());
        assert_eq!(a.body, "Body after the fence.");
        assert_eq!(a.title, "Body after the fence.");
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with("front matter is not valid YAML: "),
            "{warnings:?}"
        );
    }

    #[test]
    fn json_file() {
        let file = r#"{"headline": "Rates held", "datePublished": "2025-03-22T08:00:00+09:00",
            "maintext": ["First para.", "Second para."], "link": "https://x.test/1",
            "author": {"@type": "Person", "name": "Ann Lee"}}"#;
        let (a, warnings) = one("a.json", file.as_bytes());
        assert!(warnings.is_empty());
        assert_eq!(a.title, "Rates held");
        assert_eq!(a.body, "First para.\n\nSecond para.");
        assert_eq!(a.publication_date, ymd(2025, 3, 22));
        assert_eq!(a.date_source, DateSource::Json);
        assert_eq!(a.url.as_deref(), Some("https://x.test/1"));
        assert_eq!(a.authors, ["Ann Lee"]);
    }

    #[test]
    fn json_whole_file_errors() {
        let err = |b: &str| parse_file(Path::new("a.json"), b.as_bytes()).unwrap_err();
        assert_eq!(
            err(r#"[{"text": "a"}]"#).to_string(),
            "expected one article object, found an array; use .jsonl for many"
        );
        assert!(matches!(
            err(r#"{"text": "#),
            ArticleError::InvalidJson { line: None, .. }
        ));
        assert_eq!(
            err(r#"{"title": "No text"}"#),
            ArticleError::MissingText { line: None }
        );
    }

    #[test]
    fn jsonl_bad_line_in_the_middle() {
        let file = "{\"text\": \"One.\", \"date\": \"2025-01-01\"}\n\n{\"text\": oops}\n{\"title\": \"T\"}\n[1]\n{\"text\": \"Five.\", \"date\": \"2025-02-30\"}\n";
        let parsed = parse_file(Path::new("feed/2024-12-31.jsonl"), file.as_bytes()).unwrap();
        let lines: Vec<_> = parsed.entries.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(1), Some(3), Some(4), Some(5), Some(6)]);
        let first = parsed.entries[0].result.as_ref().unwrap();
        assert_eq!(first.body, "One.");
        assert_eq!(first.publication_date, ymd(2025, 1, 1));
        let bad = parsed.entries[1].result.as_ref().unwrap_err();
        assert!(
            bad.to_string().starts_with("line 3: invalid JSON: "),
            "{bad}"
        );
        assert_eq!(
            parsed.entries[2].result.as_ref().unwrap_err().to_string(),
            ArticleError::MissingText { line: Some(4) }.to_string()
        );
        assert_eq!(
            parsed.entries[3].result.as_ref().unwrap_err().to_string(),
            "line 5: expected an article object, found an array"
        );
        let last = parsed.entries[4].result.as_ref().unwrap();
        assert_eq!(last.publication_date, ymd(2024, 12, 31));
        assert_eq!(last.date_source, DateSource::Path);
        assert_eq!(
            parsed.warnings,
            ["line 6: date 2025-02-30 in the JSON is not a real date; using the date in the path"]
        );
    }

    #[test]
    fn format_by_extension() {
        let f = |p: &str| format_for_path(Path::new(p));
        assert_eq!(f("a/b.txt"), Some(Format::Text));
        assert_eq!(f("b.TEXT"), Some(Format::Text));
        assert_eq!(f("b.Md"), Some(Format::Markdown));
        assert_eq!(f("b.markdown"), Some(Format::Markdown));
        assert_eq!(f("b.JSON"), Some(Format::Json));
        assert_eq!(f("b.jsonl"), Some(Format::JsonLines));
        assert_eq!(f("b.ndjson"), Some(Format::JsonLines));
        assert_eq!(f("b.html"), Some(Format::Html));
        assert_eq!(f("b.HTM"), Some(Format::Html));
        assert_eq!(f("b.xhtml"), Some(Format::Html));
        assert_eq!(f("b.mhtml"), Some(Format::Mhtml));
        assert_eq!(f("b.MHT"), Some(Format::Mhtml));
        assert_eq!(f("crawl.warc"), Some(Format::Warc));
        assert_eq!(f("crawl.WARC.gz"), Some(Format::Warc));
        assert_eq!(f("notes.txt.gz"), None);
        assert_eq!(f("b.gz"), None);
        assert_eq!(f("b.pdf"), Some(Format::Pdf));
        assert_eq!(f("b.PDF"), Some(Format::Pdf));
        assert_eq!(f("export.DOCX"), Some(Format::Docx));
        assert_eq!(f("old.doc"), None);
        assert_eq!(f("README"), None);
        assert_eq!(f(".txt"), None);
    }

    #[test]
    fn unknown_extension_is_read_as_text() {
        let (a, _) = one("notes", b" date 2025-03-22 Hello there\n\nBody.");
        assert_eq!(a.title, "Hello there");
    }

    #[test]
    fn date_source_names() {
        let all = [
            DateSource::Header,
            DateSource::FrontMatter,
            DateSource::Json,
            DateSource::Path,
            DateSource::Saved,
            DateSource::None,
        ];
        let names: Vec<_> = all.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            names,
            [
                "header",
                "front-matter",
                "json",
                "path",
                "mhtml-date",
                "none"
            ]
        );
    }

    /// Cheap deterministic fuzzing: no input may panic.
    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet: &[&[u8]] = &[
            b"date ",
            b"2025-02-30",
            b"1999-12-31",
            b"---\n",
            b"...\n",
            b"\n",
            b"\n\n",
            b"\r",
            b" ",
            b"# ",
            b"title: ",
            b"\"",
            b"{",
            b"}",
            b"[",
            b"]",
            b":",
            b",",
            b". ",
            b"U.S.",
            b"\xC3\xA9",
            b"\xE2\x80\xA6",
            b"\xE9",
            b"\xFF",
            b"\xF0\x9F\x98\x80",
            b"\xEF\xBB\xBF",
            b"\x01",
            b"\0",
            b"abc",
            b"\"text\":",
            b"!",
        ];
        let paths = [
            "a.txt",
            "b.md",
            "c.json",
            "d.jsonl",
            "2020/01/02/e.txt",
            "20200230-x.txt",
            "f.mhtml",
        ];
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let mut bytes = Vec::new();
            for _ in 0..len {
                bytes.extend_from_slice(alphabet[(next() % alphabet.len() as u64) as usize]);
            }
            let path = paths[(next() % paths.len() as u64) as usize];
            let _ = parse_file(Path::new(path), &bytes);
        }
    }
}

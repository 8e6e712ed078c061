//! MHTML (`.mhtml`, `.mht`): a web page saved as one file, as Chrome and Edge write it
//! ("Save as: Webpage, single file"), and Internet Explorer and Word before them.
//!
//! The file is a MIME `multipart/related` message (RFC 2557): a header block saying what
//! was saved (`Snapshot-Content-Location`, `Subject`, `Date`), then one part per resource.
//! One part is the page. It is found (the root the `start` parameter names, else the HTML
//! part at the snapshot's address, else the first HTML part that is not a `cid:` frame),
//! its transfer encoding is undone (quoted-printable, base64), and its bytes go back with
//! the charset its part states, to be read exactly as a saved `.html` file is
//! (`super::read_page`). Images, style sheets and frames (the other HTML documents, one per
//! iframe) are passed over without being decoded.
//!
//! The MIME structure is read by `mailparse` (0BSD) rather than `mail-parser`
//! (Apache-2.0/MIT): mailparse keeps every part as a slice of the file and decodes only the
//! part asked for, where mail-parser decodes every part while parsing (an MHTML file is
//! mostly base64 images); it says why a message is malformed (mail-parser returns `None`),
//! bounds MIME nesting itself (100 levels), decodes RFC 2047 headers (a `Subject` in any
//! script), and builds with the Rust this crate supports (mail-parser's current release
//! needs a newer one). Quoted-printable goes through mailparse's own decoder crate,
//! `quoted_printable`, called directly: strictly first, so that damage is reported, then
//! leniently, as browsers read it.
//!
//! Bounds: a page over [`MAX_PAGE_BYTES`] (a web archive's page has the same), more than
//! [`MAX_PARTS`] parts (each costs a few hundred bytes once parsed, so a file of empty
//! parts would take fifty times its size in memory) and nesting past mailparse's 100 levels
//! are named problems, never a crash.

use std::borrow::Cow;
use std::sync::LazyLock;

use mailparse::body::Body;
use mailparse::{MailHeaderMap, MailParseError, ParsedMail};
use quoted_printable::{Options, ParseMode, QuotedPrintableError};
use regex::Regex;

use super::{one_line, ArticleError};

/// The largest page read, once its transfer encoding is undone: as for a web archive's.
pub(crate) const MAX_PAGE_BYTES: usize = 16 << 20;
/// Quoted-printable writes a byte as at most three, base64 as four thirds and line breaks:
/// a page part longer than this many times the bound as written is over it whatever it
/// holds, and is refused before anything is decoded (a 2 GB part is never copied).
const ENCODED_PER_DECODED: usize = 3;
/// Parts in one file. Chrome writes one per image, style sheet and frame: hundreds for a
/// heavy page.
pub(crate) const MAX_PARTS: usize = 100_000;
/// How much of a file the sniffing for MIME headers looks at.
const SNIFF_LEN: usize = 1024;
/// Bytes of a `Subject` put in as a missing `<title>`; the title is cut far shorter on
/// the way out anyway (`bounds.rs`).
const MAX_SUBJECT_BYTES: usize = 4096;

/// Why an MHTML file gives no page. Messages name no file and fit on one line.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum MhtmlProblem {
    #[error("no Content-Type header: not a MIME file")]
    NoContentType,
    #[error("its Content-Type is {found}, not multipart/related")]
    NotMultipart { found: String },
    #[error("the file ends inside its header block (cut short)")]
    Truncated,
    #[error("multipart without a boundary parameter: its parts cannot be told apart")]
    NoBoundary,
    #[error("the boundary its header declares never appears: no parts")]
    BoundaryNeverAppears,
    #[error("no HTML part (only images, style sheets or frames)")]
    NoPage,
    #[error("the page's base64 is broken ({reason})")]
    BrokenBase64 { reason: String },
    #[error("the page is larger than {} MiB", MAX_PAGE_BYTES >> 20)]
    PageTooLarge,
    #[error("more than {MAX_PARTS} MIME parts")]
    TooManyParts,
    #[error("MIME parts nested more than 100 deep")]
    TooDeep,
    #[error("malformed MIME ({reason})")]
    Malformed { reason: String },
}

impl MhtmlProblem {
    /// A short name of the problem, for grouping in summaries.
    pub fn label(&self) -> &'static str {
        match self {
            MhtmlProblem::NoContentType | MhtmlProblem::NotMultipart { .. } => "not MHTML",
            MhtmlProblem::Truncated => "MHTML cut short",
            MhtmlProblem::NoBoundary => "MHTML without boundary",
            MhtmlProblem::BoundaryNeverAppears => "MHTML boundary missing",
            MhtmlProblem::NoPage => "MHTML without page",
            MhtmlProblem::BrokenBase64 { .. } => "broken base64",
            MhtmlProblem::PageTooLarge => "page too large",
            MhtmlProblem::TooManyParts => "too many MIME parts",
            MhtmlProblem::TooDeep => "MIME nested too deep",
            MhtmlProblem::Malformed { .. } => "malformed MIME",
        }
    }
}

/// The page an MHTML file holds, with what the file says around it.
#[derive(Debug)]
pub(super) struct SavedPage {
    /// The page part's bytes, its transfer encoding undone (a copy even when there is none
    /// to undo: mailparse lends a part's bytes only as long as the parsed message lives).
    pub(super) html: Vec<u8>,
    /// The charset the page's part states.
    pub(super) charset: Option<String>,
    /// Where the page was saved from: the snapshot's address, else its part's.
    pub(super) address: Option<String>,
    /// When it was saved (`Date`).
    pub(super) saved: Option<String>,
    /// The page's title as the browser showed it (`Subject`).
    pub(super) subject: Option<String>,
}

/// The page of an MHTML file, and warnings about damage it could be read through.
pub(super) fn saved_page(
    bytes: &[u8],
    warnings: &mut Vec<String>,
) -> Result<SavedPage, ArticleError> {
    let bytes = trim_start(bytes);
    if bytes.is_empty() {
        return Err(ArticleError::Empty);
    }
    // Every boundary line starts a line with `--`; counting those bounds the parts at
    // every depth before mailparse builds them.
    if memchr::memmem::find_iter(bytes, b"\n--").count() >= MAX_PARTS {
        return Err(MhtmlProblem::TooManyParts.into());
    }
    let mail = mailparse::parse_mail(bytes).map_err(malformed)?;
    let page = page_part(&mail)?;
    let html = transfer_decoded(page, MAX_PAGE_BYTES, warnings)?;
    let runs_to_the_end = page.raw_bytes.as_ptr_range().end == bytes.as_ptr_range().end;
    if runs_to_the_end && !mail.subparts.is_empty() {
        warnings.push(
            "MHTML cut short: the file ends inside its page; indexed what is there".to_owned(),
        );
    }
    let header = |name: &str| {
        mail.headers
            .get_first_value(name)
            .map(|value| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    };
    let address = [
        header("Snapshot-Content-Location"),
        page.headers.get_first_value("Content-Location"),
    ]
    .into_iter()
    .flatten()
    .map(|address| address.trim().to_owned())
    .find(|address| address.starts_with("http://") || address.starts_with("https://"));
    Ok(SavedPage {
        html,
        charset: page.ctype.params.get("charset").cloned(),
        address,
        saved: header("Date"),
        subject: header("Subject"),
    })
}

fn malformed(error: MailParseError) -> ArticleError {
    let problem = match error {
        // mailparse's only word for its nesting bound (checked by a test).
        MailParseError::Generic(message) if message.contains("Recursion limit") => {
            MhtmlProblem::TooDeep
        }
        other => MhtmlProblem::Malformed {
            reason: one_line(&other.to_string(), 100),
        },
    };
    problem.into()
}

/// The part that is the page (see the module), or why there is none.
fn page_part<'m>(mail: &'m ParsedMail<'m>) -> Result<&'m ParsedMail<'m>, MhtmlProblem> {
    let mimetype = mail.ctype.mimetype.as_str();
    if is_html(mimetype) {
        // Internet Explorer saved a page without resources as one HTML part.
        return Ok(mail);
    }
    let raw_headers = mail.get_headers().get_raw_bytes();
    if !(raw_headers.ends_with(b"\n\n") || raw_headers.ends_with(b"\n\r\n")) {
        // Headers that never end are a file cut short if they said MIME, else no MIME.
        return Err(if looks_like_mime(mail.raw_bytes) {
            MhtmlProblem::Truncated
        } else {
            MhtmlProblem::NoContentType
        });
    }
    if !mimetype.starts_with("multipart/") {
        return Err(match mail.headers.get_first_value("Content-Type") {
            None => MhtmlProblem::NoContentType,
            Some(_) => MhtmlProblem::NotMultipart {
                found: one_line(mimetype, 60),
            },
        });
    }
    let params = &mail.ctype.params;
    if !params.contains_key("boundary") {
        return Err(MhtmlProblem::NoBoundary);
    }
    if mail.subparts.is_empty() {
        return Err(MhtmlProblem::BoundaryNeverAppears);
    }
    // `type` names the root's type; only an HTML one narrows the choice.
    let root_type = params
        .get("type")
        .map(|t| t.trim().to_ascii_lowercase())
        .filter(|t| is_html(t));
    let candidates: Vec<&ParsedMail<'_>> = mail
        .parts()
        .skip(1)
        .filter(|part| match &root_type {
            Some(wanted) => part.ctype.mimetype == *wanted,
            None => is_html(&part.ctype.mimetype),
        })
        .collect();
    let location = |part: &ParsedMail<'_>| part.headers.get_first_value("Content-Location");
    let by_start = params.get("start").and_then(|start| {
        candidates.iter().find(|part| {
            part.headers
                .get_first_value("Content-ID")
                .is_some_and(|id| same_content_id(&id, start))
        })
    });
    let snapshot = mail.headers.get_first_value("Snapshot-Content-Location");
    let by_address = snapshot.and_then(|snapshot| {
        candidates
            .iter()
            .find(|part| location(part).is_some_and(|l| l.trim() == snapshot.trim()))
    });
    let first_document = candidates.iter().find(|part| {
        !location(part).is_some_and(|l| l.trim_start().to_ascii_lowercase().starts_with("cid:"))
    });
    by_start
        .or(by_address)
        .or(first_document)
        .copied()
        .ok_or(MhtmlProblem::NoPage)
}

fn is_html(mimetype: &str) -> bool {
    mimetype == "text/html" || mimetype == "application/xhtml+xml"
}

/// `<frame-1@mhtml.blink>` and `frame-1@mhtml.blink` name the same part.
fn same_content_id(id: &str, wanted: &str) -> bool {
    let bare = |s: &str| {
        let s = s.trim();
        s.strip_prefix('<')
            .and_then(|s| s.strip_suffix('>'))
            .unwrap_or(s)
            .to_owned()
    };
    bare(id) == bare(wanted)
}

/// The part's body with its transfer encoding undone, held to `max_bytes`.
pub(super) fn transfer_decoded<'m>(
    part: &'m ParsedMail<'m>,
    max_bytes: usize,
    warnings: &mut Vec<String>,
) -> Result<Vec<u8>, MhtmlProblem> {
    let body = part.get_body_encoded();
    let raw = match &body {
        Body::Base64(encoded) | Body::QuotedPrintable(encoded) => encoded.get_raw(),
        Body::SevenBit(text) | Body::EightBit(text) => text.get_raw(),
        Body::Binary(binary) => binary.get_raw(),
    };
    if raw.len() > max_bytes.saturating_mul(ENCODED_PER_DECODED) {
        return Err(MhtmlProblem::PageTooLarge);
    }
    let decoded = match &body {
        Body::Base64(encoded) => {
            encoded
                .get_decoded()
                .map_err(|error| MhtmlProblem::BrokenBase64 {
                    reason: one_line(&error.to_string(), 80),
                })?
        }
        Body::QuotedPrintable(_) => quoted_printable(raw, warnings),
        _ => raw.to_vec(),
    };
    if decoded.len() > max_bytes {
        return Err(MhtmlProblem::PageTooLarge);
    }
    Ok(decoded)
}

/// Quoted-printable read strictly, else leniently (an `=` without two hex digits is kept as
/// written, as browsers keep it). Only damage to the escapes is worth a warning: lines over
/// 76 bytes, LF line ends and lowercase hex are common and harmless, so the strict reading
/// allows long lines, and its other complaints are not reported.
fn quoted_printable(raw: &[u8], warnings: &mut Vec<String>) -> Vec<u8> {
    let raw = escape_8bit(raw);
    let strict = Options::default()
        .parse_mode(ParseMode::Strict)
        .line_length_limit(usize::MAX);
    match quoted_printable::decode_with_options(&*raw, strict) {
        Ok(decoded) => decoded,
        Err(error) => {
            if matches!(
                error,
                QuotedPrintableError::InvalidHexOctet | QuotedPrintableError::IncompleteHexOctet
            ) {
                warnings.push(
                    "the page's quoted-printable is damaged (an '=' without two hex digits after it); read as written"
                        .to_owned(),
                );
            }
            // The lenient reading has no error; were it to have one, the bytes as written
            // are the best reading left.
            quoted_printable::decode(&*raw, ParseMode::Robust).unwrap_or_else(|_| raw.to_vec())
        }
    }
}

/// RFC 2045 allows no raw byte above 0x7F in quoted-printable, and the decoder drops them;
/// some tools write UTF-8 unescaped all the same, so those bytes are escaped first.
fn escape_8bit(raw: &[u8]) -> Cow<'_, [u8]> {
    if raw.is_ascii() {
        return Cow::Borrowed(raw);
    }
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut escaped = Vec::with_capacity(raw.len() + raw.len() / 2);
    for &byte in raw {
        if byte.is_ascii() {
            escaped.push(byte);
        } else {
            escaped.extend_from_slice(&[
                b'=',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xF)],
            ]);
        }
    }
    Cow::Owned(escaped)
}

static TITLE_ELEMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<title[\s/>]").expect("static pattern"));
static DOCTYPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\A\s*<!doctype[^>]*>").expect("static pattern"));

/// The page's text with `subject` as its `<title>` when it has none: the title the browser
/// showed when the page was saved. It goes where a browser parses it into the head (after
/// the doctype, which must stay first), so the page's own headline, `og:title` or `<h1>`
/// still comes first, as it would in a saved `.html` page.
pub(super) fn with_title_fallback<'t>(text: Cow<'t, str>, subject: &str) -> Cow<'t, str> {
    if subject.trim().is_empty() || TITLE_ELEMENT.is_match(&text) {
        return text;
    }
    let subject = &subject[..floor_char_boundary(subject, MAX_SUBJECT_BYTES)];
    let escaped = subject
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let at = DOCTYPE.find(&text).map_or(0, |doctype| doctype.end());
    let mut with_title = String::with_capacity(text.len() + escaped.len() + 15);
    with_title.push_str(&text[..at]);
    with_title.push_str("<title>");
    with_title.push_str(&escaped);
    with_title.push_str("</title>");
    with_title.push_str(&text[at..]);
    Cow::Owned(with_title)
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether the file opens with a MIME header block that says what it is (an MHTML file
/// renamed `.html`): every line of the first KB up to the blank line is a header field,
/// and one of them is `MIME-Version`, a multipart `Content-Type`,
/// `Snapshot-Content-Location` or `From: <Saved by …>`. Markup never starts `Name: value`.
pub(super) fn looks_like_mime(bytes: &[u8]) -> bool {
    let window = &bytes[..bytes.len().min(SNIFF_LEN)];
    let cut = window.len() < bytes.len();
    let mut lines = trim_start(window).split(|&b| b == b'\n').peekable();
    let mut marked = false;
    let mut first = true;
    while let Some(line) = lines.next() {
        if cut && lines.peek().is_none() {
            break; // the window ends inside this line
        }
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        match line.first() {
            None => break, // the blank line that ends the headers
            Some(b' ' | b'\t') if !first => {}
            _ => match header_field(line) {
                Some((name, value)) => marked |= is_mime_marker(name, value),
                None => return false,
            },
        }
        first = false;
    }
    marked
}

/// `Name: value` with a name of printable ASCII (RFC 5322 field names).
fn header_field(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = &line[..colon];
    let is_name = !name.is_empty() && name.iter().all(|&b| b.is_ascii_graphic() && b != b':');
    is_name.then(|| (name, line[colon + 1..].trim_ascii()))
}

fn is_mime_marker(name: &[u8], value: &[u8]) -> bool {
    let starts_with = |value: &[u8], prefix: &[u8]| {
        value.len() >= prefix.len() && value[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    name.eq_ignore_ascii_case(b"MIME-Version")
        || name.eq_ignore_ascii_case(b"Snapshot-Content-Location")
        || (name.eq_ignore_ascii_case(b"Content-Type") && starts_with(value, b"multipart/"))
        || (name.eq_ignore_ascii_case(b"From") && starts_with(value, b"<Saved by "))
}

/// Whether a file named `.mhtml` holds markup instead (a page saved under that name).
pub(super) fn looks_like_markup(bytes: &[u8]) -> bool {
    trim_start(bytes).first() == Some(&b'<')
}

/// Without a UTF-8 byte order mark and leading white space.
fn trim_start(bytes: &[u8]) -> &[u8] {
    bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .trim_ascii_start()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::article::{parse_file, Article, DateSource};

    const BOUNDARY: &str = "----MultipartBoundary--Qx7pLm2KfA9sWd4ZrT0bYc1VnE5hGj8uIo3----";

    /// Chrome's header block, byte for byte but for the values.
    fn chrome_header(url: &str, subject: &str, extra_params: &str) -> String {
        format!(
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: {url}\r\nSubject: {subject}\r\nDate: Tue, 14 May 2024 09:12:44 -0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";{extra_params}\r\n\tboundary=\"{BOUNDARY}\"\r\n\r\n\r\n"
        )
    }

    /// One part: its header lines, then its body as written.
    fn part(headers: &[&str], body: &str) -> String {
        let mut part = format!("--{BOUNDARY}\r\n");
        for header in headers {
            part.push_str(header);
            part.push_str("\r\n");
        }
        part.push_str("\r\n");
        part.push_str(body);
        part.push_str("\r\n");
        part
    }

    fn mhtml(header: &str, parts: &[String]) -> Vec<u8> {
        let mut file = header.to_owned();
        for p in parts {
            file.push_str(p);
        }
        file.push_str(&format!("--{BOUNDARY}--\r\n"));
        file.into_bytes()
    }

    const URL: &str = "https://gazette.example/harbour/2024/05/14/petrel-colony";

    /// The page as Chrome writes it: quoted-printable with `=3D` and `=\r\n` soft breaks.
    const PAGE_QP: &str = "<!DOCTYPE html><html><head><meta http-equiv=3D\"Content-Type\" content=3D\"t=\r\next/html; charset=3DUTF-8\"><title>Petrels return</title></head><body><artic=\r\nle><p>A colony of storm petrels has returned to nest on the old breakwater=\r\n at Port Ellery, five years after the birds left it. The warden counted fo=\r\nrty-two pairs on Monday in the caf=C3=A9 quarter.</p></article></body></htm=\r\nl>";

    fn main_part(body: &str, encoding: &str) -> String {
        part(
            &[
                "Content-Type: text/html",
                "Content-ID: <frame-5D1C2B7E9A0F44E1A1B2C3D4E5F60718@mhtml.blink>",
                &format!("Content-Transfer-Encoding: {encoding}"),
                &format!("Content-Location: {URL}"),
            ],
            body,
        )
    }

    fn image_part() -> String {
        part(
            &[
                "Content-Type: image/png",
                "Content-Transfer-Encoding: base64",
                "Content-Location: https://gazette.example/img/petrel.png",
            ],
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
        )
    }

    fn frame_part(location: &str) -> String {
        part(
            &[
                "Content-Type: text/html",
                "Content-ID: <frame-0A1B2C3D4E5F60718293A4B5C6D7E8F9@mhtml.blink>",
                "Content-Transfer-Encoding: quoted-printable",
                &format!("Content-Location: {location}"),
            ],
            "<html><body><p>Advertisement: buy a boat, buy two boats, buy a whole fleet of boats today.</p></body></html>",
        )
    }

    fn chrome_file() -> Vec<u8> {
        mhtml(
            &chrome_header(URL, "Petrels return", ""),
            &[main_part(PAGE_QP, "quoted-printable"), image_part()],
        )
    }

    fn page(bytes: &[u8]) -> (SavedPage, Vec<String>) {
        let mut warnings = Vec::new();
        let page = saved_page(bytes, &mut warnings).unwrap();
        (page, warnings)
    }

    fn problem(bytes: &[u8]) -> ArticleError {
        saved_page(bytes, &mut Vec::new()).unwrap_err()
    }

    fn html_text(page: &SavedPage) -> String {
        String::from_utf8(page.html.to_vec()).unwrap()
    }

    fn article(name: &str, bytes: &[u8]) -> (Article, Vec<String>) {
        let parsed = parse_file(Path::new(name), bytes).unwrap();
        let entry = parsed.entries.into_iter().next().unwrap();
        (entry.result.unwrap(), parsed.warnings)
    }

    #[test]
    fn chrome_page_is_found_and_its_quoted_printable_undone() {
        let file = chrome_file();
        let (page, warnings) = page(&file);
        assert!(warnings.is_empty(), "{warnings:?}");
        let html = html_text(&page);
        assert!(html.starts_with("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">"), "{html}");
        assert!(html.contains("breakwater at Port Ellery"), "{html}");
        assert!(html.contains("forty-two pairs"), "{html}");
        assert!(html.contains("caf\u{e9} quarter"), "{html}");
        assert!(html.ends_with("</html>"), "{html}");
        assert_eq!(page.address.as_deref(), Some(URL));
        assert_eq!(page.subject.as_deref(), Some("Petrels return"));
        assert_eq!(
            page.saved.as_deref(),
            Some("Tue, 14 May 2024 09:12:44 -0000")
        );
        assert_eq!(page.charset, None);
    }

    #[test]
    fn an_mhtml_file_is_read_as_its_page() {
        let (a, warnings) = article("saved/petrels.mhtml", &chrome_file());
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(a.title, "Petrels return");
        assert_eq!(a.url.as_deref(), Some(URL));
        // The address holds a date, which the page reader prefers to the saving date.
        assert_eq!(a.date_source, DateSource::Url);
        assert!(
            a.body.starts_with("A colony of storm petrels"),
            "{}",
            a.body
        );
        assert!(
            !a.body.contains("=3D") && !a.body.contains("=\n"),
            "{}",
            a.body
        );
        let (same, _) = article("saved/petrels.MHT", &chrome_file());
        assert_eq!(same, a);
    }

    #[test]
    fn the_saving_date_and_subject_fill_in_what_the_page_does_not_say() {
        let body = "<html><body><p>The harbour board met on Tuesday and agreed to repaint every bollard on the north quay before the summer.</p></body></html>";
        let file = mhtml(
            &chrome_header(
                "https://harbour.example/notices/bollards",
                "=?utf-8?Q?Bollards_repainted_at_the_caf=C3=A9_quay?=",
                "",
            ),
            &[main_part(body, "quoted-printable")],
        );
        let mut file_with_url = file.clone();
        let wrong = "Content-Location: https://gazette.example/harbour/2024/05/14/petrel-colony";
        let text = String::from_utf8(file).unwrap().replace(
            wrong,
            "Content-Location: https://harbour.example/notices/bollards",
        );
        file_with_url.clear();
        file_with_url.extend_from_slice(text.as_bytes());
        let (a, _) = article("notice.mhtml", &file_with_url);
        assert_eq!(a.title, "Bollards repainted at the caf\u{e9} quay");
        assert_eq!(
            a.url.as_deref(),
            Some("https://harbour.example/notices/bollards")
        );
        assert_eq!(
            a.publication_date,
            chrono::NaiveDate::from_ymd_opt(2024, 5, 14)
        );
        assert_eq!(a.date_source, DateSource::Saved);
        assert_eq!(a.date_source.as_str(), "mhtml-date");
        assert!(a.body.starts_with("The harbour board met"), "{}", a.body);
    }

    #[test]
    fn a_bad_saving_date_is_named_as_the_files() {
        let body = "<p>The harbour board met on Tuesday and agreed to repaint every bollard on the north quay.</p>";
        let header = chrome_header("https://harbour.example/notices/bollards", "Bollards", "")
            .replace("Tue, 14 May 2024 09:12:44 -0000", "someday soon");
        let file = mhtml(&header, &[main_part(body, "quoted-printable")]);
        let (a, warnings) = article("notice.mhtml", &file);
        assert_eq!(a.date_source, DateSource::None);
        assert_eq!(
            warnings,
            ["date \"someday soon\" in the file's Date header is not a recognised date; article left undated"]
        );
    }

    #[test]
    fn base64_page_with_a_stated_charset() {
        let html = b"<html><head><title>Caf\xe9 reopens</title></head><body><p>The caf\xe9 on the quay reopened on Monday after a winter of repairs to its roof and windows.</p></body></html>";
        let encoded = "PGh0bWw+PGhlYWQ+PHRpdGxlPkNhZukgcmVvcGVuczwvdGl0bGU+PC9oZWFkPjxib2R5PjxwPlRo\r\nZSBjYWbpIG9uIHRoZSBxdWF5IHJlb3BlbmVkIG9uIE1vbmRheSBhZnRlciBhIHdpbnRlciBvZiBy\r\nZXBhaXJzIHRvIGl0cyByb29mIGFuZCB3aW5kb3dzLjwvcD48L2JvZHk+PC9odG1sPg==";
        let main = part(
            &[
                "Content-Type: text/html; charset=\"windows-1252\"",
                "Content-Transfer-Encoding: base64",
                &format!("Content-Location: {URL}"),
            ],
            encoded,
        );
        let file = mhtml(&chrome_header(URL, "Cafe", ""), &[main]);
        let (page, _) = page(&file);
        assert_eq!(page.html, html);
        assert_eq!(page.charset.as_deref(), Some("windows-1252"));
        let (a, warnings) = article("cafe.mht", &file);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(a.title, "Caf\u{e9} reopens");
        assert!(a.body.contains("The caf\u{e9} on the quay"), "{}", a.body);
    }

    #[test]
    fn frames_before_the_page_are_passed_over() {
        // A cid: frame first: the first HTML part that is not a frame.
        let file = mhtml(
            &chrome_header(URL, "Petrels return", ""),
            &[
                frame_part("cid:frame-0A1B2C3D4E5F60718293A4B5C6D7E8F9@mhtml.blink"),
                main_part(PAGE_QP, "quoted-printable"),
            ],
        );
        assert!(html_text(&page(&file).0).contains("storm petrels"));
        // A frame with an address of its own first: the part at the snapshot's address.
        let file = mhtml(
            &chrome_header(URL, "Petrels return", ""),
            &[
                frame_part("https://ads.example/frame.html"),
                main_part(PAGE_QP, "quoted-printable"),
            ],
        );
        assert!(html_text(&page(&file).0).contains("storm petrels"));
    }

    #[test]
    fn the_start_parameter_names_the_root() {
        let file = mhtml(
            &chrome_header(
                "https://elsewhere.example/",
                "Petrels return",
                "\r\n\tstart=\"<frame-5D1C2B7E9A0F44E1A1B2C3D4E5F60718@mhtml.blink>\";",
            ),
            &[
                frame_part("https://ads.example/frame.html"),
                main_part(PAGE_QP, "quoted-printable"),
            ],
        );
        assert!(html_text(&page(&file).0).contains("storm petrels"));
    }

    #[test]
    fn a_single_part_mht_is_its_page() {
        let file = b"From: <Saved by Windows Internet Explorer 8>\r\nSubject: Old page\r\nMIME-Version: 1.0\r\nContent-Type: text/html;\r\n\tcharset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: http://old.example/page.htm\r\n\r\n<HTML><BODY><P>An old page saved by Internet Explorer, with one paragraph of text in it=\r\n and no images.</P></BODY></HTML>\r\n";
        let (page, warnings) = page(file);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(html_text(&page).contains("text in it and no images"));
        assert_eq!(page.address.as_deref(), Some("http://old.example/page.htm"));
    }

    #[test]
    fn bad_files_are_named_problems() {
        let header = chrome_header(URL, "x", "");
        let mhtml_problem = |bytes: &[u8]| match problem(bytes) {
            ArticleError::Mhtml(problem) => problem,
            other => panic!("{other:?}"),
        };
        assert_eq!(problem(b""), ArticleError::Empty);
        assert_eq!(problem(b" \r\n"), ArticleError::Empty);
        assert_eq!(
            mhtml_problem(b"Just some notes."),
            MhtmlProblem::NoContentType
        );
        assert_eq!(
            mhtml_problem(b"\0\x9f\x92\x96\x07\0\xff"),
            MhtmlProblem::NoContentType
        );
        assert_eq!(
            mhtml_problem(b"Subject: x\r\n\r\nJust text."),
            MhtmlProblem::NoContentType
        );
        assert_eq!(
            mhtml_problem(b"MIME-Version: 1.0\r\nContent-Type: image/png\r\n\r\n\x89PNG"),
            MhtmlProblem::NotMultipart {
                found: "image/png".to_owned()
            }
        );
        let no_boundary = header.replace(&format!(";\r\n\tboundary=\"{BOUNDARY}\""), "");
        let file = mhtml(&no_boundary, &[main_part(PAGE_QP, "quoted-printable")]);
        assert_eq!(mhtml_problem(&file), MhtmlProblem::NoBoundary);
        let other = header.replace(BOUNDARY, "----MultipartBoundary--never----");
        let file = mhtml(&other, &[main_part(PAGE_QP, "quoted-printable")]);
        assert_eq!(mhtml_problem(&file), MhtmlProblem::BoundaryNeverAppears);
        let cut = &header.as_bytes()[..header.len() / 2];
        assert_eq!(mhtml_problem(cut), MhtmlProblem::Truncated);
        let file = mhtml(
            &header,
            &[
                image_part(),
                frame_part("cid:frame-0A1B2C3D4E5F60718293A4B5C6D7E8F9@mhtml.blink"),
            ],
        );
        assert_eq!(mhtml_problem(&file), MhtmlProblem::NoPage);
        let file = mhtml(&header, &[main_part("PGh0bWw+*!*=", "base64")]);
        assert!(
            matches!(mhtml_problem(&file), MhtmlProblem::BrokenBase64 { .. }),
            "{:?}",
            problem(&file)
        );
        assert_eq!(
            problem(&file).to_string(),
            "MHTML: the page's base64 is broken (Base64 decode error: invalid symbol at 8)"
        );
        assert_eq!(problem(&file).label(), "broken base64");
    }

    #[test]
    fn absurd_nesting_is_a_named_problem() {
        let depth = 200;
        let mut file = String::from("MIME-Version: 1.0\r\n");
        for level in 0..depth {
            file.push_str(&format!(
                "Content-Type: multipart/related; boundary=\"b{level}-\"\r\n\r\n--b{level}-\r\n"
            ));
        }
        file.push_str("Content-Type: text/html\r\n\r\n<p>Deep down.</p>\r\n");
        assert_eq!(
            problem(file.as_bytes()),
            ArticleError::Mhtml(MhtmlProblem::TooDeep)
        );
    }

    #[test]
    fn too_many_parts_are_refused_before_they_are_parsed() {
        let mut file = chrome_header(URL, "x", "");
        file.push_str(&format!("--{BOUNDARY}\r\n\r\n").repeat(MAX_PARTS));
        assert_eq!(
            problem(file.as_bytes()),
            ArticleError::Mhtml(MhtmlProblem::TooManyParts)
        );
    }

    #[test]
    fn a_page_over_the_bound_is_refused_before_it_is_decoded() {
        let huge = "QUFB\r\n".repeat(MAX_PAGE_BYTES * ENCODED_PER_DECODED / 6 + 1);
        let file = mhtml(&chrome_header(URL, "x", ""), &[main_part(&huge, "base64")]);
        assert_eq!(
            problem(&file),
            ArticleError::Mhtml(MhtmlProblem::PageTooLarge)
        );
        assert_eq!(problem(&file).label(), "page too large");
        // Within the bound as written, over it decoded (a smaller bound: decoding 16 MiB
        // takes seconds in a debug build).
        let body = "QUFB".repeat(1000);
        let file = mhtml(&chrome_header(URL, "x", ""), &[main_part(&body, "base64")]);
        let mail = mailparse::parse_mail(&file).unwrap();
        let part = &mail.subparts[0];
        assert_eq!(
            transfer_decoded(part, 2999, &mut Vec::new()),
            Err(MhtmlProblem::PageTooLarge)
        );
        assert_eq!(
            transfer_decoded(part, 3000, &mut Vec::new()).unwrap().len(),
            3000
        );
        let qp = "=41".repeat(1000);
        let file = mhtml(
            &chrome_header(URL, "x", ""),
            &[main_part(&qp, "quoted-printable")],
        );
        let mail = mailparse::parse_mail(&file).unwrap();
        assert_eq!(
            transfer_decoded(&mail.subparts[0], 999, &mut Vec::new()),
            Err(MhtmlProblem::PageTooLarge)
        );
    }

    #[test]
    fn a_file_cut_inside_its_page_keeps_what_is_there() {
        let file = chrome_file();
        let end = String::from_utf8(file.clone())
            .unwrap()
            .find("rty-two")
            .unwrap();
        let (page, warnings) = page(&file[..end]);
        assert!(html_text(&page).contains("storm petrels"));
        assert_eq!(
            warnings,
            ["MHTML cut short: the file ends inside its page; indexed what is there"]
        );
    }

    #[test]
    fn damaged_quoted_printable_is_read_as_written_with_a_warning() {
        let body = "<p>Tides rise =ZZ by a metre on the quay at dusk, the harbour master said on Monday.</p>";
        let file = mhtml(
            &chrome_header(URL, "x", ""),
            &[main_part(body, "quoted-printable")],
        );
        let (page, warnings) = page(&file);
        assert!(html_text(&page).contains("Tides rise =ZZ by a metre"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("quoted-printable is damaged"));
    }

    #[test]
    fn raw_utf8_in_quoted_printable_is_kept() {
        let body = "<p>Caf\u{e9} =C3=A9 and na\u{ef}ve, on long lines and with LF line ends\nthat strict readers refuse.</p>";
        let file = mhtml(
            &chrome_header(URL, "x", ""),
            &[main_part(body, "quoted-printable")],
        );
        let (page, warnings) = page(&file);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(html_text(&page).contains("Caf\u{e9} \u{e9} and na\u{ef}ve"));
    }

    #[test]
    fn renamed_html_is_sniffed_as_mime() {
        let (a, _) = article("saved/petrels.html", &chrome_file());
        assert_eq!(a.title, "Petrels return");
        assert!(!a.body.contains("=3D") && !a.body.contains("Content-Type"));
        // And an .mhtml that holds markup is read as the page it is.
        let page = b"<html><body><p>A page saved under the wrong name, with a paragraph of text.</p></body></html>";
        let (a, warnings) = article("page.mhtml", page);
        assert!(a.body.starts_with("A page saved under the wrong name"));
        assert_eq!(
            warnings,
            ["not MIME but a web page: read as a saved .html page"]
        );
        // A .txt that opens like a message is still text.
        let (a, _) = article("mail.txt", b"MIME-Version: 1.0\nSubject: hi\n\nDear all.");
        assert!(a.body.contains("MIME-Version"));
    }

    #[test]
    fn sniffing_needs_a_header_block_that_says_mime() {
        assert!(looks_like_mime(&chrome_file()));
        assert!(looks_like_mime(
            b"\xEF\xBB\xBF\r\nMIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<p>"
        ));
        assert!(looks_like_mime(
            b"From: <Saved by Windows Internet Explorer 8>\r\nSubject: x\r\n"
        ));
        assert!(looks_like_mime(
            b"Content-Type: multipart/related; boundary=x\n\n--x\n"
        ));
        // A long first header is cut by the window: what was seen decides.
        let mut long =
            b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://x.example/".to_vec();
        long.extend(std::iter::repeat_n(b'a', 4000));
        assert!(looks_like_mime(&long));
        assert!(!looks_like_mime(b"<!DOCTYPE html><html><head>"));
        assert!(!looks_like_mime(b"Subject: no marker\r\n\r\n"));
        assert!(!looks_like_mime(b"MIME-Version 1.0\r\n"));
        assert!(!looks_like_mime(b"Title: x\r\n<html>MIME-Version: 1.0\r\n"));
        assert!(!looks_like_mime(b""));
    }

    #[test]
    fn the_subject_stands_in_only_for_a_missing_title() {
        let with = |text: &str| with_title_fallback(Cow::Borrowed(text), "A <b> & c").into_owned();
        assert_eq!(
            with("<!doctype html><html><body>x"),
            "<!doctype html><title>A &lt;b&gt; &amp; c</title><html><body>x"
        );
        assert_eq!(with("<p>x"), "<title>A &lt;b&gt; &amp; c</title><p>x");
        assert_eq!(with("<TITLE>Own</TITLE><p>x"), "<TITLE>Own</TITLE><p>x");
        assert_eq!(
            with_title_fallback(Cow::Borrowed("<p>x"), " ").into_owned(),
            "<p>x"
        );
    }

    /// Cheap deterministic fuzzing of the MIME reader: no input may panic.
    #[test]
    fn arbitrary_mime_never_panics() {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet: &[&[u8]] = &[
            b"MIME-Version: 1.0\r\n",
            b"Content-Type: multipart/related; boundary=\"b\"\r\n",
            b"Content-Type: multipart/related; type=\"text/html\"; start=\"<a>\"; boundary=b\r\n",
            b"Content-Type: text/html; charset=windows-1252\r\n",
            b"Content-Type: text/html\r\n",
            b"Content-ID: <a>\r\n",
            b"Content-Location: cid:x\r\n",
            b"Content-Location: https://a.example/\r\n",
            b"Snapshot-Content-Location: https://a.example/\r\n",
            b"Content-Transfer-Encoding: quoted-printable\r\n",
            b"Content-Transfer-Encoding: base64\r\n",
            b"\r\n",
            b"\n",
            b"--b\r\n",
            b"--b--\r\n",
            b"<p>text text text</p>",
            b"=3D",
            b"=\r\n",
            b"=Z",
            b"PGI+",
            b"\xC3\xA9",
            b"\xFF",
            b" ",
            b"\t",
            b"\0",
        ];
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let mut bytes = Vec::new();
            for _ in 0..len {
                bytes.extend_from_slice(alphabet[(next() % alphabet.len() as u64) as usize]);
            }
            let _ = parse_file(Path::new("a.mhtml"), &bytes);
            let _ = parse_file(Path::new("a.html"), &bytes);
        }
    }
}

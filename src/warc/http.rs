//! The web page a WARC record holds, if it holds one: a `response` record's HTTP
//! message, undone of its transfer and content encodings, or a `resource` record's HTML.

use std::borrow::Cow;
use std::io::Read;

use flate2::read::{DeflateDecoder, GzDecoder, ZlibDecoder};

use super::Head;

/// An HTML page from a record.
#[derive(Debug)]
pub struct Page<'b> {
    pub html: Cow<'b, [u8]>,
    /// The `charset` of the HTTP `Content-Type`, when it states one.
    pub charset: Option<String>,
}

/// Why a record holds no page: counted, never reported one by one (a crawl holds
/// thousands of images, scripts and redirects).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Passed {
    /// `request`, `metadata`, `warcinfo`, `revisit`, `conversion` records.
    NotAResponse,
    /// Images, style sheets, scripts, JSON, PDF …
    NotHtml,
    /// Redirects, errors, anything but 2xx.
    Status,
    /// An HTTP message that does not parse.
    NotHttp,
    /// An encoding this reader cannot undo (Brotli, zstd), or broken compressed data.
    Encoded,
    /// A block over the size limit, never read.
    TooLarge,
}

impl Passed {
    pub fn label(self) -> &'static str {
        match self {
            Passed::NotAResponse => "not a response",
            Passed::NotHtml => "not HTML",
            Passed::Status => "redirect or error",
            Passed::NotHttp => "not an HTTP response",
            Passed::Encoded => "undecodable content encoding",
            Passed::TooLarge => "too large",
        }
    }
}

/// Whether a record's block is worth reading: only responses and resources can hold a
/// page.
pub fn may_hold_page(head: &Head) -> bool {
    head.is_type("response") || head.is_type("resource")
}

/// The largest page a record may hold, as stored or once its content encoding is undone:
/// a news page is rarely over a few megabytes (the largest of the Zyte benchmark's 181
/// is 2.4 MB), and a compressed body that inflates past this is a bomb, not an article.
/// Inflating stops here, so a record never costs more than this in memory, and the
/// record is counted "too large".
pub const MAX_PAGE_BYTES: u64 = 16 << 20;

/// Headers an HTTP response may have before it is taken for something else.
const MAX_HEADERS: usize = 256;

pub fn page<'b>(head: &Head, block: &'b [u8]) -> Result<Page<'b>, Passed> {
    if head.is_type("response") {
        return http_page(block);
    }
    if !head.is_type("resource") {
        return Err(Passed::NotAResponse);
    }
    let content_type = head.get("Content-Type").unwrap_or("");
    if is_html_type(content_type) || (content_type.is_empty() && sniffs_html(block)) {
        Ok(Page {
            html: Cow::Borrowed(block),
            charset: charset_of(content_type),
        })
    } else {
        Err(Passed::NotHtml)
    }
}

fn http_page(block: &[u8]) -> Result<Page<'_>, Passed> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let head_len = match response.parse(block) {
        Ok(httparse::Status::Complete(len)) => len,
        _ => return Err(Passed::NotHttp),
    };
    if !(200..300).contains(&response.code.unwrap_or(0)) {
        return Err(Passed::Status);
    }
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).into_owned())
    };
    let content_type = header("Content-Type").unwrap_or_default();
    let mut body = Cow::Borrowed(&block[head_len..]);
    let chunked =
        header("Transfer-Encoding").is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    if chunked {
        // Some archivers store the message de-chunked but keep the header.
        if let Some(joined) = dechunk(&body) {
            body = Cow::Owned(joined);
        }
    }
    let encoding = header("Content-Encoding").unwrap_or_default();
    let body = decode_content(body, encoding.trim())?;
    if body.len() as u64 > MAX_PAGE_BYTES {
        return Err(Passed::TooLarge);
    }
    let html = if content_type.is_empty() {
        sniffs_html(&body)
    } else {
        is_html_type(&content_type)
    };
    if !html {
        return Err(Passed::NotHtml);
    }
    Ok(Page {
        html: body,
        charset: charset_of(&content_type),
    })
}

fn is_html_type(content_type: &str) -> bool {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    media == "text/html" || media == "application/xhtml+xml"
}

/// A body without a type that starts like a page (after a BOM and white space).
fn sniffs_html(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head = &body[start..body.len().min(start + 15)];
    let head = head.to_ascii_lowercase();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_owned())
            .filter(|v| !v.is_empty())
    })
}

fn decode_content<'b>(body: Cow<'b, [u8]>, encoding: &str) -> Result<Cow<'b, [u8]>, Passed> {
    let encoding = encoding.to_ascii_lowercase();
    let mut decoded = Vec::new();
    // One byte past the bound tells a page over it from one exactly at it.
    let bound = MAX_PAGE_BYTES + 1;
    let result = match encoding.as_str() {
        "" | "identity" => return Ok(body),
        "gzip" | "x-gzip" => GzDecoder::new(&*body).take(bound).read_to_end(&mut decoded),
        // "deflate" is zlib-wrapped by the standard and raw by some servers.
        "deflate" => ZlibDecoder::new(&*body)
            .take(bound)
            .read_to_end(&mut decoded)
            .or_else(|_| {
                decoded.clear();
                DeflateDecoder::new(&*body)
                    .take(bound)
                    .read_to_end(&mut decoded)
            }),
        _ => return Err(Passed::Encoded),
    };
    match result {
        Ok(_) if decoded.len() as u64 > MAX_PAGE_BYTES => Err(Passed::TooLarge),
        Ok(_) => Ok(Cow::Owned(decoded)),
        // Some archivers store the body decoded but keep the header: use it as it is.
        Err(_) if sniffs_html(&body) => Ok(body),
        Err(_) => Err(Passed::Encoded),
    }
}

/// The chunks of a chunked body joined, or None when it is not chunked after all. A
/// body cut inside a chunk keeps what arrived.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let line_end = memchr::memchr(b'\n', rest)?;
        let size_line = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size_text = size_line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        let take = size.min(rest.len());
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        if rest.is_empty() {
            return Some(out);
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response_head() -> Head {
        Head {
            fields: vec![
                ("WARC-Type".to_owned(), "response".to_owned()),
                (
                    "Content-Type".to_owned(),
                    "application/http; msgtype=response".to_owned(),
                ),
            ],
        }
    }

    #[test]
    fn a_response_gives_its_html_and_charset() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\n\r\n<html><p>caf\xe9</p>";
        let page = page(&response_head(), block).unwrap();
        assert_eq!(&*page.html, b"<html><p>caf\xe9</p>");
        assert_eq!(page.charset.as_deref(), Some("ISO-8859-1"));
    }

    #[test]
    fn what_is_not_a_page_is_passed_with_a_reason() {
        let head = response_head();
        let redirect = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\nContent-Type: text/html\r\n\r\n";
        assert_eq!(page(&head, redirect).unwrap_err(), Passed::Status);
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert_eq!(page(&head, image).unwrap_err(), Passed::NotHtml);
        assert_eq!(
            page(&head, b"not http at all").unwrap_err(),
            Passed::NotHttp
        );
        let brotli =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\x1b\x03";
        assert_eq!(page(&head, brotli).unwrap_err(), Passed::Encoded);
        let request = Head {
            fields: vec![("WARC-Type".to_owned(), "request".to_owned())],
        };
        assert_eq!(
            page(&request, b"GET / HTTP/1.1\r\n\r\n").unwrap_err(),
            Passed::NotAResponse
        );
    }

    #[test]
    fn chunks_and_gzip_are_undone() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<!doctype html><p>hello</p>").unwrap();
        let gzipped = gz.finish().unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        let (first, second) = gzipped.split_at(10);
        for chunk in [first, second] {
            block.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            block.extend_from_slice(chunk);
            block.extend_from_slice(b"\r\n");
        }
        block.extend_from_slice(b"0\r\n\r\n");
        let page = page(&response_head(), &block).unwrap();
        assert_eq!(&*page.html, b"<!doctype html><p>hello</p>");
    }

    #[test]
    fn a_body_stored_decoded_is_used_as_it_is() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n<html><p>plain</p>";
        let page = page(&response_head(), block).unwrap();
        assert_eq!(&*page.html, b"<html><p>plain</p>");
    }

    #[test]
    fn a_body_that_inflates_past_the_bound_is_too_large() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(b"<!doctype html><p>").unwrap();
        let zeros = vec![b'a'; 1 << 20];
        for _ in 0..=(MAX_PAGE_BYTES >> 20) {
            gz.write_all(&zeros).unwrap();
        }
        let bomb = gz.finish().unwrap();
        assert!(bomb.len() < 64 << 10, "{}", bomb.len());
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend_from_slice(&bomb);
        assert_eq!(
            page(&response_head(), &block).unwrap_err(),
            Passed::TooLarge
        );
    }

    #[test]
    fn untyped_bodies_are_sniffed() {
        let block = b"HTTP/1.0 200 OK\r\n\r\n  <!DOCTYPE html><p>x</p>";
        assert!(page(&response_head(), block).is_ok());
        let block = b"HTTP/1.0 200 OK\r\n\r\n{\"json\": true}";
        assert_eq!(page(&response_head(), block).unwrap_err(), Passed::NotHtml);
    }
}

//! Bytes → text with LF line endings.
//!
//! Archives collected over decades hold files saved by all sorts of tools, so
//! non-UTF-8 text is decoded rather than rejected; but it is rare, and valid UTF-8
//! (the common case) is borrowed, not copied.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

use super::ArticleError;

/// How much of the file the binary sniffing looks at; enough to see through any
/// file-format header, small enough to cost nothing on large files.
const SNIFF_LEN: usize = 8 * 1024;
/// How much text past the valid UTF-8 prefix the encoding detector reads.
const DETECT_LEN: usize = 64 * 1024;

/// Decode `bytes`, pushing a warning when it is not UTF-8. For files that may
/// declare their encoding (a web page's `<meta charset>`), the declaration is
/// used when the bytes are not valid UTF-8, before detection; valid UTF-8 is read as UTF-8 whatever the page declares,
/// since a page mislabelled as Latin-1 is far likelier than Latin-1 that happens to
/// be valid UTF-8.
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    declared: Option<&'static Encoding>,
    warnings: &mut Vec<String>,
) -> Result<Cow<'a, str>, ArticleError> {
    // UTF-16 is full of NUL bytes, so it must be recognised before the binary check.
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        if encoding != UTF_8 {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            if text.contains('\0') {
                return Err(ArticleError::Binary);
            }
            warnings.push(decoded_warning(encoding, "byte order mark", had_errors));
            return finish(text);
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ArticleError::Empty);
    }
    if looks_binary(bytes) {
        return Err(ArticleError::Binary);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) if declared.is_some_and(|e| e != UTF_8) => {
            let encoding = declared.unwrap_or(UTF_8);
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            // A page read in the encoding it declares is as it should be; only a
            // declaration the bytes belie is worth a word.
            if had_errors {
                warnings.push(decoded_warning(encoding, "declared in the page", true));
            }
            text
        }
        Err(err) => {
            // Detection is slow (tens of MB/s); the text around the first non-UTF-8
            // bytes says as much about the encoding as the whole file would.
            let sample_end = bytes
                .len()
                .min(err.valid_up_to().saturating_add(DETECT_LEN));
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(&bytes[..sample_end], true);
            let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            warnings.push(decoded_warning(encoding, "not valid UTF-8", had_errors));
            text
        }
    };
    finish(text)
}

fn finish(text: Cow<'_, str>) -> Result<Cow<'_, str>, ArticleError> {
    if text.trim().is_empty() {
        return Err(ArticleError::Empty);
    }
    Ok(lf_only(text))
}

fn decoded_warning(encoding: &'static Encoding, why: &str, had_errors: bool) -> String {
    let mut message = format!("decoded as {} ({why})", encoding.name());
    if had_errors {
        message.push_str("; undecodable bytes were replaced with U+FFFD");
    }
    message
}

/// A NUL byte never occurs in text; a high share of other C0 controls means some
/// binary format that happens to avoid NULs. Tab, LF, CR and form feed are text.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    let mut controls = 0usize;
    for &b in sample {
        match b {
            0 => return true,
            b'\t' | b'\n' | b'\r' | 0x0C => {}
            0x01..=0x1F | 0x7F => controls += 1,
            _ => {}
        }
    }
    controls * 10 > sample.len()
}

/// CRLF and lone CR → LF. Borrows when there is no CR, which is nearly always.
pub(crate) fn lf_only(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        // CR is ASCII, so i + 1 is a char boundary.
        rest = &rest[i + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode<'a>(
        bytes: &'a [u8],
        warnings: &mut Vec<String>,
    ) -> Result<Cow<'a, str>, ArticleError> {
        super::decode(bytes, None, warnings)
    }

    fn ok(bytes: &[u8]) -> (String, Vec<String>) {
        let mut warnings = Vec::new();
        let text = decode(bytes, &mut warnings).unwrap().into_owned();
        (text, warnings)
    }

    fn err(bytes: &[u8]) -> ArticleError {
        decode(bytes, &mut Vec::new()).unwrap_err()
    }

    #[test]
    fn utf8_is_borrowed_unchanged() {
        let mut warnings = Vec::new();
        let text = decode("caf\u{e9} \u{2014} ok\n".as_bytes(), &mut warnings).unwrap();
        assert!(matches!(text, Cow::Borrowed("caf\u{e9} \u{2014} ok\n")));
        assert!(warnings.is_empty());
    }

    #[test]
    fn bom_is_stripped() {
        assert_eq!(ok(b"\xEF\xBB\xBFhello").0, "hello");
    }

    #[test]
    fn latin1_is_detected() {
        let (text, warnings) = ok(b"Un caf\xe9 cr\xe8me, s'il vous pla\xeet.");
        assert_eq!(text, "Un café crème, s'il vous plaît.");
        assert_eq!(warnings, ["decoded as windows-1252 (not valid UTF-8)"]);
        // Even a lone non-ASCII byte in a short text.
        assert_eq!(ok(b"caf\xe9").0, "café");
    }

    #[test]
    fn detection_looks_past_a_long_ascii_prefix() {
        let mut bytes = b"plain ascii text. ".repeat(10_000);
        bytes.extend_from_slice(b"Le caf\xe9 cr\xe8me et la cr\xe8me br\xfbl\xe9e.");
        let (text, _) = ok(&bytes);
        assert!(text.ends_with("Le café crème et la crème brûlée."));
    }

    #[test]
    fn windows_1252_punctuation() {
        let (text, _) = ok(b"\x93Quoted\x94 \x96 and so on\x85 the end.");
        assert_eq!(
            text,
            "\u{201c}Quoted\u{201d} \u{2013} and so on\u{2026} the end."
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "date 2025-03-22 caf\u{e9}".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (text, warnings) = ok(&bytes);
        assert_eq!(text, "date 2025-03-22 café");
        assert_eq!(warnings, ["decoded as UTF-16LE (byte order mark)"]);
    }

    #[test]
    fn empty_and_whitespace_only() {
        assert_eq!(err(b""), ArticleError::Empty);
        assert_eq!(err(b"\xEF\xBB\xBF"), ArticleError::Empty);
        assert_eq!(err(b"  \r\n\t\n"), ArticleError::Empty);
        // Unicode white space only (no-break spaces).
        assert_eq!(err("\u{a0}\u{3000}\n".as_bytes()), ArticleError::Empty);
    }

    #[test]
    fn binary_detection() {
        assert_eq!(err(b"text\0more"), ArticleError::Binary);
        assert_eq!(err(b"\x01\x02\x03\x04abcdefg"), ArticleError::Binary);
        // NUL past the sniffed prefix is not looked for.
        let mut late_nul = vec![b'a'; SNIFF_LEN];
        late_nul.push(0);
        assert!(decode(&late_nul, &mut Vec::new()).is_ok());
        // Escape sequences in otherwise normal text are fine.
        assert!(decode(
            b"\x1b[1mbold\x1b[0m is a word in this sentence",
            &mut Vec::new()
        )
        .is_ok());
        assert_eq!(err(&[0xFF, 0xFE, 0, 0, 0, 0]), ArticleError::Binary);
    }

    #[test]
    fn line_endings_become_lf() {
        assert_eq!(ok(b"a\r\nb\rc\n\r\nd\r").0, "a\nb\nc\n\nd\n");
        assert_eq!(ok(b"\r\r\nx").0, "\n\nx");
    }
}

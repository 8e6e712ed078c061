//! The archive's own layout (` date YYYY-MM-DD ` + paragraphs) and the paragraph
//! normalisation every format shares.
//!
//! This is the hot path of an ingest, so it is plain byte scanning: no regex, one
//! pass, one allocation for the body.

/// Splits off the seed layout's header: optional white space, `date` (any case),
/// spaces or tabs, a `YYYY-MM-DD`-shaped token, then white space or the end.
///
/// Returns the date token (not yet validated, so that an impossible date can be
/// reported and the header still removed) and the text after it.
pub(crate) fn split_header(text: &str) -> Option<(&str, &str)> {
    let s = text.trim_start();
    let b = s.as_bytes();
    if b.len() < 4 || !b[..4].eq_ignore_ascii_case(b"date") {
        return None;
    }
    let gap = b[4..]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    if gap == 0 {
        return None;
    }
    let start = 4 + gap;
    let token = b.get(start..start + 10)?;
    if !is_iso_shape(token) {
        return None;
    }
    let end = start + 10;
    if b.get(end).is_some_and(|c| !c.is_ascii_whitespace()) {
        return None;
    }
    // All bytes up to `end` are ASCII, so both indices are char boundaries.
    Some((&s[start..end], &s[end..]))
}

/// `dddd-dd-dd`.
pub(crate) fn is_iso_shape(b: &[u8]) -> bool {
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// Paragraphs separated by exactly one blank line, no trailing white space on any
/// line, no leading or trailing white space overall. Lines inside a paragraph are
/// kept (hard-wrapped sources stay readable in snippets). Expects LF line endings.
pub(crate) fn normalize_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_before = false;
    for line in text.trim_start().split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            blank_before = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_before { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        blank_before = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_on_the_same_line_as_the_lede() {
        let (date, rest) = split_header(" date 2025-03-22 Donald Trump's top envoy").unwrap();
        assert_eq!(date, "2025-03-22");
        assert_eq!(rest, " Donald Trump's top envoy");
    }

    #[test]
    fn header_variants() {
        assert_eq!(
            split_header("\n\t date 1987-02-26\nBAHIA"),
            Some(("1987-02-26", "\nBAHIA"))
        );
        assert_eq!(
            split_header("DATE\t2025-02-30 x"),
            Some(("2025-02-30", " x"))
        );
        assert_eq!(split_header("date 2025-03-22"), Some(("2025-03-22", "")));
        // Shape only: validity is the date module's business.
        assert_eq!(
            split_header("date 2025-99-99 x"),
            Some(("2025-99-99", " x"))
        );
    }

    #[test]
    fn not_a_header() {
        for text in [
            "",
            "date",
            "date ",
            "dat 2025-03-22 x",
            "date2025-03-22 x",
            "date 2025-3-22 x",
            "date 2025-03-22T10:00 x",
            "date 2025-03-2",
            "date 2025/03/22 x",
            "dates 2025-03-22 x",
            "The date 2025-03-22 x",
            "date\n2025-03-22 x",
            "date \u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}",
            "d\u{e9}",
        ] {
            assert_eq!(split_header(text), None, "{text:?}");
        }
    }

    #[test]
    fn paragraphs_are_normalised() {
        assert_eq!(
            normalize_body("  First line  \nsame para\t\n\n\n\n  Second  \n \n\u{a0}\nThird\n\n"),
            "First line\nsame para\n\n  Second\n\nThird"
        );
        assert_eq!(normalize_body("\n\n \n"), "");
        assert_eq!(normalize_body("one"), "one");
    }
}

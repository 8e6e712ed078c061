//! Long texts are read by the extractors a window at a time.
//!
//! The people extractor holds some 30 bytes of token state per word of the text it reads,
//! so a 200 MB one-line page took over 1.5 GB to read whole. A news article is a few tens
//! of kilobytes; a text past [`WINDOW_BYTES`] (a book, a transcript, a dump saved as one
//! page) is cut into windows of at most that size, each read on its own, and the
//! mentions are put back at their offsets in the whole text. Within a window everything
//! works as in a short article; across windows a surname is not linked to a full name
//! spelled out only in an earlier window. Texts up to the window size are read whole,
//! exactly as before.

/// The most text the extractors read at once (see the module documentation).
pub const WINDOW_BYTES: usize = 1 << 20;

/// The windows of `text`: `(offset, piece)` in text order, covering it without overlap,
/// each at most `max` bytes (a single UTF-8 character longer than `max` aside). A window
/// ends at the last paragraph break inside it, else at the last line break, else after
/// the last sentence end or space, else at a character boundary.
pub fn windows(text: &str, max: usize) -> Vec<(usize, &str)> {
    let max = max.max(4);
    let mut pieces = Vec::with_capacity(text.len() / max + 1);
    let mut start = 0;
    while text.len() - start > max {
        let end = start + cut_within(&text[start..], max);
        pieces.push((start, &text[start..end]));
        start = end;
    }
    if start < text.len() || pieces.is_empty() {
        pieces.push((start, &text[start..]));
    }
    pieces
}

/// Where to end a window at the start of `rest` (longer than `max`): a byte count in
/// `1..=max` at a character boundary (or the first character whole, if it is longer).
fn cut_within(rest: &str, max: usize) -> usize {
    let mut limit = max;
    while !rest.is_char_boundary(limit) {
        limit -= 1;
    }
    if limit == 0 {
        // Unreachable with max >= 4 (no UTF-8 character is longer), but stays total.
        return rest.chars().next().map_or(rest.len(), char::len_utf8);
    }
    let head = &rest[..limit];
    // Only breaks in the second half count, so a window is never tiny.
    let floor = limit / 2;
    let after = |found: Option<usize>, width: usize| {
        found
            .map(|at| at + width)
            .filter(|&end| end > floor && end <= limit)
    };
    after(head.rfind("\n\n"), 2)
        .or_else(|| after(head.rfind('\n'), 1))
        .or_else(|| after(head.rfind(". "), 2))
        .or_else(|| after(head.rfind(' '), 1))
        .unwrap_or(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_cover(text: &str, max: usize) -> Vec<(usize, &str)> {
        let pieces = windows(text, max);
        let mut at = 0;
        for &(offset, piece) in &pieces {
            assert_eq!(offset, at);
            assert_eq!(&text[offset..offset + piece.len()], piece);
            assert!(piece.len() <= max.max(4), "{} > {max}", piece.len());
            assert!(!piece.is_empty() || text.is_empty());
            at += piece.len();
        }
        assert_eq!(at, text.len());
        pieces
    }

    #[test]
    fn a_short_text_is_one_window() {
        assert_eq!(windows("Putin said.", 100), vec![(0, "Putin said.")]);
        assert_eq!(windows("", 100), vec![(0, "")]);
    }

    #[test]
    fn windows_end_at_paragraphs_then_lines_then_sentences() {
        let text = "First paragraph here.\n\nSecond one is here.\n\nThird.";
        let pieces = check_cover(text, 30);
        assert_eq!(pieces[0].1, "First paragraph here.\n\n");
        let text = "One sentence here. Another sentence follows it. And more.";
        let pieces = check_cover(text, 30);
        assert_eq!(pieces[0].1, "One sentence here. ");
    }

    #[test]
    fn any_text_is_covered_on_character_boundaries() {
        let text = "é".repeat(1000) + &"x".repeat(77) + "日本語".repeat(100).as_str();
        for max in [1, 4, 5, 7, 64, 999] {
            check_cover(&text, max);
        }
        check_cover(&"word ".repeat(10_000), 1024);
    }
}

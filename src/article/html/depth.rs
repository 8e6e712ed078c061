//! A bound on how deeply a page's elements nest, applied before parsing.
//!
//! The tree builder checks element scopes by walking the stack of open elements,
//! so a page nested N levels deep takes time in N²: 100,000 nested `<div>`s take
//! most of a minute. Browsers bound this too (Blink's parser stops nesting at 512
//! levels). Here a linear scan over the tags finds the deepest nesting, and only a
//! page past the bound is rewritten: start tags deeper than it, and as many end
//! tags, are dropped, so their text stays and becomes part of the element at the
//! bound. Ordinary pages are returned as they are, without a copy.

use std::borrow::Cow;

/// Deeper than any real page (news pages nest 20 to 40 levels).
pub(super) const MAX_DEPTH: usize = 512;

/// Elements that never have content, and elements whose end tag is optional and
/// usually left out: neither counts as a level, or a long list of `<li>`s or
/// unclosed `<p>`s would look deep.
const NOT_A_LEVEL: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"source",
    b"track",
    b"wbr",
    b"param",
    b"keygen",
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"tr",
    b"td",
    b"th",
    b"option",
    b"optgroup",
    b"tbody",
    b"thead",
    b"tfoot",
    b"colgroup",
    b"rb",
    b"rt",
    b"rp",
    b"caption",
];

/// Elements whose content is raw text, where `<` is not markup.
const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"plaintext",
];

enum Tag<'a> {
    Start {
        name: &'a [u8],
        self_closing: bool,
    },
    End,
    /// A comment, a doctype, a processing instruction, or text that only looked
    /// like a tag.
    Other,
}

/// `html`, with the nesting past `MAX_DEPTH` flattened.
pub(super) fn bounded(html: &str) -> Cow<'_, str> {
    if deepest(html) <= MAX_DEPTH {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let mut copied_to = 0;
    scan(html, |start, end, tag| match tag {
        Tag::Start { name, self_closing } if counts(name, self_closing) => {
            if depth >= MAX_DEPTH {
                out.push_str(&html[copied_to..start]);
                copied_to = end;
                dropped += 1;
            } else {
                depth += 1;
            }
        }
        Tag::End if dropped > 0 => {
            out.push_str(&html[copied_to..start]);
            copied_to = end;
            dropped -= 1;
        }
        Tag::End => depth = depth.saturating_sub(1),
        _ => {}
    });
    out.push_str(&html[copied_to..]);
    Cow::Owned(out)
}

fn deepest(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    scan(html, |_, _, tag| match tag {
        Tag::Start { name, self_closing } if counts(name, self_closing) => {
            depth += 1;
            deepest = deepest.max(depth);
        }
        Tag::End => depth = depth.saturating_sub(1),
        _ => {}
    });
    deepest
}

fn counts(name: &[u8], self_closing: bool) -> bool {
    !self_closing && !NOT_A_LEVEL.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Calls `on_tag(start, end, tag)` for every tag, `start..end` being its bytes.
/// Linear: every byte is looked at a bounded number of times.
fn scan(html: &str, mut on_tag: impl FnMut(usize, usize, Tag<'_>)) {
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            let end =
                memchr::memmem::find(&rest[4..], b"-->").map_or(bytes.len(), |i| start + 4 + i + 3);
            on_tag(start, end, Tag::Other);
            at = end;
            continue;
        }
        let Some(close) = memchr::memchr(b'>', rest) else {
            break;
        };
        let end = start + close + 1;
        let inner = &rest[1..close];
        let (is_end, name_part) = match inner.strip_prefix(b"/") {
            Some(after) => (true, after),
            None => (false, inner),
        };
        let name_len = name_part
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(name_part.len());
        let name = &name_part[..name_len];
        let is_tag = name.first().is_some_and(u8::is_ascii_alphabetic);
        if !is_tag {
            on_tag(start, end, Tag::Other);
            at = start + 1;
            continue;
        }
        if is_end {
            on_tag(start, end, Tag::End);
            at = end;
            continue;
        }
        let self_closing = inner.ends_with(b"/");
        on_tag(start, end, Tag::Start { name, self_closing });
        at = end;
        if RAW_TEXT.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            // Skip to this element's end tag, which the next round reads.
            let mut closing = Vec::with_capacity(name.len() + 2);
            closing.extend_from_slice(b"</");
            closing.extend(name.iter().map(u8::to_ascii_lowercase));
            at = find_ignoring_case(&bytes[at..], &closing).map_or(bytes.len(), |i| at + i);
        }
    }
}

fn find_ignoring_case(haystack: &[u8], lower_needle: &[u8]) -> Option<usize> {
    let first = lower_needle.first()?;
    let mut from = 0;
    while let Some(i) = memchr::memchr(*first, &haystack[from..]) {
        let at = from + i;
        let candidate = haystack.get(at..at + lower_needle.len())?;
        if candidate.eq_ignore_ascii_case(lower_needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_not_copied() {
        let page = "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><script>if (a<b) {}</script></div></body></html>";
        assert!(matches!(bounded(page), Cow::Borrowed(_)));
        assert_eq!(deepest(page), 4);
    }

    #[test]
    fn nesting_past_the_bound_is_flattened_and_text_kept() {
        let n = MAX_DEPTH + 1000;
        let page = format!(
            "{}deep text{}",
            "<div class=x>".repeat(n),
            "</div>".repeat(n)
        );
        let bounded = bounded(&page);
        assert_eq!(deepest(&bounded), MAX_DEPTH);
        assert!(bounded.contains("deep text"));
        assert_eq!(bounded.matches("<div").count(), MAX_DEPTH);
        assert_eq!(bounded.matches("</div>").count(), MAX_DEPTH);
    }

    #[test]
    fn comments_and_scripts_hide_their_tags() {
        let page = "<!-- <div><div> --><script><div><div></script><style></STYLE><div></div>";
        assert_eq!(deepest(page), 1);
    }

    #[test]
    fn stray_angle_brackets_are_text() {
        assert_eq!(deepest("a < b and c <3 d <div>x</div> <"), 1);
    }
}

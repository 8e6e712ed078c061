//! What the parser is given: the page, with two linear rewrites applied first.
//!
//! **Nesting.** The tree builder checks element scopes by walking the stack of open
//! elements, so a page nested N levels deep takes time in N²: 100,000 nested
//! `<div>`s take most of a minute. Browsers bound this too (Blink's parser stops
//! nesting at 512 levels). Start tags deeper than the bound, and as many end tags,
//! are dropped, so their text stays and becomes part of the element at the bound.
//!
//! **Scripts and styles.** Half the bytes of a news page are the contents of
//! `<script>` and `<style>` elements, which the tokenizer reads a character at a
//! time and nothing downstream looks at. Their contents are dropped (the elements
//! stay, empty), except JSON-LD, which `meta.rs` reads. So are the drawings inside
//! `<svg>` and HTML comments, which the body never includes either. The end of a raw-text
//! element is found the way the parser finds it, at the first `</script`; a script
//! that hides such a string in an HTML comment (the spec's "double escaped" state)
//! loses a little more of its own code, never article text.
//!
//! A page that needs neither rewrite is returned as it is, without a copy.

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

/// Raw-text elements whose contents nothing downstream reads.
const DROPPABLE: &[&[u8]] = &[b"script", b"style"];

/// Whether a `<script …>` start tag's attributes say its content is JSON-LD.
fn is_json_ld(start_tag: &[u8]) -> bool {
    memchr::memmem::find(&start_tag.to_ascii_lowercase(), b"ld+json").is_some()
}

enum Tag<'a> {
    Start {
        name: &'a [u8],
        self_closing: bool,
    },
    End {
        name: &'a [u8],
    },
    /// The contents of a raw-text element (`<script>`, `<style>` …) whose start
    /// tag came just before; `droppable` when nothing downstream reads them.
    RawText {
        droppable: bool,
    },
    /// A comment: `meta.rs` reads the ones saving tools write from the raw page.
    Comment,
    /// A doctype, a processing instruction, or text that only looked
    /// like a tag.
    Other,
}

/// `html`, with the nesting past `MAX_DEPTH` flattened and the contents of scripts
/// and styles dropped.
pub(super) fn prepare(html: &str) -> Cow<'_, str> {
    let (deepest, droppable) = survey(html);
    if deepest <= MAX_DEPTH && droppable == 0 {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() - droppable);
    let mut open = OpenElements::default();
    let mut dropped = 0usize;
    let mut copied_to = 0;
    let mut cut = |out: &mut String, start: usize, end: usize| {
        out.push_str(&html[copied_to..start]);
        copied_to = end;
    };
    scan(html, |start, end, tag| match tag {
        Tag::Start { name, self_closing } if counts(name, self_closing) => {
            if open.depth() >= MAX_DEPTH {
                cut(&mut out, start, end);
                dropped += 1;
            } else {
                open.push(name);
            }
        }
        Tag::End { .. } if dropped > 0 => {
            cut(&mut out, start, end);
            dropped -= 1;
        }
        Tag::End { name } => open.close(name),
        Tag::RawText { droppable: true } | Tag::Comment => cut(&mut out, start, end),
        _ => {}
    });
    out.push_str(&html[copied_to..]);
    Cow::Owned(out)
}

/// The deepest nesting, and how many bytes of script and style contents there are.
fn survey(html: &str) -> (usize, usize) {
    let (mut open, mut deepest, mut droppable) = (OpenElements::default(), 0usize, 0usize);
    scan(html, |start, end, tag| match tag {
        Tag::Start { name, self_closing } if counts(name, self_closing) => {
            open.push(name);
            deepest = deepest.max(open.depth());
        }
        Tag::End { name } => open.close(name),
        Tag::RawText { droppable: true } | Tag::Comment => droppable += end - start,
        _ => {}
    });
    (deepest, droppable)
}

/// The elements the tree builder will hold open, as far as nesting goes: an end tag
/// closes the innermost open element of its name and everything inside it, and an end
/// tag that matches no open element closes nothing, as in the tree builder. Counting
/// every end tag as a close let `<div></x>` repeated nest N deep while the count stayed
/// at one, and html5ever's scope checks then took time in N² (70 s at 100,000 repeats).
///
/// Linear: the search for an end tag's element looks at most `MAX_DEPTH + 1` entries
/// (deeper start tags are dropped before they are pushed), so a page of N tags costs
/// at most N × 513 comparisons; `survey` bounds what it keeps the same way.
#[derive(Default)]
struct OpenElements<'a> {
    names: Vec<&'a [u8]>,
    /// Start tags past what `names` keeps (only `survey` pushes that deep, and only needs
    /// to learn that the page goes past the bound).
    beyond: usize,
}

impl<'a> OpenElements<'a> {
    fn depth(&self) -> usize {
        self.names.len() + self.beyond
    }

    fn push(&mut self, name: &'a [u8]) {
        if self.names.len() > MAX_DEPTH {
            self.beyond += 1;
        } else {
            self.names.push(name);
        }
    }

    fn close(&mut self, name: &[u8]) {
        if self.beyond > 0 {
            // Past the bound the page is flattened anyway: any end tag closes one.
            self.beyond -= 1;
            return;
        }
        if let Some(at) = self
            .names
            .iter()
            .rposition(|open| open.eq_ignore_ascii_case(name))
        {
            self.names.truncate(at);
        }
    }
}

fn counts(name: &[u8], self_closing: bool) -> bool {
    !self_closing && !NOT_A_LEVEL.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Calls `on_tag(start, end, tag)` for every tag, `start..end` being its bytes.
/// Linear: every byte is looked at a bounded number of times.
fn scan<'h>(html: &'h str, mut on_tag: impl FnMut(usize, usize, Tag<'h>)) {
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            let end =
                memchr::memmem::find(&rest[4..], b"-->").map_or(bytes.len(), |i| start + 4 + i + 3);
            on_tag(start, end, Tag::Comment);
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
            on_tag(start, end, Tag::End { name });
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
            let content_end =
                find_ignoring_case(&bytes[at..], &closing).map_or(bytes.len(), |i| at + i);
            let droppable =
                DROPPABLE.iter().any(|n| n.eq_ignore_ascii_case(name)) && !is_json_ld(inner);
            on_tag(at, content_end, Tag::RawText { droppable });
            at = content_end;
        } else if name.eq_ignore_ascii_case(b"svg") && !self_closing {
            let content_end = at + svg_content_len(&bytes[at..]);
            on_tag(at, content_end, Tag::RawText { droppable: true });
            at = content_end;
        }
    }
}

/// How far an `<svg>` element's contents reach: to its own `</svg`, past any
/// drawings nested in it, or to the end of a page cut off inside it.
fn svg_content_len(after_start_tag: &[u8]) -> usize {
    let mut open = 1usize;
    for at in memchr::memchr_iter(b'<', after_start_tag) {
        let rest = &after_start_tag[at + 1..];
        let (closing, name) = match rest.strip_prefix(b"/") {
            Some(name) => (true, name),
            None => (false, rest),
        };
        let is_svg = name.len() >= 3
            && name[..3].eq_ignore_ascii_case(b"svg")
            && !name.get(3).is_some_and(u8::is_ascii_alphanumeric);
        if !is_svg {
            continue;
        }
        if closing {
            open -= 1;
            if open == 0 {
                return at;
            }
        } else {
            open += 1;
        }
    }
    after_start_tag.len()
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

    fn deepest(html: &str) -> usize {
        survey(html).0
    }

    #[test]
    fn ordinary_pages_without_scripts_are_not_copied() {
        let page =
            "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><script></script></div></body></html>";
        assert!(matches!(prepare(page), Cow::Borrowed(_)));
        assert_eq!(deepest(page), 4);
    }

    #[test]
    fn end_tags_that_close_nothing_do_not_hide_nesting() {
        // `</x>` matches no open element: the tree builder ignores it and nests on.
        let soup = format!("<body>{}<p>end</p>", "<div></x>".repeat(5_000));
        assert!(deepest(&soup) > MAX_DEPTH);
        let prepared = prepare(&soup);
        assert!(
            deepest(&prepared) <= MAX_DEPTH + 1,
            "{}",
            deepest(&prepared)
        );
        assert!(prepared.ends_with("<p>end</p>"));
        // An end tag closes its element and what is open inside it.
        assert_eq!(deepest("<div><span><b>x</div><div>y</div>"), 3);
        assert_eq!(deepest("<div><div></span></div><div></div></div>"), 2);
    }

    #[test]
    fn nesting_past_the_bound_is_flattened_and_text_kept() {
        let n = MAX_DEPTH + 1000;
        let page = format!(
            "{}deep text{}",
            "<div class=x>".repeat(n),
            "</div>".repeat(n)
        );
        let prepared = prepare(&page);
        assert_eq!(deepest(&prepared), MAX_DEPTH);
        assert!(prepared.contains("deep text"));
        assert_eq!(prepared.matches("<div").count(), MAX_DEPTH);
        assert_eq!(prepared.matches("</div>").count(), MAX_DEPTH);
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

    #[test]
    fn script_and_style_contents_are_dropped_but_json_ld_kept() {
        let page = concat!(
            r#"<head><style>p { color: red }</style><script src=a.js></script>"#,
            r#"<SCRIPT>if (a<b) { document.write("<p>x</p>") }</SCRIPT>"#,
            r#"<script type="application/LD+JSON">{"headline":"Kept"}</script></head>"#,
            r#"<body><p>Text</p><textarea>typed</textarea></body>"#
        );
        assert_eq!(
            prepare(page),
            concat!(
                r#"<head><style></style><script src=a.js></script>"#,
                r#"<SCRIPT></SCRIPT>"#,
                r#"<script type="application/LD+JSON">{"headline":"Kept"}</script></head>"#,
                r#"<body><p>Text</p><textarea>typed</textarea></body>"#
            )
        );
    }

    #[test]
    fn drawings_and_comments_are_dropped() {
        let page = "<p>A<!-- note --></p><svg viewBox=0><svg><path d=M0/></svg><title>icon</title></SVG><p>B</p><svg/><p>C";
        assert_eq!(
            prepare(page),
            "<p>A</p><svg viewBox=0></SVG><p>B</p><svg/><p>C"
        );
        let deep = format!("{}x", "<svg>".repeat(100_000));
        assert_eq!(prepare(&deep), "<svg>");
    }

    #[test]
    fn a_script_cut_off_by_the_end_of_the_page_is_dropped_to_the_end() {
        assert_eq!(
            prepare("<p>Text</p><script>var a = '<p>"),
            "<p>Text</p><script>"
        );
    }
}

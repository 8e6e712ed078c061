//! What the parser is given: the page, rewritten in one linear pass so that no tag
//! soup can make html5ever's tree builder, or any stage after it, super-linear.
//!
//! **Why.** The tree builder walks its stack of open elements for every scope check
//! and its list of active formatting elements for every reopening, so what makes it
//! slow is how much those two hold, not the page's size: 100,000 nested `<div>`s
//! (or `<div></x>`, or `<li><dd>`, or `<optgroup>`) take most of a minute, and a
//! `<p><b id=N>x</p>` soup reopens every `<b>` so far in every paragraph.
//!
//! **How.** `scan.rs` cuts the page into the tokens the tokenizer will see;
//! `tree.rs` and `rules.rs` keep, per token, what the tree builder will hold: its
//! stack (by the real rules: an end tag closes only an element it can reach, `<p>`,
//! `<li>`, cells and rows close their own kind, the adoption agency moves formatting
//! elements past blocks) and its list (with markers and reopening). A start tag that
//! would pass a bound is cut before it has any effect, and so are the end tags that
//! match the start tags cut for depth, so the model always holds what the tree
//! builder will hold for the output. The bounds (`rules.rs`):
//!
//! - at most `MAX_DEPTH` (512) elements opened by tags are open at once, plus at
//!   most 11 formatting elements the tree builder reopens;
//! - at most 8 formatting elements other than links are listed, and 3 alike after
//!   a marker, with 32 attributes between them; markers left behind by closed
//!   cells, at most 8;
//! - at most 256 attributes on a tag, 8 `<html>`/`<body>` start tags.
//!
//! Linear: each token costs the model and the tree builder O(`MAX_DEPTH`) at worst
//! (a scope check walks the stack; the list holds a marker per open cell or object,
//! 8 stale ones and a bounded number of formatting elements), and each token opens
//! at most three elements (a cell, with its row and row group) and reopens at most 11.
//!
//! **What else goes.** Half the bytes of a news page are the contents of `<script>`
//! and `<style>` elements, which the tokenizer reads a character at a time and no
//! stage looks at: they are dropped (the elements stay, empty), except JSON-LD, which
//! `meta.rs` reads. So are the contents of `<svg>`, `<math>` (foreign content, read
//! by other rules, never article text) and `<template>` (inert), comments, bogus
//! comments and `<frameset>` tags (a frameset would replace the body). With no
//! foreign content left, the tokenizer reads every raw-text element (`<title>`,
//! `<textarea>`, `<noscript>` …) the same way wherever it stands, so the scan can
//! too.
//!
//! A page that needs no rewrite is returned as it is, without a copy.

mod rules;
mod scan;
mod tags;
mod tree;

use std::borrow::Cow;

use rules::{Model, Verdict};
#[cfg(test)]
pub(super) use rules::{MAX_DEPTH, MAX_REOPENED};
use scan::{Scanner, Span, Token};

/// `html` with what the tree builder must not see, and what no stage reads, cut.
pub(super) fn prepare(html: &str) -> Cow<'_, str> {
    prepare_with_model(html).0
}

/// The prepared page, and the deepest the tree builder's stack will be on it.
fn prepare_with_model(html: &str) -> (Cow<'_, str>, usize) {
    let bytes = html.as_bytes();
    let mut edit = Edit::new(html);
    let mut model = Model::new(bytes);
    let mut scanner = Scanner::new(bytes);
    while let Some(token) = scanner.next_token() {
        match token {
            Token::Text(span) => model.text(&bytes[span.start..span.end]),
            Token::Start(tag) => match model.start_tag(&tag) {
                Verdict::Keep => {}
                Verdict::Cut => edit.cut(tag.span),
                Verdict::KeepAttributes(kept) => {
                    if let (Some(first), Some(last)) =
                        (tag.attributes.get(kept), tag.attributes.last())
                    {
                        edit.cut(Span {
                            start: first.span.start,
                            end: last.span.end,
                        });
                    }
                }
            },
            Token::End {
                span,
                name,
                closes_raw,
            } => {
                if model.end_tag(name, closes_raw) == Verdict::Cut {
                    edit.cut(span);
                }
            }
            Token::Comment(span) => edit.cut(span),
            Token::Contents { span, droppable } => {
                if droppable {
                    edit.cut(span);
                }
            }
            Token::Doctype => {}
        }
    }
    (edit.finish(), model.tree.deepest)
}

/// The page with spans cut out, copied only once something is.
struct Edit<'a> {
    html: &'a str,
    out: Option<String>,
    copied_to: usize,
}

impl<'a> Edit<'a> {
    fn new(html: &'a str) -> Self {
        Edit {
            html,
            out: None,
            copied_to: 0,
        }
    }

    /// Cuts `span`, which lies after every span cut before. Every span starts and
    /// ends at an ASCII byte (`<`, `>`, a quote, a space) or at the page's end, so
    /// on a character boundary.
    fn cut(&mut self, span: Span) {
        if span.start >= span.end || span.start < self.copied_to {
            return;
        }
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(self.html.len()));
        out.push_str(
            self.html
                .get(self.copied_to..span.start)
                .unwrap_or_default(),
        );
        self.copied_to = span.end;
    }

    fn finish(self) -> Cow<'a, str> {
        match self.out {
            None => Cow::Borrowed(self.html),
            Some(mut out) => {
                out.push_str(self.html.get(self.copied_to..).unwrap_or_default());
                Cow::Owned(out)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    /// The bound on the tree builder's stack: tags, reopened formatting elements,
    /// and `<html>` and `<body>`, which the model leaves out.
    const BOUND: usize = MAX_DEPTH + MAX_REOPENED + 2;

    /// The bound on the depth of the tree it builds: `</form>` takes its form off the
    /// stack but leaves it in the tree, above what was opened in it, so a path of
    /// the tree can hold a form between every two elements of the stack.
    const TREE_BOUND: usize = 2 * BOUND + 1;

    /// The deepest element of the tree html5ever builds for `html` (the document
    /// node is depth 0) and how many elements it has.
    fn parsed(html: &str) -> (usize, usize) {
        let doc = Html::parse_document(html);
        let mut depth = 0usize;
        let (mut deepest, mut elements) = (0, 0);
        for edge in doc.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(node) if node.value().is_element() => {
                    depth += 1;
                    elements += 1;
                    deepest = deepest.max(depth);
                }
                ego_tree::iter::Edge::Close(node) if node.value().is_element() => depth -= 1,
                _ => {}
            }
        }
        (deepest, elements)
    }

    /// Prepares `soup`, checks the model's and the real parse's depth stay in the
    /// bound and the tree has at most `per_byte` elements per byte of the page, and
    /// returns the prepared page.
    fn bounded(soup: &str, per_byte: usize) -> String {
        let (prepared, deepest) = prepare_with_model(soup);
        assert!(deepest <= MAX_DEPTH + MAX_REOPENED, "model depth {deepest}");
        let (depth, elements) = parsed(&prepared);
        assert!(depth <= TREE_BOUND, "tree depth {depth}");
        assert!(
            elements <= per_byte * soup.len().max(1),
            "{elements} elements for {} bytes",
            soup.len()
        );
        prepared.into_owned()
    }

    const SOUP_REPEATS: usize = 20_000;

    #[test]
    fn end_tags_that_close_nothing_do_not_make_room() {
        for soup in [
            "<div></x>",
            "<div></p>",
            "<div></li>",
            "<span></td>",
            "<div></b>",
        ] {
            bounded(&soup.repeat(SOUP_REPEATS), 1);
        }
        // Nor do self-closing slashes on elements that are not void.
        bounded(&"<div/>".repeat(SOUP_REPEATS), 1);
    }

    #[test]
    fn an_end_tag_closes_only_what_it_can_reach() {
        // The `</div>` cannot close the `<div>` outside the cell or the button.
        bounded(&"<div><table><td></div>".repeat(SOUP_REPEATS), 1);
        bounded(&"<div><button></div>".repeat(SOUP_REPEATS), 1);
        // A generic end tag stops at a block.
        bounded(&"<span><div></span>".repeat(SOUP_REPEATS), 1);
    }

    #[test]
    fn elements_that_close_their_own_kind_count_when_they_do_not() {
        for soup in [
            "<li><dd>x",
            "<optgroup>",
            "<option><optgroup>",
            "<rb>x",
            "<rt>x<span>",
            "<h1><span><h2>x",
            "<button><p>x",
            "<p><object>x",
            "<form><div>x",
            "<form><pre></form>",
            "<dl><dd>x<dt>y",
        ] {
            bounded(&soup.repeat(SOUP_REPEATS), 1);
        }
    }

    #[test]
    fn tables_nest_only_in_cells_and_their_parts_are_bounded() {
        for soup in [
            "<table><tr><td>",
            "<table><td>",
            "<table><caption>x",
            "<table><colgroup>x",
            "<table><div>x",
            "<table><b>x",
            "<table>x ",
            "<td>x",
            "<table><tr>",
        ] {
            bounded(&soup.repeat(SOUP_REPEATS), 1);
        }
    }

    #[test]
    fn formatting_elements_are_listed_a_bounded_number_of_times() {
        let distinct: String = (0..SOUP_REPEATS)
            .map(|i| format!("<p><b id={i}>x</p>"))
            .collect();
        bounded(&distinct, 1);
        let names = [
            "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong",
            "tt", "u",
        ];
        let open: String = names
            .iter()
            .map(|n| format!("<{n}><{n}><{n}><{n}>"))
            .collect();
        // Each `<p>x` reopens what is listed: a dozen elements for four bytes.
        bounded(&format!("<p>{open}</p>{}", "<p>x".repeat(SOUP_REPEATS)), 3);
        for soup in [
            "<b><i></b></i>",
            "<a href=x>t",
            "<b>",
            "<b><div>x</b>",
            "<nobr>x",
            "<a><div>x",
        ] {
            bounded(&soup.repeat(SOUP_REPEATS), 1);
        }
        // Their attributes are bounded together: each reopening copies them.
        let attributes: String = (0..40).map(|i| format!(" a{i}=1")).collect();
        let prepared = bounded(
            &format!(
                "<p><b{attributes}><i{attributes}></p>{}",
                "<p>x".repeat(100)
            ),
            1,
        );
        assert_eq!(
            prepared.matches(" a").count(),
            rules::MAX_FORMATTING_ATTRIBUTES
        );
    }

    #[test]
    fn markers_left_by_closed_cells_are_bounded() {
        let soup = format!(
            "<table><tr>{}{}",
            "<td><object><tr>".repeat(SOUP_REPEATS),
            "<b>x</b>".repeat(SOUP_REPEATS)
        );
        let (prepared, _) = prepare_with_model(&soup);
        assert!(prepared.matches("<object>").count() <= 8 + 1);
    }

    #[test]
    fn tags_keep_a_bounded_number_of_attributes() {
        let many: String = (0..1000).map(|i| format!(" a{i}=1")).collect();
        let prepared = bounded(&format!("<div{many}>x</div>"), 1);
        assert_eq!(prepared.matches(" a").count(), rules::MAX_ATTRIBUTES);
        let bodies: String = (0..100).map(|i| format!("<body a{i}=1>")).collect();
        let prepared = bounded(&bodies, 1);
        assert_eq!(prepared.matches("<body").count(), 8);
    }

    #[test]
    fn raw_text_and_quotes_hide_tags_as_the_tokenizer_does() {
        // The `</div>` in the noscript and in the quotes close nothing.
        bounded(&"<div><noscript></div></noscript>".repeat(SOUP_REPEATS), 1);
        bounded(&r#"<span x="></span>">"#.repeat(SOUP_REPEATS), 1);
        bounded(&"<div><!--></div>-->".repeat(SOUP_REPEATS), 1);
        bounded(&"<div><template></div></template>".repeat(SOUP_REPEATS), 1);
        bounded(&"<div><math><mi></div></math>".repeat(SOUP_REPEATS), 1);
        bounded(
            &"<div><frameset><title></div></title>".repeat(SOUP_REPEATS),
            1,
        );
    }

    /// The tokens that move the stack and the list the most.
    const VOCABULARY: &[&str] = &[
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<a href=x>",
        "</a>",
        "<table>",
        "</table>",
        "<tr>",
        "<td>",
        "</td>",
        "<li>",
        "<dd>",
        "<ul>",
        "</ul>",
        "<span>",
        "</span>",
        "<object>",
        "</object>",
        "<select>",
        "<option>",
        "<optgroup>",
        "<button>",
        "<h1>",
        "</h1>",
        "<form>",
        "</form>",
        "<caption>",
        "<colgroup>",
        "x",
        " ",
        "<nobr>",
        "<font color=red>",
        "</font>",
        "<ruby>",
        "<rb>",
        "<rt>",
        "<hr>",
        "<br>",
        "</br>",
        "<input>",
        "<input type=hidden>",
        "<marquee>",
        "<em>",
        "</em>",
        "<tbody>",
        "</tr>",
        "<th>",
        "</th>",
        "<section>",
        "<template></template>",
        "<svg>x</svg>",
        "<col>",
        "</caption>",
        "</tbody>",
        "<plaintext>",
    ];

    /// Random soups of the vocabulary.
    #[test]
    fn random_tag_soup_stays_in_the_bound() {
        let vocabulary = &VOCABULARY[..VOCABULARY.len() - 1];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20 {
            let mut soup = String::new();
            for _ in 0..SOUP_REPEATS {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                soup.push_str(vocabulary[(state % vocabulary.len() as u64) as usize]);
            }
            bounded(&soup, 1);
        }
    }

    /// Every token of the vocabulary, repeated at the bound in every kind of place.
    #[test]
    fn each_token_stays_in_the_bound_wherever_it_is() {
        let places = [
            "",
            "<table>",
            "<table><td>",
            "<table><caption>",
            "<table><colgroup>",
            "<table><tr>",
            "<select>",
            "<button>",
            "<object>",
            "<ul><li>",
            "<p><b><i>",
            "<ruby>",
        ];
        let deep = "<span>".repeat(MAX_DEPTH);
        for place in places {
            for token in VOCABULARY {
                let soup = format!("{place}{deep}{}", token.repeat(300));
                let (prepared, deepest) = prepare_with_model(&soup);
                assert!(
                    deepest <= MAX_DEPTH + MAX_REOPENED,
                    "{place} {token}: {deepest}"
                );
                let (depth, _) = parsed(&prepared);
                assert!(depth <= TREE_BOUND, "{place} {token}: tree depth {depth}");
            }
        }
    }

    #[test]
    fn ordinary_pages_without_scripts_are_not_copied() {
        let page =
            "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><script></script></div></body></html>";
        assert!(matches!(prepare(page), Cow::Borrowed(_)));
        assert_eq!(prepare_with_model(page).1, 3);
    }

    #[test]
    fn nesting_past_the_bound_is_flattened_and_text_kept() {
        let n = MAX_DEPTH + 1000;
        let page = format!(
            "{}deep text{}<p>after",
            "<div class=x>".repeat(n),
            "</div>".repeat(n)
        );
        let prepared = bounded(&page, 1);
        assert!(prepared.contains("deep text"));
        assert_eq!(prepared.matches("<div").count(), MAX_DEPTH);
        assert_eq!(prepared.matches("</div>").count(), MAX_DEPTH);
        assert!(prepared.ends_with("</div><p>after"));
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
    fn drawings_templates_and_comments_are_dropped() {
        let page = "<p>A<!-- note --></p><svg viewBox=0><svg><path d=M0/></svg><title>icon</title></SVG><p>B</p><svg/><p>C<math><mi>x</mi></math><template><p>t</template><?php x ?><!x>";
        assert_eq!(
            prepare(page),
            "<p>A</p><svg viewBox=0></SVG><p>B</p><svg/><p>C<math></math><template></template>"
        );
        let deep = format!("{}x", "<svg>".repeat(100_000));
        assert_eq!(prepare(&deep), "<svg>");
    }

    #[test]
    fn an_empty_comment_ends_where_the_tokenizer_ends_it() {
        assert_eq!(prepare("<p>a<!-->b<!-- c -->d"), "<p>abd");
    }

    #[test]
    fn a_script_cut_off_by_the_end_of_the_page_is_dropped_to_the_end() {
        assert_eq!(
            prepare("<p>Text</p><script>var a = '<p>"),
            "<p>Text</p><script>"
        );
    }

    #[test]
    fn framesets_are_cut_so_the_body_stays() {
        assert_eq!(
            prepare("<frameset><frame src=a><noframes>Text</noframes></frameset>"),
            "<frame src=a><noframes>Text</noframes>"
        );
    }
}

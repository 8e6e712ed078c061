//! The page cut into the tokens html5ever's tokenizer will see, found the way it finds
//! them (WHATWG "tokenization"): a quoted `>` does not end a tag, `<!-->` is a whole
//! comment, `</script>` ends a script unless the script hides it in an escape. The
//! tree model is only as right as this agreement, so where the two could differ the
//! pre-pass removes the construct instead (comments, bogus comments, CDATA).
//!
//! Linear: every byte is looked at a bounded number of times; searches for an end
//! (a comment's, a raw-text element's) start where the last one stopped.

use super::tags::{Content, Tag};

/// Where a token lies in the page: `start..end`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(super) struct Span {
    pub(super) start: usize,
    pub(super) end: usize,
}

/// One attribute: from the first byte of its name to the last of its value.
#[derive(Clone, Copy, Debug)]
pub(super) struct Attribute {
    pub(super) span: Span,
    pub(super) name: Span,
    pub(super) value: Span,
}

pub(super) struct StartTag<'a, 't> {
    pub(super) span: Span,
    pub(super) name: &'a [u8],
    pub(super) self_closing: bool,
    pub(super) attributes: &'t [Attribute],
}

pub(super) enum Token<'a, 't> {
    /// Characters between markup (a `<` that starts no tag among them).
    Text(Span),
    Start(StartTag<'a, 't>),
    End {
        span: Span,
        name: &'a [u8],
        /// It ends a raw-text element, which the tree model never opened.
        closes_raw: bool,
    },
    /// A comment, a bogus comment (`<!x>`, `<?x>`, `</3>`, CDATA outside foreign
    /// content) or `</>`: nothing any stage reads.
    Comment(Span),
    Doctype,
    /// What a raw-text element holds, or what the pre-pass drops of an `<svg>`,
    /// `<math>` or `<template>`; `droppable` when no stage reads it.
    Contents {
        span: Span,
        droppable: bool,
    },
}

/// Where the tokenizer is after a start tag whose contents it reads apart.
struct Pending<'a> {
    name: &'a [u8],
    content: Content,
    droppable: bool,
}

pub(super) struct Scanner<'a> {
    html: &'a [u8],
    at: usize,
    attributes: Vec<Attribute>,
    pending: Option<Pending<'a>>,
    /// The next end tag closes a raw-text element.
    closing_raw: bool,
}

pub(super) fn is_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

impl<'a> Scanner<'a> {
    pub(super) fn new(html: &'a [u8]) -> Self {
        Scanner {
            html,
            at: 0,
            attributes: Vec::new(),
            pending: None,
            closing_raw: false,
        }
    }

    /// The next token; `None` at the end of the page or in a tag it cuts off (which
    /// the tokenizer drops).
    pub(super) fn next_token(&mut self) -> Option<Token<'a, '_>> {
        if let Some(pending) = self.pending.take() {
            return Some(self.contents(pending));
        }
        let html = self.html;
        let from = self.at;
        if from >= html.len() {
            return None;
        }
        let mut lt = from;
        loop {
            lt += memchr::memchr(b'<', &html[lt..]).unwrap_or(html.len() - lt);
            if lt >= html.len() || starts_markup(&html[lt..]) {
                break;
            }
            lt += 1;
        }
        if lt > from {
            self.at = lt;
            return Some(Token::Text(Span {
                start: from,
                end: lt,
            }));
        }
        self.markup(lt)
    }

    /// The markup starting at `lt`, a `<` that `starts_markup`.
    fn markup(&mut self, lt: usize) -> Option<Token<'a, '_>> {
        let html = self.html;
        let rest = &html[lt..];
        if rest.starts_with(b"<!--") {
            let end = lt + comment_len(rest);
            self.at = end;
            return Some(Token::Comment(Span { start: lt, end }));
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") || rest.starts_with(b"</") {
            let is_end_tag = rest[1] == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic);
            if !is_end_tag {
                let is_doctype = rest
                    .get(2..9)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"doctype"));
                let end = if rest.starts_with(b"</>") {
                    lt + 3
                } else {
                    memchr::memchr(b'>', rest).map_or(html.len(), |i| lt + i + 1)
                };
                self.at = end;
                return Some(if is_doctype {
                    Token::Doctype
                } else {
                    Token::Comment(Span { start: lt, end })
                });
            }
            let (name_end, end, _) = self.tag(lt + 2)?;
            self.at = end;
            let closes_raw = std::mem::take(&mut self.closing_raw);
            return Some(Token::End {
                span: Span { start: lt, end },
                name: &html[lt + 2..name_end],
                closes_raw,
            });
        }
        self.start_tag(lt)
    }

    fn start_tag(&mut self, lt: usize) -> Option<Token<'a, '_>> {
        let html = self.html;
        let (name_end, end, self_closing) = self.tag(lt + 1)?;
        self.at = end;
        let name = &html[lt + 1..name_end];
        let tag = Tag::of(name);
        let content = tag.content();
        let skips = match content {
            Content::Markup => false,
            // A self-closed `<svg/>` or `<math/>` has no contents; HTML elements
            // ignore the slash.
            Content::Dropped => !self_closing || tag == Tag::Template,
            _ => true,
        };
        if skips {
            let droppable = match tag {
                Tag::Script => !is_json_ld(&html[lt..end]),
                Tag::Style => true,
                _ => content == Content::Dropped,
            };
            self.pending = Some(Pending {
                name,
                content,
                droppable,
            });
        }
        Some(Token::Start(StartTag {
            span: Span { start: lt, end },
            name,
            self_closing,
            attributes: &self.attributes,
        }))
    }

    /// What an element read apart holds, up to its end tag (or the end of the page).
    fn contents(&mut self, pending: Pending<'a>) -> Token<'a, 'static> {
        let rest = &self.html[self.at..];
        let len = match pending.content {
            Content::Script => script_len(rest),
            Content::Raw => find_end_tag(rest, pending.name).unwrap_or(rest.len()),
            Content::Dropped => nested_len(rest, pending.name),
            Content::Plaintext | Content::Markup => rest.len(),
        };
        let span = Span {
            start: self.at,
            end: self.at + len,
        };
        self.at = span.end;
        self.closing_raw = pending.content != Content::Dropped;
        Token::Contents {
            span,
            droppable: pending.droppable,
        }
    }

    /// Reads a tag whose name starts at `from`, with its attributes into
    /// `self.attributes`: the end of the name, the end of the tag and whether it
    /// closes itself (`/>`); `None` if the page ends inside it.
    fn tag(&mut self, from: usize) -> Option<(usize, usize, bool)> {
        let html = self.html;
        let name_end = from
            + html[from..]
                .iter()
                .position(|&b| is_space(b) || b == b'/' || b == b'>')
                .unwrap_or(html.len() - from);
        self.attributes.clear();
        let mut at = name_end;
        loop {
            while html.get(at).copied().is_some_and(is_space) {
                at += 1;
            }
            match *html.get(at)? {
                b'>' => return Some((name_end, at + 1, false)),
                b'/' if html.get(at + 1) == Some(&b'>') => return Some((name_end, at + 2, true)),
                // A slash not before `>` is read as a space.
                b'/' => at += 1,
                _ => at = self.attribute(at)?,
            }
        }
    }

    /// Reads the attribute starting at `start`; where the tag goes on.
    fn attribute(&mut self, start: usize) -> Option<usize> {
        let html = self.html;
        // The first character is part of the name even if it is `=`.
        let name_end = start
            + 1
            + html[start + 1..]
                .iter()
                .position(|&b| is_space(b) || matches!(b, b'/' | b'>' | b'='))
                .unwrap_or(html.len() - start - 1);
        let mut at = name_end;
        while html.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        let mut value = Span {
            start: name_end,
            end: name_end,
        };
        let mut end = name_end;
        if html.get(at) == Some(&b'=') {
            at += 1;
            while html.get(at).copied().is_some_and(is_space) {
                at += 1;
            }
            match *html.get(at)? {
                quote @ (b'"' | b'\'') => {
                    let close = at + 1 + memchr::memchr(quote, &html[at + 1..])?;
                    value = Span {
                        start: at + 1,
                        end: close,
                    };
                    end = close + 1;
                }
                // `<a href=>`: an empty value, and the tag ends here.
                b'>' => end = at,
                _ => {
                    let len = html[at..]
                        .iter()
                        .position(|&b| is_space(b) || b == b'>')
                        .unwrap_or(html.len() - at);
                    value = Span {
                        start: at,
                        end: at + len,
                    };
                    end = at + len;
                }
            }
        }
        self.attributes.push(Attribute {
            span: Span { start, end },
            name: Span {
                start,
                end: name_end,
            },
            value,
        });
        Some(end)
    }
}

/// Whether the `<` that `rest` starts with opens markup rather than being text.
fn starts_markup(rest: &[u8]) -> bool {
    match rest.get(1) {
        Some(b'!' | b'?') => true,
        Some(b'/') => rest.get(2).is_some(),
        Some(b) => b.is_ascii_alphabetic(),
        None => false,
    }
}

/// A comment's length. It ends at the first `-->` or `--!>`; `<!-->` and `<!--->`
/// are whole (empty) comments; an unclosed one runs to the end of the page.
fn comment_len(comment: &[u8]) -> usize {
    if comment.get(4) == Some(&b'>') {
        return 5;
    }
    if comment.get(4..6) == Some(b"->") {
        return 6;
    }
    // Dashes overlap (`--->`), so each search starts one byte after the last find.
    let mut from = 4;
    while let Some(i) = memchr::memmem::find(&comment[from..], b"--") {
        let at = from + i;
        match comment.get(at + 2) {
            Some(b'>') => return at + 3,
            Some(b'!') if comment.get(at + 3) == Some(&b'>') => return at + 4,
            _ => from = at + 1,
        }
    }
    comment.len()
}

/// Whether a `<script …>` start tag's attributes say its content is JSON-LD.
fn is_json_ld(start_tag: &[u8]) -> bool {
    memchr::memmem::find(&start_tag.to_ascii_lowercase(), b"ld+json").is_some()
}

/// Where the first end tag `</name` (in any case) followed by a space, `/` or `>` starts.
fn find_end_tag(text: &[u8], name: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(text, b"</").find(|&at| is_tag_named(&text[at + 2..], name))
}

/// Whether `rest` starts with `name` (in any case) followed by a space, `/` or `>`.
fn is_tag_named(rest: &[u8], name: &[u8]) -> bool {
    rest.get(..name.len())
        .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && rest
            .get(name.len())
            .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>')
}

/// A script's length: to its `</script`, except one inside `<!--<script>…</script>`,
/// which the tokenizer reads as script text (the "double escaped" states).
fn script_len(script: &[u8]) -> usize {
    #[derive(PartialEq)]
    enum State {
        Plain,
        Escaped,
        DoubleEscaped,
    }
    let mut state = State::Plain;
    for at in memchr::memchr2_iter(b'<', b'-', script) {
        let rest = &script[at..];
        if rest[0] == b'-' {
            if state != State::Plain && rest.starts_with(b"-->") {
                state = State::Plain;
            }
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = if closing { 2 } else { 1 };
        let names_script = is_tag_named(&rest[name_at.min(rest.len())..], b"script");
        state = match (state, closing, names_script) {
            (State::Plain | State::Escaped, true, true) => return at,
            (State::Plain, false, false) if rest.starts_with(b"<!--") => State::Escaped,
            (State::Escaped, false, true) => State::DoubleEscaped,
            (State::DoubleEscaped, true, true) => State::Escaped,
            (state, _, _) => state,
        };
    }
    script.len()
}

/// How far the contents of an element dropped whole reach: to its own end tag, past
/// any element of the same name nested in it, or to the end of the page.
fn nested_len(contents: &[u8], name: &[u8]) -> usize {
    let mut open = 1usize;
    for at in memchr::memchr_iter(b'<', contents) {
        let rest = &contents[at + 1..];
        match rest.strip_prefix(b"/") {
            Some(closing) if is_tag_named(closing, name) => {
                open -= 1;
                if open == 0 {
                    return at;
                }
            }
            None if is_tag_named(rest, name) => open += 1,
            _ => {}
        }
    }
    contents.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens of `html`, written back as short strings.
    fn tokens(html: &str) -> Vec<String> {
        let mut scanner = Scanner::new(html.as_bytes());
        let text = |s: Span| html[s.start..s.end].to_owned();
        let mut out = Vec::new();
        while let Some(token) = scanner.next_token() {
            out.push(match token {
                Token::Text(s) => format!("text {}", text(s)),
                Token::Start(tag) => {
                    let attributes: Vec<String> =
                        tag.attributes.iter().map(|a| text(a.span)).collect();
                    format!(
                        "<{}{}>{}",
                        String::from_utf8_lossy(tag.name),
                        if tag.self_closing { "/" } else { "" },
                        attributes.join("|")
                    )
                }
                Token::End {
                    name, closes_raw, ..
                } => format!(
                    "</{}>{}",
                    String::from_utf8_lossy(name),
                    if closes_raw { " raw" } else { "" }
                ),
                Token::Comment(s) => format!("comment {}", text(s)),
                Token::Doctype => "doctype".to_owned(),
                Token::Contents { span, droppable } => {
                    format!(
                        "contents {}{}",
                        text(span),
                        if droppable { " (drop)" } else { "" }
                    )
                }
            });
        }
        out
    }

    #[test]
    fn a_quoted_angle_bracket_does_not_end_a_tag() {
        assert_eq!(
            tokens(r#"<span x="></span>" y='>' z=a/>t"#),
            [r#"<span>x="></span>"|y='>'|z=a/"#, "text t"]
        );
        assert_eq!(tokens("<br/><br />"), ["<br/>", "<br/>"]);
        assert_eq!(tokens("<a b=>x"), ["<a>b=", "text x"]);
        assert_eq!(tokens("<a =b c>"), ["<a>=b|c"]);
    }

    #[test]
    fn stray_angle_brackets_are_text() {
        assert_eq!(
            tokens("a < b <3 </ c <<<<<div>x"),
            ["text a < b <3 ", "comment </ c <<<<<div>", "text x"]
        );
        assert_eq!(tokens("x<"), ["text x<"]);
        assert_eq!(tokens("x</"), ["text x</"]);
    }

    #[test]
    fn comments_end_where_the_tokenizer_ends_them() {
        assert_eq!(tokens("<!-->a"), ["comment <!-->", "text a"]);
        assert_eq!(tokens("<!--->a"), ["comment <!--->", "text a"]);
        assert_eq!(tokens("<!---->a"), ["comment <!---->", "text a"]);
        assert_eq!(tokens("<!-- x --!>a"), ["comment <!-- x --!>", "text a"]);
        assert_eq!(tokens("<!-- -- -->a"), ["comment <!-- -- -->", "text a"]);
        assert_eq!(tokens("<!-- x --->a"), ["comment <!-- x --->", "text a"]);
        assert_eq!(tokens("<!-- x ---->a"), ["comment <!-- x ---->", "text a"]);
        assert_eq!(tokens("<!--! >a-->b"), ["comment <!--! >a-->", "text b"]);
        assert_eq!(tokens("<![CDATA[x]]>"), ["comment <![CDATA[x]]>"]);
        assert_eq!(
            tokens("<?xml v?><!DOCTYPE html>"),
            ["comment <?xml v?>", "doctype"]
        );
        assert_eq!(tokens("</>x"), ["comment </>", "text x"]);
    }

    #[test]
    fn raw_text_ends_at_its_own_end_tag() {
        assert_eq!(
            tokens("<title>a</titles></p></TITLE >b"),
            [
                "<title>",
                "contents a</titles></p>",
                "</TITLE> raw",
                "text b"
            ]
        );
        assert_eq!(
            tokens("<script>a<!--<script>x</script>y--></script>"),
            [
                "<script>",
                "contents a<!--<script>x</script>y--> (drop)",
                "</script> raw"
            ]
        );
        assert_eq!(
            tokens("<script>a<!--x</script>b"),
            [
                "<script>",
                "contents a<!--x (drop)",
                "</script> raw",
                "text b"
            ]
        );
        assert_eq!(
            tokens("<plaintext></plaintext>"),
            ["<plaintext>", "contents </plaintext>"]
        );
        assert_eq!(
            tokens("<script type=application/ld+json>{}</script>"),
            [
                "<script>type=application/ld+json",
                "contents {}",
                "</script> raw"
            ]
        );
    }

    #[test]
    fn drawings_and_templates_are_read_to_their_matching_end() {
        assert_eq!(
            tokens("<svg><svg></svg><p></svg>x<svg/>y<svg a=b/>z"),
            [
                "<svg>",
                "contents <svg></svg><p> (drop)",
                "</svg>",
                "text x",
                "<svg/>",
                "text y",
                "<svg>a=b/",
                "contents z (drop)"
            ]
        );
        assert_eq!(
            tokens("<template/><p></template>"),
            ["<template/>", "contents <p> (drop)", "</template>"]
        );
    }

    #[test]
    fn a_tag_cut_off_by_the_end_of_the_page_is_no_token() {
        assert_eq!(tokens("x<div class='a"), ["text x"]);
        assert_eq!(tokens("x</div"), ["text x"]);
    }
}

//! The article's own text out of a whole web page: main-content extraction.
//!
//! One pass over the parsed tree turns it into text blocks (a paragraph, a heading,
//! a list item, a run of text ended by `<br>`), leaving out whole subtrees that are
//! never article text (scripts, navigation, forms of the page, hidden parts) and
//! those whose class or id says they are boilerplate (comments, share bars,
//! "related" lists, newsletters). Then one container is chosen:
//!
//! 1. the elements the page itself marks as the body (`itemprop="articleBody"`, or
//!    a class or id such as `article-body`, `story-body`, `entry-content`), all of
//!    them, when they hold enough text: publishers split the body around ads;
//! 2. otherwise the element the paragraphs are concentrated in, scored as
//!    Readability does (each paragraph credits its parent fully and its grandparent
//!    half, by length and commas), discounted by its share of link text.
//!
//! The blocks inside the container that are not mostly links are the body.
//! Every walk is iterative over the tree's arena, so a page nested 100,000 levels
//! deep costs time linear in its size and no stack.

use std::sync::LazyLock;

use ego_tree::iter::Edge;
use regex::Regex;
use scraper::{Html, Node};

/// A paragraph must be this long to count as evidence of where the article is.
const MIN_SCORED_CHARS: usize = 25;
/// The page's own body markers are trusted when they hold at least this much text.
const MIN_MARKED_CHARS: usize = 250;
/// Text shorter than this, found with the furniture rule, is tried again without it.
const MIN_STRICT_CHARS: usize = 500;
/// Blocks more than this share of link text are navigation, not prose.
const MAX_LINK_SHARE: f32 = 0.5;

/// Tags whose whole subtree is never article text.
const SKIPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "select",
    "option",
    "button",
    "input",
    "textarea",
    "nav",
    "aside",
    "footer",
    "header",
    "figure",
    "figcaption",
    "dialog",
    "menu",
    "head",
    "title",
    "audio",
    "video",
    "picture",
    "map",
    "label",
];

/// Tags that end a block of text: what a browser lays out as a box of its own.
pub(super) const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "section",
    "article",
    "main",
    "br",
    "hr",
    "address",
    "center",
    "details",
    "summary",
    "body",
    "html",
    "form",
    "fieldset",
    "legend",
];

/// A class or id naming one of these is page furniture (Readability's list,
/// with the furniture of today's news sites added).
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)-ad-|\bads?\b|advert|ai2html|banner|breadcrumb|byline|combx|comment|community|consent|cookie|disqus|footer|gdpr|masthead|menu|newsletter|outbrain|pagination|pager|paywall|popup|modal|promo|recirc|related|remark|replies|rss|share|sharing|shoutbox|sidebar|skyscraper|social|sponsor|\bmeta\b|subscribe|supplemental|taboola|tags?\b|toolbar|trending|most-?popular|read-?more|signup|sign-up|author-?bio|caption|credit|timestamp|dateline|hidden|visually-?hidden|sr-only",
    )
    .expect("static pattern")
});

/// A class or id naming one of these may hold the article even if it also names
/// furniture ("article-share" is not, "main-content-related" may be).
static MAYBE_CONTENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)article|body|content|main|story|post|entry|text").expect("static pattern")
});

/// Classes and ids by which pages name the element that holds exactly the body.
static BODY_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|-)(?:article[-_]?body|articlebody|article__body|article-body__content|article[-_]content|article__content|article-text|articletext|story[-_]?body|storybody|story-content|story-text|entry-content|post-content|post-body|post__content|body-text|bodytext|article_body|content-body|c-entry-content|paywall-article|rich-text|caas-body|zn-body__paragraph|body__inner-container)$",
    )
    .expect("static pattern")
});

struct Block {
    text: String,
    link_chars: usize,
    /// Pre-order position of the block's end, for "inside this element".
    position: usize,
    heading: u8,
}

struct ElementSpan {
    open: usize,
    close: usize,
    marked_body: bool,
    text_chars: usize,
    link_chars: usize,
    score: f32,
}

#[derive(Default)]
struct Walk {
    skip_furniture: bool,
    blocks: Vec<Block>,
    elements: Vec<ElementSpan>,
    /// Open elements (indexes into `elements`), innermost last.
    open: Vec<usize>,
    /// Open block elements (indexes into `elements`) and their place in `open`,
    /// innermost last.
    open_blocks: Vec<(usize, usize)>,
    buffer: String,
    buffer_link_chars: usize,
    links_open: usize,
    heading_open: u8,
    position: usize,
}

/// The article text of `doc` as paragraphs separated by blank lines; empty when
/// the page has none.
pub(super) fn extract(doc: &Html) -> String {
    // As Readability does: a page whose furniture-looking classes hide the article
    // ("Page-ad-margins" around everything) is read again without that rule.
    let strict = extract_with(doc, true);
    if strict.len() >= MIN_STRICT_CHARS {
        return strict;
    }
    // A short article is often just short: the second reading must find much
    // more to be believed over the first.
    let lenient = extract_with(doc, false);
    if lenient.len() > 2 * strict.len() {
        lenient
    } else {
        strict
    }
}

fn extract_with(doc: &Html, skip_furniture: bool) -> String {
    let mut walk = Walk {
        skip_furniture,
        ..Walk::default()
    };
    walk.run(doc);
    let chosen = walk.choose();
    let mut out = String::new();
    // Linear: the chosen elements are disjoint and in document order, like the
    // blocks, so one pass pairs each block with the only one that may hold it.
    let mut next = chosen.iter().peekable();
    for block in &walk.blocks {
        while next
            .peek()
            .is_some_and(|&&e| walk.elements[e].close < block.position)
        {
            next.next();
        }
        if !next
            .peek()
            .is_some_and(|&&e| walk.contains(e, block.position))
        {
            continue;
        }
        if block.heading == 1 {
            continue;
        }
        let chars = block.text.chars().count();
        if (block.link_chars as f32) > MAX_LINK_SHARE * chars as f32 {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&block.text);
    }
    out
}

impl Walk {
    fn run(&mut self, doc: &Html) {
        let mut skipping: Option<ego_tree::NodeId> = None;
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(text) => self.push_text(&text.text),
                        Node::Element(element) => {
                            let name = element.name();
                            if is_skipped(element, self.skip_furniture) {
                                skipping = Some(node.id());
                                continue;
                            }
                            self.position += 1;
                            let is_block = BLOCK_TAGS.contains(&name);
                            if is_block {
                                self.flush();
                            }
                            let marked_body = element.attr("itemprop") == Some("articleBody")
                                || element.id().is_some_and(|id| BODY_MARKER.is_match(id))
                                || element.classes().any(|c| BODY_MARKER.is_match(c));
                            let index = self.elements.len();
                            self.elements.push(ElementSpan {
                                open: self.position,
                                close: usize::MAX,
                                marked_body,
                                text_chars: 0,
                                link_chars: 0,
                                score: 0.0,
                            });
                            if is_block {
                                self.open_blocks.push((index, self.open.len()));
                            }
                            self.open.push(index);
                            if name == "a" {
                                self.links_open += 1;
                            }
                            if let Some(level) = heading_level(name) {
                                self.heading_open = level;
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(id) = skipping {
                        if id == node.id() {
                            skipping = None;
                        }
                        continue;
                    }
                    let Node::Element(element) = node.value() else {
                        continue;
                    };
                    let name = element.name();
                    let is_block = BLOCK_TAGS.contains(&name);
                    if is_block {
                        self.flush();
                        self.open_blocks.pop();
                    }
                    if name == "a" {
                        self.links_open = self.links_open.saturating_sub(1);
                    }
                    if heading_level(name).is_some() {
                        self.heading_open = 0;
                    }
                    self.position += 1;
                    if let Some(index) = self.open.pop() {
                        let span = &mut self.elements[index];
                        span.close = self.position;
                        let (text, links) = (span.text_chars, span.link_chars);
                        if let Some(&parent) = self.open.last() {
                            let parent = &mut self.elements[parent];
                            parent.text_chars += text;
                            parent.link_chars += links;
                        }
                    }
                }
            }
        }
        self.flush();
    }

    fn push_text(&mut self, text: &str) {
        let before = self.buffer.len();
        // Inline markup joins what it splits ("<b>Wash</b>ington"); only whitespace
        // in the text itself separates words.
        if text.starts_with(char::is_whitespace)
            && !self.buffer.is_empty()
            && !self.buffer.ends_with(' ')
        {
            self.buffer.push(' ');
        }
        let mut words = text.split_whitespace();
        if let Some(first) = words.next() {
            self.buffer.push_str(first);
            for word in words {
                self.buffer.push(' ');
                self.buffer.push_str(word);
            }
            if text.ends_with(char::is_whitespace) {
                self.buffer.push(' ');
            }
        }
        if self.links_open > 0 {
            self.buffer_link_chars += self.buffer.len() - before;
        }
    }

    /// Ends the current block: the text gathered since the last block boundary.
    fn flush(&mut self) {
        let text = self.buffer.trim();
        if text.is_empty() {
            self.buffer.clear();
            self.buffer_link_chars = 0;
            return;
        }
        let text = text.to_owned();
        let link_chars = self.buffer_link_chars.min(text.len());
        self.buffer.clear();
        self.buffer_link_chars = 0;
        let chars = text.chars().count();
        let link_chars = link_chars * chars / text.len().max(1);
        let innermost = self.open_blocks.last().copied();
        if let Some(&element) = self.open.last() {
            let span = &mut self.elements[element];
            span.text_chars += chars;
            span.link_chars += link_chars;
        }
        let parents = self.parents(innermost);
        if chars >= MIN_SCORED_CHARS && link_chars * 2 < chars {
            let commas = text.matches([',', '\u{3001}', '\u{ff0c}']).count() as f32;
            let score = 1.0 + commas + (chars as f32 / 100.0).min(3.0);
            if let Some(parent) = parents[1] {
                self.elements[parent].score += score;
            }
            if let Some(grandparent) = parents[2] {
                self.elements[grandparent].score += score / 2.0;
            }
        }
        self.blocks.push(Block {
            text,
            link_chars,
            position: self.position,
            heading: self.heading_open,
        });
    }

    /// The block element and the two open elements above it.
    fn parents(&self, innermost: Option<(usize, usize)>) -> [Option<usize>; 3] {
        let Some((innermost, at)) = innermost else {
            return [None; 3];
        };
        let above = |n: usize| at.checked_sub(n).and_then(|i| self.open.get(i).copied());
        [Some(innermost), above(1), above(2)]
    }

    fn contains(&self, element: usize, position: usize) -> bool {
        let span = &self.elements[element];
        span.open <= position && position <= span.close
    }

    /// The elements whose blocks are the article.
    fn choose(&self) -> Vec<usize> {
        let marked: Vec<usize> = self
            .elements
            .iter()
            .enumerate()
            .filter(|(_, span)| span.marked_body)
            .map(|(i, _)| i)
            .collect();
        // Outermost marked elements only, so no block is counted twice. Linear:
        // elements are in document order and nest, so a marked element is inside
        // another exactly when it is inside the last outermost one.
        let mut outermost: Vec<usize> = Vec::new();
        for i in marked {
            let inside = outermost
                .last()
                .is_some_and(|&o| self.elements[i].close <= self.elements[o].close);
            if !inside {
                outermost.push(i);
            }
        }
        let marked_text: usize = outermost.iter().map(|&i| self.elements[i].text_chars).sum();
        if marked_text >= MIN_MARKED_CHARS {
            return outermost;
        }
        let best = self
            .elements
            .iter()
            .enumerate()
            .filter(|(_, span)| span.score > 0.0)
            .map(|(i, span)| {
                let link_share = span.link_chars as f32 / span.text_chars.max(1) as f32;
                (i, span.score * (1.0 - link_share.min(1.0)))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((i, _)) => vec![i],
            None => Vec::new(),
        }
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

fn is_skipped(element: &scraper::node::Element, skip_furniture: bool) -> bool {
    let name = element.name();
    if SKIPPED_TAGS.contains(&name) {
        return true;
    }
    if element.attr("hidden").is_some() || element.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = element.attr("style") {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if !skip_furniture || matches!(name, "body" | "html" | "main" | "article") {
        return false;
    }
    let class = element.attr("class").unwrap_or_default();
    let id = element.id().unwrap_or_default();
    if class.is_empty() && id.is_empty() {
        return false;
    }
    let names = format!("{class} {id}");
    BOILERPLATE.is_match(&names) && !MAYBE_CONTENT.is_match(&names)
}

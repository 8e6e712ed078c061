//! Saved web pages (`.html`, `.htm`, `.xhtml`): one article each.
//!
//! The page is parsed once by html5ever (through `scraper`), the WHATWG algorithm
//! browsers use, so broken and truncated markup is read the way the user saw it.
//! `meta.rs` reads what the page says about itself, `body.rs` finds the article's
//! own text among the page's furniture.

mod body;
mod meta;
mod prepare;

use std::sync::LazyLock;

use encoding_rs::Encoding;
use regex::bytes::Regex;
use scraper::Html;

use super::date::{self, Stated};
use super::fields::Meta;
use super::{Article, ArticleError, Context, DateSource, Sink};

/// Where browsers look for a declared encoding: the first 1024 bytes.
const PRESCAN_LEN: usize = 1024;

static CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("static pattern")
});

/// The encoding a page declares in `<meta charset>` or `http-equiv` content.
pub(super) fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_LEN)];
    let label = CHARSET.captures(head)?.get(1)?.as_bytes();
    Encoding::for_label(label)
}

/// Where and when a page from a web archive was fetched: the fallbacks for the address
/// and the date the page itself does not state.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Fetched<'a> {
    pub(super) address: Option<&'a str>,
    pub(super) date: Option<&'a str>,
}

/// The page's article, or `NoArticleText` when the page has none (a login wall, a
/// page drawn by JavaScript).
pub(super) fn parse_page(
    text: &str,
    fetched: Fetched<'_>,
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
) -> Result<Article, ArticleError> {
    let doc = parse_document(&prepare::prepare(text))
        .map_err(|reason| ArticleError::HtmlParser { reason })?;
    let mut page = meta::read(&doc, text, fetched.address);
    if page.date.is_none() {
        page.date = fetched
            .date
            .map(|raw| Stated::new(DateSource::Fetched, raw, date::parse_stated));
    }
    let body = body::extract(&doc);
    if body.is_empty() {
        return Err(ArticleError::NoArticleText);
    }
    let mut authors = page.authors;
    authors.truncate(MAX_AUTHORS);
    let meta = Meta {
        title: page.title,
        date: page.date,
        url: page.url,
        site: page.site,
        authors,
        tags: Vec::new(),
    };
    super::assemble(meta, body, false, ctx, sink)
}

/// The text of an HTML fragment that is all article (a feed item's content): read as a
/// page whose article is the fragment, as paragraphs separated by blank lines.
pub(super) fn fragment_text(fragment: &str) -> String {
    if !fragment.contains('<') && !fragment.contains('&') {
        return super::text::normalize_body(fragment);
    }
    let page = format!("<!doctype html><html><body><article>{fragment}</article></body></html>");
    let Ok(doc) = parse_document(&prepare::prepare(&page)) else {
        return String::new();
    };
    let text = body::extract(&doc);
    if text.is_empty() {
        // Text with inline markup only, no block the article reader counts.
        return super::text::normalize_body(&inline_text(fragment));
    }
    text
}

/// The text of an HTML fragment read as one line (a feed item's title).
pub(super) fn inline_text(fragment: &str) -> String {
    if !fragment.contains('<') && !fragment.contains('&') {
        return fragment.to_owned();
    }
    let prepared = prepare::prepare(fragment);
    let Ok(parsed) = super::contained::catch(|| Html::parse_fragment(&prepared)) else {
        return String::new();
    };
    let text: String = parsed.root_element().text().collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page's text as lines: one paragraph per block-level element, a line per `<br>`, white
/// space inside a line collapsed, a blank line between blocks; the `<head>` left out.
/// For an export saved as HTML, whose layout is read line by line as a `.txt` is.
pub(super) fn block_text(page: &str) -> String {
    let Ok(doc) = parse_document(&prepare::prepare(page)) else {
        return String::new();
    };
    let mut out = String::with_capacity(page.len() / 2);
    let mut line = String::new();
    let flush = |line: &mut String, out: &mut String| {
        if !line.is_empty() {
            out.push_str(line);
            out.push_str("\n\n");
            line.clear();
        }
    };
    let mut skipping: Option<ego_tree::NodeId> = None;
    let mut pending_space = false;
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    scraper::Node::Text(text) => {
                        // Words split by markup alone (`Fer<b>ry</b>`) stay one word.
                        let mut space = pending_space || text.text.starts_with(char::is_whitespace);
                        for word in text.text.split_whitespace() {
                            if space && !line.is_empty() {
                                line.push(' ');
                            }
                            line.push_str(word);
                            space = true;
                        }
                        pending_space = text.text.ends_with(char::is_whitespace);
                    }
                    scraper::Node::Element(element) => {
                        if matches!(element.name(), "head" | "title" | "template") {
                            skipping = Some(node.id());
                        } else if element.name() == "br" {
                            // A line break inside a block: lines of one paragraph.
                            if !line.is_empty() {
                                out.push_str(&line);
                                out.push('\n');
                                line.clear();
                            }
                        } else if body::BLOCK_TAGS.contains(&element.name()) {
                            flush(&mut line, &mut out);
                        }
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if let scraper::Node::Element(element) = node.value() {
                    if skipping.is_none()
                        && element.name() != "br"
                        && body::BLOCK_TAGS.contains(&element.name())
                    {
                        flush(&mut line, &mut out);
                    }
                }
            }
        }
    }
    flush(&mut line, &mut out);
    out
}

/// The page parsed by html5ever, or the message of the panic it stopped with on this
/// input (see `contained.rs`).
fn parse_document(html: &str) -> Result<Html, String> {
    super::contained::catch(|| Html::parse_document(html))
}

/// A page listing more "authors" than this is listing something else.
const MAX_AUTHORS: usize = 20;

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn block_text_gives_a_paragraph_a_block_and_a_line_a_break() {
        let page = "<html><head><title>Factiva</title></head><body><div>1 of 2 DOCUMENTS</div>\
<p>The <b>ferry</b> com<i>pany</i><br>said so.</p><table><tr><td>a</td><td>b</td></tr></table></body></html>";
        assert_eq!(
            block_text(page),
            "1 of 2 DOCUMENTS\n\nThe ferry company\nsaid so.\n\na\n\nb\n\n"
        );
    }
    use crate::article::{parse_file, DateSource};

    fn article(html: &str) -> Result<Article, ArticleError> {
        let parsed = parse_file(Path::new("page.html"), html.as_bytes())?;
        parsed.entries.into_iter().next().expect("one entry").result
    }

    const PAGE: &str = r##"<!doctype html><html><head><meta charset="utf-8">
<title>Envoy recounts Kremlin talks | The Daily</title>
<meta property="article:published_time" content="2025-03-22T09:30:00Z">
<meta name="author" content="Jane Roe">
<link rel="canonical" href="https://daily.example/world/envoy-talks">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<div class="cookie-banner">We use cookies. Accept?</div>
<main><article>
<h1>Envoy recounts Kremlin talks</h1>
<div class="share-bar"><a href="#">Share on X</a></div>
<p>Steve Witkoff, the US envoy, said on Friday that the talks in Moscow had been long, and that both sides wanted to meet again.</p>
<p>He described the meeting<br>as &ldquo;productive&rdquo; &amp; frank, according to a transcript.</p>
<h2>What comes next</h2>
<p>Officials in Kyiv said they had not been told of the <b>Wash</b>ington plan, and would wait for details.</p>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Another story about talks</a></li></ul></aside>
</article></main>
<footer>Copyright The Daily. All rights reserved.</footer>
<script>var x = "not text";</script>
</body></html>"##;

    #[test]
    fn a_news_page_gives_its_article() {
        let a = article(PAGE).unwrap();
        assert_eq!(a.title, "Envoy recounts Kremlin talks");
        assert_eq!(
            a.publication_date,
            chrono::NaiveDate::from_ymd_opt(2025, 3, 22)
        );
        assert_eq!(a.date_source, DateSource::HtmlMeta);
        assert_eq!(a.authors, ["Jane Roe"]);
        assert_eq!(
            a.url.as_deref(),
            Some("https://daily.example/world/envoy-talks")
        );
        let paragraphs: Vec<&str> = a.body.split("\n\n").collect();
        assert_eq!(
            paragraphs,
            [
                "Steve Witkoff, the US envoy, said on Friday that the talks in Moscow had been long, and that both sides wanted to meet again.",
                "He described the meeting",
                "as \u{201c}productive\u{201d} & frank, according to a transcript.",
                "What comes next",
                "Officials in Kyiv said they had not been told of the Washington plan, and would wait for details.",
            ]
        );
    }

    #[test]
    fn a_page_without_article_text_is_an_error() {
        let app = r#"<html><head><title>App</title></head><body><div id="root"></div><script src="app.js"></script></body></html>"#;
        assert_eq!(article(app), Err(ArticleError::NoArticleText));
        let login = r#"<html><body><form><label>Email</label><input name=e><button>Sign in</button></form></body></html>"#;
        assert_eq!(article(login), Err(ArticleError::NoArticleText));
    }

    #[test]
    fn truncated_markup_keeps_what_is_there() {
        let cut = &PAGE[..PAGE.find("What comes next").unwrap()];
        let a = article(cut).unwrap();
        assert!(a.body.starts_with("Steve Witkoff"), "{}", a.body);
    }

    #[test]
    fn declared_charset_is_used_for_bytes_that_are_not_utf8() {
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><p>".to_vec();
        page.extend_from_slice(b"Le caf\xe9 du coin ferme ses portes apr\xe8s cent ans, a dit le propri\xe9taire.</p></body></html>");
        let parsed = parse_file(Path::new("p.htm"), &page).unwrap();
        let a = parsed.entries.into_iter().next().unwrap().result.unwrap();
        assert!(a.body.contains("caf\u{e9} du coin"), "{}", a.body);
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    }

    #[test]
    fn a_wrong_declaration_does_not_spoil_utf8() {
        let page = "<meta charset=iso-8859-1><p>Der Bürgermeister von München sagte am Montag, die Stadt werde sparen.</p>";
        let parsed = parse_file(Path::new("p.html"), page.as_bytes()).unwrap();
        assert!(parsed.warnings.is_empty());
        let a = parsed.entries.into_iter().next().unwrap().result.unwrap();
        assert!(a.body.contains("Bürgermeister von München"));
    }

    #[test]
    fn deep_nesting_is_no_stack_overflow() {
        let depth = 100_000;
        let mut page = String::from("<html><body>");
        page.push_str(&"<div>".repeat(depth));
        page.push_str(
            "<p>At the very bottom of a deeply nested page, a paragraph of real text survives.</p>",
        );
        page.push_str(&"</div>".repeat(depth));
        let a = article(&page).unwrap();
        assert!(a.body.contains("very bottom"));
    }
}

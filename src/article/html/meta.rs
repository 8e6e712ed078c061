//! What a web page says about itself: title, publication date, authors, address
//! and site, from the places publishers and saving tools put them.
//!
//! Each field takes the first source present, in order of how reliably it names
//! the article (rather than the page, the site or the day it was saved): schema.org
//! JSON-LD first, then Open Graph and the common `<meta>` names, then the markup.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Selector};
use serde_json::Value;

use super::super::date::{self, Stated};
use super::super::fields;
use super::super::title;
use super::super::DateSource;

#[derive(Debug, Default)]
pub(super) struct PageMeta {
    pub title: Option<String>,
    pub date: Option<Stated>,
    pub authors: Vec<String>,
    pub url: Option<String>,
    /// The site or publication (`og:site_name`, JSON-LD `publisher`).
    pub site: Option<String>,
}

/// `<meta>` names and properties that hold the publication date, most specific first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "citation_publication_date",
    "date",
    "article.published",
    "og:published_time",
];

/// The schema.org types whose fields describe the article (not the site or a list).
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "WebPage",
];

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("static selector")
}

static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
static META: LazyLock<Selector> = LazyLock::new(|| selector("meta[content]"));
static CANONICAL: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"link[rel~="canonical"][href]"#));
static AUTHOR_LINK: LazyLock<Selector> = LazyLock::new(|| selector(r#"a[rel~="author"]"#));
static DATE_PROP: LazyLock<Selector> = LazyLock::new(|| selector(r#"[itemprop="datePublished"]"#));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));

/// `/2025/03/22/`, `/2025-03-22/`, `/20250322/` in an address.
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")
        .expect("static pattern")
});

/// The source address saving tools write into the file: SingleFile's header
/// comment (`url: …`) and the `saved from url=(NNNN)…` mark of "Save Page As".
static SAVED_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)(?:saved from url=\(\d+\)|^\s*url:\s*)(https?://[^\s>]+)")
        .expect("static pattern")
});

#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    date: Option<String>,
    authors: Vec<String>,
    url: Option<String>,
    site_name: Option<String>,
}

/// `fetched_from` is where the page was fetched (a WARC record's target), the last
/// resort for its address.
pub(super) fn read(doc: &Html, raw: &str, fetched_from: Option<&str>) -> PageMeta {
    let linked = linked_data(doc);
    let metas = meta_values(doc);
    let meta = |key: &str| lookup(&metas, key);

    let site_name = linked
        .site_name
        .clone()
        .or_else(|| meta("og:site_name").map(title::clean))
        .filter(|s| !s.is_empty());

    let url = first_url([
        doc.select(&CANONICAL).next().and_then(|e| e.attr("href")),
        meta("og:url"),
        linked.url.as_deref(),
        saved_from(raw),
        fetched_from,
    ]);

    let title = linked
        .headline
        .clone()
        .or_else(|| meta("og:title").map(title::clean))
        .or_else(|| meta("twitter:title").map(title::clean))
        .or_else(|| {
            doc.select(&H1)
                .next()
                .map(|h| title::clean(&h.text().collect::<String>()))
        })
        .or_else(|| {
            doc.select(&TITLE).next().map(|t| {
                without_site_name(
                    &title::clean(&t.text().collect::<String>()),
                    site_name.as_deref(),
                )
            })
        })
        .filter(|t| !t.is_empty());

    let date = published(doc, &linked, &metas, url.as_deref());

    let mut authors = linked.authors;
    if authors.is_empty() {
        authors = meta("author")
            .or_else(|| meta("article:author").filter(|a| !a.starts_with("http")))
            .or_else(|| meta("byl"))
            .or_else(|| meta("parsely-author"))
            .map(split_authors)
            .unwrap_or_default();
    }
    if authors.is_empty() {
        authors = dedup(
            doc.select(&AUTHOR_LINK)
                .map(|a| title::clean(&a.text().collect::<String>())),
        );
    }

    PageMeta {
        title,
        date,
        authors,
        url,
        site: site_name,
    }
}

/// The first date a source states that is a real, plausible date; if none is, the
/// first one stated, so that the problem is reported (pages emit placeholders such
/// as `0001-01-01T00:00:00Z` in one place and the real date in another).
fn published(
    doc: &Html,
    linked: &LinkedData,
    metas: &[(String, String)],
    url: Option<&str>,
) -> Option<Stated> {
    let mut stated: Vec<(DateSource, String)> = Vec::new();
    if let Some(raw) = &linked.date {
        stated.push((DateSource::JsonLd, raw.clone()));
    }
    stated.extend(
        DATE_META
            .iter()
            .filter_map(|key| lookup(metas, key))
            .map(|raw| (DateSource::HtmlMeta, raw.to_owned())),
    );
    let in_markup = doc
        .select(&DATE_PROP)
        .filter_map(|e| e.attr("datetime").or(e.attr("content")))
        .chain(doc.select(&TIME).filter_map(|e| e.attr("datetime")))
        .find(|raw| date::parse_stated(raw).is_ok());
    if let Some(raw) = in_markup {
        stated.push((DateSource::HtmlMeta, raw.to_owned()));
    }
    if let Some(captures) = url.and_then(|url| URL_DATE.captures(url)) {
        let iso = format!("{}-{}-{}", &captures[1], &captures[2], &captures[3]);
        stated.push((DateSource::Url, iso));
    }
    let good = stated
        .iter()
        .find(|(_, raw)| date::parse_stated(raw).is_ok())
        .or(stated.first())?;
    Some(Stated::new(good.0, &good.1, date::parse_stated))
}

fn lookup<'m>(metas: &'m [(String, String)], key: &str) -> Option<&'m str> {
    metas
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.as_str())
}

/// Every `<meta>` as (name or property, content).
fn meta_values(doc: &Html) -> Vec<(String, String)> {
    doc.select(&META)
        .filter_map(|e| {
            let key = e
                .attr("property")
                .or(e.attr("name"))
                .or(e.attr("itemprop"))?;
            let content = e.attr("content")?.trim();
            (!content.is_empty()).then(|| (key.trim().to_owned(), content.to_owned()))
        })
        .collect()
}

/// A JSON-LD block longer than this is not read: an article's own is a few KB, and a
/// parsed `Value` takes about twenty times its text (a 57 MB block took 1.1 GB). The
/// page's `<meta>` tags and markup still give its title and date.
const MAX_JSON_LD_BYTES: usize = 1 << 20;

fn linked_data(doc: &Html) -> LinkedData {
    let mut found = LinkedData::default();
    for script in doc.select(&JSON_LD) {
        let length: usize = script.text().map(str::len).sum();
        if length > MAX_JSON_LD_BYTES {
            continue;
        }
        let text: String = script.text().collect();
        // Pages often end the JSON with a stray semicolon or wrap it in a comment.
        let text = text.trim().trim_end_matches(';');
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        let mut stack = vec![&value];
        while let Some(value) = stack.pop() {
            match value {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(object) => {
                    if let Some(graph) = object.get("@graph") {
                        stack.push(graph);
                    }
                    if is_article(object.get("@type")) {
                        take_article(object, &mut found);
                    }
                }
                _ => {}
            }
        }
    }
    found
}

fn is_article(kind: Option<&Value>) -> bool {
    match kind {
        Some(Value::String(kind)) => ARTICLE_TYPES.contains(&kind.as_str()),
        Some(Value::Array(kinds)) => kinds.iter().any(|k| is_article(Some(k))),
        _ => false,
    }
}

/// Fills what is still missing; a `WebPage` only where no article type said more.
fn take_article(object: &serde_json::Map<String, Value>, found: &mut LinkedData) {
    let text = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_str)
            .map(title::clean)
            .filter(|s| !s.is_empty())
    };
    if found.headline.is_none() {
        // Some sites write the headline HTML-escaped (`&#8216;`, `&#163;`, `&amp;`).
        found.headline = text("headline").map(|headline| {
            if headline.contains('&') {
                title::clean(&super::inline_text(&headline))
            } else {
                headline
            }
        });
    }
    if found.date.is_none() {
        found.date = text("datePublished").or_else(|| text("dateCreated"));
    }
    if found.authors.is_empty() {
        if let Some(author) = object.get("author").or(object.get("creator")) {
            found.authors = fields::names(author);
        }
    }
    if found.url.is_none() {
        found.url = text("url").or_else(|| match object.get("mainEntityOfPage") {
            Some(Value::String(url)) => Some(url.clone()),
            Some(Value::Object(page)) => page.get("@id").and_then(Value::as_str).map(str::to_owned),
            _ => None,
        });
    }
    if found.site_name.is_none() {
        found.site_name = object
            .get("publisher")
            .and_then(|p| p.get("name"))
            .and_then(Value::as_str)
            .map(title::clean);
    }
}

fn saved_from(raw: &str) -> Option<&str> {
    let head = &raw[..floor_char_boundary(raw, 4096)];
    SAVED_FROM
        .captures(head)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn first_url<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    candidates
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|u| u.starts_with("http://") || u.starts_with("https://"))
        .map(str::to_owned)
}

/// "Headline | Site" and "Headline - Site" lose the site's part.
fn without_site_name(title: &str, site_name: Option<&str>) -> String {
    for separator in [
        " | ",
        " - ",
        " \u{2013} ",
        " \u{2014} ",
        " :: ",
        " \u{00b7} ",
    ] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let names_site =
                site_name.is_some_and(|s| tail.eq_ignore_ascii_case(s) || s.contains(tail));
            if names_site
                || (tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3)
            {
                return head.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// "Jane Roe and John Doe", "Jane Roe, John Doe", "By Jane Roe".
fn split_authors(raw: &str) -> Vec<String> {
    let raw = raw.trim();
    let raw = raw
        .strip_prefix("By ")
        .or_else(|| raw.strip_prefix("by "))
        .unwrap_or(raw);
    dedup(
        raw.split([',', ';', '|'])
            .flat_map(|part| part.split(" and "))
            .map(title::clean),
    )
}

/// The first distinct non-empty names, as many as an article keeps. Linear: a page
/// may list 100,000 "authors", and each is compared with at most that many kept.
fn dedup(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        if out.len() >= super::MAX_AUTHORS {
            break;
        }
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> PageMeta {
        read(&Html::parse_document(html), html, None)
    }

    #[test]
    fn json_ld_wins_and_graphs_are_searched() {
        let page = r#"<html><head><title>Ignored | Site</title>
<meta property="og:title" content="OG title">
<meta property="article:published_time" content="2024-01-02T10:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle","headline":"The  headline","datePublished":"2025-03-22T08:00:00+01:00","author":[{"@type":"Person","name":"Jane Roe"},{"name":"John Doe"}],"publisher":{"name":"The Daily"}}]}</script>
</head><body></body></html>"#;
        let meta = meta_of(page);
        assert_eq!(meta.title.as_deref(), Some("The headline"));
        assert_eq!(
            meta.date.unwrap().value(),
            Ok(chrono::NaiveDate::from_ymd_opt(2025, 3, 22).unwrap())
        );
        assert_eq!(meta.authors, ["Jane Roe", "John Doe"]);
    }

    #[test]
    fn meta_tags_then_markup_then_url() {
        let meta = meta_of(
            r#"<head><meta name="author" content="By Ann Lee and Bo Chan"><link rel="canonical" href="https://news.example/2023/07/04/story/"><title>A long story title - Example News</title></head>"#,
        );
        assert_eq!(meta.authors, ["Ann Lee", "Bo Chan"]);
        assert_eq!(
            meta.url.as_deref(),
            Some("https://news.example/2023/07/04/story/")
        );
        assert_eq!(meta.title.as_deref(), Some("A long story title"));
        let date = meta.date.unwrap();
        assert_eq!(
            date.value(),
            Ok(chrono::NaiveDate::from_ymd_opt(2023, 7, 4).unwrap())
        );

        let meta =
            meta_of(r#"<body><article><time datetime="2021-11-30">Nov 30</time></article></body>"#);
        assert_eq!(
            meta.date.unwrap().value(),
            Ok(chrono::NaiveDate::from_ymd_opt(2021, 11, 30).unwrap())
        );
    }

    #[test]
    fn a_placeholder_date_gives_way_to_a_real_one() {
        let meta = meta_of(
            r#"<head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"0001-01-01T00:00:00Z"}</script>
<meta property="article:published_time" content="2019-05-06T12:00:00Z"></head>"#,
        );
        let date = meta.date.unwrap();
        assert_eq!(date.source(), DateSource::HtmlMeta);
        assert_eq!(
            date.value(),
            Ok(chrono::NaiveDate::from_ymd_opt(2019, 5, 6).unwrap())
        );

        // Only the placeholder: it is kept, so the problem is reported.
        let meta = meta_of(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"0001-01-01"}</script>"#,
        );
        assert!(meta.date.unwrap().value().is_err());
    }

    #[test]
    fn saving_tools_record_the_source() {
        let single_file = "<!--\n Page saved with SingleFile \n url: https://example.org/a/b \n saved date: Sat Mar 22 2025\n--><html></html>";
        assert_eq!(
            meta_of(single_file).url.as_deref(),
            Some("https://example.org/a/b")
        );
        let save_as = "<!-- saved from url=(0024)https://example.org/x -->\n<html></html>";
        assert_eq!(
            meta_of(save_as).url.as_deref(),
            Some("https://example.org/x")
        );
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let meta = meta_of(
            r#"<script type="application/ld+json">{"headline": </script><h1>Fallback</h1>"#,
        );
        assert_eq!(meta.title.as_deref(), Some("Fallback"));
    }

    #[test]
    fn an_escaped_json_ld_headline_is_decoded() {
        let escaped = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"&#8216;Price&#8217; of &#163;5 &amp; more"}</script></head></html>"#;
        let doc = Html::parse_document(escaped);
        let meta = read(&doc, escaped, None);
        assert_eq!(
            meta.title.as_deref(),
            Some("\u{2018}Price\u{2019} of \u{a3}5 & more")
        );
    }
}

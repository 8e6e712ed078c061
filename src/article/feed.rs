//! RSS and Atom feeds (`.rss`, `.atom`, and `.xml` files whose root is a feed): one
//! article per item, addressed `FILE:N` for the Nth item, as a JSON-lines file's lines
//! are. A saved feed with full-text items (`content:encoded`, Atom `content`) is how
//! newsletters and some archives keep articles; an item with only a summary is indexed
//! with the summary, since that is all the file holds of it.
//!
//! The XML is parsed by `feed-rs`, which reads every RSS flavour, Atom and JSON Feed into
//! one model and takes the file's own declared encoding. An item's HTML is read as the
//! whole article of a page (`html::fragment_text`), not searched for a main part.

use chrono::{DateTime, Utc};

use super::date::{self, Stated};
use super::fields::Meta;
use super::{assemble, html, title, Article, ArticleError, Context, DateSource, Entry, Sink};

/// Whether `bytes` start like a feed: an XML document whose first element is `rss`,
/// `feed` (Atom) or `rdf:RDF` (RSS 1.0), after the XML declaration, comments and a
/// doctype. Only the first few KB are looked at.
pub(super) fn sniffs_feed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>").map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("<!") {
            rest = after.split_once('>').map_or("", |(_, r)| r).trim_start();
        } else {
            break;
        }
    }
    let name: String = rest
        .strip_prefix('<')
        .unwrap_or("")
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
        .collect();
    matches!(name.as_str(), "rss" | "feed" | "rdf:RDF" | "RDF")
}

/// The items of a feed, each an entry numbered from 1; an item without text is an entry
/// with its error, so it is reported with the rest.
pub(super) fn parse_feed(
    bytes: &[u8],
    ctx: &Context<'_>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Entry>, ArticleError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|error| ArticleError::InvalidFeed {
        reason: super::one_line(&error.to_string(), 160),
    })?;
    if feed.entries.is_empty() {
        return Err(ArticleError::EmptyFeed);
    }
    let site = feed
        .title
        .as_ref()
        .map(|text| title::clean(&text.content))
        .filter(|site| !site.is_empty());
    let mut entries = Vec::with_capacity(feed.entries.len());
    for (index, item) in feed.entries.into_iter().enumerate() {
        let number = index + 1;
        let mut sink = Sink {
            out: warnings,
            line: Some(number),
        };
        let result = item_article(item, site.clone(), ctx, &mut sink);
        entries.push(Entry {
            line: Some(number),
            result,
        });
    }
    Ok(entries)
}

fn item_article(
    item: feed_rs::model::Entry,
    site: Option<String>,
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
) -> Result<Article, ArticleError> {
    let item_number = sink.line.unwrap_or(0);
    let html = item
        .content
        .as_ref()
        .and_then(|content| content.body.as_deref())
        .or(item
            .summary
            .as_ref()
            .map(|summary| summary.content.as_str()))
        .unwrap_or_default();
    let body = html::fragment_text(html);
    if body.is_empty() {
        return Err(ArticleError::EmptyItem { item: item_number });
    }
    let url = item
        .links
        .iter()
        .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or(item.links.first())
        .map(|link| link.href.clone());
    let date = item
        .published
        .or(item.updated)
        .map(|when| Stated::new(DateSource::Feed, &day_text(when), date::parse_stated));
    let meta = Meta {
        title: item
            .title
            .map(|text| title::clean(&html::inline_text(&text.content)))
            .filter(|title| !title.is_empty()),
        date,
        url,
        site,
        authors: item
            .authors
            .into_iter()
            .map(|person| person.name.trim().to_owned())
            .filter(|name| !name.is_empty())
            .collect(),
        tags: item
            .categories
            .into_iter()
            .map(|category| category.label.unwrap_or(category.term))
            .filter(|tag| !tag.trim().is_empty())
            .collect(),
    };
    assemble(meta, body, false, ctx, sink)
}

/// The day of a feed's timestamp (UTC, as the parser gives it), as the date chain reads it.
fn day_text(when: DateTime<Utc>) -> String {
    when.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use chrono::NaiveDate;

    use super::*;
    use crate::article::parse_file;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Ferry timetable &amp; fares change in April</title>
<link>https://gazette.example/2024/03/ferry</link>
<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate><dc:creator>Ann Lee</dc:creator>
<category>Transport</category>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>The ferry company said on Tuesday that the new timetable starts in April.</p><p>Maria Lopez, the harbour master, welcomed it.</p>]]></content:encoded>
</item>
<item><title>Only a summary</title><link>https://gazette.example/2024/03/summary</link>
<pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The council met about the gannetry.&lt;/p&gt;</description></item>
<item><title>Empty</title><pubDate>Thu, 07 Mar 2024 10:00:00 GMT</pubDate></item>
</channel></rss>"#;

    #[test]
    fn every_rss_item_is_an_article_with_its_link_date_and_author() {
        let parsed = parse_file(Path::new("gazette.rss"), RSS.as_bytes()).unwrap();
        assert_eq!(parsed.entries.len(), 3);
        let first = parsed.entries[0].result.as_ref().unwrap();
        assert_eq!(parsed.entries[0].line, Some(1));
        assert_eq!(first.title, "Ferry timetable & fares change in April");
        assert_eq!(
            first.url.as_deref(),
            Some("https://gazette.example/2024/03/ferry")
        );
        assert_eq!(first.publication_date, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(first.date_source, DateSource::Feed);
        assert_eq!(first.site.as_deref(), Some("The Harbour Gazette"));
        assert_eq!(first.authors, ["Ann Lee"]);
        assert_eq!(first.tags, ["Transport"]);
        assert_eq!(
            first.body,
            "The ferry company said on Tuesday that the new timetable starts in April.\n\nMaria Lopez, the harbour master, welcomed it."
        );
        let second = parsed.entries[1].result.as_ref().unwrap();
        assert_eq!(second.body, "The council met about the gannetry.");
        assert!(matches!(
            parsed.entries[2].result,
            Err(ArticleError::EmptyItem { item: 3 })
        ));
    }

    #[test]
    fn atom_entries_and_sniffing() {
        let atom = r#"<?xml version="1.0"?><!-- saved --><feed xmlns="http://www.w3.org/2005/Atom">
<title>Wire</title><entry><title type="html">Talks &lt;em&gt;resume&lt;/em&gt;</title>
<link rel="alternate" href="https://wire.example/talks"/><id>x</id>
<updated>2025-03-22T10:00:00Z</updated><published>2025-03-21T10:00:00Z</published>
<author><name>Bo Chen</name></author>
<content type="html">&lt;p&gt;Envoys met in Riyadh on Friday.&lt;/p&gt;</content></entry></feed>"#;
        assert!(sniffs_feed(atom.as_bytes()));
        assert!(sniffs_feed(RSS.as_bytes()));
        assert!(!sniffs_feed(b"<?xml version=\"1.0\"?><svg></svg>"));
        let parsed = parse_file(Path::new("wire.xml"), atom.as_bytes()).unwrap();
        let entry = parsed.entries[0].result.as_ref().unwrap();
        assert_eq!(entry.title, "Talks resume");
        assert_eq!(entry.publication_date, NaiveDate::from_ymd_opt(2025, 3, 21));
        assert_eq!(entry.body, "Envoys met in Riyadh on Friday.");
    }

    #[test]
    fn broken_and_empty_feeds_are_named_errors() {
        let broken =
            parse_file(Path::new("a.rss"), b"<rss><channel><item><title>x</ti").unwrap_err();
        assert_eq!(broken.label(), "invalid feed");
        let empty = parse_file(
            Path::new("a.rss"),
            b"<rss version=\"2.0\"><channel><title>t</title></channel></rss>",
        )
        .unwrap_err();
        assert_eq!(empty.label(), "empty feed");
    }
}

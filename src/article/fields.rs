//! Metadata from key/value sources: JSON objects and (converted) YAML front matter.
//!
//! Both go through the same key lists so that a feed exported as JSON and the same
//! feed written as Markdown files index identically. For every field the first key
//! present wins; a key whose value is null, blank or empty counts as absent, since
//! exporters often emit every key whether or not they have a value.

use std::borrow::Cow;
use std::collections::HashSet;

use serde_json::{Map, Value};

use super::date::{self, Stated};
use super::title;
use super::DateSource;

const TITLE_KEYS: &[&str] = &["title", "headline"];
const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "publish_date",
    "published_at",
    "datePublished",
    "date_publish",
    "pubDate",
];
pub(crate) const TEXT_KEYS: &[&str] = &["text", "body", "content", "maintext", "article"];
const URL_KEYS: &[&str] = &["url", "link"];
const AUTHOR_KEYS: &[&str] = &["authors", "author"];
const TAG_KEYS: &[&str] = &["tags", "keywords"];
const SITE_KEYS: &[&str] = &["site_name", "site", "publisher"];

/// Everything but the text.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub date: Option<Stated>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
}

pub(crate) fn meta(obj: &Map<String, Value>, date_source: DateSource) -> Meta {
    let title = first(obj, TITLE_KEYS)
        .and_then(scalar_text)
        .map(|t| title::clean(&t))
        .filter(|t| !t.is_empty());
    let date = first(obj, DATE_KEYS).map(|value| match scalar_text(value) {
        Some(raw) => Stated::new(date_source, &raw, date::parse_stated),
        None => Stated::unrecognised(date_source, &value.to_string()),
    });
    let url = first(obj, URL_KEYS)
        .and_then(Value::as_str)
        .map(|u| u.trim().to_owned());
    let authors = first(obj, AUTHOR_KEYS).map_or_else(Vec::new, names);
    let tags = first(obj, TAG_KEYS).map_or_else(Vec::new, tag_list);
    // A name, or a schema.org-style `{"name": …}`.
    let site = first(obj, SITE_KEYS)
        .and_then(|value| match value {
            Value::Object(named) => named.get("name").and_then(scalar_text),
            other => scalar_text(other),
        })
        .map(|s| title::clean(&s))
        .filter(|s| !s.is_empty());
    Meta {
        title,
        date,
        url,
        site,
        authors,
        tags,
    }
}

/// The article text, as written: a string, or a list of strings (paragraphs,
/// as some scrapers store them) joined by blank lines.
pub(crate) fn text(obj: &Map<String, Value>) -> Option<Cow<'_, str>> {
    match first(obj, TEXT_KEYS)? {
        Value::String(s) => Some(Cow::Borrowed(s)),
        Value::Array(items) => {
            let parts: Vec<&str> = items
                .iter()
                .filter_map(Value::as_str)
                .filter(|s| !s.trim().is_empty())
                .collect();
            (!parts.is_empty()).then(|| Cow::Owned(parts.join("\n\n")))
        }
        _ => None,
    }
}

fn first<'a>(obj: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter()
        .filter_map(|key| obj.get(*key))
        .find(|value| !is_blank(value))
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.iter().all(is_blank),
        _ => false,
    }
}

/// Strings, and the numbers and booleans YAML makes of unquoted words (`title: 1984`).
fn scalar_text(value: &Value) -> Option<Cow<'_, str>> {
    match value {
        Value::String(s) => Some(Cow::Borrowed(s)),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
        _ => None,
    }
}

/// A name, a list of names, or schema.org `Person` objects (`{"name": …}`), alone
/// or in a list.
pub(crate) fn names(value: &Value) -> Vec<String> {
    let one = |v: &Value| -> Option<String> {
        let name = match v {
            Value::Object(person) => person.get("name").and_then(scalar_text),
            other => scalar_text(other),
        }?;
        Some(title::clean(&name))
    };
    match value {
        Value::Array(items) => dedup(items.iter().filter_map(one)),
        other => dedup(one(other)),
    }
}

/// A list, or one string of comma-separated tags (`tags: politics, budget`; the
/// usual form of schema.org `keywords`).
fn tag_list(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => dedup(
            items
                .iter()
                .filter_map(scalar_text)
                .map(|t| title::clean(&t)),
        ),
        other => match scalar_text(other) {
            Some(text) => dedup(text.split(',').map(title::clean)),
            None => Vec::new(),
        },
    }
}

/// Drops empty and repeated entries, keeping the first occurrence's position.
fn dedup(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    items
        .into_iter()
        .filter(|item| !item.is_empty() && seen.insert(item.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use serde_json::json;

    fn obj(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!("test input must be an object"),
        }
    }

    fn date_of(value: Value) -> Option<Result<NaiveDate, ()>> {
        meta(&obj(value), DateSource::Json)
            .date
            .map(|stated| stated.value().map_err(|_| ()))
    }

    #[test]
    fn every_title_key() {
        for key in TITLE_KEYS {
            let m = meta(&obj(json!({ *key: "  A\n title " })), DateSource::Json);
            assert_eq!(m.title.as_deref(), Some("A title"), "{key}");
        }
        let m = meta(
            &obj(json!({"title": "", "headline": "H"})),
            DateSource::Json,
        );
        assert_eq!(m.title.as_deref(), Some("H"));
        let m = meta(&obj(json!({"title": 1984})), DateSource::Json);
        assert_eq!(m.title.as_deref(), Some("1984"));
        assert_eq!(
            meta(&obj(json!({"title": {"x": 1}})), DateSource::Json).title,
            None
        );
    }

    #[test]
    fn every_date_key() {
        let day = NaiveDate::from_ymd_opt(2025, 3, 22).unwrap();
        for key in DATE_KEYS {
            assert_eq!(
                date_of(json!({ *key: "2025-03-22T10:00:00Z" })),
                Some(Ok(day)),
                "{key}"
            );
        }
        // First present wins, null and blank are absent.
        assert_eq!(
            date_of(
                json!({"date": null, "published": " ", "pubDate": "Sat, 22 Mar 2025 10:00:00 GMT"})
            ),
            Some(Ok(day))
        );
        assert_eq!(
            date_of(json!({"date": "2025-03-22", "published": "2020-01-01"})),
            Some(Ok(day))
        );
        assert_eq!(
            date_of(json!({"date": "soon", "published": "2025-03-22"})),
            Some(Err(()))
        );
        assert_eq!(date_of(json!({"date": [1, 2]})), Some(Err(())));
        assert_eq!(date_of(json!({"text": "x"})), None);
    }

    #[test]
    fn every_text_key() {
        for key in TEXT_KEYS {
            assert_eq!(
                text(&obj(json!({ *key: "Body." }))).as_deref(),
                Some("Body."),
                "{key}"
            );
        }
        assert_eq!(
            text(&obj(json!({"text": "", "body": ["One.", 5, " ", "Two."]}))).as_deref(),
            Some("One.\n\nTwo.")
        );
        assert_eq!(text(&obj(json!({"text": {"html": "x"}}))), None);
        assert_eq!(text(&obj(json!({"text": [" "], "title": "t"}))), None);
    }

    #[test]
    fn url_keys() {
        let url = |v| meta(&obj(v), DateSource::Json).url;
        assert_eq!(
            url(json!({"url": " https://a.test "})).as_deref(),
            Some("https://a.test")
        );
        assert_eq!(
            url(json!({"link": "https://b.test"})).as_deref(),
            Some("https://b.test")
        );
        assert_eq!(
            url(json!({"url": "https://a.test", "link": "https://b.test"})).as_deref(),
            Some("https://a.test")
        );
        assert_eq!(url(json!({"url": 5})), None);
    }

    #[test]
    fn author_forms() {
        let authors = |v| meta(&obj(v), DateSource::Json).authors;
        assert_eq!(
            authors(json!({"authors": ["Ann Lee", " Bo  Chan ", "Ann Lee", ""]})),
            ["Ann Lee", "Bo Chan"]
        );
        assert_eq!(authors(json!({"authors": "Ann Lee"})), ["Ann Lee"]);
        assert_eq!(authors(json!({"author": "Ann Lee"})), ["Ann Lee"]);
        assert_eq!(
            authors(json!({"author": ["Ann Lee", "Bo Chan"]})),
            ["Ann Lee", "Bo Chan"]
        );
        assert_eq!(
            authors(
                json!({"author": {"@type": "Person", "name": "Ann Lee", "url": "https://a.test"}})
            ),
            ["Ann Lee"]
        );
        assert_eq!(
            authors(
                json!({"author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Organization"}, 3]})
            ),
            ["Ann Lee", "3"]
        );
        assert_eq!(
            authors(json!({"authors": [], "author": "Bo Chan"})),
            ["Bo Chan"]
        );
        assert!(authors(json!({"author": {"x": 1}})).is_empty());
    }

    #[test]
    fn site_names() {
        let site = |v| meta(&obj(v), DateSource::Json).site;
        assert_eq!(
            site(json!({"site_name": " The  Daily "})).as_deref(),
            Some("The Daily")
        );
        assert_eq!(
            site(json!({"publisher": {"@type": "Organization", "name": "Reuters"}})).as_deref(),
            Some("Reuters")
        );
        assert_eq!(site(json!({"publisher": ""})), None);
    }

    #[test]
    fn tag_forms() {
        let tags = |v| meta(&obj(v), DateSource::Json).tags;
        assert_eq!(
            tags(json!({"tags": ["a", "b", "a", 2025]})),
            ["a", "b", "2025"]
        );
        assert_eq!(
            tags(json!({"tags": "politics, budget,,"})),
            ["politics", "budget"]
        );
        assert_eq!(tags(json!({"keywords": "x, y"})), ["x", "y"]);
        assert!(tags(json!({"tags": {"a": 1}})).is_empty());
    }
}

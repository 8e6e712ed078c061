//! Articles into Tantivy documents and back.

use chrono::{NaiveDate, NaiveTime};
use tantivy::schema::{Facet, Value};
use tantivy::{DateTime, TantivyDocument};

use super::keys::{file_key, id_key};
use super::mention_key::mention_key;
use super::schema::{person_key, Fields, KIND_ARTICLE, KIND_DUPLICATE, KIND_SKIPPED};
use crate::article::Article;
use crate::extract::DateMention;

/// Where a document came from on disk, as incremental ingest compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    /// Absolute path.
    pub file: String,
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime: i64,
    /// The part of a container file these documents come from (the WARC inside a WACZ).
    pub member: Option<String>,
}

/// Everything the index keeps of one article.
pub struct ArticleRecord<'a> {
    pub id: &'a str,
    pub stamp: &'a FileStamp,
    /// 1-based line of a JSON-lines file.
    pub line: Option<usize>,
    pub article: &'a Article,
    /// Distinct linked full names, most mentioned first.
    pub people: &'a [String],
    /// Names written as a firm's.
    pub firms: &'a [String],
    /// One-word names only the archive can confirm.
    pub tentative: &'a [String],
    pub date_mentions: &'a [DateMention],
}

fn stamp_fields(
    fields: &Fields,
    doc: &mut TantivyDocument,
    stamp: &FileStamp,
    line: Option<usize>,
) {
    doc.add_text(fields.file, &stamp.file);
    doc.add_u64(fields.file_key, file_key(&stamp.file));
    doc.add_u64(fields.line, line.map_or(0, |l| l as u64));
    if let Some(member) = &stamp.member {
        doc.add_text(fields.member, member);
    }
    doc.add_u64(fields.size, stamp.size);
    doc.add_i64(fields.mtime, stamp.mtime);
}

fn add_id(fields: &Fields, doc: &mut TantivyDocument, id: &str) {
    doc.add_text(fields.id, id);
    if let Some(key) = id_key(id) {
        doc.add_u64(fields.id_key, key);
    }
}

pub fn to_datetime(day: NaiveDate) -> DateTime {
    DateTime::from_timestamp_secs(day.and_time(NaiveTime::MIN).and_utc().timestamp())
}

pub fn from_datetime(value: DateTime) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(value.into_timestamp_secs(), 0).map(|t| t.date_naive())
}

pub fn article_document(fields: &Fields, record: &ArticleRecord) -> TantivyDocument {
    let article = record.article;
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.kind, KIND_ARTICLE);
    add_id(fields, &mut doc, record.id);
    stamp_fields(fields, &mut doc, record.stamp, record.line);
    doc.add_text(fields.title, &article.title);
    if let Some(day) = article.publication_date {
        doc.add_date(fields.publication_date, to_datetime(day));
    }
    if let Some(day) = article.captured {
        doc.add_date(fields.captured, to_datetime(day));
    }
    doc.add_text(fields.date_source, article.date_source.as_str());
    for name in record.people {
        doc.add_text(fields.person, name);
        doc.add_text(fields.person_key, person_key(name));
        doc.add_facet(fields.person_facet, Facet::from_path([name.as_str()]));
    }
    for name in record.tentative {
        doc.add_text(fields.tentative, name);
        doc.add_facet(fields.tentative_facet, Facet::from_path([name.as_str()]));
    }
    let mut firms_seen = std::collections::HashSet::new();
    for firm in record.firms {
        let key = person_key(firm);
        if !key.is_empty() && firms_seen.insert(key.clone()) {
            doc.add_facet(fields.firm_facet, Facet::from_path([key.as_str()]));
        }
    }
    let mut values_seen = std::collections::HashSet::new();
    let mut keys_seen = std::collections::HashSet::new();
    for mention in record.date_mentions {
        if values_seen.insert(mention.value.as_str()) {
            doc.add_text(fields.dates_mentioned, &mention.value);
        }
        let key = mention_key(mention);
        if keys_seen.insert(key) {
            doc.add_u64(fields.mention_key, key);
        }
    }
    if let Some(url) = &article.url {
        doc.add_text(fields.url, url);
    }
    if let Some(site) = &article.site {
        doc.add_text(fields.site, site);
    }
    for author in &article.authors {
        doc.add_text(fields.authors, author);
    }
    for tag in &article.tags {
        doc.add_text(fields.tags, tag);
    }
    // Last: the document's buffer then grows once to fit the body, where a body added
    // before other fields is copied again when they make the buffer double.
    doc.add_text(fields.body, &article.body);
    doc
}

/// A file whose content is indexed already under another path (`id` is that content's hash).
pub fn duplicate_document(
    fields: &Fields,
    id: &str,
    stamp: &FileStamp,
    line: Option<usize>,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.kind, KIND_DUPLICATE);
    add_id(fields, &mut doc, id);
    stamp_fields(fields, &mut doc, stamp, line);
    doc
}

/// A file or JSON line that is not an article, with why.
pub fn skipped_document(
    fields: &Fields,
    stamp: &FileStamp,
    line: Option<usize>,
    label: &str,
    problem: &str,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.kind, KIND_SKIPPED);
    stamp_fields(fields, &mut doc, stamp, line);
    doc.add_text(fields.problem_label, label);
    doc.add_text(fields.problem, problem);
    doc
}

/// The label of the record a web archive carries while it is read: committed with the
/// first records an interval commit keeps, deleted when the archive has been read to its
/// end. An ingest that finds it (the last one was stopped inside the archive) reads the
/// archive again, replacing the records kept, so a stopped ingest converges to the index
/// an uninterrupted one builds.
pub const PARTLY_READ: &str = "partly read";

/// The record that says the web archive `stamp` names is being read (see [`PARTLY_READ`]).
pub fn partly_read_document(fields: &Fields, stamp: &FileStamp) -> TantivyDocument {
    let mut doc = skipped_document(
        fields,
        stamp,
        None,
        PARTLY_READ,
        "an ingest was stopped while reading it: the records read before are searchable, and the next ingest reads it again",
    );
    add_id(fields, &mut doc, &partly_read_id(&stamp.file));
    doc
}

/// The term that deletes [`partly_read_document`] of the file at `path`, and nothing else.
pub fn partly_read_term(fields: &Fields, path: &str) -> tantivy::Term {
    let key = id_key(&partly_read_id(path)).unwrap_or_default();
    tantivy::Term::from_field_u64(fields.id_key, key)
}

fn partly_read_id(path: &str) -> String {
    let hash = blake3::hash(format!("{PARTLY_READ}\n{path}").as_bytes());
    hash.to_hex()[..32].to_owned()
}

/// An article as stored in the index.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    pub id: String,
    pub file: String,
    /// The WARC inside a WACZ the article is in.
    pub member: Option<String>,
    pub line: Option<usize>,
    /// When a web archive or an MHTML file captured the page.
    pub captured: Option<NaiveDate>,
    pub title: String,
    pub body: String,
    pub publication_date: Option<NaiveDate>,
    pub date_source: String,
    pub people: Vec<String>,
    /// One-word names only the archive can confirm.
    pub tentative: Vec<String>,
    pub dates_mentioned: Vec<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
}

impl StoredArticle {
    pub fn from_document(fields: &Fields, doc: &TantivyDocument) -> StoredArticle {
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        };
        let texts = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect::<Vec<_>>()
        };
        let line = doc
            .get_first(fields.line)
            .and_then(|v| v.as_u64())
            .filter(|&l| l > 0)
            .map(|l| l as usize);
        StoredArticle {
            id: text(fields.id),
            file: text(fields.file),
            member: Some(text(fields.member)).filter(|m| !m.is_empty()),
            line,
            captured: doc
                .get_first(fields.captured)
                .and_then(|v| v.as_datetime())
                .and_then(from_datetime),
            title: text(fields.title),
            body: text(fields.body),
            publication_date: doc
                .get_first(fields.publication_date)
                .and_then(|v| v.as_datetime())
                .and_then(from_datetime),
            date_source: text(fields.date_source),
            people: texts(fields.person),
            tentative: texts(fields.tentative),
            dates_mentioned: texts(fields.dates_mentioned),
            url: Some(text(fields.url)).filter(|u| !u.is_empty()),
            site: Some(text(fields.site)).filter(|s| !s.is_empty()),
            authors: texts(fields.authors),
            tags: texts(fields.tags),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_round_trips_a_day() {
        let day = NaiveDate::from_ymd_opt(1987, 2, 26).unwrap();
        assert_eq!(from_datetime(to_datetime(day)), Some(day));
    }
}

//! `morgue show`: one article with every field and every mention.

use std::path::Path;

use tantivy::schema::Value;
use tantivy::{Searcher, TantivyDocument};

use crate::error::{MorgueError, Result};
use crate::extract::{DateMention, Extractors, PersonMention};
use crate::index::document::StoredArticle;
use crate::index::keys::{documents_of_file, documents_with_id};
use crate::index::schema::{KIND_ARTICLE, KIND_DUPLICATE};
use crate::index::ArchiveIndex;
use crate::ingest::walk::path_key;

/// An article and its mentions. Mentions are found again from the stored body with the
/// same extractors ingest used, so the index need not store every span.
#[derive(Debug, Clone)]
pub struct ArticleDetails {
    pub article: StoredArticle,
    pub person_mentions: Vec<PersonMention>,
    pub date_mentions: Vec<DateMention>,
}

fn looks_like_id(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The index terms an argument may stand for: an id, a path, or `path:line` of a
/// JSON-lines file.
fn candidates(target: &str) -> Vec<(bool, String, u64)> {
    let mut found = Vec::new();
    if looks_like_id(target) {
        found.push((true, target.to_ascii_lowercase(), 0));
    }
    let absolute = |path: &str| Path::new(path).canonicalize().ok().map(|p| path_key(&p));
    if let Some(key) = absolute(target) {
        found.push((false, key, 0));
    } else if let Some((path, line)) = target.rsplit_once(':') {
        if let (Some(key), Ok(line)) = (absolute(path), line.parse::<u64>()) {
            found.push((false, key, line));
        }
    }
    found
}

fn kind_of<'a>(fields: &crate::index::Fields, doc: &'a TantivyDocument) -> &'a str {
    doc.get_first(fields.kind)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
}

/// The article indexed under content hash `id`.
fn article_by_id(
    archive: &ArchiveIndex,
    searcher: &Searcher,
    id: &str,
) -> Result<Option<StoredArticle>> {
    let fields = &archive.fields;
    Ok(documents_with_id(archive, searcher, id)?
        .iter()
        .find(|doc| kind_of(fields, doc) == KIND_ARTICLE)
        .map(|doc| StoredArticle::from_document(fields, doc)))
}

fn details(article: StoredArticle) -> ArticleDetails {
    let extraction = Extractors::default().extract(&article.body, article.publication_date);
    ArticleDetails {
        article,
        person_mentions: extraction.person_mentions,
        date_mentions: extraction.date_mentions,
    }
}

/// One article by its id (content hash) alone: for callers that must never look at a path
/// they were given, such as `morgue serve`.
pub fn show_by_id(archive: &ArchiveIndex, id: &str) -> Result<ArticleDetails> {
    if !looks_like_id(id) {
        return Err(MorgueError::NotFound(id.to_owned()));
    }
    let reader = archive.reader()?;
    let searcher = reader.searcher();
    match article_by_id(archive, &searcher, &id.to_ascii_lowercase())? {
        Some(article) => Ok(details(article)),
        None => Err(MorgueError::NotFound(id.to_owned())),
    }
}

/// One article by id, path, or `path:line`. A path recorded as a duplicate shows the article
/// it duplicates; a path that was skipped at ingest says why.
pub fn show(archive: &ArchiveIndex, target: &str) -> Result<ArticleDetails> {
    let fields = &archive.fields;
    let reader = archive.reader()?;
    let searcher = reader.searcher();
    for (is_id, value, line) in candidates(target) {
        if is_id {
            if let Some(article) = article_by_id(archive, &searcher, &value)? {
                return Ok(details(article));
            }
            continue;
        }
        for doc in documents_of_file(archive, &searcher, &value)? {
            let doc_line = doc
                .get_first(fields.line)
                .and_then(|v| v.as_u64())
                .unwrap_or(0);
            if line != 0 && doc_line != line {
                continue;
            }
            match kind_of(fields, &doc) {
                KIND_ARTICLE => return Ok(details(StoredArticle::from_document(fields, &doc))),
                KIND_DUPLICATE => {
                    let id = doc
                        .get_first(fields.id)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default();
                    if let Some(article) = article_by_id(archive, &searcher, id)? {
                        return Ok(details(article));
                    }
                }
                _ => {
                    let problem = doc
                        .get_first(fields.problem)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default();
                    return Err(MorgueError::Skipped {
                        target: target.to_owned(),
                        problem: problem.to_owned(),
                    });
                }
            }
        }
    }
    Err(MorgueError::NotFound(target.to_owned()))
}

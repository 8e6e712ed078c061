//! `morgue show`: one article with every field and every mention.

use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use crate::error::{MorgueError, Result};
use crate::extract::{DateMention, Extractors, PersonMention};
use crate::index::document::StoredArticle;
use crate::index::schema::KIND_ARTICLE;
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

pub fn show(archive: &ArchiveIndex, target: &str) -> Result<ArticleDetails> {
    let fields = &archive.fields;
    let reader = archive.reader()?;
    let searcher = reader.searcher();
    for (is_id, value, line) in candidates(target) {
        let field = if is_id { fields.id } else { fields.file };
        let query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &value),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>,
            ),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(fields.kind, KIND_ARTICLE),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let docs = searcher
            .search(&query, &TopDocs::with_limit(10_000).order_by_score())
            .map_err(|e| archive.error(e))?;
        for (_, address) in docs {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| archive.error(e))?;
            let article = StoredArticle::from_document(fields, &doc);
            if is_id || line == 0 || article.line == Some(line as usize) {
                let extraction =
                    Extractors::default().extract(&article.body, article.publication_date);
                return Ok(ArticleDetails {
                    article,
                    person_mentions: extraction.person_mentions,
                    date_mentions: extraction.date_mentions,
                });
            }
        }
    }
    Err(MorgueError::NotFound(target.to_owned()))
}

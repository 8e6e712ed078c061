//! `morgue show`: one article with every field and every mention.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use tantivy::schema::Value;
use tantivy::{Searcher, TantivyDocument};

use chrono::Datelike;

use crate::error::{MorgueError, Result};
use crate::extract::{DateMention, Extractors, PersonMention};
use crate::identity::gather::identities;
use crate::identity::{FirmEvidence, IdentityTable, Link};
use crate::index::document::StoredArticle;
use crate::index::keys::{documents_of_file, documents_with_id};
use crate::index::schema::{KIND_ARTICLE, KIND_DUPLICATE};
use crate::index::ArchiveIndex;
use crate::path_text::{escape_path, path_from_bytes, unescape_path};

/// An article and its mentions. Mentions are found again from the stored body with the
/// same extractors ingest used, so the index need not store every span.
#[derive(Debug, Clone)]
pub struct ArticleDetails {
    /// The article; its body cut to the bound a caller asked for (see
    /// [`show_by_id_within`]), whole otherwise.
    pub article: StoredArticle,
    /// Bytes of the whole body as stored: more than `article.body` holds when it was cut.
    pub body_bytes: usize,
    pub person_mentions: Vec<PersonMention>,
    /// For each person mention, who it is across the archive and how that was decided.
    pub person_identities: Vec<PersonIdentity>,
    pub date_mentions: Vec<DateMention>,
}

/// Who a person mention is across the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonIdentity {
    /// The name the archive lists the person under.
    pub name: String,
    pub how: Linked,
}

/// How a mention came to its identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Linked {
    /// The mention is the name.
    AsWritten,
    /// To a fuller name in the same article ("Putin" to "Vladimir Putin").
    InArticle,
    /// To the full name the archive uses for this surname around the article's date,
    /// the article naming no one of that surname in full.
    FromArchive(Link),
    /// Not a person: the archive writes the name as a firm's at least as often.
    Firm(FirmEvidence),
}

fn identify(mention: &PersonMention, table: &IdentityTable, year: Option<i32>) -> PersonIdentity {
    if let Some(evidence) = table.firm(&mention.name) {
        return PersonIdentity {
            name: mention.name.clone(),
            how: Linked::Firm(evidence),
        };
    }
    match table.resolve(&mention.name, year) {
        Some(link) => PersonIdentity {
            name: link.name.to_owned(),
            how: Linked::FromArchive(link.to_link()),
        },
        None if mention.name != mention.text => PersonIdentity {
            name: mention.name.clone(),
            how: Linked::InArticle,
        },
        None => PersonIdentity {
            name: mention.name.clone(),
            how: Linked::AsWritten,
        },
    }
}

fn looks_like_id(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What an argument of `show` may stand for.
#[derive(Debug, PartialEq, Eq)]
enum Candidate {
    Id(String),
    /// A stored path (its escape form) and a line of it; 0 for any line. In a WACZ, the
    /// WARC inside it the line (a record's offset) is in.
    File {
        key: String,
        member: Option<String>,
        line: u64,
    },
}

/// The stored form of a path that exists on disk.
fn stored_key(path: &Path) -> Option<String> {
    path.canonicalize().ok().map(|path| escape_path(&path))
}

/// A file named by `path`, else by `path:line` of a JSON-lines file or `path#offset` of
/// a web archive's record.
fn file_candidate(path: &Path) -> Option<Candidate> {
    if let Some(key) = stored_key(path) {
        return Some(Candidate::File {
            key,
            member: None,
            line: 0,
        });
    }
    // Cut as bytes: the argument need not be UTF-8, and `:` and `#` are one byte in any
    // encoding.
    let bytes = path.as_os_str().as_encoded_bytes();
    let cut = bytes.iter().rposition(|&b| b == b':' || b == b'#')?;
    let number = std::str::from_utf8(&bytes[cut + 1..])
        .ok()?
        .parse::<u64>()
        .ok()?;
    let (key, member) = container_and_member(&bytes[..cut])?;
    let line = match (bytes[cut], crate::warc::is_web_archive(&key)) {
        (b'#', true) => crate::warc::stored_part(number) as u64,
        (b':', false) => number,
        _ => return None,
    };
    Some(Candidate::File { key, member, line })
}

/// The stored path of a file named by `bytes`, or of a WACZ named by `bytes` up to a `#`,
/// with the name of the WARC inside it that follows (`crawl.wacz#archive/data.warc.gz`).
fn container_and_member(bytes: &[u8]) -> Option<(String, Option<String>)> {
    if let Some(key) = path_from_bytes(bytes.to_vec()).and_then(|path| stored_key(&path)) {
        return Some((key, None));
    }
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'#')
        .find_map(|(at, _)| {
            let key = stored_key(&path_from_bytes(bytes[..at].to_vec())?)?;
            let member = std::str::from_utf8(&bytes[at + 1..]).ok()?;
            Some((key, Some(member.to_owned())))
        })
}

/// The index terms an argument may stand for: an id, a path, or `path:line` of a
/// JSON-lines file. A path is read first as the escape form that `search` prints, then as
/// the raw path the shell passed: the printed text names one file only, while a raw name
/// such as `caf\xE9.txt` (the four characters) is also the printed form of `caf` + byte
/// 0xE9, and every printed path must work with `show`. The raw file is still reached by
/// its own printed form (`caf\\xE9.txt`) or when no file has the escaped bytes.
fn candidates(target: &OsStr) -> Vec<Candidate> {
    let mut found = Vec::new();
    let text = target.to_str();
    if let Some(text) = text.filter(|text| looks_like_id(text)) {
        found.push(Candidate::Id(text.to_ascii_lowercase()));
    }
    let escaped = text
        .and_then(unescape_path)
        .filter(|path| path.as_os_str() != target);
    for path in escaped
        .iter()
        .map(PathBuf::as_path)
        .chain([Path::new(target)])
    {
        if let Some(candidate) = file_candidate(path) {
            if !found.contains(&candidate) {
                found.push(candidate);
            }
        }
    }
    found
}

/// An argument for a message: as typed when it is text that cannot disturb a terminal,
/// else in the escape form (the text `search` prints for that name).
fn target_text(target: &OsStr) -> String {
    match target.to_str() {
        Some(text) if !text.chars().any(char::is_control) => text.to_owned(),
        _ => escape_path(Path::new(target)),
    }
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

fn details(mut article: StoredArticle, table: &IdentityTable) -> ArticleDetails {
    let body_bytes = article.body.len();
    let extraction = Extractors::default().extract(&article.body, article.publication_date);
    let year = article.publication_date.map(|day| day.year());
    let mut person_mentions: Vec<(PersonMention, PersonIdentity)> = extraction
        .person_mentions
        .into_iter()
        .map(|mention| {
            let identity = identify(&mention, table, year);
            (mention, identity)
        })
        .collect();
    // A tentative name is a mention only when the archive links it to someone.
    for mention in extraction.tentative_mentions {
        if let Some(link) = table.resolve(&mention.name, year) {
            let identity = PersonIdentity {
                name: link.name.to_owned(),
                how: Linked::FromArchive(link.to_link()),
            };
            person_mentions.push((mention, identity));
        }
    }
    person_mentions.sort_by_key(|(mention, _)| mention.start);
    let (person_mentions, person_identities): (Vec<_>, Vec<_>) =
        person_mentions.into_iter().unzip();
    article.people = table.identities_of(
        &article.people,
        &article.tentative,
        article.publication_date,
    );
    ArticleDetails {
        article,
        body_bytes,
        person_mentions,
        person_identities,
        date_mentions: extraction.date_mentions,
    }
}

/// One article by its id (content hash) alone: for callers that must never look at a path
/// they were given, such as `morgue serve`.
pub fn show_by_id(archive: &ArchiveIndex, id: &str) -> Result<ArticleDetails> {
    show_by_id_within(archive, id, usize::MAX)
}

/// [`show_by_id`] with the body cut to about `max_body_bytes` (at a paragraph break near
/// the bound, else at a character) before its mentions are found: finding mentions costs
/// time in the length of the text, so a page of the whole of a 64 MiB article would hold
/// an index worker for seconds and one client could keep every other waiting.
/// `body_bytes` still tells the whole length.
pub fn show_by_id_within(
    archive: &ArchiveIndex,
    id: &str,
    max_body_bytes: usize,
) -> Result<ArticleDetails> {
    let mut article = article_with_id(archive, id)?;
    let body_bytes = article.body.len();
    let reader = archive.reader()?;
    let table = identities(archive, &reader.searcher())?;
    cut_body(&mut article.body, max_body_bytes);
    Ok(ArticleDetails {
        body_bytes,
        ..details(article, &table.table)
    })
}

/// The stored article with content hash `id`, without its mentions.
pub fn article_with_id(archive: &ArchiveIndex, id: &str) -> Result<StoredArticle> {
    if !looks_like_id(id) {
        return Err(MorgueError::NotFound(id.to_owned()));
    }
    let reader = archive.reader()?;
    article_by_id(archive, &reader.searcher(), &id.to_ascii_lowercase())?
        .ok_or_else(|| MorgueError::NotFound(id.to_owned()))
}

/// Cuts `body` to at most `max_bytes`, at the last paragraph break in the bound's last
/// quarter when there is one.
fn cut_body(body: &mut String, max_bytes: usize) {
    if body.len() <= max_bytes {
        return;
    }
    let mut end = max_bytes;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    if let Some(paragraph) = body[..end]
        .rfind("\n\n")
        .filter(|&at| at >= max_bytes / 4 * 3)
    {
        end = paragraph;
    }
    body.truncate(end);
}

/// One article by id, path, or `path:line`; a path either as the shell passes it or in the
/// escape form morgue prints ([`crate::path_text`]). A path recorded as a duplicate shows
/// the article it duplicates; a path that was skipped at ingest says why.
pub fn show(archive: &ArchiveIndex, target: &OsStr) -> Result<ArticleDetails> {
    let fields = &archive.fields;
    let reader = archive.reader()?;
    let searcher = reader.searcher();
    let table = identities(archive, &searcher)?;
    for candidate in candidates(target) {
        let (key, member, line) = match candidate {
            Candidate::Id(id) => {
                if let Some(article) = article_by_id(archive, &searcher, &id)? {
                    return Ok(details(article, &table.table));
                }
                continue;
            }
            Candidate::File { key, member, line } => (key, member, line),
        };
        for doc in documents_of_file(archive, &searcher, &key)? {
            let doc_line = doc
                .get_first(fields.line)
                .and_then(|v| v.as_u64())
                .unwrap_or(0);
            if line != 0 && doc_line != line {
                continue;
            }
            let doc_member = doc.get_first(fields.member).and_then(|v| v.as_str());
            if member.is_some() && doc_member != member.as_deref() {
                continue;
            }
            match kind_of(fields, &doc) {
                KIND_ARTICLE => {
                    return Ok(details(
                        StoredArticle::from_document(fields, &doc),
                        &table.table,
                    ))
                }
                KIND_DUPLICATE => {
                    let id = doc
                        .get_first(fields.id)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default();
                    if let Some(article) = article_by_id(archive, &searcher, id)? {
                        return Ok(details(article, &table.table));
                    }
                }
                _ => {
                    let problem = doc
                        .get_first(fields.problem)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default();
                    return Err(MorgueError::Skipped {
                        target: target_text(target),
                        problem: problem.to_owned(),
                    });
                }
            }
        }
    }
    Err(not_in_the_index(target))
}

/// Why `target` names nothing in the index: a file on disk in a format morgue does not
/// read says so, rather than only that it is missing.
fn not_in_the_index(target: &OsStr) -> MorgueError {
    let path = Path::new(target);
    if path.is_file() && crate::article::format_for_path(path).is_none() {
        let kind = crate::ingest::unread::kind_of(path);
        let why = crate::ingest::walk::WalkProblem::NotRead {
            path: path.to_path_buf(),
            kind,
        };
        return MorgueError::NotRead {
            path: path.to_path_buf(),
            reason: format!("not in the index: {why}"),
        };
    }
    MorgueError::NotFound(target_text(target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_body_is_cut_at_a_paragraph_near_the_bound() {
        let mut body = "First paragraph.\n\nSecond paragraph, longer.\n\nThird é".to_owned();
        cut_body(&mut body, 50);
        assert_eq!(body, "First paragraph.\n\nSecond paragraph, longer.");
        // No break in the bound's last quarter: cut at a character.
        let mut body = "First paragraph.\n\nSecond paragraph, longer.".to_owned();
        cut_body(&mut body, 30);
        assert_eq!(body, "First paragraph.\n\nSecond parag");
        let mut body = "é".repeat(100);
        cut_body(&mut body, 51);
        assert_eq!(body.len(), 50);
        let mut short = "Short.".to_owned();
        cut_body(&mut short, 100);
        assert_eq!(short, "Short.");
    }
}

//! `morgue search`: ranked matches with snippets, date and people filters.

pub mod limits;
pub mod matching;
pub mod no_match;
pub mod query;
pub mod request;
pub mod snippet;
mod ties;

use std::ops::Bound;
use std::time::Instant;

use chrono::NaiveDate;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, ExistsQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Order, Score, Searcher, TantivyDocument, Term};

use crate::calendar::DayRange;
use crate::error::{MorgueError, Result};
use crate::identity::gather::identities;
use crate::identity::{IdentityTable, LinkKind};
use crate::index::document::{to_datetime, StoredArticle};
use crate::index::mention_key::ranges_inside;
use crate::index::schema::{
    analyze, news_analyzer, person_analyzer, person_key, KIND_ARTICLE, KIND_DUPLICATE, KIND_SKIPPED,
};
use crate::index::ArchiveIndex;
pub use matching::{over_matching, FuzzyWords, Matched};
pub use no_match::NoMatch;
use query::TextQuery;
pub use request::FilterText;
pub use snippet::Snippet;
use snippet::{make_snippet, Highlighter};

/// Longest snippet, in bytes of the article text.
pub const SNIPPET_LENGTH: usize = 250;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best match first; newest first when there are no search words.
    #[default]
    Relevance,
    Newest,
    Oldest,
}

/// One search, as the command line or an API asks for it.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Every one of these people must be in the article (full name or surname).
    pub people: Vec<String>,
    /// The article must mention a date inside this period.
    pub mentions: Option<DayRange>,
    pub sort: SortOrder,
    pub limit: usize,
    pub offset: usize,
    /// The filters as typed, to name them in messages ([`FilterText::request`] fills it
    /// in; a request built in code may leave it empty, and its filters are named by their
    /// days).
    pub typed: FilterText,
}

/// One matching article.
#[derive(Debug, Clone)]
pub struct Hit {
    pub article: StoredArticle,
    /// BM25 score; `None` when sorted by date.
    pub score: Option<Score>,
    pub snippet: Snippet,
}

#[derive(Debug, Clone)]
pub struct SearchResponse {
    pub query: String,
    /// Matching articles in all, not only those returned.
    pub total: usize,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    /// Words that matched nothing and were searched with typo tolerance instead, with
    /// the archive's words close to each: the hits are close matches.
    pub fuzzy: FuzzyWords,
    /// When nothing matched: which filter emptied the set, and words close to the unknown
    /// ones (`None` when something matched, or there is nothing to say).
    pub no_match: Option<NoMatch>,
}

fn constant(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// Articles naming `name`: with one word, anyone with that word in their name ("Putin"
/// finds every Putin); with several, that full name, or an article that names only the
/// surname in a year the archive links that surname to this person (see [`crate::identity`]).
pub fn person_filter(archive: &ArchiveIndex, name: &str) -> Result<Box<dyn Query>> {
    let fields = &archive.fields;
    let words = analyze(&mut person_analyzer(), name);
    let term = |word: &String| Term::from_field_text(fields.person, word);
    match words.as_slice() {
        [] => Err(MorgueError::BadOption {
            option: "--person".into(),
            reason: format!("{name:?} holds no name"),
        }),
        [word] => Ok(Box::new(TermQuery::new(
            term(word),
            IndexRecordOption::Basic,
        ))),
        [_, .., _] => {
            let full: Box<dyn Query> = Box::new(PhraseQuery::new(words.iter().map(term).collect()));
            Ok(match named_by_archive(archive, name, &words)? {
                Some(linked) => Box::new(BooleanQuery::new(vec![
                    (Occur::Should, full),
                    (Occur::Should, linked),
                ])),
                None => full,
            })
        }
    }
}

/// Articles that name the person `name` (of two words or more, analysed as `words`)
/// otherwise than as written, by the archive's identities ([`crate::identity`]): in
/// another form of the name ("James Wright" for "Jim Wright"), or by the surname alone in
/// a year the archive links it to them. `None` when the archive knows no such article.
pub(crate) fn named_by_archive(
    archive: &ArchiveIndex,
    name: &str,
    words: &[String],
) -> Result<Option<Box<dyn Query>>> {
    let reader = archive.reader()?;
    let identities = identities(archive, &reader.searcher())?;
    let table = &identities.table;
    // "James Wright" is searched as the person the archive names "Jim Wright".
    let person = match table.resolve(name, None) {
        Some(link) if link.kind == LinkKind::Nickname => link.name,
        _ => name,
    };
    let person_key = person_key(person);
    let field = archive.fields.person;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut analyzer = person_analyzer();
    for form in std::iter::once(person_key.as_str()).chain(table.forms_of(&person_key)) {
        // A key is not cut into words as the person field is ("jean-claude", or a name
        // with control characters in it): cut it again, the field's way.
        let form_words = analyze(&mut analyzer, form);
        if form_words == words {
            continue;
        }
        let mut terms: Vec<Term> = form_words
            .iter()
            .map(|word| Term::from_field_text(field, word))
            .collect();
        let query: Box<dyn Query> = match terms.len() {
            0 => continue,
            1 => Box::new(TermQuery::new(terms.remove(0), IndexRecordOption::Basic)),
            _ => Box::new(PhraseQuery::new(terms)),
        };
        clauses.push((Occur::Should, query));
    }
    if let Some(surname) = person_key.rsplit(' ').next() {
        if let Some(linked) = linked_by_archive(archive, table, &person_key, surname) {
            clauses.push((Occur::Should, linked));
        }
    }
    Ok(match clauses.len() {
        0 => None,
        1 => clauses.pop().map(|(_, query)| query),
        _ => Some(Box::new(BooleanQuery::new(clauses))),
    })
}

/// Articles that name only `surname` (a key) in the years the archive links it to the
/// person of `full_key` ([`crate::identity`]); `None` when it never does.
fn linked_by_archive(
    archive: &ArchiveIndex,
    table: &IdentityTable,
    full_key: &str,
    surname: &str,
) -> Option<Box<dyn Query>> {
    let surname_key = person_key(surname);
    let years = table.years_linked_to(&surname_key, full_key);
    if years.is_empty() {
        return None;
    }
    let term = |field| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, &surname_key),
            IndexRecordOption::Basic,
        ))
    };
    // Named by surname alone, or tentatively ("Putin has not commented").
    let surname_only: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
        (Occur::Should, term(archive.fields.person_key)),
        (Occur::Should, term(archive.fields.tentative)),
    ]));
    Some(Box::new(BooleanQuery::new(vec![
        (Occur::Must, surname_only),
        (Occur::Must, in_years(archive, &years)),
    ])))
}

/// Articles published in one of `years` (runs of consecutive years are one range), or
/// undated when `years` holds `None`.
fn in_years(archive: &ArchiveIndex, years: &[Option<i32>]) -> Box<dyn Query> {
    let field = archive.fields.publication_date;
    let day = |year: i32| {
        NaiveDate::from_ymd_opt(year, 1, 1).map(|d| Term::from_field_date(field, to_datetime(d)))
    };
    let mut dated: Vec<i32> = years.iter().flatten().copied().collect();
    dated.sort_unstable();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut i = 0;
    while i < dated.len() {
        let first = dated[i];
        let mut last = first;
        while i + 1 < dated.len() && dated[i + 1] == last + 1 {
            i += 1;
            last = dated[i];
        }
        i += 1;
        if let (Some(from), Some(to)) = (day(first), day(last + 1)) {
            let range = RangeQuery::new(Bound::Included(from), Bound::Excluded(to));
            clauses.push((Occur::Should, Box::new(range)));
        }
    }
    if years.contains(&None) {
        let undated = BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
            (
                Occur::MustNot,
                Box::new(ExistsQuery::new("publication_date".to_owned(), false)),
            ),
        ]);
        clauses.push((Occur::Should, Box::new(undated)));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// The filters of a request, as queries that do not change the score.
fn filters(archive: &ArchiveIndex, request: &SearchRequest) -> Result<Vec<Box<dyn Query>>> {
    let fields = &archive.fields;
    let mut filters: Vec<Box<dyn Query>> = Vec::new();
    if request.from.is_some() || request.to.is_some() {
        let bound = |day: Option<NaiveDate>| match day {
            Some(day) => Bound::Included(Term::from_field_date(
                fields.publication_date,
                to_datetime(day),
            )),
            None => Bound::Unbounded,
        };
        filters.push(Box::new(RangeQuery::new(
            bound(request.from),
            bound(request.to),
        )));
    }
    for name in &request.people {
        filters.push(person_filter(archive, name)?);
    }
    if let Some(period) = &request.mentions {
        let ranges: Vec<(Occur, Box<dyn Query>)> = ranges_inside(period.first, period.last)
            .into_iter()
            .map(|(low, high)| {
                let query: Box<dyn Query> = Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_u64(fields.mention_key, low)),
                    Bound::Included(Term::from_field_u64(fields.mention_key, high)),
                ));
                (Occur::Should, query)
            })
            .collect();
        filters.push(Box::new(BooleanQuery::new(ranges)));
    }
    Ok(filters.into_iter().map(constant).collect())
}

fn kind_query(archive: &ArchiveIndex, kind: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(archive.fields.kind, kind),
        IndexRecordOption::Basic,
    ))
}

/// Words and filters together, restricted to articles. With words, the records of
/// duplicate and skipped files are excluded rather than articles required: they hold no
/// text, and intersecting with a clause every document matches would cost the query its
/// ability to skip non-competitive documents.
fn combine(
    archive: &ArchiveIndex,
    text: Option<&TextQuery>,
    filters: Vec<Box<dyn Query>>,
) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        filters.into_iter().map(|f| (Occur::Must, f)).collect();
    match text {
        Some(text) => {
            clauses.push((Occur::Must, text.query.box_clone()));
            for kind in [KIND_DUPLICATE, KIND_SKIPPED] {
                clauses.push((Occur::MustNot, kind_query(archive, kind)));
            }
        }
        None => clauses.push((Occur::Must, constant(kind_query(archive, KIND_ARTICLE)))),
    }
    Box::new(BooleanQuery::new(clauses))
}

/// The number of matches and the requested page of them, with scores when ranked by score.
type Page = (usize, Vec<(Option<Score>, DocAddress)>);

/// Top documents of `query` in the requested order, and the number of matches. Results
/// that rank alike come in article id order (see [`ties`]).
fn collect(
    archive: &ArchiveIndex,
    searcher: &Searcher,
    query: &dyn Query,
    sort: SortOrder,
    limit: usize,
    offset: usize,
) -> Result<Page> {
    // Pages past the end are empty, and tantivy must not be asked to add up to overflow.
    let num_docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let (limit, offset) = (limit.min(num_docs), offset.min(num_docs));
    let top = |n: usize| TopDocs::with_limit(n.clamp(1, num_docs.max(1)));
    let mut ids = ties::Ids::new(searcher);
    let mut id_of = |doc| ids.of(doc).map_err(|e| archive.error(e));
    let by_date = |order: Order, id_of| -> Result<Page> {
        let fetch = |n| {
            searcher
                .search(
                    query,
                    &(
                        Count,
                        top(n).order_by_fast_field::<tantivy::DateTime>("publication_date", order),
                    ),
                )
                .map_err(|e| archive.error(e))
        };
        let (total, docs) = ties::page(offset, limit, fetch, id_of)?;
        Ok((
            total,
            docs.into_iter().map(|(_, doc)| (None, doc)).collect(),
        ))
    };
    match sort {
        SortOrder::Relevance => {
            let fetch = |n| {
                searcher
                    .search(query, &(Count, top(n).order_by_score()))
                    .map_err(|e| archive.error(e))
            };
            let (total, docs) = ties::page(offset, limit, fetch, &mut id_of)?;
            Ok((
                total,
                docs.into_iter()
                    .map(|(score, doc)| (Some(score), doc))
                    .collect(),
            ))
        }
        SortOrder::Newest => by_date(Order::Desc, &mut id_of),
        SortOrder::Oldest => by_date(Order::Asc, &mut id_of),
    }
}

/// Words of the query that no title or body holds: likely misspellings.
fn unknown_words(
    archive: &ArchiveIndex,
    searcher: &Searcher,
    words: &[String],
) -> Result<Vec<String>> {
    let mut analyzer = news_analyzer();
    let mut unknown = Vec::new();
    for word in words {
        let terms = analyze(&mut analyzer, word);
        // Only single terms get typo tolerance; a word the analyzer drops is no typo.
        if terms.len() != 1 {
            continue;
        }
        let mut known = false;
        for term_text in terms {
            for field in [archive.fields.title, archive.fields.body] {
                let freq = searcher
                    .doc_freq(&Term::from_field_text(field, &term_text))
                    .map_err(|e| archive.error(e))?;
                known |= freq > 0;
            }
        }
        if !known && !unknown.contains(word) {
            unknown.push(word.clone());
        }
    }
    Ok(unknown)
}

/// `morgue search`: the requested page of the matching articles ([`matching`]), with
/// snippets, and when nothing matches, why ([`no_match`]).
pub fn search(archive: &ArchiveIndex, request: &SearchRequest) -> Result<SearchResponse> {
    let started = Instant::now();
    let reader = archive.reader()?;
    let searcher = reader.searcher();
    let matched = over_matching(archive, &searcher, request, |query, has_words| {
        let sort = match (has_words, request.sort) {
            (false, SortOrder::Relevance) => SortOrder::Newest,
            (_, sort) => sort,
        };
        collect(
            archive,
            &searcher,
            query,
            sort,
            request.limit,
            request.offset,
        )
    })?;
    let (total, docs) = (matched.total, matched.fruit);
    let no_match = if total == 0 {
        // Counted with the close matches when they were tried: those are what a search
        // without the filter would show.
        let text = matched.retried.as_ref().or(matched.text.as_ref());
        let help = no_match::explain(
            archive,
            &searcher,
            request,
            text,
            matched.retried.is_some(),
            &matched.unknown,
        )?;
        (!help.is_empty()).then_some(help)
    } else {
        None
    };
    let text_query = matched.text;

    let highlighter = text_query
        .map(|t| t.highlighter)
        .unwrap_or_else(Highlighter::default);
    let mut analyzer = news_analyzer();
    let identities = identities(archive, &searcher)?;
    let mut hits = Vec::with_capacity(docs.len());
    for (score, address) in docs {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| archive.error(e))?;
        let mut article = StoredArticle::from_document(&archive.fields, &doc);
        article.people = identities.table.identities_of(
            &article.people,
            &article.tentative,
            article.publication_date,
        );
        let snippet = make_snippet(&article.body, &highlighter, &mut analyzer, SNIPPET_LENGTH);
        article.body = String::new();
        hits.push(Hit {
            article,
            score,
            snippet,
        });
    }
    Ok(SearchResponse {
        query: request.query.clone(),
        total,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        hits,
        fuzzy: matched.fuzzy,
        no_match,
    })
}

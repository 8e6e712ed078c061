//! From what the user typed to a Tantivy query.
//!
//! Tantivy's grammar parses the text; this module walks the parsed tree so that it can add
//! what the stock query parser lacks: `word*` prefixes, per-word fuzzy matching for the
//! "did you mean" retry, field aliases, and a record of the words to highlight.

use std::collections::HashSet;

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, QueryParser,
    RegexQuery, TermQuery,
};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::limits::{self, Budget};
use super::snippet::Highlighter;
use crate::error::{MorgueError, Result};
use crate::index::schema::{analyze, news_analyzer, person_analyzer, KIND_ARTICLE};
use crate::index::ArchiveIndex;

/// How much a word in the title counts against the same word in the body.
pub const TITLE_BOOST: f32 = 2.0;

/// The fields a query may name, as an error message lists them.
const FIELD_NAMES: &str =
    "title, body (or text), person (or people), author (or authors), tag (or tags)";

/// Fields a query may name, with the aliases users type.
fn field_name(name: &str) -> Option<&'static str> {
    match name {
        "title" => Some("title"),
        "body" | "text" => Some("body"),
        "person" | "people" => Some("person"),
        "author" | "authors" => Some("authors"),
        "tag" | "tags" => Some("tags"),
        _ => None,
    }
}

/// A parsed query, ready to run, with what a snippet should highlight.
pub struct TextQuery {
    pub query: Box<dyn Query>,
    pub highlighter: Highlighter,
    /// Unquoted words searched in title and body: candidates for the fuzzy retry.
    pub plain_words: Vec<String>,
}

/// Builds queries over one index.
pub struct QueryBuilder<'a> {
    archive: &'a ArchiveIndex,
    parser: QueryParser,
    news: TextAnalyzer,
    person: TextAnalyzer,
    /// Words (as typed, lower-cased) to match with typo tolerance.
    fuzzy_words: HashSet<String>,
}

struct Walk {
    highlighter: Highlighter,
    plain_words: Vec<String>,
    budget: Budget,
}

fn occur(ast_occur: Option<Occur>) -> Occur {
    match ast_occur {
        // Unmarked words are required, as in a web search engine.
        None | Some(Occur::Must) => Occur::Must,
        Some(Occur::Should) => Occur::Should,
        Some(Occur::MustNot) => Occur::MustNot,
    }
}

/// The edit distance a misspelled word is allowed: 1, and 2 for long words.
pub fn fuzzy_distance(word: &str) -> u8 {
    if word.chars().count() >= 8 {
        2
    } else {
        1
    }
}

impl<'a> QueryBuilder<'a> {
    pub fn new(archive: &'a ArchiveIndex) -> QueryBuilder<'a> {
        let fields = &archive.fields;
        let mut parser = QueryParser::for_index(&archive.index, vec![fields.title, fields.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(fields.title, TITLE_BOOST);
        QueryBuilder {
            archive,
            parser,
            news: news_analyzer(),
            person: person_analyzer(),
            fuzzy_words: HashSet::new(),
        }
    }

    /// Words to match with typo tolerance on the next build.
    pub fn with_fuzzy_words(mut self, words: impl IntoIterator<Item = String>) -> Self {
        self.fuzzy_words = words.into_iter().map(|w| w.to_lowercase()).collect();
        self
    }

    fn bad(&self, text: &str, reason: impl Into<String>) -> MorgueError {
        MorgueError::BadQuery {
            query: text.to_owned(),
            reason: reason.into(),
        }
    }

    /// Parses `text`; `None` when it holds no search words (a filter-only search).
    pub fn build(&mut self, text: &str) -> Result<Option<TextQuery>> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        limits::check_text(text).map_err(|reason| self.bad(text, reason))?;
        let (ast, errors) = query_grammar::parse_query_lenient(text);
        if let Some(error) = errors.first() {
            return Err(self.bad(
                text,
                format!("{} (at character {})", error.message, error.pos + 1),
            ));
        }
        let mut walk = Walk {
            highlighter: Highlighter::default(),
            plain_words: Vec::new(),
            budget: Budget::default(),
        };
        let query = self.convert(text, ast, false, &mut walk)?;
        Ok(Some(TextQuery {
            query,
            highlighter: walk.highlighter,
            plain_words: walk.plain_words,
        }))
    }

    fn all_articles(&self) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.archive.fields.kind, KIND_ARTICLE),
            IndexRecordOption::Basic,
        ))
    }

    fn convert(
        &mut self,
        text: &str,
        ast: UserInputAst,
        negated: bool,
        walk: &mut Walk,
    ) -> Result<Box<dyn Query>> {
        match ast {
            UserInputAst::Clause(children) => {
                let mut subqueries = Vec::with_capacity(children.len() + 1);
                for (ast_occur, child) in children {
                    let occur = occur(ast_occur);
                    let child_negated = negated ^ (occur == Occur::MustNot);
                    subqueries.push((occur, self.convert(text, child, child_negated, walk)?));
                }
                // "-word" alone means every article but those.
                if subqueries.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    subqueries.push((Occur::Must, self.all_articles()));
                }
                Ok(Box::new(BooleanQuery::new(subqueries)))
            }
            UserInputAst::Boost(child, boost) => {
                let query = self.convert(text, *child, negated, walk)?;
                Ok(Box::new(BoostQuery::new(query, boost.into_inner() as f32)))
            }
            UserInputAst::Leaf(leaf) => self.convert_leaf(text, *leaf, negated, walk),
        }
    }

    fn convert_leaf(
        &mut self,
        text: &str,
        leaf: UserInputLeaf,
        negated: bool,
        walk: &mut Walk,
    ) -> Result<Box<dyn Query>> {
        walk.budget
            .clause()
            .map_err(|reason| self.bad(text, reason))?;
        let UserInputLeaf::Literal(mut literal) = leaf else {
            return self.parse_leaf(text, leaf);
        };
        if let Some(name) = literal.field_name.take() {
            match field_name(&name) {
                Some(field) => literal.field_name = Some(field.to_owned()),
                // "10:30" and "3:1" are text: no field starts with a digit.
                None if name.starts_with(|c: char| c.is_ascii_digit()) => {
                    let words = UserInputAst::Clause(vec![
                        (None, UserInputAst::from(literal_of(&name))),
                        (None, UserInputAst::from(UserInputLeaf::Literal(literal))),
                    ]);
                    return self.convert(text, words, negated, walk);
                }
                // A misspelt field must not silently match nothing.
                None => {
                    return Err(self.bad(
                        text,
                        format!(
                            "there is no field {name:?}; the fields are {FIELD_NAMES} \
                             (to search the words, put them in quotes)"
                        ),
                    ))
                }
            }
        }
        if !negated {
            let words = analyze(&mut self.news, literal.phrase.trim_end_matches('*'));
            if literal.delimiter != Delimiter::None && words.len() >= 2 {
                walk.highlighter.phrases.push(words);
            } else {
                walk.highlighter.exact.extend(words);
            }
        }
        let unquoted = literal.delimiter == Delimiter::None;
        let searches_text = matches!(
            literal.field_name.as_deref(),
            None | Some("title") | Some("body")
        );
        if unquoted && !literal.prefix {
            if let Some(stem) = literal.phrase.strip_suffix('*') {
                return self.prefix_query(text, &literal, stem, negated, walk);
            }
            if searches_text && !negated {
                walk.plain_words.push(literal.phrase.clone());
            }
            if searches_text && self.fuzzy_words.contains(&literal.phrase.to_lowercase()) {
                if let Some(query) = self.fuzzy_query(&literal, negated, walk) {
                    return Ok(query);
                }
            }
        }
        if literal.field_name.as_deref() == Some("person") && !literal.prefix {
            let words = analyze(&mut self.person, &literal.phrase);
            if words.len() >= 2 {
                let phrase = literal.phrase.clone();
                let named = self.parse_leaf(text, UserInputLeaf::Literal(literal))?;
                // The same person in another form of the name or by surname alone, as
                // `--person` has it.
                if let Some(linked) = super::named_by_archive(self.archive, &phrase, &words)? {
                    return Ok(Box::new(BooleanQuery::new(vec![
                        (Occur::Should, named),
                        (Occur::Should, Box::new(ConstScoreQuery::new(linked, 1.0))),
                    ])));
                }
                return Ok(named);
            }
        }
        self.parse_leaf(text, UserInputLeaf::Literal(literal))
    }

    fn parse_leaf(&self, text: &str, leaf: UserInputLeaf) -> Result<Box<dyn Query>> {
        self.parser
            .build_query_from_user_input_ast(UserInputAst::from(leaf))
            .map_err(|error| self.bad(text, error.to_string()))
    }

    /// Fields a literal searches: the one it names, else title and body.
    fn target_fields(&self, literal: &UserInputLiteral) -> Vec<Field> {
        let fields = &self.archive.fields;
        match literal.field_name.as_deref() {
            Some("title") => vec![fields.title],
            Some("body") => vec![fields.body],
            Some("person") => vec![fields.person],
            Some("authors") => vec![fields.authors],
            Some("tags") => vec![fields.tags],
            _ => vec![fields.title, fields.body],
        }
    }

    fn boosted(&self, field: Field, query: Box<dyn Query>) -> Box<dyn Query> {
        if field == self.archive.fields.title {
            Box::new(BoostQuery::new(query, TITLE_BOOST))
        } else {
            query
        }
    }

    /// `word*`: every indexed word starting with `word`, in each target field.
    fn prefix_query(
        &mut self,
        text: &str,
        literal: &UserInputLiteral,
        stem: &str,
        negated: bool,
        walk: &mut Walk,
    ) -> Result<Box<dyn Query>> {
        walk.budget
            .prefix(stem)
            .map_err(|reason| self.bad(text, reason))?;
        let words = analyze(&mut self.person, stem);
        let [prefix] = words.as_slice() else {
            return Err(self.bad(
                text,
                format!("a prefix search needs one word before '*', not {stem:?}"),
            ));
        };
        // Body and title terms are stemmed: "negotiations" is indexed as "negoti", which
        // "negotia*" does not start. So besides the terms that start with the prefix (as
        // typed and as stemmed), the terms that the prefix itself starts with, up to three
        // letters shorter, match too: those are the stems of words the prefix begins.
        let mut prefixes = vec![prefix.clone()];
        let mut stems = Vec::new();
        if literal.field_name.as_deref() != Some("person") {
            if let [stemmed] = analyze(&mut self.news, prefix).as_slice() {
                if stemmed != prefix {
                    prefixes.push(stemmed.clone());
                }
            }
            let chars: Vec<char> = prefix.chars().collect();
            for cut in 1..=3 {
                if chars.len() >= cut + 3 {
                    stems.push(chars[..chars.len() - cut].iter().collect::<String>());
                }
            }
        }
        if !negated {
            walk.highlighter.prefixes.extend(prefixes.iter().cloned());
            walk.highlighter.exact.extend(stems.iter().cloned());
        }
        let alternatives: Vec<String> = prefixes
            .iter()
            .map(|p| format!("{}.*", escape_regex(p)))
            .chain(stems.iter().map(|s| escape_regex(s)))
            .collect();
        let pattern = alternatives.join("|");
        let mut should = Vec::new();
        for field in self.target_fields(literal) {
            let query = RegexQuery::from_pattern(&pattern, field)
                .map_err(|e| self.bad(text, e.to_string()))?;
            should.push((Occur::Should, self.boosted(field, Box::new(query))));
        }
        Ok(Box::new(BooleanQuery::new(should)))
    }

    /// A single word with typo tolerance; `None` when the word is not a single term.
    fn fuzzy_query(
        &mut self,
        literal: &UserInputLiteral,
        negated: bool,
        walk: &mut Walk,
    ) -> Option<Box<dyn Query>> {
        let words = analyze(&mut self.news, &literal.phrase);
        let [word] = words.as_slice() else {
            return None;
        };
        let distance = fuzzy_distance(word);
        if !negated {
            walk.highlighter.fuzzy.push((word.clone(), distance));
        }
        let should = self
            .target_fields(literal)
            .into_iter()
            .map(|field| {
                let term = Term::from_field_text(field, word);
                let query: Box<dyn Query> = Box::new(FuzzyTermQuery::new(term, distance, true));
                (Occur::Should, self.boosted(field, query))
            })
            .collect();
        Some(Box::new(BooleanQuery::new(should)))
    }
}

fn literal_of(word: &str) -> UserInputLeaf {
    UserInputLeaf::Literal(UserInputLiteral {
        field_name: None,
        phrase: word.to_owned(),
        delimiter: Delimiter::None,
        slop: 0,
        prefix: false,
    })
}

fn escape_regex(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if !c.is_alphanumeric() {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

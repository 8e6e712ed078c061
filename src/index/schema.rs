//! Every Tantivy field of the archive, declared once, with why it is indexed, stored or fast.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{Index, IndexSettings};

use super::stem_cache::CachedEnglishStemmer;

/// Analyzer of title and body: the query parser uses the same one, so folding and
/// stemming happen on both sides (folding on one side only breaks accent-insensitive search).
pub const NEWS_ANALYZER: &str = "morgue_news";
/// Analyzer of person names for search: words folded and lower-cased, never stemmed
/// ("Jones" must not match "Jone").
pub const PERSON_ANALYZER: &str = "morgue_person";
/// Analyzer of whole person names used as exact keys ("vladimir putin").
pub const PERSON_KEY_ANALYZER: &str = "morgue_person_key";

/// Values of the `kind` field.
pub const KIND_ARTICLE: &str = "article";
/// A file whose content is already indexed under another path: it is recorded (so the next
/// ingest can skip it without reading it) but never returned by a search.
pub const KIND_DUPLICATE: &str = "duplicate";
/// A file (or JSON line) that could not be read as an article, recorded with the problem so
/// an unchanged bad file is neither read nor reported as new again.
pub const KIND_SKIPPED: &str = "skipped";

/// Handles to every field. Built from the schema of an index on disk, so an index made by
/// this version is read with the same names it was written with.
#[derive(Clone, Debug)]
pub struct Fields {
    /// `article`, `duplicate` or `skipped`; searches start from `kind:article`. Fast so that
    /// incremental ingest reads it column-wise.
    pub kind: Field,
    /// Content hash (hex): the article's identity for `show` and for de-duplication.
    /// Fast so an ingest can load every known hash without touching the doc store; not
    /// indexed, because `id_key` finds it.
    pub id: Field,
    /// The first 64 bits of `id`, indexed: what `show ID` looks up, then checks the whole
    /// id. Random 32-character terms made the term dictionary the costliest part of the
    /// index to build and merge (7% of a 200k ingest's CPU in building its FST alone).
    pub id_key: Field,
    /// Absolute path of the file on disk. Fast so incremental ingest reads it column-wise;
    /// not indexed, for the same reason as `id`.
    pub file: Field,
    /// A 64-bit hash of `file`, indexed: a changed or deleted file's documents are deleted
    /// by this term. Ingest re-reads any unchanged file whose key collides with a deleted
    /// one, so a collision costs a re-read, never a lost document.
    pub file_key: Field,
    /// 1-based line in a JSON-lines file, 0 for a whole file.
    pub line: Field,
    /// The part of a container file a record is in (the WARC inside a WACZ:
    /// `archive/data.warc.gz`); absent for every other file.
    pub member: Field,
    /// When a web archive or an MHTML file captured the page (see `Article::captured`).
    pub captured: Field,
    /// File size and modification time (ns since the epoch): an unchanged file is skipped
    /// without being read when both agree. Fast for the same reason as `file`.
    pub size: Field,
    pub mtime: Field,
    pub title: Field,
    pub body: Field,
    /// Publication date, UTC midnight. Indexed for range filters, fast for sorting and
    /// per-year counts.
    pub publication_date: Field,
    /// Where the publication date came from: header, front-matter, json, path, none.
    pub date_source: Field,
    /// People as written ("Vladimir Putin"); searchable word by word for `person:` and
    /// surname filters.
    pub person: Field,
    /// Whole names folded and lower-cased, for exact filters ("vladimir putin").
    pub person_key: Field,
    /// Whole names as written, for counting the most mentioned people.
    pub person_facet: Field,
    /// Keys of the names the article writes as a firm's ("e.f. hutton" of "E.F. Hutton
    /// and Co"): the archive's evidence that the same name elsewhere is no person.
    pub firm_facet: Field,
    /// One-word names only the archive can confirm ("Putin has not commented"), as
    /// written; indexed as keys, so a search for the person the archive links them to
    /// finds the article.
    pub tentative: Field,
    /// The same names, for counting them under the person they link to.
    pub tentative_facet: Field,
    /// Normalised values of the dates mentioned (`2024-07-13`, `2026-03`), for display.
    pub dates_mentioned: Field,
    /// Each date mention as `granularity << 32 | first day`: because every granularity
    /// tiles the calendar, "mentions inside FROM..TO" is one range per granularity.
    /// Fast so `timeline --dates mentioned` counts them column-wise.
    pub mention_key: Field,
    pub url: Field,
    /// The site or publication a web page names (`og:site_name`), as written.
    pub site: Field,
    pub authors: Field,
    pub tags: Field,
    /// Why a `skipped` entry was skipped: a short label ("empty", "binary") and the message.
    pub problem_label: Field,
    pub problem: Field,
}

/// The archive's schema. Changing it means users must re-ingest with `--rebuild`.
pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    let news_text = |stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(NEWS_ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    builder.add_text_field("kind", STRING | STORED | FAST);
    builder.add_text_field("id", STORED | FAST);
    builder.add_u64_field("id_key", NumericOptions::default().set_indexed());
    builder.add_text_field("file", STORED | FAST);
    builder.add_u64_field("file_key", NumericOptions::default().set_indexed());
    builder.add_u64_field("line", NumericOptions::default().set_stored().set_fast());
    builder.add_text_field("member", STRING | STORED);
    builder.add_date_field("captured", DateOptions::default().set_stored());
    builder.add_u64_field("size", NumericOptions::default().set_stored().set_fast());
    builder.add_i64_field("mtime", NumericOptions::default().set_stored().set_fast());
    builder.add_text_field("title", news_text(true));
    builder.add_text_field("body", news_text(true));
    builder.add_date_field(
        "publication_date",
        DateOptions::default()
            .set_indexed()
            .set_stored()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    builder.add_text_field("date_source", STORED);
    builder.add_text_field(
        "person",
        TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(PERSON_ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    builder.add_text_field(
        "person_key",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(PERSON_KEY_ANALYZER)
                .set_index_option(IndexRecordOption::Basic),
        ),
    );
    builder.add_facet_field("person_facet", FacetOptions::default());
    builder.add_facet_field("firm_facet", FacetOptions::default());
    builder.add_text_field(
        "tentative",
        TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(PERSON_KEY_ANALYZER)
                .set_index_option(IndexRecordOption::Basic),
        ),
    );
    builder.add_facet_field("tentative_facet", FacetOptions::default());
    builder.add_text_field("dates_mentioned", STORED);
    builder.add_u64_field(
        "mention_key",
        NumericOptions::default().set_indexed().set_fast(),
    );
    builder.add_text_field("url", STORED);
    builder.add_text_field("site", STORED);
    builder.add_text_field(
        "authors",
        TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(PERSON_ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    builder.add_text_field("tags", news_text(true));
    builder.add_text_field("problem_label", STRING | FAST);
    builder.add_text_field("problem", STRING | STORED | FAST);
    builder.build()
}

impl Fields {
    /// Looks every field up by name; an index made by another version of morgue fails here
    /// with the name of the missing field.
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let get = |name: &str| schema.get_field(name);
        Ok(Fields {
            kind: get("kind")?,
            id: get("id")?,
            id_key: get("id_key")?,
            file: get("file")?,
            file_key: get("file_key")?,
            line: get("line")?,
            member: get("member")?,
            captured: get("captured")?,
            size: get("size")?,
            mtime: get("mtime")?,
            title: get("title")?,
            body: get("body")?,
            publication_date: get("publication_date")?,
            date_source: get("date_source")?,
            person: get("person")?,
            person_key: get("person_key")?,
            person_facet: get("person_facet")?,
            firm_facet: get("firm_facet")?,
            tentative: get("tentative")?,
            tentative_facet: get("tentative_facet")?,
            dates_mentioned: get("dates_mentioned")?,
            mention_key: get("mention_key")?,
            url: get("url")?,
            site: get("site")?,
            authors: get("authors")?,
            tags: get("tags")?,
            problem_label: get("problem_label")?,
            problem: get("problem")?,
        })
    }
}

/// Settings of a new index. The doc store holds every body: zstd (level 3) in 32 KiB
/// blocks keeps the whole index under 1.1x the raw text (1.085x at 200k articles; 16 KiB
/// blocks made it 1.12x, lz4 in 16 KiB blocks 1.36x). A hit decompresses one block; in
/// alternating runs at 200k, 32 KiB blocks searched as fast as 16 KiB (p50 1.1 ms either
/// way). Level 6 saved 2% more for 3-10% more ingest CPU, so level 3 stays. An index made
/// with other settings keeps them.
pub fn index_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(3),
        }),
        docstore_blocksize: 32 << 10,
        ..IndexSettings::default()
    }
}

pub fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(CachedEnglishStemmer)
        .build()
}

pub fn person_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

pub fn person_key_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Tantivy keeps analyzers in memory only: every open of the index must register them.
pub fn register_analyzers(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(NEWS_ANALYZER, news_analyzer());
    tokenizers.register(PERSON_ANALYZER, person_analyzer());
    tokenizers.register(PERSON_KEY_ANALYZER, person_key_analyzer());
}

/// Runs `analyzer` over `text` and returns the tokens' texts.
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push(token.text.clone());
    }
    tokens
}

/// The exact key of a person name: folded and lower-cased, inner white space collapsed.
pub fn person_key(name: &str) -> String {
    thread_local! {
        // Building an analyzer allocates; searches ask for keys of every hit's people.
        static ANALYZER: std::cell::RefCell<TextAnalyzer> =
            std::cell::RefCell::new(person_key_analyzer());
    }
    ANALYZER.with(|analyzer| person_key_with(&mut analyzer.borrow_mut(), name))
}

/// [`person_key`] with an analyzer made once, for many names.
pub fn person_key_with(analyzer: &mut TextAnalyzer, name: &str) -> String {
    let collapsed = name.split_whitespace().collect::<Vec<_>>().join(" ");
    analyze(analyzer, &collapsed)
        .into_iter()
        .next()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_has_every_field() {
        let schema = build_schema();
        assert!(Fields::from_schema(&schema).is_ok());
    }

    #[test]
    fn news_analyzer_folds_and_stems() {
        let tokens = analyze(&mut news_analyzer(), "Ångström's Prayed Cafés");
        assert_eq!(tokens, vec!["angstrom", "s", "pray", "cafe"]);
    }

    #[test]
    fn person_key_is_folded_whole_name() {
        assert_eq!(person_key("  José   Ángel Gurría "), "jose angel gurria");
        assert_eq!(person_key("PUTIN"), "putin");
    }
}

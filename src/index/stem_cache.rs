//! The English stemmer of titles and bodies, behind a small cache of recent words.
//!
//! Snowball stemming was 12% of a first ingest's CPU, and Tantivy's `Stemmer` filter
//! allocates a new string for every word it changes. News text repeats a few thousand
//! words most of the time, so a direct-mapped table of short words, small enough to stay
//! in the core's cache, answers nearly every word without running the stemmer. The
//! result is exactly the stemmer's: a miss runs it and overwrites the slot.

use std::borrow::Cow;

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words and stems up to this many bytes are cached: nearly all English words.
const MAX_CACHED: usize = 15;
const SLOT_BITS: u32 = 13;
/// 8,192 slots of 32 bytes: 256 KiB, about what a core's L2 cache holds beside the rest.
const SLOTS: usize = 1 << SLOT_BITS;

/// One cached word: its length, its bytes, then the same for its stem.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Slot {
    word_len: u8,
    word: [u8; MAX_CACHED],
    stem_len: u8,
    stem: [u8; MAX_CACHED],
}

const EMPTY: Slot = Slot {
    // No token is empty, so a zero length never matches.
    word_len: 0,
    word: [0; MAX_CACHED],
    stem_len: 0,
    stem: [0; MAX_CACHED],
};

/// Words an analyzer stems before it builds its table: analyzers are cloned for every
/// query, and a query's few words are not worth 256 KiB.
const WORDS_BEFORE_CACHING: u32 = 2_000;

#[derive(Default)]
struct StemTable {
    slots: Option<Box<[Slot]>>,
    words_stemmed: u32,
}

impl StemTable {
    /// Replaces `text` by its English stem.
    fn stem_in_place(&mut self, stemmer: Stemmer, text: &mut String) {
        let word = text.as_bytes();
        let slots = match &mut self.slots {
            Some(slots) if word.len() <= MAX_CACHED => slots,
            Some(_) => return stem_uncached(stemmer, text),
            None => {
                self.words_stemmed += 1;
                if self.words_stemmed >= WORDS_BEFORE_CACHING {
                    self.slots = Some(vec![EMPTY; SLOTS].into_boxed_slice());
                }
                return stem_uncached(stemmer, text);
            }
        };
        let slot = &mut slots[slot_of(word)];
        if usize::from(slot.word_len) == word.len() && slot.word[..word.len()] == *word {
            let stem = &slot.stem[..usize::from(slot.stem_len)];
            // Always valid: the cached stem was a whole `str`.
            if let Ok(stem) = std::str::from_utf8(stem) {
                text.clear();
                text.push_str(stem);
                return;
            }
        }
        let stem = stemmer.stem(text);
        if stem.len() <= MAX_CACHED {
            slot.word_len = word.len() as u8;
            slot.word[..word.len()].copy_from_slice(word);
            slot.stem_len = stem.len() as u8;
            slot.stem[..stem.len()].copy_from_slice(stem.as_bytes());
        }
        if let Cow::Owned(stem) = stem {
            text.clear();
            text.push_str(&stem);
        }
    }
}

fn stem_uncached(stemmer: Stemmer, text: &mut String) {
    if let Cow::Owned(stem) = stemmer.stem(text) {
        text.clear();
        text.push_str(&stem);
    }
}

/// FNV-1a over the word, then a multiplicative mix so that the top bits pick the slot.
fn slot_of(word: &[u8]) -> usize {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in word {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SLOT_BITS)) as usize
}

/// Token filter: the English Snowball stemmer (as Tantivy's `Stemmer`), with a cache that
/// lives as long as the analyzer, i.e. a whole segment while indexing.
#[derive(Clone, Copy)]
pub struct CachedEnglishStemmer;

impl TokenFilter for CachedEnglishStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemFilter<T> {
        CachedStemFilter {
            inner: tokenizer,
            stemmer: Stemmer::new(Algorithm::English),
            table: StemTable::default(),
        }
    }
}

pub struct CachedStemFilter<T> {
    inner: T,
    stemmer: Stemmer,
    table: StemTable,
}

impl<T: Clone> Clone for CachedStemFilter<T> {
    /// A clone starts with an empty cache: the table is not shared between threads.
    fn clone(&self) -> Self {
        CachedStemFilter {
            inner: self.inner.clone(),
            stemmer: self.stemmer,
            table: StemTable::default(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemFilter<T> {
    type TokenStream<'a> = CachedStemTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemTokenStream {
            tail: self.inner.token_stream(text),
            stemmer: self.stemmer,
            table: &mut self.table,
        }
    }
}

pub struct CachedStemTokenStream<'a, T> {
    tail: T,
    stemmer: Stemmer,
    table: &'a mut StemTable,
}

impl<T: TokenStream> TokenStream for CachedStemTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        self.table.stem_in_place(self.stemmer, &mut token.text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, SimpleTokenizer, TextAnalyzer};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while let Some(token) = stream.next() {
            tokens.push(token.text.clone());
        }
        tokens
    }

    const TEXT: &str = "The ministers said prices were rising generously; the generous \
        minister's internationalisation programmes, counterrevolutionaries and \
        electroencephalographically-minded skies, dying lying news agencies. \
        Ministers said prices rose: rising, rose, roses, généreux über cafés 2025 \
        running runner ran runs gently gentle gentleness";

    #[test]
    fn stems_exactly_as_tantivys_stemmer_on_first_and_repeated_words() {
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(CachedEnglishStemmer)
            .build();
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(tantivy::tokenizer::Stemmer::new(Language::English))
            .build();
        let lower = TEXT.to_lowercase();
        let expected = tokens(&mut plain, &lower);
        // Early passes build the table, later ones are answered from it.
        let rounds = 2 * WORDS_BEFORE_CACHING as usize / expected.len() + 2;
        for _ in 0..rounds {
            assert_eq!(tokens(&mut cached, &lower), expected);
        }
        assert!(expected.contains(&"minist".to_owned()));
        assert!(expected.contains(&"internationalis".to_owned()));
    }

    #[test]
    fn colliding_words_overwrite_each_other_correctly() {
        let stemmer = Stemmer::new(Algorithm::English);
        let mut table = StemTable::default();
        // Far more distinct words than slots: every slot is overwritten many times.
        for round in 0..2 {
            for n in 0..(3 * SLOTS) {
                let word = format!("w{n}ing");
                let mut text = word.clone();
                table.stem_in_place(stemmer, &mut text);
                assert_eq!(text, stemmer.stem(&word), "round {round}");
            }
        }
        assert!(table.slots.is_some(), "the table was never built");
    }
}

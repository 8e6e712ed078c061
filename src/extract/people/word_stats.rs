//! What unlabelled news says about a capitalised word, as tagger features.
//!
//! The tagger learns from one annotated corpus (CoNLL-2003), so a name it never saw there
//! is judged by its shape and context alone. Plain news knows more: "Pace" and "Mills"
//! are written in lower case half the time, "Chanderpaul" never; "Norilsk" is never
//! preceded by a title or a given name, "Gaulieder" is. `word_stats.tsv` holds, for each
//! word written capitalised at least [`MIN_CAPITALISED`] times in the corpora of
//! `../shared/corpus`, how often it was written in lower case, capitalised in mid-sentence
//! and capitalised at all, and how often the hand-written rules (not the tagger, so the
//! table does not depend on the model trained with it) made it the first word or another
//! word of a person's name. `examples/word_stats.rs` writes the file; the tagger reads
//! its buckets (`Buckets`) for the word and its neighbours.
//!
//! Words are keyed as the tagger hashes them (ASCII lower case, at most
//! [`MAX_WORD_BYTES`] bytes), so a lookup allocates nothing.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::lexicon::{FastMap, LEXICON};
use super::linking::rule_mentions;
use super::tokens::Shape;
use super::{mention_spans, rule_scan};

/// Longest word counted or looked up, in bytes (the tagger's word features read as much).
pub const MAX_WORD_BYTES: usize = 24;
/// Fewest capitalised occurrences for a word to be written to the table.
pub const MIN_CAPITALISED: u32 = 3;

/// Counts of one word over a corpus.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WordCount {
    /// Written in lower case.
    pub lower: u32,
    /// Written capitalised, not at the start of a sentence.
    pub capitalised_mid: u32,
    /// Written capitalised anywhere.
    pub capitalised: u32,
    /// The first word of a person's name of two or more words.
    pub person_first: u32,
    /// Another word of a person's name, or a one-word name.
    pub person_other: u32,
}

/// Counts words over many texts (`examples/word_stats.rs`).
#[derive(Debug, Default)]
pub struct WordCounter {
    counts: BTreeMap<String, WordCount>,
}

impl WordCounter {
    /// Counts the words of one text.
    pub fn add_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let scan = rule_scan(text, &LEXICON);
        let spans = mention_spans(&rule_mentions(&scan, &LEXICON));
        let mut span_index = 0;
        for (index, token) in scan.tokens.iter().enumerate() {
            if !token.is_word() || matches!(token.shape, Shape::Initial | Shape::AllCaps) {
                continue;
            }
            let word = scan.word(index);
            if word.len() > MAX_WORD_BYTES {
                continue;
            }
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            if token.shape != Shape::Lower && !capitalised {
                continue;
            }
            let count = self.counts.entry(word.to_ascii_lowercase()).or_default();
            if !capitalised {
                count.lower += 1;
                continue;
            }
            count.capitalised += 1;
            count.capitalised_mid += u32::from(!token.sentence_start);
            while span_index < spans.len() && spans[span_index].1 <= token.start {
                span_index += 1;
            }
            if let Some(&(start, end)) = spans.get(span_index) {
                if token.start >= start && token.end <= end {
                    let multi_word = token.end < end;
                    if token.start == start && multi_word {
                        count.person_first += 1;
                    } else {
                        count.person_other += 1;
                    }
                }
            }
        }
    }

    /// The table, one word a line, sorted: `word` then the five counts, tab-separated.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from(
            "# word\tlower\tcapitalised_mid\tcapitalised\tperson_first\tperson_other\n",
        );
        for (word, count) in &self.counts {
            if count.capitalised < MIN_CAPITALISED {
                continue;
            }
            out.push_str(&format!(
                "{word}\t{}\t{}\t{}\t{}\t{}\n",
                count.lower,
                count.capitalised_mid,
                count.capitalised,
                count.person_first,
                count.person_other
            ));
        }
        out
    }
}

/// A word's counts cut into a few classes each, so that the tagger generalises over
/// words; 0 in each field means the corpora do not say (too few occurrences).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Buckets {
    /// 1 (nearly always lower case) to 5 (nearly always capitalised in mid-sentence).
    pub(super) capitalised: u8,
    /// 1 (never in a person's name) to 5 (nearly always).
    pub(super) person: u8,
    /// 1 (a surname's place) to 3 (a given name's place), when it was in names.
    pub(super) first: u8,
}

impl Buckets {
    fn of(count: &WordCount) -> Buckets {
        let ratio = |part: u32, whole: u32| f64::from(part) / f64::from(whole.max(1));
        let class = |value: f64, bounds: &[f64]| {
            1 + bounds.iter().take_while(|&&bound| value >= bound).count() as u8
        };
        let mid_total = count.lower + count.capitalised_mid;
        let capitalised = if mid_total < 3 {
            0
        } else {
            class(
                ratio(count.capitalised_mid, mid_total),
                &[0.05, 0.3, 0.7, 0.95],
            )
        };
        let in_names = count.person_first + count.person_other;
        let person = if count.capitalised < MIN_CAPITALISED {
            0
        } else if in_names == 0 {
            1
        } else {
            class(ratio(in_names, count.capitalised), &[0.0, 0.1, 0.3, 0.6])
        };
        let first = if in_names < 2 {
            0
        } else {
            class(ratio(count.person_first, in_names), &[0.2, 0.8])
        };
        Buckets {
            capitalised,
            person,
            first,
        }
    }
}

/// The embedded table, keyed by the tagger's word hash.
pub(super) struct WordStats {
    buckets: FastMap<u64, Buckets>,
}

impl WordStats {
    fn parse(table: &str, hash: impl Fn(&[u8]) -> u64) -> WordStats {
        let mut buckets = FastMap::default();
        for line in table.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let Some(word) = fields.next() else { continue };
            let numbers: Vec<u32> = fields.filter_map(|field| field.parse().ok()).collect();
            let [lower, capitalised_mid, capitalised, person_first, person_other] = numbers[..]
            else {
                continue;
            };
            let count = WordCount {
                lower,
                capitalised_mid,
                capitalised,
                person_first,
                person_other,
            };
            buckets.insert(hash(word.as_bytes()), Buckets::of(&count));
        }
        WordStats { buckets }
    }

    /// The buckets of the word whose tagger hash is `key` (all 0 for an unknown word).
    pub(super) fn get(&self, key: u64) -> Buckets {
        self.buckets.get(&key).copied().unwrap_or_default()
    }
}

pub(super) static WORD_STATS: LazyLock<WordStats> =
    LazyLock::new(|| WordStats::parse(include_str!("word_stats.tsv"), super::tagger::word_hash));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_say_how_a_word_is_written_and_whether_rules_made_it_a_name() {
        let mut counter = WordCounter::default();
        counter.add_text(
            "Mr. Chanderpaul said the pace was slow. Vivian Chanderpaul scored. \
             The Pace of it. They met Chanderpaul.",
        );
        let chanderpaul = counter.counts["chanderpaul"];
        assert_eq!(chanderpaul.lower, 0);
        assert_eq!(chanderpaul.capitalised, 3);
        assert!(chanderpaul.person_other >= 2, "{chanderpaul:?}");
        let pace = counter.counts["pace"];
        assert_eq!(
            (pace.lower, pace.capitalised, pace.capitalised_mid),
            (1, 1, 1)
        );
        assert_eq!(pace.person_first + pace.person_other, 0);
        let vivian = counter.counts["vivian"];
        assert_eq!(vivian.capitalised_mid, 0, "it opens a sentence");
        assert_eq!(
            vivian.person_first, 1,
            "a given name the rules know, then a surname"
        );
    }

    #[test]
    fn the_table_round_trips_into_buckets() {
        let mut counter = WordCounter::default();
        for _ in 0..3 {
            counter.add_text("Then Mr. Gaulieder spoke. The norilsk plant and Norilsk itself.");
        }
        let table = counter.to_tsv();
        assert!(table.contains("gaulieder\t0\t3\t3\t0\t3\n"), "{table}");
        let stats = WordStats::parse(&table, super::super::tagger::word_hash);
        let gaulieder = stats.get(super::super::tagger::word_hash(b"gaulieder"));
        assert_eq!((gaulieder.capitalised, gaulieder.person), (5, 5));
        let norilsk = stats.get(super::super::tagger::word_hash(b"norilsk"));
        assert_eq!((norilsk.capitalised, norilsk.person), (3, 1));
        assert_eq!(
            stats.get(super::super::tagger::word_hash(b"unseen")),
            Buckets::default()
        );
    }

    #[test]
    fn the_embedded_table_parses_and_knows_common_names() {
        let reagan = WORD_STATS.get(super::super::tagger::word_hash(b"reagan"));
        assert!(reagan.person >= 4, "{reagan:?}");
        let march = WORD_STATS.get(super::super::tagger::word_hash(b"the"));
        assert!(march.capitalised <= 1, "{march:?}");
    }
}

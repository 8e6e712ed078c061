//! Writes `src/extract/people/word_stats.tsv`: how each capitalised word is written in
//! unlabelled news, and how often the hand-written rules make it part of a person's name
//! (see `src/extract/people/word_stats.rs`).
//!
//!     cargo run --release --example word_stats -- src/extract/people/word_stats.tsv \
//!         ../shared/corpus/reuters21578 ../shared/corpus/reuters-2017 \
//!         ../shared/corpus/tempeval3 ../shared/corpus/wikinews-meantime
//!
//! Deterministic: the same corpora give the same bytes. Retrain the tagger afterwards
//! (`examples/train_people.rs`), since its weights are for the buckets it was trained on.
//! Exits 2 on bad arguments or an unreadable corpus.

use std::path::Path;
use std::process::ExitCode;

use morgue::extract::people::word_stats::WordCounter;

#[path = "common/corpus.rs"]
mod corpus;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, corpora)) = args.split_first().filter(|(_, rest)| !rest.is_empty()) else {
        eprintln!("usage: word_stats OUT_TSV CORPUS_DIR...");
        return ExitCode::from(2);
    };
    let mut counter = WordCounter::default();
    let mut articles = 0usize;
    for dir in corpora {
        match corpus::read_articles(Path::new(dir)) {
            Ok(read) => {
                articles += read.len();
                for article in read {
                    counter.add_text(&article.body);
                }
            }
            Err(error) => {
                eprintln!("word_stats: {error}");
                return ExitCode::from(2);
            }
        }
    }
    let table = counter.to_tsv();
    if let Err(error) = std::fs::write(out, &table) {
        eprintln!("word_stats: {out}: {error}");
        return ExitCode::from(2);
    }
    println!(
        "word_stats: {articles} articles, {} words written to {out}",
        table.lines().count().saturating_sub(1)
    );
    ExitCode::SUCCESS
}

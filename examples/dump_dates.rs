//! Prints every date mention the extractor finds in a corpus, one line each, so a change
//! meant to be output-preserving (a refactor of `extract::dates`) can be checked with `cmp`
//! against a saved dump.
//!
//!     cargo run --release --example dump_dates -- ../shared/corpus/reuters21578 > dates.txt

#[path = "common/corpus.rs"]
mod corpus;

use std::io::Write;
use std::path::Path;

use morgue::extract::dates::RuleBasedDates;
use morgue::extract::DateExtractor;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: dump_dates CORPUS_DIR");
        std::process::exit(2);
    };
    if let Err(message) = run(Path::new(&dir)) {
        eprintln!("dump_dates: {message}");
        std::process::exit(2);
    }
}

fn run(dir: &Path) -> Result<(), String> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for article in corpus::read_articles(dir)? {
        for mention in RuleBasedDates.extract_dates(&article.body, article.date) {
            writeln!(
                out,
                "{}#{}\t{}\t{}\t{:?}\t{}\t{}\t{}\t{:?}",
                article.file,
                article.entry,
                mention.start,
                mention.end,
                mention.text,
                mention.value,
                mention.from,
                mention.to,
                mention.granularity
            )
            .map_err(|error| error.to_string())?;
        }
    }
    out.flush().map_err(|error| error.to_string())
}

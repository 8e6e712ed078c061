//! Prints every person mention the extractor finds in a corpus, one line each, so a
//! change meant to be output-preserving can be checked with `cmp` against a saved dump.
//!
//!     cargo run --release --example dump_people -- ../shared/corpus/reuters21578 > people.txt
//!
//! Both the default (tagged) extractor and the rules alone are dumped, since the rules are
//! the fallback when the model cannot load.

#[path = "common/corpus.rs"]
mod corpus;

use std::io::Write;
use std::path::Path;

use morgue::extract::people::{default_extractor, RuleBasedPeople};
use morgue::extract::PersonExtractor;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: dump_people CORPUS_DIR");
        std::process::exit(2);
    };
    if let Err(message) = run(Path::new(&dir)) {
        eprintln!("dump_people: {message}");
        std::process::exit(2);
    }
}

fn run(dir: &Path) -> Result<(), String> {
    let tagged = default_extractor();
    let rules = RuleBasedPeople;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for article in corpus::read_articles(dir)? {
        let extractors: [(&str, &dyn PersonExtractor); 2] =
            [("tagged", tagged.as_ref()), ("rules", &rules)];
        for (label, extractor) in extractors {
            for mention in extractor.extract_people(&article.body, article.date) {
                writeln!(
                    out,
                    "{}#{}\t{label}\t{}\t{}\t{:?}\t{:?}",
                    article.file,
                    article.entry,
                    mention.start,
                    mention.end,
                    mention.text,
                    mention.name
                )
                .map_err(|error| error.to_string())?;
            }
        }
    }
    out.flush().map_err(|error| error.to_string())
}

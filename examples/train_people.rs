//! Trains the person tagger and writes `src/extract/people/people.model`.
//!
//!     cargo run --release --example train_people -- \
//!         ../shared/eval/conll2003/eng.train ../shared/eval/conll2003/eng.testa [EPOCHS] [OUT]
//!
//! `--with-dev` trains on both files and keeps the last pass (the development figures it
//! prints are then on training data). `--sentences` also trains on every sentence alone (see `docs/PEOPLE.md`; not used for
//! the committed model). Trains on the first file, keeps the pass that scores best on the second (the
//! development set), and writes the model; rebuild afterwards to embed it. eng.testb is
//! never read here: it is for reporting only (`examples/eval_people.rs`).

use morgue::extract::people::{conll, train};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let with_sentences = args.iter().any(|arg| arg == "--sentences");
    let with_dev = args.iter().any(|arg| arg == "--with-dev");
    args.retain(|arg| arg != "--sentences" && arg != "--with-dev");
    if args.len() < 2 {
        eprintln!(
            "usage: train_people TRAIN_FILE DEV_FILE [EPOCHS] [OUT] [--sentences] [--with-dev]"
        );
        std::process::exit(2);
    }
    let read = |path: &str| match std::fs::read_to_string(path) {
        Ok(content) => conll::read_documents(&content),
        Err(error) => {
            eprintln!("train_people: {path}: {error}");
            std::process::exit(2);
        }
    };
    let mut train_documents = read(&args[0]);
    if with_sentences {
        // Each training sentence also seen alone, so the tagger leans less on what the
        // rest of an article says (better on one-sentence texts, worse on articles).
        let sentences: Vec<conll::Document> = train_documents
            .iter()
            .flat_map(conll::Document::split_sentences)
            .collect();
        train_documents.extend(sentences);
    }
    let dev_documents = read(&args[1]);
    let epochs: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(12);
    let out = args
        .get(3)
        .cloned()
        .unwrap_or_else(|| "src/extract/people/people.model".to_string());
    let mut log = |line: &str| println!("{line}");
    if with_dev {
        train_documents.extend(dev_documents.iter().cloned());
    }
    let bytes = train(&train_documents, &dev_documents, epochs, with_dev, &mut log);
    if bytes.is_empty() {
        eprintln!("train_people: no model was made");
        std::process::exit(2);
    }
    if let Err(error) = std::fs::write(&out, &bytes) {
        eprintln!("train_people: {out}: {error}");
        std::process::exit(2);
    }
    println!("wrote {out}: {} bytes", bytes.len());
}

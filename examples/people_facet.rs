//! How many of the archive's top 100 people are real, distinct people: ingests a corpus
//! (or opens an index made earlier), lists `morgue people -n 100`, and checks each name
//! against labels written by hand once.
//!
//!     cargo run --release --example people_facet -- ../shared/corpus/reuters21578 docs/people-facet/reuters21578-top100.tsv
//!     cargo run --release --example people_facet -- --index INDEX_DIR docs/people-facet/reuters-2017-top100.tsv
//!
//! Prints each name with its count and label, then the share that are real, distinct
//! people. A name without a label is listed as `?` (label it, then run again). Exits 2 on
//! bad arguments.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use morgue::ingest::{ingest, IngestObserver, IngestOptions};
use morgue::people::people;
use morgue::search::SearchRequest;
use morgue::ArchiveIndex;

const TOP: usize = 100;

struct Quiet;
impl IngestObserver for Quiet {}

/// Labels by name: `person`, `not` or `same-as`, and the note.
fn read_labels(path: &Path) -> Result<HashMap<String, (String, String)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut labels = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(name), Some(verdict)) = (fields.next(), fields.next()) else {
            return Err(format!(
                "{}:{}: expected NAME<TAB>VERDICT",
                path.display(),
                n + 1
            ));
        };
        if !matches!(verdict, "person" | "not" | "same-as") {
            return Err(format!(
                "{}:{}: unknown verdict {verdict:?}",
                path.display(),
                n + 1
            ));
        }
        let note = fields.next().unwrap_or("").to_owned();
        labels.insert(name.to_owned(), (verdict.to_owned(), note));
    }
    Ok(labels)
}

fn run(source: &Path, is_index: bool, labels_path: &Path) -> Result<(), String> {
    let labels = read_labels(labels_path)?;
    let scratch;
    let index_dir: PathBuf = if is_index {
        source.to_path_buf()
    } else {
        scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
        let dir = scratch.path().join("index");
        ingest(
            &dir,
            &[source.to_path_buf()],
            &IngestOptions::default(),
            &Quiet,
        )
        .map_err(|e| e.to_string())?;
        dir
    };
    let archive = ArchiveIndex::open(&index_dir).map_err(|e| e.to_string())?;
    let request = SearchRequest {
        limit: TOP,
        ..SearchRequest::default()
    };
    let counts = people(&archive, &request).map_err(|e| e.to_string())?;
    let (mut real, mut unlabelled) = (0, 0);
    for (name, articles) in &counts.people {
        let (verdict, note) = match labels.get(name) {
            Some((verdict, note)) => (verdict.as_str(), note.as_str()),
            None => ("?", "no label yet"),
        };
        match verdict {
            "person" => real += 1,
            "?" => unlabelled += 1,
            _ => {}
        }
        println!("{articles:>6}  {name:<32} {verdict:<8} {note}");
    }
    println!(
        "\n{real} of {} are real, distinct people ({unlabelled} without a label)",
        counts.people.len()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (source, is_index, labels) = match args.as_slice() {
        [flag, index, labels] if flag == "--index" => (index, true, labels),
        [corpus, labels] => (corpus, false, labels),
        _ => {
            eprintln!("usage: people_facet (CORPUS_DIR | --index INDEX_DIR) LABELS.tsv");
            return ExitCode::from(2);
        }
    };
    match run(Path::new(source), is_index, Path::new(labels)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("people_facet: {message}");
            ExitCode::from(2)
        }
    }
}

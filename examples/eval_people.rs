//! Measures the person extractor: precision, recall and F1 of person names on CoNLL-2003
//! files, recall of the Reuters editors' surname tags, and throughput per core.
//!
//!     cargo run --release --example eval_people -- ../shared/eval/conll2003/eng.testb
//!     cargo run --release --example eval_people -- \
//!         --reuters-tags ../shared/eval/reuters21578-people-tags.tsv ../shared/corpus/reuters21578
//!     cargo run --release --example eval_people -- --throughput ../shared/corpus/reuters21578
//!
//! Every text goes through `PersonExtractor::extract_people`, as in ingest. A CoNLL
//! document is its sentences detokenised, one paragraph each (see `people::conll`);
//! `--per-sentence` runs the extractor on each sentence alone instead; `--model FILE`
//! measures a model file instead of the embedded one (no rebuild needed after training). `--errors N`
//! prints up to N false positives and N misses; `--rules` measures the rules alone
//! (`RuleBasedPeople`), without the trained tagger. MB/s per core is text bytes over the
//! thread's CPU time (Linux; wall-clock time elsewhere), best of three passes.

#[path = "common/corpus.rs"]
mod corpus;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use morgue::extract::people::{
    conll, default_extractor, Model, RuleBasedPeople, TaggedPeopleWithModel,
};
use morgue::extract::{PersonExtractor, PersonMention};

fn main() {
    if let Err(message) = run() {
        eprintln!("eval_people: {message}");
        std::process::exit(2);
    }
}

struct Options {
    conll_files: Vec<PathBuf>,
    reuters: Option<(PathBuf, PathBuf)>,
    throughput: Vec<PathBuf>,
    per_sentence: bool,
    rules_only: bool,
    model: Option<PathBuf>,
    errors: usize,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        conll_files: Vec::new(),
        reuters: None,
        throughput: Vec::new(),
        per_sentence: false,
        rules_only: false,
        model: None,
        errors: 0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--reuters-tags" => {
                let tags = args
                    .next()
                    .ok_or("--reuters-tags needs TSV and CORPUS_DIR")?;
                let corpus = args
                    .next()
                    .ok_or("--reuters-tags needs TSV and CORPUS_DIR")?;
                options.reuters = Some((tags.into(), corpus.into()));
            }
            "--throughput" => {
                let dir = args.next().ok_or("--throughput needs a folder")?;
                options.throughput.push(dir.into());
            }
            "--per-sentence" => options.per_sentence = true,
            "--rules" => options.rules_only = true,
            "--model" => options.model = Some(args.next().ok_or("--model needs a file")?.into()),
            "--errors" => {
                let count = args.next().ok_or("--errors needs a number")?;
                options.errors = count.parse().map_err(|_| "--errors needs a number")?;
            }
            "-h" | "--help" => {
                println!(
                    "usage: eval_people [CONLL_FILE ...] [--per-sentence] [--rules] [--model FILE] [--errors N] \
                     [--reuters-tags TSV CORPUS_DIR] [--throughput DIR]"
                );
                std::process::exit(0);
            }
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ => options.conll_files.push(arg.into()),
        }
    }
    if options.conll_files.is_empty() && options.reuters.is_none() && options.throughput.is_empty()
    {
        return Err("nothing to do: pass a CoNLL file, --reuters-tags or --throughput".into());
    }
    Ok(options)
}

fn run() -> Result<(), String> {
    let options = parse_options()?;
    let extractor: Box<dyn PersonExtractor> = if options.rules_only {
        Box::new(RuleBasedPeople)
    } else if let Some(path) = &options.model {
        let bytes = std::fs::read(path).map_err(|error| format!("{}: {error}", path.display()))?;
        let model = Model::from_bytes(&bytes)
            .ok_or_else(|| format!("{}: not a people model", path.display()))?;
        Box::new(TaggedPeopleWithModel(model))
    } else {
        default_extractor()
    };
    for path in &options.conll_files {
        eval_conll(extractor.as_ref(), path, &options)?;
    }
    if let Some((tags, corpus)) = &options.reuters {
        eval_reuters(extractor.as_ref(), tags, corpus)?;
    }
    for dir in &options.throughput {
        let bodies = corpus::read_articles(dir)?;
        let bytes: usize = bodies.iter().map(|a| a.body.len()).sum();
        let texts: Vec<&str> = bodies.iter().map(|a| a.body.as_str()).collect();
        let (seconds, mentions) = time_extraction(extractor.as_ref(), &texts);
        println!(
            "{}: {} articles, {:.1} MB, {} mentions, {:.1} MB/s per core",
            dir.display(),
            bodies.len(),
            bytes as f64 / 1e6,
            mentions,
            bytes as f64 / 1e6 / seconds
        );
    }
    Ok(())
}

/// Runs the extractor over the texts on one thread, best of three passes; the time is
/// the thread's CPU time where Linux reports it (so other work on the machine does not
/// count), wall-clock time elsewhere.
fn time_extraction(extractor: &dyn PersonExtractor, texts: &[&str]) -> (f64, usize) {
    let mut best = f64::MAX;
    let mut mentions = 0;
    for _ in 0..3 {
        let started = Instant::now();
        let cpu_started = thread_cpu_seconds();
        mentions = 0;
        for text in texts {
            mentions += extractor.extract_people(text, None).len();
        }
        let seconds = match (cpu_started, thread_cpu_seconds()) {
            (Some(start), Some(end)) => end - start,
            _ => started.elapsed().as_secs_f64(),
        };
        best = best.min(seconds);
    }
    (best.max(1e-9), mentions)
}

/// CPU time of the current thread, from /proc/thread-self/schedstat (Linux).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds / 1e9)
}

fn eval_conll(
    extractor: &dyn PersonExtractor,
    path: &Path,
    options: &Options,
) -> Result<(), String> {
    let content =
        std::fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
    let documents = conll::read_documents(&content);
    let (mut gold_total, mut found_total, mut correct_total) = (0usize, 0usize, 0usize);
    let mut false_positives: Vec<String> = Vec::new();
    let mut misses: Vec<String> = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    for document in &documents {
        let mut found: Vec<(usize, usize)> = Vec::new();
        if options.per_sentence {
            for &(start, end) in &document.sentences {
                let sentence = &document.text[start..end];
                texts.push(sentence);
                found.extend(
                    spans(&extractor.extract_people(sentence, None))
                        .map(|(a, b)| (a + start, b + start)),
                );
            }
        } else {
            texts.push(&document.text);
            found.extend(spans(&extractor.extract_people(&document.text, None)));
        }
        let gold: HashSet<(usize, usize)> = document.people.iter().copied().collect();
        let found: HashSet<(usize, usize)> = found.into_iter().collect();
        gold_total += gold.len();
        found_total += found.len();
        correct_total += gold.intersection(&found).count();
        let context = |(start, end): (usize, usize)| {
            let sentence = document
                .sentences
                .iter()
                .find(|&&(s, e)| s <= start && end <= e)
                .map_or("", |&(s, e)| &document.text[s..e]);
            format!("[{}]  in: {}", &document.text[start..end], sentence)
        };
        let mut extra: Vec<_> = found.difference(&gold).copied().collect();
        extra.sort();
        false_positives.extend(extra.into_iter().map(context));
        let mut missed: Vec<_> = gold.difference(&found).copied().collect();
        missed.sort();
        misses.extend(missed.into_iter().map(context));
    }
    let precision = ratio(correct_total, found_total);
    let recall = ratio(correct_total, gold_total);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let bytes: usize = texts.iter().map(|text| text.len()).sum();
    let (seconds, _) = time_extraction(extractor, &texts);
    println!(
        "{}: {} documents, {} gold PER, {} found, {} correct: P {:.3} R {:.3} F1 {:.3}; {:.1} MB/s per core{}",
        path.display(),
        documents.len(),
        gold_total,
        found_total,
        correct_total,
        precision,
        recall,
        f1,
        bytes as f64 / 1e6 / seconds,
        if options.per_sentence { " (per sentence)" } else { "" }
    );
    if options.errors > 0 {
        println!("-- false positives:");
        for line in false_positives.iter().take(options.errors) {
            println!("  {line}");
        }
        println!("-- misses:");
        for line in misses.iter().take(options.errors) {
            println!("  {line}");
        }
    }
    Ok(())
}

fn spans(mentions: &[PersonMention]) -> impl Iterator<Item = (usize, usize)> + '_ {
    mentions.iter().map(|mention| (mention.start, mention.end))
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// For each article tagged by the Reuters editors and each tagged surname: is there an
/// extracted person (a linked name) whose last word is that surname, ignoring case and
/// accents?
fn eval_reuters(extractor: &dyn PersonExtractor, tags: &Path, corpus: &Path) -> Result<(), String> {
    let content =
        std::fs::read_to_string(tags).map_err(|error| format!("{}: {error}", tags.display()))?;
    let (mut tagged, mut found, mut articles) = (0usize, 0usize, 0usize);
    let mut misses: Vec<String> = Vec::new();
    for line in content.lines() {
        let Some((relative, surnames)) = line.split_once('\t') else {
            continue;
        };
        let path = corpus.join(relative);
        let Ok(bytes) = std::fs::read(&path) else {
            return Err(format!("{}: cannot read", path.display()));
        };
        let Ok(parsed) = morgue::article::parse_file(&path, &bytes) else {
            continue;
        };
        let Some(article) = parsed
            .entries
            .into_iter()
            .find_map(|entry| entry.result.ok())
        else {
            continue;
        };
        articles += 1;
        let mentions = extractor.extract_people(&article.body, article.publication_date);
        let last_words: HashSet<String> = mentions
            .iter()
            .flat_map(|mention| [mention.name.as_str(), mention.text.as_str()])
            .filter_map(|name| name.split_whitespace().last())
            .map(fold)
            .collect();
        for surname in surnames.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            tagged += 1;
            // Tags such as "de-larosiere" or "van-den-broek" name several words.
            let last = surname.rsplit(['-', ' ']).next().unwrap_or(surname);
            if last_words.contains(&fold(last)) || last_words.contains(&fold(surname)) {
                found += 1;
            } else {
                misses.push(format!("{relative}\t{surname}"));
            }
        }
    }
    println!(
        "{}: {} articles, {} tagged surnames, {} found: recall {:.3}",
        tags.display(),
        articles,
        tagged,
        found,
        ratio(found, tagged)
    );
    if std::env::var_os("EVAL_PEOPLE_SHOW_MISSES").is_some() {
        for miss in &misses {
            println!("  missed {miss}");
        }
    }
    Ok(())
}

/// Lower case without accents, apostrophes or hyphens, for comparing surnames.
fn fold(word: &str) -> String {
    morgue::extract::people::fold_for_matching(word)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

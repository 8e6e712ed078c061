//! A seeded uniform random sample of the date mentions a corpus gives, to be labelled by
//! hand, and the score of the extractor against those labels (issue 35: "dates you can
//! trust").
//!
//!     cargo run --release --example date_sample -- CORPUS_DIR --sample 200 --seed 35 > sample.tsv
//!     cargo run --release --example date_sample -- CORPUS_DIR --labels docs/date-sample/reuters21578.tsv
//!
//! The sample is drawn from every mention of every article (files in name order), so a
//! mention's chance is the same wherever it is. Each line: label (empty, to be filled
//! in), the article and the mention's byte span in its body, the text, the value, the
//! publication date and the sentence around it with the mention in `[[ ]]`. Labels:
//! `date` (a real date with the right value), `wrong-value` (a real date, another value),
//! `not-date` (a price, a time, a quantity, a table cell …).
//!
//! With `--labels`, the extractor is run again on the labelled articles: a labelled mention
//! still found with the same span and value counts as its label says; one no longer found
//! counts as dropped (good for `not-date`, a loss for `date`). Printed: the share of real
//! dates and of right values among the mentions still found, and the dropped ones.

#[path = "common/corpus.rs"]
mod corpus;
#[path = "common/splitmix.rs"]
mod splitmix;

use std::collections::HashMap;
use std::path::Path;

use morgue::extract::dates::RuleBasedDates;
use morgue::extract::{DateExtractor, DateMention};
use splitmix::SplitMix64;

const USAGE: &str = "usage: date_sample CORPUS_DIR (--sample N [--seed S] | --labels FILE)";

fn main() {
    if let Err(message) = run() {
        eprintln!("date_sample: {message}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().ok_or(USAGE)?;
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let articles = corpus::read_articles(Path::new(dir))?;
    if let Some(labels) = flag("--labels") {
        return score(&articles, Path::new(labels));
    }
    let size: usize = flag("--sample")
        .ok_or(USAGE)?
        .parse()
        .map_err(|_| "--sample takes a number")?;
    let seed: u64 = flag("--seed")
        .map_or(Ok(35), |s| s.parse())
        .map_err(|_| "--seed takes a number")?;
    sample(&articles, size, seed);
    Ok(())
}

fn mentions(article: &corpus::CorpusArticle) -> Vec<DateMention> {
    RuleBasedDates.extract_dates(&article.body, article.date)
}

fn sample(articles: &[corpus::CorpusArticle], size: usize, seed: u64) {
    let mut all: Vec<(usize, DateMention)> = Vec::new();
    for (index, article) in articles.iter().enumerate() {
        all.extend(mentions(article).into_iter().map(|m| (index, m)));
    }
    // A partial Fisher–Yates shuffle: the first `size` are a uniform sample.
    let mut rng = SplitMix64(seed);
    let size = size.min(all.len());
    for i in 0..size {
        let j = i + rng.below(all.len() - i);
        all.swap(i, j);
    }
    let mut chosen: Vec<&(usize, DateMention)> = all[..size].iter().collect();
    chosen.sort_by_key(|(index, m)| (*index, m.start));
    println!("label\tarticle\tstart\tend\ttext\tvalue\tpublished\tcontext");
    for (index, mention) in chosen {
        let article = &articles[*index];
        println!(
            "\t{}#{}\t{}\t{}\t{}\t{}\t{}\t{}",
            article.file,
            article.entry,
            mention.start,
            mention.end,
            one_line(&mention.text),
            mention.value,
            article.date.map_or("-".to_owned(), |d| d.to_string()),
            context(&article.body, mention.start, mention.end)
        );
    }
}

/// About 90 bytes either side, on one line, the mention marked.
fn context(body: &str, start: usize, end: usize) -> String {
    let mut from = start.saturating_sub(90);
    while !body.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + 90).min(body.len());
    while !body.is_char_boundary(to) {
        to += 1;
    }
    one_line(&format!(
        "{}[[{}]]{}",
        &body[from..start],
        &body[start..end],
        &body[end..to]
    ))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn score(articles: &[corpus::CorpusArticle], labels: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(labels).map_err(|e| format!("{}: {e}", labels.display()))?;
    let by_name: HashMap<String, &corpus::CorpusArticle> = articles
        .iter()
        .map(|a| (format!("{}#{}", a.file, a.entry), a))
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut found_cache: HashMap<&str, Vec<DateMention>> = HashMap::new();
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [label, article, start, end, _, value, ..] = fields[..] else {
            return Err(format!("a line without its fields: {line}"));
        };
        if !["date", "wrong-value", "not-date"].contains(&label) {
            return Err(format!(
                "unknown label {label:?} (date, wrong-value, not-date)"
            ));
        }
        let found = found_cache.entry(article).or_insert_with(|| {
            by_name
                .get(article)
                .map(|a| mentions(a))
                .unwrap_or_default()
        });
        let still = found
            .iter()
            .any(|m| m.start.to_string() == start && m.end.to_string() == end && m.value == value);
        if still {
            *counts.entry(label).or_default() += 1;
        } else {
            *dropped.entry(label.to_owned()).or_default() += 1;
        }
    }
    let [right, wrong, not] =
        ["date", "wrong-value", "not-date"].map(|l| counts.get(l).copied().unwrap_or(0));
    let kept = right + wrong + not;
    let share = |n: usize| n as f64 / kept.max(1) as f64;
    println!("labelled mentions still found: {kept}");
    println!(
        "  real dates:  {} ({:.3})",
        right + wrong,
        share(right + wrong)
    );
    println!("  right value: {right} ({:.3})", share(right));
    println!("  not a date:  {not}");
    let mut dropped: Vec<_> = dropped.into_iter().collect();
    dropped.sort();
    for (label, n) in dropped {
        println!("no longer found: {n} labelled {label}");
    }
    Ok(())
}

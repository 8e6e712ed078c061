//! How well morgue reads printed news pages (docs/PDF.md).
//!
//!     scripts/print_pdfs.sh BENCH_DIR OUT_DIR 60      # print the pages, write their texts
//!     cargo run --release --example eval_pdf -- OUT_DIR/pdf OUT_DIR/truth [--repeats N] [--show ID]
//!
//! Each `ID.VARIANT.pdf` (`hf`: Chromium's default header and footer; `nohf`: without) is
//! read exactly as `morgue ingest` reads a `.pdf` file, and its body is scored by token F1
//! (lower-cased words, counted) against the page's known article text `ID.txt`, and
//! against pdftotext's reading `ID.VARIANT.pdftotext.txt` (the reference, comparison
//! only); pdftotext's own F1 against the article text is the ceiling of what reading
//! the whole printed page gives. Prints one row per variant, MB of PDF per second on one
//! core (best of N passes), how many got a title, date (and from where) and address.

#[path = "common/token_f1.rs"]
mod token_f1;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use token_f1::token_f1;

use morgue::article::parse_file;

#[derive(Default)]
struct Row {
    files: usize,
    bytes: usize,
    read: usize,
    f1_truth: Vec<f64>,
    f1_reference: Vec<f64>,
    reference_truth: Vec<f64>,
    titled: usize,
    addressed: usize,
    date_sources: BTreeMap<String, usize>,
    failures: Vec<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let repeats: usize = option("--repeats")
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let show = option("--show");
    let [pdf_dir, truth_dir, ..] = args.as_slice() else {
        eprintln!("usage: eval_pdf PDF_DIR TRUTH_DIR [--repeats N] [--show ID]");
        return ExitCode::from(2);
    };
    let (pdf_dir, truth_dir) = (Path::new(pdf_dir), Path::new(truth_dir));
    let Ok(entries) = std::fs::read_dir(pdf_dir) else {
        eprintln!("error: cannot list {}", pdf_dir.display());
        return ExitCode::from(2);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    paths.sort();
    let files: Vec<(PathBuf, Vec<u8>)> = paths
        .into_iter()
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect();
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut seconds: BTreeMap<String, f64> = BTreeMap::new();
    for pass in 0..repeats {
        let mut took: BTreeMap<String, f64> = BTreeMap::new();
        for (path, bytes) in &files {
            let stem = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let (id, variant) = stem.rsplit_once('.').unwrap_or((&stem, "pdf"));
            let start = Instant::now();
            let parsed = parse_file(path, bytes);
            *took.entry(variant.to_owned()).or_default() += start.elapsed().as_secs_f64();
            if pass > 0 {
                continue;
            }
            let row = rows.entry(variant.to_owned()).or_default();
            row.files += 1;
            row.bytes += bytes.len();
            let truth = std::fs::read_to_string(truth_dir.join(format!("{id}.txt"))).ok();
            let reference =
                std::fs::read_to_string(truth_dir.join(format!("{id}.{variant}.pdftotext.txt")))
                    .ok();
            if let (Some(truth), Some(reference)) = (&truth, &reference) {
                row.reference_truth.push(token_f1(reference, truth));
            }
            let article = match parsed.map(|p| p.entries.into_iter().next().map(|e| e.result)) {
                Ok(Some(Ok(article))) => article,
                Ok(Some(Err(e))) | Err(e) => {
                    row.failures.push(format!("{stem}: {e}"));
                    truth.iter().for_each(|_| row.f1_truth.push(0.0));
                    continue;
                }
                Ok(None) => continue,
            };
            row.read += 1;
            let text = format!("{}\n\n{}", article.title, article.body);
            if let Some(truth) = &truth {
                row.f1_truth.push(token_f1(&text, truth));
            }
            if let Some(reference) = &reference {
                row.f1_reference.push(token_f1(&text, reference));
            }
            row.titled += usize::from(!article.title.is_empty());
            row.addressed += usize::from(article.url.is_some());
            *row.date_sources
                .entry(article.date_source.as_str().to_owned())
                .or_default() += 1;
            if show.is_some_and(|s| s == id) {
                println!(
                    "== {stem}\ntitle: {}\ndate: {:?} ({})\nurl: {:?}\nsite: {:?}\n{}\n",
                    article.title,
                    article.publication_date,
                    article.date_source.as_str(),
                    article.url,
                    article.site,
                    article.body
                );
            }
        }
        for (variant, t) in took {
            let best = seconds.entry(variant).or_insert(f64::MAX);
            *best = best.min(t);
        }
    }
    let mean = |v: &[f64]| {
        if v.is_empty() {
            f64::NAN
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    println!("| variant | files | read | F1 vs article | F1 vs pdftotext | pdftotext F1 vs article | MB/s (1 core) | titled | address | date sources |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for (variant, row) in &rows {
        let sources: Vec<String> = row
            .date_sources
            .iter()
            .map(|(s, n)| format!("{s} {n}"))
            .collect();
        println!(
            "| {variant} | {} | {} | {:.3} | {:.3} | {:.3} | {:.1} | {} | {} | {} |",
            row.files,
            row.read,
            mean(&row.f1_truth),
            mean(&row.f1_reference),
            mean(&row.reference_truth),
            row.bytes as f64 / 1e6 / seconds.get(variant).copied().unwrap_or(f64::NAN),
            row.titled,
            row.addressed,
            sources.join(", ")
        );
        for failure in &row.failures {
            eprintln!("{variant}: {failure}");
        }
    }
    ExitCode::SUCCESS
}

//! Scores pure-Rust PDF text extractors on printed news pages (docs/PDF.md).
//!
//!     cargo run --release -- PDF_DIR TRUTH_DIR [--repeats N] [--only NAME]
//!
//! PDF_DIR holds `ID.VARIANT.pdf` (VARIANT: `hf` printed with Chromium's default header
//! and footer, `nohf` without); TRUTH_DIR holds `ID.txt`, the page's known article text,
//! and, when pdftotext was run (scripts/pdf_eval.sh does), `ID.VARIANT.pdftotext.txt`.
//! Each extractor reads each file under `catch_unwind` in a thread of its own with a
//! 20-second deadline, so a panic or a hang is counted, not fatal. Printed: mean body
//! token F1 against the article text and against pdftotext, MB/s on one core (best of
//! N passes over the files that succeeded), failures, panics, hangs.

#[path = "../../../examples/common/token_f1.rs"]
mod token_f1;

use token_f1::token_f1;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

type Extract = fn(&[u8]) -> Result<String, String>;

fn pdf_extract(bytes: &[u8]) -> Result<String, String> {
    pdf_extract::extract_text_from_mem(bytes).map_err(|e| e.to_string())
}

fn lopdf(bytes: &[u8]) -> Result<String, String> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).map_err(|e| e.to_string())
}

fn pdf_oxide(bytes: &[u8]) -> Result<String, String> {
    let doc = pdf_oxide::PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| e.to_string())?;
    let count = doc.page_count().map_err(|e| e.to_string())?;
    let mut out = String::new();
    for page in 0..count {
        out.push_str(&doc.extract_text(page).map_err(|e| e.to_string())?);
        out.push('\n');
    }
    Ok(out)
}

fn oxidize_pdf(bytes: &[u8]) -> Result<String, String> {
    let reader = oxidize_pdf::parser::PdfReader::new(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e| e.to_string())?;
    let doc = oxidize_pdf::parser::PdfDocument::new(reader);
    let pages = doc.extract_text().map_err(|e| e.to_string())?;
    Ok(pages
        .into_iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join("\n"))
}

const CANDIDATES: &[(&str, Extract)] = &[
    ("pdf-extract 0.12", pdf_extract),
    ("lopdf 0.47", lopdf),
    ("pdf_oxide 0.3", pdf_oxide),
    ("oxidize-pdf 5", oxidize_pdf),
];

enum Outcome {
    Text(String, Duration),
    Failed(String),
    Panicked,
    Hung,
}

fn run(extract: Extract, bytes: Vec<u8>) -> Outcome {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| extract(&bytes));
        let _ = tx.send((result, start.elapsed()));
    });
    match rx.recv_timeout(Duration::from_secs(20)) {
        Ok((Ok(Ok(text)), took)) => Outcome::Text(text, took),
        Ok((Ok(Err(e)), _)) => Outcome::Failed(e),
        Ok((Err(_), _)) => Outcome::Panicked,
        Err(_) => Outcome::Hung,
    }
}

struct File {
    path: PathBuf,
    id: String,
    variant: String,
    bytes: Vec<u8>,
}

fn load(dir: &Path) -> Vec<File> {
    let mut files: Vec<File> = std::fs::read_dir(dir)
        .expect("PDF_DIR")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|path| {
            let stem = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            let (id, variant) = stem.rsplit_once('.').unwrap_or((&stem, "pdf"));
            File {
                id: id.to_owned(),
                variant: variant.to_owned(),
                bytes: std::fs::read(&path).expect("read PDF"),
                path,
            }
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let repeats = args
        .iter()
        .position(|a| a == "--repeats")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(1usize);
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1).cloned());
    let (pdf_dir, truth_dir) = (Path::new(&args[0]), Path::new(&args[1]));
    let files = load(pdf_dir);
    let mut variants: Vec<String> = files.iter().map(|f| f.variant.clone()).collect();
    variants.sort();
    variants.dedup();
    println!("| extractor | variant | files | F1 vs article | F1 vs pdftotext | MB/s (1 core) | failed | panicked | hung |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (name, extract) in CANDIDATES {
        if only.as_deref().is_some_and(|o| !name.starts_with(o)) {
            continue;
        }
        for variant in &variants {
            let mut scores = (0.0, 0.0, 0usize, 0usize);
            let (mut failed, mut panicked, mut hung) = (0, 0, 0);
            let mut best = Duration::MAX;
            let mut bytes_ok = 0usize;
            for pass in 0..repeats {
                let mut took = Duration::ZERO;
                for file in files.iter().filter(|f| &f.variant == variant) {
                    let outcome = run(*extract, file.bytes.clone());
                    let text = match outcome {
                        Outcome::Text(text, t) => {
                            took += t;
                            text
                        }
                        Outcome::Failed(e) => {
                            if pass == 0 {
                                failed += 1;
                                eprintln!("{name}: {}: {e}", file.path.display());
                            }
                            continue;
                        }
                        Outcome::Panicked => {
                            panicked += (pass == 0) as usize;
                            continue;
                        }
                        Outcome::Hung => {
                            hung += (pass == 0) as usize;
                            continue;
                        }
                    };
                    if pass > 0 {
                        continue;
                    }
                    bytes_ok += file.bytes.len();
                    let truth = truth_dir.join(format!("{}.txt", file.id));
                    if let Ok(truth) = std::fs::read_to_string(&truth) {
                        scores.0 += token_f1(&text, &truth);
                        scores.2 += 1;
                    }
                    let reference = truth_dir.join(format!("{}.{}.pdftotext.txt", file.id, variant));
                    if let Ok(reference) = std::fs::read_to_string(&reference) {
                        scores.1 += token_f1(&text, &reference);
                        scores.3 += 1;
                    }
                }
                best = best.min(took);
            }
            let n = files.iter().filter(|f| &f.variant == variant).count();
            let mean = |sum: f64, count: usize| if count == 0 { f64::NAN } else { sum / count as f64 };
            println!(
                "| {name} | {variant} | {n} | {:.3} | {:.3} | {:.1} | {failed} | {panicked} | {hung} |",
                mean(scores.0, scores.2),
                mean(scores.1, scores.3),
                bytes_ok as f64 / 1e6 / best.as_secs_f64(),
            );
        }
    }
}

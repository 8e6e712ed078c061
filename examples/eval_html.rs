//! Main-content extraction measured on the Zyte article-extraction benchmark
//! (GitHub `scrapinghub/article-extraction-benchmark`: 181 saved news pages and the
//! article bodies people wrote down for them).
//!
//!     cargo run --release --example eval_html -- BENCH_DIR OUT.json [--repeats N]
//!     scripts/eval_html.sh BENCH_DIR        # also scores OUT.json with the benchmark's evaluate.py
//!
//! Each `html/ID.html.gz` is read exactly as `morgue ingest` reads a saved `.html` file
//! (same decoding, same parser, same extractor), and its body is written to OUT.json in
//! the benchmark's prediction form (`{"ID": {"articleBody": …}}`). Prints throughput in
//! MB of HTML per second on one core (best of N passes), pages per second, how many
//! pages got a publication date and from which source, and the pages that failed.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use morgue::article::parse_file;

struct Page {
    id: String,
    bytes: Vec<u8>,
}

fn load(dir: &Path) -> Result<Vec<Page>, String> {
    let html = dir.join("html");
    let entries = std::fs::read_dir(&html).map_err(|e| format!("{}: {e}", html.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    let mut pages = Vec::new();
    for path in paths {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let id = name.trim_end_matches(".html.gz").to_owned();
        let file = std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        pages.push(Page { id, bytes });
    }
    if pages.is_empty() {
        return Err(format!("no html/*.html.gz pages under {}", dir.display()));
    }
    Ok(pages)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeats = 3usize;
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--repeats" {
            match it.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => repeats = n,
                _ => {
                    eprintln!("error: --repeats needs a positive number");
                    return ExitCode::from(2);
                }
            }
        } else {
            positional.push(arg.clone());
        }
    }
    let [dir, out] = positional.as_slice() else {
        eprintln!("usage: eval_html BENCH_DIR OUT.json [--repeats N]");
        return ExitCode::from(2);
    };
    let pages = match load(Path::new(dir)) {
        Ok(pages) => pages,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let total_bytes: usize = pages.iter().map(|p| p.bytes.len()).sum();

    let mut best = f64::INFINITY;
    let mut predictions = BTreeMap::new();
    let mut date_sources: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for pass in 0..repeats {
        let start = Instant::now();
        for page in &pages {
            let path = PathBuf::from(format!("{}.html", page.id));
            let parsed = parse_file(&path, &page.bytes);
            if pass > 0 {
                continue;
            }
            let article = parsed
                .map_err(|e| e.to_string())
                .and_then(|p| {
                    p.entries
                        .into_iter()
                        .next()
                        .ok_or_else(|| "no entry".to_owned())
                })
                .and_then(|e| e.result.map_err(|e| e.to_string()));
            let body = match article {
                Ok(article) => {
                    *date_sources
                        .entry(article.date_source.as_str())
                        .or_default() += 1;
                    article.body
                }
                Err(e) => {
                    failures.push(format!("{}: {e}", page.id));
                    String::new()
                }
            };
            predictions.insert(page.id.clone(), serde_json::json!({ "articleBody": body }));
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let json = serde_json::json!({ "version": env!("CARGO_PKG_VERSION"), "output": predictions });
    if let Err(e) = std::fs::write(out, json.to_string()) {
        eprintln!("error: {out}: {e}");
        return ExitCode::from(2);
    }
    let mb = total_bytes as f64 / 1e6;
    println!(
        "pages {}  html {mb:.2} MB  best of {repeats}: {best:.3} s  {:.1} MB/s  {:.1} pages/s (one core)",
        pages.len(),
        mb / best,
        pages.len() as f64 / best
    );
    let dates: Vec<String> = date_sources
        .iter()
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    println!("publication date from: {}", dates.join(", "));
    for failure in &failures {
        println!("failed: {failure}");
    }
    println!("wrote {out}");
    ExitCode::SUCCESS
}

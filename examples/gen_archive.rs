//! Grows a large archive in the seed layout from a real one, for benchmarks.
//!
//!     cargo run --release --example gen_archive -- SOURCE_DIR OUT_DIR --articles 20000 --seed 42
//!
//! Each article is a real title (the first paragraph of a source article) and 3–10 real
//! paragraphs sampled from the whole source, with a publication date spread uniformly over
//! 1985–2025, written as `OUT_DIR/YYYY/MM/NNNNNNN_<16 hex>.txt` (the hex digits are the
//! start of the file's BLAKE3 hash). The same source and seed give the same files, byte for
//! byte. OUT_DIR must not exist or be empty, so a benchmark never mixes two archives.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Datelike, Duration, NaiveDate};
use walkdir::WalkDir;

#[path = "common/splitmix.rs"]
mod splitmix;

use splitmix::SplitMix64;

struct Options {
    source: PathBuf,
    out: PathBuf,
    articles: usize,
    seed: u64,
}

fn parse_args() -> Result<Options, String> {
    let mut positional = Vec::new();
    let mut articles = 20_000;
    let mut seed = 42;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value"))
                .and_then(|v| v.parse::<u64>().map_err(|e| format!("{name}: {e}")))
        };
        match arg.as_str() {
            "--articles" => articles = value("--articles")? as usize,
            "--seed" => seed = value("--seed")?,
            "-h" | "--help" => {
                return Err(
                    "usage: gen_archive SOURCE_DIR OUT_DIR [--articles N] [--seed S]".into(),
                )
            }
            _ => positional.push(PathBuf::from(arg)),
        }
    }
    let [source, out] = <[PathBuf; 2]>::try_from(positional)
        .map_err(|_| "usage: gen_archive SOURCE_DIR OUT_DIR [--articles N] [--seed S]")?;
    Ok(Options {
        source,
        out,
        articles,
        seed,
    })
}

/// Titles and paragraphs of every seed-layout file under `source`, in path order.
fn load_pool(source: &Path) -> Result<(Vec<String>, Vec<String>), String> {
    let mut titles = Vec::new();
    let mut paragraphs = Vec::new();
    let entries = WalkDir::new(source)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt"));
    for entry in entries {
        let text = std::fs::read_to_string(entry.path())
            .map_err(|e| format!("{}: {e}", entry.path().display()))?;
        // ` date YYYY-MM-DD ` comes first; the title follows on the same line.
        let text = text.trim_start();
        let text = match text.strip_prefix("date ") {
            Some(rest) if rest.len() > 11 => &rest[11..],
            _ => text,
        };
        let mut parts = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
        if let Some(title) = parts.next() {
            titles.push(title.to_owned());
        }
        paragraphs.extend(parts.map(str::to_owned));
    }
    if titles.is_empty() || paragraphs.is_empty() {
        return Err(format!("no articles found under {}", source.display()));
    }
    Ok((titles, paragraphs))
}

fn run(options: &Options) -> Result<(), String> {
    if options.out.exists()
        && std::fs::read_dir(&options.out)
            .map_err(|e| format!("{}: {e}", options.out.display()))?
            .next()
            .is_some()
    {
        return Err(format!(
            "{} exists and is not empty; remove it or pick another folder",
            options.out.display()
        ));
    }
    let (titles, paragraphs) = load_pool(&options.source)?;
    let mut rng = SplitMix64(options.seed);
    let first = NaiveDate::from_ymd_opt(1985, 1, 1).ok_or("bad first date")?;
    let last = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("bad last date")?;
    let days = (last - first).num_days() as usize + 1;
    let mut bytes_written = 0u64;
    for number in 0..options.articles {
        let day = first + Duration::days(rng.below(days) as i64);
        let mut text = format!(
            " date {} {}",
            day.format("%Y-%m-%d"),
            titles[rng.below(titles.len())]
        );
        let count = 3 + rng.below(8);
        for _ in 0..count {
            text.push_str("\n\n");
            text.push_str(&paragraphs[rng.below(paragraphs.len())]);
        }
        text.push_str("\n\n");
        let hash = blake3::hash(text.as_bytes()).to_hex();
        let folder = options
            .out
            .join(format!("{:04}", day.year()))
            .join(format!("{:02}", day.month()));
        std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        let path = folder.join(format!("{number:07}_{}.txt", &hash[..16]));
        std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        bytes_written += text.len() as u64;
    }
    eprintln!(
        "wrote {} articles, {:.1} MB, to {} (from {} titles, {} paragraphs)",
        options.articles,
        bytes_written as f64 / 1e6,
        options.out.display(),
        titles.len(),
        paragraphs.len()
    );
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(|options| run(&options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_archive: {message}");
            ExitCode::from(2)
        }
    }
}

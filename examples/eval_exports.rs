//! The news-database export readers: how close each article comes to its known text, and
//! how fast a large export is read.
//!
//!     cargo run --release --example eval_exports -- score tests/fixtures/exports
//!     python3 tests/fixtures/make_export_fixtures.py --large lexis 2000 /tmp/lexis.txt
//!     cargo run --release --example eval_exports -- speed /tmp/lexis.txt [--repeats N]
//!
//! `score DIR` reads every file `expected.json` names (`FILE:N` → title, date, site,
//! authors, body) with `parse_file`, exactly as `morgue ingest` does, and prints each
//! article's body token F1 (words, lower-cased, as multisets) and whether its title, date,
//! site and authors are right. `speed FILE…` prints, per file, its articles and MB per
//! second on one core (best of N passes), counting the file's bytes as stored: a `.docx` is
//! deflated, so its MB/s understates the XML it reads (`unzip -l` gives that size).

#[path = "common/token_f1.rs"]
mod token_f1;

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use token_f1::token_f1;

use morgue::article::{parse_file, Article, ParsedFile};

fn parse(path: &Path) -> Result<ParsedFile, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_file(path, &bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn score(dir: &Path) -> Result<(), String> {
    let expected_path = dir.join("expected.json");
    let expected: serde_json::Value = serde_json::from_slice(
        &std::fs::read(&expected_path).map_err(|e| format!("{}: {e}", expected_path.display()))?,
    )
    .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    let known = expected.as_object().ok_or("expected.json: not an object")?;
    let mut files: HashMap<String, ParsedFile> = HashMap::new();
    let (mut total_f1, mut fields_right, mut count) = (0.0, 0, 0);
    println!("| article | body F1 | title | date | site | authors |\n|---|---|---|---|---|---|");
    for (target, want) in known {
        let (file, number) = target
            .rsplit_once(':')
            .and_then(|(file, n)| Some((file.to_owned(), n.parse::<usize>().ok()?)))
            .ok_or_else(|| format!("{target}: not FILE:N"))?;
        if !files.contains_key(&file) {
            files.insert(file.clone(), parse(&dir.join(&file))?);
        }
        let parsed = &files[&file];
        let got: Option<&Article> = parsed
            .entries
            .iter()
            .find(|entry| entry.line == Some(number))
            .and_then(|entry| entry.result.as_ref().ok());
        let Some(got) = got else {
            println!("| {target} | missing | | | | |");
            count += 1;
            continue;
        };
        let f1 = token_f1(&got.body, want["body"].as_str().unwrap_or(""));
        let date = got.publication_date.map(|d| d.to_string());
        let checks = [
            got.title == want["title"].as_str().unwrap_or(""),
            date.as_deref() == want["date"].as_str(),
            got.site.as_deref() == want["site"].as_str(),
            serde_json::json!(got.authors) == want["authors"],
        ];
        let mark = |right: bool| if right { "right" } else { "WRONG" };
        println!(
            "| {target} | {f1:.3} | {} | {} | {} | {} |",
            mark(checks[0]),
            mark(checks[1]),
            mark(checks[2]),
            mark(checks[3])
        );
        total_f1 += f1;
        fields_right += usize::from(checks.iter().all(|&right| right));
        count += 1;
    }
    println!(
        "\n{count} articles: mean body token F1 {:.4}; title, date, site and authors all right in {fields_right}/{count}",
        total_f1 / count.max(1) as f64
    );
    Ok(())
}

fn speed(files: &[String], repeats: usize) -> Result<(), String> {
    for file in files {
        let path = Path::new(file);
        let bytes = std::fs::read(path).map_err(|e| format!("{file}: {e}"))?;
        let mut best = f64::MAX;
        let mut articles = 0;
        for _ in 0..repeats.max(1) {
            let start = Instant::now();
            let parsed = parse_file(path, &bytes).map_err(|e| format!("{file}: {e}"))?;
            best = best.min(start.elapsed().as_secs_f64());
            articles = parsed.entries.iter().filter(|e| e.result.is_ok()).count();
        }
        let mb = bytes.len() as f64 / 1e6;
        println!(
            "{file}: {articles} articles, {mb:.2} MB in {:.1} ms: {:.1} MB/s on one core ({:.0} articles/s)",
            best * 1e3,
            mb / best,
            articles as f64 / best
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("score") if args.len() == 2 => score(Path::new(&args[1])),
        Some("speed") if args.len() >= 2 => {
            let mut repeats = 5;
            let mut files = Vec::new();
            let mut rest = args[1..].iter();
            while let Some(arg) = rest.next() {
                if arg == "--repeats" {
                    repeats = rest.next().and_then(|n| n.parse().ok()).unwrap_or(5);
                } else {
                    files.push(arg.clone());
                }
            }
            speed(&files, repeats)
        }
        _ => Err("usage: eval_exports score DIR | eval_exports speed FILE... [--repeats N]".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

//! The MHTML reader against the `.html` reader on the same pages: speed on one core and
//! how alike the articles are.
//!
//!     cargo run --release --example eval_mhtml -- HTML_DIR MHTML_DIR [--repeats N]
//!     scripts/bench_mhtml.sh BENCH_DIR     # the Zyte pages saved as MHTML, then this
//!
//! Every `NAME.html` of HTML_DIR with a `NAME.mhtml` in MHTML_DIR (as
//! `scripts/make_bench_mhtml.py` writes them) is read by `parse_file`, exactly as
//! `morgue ingest` reads the files. Prints MB per second on one core for each reader (best
//! of N passes), the mean token F1 of the MHTML article's body against the `.html` one's
//! (words, lower-cased, as multisets), how many titles and dates agree, and the pages that
//! differ.

#[path = "common/token_f1.rs"]
mod token_f1;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use token_f1::token_f1;

use morgue::article::{parse_file, Article};

struct Pair {
    name: String,
    html: Vec<u8>,
    mhtml: Vec<u8>,
}

fn load(html_dir: &Path, mhtml_dir: &Path) -> Result<Vec<Pair>, String> {
    let entries =
        std::fs::read_dir(html_dir).map_err(|e| format!("{}: {e}", html_dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".html")
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    let read = |path: PathBuf| std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()));
    let mut pairs = Vec::new();
    for name in names {
        let mhtml_path = mhtml_dir.join(format!("{name}.mhtml"));
        if !mhtml_path.exists() {
            continue;
        }
        pairs.push(Pair {
            html: read(html_dir.join(format!("{name}.html")))?,
            mhtml: read(mhtml_path)?,
            name,
        });
    }
    if pairs.is_empty() {
        return Err("no NAME.html with a NAME.mhtml beside it".to_owned());
    }
    Ok(pairs)
}

fn article(name: &str, bytes: &[u8]) -> Result<Article, String> {
    let parsed = parse_file(Path::new(name), bytes).map_err(|e| e.to_string())?;
    let entry = parsed.entries.into_iter().next().ok_or("no entry")?;
    entry.result.map_err(|e| e.to_string())
}

/// Best of `repeats` passes over every page, in seconds.
fn time(pairs: &[Pair], repeats: usize, pick: impl Fn(&Pair) -> (String, &[u8])) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..repeats {
        let start = Instant::now();
        for pair in pairs {
            let (name, bytes) = pick(pair);
            let _ = std::hint::black_box(parse_file(Path::new(&name), bytes));
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    best
}

fn parse_args() -> Result<(PathBuf, PathBuf, usize), String> {
    let mut repeats = 3usize;
    let mut positional = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--repeats" {
            repeats = args
                .next()
                .and_then(|n| n.parse().ok())
                .filter(|&n| n > 0)
                .ok_or("--repeats needs a positive number")?;
        } else {
            positional.push(PathBuf::from(arg));
        }
    }
    match <[PathBuf; 2]>::try_from(positional) {
        Ok([html, mhtml]) => Ok((html, mhtml, repeats)),
        Err(_) => Err("usage: eval_mhtml HTML_DIR MHTML_DIR [--repeats N]".to_owned()),
    }
}

fn main() -> ExitCode {
    let (pairs, repeats) = match parse_args().and_then(|(h, m, r)| Ok((load(&h, &m)?, r))) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mb = |pick: fn(&Pair) -> usize| pairs.iter().map(pick).sum::<usize>() as f64 / 1e6;
    let (html_mb, mhtml_mb) = (mb(|p| p.html.len()), mb(|p| p.mhtml.len()));
    let html_s = time(&pairs, repeats, |p| (format!("{}.html", p.name), &p.html));
    let mhtml_s = time(&pairs, repeats, |p| (format!("{}.mhtml", p.name), &p.mhtml));
    println!(
        "pages {}  best of {repeats}, one core:\n  .html   {html_mb:.2} MB in {html_s:.3} s: {:.1} MB/s\n  .mhtml  {mhtml_mb:.2} MB in {mhtml_s:.3} s: {:.1} MB/s ({:.1} MB/s of the pages inside)",
        pairs.len(),
        html_mb / html_s,
        mhtml_mb / mhtml_s,
        html_mb / mhtml_s,
    );
    let (mut f1_sum, mut same_title, mut same_date, mut dated_by_file, mut both) =
        (0.0, 0, 0, 0, 0);
    for pair in &pairs {
        let html = article(&format!("{}.html", pair.name), &pair.html);
        let mhtml = article(&format!("{}.mhtml", pair.name), &pair.mhtml);
        match (html, mhtml) {
            (Ok(html), Ok(mhtml)) => {
                both += 1;
                let f1 = token_f1(&mhtml.body, &html.body);
                f1_sum += f1;
                same_title += usize::from(html.title == mhtml.title);
                // A page that states no date takes the file's `Date` (the saving date).
                let undated = html.publication_date.is_none()
                    && mhtml.date_source == morgue::article::DateSource::Saved;
                same_date += usize::from(html.publication_date == mhtml.publication_date);
                dated_by_file += usize::from(undated);
                if html.publication_date != mhtml.publication_date && !undated {
                    println!(
                        "differs: {} date {:?} ({}) / {:?} ({})",
                        pair.name,
                        html.publication_date,
                        html.date_source.as_str(),
                        mhtml.publication_date,
                        mhtml.date_source.as_str()
                    );
                }
                if f1 < 1.0 || html.title != mhtml.title {
                    println!(
                        "differs: {} F1 {f1:.3}, titles {:?} / {:?}",
                        pair.name, html.title, mhtml.title
                    );
                }
            }
            (html, mhtml) => println!(
                "differs: {}: .html {:?}, .mhtml {:?}",
                pair.name,
                html.err(),
                mhtml.err()
            ),
        }
    }
    println!(
        "read from both: {both}/{}  mean body token F1 {:.4}  same title {same_title}  same date {same_date}  (undated as .html, dated by the file's Date: {dated_by_file})",
        pairs.len(),
        f1_sum / both.max(1) as f64
    );
    ExitCode::SUCCESS
}

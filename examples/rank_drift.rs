//! How far ranking drifts after a history of killed and resumed ingests, against a clean
//! `--rebuild` of the same files. BM25 counts the deleted documents of a segment until a
//! merge drops them, so an index with a history scores the same articles differently.
//!
//!     cargo build --release --bin morgue --example rank_drift
//!     ./target/release/examples/rank_drift --archive ARCHIVE --work /tmp/morgue-drift \
//!         [--rounds 10] [--share 0.05] [--seed 1]
//!
//! ARCHIVE is a folder of articles (e.g. one made by `gen_archive` from
//! `../shared/corpus/reuters21578`); it is copied to WORK/files and not touched. Each round
//! edits a random share of the copies (a marker paragraph added or removed), starts an
//! ingest, kills it (SIGKILL) at a random point (10 to 90% of the time the last resumed
//! ingest took), and runs the ingest again to
//! the end. Then the same files are indexed with `--rebuild` and the queries below are
//! compared: top-10 overlap, Kendall's tau over the articles both top-10s share, the lists
//! that are identical, and the score drift of the same article.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use morgue::search::{search, SearchRequest};
use morgue::ArchiveIndex;
use walkdir::WalkDir;

#[path = "common/churn.rs"]
mod churn;

/// Words and phrases of the 1987 Reuters wire, frequent and rare.
const QUERIES: &[&str] = &[
    "oil",
    "oil prices",
    "crude oil output",
    "opec",
    "interest rates",
    "prime rate",
    "bank",
    "bundesbank",
    "federal reserve",
    "dollar yen",
    "trade deficit",
    "tariffs japan",
    "semiconductors",
    "coffee",
    "cocoa",
    "sugar",
    "wheat exports",
    "soybeans",
    "corn",
    "gold",
    "copper",
    "takeover bid",
    "merger",
    "acquisition",
    "dividend",
    "earnings per share",
    "net loss",
    "strike",
    "shipping",
    "reagan",
    "baker",
    "volcker",
    "brazil debt",
    "mexico",
    "china",
    "\"money supply\"",
    "\"stock split\"",
    "inflation",
    "unemployment",
    "airline",
];

const TOP: usize = 10;
/// Results fetched per query, to break ties at the tenth place by id.
const DEPTH: usize = 100;

struct Options {
    archive: PathBuf,
    work: PathBuf,
    morgue: PathBuf,
    rounds: usize,
    share: f64,
    seed: u64,
}

/// xorshift64*: a fixed sequence per seed, enough to pick files and delays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn copy_tree(from: &Path, to: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for entry in WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        let relative = entry.path().strip_prefix(from).map_err(|e| e.to_string())?;
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target)
                .map_err(|e| format!("{}: {e}", target.display()))?;
            files.push(target);
        }
    }
    Ok(files)
}

fn ingest(options: &Options, index: &Path, files: &Path, extra: &[&str]) -> Command {
    let mut command = Command::new(&options.morgue);
    command
        .arg("--index")
        .arg(index)
        .arg("ingest")
        .arg("--quiet")
        .args(extra)
        .arg(files)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn run_to_end(mut command: Command) -> Result<(), String> {
    let status = command.status().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("ingest failed: {status}"))
    }
}

/// Top ids and scores of every query.
type Rankings = Vec<Vec<(String, f32)>>;

fn rankings(index: &Path) -> Result<Rankings, String> {
    let archive = ArchiveIndex::open(index).map_err(|e| e.to_string())?;
    QUERIES
        .iter()
        .map(|query| {
            let request = SearchRequest {
                query: (*query).to_owned(),
                limit: DEPTH,
                ..SearchRequest::default()
            };
            let response = search(&archive, &request).map_err(|e| format!("{query}: {e}"))?;
            Ok(response
                .hits
                .into_iter()
                .map(|hit| (hit.article.id, hit.score.unwrap_or(0.0)))
                .collect())
        })
        .collect()
}

/// Documents, deleted documents and segments of an index.
fn shape(index: &Path) -> Result<(u64, u64, usize), String> {
    let archive = ArchiveIndex::open(index).map_err(|e| e.to_string())?;
    let searcher = archive.reader().map_err(|e| e.to_string())?.searcher();
    let segments = searcher.segment_readers();
    let alive: u64 = segments.iter().map(|s| u64::from(s.num_docs())).sum();
    let all: u64 = segments.iter().map(|s| u64::from(s.max_doc())).sum();
    Ok((alive, all - alive, segments.len()))
}

/// Kendall's tau-a over the items both lists hold, in the order each gives them; 1 when
/// fewer than two are shared.
fn kendall_tau(a: &[String], b: &[String]) -> f64 {
    let position: HashMap<&str, usize> = b.iter().enumerate().map(|(i, id)| (&**id, i)).collect();
    let shared: Vec<usize> = a
        .iter()
        .filter_map(|id| position.get(&**id).copied())
        .collect();
    let n = shared.len();
    if n < 2 {
        return 1.0;
    }
    let mut concordant = 0i64;
    let mut discordant = 0i64;
    for i in 0..n {
        for j in i + 1..n {
            if shared[i] < shared[j] {
                concordant += 1;
            } else {
                discordant += 1;
            }
        }
    }
    (concordant - discordant) as f64 / (n * (n - 1) / 2) as f64
}

/// The first [`TOP`] as ranked, with equal scores ordered by id (of the [`DEPTH`]
/// fetched): two lists that differ only in how ties were broken compare equal.
fn ties_sorted(ranking: &[(String, f32)]) -> Vec<(String, f32)> {
    let mut sorted = ranking.to_vec();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    sorted.truncate(TOP);
    sorted
}

fn as_ranked(ranking: &[(String, f32)]) -> Vec<(String, f32)> {
    ranking.iter().take(TOP).cloned().collect()
}

type Top = fn(&[(String, f32)]) -> Vec<(String, f32)>;

fn compare(label: &str, history: &Rankings, clean: &Rankings, top: Top) {
    let mut overlap_sum = 0.0;
    let mut overlap_min = 1.0f64;
    let mut tau_sum = 0.0;
    let mut identical = 0;
    let mut drift_max = 0.0f64;
    let mut drift_sum = 0.0;
    let mut drift_n = 0;
    for (h, c) in history.iter().zip(clean) {
        let (h, c) = (&top(h), &top(c));
        let h_ids: Vec<String> = h.iter().map(|(id, _)| id.clone()).collect();
        let c_ids: Vec<String> = c.iter().map(|(id, _)| id.clone()).collect();
        let c_scores: HashMap<&str, f32> = c.iter().map(|(id, s)| (&**id, *s)).collect();
        let shared = h_ids
            .iter()
            .filter(|id| c_scores.contains_key(&***id))
            .count();
        let overlap = if c.is_empty() {
            1.0
        } else {
            shared as f64 / c.len() as f64
        };
        overlap_sum += overlap;
        overlap_min = overlap_min.min(overlap);
        tau_sum += kendall_tau(&h_ids, &c_ids);
        identical += usize::from(h_ids == c_ids);
        for (id, score) in h {
            if let Some(clean_score) = c_scores.get(&**id).filter(|s| **s > 0.0) {
                let drift = f64::from((score - clean_score).abs() / clean_score);
                drift_max = drift_max.max(drift);
                drift_sum += drift;
                drift_n += 1;
            }
        }
    }
    let n = history.len() as f64;
    println!("| **{label}** | |");
    println!("| mean top-{TOP} overlap | {:.3} |", overlap_sum / n);
    println!("| lowest top-{TOP} overlap | {overlap_min:.2} |");
    println!(
        "| mean Kendall tau (shared articles) | {:.3} |",
        tau_sum / n
    );
    println!("| identical top-{TOP} lists | {identical} |");
    println!(
        "| score drift of the same article, mean / max | {:.2}% / {:.2}% |",
        100.0 * drift_sum / f64::from(drift_n.max(1)),
        100.0 * drift_max
    );
}

fn run(options: &Options) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(&options.work);
    let files_dir = options.work.join("files");
    let history = options.work.join("history");
    let clean = options.work.join("clean");
    let files = copy_tree(&options.archive, &files_dir)?;
    eprintln!("{} files copied", files.len());
    run_to_end(ingest(options, &history, &files_dir, &[]))?;
    let mut rng = Rng(options.seed.max(1));
    let mut killed = 0;
    // How long a resumed ingest took: the next kill lands at a random point of as long.
    let mut typical = Duration::from_millis(300);
    for round in 1..=options.rounds {
        let edited: Vec<&Path> = files
            .iter()
            .filter(|_| rng.unit() < options.share)
            .map(PathBuf::as_path)
            .collect();
        churn::toggle_marker(edited.iter().copied())?;
        let mut child = ingest(options, &history, &files_dir, &["--commit-interval", "1"])
            .spawn()
            .map_err(|e| e.to_string())?;
        let delay = typical.mul_f64(0.1 + 0.8 * rng.unit());
        std::thread::sleep(delay);
        if child.try_wait().map_err(|e| e.to_string())?.is_none() {
            let _ = child.kill();
            killed += 1;
        }
        let _ = child.wait();
        let resumed = std::time::Instant::now();
        run_to_end(ingest(options, &history, &files_dir, &[]))?;
        typical = resumed.elapsed();
        let (alive, deleted, segments) = shape(&history)?;
        eprintln!(
            "round {round}: {} edited, killed after {} ms; {alive} documents, {deleted} deleted, {segments} segments",
            edited.len(),
            delay.as_millis()
        );
    }
    run_to_end(ingest(options, &clean, &files_dir, &["--rebuild"]))?;
    let (alive, deleted, segments) = shape(&history)?;
    let (clean_alive, _, clean_segments) = shape(&clean)?;
    println!(
        "\n| after {} rounds ({killed} killed mid-ingest) | |",
        options.rounds
    );
    println!("|---|---|");
    println!(
        "| history index | {alive} documents, {deleted} deleted ({:.1}%), {segments} segments |",
        100.0 * deleted as f64 / (alive + deleted).max(1) as f64
    );
    println!("| clean rebuild | {clean_alive} documents, {clean_segments} segments |");
    println!("| queries | {} |", QUERIES.len());
    let (history, clean) = (rankings(&history)?, rankings(&clean)?);
    compare("as ranked", &history, &clean, as_ranked);
    compare("equal scores ordered by id", &history, &clean, ties_sorted);
    Ok(())
}

fn parse_args() -> Result<Options, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut options = Options {
        archive: PathBuf::new(),
        work: PathBuf::from("/tmp/morgue-drift"),
        morgue: exe
            .parent()
            .and_then(Path::parent)
            .map(|dir| dir.join("morgue"))
            .unwrap_or_else(|| PathBuf::from("morgue")),
        rounds: 10,
        share: 0.05,
        seed: 1,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number = |what: &str| format!("{flag}: not {what}: {value}");
        match flag.as_str() {
            "--archive" => options.archive = PathBuf::from(value),
            "--work" => options.work = PathBuf::from(value),
            "--morgue" => options.morgue = PathBuf::from(value),
            "--rounds" => options.rounds = value.parse().map_err(|_| number("a count"))?,
            "--share" => options.share = value.parse().map_err(|_| number("a fraction"))?,
            "--seed" => options.seed = value.parse().map_err(|_| number("a number"))?,
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    if options.archive.as_os_str().is_empty() {
        return Err("--archive DIR is required".into());
    }
    Ok(options)
}

fn main() -> ExitCode {
    match parse_args().and_then(|options| run(&options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("rank_drift: {message}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn tau_is_one_for_the_same_order_and_minus_one_reversed() {
        let a = ids(&["a", "b", "c", "d"]);
        let reversed = ids(&["d", "c", "b", "a"]);
        assert_eq!(kendall_tau(&a, &a), 1.0);
        assert_eq!(kendall_tau(&a, &reversed), -1.0);
        // Only shared items count: x and y are not in the other list.
        assert_eq!(
            kendall_tau(&ids(&["a", "x", "b"]), &ids(&["a", "b", "y"])),
            1.0
        );
    }

    #[test]
    fn ties_in_another_order_compare_equal() {
        let a = vec![
            ("b".to_owned(), 2.0),
            ("a".to_owned(), 2.0),
            ("c".to_owned(), 1.0),
        ];
        let b = vec![
            ("a".to_owned(), 2.0),
            ("b".to_owned(), 2.0),
            ("c".to_owned(), 1.0),
        ];
        assert_eq!(ties_sorted(&a), ties_sorted(&b));
    }
}

//! morgue against SQLite FTS5 on the same archive, in the same run.
//!
//!     cargo build --release --bin morgue --example bench
//!     ./target/release/examples/bench --archive /tmp/morgue-bench/a20k --work /tmp/morgue-bench/work
//!
//! Ingests are run as child processes under `/usr/bin/time -v` (for peak RSS): the release
//! `morgue` binary, and this program itself in `fts5-ingest` mode. Searches run in process
//! (morgue through the library, FTS5 through rusqlite), then `morgue search` as a whole
//! process. Prints a Markdown table with morgue/FTS5 ratios and writes it to
//! `WORK/results-<articles>.md`.
//!
//! `bench searches INDEX [REPS]` runs only the queries, on an index made earlier.
//!
//! Note: the 1% re-ingest edits the archive in place (it adds or removes one marker
//! paragraph at the end of every hundredth file), so run it on a generated archive.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant, UNIX_EPOCH};

use chrono::NaiveDate;
use morgue::search::{search, SearchRequest, SortOrder};
use morgue::ArchiveIndex;
use rusqlite::{params, Connection};
use walkdir::WalkDir;

#[path = "common/churn.rs"]
mod churn;

/// One benchmark query, as both engines are asked it.
struct BenchQuery {
    text: &'static str,
    from: Option<&'static str>,
    to: Option<&'static str>,
    person: Option<&'static str>,
    sort: SortOrder,
}

const fn q(text: &'static str) -> BenchQuery {
    BenchQuery {
        text,
        from: None,
        to: None,
        person: None,
        sort: SortOrder::Relevance,
    }
}

const fn dated(text: &'static str, from: &'static str, to: &'static str) -> BenchQuery {
    BenchQuery {
        text,
        from: Some(from),
        to: Some(to),
        person: None,
        sort: SortOrder::Relevance,
    }
}

const fn person(text: &'static str, name: &'static str) -> BenchQuery {
    BenchQuery {
        text,
        from: None,
        to: None,
        person: Some(name),
        sort: SortOrder::Relevance,
    }
}

const fn newest(text: &'static str) -> BenchQuery {
    BenchQuery {
        text,
        from: None,
        to: None,
        person: None,
        sort: SortOrder::Newest,
    }
}

/// Names, phrases, multi-word, date ranges, person filters, date sorting: 24 in all.
const QUERIES: &[BenchQuery] = &[
    q("oil prices"),
    q("\"interest rates\""),
    q("OPEC production quota"),
    q("trade deficit Japan"),
    q("Texaco Pennzoil"),
    q("\"Federal Reserve\""),
    q("dividend"),
    q("wheat exports Soviet"),
    q("\"stock split\""),
    q("Brazil debt moratorium"),
    q("\"American Motors\" Chrysler"),
    q("earnings per share"),
    dated("coffee", "2000-01-01", "2005-12-31"),
    dated("oil prices", "1990-01-01", "1999-12-31"),
    dated("merger acquisition", "2010-01-01", "2010-12-31"),
    dated("\"interest rates\" Bundesbank", "1985-01-01", "2000-12-31"),
    dated("sugar", "2024-06-01", "2024-06-30"),
    person("", "Volcker"),
    person("dollar", "Baker"),
    person("trade", "Reagan"),
    person("yen", "Nakasone"),
    newest("bank"),
    newest("gold mine"),
    BenchQuery {
        text: "\"crude oil\"",
        from: Some("2015-01-01"),
        to: Some("2025-12-31"),
        person: None,
        sort: SortOrder::Newest,
    },
];

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("benchmark dates are valid")
}

fn morgue_request(query: &BenchQuery) -> SearchRequest {
    SearchRequest {
        query: query.text.to_owned(),
        from: query.from.map(day),
        to: query.to.map(day),
        people: query.person.iter().map(|p| p.to_string()).collect(),
        mentions: None,
        sort: query.sort,
        limit: 10,
        offset: 0,
        ..SearchRequest::default()
    }
}

/// The FTS5 MATCH expression: every word or phrase must match (FTS5's implicit AND), and
/// a person filter becomes a phrase (FTS5 extracts no people).
fn fts5_match(query: &BenchQuery) -> String {
    let mut parts = Vec::new();
    for (i, piece) in query.text.split('"').enumerate() {
        if i % 2 == 1 {
            parts.push(format!("\"{piece}\""));
        } else {
            parts.extend(piece.split_whitespace().map(|w| format!("\"{w}\"")));
        }
    }
    if let Some(name) = query.person {
        parts.push(format!("\"{name}\""));
    }
    parts.join(" ")
}

fn date_number(text: &str) -> i64 {
    text.replace('-', "").parse().unwrap_or(0)
}

// ---------------------------------------------------------------------------------------
// FTS5: the peer, with the same walk + read, an incremental mode and the same queries.

const FTS5_SCHEMA: &str = "
    PRAGMA journal_mode = WAL;
    CREATE TABLE IF NOT EXISTS docs(
        id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, size INTEGER, mtime INTEGER,
        pubdate INTEGER);
    CREATE INDEX IF NOT EXISTS docs_pubdate ON docs(pubdate);
    CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
        title, body, tokenize = 'porter unicode61 remove_diacritics 2');
";

struct FoundFile {
    path: PathBuf,
    size: u64,
    mtime: i64,
}

fn walk_txt(root: &Path) -> Vec<FoundFile> {
    WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| {
            let metadata = e.metadata().ok()?;
            let mtime = metadata
                .modified()
                .ok()?
                .duration_since(UNIX_EPOCH)
                .ok()?
                .as_nanos() as i64;
            Some(FoundFile {
                path: e.into_path(),
                size: metadata.len(),
                mtime,
            })
        })
        .collect()
}

/// Splits a seed-layout file into publication date (YYYYMMDD), title and body.
fn split_article(text: &str) -> (i64, &str, &str) {
    let text = text.trim_start();
    let (date, rest) = match text.strip_prefix("date ") {
        Some(rest) if rest.len() > 11 => (date_number(&rest[..10]), &rest[11..]),
        _ => (0, text),
    };
    match rest.split_once("\n\n") {
        Some((title, body)) => (date, title.trim(), body.trim()),
        None => (date, "", rest.trim()),
    }
}

/// Walks, reads and inserts (or updates) every file in one transaction.
fn fts5_ingest(db: &Path, root: &Path) -> rusqlite::Result<(usize, usize)> {
    let mut conn = Connection::open(db)?;
    conn.execute_batch(FTS5_SCHEMA)?;
    let known: HashMap<String, (i64, u64, i64)> = conn
        .prepare("SELECT path, id, size, mtime FROM docs")?
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                (row.get(1)?, row.get(2)?, row.get(3)?),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let files = walk_txt(root);
    let tx = conn.transaction()?;
    let (mut read, mut removed) = (0, 0);
    {
        let mut delete_doc = tx.prepare("DELETE FROM docs WHERE id = ?1")?;
        let mut delete_fts = tx.prepare("DELETE FROM fts WHERE rowid = ?1")?;
        let mut insert_doc =
            tx.prepare("INSERT INTO docs(path, size, mtime, pubdate) VALUES (?1, ?2, ?3, ?4)")?;
        let mut insert_fts =
            tx.prepare("INSERT INTO fts(rowid, title, body) VALUES (?1, ?2, ?3)")?;
        let mut seen = std::collections::HashSet::new();
        for file in &files {
            let key = file.path.to_string_lossy().into_owned();
            if let Some(&(id, size, mtime)) = known.get(&key) {
                seen.insert(key.clone());
                if size == file.size && mtime == file.mtime {
                    continue;
                }
                delete_fts.execute([id])?;
                delete_doc.execute([id])?;
            }
            let Ok(text) = std::fs::read_to_string(&file.path) else {
                continue;
            };
            let (date, title, body) = split_article(&text);
            insert_doc.execute(params![key, file.size as i64, file.mtime, date])?;
            let id = tx.last_insert_rowid();
            insert_fts.execute(params![id, title, body])?;
            read += 1;
        }
        for (key, &(id, _, _)) in &known {
            if !seen.contains(key) {
                delete_fts.execute([id])?;
                delete_doc.execute([id])?;
                removed += 1;
            }
        }
    }
    tx.commit()?;
    Ok((read, removed))
}

fn fts5_search(conn: &Connection, query: &BenchQuery) -> rusqlite::Result<usize> {
    let order = match query.sort {
        SortOrder::Relevance => "bm25(fts)",
        SortOrder::Newest => "d.pubdate DESC",
        SortOrder::Oldest => "d.pubdate ASC",
    };
    let sql = format!(
        "SELECT d.path, d.pubdate, fts.title, snippet(fts, 1, '[', ']', '…', 40)
         FROM fts JOIN docs d ON d.id = fts.rowid
         WHERE fts MATCH ?1 AND d.pubdate BETWEEN ?2 AND ?3
         ORDER BY {order} LIMIT 10"
    );
    let mut statement = conn.prepare_cached(&sql)?;
    let from = query.from.map_or(0, date_number);
    let to = query.to.map_or(99_999_999, date_number);
    let rows = statement.query_map(params![fts5_match(query), from, to], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, i64>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
        ))
    })?;
    let mut hits = 0;
    for row in rows {
        std::hint::black_box(row?);
        hits += 1;
    }
    Ok(hits)
}

// ---------------------------------------------------------------------------------------
// Measuring.

struct Run {
    wall: Duration,
    peak_rss_kb: u64,
}

/// Runs `program args` under `/usr/bin/time -v`, failing on a non-zero exit.
fn timed_child(program: &Path, args: &[&std::ffi::OsStr]) -> Result<Run, String> {
    let started = Instant::now();
    let output = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(program)
        .args(args)
        .stdout(Stdio::null())
        .output()
        .map_err(|e| format!("/usr/bin/time: {e}"))?;
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!("{} failed:\n{stderr}", program.display()));
    }
    let peak_rss_kb = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    Ok(Run { wall, peak_rss_kb })
}

fn size_on_disk(path: &Path) -> u64 {
    WalkDir::new(path)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn sorted(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(|a, b| a.total_cmp(b));
    values
}

/// Adds or removes a marker paragraph at the end of every hundredth file: 1% changed.
fn change_one_percent(files: &[FoundFile]) -> Result<usize, String> {
    churn::toggle_marker(files.iter().step_by(100).map(|file| file.path.as_path()))
}

struct Options {
    archive: PathBuf,
    work: PathBuf,
    morgue: PathBuf,
    reps: usize,
    process_reps: usize,
    churn: usize,
}

fn parse_args() -> Result<Options, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut archive = None;
    let mut work = PathBuf::from("/tmp/morgue-bench/work");
    let mut morgue = exe
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("morgue"))
        .unwrap_or_else(|| PathBuf::from("morgue"));
    let mut reps = 10;
    let mut process_reps = 3;
    let mut churn = 10;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--archive" => archive = Some(PathBuf::from(value()?)),
            "--work" => work = PathBuf::from(value()?),
            "--morgue" => morgue = PathBuf::from(value()?),
            "--reps" => reps = value()?.parse().map_err(|e| format!("--reps: {e}"))?,
            "--process-reps" => {
                process_reps = value()?
                    .parse()
                    .map_err(|e| format!("--process-reps: {e}"))?
            }
            "--churn" => churn = value()?.parse().map_err(|e| format!("--churn: {e}"))?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let archive = archive.ok_or("--archive DIR is required")?;
    let archive = archive
        .canonicalize()
        .map_err(|e| format!("{}: {e}", archive.display()))?;
    Ok(Options {
        archive,
        work,
        morgue,
        reps,
        process_reps,
        churn,
    })
}

struct Table {
    rows: Vec<String>,
}

impl Table {
    fn row(&mut self, metric: &str, morgue: f64, fts5: f64, unit: &str) {
        let ratio = if fts5 > 0.0 { morgue / fts5 } else { f64::NAN };
        let line = format!("| {metric} | {morgue:.2} {unit} | {fts5:.2} {unit} | {ratio:.2} |");
        println!("{line}");
        self.rows.push(line);
    }

    fn single(&mut self, metric: &str, morgue: f64, unit: &str) {
        let line = format!("| {metric} | {morgue:.2} {unit} | — | — |");
        println!("{line}");
        self.rows.push(line);
    }
}

fn run(options: &Options) -> Result<(), String> {
    let work = &options.work;
    std::fs::create_dir_all(work).map_err(|e| format!("{}: {e}", work.display()))?;
    let index = work.join("morgue-index");
    let db = work.join("fts5.db");
    let _ = std::fs::remove_dir_all(&index);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;

    // Read everything once so both engines start from a warm page cache.
    let files = walk_txt(&options.archive);
    let raw_bytes: u64 = files
        .iter()
        .map(|f| std::fs::read(&f.path).map(|b| b.len() as u64).unwrap_or(0))
        .sum();
    let articles = files.len();
    let mb = raw_bytes as f64 / 1e6;
    println!(
        "\n## {articles} articles, {mb:.1} MB ({})\n",
        options.archive.display()
    );
    println!("| measure | morgue | FTS5 | morgue/FTS5 |\n|---|---|---|---|");
    let mut table = Table { rows: Vec::new() };

    let morgue_ingest = |what: &str| -> Result<Run, String> {
        eprintln!("morgue ingest ({what})…");
        timed_child(
            &options.morgue,
            &[
                "--index".as_ref(),
                index.as_os_str(),
                "ingest".as_ref(),
                "--quiet".as_ref(),
                options.archive.as_os_str(),
            ],
        )
    };
    let fts5_ingest_child = |what: &str| -> Result<Run, String> {
        eprintln!("FTS5 ingest ({what})…");
        timed_child(
            &exe,
            &[
                "fts5-ingest".as_ref(),
                db.as_os_str(),
                options.archive.as_os_str(),
            ],
        )
    };

    let m = morgue_ingest("first")?;
    let f = fts5_ingest_child("first")?;
    let (ms, fs) = (m.wall.as_secs_f64(), f.wall.as_secs_f64());
    table.row("ingest wall time", ms, fs, "s");
    table.row("ingest MB/s", mb / ms, mb / fs, "MB/s");
    table.row(
        "ingest articles/s",
        articles as f64 / ms,
        articles as f64 / fs,
        "/s",
    );
    table.row(
        "ingest peak RSS",
        m.peak_rss_kb as f64 / 1024.0,
        f.peak_rss_kb as f64 / 1024.0,
        "MiB",
    );
    let morgue_size = size_on_disk(&index) as f64;
    let fts5_size = size_on_disk(&db) as f64
        + ["-wal", "-shm"]
            .iter()
            .map(|s| size_on_disk(Path::new(&format!("{}{s}", db.display()))) as f64)
            .sum::<f64>();
    table.row(
        "index size / raw text",
        morgue_size / raw_bytes as f64,
        fts5_size / raw_bytes as f64,
        "×",
    );

    let m = morgue_ingest("nothing changed")?;
    let f = fts5_ingest_child("nothing changed")?;
    table.row(
        "re-ingest, nothing changed",
        m.wall.as_secs_f64(),
        f.wall.as_secs_f64(),
        "s",
    );
    let changed = change_one_percent(&files)?;
    eprintln!("changed {changed} files");
    let m = morgue_ingest("1% changed")?;
    let f = fts5_ingest_child("1% changed")?;
    table.row(
        "re-ingest, 1% changed",
        m.wall.as_secs_f64(),
        f.wall.as_secs_f64(),
        "s",
    );
    let m = morgue_ingest("nothing changed, after the 1% run")?;
    table.single("re-ingest, nothing changed, 2nd", m.wall.as_secs_f64(), "s");
    // Many incremental runs must not make the index grow without bound: ten more rounds of
    // 1% edits, then the size and the number of segments.
    for round in 0..options.churn {
        change_one_percent(&files)?;
        morgue_ingest(&format!("churn round {}", round + 1))?;
    }
    let segments = std::fs::read_dir(&index)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "store"))
        .count();
    table.single(
        &format!(
            "index size / raw text after {} re-ingests with 1% changed",
            options.churn + 1
        ),
        size_on_disk(&index) as f64 / raw_bytes as f64,
        "×",
    );
    table.single(
        &format!("segments after {} re-ingests", options.churn + 1),
        segments as f64,
        "",
    );

    // In-process searches: one warm-up round, then `reps` rounds of every query.
    eprintln!("in-process searches…");
    let archive = ArchiveIndex::open(&index).map_err(|e| e.to_string())?;
    let conn = Connection::open(&db).map_err(|e| e.to_string())?;
    let requests: Vec<SearchRequest> = QUERIES.iter().map(morgue_request).collect();
    let mut morgue_ms = Vec::new();
    let mut fts5_ms = Vec::new();
    let mut hits = vec![(0usize, 0usize); QUERIES.len()];
    for round in 0..=options.reps {
        for (i, (query, request)) in QUERIES.iter().zip(&requests).enumerate() {
            let started = Instant::now();
            let response = search(&archive, request).map_err(|e| format!("{}: {e}", query.text))?;
            let morgue_took = started.elapsed().as_secs_f64() * 1000.0;
            let started = Instant::now();
            let fts5_hits =
                fts5_search(&conn, query).map_err(|e| format!("{}: {e}", query.text))?;
            let fts5_took = started.elapsed().as_secs_f64() * 1000.0;
            if round > 0 {
                morgue_ms.push(morgue_took);
                fts5_ms.push(fts5_took);
            }
            hits[i] = (response.hits.len(), fts5_hits);
        }
    }
    let (morgue_ms, fts5_ms) = (sorted(morgue_ms), sorted(fts5_ms));
    table.row(
        "search p50, in process, top 10 + snippets",
        percentile(&morgue_ms, 50.0),
        percentile(&fts5_ms, 50.0),
        "ms",
    );
    table.row(
        "search p99, in process, top 10 + snippets",
        percentile(&morgue_ms, 99.0),
        percentile(&fts5_ms, 99.0),
        "ms",
    );

    eprintln!("whole-process searches…");
    let process_ms = whole_process_ms(&options.morgue, &index, options.process_reps)?;
    table.single(
        "search median, whole `morgue search` process",
        percentile(&sorted(process_ms), 50.0),
        "ms",
    );

    println!("\nHits per query (morgue / FTS5, top 10):");
    for (query, (m, f)) in QUERIES.iter().zip(&hits) {
        println!(
            "  {:<40} {:>2} / {:>2}",
            format!(
                "{}{}{}",
                query.text,
                query
                    .person
                    .map(|p| format!(" person:{p}"))
                    .unwrap_or_default(),
                query.from.map(|f| format!(" {f}..")).unwrap_or_default()
            ),
            m,
            f
        );
    }

    let report = format!(
        "## {articles} articles, {mb:.1} MB\n\n| measure | morgue | FTS5 | morgue/FTS5 |\n|---|---|---|---|\n{}\n",
        table.rows.join("\n")
    );
    let out = work.join(format!("results-{articles}.md"));
    std::fs::write(&out, report).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("table written to {}", out.display());
    Ok(())
}

/// Milliseconds of each run of `morgue search` as a whole process, every query `reps` times.
fn whole_process_ms(morgue: &Path, index: &Path, reps: usize) -> Result<Vec<f64>, String> {
    let mut process_ms = Vec::new();
    for query in QUERIES {
        let mut command = Command::new(morgue);
        command
            .arg("--index")
            .arg(index)
            .args(["--color", "never", "search", query.text]);
        if let (Some(from), Some(to)) = (query.from, query.to) {
            command.args(["--from", from, "--to", to]);
        }
        if let Some(name) = query.person {
            command.args(["--person", name]);
        }
        if query.sort == SortOrder::Newest {
            command.args(["--sort", "newest"]);
        }
        command.stdout(Stdio::null()).stderr(Stdio::null());
        for _ in 0..reps {
            let started = Instant::now();
            let status = command.status().map_err(|e| e.to_string())?;
            process_ms.push(started.elapsed().as_secs_f64() * 1000.0);
            if status.code().is_none_or(|c| c > 1) {
                return Err(format!("morgue search {:?} failed", query.text));
            }
        }
    }
    Ok(process_ms)
}

/// `bench searches INDEX [REPS]`: the queries alone on an index made earlier (for sizes
/// where running FTS5 too would take too long): in process, then as whole processes.
fn searches_only(index: &Path, reps: usize) -> Result<(), String> {
    let archive = ArchiveIndex::open(index).map_err(|e| e.to_string())?;
    let requests: Vec<SearchRequest> = QUERIES.iter().map(morgue_request).collect();
    let mut morgue_ms = Vec::new();
    for round in 0..=reps {
        for (query, request) in QUERIES.iter().zip(&requests) {
            let started = Instant::now();
            search(&archive, request).map_err(|e| format!("{}: {e}", query.text))?;
            if round > 0 {
                morgue_ms.push(started.elapsed().as_secs_f64() * 1000.0);
            }
        }
    }
    let morgue_ms = sorted(morgue_ms);
    let morgue = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("morgue")))
        .ok_or("cannot find the morgue binary beside this one")?;
    let process_ms = sorted(whole_process_ms(&morgue, index, 3)?);
    println!("| measure | morgue |\n|---|---|");
    println!(
        "| search p50, in process, top 10 + snippets | {:.2} ms |",
        percentile(&morgue_ms, 50.0)
    );
    println!(
        "| search p99, in process, top 10 + snippets | {:.2} ms |",
        percentile(&morgue_ms, 99.0)
    );
    println!(
        "| search median, whole `morgue search` process | {:.2} ms |",
        percentile(&process_ms, 50.0)
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("fts5-ingest") {
        let (Some(db), Some(root)) = (args.get(2), args.get(3)) else {
            eprintln!("usage: bench fts5-ingest DB ARCHIVE");
            return ExitCode::from(2);
        };
        return match fts5_ingest(Path::new(db), Path::new(root)) {
            Ok((read, removed)) => {
                eprintln!("fts5: {read} files read, {removed} removed");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("fts5 ingest: {error}");
                ExitCode::from(2)
            }
        };
    }
    if args.get(1).map(String::as_str) == Some("searches") {
        let Some(index) = args.get(2) else {
            eprintln!("usage: bench searches INDEX [REPS]");
            return ExitCode::from(2);
        };
        let reps = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(10);
        return match searches_only(Path::new(index), reps) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("bench: {message}");
                ExitCode::from(2)
            }
        };
    }
    match parse_args().and_then(|options| run(&options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench: {message}");
            ExitCode::from(2)
        }
    }
}

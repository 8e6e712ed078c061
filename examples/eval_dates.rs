//! Evaluates the date extractor against the TIMEX3 gold annotations and measures its
//! speed on whole articles.
//!
//!     cargo run --release --example eval_dates -- EVAL_DIR CORPUS_DIR [SPEED_DIR]
//!
//! `EVAL_DIR` holds `timex3-gold.jsonl` (see its `SOURCE.md`), `CORPUS_DIR` the articles
//! it points to, and `SPEED_DIR` (default `CORPUS_DIR/reuters21578`) the articles timed
//! for throughput. Each gold article goes through the same path as ingest: the file's
//! bytes → `article::parse_file` → `Extractors::default()` on the body. The title line
//! that ingest takes out of the body is run through the same extractor too, so that the
//! score covers all the annotated text. Mention offsets in the body are mapped back to
//! byte offsets of the file by aligning the two texts (the body only differs from the
//! file by white space, the header and the title).
//!
//! Scores are on gold `DATE` expressions. A prediction that overlaps a gold `TIME` whose
//! value names a day ("Friday night" = `2000-04-02TNI`) is neither right nor wrong; one
//! that overlaps nothing, or only a duration or a set, is a false positive. Relaxed match
//! = any overlap, strict = the same span. Value accuracy is over gold values `YYYY`,
//! `YYYY-MM`, `YYYY-MM-DD` matched (relaxed) by a prediction: right when the prediction's
//! interval is the gold one. `-v` prints every error.
//!
//! `--harvest` prints, instead of scores, the gold sentences on which the extractor run
//! on the sentence alone agrees with the annotators on every date (span and value), as
//! lines of `tests/fixtures/dates/regression.tsv`; and sentences with no TIMEX3 at all
//! that hold a number or a month or weekday name and where it finds nothing, as
//! look-alikes. That is how the regression set's corpus sentences were chosen.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use morgue::article::parse_file;
use morgue::calendar::parse_value;
use morgue::calendar::Granularity;
use morgue::extract::{DateMention, Extractors};
use serde::Deserialize;

#[derive(Deserialize)]
struct GoldArticle {
    file: String,
    subset: String,
    annotated_byte_end: usize,
    timex3: Vec<Timex>,
}

#[derive(Deserialize)]
struct Timex {
    byte_start: usize,
    byte_end: usize,
    text: String,
    #[serde(rename = "type")]
    kind: String,
    value: Option<String>,
}

/// A prediction with its span in the file's bytes.
struct Predicted {
    start: usize,
    end: usize,
    mention: DateMention,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    articles: usize,
    gold: usize,
    gold_resolvable: usize,
    predicted: usize,
    ignored: usize,
    pred_relaxed: usize,
    /// Predictions overlapping resolvable gold DATEs only (for precision on those).
    pred_on_resolvable: usize,
    /// Predictions overlapping only vague (`*_REF`) or undated (`XXXX…`) gold DATEs.
    pred_on_vague: usize,
    pred_strict: usize,
    gold_relaxed: usize,
    gold_resolvable_found: usize,
    gold_strict: usize,
    value_total: usize,
    value_right: usize,
    /// Gold weeks, quarters and seasons (`1988-Q3`): not counted in value accuracy, which
    /// is over calendar dates, but reported beside it.
    period_total: usize,
    period_right: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.articles += o.articles;
        self.gold += o.gold;
        self.gold_resolvable += o.gold_resolvable;
        self.predicted += o.predicted;
        self.ignored += o.ignored;
        self.pred_relaxed += o.pred_relaxed;
        self.pred_on_resolvable += o.pred_on_resolvable;
        self.pred_on_vague += o.pred_on_vague;
        self.pred_strict += o.pred_strict;
        self.gold_relaxed += o.gold_relaxed;
        self.gold_resolvable_found += o.gold_resolvable_found;
        self.gold_strict += o.gold_strict;
        self.value_total += o.value_total;
        self.value_right += o.value_right;
        self.period_total += o.period_total;
        self.period_right += o.period_right;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let harvesting = args.iter().any(|a| a == "--harvest");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if paths.len() < 2 {
        eprintln!("usage: eval_dates [-v] EVAL_DIR CORPUS_DIR [SPEED_DIR]");
        std::process::exit(2);
    }
    let eval_dir = PathBuf::from(paths[0]);
    let corpus_dir = PathBuf::from(paths[1]);
    let speed_dir = paths
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| corpus_dir.join("reuters21578"));

    let gold_path = eval_dir.join("timex3-gold.jsonl");
    let gold_text = match fs::read_to_string(&gold_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {}: {e}", gold_path.display());
            std::process::exit(2);
        }
    };
    let extractors = Extractors::default();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for (n, line) in gold_text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let gold: GoldArticle = match serde_json::from_str(line) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("{}:{}: {e}", gold_path.display(), n + 1);
                std::process::exit(2);
            }
        };
        let path = corpus_dir.join(&gold.file);
        if harvesting {
            harvest(&gold, &path);
            continue;
        }
        let tally = match score_article(&gold, &path, &extractors, verbose) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                continue;
            }
        };
        tallies
            .entry(subset_name(&gold.subset))
            .or_default()
            .add(&tally);
    }
    if harvesting {
        return;
    }
    print_table(&tallies);
    let all = tallies.values().fold(Tally::default(), |mut sum, t| {
        sum.add(t);
        sum
    });
    println!(
        "\nweeks, quarters and seasons (not in value acc): {} of {} right ({:.3})",
        all.period_right,
        all.period_total,
        ratio(all.period_right, all.period_total)
    );
    speed(&speed_dir);
}

/// MEANTIME's four topics are one subset.
fn subset_name(subset: &str) -> String {
    if subset.starts_with("meantime") {
        "MEANTIME".into()
    } else {
        match subset {
            "timebank" => "TimeBank".into(),
            "aquaint" => "AQUAINT".into(),
            "te3-platinum" => "platinum".into(),
            other => other.into(),
        }
    }
}

fn score_article(
    gold: &GoldArticle,
    path: &Path,
    extractors: &Extractors,
    verbose: bool,
) -> Result<Tally, String> {
    let bytes = fs::read(path).map_err(|e| e.to_string())?;
    let content = String::from_utf8_lossy(&bytes).into_owned();
    let parsed = parse_file(path, &bytes).map_err(|e| e.to_string())?;
    let article = parsed
        .entries
        .into_iter()
        .next()
        .and_then(|e| e.result.ok())
        .ok_or("no article")?;
    let mut predicted = Vec::new();
    let title_at = content.find(article.title.as_str());
    for (text, hint) in [(&article.title, title_at), (&article.body, None)] {
        let map = align(text, &content, hint);
        for m in extractors
            .extract(text, article.publication_date)
            .date_mentions
        {
            let (Some(start), Some(end)) = (map[m.start], map[m.end]) else {
                continue;
            };
            if start < gold.annotated_byte_end {
                predicted.push(Predicted {
                    start,
                    end,
                    mention: m,
                });
            }
        }
    }
    predicted.sort_by_key(|p| p.start);
    predicted.dedup_by_key(|p| p.start);

    let overlaps = |p: &Predicted, t: &Timex| p.start < t.byte_end && t.byte_start < p.end;
    let is_date = |t: &Timex| t.kind == "DATE";
    let dated_time = |t: &Timex| {
        t.kind == "TIME"
            && t.value.as_deref().is_some_and(|v| {
                v.len() >= 10 && NaiveDate::parse_from_str(&v[..10], "%Y-%m-%d").is_ok()
            })
    };
    let resolvable = |t: &Timex| {
        let v = t.value.as_deref().unwrap_or("");
        !v.starts_with("XXXX") && !v.ends_with("_REF")
    };
    let mut tally = Tally {
        articles: 1,
        ..Tally::default()
    };
    for p in &predicted {
        let dates: Vec<&Timex> = gold
            .timex3
            .iter()
            .filter(|t| is_date(t) && overlaps(p, t))
            .collect();
        if dates.is_empty() {
            if gold.timex3.iter().any(|t| dated_time(t) && overlaps(p, t)) {
                tally.ignored += 1;
                continue;
            }
            tally.predicted += 1;
            if verbose {
                let what = gold
                    .timex3
                    .iter()
                    .find(|t| overlaps(p, t))
                    .map(|t| format!(" (gold {} {:?})", t.kind, t.text))
                    .unwrap_or_default();
                println!(
                    "FP  {} {:?} = {}{what}",
                    gold.file, p.mention.text, p.mention.value
                );
            }
            continue;
        }
        tally.predicted += 1;
        tally.pred_relaxed += 1;
        if dates.iter().any(|t| resolvable(t)) {
            tally.pred_on_resolvable += 1;
        } else {
            tally.pred_on_vague += 1;
        }
        if dates
            .iter()
            .any(|t| t.byte_start == p.start && t.byte_end == p.end)
        {
            tally.pred_strict += 1;
        }
    }
    for t in gold.timex3.iter().filter(|t| is_date(t)) {
        tally.gold += 1;
        let value = t.value.as_deref().unwrap_or("");
        let calendar = is_calendar(value);
        let resolvable = resolvable(t);
        tally.gold_resolvable += usize::from(resolvable);
        let best = predicted
            .iter()
            .filter(|p| overlaps(p, t))
            .max_by_key(|p| p.end.min(t.byte_end) - p.start.max(t.byte_start));
        let Some(best) = best else {
            if verbose {
                println!(
                    "FN  {} {:?} = {value}\n    {}",
                    gold.file,
                    t.text,
                    context(&content, t.byte_start, t.byte_end)
                );
            }
            continue;
        };
        tally.gold_relaxed += 1;
        tally.gold_resolvable_found += usize::from(resolvable);
        if best.start == t.byte_start && best.end == t.byte_end {
            tally.gold_strict += 1;
        }
        let m = &best.mention;
        if !calendar && parse_value(value).is_some() {
            tally.period_total += 1;
            tally.period_right += usize::from(m.value == value);
        }
        if calendar {
            tally.value_total += 1;
            // A range ("between 1985 and 1987") is right for either of its ends, which
            // TimeML annotates as two expressions.
            let right = parse_value(value).is_some_and(|(_, from, to)| {
                (from == m.from && to == m.to)
                    || (m.granularity == Granularity::Range
                        && m.from <= from
                        && to <= m.to
                        && (from == m.from || to == m.to))
            });
            tally.value_right += usize::from(right);
            if verbose && !right {
                println!(
                    "VAL {} {:?} = {value}, got {:?} = {}\n    {}",
                    gold.file,
                    t.text,
                    best.mention.text,
                    best.mention.value,
                    context(&content, t.byte_start, t.byte_end)
                );
            }
        }
    }
    Ok(tally)
}

/// The expression in its sentence, on one line, for reading a miss.
fn context(content: &str, start: usize, end: usize) -> String {
    let floor = |mut i: usize| {
        while !content.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(start.saturating_sub(100));
    let to = floor((end + 60).min(content.len()));
    format!(
        "{}[{}]{}",
        &content[from..start],
        &content[start..end],
        &content[end..to]
    )
    .replace(['\n', '\r'], " ")
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn is_calendar(value: &str) -> bool {
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

/// For every byte offset of `text` (and one past its end), the byte offset of the same
/// place in `file`, where `text` is `file` with some white space changed and some lines
/// left out. Characters are matched in order, skipping white space on either side; on a
/// mismatch the rest of `text` is searched for again in `file`.
fn align(text: &str, file: &str, hint: Option<usize>) -> Vec<Option<usize>> {
    let t = text.as_bytes();
    let f = file.as_bytes();
    let mut map = vec![None; t.len() + 1];
    let resync = |i: usize, from: usize| -> Option<usize> {
        let probe_end = (i + 40).min(t.len());
        let mut end = probe_end;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let probe = &text[i..end];
        let probe = probe.split('\n').next().unwrap_or(probe);
        if probe.is_empty() {
            return None;
        }
        file.get(from..)?.find(probe).map(|k| k + from)
    };
    let mut i = 0;
    let Some(mut j) = hint.or_else(|| resync(0, 0)) else {
        return map;
    };
    while i < t.len() {
        let same = j < f.len()
            && (t[i] == f[j] || (f[j].is_ascii_whitespace() && t[i].is_ascii_whitespace()));
        if same {
            map[i] = Some(j);
            i += 1;
            j += 1;
        } else if j < f.len() && f[j].is_ascii_whitespace() {
            j += 1;
        } else if t[i].is_ascii_whitespace() {
            map[i] = Some(j);
            i += 1;
        } else {
            match resync(i, j) {
                Some(k) => j = k,
                None => return map,
            }
        }
    }
    map[t.len()] = Some(j);
    map
}

fn print_table(tallies: &BTreeMap<String, Tally>) {
    let mut dev = Tally::default();
    let mut all = Tally::default();
    let order = ["TimeBank", "AQUAINT", "MEANTIME", "platinum"];
    let mut rows: Vec<(String, Tally)> = Vec::new();
    for name in order {
        if let Some(t) = tallies.get(name) {
            rows.push((name.into(), *t));
            if name == "TimeBank" || name == "AQUAINT" {
                dev.add(t);
            }
            all.add(t);
        }
    }
    for (name, t) in tallies {
        if !order.contains(&name.as_str()) {
            rows.push((name.clone(), *t));
            all.add(t);
        }
    }
    rows.push(("TB+AQ (dev)".into(), dev));
    rows.push(("all".into(), all));
    println!(
        "DATE expressions            relaxed               strict           value        resolvable, relaxed"
    );
    println!(
        "{:<12} {:>5} {:>5}   {:>5} {:>5} {:>5}   {:>5} {:>5} {:>5}   {:>5} {:>5}   {:>5} {:>5} {:>5} {:>5}",
        "subset", "gold", "pred", "P", "R", "F1", "P", "R", "F1", "acc", "n", "gold", "P", "R", "F1"
    );
    for (name, t) in rows {
        let rp = ratio(t.pred_relaxed, t.predicted);
        let rr = ratio(t.gold_relaxed, t.gold);
        let sp = ratio(t.pred_strict, t.predicted);
        let sr = ratio(t.gold_strict, t.gold);
        let qp = ratio(t.pred_on_resolvable, t.predicted - t.pred_on_vague);
        let qr = ratio(t.gold_resolvable_found, t.gold_resolvable);
        println!(
            "{:<12} {:>5} {:>5}   {:.3} {:.3} {:.3}   {:.3} {:.3} {:.3}   {:.3} {:>5}   {:>5} {:.3} {:.3} {:.3}",
            name,
            t.gold,
            t.predicted,
            rp,
            rr,
            f1(rp, rr),
            sp,
            sr,
            f1(sp, sr),
            ratio(t.value_right, t.value_total),
            t.value_total,
            t.gold_resolvable,
            qp,
            qr,
            f1(qp, qr),
        );
    }
}

/// Single-threaded throughput of the date extractor alone over article bodies.
fn speed(dir: &Path) {
    let mut bodies: Vec<(String, Option<NaiveDate>)> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                if let Ok(bytes) = fs::read(&p) {
                    if let Ok(parsed) = parse_file(&p, &bytes) {
                        for entry in parsed.entries {
                            if let Ok(a) = entry.result {
                                bodies.push((a.body, a.publication_date));
                            }
                        }
                    }
                }
            }
        }
    }
    let bytes: usize = bodies.iter().map(|b| b.0.len()).sum();
    if bytes == 0 {
        println!("\nspeed: no articles under {}", dir.display());
        return;
    }
    let dates = morgue::extract::dates::RuleBasedDates;
    let mut best = f64::MAX;
    let mut mentions = 0;
    for _ in 0..10 {
        let started = Instant::now();
        mentions = 0;
        for (body, date) in &bodies {
            mentions += morgue::extract::DateExtractor::extract_dates(&dates, body, *date).len();
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "\nspeed: {} articles, {:.1} MB, {} date mentions: {:.0} MB/s on one core (best of 10 runs)",
        bodies.len(),
        bytes as f64 / 1e6,
        mentions,
        bytes as f64 / 1e6 / best
    );
}

/// Byte ranges of the sentences of `text` before `limit`: lines, split after ". " when an
/// upper-case letter follows and the word before the dot is not a short abbreviation.
fn sentences(text: &str, limit: usize) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len().min(limit) {
        let split_here = if b[i] == b'\n' {
            Some(i)
        } else if b[i] == b'.'
            && b.get(i + 1) == Some(&b' ')
            && b.get(i + 2).is_some_and(u8::is_ascii_uppercase)
        {
            let mut w = i;
            while w > 0 && b[w - 1].is_ascii_alphabetic() {
                w -= 1;
            }
            (i - w > 3 && b[w].is_ascii_lowercase()).then_some(i + 1)
        } else {
            None
        };
        if let Some(end) = split_here {
            out.push((start, end));
            start = end + 1;
        }
        i += 1;
    }
    out.into_iter()
        .map(|(s, e)| {
            let t = &text[s..e];
            let lead = t.len() - t.trim_start().len();
            (s + lead, s + lead + t.trim().len())
        })
        .filter(|(s, e)| e > s)
        .collect()
}

fn harvest(gold: &GoldArticle, path: &Path) {
    let Ok(content) = fs::read_to_string(path) else {
        return;
    };
    let Some(pub_date) = content
        .split_whitespace()
        .nth(1)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    else {
        return;
    };
    let dates = morgue::extract::dates::RuleBasedDates;
    let looks_like = |s: &str| {
        s.bytes().any(|c| c.is_ascii_digit())
            || s.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
                matches!(
                    w,
                    "May"
                        | "March"
                        | "Monday"
                        | "Friday"
                        | "Sunday"
                        | "fall"
                        | "spring"
                        | "year"
                        | "quarter"
                        | "week"
                        | "day"
                        | "Christmas"
                        | "today"
                )
            })
    };
    for (s, e) in sentences(&content, gold.annotated_byte_end) {
        let sentence = &content[s..e];
        if sentence.contains('\t') || sentence.len() > 400 || sentence.len() < 30 {
            continue;
        }
        // Skip the header line.
        if sentence.starts_with("date ") {
            continue;
        }
        let inside: Vec<&Timex> = gold
            .timex3
            .iter()
            .filter(|t| t.byte_start < e && s < t.byte_end)
            .collect();
        if inside.iter().any(|t| t.byte_start < s || t.byte_end > e) {
            continue;
        }
        let got = morgue::extract::DateExtractor::extract_dates(&dates, sentence, Some(pub_date));
        if inside.is_empty() {
            if got.is_empty() && looks_like(sentence) {
                println!("{pub_date}\t{sentence}\t-");
            }
            continue;
        }
        let gold_dates: Vec<&&Timex> = inside.iter().filter(|t| t.kind == "DATE").collect();
        if gold_dates.is_empty() || got.len() != gold_dates.len() {
            continue;
        }
        let all_agree = got.iter().zip(&gold_dates).all(|(m, t)| {
            let value = t.value.as_deref().unwrap_or("");
            m.start + s == t.byte_start
                && m.end + s == t.byte_end
                && (m.value == value
                    || (is_calendar(value)
                        && parse_value(value).is_some_and(|(_, f, to)| f == m.from && to == m.to)))
        });
        if all_agree {
            let want: Vec<String> = got
                .iter()
                .map(|m| format!("{} => {}", m.text, m.value))
                .collect();
            println!("{pub_date}\t{sentence}\t{}", want.join(" | "));
        }
    }
}

//! The README's examples, run (issue 36: they must not drift from what morgue prints).
//!
//! Every indented `$ morgue …` block of README.md is run, in order, with the real binary in
//! a folder holding a copy of `samples/` and the default `./index`, as a new user runs them
//! after `cargo run --release -- ingest samples`. The lines shown must be the lines printed
//! (stdout and stderr together, in any order between the two streams), with times and
//! rates left out of the comparison; a block with `...` lines shows only some of the lines,
//! each of which must be printed (a line cut with `…` as the start of one); a `--json` block is compared field by field, leaving out
//! what the README shortens (`snippet`, `highlights`) or what varies (`took_ms`). `serve`
//! and the `curl` calls to it are left to `tests/serve.rs`.

mod common;

use std::path::Path;

use regex::Regex;

struct Example {
    line: usize,
    command: String,
    shown: Vec<String>,
}

fn examples(readme: &str) -> Vec<Example> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let Some(command) = lines[at].strip_prefix("    $ morgue ") else {
            at += 1;
            continue;
        };
        let line = at + 1;
        let mut shown = Vec::new();
        at += 1;
        while at < lines.len() {
            let text = lines[at];
            if text.starts_with("    $ ") {
                break;
            }
            if let Some(rest) = text.strip_prefix("    ") {
                shown.push(rest.to_owned());
            } else if !text.trim().is_empty() {
                break;
            } else {
                // A blank line inside a block, or its end: the block goes on only if the
                // next non-blank line is indented output.
                let next = lines[at..].iter().find(|l| !l.trim().is_empty());
                if !next.is_some_and(|l| l.starts_with("    ") && !l.starts_with("    $ ")) {
                    break;
                }
                shown.push(String::new());
            }
            at += 1;
        }
        while shown.last().is_some_and(|l| l.is_empty()) {
            shown.pop();
        }
        found.push(Example {
            line,
            command: command.to_owned(),
            shown,
        });
    }
    found
}

/// Words of a shell command line with single and double quotes (all the README uses).
fn shell_words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, ' ') => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

fn normalised(line: &str) -> String {
    static TIMES: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let times = TIMES.get_or_init(|| {
        Regex::new(r"\d+(\.\d+)? (ms|s|MB/s|KB|MB|GB|B)\b").expect("static pattern")
    });
    times.replace_all(line.trim_end(), "N $2").into_owned()
}

fn without_varying(mut value: serde_json::Value) -> serde_json::Value {
    if let Some(object) = value.as_object_mut() {
        object.remove("took_ms");
        if let Some(hits) = object.get_mut("hits").and_then(|h| h.as_array_mut()) {
            for hit in hits {
                if let Some(hit) = hit.as_object_mut() {
                    hit.remove("snippet");
                    hit.remove("highlights");
                    hit.remove("score");
                }
            }
        }
    }
    value
}

#[test]
fn every_example_of_the_readme_prints_what_it_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let folder = tempfile::tempdir().unwrap();
    common::copy_tree(&root.join("samples"), &folder.path().join("samples"));
    let examples = examples(&readme);
    assert!(
        examples.len() >= 10,
        "README examples found: {}",
        examples.len()
    );
    let run = |words: &[String]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_morgue"))
            .args(words)
            .current_dir(folder.path())
            .env_remove("MORGUE_INDEX")
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    // The Quick start's first command, before any example.
    let setup = run(&shell_words("ingest samples"));
    assert!(
        setup.status.success(),
        "{}",
        String::from_utf8_lossy(&setup.stderr)
    );
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut ingested_once = false;
    for example in &examples {
        let words = shell_words(&example.command);
        if words.first().is_some_and(|w| w == "serve") {
            continue;
        }
        // The ingest example shows a first ingest: it starts from no index.
        if words.first().is_some_and(|w| w == "ingest") && !ingested_once {
            ingested_once = true;
            std::fs::remove_dir_all(folder.path().join("index")).unwrap();
        }
        let output = run(&words);
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        checked += 1;
        let problem = if example.shown.is_empty() {
            // A command shown without its output: it must work.
            (!output.status.success()).then(|| format!("failed: {stderr}"))
        } else if words.iter().any(|w| w == "--json") {
            let shown: serde_json::Value = match serde_json::from_str(&example.shown.join("\n")) {
                Ok(value) => value,
                Err(error) => {
                    failures.push(format!(
                        "README line {}: shown JSON does not parse: {error}",
                        example.line
                    ));
                    continue;
                }
            };
            let printed: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_default();
            (without_varying(shown) != without_varying(printed))
                .then(|| format!("printed {stdout}"))
        } else {
            let printed: Vec<String> = stdout
                .lines()
                .chain(stderr.lines())
                .map(normalised)
                .filter(|l| !l.is_empty())
                .collect();
            let shown: Vec<String> = example
                .shown
                .iter()
                .map(|l| normalised(l))
                .filter(|l| !l.is_empty())
                .collect();
            if shown.iter().any(|l| l == "...") {
                // A line the README cuts with "…" stands for any printed line it starts.
                let missing: Vec<&String> = shown
                    .iter()
                    .filter(|l| *l != "...")
                    .filter(|l| {
                        !printed.iter().any(|p| match l.strip_suffix('…') {
                            Some(start) => p.starts_with(start.trim_end()),
                            None => p == *l,
                        })
                    })
                    .collect();
                (!missing.is_empty())
                    .then(|| format!("not printed: {missing:?}\nprinted:\n{}", printed.join("\n")))
            } else {
                let (mut a, mut b) = (shown.clone(), printed.clone());
                a.sort();
                b.sort();
                (a != b).then(|| {
                    format!(
                        "shown:\n{}\nprinted:\n{}",
                        shown.join("\n"),
                        printed.join("\n")
                    )
                })
            }
        };
        if let Some(problem) = problem {
            failures.push(format!(
                "README line {}: morgue {}\n{problem}",
                example.line, example.command
            ));
        }
    }
    assert!(checked >= 10, "only {checked} examples run");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_example_reader_finds_blocks_and_their_ends() {
    let readme = "text\n\n    $ morgue search a\n      1. x\n\n      2. y\n\n    2 matches\n\nprose\n\n    $ morgue people\n    ...\n";
    let found = examples(readme);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].command, "search a");
    assert_eq!(found[0].shown, ["  1. x", "", "  2. y", "", "2 matches"]);
    assert_eq!(found[1].shown, ["..."]);
    assert_eq!(
        shell_words("search '' --person 'Ben Bernanke' -n 2"),
        ["search", "", "--person", "Ben Bernanke", "-n", "2"]
    );
    assert_eq!(
        normalised("1 match, showing 1-1 (0.7 ms)"),
        "1 match, showing 1-1 (N ms)"
    );
}

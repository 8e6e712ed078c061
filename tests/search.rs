//! End-to-end tests of `morgue search`, `show` and `stats` on the ingested fixtures.

mod common;

use common::{ingested, Workspace};

fn paths(args: &[&str]) -> Vec<String> {
    ingested().hit_paths(args)
}

#[test]
fn all_words_are_required() {
    let both = paths(&["prime minister resigned"]);
    assert_eq!(
        both,
        vec!["formats/pontoon-vote.md", "formats/quayside-market.json"]
    );
    assert_eq!(paths(&["gannet kittiwake"]).len(), 0);
}

#[test]
fn match_all_queries_return_articles_only() {
    // Records of duplicate and skipped files never come back.
    assert_eq!(paths(&["*"]).len(), 15);
    assert_eq!(paths(&["-zzzqqq"]).len(), 15);
    assert_eq!(paths(&[""]).len(), 15);
}

#[test]
fn a_quoted_phrase_needs_the_words_together() {
    assert_eq!(
        paths(&["\"prime minister resigned\""]),
        vec!["formats/pontoon-vote.md"]
    );
}

#[test]
fn or_not_title_and_prefix() {
    assert_eq!(
        paths(&["gannet OR gangway"]),
        vec!["dup/first/gannet.txt", "text/utf8-bom.txt"]
    );
    let ferry = paths(&["ferry"]);
    let without = paths(&["ferry -gannet"]);
    assert_eq!(without.len(), ferry.len() - 1);
    assert!(!without.contains(&"dup/first/gannet.txt".to_owned()));
    assert_eq!(paths(&["title:gannet"]), vec!["dup/first/gannet.txt"]);
    assert_eq!(paths(&["title:prayed"]).len(), 0);
    assert_eq!(paths(&["gann*"]), vec!["dup/first/gannet.txt"]);
    assert_eq!(paths(&["breakwat*"]), vec!["2024/07/15/breakwater.txt"]);
    // Longer than the indexed stem ("breakwat"): still found.
    assert_eq!(paths(&["breakwate*"]), vec!["2024/07/15/breakwater.txt"]);
    assert_eq!(paths(&["author:quill"]), vec!["formats/pontoon-vote.md"]);
    assert_eq!(paths(&["tag:politics"]), vec!["formats/pontoon-vote.md"]);
    assert_eq!(
        paths(&["(gannet OR gangway) -gannet"]),
        vec!["text/utf8-bom.txt"]
    );
}

#[test]
fn words_are_folded_and_stemmed() {
    assert_eq!(paths(&["GANNETS"]), vec!["dup/first/gannet.txt"]);
    assert!(paths(&["praying"]).contains(&"seed/000_eaf787878c6b65eb.txt".to_owned()));
}

#[test]
fn date_filters_are_inclusive_and_leave_out_undated_articles() {
    let ferry = paths(&["ferry"]);
    assert_eq!(ferry.len(), 13, "{ferry:?}");
    assert_eq!(paths(&["ferry", "--from", "2021", "--to", "2022"]).len(), 5);
    assert_eq!(
        paths(&["ferry", "--from", "2019-03-14", "--to", "2019-03"]),
        vec!["2019/03/001_915619869b74c4b3.txt"]
    );
    assert_eq!(
        paths(&["ferry", "--from", "2019-03-15", "--to", "2019-03"]).len(),
        0
    );
    assert_eq!(paths(&["lighthouse"]), vec!["text/no-date-anywhere.txt"]);
    assert_eq!(paths(&["lighthouse", "--from", "1900"]).len(), 0);
    assert_eq!(paths(&["lighthouse", "--to", "2100"]).len(), 0);
}

#[test]
fn the_readme_example_finds_the_seed() {
    assert_eq!(
        paths(&["Putin prayed", "--from", "2025-03"]),
        vec!["seed/000_eaf787878c6b65eb.txt"]
    );
}

#[test]
fn person_filters_match_full_names_surnames_and_accents() {
    let putin = paths(&["", "--person", "Vladimir Putin"]);
    assert!(
        putin.contains(&"seed/000_eaf787878c6b65eb.txt".to_owned()),
        "{putin:?}"
    );
    assert!(
        putin.contains(&"2025-02-28/impossible-header-date.txt".to_owned()),
        "{putin:?}"
    );
    let surname = paths(&["", "--person", "putin"]);
    assert!(surname.len() >= putin.len(), "{surname:?} vs {putin:?}");
    let gurria = paths(&["", "--person", "jose angel gurria"]);
    assert_eq!(gurria, vec!["text/latin1-cp1252.txt"]);
    assert_eq!(paths(&["", "--person", "GURRÍA"]), gurria);
    let both = paths(&["", "--person", "Putin", "--person", "Witkoff"]);
    assert!(both.iter().all(|p| putin.contains(p)), "{both:?}");
    assert_eq!(
        paths(&["", "--person", "Angela Merkel", "--person", "Putin"]).len(),
        0
    );
    assert_eq!(paths(&["person:merkel"]).len(), 2);
}

#[test]
fn mentions_filter_by_dates_inside_the_period() {
    let july = paths(&["", "--mentions", "2024-07"]);
    assert!(
        july.contains(&"2024/07/15/breakwater.txt".to_owned()),
        "{july:?}"
    );
    let day = paths(&["", "--mentions", "2024-07-13"]);
    assert!(
        day.contains(&"2024/07/15/breakwater.txt".to_owned()),
        "{day:?}"
    );
    let march_2026 = paths(&["", "--mentions", "2026-03"]);
    assert_eq!(march_2026, vec!["2025-02-28/impossible-header-date.txt"]);
    assert_eq!(
        paths(&["", "--mentions", "2026-03-01..2026-03-15"]).len(),
        0
    );
    assert_eq!(paths(&["", "--mentions", "1700..1701"]).len(), 0);
}

#[test]
fn weeks_quarters_seasons_and_decades_are_dates_too() {
    let week = paths(&["", "--mentions", "2024-W28"]);
    assert!(
        week.contains(&"2024/07/15/breakwater.txt".to_owned()),
        "2024-W28 is 8-14 July: {week:?}"
    );
    let same = |a: &[&str], b: &[&str]| {
        let (left, right) = (paths(a), paths(b));
        assert!(!left.is_empty(), "{a:?} finds nothing");
        assert_eq!(left, right, "{a:?} vs {b:?}");
    };
    same(
        &["", "--mentions", "2024-Q3"],
        &["", "--mentions", "2024-07..2024-09"],
    );
    same(
        &["", "--mentions", "2024-SU"],
        &["", "--mentions", "2024-06..2024-08"],
    );
    same(
        &["", "--mentions", "2020s"],
        &["", "--mentions", "2020..2029"],
    );
    same(
        &["ferry", "--from", "2025-Q1", "--to", "2025-Q1"],
        &["ferry", "--from", "2025-01", "--to", "2025-03"],
    );
}

#[test]
fn sorting_and_paging() {
    let ws = ingested();
    let newest = ws.search_json(&["ferry", "--sort", "newest", "--limit", "3"]);
    let dates: Vec<&str> = newest["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates.len(), 3);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let oldest = ws.search_json(&["ferry", "--sort", "oldest", "--limit", "2"]);
    assert_eq!(oldest["hits"][0]["date"], "2019-03-14");
    let page2 = ws.search_json(&["ferry", "--sort", "oldest", "--limit", "1", "--offset", "1"]);
    assert_eq!(page2["hits"][0]["path"], oldest["hits"][1]["path"]);
    assert_eq!(page2["total"], 13);
    // The largest page the API accepts too (2^63 - 1; above it is exit 2).
    let far = ws.search_json(&[
        "ferry",
        "--offset",
        "9223372036854775807",
        "--limit",
        "9223372036854775807",
    ]);
    assert_eq!(far["total"], 13);
    assert_eq!(far["hits"].as_array().unwrap().len(), 0);
}

#[test]
fn a_misspelled_word_falls_back_to_close_matches() {
    let run = ingested().run(&["search", "kitiwake"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("no exact match; showing close matches for 'kitiwake'"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("kittiwake") || run.stdout.contains("Kittiwake"));
}

#[test]
fn json_output_has_the_documented_shape() {
    let json = ingested().search_json(&["Putin prayed"]);
    assert_eq!(json["query"], "Putin prayed");
    assert!(json["took_ms"].is_number());
    assert_eq!(json["total"], 1);
    let hit = &json["hits"][0];
    for key in [
        "path",
        "id",
        "date",
        "title",
        "people",
        "dates_mentioned",
        "score",
        "snippet",
        "highlights",
    ] {
        assert!(hit.get(key).is_some(), "missing {key}: {hit}");
    }
    assert_eq!(hit["date"], "2025-03-22");
    assert!(
        hit["people"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "Vladimir Putin"),
        "{hit}"
    );
    let snippet = hit["snippet"].as_str().unwrap();
    assert!(snippet.len() <= 300, "{snippet}");
    let highlights = hit["highlights"].as_array().unwrap();
    assert!(!highlights.is_empty());
    for h in highlights {
        let (a, b) = (
            h[0].as_u64().unwrap() as usize,
            h[1].as_u64().unwrap() as usize,
        );
        let word = snippet[a..b].to_lowercase();
        assert!(word.contains("putin") || word.contains("pray"), "{word}");
    }
}

#[test]
fn exit_codes_follow_grep() {
    let ws = ingested();
    assert_eq!(ws.run(&["search", "gannet"]).code, 0);
    assert_eq!(ws.run(&["search", "zzzqqqxxx"]).code, 1);
    for bad in [
        vec!["search", "\"unbalanced"],
        vec!["search", "ferry", "--from", "2025-13"],
        vec!["search", "ferry", "--from", "2025-Q5"],
        vec!["search", "ferry", "--mentions", "1995s"],
        vec!["search", "ferry", "--to", "yesterday"],
        vec!["search", "ferry", "--mentions", "2025..2024"],
        vec!["search", "ferry", "--sort", "sideways"],
        vec!["search", "ferry", "--limit", "-3"],
        vec!["show", "no/such/article.txt"],
    ] {
        let run = ws.run(&bad);
        assert_eq!(run.code, 2, "{bad:?}: {}", run.stderr);
        assert!(!run.stderr.trim().is_empty(), "{bad:?}");
        assert!(!run.stderr.contains("panicked"), "{bad:?}: {}", run.stderr);
    }
    let first_line = ws.run(&["search", "\"unbalanced"]).stderr;
    assert_eq!(first_line.trim().lines().count(), 1, "{first_line}");
    let no_index = Workspace::empty();
    let run = no_index.run(&["search", "ferry"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no index"), "{}", run.stderr);
    assert!(
        !no_index.index().exists(),
        "a search must not create an index"
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let ws = ingested();
    let piped = ws.run(&["search", "gannet"]);
    assert!(!piped.stdout.contains('\u{1b}'));
    let always = ws.run(&["--color", "always", "search", "gannet"]);
    assert!(always.stdout.contains('\u{1b}'));
    let never = ws.run(&["--color", "never", "search", "gannet"]);
    assert!(!never.stdout.contains('\u{1b}'));
}

#[test]
fn terminal_output_lists_rank_date_title_path_people_and_snippet() {
    let run = ingested().run(&["search", "Putin prayed"]);
    let out = run.stdout;
    assert!(out.contains("1. 2025-03-22"), "{out}");
    assert!(
        out.contains("archive/seed/000_eaf787878c6b65eb.txt"),
        "{out}"
    );
    assert!(out.contains("Vladimir Putin"), "{out}");
    assert!(out.contains("prayed"), "{out}");
}

#[test]
fn show_by_path_id_and_json_lines_entry() {
    let ws = ingested();
    let by_path = ws
        .run(&["show", "--json", "archive/seed/000_eaf787878c6b65eb.txt"])
        .json();
    let id = by_path["id"].as_str().unwrap().to_owned();
    let by_id = ws.run(&["show", "--json", &id]).json();
    assert_eq!(by_id["path"], by_path["path"]);
    for key in [
        "body",
        "date_source",
        "url",
        "authors",
        "person_mentions",
        "date_mentions",
        "people",
        "dates_mentioned",
    ] {
        assert!(by_path.get(key).is_some(), "missing {key}");
    }
    let body = by_path["body"].as_str().unwrap();
    for mention in by_path["person_mentions"].as_array().unwrap() {
        let (a, b) = (
            mention["start"].as_u64().unwrap() as usize,
            mention["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&body[a..b], mention["text"].as_str().unwrap());
    }
    let dates = by_path["date_mentions"].as_array().unwrap();
    let full = dates
        .iter()
        .find(|m| m["text"] == "March 22, 2025")
        .expect("March 22, 2025");
    assert_eq!(full["value"], "2025-03-22");
    assert_eq!(full["granularity"], "day");
    assert_eq!(full["from"], "2025-03-22");
    let line3 = ws
        .run(&["show", "--json", "archive/formats/wire.jsonl:3"])
        .json();
    assert_eq!(line3["title"], "Seagrass survey in the ferry lane");
    let md = ws
        .run(&["show", "--json", "archive/formats/pontoon-vote.md"])
        .json();
    assert_eq!(
        md["authors"],
        serde_json::json!(["Mara Quill", "Tomas Reed"])
    );
    assert!(md["url"].as_str().unwrap().starts_with("http"));
}

#[test]
fn stats_summarise_the_archive() {
    let run = ingested().run(&["stats"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("15 (1 undated)"), "{}", run.stdout);
    assert!(
        run.stdout.contains("2019-03-14 .. 2025-03-22"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("2021       3"), "{}", run.stdout);
}

/// Ids of the hits, in the order given.
fn ranked_ids(workspace: &Workspace, args: &[&str]) -> Vec<String> {
    let json = workspace.search_json(args);
    json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn articles_that_rank_alike_come_in_id_order_whatever_the_history() {
    // Six articles of the same words in other orders: equal scores and one date. Ingested
    // at once, and one by one (six segments, in another order), the pages are the same.
    let texts = [
        "Ferry strike halts crossings.",
        "Crossings halts ferry strike.",
        "Strike halts ferry crossings.",
        "Halts ferry strike crossings.",
        "Ferry crossings halts strike.",
        "Strike crossings halts ferry.",
    ];
    // Writes articles `from..` into the workspace's archive, and only those.
    let write = |workspace: &Workspace, from: usize| {
        let dir = workspace.archive();
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (n, text) in texts.iter().enumerate().skip(from) {
            let body = format!(" date 2025-03-01 \n\nStrike news\n\n{text}\n");
            std::fs::write(dir.join(format!("{n}.txt")), body).unwrap();
        }
    };
    let at_once = Workspace::empty();
    write(&at_once, 0);
    at_once.ingest();
    // The last file alone, then the last two, …: each ingest adds a segment.
    let one_by_one = Workspace::empty();
    for from in (0..texts.len()).rev() {
        write(&one_by_one, from);
        one_by_one.ingest();
    }
    for args in [
        &["ferry", "--limit", "6"][..],
        &["ferry", "--limit", "2", "--offset", "2"],
        &["ferry", "--sort", "newest", "--limit", "3"],
        &["", "--from", "2025-03-01", "--limit", "4"],
    ] {
        let a = ranked_ids(&at_once, args);
        assert_eq!(a, ranked_ids(&one_by_one, args), "{args:?}");
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(a, sorted, "{args:?}: equal ranks in id order");
    }
    let all = ranked_ids(&at_once, &["ferry", "--limit", "6"]);
    assert_eq!(
        ranked_ids(&at_once, &["ferry", "--limit", "2", "--offset", "2"]),
        all[2..4]
    );
}

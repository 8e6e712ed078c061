//! End-to-end tests of archive-level identities (issue 12): a surname alone is linked to
//! the full name the archive uses around the article's date, when that is clear; every
//! command agrees, and an incremental ingest answers as a rebuild of the same files does.

mod common;

use common::Workspace;
use serde_json::Value;

/// Writes an article dated `date` into the workspace's archive.
fn article(ws: &Workspace, name: &str, date: &str, text: &str) {
    let dir = ws.archive();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), format!(" date {date} \n\n{text}\n")).unwrap();
}

fn full_name_articles(ws: &Workspace, first: &str, topic: &str, count: usize) {
    for n in 0..count {
        article(
            ws,
            &format!("{}-{topic}-{n}.txt", first.to_lowercase()),
            &format!("2025-03-{:02}", 10 + n),
            &format!(
                "{first} Witkoff spoke about the {topic} talks in Riyadh on day {n}.\n\n\
                 {first} Witkoff said the {topic} talks would resume next week."
            ),
        );
    }
}

/// Two articles that name only the surname.
fn surname_articles(ws: &Workspace) {
    for n in 0..2 {
        article(
            ws,
            &format!("surname-{n}.txt"),
            "2025-03-20",
            &format!("Ceasefire report {n}.\n\nThe ceasefire talks had gone well, Witkoff said on Tuesday."),
        );
    }
}

fn people(ws: &Workspace) -> Vec<(String, u64)> {
    let json = ws.run(&["people", "--json", "-n", "50"]).json();
    json["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                p["articles"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Everything a user sees of people: the facet, each hit's people, the person filter.
fn answers(ws: &Workspace) -> Value {
    let hits = ws.search_json(&["ceasefire", "-n", "50"]);
    let mut hit_people: Vec<String> = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| format!("{} {}", h["path"], h["people"]))
        .collect();
    hit_people.sort();
    let filtered = ws.search_json(&["", "--person", "Steve Witkoff", "-n", "0"]);
    let field = ws.search_json(&["person:\"Steve Witkoff\"", "-n", "0"]);
    assert_eq!(filtered["total"], field["total"]);
    serde_json::json!({
        "people": people(ws).iter().map(|(n, c)| format!("{n} {c}")).collect::<Vec<_>>(),
        "hits": hit_people,
        "steve": filtered["total"],
    })
}

fn count_of(people: &[(String, u64)], name: &str) -> Option<u64> {
    people.iter().find(|(n, _)| n == name).map(|(_, c)| *c)
}

#[test]
fn a_surname_alone_links_to_the_full_name_everywhere() {
    let ws = Workspace::empty();
    full_name_articles(&ws, "Steve", "peace", 3);
    surname_articles(&ws);
    ws.ingest();
    let listed = people(&ws);
    assert_eq!(count_of(&listed, "Steve Witkoff"), Some(5), "{listed:?}");
    assert_eq!(count_of(&listed, "Witkoff"), None, "{listed:?}");
    let total = ws.search_json(&["", "--person", "Steve Witkoff", "-n", "0"])["total"].clone();
    assert_eq!(total, 5);
    let field = ws.search_json(&["person:\"Steve Witkoff\"", "-n", "0"])["total"].clone();
    assert_eq!(field, 5);
    let hits = ws.search_json(&["ceasefire"]);
    for hit in hits["hits"].as_array().unwrap() {
        assert_eq!(hit["people"], serde_json::json!(["Steve Witkoff"]), "{hit}");
    }
    let shown = ws.run(&["show", "--json", "archive/surname-0.txt"]).json();
    let mention = &shown["person_mentions"][0];
    assert_eq!(mention["text"], "Witkoff");
    assert_eq!(mention["identity"], "Steve Witkoff");
    assert_eq!(mention["linked"], "from the archive");
    assert_eq!(mention["evidence"]["articles"], 3);
    let text = ws.run(&["show", "archive/surname-0.txt"]).stdout;
    assert!(
        text.contains(
            "Witkoff → Steve Witkoff (from the archive: named in full in 3 articles in 2023–2027"
        ),
        "{text}"
    );
}

#[test]
fn a_second_person_of_the_surname_undoes_the_link_and_incremental_equals_rebuild() {
    let ws = Workspace::empty();
    full_name_articles(&ws, "Steve", "peace", 3);
    surname_articles(&ws);
    ws.ingest();
    // Jane Witkoff, as often named in the same weeks: "Witkoff" alone is now ambiguous.
    full_name_articles(&ws, "Jane", "budget", 3);
    ws.ingest();
    let listed = people(&ws);
    assert_eq!(count_of(&listed, "Steve Witkoff"), Some(3), "{listed:?}");
    assert_eq!(count_of(&listed, "Jane Witkoff"), Some(3), "{listed:?}");
    assert_eq!(count_of(&listed, "Witkoff"), Some(2), "{listed:?}");
    let incremental = answers(&ws);
    let rebuilt = ws.run(&["ingest", "--rebuild", "archive"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    assert_eq!(incremental, answers(&ws));

    // Jane's articles go: the link comes back, as in a rebuild without them.
    for n in 0..3 {
        std::fs::remove_file(ws.archive().join(format!("jane-budget-{n}.txt"))).unwrap();
    }
    ws.ingest();
    assert_eq!(count_of(&people(&ws), "Steve Witkoff"), Some(5));
    let incremental = answers(&ws);
    let rebuilt = ws.run(&["ingest", "--rebuild", "archive"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    assert_eq!(incremental, answers(&ws));
}

#[test]
fn a_stale_saved_table_is_not_used() {
    let ws = Workspace::empty();
    full_name_articles(&ws, "Steve", "peace", 3);
    surname_articles(&ws);
    ws.ingest();
    let saved = ws.index().join("identities.bin");
    let linked = std::fs::read(&saved).unwrap();
    // An ingest that ends before it saves the table (killed, or a read-only folder)
    // leaves the old one: the next command must see that it is for other segments.
    full_name_articles(&ws, "Jane", "budget", 3);
    ws.ingest();
    std::fs::write(&saved, &linked).unwrap();
    assert_eq!(count_of(&people(&ws), "Witkoff"), Some(2));
    std::fs::write(&saved, b"not a table").unwrap();
    assert_eq!(count_of(&people(&ws), "Witkoff"), Some(2));
}

#[test]
fn hostile_articles_leave_the_rest_of_the_archive_alone() {
    let ws = Workspace::empty();
    full_name_articles(&ws, "Steve", "peace", 3);
    surname_articles(&ws);
    // Odd Unicode (combining accents, Cyrillic, zero-width joiners), a long list of names,
    // and nothing but capitalised words.
    let odd = "Jose\u{301} Gurri\u{301}a said. Владимир Путин said. Ahmed\u{200d}al\u{200d}Sayed \
               said. Zoe\u{308} Lund\u{200b} said. ";
    article(&ws, "odd.txt", "2025-03-05", &odd.repeat(200));
    let first = [
        "John",
        "Mary",
        "Odette",
        "Jean-Claude",
        "Siobhán",
        "Ahmed",
        "Olga",
        "Wei",
        "Zoë",
        "Raj",
    ];
    let last = [
        "Smith",
        "Fairweather-Ngata",
        "O'Brien",
        "Müller",
        "Witkoff",
        "Ivanov",
        "Nakamura",
        "Dvořák",
        "Okafor",
        "Lindqvist",
    ];
    let list: Vec<String> = (0..20_000)
        .map(|n| format!("{} {}", first[n % 10], last[(n / 10) % 10]))
        .collect();
    article(&ws, "list.txt", "2025-03-06", &list.join(", "));
    let words = [
        "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf",
    ];
    let caps: Vec<&str> = (0..50_000).map(|n| words[(n * 7 + n / 3) % 7]).collect();
    article(&ws, "caps.txt", "2025-03-07", &caps.join(" "));
    ws.ingest();
    let shown = ws.run(&["show", "--json", "archive/odd.txt"]).json();
    // Names are kept as written: here with combining accents.
    let odd_people = shown["people"].as_array().unwrap();
    assert!(
        odd_people.iter().any(|p| p == "Jose\u{301} Gurri\u{301}a"),
        "{odd_people:?}"
    );
    // The list names ten other Witkoffs, and a hundred people in all: a list is no
    // evidence of who "Witkoff" is, so the link to Steve stays.
    let listed = people(&ws);
    assert_eq!(count_of(&listed, "Steve Witkoff"), Some(5), "{listed:?}");
}

#[test]
fn another_form_of_the_given_name_is_the_same_person_and_incremental_equals_rebuild() {
    let ws = Workspace::empty();
    full_name_articles(&ws, "Steve", "peace", 3);
    surname_articles(&ws);
    ws.ingest();
    // The formal form, in the same weeks, and an article with both forms.
    full_name_articles(&ws, "Stephen", "trade", 2);
    article(
        &ws,
        "both.txt",
        "2025-03-21",
        "Stephen Witkoff, known as Steve Witkoff, arrived in Doha.\n\nSteve Witkoff said the ceasefire would hold.",
    );
    ws.ingest();
    let listed = people(&ws);
    assert_eq!(count_of(&listed, "Steve Witkoff"), Some(8), "{listed:?}");
    assert_eq!(count_of(&listed, "Stephen Witkoff"), None, "{listed:?}");
    for name in ["Steve Witkoff", "Stephen Witkoff"] {
        let total = ws.search_json(&["", "--person", name, "-n", "0"])["total"].clone();
        assert_eq!(total, 8, "--person {name}");
        let field = ws.search_json(&[&format!("person:\"{name}\""), "-n", "0"])["total"].clone();
        assert_eq!(field, 8, "person:{name}");
    }
    let hits = ws.search_json(&["ceasefire"]);
    for hit in hits["hits"].as_array().unwrap() {
        assert_eq!(hit["people"], serde_json::json!(["Steve Witkoff"]), "{hit}");
    }
    let shown = ws
        .run(&["show", "--json", "archive/stephen-trade-0.txt"])
        .json();
    let mention = &shown["person_mentions"][0];
    assert_eq!(mention["identity"], "Steve Witkoff", "{shown}");
    assert_eq!(mention["linked"], "from the archive");
    assert_eq!(mention["evidence"]["kind"], "nickname");
    let text = ws.run(&["show", "archive/stephen-trade-0.txt"]).stdout;
    assert!(
        text.contains(
            "Stephen Witkoff → Steve Witkoff (from the archive: another form of the name"
        ),
        "{text}"
    );
    let incremental = answers(&ws);
    let rebuilt = ws.run(&["ingest", "--rebuild", "archive"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    assert_eq!(incremental, answers(&ws));
}

#[test]
fn a_name_the_archive_writes_as_a_firms_is_no_person_and_incremental_equals_rebuild() {
    let ws = Workspace::empty();
    for n in 0..2 {
        article(
            &ws,
            &format!("plain-{n}.txt"),
            "1987-03-10",
            &format!("Brokers report {n}.\n\nE.F. Hutton declined to comment on the offer."),
        );
    }
    ws.ingest();
    assert_eq!(
        count_of(&people(&ws), "E.F. Hutton"),
        Some(2),
        "{:?}",
        people(&ws)
    );
    for n in 0..3 {
        article(
            &ws,
            &format!("firm-{n}.txt"),
            "1987-03-11",
            &format!("Offering {n}.\n\nThe notes were sold through E.F. Hutton and Co, the ceasefire of prices held."),
        );
    }
    ws.ingest();
    let listed = people(&ws);
    assert_eq!(count_of(&listed, "E.F. Hutton"), None, "{listed:?}");
    let shown = ws.run(&["show", "--json", "archive/plain-0.txt"]).json();
    let mention = &shown["person_mentions"][0];
    assert_eq!(mention["linked"], "not a person", "{shown}");
    assert_eq!(mention["firm"]["firm_articles"], 3);
    assert_eq!(mention["firm"]["person_articles"], 2);
    let text = ws.run(&["show", "archive/plain-0.txt"]).stdout;
    assert!(
        text.contains("E.F. Hutton → not a person (the archive writes it as a firm's name in 3 articles, as a person's in 2)"),
        "{text}"
    );
    let hits = ws.search_json(&["comment"]);
    for hit in hits["hits"].as_array().unwrap() {
        assert_eq!(hit["people"], serde_json::json!([]), "{hit}");
    }
    let incremental = answers(&ws);
    let rebuilt = ws.run(&["ingest", "--rebuild", "archive"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    assert_eq!(incremental, answers(&ws));
}

#[test]
fn a_surname_at_the_start_of_a_sentence_is_the_person_the_archive_knows() {
    let ws = Workspace::empty();
    for n in 0..3 {
        article(
            &ws,
            &format!("putin-{n}.txt"),
            "2025-03-12",
            &format!("Kremlin report {n}.\n\nRussian President Vladimir Putin met envoys in Moscow on day {n}."),
        );
    }
    article(
        &ws,
        "alone.txt",
        "2025-03-20",
        "Talks in Riyadh.\n\nPutin has not commented publicly on the talks.",
    );
    // Not a person's context: never linked, whatever the archive knows.
    article(
        &ws,
        "rice.txt",
        "2025-03-20",
        "Markets.\n\nPutin prices rose.",
    );
    ws.ingest();
    let listed = people(&ws);
    assert_eq!(count_of(&listed, "Vladimir Putin"), Some(4), "{listed:?}");
    assert_eq!(count_of(&listed, "Putin"), None, "{listed:?}");
    let total = ws.search_json(&["", "--person", "Vladimir Putin", "-n", "0"])["total"].clone();
    assert_eq!(total, 4);
    let field = ws.search_json(&["person:\"Vladimir Putin\"", "-n", "0"])["total"].clone();
    assert_eq!(field, 4);
    let hits = ws.search_json(&["commented"]);
    assert_eq!(
        hits["hits"][0]["people"],
        serde_json::json!(["Vladimir Putin"])
    );
    let hits = ws.search_json(&["prices"]);
    assert_eq!(hits["hits"][0]["people"], serde_json::json!([]));
    let shown = ws.run(&["show", "--json", "archive/alone.txt"]).json();
    let mention = &shown["person_mentions"][0];
    assert_eq!(mention["text"], "Putin", "{shown}");
    assert_eq!(mention["identity"], "Vladimir Putin");
    assert_eq!(mention["linked"], "from the archive");
    // Without the archive's evidence the word stays no one.
    let ws = Workspace::empty();
    article(
        &ws,
        "alone.txt",
        "2025-03-20",
        "Talks in Riyadh.\n\nPutin has not commented publicly on the talks.",
    );
    ws.ingest();
    assert!(people(&ws).is_empty(), "{:?}", people(&ws));
    let shown = ws.run(&["show", "--json", "archive/alone.txt"]).json();
    assert_eq!(shown["person_mentions"], serde_json::json!([]));
}

#[test]
fn a_name_whose_key_is_one_word_is_searched_without_a_panic() {
    let ws = Workspace::empty();
    full_name_articles(&ws, "Steve", "peace", 3);
    ws.ingest();
    // "Jean-Claude" is two words to the person field and one key: found by the fuzzer.
    for query in [
        vec!["", "--person", "Jean-Claude", "-n", "0"],
        vec!["person:\"Jean-Claude\"", "-n", "0"],
        vec!["person:\"Steve\u{1}Witkoff\"", "-n", "0"],
    ] {
        let run = ws.run(&[&["search", "--json"][..], &query[..]].concat());
        // 1 is "no match"; a panic would be 101, an error "morgue: …" on stderr (where
        // only the help for an empty result may be).
        assert!(
            run.code <= 1 && !run.stderr.contains("morgue:") && !run.stderr.contains("panicked"),
            "{query:?}: {} {}",
            run.code,
            run.stderr
        );
    }
}

//! End-to-end tests of `morgue people` and `morgue timeline` on the ingested fixtures.

mod common;

use common::ingested;

#[test]
fn people_counts_articles_per_person() {
    let ws = ingested();
    let run = ws.run(&["people", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["total"], 15);
    let people = json["people"].as_array().unwrap();
    let count = |name: &str| {
        people
            .iter()
            .find(|p| p["name"] == name)
            .and_then(|p| p["articles"].as_u64())
    };
    assert_eq!(count("Angela Merkel"), Some(2), "{people:?}");
    assert_eq!(count("José Ángel Gurría"), Some(1), "{people:?}");
    let counts: Vec<u64> = people
        .iter()
        .map(|p| p["articles"].as_u64().unwrap())
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most first: {counts:?}"
    );
}

#[test]
fn people_follows_the_query_and_filters() {
    let ws = ingested();
    let json = ws.run(&["people", "--json", "gangway"]).json();
    assert_eq!(json["total"], 1);
    let names: Vec<&str> = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Angela Merkel"), "{names:?}");
    let limited = ws.run(&["people", "--json", "--limit", "1"]).json();
    assert_eq!(limited["people"].as_array().unwrap().len(), 1);
    assert_eq!(ws.run(&["people", "zzzqqqxxx"]).code, 1);
    assert_eq!(ws.run(&["people", "ferry", "--from", "2025-13"]).code, 2);
}

#[test]
fn timeline_counts_articles_per_year_with_empty_years_filled() {
    let json = ingested().run(&["timeline", "--json"]).json();
    assert_eq!(json["by"], "year");
    assert_eq!(json["dates"], "published");
    let periods = json["periods"].as_array().unwrap();
    let count = |period: &str| {
        periods
            .iter()
            .find(|p| p["period"] == period)
            .and_then(|p| p["articles"].as_u64())
    };
    assert_eq!(count("2019"), Some(2));
    assert_eq!(count("2021"), Some(3));
    assert_eq!(count("2025"), Some(3));
    let labels: Vec<&str> = periods
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(labels.first(), Some(&"2019"));
    assert_eq!(labels.last(), Some(&"2025"));
    assert_eq!(labels.len(), 7);
}

#[test]
fn timeline_by_month_of_mentioned_dates() {
    let ws = ingested();
    let json = ws
        .run(&[
            "timeline",
            "--json",
            "--by",
            "month",
            "--dates",
            "mentioned",
            "breakwater",
        ])
        .json();
    assert_eq!(json["dates"], "mentioned");
    let periods = json["periods"].as_array().unwrap();
    assert!(
        periods
            .iter()
            .any(|p| p["period"] == "2024-07" && p["articles"] == 1),
        "{periods:?}"
    );
    let text = ws.run(&[
        "timeline", "--by", "month", "ferry", "--from", "2021", "--to", "2021",
    ]);
    assert_eq!(text.code, 0);
    assert!(
        text.stdout.contains("2021-02") && text.stdout.contains('█'),
        "{}",
        text.stdout
    );
}

#[test]
fn completions_are_printed_for_each_shell() {
    let ws = common::Workspace::empty();
    for shell in ["bash", "zsh", "fish"] {
        let run = ws.run(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(
            run.stdout.contains("morgue") && run.stdout.contains("timeline"),
            "{shell}"
        );
    }
    assert_eq!(ws.run(&["completions", "tcsh"]).code, 2);
}

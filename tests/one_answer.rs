//! One request, the same rules in every front end (issue 36): the command line, the JSON
//! API and the page take the same filters, refuse the same requests with the same words,
//! and describe what they show truthfully.

mod common;

use std::process::Command;
use std::time::Duration;

use common::{ingested, Server, BIN};
use serde_json::Value;

struct Reply {
    status: u16,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn get(server: &Server, path: &str) -> Reply {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let url = format!("{}{path}", server.url);
    let mut response = agent
        .get(&url)
        .call()
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    Reply {
        status: response.status().as_u16(),
        body: response.body_mut().read_to_string().unwrap(),
    }
}

/// A command's `--json` output, which must have succeeded or found nothing.
fn cli_json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let run = ingested().run(&all);
    assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    run.json()
}

#[test]
fn reversed_dates_are_refused_with_the_same_words_everywhere() {
    let server = Server::start(ingested());
    for (command, endpoint) in [
        ("search", "/api/search"),
        ("people", "/api/people"),
        ("timeline", "/api/timeline"),
    ] {
        let run = ingested().run(&[command, "x", "--from", "1988", "--to", "1987"]);
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{command}: {}", run.stderr);
        let api = get(&server, &format!("{endpoint}?q=x&from=1988&to=1987"));
        assert_eq!(api.status, 400, "{endpoint}: {}", api.body);
        let api = api.json();
        assert_eq!(api["parameter"], "to");
        let message = api["error"].as_str().unwrap();
        assert_eq!(
            message,
            "invalid to: \"1987\" ends before from \"1988\" starts"
        );
        assert_eq!(
            run.stderr.trim_end(),
            format!("morgue: {message}"),
            "{command}"
        );
    }
    let page = get(&server, "/?q=x&from=1988&to=1987");
    assert_eq!(page.status, 400);
    assert!(
        page.body
            .contains("ends before from &quot;1988&quot; starts")
            || page.body.contains("ends before from \"1988\" starts"),
        "{}",
        page.body
    );
    // A bad date is named the same way too.
    let run = ingested().run(&["search", "x", "--from", "March"]);
    let api = get(&server, "/api/search?q=x&from=March").json();
    assert_eq!(
        run.stderr.trim_end(),
        format!("morgue: {}", api["error"].as_str().unwrap())
    );
    // One period may start and end the range.
    let run = ingested().run(&["search", "", "--from", "2025-03-15", "--to", "2025-03"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
}

#[test]
fn mentions_is_the_same_filter_in_every_command() {
    let server = Server::start(ingested());
    let search = cli_json(&["search", "", "--mentions", "2024-07"]);
    let total = search["total"].as_u64().unwrap();
    assert!(total >= 1, "{search}");
    let people = cli_json(&["people", "", "--mentions", "2024-07"]);
    assert_eq!(people["total"].as_u64(), Some(total), "{people}");
    let timeline = cli_json(&["timeline", "", "--mentions", "2024-07"]);
    assert_eq!(timeline["total"].as_u64(), Some(total), "{timeline}");
    assert_eq!(timeline["dates"], "published");
    let counted: u64 = timeline["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["articles"].as_u64().unwrap())
        .sum();
    assert!(counted <= total);
    // The API reads `mentions` the same way.
    let api = get(&server, "/api/timeline?mentions=2024-07").json();
    assert_eq!(api, timeline);
    let api = get(&server, "/api/people?mentions=2024-07").json();
    assert_eq!(api, people);
    // Counting by the dates mentioned is an option of its own, as the API's `dates`.
    let by_mentioned = cli_json(&[
        "timeline",
        "breakwater",
        "--by",
        "month",
        "--dates",
        "mentioned",
    ]);
    assert_eq!(by_mentioned["dates"], "mentioned");
    let api = get(
        &server,
        "/api/timeline?q=breakwater&by=month&dates=mentioned",
    )
    .json();
    assert_eq!(api, by_mentioned);
    let flag = ingested().run(&["timeline", "--mentions"]);
    assert_eq!(flag.code, 2, "--mentions takes a date now: {}", flag.stderr);
}

#[test]
fn an_open_ended_mentions_range_reaches_the_end_of_time() {
    let open = cli_json(&["search", "", "--mentions", "2024..", "--limit", "100"]);
    let closed = cli_json(&["search", "", "--mentions", "2024..9999", "--limit", "100"]);
    assert!(open["total"].as_u64().unwrap() >= 1, "{open}");
    assert_eq!(open["total"], closed["total"]);
}

#[test]
fn the_date_flags_list_every_date_form() {
    for command in ["search", "people", "timeline"] {
        let help = ingested().run(&[command, "--help"]).stdout;
        for form in [
            "2025",
            "2025-03",
            "2025-03-22",
            "2025-W12",
            "2025-Q1",
            "2024-SU",
            "1990s",
            "FROM..TO",
        ] {
            assert!(help.contains(form), "{command} --help lacks {form}: {help}");
        }
    }
}

#[test]
fn the_page_takes_every_date_form_and_a_mentions_field() {
    let server = Server::start(ingested());
    let reply = get(&server, "/?q=&from=2025-Q1&to=2025-W12&mentions=2024-SU");
    assert_eq!(reply.status, 200, "{}", reply.body);
    let html = reply.body;
    // No pattern of its own: the server's parser is the only judge of a date.
    assert!(!html.contains("pattern="), "{html}");
    assert!(
        html.contains(r#"<input id="mentions" name="mentions" value="2024-SU""#),
        "{html}"
    );
    assert!(html.contains(r#"<input id="from" name="from" value="2025-Q1""#));
    assert!(!html.contains(r#"type="hidden" name="mentions""#));
    let api = get(
        &server,
        "/api/search?from=2025-Q1&to=2025-W12&mentions=2024-SU",
    )
    .json();
    let cli = cli_json(&[
        "search",
        "",
        "--from",
        "2025-Q1",
        "--to",
        "2025-W12",
        "--mentions",
        "2024-SU",
    ]);
    assert_eq!(api["total"], cli["total"]);
}

#[test]
fn timeline_says_when_nothing_matches() {
    let run = ingested().run(&["timeline", "zzzqqqxxx"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout.trim(), "0 matching articles");
    let people = ingested().run(&["people", "zzzqqqxxx"]);
    assert_eq!(people.code, 1);
    assert_eq!(people.stdout.trim(), "0 matching articles");
    let json = cli_json(&["timeline", "zzzqqqxxx"]);
    assert_eq!(json["total"], 0);
    let found = ingested().run(&["timeline", "ferry"]);
    assert_eq!(found.code, 0);
    assert!(
        found.stdout.trim_end().ends_with(" matching articles"),
        "{}",
        found.stdout
    );
}

#[test]
fn the_usage_line_does_not_make_the_index_look_required() {
    for env in [None, Some("somewhere")] {
        let mut command = Command::new(BIN);
        command.env_remove("MORGUE_INDEX").arg("search");
        if let Some(index) = env {
            command.env("MORGUE_INDEX", index);
        }
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        let usage = stderr
            .lines()
            .find(|line| line.starts_with("Usage:"))
            .unwrap_or_else(|| panic!("no usage: {stderr}"));
        assert!(!usage.contains("--index"), "{usage}");
    }
    // The environment still chooses the index.
    let ws = ingested();
    let run = Command::new(BIN)
        .current_dir(ws.dir.path())
        .env("MORGUE_INDEX", ws.index())
        .args(["search", "ferry"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
}

#[test]
fn the_page_says_the_order_the_sort_box_shows() {
    let server = Server::start(ingested());
    let home = get(&server, "/").body;
    assert!(home.contains("newest first."), "{home}");
    assert!(
        home.contains(r#"<option value="newest" selected>"#),
        "{home}"
    );
    assert!(!home.contains(r#"<option value="relevance" selected>"#));
    let words = get(&server, "/?q=ferry").body;
    assert!(words.contains("best match first."), "{words}");
    assert!(words.contains(r#"<option value="relevance" selected>"#));
    let oldest = get(&server, "/?q=&sort=oldest").body;
    assert!(oldest.contains("oldest first."), "{oldest}");
    assert!(oldest.contains(r#"<option value="oldest" selected>"#));
    assert!(!oldest.contains("newest first"));
}

/// The JSON without the one field that differs between two runs of the same search.
fn without_timing(mut json: Value) -> Value {
    json.as_object_mut().unwrap().remove("took_ms");
    json
}

#[test]
fn an_empty_search_says_which_filter_emptied_it() {
    let server = Server::start(ingested());
    let all = cli_json(&["search", "ferry"])["total"].as_u64().unwrap();
    assert!(all > 0);
    let run = ingested().run(&["search", "ferry", "--from", "2030"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.trim_end(),
        format!("0 matches with --from 2030; {all} without")
    );
    let json = cli_json(&["search", "ferry", "--from", "2030"]);
    assert_eq!(json["total"], 0);
    assert_eq!(
        json["no_match"]["without"],
        serde_json::json!([{"filter": "from", "value": "2030", "total": all}])
    );
    let api = get(&server, "/api/search?q=ferry&from=2030").json();
    assert_eq!(without_timing(api), without_timing(json));
    // The page links to the search without the filter, with its count.
    let page = get(&server, "/?q=ferry&from=2030").body;
    assert!(
        page.contains(&format!(
            r#"<a href="/?q=ferry">without from 2030</a>: {all} articles"#
        )),
        "{page}"
    );
    // Something found: nothing to explain.
    assert!(cli_json(&["search", "ferry"]).get("no_match").is_none());
}

#[test]
fn each_of_several_filters_is_counted_without() {
    let run = ingested().run(&[
        "search",
        "",
        "--person",
        "Angela Merkel",
        "--person",
        "Putin",
    ]);
    assert_eq!(run.code, 1);
    let line = run.stderr.trim_end();
    assert!(
        line.starts_with("0 matches with --person 'Angela Merkel', --person Putin; "),
        "{line}"
    );
    let json = cli_json(&[
        "search",
        "",
        "--person",
        "Angela Merkel",
        "--person",
        "Putin",
    ]);
    let without = json["no_match"]["without"].as_array().unwrap();
    assert_eq!(without.len(), 2);
    // Without Merkel: the Putin articles; without Putin: Merkel's.
    let putin = cli_json(&["search", "", "--person", "Putin"])["total"].clone();
    let merkel = cli_json(&["search", "", "--person", "Angela Merkel"])["total"].clone();
    assert_eq!(without[0]["total"], putin);
    assert_eq!(without[1]["total"], merkel);
    assert!(
        line.contains(&format!("{putin} without --person 'Angela Merkel'")),
        "{line}"
    );
    // Two date filters that each leave nothing: the words alone are counted too.
    let json = cli_json(&["search", "ferry", "--from", "2030", "--mentions", "1700"]);
    let all = cli_json(&["search", "ferry"])["total"].clone();
    assert_eq!(json["no_match"]["without_any"], all, "{json}");
}

#[test]
fn an_unknown_word_gets_the_close_words_of_the_archive() {
    let server = Server::start(ingested());
    let run = ingested().run(&["search", "gannett", "--from", "2030"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "0 close matches with --from 2030; 1 without",
            "no article has 'gannett'; close words in the archive: gannet"
        ]
    );
    let json = cli_json(&["search", "gannett", "--from", "2030"]);
    assert_eq!(
        json["no_match"]["close_words"],
        serde_json::json!({"gannett": ["gannet"]})
    );
    assert_eq!(json["no_match"]["close_matches"], true);
    let page = get(&server, "/?q=gannett&from=2030").body;
    assert!(
        page.contains("close words in the archive: gannet."),
        "{page}"
    );
    // A word with nothing close to it is said so.
    let run = ingested().run(&["search", "ferry zzqqxx"]);
    assert_eq!(
        run.stderr.trim_end(),
        "no article has 'zzqqxx' or a word close to it"
    );
}

#[test]
fn close_matches_are_one_set_for_every_command_and_panel() {
    let server = Server::start(ingested());
    let fuzzy = serde_json::json!({"Witkof": ["witkoff"]});
    let search = cli_json(&["search", "Witkof", "--limit", "100"]);
    let total = search["total"].clone();
    assert!(total.as_u64().unwrap() >= 1, "{search}");
    assert_eq!(search["fuzzy"], fuzzy);
    let people = cli_json(&["people", "Witkof"]);
    assert_eq!(people["total"], total, "{people}");
    assert_eq!(people["fuzzy"], fuzzy);
    let names: Vec<&str> = people["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Steve Witkoff"), "{names:?}");
    let timeline = cli_json(&["timeline", "Witkof"]);
    assert_eq!(timeline["total"], total, "{timeline}");
    assert_eq!(timeline["fuzzy"], fuzzy);
    // Each says so on stderr, in the same words.
    for command in ["search", "people", "timeline"] {
        let run = ingested().run(&[command, "Witkof"]);
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
        assert_eq!(
            run.stderr.trim_end(),
            "no exact match; showing close matches for 'Witkof' (witkoff)",
            "{command}"
        );
    }
    // The API answers the same.
    assert_eq!(get(&server, "/api/people?q=Witkof").json(), people);
    assert_eq!(get(&server, "/api/timeline?q=Witkof").json(), timeline);
    let api = get(&server, "/api/search?q=Witkof&limit=100").json();
    assert_eq!(without_timing(api), without_timing(search));
    // The page's panels count the articles it lists.
    let page = get(&server, "/?q=Witkof").body;
    assert!(page.contains("“Witkof” (witkoff)"), "{page}");
    assert!(
        !page.contains("Nobody is named in these articles"),
        "{page}"
    );
    assert!(!page.contains("No dated articles"), "{page}");
    assert!(page.contains("Steve Witkoff"));
    // Words matched as written are not close matches.
    assert!(cli_json(&["people", "Witkoff"]).get("fuzzy").is_none());
}

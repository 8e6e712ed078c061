//! The date-mention regression set: real news sentences with the dates they mention and
//! their values, and look-alike sentences that mention none
//! (`tests/fixtures/dates/regression.tsv`; its header says how it was made).

use chrono::NaiveDate;
use morgue::extract::dates::RuleBasedDates;
use morgue::extract::DateExtractor;

const REGRESSION: &str = include_str!("fixtures/dates/regression.tsv");

struct Case<'a> {
    line: usize,
    publication_date: Option<NaiveDate>,
    sentence: &'a str,
    expected: Vec<(&'a str, &'a str)>,
}

fn cases() -> Vec<Case<'static>> {
    let mut out = Vec::new();
    for (n, line) in REGRESSION.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            fields.len(),
            3,
            "line {}: three tab-separated fields",
            n + 1
        );
        let publication_date = if fields[0].is_empty() {
            None
        } else {
            Some(
                NaiveDate::parse_from_str(fields[0], "%Y-%m-%d")
                    .unwrap_or_else(|e| panic!("line {}: {e}", n + 1)),
            )
        };
        let expected = if fields[2] == "-" {
            Vec::new()
        } else {
            fields[2]
                .split(" | ")
                .map(|m| {
                    m.split_once(" => ")
                        .unwrap_or_else(|| panic!("line {}: `text => value`", n + 1))
                })
                .collect()
        };
        out.push(Case {
            line: n + 1,
            publication_date,
            sentence: fields[1],
            expected,
        });
    }
    out
}

#[test]
fn regression_set() {
    let cases = cases();
    let expressions: usize = cases.iter().map(|c| c.expected.len()).sum();
    let look_alikes = cases.iter().filter(|c| c.expected.is_empty()).count();
    assert!(expressions >= 150, "only {expressions} expressions");
    assert!(look_alikes >= 50, "only {look_alikes} look-alike sentences");

    let mut failures = Vec::new();
    for case in &cases {
        let got = RuleBasedDates.extract_dates(case.sentence, case.publication_date);
        let got: Vec<(&str, &str)> = got
            .iter()
            .map(|m| (&case.sentence[m.start..m.end], m.value.as_str()))
            .collect();
        if got != case.expected {
            let show = |v: &[(&str, &str)]| {
                if v.is_empty() {
                    "-".to_string()
                } else {
                    v.iter()
                        .map(|(t, v)| format!("{t} => {v}"))
                        .collect::<Vec<_>>()
                        .join(" | ")
                }
            };
            failures.push(format!(
                "line {} [{}] {}\n  - expected: {}\n  + got:      {}",
                case.line,
                case.publication_date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "no date".into()),
                case.sentence,
                show(&case.expected),
                show(&got),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} regression sentences differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Without a publication date the relative expressions are left out, and whatever is still
/// found is one of the expected mentions with the same value.
#[test]
fn without_a_publication_date_only_absolute_dates_remain() {
    let mut kept = 0;
    for case in cases().iter().filter(|c| c.publication_date.is_some()) {
        for mention in RuleBasedDates.extract_dates(case.sentence, None) {
            let text = &case.sentence[mention.start..mention.end];
            let expected = case.expected.iter().find(|(t, _)| *t == text);
            assert_eq!(
                expected.map(|(_, value)| *value),
                Some(mention.value.as_str()),
                "line {}: {text:?} without a publication date",
                case.line
            );
            kept += 1;
        }
    }
    assert!(kept >= 50, "only {kept} absolute dates kept");
}

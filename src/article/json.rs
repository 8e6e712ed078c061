//! JSON articles: one object per `.json` file, one per line in JSON lines.
//!
//! JSON-lines files are exports of whole feeds, so one bad line must cost that line
//! only: each line becomes its own entry, good or bad.

use serde_json::Value;

use super::fields;
use super::{
    assemble, decode, one_line, text, Article, ArticleError, Context, DateSource, Entry, Sink,
};

pub(crate) fn parse_object(
    text: &str,
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
) -> Result<Article, ArticleError> {
    let value: Value = serde_json::from_str(text).map_err(|err| ArticleError::InvalidJson {
        line: None,
        reason: one_line(&err.to_string(), 160),
    })?;
    article(value, ctx, sink)
}

pub(crate) fn parse_lines(text: &str, ctx: &Context<'_>, warnings: &mut Vec<String>) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        let mut sink = Sink {
            out: warnings,
            line: Some(number),
        };
        let result = serde_json::from_str::<Value>(line)
            .map_err(|err| ArticleError::InvalidJson {
                line: Some(number),
                reason: reason_in_line(&err),
            })
            .and_then(|value| article(value, ctx, &mut sink));
        entries.push(Entry {
            line: Some(number),
            result,
        });
    }
    entries
}

/// serde_json says "at line 1 column 9"; within one line of a bigger file the
/// line is always 1 and would only confuse next to our own line number.
fn reason_in_line(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let message = full.rfind(" at line ").map_or(&full[..], |i| &full[..i]);
    one_line(&format!("{message} at column {}", err.column()), 160)
}

fn article(value: Value, ctx: &Context<'_>, sink: &mut Sink<'_>) -> Result<Article, ArticleError> {
    let Value::Object(obj) = value else {
        return Err(ArticleError::NotAnObject {
            line: sink.line,
            found: kind(&value),
        });
    };
    let raw = fields::text(&obj).ok_or(ArticleError::MissingText { line: sink.line })?;
    // JSON strings may hold "\r\n" escapes that the file-level decoding never saw.
    let body = text::normalize_body(&decode::lf_only(raw));
    let meta = fields::meta(&obj, DateSource::Json);
    assemble(meta, body, false, ctx, sink)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::date::PathDate;
    use chrono::NaiveDate;
    use std::path::Path;

    fn parse_one(json: &str) -> (Result<Article, ArticleError>, Vec<String>) {
        let ctx = Context {
            path_date: PathDate::new(Path::new("feed/a.json")),
        };
        let mut out = Vec::new();
        let mut sink = Sink {
            out: &mut out,
            line: None,
        };
        let result = parse_object(json, &ctx, &mut sink);
        (result, out)
    }

    fn lines(jsonl: &str, path: &str) -> (Vec<Entry>, Vec<String>) {
        let ctx = Context {
            path_date: PathDate::new(Path::new(path)),
        };
        let mut out = Vec::new();
        let entries = parse_lines(jsonl, &ctx, &mut out);
        (entries, out)
    }

    #[test]
    fn full_object() {
        let (a, warnings) = parse_one(
            r#"{"title": "Rates held", "date": "2025-03-22", "text": "Line one\r\nline two\r\n\r\n\r\nNext.",
                "url": "https://x.test", "authors": ["Ann Lee"], "tags": ["economy"]}"#,
        );
        let a = a.unwrap();
        assert!(warnings.is_empty());
        assert_eq!(a.title, "Rates held");
        assert_eq!(a.body, "Line one\nline two\n\nNext.");
        assert_eq!(a.publication_date, NaiveDate::from_ymd_opt(2025, 3, 22));
        assert_eq!(a.date_source, DateSource::Json);
        assert_eq!(a.url.as_deref(), Some("https://x.test"));
        assert_eq!(a.authors, ["Ann Lee"]);
        assert_eq!(a.tags, ["economy"]);
    }

    #[test]
    fn each_key_alias_end_to_end() {
        let cases = [
            (
                r#"{"headline": "H", "published": "2025-03-22", "body": "B."}"#,
                "H",
                "B.",
            ),
            (
                r#"{"title": "T", "publish_date": "2025-03-22 08:00:00", "content": "C."}"#,
                "T",
                "C.",
            ),
            (
                r#"{"title": "T", "published_at": "2025-03-22T08:00:00Z", "maintext": "M."}"#,
                "T",
                "M.",
            ),
            (
                r#"{"title": "T", "datePublished": "2025-03-22", "article": "A."}"#,
                "T",
                "A.",
            ),
            (
                r#"{"title": "T", "date_publish": "2025-03-22 08:00:00", "text": ["P1.", "P2."]}"#,
                "T",
                "P1.\n\nP2.",
            ),
            (
                r#"{"title": "T", "pubDate": "Sat, 22 Mar 2025 10:00:00 GMT", "text": "X."}"#,
                "T",
                "X.",
            ),
        ];
        for (json, title, body) in cases {
            let (a, warnings) = parse_one(json);
            let a = a.unwrap();
            assert!(warnings.is_empty(), "{json}: {warnings:?}");
            assert_eq!((a.title.as_str(), a.body.as_str()), (title, body), "{json}");
            assert_eq!(
                a.publication_date,
                NaiveDate::from_ymd_opt(2025, 3, 22),
                "{json}"
            );
        }
    }

    #[test]
    fn schema_org_article() {
        let (a, _) = parse_one(
            r#"{"@context": "https://schema.org", "@type": "NewsArticle",
                "headline": "Storm hits", "datePublished": "2025-03-22T23:30:00-05:00",
                "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bo Chan"}],
                "keywords": "weather, storms", "articleBody": "ignored", "text": "Winds rose."}"#,
        );
        let a = a.unwrap();
        assert_eq!(a.authors, ["Ann Lee", "Bo Chan"]);
        assert_eq!(a.tags, ["weather", "storms"]);
        assert_eq!(a.publication_date, NaiveDate::from_ymd_opt(2025, 3, 22));
    }

    #[test]
    fn title_rule_applies_without_title_key() {
        let (a, _) = parse_one(r#"{"text": "SHORT HEADLINE\n\nThe story itself."}"#);
        let a = a.unwrap();
        assert_eq!(
            (a.title.as_str(), a.body.as_str()),
            ("SHORT HEADLINE", "The story itself.")
        );
    }

    #[test]
    fn unparseable_date_warns_and_falls_through() {
        let (a, warnings) = parse_one(r#"{"date": "tomorrow", "text": "X."}"#);
        assert_eq!(a.unwrap().date_source, DateSource::None);
        assert_eq!(
            warnings,
            ["date \"tomorrow\" in the JSON is not a recognised date; article left undated"]
        );
    }

    #[test]
    fn whole_file_errors() {
        let err = |json: &str| parse_one(json).0.unwrap_err();
        assert_eq!(
            err("[]").to_string(),
            "expected one article object, found an array; use .jsonl for many"
        );
        assert_eq!(
            err("\"text\"").to_string(),
            "expected one article object, found a string; use .jsonl for many"
        );
        let invalid = err("{\"text\": \"x\",}");
        assert!(
            invalid
                .to_string()
                .starts_with("invalid JSON: trailing comma"),
            "{invalid}"
        );
        assert_eq!(err("{}"), ArticleError::MissingText { line: None });
        assert_eq!(
            err(r#"{"text": "  \n "}"#),
            ArticleError::MissingText { line: None }
        );
        // Deep nesting hits serde_json's limit instead of the stack.
        assert!(matches!(
            err(&"[".repeat(100_000)),
            ArticleError::InvalidJson { .. }
        ));
    }

    #[test]
    fn jsonl_lines_are_independent() {
        let (entries, warnings) = lines(
            "{\"text\": \"A.\"}\n   \n{\"text\": \"B.\",\n{\"text\": \"C.\", \"date\": \"2025-02-30\"}\n\"x\"\n{\"body\": \"E.\"}",
            "2025/03/01/feed.jsonl",
        );
        let summary: Vec<_> = entries
            .iter()
            .map(|e| {
                (
                    e.line,
                    e.result
                        .as_ref()
                        .map(|a| a.body.as_str())
                        .map_err(|e| e.to_string()),
                )
            })
            .collect();
        assert_eq!(summary[0], (Some(1), Ok("A.")));
        assert_eq!(summary[1].0, Some(3));
        let bad = summary[1].1.clone().unwrap_err();
        assert!(
            bad.starts_with("line 3: invalid JSON: EOF while parsing a value at column"),
            "{bad}"
        );
        assert_eq!(summary[2], (Some(4), Ok("C.")));
        assert_eq!(
            summary[3],
            (
                Some(5),
                Err("line 5: expected an article object, found a string".to_owned())
            )
        );
        assert_eq!(summary[4], (Some(6), Ok("E.")));
        assert_eq!(
            warnings,
            ["line 4: date 2025-02-30 in the JSON is not a real date; using the date in the path"]
        );
        let c = entries[2].result.as_ref().unwrap();
        assert_eq!(c.date_source, DateSource::Path);
        assert_eq!(c.publication_date, NaiveDate::from_ymd_opt(2025, 3, 1));
    }

    #[test]
    fn jsonl_missing_text_names_the_line() {
        let (entries, _) = lines("{\"title\": \"x\"}\n", "a.jsonl");
        assert_eq!(
            entries[0].result.as_ref().unwrap_err(),
            &ArticleError::MissingText { line: Some(1) }
        );
        assert!(entries[0]
            .result
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("line 1: no article text"));
    }
}

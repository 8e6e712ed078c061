//! YAML front matter, as static-site generators and note apps write it.
//!
//! Invalid YAML is a warning, not an error: the article text is still there and
//! worth indexing, only its metadata is lost.

use serde_json::{Map, Value as Json};
use serde_yaml_ng::Value as Yaml;

use super::fields::{self, Meta};
use super::{one_line, DateSource, Sink};

pub(crate) enum Split<'a> {
    /// The text does not start with a `---` line.
    None,
    /// It does, but no closing `---` or `...` line follows.
    Unclosed,
    Found {
        yaml: &'a str,
        body: &'a str,
    },
}

/// Finds front matter: after optional white space, a `---` line, YAML, then a
/// `---` or `...` line. Trailing spaces on the fence lines are tolerated.
pub(crate) fn split(text: &str) -> Split<'_> {
    let s = text.trim_start();
    let Some(after_open) = strip_fence_line(s, "---") else {
        return Split::None;
    };
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        let content = line.trim_end();
        if content == "---" || content == "..." {
            return Split::Found {
                yaml: &after_open[..offset],
                body: &after_open[offset + line.len()..],
            };
        }
        offset += line.len();
    }
    Split::Unclosed
}

/// If `s` starts with a line that is `fence` (plus trailing blanks), the rest.
fn strip_fence_line<'a>(s: &'a str, fence: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(fence)?;
    let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
    line.trim().is_empty().then_some(after)
}

pub(crate) fn meta(yaml: &str, sink: &mut Sink<'_>) -> Meta {
    if yaml.trim().is_empty() {
        return Meta::default();
    }
    match serde_yaml_ng::from_str::<Yaml>(yaml) {
        Ok(Yaml::Mapping(mapping)) => {
            let map: Map<String, Json> = mapping
                .into_iter()
                .filter_map(|(key, value)| Some((key_text(key)?, to_json(value))))
                .collect();
            fields::meta(&map, DateSource::FrontMatter)
        }
        Ok(Yaml::Null) => Meta::default(),
        Ok(_) => {
            sink.warn("front matter is not a YAML mapping (key: value lines); ignored".to_owned());
            Meta::default()
        }
        Err(err) => {
            sink.warn(format!(
                "front matter is not valid YAML: {}",
                one_line(&err.to_string(), 160)
            ));
            Meta::default()
        }
    }
}

fn key_text(key: Yaml) -> Option<String> {
    match key {
        Yaml::String(s) => Some(s),
        Yaml::Number(n) => Some(n.to_string()),
        Yaml::Bool(b) => Some(b.to_string()),
        Yaml::Tagged(tagged) => key_text(tagged.value),
        _ => None,
    }
}

/// Lets front matter share the JSON field rules. The parser's nesting limit bounds
/// the recursion.
fn to_json(value: Yaml) -> Json {
    match value {
        Yaml::Null => Json::Null,
        Yaml::Bool(b) => Json::Bool(b),
        Yaml::Number(n) => {
            if let Some(i) = n.as_i64() {
                Json::from(i)
            } else if let Some(u) = n.as_u64() {
                Json::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(|| Json::String(n.to_string()), Json::Number)
            }
        }
        Yaml::String(s) => Json::String(s),
        Yaml::Sequence(items) => Json::Array(items.into_iter().map(to_json).collect()),
        Yaml::Mapping(mapping) => Json::Object(
            mapping
                .into_iter()
                .filter_map(|(key, value)| Some((key_text(key)?, to_json(value))))
                .collect(),
        ),
        Yaml::Tagged(tagged) => to_json(tagged.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn found(text: &str) -> (&str, &str) {
        match split(text) {
            Split::Found { yaml, body } => (yaml, body),
            Split::None => panic!("no front matter in {text:?}"),
            Split::Unclosed => panic!("unclosed front matter in {text:?}"),
        }
    }

    fn parse(yaml: &str) -> (Meta, Vec<String>) {
        let mut out = Vec::new();
        let mut sink = Sink {
            out: &mut out,
            line: None,
        };
        let meta = meta(yaml, &mut sink);
        (meta, out)
    }

    fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, super::super::date::Problem> {
        Ok(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn splitting() {
        assert_eq!(
            found("---\ntitle: A\n---\nBody\n"),
            ("title: A\n", "Body\n")
        );
        assert_eq!(found("\n  ---  \na: 1\n...\nBody"), ("a: 1\n", "Body"));
        assert_eq!(found("---\n---\nBody"), ("", "Body"));
        assert_eq!(found("---\na: 1\n---"), ("a: 1\n", ""));
        assert!(matches!(split("Body\n---\nx\n---\n"), Split::None));
        assert!(matches!(split("----\nx\n---\n"), Split::None));
        assert!(matches!(split("--- x\nx\n---\n"), Split::None));
        assert!(matches!(split("---\nno end\n"), Split::Unclosed));
        assert!(matches!(split("---"), Split::Unclosed));
    }

    #[test]
    fn fields_and_date_forms() {
        let (m, warnings) = parse("title: Budget passes\ndate: 2025-03-22T10:30:00Z\nauthors:\n  - Ann Lee\n  - Bo Chan\nurl: https://example.org/x\nkeywords: [politics, budget]\n");
        assert!(warnings.is_empty());
        assert_eq!(m.title.as_deref(), Some("Budget passes"));
        assert_eq!(m.date.unwrap().value(), day(2025, 3, 22));
        assert_eq!(m.authors, ["Ann Lee", "Bo Chan"]);
        assert_eq!(m.url.as_deref(), Some("https://example.org/x"));
        assert_eq!(m.tags, ["politics", "budget"]);

        for date in [
            "2025-03-22",
            "2025-03-22 10:30",
            "'2025-03-22'",
            "2025-03-22T10:30:00+02:00",
        ] {
            let (m, _) = parse(&format!("date: {date}\n"));
            assert_eq!(m.date.unwrap().value(), day(2025, 3, 22), "{date}");
        }
        let (m, _) = parse("author: Ann Lee\nlink: https://a.test\ntags: a\n");
        assert_eq!(
            (m.authors, m.url.as_deref(), m.tags),
            (
                vec!["Ann Lee".to_owned()],
                Some("https://a.test"),
                vec!["a".to_owned()]
            )
        );
        let (m, _) = parse("title: 1984\n2025: numeric key\n? [complex]\n: key\n");
        assert_eq!(m.title.as_deref(), Some("1984"));
        let (m, _) = parse("author: !person {name: Ann Lee}\n");
        assert_eq!(m.authors, ["Ann Lee"]);
    }

    #[test]
    fn bad_front_matter_warns() {
        let (m, warnings) = parse("title: [unclosed\n");
        assert!(m.title.is_none());
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with("front matter is not valid YAML: "),
            "{warnings:?}"
        );
        assert!(!warnings[0].contains('\n'));

        let (_, warnings) = parse("- a\n- b\n");
        assert_eq!(
            warnings,
            ["front matter is not a YAML mapping (key: value lines); ignored"]
        );
        let (m, warnings) = parse("# only a comment\n");
        assert!(warnings.is_empty() && m.title.is_none());
    }

    #[test]
    fn alias_bomb_is_refused_not_expanded() {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..30 {
            let p = i - 1;
            yaml.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let (_, warnings) = parse(&yaml);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }
}

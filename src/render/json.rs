//! The JSON shapes of `search --json` and `show --json`. Later features keep these shapes.

use serde::Serialize;

use super::display_location;
use crate::extract::{DateMention, PersonMention};
use crate::identity::{FirmEvidence, Link};
use crate::index::document::StoredArticle;
use crate::path_text::is_unsafe_to_show;
use crate::people::PeopleCounts;
use crate::search::{FuzzyWords, Hit, NoMatch, SearchResponse};
use crate::show::{ArticleDetails, Linked, PersonIdentity};
use crate::timeline::{Bucket, DateBasis, Timeline};

/// `value` as JSON in which no character [`is_unsafe_to_show`] appears as itself:
/// serde_json escapes C0 controls already; DEL, C1 controls and bidirectional overrides
/// are written `\uXXXX` too, so the JSON a terminal shows cannot drive it, and parses to
/// the same strings (byte offsets into them stay right).
pub fn to_json(value: &impl Serialize) -> String {
    let mut out = Vec::with_capacity(256);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, TerminalSafe);
    if value.serialize(&mut serializer).is_err() {
        return String::new();
    }
    // The serializer writes UTF-8 and the formatter only ASCII escapes.
    String::from_utf8(out).unwrap_or_default()
}

struct TerminalSafe;

impl serde_json::ser::Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut copied = 0;
        for (at, character) in fragment.char_indices() {
            if is_unsafe_to_show(character) {
                writer.write_all(&fragment.as_bytes()[copied..at])?;
                write!(writer, "\\u{:04x}", u32::from(character))?;
                copied = at + character.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[copied..])
    }
}

#[derive(Serialize)]
pub struct HitJson<'a> {
    pub path: String,
    pub id: &'a str,
    /// `YYYY-MM-DD` or null.
    pub date: Option<String>,
    pub title: &'a str,
    /// Linked full names as written.
    pub people: &'a [String],
    pub dates_mentioned: &'a [String],
    /// BM25 score; null when sorted by date.
    pub score: Option<f32>,
    pub snippet: &'a str,
    /// Byte offsets into `snippet`.
    pub highlights: &'a [(usize, usize)],
}

#[derive(Serialize)]
pub struct SearchJson<'a> {
    pub query: &'a str,
    pub total: usize,
    pub took_ms: f64,
    pub hits: Vec<HitJson<'a>>,
    /// Only when the hits are close matches: each word matched with typo tolerance, as
    /// typed, with the archive's words close to it.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub fuzzy: serde_json::Map<String, serde_json::Value>,
    /// Only when nothing matched and there is something to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_match: Option<NoMatchJson<'a>>,
}

#[derive(Serialize)]
pub struct WithoutJson<'a> {
    /// `from`, `to`, `mentions` or `person`.
    pub filter: &'a str,
    pub value: &'a str,
    /// Matches with every other filter kept.
    pub total: usize,
}

/// Why a search found nothing ([`NoMatch`]).
#[derive(Serialize)]
pub struct NoMatchJson<'a> {
    pub without: Vec<WithoutJson<'a>>,
    pub without_any: Option<usize>,
    /// Each unknown word, as typed, with the close words the archive holds.
    pub close_words: serde_json::Map<String, serde_json::Value>,
    /// Whether the counts are of close matches.
    pub close_matches: bool,
}

/// `{"Thacher": ["thatcher"]}`: each word as typed, with its close words.
fn words_json(words: &FuzzyWords) -> serde_json::Map<String, serde_json::Value> {
    words
        .iter()
        .map(|(word, close)| (word.clone(), serde_json::json!(close)))
        .collect()
}

fn no_match_json(help: &NoMatch) -> NoMatchJson<'_> {
    NoMatchJson {
        without: help
            .without
            .iter()
            .map(|w| WithoutJson {
                filter: w.parameter,
                value: &w.value,
                total: w.total,
            })
            .collect(),
        without_any: help.without_any,
        close_words: words_json(&help.close_words),
        close_matches: help.counts_close_matches,
    }
}

fn hit_fields<'a>(
    article: &'a StoredArticle,
    score: Option<f32>,
    snippet: &'a str,
    highlights: &'a [(usize, usize)],
) -> HitJson<'a> {
    HitJson {
        path: display_location(&article.file, article.member.as_deref(), article.line),
        id: &article.id,
        date: article
            .publication_date
            .map(|d| d.format("%Y-%m-%d").to_string()),
        title: &article.title,
        people: &article.people,
        dates_mentioned: &article.dates_mentioned,
        score,
        snippet,
        highlights,
    }
}

fn hit_json(hit: &Hit) -> HitJson<'_> {
    hit_fields(
        &hit.article,
        hit.score,
        &hit.snippet.text,
        &hit.snippet.highlights,
    )
}

pub fn search_json(response: &SearchResponse) -> String {
    let json = SearchJson {
        query: &response.query,
        total: response.total,
        took_ms: (response.took_ms * 1000.0).round() / 1000.0,
        hits: response.hits.iter().map(hit_json).collect(),
        fuzzy: words_json(&response.fuzzy),
        no_match: response.no_match.as_ref().map(no_match_json),
    };
    to_json(&json)
}

#[derive(Serialize)]
struct DateMentionJson<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    value: &'a str,
    from: String,
    to: String,
    granularity: &'static str,
}

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    hit: HitJson<'a>,
    body: &'a str,
    date_source: &'a str,
    /// When a web archive or an MHTML file captured the page, `YYYY-MM-DD`.
    captured: Option<String>,
    url: Option<&'a str>,
    site: Option<&'a str>,
    authors: &'a [String],
    tags: &'a [String],
    person_mentions: Vec<PersonMentionJson<'a>>,
    date_mentions: Vec<DateMentionJson<'a>>,
}

#[derive(Serialize)]
struct PersonMentionJson<'a> {
    #[serde(flatten)]
    mention: &'a PersonMention,
    /// The name the archive lists the person under.
    identity: &'a str,
    /// "as written", "in the article", "from the archive" or "not a person".
    linked: &'static str,
    /// For a link from the archive: the evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a Link>,
    /// For a name the archive takes for a firm's: how often it writes it as one.
    #[serde(skip_serializing_if = "Option::is_none")]
    firm: Option<&'a FirmEvidence>,
}

fn person_mention_json<'a>(
    mention: &'a PersonMention,
    identity: &'a PersonIdentity,
) -> PersonMentionJson<'a> {
    let (linked, evidence, firm) = match &identity.how {
        Linked::AsWritten => ("as written", None, None),
        Linked::InArticle => ("in the article", None, None),
        Linked::FromArchive(link) => ("from the archive", Some(link), None),
        Linked::Firm(firm) => ("not a person", None, Some(firm)),
    };
    PersonMentionJson {
        mention,
        identity: &identity.name,
        linked,
        evidence,
        firm,
    }
}

fn date_mention_json(mention: &DateMention) -> DateMentionJson<'_> {
    DateMentionJson {
        text: &mention.text,
        start: mention.start,
        end: mention.end,
        value: &mention.value,
        from: mention.from.format("%Y-%m-%d").to_string(),
        to: mention.to.format("%Y-%m-%d").to_string(),
        granularity: mention.granularity.as_str(),
    }
}

pub fn show_json(details: &ArticleDetails) -> String {
    let article = &details.article;
    let json = ShowJson {
        hit: hit_fields(article, None, "", &[]),
        body: &article.body,
        date_source: &article.date_source,
        captured: article.captured.map(|d| d.format("%Y-%m-%d").to_string()),
        url: article.url.as_deref(),
        site: article.site.as_deref(),
        authors: &article.authors,
        tags: &article.tags,
        person_mentions: details
            .person_mentions
            .iter()
            .zip(&details.person_identities)
            .map(|(mention, identity)| person_mention_json(mention, identity))
            .collect(),
        date_mentions: details
            .date_mentions
            .iter()
            .map(date_mention_json)
            .collect(),
    };
    to_json(&json)
}

#[derive(Serialize)]
struct PersonCountJson<'a> {
    name: &'a str,
    articles: u64,
}

#[derive(Serialize)]
struct PeopleJson<'a> {
    query: &'a str,
    /// Matching articles in all.
    total: usize,
    people: Vec<PersonCountJson<'a>>,
    /// As in the search JSON: only when the articles are close matches.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    fuzzy: serde_json::Map<String, serde_json::Value>,
}

pub fn people_json(query: &str, counts: &PeopleCounts) -> String {
    let json = PeopleJson {
        query,
        total: counts.articles,
        people: counts
            .people
            .iter()
            .map(|(name, articles)| PersonCountJson {
                name,
                articles: *articles,
            })
            .collect(),
        fuzzy: words_json(&counts.fuzzy),
    };
    to_json(&json)
}

#[derive(Serialize)]
struct PeriodJson<'a> {
    period: &'a str,
    articles: u64,
}

#[derive(Serialize)]
struct TimelineJson<'a> {
    query: &'a str,
    /// `year` or `month`.
    by: &'static str,
    /// `published` or `mentioned`.
    dates: &'static str,
    /// Matching articles in all, undated ones included.
    total: usize,
    periods: Vec<PeriodJson<'a>>,
    /// As in the search JSON: only when the articles are close matches.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    fuzzy: serde_json::Map<String, serde_json::Value>,
}

pub fn timeline_json(query: &str, timeline: &Timeline) -> String {
    let json = TimelineJson {
        query,
        by: match timeline.bucket {
            Bucket::Year => "year",
            Bucket::Month => "month",
        },
        dates: match timeline.basis {
            DateBasis::Published => "published",
            DateBasis::Mentioned => "mentioned",
        },
        total: timeline.articles,
        periods: timeline
            .periods
            .iter()
            .map(|(period, articles)| PeriodJson {
                period,
                articles: *articles,
            })
            .collect(),
        fuzzy: words_json(&timeline.fuzzy),
    };
    to_json(&json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_every_control_and_override_and_parses_back() {
        let hostile = "a\u{1b}]52;c;eA==\u{7}b\u{7f}\u{9b}2J\u{202e}c\u{2069}é";
        let json = to_json(&serde_json::json!({ "title": hostile }));
        assert!(
            json.is_ascii() || !json.chars().any(is_unsafe_to_show),
            "{json}"
        );
        assert!(json.contains("\\u001b") && json.contains("\\u009b") && json.contains("\\u202e"));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["title"], hostile);
    }
}

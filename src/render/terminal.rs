//! Human-readable output: search results, one article, stats, the ingest summary.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use super::{display_disk_path, display_location};
use crate::identity::{Link, LinkKind};
use crate::ingest::IngestSummary;
use crate::path_text::{escape_text, Breaks};
use crate::people::PeopleCounts;
use crate::search::no_match::Without;
use crate::search::{FuzzyWords, NoMatch, SearchResponse};
use crate::show::{ArticleDetails, Linked};
use crate::stats::Stats;
use crate::timeline::Timeline;

/// How many people a hit lists.
const PEOPLE_SHOWN: usize = 5;

/// Styles, or none of them when colour is off.
pub struct Palette {
    pub enabled: bool,
}

impl Palette {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.enabled && !text.is_empty() {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }
    fn title(&self, text: &str) -> String {
        self.paint(Style::new().bold(), text)
    }
    fn date(&self, text: &str) -> String {
        self.paint(AnsiColor::Cyan.on_default(), text)
    }
    fn path(&self, text: &str) -> String {
        self.paint(AnsiColor::Magenta.on_default(), text)
    }
    fn people(&self, text: &str) -> String {
        self.paint(AnsiColor::Green.on_default(), text)
    }
    fn highlight(&self, text: &str) -> String {
        self.paint(AnsiColor::Red.on_default().bold(), text)
    }
    fn dim(&self, text: &str) -> String {
        self.paint(Style::new().dimmed(), text)
    }
}

/// One line of text from a file (a title, a name, an address), safe to print: see
/// [`escape_text`]. Every string from an article passes through this or [`running`]
/// before it is painted, so that nothing in a file can write to the terminal.
fn line(text: &str) -> std::borrow::Cow<'_, str> {
    escape_text(text, Breaks::Escape)
}

/// An article's body, its paragraphs kept.
fn running(text: &str) -> std::borrow::Cow<'_, str> {
    escape_text(text, Breaks::Keep)
}

/// The snippet with its highlighted ranges painted, each piece escaped on its own (the
/// ranges are offsets into the text as stored).
fn painted_snippet(palette: &Palette, text: &str, highlights: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len() + highlights.len() * 12);
    let mut cursor = 0;
    for &(from, to) in highlights {
        let (Some(before), Some(marked)) = (text.get(cursor..from), text.get(from..to)) else {
            continue;
        };
        out.push_str(&line(before));
        out.push_str(&palette.highlight(&line(marked)));
        cursor = to;
    }
    out.push_str(&line(text.get(cursor..).unwrap_or_default()));
    out
}

fn date_text(date: Option<chrono::NaiveDate>) -> String {
    date.map_or_else(
        || "undated   ".to_owned(),
        |d| d.format("%Y-%m-%d").to_string(),
    )
}

pub fn search_results(response: &SearchResponse, offset: usize, palette: &Palette) -> String {
    let mut out = String::new();
    for (i, hit) in response.hits.iter().enumerate() {
        let article = &hit.article;
        let _ = writeln!(
            out,
            "{:>3}. {}  {}",
            offset + i + 1,
            palette.date(&date_text(article.publication_date)),
            palette.title(&line(&article.title))
        );
        let _ = writeln!(
            out,
            "     {}",
            palette.path(&display_location(
                &article.file,
                article.member.as_deref(),
                article.line
            ))
        );
        if !article.people.is_empty() {
            let mut people = article.people[..article.people.len().min(PEOPLE_SHOWN)].join(", ");
            if article.people.len() > PEOPLE_SHOWN {
                let _ = write!(people, " +{}", article.people.len() - PEOPLE_SHOWN);
            }
            let _ = writeln!(out, "     {}", palette.people(&line(&people)));
        }
        if !hit.snippet.text.is_empty() {
            let _ = writeln!(
                out,
                "     {}",
                painted_snippet(palette, &hit.snippet.text, &hit.snippet.highlights)
            );
        }
        out.push('\n');
    }
    let shown = response.hits.len();
    let range = if shown == 0 {
        String::new()
    } else {
        format!(", showing {}-{}", offset + 1, offset + shown)
    };
    let _ = writeln!(
        out,
        "{}",
        palette.dim(&format!(
            "{} match{}{range} ({:.1} ms)",
            response.total,
            if response.total == 1 { "" } else { "es" },
            response.took_ms
        ))
    );
    out
}

/// What `search` says on stderr beside its results: that they are close matches, or,
/// when there are none, which filter emptied the set and which words are close to the
/// unknown ones. Empty when there is nothing to say.
pub fn search_notes(response: &SearchResponse) -> String {
    let mut out = close_match_note(&response.fuzzy);
    if let Some(help) = &response.no_match {
        out.push_str(&no_match(help));
    }
    out
}

/// What `search`, `people` and `timeline` say on stderr when the articles are close
/// matches: `no exact match; showing close matches for 'Witkof' (witkoff)`. Empty when
/// the words matched as written.
pub fn close_match_note(fuzzy: &FuzzyWords) -> String {
    if fuzzy.is_empty() {
        return String::new();
    }
    let words: Vec<String> = fuzzy
        .iter()
        .map(|(word, close)| {
            if close.is_empty() {
                format!("'{word}'")
            } else {
                format!("'{word}' ({})", close.join(", "))
            }
        })
        .collect();
    format!(
        "no exact match; showing close matches for {}\n",
        line(&words.join(", "))
    )
}

/// A filter as typed on the command line: `--from 2030`, `--person 'Ben Bernanke'`.
fn flag(without: &Without) -> String {
    let value = if without.value.contains(char::is_whitespace) || without.value.is_empty() {
        format!("'{}'", without.value)
    } else {
        without.value.clone()
    };
    format!("--{} {}", without.parameter, line(&value))
}

/// `0 matches with --from 2030; 12 without`, and a line per unknown word.
fn no_match(help: &NoMatch) -> String {
    let mut out = String::new();
    let kind = if help.counts_close_matches {
        "close matches"
    } else {
        "matches"
    };
    match help.without.as_slice() {
        [] => {}
        [only] => {
            let _ = writeln!(out, "0 {kind} with {}; {} without", flag(only), only.total);
        }
        several => {
            let with: Vec<String> = several.iter().map(flag).collect();
            let without: Vec<String> = several
                .iter()
                .map(|w| format!("{} without {}", w.total, flag(w)))
                .collect();
            let _ = write!(
                out,
                "0 {kind} with {}; {}",
                with.join(", "),
                without.join(", ")
            );
            if let Some(total) = help.without_any {
                let _ = write!(out, "; {total} without any of them");
            }
            out.push('\n');
        }
    }
    for (word, close) in &help.close_words {
        if close.is_empty() {
            let _ = writeln!(out, "no article has '{}' or a word close to it", line(word));
        } else {
            let _ = writeln!(
                out,
                "no article has '{}'; close words in the archive: {}",
                line(word),
                line(&close.join(", "))
            );
        }
    }
    out
}

pub fn article_details(details: &ArticleDetails, palette: &Palette) -> String {
    let article = &details.article;
    let mut out = String::new();
    let _ = writeln!(out, "{}", palette.title(&line(&article.title)));
    // Every value is escaped here, after painting: the palette's own sequences are the
    // only escapes that may reach the terminal, and they are added after.
    let field = |out: &mut String, name: &str, value: &str| {
        if !value.is_empty() {
            let _ = writeln!(out, "{:<17} {value}", palette.dim(&format!("{name}:")));
        }
    };
    field(
        &mut out,
        "path",
        &palette.path(&display_location(
            &article.file,
            article.member.as_deref(),
            article.line,
        )),
    );
    field(&mut out, "id", &line(&article.id));
    let date = article
        .publication_date
        .map(|d| format!("{} (from {})", d.format("%Y-%m-%d"), article.date_source))
        .unwrap_or_else(|| "none".to_owned());
    field(&mut out, "date", &palette.date(&date));
    if let Some(captured) = article.captured {
        field(
            &mut out,
            "captured",
            &palette.date(&captured.format("%Y-%m-%d").to_string()),
        );
    }
    field(
        &mut out,
        "url",
        &line(article.url.as_deref().unwrap_or_default()),
    );
    field(
        &mut out,
        "site",
        &line(article.site.as_deref().unwrap_or_default()),
    );
    field(&mut out, "authors", &line(&article.authors.join(", ")));
    field(&mut out, "tags", &line(&article.tags.join(", ")));
    field(
        &mut out,
        "people",
        &palette.people(&line(&article.people.join(", "))),
    );
    field(
        &mut out,
        "dates mentioned",
        &line(&article.dates_mentioned.join(", ")),
    );
    out.push('\n');
    let _ = writeln!(out, "{}\n", running(&article.body));
    if !details.person_mentions.is_empty() {
        let _ = writeln!(out, "{}", palette.title("Person mentions"));
        for (m, identity) in details
            .person_mentions
            .iter()
            .zip(&details.person_identities)
        {
            let linked = match &identity.how {
                Linked::AsWritten => String::new(),
                Linked::InArticle => format!(" → {} (in this article)", line(&identity.name)),
                Linked::FromArchive(link) => format!(
                    " → {} (from the archive: {})",
                    line(&identity.name),
                    archive_evidence(link)
                ),
                Linked::Firm(firm) => format!(
                    " → not a person (the archive writes it as a firm's name in {} articles, as a person's in {})",
                    firm.firm_articles, firm.person_articles
                ),
            };
            let _ = writeln!(
                out,
                "  {:>6}..{:<6} {}{linked}",
                m.start,
                m.end,
                palette.people(&line(&m.text))
            );
        }
        out.push('\n');
    }
    if !details.date_mentions.is_empty() {
        let _ = writeln!(out, "{}", palette.title("Date mentions"));
        for m in &details.date_mentions {
            let _ = writeln!(
                out,
                "  {:>6}..{:<6} {:<28} {} ({}, {}..{})",
                m.start,
                m.end,
                line(&format!("{:?}", m.text)),
                palette.date(&m.value),
                m.granularity.as_str(),
                m.from.format("%Y-%m-%d"),
                m.to.format("%Y-%m-%d")
            );
        }
    }
    out
}

fn human_bytes(bytes: u64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < units.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", units[unit])
    }
}

pub fn stats(stats: &Stats, index_dir: &std::path::Path, palette: &Palette) -> String {
    let mut out = String::new();
    let range = match (stats.earliest, stats.latest) {
        (Some(first), Some(last)) => format!(
            "{} .. {}",
            first.format("%Y-%m-%d"),
            last.format("%Y-%m-%d")
        ),
        _ => "none".to_owned(),
    };
    let _ = writeln!(
        out,
        "{:<12} {}",
        palette.dim("index:"),
        palette.path(&display_disk_path(index_dir))
    );
    let _ = writeln!(
        out,
        "{:<12} {} ({} undated)",
        palette.dim("articles:"),
        stats.articles,
        stats.undated
    );
    let _ = writeln!(
        out,
        "{:<12} {}",
        palette.dim("dates:"),
        palette.date(&range)
    );
    let _ = writeln!(
        out,
        "{:<12} {}",
        palette.dim("size:"),
        human_bytes(stats.index_bytes)
    );
    if !stats.top_people.is_empty() {
        let _ = writeln!(out, "\n{}", palette.title("Top people (articles)"));
        for (name, count) in &stats.top_people {
            let _ = writeln!(out, "  {count:>6}  {}", palette.people(&line(name)));
        }
    }
    if !stats.per_year.is_empty() {
        let _ = writeln!(out, "\n{}", palette.title("Articles per year"));
        let widest = stats
            .per_year
            .iter()
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(1)
            .max(1);
        for (year, count) in &stats.per_year {
            let bar = "█".repeat(((*count as f64 / widest as f64) * 40.0).ceil() as usize);
            let _ = writeln!(out, "  {year}  {count:>6}  {bar}");
        }
    }
    out
}

/// Horizontal bars scaled to the largest count.
fn bar(count: u64, widest: u64, width: usize) -> String {
    let cells = (count as f64 / widest.max(1) as f64 * width as f64).ceil() as usize;
    "█".repeat(cells)
}

/// The last line of `people` and `timeline`: how many articles the request matched.
fn matching_articles(count: usize) -> String {
    format!(
        "{count} matching article{}",
        if count == 1 { "" } else { "s" }
    )
}

pub fn people(counts: &PeopleCounts, palette: &Palette) -> String {
    let mut out = String::new();
    let widest = counts.people.first().map_or(1, |(_, n)| *n);
    let names: Vec<_> = counts.people.iter().map(|(name, _)| line(name)).collect();
    let name_width = names
        .iter()
        .map(|name| name.chars().count())
        .max()
        .unwrap_or(0);
    for (name, (_, count)) in names.iter().zip(&counts.people) {
        let padding = " ".repeat(name_width - name.chars().count());
        let _ = writeln!(
            out,
            "{count:>6}  {}{padding}  {}",
            palette.people(name),
            palette.dim(&bar(*count, widest, 30))
        );
    }
    let _ = writeln!(out, "{}", palette.dim(&matching_articles(counts.articles)));
    out
}

pub fn timeline(timeline: &Timeline, palette: &Palette) -> String {
    let mut out = String::new();
    let widest = timeline.periods.iter().map(|(_, n)| *n).max().unwrap_or(1);
    for (period, count) in &timeline.periods {
        let _ = writeln!(
            out,
            "{:<8} {count:>6}  {}",
            palette.date(period),
            bar(*count, widest, 50)
        );
    }
    let _ = writeln!(
        out,
        "{}",
        palette.dim(&matching_articles(timeline.articles))
    );
    out
}

pub fn ingest_summary(summary: &IngestSummary) -> String {
    let mut out = format!(
        "{} new, {} updated, {} unchanged, {} removed, {} duplicate{}, {} skipped in {:.2} s ({} read, {:.1} MB/s)",
        summary.new,
        summary.updated,
        summary.unchanged,
        summary.removed,
        summary.duplicates,
        if summary.duplicates == 1 { "" } else { "s" },
        summary.skipped_total(),
        summary.elapsed.as_secs_f64(),
        human_bytes(summary.bytes_read),
        summary.megabytes_per_second(),
    );
    if summary.warnings > 0 {
        let _ = write!(
            out,
            ", {} warning{}",
            summary.warnings,
            if summary.warnings == 1 { "" } else { "s" }
        );
    }
    out.push('\n');
    let total = summary.skipped_total();
    if total > 0 {
        let mut reasons: std::collections::BTreeMap<&str, usize> = Default::default();
        for skipped in &summary.skipped {
            *reasons.entry(skipped.label.as_str()).or_default() += 1;
        }
        for (label, count) in &summary.skipped_before {
            *reasons.entry(label.as_str()).or_default() += count;
        }
        let listed: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
        let before = total - summary.skipped.len();
        // Problems an earlier ingest listed one by one are only counted: say where to look.
        let note = match before {
            0 => String::new(),
            n if n == total => {
                " (all reported by an earlier ingest; `morgue show PATH` says why)".to_owned()
            }
            n => format!(" ({n} reported by an earlier ingest; `morgue show PATH` says why)"),
        };
        let _ = writeln!(out, "skipped: {}{note}", listed.join(", "));
    }
    if summary.unread.total() > 0 {
        let listed: Vec<String> = summary
            .unread
            .listed()
            .into_iter()
            .map(|(kind, count, why)| match why {
                Some(why) => format!("{count} {kind} ({why})"),
                None => format!("{count} {kind}"),
            })
            .collect();
        let _ = writeln!(out, "ignored: {}", line(&listed.join(", ")));
    }
    if !summary.passed_over.is_empty() {
        let listed: Vec<String> = summary
            .passed_over
            .iter()
            .map(|(reason, n)| format!("{n} {reason}"))
            .collect();
        let _ = writeln!(
            out,
            "web archive records without an article: {}",
            listed.join(", ")
        );
    }
    out
}

/// Why the archive links a surname to a full name, in words.
fn archive_evidence(link: &Link) -> String {
    if link.kind == LinkKind::Nickname {
        return format!(
            "another form of the name, written so in {} of the person's {} articles",
            link.next_best, link.articles
        );
    }
    let when = match link.years {
        Some((first, last)) => format!("in {first}–{last}"),
        None => "in the archive".to_owned(),
    };
    let next = match link.next_best {
        0 => "no other full name of this surname".to_owned(),
        1 => "the next full name in 1".to_owned(),
        n => format!("the next full name in {n}"),
    };
    format!("named in full in {} articles {when}, {next}", link.articles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn painting_is_off_without_colour() {
        let palette = Palette { enabled: false };
        assert_eq!(
            painted_snippet(&palette, "a Putin b", &[(2, 7)]),
            "a Putin b"
        );
        let palette = Palette { enabled: true };
        let painted = painted_snippet(&palette, "a Putin b", &[(2, 7)]);
        assert!(painted.contains("\u{1b}[") && painted.contains("Putin"));
    }

    #[test]
    fn bytes_are_human() {
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(16_700_000), "16.7 MB");
    }
}

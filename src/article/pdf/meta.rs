//! A PDF's title, date and address, from what the document says of itself (Info, XMP),
//! what a browser printed around the page, and the article's first lines.
//!
//! Which date is the article's, first found first:
//! 1. a date printed in the article's first short lines (a byline or dateline:
//!    `By Mara Quill, 14 March 2019`): what the page itself says;
//! 2. the date in the printed address (`/2019/03/14/`);
//! 3. the document's own dates (XMP `xmp:CreateDate`, Info `CreationDate`, `ModDate`)
//!    when no browser made it: a publisher's or a news database's export;
//! 4. the day a browser printed the page (its `CreationDate`, the same moment as the
//!    stamp in its header): when the reader saw it, as a web archive's fetch date is.
//!
//! The title is the document's when it names the article, not when it is a file name
//! (`ferry-strike.pdf`, `Microsoft Word - notes.docx`) or empty: then the first line.
//! A browser's title is the page's `<title>` (`Headline | Site`): when the first
//! paragraph is its headline part, that is the title and the rest names the site.

use std::sync::LazyLock;

use regex::Regex;

use super::extract::Info;
use super::layout::Furniture;
use crate::article::date::{self, Stated};
use crate::article::fields::Meta;
use crate::article::{title, DateSource};

/// How many of the first paragraphs may hold the byline's date, and how long they may be.
const DATE_LINES: usize = 8;
const DATE_LINE_CHARS: usize = 200;

/// The same pattern as saved web pages' addresses are read with (`html/meta.rs`).
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")
        .expect("static pattern")
});
static WRITTEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?";
    Regex::new(&format!(
        r"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+({month}),?\s+(\d{{4}})|({month})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})|(\d{{4}}-\d{{2}}-\d{{2}}))\b"
    ))
    .expect("static pattern")
});
static FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\.(?:pdf|docx?|odt|rtf|html?|txt|indd|qxd|xps|pages)$|^microsoft word - |^untitled|^document\d*$|^[\w.]+[_-][\w.-]*$)")
        .expect("static pattern")
});
static XMP_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<(?:xmp:CreateDate|photoshop:DateCreated|dc:date)[^>]*>\s*(?:<rdf:Seq>\s*<rdf:li>)?\s*(\d{4}-\d{2}-\d{2})")
        .expect("static pattern")
});
static XMP_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<dc:title>.*?<rdf:li[^>]*>([^<]+)</rdf:li>").expect("static pattern")
});

/// Separators between a headline and the site in a page's `<title>`.
const SITE_SEPARATORS: &[&str] = &[
    " | ",
    " - ",
    " \u{2013} ",
    " \u{2014} ",
    " :: ",
    " \u{00b7} ",
];

/// Did a web browser make this PDF by printing a page?
pub(super) fn printed_by_browser(info: &Info) -> bool {
    let producer = info.producer.as_deref().unwrap_or_default();
    let creator = info.creator.as_deref().unwrap_or_default();
    producer.starts_with("Skia/PDF")
        || ["Chrome", "Chromium", "Mozilla", "Firefox", "Safari", "Edg/"]
            .iter()
            .any(|name| creator.contains(name))
}

/// The document's title, if it names an article.
pub(super) fn stated_title(info: &Info) -> Option<String> {
    let xmp = info
        .xmp
        .as_deref()
        .and_then(|x| XMP_TITLE.captures(x))
        .map(|c| c[1].to_owned());
    [info.title.clone(), xmp]
        .into_iter()
        .flatten()
        .map(|t| title::clean(&t))
        .find(|t| !t.is_empty() && !FILE_NAME.is_match(t))
}

/// Everything but the text; takes the headline out of `paragraphs` when the title is it.
pub(super) fn meta(info: &Info, furniture: &Furniture, paragraphs: &mut Vec<String>) -> Meta {
    let browser = printed_by_browser(info);
    let (title, site) = match stated_title(info) {
        Some(stated) => headline(&stated, paragraphs),
        None => (None, None),
    };
    let url = furniture
        .address
        .as_deref()
        .filter(|a| a.starts_with("http") && !a.ends_with('\u{2026}') && !a.ends_with("..."))
        .map(str::to_owned);
    let date = article_date(info, browser, url.as_deref(), paragraphs);
    Meta {
        title,
        date,
        url,
        site,
        ..Meta::default()
    }
}

/// The title and site from a stated title, taking the headline paragraph out of the body.
fn headline(stated: &str, paragraphs: &mut Vec<String>) -> (Option<String>, Option<String>) {
    let normal = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let whole = normal(stated);
    for (index, paragraph) in paragraphs.iter().enumerate().take(6) {
        let candidate = normal(paragraph);
        if candidate.is_empty() || candidate.len() > 300 {
            continue;
        }
        if candidate == whole {
            paragraphs.remove(index);
            return (Some(stated.to_owned()), None);
        }
        for separator in SITE_SEPARATORS {
            if let Some(rest) = whole
                .strip_prefix(&candidate)
                .and_then(|r| r.strip_prefix(separator.trim_end()))
            {
                let site_start = stated.len() - rest.trim_start().len();
                let site = title::clean(&stated[site_start.min(stated.len())..]);
                let title = paragraphs.remove(index);
                return (
                    Some(title::clean(&title)),
                    (!site.is_empty()).then_some(site),
                );
            }
        }
    }
    (Some(stated.to_owned()), None)
}

fn article_date(
    info: &Info,
    browser: bool,
    url: Option<&str>,
    paragraphs: &[String],
) -> Option<Stated> {
    let mut candidates: Vec<(DateSource, String)> = Vec::new();
    if let Some(written) = paragraphs
        .iter()
        .take(DATE_LINES)
        .filter(|p| p.chars().count() <= DATE_LINE_CHARS)
        .find_map(|p| written_date(p))
    {
        candidates.push((DateSource::PdfText, written));
    }
    if let Some(captures) = url.and_then(|u| URL_DATE.captures(u)) {
        candidates.push((
            DateSource::Url,
            format!("{}-{}-{}", &captures[1], &captures[2], &captures[3]),
        ));
    }
    let xmp = info
        .xmp
        .as_deref()
        .and_then(|x| XMP_DATE.captures(x))
        .map(|c| c[1].to_owned());
    let info_dates = [info.creation_date.as_deref(), info.mod_date.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(pdf_date);
    let own: Vec<String> = xmp.into_iter().chain(info_dates).collect();
    let source = if browser {
        DateSource::Printed
    } else {
        DateSource::PdfMeta
    };
    candidates.extend(own.into_iter().map(|d| (source, d)));
    let good = candidates
        .iter()
        .find(|(_, raw)| date::parse_stated(raw).is_ok())
        .or(candidates.first())?;
    Some(Stated::new(good.0, &good.1, date::parse_stated))
}

/// The first date written out in a line, as `14 March 2019` or `2019-03-14`.
fn written_date(line: &str) -> Option<String> {
    let c = WRITTEN_DATE.captures(line)?;
    if let Some(iso) = c.get(7) {
        return Some(iso.as_str().to_owned());
    }
    let (day, month, year) = match c.get(1) {
        Some(day) => (day.as_str(), &c[2], &c[3]),
        None => (&c[5], &c[4], &c[6]),
    };
    Some(format!("{day} {} {year}", month.trim_end_matches('.')))
}

/// A PDF date (`D:20250102093000+01'00'`) as `2025-01-02`: the date as written, as for
/// other formats' date-times.
fn pdf_date(raw: &str) -> Option<String> {
    let digits = raw.trim().trim_start_matches("D:");
    let b = digits.as_bytes();
    if b.len() < 8 || !b[..8].iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(format!(
        "{}-{}-{}",
        &digits[..4],
        &digits[4..6],
        &digits[6..8]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(title: &str, producer: &str, created: &str) -> Info {
        Info {
            title: Some(title.to_owned()),
            producer: Some(producer.to_owned()),
            creation_date: Some(created.to_owned()),
            ..Info::default()
        }
    }

    fn paragraphs(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_browser_title_gives_the_headline_and_the_site() {
        let info = info(
            "Petrel colony returns | The Ellery Gazette",
            "Skia/PDF m156",
            "D:20261207222954+00'00'",
        );
        let mut body = paragraphs(&[
            "Petrel colony returns",
            "By Mara Quill, May 14, 2024",
            "A colony of petrels.",
        ]);
        let furniture = Furniture {
            address: Some("https://gazette.example/harbour/2024/05/14/petrel".to_owned()),
            ..Furniture::default()
        };
        let meta = meta(&info, &furniture, &mut body);
        assert_eq!(meta.title.as_deref(), Some("Petrel colony returns"));
        assert_eq!(meta.site.as_deref(), Some("The Ellery Gazette"));
        assert_eq!(
            body,
            ["By Mara Quill, May 14, 2024", "A colony of petrels."]
        );
        let date = meta.date.expect("a date");
        assert_eq!(date.source(), DateSource::PdfText);
        assert_eq!(
            date.value(),
            Ok(chrono::NaiveDate::from_ymd_opt(2024, 5, 14).expect("date"))
        );
        assert_eq!(meta.url.as_deref(), furniture.address.as_deref());
    }

    #[test]
    fn a_file_name_is_no_title_and_the_print_date_comes_last() {
        let info = info(
            "ferry-strike-20190314.pdf",
            "Skia/PDF m156",
            "D:20261207222954Z",
        );
        assert_eq!(stated_title(&info), None);
        let mut body = paragraphs(&["Ferry crews strike", "The crews walked out."]);
        let meta = meta(&info, &Furniture::default(), &mut body);
        assert_eq!(meta.title, None);
        let date = meta.date.expect("a date");
        assert_eq!(date.source(), DateSource::Printed);
        assert_eq!(
            date.value(),
            Ok(chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("date"))
        );
    }

    #[test]
    fn an_export_states_its_date_in_its_metadata() {
        let info = info("Harbour report", "Archive Export 4.2", "D:20190314");
        let meta = meta(&info, &Furniture::default(), &mut paragraphs(&["Text."]));
        assert_eq!(meta.date.map(|d| d.source()), Some(DateSource::PdfMeta));
        assert_eq!(
            written_date("The Ellery Gazette, 14 March 2019, p. 3").as_deref(),
            Some("14 March 2019")
        );
        assert_eq!(
            written_date("Sept. 3rd, 2021").as_deref(),
            Some("3 Sept 2021")
        );
        assert_eq!(
            written_date("updated 2020-01-31 10:00").as_deref(),
            Some("2020-01-31")
        );
        assert_eq!(pdf_date("D:2025"), None);
    }
}

//! EPUB (`.epub`): a book or a read-later export (Pocket, Instapaper, Calibre's news
//! recipes, Wallabag) as a zip of XHTML chapters. Each chapter of the reading order is an
//! article, addressed `FILE:N` for the Nth chapter of the spine, read as a saved page is
//! (`super::read_page`): its own title, date and authors first, then the book's
//! (`dc:title` as the site, `dc:creator` as authors, `dc:date` as the date, source
//! `epub`). Chapters with no article text (the cover, a table of contents) are passed
//! over without a word; a book with none at all is a named problem.
//!
//! The way in is the one readers follow: `META-INF/container.xml` names the package file
//! (`.opf`), whose manifest maps ids to files and whose spine gives the reading order.
//!
//! Bounds: the zip's directory is read by the `zip` crate (damaged: a named problem); the
//! container and package files are inflated to at most [`MAX_XML_BYTES`], a chapter to
//! at most [`MAX_CHAPTER_BYTES`] (a web page's bound), past which the chapter is skipped
//! with a warning; at most [`MAX_CHAPTERS`] chapters are read. The XML is read in one pass
//! by `quick-xml`, no tree, no entity expansion but the predefined ones.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zip::ZipArchive;

use super::date;
use super::{one_line, read_page, ArticleError, DateSource, Entry, WebRecord};

/// The most a container or package file may inflate to.
pub const MAX_XML_BYTES: u64 = 4 << 20;
/// The most a chapter may inflate to: as a web page.
pub const MAX_CHAPTER_BYTES: u64 = 16 << 20;
/// The most chapters read of one book.
pub const MAX_CHAPTERS: usize = 10_000;

/// Why an EPUB gives no article. Messages name no file and fit on one line.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum EpubProblem {
    #[error("not a readable zip ({reason})")]
    NotZip { reason: String },
    #[error("no {0} (not an EPUB?)")]
    Missing(String),
    #[error("{part} is over {} MiB once inflated (a decompression bomb?)", MAX_XML_BYTES >> 20)]
    Bomb { part: String },
    #[error("its package file names no chapter to read (an empty spine)")]
    NoChapters,
    #[error("no chapter has article text")]
    NoText,
}

impl EpubProblem {
    pub fn label(&self) -> &'static str {
        match self {
            EpubProblem::NotZip { .. } => "not a readable zip",
            EpubProblem::Missing(_) => "not an EPUB",
            EpubProblem::Bomb { .. } => "decompression bomb",
            EpubProblem::NoChapters | EpubProblem::NoText => "no article text",
        }
    }
}

/// What the package file says of the book.
#[derive(Debug, Default)]
struct Package {
    title: Option<String>,
    creators: Vec<String>,
    date: Option<String>,
    /// Manifest: id to the file's path in the zip.
    files: HashMap<String, String>,
    /// Spine: ids in reading order.
    order: Vec<String>,
}

/// The chapters of an EPUB, each an entry numbered by its place in the spine.
pub(super) fn parse_epub(
    path: &Path,
    bytes: &[u8],
    warnings: &mut Vec<String>,
) -> Result<Vec<Entry>, ArticleError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|error| EpubProblem::NotZip {
        reason: one_line(&error.to_string(), 100),
    })?;
    let container = inflate(&mut zip, "META-INF/container.xml", MAX_XML_BYTES)?;
    let package_path =
        rootfile(&container).ok_or_else(|| EpubProblem::Missing("package file".to_owned()))?;
    let package_xml = inflate(&mut zip, &package_path, MAX_XML_BYTES)?;
    let package = read_package(&package_xml, folder_of(&package_path));
    if package.order.is_empty() {
        return Err(EpubProblem::NoChapters.into());
    }
    let book_date = package
        .date
        .as_deref()
        .and_then(|raw| date::parse_stated(raw).ok());
    let mut entries = Vec::new();
    for (index, id) in package.order.iter().take(MAX_CHAPTERS).enumerate() {
        let number = index + 1;
        let Some(file) = package.files.get(id) else {
            continue;
        };
        let html = match inflate(&mut zip, file, MAX_CHAPTER_BYTES) {
            Ok(html) => html,
            Err(problem) => {
                warnings.push(format!("chapter {number} ({file}): {problem}"));
                continue;
            }
        };
        let record = WebRecord {
            html: &html,
            charset: None,
            address: None,
            fetched: None,
            title: None,
        };
        let mut article = match read_page(path, &record, warnings) {
            Ok(article) => article,
            // The cover, a table of contents, a page of images.
            Err(ArticleError::NoArticleText | ArticleError::Empty) => continue,
            Err(error) => {
                warnings.push(format!("chapter {number} ({file}): {error}"));
                continue;
            }
        };
        if article.site.is_none() {
            article.site.clone_from(&package.title);
        }
        if article.authors.is_empty() {
            article.authors.clone_from(&package.creators);
        }
        if matches!(article.date_source, DateSource::None | DateSource::Path) {
            if let Some(day) = book_date {
                article.publication_date = Some(day);
                article.date_source = DateSource::Epub;
            }
        }
        entries.push(Entry {
            line: Some(number),
            result: Ok(article),
        });
    }
    if entries.is_empty() {
        return Err(EpubProblem::NoText.into());
    }
    Ok(entries)
}

/// A zip entry inflated, at most `limit` bytes.
fn inflate(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<Vec<u8>, EpubProblem> {
    let entry = zip
        .by_name(name)
        .map_err(|_| EpubProblem::Missing(one_line(name, 80)))?;
    let mut data = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut data)
        .map_err(|error| EpubProblem::NotZip {
            reason: one_line(&error.to_string(), 100),
        })?;
    if data.len() as u64 > limit {
        return Err(EpubProblem::Bomb {
            part: one_line(name, 80),
        });
    }
    Ok(data)
}

/// The package file `container.xml` names (its first `rootfile`).
fn rootfile(container: &[u8]) -> Option<String> {
    let mut reader = Reader::from_reader(container);
    let mut buffer = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(element) | Event::Empty(element))
                if local_name(&element) == b"rootfile" =>
            {
                return attribute(&element, b"full-path");
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
        buffer.clear();
    }
}

/// The book's metadata, manifest and spine; a damaged file keeps what was read before the
/// damage. Paths in the manifest are relative to the package file's folder.
fn read_package(xml: &[u8], folder: &str) -> Package {
    let mut package = Package::default();
    let mut reader = Reader::from_reader(xml);
    let mut buffer = Vec::new();
    // The metadata element whose text is being read.
    let mut reading: Option<&'static str> = None;
    let mut text = String::new();
    loop {
        match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(element)) => {
                reading = match local_name(&element) {
                    b"title" => Some("title"),
                    b"creator" => Some("creator"),
                    b"date" => Some("date"),
                    _ => None,
                };
                text.clear();
                manifest_or_spine(&element, folder, &mut package);
            }
            Ok(Event::Empty(element)) => manifest_or_spine(&element, folder, &mut package),
            Ok(Event::Text(content)) if reading.is_some() => {
                if let Ok(content) = content.decode() {
                    text.push_str(&content);
                }
            }
            Ok(Event::GeneralRef(reference)) if reading.is_some() => {
                if let Ok(Some(c)) = reference.resolve_char_ref() {
                    text.push(c);
                } else if let Ok(name) = reference.decode() {
                    text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Ok(Event::End(_)) => {
                let value = text.split_whitespace().collect::<Vec<_>>().join(" ");
                match reading.take() {
                    Some("title") if package.title.is_none() && !value.is_empty() => {
                        package.title = Some(value);
                    }
                    Some("creator") if !value.is_empty() && package.creators.len() < 20 => {
                        package.creators.push(value);
                    }
                    Some("date") if package.date.is_none() && !value.is_empty() => {
                        package.date = Some(value);
                    }
                    _ => {}
                }
                text.clear();
            }
            Ok(Event::Eof) | Err(_) => return package,
            _ => {}
        }
        buffer.clear();
    }
}

fn manifest_or_spine(element: &BytesStart<'_>, folder: &str, package: &mut Package) {
    match local_name(element) {
        b"item" => {
            let media = attribute(element, b"media-type").unwrap_or_default();
            if !(media.contains("html") || media.contains("xml")) {
                return;
            }
            if let (Some(id), Some(href)) = (attribute(element, b"id"), attribute(element, b"href"))
            {
                package
                    .files
                    .insert(id, joined(folder, &percent_decoded(&href)));
            }
        }
        b"itemref" if package.order.len() < MAX_CHAPTERS => {
            let linear = attribute(element, b"linear").is_none_or(|l| l != "no");
            if let (Some(id), true) = (attribute(element, b"idref"), linear) {
                package.order.push(id);
            }
        }
        _ => {}
    }
}

fn local_name<'a>(element: &'a BytesStart<'_>) -> &'a [u8] {
    let name = element.name().into_inner();
    match name.iter().rposition(|&b| b == b':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

fn attribute(element: &BytesStart<'_>, wanted: &[u8]) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| {
            let key = a.key.into_inner();
            key == wanted || key.ends_with(&[b":", wanted].concat())
        })
        .map(|a| {
            let raw = String::from_utf8_lossy(&a.value).into_owned();
            quick_xml::escape::unescape(&raw).map_or(raw.clone(), |value| value.into_owned())
        })
}

/// The folder of a path in the zip, with its trailing `/` ("OEBPS/" of "OEBPS/content.opf").
fn folder_of(path: &str) -> &str {
    path.rfind('/').map_or("", |at| &path[..=at])
}

/// `href` (relative, with `../` and `./`, without its `#fragment`) resolved in `folder`.
fn joined(folder: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or_default();
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// `%20` and the like in a manifest's `href`.
fn percent_decoded(href: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", href.replace('+', "%2B")).as_bytes())
        .next()
        .map_or_else(|| href.to_owned(), |(_, value)| value.into_owned())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn epub(chapters: &[(&str, &str)], spine_extra: &str) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let mut put = |name: &str, data: &[u8]| {
            writer.start_file(name, stored).unwrap();
            writer.write_all(data).unwrap();
        };
        put("mimetype", b"application/epub+zip");
        put(
            "META-INF/container.xml",
            br#"<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#,
        );
        let mut manifest = String::new();
        let mut spine = String::new();
        for (i, (name, html)) in chapters.iter().enumerate() {
            manifest.push_str(&format!(
                r#"<item id="c{i}" href="{name}" media-type="application/xhtml+xml"/>"#
            ));
            spine.push_str(&format!(r#"<itemref idref="c{i}"/>"#));
            put(
                &format!("OEBPS/{}", name.replace("%20", " ")),
                html.as_bytes(),
            );
        }
        let opf = format!(
            r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Weekend &amp; reads</dc:title><dc:creator>Pocket</dc:creator><dc:date>2024-03-09</dc:date></metadata><manifest>{manifest}</manifest><spine>{spine}{spine_extra}</spine></package>"#
        );
        put("OEBPS/content.opf", opf.as_bytes());
        writer.finish().unwrap().into_inner()
    }

    const STORY: &str = r#"<html><head><title>Harbour ferry returns</title></head><body><article><h1>Harbour ferry returns</h1><p>The harbour ferry returned to the island on Monday after a winter in dry dock, the operator said, and the first crossing was full.</p></article></body></html>"#;

    #[test]
    fn each_chapter_with_text_is_an_article_with_the_book_around_it() {
        let bytes = epub(
            &[
                (
                    "cover.xhtml",
                    "<html><body><img src='c.jpg'/></body></html>",
                ),
                ("text/story%20one.xhtml", STORY),
            ],
            "",
        );
        let mut warnings = Vec::new();
        let entries = parse_epub(Path::new("reads.epub"), &bytes, &mut warnings).unwrap();
        assert_eq!(entries.len(), 1, "{warnings:?}");
        assert_eq!(entries[0].line, Some(2));
        let article = entries[0].result.as_ref().unwrap();
        assert_eq!(article.title, "Harbour ferry returns");
        assert_eq!(article.site.as_deref(), Some("Weekend & reads"));
        assert_eq!(article.authors, ["Pocket"]);
        assert_eq!(article.date_source, DateSource::Epub);
        assert!(article.body.contains("dry dock"));
    }

    #[test]
    fn damaged_books_are_named_problems() {
        let mut warnings = Vec::new();
        let not_zip = parse_epub(Path::new("x.epub"), b"PK\x03\x04 junk", &mut warnings);
        assert!(matches!(
            not_zip,
            Err(ArticleError::Epub(EpubProblem::NotZip { .. }))
        ));
        let bytes = epub(&[("cover.xhtml", "<html><body></body></html>")], "");
        let empty = parse_epub(Path::new("x.epub"), &bytes, &mut warnings);
        assert!(matches!(
            empty,
            Err(ArticleError::Epub(EpubProblem::NoText))
        ));
        let bytes = epub(&[], "");
        let no_spine = parse_epub(Path::new("x.epub"), &bytes, &mut warnings);
        assert!(matches!(
            no_spine,
            Err(ArticleError::Epub(EpubProblem::NoChapters))
        ));
    }

    #[test]
    fn hrefs_resolve_in_the_package_folder() {
        assert_eq!(joined("OEBPS/", "text/a.xhtml#x"), "OEBPS/text/a.xhtml");
        assert_eq!(joined("OEBPS/text/", "../b.xhtml"), "OEBPS/b.xhtml");
        assert_eq!(joined("", "./c.xhtml"), "c.xhtml");
        assert_eq!(percent_decoded("story%20one.xhtml"), "story one.xhtml");
    }
}

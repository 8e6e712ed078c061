//! Web archives (`.warc`, `.warc.gz`): every HTML page in a response record is an
//! article, addressed `FILE#OFFSET`. The archive is read as a stream, a batch of records
//! at a time, so an archive of many gigabytes takes no more memory than one batch; the
//! pages of a batch are parsed and extracted in parallel.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use rayon::prelude::*;
use tantivy::TantivyDocument;

use super::read::OpenedFile;
use super::{content_id, read_failed, FileReport, Pending, RunContext, Skipped};
use crate::article::{format_for_path, parse_web_record, Article, ArticleError, Format, WebRecord};
use crate::error::Result;
use crate::index::document::{article_document, duplicate_document, skipped_document};
use crate::index::document::{partly_read_document, partly_read_term};
use crate::index::document::{ArticleRecord, FileStamp};
use crate::index::keys::file_term;
use crate::index::state::IndexedFile;
use crate::path_text::{escape_text, Breaks};
use crate::warc::http::{self, Passed};
use crate::warc::wacz::{self, Wacz};
use crate::warc::{stored_part, zst, Record, Want, WarcReader};

/// The largest record block read: the largest page (`http::MAX_PAGE_BYTES`) with room
/// for its HTTP header; a block beyond it is no article and is skipped unread.
const MAX_BLOCK: u64 = http::MAX_PAGE_BYTES + (64 << 10);
/// A batch ends after this many bytes of blocks or this many pages, whichever first:
/// enough to keep every core busy, little enough to bound memory.
const BATCH_BYTES: usize = 32 << 20;
const BATCH_RECORDS: usize = 256;
/// The pages of a batch are parsed a wave at a time, and a wave's articles are indexed
/// before the next is parsed once they hold this many bytes of text: a batch of small
/// compressed records can inflate to far more than its blocks (a gzip bomb is 1000:1),
/// so what a batch holds is bounded by the bytes it holds, not its count of records.
/// Memory is at most the blocks (`BATCH_BYTES`), the parsed text (this, plus one round
/// of at most `MAX_PAGE_BYTES` a page) and a parse tree per thread.
const PARSED_BYTES: usize = 32 << 20;
/// Pages parsed in parallel between two checks of `PARSED_BYTES`, per thread.
const ROUND_PER_THREAD: usize = 4;

/// The read buffer of an archive.
const READ_BUFFER: usize = 1 << 20;

pub(super) fn index_web_archive(
    context: &RunContext<'_>,
    pending: &Pending,
    previous: Option<&IndexedFile>,
    mut report: FileReport,
) -> Result<FileReport> {
    let (archive, writer) = (context.archive, context.writer);
    let file = &pending.file;
    let opened = match OpenedFile::open(file.path()) {
        Ok(opened) => opened,
        Err(error) => {
            read_failed(archive, writer, pending, previous, &mut report, &error);
            return Ok(report);
        }
    };
    let stamp = FileStamp {
        file: file.key.clone(),
        size: opened.size(),
        mtime: opened.mtime(),
        member: None,
    };
    report.bytes = opened.size();
    let input = BufReader::with_capacity(READ_BUFFER, &opened.file);
    let mut read = ArchiveRead::default();
    let began = if format_for_path(file.path()) == Some(Format::Wacz) {
        read_wacz_file(context, pending, &stamp, input, &mut read, &mut report)?
    } else {
        read_warc_file(
            context,
            pending,
            previous,
            &stamp,
            input,
            &mut read,
            &mut report,
        )?
    };
    if !began {
        return Ok(report);
    }
    writer.delete_term(partly_read_term(&archive.fields, &file.key));
    if !opened.held_still() {
        report.warnings.push(
            "changed while it was read: indexed as read, and read again by the next ingest"
                .to_owned(),
        );
    }
    if report.indexed + report.duplicates == 0 {
        let problem = format!("no article pages among its {} records", read.records);
        skip_whole(
            context,
            pending,
            &stamp,
            "no article pages",
            problem,
            &mut report,
        )?;
    }
    Ok(report)
}

/// A WACZ's WARCs, read to the end; false when the zip cannot be read (then it is
/// recorded as skipped).
fn read_wacz_file(
    context: &RunContext<'_>,
    pending: &Pending,
    stamp: &FileStamp,
    input: BufReader<&std::fs::File>,
    read: &mut ArchiveRead,
    report: &mut FileReport,
) -> Result<bool> {
    let wacz = match Wacz::open(input) {
        Ok(wacz) => wacz,
        Err(problem) => {
            let problem = problem.to_string();
            skip_whole(context, pending, stamp, "unreadable WACZ", problem, report)?;
            return Ok(false);
        }
    };
    begin(context, pending, stamp)?;
    read_wacz(context, stamp, pending.file.path(), wacz, read, report)?;
    Ok(true)
}

/// A WARC, plain, gzipped or zstd (told by its first bytes), read to the end; false when
/// it could not be opened (reported).
fn read_warc_file(
    context: &RunContext<'_>,
    pending: &Pending,
    previous: Option<&IndexedFile>,
    stamp: &FileStamp,
    mut input: BufReader<&std::fs::File>,
    read: &mut ArchiveRead,
    report: &mut FileReport,
) -> Result<bool> {
    let (archive, writer) = (context.archive, context.writer);
    let page_titles = HashMap::new();
    let from = Source {
        stamp,
        path: pending.file.path(),
        page_titles: &page_titles,
        start: 0,
    };
    let zstd = match input.fill_buf() {
        Ok(head) => zst::is_zstd(head),
        Err(error) => {
            read_failed(archive, writer, pending, previous, report, &error);
            return Ok(false);
        }
    };
    if zstd {
        let opened = zst::decoder(input)
            .and_then(|decoder| WarcReader::new(BufReader::with_capacity(READ_BUFFER, decoder)));
        let reader = match opened {
            Ok(reader) => reader,
            Err(error) => {
                let problem = format!("unreadable zstd WARC: {error}");
                skip_whole(
                    context,
                    pending,
                    stamp,
                    "unreadable zstd WARC",
                    problem,
                    report,
                )?;
                return Ok(false);
            }
        };
        begin(context, pending, stamp)?;
        read_records(context, &from, reader, read, report)?;
    } else {
        let reader = match WarcReader::new(input) {
            Ok(reader) => reader,
            Err(error) => {
                read_failed(archive, writer, pending, previous, report, &error);
                return Ok(false);
            }
        };
        begin(context, pending, stamp)?;
        read_records(context, &from, reader, read, report)?;
    }
    Ok(true)
}

/// Marks the archive as being read until its end (see PARTLY_READ), after dropping what
/// an earlier version of it left: the commit interval holds inside an archive of
/// gigabytes, and what a stopped run committed of it is replaced by the next.
fn begin(context: &RunContext<'_>, pending: &Pending, stamp: &FileStamp) -> Result<()> {
    let archive = context.archive;
    if pending.replace_after_read {
        context
            .writer
            .delete_term(file_term(archive, &pending.file.key));
    }
    context
        .writer
        .add_document(partly_read_document(&archive.fields, stamp))
        .map_err(|e| archive.error(e))?;
    Ok(())
}

/// Records a whole archive as skipped, with why: reported, and not read again until it
/// changes. What an earlier version of it left is replaced.
fn skip_whole(
    context: &RunContext<'_>,
    pending: &Pending,
    stamp: &FileStamp,
    label: &str,
    problem: String,
    report: &mut FileReport,
) -> Result<()> {
    let archive = context.archive;
    if pending.replace_after_read {
        context
            .writer
            .delete_term(file_term(archive, &pending.file.key));
    }
    let mut document = skipped_document(&archive.fields, stamp, None, label, &problem);
    document.add_text(
        archive.fields.id,
        content_id(format!("{}:{}", stamp.size, stamp.mtime).as_bytes()),
    );
    context
        .writer
        .add_document(document)
        .map_err(|e| archive.error(e))?;
    report.skipped.push(Skipped {
        path: stamp.file.clone(),
        label: label.to_owned(),
        problem,
    });
    Ok(())
}

/// How far the reading of an archive has come.
#[derive(Default)]
struct ArchiveRead {
    records: usize,
    last_offset: u64,
}

/// Where the records being read come from: the archive's stamp (with the WARC inside a
/// WACZ as its member), the page titles of a WACZ's page list, and where the WARC starts
/// in the file (for progress).
struct Source<'a> {
    stamp: &'a FileStamp,
    path: &'a Path,
    page_titles: &'a HashMap<String, String>,
    start: u64,
}

/// Every WARC of a WACZ, in the zip's order; a member's problems are reported with its
/// name, and one that inflates past its bound is cut there and reported as a bomb.
fn read_wacz<R: std::io::Read + std::io::Seek>(
    context: &RunContext<'_>,
    stamp: &FileStamp,
    path: &Path,
    mut wacz: Wacz<R>,
    read: &mut ArchiveRead,
    report: &mut FileReport,
) -> Result<()> {
    report.warnings.append(&mut wacz.warnings);
    let page_titles = std::mem::take(&mut wacz.titles);
    for member in wacz.members.clone() {
        let warned_before = report.warnings.len();
        let member_stamp = FileStamp {
            member: Some(member.name.clone()),
            ..stamp.clone()
        };
        let from = Source {
            stamp: &member_stamp,
            path,
            page_titles: &page_titles,
            start: member.data_start,
        };
        let opened = wacz.warc(&member).and_then(|bounded| {
            let cut = bounded.cut_flag();
            Ok((
                WarcReader::new(BufReader::with_capacity(READ_BUFFER, bounded))?,
                cut,
            ))
        });
        match opened {
            Ok((reader, cut)) => {
                read_records(context, &from, reader, read, report)?;
                if cut.get() {
                    report.warnings.push(format!(
                        "inflates to more than {} times its stored size: read up to there (a zip bomb?)",
                        wacz::MAX_INFLATE_RATIO
                    ));
                }
            }
            Err(error) => report.warnings.push(format!("unreadable ({error})")),
        }
        let shown = escape_text(&member.name, Breaks::Escape);
        for warning in &mut report.warnings[warned_before..] {
            *warning = format!("{shown}: {warning}");
        }
    }
    Ok(())
}

/// Reads a WARC's records a batch at a time, indexing each batch, and commits when due.
fn read_records<R: std::io::BufRead>(
    context: &RunContext<'_>,
    from: &Source<'_>,
    mut reader: WarcReader<R>,
    read: &mut ArchiveRead,
    report: &mut FileReport,
) -> Result<()> {
    let (archive, writer) = (context.archive, context.writer);
    loop {
        let (batch, ended) = next_batch(
            &mut reader,
            report,
            &mut read.records,
            &mut read.last_offset,
        );
        index_batch(context, from, batch, report)?;
        // A whole-file gzip numbers records in the inflated data, which can pass the size.
        let at = from.start.saturating_add(read.last_offset);
        context
            .observer
            .file_progress(from.path, at.min(from.stamp.size));
        if ended {
            return Ok(());
        }
        if writer.commit_due() {
            context.observer.committing();
            writer.commit().map_err(|e| archive.error(e))?;
        }
    }
}

/// The next records that may hold pages, with their blocks; true when the archive has
/// ended. Other records and problems go into the report as they are met, and
/// `last_offset` follows the records read.
fn next_batch<R: std::io::BufRead>(
    reader: &mut WarcReader<R>,
    report: &mut FileReport,
    records: &mut usize,
    last_offset: &mut u64,
) -> (Vec<Record>, bool) {
    let mut batch = Vec::new();
    let mut bytes = 0;
    while bytes < BATCH_BYTES && batch.len() < BATCH_RECORDS {
        let next = reader.next_record(
            |head| Want {
                block: http::may_hold_page(head),
            },
            MAX_BLOCK,
        );
        match next {
            None => return (batch, true),
            Some(Err(problem)) => report.warnings.push(problem.to_string()),
            Some(Ok(record)) => {
                *records += 1;
                *last_offset = record.offset;
                match &record.block {
                    Some(block) => {
                        bytes += block.len();
                        batch.push(record);
                    }
                    None if http::may_hold_page(&record.head) => pass(report, Passed::TooLarge),
                    None => pass(report, Passed::NotAResponse),
                }
            }
        }
    }
    (batch, false)
}

fn pass(report: &mut FileReport, reason: Passed) {
    *report.passed_over.entry(reason.label()).or_default() += 1;
}

/// A record read as a page.
struct ParsedRecord {
    offset: u64,
    result: std::result::Result<(Article, String), &'static str>,
    warnings: Vec<String>,
}

impl ParsedRecord {
    /// The bytes of text the parsed page holds.
    fn text_bytes(&self) -> usize {
        self.result
            .as_ref()
            .map_or(0, |(article, _)| article.body.len() + article.title.len())
    }
}

fn parse_record(
    path: &Path,
    page_titles: &HashMap<String, String>,
    record: &Record,
) -> ParsedRecord {
    let offset = record.offset;
    let block = record.block.as_deref().unwrap_or_default();
    let page = match http::page(&record.head, block) {
        Ok(page) => page,
        Err(reason) => {
            return ParsedRecord {
                offset,
                result: Err(reason.label()),
                warnings: Vec::new(),
            }
        }
    };
    // WARC/1.0 wrote the address in angle brackets.
    let address = record
        .head
        .get("WARC-Target-URI")
        .map(|uri| uri.trim_matches(['<', '>']));
    let web = WebRecord {
        html: &page.html,
        charset: page.charset.as_deref(),
        address,
        fetched: record.head.get("WARC-Date"),
        title: address.and_then(|a| page_titles.get(a)).map(String::as_str),
    };
    let (result, warnings) = parse_web_record(path, &web);
    let result = match result {
        Ok(article) => {
            let id = web_page_id(&article);
            Ok((article, id))
        }
        Err(ArticleError::Binary) => Err(Passed::NotHtml.label()),
        Err(_) => Err(ArticleError::NoArticleText.label()),
    };
    ParsedRecord {
        offset,
        result,
        warnings,
    }
}

/// Parses the batch's pages in parallel a wave at a time (`PARSED_BYTES`), claims their ids in the archive's order (the
/// first copy of a page is the article, later ones its duplicates), extracts in
/// parallel, and adds the documents in the archive's order.
fn index_batch(
    context: &RunContext<'_>,
    from: &Source<'_>,
    batch: Vec<Record>,
    report: &mut FileReport,
) -> Result<()> {
    let round = ROUND_PER_THREAD * rayon::current_num_threads().max(1);
    let mut rest = batch.as_slice();
    while !rest.is_empty() {
        let mut parsed: Vec<ParsedRecord> = Vec::new();
        let mut text_bytes = 0;
        while !rest.is_empty() && text_bytes < PARSED_BYTES {
            let (now, later) = rest.split_at(round.min(rest.len()));
            let wave: Vec<ParsedRecord> = now
                .par_iter()
                .map(|record| parse_record(from.path, from.page_titles, record))
                .collect();
            text_bytes += wave.iter().map(ParsedRecord::text_bytes).sum::<usize>();
            parsed.extend(wave);
            rest = later;
        }
        index_parsed(context, from.stamp, parsed, report)?;
    }
    Ok(())
}

/// Claims the ids of parsed pages in the archive's order, extracts in parallel and adds
/// the documents in the archive's order.
fn index_parsed(
    context: &RunContext<'_>,
    stamp: &FileStamp,
    parsed: Vec<ParsedRecord>,
    report: &mut FileReport,
) -> Result<()> {
    let archive = context.archive;
    let mut pages = Vec::with_capacity(parsed.len());
    for record in parsed {
        let prefix = format!("record at offset {}: ", record.offset);
        report
            .warnings
            .extend(record.warnings.into_iter().map(|w| format!("{prefix}{w}")));
        match record.result {
            Err(reason) => *report.passed_over.entry(reason).or_default() += 1,
            Ok((article, id)) => {
                let first = context
                    .claimed_ids
                    .lock()
                    .map(|mut ids| ids.insert(id.clone()))
                    .unwrap_or(true);
                pages.push((record.offset, article, id, first));
            }
        }
    }
    let documents: Vec<TantivyDocument> = pages
        .par_iter()
        .map(|(offset, article, id, first)| {
            let part = Some(stored_part(*offset));
            if !first {
                return duplicate_document(&archive.fields, id, stamp, part);
            }
            let extraction = context
                .extractors
                .extract(&article.body, article.publication_date);
            article_document(
                &archive.fields,
                &ArticleRecord {
                    id,
                    stamp,
                    line: part,
                    article,
                    people: &extraction.people,
                    firms: &extraction.firms,
                    tentative: &extraction.tentative,
                    date_mentions: &extraction.date_mentions,
                },
            )
        })
        .collect();
    for (_, _, _, first) in &pages {
        if *first {
            report.indexed += 1;
        } else {
            report.duplicates += 1;
        }
    }
    for document in documents {
        context
            .writer
            .add_document(document)
            .map_err(|e| archive.error(e))?;
    }
    Ok(())
}

/// The identity of a web page's article: its address and its text. Two saves of one
/// page (two `.html` copies, a page in a WARC and as a file) differ in their bytes but
/// not in these; an address is compared without its fragment, tracking parameters,
/// trailing slash or `http`/`https` difference.
pub(super) fn web_page_id(article: &Article) -> String {
    let address = article.url.as_deref().map(normalised_address);
    let key = format!("{}\n{}", address.unwrap_or_default(), article.body);
    content_id(key.as_bytes())
}

/// Query parameters that say how a reader came, not what the page is.
const TRACKING: [&str; 6] = ["fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid"];

fn normalised_address(raw: &str) -> String {
    let raw = raw.trim();
    let Ok(mut url) = url::Url::parse(raw) else {
        return raw.to_owned();
    };
    url.set_fragment(None);
    if url.scheme() == "http" {
        // Only fails for schemes that cannot change; http to https can.
        let _ = url.set_scheme("https");
    }
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(name, _)| !name.starts_with("utm_") && !TRACKING.contains(&name.as_ref()))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    let mut text = String::from(url);
    if text.ends_with('/') && url_has_path(&text) {
        text.pop();
    }
    text
}

/// Whether the trailing `/` is a path's, not the root's (`https://a.example/`).
fn url_has_path(text: &str) -> bool {
    let after_scheme = text.split_once("://").map_or(text, |(_, rest)| rest);
    after_scheme.trim_end_matches('/').contains('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_compared_without_what_does_not_name_the_page() {
        let same = [
            "https://news.example/2025/03/22/story/",
            "http://News.Example/2025/03/22/story",
            "https://news.example/2025/03/22/story?utm_source=x&fbclid=y#comments",
        ];
        for address in same {
            assert_eq!(
                normalised_address(address),
                "https://news.example/2025/03/22/story",
                "{address}"
            );
        }
        assert_eq!(
            normalised_address("https://news.example/story?id=7&utm_medium=m"),
            "https://news.example/story?id=7"
        );
        assert_eq!(
            normalised_address("https://news.example/"),
            "https://news.example/"
        );
        assert_eq!(normalised_address("not a url"), "not a url");
    }

    #[test]
    fn a_page_is_its_address_and_text() {
        let article = |url: Option<&str>, body: &str| Article {
            title: "T".to_owned(),
            body: body.to_owned(),
            publication_date: None,
            date_source: crate::article::DateSource::None,
            url: url.map(str::to_owned),
            site: None,
            authors: Vec::new(),
            tags: Vec::new(),
            captured: None,
        };
        let a = web_page_id(&article(Some("https://x.example/a/"), "Text."));
        assert_eq!(
            a,
            web_page_id(&article(Some("http://x.example/a"), "Text."))
        );
        assert_ne!(
            a,
            web_page_id(&article(Some("https://x.example/b"), "Text."))
        );
        assert_ne!(
            a,
            web_page_id(&article(Some("https://x.example/a"), "Other."))
        );
    }
}

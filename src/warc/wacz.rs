//! WACZ: Webrecorder's zipped web archive (ArchiveWeb.page, Browsertrix, `wacz create`).
//!
//! A WACZ is a zip holding WARCs under `archive/` (stored without compression, so a
//! record's gzip member can be read in place), CDX indexes, and a page list
//! (`pages/pages.jsonl`, one JSON object a page: `url`, `title`, `ts`). Only the WARCs and
//! the page list are read: the WARCs as any `.warc.gz` is, member by member, each record
//! addressed `FILE.wacz#archive/NAME.warc.gz#OFFSET` (the offset in that WARC, as in the
//! WACZ's own CDX lines); the page list gives a title to a page that has none.
//!
//! What a damaged or hostile zip can do is bounded: a zip whose directory cannot be read
//! is reported and skipped; a member whose data does not inflate loses only that member;
//! a member may inflate to at most [`MAX_INFLATE_RATIO`] times its stored size (beyond a
//! floor of [`INFLATE_FLOOR`]), so a zip bomb is cut off and reported, and the page list
//! is read up to [`MAX_PAGE_LIST_BYTES`].

use std::cell::Cell;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Seek};
use std::rc::Rc;

use zip::ZipArchive;

/// The most a member may inflate to, as a multiple of its stored size: text compresses
/// ten to twentyfold, a bomb a thousandfold.
pub const MAX_INFLATE_RATIO: u64 = 100;
/// Below this, a member's inflated size is never called a bomb.
pub const INFLATE_FLOOR: u64 = 64 << 20;
/// The most of a page list read; a list of a million pages is some 200 MB, and titles past
/// this are only fallbacks lost.
pub const MAX_PAGE_LIST_BYTES: u64 = 64 << 20;
/// The page lists a WACZ may hold (`extraPages.jsonl` lists pages found but not seeded).
const PAGE_LISTS: [&str; 2] = ["pages/pages.jsonl", "pages/extraPages.jsonl"];

/// Why a WACZ could not be read at all.
#[derive(thiserror::Error, Debug)]
pub enum WaczProblem {
    #[error("not a readable zip ({0}); a WACZ is a zip archive")]
    NotZip(String),
    #[error("no WARC under archive/ among its {entries} zip entries")]
    NoWarc { entries: usize },
}

/// One WARC inside a WACZ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Its index in the zip's directory.
    pub index: usize,
    /// Its name in the zip, as the address shows it (`archive/data.warc.gz`).
    pub name: String,
    /// Where its data starts in the WACZ file, for progress.
    pub data_start: u64,
    /// Its stored (compressed) size.
    pub stored_size: u64,
}

/// An opened WACZ: its WARCs and the titles of its page list.
pub struct Wacz<R: Read + Seek> {
    zip: ZipArchive<R>,
    pub members: Vec<Member>,
    /// Page titles by address, from the page list.
    pub titles: HashMap<String, String>,
    /// What was wrong with the page list, if anything (a warning, not a failure).
    pub warnings: Vec<String>,
}

impl<R: Read + Seek> Wacz<R> {
    pub fn open(input: R) -> Result<Wacz<R>, WaczProblem> {
        let mut zip = ZipArchive::new(input).map_err(|e| WaczProblem::NotZip(e.to_string()))?;
        let mut members = Vec::new();
        let mut lists = Vec::new();
        for index in 0..zip.len() {
            let Ok(entry) = zip.by_index_raw(index) else {
                continue;
            };
            let Ok(name) = entry.name().map(|name| name.into_owned()) else {
                continue;
            };
            if is_warc_member(&name) {
                members.push(Member {
                    index,
                    name,
                    data_start: entry.data_start().unwrap_or(0),
                    stored_size: entry.compressed_size(),
                });
            } else if PAGE_LISTS.contains(&name.as_str()) {
                lists.push(index);
            }
        }
        if members.is_empty() {
            return Err(WaczProblem::NoWarc { entries: zip.len() });
        }
        let mut wacz = Wacz {
            zip,
            members,
            titles: HashMap::new(),
            warnings: Vec::new(),
        };
        for index in lists {
            wacz.read_page_list(index);
        }
        Ok(wacz)
    }

    /// The member's WARC data, inflated as it is read, cut off (with `Bounded::cut`) past
    /// its inflation bound.
    pub fn warc(&mut self, member: &Member) -> io::Result<Bounded<zip::read::ZipFile<'_, R>>> {
        let entry = self.zip.by_index(member.index).map_err(io::Error::other)?;
        let limit = member
            .stored_size
            .saturating_mul(MAX_INFLATE_RATIO)
            .max(INFLATE_FLOOR);
        Ok(Bounded::new(entry, limit))
    }

    fn read_page_list(&mut self, index: usize) {
        let entry = match self.zip.by_index(index) {
            Ok(entry) => entry,
            Err(error) => {
                self.warnings.push(format!(
                    "page list unreadable ({error}); pages keep their own titles"
                ));
                return;
            }
        };
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut reader = BufReader::new(entry.take(MAX_PAGE_LIST_BYTES));
        let mut line = Vec::new();
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) => {
                    if let Some((url, title)) = page_title(&line) {
                        self.titles.entry(url).or_insert(title);
                    }
                }
                Err(error) => {
                    self.warnings.push(format!(
                        "{name}: page list cut short ({error}); the titles before it are used"
                    ));
                    break;
                }
            }
        }
    }
}

/// A WARC in a WACZ's `archive/` folder.
fn is_warc_member(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with("archive/") && (lower.ends_with(".warc") || lower.ends_with(".warc.gz"))
}

/// A page list line's address and title; the header line (`{"format": …}`) and pages
/// without a title give none.
fn page_title(line: &[u8]) -> Option<(String, String)> {
    #[derive(serde::Deserialize)]
    struct Page {
        url: Option<String>,
        title: Option<String>,
    }
    let page: Page = serde_json::from_slice(line).ok()?;
    let title = page.title?.split_whitespace().collect::<Vec<_>>().join(" ");
    Some((page.url?, title)).filter(|(url, title)| !url.is_empty() && !title.is_empty())
}

/// A reader that ends after `limit` bytes and remembers that it cut: an inflating member
/// past its bound is a bomb, and its reader says so where it stops. The flag is shared, so
/// that it can be read once the reader is deep inside a WARC reader.
pub struct Bounded<R> {
    inner: R,
    left: u64,
    cut: Rc<Cell<bool>>,
}

impl<R: Read> Bounded<R> {
    pub fn new(inner: R, limit: u64) -> Bounded<R> {
        Bounded {
            inner,
            left: limit,
            cut: Rc::default(),
        }
    }

    /// Set once the data went on past the limit.
    pub fn cut_flag(&self) -> Rc<Cell<bool>> {
        Rc::clone(&self.cut)
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            if !self.cut.get() && !buf.is_empty() {
                // One probe byte: data ending exactly at the limit is not cut.
                let mut probe = [0u8; 1];
                self.cut.set(self.inner.read(&mut probe)? > 0);
            }
            return Ok(0);
        }
        let room = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let read = self.inner.read(&mut buf[..room])?;
        self.left -= read as u64;
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;

    use super::*;

    fn zip_of(entries: &[(&str, &[u8], CompressionMethod)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data, method) in entries {
            let options = SimpleFileOptions::default().compression_method(*method);
            writer.start_file(*name, options).unwrap();
            writer.write_all(data).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn the_warcs_and_the_page_titles_are_found() {
        let pages = br#"{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
{"id": "1", "url": "https://news.example/a", "title": "Harbour  report", "ts": "2024-03-05T10:00:00Z"}
{"id": "2", "url": "https://news.example/b", "ts": "2024-03-05T10:00:00Z"}
not json
"#;
        let bytes = zip_of(&[
            ("datapackage.json", b"{}", CompressionMethod::Deflated),
            ("archive/data.warc.gz", b"warc", CompressionMethod::Stored),
            ("archive/notes.txt", b"x", CompressionMethod::Stored),
            ("pages/pages.jsonl", pages, CompressionMethod::Deflated),
        ]);
        let mut wacz = Wacz::open(Cursor::new(bytes)).unwrap();
        assert_eq!(wacz.members.len(), 1);
        assert_eq!(wacz.members[0].name, "archive/data.warc.gz");
        assert_eq!(wacz.titles.len(), 1);
        assert_eq!(wacz.titles["https://news.example/a"], "Harbour report");
        let member = wacz.members[0].clone();
        let mut data = Vec::new();
        wacz.warc(&member).unwrap().read_to_end(&mut data).unwrap();
        assert_eq!(data, b"warc");
    }

    #[test]
    fn a_zip_without_warcs_or_not_a_zip_is_refused() {
        let bytes = zip_of(&[("pages/pages.jsonl", b"", CompressionMethod::Stored)]);
        assert!(matches!(
            Wacz::open(Cursor::new(bytes)),
            Err(WaczProblem::NoWarc { entries: 1 })
        ));
        let bytes = zip_of(&[("archive/a.warc", b"WARC/1.0", CompressionMethod::Stored)]);
        let truncated = bytes[..bytes.len() - 30].to_vec();
        assert!(matches!(
            Wacz::open(Cursor::new(truncated)),
            Err(WaczProblem::NotZip(_))
        ));
    }

    #[test]
    fn a_bounded_reader_says_whether_it_cut() {
        let mut exact = Bounded::new(&b"abcd"[..], 4);
        let mut out = Vec::new();
        exact.read_to_end(&mut out).unwrap();
        assert_eq!(
            (out.as_slice(), exact.cut_flag().get()),
            (&b"abcd"[..], false)
        );
        let mut long = Bounded::new(&b"abcdef"[..], 4);
        out.clear();
        long.read_to_end(&mut out).unwrap();
        assert_eq!(
            (out.as_slice(), long.cut_flag().get()),
            (&b"abcd"[..], true)
        );
    }
}

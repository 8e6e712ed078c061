//! WARC web archives (WARC/1.0 and 1.1, and the 0.17/0.18 drafts), plain or gzipped,
//! read as a stream: a file of many gigabytes is read record by record, and only the
//! records the caller wants are held in memory, one at a time.
//!
//! A record is addressed by the byte offset where it starts in the file. Archivers gzip
//! each record as a gzip member of its own, and then the offset is the member's, as in
//! CDX indexes (`warcio extract FILE OFFSET` reads the same record). A file gzipped as
//! one stream has no such boundaries; its records after the first are addressed by their
//! offset in the uncompressed data.
//!
//! The crates on crates.io (`warc` 0.4, `rust_warc`) decode gzip as one continuous stream,
//! which hides member offsets and cannot resume after a broken member, hence this reader.

pub mod http;

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::GzDecoder;

/// Whether a stored path names a web archive (`.warc`, `.warc.gz`), whose articles are
/// addressed `PATH#OFFSET`.
pub fn is_web_archive(path: &str) -> bool {
    crate::article::format_for_path(std::path::Path::new(path))
        == Some(crate::article::Format::Warc)
}

/// A record's offset as the index keeps it: in the field that holds a JSON-lines
/// file's line number, plus one, since 0 there means the whole file.
pub fn stored_part(offset: u64) -> usize {
    usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .saturating_add(1)
}

/// The offset of a record from [`stored_part`].
pub fn offset_of_part(part: usize) -> u64 {
    part.saturating_sub(1) as u64
}

/// The header of a record, its fields as written (names compared case-insensitively).
#[derive(Debug, Clone, Default)]
pub struct Head {
    fields: Vec<(String, String)>,
}

impl Head {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// `WARC-Type` as written: `response`, `request`, `resource`, `metadata` …
    pub fn record_type(&self) -> &str {
        self.get("WARC-Type").unwrap_or("")
    }

    /// Whether the record is of this `WARC-Type`, compared case-insensitively.
    pub fn is_type(&self, record_type: &str) -> bool {
        self.record_type().eq_ignore_ascii_case(record_type)
    }
}

/// One record: where it starts, its header, and its block when the caller asked for it.
#[derive(Debug)]
pub struct Record {
    pub offset: u64,
    pub head: Head,
    /// The block's length as its `Content-Length` states.
    pub length: u64,
    /// The block, read when the caller's filter wanted it and it is at most the limit.
    pub block: Option<Vec<u8>>,
}

/// Why reading stopped or a record was lost. Messages name the record's offset, never the
/// file (the caller knows it).
#[derive(thiserror::Error, Debug)]
pub enum WarcProblem {
    #[error("no WARC record at offset {offset} (a record starts with a `WARC/1.0` line)")]
    NotWarc { offset: u64 },
    #[error("record at offset {offset}: malformed header ({reason})")]
    MalformedHeader { offset: u64, reason: String },
    #[error(
        "record at offset {offset} is cut short: its Content-Length is {stated} bytes, the data ends after {found}"
    )]
    Truncated {
        offset: u64,
        stated: u64,
        found: u64,
    },
    #[error("record at offset {offset}: broken gzip data ({source})")]
    Gzip { offset: u64, source: io::Error },
    #[error("record at offset {offset}: {source}")]
    Io { offset: u64, source: io::Error },
}

/// A header longer than this is no WARC header (real ones are well under 2 KiB).
const MAX_HEAD_BYTES: u64 = 64 << 10;

/// A buffered reader that counts the bytes consumed from it: the position in the file.
struct Counted<R> {
    inner: R,
    position: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.position += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
        self.position += amount as u64;
    }
}

/// The uncompressed bytes of the records: the file itself, or one gzip member at a time.
enum Stream<R: BufRead> {
    Plain(Counted<R>),
    /// Boxed: the inflater's state is tens of kilobytes.
    Gzip(Box<Counted<BufReader<GzDecoder<Counted<R>>>>>),
    /// Between two members, while the next one is opened.
    Taken,
}

pub struct WarcReader<R: BufRead> {
    stream: Stream<R>,
    /// Where the current gzip member starts in the file.
    member_start: u64,
    /// Uncompressed bytes of the members before the current one.
    uncompressed_before: u64,
    finished: bool,
    /// What is read while no stream is in place (after a member that could not be
    /// opened: reading has finished by then).
    nothing: io::Empty,
}

/// What the caller wants of a record, decided from its header.
pub struct Want {
    /// Read the block into memory (otherwise it is skipped, streaming).
    pub block: bool,
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

impl<R: BufRead> WarcReader<R> {
    /// Gzip is recognised by its magic bytes, not by the file name.
    pub fn new(mut input: R) -> io::Result<Self> {
        let gzip = input.fill_buf()?.starts_with(&GZIP_MAGIC);
        let counted = Counted {
            inner: input,
            position: 0,
        };
        let stream = if gzip {
            Stream::Gzip(member(counted))
        } else {
            Stream::Plain(counted)
        };
        Ok(WarcReader {
            stream,
            member_start: 0,
            uncompressed_before: 0,
            finished: false,
            nothing: io::empty(),
        })
    }

    /// The next record, reading its block when `want` says so and it is at most
    /// `max_block` bytes. `None` at the end of the file and after a problem it cannot
    /// read past (in a plain file, or broken gzip data).
    pub fn next_record(
        &mut self,
        want: impl Fn(&Head) -> Want,
        max_block: u64,
    ) -> Option<Result<Record, WarcProblem>> {
        if self.finished {
            return None;
        }
        match self.read_record(want, max_block) {
            Ok(Some(record)) => Some(Ok(record)),
            Ok(None) => {
                self.finished = true;
                None
            }
            Err((problem, resumable)) => {
                if !resumable || !self.skip_member() {
                    self.finished = true;
                }
                Some(Err(problem))
            }
        }
    }

    /// Ok(None) at the clean end of the file. A problem is resumable when the rest of its
    /// gzip member can be skipped and the next one read.
    fn read_record(
        &mut self,
        want: impl Fn(&Head) -> Want,
        max_block: u64,
    ) -> Result<Option<Record>, (WarcProblem, bool)> {
        let gzip = matches!(self.stream, Stream::Gzip(_));
        let offset = loop {
            let used = self.position();
            let probe = {
                let source = self.source();
                skip_blank_lines(source)
                    .and_then(|skipped| Ok((skipped, source.fill_buf()?.is_empty())))
            };
            let (skipped, empty) = probe.map_err(|e| self.failure(e))?;
            if !empty {
                break if gzip && used == 0 {
                    self.member_start
                } else {
                    self.uncompressed_before + used + skipped
                };
            }
            if !self.next_member().map_err(|e| (e, false))? {
                return Ok(None);
            }
        };
        let source = self.source();
        let head = match read_head(source, offset) {
            Ok(head) => head,
            Err(WarcProblem::Io { offset, source }) => {
                return Err(io_problem(offset, source, gzip))
            }
            Err(problem) => return Err((problem, gzip)),
        };
        let length = match head.get("Content-Length").map(str::trim) {
            Some(value) => value
                .parse::<u64>()
                .map_err(|_| malformed(offset, format!("Content-Length `{value}`"), gzip))?,
            None => return Err(malformed(offset, "no Content-Length".to_owned(), gzip)),
        };
        let wanted = want(&head).block && length <= max_block;
        let mut block_source = source.take(length);
        let (block, found) = if wanted {
            let mut block = Vec::with_capacity(length as usize);
            let found = block_source
                .read_to_end(&mut block)
                .map_err(|e| io_problem(offset, e, gzip))?;
            (Some(block), found as u64)
        } else {
            let found = io::copy(&mut block_source, &mut io::sink())
                .map_err(|e| io_problem(offset, e, gzip))?;
            (None, found)
        };
        if found < length {
            return Err((
                WarcProblem::Truncated {
                    offset,
                    stated: length,
                    found,
                },
                gzip,
            ));
        }
        Ok(Some(Record {
            offset,
            head,
            length,
            block,
        }))
    }

    fn source(&mut self) -> &mut dyn BufRead {
        match &mut self.stream {
            Stream::Plain(plain) => plain,
            Stream::Gzip(member) => member.as_mut(),
            Stream::Taken => &mut self.nothing,
        }
    }

    /// Uncompressed bytes consumed of the file (plain) or of the current member.
    fn position(&self) -> u64 {
        match &self.stream {
            Stream::Plain(plain) => plain.position,
            Stream::Gzip(member) => member.position,
            Stream::Taken => 0,
        }
    }

    /// A read error between records: in a gzip file it is the member's, in a plain
    /// file it is where the next record would start.
    fn failure(&self, error: io::Error) -> (WarcProblem, bool) {
        let offset = match self.stream {
            Stream::Plain(_) => self.position(),
            _ => self.member_start,
        };
        match self.stream {
            Stream::Gzip(_) => (
                WarcProblem::Gzip {
                    offset,
                    source: error,
                },
                false,
            ),
            _ => (
                WarcProblem::Io {
                    offset,
                    source: error,
                },
                false,
            ),
        }
    }

    /// Opens the gzip member after the current one; false at the end of the file (and
    /// always for a plain file, whose end is the end).
    fn next_member(&mut self) -> Result<bool, WarcProblem> {
        let Stream::Gzip(current) = std::mem::replace(&mut self.stream, Stream::Taken) else {
            return Ok(false);
        };
        self.uncompressed_before += current.position;
        let mut file = current.inner.into_inner().into_inner();
        let position = file.position;
        let next = file.fill_buf().map_err(|source| WarcProblem::Io {
            offset: position,
            source,
        })?;
        if next.is_empty() {
            return Ok(false);
        }
        if !next.starts_with(&GZIP_MAGIC) {
            return Err(WarcProblem::NotWarc { offset: position });
        }
        self.member_start = position;
        self.stream = Stream::Gzip(member(file));
        Ok(true)
    }

    /// After a bad record in a gzip member: drops the rest of the member and opens the
    /// next. False when there is none or the member's gzip data is broken.
    fn skip_member(&mut self) -> bool {
        let Stream::Gzip(current) = &mut self.stream else {
            return false;
        };
        if io::copy(current, &mut io::sink()).is_err() {
            return false;
        }
        matches!(self.next_member(), Ok(true))
    }
}

fn member<R: BufRead>(file: Counted<R>) -> Box<Counted<BufReader<GzDecoder<Counted<R>>>>> {
    Box::new(Counted {
        inner: BufReader::with_capacity(64 << 10, GzDecoder::new(file)),
        position: 0,
    })
}

fn malformed(offset: u64, reason: String, resumable: bool) -> (WarcProblem, bool) {
    (WarcProblem::MalformedHeader { offset, reason }, resumable)
}

fn io_problem(offset: u64, error: io::Error, gzip: bool) -> (WarcProblem, bool) {
    if gzip {
        (
            WarcProblem::Gzip {
                offset,
                source: error,
            },
            false,
        )
    } else {
        (
            WarcProblem::Io {
                offset,
                source: error,
            },
            false,
        )
    }
}

/// Records are followed by two CRLFs, and some writers add more: skipped, counted.
fn skip_blank_lines(source: &mut dyn BufRead) -> io::Result<u64> {
    let mut skipped = 0;
    loop {
        let buffer = source.fill_buf()?;
        let blank = buffer
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let whole_buffer = blank == buffer.len() && blank > 0;
        source.consume(blank);
        skipped += blank as u64;
        if !whole_buffer {
            return Ok(skipped);
        }
    }
}

/// The version line and the fields up to the blank line. Continuation lines (starting
/// with a space or tab) belong to the field before.
fn read_head(source: &mut dyn BufRead, offset: u64) -> Result<Head, WarcProblem> {
    let mut limited = source.take(MAX_HEAD_BYTES);
    let mut line = Vec::new();
    let io = |source| WarcProblem::Io { offset, source };
    limited.read_until(b'\n', &mut line).map_err(io)?;
    if !line.starts_with(b"WARC/") {
        return Err(WarcProblem::NotWarc { offset });
    }
    let mut head = Head::default();
    loop {
        line.clear();
        let n = limited.read_until(b'\n', &mut line).map_err(io)?;
        if n == 0 || !line.ends_with(b"\n") {
            let reason = if limited.limit() == 0 {
                format!("longer than {} KiB", MAX_HEAD_BYTES >> 10)
            } else {
                "the data ends inside it".to_owned()
            };
            return Err(WarcProblem::MalformedHeader { offset, reason });
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            return Ok(head);
        }
        if text.starts_with([' ', '\t']) {
            match head.fields.last_mut() {
                Some((_, value)) => {
                    value.push(' ');
                    value.push_str(text.trim());
                }
                None => {
                    return Err(WarcProblem::MalformedHeader {
                        offset,
                        reason: "a continuation line before any field".to_owned(),
                    })
                }
            }
            continue;
        }
        let Some((name, value)) = text.split_once(':') else {
            return Err(WarcProblem::MalformedHeader {
                offset,
                reason: format!("`{}` is no `Name: value` field", one_line(text)),
            });
        };
        head.fields
            .push((name.trim().to_owned(), value.trim().to_owned()));
    }
}

fn one_line(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('\u{2026}');
    }
    short
}

#[cfg(test)]
mod tests;

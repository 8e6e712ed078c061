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
//! Damage loses only what it touches. After broken gzip data (bad deflate data, a bad
//! checksum or length, a member cut short, junk between or inside members, a member that
//! inflates to no WARC record) reading resumes at the next gzip member that inflates to
//! `WARC/`, looked for from just after the broken member's start; in a plain file, after a
//! header that cannot be read or junk between records, at the next line that starts with
//! a WARC version (`resync.rs`). Each skipped range is reported once, by file offsets.
//!
//! The crates on crates.io (`warc` 0.4, `rust_warc`) decode gzip as one continuous stream,
//! which hides member offsets and cannot resume after a broken member, hence this reader.

pub mod http;
mod lookahead;
mod resync;
pub mod wacz;
pub mod zst;

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::GzDecoder;

use lookahead::{Lookahead, Source};
use resync::{scan, Found, Probe, Targets};

/// Whether a stored path names a web archive (`.warc`, `.warc.gz`, `.wacz`), whose
/// articles are addressed `PATH#OFFSET` (`PATH#MEMBER#OFFSET` in a WACZ).
pub fn is_web_archive(path: &str) -> bool {
    use crate::article::{format_for_path, Format};
    matches!(
        format_for_path(std::path::Path::new(path)),
        Some(Format::Warc | Format::Wacz)
    )
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

/// Why a record was lost or reading stopped. Messages name offsets, never the file (the
/// caller knows it): a record's offset as it is addressed, a skipped range in the file.
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
    /// Gzip data that does not inflate, or not to WARC records, up to the next gzip member
    /// that does (`resumed`) or to the end of the file.
    #[error("bytes {start}..{end} are damaged gzip data ({reason}); {}", after_skip(.resumed))]
    DamagedGzip {
        start: u64,
        end: u64,
        reason: String,
        resumed: bool,
    },
    /// Bytes of a plain file where no record could be read, up to the next line that
    /// starts a record (`resumed`) or to the end of the file.
    #[error("bytes {start}..{end} are unreadable WARC data ({reason}); {}", after_skip(.resumed))]
    Unreadable {
        start: u64,
        end: u64,
        reason: String,
        resumed: bool,
    },
    #[error("record at offset {offset}: {source}")]
    Io { offset: u64, source: io::Error },
}

fn after_skip(resumed: &bool) -> &'static str {
    if *resumed {
        "reading resumed at the next record"
    } else {
        "no record follows them"
    }
}

/// A header longer than this is no WARC header (real ones are well under 2 KiB).
const MAX_HEAD_BYTES: usize = 64 << 10;
/// How far back reading can step to look for the next member after a broken one. The
/// inflater reads past a member cut short into the next one until the data makes no
/// sense, most often within a few hundred bytes, and reads ahead by at most the 64 KiB
/// of inflated data that the member's buffer holds.
const REPLAY_BYTES: usize = 1 << 20;
const MEMBER_BUFFER: usize = 64 << 10;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The inflated data of one gzip member, read from the file.
type Member<R> = Lookahead<BufReader<GzDecoder<Lookahead<R>>>>;

/// The uncompressed bytes of the records: the file itself, or one gzip member at a time.
enum Stream<R: BufRead> {
    Plain(Lookahead<R>),
    /// Boxed: the inflater's state is tens of kilobytes.
    Gzip(Box<Member<R>>),
    /// While one member gives way to the next, and after reading has ended.
    Taken,
}

pub struct WarcReader<R: BufRead> {
    stream: Stream<R>,
    /// Where the current gzip member starts in the file.
    member_start: u64,
    /// Uncompressed bytes of the members before the current one.
    uncompressed_before: u64,
    /// Records read from the current member: a file gzipped whole has more than one.
    member_records: u64,
    /// Records read from the file.
    records: u64,
    /// Until a plain file has given a record, a scan for the next record also looks for
    /// gzip members: the damage may be in the first member's header.
    format_known: bool,
    /// What was found after a record that was kept: reported at the next call.
    pending: Option<Interrupt>,
    /// Every file offset before this one has been tried as a member start: none is tried
    /// twice, so stepping back after a broken member keeps the scan linear.
    scanned_to: u64,
    probe: Probe,
    finished: bool,
    /// What is read while no stream is in place.
    nothing: Lookahead<io::Empty>,
}

/// What the caller wants of a record, decided from its header.
pub struct Want {
    /// Read the block into memory (otherwise it is skipped, streaming).
    pub block: bool,
}

/// Why `read_record` gives no record.
enum Interrupt {
    End,
    /// A problem to report; reading goes on after it.
    Problem(WarcProblem),
    /// A problem after which nothing can be read.
    Last(WarcProblem),
}

/// Why a record's header could not be read.
enum HeadFailure {
    Read(io::Error),
    /// No `WARC/` line where the record should start.
    NoVersion,
    /// The data ends inside the header.
    CutShort,
    /// `line_start`: whether the source stopped at the start of a line that may be the
    /// next record's (a line that is no field, or the one after the header).
    Malformed {
        reason: String,
        line_start: bool,
    },
}

impl<R: BufRead> WarcReader<R> {
    /// Gzip is recognised by its magic bytes, not by the file name.
    pub fn new(input: R) -> io::Result<Self> {
        let mut file = Lookahead::new(input, 0);
        let available = file.peek(GZIP_MAGIC.len())?;
        let gzip = file.fill_buf()?[..available].starts_with(&GZIP_MAGIC);
        let stream = if gzip {
            file.keep_history(REPLAY_BYTES);
            Stream::Gzip(member(file))
        } else {
            Stream::Plain(file)
        };
        Ok(WarcReader {
            stream,
            member_start: 0,
            uncompressed_before: 0,
            member_records: 0,
            records: 0,
            format_known: gzip,
            pending: None,
            scanned_to: 0,
            probe: Probe::default(),
            finished: false,
            nothing: Lookahead::new(io::empty(), 0),
        })
    }

    /// The next record, reading its block when `want` says so and it is at most
    /// `max_block` bytes. Damage is reported as a problem and reading goes on after it;
    /// `None` at the end of the file and after a problem that ends it (a read error, a
    /// header cut short by the end of a plain file).
    pub fn next_record(
        &mut self,
        want: impl Fn(&Head) -> Want,
        max_block: u64,
    ) -> Option<Result<Record, WarcProblem>> {
        if self.finished {
            return None;
        }
        match self.read_record(&want, max_block) {
            Ok(record) => Some(Ok(record)),
            Err(Interrupt::Problem(problem)) => Some(Err(problem)),
            Err(Interrupt::End) => {
                self.finished = true;
                None
            }
            Err(Interrupt::Last(problem)) => {
                self.finished = true;
                Some(Err(problem))
            }
        }
    }

    fn read_record(
        &mut self,
        want: &dyn Fn(&Head) -> Want,
        max_block: u64,
    ) -> Result<Record, Interrupt> {
        if let Some(interrupt) = self.pending.take() {
            return Err(interrupt);
        }
        let offset = self.record_start()?;
        let head = read_head(self.source()).map_err(|failure| self.recover(offset, failure))?;
        let length = content_length(&head).map_err(|reason| {
            let line_start = true;
            self.recover(offset, HeadFailure::Malformed { reason, line_start })
        })?;
        let wanted = want(&head).block && length <= max_block;
        let (block, found) =
            read_block(self.source(), length, wanted).map_err(|e| self.read_failure(e))?;
        if found < length {
            // At the end of the data (of the member): the next call goes on from there.
            return Err(Interrupt::Problem(WarcProblem::Truncated {
                offset,
                stated: length,
                found,
            }));
        }
        self.settle()?;
        Ok(Record {
            offset,
            head,
            length,
            block,
        })
    }

    /// The offset of the next record, past blank lines and the ends of gzip members.
    fn record_start(&mut self) -> Result<u64, Interrupt> {
        loop {
            let used = self.position();
            let ahead = {
                let source = self.source();
                skip_blank_lines(source).and_then(|_| Ok(source.fill_buf()?.is_empty()))
            };
            let empty = ahead.map_err(|e| self.read_failure(e))?;
            let gzip = matches!(self.stream, Stream::Gzip(_));
            if !empty {
                return Ok(if gzip && used == 0 {
                    self.member_start
                } else {
                    self.uncompressed_before + self.position()
                });
            }
            if !gzip {
                return Err(Interrupt::End);
            }
            self.next_member()?;
        }
    }

    /// After a record read whole. In a gzip member, what follows must be the next record
    /// or the member's end, where its checksum and length are checked: a member that
    /// fails them is damaged, its record with it. Anything else is reported at the next
    /// call.
    fn settle(&mut self) -> Result<(), Interrupt> {
        if matches!(self.stream, Stream::Gzip(_)) {
            let first = self.member_records == 0;
            self.member_records += 1;
            let met_at = self.file_position();
            match self.member_goes_on() {
                Ok(None) => {}
                Ok(Some(problem)) => self.pending = Some(Interrupt::Problem(problem)),
                Err(error) => {
                    let damage = self.gzip_damage(error, first, met_at);
                    if first {
                        return Err(damage);
                    }
                    self.pending = Some(damage);
                }
            }
        }
        self.format_known = true;
        self.records += 1;
        Ok(())
    }

    /// Reads on in a member after a record: nothing when the next record or the member's
    /// end follows; else the rest of the member is skipped (inflated data is not
    /// resynchronised on, see [`Self::skip_rest_of_member`]) and what was there is named.
    fn member_goes_on(&mut self) -> io::Result<Option<WarcProblem>> {
        let source = self.source();
        skip_blank_lines(source)?;
        let available = source.peek(5)?;
        let ahead = &source.fill_buf()?[..available];
        if ahead.is_empty() || ahead.starts_with(b"WARC/") {
            return Ok(None);
        }
        let offset = self.uncompressed_before + self.position();
        io::copy(self.source(), &mut io::sink())?;
        Ok(Some(WarcProblem::NotWarc { offset }))
    }

    fn source(&mut self) -> &mut dyn Source {
        match &mut self.stream {
            Stream::Plain(plain) => plain,
            Stream::Gzip(member) => member.as_mut(),
            Stream::Taken => &mut self.nothing,
        }
    }

    /// Bytes consumed of the file itself.
    fn file_position(&self) -> u64 {
        match &self.stream {
            Stream::Plain(plain) => plain.position(),
            Stream::Gzip(member) => member.get_ref().get_ref().get_ref().position(),
            Stream::Taken => 0,
        }
    }

    /// Uncompressed bytes consumed of the file (plain) or of the current member.
    fn position(&self) -> u64 {
        match &self.stream {
            Stream::Plain(plain) => plain.position(),
            Stream::Gzip(member) => member.position(),
            Stream::Taken => 0,
        }
    }

    /// A header that cannot be read: the record is reported, or the bytes skipped to the
    /// next record are.
    fn recover(&mut self, offset: u64, failure: HeadFailure) -> Interrupt {
        let gzip = matches!(self.stream, Stream::Gzip(_));
        match failure {
            HeadFailure::Read(error) => self.read_failure(error),
            HeadFailure::NoVersion if !gzip => {
                let reason = "no `WARC/` line where a record starts".to_owned();
                self.resume_plain(offset, reason, false, true)
            }
            HeadFailure::NoVersion if self.member_records == 0 => self.skip_foreign_member(),
            HeadFailure::NoVersion => {
                self.skip_rest_of_member(WarcProblem::NotWarc { offset }, false)
            }
            HeadFailure::CutShort => {
                let reason = "the data ends inside it".to_owned();
                let problem = WarcProblem::MalformedHeader { offset, reason };
                if gzip {
                    self.skip_rest_of_member(problem, self.member_records == 0)
                } else {
                    Interrupt::Last(problem)
                }
            }
            HeadFailure::Malformed { reason, .. } if gzip => {
                let problem = WarcProblem::MalformedHeader { offset, reason };
                self.skip_rest_of_member(problem, self.member_records == 0)
            }
            HeadFailure::Malformed { reason, line_start } => {
                let reason = format!("malformed header: {reason}");
                self.resume_plain(offset, reason, line_start, false)
            }
        }
    }

    /// A read error: in a gzip file, broken gzip data; in a plain file, the end.
    fn read_failure(&mut self, error: io::Error) -> Interrupt {
        match self.stream {
            Stream::Gzip(_) => {
                let from_member_start = self.member_records == 0;
                self.gzip_damage(error, from_member_start, self.file_position())
            }
            _ => Interrupt::Last(WarcProblem::Io {
                offset: self.position(),
                source: error,
            }),
        }
    }

    /// A plain file where no record can be read at `start`: reading resumes at the next
    /// line that starts with a WARC version (or, while the format is unknown, at a gzip
    /// member), and the bytes skipped are reported. `no_record`: there was no record at
    /// all at `start`, so a file with none anywhere is reported as no WARC file.
    fn resume_plain(
        &mut self,
        start: u64,
        reason: String,
        line_start: bool,
        no_record: bool,
    ) -> Interrupt {
        let targets = Targets {
            lines: true,
            members: !self.format_known,
        };
        let Stream::Plain(file) = &mut self.stream else {
            return Interrupt::End;
        };
        let found = scan(file, line_start, targets, &mut self.probe);
        let end = file.position();
        let resumed = true;
        match found {
            Ok(Some(Found::Line)) => Interrupt::Problem(WarcProblem::Unreadable {
                start,
                end,
                reason,
                resumed,
            }),
            Ok(Some(Found::Member)) => {
                let Stream::Plain(mut file) = std::mem::replace(&mut self.stream, Stream::Taken)
                else {
                    return Interrupt::End;
                };
                // Gzipped after all, its first member's header damaged.
                file.keep_history(REPLAY_BYTES);
                self.format_known = true;
                self.scanned_to = end + 1;
                self.open_member(file);
                let reason = "no gzip member header".to_owned();
                Interrupt::Problem(WarcProblem::DamagedGzip {
                    start,
                    end,
                    reason,
                    resumed,
                })
            }
            Ok(None) => self.stopped(
                no_record,
                WarcProblem::Unreadable {
                    start,
                    end,
                    reason,
                    resumed: false,
                },
            ),
            Err(source) => Interrupt::Last(WarcProblem::Io {
                offset: end,
                source,
            }),
        }
    }

    /// After a bad record in a gzip member, the rest of the member is skipped: in a file
    /// gzipped whole, inflated data can no more be trusted to resynchronise on than the
    /// deflate stream can. Broken gzip data met on the way is reported instead of the
    /// record, as the damage that made it: from the member's start when `first` (no
    /// record of the member was kept), else from where the bad record was met.
    fn skip_rest_of_member(&mut self, problem: WarcProblem, first: bool) -> Interrupt {
        let met_at = self.file_position();
        match io::copy(self.source(), &mut io::sink()) {
            Ok(_) => Interrupt::Problem(problem),
            Err(error) => self.gzip_damage(error, first, met_at),
        }
    }

    /// A member whose data is no WARC record: skipped, with anything after it up to the
    /// next member that holds one.
    fn skip_foreign_member(&mut self) -> Interrupt {
        if let Err(error) = io::copy(self.source(), &mut io::sink()) {
            return self.gzip_damage(error, true, 0);
        }
        let start = self.member_start;
        let Some(file) = self.leave_member() else {
            return Interrupt::End;
        };
        let reason = "a gzip member that inflates to no WARC record".to_owned();
        self.resume_gzip(file, start, reason, true)
    }

    /// Broken gzip data in the current member. When `from_member_start` (no record of
    /// the member kept), the member is damaged from its start, and the next one is looked
    /// for from just after it: the inflater may have read past the next member's header
    /// before it failed (a member cut short). Otherwise (a file gzipped whole) the damage
    /// starts at `met_at`, a file offset.
    fn gzip_damage(&mut self, error: io::Error, from_member_start: bool, met_at: u64) -> Interrupt {
        let member_start = self.member_start;
        let Some(mut file) = self.leave_member() else {
            return Interrupt::Last(WarcProblem::Io {
                offset: member_start,
                source: error,
            });
        };
        let start = if from_member_start {
            file.rewind((member_start + 1).max(self.scanned_to));
            member_start
        } else {
            met_at.min(file.position())
        };
        self.resume_gzip(file, start, error.to_string(), false)
    }

    /// Reading ends where a scan found nothing more to read: with `damage` (a range that
    /// reached the end of the file), or, when the damage starts the file and no record was
    /// ever read or found (`no_record`), with the file being no WARC at all.
    fn stopped(&self, no_record: bool, damage: WarcProblem) -> Interrupt {
        let starts_the_file = matches!(
            damage,
            WarcProblem::Unreadable { start: 0, .. } | WarcProblem::DamagedGzip { start: 0, .. }
        );
        if no_record && starts_the_file && self.records == 0 {
            Interrupt::Last(WarcProblem::NotWarc { offset: 0 })
        } else {
            Interrupt::Last(damage)
        }
    }

    /// Reading resumes at the next gzip member that inflates to `WARC/`, and the bytes
    /// skipped from `start` are reported. `no_record`: as for [`Self::resume_plain`].
    fn resume_gzip(
        &mut self,
        mut file: Lookahead<R>,
        start: u64,
        reason: String,
        no_record: bool,
    ) -> Interrupt {
        let targets = Targets {
            lines: false,
            members: true,
        };
        let found = scan(&mut file, false, targets, &mut self.probe);
        let end = file.position();
        match found {
            Ok(Some(_)) => {
                self.scanned_to = end + 1;
                self.open_member(file);
                Interrupt::Problem(WarcProblem::DamagedGzip {
                    start,
                    end,
                    reason,
                    resumed: true,
                })
            }
            Ok(None) => self.stopped(
                no_record,
                WarcProblem::DamagedGzip {
                    start,
                    end,
                    reason,
                    resumed: false,
                },
            ),
            Err(source) => Interrupt::Last(WarcProblem::Io {
                offset: end,
                source,
            }),
        }
    }

    /// At the clean end of a member, opens the next. Anything else after it is damage,
    /// skipped up to the next member found.
    fn next_member(&mut self) -> Result<(), Interrupt> {
        let Some(mut file) = self.leave_member() else {
            return Err(Interrupt::End);
        };
        match starts_member(&mut file) {
            Ok(None) => Err(Interrupt::End),
            Ok(Some(true)) => {
                self.open_member(file);
                Ok(())
            }
            Ok(Some(false)) => {
                let start = file.position();
                let reason = "no gzip member header".to_owned();
                Err(self.resume_gzip(file, start, reason, false))
            }
            Err(source) => Err(Interrupt::Last(WarcProblem::Io {
                offset: file.position(),
                source,
            })),
        }
    }

    /// Takes the file back from the current member, counting the member's inflated bytes.
    fn leave_member(&mut self) -> Option<Lookahead<R>> {
        if !matches!(self.stream, Stream::Gzip(_)) {
            return None;
        }
        let Stream::Gzip(member) = std::mem::replace(&mut self.stream, Stream::Taken) else {
            return None;
        };
        self.uncompressed_before += member.position();
        Some(member.into_inner().into_inner().into_inner())
    }

    fn open_member(&mut self, file: Lookahead<R>) {
        self.member_start = file.position();
        self.member_records = 0;
        self.stream = Stream::Gzip(member(file));
    }
}

fn member<R: BufRead>(file: Lookahead<R>) -> Box<Member<R>> {
    let inflated = BufReader::with_capacity(MEMBER_BUFFER, GzDecoder::new(file));
    Box::new(Lookahead::new(inflated, 0))
}

/// Whether the file goes on with a gzip member's magic bytes; `None` at its end.
fn starts_member<R: BufRead>(file: &mut Lookahead<R>) -> io::Result<Option<bool>> {
    let available = file.peek(GZIP_MAGIC.len())?;
    if available == 0 {
        return Ok(None);
    }
    Ok(Some(file.fill_buf()?[..available].starts_with(&GZIP_MAGIC)))
}

/// Records are followed by two CRLFs, and some writers add more: skipped.
fn skip_blank_lines(source: &mut dyn Source) -> io::Result<()> {
    loop {
        let buffer = source.fill_buf()?;
        let blank = buffer
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let whole_buffer = blank == buffer.len() && blank > 0;
        source.consume(blank);
        if !whole_buffer {
            return Ok(());
        }
    }
}

/// The version line and the fields up to the blank line. Continuation lines (starting
/// with a space or tab) belong to the field before. Each line is looked at before it is
/// consumed, so a failure leaves the source at the start of the line that failed, and a
/// line too long is never held whole.
fn read_head(source: &mut dyn Source) -> Result<Head, HeadFailure> {
    let available = source.peek(5).map_err(HeadFailure::Read)?;
    let start = &source.fill_buf().map_err(HeadFailure::Read)?[..available];
    if !start.starts_with(b"WARC/") {
        return Err(HeadFailure::NoVersion);
    }
    let mut head = Head::default();
    let mut used = 0;
    loop {
        let length = match next_line(source, MAX_HEAD_BYTES - used) {
            Ok(LineEnd::At(length)) => length,
            Ok(LineEnd::CutShort) => return Err(HeadFailure::CutShort),
            Ok(LineEnd::TooLong) => {
                return Err(HeadFailure::Malformed {
                    reason: format!("longer than {} KiB", MAX_HEAD_BYTES >> 10),
                    // Past the version line, the long line may be another record's.
                    line_start: used > 0,
                });
            }
            Err(error) => return Err(HeadFailure::Read(error)),
        };
        let mut ended = false;
        if used > 0 {
            let line = &source.fill_buf().map_err(HeadFailure::Read)?[..length];
            ended = !add_field(&mut head, line)?;
        }
        source.consume(length);
        used += length;
        if ended {
            return Ok(head);
        }
    }
}

/// Adds a header line to the head; false for the blank line that ends it.
fn add_field(head: &mut Head, line: &[u8]) -> Result<bool, HeadFailure> {
    let text = String::from_utf8_lossy(line);
    let text = text.trim_end_matches(['\r', '\n']);
    if text.is_empty() {
        return Ok(false);
    }
    let malformed = |reason| HeadFailure::Malformed {
        reason,
        line_start: true,
    };
    if text.starts_with([' ', '\t']) {
        let Some((_, value)) = head.fields.last_mut() else {
            return Err(malformed("a continuation line before any field".to_owned()));
        };
        value.push(' ');
        value.push_str(text.trim());
        return Ok(true);
    }
    let Some((name, value)) = text.split_once(':') else {
        return Err(malformed(format!(
            "`{}` is no `Name: value` field",
            one_line(text)
        )));
    };
    head.fields
        .push((name.trim().to_owned(), value.trim().to_owned()));
    Ok(true)
}

enum LineEnd {
    /// The line's length with its newline.
    At(usize),
    TooLong,
    CutShort,
}

/// The line ahead, looked at without consuming it and never further than `limit` bytes.
/// What the buffer shows is searched first: reading on is only for a line that goes on
/// past it.
fn next_line(source: &mut dyn Source, limit: usize) -> io::Result<LineEnd> {
    let mut searched = 0;
    let mut wanted = 0;
    loop {
        let available = match wanted {
            0 => source.fill_buf()?.len(),
            _ => source.peek(wanted)?,
        };
        let ahead = &source.fill_buf()?[..available.min(limit)];
        if let Some(at) = memchr::memchr(b'\n', &ahead[searched..]) {
            return Ok(LineEnd::At(searched + at + 1));
        }
        if ahead.len() == limit {
            return Ok(LineEnd::TooLong);
        }
        if available == 0 || available < wanted {
            return Ok(LineEnd::CutShort);
        }
        searched = ahead.len();
        wanted = (available * 2).max(256).min(limit);
    }
}

fn content_length(head: &Head) -> Result<u64, String> {
    match head.get("Content-Length").map(str::trim) {
        Some(value) => value
            .parse()
            .map_err(|_| format!("Content-Length `{}`", one_line(value))),
        None => Err("no Content-Length".to_owned()),
    }
}

/// The block, when wanted, and how many of its bytes the data holds.
fn read_block(
    source: &mut dyn Source,
    length: u64,
    wanted: bool,
) -> io::Result<(Option<Vec<u8>>, u64)> {
    let mut block_source = source.take(length);
    if !wanted {
        return Ok((None, io::copy(&mut block_source, &mut io::sink())?));
    }
    let mut block = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
    let found = block_source.read_to_end(&mut block)?;
    Ok((Some(block), found as u64))
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

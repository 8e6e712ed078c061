//! Finding the next record after damage, as `warcio` and replay tools do: in a plain
//! file, the next line that starts with a WARC version (`WARC/1.` or the `WARC/0.1x`
//! drafts); in a gzipped file, the next gzip member header (`1f 8b 08`, a plausible flag
//! byte) whose data inflates to something starting with `WARC/`.
//!
//! The scan streams: `memchr` finds the next byte that may start a record (a newline, or
//! `1f`), and each such candidate costs a bounded look ahead (8 bytes for a line; the
//! member's header fields and at most [`DEFLATE_PROBE`] bytes of deflate data for a
//! member), so a scan is linear in the bytes it passes and holds at most about 70 KiB.

use std::io;

use flate2::{Decompress, FlushDecompress, Status};

use super::lookahead::Source;

/// What a scan looks for.
#[derive(Clone, Copy)]
pub(super) struct Targets {
    pub lines: bool,
    pub members: bool,
}

pub(super) enum Found {
    Line,
    Member,
}

/// Deflate data read to see whether a member starts with `WARC/`. An encoder's first
/// block header is at most about 300 bytes (dynamic Huffman tables); a record's first
/// bytes follow it.
const DEFLATE_PROBE: usize = 2 << 10;
/// The longest file name or comment field accepted in a member's header.
const NAME_PROBE: usize = 1 << 10;

const FLAG_HEADER_CRC: u8 = 0x02;
const FLAG_EXTRA: u8 = 0x04;
const FLAG_NAME: u8 = 0x08;
const FLAG_COMMENT: u8 = 0x10;
/// Bits of the flag byte that RFC 1952 reserves: set, they are no gzip header.
const FLAG_RESERVED: u8 = 0xe0;

/// Scans forward to the next record start, leaving the source there (nothing of it
/// consumed); `None` at the end of the data. `line_start`: whether the source is at the
/// start of a line.
pub(super) fn scan(
    source: &mut dyn Source,
    mut line_start: bool,
    targets: Targets,
    probe: &mut Probe,
) -> io::Result<Option<Found>> {
    loop {
        if targets.lines && line_start && version_line_here(source)? {
            return Ok(Some(Found::Line));
        }
        if targets.members && probe.member_here(source)? {
            return Ok(Some(Found::Member));
        }
        let buffer = source.fill_buf()?;
        let Some(&first) = buffer.first() else {
            return Ok(None);
        };
        if first == b'\n' {
            source.consume(1);
            line_start = true;
            continue;
        }
        let rest = &buffer[1..];
        let next = match (targets.lines, targets.members) {
            (true, true) => memchr::memchr2(b'\n', super::GZIP_MAGIC[0], rest),
            (true, false) => memchr::memchr(b'\n', rest),
            _ => memchr::memchr(super::GZIP_MAGIC[0], rest),
        };
        let step = 1 + next.unwrap_or(rest.len());
        source.consume(step);
        line_start = false;
    }
}

fn version_line_here(source: &mut dyn Source) -> io::Result<bool> {
    let available = source.peek(8)?;
    let ahead = &source.fill_buf()?[..available];
    Ok(ahead.starts_with(b"WARC/1.") || ahead.starts_with(b"WARC/0.1"))
}

/// Tries gzip members; one inflater serves every candidate.
#[derive(Default)]
pub(super) struct Probe {
    inflater: Option<Decompress>,
}

impl Probe {
    /// Whether a gzip member that inflates to `WARC/` starts here.
    pub(super) fn member_here(&mut self, source: &mut dyn Source) -> io::Result<bool> {
        if source.fill_buf()?.first() != Some(&super::GZIP_MAGIC[0]) {
            return Ok(false);
        }
        let Some(data_start) = member_data_start(source)? else {
            return Ok(false);
        };
        let available = source.peek(data_start + DEFLATE_PROBE)?;
        if available <= data_start {
            return Ok(false);
        }
        let data = &source.fill_buf()?[data_start..available.min(data_start + DEFLATE_PROBE)];
        Ok(self.inflates_to_warc(data))
    }

    fn inflates_to_warc(&mut self, data: &[u8]) -> bool {
        let inflater = match &mut self.inflater {
            Some(inflater) => {
                inflater.reset(false);
                inflater
            }
            None => self.inflater.insert(Decompress::new(false)),
        };
        let mut start = [0; 5];
        loop {
            let (read, written) = (inflater.total_in() as usize, inflater.total_out() as usize);
            if written == start.len() {
                break;
            }
            let status =
                inflater.decompress(&data[read..], &mut start[written..], FlushDecompress::None);
            let stuck =
                inflater.total_in() as usize == read && inflater.total_out() as usize == written;
            if !matches!(status, Ok(Status::Ok | Status::BufError)) || stuck {
                break;
            }
        }
        inflater.total_out() as usize == start.len() && start == *b"WARC/"
    }
}

/// Where a member's deflate data starts, when a gzip member header (RFC 1952) is here.
fn member_data_start(source: &mut dyn Source) -> io::Result<Option<usize>> {
    let available = source.peek(10)?;
    let header = &source.fill_buf()?[..available];
    if available < 10 || header[..3] != [0x1f, 0x8b, 0x08] || header[3] & FLAG_RESERVED != 0 {
        return Ok(None);
    }
    let flags = header[3];
    let mut at = 10;
    if flags & FLAG_EXTRA != 0 {
        if source.peek(at + 2)? < at + 2 {
            return Ok(None);
        }
        let header = source.fill_buf()?;
        at += 2 + usize::from(u16::from_le_bytes([header[at], header[at + 1]]));
    }
    for flag in [FLAG_NAME, FLAG_COMMENT] {
        if flags & flag == 0 {
            continue;
        }
        let available = source.peek(at + NAME_PROBE)?;
        let header = source.fill_buf()?;
        match header
            .get(at..available)
            .and_then(|name| memchr::memchr(0, name))
        {
            Some(end) => at += end + 1,
            None => return Ok(None),
        }
    }
    if flags & FLAG_HEADER_CRC != 0 {
        at += 2;
    }
    Ok(Some(at))
}

//! A buffered reader that counts what it consumed (the position in its data), can look
//! further ahead than its inner reader's buffer, and can step back over the last bytes it
//! consumed.
//!
//! Looking ahead is how a header line is read without consuming it (a malformed line may
//! be the next record's first) and how a gzip member header is tried before the bytes are
//! given up. Stepping back is how reading resumes after a gzip member that broke: the
//! inflater may have read past the next member's header before it failed.

use std::io::{self, BufRead, Read};

/// What the record parser and the resynchronising scan read from: a file, or the
/// inflated data of one gzip member.
pub(super) trait Source: BufRead {
    /// Makes at least `wanted` bytes visible to `fill_buf` (fewer only at the end of the
    /// data) and returns how many `fill_buf` now shows.
    fn peek(&mut self, wanted: usize) -> io::Result<usize>;
    /// Bytes consumed so far.
    fn position(&self) -> u64;
}

pub(super) struct Lookahead<R> {
    inner: R,
    /// Bytes taken out of `inner` but not consumed: `held[start..]` come before `inner`'s.
    held: Vec<u8>,
    start: usize,
    position: u64,
    /// The last bytes consumed, between `keep` and `2 * keep` of them once that many were.
    history: Vec<u8>,
    keep: usize,
}

impl<R: BufRead> Lookahead<R> {
    /// `keep`: how many consumed bytes [`Lookahead::rewind`] can step back over.
    pub(super) fn new(inner: R, keep: usize) -> Self {
        Lookahead {
            inner,
            held: Vec::new(),
            start: 0,
            position: 0,
            history: Vec::new(),
            keep,
        }
    }

    pub(super) fn keep_history(&mut self, keep: usize) {
        self.keep = keep;
    }

    /// Steps back towards `to`, as far as the kept bytes allow; returns the position
    /// reached.
    pub(super) fn rewind(&mut self, to: u64) -> u64 {
        let back = self.position.saturating_sub(to);
        let back =
            usize::try_from(back).map_or(self.history.len(), |back| back.min(self.history.len()));
        if back > 0 {
            let mut held = self.history.split_off(self.history.len() - back);
            held.extend_from_slice(&self.held[self.start..]);
            self.held = held;
            self.start = 0;
            self.position -= back as u64;
        }
        self.position
    }

    pub(super) fn get_ref(&self) -> &R {
        &self.inner
    }

    pub(super) fn into_inner(self) -> R {
        self.inner
    }
}

fn remember(history: &mut Vec<u8>, keep: usize, consumed: &[u8]) {
    if keep == 0 {
        return;
    }
    history.extend_from_slice(consumed);
    // Trimmed to half its most, so that each byte is moved at most once more.
    if history.len() > 2 * keep {
        history.drain(..history.len() - keep);
    }
}

impl<R: BufRead> Source for Lookahead<R> {
    fn peek(&mut self, wanted: usize) -> io::Result<usize> {
        if self.start == self.held.len() {
            self.held.clear();
            self.start = 0;
            let available = self.inner.fill_buf()?.len();
            if available >= wanted || available == 0 {
                return Ok(available);
            }
        } else if self.start >= self.held.len() - self.start {
            // Moved only when what was consumed outweighs what is left: linear overall.
            self.held.drain(..self.start);
            self.start = 0;
        }
        while self.held.len() - self.start < wanted {
            let buffer = self.inner.fill_buf()?;
            if buffer.is_empty() {
                break;
            }
            let take = buffer.len().min(wanted - (self.held.len() - self.start));
            self.held.extend_from_slice(&buffer[..take]);
            self.inner.consume(take);
        }
        Ok(self.held.len() - self.start)
    }

    fn position(&self) -> u64 {
        self.position
    }
}

impl<R: BufRead> Read for Lookahead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.start == self.held.len() && self.keep == 0 {
            // Large reads (a record's block) go past the inner buffer, as BufReader's do.
            let n = self.inner.read(buf)?;
            self.position += n as u64;
            return Ok(n);
        }
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Lookahead<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start < self.held.len() {
            Ok(&self.held[self.start..])
        } else {
            self.inner.fill_buf()
        }
    }

    fn consume(&mut self, amount: usize) {
        if self.start < self.held.len() {
            let end = (self.start + amount).min(self.held.len());
            remember(&mut self.history, self.keep, &self.held[self.start..end]);
            self.start = end;
        } else {
            if self.keep > 0 {
                // The bytes are still in the inner buffer: fill_buf showed them.
                match self.inner.fill_buf() {
                    Ok(buffer) => {
                        let consumed = &buffer[..amount.min(buffer.len())];
                        remember(&mut self.history, self.keep, consumed);
                    }
                    // A gap would make stepping back land on the wrong bytes.
                    Err(_) => self.history.clear(),
                }
            }
            self.inner.consume(amount);
        }
        self.position += amount as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads through a tiny inner buffer, so that looking ahead crosses its refills.
    fn lookahead(bytes: &[u8], keep: usize) -> Lookahead<io::BufReader<&[u8]>> {
        Lookahead::new(io::BufReader::with_capacity(3, bytes), keep)
    }

    #[test]
    fn peeking_past_the_inner_buffer_consumes_nothing() {
        let mut source = lookahead(b"abcdefghij", 0);
        assert_eq!(source.peek(7).unwrap(), 7);
        assert_eq!(source.fill_buf().unwrap(), b"abcdefg");
        source.consume(2);
        assert_eq!(source.position(), 2);
        let mut rest = String::new();
        source.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "cdefghij");
        assert_eq!(source.position(), 10);
        // At the end, fewer than wanted.
        assert_eq!(source.peek(4).unwrap(), 0);
    }

    #[test]
    fn rewinding_gives_back_the_kept_bytes_and_no_more() {
        let mut source = lookahead(b"0123456789", 4);
        let mut all = Vec::new();
        source.read_to_end(&mut all).unwrap();
        // Asked to go back to 1, it goes back over what it kept: at least the last 4 bytes
        // (here 5: the history is trimmed to 4 when it passes 8).
        let reached = source.rewind(1);
        assert_eq!(reached, 5);
        let mut rest = String::new();
        source.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "0123456789"[reached as usize..]);
        assert_eq!(source.position(), 10);
        // Going back twice over the same bytes.
        assert_eq!(source.rewind(8), 8);
        assert_eq!(source.rewind(9), 8, "never forward");
        source.consume(1);
        assert_eq!(source.rewind(7), 7);
        assert_eq!(source.fill_buf().unwrap(), b"789");
    }
}

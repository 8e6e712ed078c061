//! `.warc.zst`: WARC records each compressed as a zstd frame, with the dictionary they were
//! compressed with in a skippable frame at the start of the file (the format Archive Team
//! and `warcio`-based tools write; the dictionary may itself be zstd-compressed).
//!
//! The file is inflated as one stream (zstd reads frame after frame, skipping skippable
//! ones), so its records are addressed by their offset in the uncompressed data, as a
//! `.warc.gz` gzipped as one stream is. Bounds: a dictionary of at most
//! [`MAX_DICTIONARY_BYTES`] (real ones are 100 KB to 1 MB) and a decoding window of at most
//! 2^[`WINDOW_LOG_MAX`] bytes (zstd's own default limit, set explicitly), so a hostile
//! frame header cannot ask for gigabytes; what the records inflate to is bounded by the
//! WARC reader as for any archive.

use std::io::{self, BufRead, Read};

use zstd::stream::read::Decoder;

/// A zstd frame.
const FRAME_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];
/// The skippable frame (`0x184D2A5D`) that holds a `.warc.zst` file's dictionary.
const DICTIONARY_MAGIC: [u8; 4] = [0x5D, 0x2A, 0x4D, 0x18];
/// The largest dictionary taken, stored or inflated.
pub const MAX_DICTIONARY_BYTES: usize = 16 << 20;
/// The largest decoding window, as a power of two: 128 MiB.
pub const WINDOW_LOG_MAX: u32 = 27;

/// Whether data starting with `head` is zstd (a frame, or the dictionary frame).
pub fn is_zstd(head: &[u8]) -> bool {
    head.starts_with(&FRAME_MAGIC) || head.starts_with(&DICTIONARY_MAGIC)
}

/// The uncompressed records of a `.warc.zst` whose first bytes [`is_zstd`] accepted.
pub fn decoder<R: BufRead>(mut input: R) -> io::Result<Decoder<'static, R>> {
    let dictionary = if input.fill_buf()?.starts_with(&DICTIONARY_MAGIC) {
        read_dictionary(&mut input)?
    } else {
        Vec::new()
    };
    let mut decoder = Decoder::with_dictionary(input, &dictionary)?;
    decoder.window_log_max(WINDOW_LOG_MAX)?;
    Ok(decoder)
}

/// The dictionary frame's content, inflated when it is itself a zstd frame.
fn read_dictionary<R: BufRead>(input: &mut R) -> io::Result<Vec<u8>> {
    let mut header = [0u8; 8];
    input.read_exact(&mut header)?;
    let stated = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
    if stated > MAX_DICTIONARY_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "its zstd dictionary is {stated} bytes, more than the {} MiB taken",
                MAX_DICTIONARY_BYTES >> 20
            ),
        ));
    }
    let mut stored = vec![0u8; stated];
    input.read_exact(&mut stored)?;
    if !stored.starts_with(&FRAME_MAGIC) {
        return Ok(stored);
    }
    let mut inflater = Decoder::with_buffer(stored.as_slice())?;
    inflater.window_log_max(WINDOW_LOG_MAX)?;
    let mut dictionary = Vec::new();
    inflater
        .take(MAX_DICTIONARY_BYTES as u64 + 1)
        .read_to_end(&mut dictionary)?;
    if dictionary.len() > MAX_DICTIONARY_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "its zstd dictionary inflates past 16 MiB",
        ));
    }
    Ok(dictionary)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD: &[u8] = b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n";

    fn inflated(file: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        decoder(file).unwrap().read_to_end(&mut out).unwrap();
        out
    }

    fn dictionary_frame(dictionary: &[u8]) -> Vec<u8> {
        let mut frame = DICTIONARY_MAGIC.to_vec();
        frame.extend_from_slice(&(dictionary.len() as u32).to_le_bytes());
        frame.extend_from_slice(dictionary);
        frame
    }

    #[test]
    fn frames_are_read_one_after_another_with_or_without_a_dictionary() {
        let mut file = zstd::bulk::compress(RECORD, 3).unwrap();
        file.extend(zstd::bulk::compress(RECORD, 3).unwrap());
        assert!(is_zstd(&file));
        assert_eq!(inflated(&file), [RECORD, RECORD].concat());

        let dictionary = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: ".repeat(40);
        let mut compressor = zstd::bulk::Compressor::with_dictionary(3, &dictionary).unwrap();
        let mut file = dictionary_frame(&dictionary);
        file.extend(compressor.compress(RECORD).unwrap());
        file.extend(compressor.compress(RECORD).unwrap());
        assert!(is_zstd(&file));
        assert_eq!(inflated(&file), [RECORD, RECORD].concat());

        // A dictionary stored compressed.
        let mut file = dictionary_frame(&zstd::bulk::compress(&dictionary, 3).unwrap());
        file.extend(compressor.compress(RECORD).unwrap());
        assert_eq!(inflated(&file), RECORD);
    }

    #[test]
    fn an_oversized_dictionary_is_refused_before_it_is_read() {
        let mut file = DICTIONARY_MAGIC.to_vec();
        file.extend_from_slice(&u32::MAX.to_le_bytes());
        let error = decoder(file.as_slice()).err().unwrap();
        assert!(error.to_string().contains("zstd dictionary"), "{error}");
        assert!(!is_zstd(b"WARC/1.1"));
    }
}

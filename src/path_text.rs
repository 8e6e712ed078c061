//! Paths as text, losslessly: the form the index stores in `file`, and the form every
//! command prints and `show` accepts.
//!
//! A Unix file name is any bytes but `/` and NUL; Tantivy text, JSON and a terminal need
//! UTF-8. `to_string_lossy` turned every invalid byte into U+FFFD, so two names differing
//! only there became one record, and a printed path named no file. The escape form keeps
//! every byte:
//!
//! - a byte that is not part of valid UTF-8 is written `\xHH` (two upper-case hex digits);
//! - so is each byte of a control character (U+0000–U+001F, U+007F–U+009F), so that a
//!   name cannot move the cursor or recolour the terminal, or break a line of output;
//! - a backslash is written `\\`, so that a name holding the four characters `\xE9` is
//!   never read as the byte 0xE9;
//! - every other character is written as itself: the path of a file with a UTF-8 name and
//!   no backslash or control character is stored and printed exactly as before.
//!
//! On Unix the bytes are the file name's own; elsewhere they are the platform's encoding of
//! the name (`OsStr::as_encoded_bytes`), and only escaped text that decodes to UTF-8 can be
//! turned back into a path.

use std::path::{Path, PathBuf};

/// The escape form of a path (see the module documentation).
pub fn escape_path(path: &Path) -> String {
    escape_bytes(path.as_os_str().as_encoded_bytes())
}

/// The escape form of the bytes of a path.
pub fn escape_bytes(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for character in chunk.valid().chars() {
            if character == '\\' {
                text.push_str("\\\\");
            } else if character.is_control() {
                let mut encoded = [0u8; 4];
                for &byte in character.encode_utf8(&mut encoded).as_bytes() {
                    push_hex(&mut text, byte);
                }
            } else {
                text.push(character);
            }
        }
        for &byte in chunk.invalid() {
            push_hex(&mut text, byte);
        }
    }
    text
}

fn push_hex(text: &mut String, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    text.push_str("\\x");
    text.push(char::from(HEX[usize::from(byte >> 4)]));
    text.push(char::from(HEX[usize::from(byte & 0xF)]));
}

/// The bytes that escaped text stands for, or `None` when it holds a backslash that starts
/// neither `\\` nor `\xHH` (so it cannot have been printed by morgue). Lower-case hex digits
/// are accepted too, for text typed by hand.
pub fn unescape(text: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&first, after)) = rest.split_first() {
        if first != b'\\' {
            bytes.push(first);
            rest = after;
            continue;
        }
        match after {
            [b'\\', tail @ ..] => {
                bytes.push(b'\\');
                rest = tail;
            }
            [b'x', high, low, tail @ ..] => {
                bytes.push(hex_value(*high)? << 4 | hex_value(*low)?);
                rest = tail;
            }
            _ => return None,
        }
    }
    Some(bytes)
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

/// The path whose bytes are `bytes`. `None` where the platform cannot name it: never on
/// Unix; elsewhere when the bytes are not UTF-8.
pub fn path_from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes).ok().map(PathBuf::from)
    }
}

/// The path that escaped text stands for (see [`unescape`] and [`path_from_bytes`]).
pub fn unescape_path(text: &str) -> Option<PathBuf> {
    path_from_bytes(unescape(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(bytes: &[u8]) -> String {
        let text = escape_bytes(bytes);
        assert_eq!(unescape(&text).as_deref(), Some(bytes), "{text}");
        text
    }

    #[test]
    fn plain_utf8_paths_are_unchanged() {
        assert_eq!(round_trip(b"/news/2025/a.txt"), "/news/2025/a.txt");
        assert_eq!(
            round_trip("/news/café – über.txt".as_bytes()),
            "/news/café – über.txt"
        );
    }

    #[test]
    fn invalid_bytes_are_hex_escaped() {
        assert_eq!(round_trip(b"/files/caf\xe9.txt"), "/files/caf\\xE9.txt");
        // A truncated multi-byte sequence, and bytes that never start one.
        assert_eq!(round_trip(b"a\xc3"), "a\\xC3");
        assert_eq!(round_trip(b"\xff\xfe/\x80"), "\\xFF\\xFE/\\x80");
    }

    #[test]
    fn backslashes_are_doubled_so_literal_escapes_stay_literal() {
        assert_eq!(round_trip(b"a\\b"), "a\\\\b");
        assert_eq!(round_trip(b"caf\\xE9.txt"), "caf\\\\xE9.txt");
        assert_eq!(round_trip(b"\\"), "\\\\");
        assert_eq!(round_trip(b"\\\\x"), "\\\\\\\\x");
        // The name with the four characters and the name with the byte stay apart.
        assert_ne!(escape_bytes(b"caf\\xE9"), escape_bytes(b"caf\xe9"));
    }

    #[test]
    fn control_characters_are_hex_escaped() {
        assert_eq!(round_trip(b"a\nb\x1b[31m"), "a\\x0Ab\\x1B[31m");
        assert_eq!(round_trip("x\u{9b}y".as_bytes()), "x\\xC2\\x9By");
        assert_eq!(round_trip(b"\x7f"), "\\x7F");
    }

    #[test]
    fn every_byte_pair_round_trips() {
        for first in 0..=u8::MAX {
            for second in [0u8, b'\\', b'x', b'A', 0x80, 0xa9, 0xff] {
                round_trip(&[first, second, b'\\', first]);
            }
        }
    }

    #[test]
    fn malformed_escapes_are_not_escaped_text() {
        assert_eq!(unescape("a\\b"), None);
        assert_eq!(unescape("a\\"), None);
        assert_eq!(unescape("a\\x4"), None);
        assert_eq!(unescape("a\\xG0"), None);
        assert_eq!(unescape("caf\\xe9"), Some(b"caf\xe9".to_vec()));
    }

    #[cfg(unix)]
    #[test]
    fn escaped_text_names_the_same_path() {
        use std::os::unix::ffi::OsStrExt;
        let path = path_from_bytes(b"/tmp/caf\xe9.txt".to_vec()).unwrap();
        assert_eq!(path.as_os_str().as_bytes(), b"/tmp/caf\xe9.txt");
        assert_eq!(unescape_path(&escape_path(&path)), Some(path));
    }
}

//! Paths as text, losslessly: the form the index stores in `file`, and the form every
//! command prints and `show` accepts.
//!
//! A Unix file name is any bytes but `/` and NUL; Tantivy text, JSON and a terminal need
//! UTF-8. `to_string_lossy` turned every invalid byte into U+FFFD, so two names differing
//! only there became one record, and a printed path named no file. The escape form keeps
//! every byte:
//!
//! - a byte that is not part of valid UTF-8 is written `\xHH` (two upper-case hex digits);
//! - so is each byte of a control character (U+0000–U+001F, U+007F–U+009F) and of a
//!   bidirectional formatting character (U+061C, U+200E, U+200F, U+202A–U+202E,
//!   U+2066–U+2069), so that a name cannot move the cursor, recolour or retitle the
//!   terminal, break a line of output, or make the text after it read backwards;
//! - a backslash is written `\\`, so that a name holding the four characters `\xE9` is
//!   never read as the byte 0xE9;
//! - every other character is written as itself: the path of a file with a UTF-8 name and
//!   no backslash or control character is stored and printed exactly as before.
//!
//! On Unix the bytes are the file name's own; elsewhere they are the platform's encoding of
//! the name (`OsStr::as_encoded_bytes`), and only escaped text that decodes to UTF-8 can be
//! turned back into a path.
//!
//! Every other string that came from a file (a title, a snippet, a body, an author, an
//! address, a damaged record's header quoted in a warning) is printed through
//! [`escape_text`]: the same `\xHH` form for the same characters, so that a hostile
//! saved page cannot write to the user's terminal any more than a hostile file name can.

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
            } else if is_unsafe_to_show(character) {
                push_escaped_char(&mut text, character);
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

/// Characters that must never reach a terminal or a page as themselves: control
/// characters (C0, DEL, C1: an ESC or CSI starts a sequence that can move the cursor,
/// clear the screen, retitle the window or write the clipboard) and the bidirectional
/// formatting characters (an override makes the text after it read backwards, so a
/// file name or an address can pass for another).
pub fn is_unsafe_to_show(character: char) -> bool {
    character.is_control()
        || matches!(
            character,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Whether a line break or tab is kept as itself by [`escape_text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// One line of output (a title, a snippet, an address, a warning): a line break is
    /// escaped like any other control character.
    Escape,
    /// Running text (an article's body): `\n` and `\t` stay, every other control
    /// character is escaped (a `\r` could overwrite the line it ends).
    Keep,
}

/// Text from a file or a user, made safe to print: every character
/// [`is_unsafe_to_show`] names is written as the `\xHH` escapes of its UTF-8 bytes, the
/// form paths are printed in, and everything else, backslashes included, is left as it
/// is (this is for reading, not for reading back). Borrowed when nothing needs escaping,
/// which is almost always.
pub fn escape_text(text: &str, breaks: Breaks) -> std::borrow::Cow<'_, str> {
    let keep = |character: char| breaks == Breaks::Keep && matches!(character, '\n' | '\t');
    let unsafe_here = |character: char| is_unsafe_to_show(character) && !keep(character);
    let Some(first) = text.find(unsafe_here) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut escaped = String::with_capacity(text.len() + 16);
    escaped.push_str(&text[..first]);
    for character in text[first..].chars() {
        if unsafe_here(character) {
            push_escaped_char(&mut escaped, character);
        } else {
            escaped.push(character);
        }
    }
    std::borrow::Cow::Owned(escaped)
}

fn push_escaped_char(text: &mut String, character: char) {
    let mut encoded = [0u8; 4];
    for &byte in character.encode_utf8(&mut encoded).as_bytes() {
        push_hex(text, byte);
    }
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
    fn bidirectional_overrides_are_hex_escaped() {
        assert_eq!(
            round_trip("invoice\u{202E}fdp.txt".as_bytes()),
            "invoice\\xE2\\x80\\xAEfdp.txt"
        );
        assert_eq!(round_trip("a\u{2066}b".as_bytes()), "a\\xE2\\x81\\xA6b");
    }

    #[test]
    fn text_shows_every_control_and_override_visibly() {
        let hostile =
            "Title\x1b]0;pwned\x07 \x1b]52;c;ZXZpbA==\x07\x1b[2J\u{9b}31m\u{202E}gnp.exe\x7f";
        let shown = escape_text(hostile, Breaks::Escape);
        assert!(!shown.chars().any(is_unsafe_to_show), "{shown}");
        assert_eq!(
            shown,
            "Title\\x1B]0;pwned\\x07 \\x1B]52;c;ZXZpbA==\\x07\\x1B[2J\\xC2\\x9B31m\\xE2\\x80\\xAEgnp.exe\\x7F"
        );
        // Plain text, backslashes and all, is borrowed as it is.
        assert!(matches!(
            escape_text("Müller \\ co.", Breaks::Escape),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn running_text_keeps_its_lines_and_tabs() {
        assert_eq!(escape_text("a\n\tb\r\n", Breaks::Keep), "a\n\tb\\x0D\n");
        assert_eq!(escape_text("a\nb", Breaks::Escape), "a\\x0Ab");
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

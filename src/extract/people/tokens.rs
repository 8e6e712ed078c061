//! Step 1 of the rules: the text cut into words, numbers and punctuation, each word
//! with its shape and, for capitalised words, its lexicon flags.

use super::lexicon::{Lexicon, ABBREV, BREAK, DESCRIPTOR, ORG, PLACE, SUFFIX, TITLE};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Number,
    Punct(char),
    /// A blank line: a paragraph (or headline) boundary.
    Break,
    /// A URL, e-mail address or @handle.
    Opaque,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Capitalised and shaped like a name: "Putin", "O'Brien", "McConnell", "al-Assad".
    Name,
    /// One capital letter followed by a full stop, or dotted letters ("J.P.").
    Initial,
    /// Two or more letters, no lower case: "FBI", "BAKER", "III".
    AllCaps,
    Lower,
    /// Anything else: camel case ("StarNews"), digits, "Chicago-based", scripts
    /// without case.
    Other,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub(super) start: usize,
    /// End of the word without its possessive ending.
    pub(super) end: usize,
    pub(super) kind: Kind,
    pub(super) shape: Shape,
    /// Lexicon flags, looked up eagerly for capitalised words only.
    pub(super) flags: u32,
    pub(super) possessive: bool,
    /// The byte after the word is a full stop.
    pub(super) dot_after: bool,
    pub(super) sentence_start: bool,
    /// Numbers: 1 for an age adjective ("20-year-old"), 2 for a small integer (an age).
    pub(super) number: u8,
}

impl Token {
    fn simple(start: usize, end: usize, kind: Kind, sentence_start: bool) -> Token {
        Token {
            start,
            end,
            kind,
            shape: Shape::Other,
            flags: 0,
            possessive: false,
            dot_after: false,
            sentence_start,
            number: 0,
        }
    }

    pub(super) fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub(super) fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    pub(super) fn is_quote(&self) -> bool {
        matches!(
            self.kind,
            Kind::Punct('"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»')
        )
    }
}

fn char_at(text: &str, index: usize) -> Option<char> {
    // An ASCII byte is always a whole character: no boundary check or decoding needed.
    match text.as_bytes().get(index) {
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        _ => text.get(index..).and_then(|rest| rest.chars().next()),
    }
}

pub(super) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Combining accents written after their letter (decomposed "José").
fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

/// Whether a whitespace-delimited chunk is a URL, an address or a handle.
fn is_opaque(chunk: &[u8]) -> bool {
    let mut slash = false;
    let mut dot_letter = false;
    for (index, &byte) in chunk.iter().enumerate() {
        match byte {
            b'@' => return true,
            b'/' => {
                if chunk.get(index + 1) == Some(&b'/') && index > 0 && chunk[index - 1] == b':' {
                    return true;
                }
                slash = true;
            }
            b'.' if chunk
                .get(index + 1)
                .is_some_and(|next| next.is_ascii_alphabetic())
                && index > 0
                && chunk[index - 1].is_ascii_alphanumeric() =>
            {
                dot_letter = true;
            }
            _ => {}
        }
    }
    slash && dot_letter || chunk.starts_with(b"www.")
}

/// The next '@' or '/' in the text, and where the whitespace-delimited chunk holding it
/// starts (as seen from where the search began).
struct Marker {
    /// The text's length when there is none.
    at: usize,
    chunk_start: usize,
}

impl Marker {
    /// Searches from `from`; the searches of one text cover disjoint ranges, so together
    /// they stay linear.
    fn next(bytes: &[u8], from: usize) -> Marker {
        let rest = bytes.get(from..).unwrap_or_default();
        let at = memchr::memchr2(b'@', b'/', rest).map_or(bytes.len(), |offset| from + offset);
        let chunk_start = bytes
            .get(from..at)
            .and_then(|before| before.iter().rposition(u8::is_ascii_whitespace))
            .map_or(from, |offset| from + offset + 1);
        Marker { at, chunk_start }
    }
}

pub(super) fn tokenize(text: &str, lexicon: &Lexicon) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::with_capacity(bytes.len() / 5 + 4);
    let mut index = 0;
    let mut chunk_start = true;
    let mut sentence_start = true;
    let mut marker = Marker::next(bytes, 0);
    while index < bytes.len() {
        let byte = bytes[index];
        if byte.is_ascii_whitespace() {
            let mut newlines = 0;
            while index < bytes.len() && bytes[index].is_ascii_whitespace() {
                if bytes[index] == b'\n' {
                    newlines += 1;
                }
                index += 1;
            }
            if newlines >= 2 {
                tokens.push(Token::simple(index, index, Kind::Break, true));
                sentence_start = true;
            }
            chunk_start = true;
            continue;
        }
        let Some(c) = (if byte < 0x80 {
            Some(char::from(byte))
        } else {
            char_at(text, index)
        }) else {
            break;
        };
        if c.is_whitespace() {
            index += c.len_utf8();
            chunk_start = true;
            continue;
        }
        if chunk_start {
            chunk_start = false;
            // Only a chunk holding '@' or '/', or starting with "www.", can be opaque;
            // most chunks are not scanned to their end here.
            if marker.at < index {
                marker = Marker::next(bytes, index);
            }
            let holds_marker = marker.at < bytes.len() && index >= marker.chunk_start;
            if holds_marker || bytes[index..].starts_with(b"www.") {
                let end = bytes[index..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace())
                    .map_or(bytes.len(), |offset| index + offset);
                if is_opaque(&bytes[index..end]) {
                    tokens.push(Token::simple(index, end, Kind::Opaque, sentence_start));
                    sentence_start = false;
                    index = end;
                    continue;
                }
            }
        }
        if c.is_alphabetic() {
            let token = scan_word(text, index, sentence_start, lexicon);
            index = token.1;
            tokens.push(token.0);
            sentence_start = false;
        } else if c.is_numeric() {
            let (token, next) = scan_number(text, index, sentence_start);
            index = next;
            tokens.push(token);
            sentence_start = false;
        } else if is_apostrophe(c)
            && matches!(bytes.get(index + c.len_utf8()), Some(b's' | b'S'))
            && !char_at(text, index + c.len_utf8() + 1).is_some_and(char::is_alphanumeric)
            && tokens
                .last()
                .is_some_and(|last| last.is_word() && last.end == last_word_end(last))
        {
            // A possessive split off by a tokenizer: "Petofi 's board".
            if let Some(last) = tokens.last_mut() {
                last.possessive = true;
            }
            index += c.len_utf8() + 1;
        } else {
            let previous_is_abbreviation = tokens.last().is_some_and(|last| {
                last.is_word()
                    && (last.flags & (ABBREV | SUFFIX) != 0 || last.shape == Shape::Initial)
            });
            tokens.push(Token::simple(
                index,
                index + c.len_utf8(),
                Kind::Punct(c),
                sentence_start,
            ));
            match c {
                '.' if !previous_is_abbreviation => sentence_start = true,
                '!' | '?' | ':' => sentence_start = true,
                _ => {}
            }
            index += c.len_utf8();
        }
    }
    tokens
}

/// A word token's end, for telling whether it already lost a possessive ending.
fn last_word_end(token: &Token) -> usize {
    if token.possessive {
        usize::MAX
    } else {
        token.end
    }
}

/// Scans a word starting at `start`; returns the token and the index after it.
fn scan_word(text: &str, start: usize, sentence_start: bool, lexicon: &Lexicon) -> (Token, usize) {
    let bytes = text.as_bytes();
    let mut index = start;
    let mut segment_letters = 0usize;
    let mut dotted = false;
    loop {
        // Most of a word is ASCII letters and digits.
        let ascii_run = bytes
            .get(index..)
            .unwrap_or_default()
            .iter()
            .take_while(|byte| byte.is_ascii_alphanumeric())
            .count();
        index += ascii_run;
        segment_letters += ascii_run;
        let Some(c) = char_at(text, index) else {
            break;
        };
        if c.is_alphanumeric() || is_combining(c) {
            index += c.len_utf8();
            segment_letters += 1;
            continue;
        }
        let next = char_at(text, index + c.len_utf8());
        if (is_apostrophe(c) || is_hyphen(c)) && next.is_some_and(char::is_alphabetic) {
            index += c.len_utf8();
            segment_letters = 0;
            continue;
        }
        if c == '.' && segment_letters == 1 && next.is_some_and(char::is_alphabetic) {
            // "U.S", "J.P": dotted letters stay one word.
            let after_next = next.map_or(0, char::len_utf8) + index + 1;
            let single_letter_follows = !char_at(text, after_next).is_some_and(char::is_alphabetic);
            if single_letter_follows {
                dotted = true;
                index += 1;
                segment_letters = 0;
                continue;
            }
        }
        break;
    }
    let mut end = index;
    if dotted && bytes.get(index) == Some(&b'.') {
        index += 1;
        end = index;
    }
    let word = text.get(start..end).unwrap_or("");
    let mut name_end = end;
    let mut possessive = false;
    if let Some(stem) = word.strip_suffix("'s").or_else(|| word.strip_suffix("'S")) {
        name_end = start + stem.len();
        possessive = true;
    } else if let Some(stem) = word.strip_suffix("’s").or_else(|| word.strip_suffix("’S")) {
        name_end = start + stem.len();
        possessive = true;
    } else if word.ends_with('s') {
        if let Some(apostrophe) = char_at(text, end).filter(|c| is_apostrophe(*c)) {
            let after = end + apostrophe.len_utf8();
            if !char_at(text, after).is_some_and(char::is_alphanumeric) {
                possessive = true;
                index = after;
            }
        }
    }
    let stem = text.get(start..name_end).unwrap_or("");
    let dot_after = bytes.get(name_end) == Some(&b'.') && !possessive;
    let shape = word_shape(stem, dot_after, dotted);
    let mut flags = match shape {
        Shape::Name | Shape::AllCaps | Shape::Initial => lexicon.flags(stem),
        Shape::Lower | Shape::Other => 0,
    };
    if shape == Shape::Initial {
        // "A. Smith" is not the article "A".
        flags &= !BREAK;
    }
    if flags == 0 && shape == Shape::Name && stem.contains(is_hyphen) {
        // "Lieutenant-Colonel" is a title, "Russian-American" a descriptor.
        let mut parts = 0;
        for part in stem.split(is_hyphen) {
            parts |= lexicon.flags(part);
        }
        if parts & TITLE != 0 {
            flags = TITLE;
        } else if parts & (DESCRIPTOR | ORG | PLACE) != 0 {
            flags = DESCRIPTOR;
        }
    }
    let token = Token {
        start,
        end: name_end,
        kind: Kind::Word,
        shape,
        flags,
        possessive,
        dot_after,
        sentence_start,
        number: 0,
    };
    (token, index)
}

fn scan_number(text: &str, start: usize, sentence_start: bool) -> (Token, usize) {
    let mut index = start;
    let mut all_digits = true;
    let mut digits = 0usize;
    while let Some(c) = char_at(text, index) {
        if c.is_alphanumeric() {
            if c.is_ascii_digit() {
                digits += 1;
            } else {
                all_digits = false;
            }
            index += c.len_utf8();
            continue;
        }
        if (matches!(c, '.' | ',' | ':' | '/') || is_hyphen(c))
            && char_at(text, index + c.len_utf8()).is_some_and(char::is_alphanumeric)
        {
            all_digits = false;
            index += c.len_utf8();
            continue;
        }
        break;
    }
    let word = text.get(start..index).unwrap_or("");
    let number = if word.ends_with("-old") || word.ends_with("-olds") {
        1
    } else if all_digits
        && digits <= 3
        && word
            .parse::<u32>()
            .is_ok_and(|age| (10..=120).contains(&age))
    {
        2
    } else {
        0
    };
    let mut token = Token::simple(start, index, Kind::Number, sentence_start);
    token.number = number;
    (token, index)
}

/// Prefixes after which a capital letter inside a surname is normal ("McConnell").
const INNER_CAPITAL_PREFIXES: [&str; 12] = [
    "Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Fitz", "Al",
];

/// Lower-case parts after a hyphen that make an English compound, not a name
/// ("Chicago-based", "Kremlin-owned").
const ENGLISH_HYPHEN_PARTS: [&str; 24] = [
    "based", "born", "led", "run", "owned", "backed", "style", "like", "era", "made", "wide",
    "level", "year", "old", "free", "only", "type", "class", "size", "scale", "elect", "law",
    "proof", "friendly",
];

/// Lower-case Arabic article prefixes of surnames ("al-Assad", "el-Sisi").
const ARTICLE_PREFIXES: [&str; 12] = [
    "al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "ud-", "ul-", "bin-",
];

/// "I'm", "Don't", "We'll": capitalised, but not names.
fn is_contraction(word: &str) -> bool {
    let Some(position) = word.rfind(is_apostrophe) else {
        return false;
    };
    let ending = word.get(position..).unwrap_or("");
    let ending = ending.trim_start_matches(is_apostrophe);
    matches!(ending, "m" | "d" | "ve" | "ll" | "re" | "t")
}

fn word_shape(word: &str, dot_after: bool, dotted: bool) -> Shape {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return Shape::Other;
    };
    if first.is_lowercase() {
        // Every article prefix ends in a hyphen at byte 2 or 3; most lower-case words
        // have none there, and this is checked for every one of them.
        let bytes = word.as_bytes();
        if bytes.get(2) != Some(&b'-') && bytes.get(3) != Some(&b'-') {
            return Shape::Lower;
        }
        for prefix in ARTICLE_PREFIXES {
            if let Some(rest) = word.strip_prefix(prefix) {
                if rest.chars().next().is_some_and(char::is_uppercase)
                    && word_shape(rest, false, false) == Shape::Name
                {
                    return Shape::Name;
                }
            }
        }
        return Shape::Lower;
    }
    if !first.is_uppercase() {
        return Shape::Other;
    }
    if dotted {
        let letters_upper = word.chars().filter(|c| *c != '.').all(char::is_uppercase);
        return if letters_upper {
            Shape::Initial
        } else {
            Shape::Other
        };
    }
    let mut has_lower = false;
    let mut inner_capital_ok = true;
    let mut english_part = false;
    // Only a word with an apostrophe can be a contraction.
    let mut apostrophe = false;
    let mut letters = 1usize;
    let mut previous = first;
    let mut part_start = 0usize;
    for (index, c) in word.char_indices().skip(1) {
        letters += 1;
        if c.is_lowercase() {
            has_lower = true;
        } else if c.is_uppercase() {
            let part = word.get(part_start..index).unwrap_or("");
            let after_separator = is_apostrophe(previous) || is_hyphen(previous);
            if !after_separator && !INNER_CAPITAL_PREFIXES.contains(&part) {
                inner_capital_ok = false;
            }
        } else if c.is_numeric() {
            return Shape::Other;
        }
        if is_hyphen(c) || is_apostrophe(c) {
            apostrophe |= is_apostrophe(c);
            part_start = index + c.len_utf8();
            if is_hyphen(c) {
                let rest = word.get(part_start..).unwrap_or("");
                let part = rest.split(is_hyphen).next().unwrap_or("");
                if part.chars().next().is_some_and(char::is_lowercase)
                    && (ENGLISH_HYPHEN_PARTS.contains(&part)
                        || part.len() >= 4
                            && (part.ends_with("ed")
                                || part.ends_with("ing")
                                || part.ends_with("ist")))
                {
                    english_part = true;
                }
            }
        }
        previous = c;
    }
    if !has_lower {
        return if letters == 1 && dot_after {
            Shape::Initial
        } else {
            Shape::AllCaps
        };
    }
    if !inner_capital_ok || english_part || apostrophe && is_contraction(word) {
        return Shape::Other;
    }
    Shape::Name
}

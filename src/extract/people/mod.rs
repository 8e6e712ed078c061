//! Person-name extraction: hand-written rules, and a trained tagger on top of them.
//!
//! [`TaggedPeople`] (what ingest uses) runs the rules below, gives their conclusions as
//! features to an averaged-perceptron tagger (`tagger.rs`, model `people.model`, trained
//! by `examples/train_people.rs`), takes the tagger's names (with the post-filters of
//! `Scan::use_tagged`) and links them with the rules' linking (step 6). [`RuleBasedPeople`]
//! is the rules alone. Measured with `examples/eval_people.rs`; figures, commands and
//! remaining errors are in `docs/PEOPLE.md`. The rules:
//!
//! # How it works
//! 1. **Tokens.** One linear pass cuts the text into words, numbers and punctuation.
//!    URLs, e-mail addresses and @handles are skipped whole. A possessive (`'s`, `’s`,
//!    a split-off ` 's`, or the apostrophe of `Jones'`) is cut off the word it ends.
//!    Each capitalised word is looked up once in a small lexicon (given names, titles,
//!    stop words); lower-case words only when their context is read.
//! 2. **Runs.** Consecutive name-shaped words form a run: capitalised words (with
//!    `O'Brien`, `McConnell`, `Jean-Claude`, `al-Assad`, but not `StarNews` or
//!    `Chicago-based`), initials (`S.`), title abbreviations (`Mr.`, `Sen.`), `Jr.`/`III`,
//!    lower-case particles between capitalised words (`van der`, `de`, `bin`), acronyms
//!    used as prefixes (`FBI Director …`). Function words (`The`, `According`), weekdays
//!    and most months end a run.
//! 3. **Titles off.** Everything up to the last title or descriptor that still has a
//!    name after it is dropped: "U.S. Senate Majority Leader Mitch McConnell" leaves
//!    "Mitch McConnell"; "Russian President Vladimir Putin's" leaves "Vladimir Putin".
//!    A title at the end stays a surname ("Erik Prince", "Martin Luther King Jr.").
//! 4. **Not a person.** A remaining name is rejected when it holds an organisation or
//!    place word (`House`, `Street`, `Sea`, `Inc`, `News`, `University`, …), a company
//!    form (`AG`, `L.P.`) or ending (`Commerzbank`), starts like a place (`New`, `San`,
//!    `North`), is a firm named like a person (`Morgan Stanley`), sits next to `&` or in
//!    Reuters' `<…>` company brackets, or is a known place or organisation on its own
//!    (`Russia`, `Kremlin`, `Reuters`; such a word can still link to a person of that
//!    surname named in full, as "Jordan" to "Neil Jordan"). Words such as `Hall` and
//!    `Park` need more than a given name.
//! 5. **Evidence.** A name is a person when it has two or more words and starts with a
//!    known given name (`given_names.txt`), an East Asian family name or an initial
//!    ("A. Smith"), or when a title precedes it, a role noun precedes it ("envoy Steve
//!    Witkoff", "his daughter Ivanka Trump", "20-year-old …"), or the context says so:
//!    an age (", 45,"), ", who", an apposition with a role (", a former professor",
//!    ", a Republican"), a party tag ("(R-AZ)") or a speech verb ("Putin said", "said
//!    Keith Springer", "according to Witkoff"). A single word on context alone must not
//!    be a given name, a month or a plural people ("Venezuelans"), must not look like an
//!    organisation anywhere in the article ("the Hill reported", "in Butler", "Boeing
//!    787", "news agency Tanjug", "Pirelli's shares", "Jefferies analyst …", "many
//!    Cubans", "Committee on Taxation"), and, at the start of a sentence, must also
//!    appear capitalised in mid-sentence somewhere in the article.
//! 6. **Linking.** Accents and case never matter when names are compared ("Gurria" links
//!    to "José Ángel Gurría"); names are shown as written. Full names found in the article are the people; every other mention
//!    links to one of them: an exact repeat, a surname ("Putin" → "Vladimir Putin"), a
//!    shorter form with the same first and last word ("Thomas Crooks" → "Thomas Matthew
//!    Crooks"), a trailing part ("Le Pen" → "Marine Le Pen") or, for names whose first
//!    word is not a known given name (East Asian order), that first word ("Xi" → "Xi
//!    Jinping", "Huh" → "Huh Sun-yong"). A surname-only person with evidence of its own
//!    ("President Putin" in an article that never spells out the full name) is a person
//!    named just "Putin". An unknown two- or three-word name ending in a known surname
//!    ("Naina Yeltsin" beside "Boris Yeltsin") is a relative: a person of its own, who
//!    never takes the bare surname's mentions.
//! 7. **All capitals.** Words in all-capital lines never make a person on their own
//!    (Reuters headlines such as "BAKER SAYS U.S. WILL ACT"); an all-capital surname or
//!    first-and-last name ("BAKER", "JAMES BAKER") of a person found in the article's
//!    mixed-case text is linked to that person.
//!
//! # Ambiguous surnames
//! When a surname (or shorter form) fits several full names of the article ("Donald
//! Trump" and "Ivanka Trump"), the mention links to the one spelled out in full most
//! often, and on a tie to the one spelled out first. This is simple, deterministic and
//! right for the usual news article, whose main subject is named first and most.
//!
//! # Cost
//! Linear in the text: every byte is looked at a bounded number of times, a run is cut
//! at [`MAX_RUN_TOKENS`] words and a name at [`MAX_NAME_TOKENS`], and the lists consulted
//! when linking are capped. No regular expressions; no panics on any input.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use chrono::NaiveDate;

pub mod conll;
mod tagger;

pub use tagger::{evaluate, train, Model};

use super::{PersonExtractor, PersonMention};

/// Longest run of name-shaped words looked at; longer runs (title-case headlines,
/// adversarial input) are only searched for names already known from the article.
pub const MAX_RUN_TOKENS: usize = 16;
/// Most words a person's name may have after titles are stripped.
pub const MAX_NAME_TOKENS: usize = 5;
/// How many full names sharing one surname are compared when linking a mention.
const MAX_NAMES_PER_KEY: usize = 64;
/// Longest word looked up in the lexicon, in bytes.
const MAX_LOOKUP_BYTES: usize = 32;

/// Finds person names with hand-written rules (see the module documentation).
#[derive(Debug, Clone, Copy, Default)]
pub struct RuleBasedPeople;

impl PersonExtractor for RuleBasedPeople {
    fn extract_people(
        &self,
        text: &str,
        _publication_date: Option<NaiveDate>,
    ) -> Vec<PersonMention> {
        extract(text, &LEXICON)
    }
}

/// The person extractor ingest uses, for tools that measure it.
pub fn default_extractor() -> Box<dyn PersonExtractor> {
    Box::new(TaggedPeople)
}

/// The trained tagger, embedded; `None` only if the file is not a model.
static MODEL: LazyLock<Option<Model>> =
    LazyLock::new(|| Model::from_bytes(include_bytes!("people.model")));

/// Finds person names with the trained tagger (see `tagger.rs`), the rules as its
/// features and for linking; falls back to the rules alone without a model.
#[derive(Debug, Clone, Copy, Default)]
pub struct TaggedPeople;

impl PersonExtractor for TaggedPeople {
    fn extract_people(
        &self,
        text: &str,
        _publication_date: Option<NaiveDate>,
    ) -> Vec<PersonMention> {
        match MODEL.as_ref() {
            Some(model) => extract_tagged(text, &LEXICON, model),
            None => extract(text, &LEXICON),
        }
    }
}

/// A name folded for comparison: lower case, Latin accents removed ("Ångström" →
/// "angstrom").
pub fn fold_for_matching(name: &str) -> String {
    fold_accents(name).as_deref().unwrap_or(name).to_lowercase()
}

/// The full names the mentions link to, most mentioned first; ties keep the order of
/// first appearance.
pub fn distinct_names(mentions: &[PersonMention]) -> Vec<String> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (position, mention) in mentions.iter().enumerate() {
        counts
            .entry(mention.name.as_str())
            .or_insert((0, position))
            .0 += 1;
    }
    let mut names: Vec<(&str, usize, usize)> = counts
        .into_iter()
        .map(|(name, (count, first))| (name, count, first))
        .collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    names
        .into_iter()
        .map(|(name, _, _)| name.to_string())
        .collect()
}

// ---------------------------------------------------------------------------------
// Lexicon
// ---------------------------------------------------------------------------------

/// A cheap multiplicative hash: the keys are short words, and nothing here is
/// exposed to hash flooding that matters (the worst case is a slower article).
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        for &byte in chunks.remainder() {
            hash = (hash.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
type FastSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// A known given name (or a family name written first, see `SURNAME_FIRST`).
const GIVEN: u32 = 1;
/// Also an everyday word ("Will", "Grace"): no evidence at the start of a sentence.
const WEAK: u32 = 1 << 1;
/// East Asian family name written before the given name ("Xi Jinping").
const SURNAME_FIRST: u32 = 1 << 2;
/// A person's title or office ("President", "Mr", "Senator", "CEO").
const TITLE: u32 = 1 << 3;
/// An abbreviation whose full stop does not end the sentence ("Mr.", "Gen.", "Jr.").
const ABBREV: u32 = 1 << 4;
/// Words before a name that are not part of it and say nothing about it being a
/// person: nationalities, parties, "Former", "Deputy", ministries.
const DESCRIPTOR: u32 = 1 << 5;
/// Never part of a name: function words, weekdays, most months.
const BREAK: u32 = 1 << 6;
/// A name holding this word is an organisation or a place ("Street", "Bank").
const ORG: u32 = 1 << 7;
/// Like `ORG`, but also a common surname ("Hall", "Park"): allowed with a title or
/// context evidence.
const ORG_SOFT: u32 = 1 << 8;
/// A place or organisation on its own ("Russia", "Kremlin", "Reuters").
const PLACE: u32 = 1 << 9;
/// Starts place names ("New", "San", "North").
const PLACE_PREFIX: u32 = 1 << 10;
/// A month that is also a name ("May", "April").
const MONTH_SOFT: u32 = 1 << 11;
/// "Jr", "Sr", "II", "III".
const SUFFIX: u32 = 1 << 12;
/// Lower-case name particle ("van", "de", "bin").
const PARTICLE: u32 = 1 << 13;
/// Speech verb after a name ("said", "told").
const SPEECH: u32 = 1 << 14;
/// Speech verb before a name ("said Keith Springer").
const SPEECH_BEFORE: u32 = 1 << 15;
/// Lower-case role noun before a name or in an apposition ("envoy", "daughter").
const ROLE: u32 = 1 << 16;
/// Allowed between a name and its speech verb ("also", "has", "later").
const AUX: u32 = 1 << 17;
/// Preposition before places ("in", "near").
const LOCATIVE: u32 = 1 << 18;
/// Lower-case kind of organisation ("agency", "giant").
const ORG_NOUN: u32 = 1 << 19;
/// What organisations have ("shares", "subsidiary").
const ORG_POSSESSION: u32 = 1 << 20;

// The word lists, one file each under `words/`: what each is for is said at its top.
const TITLE_WORDS: &str = include_str!("words/titles.txt");
const ABBREV_WORDS: &str = include_str!("words/abbreviations.txt");
const SUFFIX_WORDS: &str = include_str!("words/suffixes.txt");
const DESCRIPTOR_WORDS: &str = include_str!("words/descriptors.txt");
const ORG_WORDS: &str = include_str!("words/organisations.txt");
const ORG_SOFT_WORDS: &str = include_str!("words/organisations_soft.txt");
const PLACE_WORDS: &str = include_str!("words/places.txt");
const PLACE_PREFIX_WORDS: &str = include_str!("words/place_prefixes.txt");
const MONTH_SOFT_WORDS: &str = include_str!("words/months_soft.txt");
const BREAK_WORDS: &str = include_str!("words/breaks.txt");
const PARTICLE_WORDS: &str = include_str!("words/particles.txt");
const SPEECH_WORDS: &str = include_str!("words/speech_after.txt");
const SPEECH_BEFORE_WORDS: &str = include_str!("words/speech_before.txt");
const ROLE_WORDS: &str = include_str!("words/roles.txt");
const AUX_WORDS: &str = include_str!("words/auxiliaries.txt");
const LOCATIVE_WORDS: &str = include_str!("words/locatives.txt");
const ORG_NOUN_WORDS: &str = include_str!("words/organisation_nouns.txt");
const ORG_POSSESSION_WORDS: &str = include_str!("words/organisation_possessions.txt");
const ORG_PAIRS: &str = include_str!("words/organisation_pairs.txt");

struct Lexicon {
    words: FastMap<Cow<'static, str>, u32>,
    org_pairs: FastSet<(&'static str, &'static str)>,
    /// A Bloom filter of `words` (two bits a word, 8 KiB, stays in cache): most words
    /// looked up are not in the lexicon, and a miss in the much larger map is a cache
    /// miss.
    filter: Box<[u64; FILTER_WORDS]>,
}

const FILTER_WORDS: usize = 1024;

/// The two filter bits of a word: bit positions from the high bits of its hash.
fn filter_bits(word: &str) -> [usize; 2] {
    let mut hasher = WordHasher::default();
    hasher.write(word.as_bytes());
    let hash = hasher.finish();
    let mask = FILTER_WORDS * 64 - 1;
    [(hash >> 48) as usize & mask, (hash >> 32) as usize & mask]
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

impl Lexicon {
    fn build() -> Lexicon {
        let mut words: FastMap<Cow<'static, str>, u32> = FastMap::default();
        let mut add = |list: &'static str, flags: u32| {
            for word in list_words(list) {
                *words.entry(Cow::Borrowed(word)).or_insert(0) |= flags;
            }
        };
        add(TITLE_WORDS, TITLE);
        add(ABBREV_WORDS, ABBREV);
        add(SUFFIX_WORDS, SUFFIX);
        add(DESCRIPTOR_WORDS, DESCRIPTOR);
        add(ORG_WORDS, ORG);
        add(ORG_SOFT_WORDS, ORG_SOFT);
        add(PLACE_WORDS, PLACE);
        add(PLACE_PREFIX_WORDS, PLACE_PREFIX);
        add(MONTH_SOFT_WORDS, MONTH_SOFT);
        add(BREAK_WORDS, BREAK);
        add(PARTICLE_WORDS, PARTICLE);
        add(SPEECH_WORDS, SPEECH);
        add(SPEECH_BEFORE_WORDS, SPEECH_BEFORE);
        add(ROLE_WORDS, ROLE);
        add(AUX_WORDS, AUX);
        add(LOCATIVE_WORDS, LOCATIVE);
        add(ORG_NOUN_WORDS, ORG_NOUN);
        add(ORG_POSSESSION_WORDS, ORG_POSSESSION);

        let mut section = GIVEN;
        for line in GIVEN_NAMES.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line == "@surname-first" {
                section = SURNAME_FIRST;
                continue;
            }
            for entry in line.split_whitespace() {
                let (name, weak) = match entry.strip_suffix('*') {
                    Some(name) => (name, WEAK),
                    None => (entry, 0),
                };
                if !name.is_empty() {
                    *words.entry(Cow::Borrowed(name)).or_insert(0) |= section | weak;
                    // "José" is often written "Jose".
                    if let Some(folded) = fold_accents(name) {
                        *words.entry(Cow::Owned(folded)).or_insert(0) |= section | weak;
                    }
                }
            }
        }

        let mut org_pairs = FastSet::default();
        for pair in list_lines(ORG_PAIRS) {
            let mut parts = pair.split_whitespace();
            if let (Some(first), Some(second)) = (parts.next(), parts.next()) {
                org_pairs.insert((first, second));
            }
        }
        let mut filter = Box::new([0u64; FILTER_WORDS]);
        for word in words.keys() {
            for bit in filter_bits(word) {
                filter[bit / 64] |= 1 << (bit % 64);
            }
        }
        Lexicon {
            words,
            org_pairs,
            filter,
        }
    }

    fn flags(&self, word: &str) -> u32 {
        if word.len() > MAX_LOOKUP_BYTES {
            return 0;
        }
        let absent = filter_bits(word)
            .iter()
            .any(|&bit| self.filter[bit / 64] & (1 << (bit % 64)) == 0);
        if absent {
            return 0;
        }
        self.words.get(word).copied().unwrap_or(0)
    }
}

const GIVEN_NAMES: &str = include_str!("given_names.txt");

/// The lines of a word list that are not `#` comments.
fn list_lines(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
}

/// The words of a word list: blank-separated, on the lines that are not `#` comments.
fn list_words(list: &'static str) -> impl Iterator<Item = &'static str> {
    list_lines(list).flat_map(str::split_whitespace)
}

/// The name without Latin accents, when it has any ("José" → "Jose").
fn fold_accents(name: &str) -> Option<String> {
    if name.is_ascii() {
        return None;
    }
    let mut folded = String::with_capacity(name.len());
    for c in name.chars() {
        let plain = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' | 'ă' => 'a',
            'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ą' | 'Ă' => 'A',
            'é' | 'è' | 'ê' | 'ë' | 'ě' | 'ę' => 'e',
            'É' | 'È' | 'Ê' | 'Ë' | 'Ě' | 'Ę' => 'E',
            'í' | 'ì' | 'î' | 'ï' | 'ı' => 'i',
            'Í' | 'Ì' | 'Î' | 'Ï' | 'İ' => 'I',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ő' => 'o',
            'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' | 'Ő' => 'O',
            'ú' | 'ù' | 'û' | 'ü' | 'ů' | 'ű' => 'u',
            'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ů' | 'Ű' => 'U',
            'ñ' | 'ń' => 'n',
            'Ñ' | 'Ń' => 'N',
            'ç' | 'ć' | 'č' => 'c',
            'Ç' | 'Ć' | 'Č' => 'C',
            'ś' | 'š' | 'ş' | 'ș' => 's',
            'Ś' | 'Š' | 'Ş' | 'Ș' => 'S',
            'ź' | 'ż' | 'ž' => 'z',
            'Ź' | 'Ż' | 'Ž' => 'Z',
            'ł' => 'l',
            'Ł' => 'L',
            'ř' => 'r',
            'Ř' => 'R',
            'ğ' => 'g',
            'ý' => 'y',
            'ț' => 't',
            other => other,
        };
        folded.push(plain);
    }
    (folded != name).then_some(folded)
}

// ---------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Number,
    Punct(char),
    /// A blank line: a paragraph (or headline) boundary.
    Break,
    /// A URL, e-mail address or @handle.
    Opaque,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
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
struct Token {
    start: usize,
    /// End of the word without its possessive ending.
    end: usize,
    kind: Kind,
    shape: Shape,
    /// Lexicon flags, looked up eagerly for capitalised words only.
    flags: u32,
    possessive: bool,
    /// The byte after the word is a full stop.
    dot_after: bool,
    sentence_start: bool,
    /// Numbers: 1 for an age adjective ("20-year-old"), 2 for a small integer (an age).
    number: u8,
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

    fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    fn is_quote(&self) -> bool {
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

fn is_hyphen(c: char) -> bool {
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

fn tokenize(text: &str, lexicon: &Lexicon) -> Vec<Token> {
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

/// Endings of one-word company names ("Commerzbank", "Citicorp").
fn has_company_ending(word: &str) -> bool {
    const ENDINGS: [&str; 9] = [
        "bank", "corp", "tech", "soft", "chem", "pharma", "tronics", "mart", "com",
    ];
    word.len() >= 6
        && ENDINGS.iter().any(|ending| {
            word.len() > ending.len()
                && word
                    .get(word.len() - ending.len()..)
                    .is_some_and(|end| end.eq_ignore_ascii_case(ending))
        })
}

/// Words before a capitalised plural ("many Cubans", "thousands of Dreamers").
static QUANTIFIERS: LazyLock<Box<[&str]>> =
    LazyLock::new(|| list_words(include_str!("words/quantifiers.txt")).collect());

/// ", a Republican", ", the Democrat": party members are people.
static PARTY_WORDS: LazyLock<Box<[&str]>> =
    LazyLock::new(|| list_words(include_str!("words/parties.txt")).collect());

/// Words that end the search for a role in an apposition (", and his wife …").
static APPOSITION_STOPS: LazyLock<Box<[&str]>> =
    LazyLock::new(|| list_words(include_str!("words/apposition_stops.txt")).collect());

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

// ---------------------------------------------------------------------------------
// Candidates
// ---------------------------------------------------------------------------------

/// A title or office precedes the name.
const EV_TITLE: u8 = 1;
/// Role noun before, age, ", who", apposition with a role.
const EV_STRONG: u8 = 1 << 1;
/// Speech verb after or before, "according to".
const EV_SPEECH: u8 = 1 << 2;
/// Two or more words starting with a given name.
const EV_GIVEN: u8 = 1 << 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// Has evidence of its own (single words are judged again once the article is read).
    Evidence,
    /// No evidence: a mention only if it links to a person found elsewhere.
    Unknown,
    /// Too long to be one name: only searched for names already known.
    Long,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// Range into `Scan::members` of the name's token indices.
    from: usize,
    len: usize,
    /// How many of those are neither suffixes nor initials.
    status: Status,
    evidence: u8,
    sentence_start: bool,
}

struct Scan<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    lexicon: &'t Lexicon,
    candidates: Vec<Candidate>,
    members: Vec<usize>,
    /// Name words seen capitalised in mid-sentence.
    mid_sentence: FastSet<&'t str>,
    /// Words seen used like an organisation or place.
    orgish: FastSet<&'t str>,
    /// Per token: lexicon flags of a lower-case word once looked up, else `NOT_LOOKED_UP`.
    /// The rules and the tagger ask about the same neighbours again and again.
    lower_flags: Vec<Cell<u32>>,
}

/// Not a combination of lexicon flags (those use the low 21 bits).
const NOT_LOOKED_UP: u32 = u32::MAX;

impl<'t> Scan<'t> {
    fn new(text: &'t str, lexicon: &'t Lexicon) -> Scan<'t> {
        let tokens = tokenize(text, lexicon);
        let lower_flags = vec![Cell::new(NOT_LOOKED_UP); tokens.len()];
        Scan {
            text,
            tokens,
            lexicon,
            candidates: Vec::new(),
            members: Vec::new(),
            mid_sentence: FastSet::default(),
            orgish: FastSet::default(),
            lower_flags,
        }
    }

    fn word(&self, index: usize) -> &'t str {
        self.tokens
            .get(index)
            .and_then(|token| self.text.get(token.start..token.end))
            .unwrap_or("")
    }

    /// Lexicon flags of a lower-case word, looked up on demand.
    fn lower_flags(&self, index: usize) -> u32 {
        match self.tokens.get(index) {
            Some(token) if token.is_word() && token.shape == Shape::Lower => {
                let Some(cached) = self.lower_flags.get(index) else {
                    return self.lexicon.flags(self.word(index));
                };
                if cached.get() == NOT_LOOKED_UP {
                    cached.set(self.lexicon.flags(self.word(index)));
                }
                cached.get()
            }
            _ => 0,
        }
    }

    fn is_lower_word(&self, index: usize, word: &str) -> bool {
        self.tokens.get(index).is_some_and(|token| token.is_word())
            && self.word(index).eq_ignore_ascii_case(word)
    }

    fn can_start_run(&self, token: &Token) -> bool {
        token.is_word()
            && token.flags & BREAK == 0
            && matches!(token.shape, Shape::Name | Shape::Initial | Shape::AllCaps)
    }

    /// Finds the runs of name-shaped words and judges each.
    fn find_candidates(&mut self) {
        let mut run: Vec<usize> = Vec::with_capacity(MAX_RUN_TOKENS);
        let mut index = 0;
        let count = self.tokens.len();
        while index < count {
            let token = self.tokens[index];
            if !self.can_start_run(&token) {
                index += 1;
                continue;
            }
            run.clear();
            let mut overflow = false;
            let mut cursor = index;
            while cursor < count {
                let token = self.tokens[cursor];
                let member = if token.is_word() && token.flags & BREAK == 0 {
                    match token.shape {
                        Shape::Name | Shape::Initial | Shape::AllCaps => true,
                        Shape::Lower => {
                            // "van der Westhuizen", "bin Salman"
                            !run.is_empty()
                                && self.lower_flags(cursor) & PARTICLE != 0
                                && (cursor + 1..cursor + 3).any(|next| {
                                    self.tokens.get(next).is_some_and(|token| {
                                        token.is_word() && token.shape == Shape::Name
                                    })
                                })
                                && (cursor + 1..cursor + 3)
                                    .take_while(|&next| {
                                        self.tokens.get(next).is_some_and(|token| {
                                            token.is_word() && token.shape != Shape::Name
                                        })
                                    })
                                    .all(|next| self.lower_flags(next) & PARTICLE != 0)
                        }
                        Shape::Other => false,
                    }
                } else if token.is_punct(',') && !run.is_empty() {
                    // "Martin Luther King, Jr."
                    let suffix = self.tokens.get(cursor + 1).is_some_and(|next| {
                        next.is_word() && next.flags & SUFFIX != 0 && next.shape == Shape::Name
                    });
                    if suffix {
                        cursor += 1;
                        continue;
                    }
                    false
                } else {
                    false
                };
                if !member {
                    break;
                }
                if run.len() < MAX_RUN_TOKENS {
                    run.push(cursor);
                } else {
                    overflow = true;
                }
                cursor += 1;
                // The full stop of "Mr.", "S." or "Jr." belongs to the run.
                if token.dot_after
                    && (token.flags & (ABBREV | SUFFIX) != 0 || token.shape == Shape::Initial)
                    && self
                        .tokens
                        .get(cursor)
                        .is_some_and(|next| next.is_punct('.'))
                {
                    cursor += 1;
                }
                if token.possessive {
                    break;
                }
            }
            if cursor == index {
                cursor = index + 1;
            }
            if overflow {
                self.push_long(&run);
            } else if !run.is_empty() {
                self.judge_run(&run, cursor);
            }
            index = cursor;
        }
    }

    fn push_long(&mut self, run: &[usize]) {
        let from = self.members.len();
        self.members.extend_from_slice(run);
        self.candidates.push(Candidate {
            from,
            len: run.len(),
            status: Status::Long,
            evidence: 0,
            sentence_start: false,
        });
    }

    fn is_core(&self, index: usize) -> bool {
        let token = &self.tokens[index];
        token.shape == Shape::Name && token.flags & (TITLE | DESCRIPTOR | SUFFIX) == 0
    }

    fn is_prefix(&self, index: usize) -> bool {
        let token = &self.tokens[index];
        token.flags & SUFFIX == 0
            && (token.flags & (TITLE | DESCRIPTOR | MONTH_SOFT) != 0
                || token.shape == Shape::AllCaps)
    }

    fn given_like(&self, index: usize) -> bool {
        let token = &self.tokens[index];
        let flags = if token.flags & (GIVEN | SURNAME_FIRST) != 0 {
            token.flags
        } else if token.shape == Shape::Name {
            // "Jean-Claude", "Karl-Heinz": the first part decides.
            let word = self.word(index);
            match word.split(is_hyphen).next() {
                Some(part) if part.len() < word.len() => self.lexicon.flags(part),
                _ => 0,
            }
        } else {
            0
        };
        flags & (GIVEN | SURNAME_FIRST) != 0 && !(flags & WEAK != 0 && token.sentence_start)
    }

    /// Judges one run; `after` is the index of the first token after it.
    fn judge_run(&mut self, run: &[usize], after: usize) {
        // Titles and descriptors off: keep what follows the last of them that still
        // has a name after it.
        let mut tail_start = 0;
        let mut core_after = false;
        for position in (0..run.len()).rev() {
            if core_after && self.is_prefix(run[position]) {
                tail_start = position + 1;
                break;
            }
            if self.is_core(run[position]) {
                core_after = true;
            }
        }
        let title = run[..tail_start]
            .iter()
            .any(|&index| self.tokens[index].flags & TITLE != 0);
        let mut tail = &run[tail_start..];
        // "Meanwhile Donald Trump": an unknown sentence-initial word before a given name.
        if tail_start == 0
            && tail.len() >= 3
            && self.tokens[tail[0]].sentence_start
            && !self.given_like(tail[0])
            && self.given_like(tail[1])
        {
            tail = &tail[1..];
        }
        // "Commerzbank AG", "Fusion GPS": capitals that are company forms.
        let company_form = tail.iter().any(|&index| {
            self.tokens[index].shape == Shape::AllCaps && self.tokens[index].flags & ORG != 0
        });
        // "Rob Cox NEW YORK": capitals after the name start something else.
        if let Some(cut) = tail.iter().enumerate().position(|(position, &index)| {
            position > 0
                && self.tokens[index].shape == Shape::AllCaps
                && self.tokens[index].flags & SUFFIX == 0
                && tail[..position].iter().any(|&before| self.is_core(before))
        }) {
            tail = &tail[..cut];
        }
        let Some(first_core) = tail.iter().copied().find(|&index| self.is_core(index)) else {
            // "King said": a title alone is a person only as the surname of one.
            if let [only] = tail {
                let token = &self.tokens[*only];
                if token.shape == Shape::Name && token.flags & TITLE != 0 {
                    self.push_candidate(tail, Status::Unknown, 0, *only);
                }
            }
            return;
        };
        for &index in tail {
            if !self.tokens[index].sentence_start && self.is_core(index) {
                let word = self.word(index);
                self.mid_sentence.insert(word);
            }
        }
        if tail.len() > MAX_NAME_TOKENS {
            self.push_long(tail);
            return;
        }

        let first = tail[0];
        let first_flags = self.tokens[first].flags;
        let first_given = self.given_like(first);
        let lexicon = self.lexicon;
        let mut soft = false;
        let mut reject = false;
        let mut place = false;
        for (position, &index) in tail.iter().enumerate() {
            let flags = self.tokens[index].flags;
            if flags & ORG != 0 {
                reject = true;
            }
            if flags & ORG_SOFT != 0 {
                soft = true;
            }
            if flags & DESCRIPTOR != 0 && !(position > 0 && first_given) {
                reject = true;
            }
            if flags & PLACE != 0
                && (position == 0 && !first_given || position > 0 && !first_given && !title)
            {
                place = true;
            }
        }
        if tail.len() == 1 && first_flags & PLACE != 0 {
            place = true;
        }
        if first_flags & PLACE_PREFIX != 0 && !first_given {
            reject = true;
        }
        if tail.len() >= 2
            && lexicon
                .org_pairs
                .contains(&(self.word(tail[0]), self.word(tail[1])))
        {
            reject = true;
        }
        // "Smith & Wesson", "<Beecham Pharmaceuticals>" (Reuters marks firms so).
        let ampersand = self.tokens.get(after).is_some_and(|t| t.is_punct('&'))
            || run[0].checked_sub(1).is_some_and(|before| {
                self.tokens[before].is_punct('&') || self.tokens[before].is_punct('<')
            });
        // "Galaxy Cablevision L.P.": names do not end in an initial.
        let initial_last = tail.len() >= 2
            && tail
                .last()
                .is_some_and(|&index| self.tokens[index].shape == Shape::Initial);
        if company_form
            || initial_last
            || tail
                .iter()
                .any(|&index| has_company_ending(self.word(index)))
        {
            reject = true;
        }
        let kind_after =
            !self.tokens[run[run.len() - 1]].possessive && self.lower_flags(after) & ORG_NOUN != 0;
        if kind_after {
            // "Zycie Warszawy daily", "Charles de Gaulle airport"
            for &index in tail {
                let word = self.word(index);
                self.orgish.insert(word);
            }
        }
        if ampersand {
            reject = true;
        }
        if reject || place {
            for &index in tail {
                let word = self.word(index);
                self.orgish.insert(word);
            }
            if !reject && tail.len() == 1 {
                // "Jordan" is a country, unless the article names a Neil Jordan.
                self.push_candidate(tail, Status::Unknown, 0, first_core);
            }
            return;
        }

        let mut evidence = 0u8;
        if title {
            evidence |= EV_TITLE;
        }
        let name_words = tail
            .iter()
            .filter(|&&index| self.tokens[index].flags & SUFFIX == 0)
            .count();
        if name_words >= 2 {
            let leading_initials = tail
                .iter()
                .take_while(|&&index| self.tokens[index].shape == Shape::Initial)
                .count();
            // "A. Smith": one capital letter and a full stop is an initial; dotted
            // groups ("J.P. Morgan", "E.F. Hutton") are as often firms.
            let single_letter = leading_initials > 0
                && tail[..leading_initials]
                    .iter()
                    .all(|&index| self.word(index).len() == 1);
            if leading_initials == 0 && first_given
                || single_letter
                    && tail
                        .get(leading_initials)
                        .is_some_and(|&index| self.is_core(index))
                || leading_initials > 0
                    && tail
                        .get(leading_initials)
                        .is_some_and(|&i| self.given_like(i))
            {
                evidence |= EV_GIVEN;
            }
        }
        evidence |= self.evidence_before(run[0]);
        let last = run[run.len() - 1];
        let truncated = tail.last() != Some(&last);
        if !self.tokens[last].possessive && !truncated {
            evidence |= self.evidence_after(after);
        }
        // "Jefferies analyst Brian Tanquilut", "Putin spokesman Dmitry Peskov": the run
        // names the employer, and "according to" belongs to the next name.
        let employer = self.lower_flags(after) & ROLE != 0
            && self
                .tokens
                .get(after + 1)
                .is_some_and(|next| next.is_word() && next.shape == Shape::Name);
        if employer && !self.tokens[last].possessive {
            evidence &= !EV_SPEECH;
            if tail.len() == 1 {
                let word = self.word(first);
                self.orgish.insert(word);
            }
        }
        let soft_surname = tail.len() == 2
            && self.tokens[tail[0]].flags & WEAK == 0
            && evidence & EV_GIVEN != 0
            && self.tokens[tail[0]].flags & ORG_SOFT == 0;
        if soft && evidence & (EV_TITLE | EV_STRONG | EV_SPEECH) == 0 && !soft_surname {
            return;
        }

        // Capitalised words before a title are where the person works: "Cofinec CEO
        // Stephen Frater", "Boeing Executive Vice President Scott Carson".
        if let Some(title_at) = run[..tail_start]
            .iter()
            .position(|&index| self.tokens[index].flags & TITLE != 0)
        {
            for &index in &run[..title_at] {
                if self.tokens[index].shape == Shape::Name && self.tokens[index].flags == 0 {
                    let word = self.word(index);
                    self.orgish.insert(word);
                }
            }
        }
        // Signs that a lone word names an organisation or place.
        if tail.len() == 1 && !title && self.looks_like_organisation(run[0], after) {
            let word = self.word(first);
            self.orgish.insert(word);
        }

        let status = if evidence == 0 {
            Status::Unknown
        } else {
            Status::Evidence
        };
        self.push_candidate(tail, status, evidence, first_core);
    }

    fn push_candidate(&mut self, tail: &[usize], status: Status, evidence: u8, first_core: usize) {
        let from = self.members.len();
        self.members.extend_from_slice(tail);
        self.candidates.push(Candidate {
            from,
            len: tail.len(),
            status,
            evidence,
            sentence_start: self.tokens[first_core].sentence_start
                && tail.first() == Some(&first_core),
        });
    }

    /// The context of a one-word run `at` (followed by token `after`) reads like an
    /// organisation or a place: "the Hill reported", "in Butler", "Boeing 787",
    /// "news agency Tanjug", "Pirelli's shares", "Committee on Taxation".
    fn looks_like_organisation(&self, at: usize, after: usize) -> bool {
        let token = &self.tokens[at];
        if token.possessive {
            let mut next = at + 1;
            while self
                .tokens
                .get(next)
                .is_some_and(|t| t.is_word() && self.lower_flags(next) & ORG_POSSESSION == 0)
                && next < at + 3
            {
                next += 1;
            }
            if self.lower_flags(next) & ORG_POSSESSION != 0 {
                return true;
            }
        }
        if self
            .tokens
            .get(after)
            .is_some_and(|next| next.kind == Kind::Number)
        {
            return true;
        }
        // "(NAVI.O)": a stock ticker after the name.
        if self
            .tokens
            .get(after)
            .is_some_and(|next| next.is_punct('('))
            && self.tokens.get(after + 1).is_some_and(|ticker| {
                ticker.is_word() && ticker.shape == Shape::AllCaps && ticker.dot_after
            })
        {
            return true;
        }
        let Some(previous) = at.checked_sub(1) else {
            return false;
        };
        // "800,000 Dreamers", "many Cubans", "thousands of Britons": a plural noun.
        let previous_token = &self.tokens[previous];
        if previous_token.kind == Kind::Number && previous_token.number != 1 {
            return true;
        }
        let quantifier = |index: usize| {
            let word = self.word(index);
            QUANTIFIERS
                .iter()
                .any(|quantifier| word.eq_ignore_ascii_case(quantifier))
        };
        if quantifier(previous)
            || self.word(previous) == "of" && previous.checked_sub(1).is_some_and(quantifier)
        {
            return true;
        }
        if self.is_lower_word(previous, "the") && self.tokens[previous].shape == Shape::Lower {
            let next_flags = self.lower_flags(after);
            let next_is_lower = self
                .tokens
                .get(after)
                .is_some_and(|next| next.is_word() && next.shape == Shape::Lower);
            return !next_is_lower || next_flags & (SPEECH | AUX) != 0;
        }
        if self.lower_flags(previous) & (LOCATIVE | ORG_NOUN) != 0
            || self.tokens[previous].is_punct('&')
        {
            return true;
        }
        // "Committee on Taxation", "University of Cincinnati"
        let joins = ["of", "on", "for", "and"]
            .iter()
            .any(|word| self.word(previous) == *word);
        joins
            && previous.checked_sub(1).is_some_and(|before| {
                let token = &self.tokens[before];
                token.is_word() && token.shape == Shape::Name && token.flags & (TITLE | GIVEN) == 0
            })
    }

    fn evidence_before(&self, first: usize) -> u8 {
        let Some(previous) = first.checked_sub(1) else {
            return 0;
        };
        let token = &self.tokens[previous];
        if token.kind == Kind::Number && token.number == 1 {
            // "20-year-old Thomas Crooks", but not "a 50-year-old Coloradoan".
            let article = previous.checked_sub(1).is_some_and(|index| {
                self.is_lower_word(index, "a") || self.is_lower_word(index, "an")
            });
            return if article { 0 } else { EV_STRONG };
        }
        let flags = self.lower_flags(previous);
        if flags & ROLE != 0 {
            return EV_STRONG;
        }
        if flags & SPEECH_BEFORE != 0 {
            return EV_SPEECH;
        }
        if self.is_lower_word(previous, "to")
            && previous
                .checked_sub(1)
                .is_some_and(|index| self.is_lower_word(index, "according"))
        {
            return EV_SPEECH;
        }
        0
    }

    fn evidence_after(&self, after: usize) -> u8 {
        let mut index = after;
        while self.tokens.get(index).is_some_and(Token::is_quote) {
            index += 1;
        }
        let Some(token) = self.tokens.get(index) else {
            return 0;
        };
        if token.is_punct(',') {
            let next = index + 1;
            let Some(token) = self.tokens.get(next) else {
                return 0;
            };
            if token.kind == Kind::Number && token.number == 2 {
                let closes = self
                    .tokens
                    .get(next + 1)
                    .is_none_or(|close| close.is_punct(',') || close.is_punct(')'));
                return if closes { EV_STRONG } else { 0 };
            }
            if self.is_lower_word(next, "who") {
                return EV_STRONG;
            }
            // ", a former professor", ", station manager of", ", the Republican"
            if self.tokens[next].shape == Shape::Lower {
                for probe in next..next + 5 {
                    let Some(token) = self.tokens.get(probe) else {
                        break;
                    };
                    let word = self.word(probe);
                    if !token.is_word() || APPOSITION_STOPS.contains(&word) {
                        break;
                    }
                    let party = probe == next + 1 && PARTY_WORDS.contains(&word);
                    // ", commissioner Dirk Clayson" introduces the next name instead.
                    let introduces = self.tokens.get(probe + 1).is_some_and(|following| {
                        following.is_word() && following.shape == Shape::Name
                    });
                    if (self.lower_flags(probe) & ROLE != 0 && !introduces) || party {
                        return EV_STRONG;
                    }
                }
            }
            return 0;
        }
        if token.is_punct('(') {
            // "John McCain (R-AZ)"
            let word = self.word(index + 1);
            let party = ["R-", "D-", "I-"]
                .iter()
                .any(|prefix| word.starts_with(prefix));
            return if party && word.len() <= 8 {
                EV_STRONG
            } else {
                0
            };
        }
        if self.is_lower_word(index, "who") && self.tokens[index].shape == Shape::Lower {
            // Weaker than ", who": "millions of Westerners who".
            return EV_SPEECH;
        }
        for probe in index..index + 3 {
            let flags = self.lower_flags(probe);
            if flags & SPEECH != 0 {
                return EV_SPEECH;
            }
            if flags & AUX == 0 {
                break;
            }
        }
        0
    }

    /// Makes the tagger's names the candidates with evidence; rule candidates that do
    /// not overlap them stay, as names that count only if they link to someone.
    fn use_tagged(&mut self, spans: &[(usize, usize)]) {
        let mut tagged = vec![false; self.tokens.len()];
        for &(first, last) in spans {
            for slot in &mut tagged[first..=last] {
                *slot = true;
            }
        }
        let old_candidates = std::mem::take(&mut self.candidates);
        let old_members = std::mem::take(&mut self.members);
        for (first, last) in self.name_pieces(spans) {
            // An all-capital word in or right after mixed-case ones makes a firm
            // ("Invesco AIM").
            let shapes = || {
                (first..=last)
                    .filter(|&index| self.tokens[index].is_word())
                    .map(|index| self.tokens[index].shape)
            };
            // Initials alone ("A. B. C.") are no name.
            if shapes().all(|shape| shape == Shape::Initial) {
                continue;
            }
            let all_caps = shapes().all(|shape| shape == Shape::AllCaps);
            let firm_word_after = self.tokens.get(last + 1).is_some_and(|next| {
                next.is_word() && next.shape == Shape::AllCaps && next.flags & SUFFIX == 0
            });
            if !all_caps && (firm_word_after || shapes().any(|shape| shape == Shape::AllCaps)) {
                continue;
            }
            let status = if all_caps {
                Status::Unknown
            } else {
                Status::Evidence
            };
            let from = self.members.len();
            let tokens = &self.tokens;
            self.members
                .extend((first..=last).filter(|&index| tokens[index].is_word()));
            self.candidates.push(Candidate {
                from,
                len: self.members.len() - from,
                status,
                evidence: EV_TITLE | EV_STRONG,
                sentence_start: self.tokens[first].sentence_start,
            });
        }
        for candidate in old_candidates {
            let members = &old_members[candidate.from..candidate.from + candidate.len];
            if members.iter().any(|&index| tagged[index]) {
                continue;
            }
            let from = self.members.len();
            self.members.extend_from_slice(members);
            self.candidates.push(Candidate {
                from,
                status: match candidate.status {
                    Status::Long => Status::Long,
                    _ => Status::Unknown,
                },
                ..candidate
            });
        }
        let members = &self.members;
        self.candidates
            .sort_by_key(|candidate| members.get(candidate.from).copied().unwrap_or(0));
    }

    /// The tagger's spans cut into names: titles stay out ("Pope Francis" is "Francis"),
    /// an abbreviated title inside a span starts another name ("Smith Mr. Jones" is two), and a piece
    /// of more than [`MAX_NAME_TOKENS`] words is no name. The tagger labels words one by
    /// one, so on a repeated pattern ("Mr. Smith Mr. Smith …") its span has no end.
    fn name_pieces(&self, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let is_title = |index: usize| self.tokens[index].flags & (TITLE | ABBREV | DESCRIPTOR) != 0;
        // Inside a span only an abbreviated title ("Mr.", "Dr.") starts another name: a
        // title word can be a name word ("Martin Luther King").
        let starts_name = |index: usize| self.tokens[index].flags & (ABBREV | SUFFIX) == ABBREV;
        let mut pieces = Vec::with_capacity(spans.len());
        for &(first, last) in spans {
            let mut index = first;
            while index <= last {
                while index < last && (is_title(index) || !self.tokens[index].is_word()) {
                    index += 1;
                }
                let start = index;
                let mut words = 0;
                while index <= last && !(index > start && starts_name(index)) {
                    words += usize::from(self.tokens[index].is_word());
                    index += 1;
                }
                if (1..=MAX_NAME_TOKENS).contains(&words) {
                    pieces.push((start, index - 1));
                }
            }
        }
        pieces
    }

    /// The words that identify a name: all but a trailing "Jr", "III".
    fn key(&self, candidate: &Candidate) -> Vec<&'t str> {
        let mut key = Vec::with_capacity(candidate.len);
        self.key_into(candidate, &mut key);
        key
    }

    /// `key` into a buffer that is reused across candidates.
    fn key_into(&self, candidate: &Candidate, key: &mut Vec<&'t str>) {
        key.clear();
        let members = &self.members[candidate.from..candidate.from + candidate.len];
        key.extend(
            members
                .iter()
                .enumerate()
                .filter(|&(position, &index)| {
                    position == 0 || self.tokens[index].flags & SUFFIX == 0
                })
                .map(|(_, &index)| self.word(index)),
        );
    }

    /// Byte span of a candidate's name, with the full stop of a final "Jr.".
    fn span(&self, candidate: &Candidate) -> (usize, usize) {
        let members = &self.members[candidate.from..candidate.from + candidate.len];
        let (Some(&first), Some(&last)) = (members.first(), members.last()) else {
            return (0, 0);
        };
        let last_token = &self.tokens[last];
        let mut end = last_token.end;
        if last_token.dot_after && last_token.flags & (SUFFIX | ABBREV) != 0 {
            end += 1;
        }
        (self.tokens[first].start, end)
    }

    fn span_of_members(&self, members: &[usize]) -> (usize, usize) {
        match (members.first(), members.last()) {
            (Some(&first), Some(&last)) => (self.tokens[first].start, self.tokens[last].end),
            _ => (0, 0),
        }
    }
}

// ---------------------------------------------------------------------------------
// People and linking
// ---------------------------------------------------------------------------------

struct Person<'t> {
    key: Vec<&'t str>,
    name: String,
    first_start: usize,
    /// Times the name was written out in this form.
    count: usize,
    /// The person this one links to (itself unless a longer form exists).
    canonical: usize,
}

#[derive(Default)]
struct Registry<'t> {
    persons: Vec<Person<'t>>,
    by_key: FastMap<Vec<&'t str>, usize>,
    /// Multi-word names by last word.
    by_last: FastMap<&'t str, Vec<usize>>,
    /// Multi-word names whose first word is a family name ("Xi Jinping").
    by_first: FastMap<&'t str, Vec<usize>>,
    /// Full-form mentions, summed over the names that link to a person.
    totals: Vec<usize>,
    /// The same two lookups with names folded (lower case, no accents), consulted only
    /// when the article has accented names: "Gurria" finds "José Ángel Gurría".
    by_folded_key: FastMap<String, usize>,
    by_folded_last: FastMap<String, Vec<usize>>,
    accented: bool,
}

/// Appends `word.to_lowercase()`, without allocating for ASCII words.
fn push_lowercase(out: &mut String, word: &str) {
    if word.is_ascii() {
        out.extend(
            word.bytes()
                .map(|byte| char::from(byte.to_ascii_lowercase())),
        );
    } else {
        out.push_str(&word.to_lowercase());
    }
}

fn fold_key(key: &[&str]) -> String {
    let mut folded = String::new();
    for (position, word) in key.iter().enumerate() {
        if position > 0 {
            folded.push(' ');
        }
        if word.is_ascii() {
            // What `fold_for_matching` gives, without a string of its own.
            push_lowercase(&mut folded, word);
        } else {
            folded.push_str(&fold_for_matching(word));
        }
    }
    folded
}

impl<'t> Registry<'t> {
    fn canonical(&self, person: usize) -> usize {
        self.persons.get(person).map_or(person, |p| p.canonical)
    }

    fn add(&mut self, key: Vec<&'t str>, name: String, start: usize) -> usize {
        let folded = fold_key(&key);
        let existing = self
            .by_key
            .get(&key)
            .or_else(|| self.by_folded_key.get(&folded))
            .copied();
        if let Some(existing) = existing {
            if let Some(person) = self.persons.get_mut(existing) {
                person.count += 1;
            }
            return existing;
        }
        self.accented |= !name.is_ascii();
        let id = self.persons.len();
        self.by_folded_key.insert(folded, id);
        self.persons.push(Person {
            key: key.clone(),
            name,
            first_start: start,
            count: 1,
            canonical: id,
        });
        self.by_key.insert(key, id);
        id
    }

    /// Picks the person mentioned most in full, then the one named first.
    fn best(&self, candidates: impl Iterator<Item = usize>) -> Option<usize> {
        let mut best: Option<usize> = None;
        for candidate in candidates {
            let candidate = self.canonical(candidate);
            best = match best {
                None => Some(candidate),
                Some(current) if current == candidate => Some(current),
                Some(current) => {
                    let (a, b) = (&self.persons[candidate], &self.persons[current]);
                    let (ta, tb) = (self.totals[candidate], self.totals[current]);
                    if ta > tb || ta == tb && a.first_start < b.first_start {
                        Some(candidate)
                    } else {
                        Some(current)
                    }
                }
            };
        }
        best
    }

    /// The person a name as written links to, if any.
    fn resolve(&self, key: &[&'t str], lexicon: &Lexicon) -> Option<usize> {
        if let Some(&id) = self.by_key.get(key) {
            return Some(self.canonical(id));
        }
        let accents = self.accented || key.iter().any(|word| !word.is_ascii());
        if accents {
            if let Some(&id) = self.by_folded_key.get(&fold_key(key)) {
                return Some(self.canonical(id));
            }
        }
        let (first, last) = (key.first()?, key.last()?);
        if key.len() >= 2 {
            let group = match self.by_last.get(last) {
                Some(group) => group,
                None if accents => self.by_folded_last.get(&fold_for_matching(last))?,
                None => return None,
            };
            return self.best(group.iter().copied().filter(|&id| {
                let full = &self.persons[id].key;
                full.len() > key.len()
                    && (full.first() == Some(first) && is_subsequence(key, full)
                        || full.ends_with(key))
            }));
        }
        if lexicon.flags(first) & TITLE != 0 && !self.by_last.contains_key(first) {
            return None;
        }
        if let Some(group) = self.by_last.get(first) {
            return self.best(group.iter().copied());
        }
        if accents {
            if let Some(group) = self.by_folded_last.get(&fold_for_matching(first)) {
                return self.best(group.iter().copied());
            }
        }
        self.by_first
            .get(first)
            .and_then(|group| self.best(group.iter().copied()))
    }
}

fn is_subsequence(short: &[&str], long: &[&str]) -> bool {
    let mut rest = long.iter();
    short
        .iter()
        .all(|word| rest.any(|candidate| candidate == word))
}

fn normalise_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, part) in text.split_whitespace().enumerate() {
        if index > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

fn extract(text: &str, lexicon: &Lexicon) -> Vec<PersonMention> {
    if text.is_empty() {
        return Vec::new();
    }
    let scan = rule_scan(text, lexicon);
    rule_mentions(&scan, lexicon)
}

/// Tokens and rule candidates of a text.
fn rule_scan<'t>(text: &'t str, lexicon: &'t Lexicon) -> Scan<'t> {
    let mut scan = Scan::new(text, lexicon);
    scan.find_candidates();
    scan
}

/// Byte spans of mentions, sorted.
fn mention_spans(mentions: &[PersonMention]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).collect();
    spans.sort_unstable();
    spans
}

/// The tagger decides which words are names; the rules' linking then joins them up.
fn extract_tagged(text: &str, lexicon: &Lexicon, model: &Model) -> Vec<PersonMention> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut scan = rule_scan(text, lexicon);
    let rule_spans = mention_spans(&rule_mentions(&scan, lexicon));
    let spans = {
        let context = tagger::Context::new(&scan, &rule_spans, model.bits());
        tagger::decode(model, &context)
    };
    scan.use_tagged(&spans);
    let mut mentions = rule_mentions(&scan, lexicon);
    let mut last_end = 0;
    mentions.retain(|mention| {
        let keep = mention.start >= last_end;
        if keep {
            last_end = mention.end;
        }
        keep
    });
    mentions
}

/// Mentions of the scan's candidates, linked to the people found among them.
fn rule_mentions(scan: &Scan<'_>, lexicon: &Lexicon) -> Vec<PersonMention> {
    let text = scan.text;
    let registry = build_registry(scan, lexicon);
    let mut mentions = Vec::new();
    if registry.persons.is_empty() {
        return mentions;
    }
    let mut key = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for candidate in &scan.candidates {
        scan.key_into(candidate, &mut key);
        let resolved = match candidate.status {
            Status::Long => None,
            _ => registry.resolve(&key, lexicon),
        };
        if let Some(person) = resolved {
            let (start, end) = scan.span(candidate);
            push_mention(
                &mut mentions,
                text,
                start,
                end,
                &registry.persons[person].name,
            );
            continue;
        }
        if candidate.len >= 2 {
            // A headline run such as "Putin Meets Trump": look for known names inside.
            let members = &scan.members[candidate.from..candidate.from + candidate.len];
            let mut position = 0;
            while position < members.len() {
                let mut matched = 0;
                for width in (1..=MAX_NAME_TOKENS.min(members.len() - position)).rev() {
                    let window = &members[position..position + width];
                    if !window.iter().all(|&index| scan.is_core(index)) {
                        continue;
                    }
                    words.clear();
                    words.extend(window.iter().map(|&index| scan.word(index)));
                    let found = if width == 1 {
                        registry.resolve(&words, lexicon)
                    } else {
                        registry
                            .by_key
                            .get(&words)
                            .map(|&id| registry.canonical(id))
                    };
                    if let Some(person) = found {
                        let (start, end) = scan.span_of_members(window);
                        push_mention(
                            &mut mentions,
                            text,
                            start,
                            end,
                            &registry.persons[person].name,
                        );
                        matched = width;
                        break;
                    }
                }
                position += matched.max(1);
            }
        }
    }
    link_all_caps(scan, &registry, &mut mentions);
    mentions.sort_by_key(|mention| (mention.start, std::cmp::Reverse(mention.end)));
    mentions
}

fn push_mention(
    mentions: &mut Vec<PersonMention>,
    text: &str,
    start: usize,
    end: usize,
    name: &str,
) {
    if let Some(written) = text.get(start..end) {
        if !written.is_empty() {
            mentions.push(PersonMention {
                start,
                end,
                text: written.to_string(),
                name: name.to_string(),
            });
        }
    }
}

fn build_registry<'t>(scan: &Scan<'t>, lexicon: &Lexicon) -> Registry<'t> {
    let mut registry = Registry::default();
    // 1. Full names with evidence, in text order.
    let mut singles: Vec<&Candidate> = Vec::new();
    for candidate in &scan.candidates {
        if candidate.status != Status::Evidence {
            continue;
        }
        let key = scan.key(candidate);
        if key.len() < 2 {
            singles.push(candidate);
            continue;
        }
        let speech_only = candidate.evidence == EV_SPEECH;
        if speech_only && key.first().is_some_and(|word| scan.orgish.contains(word)) {
            continue;
        }
        let (start, end) = scan.span(candidate);
        let name = normalise_space(scan.text.get(start..end).unwrap_or(""));
        registry.add(key, name, start);
    }
    // 2. Index multi-word names and link shorter forms to longer ones.
    for (id, person) in registry.persons.iter().enumerate() {
        if let Some(last) = person.key.last() {
            let group = registry.by_last.entry(last).or_default();
            if group.len() < MAX_NAMES_PER_KEY {
                group.push(id);
            }
            if person.key.len() >= 2 {
                let group = registry
                    .by_folded_last
                    .entry(fold_for_matching(last))
                    .or_default();
                if group.len() < MAX_NAMES_PER_KEY {
                    group.push(id);
                }
            }
        }
        if let Some(first) = person.key.first() {
            let flags = lexicon.flags(first);
            if flags & SURNAME_FIRST != 0 || flags & GIVEN == 0 && first.chars().count() > 1 {
                let group = registry.by_first.entry(first).or_default();
                if group.len() < MAX_NAMES_PER_KEY {
                    group.push(id);
                }
            }
        }
    }
    registry.totals = registry.persons.iter().map(|person| person.count).collect();
    let mut by_length: Vec<usize> = (0..registry.persons.len()).collect();
    by_length.sort_by_key(|&id| std::cmp::Reverse(registry.persons[id].key.len()));
    for &id in &by_length {
        let key = registry.persons[id].key.clone();
        let (Some(first), Some(last)) = (key.first(), key.last()) else {
            continue;
        };
        let Some(group) = registry.by_last.get(last) else {
            continue;
        };
        let longer = group.iter().copied().filter(|&other| {
            let full = &registry.persons[other].key;
            other != id
                && full.len() > key.len()
                && full.first() == Some(first)
                && is_subsequence(&key, full)
        });
        if let Some(target) = registry.best(longer) {
            let target = registry.canonical(target);
            registry.persons[id].canonical = target;
            registry.totals[target] += registry.persons[id].count;
        }
    }
    // 3. Relatives: "Naina Yeltsin" beside "Boris Yeltsin" is a person even without a
    // known given name. Kept out of the surname index, so "Yeltsin" alone still links
    // to the name found on its own evidence.
    for candidate in &scan.candidates {
        if candidate.status != Status::Unknown || !(2..=3).contains(&candidate.len) {
            continue;
        }
        let members = &scan.members[candidate.from..candidate.from + candidate.len];
        if !members.iter().all(|&index| scan.is_core(index)) {
            continue;
        }
        let key = scan.key(candidate);
        let (Some(first), Some(last)) = (key.first(), key.last()) else {
            continue;
        };
        if !registry.by_last.contains_key(last)
            || registry.by_last.contains_key(first)
            || registry.resolve(&key, lexicon).is_some()
            || candidate.sentence_start && !scan.mid_sentence.contains(first)
        {
            continue;
        }
        let (start, end) = scan.span(candidate);
        let name = normalise_space(scan.text.get(start..end).unwrap_or(""));
        let id = registry.add(key, name, start);
        if registry.totals.len() <= id {
            registry.totals.push(0);
        }
    }
    // 4. Single words with evidence of their own.
    for candidate in singles {
        let key = scan.key(candidate);
        let Some(&word) = key.first() else {
            continue;
        };
        if registry.resolve(&key, lexicon).is_some() {
            continue;
        }
        let flags = lexicon.flags(word);
        let index = scan.members[candidate.from];
        let token = &scan.tokens[index];
        if token.shape != Shape::Name || flags & (TITLE | DESCRIPTOR | MONTH_SOFT) != 0 {
            continue;
        }
        let given_only = flags & GIVEN != 0 && flags & SURNAME_FIRST == 0;
        // "Venezuelans", "Americans": a people, not a person.
        let plural_people = word.len() >= 7 && word.ends_with("ans");
        let accepted = if candidate.evidence & EV_TITLE != 0 {
            true
        } else if given_only || plural_people {
            false
        } else if candidate.evidence & EV_STRONG != 0 {
            !scan.orgish.contains(word)
        } else {
            !scan.orgish.contains(word)
                && flags & (PLACE | PLACE_PREFIX | MONTH_SOFT) == 0
                && (!candidate.sentence_start || scan.mid_sentence.contains(word))
        };
        if accepted {
            let (start, end) = scan.span(candidate);
            let name = normalise_space(scan.text.get(start..end).unwrap_or(""));
            let id = registry.add(key, name, start);
            if registry.totals.len() <= id {
                registry.totals.push(0);
            }
        }
    }
    registry
}

/// Links all-capital words ("BAKER") to people found in the mixed-case text.
fn link_all_caps(scan: &Scan<'_>, registry: &Registry<'_>, mentions: &mut Vec<PersonMention>) {
    let mut surnames: FastMap<String, usize> = FastMap::default();
    let mut full_names: FastMap<String, usize> = FastMap::default();
    let mut lower_last: Vec<(String, usize)> = Vec::new();
    for (id, person) in registry.persons.iter().enumerate() {
        if person.canonical != id {
            continue;
        }
        if let (Some(first), Some(last), true) =
            (person.key.first(), person.key.last(), person.key.len() >= 2)
        {
            full_names.insert(
                format!("{} {}", first.to_lowercase(), last.to_lowercase()),
                id,
            );
        }
        if let Some(last) = person.key.last() {
            lower_last.push((last.to_lowercase(), id));
        }
    }
    for (last, id) in lower_last {
        match surnames.get(&last) {
            Some(&current) => {
                let keep = registry.best([current, id].into_iter()).unwrap_or(current);
                surnames.insert(last, keep);
            }
            None => {
                surnames.insert(last, id);
            }
        }
    }
    if surnames.is_empty() {
        return;
    }
    let all_caps = |index: usize| {
        scan.tokens.get(index).is_some_and(|token| {
            token.is_word()
                && token.shape == Shape::AllCaps
                && token.end - token.start >= 2
                && token.end - token.start <= MAX_LOOKUP_BYTES
        })
    };
    // Reused for every all-capital word: a headline has many.
    let mut word = String::new();
    let mut pair = String::new();
    let mut index = 0;
    while index < scan.tokens.len() {
        if !all_caps(index) {
            index += 1;
            continue;
        }
        let token = &scan.tokens[index];
        word.clear();
        push_lowercase(&mut word, scan.word(index));
        if all_caps(index + 1) && !token.possessive {
            pair.clear();
            pair.push_str(&word);
            pair.push(' ');
            push_lowercase(&mut pair, scan.word(index + 1));
            if let Some(&person) = full_names.get(pair.as_str()) {
                let end = scan.tokens[index + 1].end;
                push_mention(
                    mentions,
                    scan.text,
                    token.start,
                    end,
                    &registry.persons[person].name,
                );
                index += 2;
                continue;
            }
        }
        if let Some(&person) = surnames.get(word.as_str()) {
            push_mention(
                mentions,
                scan.text,
                token.start,
                token.end,
                &registry.persons[person].name,
            );
        }
        index += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seed article, ../shared/corpus/seed/000_eaf787878c6b65eb.txt, byte for byte.
    const SEED: &str = " date 2025-03-22 Donald Trump's top envoy Steve Witkoff has offered a rare glimpse into the unique dynamic between the US President and his Russian counterpart Vladimir Putin.\n\nAccording to Witkoff, Putin prayed for Trump's well-being after the attempted assassination at a campaign rally last summer. This gesture was not only a demonstration of Putin's concern but also highlighted the friendship between the two leaders.\n\nWitkoff shared this anecdote during an appearance on former Fox News host Tucker Carlson's podcast, recounting his second meeting with Putin. The Russian president had visited his local church, met with his priest, and prayed for Trump's recovery.\n\n\"When the president was shot, he went to his local church and met with his priest and prayed for the president,\" Witkoff said of Putin.\n\nPutin \"had a friendship with him and he was praying for his friend,\" he explained. He added that when he told the same to Trump, he was \"clearly touched.\"\n\n\"This is the kind of connection that we have been able to reestablish through a simple word called communication, which many people would say I shouldn't have had because Putin is a bad guy. I don't regard Putin as a bad guy. That is a complicated situation, that war... You know,\u{2026} pic.twitter.com/KRcFmWl0dl \u{2014} Anton Gerashchenko (@Gerashchenko_en) March 22, 2025\n\nThis revelation comes after Trump was grazed by a bullet fired by 20-year-old Thomas Matthew Crooks during a campaign rally near Butler, Pennsylvania. At the time, a Kremlin spokesperson blamed the shooting on Trump's political adversaries.\n\nIn another gesture of goodwill, Putin commissioned a \"beautiful portrait\" of Trump by a top Russian artist, which was gifted to Trump. This move underscores the cordial relationship between Putin and Trump, with the latter having expressed admiration for the Russian leader on multiple occasions. Trump has referred to Putin as a \"genius\" and \"a strong leader,\" prompting criticism from those who accuse him of being soft on the Kremlin.\n\nThe dynamics between Putin and Trump have been subject to intense scrutiny, particularly given the ongoing conflict in Ukraine. Earlier this week, the two leaders engaged in a two-hour phone call to discuss ending Russia's full-scale invasion of Ukraine. Trump described the conversation as \"very good and productive,\" highlighting the ongoing efforts to resolve the conflict.\n\n";

    fn people(text: &str) -> Vec<PersonMention> {
        let mentions = TaggedPeople.extract_people(text, None);
        check_offsets(text, &mentions);
        mentions
    }

    /// Every mention is a non-empty, in-order, non-overlapping slice of the text.
    fn check_offsets(text: &str, mentions: &[PersonMention]) {
        let mut previous_end = 0;
        for mention in mentions {
            assert!(mention.start < mention.end, "empty span: {mention:?}");
            assert!(
                mention.start >= previous_end,
                "overlap or disorder: {mention:?}"
            );
            assert!(text.is_char_boundary(mention.start) && text.is_char_boundary(mention.end));
            assert_eq!(
                text.get(mention.start..mention.end),
                Some(mention.text.as_str())
            );
            assert!(!mention.name.is_empty());
            previous_end = mention.end;
        }
    }

    fn names(text: &str) -> Vec<String> {
        distinct_names(&people(text))
    }

    fn pairs(text: &str) -> Vec<(String, String)> {
        people(text).into_iter().map(|m| (m.text, m.name)).collect()
    }

    fn pair(text: &str, name: &str) -> (String, String) {
        (text.to_string(), name.to_string())
    }

    fn linked(text: &str, written: &str) -> Vec<String> {
        people(text)
            .into_iter()
            .filter(|m| m.text == written)
            .map(|m| m.name)
            .collect()
    }

    #[test]
    fn a_repeated_title_and_name_is_many_short_names_not_one_long_one() {
        for repeats in [2, 9, 10, 50, 20_000] {
            let text = "Mr. Smith ".repeat(repeats);
            let found = people(&text);
            check_offsets(&text, &found);
            assert!(!found.is_empty(), "{repeats} repeats");
            for mention in &found {
                assert_eq!(mention.name, "Smith", "{repeats} repeats");
            }
        }
        // Long runs of capitalised words are not one name either.
        let text = "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India said so. ".repeat(50);
        for mention in people(&text) {
            assert!(mention.name.split_whitespace().count() <= MAX_NAME_TOKENS);
        }
    }

    #[test]
    fn seed_article_people() {
        let found = names(SEED);
        assert_eq!(
            found,
            [
                "Donald Trump",
                "Vladimir Putin",
                "Steve Witkoff",
                "Tucker Carlson",
                "Anton Gerashchenko",
                "Thomas Matthew Crooks"
            ]
        );
    }

    #[test]
    fn seed_article_links_surnames_and_possessives() {
        let mentions = people(SEED);
        let putin: Vec<_> = mentions.iter().filter(|m| m.text == "Putin").collect();
        assert_eq!(putin.len(), 11, "every Putin but the full name");
        assert!(putin.iter().all(|m| m.name == "Vladimir Putin"));
        let trump: Vec<_> = mentions.iter().filter(|m| m.text == "Trump").collect();
        assert_eq!(trump.len(), 11);
        assert!(trump.iter().all(|m| m.name == "Donald Trump"));
        assert_eq!(linked(SEED, "Witkoff"), ["Steve Witkoff"; 3]);
        // "Trump's" is cut before the apostrophe.
        let first = &mentions[0];
        assert_eq!(
            (first.start, first.end, first.text.as_str()),
            (17, 29, "Donald Trump")
        );
        let carlson = mentions.iter().find(|m| m.name == "Tucker Carlson");
        assert!(
            carlson.is_some_and(|m| m.text == "Tucker Carlson" && &SEED[m.end..m.end + 2] == "'s")
        );
    }

    #[test]
    fn seed_article_rejects_places_and_organisations() {
        let mentions = people(SEED);
        for word in [
            "Fox",
            "News",
            "Kremlin",
            "Butler",
            "Pennsylvania",
            "Russia",
            "Ukraine",
            "March",
            "US",
        ] {
            assert!(
                !mentions
                    .iter()
                    .any(|m| m.text.contains(word) || m.name.contains(word)),
                "{word} taken for a person"
            );
        }
    }

    #[test]
    fn titles_are_stripped() {
        assert_eq!(
            pairs("Russian President Vladimir Putin's spokesman spoke."),
            [pair("Vladimir Putin", "Vladimir Putin")]
        );
        assert_eq!(
            pairs("He met Mr. Putin in Moscow."),
            [pair("Putin", "Putin")]
        );
        assert_eq!(
            pairs("Sen. Richard Burr voted no."),
            [pair("Richard Burr", "Richard Burr")]
        );
        assert_eq!(
            pairs("Prime Minister Theresa May resigned."),
            [pair("Theresa May", "Theresa May")]
        );
        assert_eq!(
            pairs("U.S. Senate Majority Leader Mitch McConnell spoke."),
            [pair("Mitch McConnell", "Mitch McConnell")]
        );
        assert_eq!(
            pairs("Later, Pope Francis blessed the crowd."),
            [pair("Francis", "Francis")]
        );
        assert_eq!(
            pairs("German Chancellor Angela Merkel’s party lost."),
            [pair("Angela Merkel", "Angela Merkel")]
        );
        assert_eq!(
            pairs("When asked, Boeing Executive Vice President Scott Carson replied."),
            [pair("Scott Carson", "Scott Carson")]
        );
        assert_eq!(
            pairs("It was Gen. Mark Milley who spoke."),
            [pair("Mark Milley", "Mark Milley")]
        );
        assert_eq!(
            pairs("The bank's CEO, Ken Lewis, said so."),
            [pair("Ken Lewis", "Ken Lewis")]
        );
        assert_eq!(
            pairs("Democrat Doug Jones beat Republican Roy Moore."),
            [
                pair("Doug Jones", "Doug Jones"),
                pair("Roy Moore", "Roy Moore")
            ]
        );
    }

    #[test]
    fn possessives_are_stripped() {
        let text = "Witkoff's remarks followed Steve Witkoff’s trip and the Joneses' party. Trump's aides and Trump’s lawyers met Donald Trump.";
        let found = pairs(text);
        assert_eq!(
            found,
            [
                pair("Witkoff", "Steve Witkoff"),
                pair("Steve Witkoff", "Steve Witkoff"),
                pair("Trump", "Donald Trump"),
                pair("Trump", "Donald Trump"),
                pair("Donald Trump", "Donald Trump"),
            ]
        );
        // A plural possessive keeps its s: "Chris Jones' car".
        assert_eq!(
            pairs("Chris Jones' car was stolen."),
            [pair("Chris Jones", "Chris Jones")]
        );
    }

    #[test]
    fn name_forms() {
        assert_eq!(
            names("Jean-Claude Juncker spoke in Brussels."),
            ["Jean-Claude Juncker"]
        );
        assert_eq!(
            pairs("Fed chairman Ben S. Bernanke spoke. Bernanke said rates would stay low."),
            [
                pair("Ben S. Bernanke", "Ben S. Bernanke"),
                pair("Bernanke", "Ben S. Bernanke")
            ]
        );
        assert_eq!(
            pairs("Dr. Martin Luther King Jr. marched. King said he had a dream."),
            [
                pair("Martin Luther King Jr.", "Martin Luther King Jr."),
                pair("King", "Martin Luther King Jr.")
            ]
        );
        assert_eq!(
            names("GM chief executive Mary Barra announced the recall."),
            ["Mary Barra"]
        );
        assert_eq!(
            names("Syrian President Bashar al-Assad met envoys."),
            ["Bashar al-Assad"]
        );
        assert_eq!(
            names("A concert of music by Ludwig van Beethoven was held."),
            ["Ludwig van Beethoven"]
        );
        assert_eq!(
            pairs("Chinese President Xi Jinping arrived. Xi said trade would grow."),
            [pair("Xi Jinping", "Xi Jinping"), pair("Xi", "Xi Jinping")]
        );
        assert_eq!(
            names("The minister, George H.W. Bush, agreed."),
            ["George H.W. Bush"]
        );
    }

    #[test]
    fn irish_and_scottish_surnames_on_their_own() {
        assert_eq!(
            pairs("The bill passed, O'Brien said on Monday."),
            [pair("O'Brien", "O'Brien")]
        );
        assert_eq!(
            pairs("The vote, McConnell said, would be held soon."),
            [pair("McConnell", "McConnell")]
        );
        assert_eq!(
            pairs("Senator McConnell spoke first."),
            [pair("McConnell", "McConnell")]
        );
    }

    #[test]
    fn accents() {
        assert_eq!(
            pairs("OECD head José Ángel Gurría warned. Gurría said growth would slow."),
            [
                pair("José Ángel Gurría", "José Ángel Gurría"),
                pair("Gurría", "José Ángel Gurría")
            ]
        );
        assert_eq!(
            names("Jose Angel Gurria spoke at the summit."),
            ["Jose Angel Gurria"]
        );
        assert_eq!(
            pairs("The unit is named after Ångström, who said little."),
            [pair("Ångström", "Ångström")]
        );
        assert_eq!(
            names("François Hollande and Søren Kierkegaard."),
            ["François Hollande", "Søren Kierkegaard"]
        );
    }

    #[test]
    fn every_form_of_a_surname_links_to_the_full_name() {
        let text =
            "Vladimir Putin arrived on Monday. Putin spoke first.\n\nMr. Putin said little. \
                    President Putin left early, and Putin's spokesman stayed.";
        let found = pairs(text);
        assert_eq!(
            found,
            [
                pair("Vladimir Putin", "Vladimir Putin"),
                pair("Putin", "Vladimir Putin"),
                pair("Putin", "Vladimir Putin"),
                pair("Putin", "Vladimir Putin"),
                pair("Putin", "Vladimir Putin"),
            ]
        );
        let text = "Thomas Matthew Crooks fired. Thomas Crooks was 20. Crooks died.";
        assert_eq!(
            pairs(text),
            [
                pair("Thomas Matthew Crooks", "Thomas Matthew Crooks"),
                pair("Thomas Crooks", "Thomas Matthew Crooks"),
                pair("Crooks", "Thomas Matthew Crooks"),
            ]
        );
    }

    #[test]
    fn accents_and_case_never_matter_for_linking() {
        // Names are shown as written; the link goes to the full name as written.
        let text = "OECD head José Ángel Gurría warned on Monday. Gurria said growth would slow.";
        assert_eq!(
            pairs(text),
            [
                pair("José Ángel Gurría", "José Ángel Gurría"),
                pair("Gurria", "José Ángel Gurría")
            ]
        );
        let text = "Jose Angel Gurria warned on Monday. Gurría said growth would slow.";
        assert_eq!(linked(text, "Gurría"), ["Jose Angel Gurria"]);
        let text = "Jose Angel Gurria warned. Later José Ángel Gurría spoke again.";
        assert_eq!(linked(text, "José Ángel Gurría"), ["Jose Angel Gurria"]);
        let text = "PUTIN SAYS TALKS WENT WELL\n\nRussian President Vladimir Putin said on Friday \
                    the talks went well.";
        assert_eq!(linked(text, "PUTIN"), ["Vladimir Putin"]);
    }

    #[test]
    fn surname_only_articles_use_the_surname() {
        let text = "President Putin met officials in Moscow.\n\nPutin said the talks went well. Later Putin left.";
        let found = people(text);
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|m| m.text == "Putin" && m.name == "Putin"));
        // A speech verb is enough in mid-sentence.
        assert_eq!(
            names("The plan failed, Kowalczyk said on Friday."),
            ["Kowalczyk"]
        );
        // A bare capitalised word with no cue is nobody.
        assert!(names("Putin is a city in nowhere. We went to Putin.").is_empty());
    }

    #[test]
    fn surname_links_to_full_name_before_or_after() {
        let text = "Putin spoke first. Later Vladimir Putin left, and Putin's aides followed.";
        assert_eq!(
            pairs(text),
            [
                pair("Putin", "Vladimir Putin"),
                pair("Vladimir Putin", "Vladimir Putin"),
                pair("Putin", "Vladimir Putin"),
            ]
        );
    }

    #[test]
    fn middle_names_link_to_the_longest_form() {
        let text =
            "Thomas Crooks fired. Police named him as Thomas Matthew Crooks, 20. Crooks died.";
        let found = pairs(text);
        assert_eq!(
            found,
            [
                pair("Thomas Crooks", "Thomas Matthew Crooks"),
                pair("Thomas Matthew Crooks", "Thomas Matthew Crooks"),
                pair("Crooks", "Thomas Matthew Crooks"),
            ]
        );
    }

    #[test]
    fn ambiguous_surname_goes_to_the_most_named_then_the_first() {
        let text =
            "Donald Trump spoke. Melania Trump smiled. Donald Trump left. Trump said it was fine.";
        assert_eq!(linked(text, "Trump"), ["Donald Trump"]);
        let tie = "Melania Trump smiled. Donald Trump spoke. Trump said it was fine.";
        assert_eq!(linked(tie, "Trump"), ["Melania Trump"]);
        // A relative without a known given name is a person of her own.
        let relative = "Russian President Boris Yeltsin visited his wife Naina in hospital. Doctors said Naina Yeltsin was well. Yeltsin left.";
        assert_eq!(linked(relative, "Yeltsin"), ["Boris Yeltsin"]);
        assert_eq!(linked(relative, "Naina Yeltsin"), ["Naina Yeltsin"]);
    }

    #[test]
    fn places_organisations_and_dates_are_not_people() {
        let text = "The Black Sea fleet sailed. The White House said on Tuesday that the Kremlin had \
                    agreed. Fox News reported it in March. The Supreme Court ruled in New York. The \
                    United States said Russia and Ukraine would meet near Butler, Pennsylvania. \
                    Reuters said Wall Street fell. According to the report, While it rained, The \
                    deal held. Morgan Stanley said it would buy Bank of America. Boeing said its \
                    Dreamliner flew. Netflix said Tuesday it opposed the measure. Officials said \
                    Democrats and Republicans agreed. Many Cubans said they were heartbroken. \
                    Hong Kong and Abu Dhabi rose. The Hill reported that Commerzbank AG said it \
                    would cut jobs. Commerzbank said more.";
        assert_eq!(names(text), Vec::<String>::new());
    }

    #[test]
    fn real_sentences_from_reuters_2017() {
        let text = "WASHINGTON (Reuters) - President Donald Trump defended embattled U.S. Senate candidate \
                    Roy Moore on Tuesday. U.S. Senate Majority Leader Mitch McConnell and other prominent \
                    lawmakers have pressed Moore to quit the race. It also contrasted with comments from \
                    his daughter Ivanka Trump, a White House adviser who told the Associated Press there \
                    was a \u{201c}special place in hell.\u{201d} Moore, 70, has denied any wrongdoing.";
        assert_eq!(
            names(text),
            [
                "Roy Moore",
                "Donald Trump",
                "Mitch McConnell",
                "Ivanka Trump"
            ]
        );
        assert_eq!(linked(text, "Moore"), ["Roy Moore", "Roy Moore"]);

        let text = "FCC chief Ajit Pai, a Republican appointed by President Donald Trump in January, said \
                    the commission will vote. Pai said his proposal would prevent state and local \
                    governments from creating their own net neutrality rules.";
        assert_eq!(names(text), ["Ajit Pai", "Donald Trump"]);

        let text = "Senators Burr, Tillis oppose Trump's EPA nominee Dourson: reports\n\n(Reuters) - North \
                    Carolina Senators Richard Burr and Thom Tillis said they will not support the \
                    nominee. If one more Republican votes against Michael Dourson, he likely wouldn't \
                    be confirmed, the Hill reported on Wednesday. StarNews quoted Senator Burr.";
        assert_eq!(
            names(text),
            ["Richard Burr", "Thom Tillis", "Michael Dourson"]
        );

        let text = "\u{201c}Otherwise, in my view, it\u{2019}s just chest-beating,\u{201d} said Nikki Redpath, \
                    a Houston-area homemaker and O\u{2019}Rourke campaign volunteer.";
        // "O'Rourke campaign" names a person (Beto O'Rourke), as CoNLL-2003 would tag it.
        assert_eq!(names(text), ["Nikki Redpath", "O\u{2019}Rourke"]);
    }

    #[test]
    fn real_sentences_from_wikinews() {
        let text = "Senator John McCain (R-AZ) entered them into the Congressional Record during a speech \
                    last week.\n\nSenator McCain has been the deal's most vocal critic.";
        assert_eq!(
            pairs(text),
            [
                pair("John McCain", "John McCain"),
                pair("McCain", "John McCain")
            ]
        );

        let text = "Stock indexes worldwide rose on Friday, after US bank chief Ben Bernanke said that the \
                    US economy was starting to recover.\n\n\"Bernanke was a little bit more bullish than \
                    most people were expecting.";
        assert_eq!(
            pairs(text),
            [
                pair("Ben Bernanke", "Ben Bernanke"),
                pair("Bernanke", "Ben Bernanke")
            ]
        );

        let text = "\"Many investors simply can't contemplate any more stock market risk,\" said the senior \
                    market strategist for Invesco AIM, Fritz Meyer.\n\nThe Nasdaq Composite index lost \
                    53.5 points.";
        assert_eq!(names(text), ["Fritz Meyer"]);
    }

    #[test]
    fn real_sentences_from_reuters_1987() {
        let text = "Huh Sun-yong, who will attend the talks with three other Seoul government officials, \
                    told Reuters that Seoul was positively considering it.\n\nHuh said however that South \
                    Korean refineries considered the Alaskan oil uncompetitive.";
        assert_eq!(
            pairs(text),
            [
                pair("Huh Sun-yong", "Huh Sun-yong"),
                pair("Huh", "Huh Sun-yong")
            ]
        );
    }

    #[test]
    fn sentence_initial_words_are_not_names() {
        let text =
            "According to analysts, the market fell. The Kremlin denied it. While Putin waited, \
                    nothing happened. However, Analysts said more. Sources said little.";
        assert!(names(text).is_empty(), "{:?}", names(text));
        // ... but a known surname at the start of a sentence links.
        let text = "Vladimir Putin arrived. Putin said he was pleased.";
        assert_eq!(linked(text, "Putin"), ["Vladimir Putin"]);
    }

    #[test]
    fn all_caps_lines_make_no_people() {
        assert!(
            names("BAKER SAYS U.S. WILL ACT\n\nTHE DOLLAR FELL SHARPLY IN TOKYO TODAY.").is_empty()
        );
        assert!(names("PRESIDENT REAGAN MEETS NAKASONE").is_empty());
        // With a person found in the mixed-case text, the headline's surname links.
        let text =
            "BAKER SAYS U.S. WILL ACT\n\nTreasury Secretary James Baker said the U.S. would act.";
        assert_eq!(
            pairs(text),
            [
                pair("BAKER", "James Baker"),
                pair("James Baker", "James Baker")
            ]
        );
        let text = "JAMES BAKER TO VISIT TOKYO\n\nTreasury Secretary James Baker will visit Japan.";
        assert_eq!(pairs(text)[0], pair("JAMES BAKER", "James Baker"));
    }

    #[test]
    fn urls_handles_and_emails_are_skipped() {
        let text =
            "See pic.twitter.com/KRcFmWl0dl and https://Example.com/Steve/Witkoff or write to \
                    John.Smith@Example.org \u{2014} Anton Gerashchenko (@Gerashchenko_en)";
        assert_eq!(names(text), ["Anton Gerashchenko"]);
    }

    #[test]
    fn distinct_names_orders_by_count_then_first_appearance() {
        let mention = |name: &str| PersonMention {
            start: 0,
            end: 1,
            text: name.to_string(),
            name: name.to_string(),
        };
        let mentions = [
            mention("B"),
            mention("A"),
            mention("A"),
            mention("C"),
            mention("B"),
            mention("D"),
        ];
        assert_eq!(distinct_names(&mentions), ["B", "A", "C", "D"]);
        assert!(distinct_names(&[]).is_empty());
    }

    #[test]
    fn empty_and_trivial_inputs() {
        for text in [
            "",
            " ",
            "\n\n\n",
            ".",
            "'s",
            "’",
            "Mr.",
            "Mr. Mr. Mr.",
            "A. B. C.",
            "Jr.",
            "I",
            "the",
        ] {
            assert!(people(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn many_capitalised_words() {
        let text = "Word ".repeat(100_000);
        assert!(people(&text).is_empty());
        let text = "Steve Witkoff Putin Trump ".repeat(25_000);
        let _ = people(&text);
        let text = "Mr. ".repeat(50_000) + "Putin said.";
        let _ = people(&text);
        let text = "John Smith, ".repeat(50_000);
        let found = people(&text);
        assert_eq!(found.len(), 50_000);
    }

    #[test]
    fn huge_paragraphs_and_long_name_runs() {
        // One 1.4 MB paragraph of real-looking sentences: every mention found and linked.
        let text =
            "Vladimir Putin met Donald Trump in Helsinki, and Mr. Putin said so. ".repeat(20_000);
        let found = people(&text);
        assert_eq!(found.len(), 60_000);
        assert_eq!(distinct_names(&found), ["Vladimir Putin", "Donald Trump"]);
        // A list of names with no punctuation, and a title-case headline run.
        let _ = people(&"Vladimir Putin Donald Trump Angela Merkel ".repeat(50_000));
        let _ = people(&"Markets Rally As Fed Chairman Powell Signals Cuts ".repeat(30_000));
        let _ = people(&"BAKER SAYS U.S. WILL ACT ".repeat(50_000));
        let _ = people(&"P. S. T. ".repeat(100_000));
    }

    #[test]
    fn one_megabyte_without_spaces() {
        let text = "Abc".repeat(350_000);
        assert!(people(&text).is_empty());
        let text = "a'b-c.".repeat(180_000);
        assert!(people(&text).is_empty());
        let text = "@".repeat(1_000_000);
        assert!(people(&text).is_empty());
        let text = "Smith's".repeat(150_000);
        let _ = people(&text);
    }

    #[test]
    fn other_scripts() {
        let text = "習近平は北京で演説した。".repeat(20_000);
        assert!(people(&text).is_empty());
        let _ = people("Владимир Путин заявил, что Путин доволен. Президент Путин сказал.");
        let _ = people("Ἀριστοτέλης καὶ Πλάτων. ﬁnance ǅemal ǈ ẞ İstanbul's Σίσυφος’s");
        let _ = people("e\u{301}mile Jose\u{301} Garci\u{301}a said so.");
    }

    #[test]
    fn arbitrary_text_never_panics_and_offsets_hold() {
        // A fixed pseudo-random mix of letters, cases, punctuation and multi-byte characters.
        let pieces = [
            "A",
            "b",
            "Mr",
            ".",
            " ",
            "\n\n",
            "'",
            "’s",
            "-",
            "Mc",
            "O'",
            "Jr",
            ",",
            "Said",
            "said",
            "é",
            "Å",
            "日本",
            "Ж",
            "\u{301}",
            "@",
            "/",
            "www.",
            "1",
            "20-year-old",
            "(",
            ")",
            "\"",
            "Putin",
            "Vladimir",
            "The",
            "House",
            "III",
            "van",
            "al-",
            "S.",
            "U.S.",
            "&",
            "<",
            ">",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..200 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            let _ = people(&text);
        }
    }

    #[test]
    fn given_name_list_loads() {
        let lexicon = &*LEXICON;
        for name in [
            "Vladimir",
            "Steve",
            "José",
            "Jose",
            "Jean-Claude",
            "Olusegun",
            "Shinzo",
            "Priyanka",
        ] {
            assert!(lexicon.flags(name) & GIVEN != 0, "{name}");
        }
        assert!(lexicon.flags("Xi") & SURNAME_FIRST != 0);
        assert!(lexicon.flags("Will") & WEAK != 0);
        for not_given in ["Jordan", "Washington", "Georgia", "Morgan"] {
            assert!(lexicon.flags(not_given) & GIVEN == 0, "{not_given}");
        }
        let entries = GIVEN_NAMES
            .lines()
            .filter(|line| !line.starts_with('#'))
            .flat_map(str::split_whitespace)
            .count();
        assert!(entries > 1_500, "{entries} names");
    }
}

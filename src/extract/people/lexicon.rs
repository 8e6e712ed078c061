//! The lexicon: word lists (given names, titles, organisations, speech verbs, …) as flags
//! on words, looked up once a word.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Longest word looked up in the lexicon, in bytes.
pub(super) const MAX_LOOKUP_BYTES: usize = 32;

/// A cheap multiplicative hash: the keys are short words, and nothing here is
/// exposed to hash flooding that matters (the worst case is a slower article).
#[derive(Default, Clone, Copy)]
pub(super) struct WordHasher(u64);

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

pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
pub(super) type FastSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// A known given name (or a family name written first, see `SURNAME_FIRST`).
pub(super) const GIVEN: u32 = 1;
/// Also an everyday word ("Will", "Grace"): no evidence at the start of a sentence.
pub(super) const WEAK: u32 = 1 << 1;
/// East Asian family name written before the given name ("Xi Jinping").
pub(super) const SURNAME_FIRST: u32 = 1 << 2;
/// A person's title or office ("President", "Mr", "Senator", "CEO").
pub(super) const TITLE: u32 = 1 << 3;
/// An abbreviation whose full stop does not end the sentence ("Mr.", "Gen.", "Jr.").
pub(super) const ABBREV: u32 = 1 << 4;
/// Words before a name that are not part of it and say nothing about it being a
/// person: nationalities, parties, "Former", "Deputy", ministries.
pub(super) const DESCRIPTOR: u32 = 1 << 5;
/// Never part of a name: function words, weekdays, most months.
pub(super) const BREAK: u32 = 1 << 6;
/// A name holding this word is an organisation or a place ("Street", "Bank").
pub(super) const ORG: u32 = 1 << 7;
/// Like `ORG`, but also a common surname ("Hall", "Park"): allowed with a title or
/// context evidence.
pub(super) const ORG_SOFT: u32 = 1 << 8;
/// A place or organisation on its own ("Russia", "Kremlin", "Reuters").
pub(super) const PLACE: u32 = 1 << 9;
/// Starts place names ("New", "San", "North").
pub(super) const PLACE_PREFIX: u32 = 1 << 10;
/// A month that is also a name ("May", "April").
pub(super) const MONTH_SOFT: u32 = 1 << 11;
/// "Jr", "Sr", "II", "III".
pub(super) const SUFFIX: u32 = 1 << 12;
/// Lower-case name particle ("van", "de", "bin").
pub(super) const PARTICLE: u32 = 1 << 13;
/// Speech verb after a name ("said", "told").
pub(super) const SPEECH: u32 = 1 << 14;
/// Speech verb before a name ("said Keith Springer").
pub(super) const SPEECH_BEFORE: u32 = 1 << 15;
/// Lower-case role noun before a name or in an apposition ("envoy", "daughter").
pub(super) const ROLE: u32 = 1 << 16;
/// Allowed between a name and its speech verb ("also", "has", "later").
pub(super) const AUX: u32 = 1 << 17;
/// Preposition before places ("in", "near").
pub(super) const LOCATIVE: u32 = 1 << 18;
/// Lower-case kind of organisation ("agency", "giant").
pub(super) const ORG_NOUN: u32 = 1 << 19;
/// What organisations have ("shares", "subsidiary").
pub(super) const ORG_POSSESSION: u32 = 1 << 20;

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

pub(super) struct Lexicon {
    words: FastMap<Cow<'static, str>, u32>,
    pub(super) org_pairs: FastSet<(&'static str, &'static str)>,
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

pub(super) static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

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

    pub(super) fn flags(&self, word: &str) -> u32 {
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
pub(super) fn list_words(list: &'static str) -> impl Iterator<Item = &'static str> {
    list_lines(list).flat_map(str::split_whitespace)
}

/// The name without Latin accents, when it has any ("José" → "Jose").
pub(super) fn fold_accents(name: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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

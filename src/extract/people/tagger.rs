//! The trained part of person extraction: an averaged-perceptron token tagger.
//!
//! Each capitalised word (and each lower-case name particle such as "van") is tagged
//! `O`, `B` (begins a person's name) or `I` (continues one), greedily from left to
//! right; every other token is `O` without being scored, which keeps the tagger cheap on
//! running text. The features are the word and its neighbours (lower-cased), the word's
//! shape, prefix and suffixes, the lexicon's flags (given names, titles, places, speech
//! verbs …) of the word and its neighbours, what the hand-written rules concluded
//! (inside a rule mention, the evidence a rule candidate had), whether the word belongs
//! to a person the rules found elsewhere in the article, and the previous tag.
//!
//! Features are hashed into `2^bits` rows of three weights (one per tag). The model file
//! (`people.model`, made by `examples/train_people.rs`) is: the 8 bytes `MRGPPL01`, `bits`
//! as a little-endian u32, a little-endian f32 scale, then `3 << bits` little-endian i16
//! weights (weight = i16 × scale).

use super::conll;
use super::evidence::{Candidate, Scan, Status, EV_GIVEN, EV_SPEECH, EV_STRONG, EV_TITLE};
use super::lexicon::{ABBREV, BREAK, PARTICLE, SUFFIX};
use super::tokens::{Kind, Shape, Token};
use super::word_stats::{Buckets, MAX_WORD_BYTES, WORD_STATS};

pub(super) const TAG_O: u8 = 0;
pub(super) const TAG_B: u8 = 1;
pub(super) const TAG_I: u8 = 2;
const CLASSES: usize = 3;
const MAGIC: &[u8; 8] = b"MRGPPL01";
/// Feature table size used by `train`: 2^18 rows.
pub const TRAIN_BITS: u32 = 18;

/// A trained tagger: hashed feature weights.
pub struct Model {
    bits: u32,
    /// Training keeps full precision; `to_bytes` quantises.
    weights: Vec<f32>,
    /// The quantised weights a loaded model scores with: one row of 8 bytes per feature
    /// (three tags and padding), so that a row is one aligned load.
    rows: Vec<[i16; 4]>,
}

impl Model {
    pub(super) fn bits(&self) -> u32 {
        self.bits
    }

    /// Reads a model file; `None` when the bytes are not one (an empty placeholder).
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let bits = u32::from_le_bytes(rest.get(0..4)?.try_into().ok()?);
        let scale = f32::from_le_bytes(rest.get(4..8)?.try_into().ok()?);
        if !(8..=24).contains(&bits) {
            return None;
        }
        let count = CLASSES << bits;
        let body = rest.get(8..8 + 2 * count)?;
        let weights: Vec<i16> = body
            .chunks_exact(2)
            .map(|pair| i16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        let rows = weights
            .chunks_exact(CLASSES)
            .map(|row| [row[0], row[1], row[2], 0])
            .collect();
        let _ = scale;
        Some(Model {
            bits,
            weights: Vec::new(),
            rows,
        })
    }

    /// Writes the model file format (weights quantised to i16).
    pub fn to_bytes(&self) -> Vec<u8> {
        let largest = self
            .weights
            .iter()
            .fold(0f32, |acc, weight| acc.max(weight.abs()));
        let scale = if largest > 0.0 {
            largest / 32767.0
        } else {
            1.0
        };
        let mut out = Vec::with_capacity(16 + 2 * self.weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for weight in &self.weights {
            let quantised = (weight / scale).round().clamp(-32767.0, 32767.0) as i16;
            out.extend_from_slice(&quantised.to_le_bytes());
        }
        out
    }

    fn scores(&self, features: &[u32]) -> [f32; CLASSES] {
        let mut scores = [0i32; CLASSES];
        for &feature in features {
            if let Some(row) = self.rows.get(feature as usize) {
                scores[0] += i32::from(row[0]);
                scores[1] += i32::from(row[1]);
                scores[2] += i32::from(row[2]);
            }
        }
        scores.map(|score| score as f32)
    }
}

// ---------------------------------------------------------------------------------
// Features
// ---------------------------------------------------------------------------------

const SEED: u64 = 0xcbf2_9ce4_8422_2325;

fn mix(hash: u64, value: u64) -> u64 {
    (hash ^ value).wrapping_mul(0x0100_0000_01b3)
}

fn mix_bytes(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash = mix(hash, u64::from(byte.to_ascii_lowercase()));
    }
    hash
}

/// What the rules said about each token, and the article-wide facts the tagger reads.
pub(super) struct Context<'a, 't> {
    scan: &'a Scan<'t>,
    /// Per token: 0, or 1 + the tag a rule mention gives it.
    rule: Vec<u8>,
    /// Per token: rule candidate status and evidence (bit 7: in a candidate).
    candidate: Vec<u8>,
    /// Words of the multi-word names the rules found in the article.
    person_words: super::lexicon::FastSet<&'t str>,
    /// Per token: `token_value`, computed once.
    values: Vec<u64>,
    /// Per token near a capitalised word: lexicon flags (lower-case words looked up).
    flags: Vec<u32>,
    /// Per token near a capitalised word: what unlabelled news says about it.
    stats: Vec<Buckets>,
    bits: u32,
}

impl<'a, 't> Context<'a, 't> {
    pub(super) fn new(
        scan: &'a Scan<'t>,
        rule_spans: &[(usize, usize)],
        bits: u32,
    ) -> Context<'a, 't> {
        let count = scan.tokens.len();
        let mut rule = vec![0u8; count];
        let mut person_words = super::lexicon::FastSet::default();
        let mut span_index = 0;
        for (index, token) in scan.tokens.iter().enumerate() {
            while span_index < rule_spans.len() && rule_spans[span_index].1 <= token.start {
                span_index += 1;
            }
            if let Some(&(start, end)) = rule_spans.get(span_index) {
                if token.is_word() && token.start >= start && token.end <= end {
                    rule[index] = 1 + if token.start == start { TAG_B } else { TAG_I };
                }
            }
        }
        for (index, &label) in rule.iter().enumerate() {
            if label == 0 {
                continue;
            }
            if label == 1 + TAG_I || rule.get(index + 1) == Some(&(1 + TAG_I)) {
                person_words.insert(scan.word(index));
            }
        }
        let mut candidate = vec![0u8; count];
        for found in &scan.candidates {
            let code = candidate_code(found);
            for &member in &scan.members[found.from..found.from + found.len] {
                if let Some(slot) = candidate.get_mut(member) {
                    *slot = code;
                }
            }
        }
        // Only tokens within three of a capitalised word are ever read as features.
        let mut values = vec![0u64; count];
        let mut flags = vec![0u32; count];
        let mut stats = vec![Buckets::default(); count];
        let (mut values_from, mut flags_from) = (0usize, 0usize);
        for (index, token) in scan.tokens.iter().enumerate() {
            // (Initials and all-capital words start with a capital by their shape.)
            let capitalised = token.is_word()
                && match token.shape {
                    Shape::Lower => false,
                    Shape::Initial | Shape::AllCaps => true,
                    Shape::Name | Shape::Other => scan
                        .word(index)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase),
                };
            if !capitalised {
                continue;
            }
            let from = index.saturating_sub(3).max(values_from);
            let to = (index + 4).min(count).max(from);
            for (near, value) in values[from..to].iter_mut().enumerate() {
                *value = value_of(scan, from + near);
            }
            values_from = to;
            // Flags are read at most two tokens away.
            let from = index.saturating_sub(2).max(flags_from);
            let to = (index + 3).min(count).max(from);
            for (near, flag) in flags[from..to].iter_mut().enumerate() {
                let near = from + near;
                let token = &scan.tokens[near];
                *flag = if token.is_word() && token.shape == Shape::Lower {
                    scan.lower_flags(near)
                } else {
                    token.flags
                };
                if token.is_word() && token.end - token.start <= MAX_WORD_BYTES {
                    stats[near] = WORD_STATS.get(values[near]);
                }
            }
            flags_from = to;
        }
        Context {
            scan,
            rule,
            candidate,
            person_words,
            values,
            flags,
            stats,
            bits,
        }
    }

    /// Tokens the tagger scores; all others are `O`.
    pub(super) fn eligible(&self, index: usize) -> bool {
        let token = &self.scan.tokens[index];
        // Function words ("The", "According") and all-capital words are never scored:
        // an all-capital name only counts when it links to one found in mixed case,
        // which the linking does on its own.
        token.is_word()
            && token.flags & BREAK == 0
            && match token.shape {
                Shape::Name | Shape::Initial => true,
                Shape::AllCaps => false,
                // Only next to a name-shaped word is a lower-case word worth a lookup.
                Shape::Lower => {
                    let name_next_to = |position: Option<usize>| {
                        position
                            .and_then(|position| self.scan.tokens.get(position))
                            .is_some_and(|next| {
                                next.is_word() && matches!(next.shape, Shape::Name | Shape::Initial)
                            })
                    };
                    // (Such a word is within two of a capitalised one: its flags are cached.)
                    (name_next_to(index.checked_sub(1)) || name_next_to(Some(index + 1)))
                        && self.flags[index] & PARTICLE != 0
                }
                Shape::Other => self
                    .scan
                    .word(index)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase),
            }
    }

    /// The full stop of an initial or abbreviation ("P. Simmons"): skipped by the tagger
    /// without ending a name.
    pub(super) fn transparent(&self, index: usize) -> bool {
        let tokens = &self.scan.tokens;
        index > 0
            && tokens[index].is_punct('.')
            && tokens[index - 1].is_word()
            && tokens[index - 1].dot_after
            && tokens[index - 1].end == tokens[index].start
            && (tokens[index - 1].shape == Shape::Initial
                || tokens[index - 1].flags & (ABBREV | SUFFIX) != 0)
    }

    fn push(&self, out: &mut Vec<u32>, hash: u64) {
        let folded = hash ^ (hash >> 29) ^ (hash >> 41);
        out.push((folded & ((1u64 << self.bits) - 1)) as u32);
    }

    /// Hash of token `index` as a neighbour: its lower-cased word, or its kind.
    fn token_value(&self, index: isize) -> u64 {
        usize::try_from(index)
            .ok()
            .and_then(|index| self.values.get(index))
            .copied()
            .unwrap_or(1)
    }

    fn shape_code(&self, index: isize) -> u64 {
        let Some(token) = usize::try_from(index)
            .ok()
            .and_then(|index| self.scan.tokens.get(index))
        else {
            return 1;
        };
        let base = match token.kind {
            Kind::Word => match token.shape {
                Shape::Name => 10,
                Shape::Initial => 11,
                Shape::AllCaps => 12,
                Shape::Lower => 13,
                Shape::Other => 14,
            },
            Kind::Number => 2,
            Kind::Punct(_) => 3,
            Kind::Break => 4,
            Kind::Opaque => 5,
        };
        base + 32 * u64::from(token.possessive) + 64 * u64::from(token.sentence_start)
    }

    fn flags_of(&self, index: isize) -> u32 {
        usize::try_from(index)
            .ok()
            .and_then(|index| self.flags.get(index))
            .copied()
            .unwrap_or(0)
    }

    /// The features of token `index` that do not depend on the previous tag.
    pub(super) fn static_features(&self, index: usize, out: &mut Vec<u32>) {
        out.clear();
        let at = index as isize;
        let token: &Token = &self.scan.tokens[index];
        let word = self.scan.word(index);
        let bytes = &word.as_bytes()[..word.len().min(24)];
        let feature = |template: u64| mix(SEED, template);
        // The shape codes of the tokens up to two away, each read more than once below.
        let shapes = [
            self.shape_code(at - 2),
            self.shape_code(at - 1),
            self.shape_code(at),
            self.shape_code(at + 1),
            self.shape_code(at + 2),
        ];
        self.push(out, feature(1));
        self.push(out, mix(feature(2), self.values[index]));
        // Exact case of the word: "Bush" and "BUSH" behave differently.
        let mut exact = feature(4);
        for &byte in bytes {
            exact = mix(exact, u64::from(byte));
        }
        self.push(out, exact);
        // Shape: runs of upper, lower, digit collapsed ("Xx", "X.", "Xx-Xx").
        let mut shape = feature(5);
        let mut last = 0u8;
        for c in word.chars().take(16) {
            let class = if c.is_uppercase() {
                b'X'
            } else if c.is_lowercase() {
                b'x'
            } else if c.is_numeric() {
                b'd'
            } else if c.is_ascii() {
                c as u8
            } else {
                b'?'
            };
            if class != last {
                shape = mix(shape, u64::from(class));
                last = class;
            }
        }
        self.push(out, shape);
        // Byte offsets where the last 2, 3 and 4 characters start, and the 4th char.
        let mut ends = [usize::MAX; 5];
        let mut char_count = 0usize;
        for (position, _) in word.char_indices().rev().take(5) {
            ends[char_count] = position;
            char_count += 1;
        }
        let char_count = if char_count == 5 {
            word.chars().take(13).count()
        } else {
            char_count
        };
        for length in 2..=4 {
            if char_count > length {
                let suffix = &word.as_bytes()[ends[length - 1]..];
                self.push(
                    out,
                    mix(feature(6 + length as u64), mix_bytes(SEED, suffix)),
                );
            }
        }
        if char_count > 3 {
            let prefix_end = word.char_indices().nth(3).map_or(word.len(), |(at, _)| at);
            let prefix = &word.as_bytes()[..prefix_end];
            self.push(out, mix(feature(11), mix_bytes(SEED, prefix)));
        }
        self.push(out, mix(feature(12), char_count.min(12) as u64));
        for offset in [-2isize, -1, 1, 2] {
            let template = feature(20 + (offset + 2) as u64);
            self.push(out, mix(template, self.token_value(at + offset)));
            let template = feature(30 + (offset + 2) as u64);
            self.push(out, mix(template, shapes[(offset + 2) as usize]));
        }
        self.push(out, mix(feature(40), shapes[2]));
        self.push(out, mix(mix(feature(41), shapes[1]), shapes[3]));
        self.push(
            out,
            mix(mix(feature(42), self.token_value(at - 1)), shapes[2]),
        );
        self.push(
            out,
            mix(mix(feature(43), self.token_value(at + 1)), shapes[2]),
        );
        let here = self.token_value(at);
        self.push(out, mix(mix(feature(44), self.token_value(at - 1)), here));
        self.push(out, mix(mix(feature(45), here), self.token_value(at + 1)));
        for (template, offset) in [(50u64, 0isize), (80, -1), (110, 1), (140, -2)] {
            // The set bits among the low 24, lowest first.
            let mut flags = self.flags_of(at + offset) & 0xff_ffff;
            while flags != 0 {
                let bit = u64::from(flags.trailing_zeros());
                self.push(out, feature(template + bit));
                flags &= flags - 1;
            }
        }
        let rule = |position: isize| {
            usize::try_from(position)
                .ok()
                .and_then(|position| self.rule.get(position))
                .copied()
                .unwrap_or(0) as u64
        };
        self.push(out, mix(feature(170), rule(at)));
        self.push(
            out,
            mix(mix(mix(feature(171), rule(at - 1)), rule(at)), rule(at + 1)),
        );
        self.push(out, mix(feature(172), u64::from(self.candidate[index])));
        self.push(
            out,
            mix(
                mix(feature(173), u64::from(self.candidate[index])),
                shapes[2],
            ),
        );
        let known = self.person_words.contains(word);
        self.push(out, mix(feature(174), u64::from(known)));
        self.push(out, mix(mix(feature(175), u64::from(known)), rule(at)));
        self.push(
            out,
            mix(
                feature(176),
                u64::from(token.possessive) | u64::from(token.dot_after) << 1,
            ),
        );
        self.stats_features(index, token.sentence_start, out);
    }

    /// The word-statistics features of token `index` and its neighbours.
    fn stats_features(&self, index: usize, sentence_start: bool, out: &mut Vec<u32>) {
        let feature = |template: u64| mix(SEED, template);
        let stats_at = |position: Option<usize>| {
            position
                .and_then(|position| self.stats.get(position))
                .copied()
                .unwrap_or_default()
        };
        let here = self.stats[index];
        let code = |buckets: Buckets| {
            u64::from(buckets.capitalised)
                | u64::from(buckets.person) << 4
                | u64::from(buckets.first) << 8
        };
        self.push(out, mix(feature(180), u64::from(here.capitalised)));
        self.push(out, mix(feature(181), u64::from(here.person)));
        self.push(out, mix(feature(182), code(here)));
        self.push(
            out,
            mix(
                feature(183),
                u64::from(here.person) | u64::from(sentence_start) << 4,
            ),
        );
        let before = stats_at(index.checked_sub(1));
        let after = stats_at(Some(index + 1));
        self.push(
            out,
            mix(
                feature(184),
                u64::from(before.person) | u64::from(before.first) << 4,
            ),
        );
        self.push(
            out,
            mix(
                feature(185),
                u64::from(after.person) | u64::from(after.first) << 4,
            ),
        );
        self.push(
            out,
            mix(
                mix(feature(186), u64::from(before.first)),
                u64::from(here.person) | u64::from(here.first) << 4,
            ),
        );
    }

    /// The features that read the previous tag.
    pub(super) fn tag_features(&self, index: usize, previous: u8, out: &mut Vec<u32>) {
        let inputs = TagFeatureInputs {
            shape: self.shape_code(index as isize),
            value: self.token_value(index as isize),
            rule: self.rule[index],
        };
        tag_feature_hashes(self.bits, inputs, previous, out);
    }
}

/// Hash of a word as a feature and as `word_stats.rs`'s key: its ASCII-lower-cased first
/// `MAX_WORD_BYTES` bytes.
pub(super) fn word_hash(word: &[u8]) -> u64 {
    mix_bytes(SEED, &word[..word.len().min(MAX_WORD_BYTES)])
}

/// Hash of a token as a word feature: its lower-cased first 24 bytes, or its kind.
fn value_of(scan: &Scan<'_>, index: usize) -> u64 {
    let token = &scan.tokens[index];
    match token.kind {
        Kind::Word => word_hash(scan.word(index).as_bytes()),
        Kind::Number => 2,
        Kind::Punct(c) => 16 + u64::from(c),
        Kind::Break => 3,
        Kind::Opaque => 4,
    }
}

fn candidate_code(candidate: &Candidate) -> u8 {
    let status = match candidate.status {
        Status::Evidence => 1,
        Status::Unknown => 2,
        Status::Long => 3,
    };
    let mut evidence = 0u8;
    for (bit, flag) in [EV_TITLE, EV_STRONG, EV_SPEECH, EV_GIVEN]
        .iter()
        .enumerate()
    {
        if candidate.evidence & flag != 0 {
            evidence |= 1 << bit;
        }
    }
    0x80 | status << 4 | evidence
}

/// Tags the scan with the model, greedily, and returns the token spans (first, last
/// inclusive) of the names found.
pub(super) fn decode(model: &Model, context: &Context<'_, '_>) -> Vec<(usize, usize)> {
    let count = context.scan.tokens.len();
    let mut tags = vec![TAG_O; count];
    let mut transparent = vec![false; count];
    let mut features: Vec<u32> = Vec::with_capacity(96);
    let mut previous = TAG_O;
    let mut previous_possessive = false;
    for index in 0..count {
        if !context.eligible(index) {
            if context.transparent(index) {
                transparent[index] = true;
            } else {
                previous = TAG_O;
            }
            continue;
        }
        context.static_features(index, &mut features);
        context.tag_features(index, previous, &mut features);
        let scores = model.scores(&features);
        let tag = best_tag(&scores, previous, previous_possessive);
        tags[index] = tag;
        previous = tag;
        previous_possessive = context.scan.tokens[index].possessive;
    }
    let tagged = spans(&tags, &transparent);
    let rule_labels: Vec<u8> = context
        .rule
        .iter()
        .map(|&label| label.saturating_sub(1).min(TAG_I) * u8::from(label > 0))
        .collect();
    merge_rule_names(tagged, &spans(&rule_labels, &transparent))
}

/// Where a multi-word name of the rules covers what the tagger found only in part
/// ("Mitch" of "Mitch McConnell") or not at all, the rules' name wins; where the two
/// cross, the tagger's names stay.
fn merge_rule_names(tagged: Vec<(usize, usize)>, rule: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(tagged.len());
    let mut next_rule = rule.iter().filter(|span| span.1 > span.0).peekable();
    let mut tagged = tagged.into_iter().peekable();
    loop {
        let take_rule = match (next_rule.peek(), tagged.peek()) {
            (Some(r), Some(t)) => r.0 <= t.1,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if !take_rule {
            if let Some(span) = tagged.next() {
                merged.push(span);
            }
            continue;
        }
        let Some(&(first, last)) = next_rule.next() else {
            break;
        };
        // Tagger spans overlapping the rule span, all inside it?
        let mut inside = Vec::new();
        let mut outside = false;
        while let Some(&(t_first, t_last)) = tagged.peek() {
            if t_first > last {
                break;
            }
            if t_last < first {
                merged.push((t_first, t_last));
                tagged.next();
                continue;
            }
            if t_first < first || t_last > last {
                outside = true;
            }
            inside.push((t_first, t_last));
            tagged.next();
        }
        if outside {
            merged.extend(inside);
        } else {
            merged.push((first, last));
        }
    }
    merged.sort_unstable();
    merged.dedup();
    merged
}

/// The best tag allowed after `previous`: `I` only continues a name, and never after a
/// possessive ("Shearer's Newcastle").
fn best_tag(scores: &[f32; CLASSES], previous: u8, previous_possessive: bool) -> u8 {
    let mut best = TAG_O;
    for tag in [TAG_B, TAG_I] {
        if tag == TAG_I && (previous == TAG_O || previous_possessive) {
            continue;
        }
        if scores[tag as usize] > scores[best as usize] {
            best = tag;
        }
    }
    best
}

/// Token spans (first, last inclusive) of the tagged names.
fn spans(tags: &[u8], transparent: &[bool]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (index, &tag) in tags.iter().enumerate() {
        match tag {
            TAG_B => spans.push((index, index)),
            TAG_I => {
                if let Some(last) = spans.last_mut() {
                    if (last.1 + 1..index).all(|between| transparent[between]) {
                        last.1 = index;
                        continue;
                    }
                }
                spans.push((index, index));
            }
            _ => {}
        }
    }
    spans
}

// ---------------------------------------------------------------------------------
// Training
// ---------------------------------------------------------------------------------

/// One training document, read once: static features of each eligible token and gold tags.
struct Prepared {
    eligible: Vec<bool>,
    transparent: Vec<bool>,
    possessive: Vec<bool>,
    features: Vec<Vec<u32>>,
    tag_features: Vec<TagFeatureInputs>,
    gold: Vec<u8>,
}

/// What `tag_features` reads, kept so training need not keep the scan alive.
#[derive(Clone, Copy)]
struct TagFeatureInputs {
    shape: u64,
    value: u64,
    rule: u8,
}

fn tag_feature_hashes(bits: u32, inputs: TagFeatureInputs, previous: u8, out: &mut Vec<u32>) {
    let push = |out: &mut Vec<u32>, hash: u64| {
        let folded = hash ^ (hash >> 29) ^ (hash >> 41);
        out.push((folded & ((1u64 << bits) - 1)) as u32);
    };
    let feature = |template: u64| mix(mix(SEED, template), u64::from(previous));
    push(out, feature(200));
    push(out, mix(feature(201), inputs.shape));
    push(out, mix(feature(202), inputs.value));
    push(out, mix(feature(203), u64::from(inputs.rule)));
}

/// Gold tags of the tokens from the gold byte spans; tokens that straddle a span's edge
/// are `O`.
fn gold_tags(tokens: &[Token], people: &[(usize, usize)]) -> Vec<u8> {
    let mut tags = vec![TAG_O; tokens.len()];
    let mut span_index = 0;
    for (index, token) in tokens.iter().enumerate() {
        while span_index < people.len() && people[span_index].1 <= token.start {
            span_index += 1;
        }
        if let Some(&(start, end)) = people.get(span_index) {
            if token.is_word() && token.start >= start && token.end <= end {
                tags[index] = if token.start == start { TAG_B } else { TAG_I };
            }
        }
    }
    tags
}

fn prepare(document: &conll::Document, bits: u32) -> Prepared {
    let lexicon = &super::lexicon::LEXICON;
    let scan = super::rule_scan(&document.text, lexicon);
    let rule_spans = super::mention_spans(&super::linking::rule_mentions(&scan, lexicon));
    let context = Context::new(&scan, &rule_spans, bits);
    let count = scan.tokens.len();
    let mut prepared = Prepared {
        eligible: Vec::with_capacity(count),
        transparent: (0..count).map(|index| context.transparent(index)).collect(),
        possessive: scan.tokens.iter().map(|token| token.possessive).collect(),
        features: Vec::with_capacity(count),
        tag_features: Vec::with_capacity(count),
        gold: gold_tags(&scan.tokens, &document.people),
    };
    for index in 0..count {
        let eligible = context.eligible(index);
        let mut features = Vec::new();
        if eligible {
            context.static_features(index, &mut features);
        }
        prepared.eligible.push(eligible);
        prepared.features.push(features);
        prepared.tag_features.push(TagFeatureInputs {
            shape: context.shape_code(index as isize),
            value: context.token_value(index as isize),
            rule: context.rule[index],
        });
    }
    prepared
}

/// Progress and results of `train`, one line each.
pub type Log<'a> = &'a mut dyn FnMut(&str);

/// Trains a model on `train` for up to `epochs` passes, keeping the averaged weights
/// of the pass that scores best on `dev` (exact-span F1 of the whole extractor), or of
/// the last pass with `keep_last` (when `dev` is part of `train`). Returns the model file
/// bytes.
pub fn train(
    train: &[conll::Document],
    dev: &[conll::Document],
    epochs: usize,
    keep_last: bool,
    log: Log<'_>,
) -> Vec<u8> {
    let bits = TRAIN_BITS;
    let prepared: Vec<Prepared> = train
        .iter()
        .map(|document| prepare(document, bits))
        .collect();
    let gold_tokens: usize = prepared
        .iter()
        .map(|p| p.gold.iter().filter(|&&tag| tag != TAG_O).count())
        .sum();
    let unreachable: usize = prepared
        .iter()
        .map(|p| {
            p.gold
                .iter()
                .zip(&p.eligible)
                .filter(|&(&tag, &eligible)| tag != TAG_O && !eligible)
                .count()
        })
        .sum();
    log(&format!(
        "{} training documents, {} person tokens ({} not capitalised, never tagged)",
        prepared.len(),
        gold_tokens,
        unreachable
    ));
    let size = CLASSES << bits;
    let mut weights = vec![0f32; size];
    let mut accumulated = vec![0f32; size];
    let mut step: f32 = 1.0;
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut random: u64 = 0x2545_f491_4f6c_dd1d;
    let mut best: Option<(f64, Vec<u8>)> = None;
    let mut features: Vec<u32> = Vec::with_capacity(96);
    for epoch in 1..=epochs {
        for position in (1..order.len()).rev() {
            random ^= random << 13;
            random ^= random >> 7;
            random ^= random << 17;
            order.swap(position, (random % (position as u64 + 1)) as usize);
        }
        let mut mistakes = 0usize;
        for &document in &order {
            let doc = &prepared[document];
            let mut previous = TAG_O;
            let mut previous_possessive = false;
            for index in 0..doc.gold.len() {
                if !doc.eligible[index] {
                    if !doc.transparent[index] {
                        previous = TAG_O;
                    }
                    continue;
                }
                features.clear();
                features.extend_from_slice(&doc.features[index]);
                tag_feature_hashes(bits, doc.tag_features[index], previous, &mut features);
                let mut scores = [0f32; CLASSES];
                for &feature in &features {
                    let row = feature as usize * CLASSES;
                    for class in 0..CLASSES {
                        scores[class] += weights[row + class];
                    }
                }
                let predicted = best_tag(&scores, previous, previous_possessive);
                let gold = doc.gold[index];
                if predicted != gold {
                    mistakes += 1;
                    for &feature in &features {
                        let row = feature as usize * CLASSES;
                        weights[row + gold as usize] += 1.0;
                        weights[row + predicted as usize] -= 1.0;
                        accumulated[row + gold as usize] += step;
                        accumulated[row + predicted as usize] -= step;
                    }
                }
                step += 1.0;
                previous = predicted;
                previous_possessive = doc.possessive[index];
            }
        }
        let averaged: Vec<f32> = weights
            .iter()
            .zip(&accumulated)
            .map(|(weight, total)| weight - total / step)
            .collect();
        let model = Model {
            bits,
            weights: averaged,
            rows: Vec::new(),
        };
        let bytes = model.to_bytes();
        let Some(reloaded) = Model::from_bytes(&bytes) else {
            continue;
        };
        let (precision, recall, f1) = evaluate(&reloaded, dev);
        log(&format!(
            "epoch {epoch}: {mistakes} training mistakes; dev P {precision:.4} R {recall:.4} F1 {f1:.4}"
        ));
        if keep_last || best.as_ref().is_none_or(|(best_f1, _)| f1 > *best_f1) {
            best = Some((f1, bytes));
        }
    }
    best.map(|(_, bytes)| bytes).unwrap_or_default()
}

/// Exact-span precision, recall and F1 of the whole extractor with `model` on `documents`.
pub fn evaluate(model: &Model, documents: &[conll::Document]) -> (f64, f64, f64) {
    let (mut gold, mut found, mut correct) = (0usize, 0usize, 0usize);
    for document in documents {
        let mentions =
            super::extract_tagged(&document.text, &super::lexicon::LEXICON, model).mentions;
        let spans = super::mention_spans(&mentions);
        gold += document.people.len();
        found += spans.len();
        correct += spans
            .iter()
            .filter(|span| document.people.binary_search(span).is_ok())
            .count();
    }
    let precision = correct as f64 / found.max(1) as f64;
    let recall = correct as f64 / gold.max(1) as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}

//! Steps 6 and 7 of the rules: the people of an article and every mention linked to one
//! of them.

use crate::extract::PersonMention;

use super::evidence::{Candidate, Scan, Status, EV_SPEECH, EV_STRONG, EV_TITLE};
use super::lexicon::{
    FastMap, Lexicon, DESCRIPTOR, GIVEN, MAX_LOOKUP_BYTES, MONTH_SOFT, PLACE, PLACE_PREFIX,
    SURNAME_FIRST, TITLE,
};
use super::tokens::Shape;
use super::{fold_for_matching, MAX_NAME_TOKENS};

/// How many full names sharing one surname are compared when linking a mention.
const MAX_NAMES_PER_KEY: usize = 64;

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
/// Mentions of the scan's candidates, linked to the people found among them.
pub(super) fn rule_mentions(scan: &Scan<'_>, lexicon: &Lexicon) -> Vec<PersonMention> {
    let registry = build_registry(scan, lexicon);
    linked_mentions(scan, lexicon, &registry)
}

/// [`rule_mentions`], and the tentative names: one word at the start of a sentence, in a
/// person's context ("Putin has not commented"), that links to no one in the article. The
/// article alone cannot tell such a word from any other capitalised one; the archive can
/// (`crate::identity` links it when the surname clearly belongs to one person).
pub(super) fn mentions_and_tentative(
    scan: &Scan<'_>,
    lexicon: &Lexicon,
) -> (Vec<PersonMention>, Vec<PersonMention>) {
    let registry = build_registry(scan, lexicon);
    let mentions = linked_mentions(scan, lexicon, &registry);
    let mut tentative = Vec::new();
    for candidate in &scan.candidates {
        if candidate.status == Status::Long
            || candidate.len != 1
            || !candidate.sentence_start
            || candidate.evidence & (EV_SPEECH | EV_STRONG) == 0
        {
            continue;
        }
        let index = scan.members[candidate.from];
        let token = &scan.tokens[index];
        let word = scan.word(index);
        let flags = lexicon.flags(word);
        let not_a_surname = TITLE | DESCRIPTOR | MONTH_SOFT | PLACE | PLACE_PREFIX | GIVEN;
        if token.shape != Shape::Name
            || token.flags & not_a_surname != 0
            || flags & not_a_surname != 0
            || scan.orgish.contains(word)
            || registry.resolve(&[word], lexicon).is_some()
        {
            continue;
        }
        let (start, end) = scan.span(candidate);
        let overlaps = mentions
            .iter()
            .any(|mention| mention.start < end && start < mention.end);
        if !overlaps {
            push_mention(&mut tentative, scan.text, start, end, word);
        }
    }
    (mentions, tentative)
}

fn linked_mentions(
    scan: &Scan<'_>,
    lexicon: &Lexicon,
    registry: &Registry<'_>,
) -> Vec<PersonMention> {
    let text = scan.text;
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
    link_all_caps(scan, registry, &mut mentions);
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

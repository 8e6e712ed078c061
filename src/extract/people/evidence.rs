//! Steps 2 to 5 of the rules: runs of name-shaped words, titles stripped, organisations
//! and places rejected, and the evidence that a name is a person.

use std::cell::Cell;
use std::sync::LazyLock;

use super::lexicon::{
    list_words, FastSet, Lexicon, ABBREV, AUX, BREAK, DESCRIPTOR, GIVEN, LOCATIVE, MONTH_SOFT, ORG,
    ORG_NOUN, ORG_POSSESSION, ORG_SOFT, PARTICLE, PLACE, PLACE_PREFIX, ROLE, SPEECH, SPEECH_BEFORE,
    SUFFIX, SURNAME_FIRST, TITLE, WEAK,
};
use super::tokens::{is_hyphen, tokenize, Kind, Shape, Token};
use super::{MAX_NAME_TOKENS, MAX_RUN_TOKENS};

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

/// After "and" or "&", the end of a firm's name ("Harris Upham and Co").
static FIRM_TAILS: LazyLock<Box<[&str]>> =
    LazyLock::new(|| list_words(include_str!("words/firm_tails.txt")).collect());

/// Company forms that end a firm's name ("Outboard Marine Corp").
static CORPORATE_SUFFIXES: LazyLock<Box<[&str]>> =
    LazyLock::new(|| list_words(include_str!("words/corporate_suffixes.txt")).collect());

/// Units after a number: "Top 51.50 dlrs" names a quantity.
static QUANTITY_UNITS: LazyLock<Box<[&str]>> =
    LazyLock::new(|| list_words(include_str!("words/quantity_units.txt")).collect());

/// Most capitalised runs before a firm's name, each after a comma, taken as part of it
/// ("L.F. Rothschild, Unterberg, Towbin Inc").
const MAX_FIRM_PARTNERS: usize = 3;

/// Most firm names an article gives as the archive's evidence.
const MAX_FIRMS: usize = 100;

/// A title or office precedes the name.
pub(super) const EV_TITLE: u8 = 1;
/// Role noun before, age, ", who", apposition with a role.
pub(super) const EV_STRONG: u8 = 1 << 1;
/// Speech verb after or before, "according to".
pub(super) const EV_SPEECH: u8 = 1 << 2;
/// Two or more words starting with a given name.
pub(super) const EV_GIVEN: u8 = 1 << 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Status {
    /// Has evidence of its own (single words are judged again once the article is read).
    Evidence,
    /// No evidence: a mention only if it links to a person found elsewhere.
    Unknown,
    /// Too long to be one name: only searched for names already known.
    Long,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    /// Range into `Scan::members` of the name's token indices.
    pub(super) from: usize,
    pub(super) len: usize,
    /// How many of those are neither suffixes nor initials.
    pub(super) status: Status,
    pub(super) evidence: u8,
    pub(super) sentence_start: bool,
}

pub(super) struct Scan<'t> {
    pub(super) text: &'t str,
    pub(super) tokens: Vec<Token>,
    lexicon: &'t Lexicon,
    pub(super) candidates: Vec<Candidate>,
    pub(super) members: Vec<usize>,
    /// Name words seen capitalised in mid-sentence.
    pub(super) mid_sentence: FastSet<&'t str>,
    /// Words seen used like an organisation or place.
    pub(super) orgish: FastSet<&'t str>,
    /// Names the article writes as a firm's ("Harris Upham and Co"), word by word.
    firm_names: Vec<Vec<&'t str>>,
    /// The same names' byte spans, for the archive's evidence (`Scan::firm_texts`).
    firm_spans: Vec<(usize, usize)>,
    /// Per token: lexicon flags of a lower-case word once looked up, else `NOT_LOOKED_UP`.
    /// The rules and the tagger ask about the same neighbours again and again.
    lower_flags: Vec<Cell<u32>>,
}

/// Not a combination of lexicon flags (those use the low 21 bits).
const NOT_LOOKED_UP: u32 = u32::MAX;

impl<'t> Scan<'t> {
    pub(super) fn new(text: &'t str, lexicon: &'t Lexicon) -> Scan<'t> {
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
            firm_names: Vec::new(),
            firm_spans: Vec::new(),
            lower_flags,
        }
    }

    pub(super) fn word(&self, index: usize) -> &'t str {
        self.tokens
            .get(index)
            .and_then(|token| self.text.get(token.start..token.end))
            .unwrap_or("")
    }

    /// Lexicon flags of a lower-case word, looked up on demand.
    pub(super) fn lower_flags(&self, index: usize) -> u32 {
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

    /// Whether the name ending before `index` is a firm's: "and Co", "& Sons" follow.
    fn firm_tail_at(&self, index: usize) -> bool {
        let joined = self.tokens.get(index).is_some_and(|t| t.is_punct('&'))
            || self.is_lower_word(index, "and");
        joined
            && self.tokens.get(index + 1).is_some_and(|t| t.is_word())
            && FIRM_TAILS
                .iter()
                .any(|tail| self.word(index + 1).eq_ignore_ascii_case(tail))
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
    pub(super) fn find_candidates(&mut self) {
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

    /// Whether a company form in brackets starts at `index`: "(Holdings)".
    fn corporate_in_brackets(&self, index: usize) -> bool {
        self.tokens.get(index).is_some_and(|t| t.is_punct('('))
            && self.tokens.get(index + 1).is_some_and(|t| t.is_word())
            && CORPORATE_SUFFIXES.contains(&self.word(index + 1))
            && self.tokens.get(index + 2).is_some_and(|t| t.is_punct(')'))
    }

    /// Records `name` (token indices) as a firm's name, with what belongs to it before:
    /// the "Alex." of "Alex. Brown and Sons", the partners of "Smith Barney, Harris Upham
    /// and Co" and "L.F. Rothschild, Unterberg, Towbin Inc".
    fn note_firm(&mut self, name: &[usize]) {
        let Some(&first) = name.first() else {
            return;
        };
        let mut words: Vec<&'t str> = Vec::with_capacity(name.len() + 1);
        // "Alex. Brown": a capitalised word whose full stop ends no sentence here.
        if let Some(dot) = first.checked_sub(1) {
            if self.tokens[dot].is_punct('.') {
                if let Some(before) = dot.checked_sub(1) {
                    let token = &self.tokens[before];
                    if token.is_word() && token.dot_after && token.shape == Shape::Name {
                        words.push(self.word(before));
                    }
                }
            }
        }
        let span_start = if words.is_empty() {
            self.tokens[first].start
        } else {
            self.tokens[first - 2].start
        };
        words.extend(name.iter().map(|&index| self.word(index)));
        self.firm_names.push(words);
        self.firm_spans
            .push((span_start, self.name_end(name[name.len() - 1])));
        let mut start = first;
        for _ in 0..MAX_FIRM_PARTNERS {
            let Some(partner) = self.partner_before(start) else {
                break;
            };
            start = partner[0];
            let words = partner.iter().map(|&index| self.word(index)).collect();
            self.firm_names.push(words);
            self.firm_spans.push((
                self.tokens[partner[0]].start,
                self.name_end(partner[partner.len() - 1]),
            ));
        }
    }

    /// Where a name ending in token `last` ends: with the full stop of an initial.
    fn name_end(&self, last: usize) -> usize {
        let token = &self.tokens[last];
        if token.dot_after && token.shape == Shape::Initial {
            token.end + 1
        } else {
            token.end
        }
    }

    /// The names the article writes as a firm's, as written, each once.
    /// At most [`MAX_FIRMS`]: a directory of firms says no more than its first ones.
    pub(super) fn firm_texts(&self) -> Vec<String> {
        let mut seen: FastSet<String> = FastSet::default();
        let mut texts: Vec<String> = Vec::new();
        for &(start, end) in &self.firm_spans {
            if texts.len() >= MAX_FIRMS {
                break;
            }
            let Some(text) = self.text.get(start..end) else {
                continue;
            };
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() && seen.insert(text.clone()) {
                texts.push(text);
            }
        }
        texts
    }

    /// The capitalised run right before ", " and token `start`, when it can be a
    /// partner's name in a firm's: no given name first, no lower-case word, at most
    /// [`MAX_NAME_TOKENS`] words.
    fn partner_before(&self, start: usize) -> Option<Vec<usize>> {
        let comma = start.checked_sub(1)?;
        if !self.tokens[comma].is_punct(',') {
            return None;
        }
        let mut words = Vec::new();
        let mut index = comma;
        while let Some(previous) = index.checked_sub(1) {
            let token = &self.tokens[previous];
            let dot_of_initial = token.is_punct('.')
                && previous.checked_sub(1).is_some_and(|before| {
                    let before = &self.tokens[before];
                    before.dot_after && before.shape == Shape::Initial
                });
            if dot_of_initial {
                index = previous;
                continue;
            }
            if !(token.is_word()
                && matches!(token.shape, Shape::Name | Shape::Initial)
                && token.flags & (BREAK | TITLE | DESCRIPTOR) == 0)
            {
                break;
            }
            words.push(previous);
            index = previous;
            if words.len() > MAX_NAME_TOKENS {
                return None;
            }
        }
        words.reverse();
        let &first = words.first()?;
        (!self.given_like(first)).then_some(words)
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

    pub(super) fn is_core(&self, index: usize) -> bool {
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
        if self.firm_tail_at(after) {
            self.note_firm(tail);
            reject = true;
        } else if self.corporate_in_brackets(after) {
            // "Cheung Kong (Holdings) Ltd"
            self.note_firm(tail);
            reject = true;
        } else if tail
            .iter()
            .any(|&index| CORPORATE_SUFFIXES.contains(&self.word(index)))
        {
            // "Marine Midland Banks Inc": the firm's own name ends where the first
            // organisation word starts.
            let name_end = tail
                .iter()
                .position(|&index| self.tokens[index].flags & ORG != 0)
                .unwrap_or(tail.len());
            if name_end > 0 {
                self.note_firm(&tail[..name_end]);
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

    /// The article's lower-case words (ASCII), each once.
    fn lower_words(&self) -> FastSet<&'t str> {
        (0..self.tokens.len())
            .filter(|&index| {
                let token = &self.tokens[index];
                token.is_word() && token.shape == Shape::Lower
            })
            .map(|index| self.word(index))
            .collect()
    }

    fn piece_words(&self, first: usize, last: usize) -> Vec<&'t str> {
        (first..=last)
            .filter(|&index| self.tokens[index].is_word())
            .map(|index| self.word(index))
            .collect()
    }

    /// Makes the tagger's names the candidates with evidence; rule candidates that do
    /// not overlap them stay, as names that count only if they link to someone.
    pub(super) fn use_tagged(&mut self, spans: &[(usize, usize)]) {
        let mut tagged = vec![false; self.tokens.len()];
        for &(first, last) in spans {
            for slot in &mut tagged[first..=last] {
                *slot = true;
            }
        }
        let old_candidates = std::mem::take(&mut self.candidates);
        let old_members = std::mem::take(&mut self.members);
        let pieces = self.name_pieces(spans);
        // A name the article once writes as a firm's is a firm's everywhere in it.
        // A set: a hostile article can name a firm per line, and every name is looked up.
        let mut firms: FastSet<Vec<&str>> = FastSet::default();
        for &(first, last) in &pieces {
            if self.firm_tail_at(last + 1) {
                firms.insert(self.piece_words(first, last));
                let span = (self.tokens[first].start, self.name_end(last));
                self.firm_spans.push(span);
            }
        }
        firms.extend(self.firm_names.iter().cloned());
        let firm_words: FastSet<&str> = firms.iter().flatten().copied().collect();
        // Surnames of the article's people: "McDonnell" stays a person beside "Sanford
        // McDonnell", whatever "McDonnell Douglas Corp" says.
        let surnames: FastSet<&str> = pieces
            .iter()
            .map(|&(first, last)| self.piece_words(first, last))
            .filter(|words| words.len() >= 2 && !firms.contains(words))
            .filter_map(|words| words.last().copied())
            .collect();
        let mut lower_words: Option<FastSet<&str>> = None;
        for &(first, last) in &pieces {
            let words = self.piece_words(first, last);
            if !firms.is_empty() && firms.contains(&words) {
                continue;
            }
            if let [word] = words.as_slice() {
                let titled = first.checked_sub(1).is_some_and(|before| {
                    self.tokens[before].is_word() && self.tokens[before].flags & TITLE != 0
                });
                // A word of a firm's name ("Marine" of "Marine Midland Banks Inc"), or
                // one the article uses like an organisation's ("to the Mark", "Top 51.50
                // dlrs"), is a person only as someone's surname or after a title.
                let firmish = firm_words.contains(word);
                // "to the Mark,": a thing, not a person.
                let thing = first
                    .checked_sub(1)
                    .is_some_and(|before| self.is_lower_word(before, "the"))
                    && !self
                        .tokens
                        .get(last + 1)
                        .is_some_and(|next| next.is_word() && next.shape == Shape::Lower);
                // "Top 51.50 dlrs" beside "top 45.00 dlrs": an everyday word that
                // starts a sentence.
                let everyday = self.tokens[first].sentence_start
                    && !self.mid_sentence.contains(word)
                    && lower_words
                        .get_or_insert_with(|| self.lower_words())
                        .contains(word.to_ascii_lowercase().as_str());
                // "the Lira/Mark rate": a pair of currencies or places.
                let paired = first
                    .checked_sub(1)
                    .is_some_and(|before| self.tokens[before].is_punct('/'))
                    || self.tokens.get(last + 1).is_some_and(|t| t.is_punct('/'));
                // "Marine shareholders": what a firm has, not a person.
                let possession = !self.tokens[last].possessive
                    && self.lower_flags(last + 1) & ORG_POSSESSION != 0;
                // "Top 51.50 dlrs per cwt": a sentence that starts with a quantity's name.
                let quantity = self.tokens[first].sentence_start
                    && self
                        .tokens
                        .get(last + 1)
                        .is_some_and(|next| next.kind == Kind::Number)
                    && self
                        .tokens
                        .get(last + 2)
                        .is_some_and(|unit| unit.shape == Shape::Lower)
                    && QUANTITY_UNITS.contains(&self.word(last + 2));
                if (firmish || thing || everyday || paired || possession || quantity)
                    && !titled
                    && !surnames.contains(word)
                {
                    continue;
                }
            }
            // The rules' organisation words hold for the tagger's names too ("Nuclear
            // Regulatory Commission", "Wood Gundy Inc"), unless a given name and one more
            // word are the whole name ("Stuart Law", "Chen Gang"; not "Marine Midland
            // Banks Inc").
            let holds_org_word = (first..=last).any(|index| self.tokens[index].flags & ORG != 0);
            let given_and_surname =
                self.given_like(first) && self.piece_words(first, last).len() == 2;
            if holds_org_word && !given_and_surname {
                continue;
            }
            // "Richter scale", "Charles de Gaulle airport": a kind of thing right after.
            if !self.tokens[last].possessive && self.lower_flags(last + 1) & ORG_NOUN != 0 {
                continue;
            }
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
            if let (Some(&first), Some(&last)) = (members.first(), members.last()) {
                if !firms.is_empty() && firms.contains(&self.piece_words(first, last)) {
                    continue;
                }
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
                    let mut start = start;
                    // "Defender Hassan Abbas": an unknown word opening the sentence
                    // before a given name, as the rules have it.
                    if words >= 3
                        && self.tokens[start].sentence_start
                        && !self.given_like(start)
                        && self.tokens[start].flags & SURNAME_FIRST == 0
                        && self.tokens.get(start + 1).is_some_and(|t| t.is_word())
                        && self.given_like(start + 1)
                        && !(start..index).any(|i| self.tokens[i].flags & ORG != 0)
                    {
                        start += 1;
                    }
                    pieces.push((start, index - 1));
                }
            }
        }
        pieces
    }

    /// The words that identify a name: all but a trailing "Jr", "III".
    pub(super) fn key(&self, candidate: &Candidate) -> Vec<&'t str> {
        let mut key = Vec::with_capacity(candidate.len);
        self.key_into(candidate, &mut key);
        key
    }

    /// `key` into a buffer that is reused across candidates.
    pub(super) fn key_into(&self, candidate: &Candidate, key: &mut Vec<&'t str>) {
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
    pub(super) fn span(&self, candidate: &Candidate) -> (usize, usize) {
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

    pub(super) fn span_of_members(&self, members: &[usize]) -> (usize, usize) {
        match (members.first(), members.last()) {
            (Some(&first), Some(&last)) => (self.tokens[first].start, self.tokens[last].end),
            _ => (0, 0),
        }
    }
}

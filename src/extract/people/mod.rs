//! Person-name extraction: hand-written rules, and a trained tagger on top of them.
//!
//! [`TaggedPeople`] (what ingest uses) runs the rules below, gives their conclusions as
//! features to an averaged-perceptron tagger (`tagger.rs`, model `people.model`, trained
//! by `examples/train_people.rs`), takes the tagger's names (with the post-filters of
//! `Scan::use_tagged`) and links them with the rules' linking (step 6). [`RuleBasedPeople`]
//! is the rules alone. Measured with `examples/eval_people.rs`; figures, commands and
//! remaining errors are in `docs/PEOPLE.md`.
//!
//! # Files
//! One stage a file, in the order a text goes through them:
//! - `lexicon.rs`: the word lists as flags on words. The lists themselves are plain text
//!   under `words/` (one file a list, its use said in its `#` header) and
//!   `given_names.txt`.
//! - `tokens.rs`: step 1, words and their shapes.
//! - `evidence.rs`: steps 2 to 5, the candidate names and their evidence (`Scan`), and
//!   `Scan::use_tagged`, which takes the tagger's names instead.
//! - `linking.rs`: steps 6 and 7, the people of the article and the mentions linked to
//!   them.
//! - `tagger.rs`: the trained tagger; `conll.rs`: the CoNLL reader it is trained and
//!   measured on; `word_stats.rs`: what unlabelled news says about each capitalised word
//!   (table `word_stats.tsv`, written by `examples/word_stats.rs`), as tagger features.
//! - `tests.rs`: the tests, end to end through [`TaggedPeople`] and grouped by the stage
//!   they are about; `lexicon.rs` tests its lists.
//! - This file: the public API and the glue that runs the stages.
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

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;

pub mod conll;
mod evidence;
mod lexicon;
mod linking;
mod tagger;
mod tokens;
pub mod word_stats;

pub use tagger::{evaluate, train, Model};

use super::{PeopleFound, PersonExtractor, PersonMention};
use evidence::Scan;
use lexicon::{fold_accents, Lexicon, LEXICON};
use linking::{mentions_and_tentative, rule_mentions};

/// Longest run of name-shaped words looked at; longer runs (title-case headlines,
/// adversarial input) are only searched for names already known from the article.
pub const MAX_RUN_TOKENS: usize = 16;
/// Most words a person's name may have after titles are stripped.
pub const MAX_NAME_TOKENS: usize = 5;

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
        self.find_people(text, None).mentions
    }

    fn find_people(&self, text: &str, _publication_date: Option<NaiveDate>) -> PeopleFound {
        match MODEL.as_ref() {
            Some(model) => extract_tagged(text, &LEXICON, model),
            None => extract_with_firms(text, &LEXICON),
        }
    }
}

/// The tagger with a model read at run time rather than the embedded one, so that a newly
/// trained model can be measured without a rebuild (`examples/eval_people.rs --model`).
pub struct TaggedPeopleWithModel(pub Model);

impl PersonExtractor for TaggedPeopleWithModel {
    fn extract_people(
        &self,
        text: &str,
        _publication_date: Option<NaiveDate>,
    ) -> Vec<PersonMention> {
        self.find_people(text, None).mentions
    }

    fn find_people(&self, text: &str, _publication_date: Option<NaiveDate>) -> PeopleFound {
        extract_tagged(text, &LEXICON, &self.0)
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

fn extract(text: &str, lexicon: &Lexicon) -> Vec<PersonMention> {
    extract_with_firms(text, lexicon).mentions
}

fn extract_with_firms(text: &str, lexicon: &Lexicon) -> PeopleFound {
    if text.is_empty() {
        return PeopleFound::default();
    }
    let scan = rule_scan(text, lexicon);
    let (mentions, tentative) = mentions_and_tentative(&scan, lexicon);
    PeopleFound {
        mentions,
        firms: scan.firm_texts(),
        tentative,
    }
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
fn extract_tagged(text: &str, lexicon: &Lexicon, model: &Model) -> PeopleFound {
    if text.is_empty() {
        return PeopleFound::default();
    }
    let mut scan = rule_scan(text, lexicon);
    let rule_spans = mention_spans(&rule_mentions(&scan, lexicon));
    let spans = {
        let context = tagger::Context::new(&scan, &rule_spans, model.bits());
        tagger::decode(model, &context)
    };
    scan.use_tagged(&spans);
    let (mut mentions, tentative) = mentions_and_tentative(&scan, lexicon);
    let mut last_end = 0;
    mentions.retain(|mention| {
        let keep = mention.start >= last_end;
        if keep {
            last_end = mention.end;
        }
        keep
    });
    PeopleFound {
        mentions,
        firms: scan.firm_texts(),
        tentative,
    }
}

#[cfg(test)]
mod tests;

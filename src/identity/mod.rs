//! One identity per person across the archive. An article that names someone only by
//! surname ("Reagan", "President Putin", "Mr. Lawson") and never in full is linked to the
//! full name the archive uses for that surname around the article's date, when one full
//! name clearly dominates; otherwise the name stays as written.
//!
//! # The rule
//! For a surname-only name S in an article published in year Y, the candidates are the
//! full names (two words or more) whose last word is S, accents and case aside; spellings
//! that differ only in accents and case are one candidate, shown by its most frequent
//! spelling. ("George Bush" and "George W. Bush" stay two candidates: a middle initial
//! can be the only thing that tells two people apart.) Each candidate counts the articles that
//! name it in full from Y − [`WINDOW_YEARS`] to Y + [`WINDOW_YEARS`] (an undated article
//! counts every year). S links to the best candidate when it has at least
//! [`MIN_ARTICLES`] such articles and at least [`DOMINANCE`] times as many as the next
//! one; a tie or a close second (two Bushes in the same years, the Kennedys) leaves S as
//! written. An article that names more than [`MAX_PEOPLE_AS_EVIDENCE`] people (a list)
//! counts for no candidate. The decision depends only on the articles in the archive, never on the order
//! they were ingested in, so an incremental ingest and a rebuild agree.
//!
//! # Tentative names
//! A single word at the start of a sentence in a person's context ("Putin has not
//! commented"), which the article links to no one, is kept apart as a tentative name. Its
//! article years are decided as a surname alone's are, and it counts as the person its
//! surname links to in that year, and as no one otherwise.
//!
//! # Everyday forms of a given name
//! Two full names that differ only in a given name and its everyday form ("Jim Wright"
//! and "James Wright", "Bob Dole" and "Robert Dole"; the forms are in `nicknames.txt`)
//! are one person when the archive writes the less used one only in years the more used
//! one is written too (within [`WINDOW_YEARS`]), and the more used one has at least
//! [`MIN_ARTICLES`] articles. The less used form then links to the more used one, in
//! every year, and their articles count together as the evidence for the surname.
//!
//! # Firms named like people
//! A name that the archive writes as a firm's ("E.F. Hutton and Co", "James Capel & Co",
//! "Outboard Marine Corp": what the extractor's firm rules find, kept per article in the
//! index) in at least [`MIN_ARTICLES`] articles, and at least as often as it names it as a
//! person ([`DOMINANCE`] times as often for a single word: "Johnson" is a surname of many),
//! is a firm's everywhere: it is listed as no one's, counts for no surname, and `show` says
//! why.
//!
//! # Cost
//! Linear in the number of distinct (name, year) pairs, plus, per surname-only name and
//! year, its candidates times the window.

pub mod gather;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::index::schema::{person_key, person_key_analyzer, person_key_with};

/// Years either side of an article's year whose full names count as evidence.
pub const WINDOW_YEARS: i32 = 2;
/// Articles naming the best candidate in full, at least.
pub const MIN_ARTICLES: u64 = 3;
/// How many times the next candidate's articles the best one needs.
pub const DOMINANCE: u64 = 4;
/// An article naming more people than this is no evidence: a list of names would
/// otherwise make every surname in it ambiguous.
pub const MAX_PEOPLE_AS_EVIDENCE: usize = 50;

/// Articles per person name (as indexed) and publication year, `None` for undated ones;
/// and articles per key of a name written as a firm's.
#[derive(Debug, Default, Clone)]
pub struct Evidence {
    counts: HashMap<String, BTreeMap<Option<i32>, u64>>,
    firms: HashMap<String, u64>,
    /// Years of the articles with a tentative one-word name, by name.
    tentative: HashMap<String, BTreeSet<Option<i32>>>,
}

impl Evidence {
    pub fn add_tentative(&mut self, name: &str, year: Option<i32>) {
        match self.tentative.get_mut(name) {
            Some(years) => {
                years.insert(year);
            }
            None => {
                self.tentative
                    .insert(name.to_owned(), BTreeSet::from([year]));
            }
        }
    }

    pub fn add_firm(&mut self, key: &str, articles: u64) {
        match self.firms.get_mut(key) {
            Some(count) => *count += articles,
            None => {
                self.firms.insert(key.to_owned(), articles);
            }
        }
    }

    pub fn add(&mut self, name: &str, year: Option<i32>, articles: u64) {
        let years = match self.counts.get_mut(name) {
            Some(years) => years,
            None => self.counts.entry(name.to_owned()).or_default(),
        };
        *years.entry(year).or_default() += articles;
    }
}

/// Why a name links to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// A surname alone, to the full name that dominates it around the article's date.
    Surname,
    /// A full name with an everyday form of the given name (or the formal one), to the
    /// form the archive uses more.
    Nickname,
}

/// What a surname-only name in an article of some year was linked to, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub kind: LinkKind,
    /// The full name, as the archive spells it most often.
    pub name: String,
    /// Articles naming it in full in the window.
    pub articles: u64,
    /// Articles naming the next candidate in full in the window; for a nickname, the
    /// articles that write the name as the mention does.
    pub next_best: u64,
    /// The window's years, `None` for an undated article (every year counts) and for a
    /// nickname (the link holds in every year).
    pub years: Option<(i32, i32)>,
}

impl Link {
    fn window(year: Option<i32>) -> Option<(i32, i32)> {
        year.map(|y| (y - WINDOW_YEARS, y + WINDOW_YEARS))
    }
}

/// A [`Link`] as the table holds it, borrowing the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkRef<'a> {
    pub kind: LinkKind,
    pub name: &'a str,
    pub articles: u64,
    pub next_best: u64,
    pub years: Option<(i32, i32)>,
}

impl LinkRef<'_> {
    pub fn to_link(self) -> Link {
        Link {
            kind: self.kind,
            name: self.name.to_owned(),
            articles: self.articles,
            next_best: self.next_best,
            years: self.years,
        }
    }
}

/// One year's link of a surname, compact: a command loads the whole table, and a
/// 200,000-article archive spread over 40 years holds some 50,000 of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct YearLink {
    year: Option<i32>,
    /// Index into [`IdentityTable::names`].
    name: u32,
    articles: u64,
    next_best: u64,
}

/// Why the archive takes a name for a firm's: how often it writes it as one, and as a
/// person's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirmEvidence {
    /// Articles that write the name as a firm's ("E.F. Hutton and Co").
    pub firm_articles: u64,
    /// Articles that name it as a person.
    pub person_articles: u64,
}

/// A full name's link to the form of it the archive uses more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct FormLink {
    /// Index into [`IdentityTable::names`].
    name: u32,
    /// Articles of the person, all forms together.
    articles: u64,
    /// Articles of this form.
    own: u64,
}

/// Every surname-only name of the archive that links to a full name, by year, and every
/// full name that links to another form of it.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityTable {
    /// The full names linked to, each once.
    names: Vec<String>,
    /// By the surname's key, then by year (sorted): the link, when there is one.
    links: BTreeMap<String, Vec<YearLink>>,
    /// By the full name's key.
    forms: BTreeMap<String, FormLink>,
    /// Keys of the names the archive writes as a firm's at least as often as a person's.
    firms: BTreeMap<String, FirmEvidence>,
}

/// Everyday forms of given names, each to its formal name (`nicknames.txt`).
static FORMAL_NAMES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut formal = HashMap::new();
    for line in include_str!("nicknames.txt").lines() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        if let Some(first) = words.next() {
            formal.insert(first, first);
            for form in words {
                formal.insert(form, first);
            }
        }
    }
    formal
});

/// A full name's key with its given name in the formal form: "jim wright" → "james wright".
fn formal_key(words: &[&str]) -> String {
    let mut formal = String::new();
    for (position, word) in words.iter().enumerate() {
        if position > 0 {
            formal.push(' ');
        }
        let word = if position == 0 {
            FORMAL_NAMES.get(word).copied().unwrap_or(word)
        } else {
            word
        };
        formal.push_str(word);
    }
    formal
}

/// Spellings of one full name (one key).
#[derive(Default)]
struct Candidate {
    /// Articles per spelling, whole archive.
    spellings: BTreeMap<String, u64>,
    by_year: BTreeMap<Option<i32>, u64>,
}

impl Candidate {
    fn total(&self) -> u64 {
        self.by_year.values().sum()
    }

    /// Whether this name is written in every year `other` is, give or take the window.
    fn covers(&self, other: &Candidate) -> bool {
        other.by_year.keys().all(|year| match year {
            Some(_) => self.articles_in(Link::window(*year)) > 0,
            None => self.total() > 0,
        })
    }

    fn absorb(&mut self, other: Candidate) {
        for (spelling, articles) in other.spellings {
            *self.spellings.entry(spelling).or_default() += articles;
        }
        for (year, articles) in other.by_year {
            *self.by_year.entry(year).or_default() += articles;
        }
    }

    fn shown_as(&self) -> &str {
        // Most articles first; among equals, the first in byte order.
        let mut best: Option<(&String, u64)> = None;
        for (spelling, &articles) in &self.spellings {
            if best.is_none_or(|(_, most)| articles > most) {
                best = Some((spelling, articles));
            }
        }
        best.map_or("", |(spelling, _)| spelling.as_str())
    }

    fn articles_in(&self, years: Option<(i32, i32)>) -> u64 {
        match years {
            None => self.by_year.values().sum(),
            Some((first, last)) => self
                .by_year
                .range(Some(first)..=Some(last))
                .map(|(_, n)| n)
                .sum(),
        }
    }
}

impl IdentityTable {
    pub fn build(evidence: &Evidence) -> IdentityTable {
        // By last word, then the whole key.
        let mut candidates: BTreeMap<(String, String), Candidate> = BTreeMap::new();
        let mut surname_only: BTreeMap<String, Vec<Option<i32>>> = BTreeMap::new();
        let mut analyzer = person_key_analyzer();
        let mut person_articles: HashMap<String, u64> = HashMap::new();
        for (name, years) in &evidence.counts {
            let key = person_key_with(&mut analyzer, name);
            *person_articles.entry(key.clone()).or_default() += years.values().sum::<u64>();
        }
        let firms: BTreeMap<String, FirmEvidence> = evidence
            .firms
            .iter()
            .filter_map(|(key, &firm_articles)| {
                let person_articles = person_articles.get(key).copied().unwrap_or(0);
                // A surname alone ("Johnson", "Scott") is a firm's only when the archive
                // writes it so far more often: many people share a surname with a firm.
                let ratio = if key.contains(' ') { 1 } else { DOMINANCE };
                let firm = person_articles > 0
                    && firm_articles >= MIN_ARTICLES
                    && firm_articles >= ratio.saturating_mul(person_articles);
                firm.then(|| {
                    (
                        key.clone(),
                        FirmEvidence {
                            firm_articles,
                            person_articles,
                        },
                    )
                })
            })
            .collect();
        for (name, years) in &evidence.counts {
            let key = person_key_with(&mut analyzer, name);
            // A firm's name is no one's full name, and links to no one.
            if firms.contains_key(&key) {
                continue;
            }
            let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
            match words.as_slice() {
                [] => {}
                [surname] => surname_only
                    .entry((*surname).to_owned())
                    .or_default()
                    .extend(years.keys().copied()),
                [_, .., last] => {
                    let candidate = candidates
                        .entry(((*last).to_owned(), words.join(" ")))
                        .or_default();
                    *candidate.spellings.entry(name.clone()).or_default() +=
                        years.values().sum::<u64>();
                    for (year, articles) in years {
                        *candidate.by_year.entry(*year).or_default() += articles;
                    }
                }
            }
        }
        // A tentative name ("Putin has not commented") is decided as a surname alone is.
        for (name, years) in &evidence.tentative {
            let key = person_key_with(&mut analyzer, name);
            if !key.is_empty() && !key.contains(' ') && !firms.contains_key(&key) {
                surname_only
                    .entry(key)
                    .or_default()
                    .extend(years.iter().copied());
            }
        }
        let merged = merge_forms(&mut candidates);
        let mut links = BTreeMap::new();
        let mut names: Vec<String> = Vec::new();
        let mut name_index: HashMap<String, u32> = HashMap::new();
        let mut forms = BTreeMap::new();
        for (form, own, target) in merged {
            let Some(candidate) = candidates.get(&target) else {
                continue;
            };
            let shown = candidate.shown_as().to_owned();
            let next = u32::try_from(names.len()).unwrap_or(u32::MAX);
            let name = *name_index.entry(shown.clone()).or_insert_with(|| {
                names.push(shown);
                next
            });
            let articles = candidate.total();
            forms.insert(
                form,
                FormLink {
                    name,
                    articles,
                    own,
                },
            );
        }
        for (surname, mut years) in surname_only {
            let rivals: Vec<&Candidate> = candidates
                .range((surname.clone(), String::new())..)
                .take_while(|((last, _), _)| *last == surname)
                .map(|(_, candidate)| candidate)
                .collect();
            if rivals.is_empty() {
                continue;
            }
            years.sort_unstable();
            years.dedup();
            let mut by_year = Vec::new();
            for year in years {
                if let Some(link) = decide(&rivals, Link::window(year)) {
                    let next = u32::try_from(names.len()).unwrap_or(u32::MAX);
                    let name = *name_index.entry(link.name.clone()).or_insert_with(|| {
                        names.push(link.name.clone());
                        next
                    });
                    by_year.push(YearLink {
                        year,
                        name,
                        articles: link.articles,
                        next_best: link.next_best,
                    });
                }
            }
            if !by_year.is_empty() {
                links.insert(surname, by_year);
            }
        }
        IdentityTable {
            names,
            links,
            forms,
            firms,
        }
    }

    /// Why the archive takes `name` for a firm's, if it does.
    pub fn firm(&self, name: &str) -> Option<FirmEvidence> {
        if self.firms.is_empty() {
            return None;
        }
        self.firm_key(&person_key(name))
    }

    /// Every name taken for a firm's, by key.
    pub fn firms(&self) -> impl Iterator<Item = (&str, FirmEvidence)> {
        self.firms
            .iter()
            .map(|(key, evidence)| (key.as_str(), *evidence))
    }

    /// Every full name linked to another form of it: its key, and the link.
    pub fn forms(&self) -> impl Iterator<Item = (&str, LinkRef<'_>)> {
        self.forms
            .keys()
            .filter_map(|key| Some((key.as_str(), self.resolve_key(key, None)?)))
    }

    /// [`Self::firm`] by key.
    pub fn firm_key(&self, key: &str) -> Option<FirmEvidence> {
        self.firms.get(key).copied()
    }

    fn link_ref(&self, link: &YearLink) -> Option<LinkRef<'_>> {
        Some(LinkRef {
            kind: LinkKind::Surname,
            name: self.names.get(link.name as usize)?,
            articles: link.articles,
            next_best: link.next_best,
            years: Link::window(link.year),
        })
    }

    /// The full name a surname-only `name` in an article of `year` links to, or the form
    /// a full name links to, if any.
    pub fn resolve(&self, name: &str, year: Option<i32>) -> Option<LinkRef<'_>> {
        let full = name.trim().contains(char::is_whitespace);
        // Most names link to nothing: no key is made for them when nothing could link.
        if full && self.forms.is_empty() || !full && self.links.is_empty() {
            return None;
        }
        self.resolve_key(&person_key(name), year)
    }

    /// Whether a name of this key links to another in some year.
    pub fn links_key(&self, key: &str) -> bool {
        self.links.contains_key(key) || self.forms.contains_key(key) || self.firms.contains_key(key)
    }

    /// The keys of the full names that link to the person of `full_key` as other forms.
    pub fn forms_of(&self, full_key: &str) -> Vec<&str> {
        let mut same: Vec<(u32, bool)> = Vec::new();
        let mut forms = Vec::new();
        for (form, link) in &self.forms {
            let is_same = match same.iter().find(|(name, _)| *name == link.name) {
                Some(&(_, is_same)) => is_same,
                None => {
                    let name = self.names.get(link.name as usize);
                    let is_same = name.is_some_and(|n| person_key(n) == full_key);
                    same.push((link.name, is_same));
                    is_same
                }
            };
            if is_same {
                forms.push(form.as_str());
            }
        }
        forms
    }

    /// The people of an article published on `date` under their archive identities, in
    /// the article's order; a name that two mentions reach is listed once.
    /// Tentative names (`tentative`) count only when the archive links them to someone.
    pub fn identities_of(
        &self,
        people: &[String],
        tentative: &[String],
        date: Option<NaiveDate>,
    ) -> Vec<String> {
        let year = date.map(|day| day.year());
        let mut shown: Vec<String> = Vec::with_capacity(people.len());
        for name in people {
            if self.firm(name).is_some() {
                continue;
            }
            let identity = self
                .resolve(name, year)
                .map_or(name.as_str(), |link| link.name);
            if !shown.iter().any(|shown| shown == identity) {
                shown.push(identity.to_owned());
            }
        }
        for name in tentative {
            if let Some(link) = self.resolve(name, year) {
                if !shown.iter().any(|shown| shown == link.name) {
                    shown.push(link.name.to_owned());
                }
            }
        }
        shown
    }

    /// Every link: the surname's key, the article year, and the link.
    pub fn links(&self) -> impl Iterator<Item = (&str, Option<i32>, LinkRef<'_>)> {
        self.links.iter().flat_map(move |(surname, by_year)| {
            by_year.iter().filter_map(move |link| {
                self.link_ref(link)
                    .map(|found| (surname.as_str(), link.year, found))
            })
        })
    }

    /// The link of a name (by key) in an article of `year`.
    pub fn resolve_key(&self, key: &str, year: Option<i32>) -> Option<LinkRef<'_>> {
        if key.contains(' ') {
            let form = self.forms.get(key)?;
            return Some(LinkRef {
                kind: LinkKind::Nickname,
                name: self.names.get(form.name as usize)?,
                articles: form.articles,
                next_best: form.own,
                years: None,
            });
        }
        let by_year = self.links.get(key)?;
        let i = by_year.binary_search_by(|link| link.year.cmp(&year)).ok()?;
        self.link_ref(&by_year[i])
    }

    /// The years in which articles naming only `surname` (a key) are about the person
    /// of `full_key`; `None` stands for undated articles.
    pub fn years_linked_to(&self, surname: &str, full_key: &str) -> Vec<Option<i32>> {
        let Some(by_year) = self.links.get(surname) else {
            return Vec::new();
        };
        // Keys only for the names this surname links to, not for every name of the table:
        // this runs for each `--person` of every search.
        let mut matches: Vec<(u32, bool)> = Vec::new();
        let mut years = Vec::new();
        for link in by_year {
            let same = match matches.iter().find(|(name, _)| *name == link.name) {
                Some(&(_, same)) => same,
                None => {
                    let name = self.names.get(link.name as usize);
                    let same = name.is_some_and(|n| person_key(n) == full_key);
                    matches.push((link.name, same));
                    same
                }
            };
            if same {
                years.push(link.year);
            }
        }
        years
    }

    pub fn is_empty(&self) -> bool {
        self.links.is_empty() && self.forms.is_empty() && self.firms.is_empty()
    }
}

/// Joins the full names that are forms of one another (see the module documentation):
/// the less used form's candidate goes into the more used one's. Returns each joined
/// form's key, its own articles and the key of the candidate it went into.
fn merge_forms(
    candidates: &mut BTreeMap<(String, String), Candidate>,
) -> Vec<(String, u64, (String, String))> {
    let mut groups: BTreeMap<(String, String), Vec<(String, String)>> = BTreeMap::new();
    for (last, key) in candidates.keys() {
        let words: Vec<&str> = key.split(' ').collect();
        groups
            .entry((last.clone(), formal_key(&words)))
            .or_default()
            .push((last.clone(), key.clone()));
    }
    let mut merged = Vec::new();
    for members in groups.into_values().filter(|members| members.len() >= 2) {
        // The most used form; among equals, the first in byte order.
        let mut target: Option<(&(String, String), u64)> = None;
        for member in &members {
            let total = candidates.get(member).map_or(0, Candidate::total);
            if target.is_none_or(|(_, most)| total > most) {
                target = Some((member, total));
            }
        }
        let Some((target, total)) = target else {
            continue;
        };
        if total < MIN_ARTICLES {
            continue;
        }
        for member in members.iter().filter(|member| *member != target) {
            let covered = match (candidates.get(target), candidates.get(member)) {
                (Some(kept), Some(form)) => kept.covers(form),
                _ => false,
            };
            if !covered {
                continue;
            }
            if let Some(form) = candidates.remove(member) {
                let own = form.total();
                if let Some(kept) = candidates.get_mut(target) {
                    kept.absorb(form);
                }
                merged.push((member.1.clone(), own, target.clone()));
            }
        }
    }
    merged
}

fn decide(rivals: &[&Candidate], years: Option<(i32, i32)>) -> Option<Link> {
    let mut best: Option<(&Candidate, u64)> = None;
    let mut next_best = 0;
    for candidate in rivals {
        let articles = candidate.articles_in(years);
        match best {
            Some((_, most)) if articles <= most => next_best = next_best.max(articles),
            _ => {
                if let Some((_, most)) = best {
                    next_best = next_best.max(most);
                }
                best = Some((candidate, articles));
            }
        }
    }
    let (candidate, articles) = best?;
    let clear = articles >= MIN_ARTICLES && articles >= DOMINANCE.saturating_mul(next_best);
    clear.then(|| Link {
        kind: LinkKind::Surname,
        name: candidate.shown_as().to_owned(),
        articles,
        next_best,
        years,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(counts: &[(&str, Option<i32>, u64)]) -> Evidence {
        let mut evidence = Evidence::default();
        for (name, year, articles) in counts {
            evidence.add(name, *year, *articles);
        }
        evidence
    }

    fn linked(table: &IdentityTable, name: &str, year: Option<i32>) -> Option<String> {
        table.resolve(name, year).map(|link| link.name.to_owned())
    }

    #[test]
    fn a_dominant_full_name_takes_the_surname() {
        let table = IdentityTable::build(&evidence(&[
            ("Reagan", Some(1987), 381),
            ("Ronald Reagan", Some(1987), 24),
            ("Nancy Reagan", Some(1987), 3),
        ]));
        assert_eq!(
            linked(&table, "Reagan", Some(1987)).as_deref(),
            Some("Ronald Reagan")
        );
        let link = table.resolve("REAGAN", Some(1987)).unwrap();
        assert_eq!((link.articles, link.next_best), (24, 3));
        assert_eq!(link.years, Some((1985, 1989)));
        // A full name is never relinked.
        assert_eq!(linked(&table, "Nancy Reagan", Some(1987)), None);
    }

    #[test]
    fn two_of_a_name_in_the_same_years_stay_apart() {
        let table = IdentityTable::build(&evidence(&[
            ("Kennedy", Some(1968), 50),
            ("Robert Kennedy", Some(1968), 20),
            ("Ted Kennedy", Some(1968), 9),
        ]));
        assert_eq!(linked(&table, "Kennedy", Some(1968)), None);
    }

    #[test]
    fn the_years_decide_between_two_bushes() {
        let table = IdentityTable::build(&evidence(&[
            ("Bush", Some(1990), 40),
            ("Bush", Some(2004), 60),
            ("Bush", Some(1997), 5),
            ("George Bush", Some(1990), 30),
            ("George W. Bush", Some(2004), 50),
            ("Jeb Bush", Some(2004), 4),
            ("Jeb Bush", Some(1997), 2),
        ]));
        assert_eq!(
            linked(&table, "Bush", Some(1990)).as_deref(),
            Some("George Bush")
        );
        assert_eq!(
            linked(&table, "Bush", Some(2004)).as_deref(),
            Some("George W. Bush")
        );
        // 1995 to 1999: Jeb Bush's 2 articles are too few to say.
        assert_eq!(linked(&table, "Bush", Some(1997)), None);
    }

    #[test]
    fn one_article_is_not_evidence_and_undated_articles_count_every_year() {
        let table = IdentityTable::build(&evidence(&[
            ("Fairweather", Some(2020), 2),
            ("Odette Fairweather", Some(2020), 2),
            ("Witkoff", None, 3),
            ("Steve Witkoff", Some(2025), 5),
        ]));
        assert_eq!(linked(&table, "Fairweather", Some(2020)), None);
        assert_eq!(
            linked(&table, "Witkoff", None).as_deref(),
            Some("Steve Witkoff")
        );
        // No surname-only article in 2025: nothing to link there.
        assert_eq!(linked(&table, "Witkoff", Some(2025)), None);
    }

    #[test]
    fn the_table_does_not_depend_on_the_order_of_the_evidence() {
        let counts = [
            ("Bush", Some(1990), 40),
            ("George Bush", Some(1990), 15),
            ("GEORGE BUSH", Some(1990), 15),
            ("George H.W. Bush", Some(1990), 7),
            ("Barbara Bush", Some(1990), 2),
        ];
        let forward = IdentityTable::build(&evidence(&counts));
        let mut reversed = counts;
        reversed.reverse();
        assert_eq!(forward, IdentityTable::build(&evidence(&reversed)));
        // Two spellings of one key with as many articles: the first in byte order shows.
        assert_eq!(
            linked(&forward, "Bush", Some(1990)).as_deref(),
            Some("GEORGE BUSH")
        );
        assert_eq!(forward.resolve("Bush", Some(1990)).unwrap().articles, 30);
    }

    #[test]
    fn everyday_forms_of_a_given_name_are_one_person_in_the_same_years() {
        let table = IdentityTable::build(&evidence(&[
            ("Wright", Some(1987), 40),
            ("Jim Wright", Some(1987), 30),
            ("James Wright", Some(1987), 8),
            // Another Cole, decades apart: not joined.
            ("Jimmy Cole", Some(1987), 5),
            ("James Cole", Some(1960), 4),
        ]));
        let link = table.resolve("James Wright", Some(1987)).unwrap();
        assert_eq!(link.kind, LinkKind::Nickname);
        assert_eq!(
            (link.name, link.articles, link.next_best),
            ("Jim Wright", 38, 8)
        );
        assert_eq!(link.years, None);
        // The forms count together for the surname: 38 articles, no rival.
        let surname = table.resolve("Wright", Some(1987)).unwrap();
        assert_eq!(
            (surname.name, surname.articles, surname.next_best),
            ("Jim Wright", 38, 0)
        );
        assert_eq!(linked(&table, "Jim Wright", Some(1987)), None);
        assert_eq!(linked(&table, "James Cole", Some(1960)), None);
        assert_eq!(linked(&table, "Jimmy Cole", Some(1987)), None);
        assert_eq!(table.forms_of("jim wright"), ["james wright"]);
        // A form too rare to say: both stay.
        let table = IdentityTable::build(&evidence(&[
            ("Bob Dole", Some(1987), 2),
            ("Robert Dole", Some(1987), 2),
        ]));
        assert!(table.is_empty());
    }

    #[test]
    fn a_name_written_as_a_firms_as_often_as_a_persons_is_no_one() {
        let mut counts = evidence(&[
            ("E.F. Hutton", Some(1987), 17),
            ("Hutton", Some(1987), 5),
            ("Johnson", Some(1987), 3),
            ("Carl Icahn", Some(1987), 12),
        ]);
        counts.add_firm("e.f. hutton", 60);
        counts.add_firm("johnson", 4);
        counts.add_firm("carl icahn", 2);
        let table = IdentityTable::build(&counts);
        let firm = table.firm("E.F. Hutton").unwrap();
        assert_eq!((firm.firm_articles, firm.person_articles), (60, 17));
        // A firm's name is no candidate for the surname.
        assert_eq!(linked(&table, "Hutton", Some(1987)), None);
        // One word needs four times as many; two firm articles are too few.
        assert_eq!(table.firm("Johnson"), None);
        assert_eq!(table.firm("Carl Icahn"), None);
        assert_eq!(
            table.identities_of(
                &["E.F. Hutton".to_owned(), "Carl Icahn".to_owned()],
                &[],
                None
            ),
            ["Carl Icahn"]
        );
    }
}

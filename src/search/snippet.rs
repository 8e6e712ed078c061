//! Snippets: the best window of the body around the matched words, centred on them, with
//! each run of matched words (a phrase) highlighted as one span.
//!
//! Tantivy's own generator is not centred, highlights phrase words one by one, and knows
//! nothing of prefix or fuzzy matches; this one matches the body's analysed tokens against
//! everything the query asked for.

use std::collections::HashSet;

use tantivy::tokenizer::TextAnalyzer;

/// What the query asked for, in analysed form (folded, lower-cased, stemmed).
#[derive(Debug, Clone, Default)]
pub struct Highlighter {
    pub exact: HashSet<String>,
    /// Quoted phrases of two or more words: their words are highlighted only where the
    /// whole phrase occurs ("white house" lights no "House Appropriations Committee").
    pub phrases: Vec<Vec<String>>,
    pub prefixes: Vec<String>,
    /// Words with the edit distance they were searched with.
    pub fuzzy: Vec<(String, u8)>,
}

impl Highlighter {
    pub fn matches(&self, token: &str) -> bool {
        self.exact.contains(token)
            || self.prefixes.iter().any(|p| token.starts_with(p.as_str()))
            || self.fuzzy.iter().any(|(word, distance)| {
                strsim::damerau_levenshtein(word, token) <= usize::from(*distance)
            })
    }
}

/// A one-line excerpt and the byte ranges in it to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

const ELLIPSIS: &str = "…";

#[derive(Clone)]
struct Match {
    from: usize,
    to: usize,
    term: String,
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// The window of at most `max_len` bytes holding the most distinct matched terms (then the
/// most matches), as indexes into `matches`.
fn best_window(matches: &[Match], max_len: usize) -> (usize, usize) {
    let mut best = (0, 0, 0usize, 0usize);
    let mut end = 0;
    for start in 0..matches.len() {
        end = end.max(start);
        while end + 1 < matches.len() && matches[end + 1].to - matches[start].from <= max_len {
            end += 1;
        }
        let distinct: HashSet<&str> = matches[start..=end]
            .iter()
            .map(|m| m.term.as_str())
            .collect();
        let score = (distinct.len(), end - start + 1);
        if score > (best.2, best.3) {
            best = (start, end, score.0, score.1);
        }
    }
    (best.0, best.1)
}

/// The first sentence start in `body[from..until]`: just after ". ", "? ", "! " (a closing
/// quote may follow the mark) or a line break. Snippets read better from there.
fn sentence_start(body: &str, from: usize, until: usize) -> Option<usize> {
    let region = body.get(from..until)?;
    let bytes = region.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let after = if b == b'\n' {
            Some(i + 1)
        } else if matches!(b, b'.' | b'?' | b'!') {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
                j += 1;
            }
            (j < bytes.len() && bytes[j].is_ascii_whitespace()).then_some(j + 1)
        } else {
            None
        };
        if let Some(mut next) = after {
            while next < bytes.len() && bytes[next].is_ascii_whitespace() {
                next += 1;
            }
            if next < bytes.len() {
                return Some(from + next);
            }
        }
    }
    None
}

/// Appends `text` with every run of white space (paragraph breaks included) made one space.
fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Builds a snippet of about `max_len` bytes from `body`.
pub fn make_snippet(
    body: &str,
    highlighter: &Highlighter,
    analyzer: &mut TextAnalyzer,
    max_len: usize,
) -> Snippet {
    let mut matches = Vec::new();
    let longest_phrase = highlighter.phrases.iter().map(Vec::len).max().unwrap_or(0);
    // The last tokens, as long as the longest phrase, to find phrases ending at each one.
    let mut recent: std::collections::VecDeque<Match> = std::collections::VecDeque::new();
    let mut stream = analyzer.token_stream(body);
    while let Some(token) = stream.next() {
        let this = Match {
            from: token.offset_from,
            to: token.offset_to,
            term: token.text.clone(),
        };
        if highlighter.matches(&token.text) {
            matches.push(this.clone());
        }
        if longest_phrase >= 2 {
            recent.push_back(this);
            if recent.len() > longest_phrase {
                recent.pop_front();
            }
            for phrase in &highlighter.phrases {
                let Some(start) = recent.len().checked_sub(phrase.len()) else {
                    continue;
                };
                let tail = recent.range(start..);
                if tail.clone().map(|m| &m.term).eq(phrase.iter()) {
                    matches.extend(tail.cloned());
                }
            }
        }
    }
    if longest_phrase >= 2 {
        matches.sort_by_key(|m| m.from);
        matches.dedup_by_key(|m| m.from);
    }
    let (window_from, window_to, shown) = if matches.is_empty() {
        (0, max_len.min(body.len()), &matches[..0])
    } else {
        let (first, last) = best_window(&matches, max_len);
        let (from, to) = (matches[first].from, matches[last].to);
        let slack = max_len.saturating_sub(to - from);
        let mut start = from.saturating_sub(slack / 2);
        let mut end = (to + slack / 2).min(body.len());
        // Give the slack a short side could not use to the other side.
        end = (end + (slack / 2).saturating_sub(from - start)).min(body.len());
        start = start.saturating_sub((slack / 2).saturating_sub(end - to));
        (start, end, &matches[first..=last])
    };
    let mut start = floor_char_boundary(body, window_from);
    let mut end = ceil_char_boundary(body, window_to);
    if start > 0 {
        let first_match = shown.first().map_or(end, |m| m.from);
        if let Some(sentence) = sentence_start(body, start, first_match) {
            end = ceil_char_boundary(body, end + (sentence - start));
            start = sentence;
        }
    }
    // Cut at word boundaries, never inside a matched word.
    if start > 0 && !body[..start].ends_with(char::is_whitespace) {
        let first_match = shown.first().map_or(end, |m| m.from);
        if let Some(space) = body[start..first_match].find(char::is_whitespace) {
            start += space;
        }
    }
    if end < body.len() {
        let last_match = shown.last().map_or(start, |m| m.to);
        if let Some(space) = body[last_match.max(start)..end].rfind(char::is_whitespace) {
            end = last_match.max(start) + space;
        }
    }
    let mut snippet = Snippet::default();
    if start > 0 {
        snippet.text.push_str(ELLIPSIS);
    }
    let mut cursor = start;
    for m in shown {
        push_collapsed(&mut snippet.text, &body[cursor..m.from]);
        let from = snippet.text.len();
        snippet.text.push_str(&body[m.from..m.to]);
        let to = snippet.text.len();
        // Adjacent matched words (a phrase) become one span.
        match snippet.highlights.last_mut() {
            Some(last) if snippet.text[last.1..from].trim().is_empty() => last.1 = to,
            _ => snippet.highlights.push((from, to)),
        }
        cursor = m.to;
    }
    push_collapsed(&mut snippet.text, &body[cursor..end]);
    let trimmed_len = snippet.text.trim_end().len();
    snippet.text.truncate(trimmed_len);
    if start == 0 {
        let leading = snippet.text.len() - snippet.text.trim_start().len();
        snippet.text.drain(..leading);
        for h in &mut snippet.highlights {
            *h = (h.0 - leading, h.1 - leading);
        }
    }
    if end < body.len() {
        snippet.text.push_str(ELLIPSIS);
    }
    snippet
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::{analyze, news_analyzer};

    fn highlighter(words: &[&str]) -> Highlighter {
        Highlighter {
            exact: words.iter().map(|w| w.to_string()).collect(),
            ..Highlighter::default()
        }
    }

    fn highlighted(snippet: &Snippet) -> Vec<&str> {
        snippet
            .highlights
            .iter()
            .map(|&(a, b)| &snippet.text[a..b])
            .collect()
    }

    #[test]
    fn centres_on_the_match_and_highlights_it() {
        let body = format!(
            "{} Putin prayed for him. {}",
            "word ".repeat(100),
            "tail ".repeat(100)
        );
        let s = make_snippet(&body, &highlighter(&["pray"]), &mut news_analyzer(), 100);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert_eq!(highlighted(&s), vec!["prayed"]);
        let at = s.text.find("prayed").unwrap();
        assert!(at > 30 && at < 70, "not centred: {at} in {}", s.text);
        assert!(s.text.len() <= 110);
    }

    #[test]
    fn starts_at_a_sentence_when_it_can() {
        let body = format!(
            "{} end of one. The envoy said Putin prayed. {}",
            "word ".repeat(100),
            "tail ".repeat(100)
        );
        let s = make_snippet(&body, &highlighter(&["pray"]), &mut news_analyzer(), 120);
        assert!(s.text.starts_with("…The envoy said"), "{}", s.text);
    }

    #[test]
    fn a_phrase_lights_only_where_it_occurs() {
        let mut highlighter = highlighter(&["budget"]);
        let mut analyzer = news_analyzer();
        highlighter
            .phrases
            .push(analyze(&mut analyzer, "white house"));
        let body =
            "The House Appropriations Committee met. The White House sent its budget on Monday.";
        let snippet = make_snippet(body, &highlighter, &mut analyzer, 200);
        assert_eq!(highlighted(&snippet), ["White House", "budget"]);
        // Phrase words apart are not lit.
        let body = "The house was white, and the budget was late.";
        let snippet = make_snippet(body, &highlighter, &mut analyzer, 200);
        assert_eq!(highlighted(&snippet), ["budget"]);
    }

    #[test]
    fn a_phrase_is_one_span() {
        let body = "The prime minister resigned on Tuesday.";
        let s = make_snippet(
            body,
            &highlighter(&["prime", "minist"]),
            &mut news_analyzer(),
            250,
        );
        assert_eq!(highlighted(&s), vec!["prime minister"]);
        assert_eq!(s.text, body);
    }

    #[test]
    fn prefers_the_window_with_more_distinct_words() {
        let body = format!(
            "Putin spoke. {} Putin and Witkoff met. {}",
            "filler ".repeat(60),
            "filler ".repeat(60)
        );
        let s = make_snippet(
            &body,
            &highlighter(&["putin", "witkoff"]),
            &mut news_analyzer(),
            80,
        );
        assert_eq!(highlighted(&s), vec!["Putin", "Witkoff"]);
    }

    #[test]
    fn no_match_gives_the_start_of_the_body() {
        let body = "First paragraph here.\n\nSecond paragraph.";
        let s = make_snippet(body, &Highlighter::default(), &mut news_analyzer(), 250);
        assert_eq!(s.text, "First paragraph here. Second paragraph.");
        assert!(s.highlights.is_empty());
    }

    #[test]
    fn accented_text_and_fuzzy_and_prefix() {
        let body = "Anders Ångström met Witkoff in Zürich to negotiate.";
        let h = Highlighter {
            exact: HashSet::from(["angstrom".to_string()]),
            prefixes: vec!["negoti".to_string()],
            fuzzy: vec![("witkof".to_string(), 1)],
            ..Highlighter::default()
        };
        let s = make_snippet(body, &h, &mut news_analyzer(), 250);
        assert_eq!(highlighted(&s), vec!["Ångström", "Witkoff", "negotiate"]);
    }

    #[test]
    fn never_cuts_inside_a_character() {
        let body = "é".repeat(400) + " Putin " + &"ü".repeat(400);
        for len in [10, 99, 100, 101, 250] {
            let s = make_snippet(&body, &highlighter(&["putin"]), &mut news_analyzer(), len);
            assert!(s.text.contains("Putin"));
        }
    }
}

//! The bounds every query is held to. A query is user input, and `serve` takes it from any
//! web page the user visits: each bound keeps one request from taking the stack, the
//! memory or seconds of CPU. The README's "Limits" table lists them; a query past one is
//! refused with the bound in the message, never cut silently.

/// Longest query, in bytes. A search is words, not a document; this is about 2,500 words.
pub const MAX_QUERY_BYTES: usize = 16 * 1024;

/// Deepest nesting of parentheses. Tantivy's query grammar recurses once per level, so a
/// few thousand levels overflow a thread's stack; no one groups a search this deep.
pub const MAX_NESTING: usize = 32;

/// Most words, phrases and prefixes in one query (Lucene's classic clause limit).
pub const MAX_CLAUSES: usize = 1024;

/// Most `word*` prefixes in one query: each walks the term dictionary and merges the
/// postings of every word it matches.
pub const MAX_PREFIXES: usize = 16;

/// Fewest letters before `*`: `a*` matches a good part of the dictionary.
pub const MIN_PREFIX_CHARS: usize = 2;

/// Most unknown words the typo retry searches with tolerance; a query with more unknown
/// words than this is not a typo, and is answered as typed.
pub const MAX_FUZZY_WORDS: usize = 8;

/// Largest `offset` (and `limit`) a request may ask for: 2^63 − 1, the same on the command
/// line and the API, so that adding one to the other never overflows.
pub const MAX_OFFSET: usize = (i64::MAX as u64) as usize;

/// Why a query's text is refused before it is parsed, if it is.
pub fn check_text(text: &str) -> Result<(), String> {
    if text.len() > MAX_QUERY_BYTES {
        return Err(format!(
            "the query is {} bytes; the limit is {MAX_QUERY_BYTES}",
            text.len()
        ));
    }
    // Counted on the raw text, quotes included: a parenthesis inside a phrase is dropped
    // by the analyzer anyway, and the grammar must never see the deep ones.
    let mut depth = 0usize;
    for byte in text.bytes() {
        match byte {
            b'(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(format!(
                        "parentheses are nested more than {MAX_NESTING} deep"
                    ));
                }
            }
            b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// What a query holds, counted while it is turned into a Tantivy query.
#[derive(Debug, Default)]
pub struct Budget {
    clauses: usize,
    prefixes: usize,
}

impl Budget {
    /// Counts one word, phrase or field search.
    pub fn clause(&mut self) -> Result<(), String> {
        self.clauses += 1;
        if self.clauses > MAX_CLAUSES {
            return Err(format!(
                "more than {MAX_CLAUSES} words or phrases; search fewer at a time"
            ));
        }
        Ok(())
    }

    /// Counts one `word*`.
    pub fn prefix(&mut self, prefix: &str) -> Result<(), String> {
        if prefix.chars().count() < MIN_PREFIX_CHARS {
            return Err(format!(
                "a prefix search needs at least {MIN_PREFIX_CHARS} letters before '*', not {prefix:?}"
            ));
        }
        self.prefixes += 1;
        if self.prefixes > MAX_PREFIXES {
            return Err(format!("more than {MAX_PREFIXES} prefix searches (word*)"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_bounds() {
        assert!(check_text("putin OR (trump AND (witkoff))").is_ok());
        let ok = format!(
            "{}putin{}",
            "(".repeat(MAX_NESTING),
            ")".repeat(MAX_NESTING)
        );
        assert!(check_text(&ok).is_ok());
        let deep = format!("(({ok}))");
        assert!(check_text(&deep).unwrap_err().contains("nested"));
        // Many groups one after another are not deep.
        assert!(check_text(&"(a) ".repeat(500)).is_ok());
        // Closing parentheses first do not let the depth go below zero and back.
        let sneaky = format!("{}{}", ")".repeat(100), "(".repeat(MAX_NESTING + 1));
        assert!(check_text(&sneaky).is_err());
        let long = "a".repeat(MAX_QUERY_BYTES + 1);
        assert!(check_text(&long).unwrap_err().contains("bytes"));
    }

    #[test]
    fn budget_counts() {
        let mut budget = Budget::default();
        for _ in 0..MAX_CLAUSES {
            budget.clause().unwrap();
        }
        assert!(budget.clause().is_err());
        let mut budget = Budget::default();
        assert!(budget.prefix("a").is_err());
        for _ in 0..MAX_PREFIXES {
            budget.prefix("ne").unwrap();
        }
        assert!(budget.prefix("ne").is_err());
    }
}

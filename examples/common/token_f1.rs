//! Body token F1, the one score of extracted text against a known text that the format
//! evaluations (`eval_pdf`, `eval_mhtml`, `eval_exports`, `scripts/pdf_compare`) and their
//! end-to-end tests (`tests/pdf.rs`, `tests/mhtml.rs`, `tests/exports.rs`) share: words are
//! runs of letters and digits, lower-cased, compared as bags.

use std::collections::HashMap;

fn tokens(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *bag.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

/// Bag-of-words F1 of `got` against `want`; two empty texts agree (1.0).
pub fn token_f1(got: &str, want: &str) -> f64 {
    let (got, want) = (tokens(got), tokens(want));
    let common: usize = got
        .iter()
        .map(|(word, n)| (*n).min(want.get(word).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return if got.is_empty() && want.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let precision = common as f64 / got.values().sum::<usize>() as f64;
    let recall = common as f64 / want.values().sum::<usize>() as f64;
    2.0 * precision * recall / (precision + recall)
}

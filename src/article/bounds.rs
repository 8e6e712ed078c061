//! What one article's short fields may hold. A title, an author or a site name is a line
//! of text; a saved page can make any of them megabytes long (a 10 MB `<title>`, a JSON-LD
//! headline of the whole text), and then every search result, `show` and the page of
//! `serve` carry it whole. Each is cut at a word boundary near its bound, with `…`; the
//! text stays searchable in the body, which is never cut. Applied once, where every
//! reader's article leaves the `article` module.

use super::Article;

/// Characters of a title: three lines of a wide headline.
pub const MAX_TITLE_CHARS: usize = 300;
/// Characters of one author's name, one tag, a site's name.
pub const MAX_NAME_CHARS: usize = 120;
/// Authors and tags kept (a page listing more is listing something else).
pub const MAX_NAMES: usize = 20;
/// Bytes of an address: far past any real one (browsers keep 2,083 to 32,779 characters
/// in the address bar), and an address cut at a character is still the site's.
pub const MAX_URL_BYTES: usize = 8 << 10;

impl Article {
    /// The article with its short fields held to their bounds (see the module).
    pub(super) fn bounded(mut self) -> Article {
        cut(&mut self.title, MAX_TITLE_CHARS);
        for name in self.authors.iter_mut().chain(self.tags.iter_mut()) {
            cut(name, MAX_NAME_CHARS);
        }
        self.authors.truncate(MAX_NAMES);
        self.tags.truncate(MAX_NAMES);
        if let Some(site) = &mut self.site {
            cut(site, MAX_NAME_CHARS);
        }
        if let Some(url) = &mut self.url {
            if url.len() > MAX_URL_BYTES {
                let end = floor_char_boundary(url, MAX_URL_BYTES);
                url.truncate(end);
            }
        }
        self
    }
}

/// Cuts `text` to at most `max_chars` characters, at the last space in its final
/// fifth when there is one, and marks the cut with `…`.
fn cut(text: &mut String, max_chars: usize) {
    let Some((end, _)) = text.char_indices().nth(max_chars) else {
        return;
    };
    let kept = &text[..end];
    let word_end = kept
        .rfind(' ')
        .filter(|&space| kept[..space].chars().count() >= max_chars * 4 / 5)
        .unwrap_or(end);
    text.truncate(word_end);
    text.truncate(text.trim_end().len());
    text.push('\u{2026}');
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::DateSource;

    fn article(title: String) -> Article {
        Article {
            title,
            body: "Body.".to_owned(),
            publication_date: None,
            date_source: DateSource::None,
            url: Some(format!("https://x.example/{}", "é".repeat(MAX_URL_BYTES))),
            site: Some("S".repeat(10_000)),
            authors: vec!["A".repeat(500); 50],
            tags: Vec::new(),
            captured: None,
        }
    }

    #[test]
    fn long_fields_are_cut_at_a_word_with_a_mark() {
        let bounded = article("Headline ".repeat(1_000_000)).bounded();
        assert!(bounded.title.chars().count() <= MAX_TITLE_CHARS + 1);
        assert!(
            bounded.title.ends_with("Headline\u{2026}"),
            "{}",
            bounded.title
        );
        assert!(bounded.url.as_ref().unwrap().len() <= MAX_URL_BYTES);
        assert_eq!(bounded.site.unwrap().chars().count(), MAX_NAME_CHARS + 1);
        assert_eq!(bounded.authors.len(), MAX_NAMES);
        assert!(bounded
            .authors
            .iter()
            .all(|a| a.chars().count() == MAX_NAME_CHARS + 1));
        assert_eq!(bounded.body, "Body.");
    }

    #[test]
    fn ordinary_fields_are_untouched() {
        let title = "Witkoff meets Putin in Moscow as talks resume".to_owned();
        let mut short = article(title.clone());
        short.url = Some("https://x.example/a".to_owned());
        short.site = None;
        short.authors = vec!["Ann Lee".to_owned()];
        let bounded = short.clone().bounded();
        assert_eq!(bounded, short);
        assert_eq!(bounded.title, title);
    }
}

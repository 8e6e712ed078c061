//! The people extractor: spans on char boundaries inside the text, and names bounded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use morgue::extract::people::{TaggedPeople, MAX_NAME_TOKENS};
use morgue::extract::PersonExtractor;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for mention in TaggedPeople.extract_people(text, None) {
        assert!(mention.start < mention.end && mention.end <= text.len());
        assert!(text.is_char_boundary(mention.start) && text.is_char_boundary(mention.end));
        assert_eq!(&text[mention.start..mention.end], mention.text);
        assert!(!mention.name.is_empty());
        assert!(
            mention.name.split_whitespace().count() <= MAX_NAME_TOKENS + 1,
            "{mention:?}"
        );
    }
});

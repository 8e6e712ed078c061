//! The date-mention extractor: spans on char boundaries inside the text, in order, and
//! intervals that are well-formed.
#![no_main]

use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use morgue::extract::dates::RuleBasedDates;
use morgue::extract::DateExtractor;

fuzz_target!(|data: &[u8]| {
    let Some((&[a, b], rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    // A publication date between 1900 and about 2080, or none.
    let offset = u64::from(u16::from_le_bytes([a, b]));
    let published = (offset % 8 != 0)
        .then(|| {
            NaiveDate::from_ymd_opt(1900, 1, 1).and_then(|d| d.checked_add_days(Days::new(offset)))
        })
        .flatten();
    for mention in RuleBasedDates.extract_dates(text, published) {
        assert!(mention.start < mention.end && mention.end <= text.len());
        assert!(text.is_char_boundary(mention.start) && text.is_char_boundary(mention.end));
        assert_eq!(&text[mention.start..mention.end], mention.text);
        assert!(mention.from <= mention.to, "{mention:?}");
    }
});

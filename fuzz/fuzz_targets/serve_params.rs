//! The query-string parameters of `morgue serve`: any query string is a request or a 400.
#![no_main]

use libfuzzer_sys::fuzz_target;
use morgue::serve::params::{limit_offset, page, timeline_shape, RawParams, SearchState};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let params = RawParams::parse(Some(text));
    if let Ok(state) = SearchState::from_params(&params) {
        // Links made from a state read back as the same search.
        let again = SearchState::from_params(&RawParams::parse(Some(&state.url_query(1))));
        assert!(again.is_ok(), "{text:?} -> {:?}", state.url_query(1));
    }
    let _ = limit_offset(&params, 10);
    let _ = page(&params);
    let _ = timeline_shape(&params);
});

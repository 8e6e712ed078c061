//! Third-party parsers that can panic on hostile input, run so that a panic is a
//! reported problem with that one file, never the end of an ingest.
//!
//! html5ever 0.39 indexes past the end of a `<meta http-equiv="Content-Type">` whose
//! `content` ends in the word `charset` (found by the `article` fuzz target; the word may
//! be written with character references, so no pre-pass on the raw page can rule it out).
//! [`catch`] runs such a call under `catch_unwind` and keeps the default hook from printing
//! the panic to the terminal while it does; panics anywhere else go to the hook as before.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while this thread runs a contained call.
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

/// The result of `call`, or the message of the panic that stopped it.
pub(crate) fn catch<T>(call: impl FnOnce() -> T) -> Result<T, String> {
    quiet_contained_panics();
    let was = CONTAINED.with(|c| c.replace(true));
    let result = catch_unwind(AssertUnwindSafe(call));
    CONTAINED.with(|c| c.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned())
    })
}

fn quiet_contained_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CONTAINED.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_an_error_and_a_value_passes() {
        assert_eq!(catch(|| 7), Ok(7));
        let caught = catch(|| -> u8 { panic!("parser stopped") });
        assert_eq!(caught, Err("parser stopped".to_owned()));
        // Nested calls restore the flag.
        assert_eq!(catch(|| catch(|| 1).unwrap_or(0) + 1), Ok(2));
    }
}

//! Edits that make files changed to an incremental ingest, for benchmarks that need a
//! history of re-ingests.

use std::path::Path;

const MARKER: &str = "Edited for the benchmark.\n\n";

/// Adds a marker paragraph at the end of each file, or removes it when it is there: run
/// twice, a file is as it was (but for its modification time).
pub fn toggle_marker<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Result<usize, String> {
    let mut changed = 0;
    for path in paths {
        let mut text =
            std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if text.ends_with(&format!("\n\n{MARKER}")) {
            text.truncate(text.len() - MARKER.len());
        } else {
            text.push_str(MARKER);
        }
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        changed += 1;
    }
    Ok(changed)
}

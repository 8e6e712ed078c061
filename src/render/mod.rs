//! Everything morgue prints: terminal text (colour, widths), JSON, progress. The only
//! module that writes to stdout or stderr.

pub mod json;
pub mod progress;
pub mod terminal;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Colour on a terminal unless NO_COLOR is set or TERM is dumb; `always` and `never`
    /// override both.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |term| term != "dumb")
            }
        }
    }
}

/// A stored absolute path as the user would type it: relative to the current folder when
/// it lies under it.
pub fn display_path(path: &str) -> String {
    // Looked up once: every hit and every ingest message shows a path.
    static CURRENT_DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    let current = CURRENT_DIR.get_or_init(|| {
        std::env::current_dir()
            .and_then(|dir| dir.canonicalize())
            .ok()
    });
    let Some(current) = current else {
        return path.to_owned();
    };
    match Path::new(path).strip_prefix(current) {
        Ok(relative) => relative.to_string_lossy().into_owned(),
        Err(_) => path.to_owned(),
    }
}

/// A stored article's location (`path` or `path:line`) for display.
pub fn display_location(file: &str, line: Option<usize>) -> String {
    match line {
        Some(line) => format!("{}:{line}", display_path(file)),
        None => display_path(file),
    }
}

//! Everything morgue prints: terminal text (colour, widths), JSON, progress. The only
//! module that writes to stdout or stderr.

pub mod json;
pub mod progress;
pub mod terminal;

use std::io::IsTerminal;
use std::path::Path;
use std::sync::OnceLock;

use crate::path_text::{escape_path, escape_text, Breaks};

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

/// A stored absolute path (its escape form, see [`crate::path_text`]) as the user would
/// type it: relative to the current folder when it lies under it. Both sides are escaped
/// text, and escaping keeps every separator, so cutting the folder's text off the path
/// cuts whole components.
pub fn display_path(path: &str) -> String {
    // Looked up once: every hit and every ingest message shows a path.
    static CURRENT_DIR: OnceLock<Option<(String, String)>> = OnceLock::new();
    let current = CURRENT_DIR.get_or_init(|| {
        let dir = std::env::current_dir()
            .and_then(|dir| dir.canonicalize())
            .ok()?;
        let separator = escape_path(Path::new(std::path::MAIN_SEPARATOR_STR));
        Some((escape_path(&dir), separator))
    });
    let Some((current, separator)) = current else {
        return path.to_owned();
    };
    relative_to(path, current, separator)
        .unwrap_or(path)
        .to_owned()
}

fn relative_to<'a>(path: &'a str, dir: &str, separator: &str) -> Option<&'a str> {
    let rest = path.strip_prefix(dir)?;
    // A root folder ends with its separator already.
    let rest = if dir.ends_with(separator) {
        rest
    } else {
        rest.strip_prefix(separator)?
    };
    Some(rest).filter(|rest| !rest.is_empty())
}

/// A path on disk for display, in the same escape form as stored paths.
pub fn display_disk_path(path: &Path) -> String {
    display_path(&escape_path(path))
}

/// A stored article's location for display: `path`, `path:line` of a JSON-lines file,
/// `path#offset` of a web archive's record, `path#member#offset` of a record in a WARC
/// inside a WACZ.
pub fn display_location(file: &str, member: Option<&str>, line: Option<usize>) -> String {
    match line {
        Some(part) if crate::warc::is_web_archive(file) => {
            let member = member
                .map(|m| format!("#{}", escape_text(m, Breaks::Escape)))
                .unwrap_or_default();
            format!(
                "{}{member}#{}",
                display_path(file),
                crate::warc::offset_of_part(part)
            )
        }
        Some(line) => format!("{}:{line}", display_path(file)),
        None => display_path(file),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_under_the_folder_are_shown_relative() {
        assert_eq!(relative_to("/news/a.txt", "/news", "/"), Some("a.txt"));
        assert_eq!(relative_to("/newsroom/a.txt", "/news", "/"), None);
        assert_eq!(relative_to("/news", "/news", "/"), None);
        assert_eq!(relative_to("/a.txt", "/", "/"), Some("a.txt"));
        // Escaped text on both sides.
        assert_eq!(
            relative_to("/caf\\xE9/caf\\xE9.txt", "/caf\\xE9", "/"),
            Some("caf\\xE9.txt")
        );
    }
}

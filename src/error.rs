//! The library's one error type. Every message names the file, folder or query at fault,
//! and says what to do where there is something to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum MorgueError {
    #[error(
        "no index at {path}: run `morgue ingest DIR` first, or point --index / MORGUE_INDEX at one"
    )]
    IndexMissing { path: PathBuf },

    #[error("the index at {path} was made by another version of morgue ({reason}): re-ingest with `morgue ingest --rebuild DIR`")]
    IndexIncompatible { path: PathBuf, reason: String },

    #[error("another ingest is writing to the index at {path}; wait for it to finish (searches keep working meanwhile)")]
    IndexLocked { path: PathBuf },

    /// A file of the index is missing, truncated or fails its checksum: nothing can be
    /// trusted but a rebuild, which only reads the article files again.
    #[error("the index at {path} is damaged ({reason}): rebuild it with `morgue ingest --rebuild DIR` (the article files are only read)")]
    IndexDamaged { path: PathBuf, reason: String },

    /// No space (or quota) left while writing the index. Tantivy writes a commit's files
    /// before `meta.json` names them, so the last commit is intact.
    #[error("disk full: no space left for the index at {path}; the last commit is intact: free some space and run the same ingest again")]
    DiskFull { path: PathBuf },

    #[error("cannot write to the index at {path} ({reason}); searches still work: make the folder writable or ingest with another --index")]
    IndexReadOnly { path: PathBuf, reason: String },

    #[error("no such folder or file: {path}")]
    PathMissing { path: PathBuf },

    #[error("{}: {reason}", crate::path_text::escape_path(path))]
    NotRead { path: PathBuf, reason: String },

    #[error("invalid query {}: {reason}", quoted_start(query))]
    BadQuery { query: String, reason: String },

    #[error("invalid date {value:?}: {reason}")]
    BadDate { value: String, reason: String },

    #[error("invalid {option}: {reason}")]
    BadOption { option: String, reason: String },

    /// A filter of a search (`from`, `to`, `mentions` …) that cannot be used, named as the
    /// page's and the API's parameter is, so every front end says the same
    /// ([`crate::search::request`]).
    #[error("invalid {parameter}: {reason}")]
    BadParameter { parameter: String, reason: String },

    /// The argument as typed when it is text without control characters, else in the
    /// escape form of [`crate::path_text`]: already safe to print, so not quoted again.
    #[error("no article with id or path '{0}' in the index")]
    NotFound(String),

    #[error("{target} was not indexed: {problem}")]
    Skipped { target: String, problem: String },

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A panic caught at the top of a command, not explained by a damaged index.
    #[error("internal error: {message} (a bug in morgue: please report it)")]
    Internal { message: String },

    #[error("cannot serve on {addr}: {source}")]
    Serve {
        addr: String,
        #[source]
        source: std::io::Error,
    },

    #[error("index error at {path}: {source}")]
    Index {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
}

/// A query as an error message quotes it: whole when short, else its first 60 characters,
/// so that a hostile query of kilobytes still gives a one-line reason.
fn quoted_start(query: &str) -> String {
    const SHOWN_CHARS: usize = 60;
    match query.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{:?}… ({} bytes)", &query[..cut], query.len()),
        None => format!("{query:?}"),
    }
}

impl MorgueError {
    /// Wraps a Tantivy error with the index folder it happened in, naming the cases a
    /// user can act on (a full disk, a read-only folder, a damaged index) by their own
    /// variant.
    pub fn index(path: impl Into<PathBuf>, source: tantivy::TantivyError) -> MorgueError {
        let path = path.into();
        match classify(&source) {
            Some(Trouble::DiskFull) => MorgueError::DiskFull { path },
            Some(Trouble::ReadOnly(reason)) => MorgueError::IndexReadOnly { path, reason },
            Some(Trouble::Damaged(reason)) => {
                // Tantivy's own words ("Reach end of buffer while reading VInt") do not
                // say which file; the checksums do, when the damage is in the bytes.
                let reason = match crate::index::failing_checksums(&path) {
                    Ok(names) if !names.is_empty() => crate::index::checksum_reason(&names),
                    // A file whose footer no longer parses is named by that error.
                    Err(error) => match classify(&error) {
                        Some(Trouble::Damaged(named)) => named,
                        _ => reason,
                    },
                    Ok(_) => reason,
                };
                MorgueError::IndexDamaged { path, reason }
            }
            None => MorgueError::Index { path, source },
        }
    }

    /// An I/O error on the index folder itself (not through Tantivy), named as
    /// [`MorgueError::index`] names Tantivy's.
    pub fn index_io(path: impl Into<PathBuf>, source: std::io::Error) -> MorgueError {
        let path = path.into();
        match classify_io(&source) {
            Some(Trouble::DiskFull) => MorgueError::DiskFull { path },
            Some(Trouble::ReadOnly(reason)) => MorgueError::IndexReadOnly { path, reason },
            _ => MorgueError::Io { path, source },
        }
    }
}

/// What a failed index operation means for the user.
#[derive(Debug, PartialEq, Eq)]
enum Trouble {
    DiskFull,
    ReadOnly(String),
    Damaged(String),
}

/// ENOSPC and EDQUOT on Linux, whose `ErrorKind`s (`StorageFull`, `QuotaExceeded`) are not
/// all stable at this crate's minimum Rust.
const DISK_FULL_ERRNOS: [i32; 2] = [28, 122];

fn classify_io(error: &std::io::Error) -> Option<Trouble> {
    use std::io::ErrorKind;
    let raw = error.raw_os_error();
    if error.kind() == ErrorKind::StorageFull || raw.is_some_and(|n| DISK_FULL_ERRNOS.contains(&n))
    {
        return Some(Trouble::DiskFull);
    }
    match error.kind() {
        ErrorKind::ReadOnlyFilesystem => Some(Trouble::ReadOnly("read-only file system".into())),
        ErrorKind::PermissionDenied => Some(Trouble::ReadOnly("permission denied".into())),
        // Tantivy reports a footer it cannot make sense of as invalid data.
        ErrorKind::InvalidData | ErrorKind::UnexpectedEof => {
            Some(Trouble::Damaged(first_clause(&error.to_string())))
        }
        _ => None,
    }
}

/// Errors that cross one of Tantivy's indexing threads arrive as text only.
fn classify_text(text: &str) -> Option<Trouble> {
    if text.contains("No space left on device") || text.contains("os error 28") {
        Some(Trouble::DiskFull)
    } else if text.contains("Read-only file system") {
        Some(Trouble::ReadOnly("read-only file system".into()))
    } else {
        None
    }
}

/// The first sentence of a message, without a Tantivy hint that does not apply here
/// ("created using old an tantivy version ...").
fn first_clause(text: &str) -> String {
    let text = text.split(". ").next().unwrap_or(text);
    text.trim_end_matches('.').to_owned()
}

fn classify(error: &tantivy::TantivyError) -> Option<Trouble> {
    use tantivy::directory::error::{LockError, OpenReadError, OpenWriteError};
    use tantivy::TantivyError as E;
    let named = |file: &std::path::Path, trouble: Trouble| match trouble {
        Trouble::Damaged(reason) => Trouble::Damaged(format!("{}: {reason}", file.display())),
        other => other,
    };
    match error {
        E::IoError(io) => classify_io(io).or_else(|| {
            // The document store says this when a block does not decompress.
            io.to_string()
                .contains("Data corruption")
                .then(|| Trouble::Damaged("stored text does not decompress".into()))
        }),
        E::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => classify_io(io_error),
        E::LockFailure(LockError::IoError(io), _) => classify_io(io),
        E::OpenReadError(OpenReadError::FileDoesNotExist(file)) => {
            Some(Trouble::Damaged(format!("{} is missing", file.display())))
        }
        E::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            classify_io(io_error).map(|trouble| named(filepath, trouble))
        }
        E::DataCorruption(corruption) => {
            Some(Trouble::Damaged(first_clause(&format!("{corruption:?}"))))
        }
        E::ErrorInThread(text) | E::SystemError(text) | E::InternalError(text) => {
            classify_text(text)
        }
        _ => None,
    }
}

pub type Result<T, E = MorgueError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn io(raw: i32) -> tantivy::TantivyError {
        tantivy::TantivyError::IoError(Arc::new(std::io::Error::from_raw_os_error(raw)))
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_is_named_wherever_tantivy_reports_it() {
        assert!(matches!(
            MorgueError::index("i", io(28)),
            MorgueError::DiskFull { .. }
        ));
        let in_thread = tantivy::TantivyError::ErrorInThread(
            "An IO error occurred: 'No space left on device (os error 28)'".into(),
        );
        assert!(matches!(
            MorgueError::index("i", in_thread),
            MorgueError::DiskFull { .. }
        ));
        assert!(MorgueError::index("i", io(28))
            .to_string()
            .starts_with("disk full"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_read_only_index_is_named() {
        // EROFS
        assert!(matches!(
            MorgueError::index("i", io(30)),
            MorgueError::IndexReadOnly { .. }
        ));
    }

    #[test]
    fn a_bad_footer_is_damage_with_the_file_named() {
        use tantivy::directory::error::OpenReadError;
        let error = OpenReadError::IoError {
            io_error: Arc::new(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "Footer magic byte mismatch. File corrupted or index was created using old an tantivy version",
            )),
            filepath: "abc.store".into(),
        };
        let message = MorgueError::index("i", error.into()).to_string();
        assert!(
            message.contains("damaged (abc.store: Footer magic byte mismatch)")
                && message.contains("--rebuild"),
            "{message}"
        );
    }
}

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

    #[error("no such folder or file: {path}")]
    PathMissing { path: PathBuf },

    #[error("invalid query {query:?}: {reason}")]
    BadQuery { query: String, reason: String },

    #[error("invalid date {value:?}: {reason}")]
    BadDate { value: String, reason: String },

    #[error("invalid {option}: {reason}")]
    BadOption { option: String, reason: String },

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

impl MorgueError {
    /// Wraps a Tantivy error with the index folder it happened in.
    pub fn index(path: impl Into<PathBuf>, source: tantivy::TantivyError) -> MorgueError {
        MorgueError::Index {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = MorgueError> = std::result::Result<T, E>;

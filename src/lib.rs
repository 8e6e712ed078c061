//! morgue: a searchable local news archive.
//!
//! Data flows one way: walk → read article (format, encoding, date) → extract (people,
//! dates) → index → search → render. Each step is a module; `main.rs` only parses
//! arguments and prints.

pub mod article;
pub mod calendar;
pub mod error;
pub mod extract;
pub mod identity;
pub mod index;
pub mod ingest;
pub mod path_text;
pub mod people;
pub mod render;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod timeline;
pub mod warc;

pub use error::{MorgueError, Result};
pub use index::ArchiveIndex;

//! The Tantivy index: schema, opening, documents in and out, date-mention keys.
//!
//! The index is the archive's only state: what incremental ingest needs (path, size,
//! mtime, hash) lives in it, so there is no side file that can drift from it.

pub mod document;
pub mod keys;
pub mod mention_key;
pub mod schema;
pub mod state;
mod stem_cache;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, Lock, MmapDirectory, WatchCallback,
    WatchHandle, WritePtr, INDEX_WRITER_LOCK, META_LOCK,
};
use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::error::{MorgueError, Result};
use crate::identity::gather::Identities;
pub use schema::Fields;

/// An opened archive index with its field handles.
pub struct ArchiveIndex {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
    /// Opened on first use and kept: opening a reader costs more than most searches.
    reader: OnceLock<IndexReader>,
    /// The last identity table used, with the generation of the segments it is for
    /// (see [`crate::identity::gather`]).
    pub(crate) identities: Mutex<Option<Arc<Identities>>>,
}

impl ArchiveIndex {
    /// Opens an existing index for reading. Never creates anything, so a mistyped
    /// `--index` is an error rather than a new empty archive.
    pub fn open(dir: &Path) -> Result<ArchiveIndex> {
        if !dir.join("meta.json").is_file() {
            return Err(Self::without_meta(dir));
        }
        let directory = ReadOnlyTolerant(Self::directory(dir)?);
        let index = Index::open(directory).map_err(|e| MorgueError::index(dir, e))?;
        Self::from_index(index, dir)
    }

    /// Why there is no `meta.json`: no index at all, or one that lost the file naming its
    /// segments (the segments alone cannot be trusted to be one commit).
    fn without_meta(dir: &Path) -> MorgueError {
        if holds_index_files(dir) {
            MorgueError::IndexDamaged {
                path: dir.to_path_buf(),
                reason: "meta.json is missing".to_owned(),
            }
        } else {
            MorgueError::IndexMissing {
                path: dir.to_path_buf(),
            }
        }
    }

    /// Opens the index at `dir`, creating the folder and an empty index when there is none.
    /// A folder holding an index that lost its `meta.json` is refused: creating an empty
    /// index over it would silently forget the archive.
    pub fn open_or_create(dir: &Path) -> Result<ArchiveIndex> {
        if dir.join("meta.json").is_file() {
            return Self::open(dir);
        }
        if holds_index_files(dir) {
            return Err(Self::without_meta(dir));
        }
        std::fs::create_dir_all(dir).map_err(|source| MorgueError::index_io(dir, source))?;
        let index = Index::builder()
            .schema(schema::build_schema())
            .settings(schema::index_settings())
            .open_or_create(Self::directory(dir)?)
            .map_err(|e| MorgueError::index(dir, e))?;
        Self::from_index(index, dir)
    }

    /// Replaces the index at `dir`, whatever version of morgue made it, by an empty one:
    /// for `ingest --rebuild`. Holds the writer lock meanwhile, so an ingest still writing
    /// to the old index is not overwritten; the old segment files are removed by the next
    /// writer's garbage collection.
    pub fn replace(dir: &Path) -> Result<ArchiveIndex> {
        let directory = Self::directory(dir)?;
        let lock = directory
            .acquire_lock(&INDEX_WRITER_LOCK)
            .map_err(|error| match error {
                LockError::LockBusy => MorgueError::IndexLocked {
                    path: dir.to_path_buf(),
                },
                LockError::IoError(source) => MorgueError::index_io(
                    dir,
                    match source.raw_os_error() {
                        Some(code) => std::io::Error::from_raw_os_error(code),
                        None => std::io::Error::new(source.kind(), source.to_string()),
                    },
                ),
            })?;
        let index = Index::create(directory, schema::build_schema(), schema::index_settings())
            .map_err(|e| MorgueError::index(dir, e))?;
        drop(lock);
        Self::from_index(index, dir)
    }

    fn directory(dir: &Path) -> Result<MmapDirectory> {
        std::fs::create_dir_all(dir).map_err(|source| MorgueError::index_io(dir, source))?;
        MmapDirectory::open(dir).map_err(|e| MorgueError::index(dir, e.into()))
    }

    fn from_index(index: Index, dir: &Path) -> Result<ArchiveIndex> {
        schema::register_analyzers(&index);
        // A field added, dropped or indexed differently: searching or ingesting such an
        // index with this version's assumptions would silently miss documents.
        if index.schema() != schema::build_schema() {
            return Err(MorgueError::IndexIncompatible {
                path: dir.to_path_buf(),
                reason: "its fields differ from this version's".to_owned(),
            });
        }
        let fields =
            Fields::from_schema(&index.schema()).map_err(|e| MorgueError::IndexIncompatible {
                path: dir.to_path_buf(),
                reason: e.to_string(),
            })?;
        Ok(ArchiveIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            reader: OnceLock::new(),
            identities: Mutex::new(None),
        })
    }

    /// Opens an existing index whose reader follows the commits of a concurrent ingest:
    /// Tantivy watches `meta.json` and reloads shortly after each commit. For long-lived
    /// readers such as `morgue serve`; a one-shot command sees the index as it was.
    pub fn open_following_commits(dir: &Path) -> Result<ArchiveIndex> {
        let archive = Self::open(dir)?;
        archive.init_reader(ReloadPolicy::OnCommitWithDelay)?;
        Ok(archive)
    }

    /// The reader of this index, opened on first use. Unless the index was opened with
    /// [`ArchiveIndex::open_following_commits`], it sees the last commit as of then.
    pub fn reader(&self) -> Result<IndexReader> {
        self.init_reader(ReloadPolicy::Manual)
    }

    fn init_reader(&self, policy: ReloadPolicy) -> Result<IndexReader> {
        if let Some(reader) = self.reader.get() {
            return Ok(reader.clone());
        }
        let reader: IndexReader = self
            .index
            .reader_builder()
            .reload_policy(policy)
            .try_into()
            .map_err(|e| MorgueError::index(&self.dir, e))?;
        Ok(self.reader.get_or_init(|| reader).clone())
    }

    /// Wraps a Tantivy error with this index's folder.
    pub fn error(&self, source: tantivy::TantivyError) -> MorgueError {
        MorgueError::index(&self.dir, source)
    }
}

/// The index folder, readable on a read-only file system or a folder this user cannot
/// write. Tantivy's readers take `.tantivy-meta.lock` (opened for writing) while they open
/// segments, so that a writer's garbage collection does not delete them meanwhile; where
/// the lock file cannot be opened for writing, there is no writer of ours to fear (none
/// can take the writer lock either), so the reader goes on without it.
#[derive(Clone, Debug)]
struct ReadOnlyTolerant(MmapDirectory);

impl Directory for ReadOnlyTolerant {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }
    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        self.0.open_read(path)
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }
    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(error))
                if lock.filepath == META_LOCK.filepath
                    && matches!(
                        error.kind(),
                        std::io::ErrorKind::ReadOnlyFilesystem
                            | std::io::ErrorKind::PermissionDenied
                    ) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }
}

/// Extensions of the files of a Tantivy segment, and the file listing what Tantivy wrote.
const INDEX_FILE_EXTENSIONS: [&str; 7] =
    ["idx", "term", "pos", "store", "fast", "fieldnorm", "del"];

/// Whether `dir` holds files of a Tantivy index (a segment, `.managed.json`).
fn holds_index_files(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let path = entry.path();
        path.file_name().is_some_and(|name| name == ".managed.json")
            || path
                .extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| INDEX_FILE_EXTENSIONS.contains(&ext))
    })
}

/// What a panic while reading the index at `dir` most likely means. Tantivy trusts the
/// bytes of its files (it reads them through a memory map and indexes into them), so a
/// corrupted segment can make it panic instead of returning an error. Each file ends with a
/// checksum: files that fail it are damage; with all intact, the panic is a bug.
pub fn explain_panic(dir: &Path, message: &str) -> MorgueError {
    match failing_checksums(dir) {
        Ok(names) if names.is_empty() => MorgueError::Internal {
            message: message.to_owned(),
        },
        Ok(names) => MorgueError::IndexDamaged {
            path: dir.to_path_buf(),
            reason: checksum_reason(&names),
        },
        Err(error) => match MorgueError::index(dir, error) {
            damaged @ MorgueError::IndexDamaged { .. } => damaged,
            _ => MorgueError::Internal {
                message: message.to_owned(),
            },
        },
    }
}

/// The index files at `dir` whose bytes fail their checksum, by name.
pub fn failing_checksums(dir: &Path) -> tantivy::Result<Vec<String>> {
    let files = Index::open_in_dir(dir)?.validate_checksum()?;
    let mut names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    names.sort();
    Ok(names)
}

pub(crate) fn checksum_reason(names: &[String]) -> String {
    format!(
        "{} fail{} {} checksum",
        names.join(", "),
        if names.len() == 1 { "s" } else { "" },
        if names.len() == 1 { "its" } else { "their" }
    )
}

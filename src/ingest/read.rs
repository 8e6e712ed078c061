//! Reading one article file while the world goes on: it may be deleted, rewritten, made
//! unreadable or appended to between the walk and the read, or during the read.

use std::io::Read;
use std::path::Path;

use super::walk::mtime_nanos;

/// One read of a file, with the size and modification time that belong to these bytes.
#[derive(Debug)]
pub struct FileRead {
    pub bytes: Vec<u8>,
    pub size: u64,
    pub mtime: i64,
    /// False when the file kept changing while it was read, each of [`READ_ATTEMPTS`] times:
    /// the bytes may end mid-write. They are indexed with a warning, under the size and
    /// time from before the read, so the next ingest reads the file again.
    pub settled: bool,
}

/// Reads of a file that changes while it is read, before indexing what the last one got.
pub const READ_ATTEMPTS: usize = 3;

/// Where ingest gets a file's bytes. Tests inject failures through it; [`Disk`] is the
/// real one.
pub trait FileReader: Sync {
    fn read(&self, path: &Path) -> std::io::Result<FileRead>;
}

/// Reads from the file system, checking that the file held still during the read.
pub struct Disk;

impl FileReader for Disk {
    fn read(&self, path: &Path) -> std::io::Result<FileRead> {
        let mut last = None;
        for _ in 0..READ_ATTEMPTS {
            let read = read_once(path)?;
            if read.settled {
                return Ok(read);
            }
            last = Some(read);
        }
        // READ_ATTEMPTS is not zero, so `last` is set; the fallback keeps this total.
        last.map_or_else(|| read_once(path), Ok)
    }
}

/// The size and time are taken from the open file before and after reading: a file
/// appended to or truncated meanwhile shows it in either, or in a length that differs from
/// the size. (A file replaced by a rename is read whole as it was; the walk of the next
/// ingest sees the new one.)
fn read_once(path: &Path) -> std::io::Result<FileRead> {
    let mut file = std::fs::File::open(path)?;
    let before = file.metadata()?;
    let mut bytes = Vec::with_capacity(usize::try_from(before.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    let after = Stat::of(&file.metadata()?);
    let before = Stat::of(&before);
    Ok(FileRead {
        settled: held_still(before, after, bytes.len()),
        bytes,
        size: before.size,
        mtime: before.mtime,
    })
}

/// A file opened to be read as a stream (a web archive of many gigabytes), with its
/// size and time from before the read.
pub struct OpenedFile {
    pub file: std::fs::File,
    before: Stat,
}

impl OpenedFile {
    pub fn open(path: &Path) -> std::io::Result<OpenedFile> {
        let file = std::fs::File::open(path)?;
        let before = Stat::of(&file.metadata()?);
        Ok(OpenedFile { file, before })
    }

    pub fn size(&self) -> u64 {
        self.before.size
    }

    pub fn mtime(&self) -> i64 {
        self.before.mtime
    }

    /// Whether the file kept its size and time while it was read; an archiver still
    /// appending to it has moved both.
    pub fn held_still(&self) -> bool {
        self.file
            .metadata()
            .is_ok_and(|after| Stat::of(&after) == self.before)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stat {
    size: u64,
    mtime: i64,
}

impl Stat {
    fn of(metadata: &std::fs::Metadata) -> Stat {
        Stat {
            size: metadata.len(),
            mtime: mtime_nanos(metadata),
        }
    }
}

fn held_still(before: Stat, after: Stat, bytes_read: usize) -> bool {
    before == after && bytes_read as u64 == before.size
}

/// What became of a file that could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadFailure {
    /// It was deleted (or renamed away) after the walk found it.
    Gone,
    /// It is there but could not be read (permissions, an I/O error, a folder now): what
    /// was indexed of it before stays, and the next ingest tries again.
    Unreadable,
}

impl ReadFailure {
    pub fn of(error: &std::io::Error) -> ReadFailure {
        match error.kind() {
            std::io::ErrorKind::NotFound => ReadFailure::Gone,
            _ => ReadFailure::Unreadable,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_holds_still_is_settled() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b" date 2025-01-01 \nhello").unwrap();
        let read = Disk.read(&path).unwrap();
        assert!(read.settled);
        assert_eq!(read.size, read.bytes.len() as u64);
        let on_disk = std::fs::metadata(&path).unwrap();
        assert_eq!(read.mtime, mtime_nanos(&on_disk));
    }

    #[test]
    fn failures_tell_gone_from_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let missing = Disk.read(&dir.path().join("missing.txt")).unwrap_err();
        assert_eq!(ReadFailure::of(&missing), ReadFailure::Gone);
        // A folder where a file was: there, but not readable as a file.
        let folder = Disk.read(dir.path()).unwrap_err();
        assert_eq!(ReadFailure::of(&folder), ReadFailure::Unreadable);
    }

    #[test]
    fn a_read_is_settled_only_when_nothing_moved() {
        let still = Stat { size: 10, mtime: 5 };
        assert!(held_still(still, still, 10));
        // Appended to: the length read, or the size after, or the time after differ.
        assert!(!held_still(still, still, 14));
        assert!(!held_still(still, Stat { size: 14, mtime: 5 }, 10));
        assert!(!held_still(still, Stat { size: 10, mtime: 6 }, 10));
        // Truncated while read.
        assert!(!held_still(still, Stat { size: 0, mtime: 6 }, 4));
    }
}

//! The index writer as the workers of an ingest share it. Adding and deleting take
//! `&self` in Tantivy and go on in parallel; a commit takes `&mut self`. The writer sits
//! behind a read-write lock so that a worker deep inside one large file (a web archive
//! of gigabytes) can commit what it has indexed so far: `--commit-interval` then holds
//! inside a file too, and a killed ingest keeps the records read before the last commit.
//! Read locks are held only for the call to add or delete, so a commit waits for at most
//! those calls, never for a whole file.

use std::sync::{Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use tantivy::{IndexWriter, Opstamp, TantivyDocument, Term};

pub(super) struct SharedWriter {
    writer: RwLock<IndexWriter>,
    last_commit: Mutex<Instant>,
    interval: Duration,
}

impl SharedWriter {
    pub(super) fn new(writer: IndexWriter, interval: Duration) -> SharedWriter {
        SharedWriter {
            writer: RwLock::new(writer),
            last_commit: Mutex::new(Instant::now()),
            interval,
        }
    }

    pub(super) fn add_document(&self, document: TantivyDocument) -> tantivy::Result<Opstamp> {
        // A panic elsewhere cannot leave the writer half-changed: Tantivy's own state is
        // behind its own locks, so a poisoned lock is used as it is.
        let writer = self.writer.read().unwrap_or_else(PoisonError::into_inner);
        writer.add_document(document)
    }

    pub(super) fn delete_term(&self, term: Term) {
        let writer = self.writer.read().unwrap_or_else(PoisonError::into_inner);
        writer.delete_term(term);
    }

    /// Commits everything added and deleted so far.
    pub(super) fn commit(&self) -> tantivy::Result<()> {
        let mut writer = self.writer.write().unwrap_or_else(PoisonError::into_inner);
        writer.commit()?;
        *self
            .last_commit
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Instant::now();
        Ok(())
    }

    /// Whether the commit interval has passed since the last commit.
    pub(super) fn commit_due(&self) -> bool {
        self.last_commit
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .elapsed()
            >= self.interval
    }

    /// The writer itself, once no worker runs.
    pub(super) fn get_mut(&mut self) -> &mut IndexWriter {
        self.writer
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn into_inner(self) -> IndexWriter {
        self.writer
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

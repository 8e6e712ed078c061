//! `morgue ingest`: walk folders, read and extract in parallel, keep the index in step
//! with the files (new, changed, gone, duplicated).

mod read;
pub mod unread;
pub mod walk;
mod web_archive;
mod writer;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::indexer::LogMergePolicy;
use tantivy::{IndexWriter, TantivyDocument};

use crate::article::{format_for_path, parse_file, Article, Format};
use crate::error::{MorgueError, Result};
use crate::extract::Extractors;
use crate::index::document::{
    article_document, duplicate_document, skipped_document, ArticleRecord, FileStamp,
};
use crate::index::keys::{file_key, file_term};
use crate::index::state::{EntryKind, IndexState, IndexedFile, SkipRecord};
use crate::index::ArchiveIndex;
use read::{Disk, FileReader, ReadFailure};
use unread::Unread;
use walk::{path_key, walk, FoundFile, WalkFilter, WalkProblem};
use writer::SharedWriter;

/// Settings of one ingest run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Forget everything indexed before and index the folders anew.
    pub rebuild: bool,
    /// Memory the index writer may use before it flushes a segment, in bytes.
    pub writer_memory: usize,
    /// The longest stretch of reading between two commits. An interrupted ingest keeps
    /// everything committed, so it loses at most this much work.
    pub commit_interval: Duration,
    /// Files read between two commits at most.
    pub commit_files: usize,
    /// `--include` / `--exclude`.
    pub filter: WalkFilter,
}

/// Files read between two looks at the clock (and a progress report per file in them).
const FILES_PER_BATCH: usize = 2_000;

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            rebuild: false,
            writer_memory: 256 << 20,
            commit_interval: Duration::from_secs(60),
            // Each commit closes a segment per indexing thread, and every segment is merged
            // again later: 50,000 files took 15% less CPU than 20,000 on 200k articles.
            // Committing by time alone (one commit for 200k articles, no merge) was 12%
            // faster there, but let the writer fill its whole memory budget and merge
            // segments of 100k articles at a time: peak RSS 1.29 GiB at 1M articles
            // instead of 0.8.
            commit_files: 50_000,
            filter: WalkFilter::default(),
        }
    }
}

/// Whether a file was in the index before this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileChange {
    New,
    Changed,
}

/// A file or JSON line left out of the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file as the user gave it (absolute).
    pub path: String,
    /// A short name of the problem ("empty", "binary", "invalid JSON").
    pub label: String,
    /// The whole message.
    pub problem: String,
}

/// What happened to one file that was read.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: PathBuf,
    pub change: FileChange,
    pub bytes: u64,
    /// Articles indexed from it.
    pub indexed: usize,
    /// Articles whose content was indexed already under another path.
    pub duplicates: usize,
    /// The whole file or some of its lines left out, found in this read.
    pub skipped: Vec<Skipped>,
    /// Lines (or the file) left out by an earlier ingest for the same reason with the same
    /// content: the file was read again (its modification time moved, or a neighbour's
    /// change made it necessary) but these were reported then, so they are only counted.
    pub skipped_before: Vec<Skipped>,
    /// Warnings about the file (messages of JSON lines start with `line N:`).
    pub warnings: Vec<String>,
    /// Articles it held that left the index because it was deleted after the walk.
    pub removed: usize,
    /// Records of a web archive that hold no article, by reason ("not HTML", "redirect
    /// or error", "no article text" …): counted, never listed one by one.
    pub passed_over: BTreeMap<&'static str, usize>,
}

/// Hooks for progress and per-file messages; the library itself prints nothing.
pub trait IngestObserver: Sync {
    /// The walk is over; `files` files holding `bytes` bytes will be read.
    fn reading(&self, _files: usize, _bytes: u64) {}
    /// The first `bytes` of a large file (a web archive) are read; called as it is read,
    /// before its [`file_done`](IngestObserver::file_done), whose report still counts the
    /// whole file.
    fn file_progress(&self, _path: &Path, _bytes: u64) {}
    fn file_done(&self, _report: &FileReport) {}
    /// A path the walk left out (a link loop, a folder it could not read).
    fn walk_problem(&self, _problem: &WalkProblem) {}
    fn committing(&self) {}
}

/// Counts of one run, in articles (a JSON-lines file holds several).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IngestSummary {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub duplicates: usize,
    /// Files or lines left out that this run found and reported.
    pub skipped: Vec<Skipped>,
    /// Files or lines left out and reported by an earlier run, unchanged since, counted by
    /// label: a JSON-lines file of 25,000 broken lines is listed once, not at every ingest.
    pub skipped_before: BTreeMap<String, usize>,
    pub warnings: usize,
    /// Web archive records that hold no article, by reason.
    pub passed_over: BTreeMap<&'static str, usize>,
    /// Files of formats morgue does not read, by kind.
    pub unread: Unread,
    pub bytes_read: u64,
    pub elapsed: Duration,
}

impl IngestSummary {
    /// Files or lines left out, whether reported in this run or before.
    pub fn skipped_total(&self) -> usize {
        self.skipped.len() + self.skipped_before.values().sum::<usize>()
    }

    /// Megabytes (10^6 bytes) read per second.
    pub fn megabytes_per_second(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.bytes_read as f64 / 1e6 / seconds
        } else {
            0.0
        }
    }
}

/// A file to read in this run.
struct Pending {
    file: FoundFile,
    change: FileChange,
    /// Its documents from before are deleted once it has been read, not before: a file
    /// that cannot be read keeps what was indexed of it. (Files whose key another file of
    /// this run shares are deleted up front instead, see [`defer_deletes`].)
    replace_after_read: bool,
}

/// What the walk and the index say must happen.
struct Plan {
    pending: Vec<Pending>,
    /// Files whose documents go (changed, gone, or re-read).
    delete_files: Vec<String>,
    removed_articles: usize,
    unchanged_articles: usize,
    /// Problems recorded for unchanged files, still true, counted by label.
    unchanged_skips: BTreeMap<String, usize>,
    /// Content hashes that stay indexed: a new file with one of them is a duplicate.
    kept_ids: HashSet<String>,
}

fn content_id(bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes);
    hash.to_hex()[..32].to_owned()
}

/// Makes the roots (folders, or single files) absolute and checks them before anything is
/// touched.
fn resolve_roots(roots: &[PathBuf]) -> Result<Vec<PathBuf>> {
    roots
        .iter()
        .map(|root| {
            if !root.exists() {
                return Err(MorgueError::PathMissing { path: root.clone() });
            }
            root.canonicalize().map_err(|source| MorgueError::Io {
                path: root.clone(),
                source,
            })
        })
        .collect()
}

/// When every path given is a file morgue does not read, there is nothing to do: the
/// first is the error (exit status 2). Beside anything else, such a file is a warning.
fn refuse_only_unread_files(roots: &[PathBuf]) -> Result<()> {
    let unread = |root: &PathBuf| root.is_file() && format_for_path(root).is_none();
    match roots.first() {
        Some(first) if roots.iter().all(unread) => {
            let problem = WalkProblem::NotRead {
                path: first.clone(),
                kind: unread::kind_of(first),
            };
            Err(MorgueError::NotRead {
                path: first.clone(),
                reason: problem.to_string(),
            })
        }
        _ => Ok(()),
    }
}

fn is_under(key: &str, root: &str) -> bool {
    key.strip_prefix(root)
        .is_some_and(|rest| rest.starts_with(std::path::MAIN_SEPARATOR))
}

/// `key_of` is the key documents are deleted by ([`file_key`]; tests pass one that
/// collides).
fn plan(
    state: &IndexState,
    roots: &[String],
    found: Vec<FoundFile>,
    unreadable: &[String],
    key_of: impl Fn(&str) -> u64,
) -> Plan {
    let mut pending = Vec::new();
    let mut delete_files = Vec::new();
    let mut unchanged = Vec::new();
    // Known paths that are still there, borrowed from the state: no copy of every path.
    let mut seen: HashSet<&str> = HashSet::with_capacity(state.files.len());
    for file in found {
        match state.files.get_key_value(&file.key) {
            None => pending.push(Pending {
                file,
                change: FileChange::New,
                replace_after_read: false,
            }),
            Some((key, known))
                if known.size == file.size && known.mtime == file.mtime && !known.partly_read() =>
            {
                seen.insert(key);
                unchanged.push(file)
            }
            Some((key, _)) => {
                seen.insert(key);
                delete_files.push(file.key.clone());
                pending.push(Pending {
                    file,
                    change: FileChange::Changed,
                    replace_after_read: false,
                });
            }
        }
    }
    let mut removed_articles = 0;
    for (key, known) in &state.files {
        let under_a_root = roots.iter().any(|root| is_under(key, root));
        let maybe_unreadable = unreadable
            .iter()
            .any(|dir| key == dir || is_under(key, dir));
        if under_a_root && !seen.contains(key.as_str()) && !maybe_unreadable {
            delete_files.push(key.clone());
            removed_articles += known.article_ids().count();
        }
    }
    // Content that leaves the index with a deleted or changed file may live on in a file
    // recorded as its duplicate: such files are read again so one of them takes its place.
    let released: HashSet<&str> = delete_files
        .iter()
        .filter_map(|key| state.files.get(key))
        .flat_map(IndexedFile::article_ids)
        .collect();
    let mut reread = |file: FoundFile, delete_files: &mut Vec<String>| {
        delete_files.push(file.key.clone());
        pending.push(Pending {
            file,
            change: FileChange::Changed,
            replace_after_read: false,
        });
    };
    let mut kept = Vec::with_capacity(unchanged.len());
    for file in unchanged {
        let Some(known) = state.files.get(&file.key) else {
            continue;
        };
        let orphaned = known
            .entries
            .iter()
            .any(|e| e.kind == EntryKind::Duplicate && released.contains(&*e.id));
        if orphaned {
            reread(file, &mut delete_files);
        } else {
            kept.push((file, known));
        }
    }
    // Documents are deleted by a 64-bit key of their path: an unchanged file whose key
    // equals a deleted file's would lose its documents too, so it is read again. (A file
    // outside this run's folders is not walked; were its key to collide, the next ingest
    // of its folder would find it missing and index it again.)
    if !delete_files.is_empty() {
        let deleted_keys: HashSet<u64> = delete_files.iter().map(|key| key_of(key)).collect();
        let (colliding, rest): (Vec<_>, Vec<_>) = kept
            .into_iter()
            .partition(|(file, _)| deleted_keys.contains(&key_of(&file.key)));
        kept = rest;
        for (file, _) in colliding {
            reread(file, &mut delete_files);
        }
    }
    let mut unchanged_articles = 0;
    let mut unchanged_skips = BTreeMap::new();
    let mut kept_files = Vec::with_capacity(kept.len());
    for (_, known) in kept {
        unchanged_articles += known.article_ids().count();
        kept_files.push(known);
        for entry in &known.entries {
            if let EntryKind::Skipped(skipped) = &entry.kind {
                let SkipRecord { label, .. } = &**skipped;
                match unchanged_skips.get_mut(label) {
                    Some(count) => *count += 1,
                    None => {
                        unchanged_skips.insert(label.clone(), 1);
                    }
                }
            }
        }
    }
    // Only files read in this run can turn out to be duplicates: with none, the hashes
    // of a large archive need not be copied.
    let mut kept_ids = HashSet::new();
    if !pending.is_empty() {
        kept_ids.extend(
            kept_files
                .iter()
                .flat_map(|known| known.article_ids())
                .map(str::to_owned),
        );
        // Files outside this run's folders keep their content too.
        for (key, known) in &state.files {
            if !roots.iter().any(|root| is_under(key, root)) {
                kept_ids.extend(known.article_ids().map(str::to_owned));
            }
        }
    }
    defer_deletes(&mut pending, &mut delete_files, &key_of);
    Plan {
        pending,
        delete_files,
        removed_articles,
        unchanged_articles,
        unchanged_skips,
        kept_ids,
    }
}

/// Moves the deletion of a re-read file's documents to after its read, when no other file
/// of this run (read or deleted) shares its key. A deletion issued mid-run removes every
/// document of its key added before it, so a shared key would take another file's new
/// documents with it; those stay deleted up front, as a colliding key is all but never seen.
fn defer_deletes(
    pending: &mut [Pending],
    delete_files: &mut Vec<String>,
    key_of: &impl Fn(&str) -> u64,
) {
    let mut paths: HashSet<&str> = delete_files.iter().map(String::as_str).collect();
    paths.extend(pending.iter().map(|p| p.file.key.as_str()));
    let mut sharing: HashMap<u64, usize> = HashMap::with_capacity(paths.len());
    for path in paths {
        *sharing.entry(key_of(path)).or_default() += 1;
    }
    let deleted: HashSet<&str> = delete_files.iter().map(String::as_str).collect();
    let mut deferred = HashSet::new();
    for p in pending.iter_mut() {
        if deleted.contains(p.file.key.as_str()) && sharing.get(&key_of(&p.file.key)) == Some(&1) {
            p.replace_after_read = true;
            deferred.insert(p.file.key.clone());
        }
    }
    delete_files.retain(|key| !deferred.contains(key));
}

/// Reads, parses and extracts one file, handing its documents to the writer.
/// What indexing one file shares with the rest of the run.
struct RunContext<'a> {
    archive: &'a ArchiveIndex,
    writer: &'a SharedWriter,
    extractors: &'a Extractors,
    /// Ids of the articles indexed so far: a later copy of one is a duplicate.
    claimed_ids: &'a Mutex<HashSet<String>>,
    observer: &'a dyn IngestObserver,
}

fn index_file(
    context: &RunContext<'_>,
    reader: &dyn FileReader,
    pending: &Pending,
    previous: Option<&IndexedFile>,
) -> Result<FileReport> {
    let RunContext {
        archive,
        writer,
        extractors,
        claimed_ids,
        ..
    } = *context;
    let file = &pending.file;
    let mut report = FileReport {
        path: file.path().to_path_buf(),
        change: pending.change,
        bytes: 0,
        indexed: 0,
        duplicates: 0,
        skipped: Vec::new(),
        skipped_before: Vec::new(),
        warnings: Vec::new(),
        removed: 0,
        passed_over: BTreeMap::new(),
    };
    // What an earlier ingest left out of this file, by content and reason: the same broken
    // line read again is counted, not reported again.
    let reported_before: HashSet<(&str, &str)> = previous
        .into_iter()
        .flat_map(|known| &known.entries)
        .filter_map(|entry| match &entry.kind {
            EntryKind::Skipped(record) if !entry.id.is_empty() => {
                Some((&*entry.id, record.label.as_str()))
            }
            _ => None,
        })
        .collect();
    let format = format_for_path(file.path());
    if matches!(format, Some(Format::Warc | Format::Wacz)) {
        return web_archive::index_web_archive(context, pending, previous, report);
    }
    let read = match reader.read(file.path()) {
        Ok(read) => read,
        Err(error) => {
            read_failed(archive, writer, pending, previous, &mut report, &error);
            return Ok(report);
        }
    };
    if pending.replace_after_read {
        writer.delete_term(file_term(archive, &file.key));
    }
    if !read.settled {
        report.warnings.push(format!(
            "changed while it was read ({} times): indexed as last read, and read again by the next ingest",
            read::READ_ATTEMPTS
        ));
    }
    // The size and time of the bytes read, which may be newer than the walk's.
    let stamp = FileStamp {
        file: file.key.clone(),
        size: read.size,
        mtime: read.mtime,
        member: None,
    };
    // `content` is the hash of what was left out (the file, or the line).
    let skip = |report: &mut FileReport,
                line: Option<usize>,
                content: &str,
                label: &str,
                problem: String| {
        let mut document = skipped_document(&archive.fields, &stamp, line, label, &problem);
        // Not `add_id`: a skipped line must not be found by `show ID` as an article.
        document.add_text(archive.fields.id, content);
        let skipped = Skipped {
            path: file.key.clone(),
            label: label.to_owned(),
            problem,
        };
        if reported_before.contains(&(content, label)) {
            report.skipped_before.push(skipped)
        } else {
            report.skipped.push(skipped)
        }
        writer.add_document(document).map_err(|e| archive.error(e))
    };
    let bytes = read.bytes;
    report.bytes = bytes.len() as u64;
    let whole_file_id = content_id(&bytes);
    let parsed = match parse_file(file.path(), &bytes) {
        Ok(parsed) => parsed,
        Err(error) => {
            let label = error.label();
            skip(&mut report, None, &whole_file_id, label, error.to_string())?;
            return Ok(report);
        }
    };
    report.warnings.extend(parsed.warnings);
    let export = parsed.export.is_some();
    let line_ids: Vec<String> = if !export && parsed.entries.iter().any(|e| e.line.is_some()) {
        bytes.split(|&b| b == b'\n').map(content_id).collect()
    } else {
        Vec::new()
    };
    // The file's bytes are not needed past this point; a large article is held as text only.
    drop(bytes);
    for entry in parsed.entries {
        let id = match entry
            .line
            .and_then(|line| line_ids.get(line.wrapping_sub(1)))
        {
            Some(line_id) => line_id.clone(),
            // An export's article that gives none: by its number in this version of the file.
            None if export => {
                content_id(format!("{whole_file_id}:{}", entry.line.unwrap_or(0)).as_bytes())
            }
            None => whole_file_id.clone(),
        };
        let article: Article = match entry.result {
            Ok(article) => article,
            Err(error) => {
                let label = error.label();
                skip(&mut report, entry.line, &id, label, error.to_string())?;
                continue;
            }
        };
        // Two saves of one page differ in their bytes (scripts, ads, the saving tool's
        // comments) but not in address and text; so do an item in two saves of a feed, and
        // an article in two news-database exports.
        let id = match format {
            _ if export => web_archive::web_page_id(&article),
            Some(
                Format::Html
                | Format::Mhtml
                | Format::Feed
                | Format::Mail
                | Format::Mailbox
                | Format::Epub,
            ) => web_archive::web_page_id(&article),
            _ => id,
        };
        let first_claim = claimed_ids
            .lock()
            .map(|mut ids| ids.insert(id.clone()))
            .unwrap_or(true);
        let document: TantivyDocument = if first_claim {
            let extraction = extractors.extract(&article.body, article.publication_date);
            report.indexed += 1;
            article_document(
                &archive.fields,
                &ArticleRecord {
                    id: &id,
                    stamp: &stamp,
                    line: entry.line,
                    article: &article,
                    people: &extraction.people,
                    firms: &extraction.firms,
                    tentative: &extraction.tentative,
                    date_mentions: &extraction.date_mentions,
                },
            )
        } else {
            report.duplicates += 1;
            duplicate_document(&archive.fields, &id, &stamp, entry.line)
        };
        writer
            .add_document(document)
            .map_err(|e| archive.error(e))?;
    }
    Ok(report)
}

/// What a file that could not be opened or read leaves behind: a warning for one
/// deleted meanwhile (its documents go), a skip for one that is there but unreadable
/// (its documents stay, and nothing is recorded, so the next ingest tries again and a
/// file whose permissions are fixed, which moves no modification time, is read then).
fn read_failed(
    archive: &ArchiveIndex,
    writer: &SharedWriter,
    pending: &Pending,
    previous: Option<&IndexedFile>,
    report: &mut FileReport,
    error: &std::io::Error,
) {
    let file = &pending.file;
    match ReadFailure::of(error) {
        ReadFailure::Gone => {
            report
                .warnings
                .push("deleted during the ingest, before it was read".to_owned());
            if pending.replace_after_read {
                writer.delete_term(file_term(archive, &file.key));
                report.removed = previous.map_or(0, |known| known.article_ids().count());
            }
        }
        ReadFailure::Unreadable => {
            let kept = if pending.replace_after_read {
                "; the version indexed before stays searchable"
            } else {
                ""
            };
            report.skipped.push(Skipped {
                path: file.key.clone(),
                label: "unreadable".to_owned(),
                problem: format!("cannot be read: {error}{kept}"),
            });
        }
    }
}

fn open_writer(archive: &ArchiveIndex, memory: usize) -> Result<IndexWriter> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4);
    // Tantivy needs at least 15 MB per indexing thread.
    let memory = memory.max(threads * (16 << 20));
    let writer = archive
        .index
        .writer_with_num_threads(threads, memory)
        .map_err(|error| match error {
            tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _,
            ) => MorgueError::IndexLocked {
                path: archive.dir.clone(),
            },
            other => archive.error(other),
        })?;
    writer.set_merge_policy(Box::new(merge_policy()));
    Ok(writer)
}

/// Every search pays per segment (a reader opens each one, a query walks each one), so
/// segments are merged four at a time rather than tantivy's eight; and a segment whose
/// documents are mostly replaced by later runs is merged to drop them, so many
/// incremental runs do not make the index grow. Segments are told apart by size from 1,000
/// documents up (tantivy: 10,000), so the small segments of incremental runs merge among
/// themselves instead of dragging a 10,000-article segment into every merge.
fn merge_policy() -> LogMergePolicy {
    let mut policy = LogMergePolicy::default();
    policy.set_min_num_segments(4);
    policy.set_min_layer_size(1_000);
    policy.set_del_docs_ratio_before_merge(0.3);
    policy
}

/// When an indexing thread of the writer fails (a full disk, most likely), `add_document`
/// only says that the writer was killed; the thread's own error comes back when it is
/// joined, which preparing a commit does. The prepared commit is dropped, not committed.
fn worker_failure(
    archive: &ArchiveIndex,
    writer: &mut IndexWriter,
    error: MorgueError,
) -> MorgueError {
    match error {
        MorgueError::Index {
            source: tantivy::TantivyError::ErrorInThread(_),
            ..
        } => match writer.prepare_commit() {
            Err(cause) => archive.error(cause),
            Ok(_) => error,
        },
        other => other,
    }
}

/// The text of a caught panic.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}

/// Brings the index at `index_dir` (created when missing) in step with the files under
/// `roots`. The folders are checked first, so a typo creates no index.
pub fn ingest(
    index_dir: &Path,
    roots: &[PathBuf],
    options: &IngestOptions,
    observer: &dyn IngestObserver,
) -> Result<IngestSummary> {
    ingest_with(index_dir, roots, options, observer, &Disk)
}

/// [`ingest`], reading files through `reader`.
fn ingest_with(
    index_dir: &Path,
    roots: &[PathBuf],
    options: &IngestOptions,
    observer: &dyn IngestObserver,
    reader: &dyn FileReader,
) -> Result<IngestSummary> {
    let started = Instant::now();
    let roots = resolve_roots(roots)?;
    refuse_only_unread_files(&roots)?;
    let archive = &match ArchiveIndex::open_or_create(index_dir) {
        Err(MorgueError::IndexIncompatible { .. } | MorgueError::IndexDamaged { .. })
            if options.rebuild =>
        {
            ArchiveIndex::replace(index_dir)?
        }
        opened => opened?,
    };
    let writer = open_writer(archive, options.writer_memory)?;
    // A writer killed mid-run can leave segment files no commit refers to.
    let _ = writer.garbage_collect_files().wait();
    let mut writer = SharedWriter::new(writer, options.commit_interval);

    let state = if options.rebuild {
        writer
            .get_mut()
            .delete_all_documents()
            .map_err(|e| archive.error(e))?;
        IndexState::default()
    } else {
        let reader = archive.reader()?;
        let searcher = reader.searcher();
        // Tantivy can panic on a corrupted fast field rather than return an error.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            IndexState::load(archive, &searcher)
        }))
        .unwrap_or_else(|panic| {
            Err(crate::index::explain_panic(
                index_dir,
                &panic_message(panic.as_ref()),
            ))
        })?
    };

    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    let mut walk_problems = Vec::new();
    let mut unread = Unread::default();
    for root in &roots {
        let walked = walk(root, &options.filter);
        unread.merge(walked.unread);
        for problem in walked.problems {
            observer.walk_problem(&problem);
            unreadable.push(path_key(problem.path()));
            walk_problems.push(problem);
        }
        found.extend(walked.files);
    }
    // A folder given twice, or nested in another, must not index its files twice.
    if roots.len() > 1 {
        let mut seen_keys = HashSet::new();
        found.retain(|file| seen_keys.insert(file.key.clone()));
    }
    let root_keys: Vec<String> = roots.iter().map(|r| path_key(r)).collect();
    let plan = plan(&state, &root_keys, found, &unreadable, file_key);

    for key in &plan.delete_files {
        writer.delete_term(file_term(archive, key));
    }

    let mut summary = IngestSummary {
        unread,
        unchanged: plan.unchanged_articles,
        removed: plan.removed_articles,
        skipped_before: plan.unchanged_skips,
        ..IngestSummary::default()
    };
    for problem in walk_problems {
        summary.skipped.push(Skipped {
            path: path_key(problem.path()),
            label: problem.label().to_owned(),
            problem: problem.to_string(),
        });
    }
    let total_bytes = plan.pending.iter().map(|p| p.file.size).sum();
    observer.reading(plan.pending.len(), total_bytes);

    let extractors = Extractors::default();
    let claimed_ids = Mutex::new(plan.kept_ids);
    let mut files_since_commit = 0;
    let batches = plan.pending.chunks(FILES_PER_BATCH);
    let batch_count = batches.len();
    for (batch_number, batch) in batches.enumerate() {
        let context = RunContext {
            archive,
            writer: &writer,
            extractors: &extractors,
            claimed_ids: &claimed_ids,
            observer,
        };
        let reports: Vec<Result<FileReport>> = batch
            .par_iter()
            .map(|pending| {
                let previous = state.files.get(&pending.file.key);
                let report = index_file(&context, reader, pending, previous)?;
                observer.file_done(&report);
                Ok(report)
            })
            .collect();
        for report in reports {
            let report =
                report.map_err(|error| worker_failure(archive, writer.get_mut(), error))?;
            match report.change {
                FileChange::New => summary.new += report.indexed,
                FileChange::Changed => summary.updated += report.indexed,
            }
            summary.duplicates += report.duplicates;
            summary.removed += report.removed;
            summary.warnings += report.warnings.len();
            summary.skipped.extend(report.skipped);
            for skipped in report.skipped_before {
                *summary.skipped_before.entry(skipped.label).or_default() += 1;
            }
            summary.bytes_read += report.bytes;
            for (reason, count) in report.passed_over {
                *summary.passed_over.entry(reason).or_default() += count;
            }
        }
        files_since_commit += batch.len();
        let last_batch = batch_number + 1 == batch_count;
        if last_batch || files_since_commit >= options.commit_files || writer.commit_due() {
            observer.committing();
            writer.commit().map_err(|e| archive.error(e))?;
            files_since_commit = 0;
        }
    }
    // With nothing read and nothing deleted the index is already in step: a commit would
    // only rewrite meta.json (and could start merges this run would then wait for).
    let nothing_to_do = plan.delete_files.is_empty() && !options.rebuild;
    if plan.pending.is_empty() && !nothing_to_do {
        writer.commit().map_err(|e| archive.error(e))?;
    }
    writer
        .into_inner()
        .wait_merging_threads()
        .map_err(|e| archive.error(e))?;
    // Who is who depends on the whole archive: worked out once here, for every search
    // that follows (a search works it out itself if this is cut short).
    let reader = archive.reader()?;
    reader.reload().map_err(|e| archive.error(e))?;
    crate::identity::gather::refresh(archive, &reader.searcher())?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_under_needs_a_separator() {
        let sep = std::path::MAIN_SEPARATOR;
        assert!(is_under(&format!("{sep}a{sep}b.txt"), &format!("{sep}a")));
        assert!(!is_under(&format!("{sep}ab{sep}b.txt"), &format!("{sep}a")));
    }

    fn indexed(size: u64, id: &str) -> IndexedFile {
        IndexedFile {
            size,
            mtime: 1,
            entries: vec![crate::index::state::IndexedEntry {
                id: id.into(),
                line: None,
                kind: EntryKind::Article,
            }],
        }
    }

    fn found(path: &str, size: u64) -> FoundFile {
        FoundFile::new(PathBuf::from(path), size, 1)
    }

    fn paths(pending: &[Pending]) -> Vec<&str> {
        let mut paths: Vec<&str> = pending.iter().map(|p| p.file.key.as_str()).collect();
        paths.sort_unstable();
        paths
    }

    #[test]
    fn unchanged_file_sharing_a_deleted_files_key_is_read_again() {
        let mut state = IndexState::default();
        state.files.insert("/a/one.txt".into(), indexed(10, "1"));
        state.files.insert("/a/two.txt".into(), indexed(20, "2"));
        state.files.insert("/a/three3.txt".into(), indexed(30, "3"));
        // one.txt changed; two.txt has the same key (same path length), three3.txt not.
        let walked = vec![
            found("/a/one.txt", 11),
            found("/a/two.txt", 20),
            found("/a/three3.txt", 30),
        ];
        let by_length = |path: &str| path.len() as u64;
        let plan = plan(&state, &["/a".into()], walked, &[], by_length);
        assert_eq!(paths(&plan.pending), ["/a/one.txt", "/a/two.txt"]);
        assert!(plan.delete_files.contains(&"/a/two.txt".to_owned()));
        assert_eq!(plan.unchanged_articles, 1);
        assert!(plan.kept_ids.contains("3") && !plan.kept_ids.contains("2"));
    }

    #[test]
    fn nothing_is_read_again_when_nothing_is_deleted() {
        let mut state = IndexState::default();
        state.files.insert("/a/one.txt".into(), indexed(10, "1"));
        state.files.insert("/a/two.txt".into(), indexed(20, "2"));
        let walked = vec![found("/a/one.txt", 10), found("/a/two.txt", 20)];
        let plan = plan(&state, &["/a".into()], walked, &[], |_| 0);
        assert!(plan.pending.is_empty() && plan.delete_files.is_empty());
        assert_eq!(plan.unchanged_articles, 2);
    }

    #[test]
    fn a_shared_key_keeps_the_deletion_up_front() {
        let mut state = IndexState::default();
        state.files.insert("/a/one.txt".into(), indexed(10, "1"));
        state.files.insert("/a/three3.txt".into(), indexed(30, "3"));
        // Both changed; one.txt shares its key with a new file, two.txt.
        let walked = vec![
            found("/a/one.txt", 11),
            found("/a/two.txt", 20),
            found("/a/three3.txt", 31),
        ];
        let by_length = |path: &str| path.len() as u64;
        let plan = plan(&state, &["/a".into()], walked, &[], by_length);
        let deferred: Vec<&str> = plan
            .pending
            .iter()
            .filter(|p| p.replace_after_read)
            .map(|p| p.file.key.as_str())
            .collect();
        assert_eq!(deferred, ["/a/three3.txt"]);
        assert_eq!(plan.delete_files, ["/a/one.txt"]);
    }

    /// Reads from disk, except for the files it is told to fail or to see changing.
    #[derive(Default)]
    struct Flaky {
        failing: Vec<(&'static str, std::io::ErrorKind)>,
        changing: Vec<&'static str>,
    }

    impl FileReader for Flaky {
        fn read(&self, path: &Path) -> std::io::Result<read::FileRead> {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if let Some((_, kind)) = self.failing.iter().find(|(f, _)| *f == name) {
                return Err(std::io::Error::from(*kind));
            }
            let mut read = Disk.read(path)?;
            if self.changing.contains(&name) {
                // As if the read began before a writer appended: older size, not settled.
                read.size -= 1;
                read.settled = false;
            }
            Ok(read)
        }
    }

    struct Quiet;
    impl IngestObserver for Quiet {}

    struct Archive {
        dir: tempfile::TempDir,
    }

    impl Archive {
        fn new(files: &[(&str, &str)]) -> Archive {
            let archive = Archive {
                dir: tempfile::tempdir().unwrap(),
            };
            std::fs::create_dir(archive.dir.path().join("files")).unwrap();
            for (name, text) in files {
                archive.write(name, text);
            }
            archive
        }

        fn file(&self, name: &str) -> PathBuf {
            self.dir.path().join("files").join(name)
        }

        fn write(&self, name: &str, text: &str) {
            std::fs::write(self.file(name), format!(" date 2025-03-01 \n{text}\n")).unwrap();
        }

        fn ingest(&self, reader: &dyn FileReader) -> IngestSummary {
            self.ingest_observed(reader, &Quiet)
        }

        fn ingest_observed(
            &self,
            reader: &dyn FileReader,
            observer: &dyn IngestObserver,
        ) -> IngestSummary {
            let options = IngestOptions {
                writer_memory: 32 << 20,
                ..IngestOptions::default()
            };
            let roots = [self.dir.path().join("files")];
            ingest_with(
                &self.dir.path().join("index"),
                &roots,
                &options,
                observer,
                reader,
            )
            .unwrap()
        }

        /// The content hashes indexed for `name`, none when the index does not know it.
        fn indexed(&self, name: &str) -> Option<Vec<String>> {
            let archive = ArchiveIndex::open(&self.dir.path().join("index")).unwrap();
            let state = IndexState::load(&archive, &archive.reader().unwrap().searcher()).unwrap();
            let key = path_key(&self.file(name).canonicalize().ok()?);
            let known = state.files.get(&key)?;
            Some(known.article_ids().map(str::to_owned).collect())
        }

        fn id_of(&self, name: &str) -> Vec<String> {
            vec![content_id(&std::fs::read(self.file(name)).unwrap())]
        }
    }

    #[test]
    fn a_changed_file_that_cannot_be_read_keeps_its_indexed_version() {
        let archive = Archive::new(&[("a.txt", "Ferries ran late."), ("b.txt", "Buses ran.")]);
        archive.ingest(&Disk);
        let before = archive.id_of("a.txt");
        archive.write("a.txt", "Ferries ran late again, said the port.");
        let denied = Flaky {
            failing: vec![("a.txt", std::io::ErrorKind::PermissionDenied)],
            ..Flaky::default()
        };
        let summary = archive.ingest(&denied);
        assert_eq!(
            (summary.updated, summary.removed, summary.unchanged),
            (0, 0, 1)
        );
        assert_eq!(summary.skipped.len(), 1);
        assert_eq!(summary.skipped[0].label, "unreadable");
        assert!(summary.skipped[0].problem.contains("stays searchable"));
        assert_eq!(archive.indexed("a.txt"), Some(before));
        // Nothing was recorded of the failure: the next run reads the file.
        let summary = archive.ingest(&Disk);
        assert_eq!((summary.updated, summary.unchanged), (1, 1));
        assert_eq!(archive.indexed("a.txt"), Some(archive.id_of("a.txt")));
    }

    #[test]
    fn a_new_file_that_cannot_be_read_is_reported_at_every_run_until_it_can() {
        let archive = Archive::new(&[("a.txt", "Ferries ran late.")]);
        let denied = Flaky {
            failing: vec![("a.txt", std::io::ErrorKind::PermissionDenied)],
            ..Flaky::default()
        };
        for _ in 0..2 {
            let summary = archive.ingest(&denied);
            assert_eq!((summary.new, summary.skipped.len()), (0, 1));
            assert!(summary.skipped_before.is_empty());
            assert_eq!(archive.indexed("a.txt"), None);
        }
        assert_eq!(archive.ingest(&Disk).new, 1);
    }

    #[test]
    fn a_file_deleted_after_the_walk_is_removed_not_skipped() {
        let archive = Archive::new(&[("a.txt", "Ferries ran late."), ("b.txt", "Buses ran.")]);
        archive.ingest(&Disk);
        archive.write("a.txt", "Ferries ran late again, said the port.");
        let gone = Flaky {
            failing: vec![("a.txt", std::io::ErrorKind::NotFound)],
            ..Flaky::default()
        };
        let summary = archive.ingest(&gone);
        assert_eq!((summary.removed, summary.skipped.len()), (1, 0));
        assert_eq!(archive.indexed("a.txt"), None);
        assert_eq!(archive.indexed("b.txt"), Some(archive.id_of("b.txt")));
    }

    #[test]
    fn a_file_that_changed_while_read_is_read_again_next_time() {
        let archive = Archive::new(&[("a.txt", "Ferries ran late.")]);
        let changing = Flaky {
            changing: vec!["a.txt"],
            ..Flaky::default()
        };
        assert_eq!(archive.ingest(&changing).new, 1);
        assert_eq!(archive.indexed("a.txt"), Some(archive.id_of("a.txt")));
        let summary = archive.ingest(&Disk);
        assert_eq!((summary.updated, summary.unchanged), (1, 0));
        assert_eq!(archive.ingest(&Disk).unchanged, 1);
    }

    /// What a progress display would be told.
    #[derive(Default)]
    struct Watching {
        progress: Mutex<Vec<(PathBuf, u64)>>,
        done: Mutex<Vec<(PathBuf, u64)>>,
    }

    impl IngestObserver for Watching {
        fn file_progress(&self, path: &Path, bytes: u64) {
            self.progress
                .lock()
                .unwrap()
                .push((path.to_path_buf(), bytes));
        }
        fn file_done(&self, report: &FileReport) {
            let done = (report.path.clone(), report.bytes);
            self.done.lock().unwrap().push(done);
        }
    }

    #[test]
    fn a_web_archive_reports_progress_before_it_is_done() {
        let archive = Archive::new(&[("a.txt", "Ferries ran late.")]);
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warc/crawl.warc.gz");
        std::fs::copy(&fixture, archive.file("crawl.warc.gz")).unwrap();
        let watching = Watching::default();
        archive.ingest_observed(&Disk, &watching);
        let progress = watching.progress.into_inner().unwrap();
        let done = watching.done.into_inner().unwrap();
        let (warc_path, warc_size) = done
            .iter()
            .find(|(path, _)| path.ends_with("crawl.warc.gz"))
            .cloned()
            .unwrap();
        assert!(!progress.is_empty());
        assert!(progress.iter().all(|(path, _)| *path == warc_path));
        assert!(progress
            .iter()
            .all(|(_, bytes)| *bytes > 0 && *bytes <= warc_size));
        assert!(progress.windows(2).all(|pair| pair[0].1 <= pair[1].1));
    }

    #[test]
    fn content_id_is_stable() {
        assert_eq!(content_id(b"abc"), content_id(b"abc"));
        assert_ne!(content_id(b"abc"), content_id(b"abd"));
        assert_eq!(content_id(b"abc").len(), 32);
    }
}

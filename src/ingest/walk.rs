//! Finding article files under the folders given to `ingest`.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use rayon::prelude::*;
use walkdir::{DirEntry, WalkDir};

use super::unread::{kind_of, why_not_read, Unread};
use crate::article::format_for_path;

/// An article file found on disk, with what incremental ingest compares.
#[derive(Debug, Clone)]
pub struct FoundFile {
    /// The path as stored in the index.
    pub key: String,
    /// The path itself, kept only when the key is not (a name that is escaped, see
    /// [`crate::path_text`]): a million files are held at once, and a second copy of every
    /// path cost 100 MB.
    unusual_path: Option<Box<Path>>,
    pub size: u64,
    pub mtime: i64,
}

impl FoundFile {
    pub fn new(path: PathBuf, size: u64, mtime: i64) -> FoundFile {
        let key = path_key(&path);
        let unusual_path = (path.as_os_str() != key.as_str()).then(|| path.into_boxed_path());
        FoundFile {
            key,
            unusual_path,
            size,
            mtime,
        }
    }

    pub fn path(&self) -> &Path {
        self.unusual_path
            .as_deref()
            .unwrap_or_else(|| Path::new(&self.key))
    }
}

/// Why the walk left a path out.
#[derive(Debug)]
pub enum WalkProblem {
    /// A symbolic link that leads back into itself: to a folder above it (`ancestor`,
    /// found by the walk) or round a chain of links the system gave up on (no ancestor).
    /// Either way one message and one count.
    Loop {
        ancestor: Option<PathBuf>,
        child: PathBuf,
    },
    /// A folder or file whose listing or metadata could not be read.
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A pattern of `.morgueignore` that is not valid gitignore syntax; the rest are used.
    BadIgnoreFile { path: PathBuf, message: String },
    /// A file named on the command line in a format morgue does not read.
    NotRead { path: PathBuf, kind: String },
}

impl WalkProblem {
    /// The path left out.
    pub fn path(&self) -> &Path {
        match self {
            WalkProblem::Loop { child, .. } => child,
            WalkProblem::Unreadable { path, .. }
            | WalkProblem::BadIgnoreFile { path, .. }
            | WalkProblem::NotRead { path, .. } => path,
        }
    }

    /// A short name of the problem, for grouping in summaries.
    pub fn label(&self) -> &'static str {
        match self {
            WalkProblem::Loop { .. } => "symbolic link loop",
            WalkProblem::Unreadable { .. } => "unreadable",
            WalkProblem::BadIgnoreFile { .. } => "invalid .morgueignore",
            WalkProblem::NotRead { .. } => "not a format morgue reads",
        }
    }

    fn from_walkdir(error: walkdir::Error, root: &Path) -> WalkProblem {
        let path = error
            .path()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| root.to_path_buf());
        if let Some(ancestor) = error.loop_ancestor() {
            return WalkProblem::Loop {
                ancestor: Some(ancestor.to_path_buf()),
                child: path,
            };
        }
        let source = match error.into_io_error() {
            Some(source) => source,
            None => std::io::Error::other("unreadable"),
        };
        WalkProblem::from_io(path, source)
    }

    fn from_io(path: PathBuf, source: std::io::Error) -> WalkProblem {
        if is_link_loop(&source) {
            WalkProblem::Loop {
                ancestor: None,
                child: path,
            }
        } else {
            WalkProblem::Unreadable { path, source }
        }
    }
}

impl std::fmt::Display for WalkProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WalkProblem::Loop { .. } => f.write_str("symbolic link loop, not followed"),
            WalkProblem::Unreadable { source, .. } => write!(f, "cannot be read: {source}"),
            WalkProblem::BadIgnoreFile { message, .. } => f.write_str(message),
            WalkProblem::NotRead { kind, .. } => {
                write!(f, "morgue does not read {kind} files")?;
                match why_not_read(kind) {
                    Some(why) => write!(f, " ({why})"),
                    None => f.write_str(" (it reads .txt, .md, .json, .jsonl, .html and .warc)"),
                }
            }
        }
    }
}

/// ELOOP: "too many levels of symbolic links" (`ErrorKind::FilesystemLoop` is unstable).
fn is_link_loop(error: &std::io::Error) -> bool {
    const ELOOP: Option<i32> = if cfg!(any(target_os = "linux", target_os = "android")) {
        Some(40)
    } else if cfg!(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    )) {
        Some(62)
    } else {
        None
    };
    ELOOP.is_some() && error.raw_os_error() == ELOOP
}

/// Files found under one root, and the places the walk could not enter.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<FoundFile>,
    /// Paths the walk left out, with why. Indexed files under them are kept, since their
    /// absence may only mean a permission problem.
    pub problems: Vec<WalkProblem>,
    /// Files of formats morgue does not read, counted by kind.
    pub unread: Unread,
}

/// `--include` and `--exclude`: globs matched against a path relative to the folder given
/// to `ingest` (`*` crosses folders, as in ripgrep's `-g`). A file is walked when it
/// matches an include glob (or there is none) and no exclude glob; a folder matching an
/// exclude glob is not entered.
#[derive(Debug, Clone, Default)]
pub struct WalkFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl WalkFilter {
    /// The filter of these globs; a glob that does not parse is the error, by its text.
    pub fn new(include: &[String], exclude: &[String]) -> Result<WalkFilter, String> {
        Ok(WalkFilter {
            include: glob_set(include)?,
            exclude: glob_set(exclude)?,
        })
    }

    fn is_empty(&self) -> bool {
        self.include.is_none() && self.exclude.is_none()
    }

    fn enters(&self, relative: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_none_or(|exclude| !exclude.is_match(relative))
    }

    fn takes(&self, relative: &Path) -> bool {
        self.enters(relative)
            && self
                .include
                .as_ref()
                .is_none_or(|include| include.is_match(relative))
    }
}

fn glob_set(globs: &[String]) -> Result<Option<GlobSet>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        builder.add(Glob::new(glob).map_err(|error| format!("{glob:?}: {error}"))?);
    }
    builder.build().map(Some).map_err(|error| error.to_string())
}

/// The key under which a path is stored in the index: its lossless escape form.
pub fn path_key(path: &Path) -> String {
    crate::path_text::escape_path(path)
}

/// Name of the file, at the top of an ingested folder, that lists what to leave out
/// (gitignore syntax): a README or notes kept beside the articles, drafts.
pub const IGNORE_FILE: &str = ".morgueignore";

/// The patterns of `root/.morgueignore`; a broken pattern is reported and the rest kept.
fn ignore_rules(root: &Path, problems: &mut Vec<WalkProblem>) -> Gitignore {
    let mut builder = GitignoreBuilder::new(root);
    let file = root.join(IGNORE_FILE);
    if file.is_file() {
        if let Some(error) = builder.add(&file) {
            problems.push(WalkProblem::BadIgnoreFile {
                path: file,
                message: error.to_string(),
            });
        }
    }
    builder.build().unwrap_or_else(|error| {
        problems.push(WalkProblem::BadIgnoreFile {
            path: root.join(IGNORE_FILE),
            message: error.to_string(),
        });
        Gitignore::empty()
    })
}

/// How the summary counts the folders of [`is_saved_page_resources`].
const SAVED_PAGE_RESOURCES: &str = "`_files` folders of saved pages";

/// The folder a browser's "Save Page As: Webpage, complete" writes beside `X.html`:
/// `X_files/`, holding the page's images, scripts and iframes (comment widgets, ads),
/// which are parts of that page, not articles of their own.
fn is_saved_page_resources(entry: &DirEntry) -> bool {
    if entry.depth() == 0 || !entry.file_type().is_dir() {
        return false;
    }
    let name = entry.file_name().to_string_lossy();
    let Some(stem) = name.strip_suffix("_files") else {
        return false;
    };
    let Some(parent) = entry.path().parent() else {
        return false;
    };
    ["html", "htm", "xhtml", "mhtml"]
        .iter()
        .any(|extension| parent.join(format!("{stem}.{extension}")).is_file())
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

pub(super) fn mtime_nanos(metadata: &std::fs::Metadata) -> i64 {
    metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .and_then(|age| i64::try_from(age.as_nanos()).ok())
        .unwrap_or(0)
}

/// Walks `root` (an absolute path), following symbolic links (walkdir reports a loop as an
/// error instead of following it), skipping hidden files and folders, what `.morgueignore`
/// lists and what `filter` leaves out. Files of formats morgue does not read are counted
/// by kind; a root that is such a file is a problem, since the user named it.
pub fn walk(root: &Path, filter: &WalkFilter) -> Walk {
    let mut walk = Walk::default();
    let ignored = ignore_rules(root, &mut walk.problems);
    let relative = |entry: &DirEntry| {
        entry
            .path()
            .strip_prefix(root)
            .map(Path::to_path_buf)
            .unwrap_or_default()
    };
    let resource_folders = std::cell::Cell::new(0);
    let entries = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let resources = is_saved_page_resources(entry);
            if resources {
                resource_folders.set(resource_folders.get() + 1);
            }
            !is_hidden(entry)
                && !resources
                && !ignored
                    .matched(entry.path(), entry.file_type().is_dir())
                    .is_ignore()
                && (entry.depth() == 0 || filter.is_empty() || filter.enters(&relative(entry)))
        });
    let mut article_entries = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                walk.problems.push(WalkProblem::from_walkdir(error, root));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let named = entry.depth() == 0;
        if !named && !filter.is_empty() && !filter.takes(&relative(&entry)) {
            continue;
        }
        if format_for_path(entry.path()).is_some() {
            article_entries.push(entry);
        } else if named {
            walk.problems.push(WalkProblem::NotRead {
                kind: kind_of(entry.path()),
                path: entry.into_path(),
            });
        } else {
            walk.unread.count(entry.path());
        }
    }
    if resource_folders.get() > 0 {
        walk.unread
            .count_kind(SAVED_PAGE_RESOURCES, resource_folders.get());
    }
    // Reading the directories is cheap; a stat per file is most of a re-ingest of an
    // unchanged archive, so those run on every core (the order stays the walk's).
    let stats: Vec<Result<FoundFile, WalkProblem>> = article_entries
        .into_par_iter()
        .map(|entry| match entry.metadata() {
            Ok(metadata) => Ok(FoundFile::new(
                entry.into_path(),
                metadata.len(),
                mtime_nanos(&metadata),
            )),
            Err(error) => {
                let path = entry.into_path();
                Err(WalkProblem::from_walkdir(error, &path))
            }
        })
        .collect();
    for stat in stats {
        match stat {
            Ok(file) => walk.files.push(file),
            Err(problem) => walk.problems.push(problem),
        }
    }
    walk
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_keeps_its_real_path() {
        use std::os::unix::ffi::OsStrExt;
        let odd = PathBuf::from(std::ffi::OsStr::from_bytes(b"/tmp/caf\xe9.txt"));
        let file = FoundFile::new(odd.clone(), 1, 2);
        assert_eq!(file.path(), odd.as_path());
        assert_eq!(file.key, "/tmp/caf\\xE9.txt");
        let slashed = FoundFile::new(PathBuf::from("/tmp/a\\b.txt"), 1, 2);
        assert_eq!(slashed.path(), Path::new("/tmp/a\\b.txt"));
        assert_eq!(slashed.key, "/tmp/a\\\\b.txt");
        let plain = FoundFile::new(PathBuf::from("/tmp/cafe.txt"), 1, 2);
        assert_eq!(plain.path(), Path::new("/tmp/cafe.txt"));
        assert_eq!(plain.key, "/tmp/cafe.txt");
    }

    #[test]
    fn skips_hidden_and_unknown_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("2024/07")).unwrap();
        std::fs::write(root.join(".git/a.txt"), "x").unwrap();
        std::fs::write(root.join(".hidden.txt"), "x").unwrap();
        std::fs::write(root.join("2024/07/a.txt"), "x").unwrap();
        std::fs::write(root.join("image.png"), "x").unwrap();
        std::fs::write(root.join("b.jsonl"), "x").unwrap();
        let found: Vec<_> = walk(root, &WalkFilter::default())
            .files
            .iter()
            .map(|f| f.path().strip_prefix(root).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            found,
            vec![PathBuf::from("2024/07/a.txt"), PathBuf::from("b.jsonl")]
        );
    }

    #[test]
    fn a_saved_pages_resource_folder_is_counted_not_walked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("Story_files")).unwrap();
        std::fs::create_dir_all(root.join("Other_files")).unwrap();
        std::fs::write(root.join("Story.html"), "x").unwrap();
        std::fs::write(root.join("Story_files/disqus.html"), "x").unwrap();
        std::fs::write(root.join("Other_files/note.txt"), "x").unwrap();
        let walked = walk(root, &WalkFilter::default());
        let found: Vec<_> = walked
            .files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect();
        assert_eq!(
            found,
            vec![root.join("Other_files/note.txt"), root.join("Story.html")]
        );
        assert_eq!(walked.unread.by_kind.get(SAVED_PAGE_RESOURCES), Some(&1));
    }

    #[test]
    fn morgueignore_leaves_out_what_it_lists() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("drafts")).unwrap();
        std::fs::write(root.join(IGNORE_FILE), "README.md\ndrafts/\n").unwrap();
        std::fs::write(root.join("README.md"), "x").unwrap();
        std::fs::write(root.join("drafts/a.txt"), "x").unwrap();
        std::fs::write(root.join("story.md"), "x").unwrap();
        let found: Vec<_> = walk(root, &WalkFilter::default())
            .files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect();
        assert_eq!(found, vec![root.join("story.md")]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_reported_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/story.txt"), "x").unwrap();
        std::os::unix::fs::symlink(root, root.join("a/loop")).unwrap();
        let walk = walk(root, &WalkFilter::default());
        assert_eq!(walk.files.len(), 1);
        assert_eq!(walk.problems.len(), 1);
        assert!(matches!(
            &walk.problems[0],
            WalkProblem::Loop { ancestor: Some(a), child } if a == root && child == &root.join("a/loop")
        ));
    }

    /// A link to itself, and two links to each other, are loops the system reports
    /// (ELOOP) rather than the walk: the same problem as a link back to a parent folder.
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    #[test]
    fn every_kind_of_link_loop_is_one_problem() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::os::unix::fs::symlink(root, root.join("a/up")).unwrap();
        std::os::unix::fs::symlink("self.txt", root.join("self.txt")).unwrap();
        std::os::unix::fs::symlink("two", root.join("one")).unwrap();
        std::os::unix::fs::symlink("one", root.join("two")).unwrap();
        let walk = walk(root, &WalkFilter::default());
        assert_eq!(walk.problems.len(), 4, "{:?}", walk.problems);
        for problem in &walk.problems {
            assert_eq!(problem.label(), "symbolic link loop", "{problem:?}");
            assert_eq!(problem.to_string(), "symbolic link loop, not followed");
        }
    }
}

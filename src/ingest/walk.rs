//! Finding article files under the folders given to `ingest`.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use rayon::prelude::*;
use walkdir::{DirEntry, WalkDir};

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

/// Files found under one root, and the places the walk could not enter.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<FoundFile>,
    /// Paths the walk could not read, with why. Indexed files under them are kept,
    /// since their absence may only mean a permission problem.
    pub problems: Vec<(PathBuf, String)>,
}

/// The key under which a path is stored in the index: its lossless escape form.
pub fn path_key(path: &Path) -> String {
    crate::path_text::escape_path(path)
}

/// Name of the file, at the top of an ingested folder, that lists what to leave out
/// (gitignore syntax): a README or notes kept beside the articles, drafts.
pub const IGNORE_FILE: &str = ".morgueignore";

/// The patterns of `root/.morgueignore`; a broken pattern is reported and the rest kept.
fn ignore_rules(root: &Path, problems: &mut Vec<(PathBuf, String)>) -> Gitignore {
    let mut builder = GitignoreBuilder::new(root);
    let file = root.join(IGNORE_FILE);
    if file.is_file() {
        if let Some(error) = builder.add(&file) {
            problems.push((file, error.to_string()));
        }
    }
    builder.build().unwrap_or_else(|error| {
        problems.push((root.join(IGNORE_FILE), error.to_string()));
        Gitignore::empty()
    })
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

fn mtime_nanos(metadata: &std::fs::Metadata) -> i64 {
    metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .and_then(|age| i64::try_from(age.as_nanos()).ok())
        .unwrap_or(0)
}

/// Walks `root` (an absolute path), following symbolic links (walkdir reports a loop as an
/// error instead of following it), skipping hidden files and folders, what `.morgueignore`
/// lists, and files of formats morgue does not read.
pub fn walk(root: &Path) -> Walk {
    let mut walk = Walk::default();
    let ignored = ignore_rules(root, &mut walk.problems);
    let entries = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            !is_hidden(entry)
                && !ignored
                    .matched(entry.path(), entry.file_type().is_dir())
                    .is_ignore()
        });
    let mut article_entries = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                let reason = if error.loop_ancestor().is_some() {
                    "symbolic link loop, not followed".to_owned()
                } else {
                    error
                        .io_error()
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| error.to_string())
                };
                walk.problems.push((path, reason));
                continue;
            }
        };
        if entry.file_type().is_file() && format_for_path(entry.path()).is_some() {
            article_entries.push(entry);
        }
    }
    // Reading the directories is cheap; a stat per file is most of a re-ingest of an
    // unchanged archive, so those run on every core (the order stays the walk's).
    let stats: Vec<Result<FoundFile, (PathBuf, String)>> = article_entries
        .into_par_iter()
        .map(|entry| match entry.metadata() {
            Ok(metadata) => Ok(FoundFile::new(
                entry.into_path(),
                metadata.len(),
                mtime_nanos(&metadata),
            )),
            Err(error) => Err((entry.into_path(), error.to_string())),
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
        let found: Vec<_> = walk(root)
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
    fn morgueignore_leaves_out_what_it_lists() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("drafts")).unwrap();
        std::fs::write(root.join(IGNORE_FILE), "README.md\ndrafts/\n").unwrap();
        std::fs::write(root.join("README.md"), "x").unwrap();
        std::fs::write(root.join("drafts/a.txt"), "x").unwrap();
        std::fs::write(root.join("story.md"), "x").unwrap();
        let found: Vec<_> = walk(root)
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
        let walk = walk(root);
        assert_eq!(walk.files.len(), 1);
        assert_eq!(walk.problems.len(), 1);
        assert!(walk.problems[0].1.contains("loop"));
    }
}

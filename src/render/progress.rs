//! Ingest progress: a bar on a terminal, a line per file with `--verbose`, and every
//! skipped file and warning on stderr whatever the mode.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{display_disk_path, display_path};
use crate::ingest::walk::WalkProblem;
use crate::ingest::{FileChange, FileReport, IngestObserver};
use crate::path_text::{escape_text, Breaks};

/// How chatty an ingest is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Problems only.
    Quiet,
    /// A progress bar on a terminal, problems, a summary.
    Normal,
    /// A line per file as well.
    Verbose,
}

pub struct IngestProgress {
    bar: ProgressBar,
    verbosity: Verbosity,
    /// Bytes of files still being read that the bar counts already (web archives report
    /// as they go, so that one archive of gigabytes does not hold the bar still).
    counted_early: Mutex<HashMap<PathBuf, u64>>,
}

impl IngestProgress {
    pub fn new(verbosity: Verbosity) -> IngestProgress {
        let bar = if verbosity == Verbosity::Normal && std::io::stderr().is_terminal() {
            ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr())
        } else {
            ProgressBar::hidden()
        };
        let style = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        IngestProgress {
            bar,
            verbosity,
            counted_early: Mutex::default(),
        }
    }

    /// Every line names a file and often quotes it (a damaged record's header): escaped
    /// whole, as one line (paths are escaped already and pass unchanged).
    fn say(&self, line: String) {
        let line = escape_text(&line, Breaks::Escape);
        self.bar.suspend(|| eprintln!("{line}"));
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl IngestObserver for IngestProgress {
    fn reading(&self, _files: usize, bytes: u64) {
        self.bar.set_length(bytes);
        self.bar.enable_steady_tick(Duration::from_millis(200));
    }

    fn file_progress(&self, path: &Path, bytes: u64) {
        let Ok(mut counted) = self.counted_early.lock() else {
            return;
        };
        let so_far = counted.entry(path.to_path_buf()).or_default();
        self.bar.inc(bytes.saturating_sub(*so_far));
        *so_far = (*so_far).max(bytes);
    }

    fn file_done(&self, report: &FileReport) {
        let counted = self
            .counted_early
            .lock()
            .ok()
            .and_then(|mut counted| counted.remove(&report.path))
            .unwrap_or(0);
        self.bar.inc(report.bytes.saturating_sub(counted));
        for skipped in &report.skipped {
            self.say(format!(
                "skipped {}: {}",
                display_path(&skipped.path),
                skipped.problem
            ));
        }
        for warning in &report.warnings {
            self.say(format!(
                "warning: {}: {warning}",
                display_disk_path(&report.path)
            ));
        }
        if self.verbosity == Verbosity::Verbose {
            let what = match (report.change, report.indexed, report.duplicates) {
                (_, 0, 0) => return,
                (_, 0, _) => "duplicate",
                (FileChange::New, _, _) => "new",
                (FileChange::Changed, _, _) => "updated",
            };
            self.say(format!("{what:<9} {}", display_disk_path(&report.path)));
        }
    }

    fn walk_problem(&self, problem: &WalkProblem) {
        self.say(format!(
            "skipped {}: {problem}",
            display_disk_path(problem.path())
        ));
    }

    fn committing(&self) {
        self.bar.set_message("committing");
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn report(path: &str, bytes: u64) -> FileReport {
        FileReport {
            path: PathBuf::from(path),
            change: FileChange::New,
            bytes,
            indexed: 1,
            duplicates: 0,
            skipped: Vec::new(),
            skipped_before: Vec::new(),
            warnings: Vec::new(),
            removed: 0,
            passed_over: BTreeMap::new(),
        }
    }

    #[test]
    fn bytes_counted_while_a_file_is_read_are_not_counted_again() {
        let progress = IngestProgress::new(Verbosity::Quiet);
        progress.file_progress(Path::new("big.warc.gz"), 300);
        progress.file_progress(Path::new("big.warc.gz"), 700);
        assert_eq!(progress.bar.position(), 700);
        progress.file_done(&report("small.txt", 10));
        progress.file_done(&report("big.warc.gz", 1000));
        assert_eq!(progress.bar.position(), 1010);
        progress.file_progress(Path::new("other.warc"), 50);
        progress.file_done(&report("other.warc", 40));
        assert_eq!(progress.bar.position(), 1060);
    }
}

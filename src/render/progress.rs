//! Ingest progress: a bar on a terminal, a line per file with `--verbose`, and every
//! skipped file and warning on stderr whatever the mode.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{display_disk_path, display_path};
use crate::ingest::walk::WalkProblem;
use crate::ingest::{FileChange, FileReport, IngestObserver};

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
        IngestProgress { bar, verbosity }
    }

    fn say(&self, line: String) {
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

    fn file_done(&self, report: &FileReport) {
        self.bar.inc(report.bytes);
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

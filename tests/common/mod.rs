//! Helpers for end-to-end tests: run the real `morgue` binary on copies of the fixtures.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_morgue");

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archive")
}

/// Copies a folder tree (files and folders only).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", self.stdout, self.stderr))
    }
}

fn finish(output: Output) -> Run {
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A scratch workspace: a copy of the fixture archive and an index folder.
pub struct Workspace {
    pub dir: TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixtures(), &dir.path().join("archive"));
        Workspace { dir }
    }

    pub fn empty() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn archive(&self) -> PathBuf {
        self.dir.path().join("archive")
    }

    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// morgue in the workspace folder with its index, ready for arguments.
    fn command(&self) -> Command {
        let mut command = Command::new(BIN);
        command
            .current_dir(self.dir.path())
            .env_remove("NO_COLOR")
            .env_remove("MORGUE_INDEX")
            .arg("--index")
            .arg(self.index());
        command
    }

    /// Runs morgue in the workspace folder with its index.
    pub fn run(&self, args: &[&str]) -> Run {
        finish(self.command().args(args).output().unwrap())
    }

    /// Runs morgue with arguments that need not be UTF-8, and checks that everything it
    /// printed is UTF-8 (paths that are not are printed escaped).
    pub fn run_os(&self, args: &[&OsStr]) -> Run {
        let output = self.command().args(args).output().unwrap();
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    pub fn ingest(&self) -> Run {
        let run = self.run(&["ingest", "archive"]);
        assert_eq!(run.code, 0, "ingest failed: {}", run.stderr);
        run
    }

    pub fn search_json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["search", "--json"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert!(
            run.code == 0 || run.code == 1,
            "search failed: {}",
            run.stderr
        );
        run.json()
    }

    /// Paths of the hits of a search, relative to the archive.
    pub fn hit_paths(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec!["--limit", "100"];
        all.extend_from_slice(args);
        let json = self.search_json(&all);
        let mut paths: Vec<String> = json["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|hit| {
                let path = hit["path"].as_str().unwrap();
                path.strip_prefix("archive/").unwrap_or(path).to_owned()
            })
            .collect();
        paths.sort();
        paths
    }
}

/// One workspace with the fixture archive ingested, shared by read-only tests.
pub fn ingested() -> &'static Workspace {
    static WORKSPACE: OnceLock<Workspace> = OnceLock::new();
    WORKSPACE.get_or_init(|| {
        let workspace = Workspace::new();
        workspace.ingest();
        workspace
    })
}

/// The counts of the ingest summary line, by name ("new", "updated", ...).
pub fn summary_count(stderr: &str, name: &str) -> usize {
    let line = stderr
        .lines()
        .find(|line| line.contains(" new, ") && line.contains(" unchanged"))
        .unwrap_or_else(|| panic!("no summary in: {stderr}"));
    line.split(", ")
        .find_map(|part| {
            let (count, what) = part.trim().split_once(' ')?;
            what.trim_start()
                .starts_with(name)
                .then(|| count.parse().ok())
                .flatten()
        })
        .unwrap_or_else(|| panic!("no {name} in: {line}"))
}

/// A running `morgue serve` over a workspace's index, on a free loopback port. Killed when
/// dropped; [`Server::interrupt`] stops it as Ctrl-C would.
pub struct Server {
    child: std::process::Child,
    pub url: String,
}

impl Server {
    pub fn start(workspace: &Workspace) -> Server {
        use std::io::BufRead;
        let mut child = Command::new(BIN)
            .current_dir(workspace.dir.path())
            .env_remove("MORGUE_INDEX")
            .arg("--index")
            .arg(workspace.index())
            .args(["serve", "--port", "0"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split(" at ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no URL in the first line: {line:?}"))
            .trim_end_matches('/')
            .to_owned();
        Server { child, url }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGINT and waits for the server to stop.
    pub fn interrupt(mut self) -> std::process::ExitStatus {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        self.child.wait().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

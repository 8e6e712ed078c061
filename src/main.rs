//! The `morgue` command: parses arguments, calls the library, prints, and exits as grep
//! does (0 found, 1 nothing found, 2 error).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use morgue::calendar::DATE_EXAMPLES;
use morgue::ingest::walk::WalkFilter;
use morgue::ingest::{ingest, IngestOptions};
use morgue::path_text::{escape_text, Breaks};
use morgue::render::progress::{IngestProgress, Verbosity};
use morgue::render::terminal::{self, Palette};
use morgue::render::{json, ColorChoice};
use morgue::search::limits;
use morgue::search::{search, FilterText, SearchRequest, SortOrder};
use morgue::timeline::{Bucket, DateBasis};
use morgue::{people, show, stats, timeline, ArchiveIndex};

/// A searchable local news archive: ingest folders of dated article files, then search
/// them by words, phrases, people and dates.
#[derive(Parser)]
#[command(name = "morgue", version, about, max_term_width = 100)]
struct Cli {
    /// Index folder [default: $MORGUE_INDEX, else ./index].
    // Read from the environment here rather than by clap's `env`: clap counts a value from
    // the environment as given, and then shows `--index <DIR>` in every usage line as if
    // it were required.
    #[arg(long, global = true, value_name = "DIR")]
    index: Option<PathBuf>,

    /// When to colour output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    color: Color,

    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum Sort {
    Relevance,
    Newest,
    Oldest,
}

/// Filters shared by `search`, `people` and `timeline`, as the page and the API take them.
#[derive(Args)]
struct Filters {
    #[arg(long, value_name = "DATE", help = format!(
        "Published on or after the first day of DATE: {DATE_EXAMPLES}"
    ))]
    from: Option<String>,
    #[arg(long, value_name = "DATE", help = format!(
        "Published on or before the last day of DATE (2025-03 includes 31 March): {DATE_EXAMPLES}"
    ))]
    to: Option<String>,
    /// Only articles naming this person (full name or surname); repeat for several.
    #[arg(long, value_name = "NAME")]
    person: Vec<String>,
    #[arg(long, value_name = "DATE|FROM..TO", help = format!(
        "Only articles that mention a date inside DATE or FROM..TO (either end may be left \
         open: 2020..), each {DATE_EXAMPLES}"
    ))]
    mentions: Option<String>,
}

impl Filters {
    /// The checked request for these filters and `query` (the same checks as the API's).
    fn request(self, query: String) -> morgue::Result<SearchRequest> {
        FilterText {
            query,
            from: self.from,
            to: self.to,
            people: self.person,
            mentions: self.mentions,
        }
        .request()
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum By {
    Year,
    Month,
}

/// Which dates of an article place it on the timeline.
#[derive(Clone, Copy, ValueEnum)]
enum Dates {
    /// Its publication date.
    Published,
    /// Each date it mentions (an article mentioning several periods counts in each).
    Mentioned,
}

#[derive(Subcommand)]
enum Command {
    /// Index the article files under one or more folders (incremental: unchanged files are
    /// skipped, changed ones re-indexed, deleted ones removed).
    Ingest {
        /// Folders to index.
        #[arg(required = true, value_name = "DIR")]
        folders: Vec<PathBuf>,
        /// Forget the index and index the folders anew.
        #[arg(long)]
        rebuild: bool,
        /// Print only problems and the summary.
        #[arg(short, long, conflicts_with = "verbose")]
        quiet: bool,
        /// Print a line per file.
        #[arg(short, long)]
        verbose: bool,
        /// Commit at least this often (seconds of work), and every 50,000 files: an
        /// interrupted ingest loses at most this much. Shorter means more, smaller
        /// segments to merge.
        #[arg(long, value_name = "SECONDS", default_value_t = 60)]
        commit_interval: u64,
        /// Only files whose path under the folder matches GLOB (repeatable; `*` crosses
        /// folders: `--include '2025/*'`, `--include '*.html'`).
        #[arg(long, value_name = "GLOB", value_parser = glob_arg)]
        include: Vec<String>,
        /// Leave out files and folders whose path under the folder matches GLOB
        /// (repeatable), as `.morgueignore` does: `--exclude 'drafts/*'`.
        #[arg(long, value_name = "GLOB", value_parser = glob_arg)]
        exclude: Vec<String>,
    },
    /// Search the archive: all words must match; OR, -word, "a phrase", word*, title:,
    /// person: work.
    Search {
        /// What to look for (may be empty when filters are given).
        #[arg(value_name = "QUERY", allow_hyphen_values = true)]
        query: String,
        #[command(flatten)]
        filters: Filters,
        /// Order of results.
        #[arg(long, value_enum, default_value_t = Sort::Relevance)]
        sort: Sort,
        /// Number of results.
        #[arg(long, short = 'n', default_value_t = 10, value_parser = page_bound)]
        limit: usize,
        /// Results to skip (for paging).
        #[arg(long, default_value_t = 0, value_parser = page_bound)]
        offset: usize,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// The people most named in the matching articles, with article counts.
    People {
        /// Search words (all articles when left out).
        #[arg(value_name = "QUERY", default_value = "", allow_hyphen_values = true)]
        query: String,
        #[command(flatten)]
        filters: Filters,
        /// Number of people.
        #[arg(long, short = 'n', default_value_t = 20)]
        limit: usize,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Matching articles per year or month, as a bar chart.
    Timeline {
        /// Search words (all articles when left out).
        #[arg(value_name = "QUERY", default_value = "", allow_hyphen_values = true)]
        query: String,
        #[command(flatten)]
        filters: Filters,
        /// Length of a bar.
        #[arg(long, value_enum, default_value_t = By::Year)]
        by: By,
        /// Count the articles by their publication date, or by the dates they mention.
        #[arg(long, value_enum, default_value_t = Dates::Published)]
        dates: Dates,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Show one article with all its fields and mentions.
    Show {
        /// A path as ingested or as `search` prints it (`file.jsonl:3` for a JSON-lines
        /// entry), or an article id.
        #[arg(value_name = "PATH|ID")]
        target: std::ffi::OsString,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// What the archive holds: counts, dates, size, top people, articles per year.
    Stats,
    /// Serve a web page and a JSON API over the index (read-only; follows a running ingest).
    Serve {
        /// Address to listen on; anything but loopback exposes the archive to the network.
        #[arg(long, default_value = "127.0.0.1", value_name = "IP")]
        bind: std::net::IpAddr,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 7878)]
        port: u16,
    },
    /// Print a shell completion script (e.g. `morgue completions bash > ~/.local/share/bash-completion/completions/morgue`).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

fn main() -> ExitCode {
    // Clap exits with 2 on bad arguments, as grep does.
    let cli = Cli::parse();
    let index = index_folder(cli.index.clone());
    // Tantivy can panic on a corrupted segment instead of returning an error: the panic is
    // turned into one line saying what is damaged (or that it is a bug), exit 2.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some("main") {
            default_hook(info);
        }
    }));
    let outcome =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli, index.clone())));
    let outcome = outcome.unwrap_or_else(|panic| {
        let message = morgue::ingest::panic_message(panic.as_ref());
        Err(morgue::index::explain_panic(&index, &message).into())
    });
    match outcome {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            // Messages quote files and queries: escaped, so they cannot drive the terminal.
            let line = one_line(&error);
            eprintln!("morgue: {}", escape_text(&line, Breaks::Escape));
            ExitCode::from(2)
        }
    }
}

/// `--index`, else `$MORGUE_INDEX` (when not empty), else `./index`.
fn index_folder(flag: Option<PathBuf>) -> PathBuf {
    flag.or_else(|| {
        std::env::var_os("MORGUE_INDEX")
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
    })
    .unwrap_or_else(|| PathBuf::from("index"))
}

/// The error and its causes on one line, leaving out a cause the message already quotes
/// (the library's messages include their source).
fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if !line.contains(&text) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&text);
        }
    }
    line
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

fn print(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

/// `--include` and `--exclude`: a glob that parses.
fn glob_arg(value: &str) -> Result<String, String> {
    WalkFilter::new(&[value.to_owned()], &[])
        .map(|_| value.to_owned())
        .map_err(|error| error.to_string())
}

/// `--limit` and `--offset`: the API's bound too, so both accept the same pages.
fn page_bound(value: &str) -> Result<usize, String> {
    let number: usize = value
        .parse()
        .map_err(|_| format!("{value:?} is not a whole number"))?;
    if number > limits::MAX_OFFSET {
        return Err(format!("at most {}", limits::MAX_OFFSET));
    }
    Ok(number)
}

/// 0 when something was found, 1 when nothing was, as grep.
fn found(count: usize) -> ExitCode {
    if count > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn run(cli: Cli, index: PathBuf) -> anyhow::Result<ExitCode> {
    let palette = Palette {
        enabled: match cli.color {
            Color::Auto => ColorChoice::Auto,
            Color::Always => ColorChoice::Always,
            Color::Never => ColorChoice::Never,
        }
        .enabled(),
    };
    match cli.command {
        Command::Ingest {
            folders,
            rebuild,
            quiet,
            verbose,
            commit_interval,
            include,
            exclude,
        } => {
            let verbosity = match (quiet, verbose) {
                (true, _) => Verbosity::Quiet,
                (_, true) => Verbosity::Verbose,
                _ => Verbosity::Normal,
            };
            let progress = IngestProgress::new(verbosity);
            let options = IngestOptions {
                rebuild,
                commit_interval: std::time::Duration::from_secs(commit_interval),
                filter: WalkFilter::new(&include, &exclude).map_err(anyhow::Error::msg)?,
                ..IngestOptions::default()
            };
            let summary = ingest(&index, &folders, &options, &progress);
            progress.finish();
            let summary = summary?;
            eprint!("{}", terminal::ingest_summary(&summary));
            Ok(ExitCode::SUCCESS)
        }
        Command::Search {
            query,
            filters,
            sort,
            limit,
            offset,
            json,
        } => {
            let request = SearchRequest {
                sort: match sort {
                    Sort::Relevance => SortOrder::Relevance,
                    Sort::Newest => SortOrder::Newest,
                    Sort::Oldest => SortOrder::Oldest,
                },
                limit,
                offset,
                ..filters.request(query)?
            };
            let archive = ArchiveIndex::open(&index)?;
            let response = search(&archive, &request)?;
            eprint!("{}", terminal::search_notes(&response));
            if json {
                print(&(json::search_json(&response) + "\n"))?;
            } else {
                print(&terminal::search_results(&response, offset, &palette))?;
            }
            Ok(found(response.total))
        }
        Command::People {
            query,
            filters,
            limit,
            json,
        } => {
            let request = SearchRequest {
                limit,
                ..filters.request(query)?
            };
            let archive = ArchiveIndex::open(&index)?;
            let counts = people::people(&archive, &request)?;
            eprint!("{}", terminal::close_match_note(&counts.fuzzy));
            if json {
                print(&(json::people_json(&request.query, &counts) + "\n"))?;
            } else {
                print(&terminal::people(&counts, &palette))?;
            }
            Ok(found(counts.articles))
        }
        Command::Timeline {
            query,
            filters,
            by,
            dates,
            json,
        } => {
            let request = filters.request(query)?;
            let bucket = match by {
                By::Year => Bucket::Year,
                By::Month => Bucket::Month,
            };
            let basis = match dates {
                Dates::Published => DateBasis::Published,
                Dates::Mentioned => DateBasis::Mentioned,
            };
            let archive = ArchiveIndex::open(&index)?;
            let timeline = timeline::timeline(&archive, &request, bucket, basis)?;
            eprint!("{}", terminal::close_match_note(&timeline.fuzzy));
            if json {
                print(&(json::timeline_json(&request.query, &timeline) + "\n"))?;
            } else {
                print(&terminal::timeline(&timeline, &palette))?;
            }
            Ok(found(timeline.articles))
        }
        Command::Show { target, json } => {
            let archive = ArchiveIndex::open(&index)?;
            let details = show::show(&archive, &target)?;
            if json {
                print(&(json::show_json(&details) + "\n"))?;
            } else {
                print(&terminal::article_details(&details, &palette))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "morgue", &mut script);
            print(&String::from_utf8_lossy(&script))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { bind, port } => {
            let archive = ArchiveIndex::open_following_commits(&index)?;
            let index = index.display().to_string();
            morgue::serve::serve(archive, (bind, port).into(), |addr| {
                let shown = if addr.ip().is_unspecified() {
                    format!("localhost:{}", addr.port())
                } else {
                    addr.to_string()
                };
                // Printed at once, flushed: scripts wait for this line to know the port.
                println!("morgue: serving {index} at http://{shown}/ (Ctrl-C to stop)");
                use std::io::Write;
                let _ = std::io::stdout().flush();
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats => {
            let archive = ArchiveIndex::open(&index)?;
            let stats = stats::stats(&archive).context("reading the index")?;
            print(&terminal::stats(&stats, &index, &palette))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

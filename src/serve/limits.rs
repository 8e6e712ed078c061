//! How much one client may ask of `morgue serve`, in one place. The server is meant for one
//! person's browser on loopback, but any web page that person opens can send requests to
//! it, and a stuck script can open hundreds of connections; these bounds keep it answering
//! everyone else.

use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};

use crate::error::{MorgueError, Result};

/// Connections open at once. Beyond it, new ones wait in the kernel's listen queue until a
/// slot frees. Each costs a task, a few KiB of buffers and a file descriptor; 1,024 covers a
/// load test with 1,000 clients, while a browser opens six per host.
pub const MAX_CONNECTIONS: usize = 1024;

/// File descriptors kept free beside the connections: the listener, the standard streams,
/// index files being opened, a reload after a commit.
pub const RESERVED_FILES: u64 = 64;

/// How long a client may take to send a request head, and how long a kept-alive connection
/// may sit idle before the next one. A browser sends its head at once; a client dribbling
/// bytes (slowloris) is cut here and its slot freed.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a write to a client may make no progress before the connection is closed: a
/// client that stops reading its answer would otherwise hold its slot for good.
pub const WRITE_STALL_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a request may take from its head to its answer, waiting for an index worker
/// included; past it the answer is 503 with `Retry-After`. The index work itself is not
/// interrupted (Tantivy cannot be), but it holds its worker slot, so work stays bounded.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Seconds a client is told to wait (`Retry-After`) after a 503.
pub const RETRY_AFTER_SECONDS: u32 = 1;

/// The longest URL (path and query) answered: every parameter the page sends fits many
/// times over; a longer one gets 414.
pub const MAX_URL_BYTES: usize = 16 * 1024;

/// The most header bytes (names, values and separators, the request line excluded); more
/// gets 431. Browsers send about 1 KiB, and refuse cookies past 4 KiB each.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Most header fields in one request (hyper's default is 100); more gets 431.
pub const MAX_HEADER_COUNT: usize = 100;

/// The most bytes of one request head hyper keeps while parsing it, per connection. Larger
/// than the two limits above so that a long URL is seen whole and answered 414 rather than
/// cut off; a head that does not end within it is answered 431 by hyper.
pub const MAX_HEAD_BYTES: usize = 1024 * 1024;

/// How long a stop (Ctrl-C, SIGTERM) waits for open requests to be answered before it
/// closes what is left.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The limits that can be tuned without a rebuild, through the environment (read once at
/// start): for a machine that needs more connections, and for tests that cannot wait ten
/// seconds for a timeout.
#[derive(Debug, Clone, PartialEq)]
pub struct Tunable {
    /// `MORGUE_SERVE_MAX_CONNECTIONS`, default [`MAX_CONNECTIONS`].
    pub max_connections: usize,
    /// `MORGUE_SERVE_HEADER_TIMEOUT` in seconds, default [`HEADER_READ_TIMEOUT`].
    pub header_read_timeout: Duration,
    /// `MORGUE_SERVE_SHUTDOWN_GRACE` in seconds, default [`SHUTDOWN_GRACE`].
    pub shutdown_grace: Duration,
}

impl Default for Tunable {
    fn default() -> Tunable {
        Tunable {
            max_connections: MAX_CONNECTIONS,
            header_read_timeout: HEADER_READ_TIMEOUT,
            shutdown_grace: SHUTDOWN_GRACE,
        }
    }
}

impl Tunable {
    /// The defaults, with what the environment sets instead; a value that is not a
    /// positive number is an error naming the variable.
    pub fn from_env() -> Result<Tunable> {
        Tunable::from_lookup(|name| std::env::var(name).ok())
    }

    fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Tunable> {
        let mut tunable = Tunable::default();
        let number = |name: &str| -> Result<Option<f64>> {
            let Some(text) = lookup(name) else {
                return Ok(None);
            };
            match text.trim().parse::<f64>() {
                Ok(value) if value > 0.0 && value.is_finite() && value < 1e9 => Ok(Some(value)),
                _ => Err(MorgueError::BadOption {
                    option: name.to_owned(),
                    reason: format!("{text:?} is not a positive number"),
                }),
            }
        };
        if let Some(count) = number("MORGUE_SERVE_MAX_CONNECTIONS")? {
            // At least one connection, or nothing would ever be answered.
            tunable.max_connections = (count as usize).max(1);
        }
        if let Some(seconds) = number("MORGUE_SERVE_HEADER_TIMEOUT")? {
            tunable.header_read_timeout = Duration::from_secs_f64(seconds);
        }
        if let Some(seconds) = number("MORGUE_SERVE_SHUTDOWN_GRACE")? {
            tunable.shutdown_grace = Duration::from_secs_f64(seconds);
        }
        Ok(tunable)
    }

    /// Raises the soft limit on open files to the hard one (many desktops start programs
    /// with 1,024, below the connection cap plus the files the server needs), then lowers
    /// the cap to what fits, so a full server makes clients wait rather than fail
    /// accepts. Returns the limit when the cap had to come down.
    pub fn fit_open_files(&mut self) -> Option<u64> {
        #[cfg(unix)]
        {
            let limit = rlimit::increase_nofile_limit(u64::MAX).ok()?;
            let fitting = connections_within(self.max_connections, limit);
            if fitting < self.max_connections {
                self.max_connections = fitting;
                return Some(limit);
            }
        }
        None
    }
}

/// The connection cap that leaves [`RESERVED_FILES`] of `open_files` free (at least one).
fn connections_within(cap: usize, open_files: u64) -> usize {
    let room = open_files.saturating_sub(RESERVED_FILES).max(1);
    cap.min(usize::try_from(room).unwrap_or(usize::MAX))
}

/// The text an article's page shows and marks up: a long article is shown up to here, with
/// a link to its whole text (`/articles/{id}/text`), so that a page of a 64 MiB article
/// costs what a page of a long feature does and holds an index worker for milliseconds.
pub const ARTICLE_PAGE_BYTES: usize = 512 << 10;

/// Searches and article reads running at once on the blocking pool: one per core, since
/// the work is CPU-bound and more would only add memory (each holds its collectors and
/// documents). Other requests wait their turn, at most one per open connection.
pub fn index_workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().max(2))
}

/// Why a request head is refused before any route sees it, if it is.
pub fn check_head(url_bytes: usize, headers: &HeaderMap) -> Option<(StatusCode, String)> {
    if url_bytes > MAX_URL_BYTES {
        return Some((
            StatusCode::URI_TOO_LONG,
            format!("the URL is {url_bytes} bytes long; at most {MAX_URL_BYTES} are accepted"),
        ));
    }
    let header_bytes = header_bytes(headers);
    if header_bytes > MAX_HEADER_BYTES {
        return Some((
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!(
                "the headers are {header_bytes} bytes long; at most {MAX_HEADER_BYTES} are accepted"
            ),
        ));
    }
    None
}

/// Header bytes as sent: `name: value\r\n` for each.
fn header_bytes(headers: &HeaderMap) -> usize {
    headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_cap_leaves_room_for_the_servers_own_files() {
        assert_eq!(connections_within(1024, 1024), 960);
        assert_eq!(connections_within(1024, 524_288), 1024);
        assert_eq!(connections_within(1024, 10), 1);
        assert_eq!(connections_within(8, u64::MAX), 8);
    }

    #[test]
    fn long_urls_and_headers_are_told_apart() {
        let mut headers = HeaderMap::new();
        headers.insert("host", HeaderValue::from_static("localhost"));
        assert_eq!(check_head(MAX_URL_BYTES, &headers), None);
        let (status, _) = check_head(MAX_URL_BYTES + 1, &headers).unwrap();
        assert_eq!(status, StatusCode::URI_TOO_LONG);
        let big = HeaderValue::from_str(&"x".repeat(MAX_HEADER_BYTES)).unwrap();
        headers.insert("cookie", big);
        let (status, message) = check_head(10, &headers).unwrap();
        assert_eq!(status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
        assert!(message.contains("at most 65536"), "{message}");
    }

    #[test]
    fn the_environment_tunes_or_is_refused() {
        let lookup = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Tunable::from_lookup(lookup(&[])).unwrap(),
            Tunable::default()
        );
        let tuned = Tunable::from_lookup(lookup(&[
            ("MORGUE_SERVE_MAX_CONNECTIONS", "8"),
            ("MORGUE_SERVE_HEADER_TIMEOUT", "0.5"),
        ]))
        .unwrap();
        assert_eq!(tuned.max_connections, 8);
        assert_eq!(tuned.header_read_timeout, Duration::from_millis(500));
        assert_eq!(tuned.shutdown_grace, SHUTDOWN_GRACE);
        for bad in ["0", "-1", "soon", "inf", "NaN"] {
            let pairs: &'static [(&'static str, &'static str)] =
                Box::leak(Box::new([("MORGUE_SERVE_SHUTDOWN_GRACE", bad)]));
            let error = Tunable::from_lookup(lookup(pairs)).unwrap_err();
            assert!(
                error.to_string().contains("MORGUE_SERVE_SHUTDOWN_GRACE"),
                "{error}"
            );
        }
    }

    #[test]
    fn the_head_buffer_holds_a_whole_refused_head() {
        const { assert!(MAX_HEAD_BYTES > MAX_URL_BYTES + MAX_HEADER_BYTES) };
        assert!(index_workers() >= 2);
    }
}

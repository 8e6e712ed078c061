//! `morgue serve` end to end: the real binary on a free loopback port over the fixture
//! archive, asked over HTTP.

mod common;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{Server, Workspace};
use serde_json::Value;

/// An article whose text is markup, to prove the page shows it as text.
const HOSTILE: &str = " date 2024-05-02 \n\nA <script>alert('owned')</script> note from Margaret Thatcher\n\nMargaret Thatcher wrote <img src=x onerror=alert(1)> on 3 May 2024 about the harbour.\n";

/// The fixture archive plus the hostile article, ingested once for the read-only tests.
fn workspace() -> &'static Workspace {
    static WORKSPACE: OnceLock<Workspace> = OnceLock::new();
    WORKSPACE.get_or_init(|| {
        let workspace = Workspace::new();
        std::fs::write(workspace.archive().join("hostile.txt"), HOSTILE).unwrap();
        workspace.ingest();
        workspace
    })
}

/// A server per test, so that each is stopped when its test ends (a server kept in a
/// static would outlive the test process).
struct Served {
    workspace: &'static Workspace,
    server: Server,
}

impl Served {
    fn start() -> Served {
        let workspace = workspace();
        Served {
            workspace,
            server: Server::start(workspace),
        }
    }

    fn get(&self, path: &str) -> Reply {
        request(&format!("{}{path}", self.server.url), None)
    }

    /// The id of the article whose text is markup.
    fn hostile_id(&self) -> String {
        let search = self.get("/api/search?q=thatcher+script").json();
        search["hits"][0]["id"].as_str().unwrap().to_owned()
    }
}

struct Reply {
    status: u16,
    content_type: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

fn request(url: &str, host: Option<&str>) -> Reply {
    let mut call = agent().get(url);
    if let Some(host) = host {
        call = call.header("Host", host);
    }
    let mut response = call.call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    Reply {
        status: response.status().as_u16(),
        content_type: response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        headers,
        body: response.body_mut().read_to_string().unwrap(),
    }
}

/// The JSON without the one field that differs between two runs of the same search.
fn without_timing(mut json: Value) -> Value {
    json.as_object_mut().unwrap().remove("took_ms");
    json
}

#[test]
fn api_search_answers_as_the_command_line_does() {
    let served = Served::start();
    for (path, args) in [
        ("/api/search?q=thatcher", vec!["thatcher"]),
        (
            "/api/search?q=&person=Margaret+Thatcher&sort=newest&limit=3&offset=1",
            vec![
                "",
                "--person",
                "Margaret Thatcher",
                "--sort",
                "newest",
                "--limit",
                "3",
                "--offset",
                "1",
            ],
        ),
        (
            "/api/search?q=harbour&from=2024&to=2024-12&mentions=2024-05",
            vec![
                "harbour",
                "--from",
                "2024",
                "--to",
                "2024-12",
                "--mentions",
                "2024-05",
            ],
        ),
    ] {
        let reply = served.get(path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        assert_eq!(reply.content_type, "application/json");
        let cli = served.workspace.search_json(&args);
        assert_eq!(without_timing(reply.json()), without_timing(cli), "{path}");
    }
}

#[test]
fn api_search_finds_what_it_should() {
    let served = Served::start();
    let json = served.get("/api/search?q=%22Margaret+Thatcher%22").json();
    assert!(json["total"].as_u64().unwrap() >= 1);
    let hit = &json["hits"][0];
    assert!(hit["snippet"].as_str().unwrap().contains("Thatcher"));
    assert!(!hit["highlights"].as_array().unwrap().is_empty());
}

#[test]
fn bad_parameters_get_400_naming_the_parameter() {
    let served = Served::start();
    for (path, parameter) in [
        ("/api/search?q=x&limit=ten", "limit"),
        ("/api/search?q=x&limit=0", "limit"),
        ("/api/search?q=x&limit=100000", "limit"),
        ("/api/search?q=x&offset=-1", "offset"),
        ("/api/search?q=x&from=March", "from"),
        ("/api/search?q=x&to=2024-13", "to"),
        ("/api/search?q=x&from=2025&to=2024", "to"),
        ("/api/search?q=x&mentions=soon", "mentions"),
        ("/api/search?q=x&sort=best", "sort"),
        ("/api/search?q=x&form=2024", "form"),
        ("/api/search?q=a&q=b", "q"),
        ("/api/search?q=%22unclosed", "q"),
        ("/api/search?q=x&person=%21%21%21", "person"),
        ("/api/people?limit=x", "limit"),
        ("/api/timeline?by=week", "by"),
        ("/api/timeline?dates=someday", "dates"),
        ("/api/timeline?sort=newest", "sort"),
    ] {
        let reply = served.get(path);
        assert_eq!(reply.status, 400, "{path}: {}", reply.body);
        let json = reply.json();
        assert_eq!(json["parameter"], parameter, "{path}: {json}");
        assert!(!json["error"].as_str().unwrap().is_empty());
    }
}

#[test]
fn articles_are_found_by_id_only() {
    let served = Served::start();
    let id = served.hostile_id();
    let reply = served.get(&format!("/api/articles/{id}"));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let article = reply.json();
    assert_eq!(article["id"], id.as_str());
    assert!(article["title"].as_str().unwrap().contains("<script>"));
    assert!(article["body"].as_str().unwrap().contains("<img src=x"));
    let people = article["person_mentions"].as_array().unwrap();
    assert!(people.iter().any(|m| m["name"] == "Margaret Thatcher"));
    let dates = article["date_mentions"].as_array().unwrap();
    assert!(dates.iter().any(|m| m["value"] == "2024-05-03"));

    for missing in [
        "/api/articles/00000000000000000000000000000000",
        "/api/articles/not-an-id",
        "/api/articles/..%2F..%2Fetc%2Fpasswd",
        "/api/articles/hostile.txt",
        "/api/nothing-here",
    ] {
        let reply = served.get(missing);
        assert_eq!(reply.status, 404, "{missing}: {}", reply.body);
        assert!(reply.json()["error"].is_string());
    }
}

#[test]
fn people_and_timeline_answer_as_the_command_line_does() {
    let served = Served::start();
    let api = served.get("/api/people?q=&limit=5").json();
    let cli = served.workspace.run(&["people", "--json", "--limit", "5"]);
    assert_eq!(api, cli.json());
    assert!(!api["people"].as_array().unwrap().is_empty());

    let api = served.get("/api/timeline?by=month&person=Thatcher").json();
    let cli = served.workspace.run(&[
        "timeline", "--json", "--by", "month", "--person", "Thatcher",
    ]);
    assert_eq!(api, cli.json());
    assert_eq!(api["by"], "month");
}

#[test]
fn the_page_searches_without_javascript() {
    let served = Served::start();
    let reply = served.get("/?q=thatcher&sort=newest");
    assert_eq!(reply.status, 200);
    assert!(reply.content_type.starts_with("text/html"));
    let html = reply.body;
    assert!(html.contains("<mark>Thatcher</mark>"), "{html}");
    assert!(html.contains(r#"<option value="newest" selected>"#));
    // The people panel links add a person filter to the same search.
    assert!(html.contains("href=\"/?q=thatcher&amp;person=Margaret+Thatcher&amp;sort=newest\""));
    // The timeline's bars link to their period.
    assert!(html.contains("<svg class=\"bars\""));
    assert!(
        html.contains("<a href=\"/?q=thatcher&amp;from=2024"),
        "{html}"
    );
}

#[test]
fn a_person_filter_shows_as_a_removable_chip() {
    let served = Served::start();
    let html = served.get("/?q=&person=Margaret+Thatcher").body;
    assert!(html.contains("class=\"chip person\""), "{html}");
    assert!(html.contains("name=\"person\" value=\"Margaret Thatcher\""));
    assert!(html.contains("<a class=\"chip person\" href=\"/?\""));
}

#[test]
fn article_text_is_shown_as_text() {
    let served = Served::start();
    let id = served.hostile_id();
    for path in [
        "/?q=thatcher+script".to_owned(),
        format!("/articles/{id}?q=thatcher"),
    ] {
        let html = served.get(&path).body;
        assert!(!html.contains("<script>alert"), "{path}: {html}");
        assert!(!html.contains("<img src=x"), "{path}");
        assert!(html.contains("&lt;script&gt;"), "{path}");
    }
    let html = served.get(&format!("/articles/{id}?q=thatcher")).body;
    assert!(html.contains(r#"<mark class="person" title="Margaret Thatcher">"#));
    assert!(html.contains(r#"title="2024-05-03 (day)" data-value="2024-05-03">3 May 2024</mark>"#));
    assert!(html.contains("date from header"));
    assert!(
        html.contains("href=\"/?q=thatcher\""),
        "way back to the search"
    );
}

#[test]
fn bad_input_on_the_page_is_explained() {
    let served = Served::start();
    let reply = served.get("/?q=x&from=someday");
    assert_eq!(reply.status, 400);
    assert!(reply.body.contains("role=\"alert\""));
    assert!(reply.body.contains("<strong>from</strong>"));
    let html = served.get("/?q=thatcher&page=999").body;
    assert!(html.contains("page 999 is past the last one"), "{html}");
    let reply = served.get("/?q=thatcher&page=0");
    assert_eq!(reply.status, 400);
    assert!(reply.body.contains("<strong>page</strong>"));
    let reply = served.get("/articles/00000000000000000000000000000000");
    assert_eq!(reply.status, 404);
    assert!(reply.content_type.starts_with("text/html"));
    assert_eq!(served.get("/nowhere").status, 404);
}

#[test]
fn assets_are_embedded_and_the_page_loads_nothing_else() {
    let served = Served::start();
    let html = served.get("/").body;
    for asset in ["style.css", "app.js", "favicon.svg"] {
        let start = html
            .find(&format!("/assets/{asset}?v="))
            .unwrap_or_else(|| panic!("no link to {asset}"));
        let link: String = html[start..].chars().take_while(|c| *c != '"').collect();
        let reply = served.get(&link);
        assert_eq!(reply.status, 200, "{link}");
        assert!(reply.header("cache-control").unwrap().contains("immutable"));
    }
    assert!(!html.contains("http://") && !html.contains("https://"));
    let policy = served
        .get("/")
        .header("content-security-policy")
        .unwrap()
        .to_owned();
    assert!(policy.contains("default-src 'none'"));
}

#[test]
fn requests_for_other_host_names_are_refused() {
    let served = Served::start();
    let url = format!("{}/api/search?q=thatcher", served.server.url);
    assert_eq!(request(&url, Some("attacker.example")).status, 403);
    let port = url.split(':').nth(2).unwrap().split('/').next().unwrap();
    assert_eq!(
        request(&url, Some(&format!("localhost:{port}"))).status,
        200
    );
}

#[test]
fn nothing_writes() {
    let served = Served::start();
    let url = format!("{}/api/search?q=thatcher", served.server.url);
    let reply = agent().post(&url).send("").unwrap();
    assert_eq!(reply.status().as_u16(), 405);
}

#[test]
fn a_concurrent_ingest_is_seen_without_a_restart() {
    let workspace = Workspace::new();
    workspace.ingest();
    let server = Server::start(&workspace);
    let url = format!("{}/api/search?q=zanzibarian", server.url);
    assert_eq!(request(&url, None).json()["total"], 0);
    std::fs::write(
        workspace.archive().join("late.txt"),
        " date 2025-01-02 \n\nA zanzibarian ferry was late.\n",
    )
    .unwrap();
    workspace.ingest();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if request(&url, None).json()["total"] == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the new article never appeared");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        server.interrupt().success(),
        "Ctrl-C should stop it cleanly"
    );
}

#[test]
fn a_taken_port_or_a_missing_index_is_a_clear_error() {
    let served = Served::start();
    let port = served.server.url.rsplit(':').next().unwrap();
    let run = served.workspace.run(&["serve", "--port", port]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot serve on 127.0.0.1:"),
        "{}",
        run.stderr
    );
    let empty = Workspace::empty();
    let run = empty.run(&["serve", "--port", "0"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no index at"), "{}", run.stderr);
    let run = empty.run(&["serve", "--bind", "localhost:80"]);
    assert_eq!(run.code, 2);
}

// ---- Under abuse: slow clients, huge heads, a full connection table, a stop under load.

/// A `morgue serve` over the shared fixture index with limits set through the environment,
/// killed when dropped.
struct Tuned {
    child: std::process::Child,
    port: u16,
}

impl Tuned {
    fn start(env: &[(&str, &str)]) -> Tuned {
        use std::io::BufRead;
        let workspace = workspace();
        let mut command = std::process::Command::new(common::BIN);
        command
            .current_dir(workspace.dir.path())
            .env_remove("MORGUE_INDEX")
            .arg("--index")
            .arg(workspace.index())
            .args(["serve", "--port", "0"])
            .stdout(std::process::Stdio::piped());
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .rsplit(':')
            .next()
            .and_then(|rest| rest.split('/').next())
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("no port in the first line: {line:?}"));
        Tuned { child, port }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream
    }

    /// Sends SIGTERM and waits (at most `patience`) for the process to end.
    fn terminate(&mut self, patience: Duration) -> std::process::ExitStatus {
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + patience;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "still running {patience:?} after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tuned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

use std::io::{Read, Write};
use std::net::TcpStream;

/// A connection that has sent the start of a request head and never finishes it.
fn slow_client(server: &Tuned) -> TcpStream {
    let mut stream = server.connect();
    stream
        .write_all(b"GET /api/search?q=oil HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        .unwrap();
    stream
}

/// Whether the server has closed `stream` (whatever it said first), looking for at most
/// `patience` (and at least once).
fn closed_by_server(stream: &mut TcpStream, patience: Duration) -> bool {
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let deadline = Instant::now() + patience;
    let mut buffer = [0u8; 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return true,
        }
        if Instant::now() >= deadline {
            return false;
        }
    }
}

/// Whether the server has neither answered nor closed `stream` yet, without waiting.
fn still_open(stream: &mut TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let open = matches!(
        stream.read(&mut [0u8; 64]),
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock
    );
    stream.set_nonblocking(false).unwrap();
    open
}

/// The status line's code of the answer to a raw request `head`.
fn raw_status(server: &Tuned, head: &[u8]) -> (u16, String) {
    let mut stream = server.connect();
    stream.write_all(head).unwrap();
    let mut answer = Vec::new();
    // The server answers and closes; a reset after the answer still leaves what was read.
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {:?}", &answer[..answer.len().min(200)]));
    (status, answer)
}

fn search_ok(server: &Tuned) {
    let reply = request(&server.url("/api/search?q=thatcher"), None);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.json()["total"].as_u64().unwrap() >= 1);
}

#[test]
fn slow_clients_do_not_block_a_normal_request() {
    let server = Tuned::start(&[]);
    let mut slow: Vec<TcpStream> = (0..200).map(|_| slow_client(&server)).collect();
    for _ in 0..3 {
        for stream in &mut slow {
            stream.write_all(b"a").unwrap();
        }
        // Answered, and right, while 200 heads are still coming in a byte at a time.
        search_ok(&server);
    }
    // They were still open (the header timeout is 10 s): the request did not wait them out.
    assert!(slow.iter_mut().all(still_open));
}

#[test]
fn slow_heads_are_cut_by_the_header_timeout() {
    let server = Tuned::start(&[("MORGUE_SERVE_HEADER_TIMEOUT", "0.5")]);
    let mut slow = slow_client(&server);
    assert!(
        closed_by_server(&mut slow, Duration::from_secs(20)),
        "a head that never ends was never cut"
    );
    // An idle kept-alive connection too.
    let mut idle = server.connect();
    idle.write_all(b"GET /api/search?q=oil HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    assert!(closed_by_server(&mut idle, Duration::from_secs(20)));
}

#[test]
fn a_full_connection_table_makes_new_clients_wait_not_fail() {
    let server = Tuned::start(&[
        ("MORGUE_SERVE_MAX_CONNECTIONS", "8"),
        ("MORGUE_SERVE_HEADER_TIMEOUT", "1"),
    ]);
    let mut slow: Vec<TcpStream> = (0..8).map(|_| slow_client(&server)).collect();
    // The ninth waits in the listen queue until the header timeout frees a slot, then is
    // answered in full.
    search_ok(&server);
    for stream in &mut slow {
        assert!(
            closed_by_server(stream, Duration::from_secs(20)),
            "answered while every slot was held"
        );
    }
}

#[test]
fn huge_urls_get_414_and_huge_headers_431() {
    let server = Tuned::start(&[]);
    let get = |path: &str, headers: &str| {
        format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n{headers}Connection: close\r\n\r\n")
    };
    let (status, _) = raw_status(&server, get("/api/search?q=oil", "").as_bytes());
    assert_eq!(status, 200);
    for length in [16 * 1024 + 1, 100_000, 1_000_000] {
        let path = format!("/api/search?q={}", "a".repeat(length));
        let (status, answer) = raw_status(&server, get(&path, "").as_bytes());
        assert_eq!(status, 414, "URL of {length} bytes");
        if length < 60_000 {
            assert!(answer.contains("at most 16384"), "{answer}");
        }
    }
    let (status, answer) = raw_status(&server, get(&"/?q=a".repeat(4000), "").as_bytes());
    assert_eq!(status, 414);
    assert!(answer.contains("text/html"), "{answer}");

    let big = format!("Cookie: {}\r\n", "c".repeat(70 * 1024));
    let (status, answer) = raw_status(&server, get("/api/search?q=oil", &big).as_bytes());
    assert_eq!(status, 431);
    assert!(answer.contains("at most 65536"), "{answer}");
    let many: String = (0..200).map(|i| format!("X-Header-{i}: {i}\r\n")).collect();
    let (status, _) = raw_status(&server, get("/api/search?q=oil", &many).as_bytes());
    assert_eq!(status, 431);
    // Still answering.
    search_ok(&server);
}

#[test]
fn sigterm_under_load_stops_cleanly() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;
    let mut server = Tuned::start(&[("MORGUE_SERVE_SHUTDOWN_GRACE", "3")]);
    let url = server.url("/api/search?q=thatcher");
    let stop = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..8)
        .map(|_| {
            let (url, stop, answered) = (url.clone(), stop.clone(), answered.clone());
            std::thread::spawn(move || {
                let agent = agent();
                let mut statuses = Vec::new();
                // Bounded: the signal comes after a few hundred answers.
                for _ in 0..5_000 {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    match agent.get(&url).call() {
                        Ok(mut reply) => {
                            let body = reply.body_mut().read_to_string();
                            statuses.push((reply.status().as_u16(), body.is_ok()));
                            answered.fetch_add(1, Ordering::Relaxed);
                        }
                        // Refused or reset once the server is stopping.
                        Err(_) => break,
                    }
                }
                statuses
            })
        })
        .collect();
    // A slow client too, which the stop must not wait for.
    let mut slow = slow_client(&server);
    let deadline = Instant::now() + Duration::from_secs(30);
    while answered.load(Ordering::Relaxed) < 200 {
        assert!(Instant::now() < deadline, "the load never got going");
        std::thread::sleep(Duration::from_millis(10));
    }
    let status = server.terminate(Duration::from_secs(30));
    stop.store(true, Ordering::Relaxed);
    assert!(status.success(), "SIGTERM under load: {status:?}");
    for client in clients {
        for (status, whole) in client.join().unwrap() {
            assert_eq!(status, 200, "an error answer under load");
            assert!(whole, "an answer cut short");
        }
    }
    assert!(closed_by_server(&mut slow, Duration::from_secs(5)));
}

//! The web page in a real headless Chromium, driven over WebDriver: search, see the
//! highlights, click a person, see the filter applied, open an article, go back.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Without them
//! the test says so and passes, unless MORGUE_BROWSER_TEST=required (as in CI).
//! Screenshots go to the test's scratch folder, or to MORGUE_SCREENSHOTS when set.

mod common;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Server, Workspace};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A chromedriver on a free loopback port, killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn screenshot_dir() -> PathBuf {
    let dir = std::env::var_os("MORGUE_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn save_screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    std::fs::write(screenshot_dir().join(name), png).unwrap();
}

async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css} on the page: {e}"))
}

async fn click(client: &Client, css: &str) {
    let element = client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css} to click: {e}"));
    element.click().await.unwrap();
}

/// Waits until the address bar satisfies `test`.
async fn wait_for_url(client: &Client, test: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let url = client.current_url().await.unwrap().to_string();
        if test(&url) {
            return url;
        }
        assert!(Instant::now() < deadline, "the address stayed {url}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn browse(client: &Client, base: &str) {
    client.set_window_size(1280, 900).await.unwrap();
    client.goto(&format!("{base}/")).await.unwrap();
    assert_eq!(client.title().await.unwrap(), "morgue");

    // Search: the form is submitted, the results swap in, the address holds the search.
    let box_ = wait_for(client, "input#q").await;
    box_.send_keys("putin").await.unwrap();
    click(client, "form#search button").await;
    let url = wait_for_url(client, |url| url.contains("q=putin")).await;
    // The empty page lists the newest first and its sort box says so; words typed there
    // are ranked by relevance, not by that implied order.
    assert!(!url.contains("sort="), "{url}");
    let mark = wait_for(client, "ol.hits li.hit .snippet mark").await;
    assert_eq!(mark.text().await.unwrap().to_lowercase(), "putin");
    save_screenshot(client, "search.png").await;

    // Click the first person of the side panel: it becomes a chip and a URL parameter.
    let person = wait_for(client, ".people-panel a.person").await;
    let name = person.text().await.unwrap();
    person.click().await.unwrap();
    let url = wait_for_url(client, |url| url.contains("person=")).await;
    assert!(url.contains("q=putin"), "{url}");
    let chip = wait_for(client, "a.chip.person").await;
    assert!(chip.text().await.unwrap().contains(&name));
    let hits = client
        .find_all(Locator::Css("ol.hits li.hit"))
        .await
        .unwrap();
    assert!(!hits.is_empty());
    for hit in &hits {
        let people = hit.find(Locator::Css(".people")).await.unwrap();
        assert!(people.text().await.unwrap().contains(&name), "{name}");
    }
    save_screenshot(client, "person-filter.png").await;

    // Open an article: names and dates are marked, with their values on hover.
    click(client, "ol.hits li.hit h2 a").await;
    wait_for(client, "article.article").await;
    let person_mark = wait_for(client, ".body mark.person").await;
    assert!(person_mark.attr("title").await.unwrap().is_some());
    let date_mark = wait_for(client, ".body mark.date").await;
    assert!(date_mark.attr("data-value").await.unwrap().is_some());
    save_screenshot(client, "article.png").await;

    // Back returns to the filtered results.
    client.back().await.unwrap();
    wait_for_url(client, |url| url.contains("person=")).await;
    wait_for(client, "a.chip.person").await;

    // Removing the chip drops the filter.
    click(client, "a.chip.person").await;
    wait_for_url(client, |url| !url.contains("person=")).await;

    // The date boxes take every form the command line takes: a quarter, a season.
    // Each is typed and submitted with Enter (the page is swapped after each).
    let enter = "\u{e007}";
    let from = wait_for(client, "input#from").await;
    from.send_keys(&format!("2025-Q1{enter}")).await.unwrap();
    wait_for_url(client, |url| url.contains("from=2025-Q1")).await;
    let mentions = wait_for(client, "input#mentions").await;
    mentions
        .send_keys(&format!("2024-SU{enter}"))
        .await
        .unwrap();
    let url = wait_for_url(client, |url| url.contains("mentions=2024-SU")).await;
    assert!(url.contains("from=2025-Q1"), "{url}");
    wait_for(client, "a.chip.date").await;

    // A narrow window still shows the form and results.
    client.set_window_size(420, 900).await.unwrap();
    wait_for(client, "ol.hits li.hit").await;
    save_screenshot(client, "narrow.png").await;
}

#[test]
fn the_page_works_in_a_real_browser() {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        let required = std::env::var("MORGUE_BROWSER_TEST").is_ok_and(|v| v == "required");
        assert!(!required, "{CHROMIUM} and {CHROMEDRIVER} are required");
        eprintln!("skipped: install chromium and chromium-driver to run the browser test");
        return;
    }
    let workspace = Workspace::new();
    workspace.ingest();
    let server = Server::start(&workspace);
    let driver = Driver::start();
    let profile = tempfile::tempdir().unwrap();
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.path().display()),
            ],
        }
    });
    let capabilities = match capabilities {
        serde_json::Value::Object(map) => map,
        _ => unreachable!(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = ClientBuilder::rustls()
            .unwrap()
            .capabilities(capabilities)
            .connect(&driver.url)
            .await
            .unwrap_or_else(|e| panic!("no browser session: {e}"));
        // Close the session even when a step fails, then report the failure.
        let outcome = tokio::spawn({
            let client = client.clone();
            let base = server.url.clone();
            async move { browse(&client, &base).await }
        })
        .await;
        client.close().await.unwrap();
        if let Err(failure) = outcome {
            std::panic::resume_unwind(failure.into_panic());
        }
    });
    drop(server);
}

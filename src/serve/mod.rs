//! `morgue serve`: the web page and the JSON API over one index, read-only.
//!
//! Searches run on Tokio's blocking pool (they are CPU work of a few milliseconds), a few
//! at a time; the index reader follows the commits of a concurrent ingest, so nothing needs
//! a restart. What one client may ask (connections, time, head sizes) is in `limits.rs`,
//! enforced by the accept loop (`listen.rs`) and the outermost layer here.

pub mod assets;
pub mod limits;
mod listen;
pub mod page;
pub mod params;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use tokio::sync::Semaphore;

use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::error::{MorgueError, Result};
use crate::index::ArchiveIndex;
use crate::people::people;
use crate::render::json;
use crate::search::{search, SearchRequest};
use crate::show::{article_with_id, show_by_id, show_by_id_within};
use crate::timeline::{timeline, Bucket, DateBasis, Timeline};
use params::{limit_offset, page, timeline_shape, ParamError, RawParams, SearchState};

/// People listed in the page's side panel.
const PANEL_PEOPLE: usize = 12;

/// Serves `archive` on `addr` until Ctrl-C or SIGTERM; `on_listening` is told the address
/// once the socket is bound (port 0 picks a free one).
pub fn serve(
    archive: ArchiveIndex,
    addr: SocketAddr,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<()> {
    let failed = |source: std::io::Error| MorgueError::Serve {
        addr: addr.to_string(),
        source,
    };
    let mut tunable = limits::Tunable::from_env()?;
    if let Some(open_files) = tunable.fit_open_files() {
        eprintln!(
            "morgue: at most {} connections at once: the limit on open files is {open_files}",
            tunable.max_connections
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(failed)?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(failed)?;
        let local = listener.local_addr().map_err(failed)?;
        on_listening(local);
        listen::run(
            listener,
            router(archive, local),
            &tunable,
            shutdown_signal(),
        )
        .await;
        Ok::<_, MorgueError>(())
    })?;
    // Connections are closed by now; a search still running on the blocking pool (its
    // client gone) would otherwise hold the exit until it ends.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = async {
        // Without a handler there is nothing to wait for; the default action still stops us.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
}

struct AppState {
    archive: ArchiveIndex,
    /// Host names a request may address us by; empty when serving beyond loopback.
    allowed_hosts: Vec<String>,
    /// Slots for index work on the blocking pool ([`limits::index_workers`]): a burst of
    /// expensive requests queues here, in order, instead of each holding a thread and its
    /// memory at once.
    index_work: Arc<Semaphore>,
}

type Shared = Arc<AppState>;

/// The routes, with the host check and security headers on every response.
pub fn router(archive: ArchiveIndex, local: SocketAddr) -> Router {
    let state = Arc::new(AppState {
        archive,
        allowed_hosts: allowed_hosts(local),
        index_work: Arc::new(Semaphore::new(limits::index_workers())),
    });
    Router::new()
        .route("/", get(search_page))
        .route("/articles/{id}", get(article_page))
        .route("/articles/{id}/text", get(article_text))
        .route("/assets/{name}", get(asset))
        .route("/api/search", get(api_search))
        .route("/api/articles/{id}", get(api_article))
        .route("/api/people", get(api_people))
        .route("/api/timeline", get(api_timeline))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(middleware::from_fn(bounded))
        .with_state(state)
}

/// The outermost layer: refuses a head too large to serve (414, 431) and answers 503 with
/// `Retry-After` when a request takes longer than [`limits::REQUEST_TIMEOUT`].
async fn bounded(request: Request, next: Next) -> Response {
    let uri = request.uri();
    // The URL as sent: origin form has path and query only, absolute form its host too.
    let url_bytes = uri.path_and_query().map_or(0, |p| p.as_str().len())
        + uri.authority().map_or(0, |a| a.as_str().len());
    let api = uri.path().starts_with("/api/");
    let failure = match limits::check_head(url_bytes, request.headers()) {
        Some((status, message)) => Failure::TooLarge(status, message),
        None => match tokio::time::timeout(limits::REQUEST_TIMEOUT, next.run(request)).await {
            Ok(response) => return response,
            Err(_) => Failure::Busy(format!(
                "the request took longer than {} s; try again",
                limits::REQUEST_TIMEOUT.as_secs()
            )),
        },
    };
    let mut response = if api {
        failure.into_json()
    } else {
        failure.into_page()
    };
    secure(response.headers_mut());
    response
}

/// On loopback, the names the page can be reached by. A page elsewhere on the web that
/// points its own host name at 127.0.0.1 (DNS rebinding) is refused, so it cannot read
/// the archive through the user's browser.
fn allowed_hosts(local: SocketAddr) -> Vec<String> {
    if !local.ip().is_loopback() {
        return Vec::new();
    }
    let port = local.port();
    let ip = match local.ip() {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    let mut hosts = Vec::new();
    for name in [ip.as_str(), "localhost", "127.0.0.1", "[::1]"] {
        hosts.push(name.to_owned());
        hosts.push(format!("{name}:{port}"));
    }
    hosts
}

const SECURITY_HEADERS: [(&str, &str); 4] = [
    (
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
         connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
];

async fn guard(State(state): State<Shared>, request: Request, next: Next) -> Response {
    if !state.allowed_hosts.is_empty() {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !state.allowed_hosts.contains(&host) {
            return (
                StatusCode::FORBIDDEN,
                "morgue serves this archive to localhost only; open it as http://localhost:PORT/\n",
            )
                .into_response();
        }
    }
    let mut response = next.run(request).await;
    secure(response.headers_mut());
    response
}

fn secure(headers: &mut HeaderMap) {
    for (name, value) in SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// Why a request got no answer.
enum Failure {
    BadParameter(ParamError),
    NotFound(String),
    /// A request head over a limit: 414 or 431.
    TooLarge(StatusCode, String),
    /// Too long in the queue or at work: 503, to be tried again.
    Busy(String),
    Internal(String),
}

impl From<ParamError> for Failure {
    fn from(error: ParamError) -> Failure {
        Failure::BadParameter(error)
    }
}

impl From<MorgueError> for Failure {
    fn from(error: MorgueError) -> Failure {
        if let Some(parameter) = ParamError::from_error(&error) {
            return Failure::BadParameter(parameter);
        }
        match error {
            MorgueError::NotFound(id) => Failure::NotFound(format!("no article with id {id:?}")),
            other => Failure::Internal(other.to_string()),
        }
    }
}

impl Failure {
    fn status(&self) -> StatusCode {
        match self {
            Failure::BadParameter(_) => StatusCode::BAD_REQUEST,
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::TooLarge(status, _) => *status,
            Failure::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Headers of the answer besides its content type.
    fn headers(&self, content_type: &'static str) -> HeaderMap {
        let mut headers = self::content_type(content_type);
        if let Failure::Busy(_) = self {
            headers.insert(
                header::RETRY_AFTER,
                HeaderValue::from(limits::RETRY_AFTER_SECONDS),
            );
        }
        headers
    }

    fn message(&self) -> String {
        match self {
            Failure::BadParameter(e) => format!("invalid {}: {}", e.parameter, e.message),
            Failure::NotFound(message)
            | Failure::TooLarge(_, message)
            | Failure::Busy(message)
            | Failure::Internal(message) => message.clone(),
        }
    }

    fn log(&self) {
        if let Failure::Internal(message) = self {
            eprintln!("morgue: {message}");
        }
    }

    fn into_json(self) -> Response {
        self.log();
        let parameter = match &self {
            Failure::BadParameter(e) => Some(e.parameter.clone()),
            _ => None,
        };
        let body = serde_json::json!({
            "status": self.status().as_u16(),
            "error": self.message(),
            "parameter": parameter,
        });
        let headers = self.headers(JSON);
        (self.status(), headers, body.to_string()).into_response()
    }

    fn into_page(self) -> Response {
        self.log();
        let heading = match &self {
            Failure::BadParameter(_) => "Bad request",
            Failure::NotFound(_) => "Not found",
            Failure::TooLarge(..) => "Request too large",
            Failure::Busy(_) => "Busy",
            Failure::Internal(_) => "Something went wrong",
        };
        let body = page::error_page(heading, &self.message());
        let headers = self.headers(HTML);
        (self.status(), headers, body).into_response()
    }
}

fn content_type(value: &'static str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(value));
    headers
}

const JSON: &str = "application/json";
const HTML: &str = "text/html; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

fn json_headers() -> HeaderMap {
    content_type(JSON)
}

fn html_headers() -> HeaderMap {
    content_type(HTML)
}

/// Runs index work on the blocking pool once one of the index work slots is free.
async fn blocking<T: Send + 'static>(
    state: &Shared,
    work: impl FnOnce(&ArchiveIndex) -> std::result::Result<T, Failure> + Send + 'static,
) -> std::result::Result<T, Failure> {
    let slot = state
        .index_work
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| Failure::Internal(format!("no index worker: {e}")))?;
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        // Held by the work, not by the request: a request cut by its timeout leaves the
        // slot taken until the work really ends, so the bound holds.
        let _slot = slot;
        work(&state.archive)
    })
    .await
    .map_err(|e| Failure::Internal(format!("a request failed: {e}")))?
}

/// An API endpoint: reads its parameters (only `known` ones), then answers with JSON made
/// on the blocking pool.
async fn answer<R: Send + 'static>(
    state: &Shared,
    query: Option<String>,
    known: &[&str],
    read: impl FnOnce(&RawParams) -> std::result::Result<R, ParamError>,
    work: impl FnOnce(&ArchiveIndex, R) -> std::result::Result<String, Failure> + Send + 'static,
) -> Response {
    let params = RawParams::parse(query.as_deref());
    let request = match params.allow_only(known).and_then(|()| read(&params)) {
        Ok(request) => request,
        Err(error) => return Failure::BadParameter(error).into_json(),
    };
    match blocking(state, move |archive| work(archive, request)).await {
        Ok(body) => (json_headers(), body).into_response(),
        Err(failure) => failure.into_json(),
    }
}

async fn api_search(State(state): State<Shared>, RawQuery(query): RawQuery) -> Response {
    let known = [
        "q", "from", "to", "person", "mentions", "sort", "limit", "offset",
    ];
    let read = |params: &RawParams| {
        let (limit, offset) = limit_offset(params, 10)?;
        Ok(SearchRequest {
            limit,
            offset,
            ..SearchState::from_params(params)?.request
        })
    };
    answer(&state, query, &known, read, |archive, request| {
        Ok(json::search_json(&search(archive, &request)?))
    })
    .await
}

async fn api_article(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    answer(
        &state,
        None,
        &[],
        |_| Ok(id),
        |archive, id| Ok(json::show_json(&show_by_id(archive, &id)?)),
    )
    .await
}

async fn api_people(State(state): State<Shared>, RawQuery(query): RawQuery) -> Response {
    let known = ["q", "from", "to", "person", "mentions", "limit"];
    let read = |params: &RawParams| {
        let (limit, _) = limit_offset(params, 20)?;
        Ok(SearchRequest {
            limit,
            ..SearchState::from_params(params)?.request
        })
    };
    answer(&state, query, &known, read, |archive, request| {
        Ok(json::people_json(
            &request.query,
            &people(archive, &request)?,
        ))
    })
    .await
}

async fn api_timeline(State(state): State<Shared>, RawQuery(query): RawQuery) -> Response {
    let known = ["q", "from", "to", "person", "mentions", "by", "dates"];
    let read = |params: &RawParams| {
        let (bucket, basis) = timeline_shape(params)?;
        Ok((SearchState::from_params(params)?.request, bucket, basis))
    };
    answer(
        &state,
        query,
        &known,
        read,
        |archive, (request, bucket, basis)| {
            let timeline = timeline(archive, &request, bucket, basis)?;
            Ok(json::timeline_json(&request.query, &timeline))
        },
    )
    .await
}

/// The timeline of the side panel: by year, or by month when that shows three years or
/// fewer.
fn panel_timeline(
    archive: &ArchiveIndex,
    request: &SearchRequest,
) -> std::result::Result<Timeline, Failure> {
    let by_year = timeline(archive, request, Bucket::Year, DateBasis::Published)?;
    if by_year.periods.len() > 3 {
        return Ok(by_year);
    }
    Ok(timeline(
        archive,
        request,
        Bucket::Month,
        DateBasis::Published,
    )?)
}

async fn search_page(State(state): State<Shared>, RawQuery(query): RawQuery) -> Response {
    let params = RawParams::parse(query.as_deref());
    let parsed = (|| {
        params.allow_only(&["q", "from", "to", "person", "mentions", "sort", "page"])?;
        let page = page(&params)?;
        let search_state = SearchState::from_params(&params)?;
        Ok::<_, ParamError>((search_state, page))
    })();
    let (search_state, page_number) = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            // Show the form as the user filled it in, with the reason, and nothing else.
            let typed = |name| params.single(name).ok().flatten().map(str::to_owned);
            let lenient = SearchState {
                query: typed("q").unwrap_or_default(),
                from: typed("from"),
                to: typed("to"),
                mentions: typed("mentions"),
                people: params.all("person").map(str::to_owned).collect(),
                ..SearchState::default()
            };
            let view = page::SearchView {
                state: &lenient,
                page: 1,
                response: None,
                people: None,
                timeline: None,
                error: Some(&error),
            };
            return (
                StatusCode::BAD_REQUEST,
                html_headers(),
                page::search_page(&view),
            )
                .into_response();
        }
    };
    let request = SearchRequest {
        limit: params::PAGE_SIZE,
        offset: (page_number - 1) * params::PAGE_SIZE,
        ..search_state.request.clone()
    };
    let result = blocking(&state, move |archive| {
        let response = search(archive, &request)?;
        let people = people(
            archive,
            &SearchRequest {
                limit: PANEL_PEOPLE,
                ..request.clone()
            },
        )?;
        let timeline = panel_timeline(archive, &request)?;
        Ok((response, people, timeline))
    })
    .await;
    let (status, error, found) = match result {
        Ok(found) => (StatusCode::OK, None, Some(found)),
        Err(Failure::BadParameter(error)) => (StatusCode::BAD_REQUEST, Some(error), None),
        Err(failure) => return failure.into_page(),
    };
    let view = page::SearchView {
        state: &search_state,
        page: page_number,
        response: found.as_ref().map(|f| &f.0),
        people: found.as_ref().map(|f| &f.1),
        timeline: found.as_ref().map(|f| &f.2),
        error: error.as_ref(),
    };
    (status, html_headers(), page::search_page(&view)).into_response()
}

async fn article_page(
    State(state): State<Shared>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    // The search the article was opened from, for the way back; a broken one is dropped.
    let params = RawParams::parse(query.as_deref());
    let back = SearchState::from_params(&params).unwrap_or_default();
    let back_page = page(&params).unwrap_or(1);
    let read = move |archive: &ArchiveIndex| {
        Ok(show_by_id_within(archive, &id, limits::ARTICLE_PAGE_BYTES)?)
    };
    match blocking(&state, read).await {
        Ok(details) => (
            html_headers(),
            page::article_page(&details, &back, back_page),
        )
            .into_response(),
        Err(failure) => failure.into_page(),
    }
}

/// The whole text of an article, as stored: what its page leaves out past
/// [`limits::ARTICLE_PAGE_BYTES`]. Plain text, never marked up, so it costs one read.
async fn article_text(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    match blocking(&state, move |archive| Ok(article_with_id(archive, &id)?)).await {
        Ok(article) => (content_type(TEXT), article.body).into_response(),
        Err(failure) => failure.into_page(),
    }
}

async fn asset(Path(name): Path<String>) -> Response {
    match assets::find(&name) {
        Some(asset) => (
            [
                (header::CONTENT_TYPE, asset.content_type),
                // Linked with a content hash, so a new version has a new address.
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            asset.body,
        )
            .into_response(),
        None => Failure::NotFound(format!("no asset {name:?}")).into_page(),
    }
}

async fn not_found(request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let failure = Failure::NotFound(format!("nothing at {path}"));
    if path.starts_with("/api/") {
        failure.into_json()
    } else {
        failure.into_page()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_reached_by_its_names_only() {
        let hosts = allowed_hosts("127.0.0.1:7878".parse().unwrap());
        assert!(hosts.contains(&"localhost:7878".to_owned()));
        assert!(hosts.contains(&"127.0.0.1:7878".to_owned()));
        assert!(!hosts.contains(&"evil.example:7878".to_owned()));
        assert!(allowed_hosts("0.0.0.0:7878".parse().unwrap()).is_empty());
    }

    #[test]
    fn user_errors_are_never_internal() {
        let bad_query = MorgueError::BadQuery {
            query: "(".into(),
            reason: "unbalanced".into(),
        };
        assert_eq!(Failure::from(bad_query).status(), StatusCode::BAD_REQUEST);
        let no_name = MorgueError::BadOption {
            option: "--person".into(),
            reason: "holds no name".into(),
        };
        match Failure::from(no_name) {
            Failure::BadParameter(e) => assert_eq!(e.parameter, "person"),
            _ => panic!("not a parameter error"),
        }
        let missing = MorgueError::NotFound("abc".into());
        assert_eq!(Failure::from(missing).status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn a_busy_answer_says_when_to_try_again() {
        let busy = Failure::Busy("slow".into()).into_json();
        assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(busy.headers()[header::RETRY_AFTER], "1");
        let long = Failure::TooLarge(StatusCode::URI_TOO_LONG, "long".into()).into_page();
        assert_eq!(long.status(), StatusCode::URI_TOO_LONG);
        assert!(long.headers().get(header::RETRY_AFTER).is_none());
    }
}

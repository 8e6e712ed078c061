//! A PDF's bytes → its pages as positioned lines of text, and what the document says of
//! itself (the Info dictionary and XMP), with `pdf-extract` (glyphs and their positions)
//! on `lopdf` (the objects), both re-exported by `pdf_extract`.
//!
//! Neither crate was written for hostile input: they panic on a missing key, inflate a
//! stream whole, and recurse along a page's `/Parent` chain and into forms without a
//! depth bound. So the crates only see what is bounded here first:
//! - every compressed stream is inflated by [`bounded_inflate`] as the file is loaded,
//!   at most [`MAX_STREAM_BYTES`] each and [`MAX_INFLATED_BYTES`] in all (a bomb is named);
//! - image streams are emptied unread: only text is wanted;
//! - a page tree or form that contains itself, or forms nested past [`MAX_FORM_DEPTH`],
//!   is refused before the glyphs are walked (a stack overflow aborts the process and no
//!   `catch_unwind` can catch it);
//! - the walk runs on a thread of its own under `catch_unwind`, with a big stack, and
//!   stops itself at [`DEADLINE`] or [`MAX_CHARS`]; the caller waits at most a little
//!   longer, so nothing here can hang an ingest.

use std::cell::Cell;
use std::collections::HashSet;
use std::io::Read;
use std::sync::mpsc;
use std::sync::Once;
use std::time::{Duration, Instant};

use pdf_extract::{Dictionary, Document, LoadOptions, MediaBox, Object, ObjectId, OutputDev};
use pdf_extract::{OutputError, Transform};

use crate::article::ArticleError;

/// A compressed stream that inflates past this is not an article's page: a page's
/// content stream is well under a megabyte (images are skipped). The crate parses a
/// content stream into operations some fifty times its size, so 16 MiB of junk from a
/// doubly deflated 5 KB file (found by the fuzzer) took 0.9 GB and 1.2 s; 4 MiB keeps
/// that near 200 MB, and a bomb is refused in a fraction of a second.
pub(super) const MAX_STREAM_BYTES: usize = 4 << 20;
/// A stream that inflates to more than this many times its stored size, past
/// [`MIN_BOMB_BYTES`], is a bomb.
const MAX_INFLATE_RATIO: usize = 64;
const MIN_BOMB_BYTES: usize = 1 << 20;
/// All streams of one file together.
const MAX_INFLATED_BYTES: usize = 256 << 20;
/// Forms drawn inside forms: real documents nest a few.
const MAX_FORM_DEPTH: usize = 12;
/// Glyphs of one document: about 10,000 pages of dense text.
const MAX_CHARS: usize = 40_000_000;
/// How long the glyph walk may take before it stops itself.
const DEADLINE: Duration = Duration::from_secs(20);
/// The reader thread's stack: the crates recurse (content parsing, forms).
const STACK_BYTES: usize = 64 << 20;
const THREAD_NAME: &str = "morgue-pdf-reader";

/// One run of glyphs on a baseline, in points from the page's top left corner.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    pub text: String,
    pub x: f64,
    pub end: f64,
    /// The baseline's distance from the top of the page.
    pub y: f64,
    pub size: f64,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Page {
    pub height: f64,
    pub lines: Vec<Line>,
}

/// What the document says of itself, as text.
#[derive(Debug, Clone, Default)]
pub(super) struct Info {
    pub title: Option<String>,
    pub creation_date: Option<String>,
    pub mod_date: Option<String>,
    pub producer: Option<String>,
    pub creator: Option<String>,
    /// The catalog's XMP packet, when there is one.
    pub xmp: Option<String>,
}

#[derive(Debug, Default)]
pub(super) struct Extracted {
    pub pages: Vec<Page>,
    pub info: Info,
    pub warnings: Vec<String>,
}

/// The pages and metadata of `bytes`, or why there are none.
pub(super) fn extract(bytes: &[u8]) -> Result<Extracted, ArticleError> {
    quiet_reader_panics();
    let owned = bytes.to_vec();
    let (send, receive) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(THREAD_NAME.to_owned())
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let result = std::panic::catch_unwind(|| read_document(&owned));
            // The receiver is gone only when the caller gave up waiting.
            let _ = send.send(result);
        });
    if spawned.is_err() {
        return Err(damaged("no thread could be started to read it"));
    }
    // A little longer than the walk's own deadline: loading comes before it.
    match receive.recv_timeout(DEADLINE * 2) {
        Ok(Ok(result)) => result,
        Ok(Err(panic)) => Err(damaged(&format!(
            "the PDF reader stopped on it ({})",
            panic_text(panic.as_ref())
        ))),
        Err(_) => Err(ArticleError::PdfTimeout {
            seconds: (DEADLINE * 2).as_secs(),
        }),
    }
}

fn damaged(reason: &str) -> ArticleError {
    ArticleError::PdfDamaged {
        reason: reason.to_owned(),
    }
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned());
    crate::article::one_line(&text, 80)
}

/// The crates' panics are caught and reported as a damaged file: the default hook would
/// also print each one to the terminal. Other threads' panics go to the hook as before.
fn quiet_reader_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(THREAD_NAME) {
                previous(info);
            }
        }));
    });
}

thread_local! {
    /// What the load filter inflated so far on this thread (one document at a time).
    static INFLATED: Cell<usize> = const { Cell::new(0) };
    /// Set when a stream went past a bound.
    static BOMB: Cell<bool> = const { Cell::new(false) };
}

fn read_document(bytes: &[u8]) -> Result<Extracted, ArticleError> {
    if !bytes.starts_with(b"%PDF-")
        && memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_none()
    {
        return Err(damaged("no %PDF- header: not a PDF file"));
    }
    INFLATED.with(|n| n.set(0));
    BOMB.with(|b| b.set(false));
    let options = LoadOptions {
        filter: Some(bounded_inflate),
        ..LoadOptions::default()
    };
    let loaded = Document::load_mem_with_options(bytes, options);
    let mut warnings = Vec::new();
    let mut doc = match loaded {
        Ok(doc) => doc,
        Err(error) => return Err(load_error(&error)),
    };
    if BOMB.with(Cell::get) {
        return Err(ArticleError::PdfBomb {
            limit_mib: MAX_STREAM_BYTES >> 20,
        });
    }
    // lopdf decrypts with the empty password as it loads when that works, and otherwise
    // loads nothing and says nothing: an encrypted file without text needed a password.
    let encrypted = doc.trailer.get(b"Encrypt").is_ok();
    if doc.is_encrypted() {
        let _ = doc.decrypt("");
    }
    // An encrypted file is decrypted after loading, past the load filter.
    inflate_remaining(&mut doc)?;
    let pages = checked_pages(&doc)?;
    let info = info(&doc);
    let mut collector = Collector::new(Instant::now() + DEADLINE);
    for (number, _) in pages {
        if let Err(error) = pdf_extract::output_doc_page(&doc, &mut collector, number) {
            if collector.stopped.is_some() {
                break;
            }
            warnings.push(format!(
                "page {number} could not be read: {}",
                crate::article::one_line(&error.to_string(), 80)
            ));
        }
    }
    match collector.stopped {
        Some(Stop::Deadline) => Err(ArticleError::PdfTimeout {
            seconds: DEADLINE.as_secs(),
        }),
        Some(Stop::TooMuchText) => Err(damaged(
            "more text than any article (over 40 million characters)",
        )),
        None => {
            let pages = collector.finish();
            if encrypted {
                if pages.iter().all(|p| p.lines.is_empty()) {
                    return Err(ArticleError::PdfEncrypted {
                        reason: "it needs a password to be read".to_owned(),
                    });
                }
                warnings.push(
                    "encrypted PDF: read with the empty password (only its use is restricted)"
                        .to_owned(),
                );
            }
            Ok(Extracted {
                pages,
                info,
                warnings,
            })
        }
    }
}

fn load_error(error: &pdf_extract::Error) -> ArticleError {
    let text = error.to_string();
    if text.to_ascii_lowercase().contains("decrypt")
        || text.to_ascii_lowercase().contains("password")
    {
        return ArticleError::PdfEncrypted {
            reason: "it needs a password to be read".to_owned(),
        };
    }
    damaged(&crate::article::one_line(&text, 80))
}

/// The load filter: every compressed stream inflated within bounds (its filter removed so
/// the crates never inflate it again), images emptied.
fn bounded_inflate(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(stream) = object {
        if is_image(&stream.dict) {
            stream.set_content(Vec::new());
            stream.dict.remove(b"Filter");
            stream.dict.remove(b"DecodeParms");
        } else if let Some(content) = inflated(&stream.dict, &stream.content) {
            stream.dict.remove(b"Filter");
            stream.dict.remove(b"DecodeParms");
            stream.set_content(content);
        }
    }
    // lopdf keeps the object it passed in for top-level objects, and the returned one for
    // those inside object streams: both must be the filtered object.
    Some((id, object.clone()))
}

fn is_image(dict: &Dictionary) -> bool {
    matches!(dict.get(b"Subtype").and_then(Object::as_name), Ok(b"Image"))
}

/// The stream's content with its Flate filters undone, when it has only Flate filters
/// (and no predictor); None leaves it to the crate (other filters do not inflate much).
/// Past a bound the content is dropped and the file marked.
fn inflated(dict: &Dictionary, content: &[u8]) -> Option<Vec<u8>> {
    let filters: Vec<&[u8]> = match dict.get(b"Filter").ok()? {
        Object::Name(name) => vec![name.as_slice()],
        Object::Array(names) => names.iter().filter_map(|n| n.as_name().ok()).collect(),
        _ => return None,
    };
    let flate_only = filters.iter().all(|f| *f == b"FlateDecode" || *f == b"Fl");
    if filters.is_empty() || !flate_only || dict.get(b"DecodeParms").is_ok() {
        return None;
    }
    let mut data = content.to_vec();
    let stored = content.len().max(1);
    for _ in &filters {
        let budget =
            MAX_STREAM_BYTES.min(MAX_INFLATED_BYTES.saturating_sub(INFLATED.with(Cell::get)));
        let mut out = Vec::new();
        let mut decoder = flate2::read::ZlibDecoder::new(data.as_slice()).take(budget as u64 + 1);
        // A stream cut short keeps what inflated before the damage, as readers do.
        let _ = decoder.read_to_end(&mut out);
        if out.len() > budget {
            BOMB.with(|b| b.set(true));
            return Some(Vec::new());
        }
        // Page content compresses ten- or twentyfold; far more is a bomb of junk that the
        // crate would parse into a hundred times its size (a 5.6 KB file inflated twice to
        // 4 MiB of operators took 0.5 GB).
        if out.len() > MIN_BOMB_BYTES && out.len() / stored > MAX_INFLATE_RATIO {
            BOMB.with(|b| b.set(true));
            return Some(Vec::new());
        }
        INFLATED.with(|n| n.set(n.get() + out.len()));
        data = out;
    }
    Some(data)
}

/// Streams still compressed after loading (an encrypted file's), inflated within bounds.
fn inflate_remaining(doc: &mut Document) -> Result<(), ArticleError> {
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            if let Some(content) = inflated(&stream.dict, &stream.content) {
                stream.dict.remove(b"Filter");
                stream.set_content(content);
            }
        }
    }
    if BOMB.with(Cell::get) {
        return Err(ArticleError::PdfBomb {
            limit_mib: MAX_STREAM_BYTES >> 20,
        });
    }
    Ok(())
}

/// The pages in order, once each, after checking what the crates would recurse along.
fn checked_pages(doc: &Document) -> Result<Vec<(u32, ObjectId)>, ArticleError> {
    let pages: Vec<(u32, ObjectId)> = doc.get_pages().into_iter().collect();
    for &(_, id) in &pages {
        let mut seen = HashSet::new();
        let mut node = id;
        // pdf-extract looks up inherited keys along /Parent, recursively.
        while let Ok(parent) = doc
            .get_dictionary(node)
            .and_then(|d| d.get(b"Parent"))
            .and_then(Object::as_reference)
        {
            if !seen.insert(parent) || seen.len() > 64 {
                return Err(damaged("its page tree loops"));
            }
            node = parent;
        }
        let resources = inherited_resources(doc, id);
        if let Some(resources) = resources {
            check_forms(doc, resources, &mut Vec::new())?;
        }
    }
    Ok(pages)
}

fn inherited_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..64 {
        if let Ok(resources) = node.get(b"Resources") {
            return deref(doc, resources).and_then(|o| o.as_dict().ok());
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn deref<'d>(doc: &'d Document, object: &'d Object) -> Option<&'d Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

/// Refuses forms that draw themselves, directly or through others, and nesting past
/// [`MAX_FORM_DEPTH`]. A form without resources of its own uses the ones it is drawn with,
/// as pdf-extract does.
fn check_forms(
    doc: &Document,
    resources: &Dictionary,
    path: &mut Vec<ObjectId>,
) -> Result<(), ArticleError> {
    let Some(xobjects) = resources
        .get(b"XObject")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
    else {
        return Ok(());
    };
    for (_, value) in xobjects.iter() {
        let Object::Reference(id) = value else {
            continue;
        };
        let Ok(Object::Stream(form)) = doc.get_object(*id) else {
            continue;
        };
        if !matches!(
            form.dict.get(b"Subtype").and_then(Object::as_name),
            Ok(b"Form")
        ) {
            continue;
        }
        if path.contains(id) {
            return Err(damaged("a form in it draws itself"));
        }
        if path.len() >= MAX_FORM_DEPTH {
            return Err(damaged("forms nested too deeply"));
        }
        let inner = form
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok())
            .unwrap_or(resources);
        path.push(*id);
        check_forms(doc, inner, path)?;
        path.pop();
    }
    Ok(())
}

fn info(doc: &Document) -> Info {
    let text = |dict: &Dictionary, key: &[u8]| {
        dict.get(key)
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| pdf_extract::decode_text_string(o).ok())
            .map(|s| crate::article::one_line(&s, 400))
            .filter(|s| !s.is_empty())
    };
    let mut info = Info::default();
    if let Some(dict) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
    {
        info.title = text(dict, b"Title");
        info.creation_date = text(dict, b"CreationDate");
        info.mod_date = text(dict, b"ModDate");
        info.producer = text(dict, b"Producer");
        info.creator = text(dict, b"Creator");
    }
    info.xmp = doc
        .catalog()
        .ok()
        .and_then(|catalog| catalog.get(b"Metadata").ok())
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Filter").is_err() && s.content.len() < 1 << 20)
        .map(|s| String::from_utf8_lossy(&s.content).into_owned());
    info
}

#[derive(Debug, Clone, Copy)]
enum Stop {
    Deadline,
    TooMuchText,
}

/// Glyphs → lines, as pdf-extract hands them over in content-stream order.
struct Collector {
    pages: Vec<Page>,
    /// The page's origin and height, to measure from its top left corner.
    origin: (f64, f64),
    line: Option<Line>,
    /// A space glyph, or the start of a word, since the last glyph.
    space: bool,
    chars: usize,
    deadline: Instant,
    stopped: Option<Stop>,
}

impl Collector {
    fn new(deadline: Instant) -> Collector {
        Collector {
            pages: Vec::new(),
            origin: (0.0, 0.0),
            line: None,
            space: false,
            chars: 0,
            deadline,
            stopped: None,
        }
    }

    fn end_line(&mut self) {
        if let (Some(line), Some(page)) = (self.line.take(), self.pages.last_mut()) {
            if !line.text.trim().is_empty() {
                page.lines.push(line);
            }
        }
    }

    fn finish(mut self) -> Vec<Page> {
        self.end_line();
        self.pages
    }

    fn stop(&mut self, why: Stop) -> Result<(), OutputError> {
        self.stopped = Some(why);
        Err(OutputError::FormatError(std::fmt::Error))
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.end_line();
        let height = media_box.ury - media_box.lly;
        self.origin = (media_box.llx, media_box.ury);
        self.pages.push(Page {
            height,
            lines: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.end_line();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        glyph: &str,
    ) -> Result<(), OutputError> {
        self.chars += 1;
        if self.chars % 4096 == 0 && Instant::now() > self.deadline {
            return self.stop(Stop::Deadline);
        }
        if self.chars > MAX_CHARS {
            return self.stop(Stop::TooMuchText);
        }
        // The glyph's size on the page: the font size through the text matrix, as
        // pdf-extract's own text output measures it.
        let scaled_x = font_size * (trm.m11 + trm.m21);
        let scaled_y = font_size * (trm.m12 + trm.m22);
        let size = (scaled_x * scaled_y).abs().sqrt();
        let (x, y) = (trm.m31 - self.origin.0, self.origin.1 - trm.m32);
        if !(x.is_finite() && y.is_finite() && size.is_finite()) {
            return Ok(());
        }
        // A glyph whose font gives no width (Chromium's subset fonts leave some out) is
        // taken as half an em wide, so that the next glyph does not look a word away.
        let width = if width > 0.0 { width } else { 0.5 };
        let end = x + width * size;
        if glyph.chars().all(char::is_whitespace) {
            self.space = true;
            if let Some(line) = &mut self.line {
                line.end = line.end.max(end);
            }
            return Ok(());
        }
        let tolerance = size.max(1.0);
        let continues = self.line.as_ref().is_some_and(|line| {
            (line.y - y).abs() < 0.5 * tolerance
                && x > line.end - tolerance
                && x < line.end + 3.0 * tolerance
        });
        if continues {
            if let Some(line) = &mut self.line {
                if self.space || x > line.end + 0.2 * tolerance {
                    line.text.push(' ');
                }
                line.text.push_str(glyph);
                line.end = end;
                line.size = line.size.max(size);
            }
        } else {
            self.end_line();
            self.line = Some(Line {
                text: glyph.to_owned(),
                x,
                end,
                y,
                size,
            });
        }
        self.space = false;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

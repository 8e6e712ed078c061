//! Every article reader (and the text decoding in front of them) on arbitrary bytes: the
//! first byte picks the format, as the file's extension would (6 and 7: a saved web page,
//! whose reader must stay linear in the page's size however the tags nest: a slow input
//! is a finding too, through libFuzzer's `-timeout`).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 17] = [
    "a/000_eaf787878c6b65eb.txt",
    "a/2025/03/22/note.md",
    "a/article.json",
    "a/wire.jsonl",
    "a/2025-03-22-x.markdown",
    "a/x.ndjson",
    "a/2025/03/22/page.html",
    "a/saved.htm",
    "a/gazette.rss",
    "a/2025/wire.atom",
    // MHTML: the MIME structure, transfer encodings and the page inside.
    "a/2025/03/22/saved.mhtml",
    "a/saved.mht",
    "a/2025/03/22/printed.pdf",
    // Mail: a message, and a mailbox of messages.
    "a/2025/03/22/newsletter.eml",
    "a/saved.mbox",
    // Word: a zip of XML, an export of many articles or one article.
    "a/2025/03/22/export.docx",
    // EPUB: a zip whose container names a package that orders XHTML chapters.
    "a/reads.epub",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    // Errors are fine (a bad file is reported and skipped); a panic is the bug.
    let _ = morgue::article::parse_file(Path::new(name), bytes);
});

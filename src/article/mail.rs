//! Mail: a message saved as `.eml`, and mailboxes (`.mbox`: Thunderbird, Apple Mail,
//! Gmail's Takeout) with one article per message, addressed `FILE:N` for the Nth.
//! Newsletters (Substack, a paper's morning briefing) and articles mailed to oneself are
//! kept this way.
//!
//! A message's HTML part is read as a saved page is (`super::read_page`), in the charset
//! its part states; a message with only plain text gives that text. Attachments are never
//! decoded. The `Subject` is the title (what the reader saw in their mail client; a
//! heading inside a newsletter is one story's of several), the `From` name the author
//! when the page names none, and the `Date` header the date when the page states none
//! (date source `mail-date`).
//!
//! A mailbox is cut into messages at each `From SENDER DATE` line at the start of the
//! file or after a blank line (the mboxo/mboxrd separator; `>From ` lines in bodies are
//! unescaped by one `>`). The MIME structure is read by `mailparse`, as MHTML's is,
//! with the same bounds: a part over 16 MiB once decoded, or a message of more than
//! `mhtml::MAX_PARTS` parts, is a named problem.

use std::path::Path;

use mailparse::{MailHeaderMap, ParsedMail};

use super::date::{self, Stated};
use super::fields::Meta;
use super::mhtml::{self, MAX_PAGE_BYTES, MAX_PARTS};
use super::{assemble, read_page, text, ArticleError, Context, DateSource, Entry, Sink};
use super::{Article, WebRecord};

/// Why a message gives no article. Messages name no file and fit on one line.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum MailProblem {
    #[error("not a mail message ({reason})")]
    Malformed { reason: String },
    #[error("no text or HTML part (only attachments)")]
    NoText,
    #[error("a part is over {} MiB once decoded", MAX_PAGE_BYTES >> 20)]
    PartTooLarge,
    #[error("more than {MAX_PARTS} MIME parts")]
    TooManyParts,
    #[error("a mailbox without any message (no `From ` line)")]
    EmptyMailbox,
    /// A message of a mailbox that gives no article: which, and why.
    #[error("message {number}: {problem}")]
    InMessage {
        number: usize,
        problem: String,
        label: &'static str,
    },
}

impl MailProblem {
    pub fn label(&self) -> &'static str {
        match self {
            MailProblem::Malformed { .. } => "not a mail message",
            MailProblem::NoText => "no text in the message",
            MailProblem::PartTooLarge => "too large",
            MailProblem::TooManyParts => "too many MIME parts",
            MailProblem::EmptyMailbox => "empty mailbox",
            MailProblem::InMessage { label, .. } => label,
        }
    }
}

/// The article of one message (`.eml`).
pub(super) fn parse_message(
    path: &Path,
    bytes: &[u8],
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
) -> Result<Article, ArticleError> {
    let bytes = trim_start(bytes);
    if bytes.is_empty() {
        return Err(ArticleError::Empty);
    }
    if memchr::memmem::find_iter(bytes, b"\n--").count() >= MAX_PARTS {
        return Err(MailProblem::TooManyParts.into());
    }
    let mail = mailparse::parse_mail(bytes).map_err(|error| MailProblem::Malformed {
        reason: super::one_line(&error.to_string(), 100),
    })?;
    if mail.headers.is_empty() || !has_mail_header(&mail) {
        return Err(MailProblem::Malformed {
            reason: "no From, Date or Subject header".to_owned(),
        }
        .into());
    }
    let header = |name: &str| {
        mail.headers
            .get_first_value(name)
            .map(|value| super::one_line(&value, 4096))
            .filter(|value| !value.is_empty())
    };
    let subject = header("Subject");
    let sent = header("Date");
    let sender = header("From").and_then(|from| sender_name(&from));
    let mut article = match text_part(&mail, "text/html") {
        Some(part) => {
            let html = decoded(part, sink.out)?;
            let record = WebRecord {
                html: &html,
                charset: part.ctype.params.get("charset").map(String::as_str),
                address: None,
                fetched: sent.as_deref(),
                title: subject.as_deref(),
            };
            let warned_before = sink.out.len();
            let result = read_page(path, &record, sink.out);
            for warning in &mut sink.out[warned_before..] {
                *warning = warning.replace(date::FETCHED_PLACE, date::MAIL_PLACE);
            }
            let mut article = result?;
            // A message's Date is when it was sent, no capture.
            article.captured = None;
            if article.date_source == DateSource::Fetched {
                article.date_source = DateSource::Mail;
            }
            article
        }
        None => {
            let part = text_part(&mail, "text/plain").ok_or(MailProblem::NoText)?;
            let raw = decoded(part, sink.out)?;
            let declared = part
                .ctype
                .params
                .get("charset")
                .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
            let body = text::normalize_body(&super::decode::decode(&raw, declared, sink.out)?);
            let meta = Meta {
                title: subject.clone(),
                date: sent
                    .as_deref()
                    .map(|raw| Stated::new(DateSource::Mail, raw, date::parse_stated)),
                ..Meta::default()
            };
            assemble(meta, body, false, ctx, sink)?
        }
    };
    // What the reader saw in their mail client, and what a newsletter calls the issue: a
    // heading inside is one story's of several.
    if let Some(subject) = subject {
        article.title = subject;
    }
    if article.authors.is_empty() {
        article.authors.extend(sender);
    }
    Ok(article)
}

/// The messages of a mailbox, each an entry numbered from 1; a message that gives no
/// article is an entry with its error, so it is reported with the rest.
pub(super) fn parse_mailbox(
    path: &Path,
    bytes: &[u8],
    ctx: &Context<'_>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Entry>, ArticleError> {
    let messages = split_mailbox(bytes);
    if messages.is_empty() {
        return Err(if trim_start(bytes).is_empty() {
            ArticleError::Empty
        } else {
            MailProblem::EmptyMailbox.into()
        });
    }
    let mut entries = Vec::with_capacity(messages.len());
    for (index, message) in messages.into_iter().enumerate() {
        let number = index + 1;
        let mut sink = Sink {
            out: warnings,
            line: Some(number),
        };
        let message = unescape_from_lines(message);
        let warned_before = sink.out.len();
        let result = parse_message(path, &message, ctx, &mut sink).map_err(|error| {
            MailProblem::InMessage {
                number,
                problem: error.to_string(),
                label: error.label(),
            }
            .into()
        });
        for warning in &mut warnings[warned_before..] {
            *warning = format!("message {number}: {warning}");
        }
        entries.push(Entry {
            line: Some(number),
            result,
        });
    }
    Ok(entries)
}

/// The messages of a mailbox, each without its `From ` separator line.
fn split_mailbox(bytes: &[u8]) -> Vec<&[u8]> {
    let mut starts = Vec::new();
    let mut previous_blank = true;
    let mut at = 0;
    while at < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i + 1);
        let line = &bytes[at..end];
        if previous_blank && is_separator(line) {
            starts.push((at, end));
        }
        previous_blank = line.iter().all(u8::is_ascii_whitespace);
        at = end;
    }
    let mut messages = Vec::with_capacity(starts.len());
    for (index, &(_, body_start)) in starts.iter().enumerate() {
        let end = starts.get(index + 1).map_or(bytes.len(), |&(next, _)| next);
        messages.push(&bytes[body_start..end]);
    }
    messages
}

/// A `From ` line as mail programs write it: a sender, then a date with a time
/// (`From MAILER-DAEMON Fri Jul  8 12:08:34 2011`, Thunderbird's `From - Tue …`), which a
/// body line a writer forgot to escape ("From the boat, …") rarely looks like.
fn is_separator(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"From ") else {
        return false;
    };
    let rest = String::from_utf8_lossy(rest);
    let mut words = rest.split_whitespace();
    let has_sender = words.next().is_some();
    let date: Vec<&str> = words.collect();
    has_sender
        && date.len() >= 2
        && date.iter().any(|w| w.contains(':'))
        && date
            .iter()
            .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
}

/// mboxrd escapes a body line starting `From ` (after any `>`) with one more `>`.
fn unescape_from_lines(message: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if memchr::memmem::find(message, b"\n>").is_none() {
        return std::borrow::Cow::Borrowed(message);
    }
    let mut out = Vec::with_capacity(message.len());
    for line in message.split_inclusive(|&b| b == b'\n') {
        let quotes = line.iter().take_while(|&&b| b == b'>').count();
        if quotes > 0 && line[quotes..].starts_with(b"From ") {
            out.extend_from_slice(&line[1..]);
        } else {
            out.extend_from_slice(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn has_mail_header(mail: &ParsedMail<'_>) -> bool {
    ["From", "Date", "Subject"]
        .iter()
        .any(|name| mail.headers.get_first_value(name).is_some())
}

/// The first part of this type that is not an attachment, depth first.
fn text_part<'m>(mail: &'m ParsedMail<'m>, mimetype: &str) -> Option<&'m ParsedMail<'m>> {
    mail.parts().find(|part| {
        part.ctype.mimetype == mimetype
            && part.get_content_disposition().disposition != mailparse::DispositionType::Attachment
    })
}

/// A part's bytes with its transfer encoding undone, held to the page bound.
fn decoded(part: &ParsedMail<'_>, warnings: &mut Vec<String>) -> Result<Vec<u8>, ArticleError> {
    mhtml::transfer_decoded(part, MAX_PAGE_BYTES, warnings).map_err(|problem| match problem {
        mhtml::MhtmlProblem::PageTooLarge => MailProblem::PartTooLarge.into(),
        other => MailProblem::Malformed {
            reason: other.to_string(),
        }
        .into(),
    })
}

/// The name in a `From` header (`"Ann Lee" <ann@example.org>` gives `Ann Lee`), else the
/// address.
fn sender_name(from: &str) -> Option<String> {
    let parsed = mailparse::addrparse(from).ok()?;
    let first = parsed.iter().next()?;
    let name = match first {
        mailparse::MailAddr::Single(single) => single
            .display_name
            .clone()
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| single.addr.clone()),
        mailparse::MailAddr::Group(group) => group.group_name.clone(),
    };
    let name = name.trim().trim_matches('"').trim().to_owned();
    Some(name).filter(|name| !name.is_empty())
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mailbox_is_cut_at_from_lines_after_a_blank_line_only() {
        let mbox = b"From a@b Mon Jan  1 00:00:00 2024\nSubject: one\n\nFrom the start, a body line.\n\nFrom c@d Tue Jan  2 00:00:00 2024\nSubject: two\n\nbody\n";
        let messages = split_mailbox(mbox);
        assert_eq!(messages.len(), 2);
        assert!(messages[0].starts_with(b"Subject: one"));
        // A body line starting `From ` right after text is no separator.
        let mbox = b"From a@b Mon Jan  1 00:00:00 2024\nSubject: one\n\nline\nFrom the start\n";
        assert_eq!(split_mailbox(mbox).len(), 1);
        assert!(split_mailbox(b"no separator\n").is_empty());
    }

    #[test]
    fn escaped_from_lines_lose_one_quote() {
        let message = b"Subject: x\n\n>From here\n>>From there\n> quoted\n";
        assert_eq!(
            &*unescape_from_lines(message),
            b"Subject: x\n\nFrom here\n>From there\n> quoted\n"
        );
    }

    #[test]
    fn the_sender_is_the_display_name_else_the_address() {
        assert_eq!(
            sender_name("\"Ann Lee\" <ann@example.org>").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            sender_name("ann@example.org").as_deref(),
            Some("ann@example.org")
        );
        assert_eq!(sender_name("").as_deref(), None);
    }
}

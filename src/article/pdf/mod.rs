//! PDF articles: browser print-to-PDF and news-database downloads.
//!
//! One file is one article, however many pages or stories it holds. Three steps, a
//! file each: `extract.rs` reads the glyphs and their positions and the document's own
//! metadata, under bounds (size, inflation, nesting, time, panics); `layout.rs` puts the
//! lines back into paragraphs without the running heads, feet and page numbers; `meta.rs`
//! picks the title, date and address. `docs/PDF.md` says why this crate and how well.

mod extract;
mod layout;
mod meta;

use super::{Article, ArticleError, Context, Sink};

/// A larger file is no article: counted and skipped before any of it is parsed.
pub(super) const MAX_PDF_BYTES: usize = 256 << 20;

/// The article a PDF holds.
pub(super) fn parse_pdf(
    bytes: &[u8],
    ctx: &Context<'_>,
    sink: &mut Sink<'_>,
) -> Result<Article, ArticleError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ArticleError::Empty);
    }
    if bytes.len() > MAX_PDF_BYTES {
        return Err(ArticleError::PdfTooLarge {
            mib: bytes.len() >> 20,
            limit_mib: MAX_PDF_BYTES >> 20,
        });
    }
    let extracted = extract::extract(bytes)?;
    for warning in extracted.warnings {
        sink.warn(warning);
    }
    let stated_title = meta::stated_title(&extracted.info);
    let laid = layout::lay_out(
        &extracted.pages,
        extracted.info.title.as_deref().or(stated_title.as_deref()),
    );
    let mut paragraphs = laid.paragraphs;
    if paragraphs.iter().all(|p| p.trim().is_empty()) {
        return Err(ArticleError::PdfNoTextLayer);
    }
    let meta = meta::meta(&extracted.info, &laid.furniture, &mut paragraphs);
    let body = paragraphs.join("\n\n");
    super::assemble(meta, body, false, ctx, sink)
}

//! Word documents (`.docx`): a zip whose `word/document.xml` holds the paragraphs
//! (`w:p`), each a run of text (`w:t`), tabs (`w:tab`) and line breaks (`w:br`, `w:cr`).
//! Deleted text (`w:delText`), field codes (`w:instrText`), headers, footers and
//! comments are other elements or other parts, and are not read. A paragraph styled
//! `Title` or `Heading…` is marked, so that an ordinary document's heading is its title.
//!
//! Bounds: the zip's directory is read by the `zip` crate (a damaged or truncated one is
//! a named problem); `word/document.xml` is inflated to at most [`MAX_DOCUMENT_XML`]
//! bytes, past which the file is refused as a decompression bomb whatever its directory
//! claims; the XML is read in one pass by `quick-xml` (no tree, no entity expansion but
//! the five predefined and character references), so memory is the inflated XML plus
//! its text.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::ExportProblem;

/// The most `word/document.xml` may inflate to: a 2,000-article export is some 20 MB.
pub const MAX_DOCUMENT_XML: u64 = 64 << 20;

/// One paragraph of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Its text, a line break inside it as `\n`, a tab as `\t`.
    pub text: String,
    /// Styled `Title` or `Heading N`.
    pub heading: bool,
}

/// The paragraphs of a `.docx`, in order, the empty ones included (they separate an
/// export's parts as blank lines do).
pub fn read_docx(bytes: &[u8]) -> Result<Vec<Paragraph>, ExportProblem> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| ExportProblem::NotZip {
            reason: super::super::one_line(&error.to_string(), 100),
        })?;
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|_| ExportProblem::NoDocument)?;
    let mut xml = Vec::new();
    entry
        .take(MAX_DOCUMENT_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|error| ExportProblem::Damaged {
            reason: super::super::one_line(&error.to_string(), 100),
        })?;
    if xml.len() as u64 > MAX_DOCUMENT_XML {
        return Err(ExportProblem::Bomb);
    }
    paragraphs(&xml)
}

/// The paragraphs of `word/document.xml`. A well-formed start and a damaged rest keep
/// what was read; nothing read at all is the damage reported.
fn paragraphs(xml: &[u8]) -> Result<Vec<Paragraph>, ExportProblem> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut current: Option<Paragraph> = None;
    let mut in_text = false;
    // Inside `mc:Fallback`: the same text box again, for older readers.
    let mut fallback_depth = 0usize;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) if out.is_empty() => {
                return Err(ExportProblem::Damaged {
                    reason: super::super::one_line(&error.to_string(), 100),
                })
            }
            Err(_) => break,
        };
        match &event {
            Event::Start(element) if element.local_name().as_ref() == b"Fallback" => {
                fallback_depth += 1;
                continue;
            }
            Event::End(element) if element.local_name().as_ref() == b"Fallback" => {
                fallback_depth = fallback_depth.saturating_sub(1);
                continue;
            }
            Event::Eof => break,
            _ if fallback_depth > 0 => continue,
            _ => {}
        }
        match event {
            Event::Start(element) => match element.local_name().as_ref() {
                b"p" => {
                    // A paragraph inside a paragraph (a text box): the outer one's text so
                    // far is a paragraph of its own.
                    out.extend(current.take().filter(|outer| !outer.text.is_empty()));
                    current = Some(Paragraph {
                        text: String::new(),
                        heading: false,
                    });
                }
                b"t" => in_text = true,
                _ => {}
            },
            Event::Empty(element) if element.local_name().as_ref() == b"p" => {
                out.extend(current.take());
                out.push(Paragraph {
                    text: String::new(),
                    heading: false,
                });
            }
            Event::Empty(element) => {
                if let Some(paragraph) = current.as_mut() {
                    match element.local_name().as_ref() {
                        b"tab" => paragraph.text.push('\t'),
                        b"br" | b"cr" => paragraph.text.push('\n'),
                        b"pStyle" => paragraph.heading |= is_heading_style(&element),
                        _ => {}
                    }
                }
            }
            Event::End(element) => match element.local_name().as_ref() {
                b"p" => out.extend(current.take()),
                b"t" => in_text = false,
                _ => {}
            },
            Event::Text(text) if in_text => {
                if let (Some(paragraph), Ok(text)) = (current.as_mut(), text.decode()) {
                    paragraph.text.push_str(&text);
                }
            }
            Event::CData(text) if in_text => {
                if let Some(paragraph) = current.as_mut() {
                    paragraph.text.push_str(&String::from_utf8_lossy(&text));
                }
            }
            Event::GeneralRef(reference) if in_text => {
                if let Some(paragraph) = current.as_mut() {
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match &*reference {
                            b"amp" => Some('&'),
                            b"lt" => Some('<'),
                            b"gt" => Some('>'),
                            b"quot" => Some('"'),
                            b"apos" => Some('\''),
                            _ => None,
                        },
                    };
                    paragraph.text.extend(resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out.extend(current);
    Ok(out)
}

fn is_heading_style(element: &BytesStart<'_>) -> bool {
    element.attributes().flatten().any(|attribute| {
        attribute.key.local_name().as_ref() == b"val" && {
            let value = attribute.value.as_ref();
            value.starts_with(b"Heading") || value == b"Title"
        }
    })
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn docx(document_xml: &[u8]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        writer
            .start_file("word/document.xml", SimpleFileOptions::default())
            .unwrap();
        writer.write_all(document_xml).unwrap();
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document {W}><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Ferry &amp; fares</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">The ferry </w:t></w:r><w:r><w:t>said&#8230;</w:t><w:tab/><w:t>x</w:t><w:br/><w:t>y</w:t></w:r></w:p>
<w:p/><w:p><w:r><w:instrText>PAGE</w:instrText><w:delText>gone</w:delText></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></mc:Choice>
<mc:Fallback><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>
</w:body></w:document>"#
        );
        let paragraphs = read_docx(&docx(xml.as_bytes())).unwrap();
        let texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Ferry & fares",
                "The ferry said\u{2026}\tx\ny",
                "",
                "",
                "Box"
            ]
        );
        assert!(paragraphs[0].heading && !paragraphs[1].heading);
    }

    #[test]
    fn damaged_files_are_named_problems() {
        assert!(matches!(
            read_docx(b"PK\x03\x04 not really"),
            Err(ExportProblem::NotZip { .. })
        ));
        let full =
            docx(b"<w:document><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>");
        assert!(read_docx(&full[..full.len() / 2]).is_err());
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        writer
            .start_file("other.xml", SimpleFileOptions::default())
            .unwrap();
        let other = writer.finish().unwrap().into_inner();
        assert_eq!(read_docx(&other), Err(ExportProblem::NoDocument));
        assert!(matches!(
            read_docx(&docx(b"<w:document><w:p></w:document>")),
            Err(ExportProblem::Damaged { .. })
        ));
    }

    #[test]
    fn a_bomb_is_refused() {
        let xml = vec![b' '; (MAX_DOCUMENT_XML + 10) as usize];
        assert_eq!(read_docx(&docx(&xml)), Err(ExportProblem::Bomb));
    }
}

//! Files a walk finds and does not read. None is left out in silence: each is counted by
//! its kind (its extension), and the kinds people save articles in say why they are not
//! read yet, so that a reporter whose clippings are half PDFs learns it from the summary
//! (`ignored: 8 .odt (office documents other than .docx are not read yet)`) instead of finding half an
//! archive.

use std::collections::BTreeMap;
use std::path::Path;

/// The kind of a file left alone: its extension, lower-cased, with its dot (`.docx`,
/// `.warc.zst`), or `(no extension)`.
pub fn kind_of(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    // Compressed kinds keep the kind they compress: `.warc.zst`, `.arc.gz`.
    let compressed = [".gz", ".zst", ".bz2", ".xz"];
    let last_dot = name.rfind('.').filter(|&at| at > 0);
    let start = match last_dot {
        Some(at) if compressed.contains(&&name[at..]) => name[..at]
            .rfind('.')
            .filter(|&inner| inner > 0)
            .unwrap_or(at),
        Some(at) => at,
        None => return "(no extension)".to_owned(),
    };
    let kind = &name[start..];
    // An extension is short and plain; anything else is part of a name.
    if kind.len() > 12
        || !kind[1..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.')
    {
        return "(no extension)".to_owned();
    }
    kind.to_owned()
}

/// Why files of this kind are not read, for the kinds articles are saved in; `None` for
/// images, code and everything else that is no article.
pub fn why_not_read(kind: &str) -> Option<&'static str> {
    Some(match kind {
        ".doc" | ".odt" => "office documents other than .docx are not read yet",
        ".rtf" => "RTF is not read yet (save exports as .docx, .txt or .html)",
        ".arc" | ".arc.gz" => "this web archive format is not read yet",
        ".msg" => "Outlook messages are not read yet (save them as .eml)",
        _ => return None,
    })
}

/// Files left alone, counted by kind.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Unread {
    pub by_kind: BTreeMap<String, usize>,
}

impl Unread {
    pub fn count(&mut self, path: &Path) {
        *self.by_kind.entry(kind_of(path)).or_default() += 1;
    }

    /// Counts `count` of a kind that is no extension (folders left alone, say).
    pub fn count_kind(&mut self, kind: &str, count: usize) {
        *self.by_kind.entry(kind.to_owned()).or_default() += count;
    }

    pub fn merge(&mut self, other: Unread) {
        for (kind, count) in other.by_kind {
            *self.by_kind.entry(kind).or_default() += count;
        }
    }

    pub fn total(&self) -> usize {
        self.by_kind.values().sum()
    }

    /// The kinds, most files first (kinds with a reason before others of the same count),
    /// each with its reason when there is one.
    pub fn listed(&self) -> Vec<(&str, usize, Option<&'static str>)> {
        let mut kinds: Vec<_> = self
            .by_kind
            .iter()
            .map(|(kind, &count)| (kind.as_str(), count, why_not_read(kind)))
            .collect();
        kinds.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.is_some().cmp(&a.2.is_some())));
        kinds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_extensions_with_what_they_compress() {
        assert_eq!(kind_of(Path::new("/a/Report.PDF")), ".pdf");
        assert_eq!(kind_of(Path::new("crawl.warc.zst")), ".warc.zst");
        assert_eq!(kind_of(Path::new("old.arc.gz")), ".arc.gz");
        assert_eq!(kind_of(Path::new("notes.gz")), ".gz");
        assert_eq!(kind_of(Path::new("Makefile")), "(no extension)");
        assert_eq!(kind_of(Path::new(".profile")), "(no extension)");
        assert_eq!(kind_of(Path::new("a.b c d")), "(no extension)");
    }

    #[test]
    fn document_kinds_say_why_and_come_first() {
        let mut unread = Unread::default();
        for name in ["a.png", "b.png", "c.rtf", "d.rtf", "e.odt", "f"] {
            unread.count(Path::new(name));
        }
        let listed = unread.listed();
        assert_eq!(
            listed[0],
            (
                ".rtf",
                2,
                Some("RTF is not read yet (save exports as .docx, .txt or .html)")
            )
        );
        assert_eq!(listed[1], (".png", 2, None));
        assert_eq!(unread.total(), 6);
    }
}

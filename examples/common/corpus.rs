//! Reading a corpus folder as ingest reads it, shared by the evaluation examples.

use std::path::Path;

use chrono::NaiveDate;

/// One article of a corpus file (a JSON-lines file holds several). Not every example
/// reads every field.
#[allow(dead_code)]
pub struct CorpusArticle {
    /// Path relative to the corpus folder, with `/` separators.
    pub file: String,
    /// Position of the article among its file's entries.
    pub entry: usize,
    pub body: String,
    pub date: Option<NaiveDate>,
}

/// Every readable article under `dir`, files in name order; unreadable or unparsable
/// files are passed over, as ingest would report and skip them.
pub fn read_articles(dir: &Path) -> Result<Vec<CorpusArticle>, String> {
    let mut articles = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|error| format!("{}: {error}", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let Ok(parsed) = morgue::article::parse_file(path, &bytes) else {
            continue;
        };
        let file = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        for (index, parsed_entry) in parsed.entries.into_iter().enumerate() {
            if let Ok(article) = parsed_entry.result {
                articles.push(CorpusArticle {
                    file: file.clone(),
                    entry: index,
                    body: article.body,
                    date: article.publication_date,
                });
            }
        }
    }
    Ok(articles)
}

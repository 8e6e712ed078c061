//! `morgue stats`: what the archive holds.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::error::Result;
use crate::index::document::from_datetime;
use crate::index::schema::KIND_ARTICLE;
use crate::index::ArchiveIndex;
use crate::people::top_people;

#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub articles: usize,
    pub undated: usize,
    pub earliest: Option<NaiveDate>,
    pub latest: Option<NaiveDate>,
    pub index_bytes: u64,
    pub top_people: Vec<(String, u64)>,
    pub per_year: Vec<(i32, u64)>,
}

fn folder_size(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|entry| entry.metadata().ok())
                .filter(|metadata| metadata.is_file())
                .map(|metadata| metadata.len())
                .sum()
        })
        .unwrap_or(0)
}

pub fn stats(archive: &ArchiveIndex) -> Result<Stats> {
    let reader = archive.reader()?;
    let searcher = reader.searcher();
    let articles_query = TermQuery::new(
        Term::from_field_text(archive.fields.kind, KIND_ARTICLE),
        IndexRecordOption::Basic,
    );
    let articles = searcher
        .search(&articles_query, &Count)
        .map_err(|e| archive.error(e))?;
    let mut per_year: BTreeMap<i32, u64> = BTreeMap::new();
    let mut dated = 0usize;
    let (mut earliest, mut latest) = (None::<NaiveDate>, None::<NaiveDate>);
    for segment in searcher.segment_readers() {
        let dates = segment
            .fast_fields()
            .date("publication_date")
            .map_err(|e| archive.error(e))?;
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|bits| !bits.is_alive(doc)) {
                continue;
            }
            let Some(day) = dates.first(doc).and_then(from_datetime) else {
                continue;
            };
            dated += 1;
            *per_year.entry(day.year()).or_default() += 1;
            earliest = Some(earliest.map_or(day, |e| e.min(day)));
            latest = Some(latest.map_or(day, |l| l.max(day)));
        }
    }
    Ok(Stats {
        articles,
        undated: articles.saturating_sub(dated),
        earliest,
        latest,
        index_bytes: folder_size(&archive.dir),
        top_people: top_people(archive, &articles_query, 10)?.people,
        per_year: per_year.into_iter().collect(),
    })
}

//! `morgue timeline`: matching articles per year or month, by publication date or by the
//! dates they mention. Counted column-wise from fast fields, never from stored documents.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::calendar::Granularity;
use crate::error::Result;
use crate::index::document::from_datetime;
use crate::index::mention_key;
use crate::index::ArchiveIndex;
use crate::search::{over_matching, FuzzyWords, SearchRequest};

/// How long a bar of the timeline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bucket {
    Year,
    Month,
}

/// Which date of an article places it on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBasis {
    Published,
    /// Each date the article mentions that fits in one bucket; an article mentioning
    /// several periods counts in each, once.
    Mentioned,
}

/// A period (`2024` or `2024-07`) and its article count, in time order, empty periods
/// between the first and last included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub bucket: Bucket,
    pub basis: DateBasis,
    /// Matching articles in all, those without a date to place them by included.
    pub articles: usize,
    pub periods: Vec<(String, u64)>,
    /// The words matched with typo tolerance when the articles are close matches.
    pub fuzzy: FuzzyWords,
}

type Period = (i32, u32);

fn period_of(bucket: Bucket, day: NaiveDate) -> Period {
    match bucket {
        Bucket::Year => (day.year(), 0),
        Bucket::Month => (day.year(), day.month()),
    }
}

/// Whether a mention of this granularity lies inside one bucket, so it can be placed.
fn fits(bucket: Bucket, granularity: Granularity) -> bool {
    match bucket {
        Bucket::Month => matches!(granularity, Granularity::Day | Granularity::Month),
        Bucket::Year => !matches!(granularity, Granularity::Decade | Granularity::Range),
    }
}

struct PeriodCollector {
    bucket: Bucket,
    basis: DateBasis,
}

struct PeriodSegmentCollector {
    bucket: Bucket,
    dates: Option<Column<tantivy::DateTime>>,
    mentions: Option<Column<u64>>,
    counts: BTreeMap<Period, u64>,
    seen: BTreeSet<Period>,
}

impl Collector for PeriodCollector {
    type Fruit = BTreeMap<Period, u64>;
    type Child = PeriodSegmentCollector;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let fast = segment.fast_fields();
        let (dates, mentions) = match self.basis {
            DateBasis::Published => (Some(fast.date("publication_date")?), None),
            DateBasis::Mentioned => (None, Some(fast.u64("mention_key")?)),
        };
        Ok(PeriodSegmentCollector {
            bucket: self.bucket,
            dates,
            mentions,
            counts: BTreeMap::new(),
            seen: BTreeSet::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut merged = BTreeMap::new();
        for fruit in fruits {
            for (period, count) in fruit {
                *merged.entry(period).or_default() += count;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for PeriodSegmentCollector {
    type Fruit = BTreeMap<Period, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(dates) = &self.dates {
            if let Some(day) = dates.first(doc).and_then(from_datetime) {
                *self.counts.entry(period_of(self.bucket, day)).or_default() += 1;
            }
        }
        if let Some(mentions) = &self.mentions {
            self.seen.clear();
            for key in mentions.values_for_doc(doc) {
                if let Some((granularity, first_day)) = mention_key::decode(key) {
                    if fits(self.bucket, granularity) {
                        self.seen.insert(period_of(self.bucket, first_day));
                    }
                }
            }
            for period in &self.seen {
                *self.counts.entry(*period).or_default() += 1;
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.counts
    }
}

fn label(bucket: Bucket, (year, month): Period) -> String {
    match bucket {
        Bucket::Year => format!("{year}"),
        Bucket::Month => format!("{year}-{month:02}"),
    }
}

fn next(bucket: Bucket, (year, month): Period) -> Period {
    match bucket {
        Bucket::Year => (year + 1, 0),
        Bucket::Month if month == 12 => (year + 1, 1),
        Bucket::Month => (year, month + 1),
    }
}

/// Counts per period, with the empty periods between the first and the last filled in
/// (up to a sane number of bars: a stray mention of the year 1066 must not draw a
/// thousand empty years).
fn fill(bucket: Bucket, counts: BTreeMap<Period, u64>) -> Vec<(String, u64)> {
    const MAX_BARS: usize = 600;
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    let mut periods = Vec::new();
    let mut period = first;
    while period <= last && periods.len() < MAX_BARS {
        periods.push((
            label(bucket, period),
            counts.get(&period).copied().unwrap_or(0),
        ));
        period = next(bucket, period);
    }
    if period <= last {
        // Too long a span to draw every empty period: list the non-empty ones only.
        return counts
            .into_iter()
            .map(|(p, n)| (label(bucket, p), n))
            .collect();
    }
    periods
}

/// `morgue timeline [QUERY]`: the articles `search` lists for the same request (close
/// matches included: [`crate::search::matching`]), per period.
pub fn timeline(
    archive: &ArchiveIndex,
    request: &SearchRequest,
    bucket: Bucket,
    basis: DateBasis,
) -> Result<Timeline> {
    let reader = archive.reader()?;
    let searcher = reader.searcher();
    let matched = over_matching(archive, &searcher, request, |query, _| {
        searcher
            .search(query, &(Count, PeriodCollector { bucket, basis }))
            .map_err(|e| archive.error(e))
    })?;
    Ok(Timeline {
        bucket,
        basis,
        articles: matched.total,
        periods: fill(bucket, matched.fruit),
        fuzzy: matched.fuzzy,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_months_are_filled_in() {
        let counts = BTreeMap::from([((2024, 11), 2), ((2025, 2), 1)]);
        let filled = fill(Bucket::Month, counts);
        let labels: Vec<&str> = filled.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, vec!["2024-11", "2024-12", "2025-01", "2025-02"]);
        assert_eq!(filled[1].1, 0);
    }

    #[test]
    fn a_huge_span_lists_only_what_is_there() {
        let counts = BTreeMap::from([((1066, 0), 1), ((2024, 0), 3)]);
        assert_eq!(fill(Bucket::Year, counts).len(), 2);
    }

    #[test]
    fn only_mentions_inside_a_bucket_are_placed() {
        assert!(fits(Bucket::Month, Granularity::Day));
        assert!(!fits(Bucket::Month, Granularity::Year));
        assert!(fits(Bucket::Year, Granularity::Season));
        assert!(!fits(Bucket::Year, Granularity::Decade));
    }
}

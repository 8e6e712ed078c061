//! How coarse a date is: the granularities of the calendar.

use serde::{Deserialize, Serialize};

/// How coarse a date mention is. Every granularity but `Range` tiles the calendar,
/// which is what lets the index answer "mentions inside this period" exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    /// ISO week, Monday to Sunday.
    Week,
    Month,
    Quarter,
    /// Meteorological seasons: winter is December to February (of the year it starts in).
    Season,
    Year,
    Decade,
    /// Any other interval, such as "March 3-7" or "between 2019 and 2021".
    Range,
}

impl Granularity {
    /// The lower-case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Quarter => "quarter",
            Granularity::Season => "season",
            Granularity::Year => "year",
            Granularity::Decade => "decade",
            Granularity::Range => "range",
        }
    }
}

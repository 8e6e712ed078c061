//! The calendar every part of morgue shares: granularities, the periods of each (their
//! days and normalised values such as `2024-W28` or `1990s`), month and weekday names, and
//! the date arguments of the command line and the API. The date extractor, the index, search
//! and the article reader all read dates through this module, so a value means the same
//! days everywhere.

mod days;
mod granularity;
pub mod names;
mod periods;

pub use days::{parse_day_range, parse_days, DayRange, DATE_EXAMPLES, DATE_FORMS};
pub use granularity::Granularity;
pub use periods::{
    decade_interval, iso_week_interval, month_interval, parse_value, period_bounds, period_start,
    period_value, quarter_interval, season_interval, season_of, year_interval, Season,
};

//! The one road from what a user typed to a checked [`SearchRequest`]: the command line's
//! flags (`--from`, `--to`, `--person`, `--mentions`) and the page's and the API's URL
//! parameters (`from`, `to`, `person`, `mentions`) are both read into [`FilterText`], and
//! [`FilterText::request`] is the only place that parses and checks them, so a request
//! refused by one front end is refused by the others with the same message.
//!
//! A new filter is added to [`FilterText`] and checked in [`FilterText::request`]; the
//! front ends only fill the text in.

use crate::calendar::{parse_day_range, parse_days, DayRange};
use crate::error::{MorgueError, Result};

use super::SearchRequest;

/// The filters of a search as typed, before they are checked. Each is named in error
/// messages by its URL parameter name (`from`, not `--from`), the same in every front end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterText {
    /// The search words (may be empty).
    pub query: String,
    /// Published on or after the first day of this date.
    pub from: Option<String>,
    /// Published on or before the last day of this date.
    pub to: Option<String>,
    /// Every one of these people must be named.
    pub people: Vec<String>,
    /// Mentions a date inside this period (`DATE` or `FROM..TO`).
    pub mentions: Option<String>,
}

fn bad(parameter: &str, reason: impl Into<String>) -> MorgueError {
    MorgueError::BadParameter {
        parameter: parameter.to_owned(),
        reason: reason.into(),
    }
}

/// A date parameter that does not parse, named by its parameter.
fn not_a_date(parameter: &str, error: MorgueError) -> MorgueError {
    match error {
        MorgueError::BadDate { value, reason } => {
            bad(parameter, format!("{value:?} is not a date: {reason}"))
        }
        other => bad(parameter, other.to_string()),
    }
}

/// The days a date parameter covers, when given.
fn days(
    parameter: &str,
    value: Option<&str>,
    parse: fn(&str) -> Result<DayRange>,
) -> Result<Option<DayRange>> {
    value
        .map(|text| parse(text).map_err(|error| not_a_date(parameter, error)))
        .transpose()
}

impl FilterText {
    /// The request these filters stand for (relevance order, no limit set), or the first
    /// filter that cannot be used: a date that does not parse, or a `to` that ends before
    /// `from` starts (which could only ever match nothing).
    pub fn request(&self) -> Result<SearchRequest> {
        let from = days("from", self.from.as_deref(), parse_days)?;
        let to = days("to", self.to.as_deref(), parse_days)?;
        if let (Some(from_days), Some(to_days)) = (from, to) {
            if to_days.last < from_days.first {
                return Err(bad(
                    "to",
                    format!(
                        "{:?} ends before from {:?} starts",
                        self.to.as_deref().unwrap_or_default(),
                        self.from.as_deref().unwrap_or_default()
                    ),
                ));
            }
        }
        Ok(SearchRequest {
            query: self.query.clone(),
            from: from.map(|days| days.first),
            to: to.map(|days| days.last),
            people: self.people.clone(),
            mentions: days("mentions", self.mentions.as_deref(), parse_day_range)?,
            typed: self.clone(),
            ..SearchRequest::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filters(from: Option<&str>, to: Option<&str>, mentions: Option<&str>) -> FilterText {
        FilterText {
            from: from.map(str::to_owned),
            to: to.map(str::to_owned),
            mentions: mentions.map(str::to_owned),
            ..FilterText::default()
        }
    }

    fn refusal(text: FilterText) -> (String, String) {
        match text.request() {
            Err(MorgueError::BadParameter { parameter, reason }) => (parameter, reason),
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn reversed_dates_are_refused_by_name() {
        let (parameter, reason) = refusal(filters(Some("1988"), Some("1987"), None));
        assert_eq!(parameter, "to");
        assert_eq!(reason, "\"1987\" ends before from \"1988\" starts");
        let error = filters(Some("1988"), Some("1987"), None)
            .request()
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid to: \"1987\" ends before from \"1988\" starts"
        );
    }

    #[test]
    fn a_period_may_start_and_end_in_the_same_one() {
        for (from, to) in [
            ("2025-03", "2025-03"),
            ("2025-03-15", "2025-03"),
            ("2025-Q1", "2025-01"),
        ] {
            let request = filters(Some(from), Some(to), None).request().unwrap();
            assert!(request.from <= request.to, "{from} {to}");
        }
    }

    #[test]
    fn a_bad_date_names_its_parameter() {
        assert_eq!(refusal(filters(Some("March"), None, None)).0, "from");
        assert_eq!(refusal(filters(None, Some("2025-13"), None)).0, "to");
        let (parameter, reason) = refusal(filters(None, None, Some("2025..2024")));
        assert_eq!(parameter, "mentions");
        assert!(reason.contains("ends before it starts"), "{reason}");
    }

    #[test]
    fn every_date_form_is_taken() {
        let request = filters(Some("2025-Q1"), Some("2025-W20"), Some("1990s..2024-SU"))
            .request()
            .unwrap();
        assert_eq!(request.from.unwrap().to_string(), "2025-01-01");
        assert_eq!(request.to.unwrap().to_string(), "2025-05-18");
        let mentions = request.mentions.unwrap();
        assert_eq!(mentions.first.to_string(), "1990-01-01");
        assert_eq!(mentions.last.to_string(), "2024-08-31");
    }
}

//! Query-string parameters of the page and the API, checked one by one so that a bad one
//! is answered with its name and the reason.

use crate::error::MorgueError;
use crate::search::limits;
use crate::search::{FilterText, SearchRequest, SortOrder};
use crate::timeline::{Bucket, DateBasis};

/// Most results one API request may ask for: snippets are made for each.
pub const MAX_LIMIT: usize = 1000;

/// Results per page of the web page.
pub const PAGE_SIZE: usize = 10;

/// A parameter that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError {
    pub parameter: String,
    pub message: String,
}

impl ParamError {
    pub fn new(parameter: &str, message: impl Into<String>) -> ParamError {
        ParamError {
            parameter: parameter.to_owned(),
            message: message.into(),
        }
    }

    /// The parameter a library error is about, when it is about one: a query the grammar
    /// rejects is `q`'s fault, a name with no words `person`'s.
    pub fn from_error(error: &MorgueError) -> Option<ParamError> {
        if let MorgueError::BadParameter { parameter, reason } = error {
            return Some(ParamError::new(parameter, reason.clone()));
        }
        let parameter = match error {
            MorgueError::BadQuery { .. } => "q",
            MorgueError::BadOption { option, .. } => option.trim_start_matches('-'),
            MorgueError::BadDate { .. } => "date",
            _ => return None,
        };
        Some(ParamError::new(parameter, error.to_string()))
    }
}

/// The decoded `name=value` pairs of a query string, in order. Empty values count as
/// absent, as an HTML form sends every input whether filled in or not.
#[derive(Debug, Clone, Default)]
pub struct RawParams(Vec<(String, String)>);

impl RawParams {
    pub fn parse(query: Option<&str>) -> RawParams {
        let pairs = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .map(|(name, value)| (name.into_owned(), value.trim().to_owned()))
            .collect();
        RawParams(pairs)
    }

    /// Refuses parameters this endpoint does not know: a misspelt `form=2024` must not
    /// silently search everything.
    pub fn allow_only(&self, known: &[&str]) -> Result<(), ParamError> {
        match self
            .0
            .iter()
            .find(|(name, _)| !known.contains(&name.as_str()))
        {
            Some((name, _)) => Err(ParamError::new(
                name,
                format!("unknown parameter (known: {})", known.join(", ")),
            )),
            None => Ok(()),
        }
    }

    /// The value of a parameter given at most once.
    pub fn single<'a>(&'a self, name: &'a str) -> Result<Option<&'a str>, ParamError> {
        let mut values = self.all(name);
        let first = values.next();
        if values.next().is_some() {
            return Err(ParamError::new(name, "given more than once"));
        }
        Ok(first)
    }

    /// Every non-empty value of a repeatable parameter.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(n, v)| n == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    fn number(
        &self,
        name: &str,
        default: usize,
        range: (usize, usize),
    ) -> Result<usize, ParamError> {
        let Some(text) = self.single(name)? else {
            return Ok(default);
        };
        let value: usize = text
            .parse()
            .map_err(|_| ParamError::new(name, format!("{text:?} is not a whole number")))?;
        if value < range.0 || value > range.1 {
            return Err(ParamError::new(
                name,
                format!("{value} is out of range ({}..={})", range.0, range.1),
            ));
        }
        Ok(value)
    }

    fn choice<T: Copy>(
        &self,
        name: &str,
        choices: &[(&str, T)],
        default: T,
    ) -> Result<T, ParamError> {
        let Some(text) = self.single(name)? else {
            return Ok(default);
        };
        choices
            .iter()
            .find(|(label, _)| label.eq_ignore_ascii_case(text))
            .map(|(_, value)| *value)
            .ok_or_else(|| {
                let labels: Vec<&str> = choices.iter().map(|(label, _)| *label).collect();
                ParamError::new(
                    name,
                    format!("{text:?} is not one of {}", labels.join(", ")),
                )
            })
    }
}

/// The orders the page and the API take, by name, in the order the page lists them.
pub const SORTS: [(&str, SortOrder); 3] = [
    ("relevance", SortOrder::Relevance),
    ("newest", SortOrder::Newest),
    ("oldest", SortOrder::Oldest),
];

pub fn sort_label(sort: SortOrder) -> &'static str {
    SORTS
        .iter()
        .find(|(_, s)| *s == sort)
        .map_or("relevance", |(label, _)| label)
}

/// A search as the URL states it: the raw text of each filter (to show it back in the
/// form and to build links) and the request it stands for.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub query: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub people: Vec<String>,
    pub mentions: Option<String>,
    pub sort: SortOrder,
    pub request: SearchRequest,
}

/// The filter parameters every endpoint shares.
pub const FILTER_PARAMS: [&str; 5] = ["q", "from", "to", "person", "mentions"];

impl SearchState {
    /// Reads `q`, `from`, `to`, `person` (repeatable), `mentions` and `sort`.
    pub fn from_params(params: &RawParams) -> Result<SearchState, ParamError> {
        let text = |name| params.single(name).map(|v| v.map(str::to_owned));
        let query = text("q")?.unwrap_or_default();
        let from = text("from")?;
        let to = text("to")?;
        let mentions = text("mentions")?;
        let people: Vec<String> = params.all("person").map(str::to_owned).collect();
        let sort = params.choice("sort", &SORTS, SortOrder::Relevance)?;
        let filters = FilterText {
            query: query.clone(),
            from: from.clone(),
            to: to.clone(),
            people: people.clone(),
            mentions: mentions.clone(),
        };
        let request = SearchRequest {
            sort,
            limit: PAGE_SIZE,
            offset: 0,
            ..filters.request().map_err(|error| {
                ParamError::from_error(&error)
                    .unwrap_or_else(|| ParamError::new("q", error.to_string()))
            })?
        };
        Ok(SearchState {
            query,
            from,
            to,
            people,
            mentions,
            sort,
            request,
        })
    }

    /// Whether anything narrows the archive: without it the page shows its front matter.
    pub fn is_empty(&self) -> bool {
        self.query.trim().is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.people.is_empty()
            && self.mentions.is_none()
    }

    /// The query string of this search on `page` (1-based; page 1 is left out).
    pub fn url_query(&self, page: usize) -> String {
        let mut url = form_urlencoded::Serializer::new(String::new());
        if !self.query.is_empty() {
            url.append_pair("q", &self.query);
        }
        for (name, value) in [("from", &self.from), ("to", &self.to)] {
            if let Some(value) = value {
                url.append_pair(name, value);
            }
        }
        for person in &self.people {
            url.append_pair("person", person);
        }
        if let Some(mentions) = &self.mentions {
            url.append_pair("mentions", mentions);
        }
        if self.sort != SortOrder::Relevance {
            url.append_pair("sort", sort_label(self.sort));
        }
        if page > 1 {
            url.append_pair("page", &page.to_string());
        }
        url.finish()
    }

    /// `/?…` for this search on `page`.
    pub fn href(&self, page: usize) -> String {
        format!("/?{}", self.url_query(page))
    }

    pub fn with_person(&self, name: &str) -> SearchState {
        let mut next = self.clone();
        if !next.people.iter().any(|p| p.eq_ignore_ascii_case(name)) {
            next.people.push(name.to_owned());
        }
        next
    }

    pub fn without_person(&self, name: &str) -> SearchState {
        let mut next = self.clone();
        next.people.retain(|p| p != name);
        next
    }

    pub fn with_dates(&self, from: Option<String>, to: Option<String>) -> SearchState {
        SearchState {
            from,
            to,
            ..self.clone()
        }
    }

    /// The same words and order, without any filter.
    pub fn without_filters(&self) -> SearchState {
        SearchState {
            query: self.query.clone(),
            sort: self.sort,
            ..SearchState::default()
        }
    }

    pub fn without_mentions(&self) -> SearchState {
        SearchState {
            mentions: None,
            ..self.clone()
        }
    }
}

/// `limit` and `offset` of the API (`limit` 1 to [`MAX_LIMIT`], default `default`).
pub fn limit_offset(params: &RawParams, default: usize) -> Result<(usize, usize), ParamError> {
    let limit = params.number("limit", default, (1, MAX_LIMIT))?;
    let offset = params.number("offset", 0, (0, limits::MAX_OFFSET))?;
    Ok((limit, offset))
}

/// `page` of the web page, 1-based.
pub fn page(params: &RawParams) -> Result<usize, ParamError> {
    params.number("page", 1, (1, usize::MAX / (2 * PAGE_SIZE)))
}

/// `by` (year or month) and `dates` (published or mentioned) of the timeline.
pub fn timeline_shape(params: &RawParams) -> Result<(Bucket, DateBasis), ParamError> {
    let bucket = params.choice(
        "by",
        &[("year", Bucket::Year), ("month", Bucket::Month)],
        Bucket::Year,
    )?;
    let basis = params.choice(
        "dates",
        &[
            ("published", DateBasis::Published),
            ("mentioned", DateBasis::Mentioned),
        ],
        DateBasis::Published,
    )?;
    Ok((bucket, basis))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(query: &str) -> Result<SearchState, ParamError> {
        SearchState::from_params(&RawParams::parse(Some(query)))
    }

    #[test]
    fn a_full_search_is_read() {
        let s = state(
            "q=oil+prices&from=1987-03&to=1987&person=James+Baker&person=Volcker&sort=newest",
        )
        .unwrap();
        assert_eq!(s.query, "oil prices");
        assert_eq!(s.request.from.unwrap().to_string(), "1987-03-01");
        assert_eq!(s.request.to.unwrap().to_string(), "1987-12-31");
        assert_eq!(s.people, ["James Baker", "Volcker"]);
        assert_eq!(s.sort, SortOrder::Newest);
    }

    #[test]
    fn empty_form_fields_are_absent() {
        let s = state("q=&from=&to=&sort=relevance").unwrap();
        assert!(s.is_empty());
        assert_eq!(s.url_query(1), "");
    }

    #[test]
    fn a_bad_parameter_is_named() {
        assert_eq!(state("from=March").unwrap_err().parameter, "from");
        assert_eq!(state("to=2025-13").unwrap_err().parameter, "to");
        assert_eq!(state("mentions=soon").unwrap_err().parameter, "mentions");
        assert_eq!(state("sort=best").unwrap_err().parameter, "sort");
        assert_eq!(state("q=a&q=b").unwrap_err().parameter, "q");
        assert_eq!(state("from=2025&to=2024").unwrap_err().parameter, "to");
        let params = RawParams::parse(Some("limit=0"));
        assert_eq!(limit_offset(&params, 10).unwrap_err().parameter, "limit");
        let params = RawParams::parse(Some("limit=ten"));
        assert_eq!(limit_offset(&params, 10).unwrap_err().parameter, "limit");
        let params = RawParams::parse(Some("form=2024"));
        assert_eq!(
            params.allow_only(&FILTER_PARAMS).unwrap_err().parameter,
            "form"
        );
    }

    #[test]
    fn links_round_trip() {
        let s = state("q=%22interest+rates%22&person=Paul+Volcker&sort=oldest").unwrap();
        let again = state(&s.with_person("Baker").url_query(3)).unwrap();
        assert_eq!(again.query, "\"interest rates\"");
        assert_eq!(again.people, ["Paul Volcker", "Baker"]);
        assert_eq!(again.sort, SortOrder::Oldest);
        assert_eq!(s.with_person("paul volcker").people.len(), 1);
        assert!(s.without_person("Paul Volcker").people.is_empty());
        let params = RawParams::parse(Some(&s.url_query(3)));
        assert_eq!(page(&params).unwrap(), 3);
    }
}

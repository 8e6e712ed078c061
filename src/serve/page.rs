//! The web page, rendered on the server so that it works without JavaScript. Every piece
//! of article text goes through maud's escaping; nothing here builds HTML from strings.

use maud::{html, Markup, DOCTYPE};

use super::assets;
use super::params::{sort_label, ParamError, SearchState, PAGE_SIZE, SORTS};
use crate::calendar::DATE_EXAMPLES;
use crate::extract::{DateMention, PersonMention};
use crate::path_text::{escape_text, Breaks};
use crate::people::PeopleCounts;
use crate::render::display_location;
use crate::search::no_match::Without;
use crate::search::{NoMatch, SearchResponse, SortOrder};
use crate::show::{ArticleDetails, Linked};
use crate::timeline::Timeline;

/// Everything the search page shows.
pub struct SearchView<'a> {
    pub state: &'a SearchState,
    pub page: usize,
    pub response: Option<&'a SearchResponse>,
    pub people: Option<&'a PeopleCounts>,
    pub timeline: Option<&'a Timeline>,
    pub error: Option<&'a ParamError>,
}

fn layout(title: &str, state: &SearchState, content: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (title) }
                link rel="icon" href=(assets::href("favicon.svg"));
                link rel="stylesheet" href=(assets::href("style.css"));
                script src=(assets::href("app.js")) defer {}
            }
            body {
                (search_form(state))
                main #app { (content) }
                footer { "morgue " (env!("CARGO_PKG_VERSION")) " · a local news archive · "
                    a href="/api/search" { "JSON API" } }
            }
        }
    }
    .into_string()
}

/// The order results really come in: relevance needs words to rank by, so a search
/// without words lists the newest first, and the form and the summary say so.
fn effective_sort(state: &SearchState) -> SortOrder {
    match state.sort {
        SortOrder::Relevance if state.query.trim().is_empty() => SortOrder::Newest,
        sort => sort,
    }
}

fn search_form(state: &SearchState) -> Markup {
    let sort = effective_sort(state);
    // Without words the box shows "newest"; the script drops that implied choice once
    // words are typed, so they are ranked by relevance.
    let implied = (sort != state.sort).then(|| sort_label(sort));
    let date_title = format!("A date: {DATE_EXAMPLES}");
    html! {
        header.top {
            a.brand href="/" { "morgue" }
            form #search action="/" method="get" role="search" {
                input #q type="search" name="q" value=(state.query) autocomplete="off"
                    placeholder="Names, words, \"a phrase\", person:volcker…"
                    aria-label="Search the archive";
                label { "From " input #from name="from" value=[state.from.as_deref()]
                    placeholder="2025-Q1" size="10" autocomplete="off" title=(date_title); }
                label { "To " input #to name="to" value=[state.to.as_deref()]
                    placeholder="2025-03-22" size="10" autocomplete="off" title=(date_title); }
                label { "Mentions " input #mentions name="mentions"
                    value=[state.mentions.as_deref()] placeholder="1990s..2001" size="12"
                    autocomplete="off"
                    title=(format!("Only articles that mention a date inside DATE or FROM..TO; {date_title}")); }
                label { "Sort "
                    select #sort name="sort" data-implied=[implied] {
                        @for (label, order) in SORTS {
                            option value=(label) selected[order == sort] { (label) }
                        }
                    }
                }
                @for person in &state.people {
                    input type="hidden" name="person" value=(person);
                }
                button type="submit" { "Search" }
            }
        }
    }
}

fn filter_chips(state: &SearchState) -> Markup {
    html! {
        @if !state.people.is_empty() || state.mentions.is_some() {
            ul.chips aria-label="Filters" {
                @for person in &state.people {
                    li { a.chip.person href=(state.without_person(person).href(1))
                        title="Remove this filter" { (person) span.x aria-hidden="true" { "×" } } }
                }
                @if let Some(mentions) = &state.mentions {
                    li { a.chip.date href=(state.without_mentions().href(1))
                        title="Remove this filter" { "mentions " (mentions)
                            span.x aria-hidden="true" { "×" } } }
                }
            }
        }
    }
}

/// The snippet's text with its highlighted ranges in `<mark>`.
/// Text from a file on the page: HTML-escaped by maud, and before that with control
/// characters and bidirectional overrides shown as `\xHH` escapes, as the terminal shows
/// them (an override would make an address or a file name read backwards). Every string
/// from an article is rendered through this.
struct Shown<'a>(&'a str);

impl maud::Render for Shown<'_> {
    fn render_to(&self, buffer: &mut String) {
        escape_text(self.0, Breaks::Keep).as_ref().render_to(buffer);
    }
}

/// `Shown` for text that goes into an attribute or a formatted string.
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    escape_text(text, Breaks::Keep)
}

fn snippet(text: &str, highlights: &[(usize, usize)]) -> Markup {
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    for &(start, end) in highlights {
        if start < at {
            continue;
        }
        if let (Some(before), Some(marked)) = (text.get(at..start), text.get(start..end)) {
            pieces.push((before, false));
            pieces.push((marked, true));
            at = end;
        }
    }
    pieces.push((text.get(at..).unwrap_or_default(), false));
    html! {
        @for (piece, marked) in pieces {
            @if marked { mark { (Shown(piece)) } } @else { (Shown(piece)) }
        }
    }
}

fn results(view: &SearchView, response: &SearchResponse) -> Markup {
    let state = view.state;
    let first = (view.page - 1) * PAGE_SIZE;
    let pages = response.total.div_ceil(PAGE_SIZE).max(1);
    let article_query = state.url_query(view.page);
    html! {
        p.summary {
            @if response.total == 0 {
                "No articles match."
            } @else if response.hits.is_empty() {
                (response.total) " articles; page " (view.page) " is past the last one. "
                a href=(state.href(pages)) { "Go to page " (pages) }
            } @else {
                (response.total) @if response.total == 1 { " article" } @else { " articles" }
                @if response.total > PAGE_SIZE {
                    ", " (first + 1) "–" ((first + response.hits.len())) " shown"
                }
                ", " (order_text(effective_sort(state))) "."
            }
            " " span.took { (format!("{:.1}", response.took_ms)) " ms" }
        }
        @if let Some(help) = &response.no_match {
            (no_match(state, help))
        }
        @if !response.fuzzy.is_empty() {
            p.notice { "No exact match; showing close matches for "
                @for (i, (word, close)) in response.fuzzy.iter().enumerate() {
                    @if i > 0 { ", " }
                    "“" (Shown(word)) "”"
                    @if !close.is_empty() { " (" (Shown(&close.join(", "))) ")" }
                }
                ". The people and the timeline beside count the same articles." }
        }
        ol.hits start=(first + 1) {
            @for hit in &response.hits {
                @let article = &hit.article;
                li.hit {
                    h2 { a href=(format!("/articles/{}?{}", article.id, article_query)) {
                        @if article.title.is_empty() { "(untitled)" } @else { (Shown(&article.title)) }
                    } }
                    p.meta {
                        @if let Some(date) = article.publication_date {
                            time datetime=(date) { (date) }
                        } @else { span.undated { "undated" } }
                        " · " span.path { (display_location(&article.file, article.member.as_deref(), article.line)) }
                    }
                    p.snippet { (snippet(&hit.snippet.text, &hit.snippet.highlights)) }
                    @if !article.people.is_empty() {
                        p.people {
                            @for name in article.people.iter().take(6) {
                                a.person href=(state.with_person(name).href(1))
                                    title=(format!("Only articles naming {}", shown(name))) { (Shown(name)) }
                                " "
                            }
                            @if article.people.len() > 6 {
                                span.more { "+" (article.people.len() - 6) }
                            }
                        }
                    }
                }
            }
        }
        @if pages > 1 {
            nav.pages aria-label="Pages" {
                @if view.page > 1 {
                    a rel="prev" href=(state.href(view.page - 1)) { "← Previous" }
                }
                span { "Page " (view.page) " of " (pages) }
                @if view.page < pages {
                    a rel="next" href=(state.href(view.page + 1)) { "Next →" }
                }
            }
        }
    }
}

/// The search without one of its filters.
fn without_filter(state: &SearchState, without: &Without) -> SearchState {
    match without.parameter {
        "from" => state.with_dates(None, state.to.clone()),
        "to" => state.with_dates(state.from.clone(), None),
        "mentions" => state.without_mentions(),
        _ => state.without_person(&without.value),
    }
}

/// Which filter emptied the set, each a link to the search without it, and the words
/// close to the unknown ones.
fn no_match(state: &SearchState, help: &NoMatch) -> Markup {
    let kind = if help.counts_close_matches {
        "close matches"
    } else {
        "articles"
    };
    html! {
        @if !help.without.is_empty() {
            div.notice.no-match {
                "Nothing matches all the filters. Without one of them:"
                ul {
                    @for without in &help.without {
                        li {
                            a href=(without_filter(state, without).href(1)) {
                                "without " (without.parameter) " " (Shown(&without.value))
                            }
                            ": " (without.total) " " (kind)
                        }
                    }
                    @if let Some(total) = help.without_any {
                        li {
                            a href=(state.without_filters().href(1)) { "without any filter" }
                            ": " (total) " " (kind)
                        }
                    }
                }
            }
        }
        @for (word, close) in &help.close_words {
            p.notice {
                "No article has “" (Shown(word)) "”"
                @if close.is_empty() { " or a word close to it." } @else {
                    "; close words in the archive: " (Shown(&close.join(", "))) "."
                }
            }
        }
    }
}

/// How the results are ordered, in the words of the summary line.
fn order_text(sort: SortOrder) -> &'static str {
    match sort {
        SortOrder::Relevance => "best match first",
        SortOrder::Newest => "newest first",
        SortOrder::Oldest => "oldest first",
    }
}

fn people_panel(state: &SearchState, people: &PeopleCounts) -> Markup {
    html! {
        section.people-panel aria-labelledby="people-heading" {
            h2 #people-heading { "People" }
            @if people.people.is_empty() {
                p.empty { "Nobody is named in these articles." }
            } @else {
                ol {
                    @for (name, count) in &people.people {
                        @let chosen = state.people.iter().any(|p| p.eq_ignore_ascii_case(name));
                        li {
                            @if chosen {
                                span.person.chosen { (Shown(name)) }
                            } @else {
                                a.person href=(state.with_person(name).href(1))
                                    title=(format!("Only articles naming {}", shown(name))) { (Shown(name)) }
                            }
                            span.count { (count) }
                        }
                    }
                }
            }
        }
    }
}

/// Bars of the timeline as SVG (attributes, not inline styles, so the page's content
/// security policy need not allow inline CSS). A bar links to its period.
fn timeline_panel(state: &SearchState, timeline: &Timeline) -> Markup {
    let max = timeline.periods.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let slots = timeline.periods.len().max(1);
    let width = slots * 10;
    // Each period has a slot of 10; with few periods, thinner bars than a full slot, so that
    // two bars do not look like two walls.
    let bar = (8.0 * slots as f64 / 12.0).clamp(2.0, 8.0);
    let bar_x = |i: usize| i as f64 * 10.0 + (10.0 - bar) / 2.0;
    html! {
        section.timeline-panel aria-labelledby="timeline-heading" {
            h2 #timeline-heading { "Timeline" }
            @if max == 0 {
                p.empty { "No dated articles." }
            } @else {
                svg.bars viewBox=(format!("0 0 {width} 60")) preserveAspectRatio="none"
                    role="img" aria-label="Matching articles per period" {
                    @for (i, (period, count)) in timeline.periods.iter().enumerate() {
                        @let height = if *count == 0 { 0.5 } else { (*count as f64 / max as f64 * 58.0).max(2.0) };
                        @let label = format!("{period}: {count} article{}", if *count == 1 { "" } else { "s" });
                        @if *count == 0 {
                            rect.zero x=(bar_x(i)) y=(60.0 - height) width=(bar) height=(height) { title { (label) } }
                        } @else {
                            a href=(state.with_dates(Some(period.clone()), Some(period.clone())).href(1)) {
                                rect x=(bar_x(i)) y=(60.0 - height) width=(bar) height=(height) { title { (label) } }
                            }
                        }
                    }
                }
                p.axis {
                    span { (timeline.periods.first().map(|(p, _)| p.as_str()).unwrap_or_default()) }
                    span { "max " (max) }
                    span { (timeline.periods.last().map(|(p, _)| p.as_str()).unwrap_or_default()) }
                }
            }
        }
    }
}

pub fn search_page(view: &SearchView) -> String {
    let title = if view.state.query.is_empty() {
        "morgue".to_owned()
    } else {
        format!("{} · morgue", view.state.query)
    };
    let content = html! {
        (filter_chips(view.state))
        @if let Some(error) = view.error {
            p.error role="alert" { strong { (error.parameter) } ": " (error.message) }
        }
        div.layout {
            section.results aria-label="Results" {
                @if let Some(response) = view.response { (results(view, response)) }
            }
            aside.panel {
                @if let Some(people) = view.people { (people_panel(view.state, people)) }
                @if let Some(timeline) = view.timeline { (timeline_panel(view.state, timeline)) }
            }
        }
    };
    layout(&title, view.state, content)
}

/// A marked span of the article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark<'a> {
    Person(&'a PersonMention),
    Date(&'a DateMention),
}

impl Mark<'_> {
    fn span(&self) -> (usize, usize) {
        match self {
            Mark::Person(m) => (m.start, m.end),
            Mark::Date(m) => (m.start, m.end),
        }
    }
}

/// A paragraph of the body as pieces of text, each marked or not.
type Paragraph<'a> = Vec<(&'a str, Option<Mark<'a>>)>;

/// Splits `body` into paragraphs at blank lines and cuts each around the mentions inside
/// it. A mention that overlaps an earlier one, crosses a paragraph or does not fall on
/// character boundaries is left unmarked rather than breaking the text.
fn marked_paragraphs<'a>(
    body: &'a str,
    people: &'a [PersonMention],
    dates: &'a [DateMention],
) -> Vec<Paragraph<'a>> {
    let mut marks: Vec<Mark> = people
        .iter()
        .map(Mark::Person)
        .chain(dates.iter().map(Mark::Date))
        .filter(|m| {
            let (start, end) = m.span();
            start < end && body.get(start..end).is_some()
        })
        .collect();
    marks.sort_by_key(|m| m.span());
    let mut marks = marks.into_iter().peekable();
    let mut paragraphs = Vec::new();
    let mut offset = 0;
    for raw in body.split("\n\n") {
        let (start, end) = (offset, offset + raw.len());
        offset = end + 2;
        let mut pieces: Paragraph = Vec::new();
        let mut at = start;
        while let Some(mark) = marks.peek().copied() {
            let (m_start, m_end) = mark.span();
            if m_start >= end {
                break;
            }
            marks.next();
            if m_start < at || m_end > end {
                continue;
            }
            pieces.push((&body[at..m_start], None));
            pieces.push((&body[m_start..m_end], Some(mark)));
            at = m_end;
        }
        pieces.push((&body[at..end], None));
        pieces.retain(|(text, mark)| mark.is_some() || !text.is_empty());
        if pieces.iter().any(|(text, _)| !text.trim().is_empty()) {
            paragraphs.push(pieces);
        }
    }
    paragraphs
}

fn date_note(mention: &DateMention) -> String {
    if mention.from == mention.to {
        format!("{} ({})", mention.value, mention.granularity.as_str())
    } else {
        format!(
            "{} ({}: {} to {})",
            mention.value,
            mention.granularity.as_str(),
            mention.from,
            mention.to
        )
    }
}

/// The `mentions` filter value for the days a mention covers.
fn mention_range(mention: &DateMention) -> String {
    if mention.from == mention.to {
        mention.from.to_string()
    } else {
        format!("{}..{}", mention.from, mention.to)
    }
}

/// The article view: full text with people and dates marked, its fields, and a way back to
/// the search it was opened from (`back`).
pub fn article_page(details: &ArticleDetails, back: &SearchState, back_page: usize) -> String {
    let article = &details.article;
    let paragraphs = marked_paragraphs(
        &article.body,
        &details.person_mentions,
        &details.date_mentions,
    );
    let mut people: Vec<(&str, usize)> = Vec::new();
    for identity in &details.person_identities {
        // A firm named like a person is no one's.
        if matches!(identity.how, Linked::Firm(_)) {
            continue;
        }
        match people.iter_mut().find(|(name, _)| *name == identity.name) {
            Some((_, count)) => *count += 1,
            None => people.push((&identity.name, 1)),
        }
    }
    let fresh = SearchState {
        sort: SortOrder::Relevance,
        ..SearchState::default()
    };
    let safe_url = article
        .url
        .as_deref()
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"));
    let content = html! {
        p.back { a href=(back.href(back_page)) { "← Back to results" } }
        div.layout {
            article.article {
                h1 { @if article.title.is_empty() { "(untitled)" } @else { (Shown(&article.title)) } }
                p.meta {
                    @if let Some(date) = article.publication_date {
                        time datetime=(date) { (date) }
                        " · date from " (article.date_source)
                    } @else { span.undated { "undated" } }
                }
                dl.fields {
                    dt { "File" } dd.path { (display_location(&article.file, article.member.as_deref(), article.line)) }
                    @if let Some(url) = &article.url {
                        dt { "URL" }
                        dd { @if let Some(safe) = safe_url {
                            a href=(safe) rel="noopener noreferrer nofollow" { (Shown(url)) }
                        } @else { (Shown(url)) } }
                    }
                    @if let Some(captured) = article.captured { dt { "Captured" } dd { (captured.format("%Y-%m-%d").to_string()) } }
                    @if let Some(site) = &article.site { dt { "Site" } dd { (Shown(site)) } }
                    @if !article.authors.is_empty() { dt { "Authors" } dd { (Shown(&article.authors.join(", "))) } }
                    @if !article.tags.is_empty() { dt { "Tags" } dd { (Shown(&article.tags.join(", "))) } }
                    dt { "Id" } dd.id { (Shown(&article.id)) }
                }
                @if details.body_bytes > article.body.len() {
                    p.notice {
                        "This article is " (human_size(details.body_bytes)) " long; the page shows the first "
                        (human_size(article.body.len())) ". "
                        a href=(format!("/articles/{}/text", article.id)) { "The whole text" }
                        " is plain text."
                    }
                }
                div.body {
                    @for paragraph in &paragraphs {
                        p { @for (text, mark) in paragraph {
                            @match mark {
                                Some(Mark::Person(m)) => mark.person title=(shown(&m.name)) { (Shown(text)) },
                                Some(Mark::Date(m)) => mark.date title=(date_note(m)) data-value=(m.value) { (Shown(text)) },
                                None => (Shown(text)),
                            }
                        } }
                    }
                }
            }
            aside.panel {
                section aria-labelledby="article-people" {
                    h2 #article-people { "People" }
                    @if people.is_empty() { p.empty { "Nobody is named." } }
                    ol { @for (name, count) in &people {
                        li { a.person href=(fresh.with_person(name).href(1))
                            title=(format!("Articles naming {}", shown(name))) { (Shown(name)) }
                            span.count { (count) } }
                    } }
                }
                section aria-labelledby="article-dates" {
                    h2 #article-dates { "Dates mentioned" }
                    @if details.date_mentions.is_empty() { p.empty { "No dates." } }
                    ol.dates { @for mention in &details.date_mentions {
                        li { a href=(format!("/?{}", form_urlencoded::Serializer::new(String::new())
                                .append_pair("mentions", &mention_range(mention)).finish()))
                            title="Articles mentioning this period" { (mention.value) }
                            " " span.said { "“" (Shown(&mention.text)) "”" } }
                    } }
                }
            }
        }
    };
    let title = if article.title.is_empty() {
        "(untitled) · morgue".to_owned()
    } else {
        format!("{} · morgue", shown(&article.title))
    };
    layout(&title, back, content)
}

/// Bytes as a reader says them: `512 KB`, `64.0 MB`.
fn human_size(bytes: usize) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

/// A page for a request that went wrong before there was anything to show.
pub fn error_page(heading: &str, message: &str) -> String {
    let content = html! {
        div.missing { h1 { (heading) } p { (message) } p { a href="/" { "Search the archive" } } }
    };
    layout(heading, &SearchState::default(), content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    use crate::calendar::Granularity;

    fn person(body: &str, text: &str, name: &str) -> PersonMention {
        let start = body.find(text).unwrap();
        PersonMention {
            start,
            end: start + text.len(),
            text: text.into(),
            name: name.into(),
        }
    }

    fn date(body: &str, text: &str) -> DateMention {
        let start = body.find(text).unwrap();
        let day = NaiveDate::from_ymd_opt(2025, 3, 22).unwrap();
        DateMention {
            start,
            end: start + text.len(),
            text: text.into(),
            value: "2025-03-22".into(),
            from: day,
            to: day,
            granularity: Granularity::Day,
        }
    }

    #[test]
    fn mentions_are_cut_out_of_their_paragraphs() {
        let body = "Putin spoke on Saturday.\n\nWitkoff <b>listened</b>.";
        let people = [
            person(body, "Putin", "Vladimir Putin"),
            person(body, "Witkoff", "Steve Witkoff"),
        ];
        let dates = [date(body, "Saturday")];
        let paragraphs = marked_paragraphs(body, &people, &dates);
        assert_eq!(paragraphs.len(), 2);
        let texts: Vec<&str> = paragraphs[0].iter().map(|(t, _)| *t).collect();
        assert_eq!(texts, ["Putin", " spoke on ", "Saturday", "."]);
        assert!(matches!(paragraphs[0][2].1, Some(Mark::Date(_))));
        assert_eq!(paragraphs[1][0].0, "Witkoff");
    }

    #[test]
    fn overlapping_or_broken_mentions_are_left_unmarked() {
        let body = "Señor Putin spoke.";
        let mut broken = person(body, "Putin", "Vladimir Putin");
        broken.start = 3; // inside "ñ"
        let overlapping = person(body, "Putin spoke", "X");
        let people = [person(body, "Putin", "Vladimir Putin"), overlapping, broken];
        let paragraphs = marked_paragraphs(body, &people, &[]);
        let marked: Vec<&str> = paragraphs[0]
            .iter()
            .filter(|(_, m)| m.is_some())
            .map(|(t, _)| *t)
            .collect();
        assert_eq!(marked, ["Putin"]);
        let text: String = paragraphs[0].iter().map(|(t, _)| *t).collect();
        assert_eq!(text, body);
    }

    #[test]
    fn article_text_is_escaped() {
        let markup = snippet("a <script>alert(1)</script> b", &[(2, 10)]).into_string();
        assert!(!markup.contains("<script>"), "{markup}");
        assert!(markup.contains("<mark>&lt;script&gt;</mark>"), "{markup}");
    }

    #[test]
    fn highlights_outside_the_snippet_are_ignored() {
        let markup = snippet("short", &[(2, 99), (1, 3)]).into_string();
        assert_eq!(markup, "s<mark>ho</mark>rt");
    }
}

//! Titles for sources that do not label one.
//!
//! Wire copy puts a headline line before the story; other sources start straight
//! with the lede. Telling them apart by shape (one short line that is not a
//! finished sentence) is right for nearly all of the real corpora, and when there
//! is no headline the lede's first sentence is the best summary we have.

/// A first paragraph longer than this is a lede, not a headline.
const MAX_HEADLINE_CHARS: usize = 150;
/// Titles made from the lede are cut near this length, at a word boundary.
const MAX_TITLE_CHARS: usize = 120;

/// Closing quotes and brackets that may follow a sentence's final punctuation.
const CLOSERS: &[char] = &['"', '\'', '\u{201d}', '\u{2019}', '\u{bb}', ')', ']'];

/// Words that end with a period without ending a sentence. Matched as written here
/// or in capitals (wire headlines); never in lower case, where most of them are
/// ordinary words ("sat.", "sun.").
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Ft", "Gen", "Gov", "Sen", "Rep",
    "Rev", "Col", "Lt", "Sgt", "Capt", "Cmdr", "Adm", "Maj", "Pres", "Inc", "Corp", "Co", "Cos",
    "Ltd", "Bros", "No", "Nos", "Vol", "Ave", "Blvd", "Rd", "Dept", "Univ", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed",
    "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "vs", "approx", "est",
];

/// Takes the title from the start of a normalised, non-empty body: the first
/// paragraph if it looks like a headline (and some text follows it; it is then
/// removed from the body), else the body's first sentence, shortened if long.
pub(crate) fn take_title(body: &mut String) -> String {
    let para_end = body.find("\n\n").unwrap_or(body.len());
    let first = &body[..para_end];
    if para_end < body.len() && is_headline(first) {
        let title = clean(first);
        let rest = &body[para_end..];
        let rest_start = para_end + (rest.len() - rest.trim_start().len());
        body.drain(..rest_start);
        return title;
    }
    clean(&shorten(first_sentence(first)))
}

/// A first line `# Heading` (ATX level 1) is a Markdown document's title; removed
/// from the body when text follows it.
pub(crate) fn take_markdown_heading(body: &mut String) -> Option<String> {
    let line_end = body.find('\n').unwrap_or(body.len());
    let line = &body[..line_end];
    let heading = line.strip_prefix('#')?;
    if !(heading.is_empty() || heading.starts_with([' ', '\t'])) {
        return None;
    }
    // An optional closing sequence of `#`s, as Markdown allows.
    let heading = heading.trim();
    let heading = match heading.trim_end_matches('#') {
        stripped if stripped.is_empty() || stripped.ends_with([' ', '\t']) => stripped,
        _ => heading,
    };
    let title = clean(heading);
    if title.is_empty() {
        return None;
    }
    let rest = &body[line_end..];
    let rest_start = line_end + (rest.len() - rest.trim_start().len());
    if rest_start < body.len() {
        body.drain(..rest_start);
    }
    Some(title)
}

/// One line, white space runs collapsed, so titles display and match predictably.
pub(crate) fn clean(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for word in title.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A final period after initials does not end a sentence ("... IN U.S."), but one
/// after other abbreviations does here: ledes end with "Co." or "Inc." far more
/// often than headlines do, and mistaking a lede for a headline would drop it
/// from the body. Wire headlines in capitals sometimes end with a full stop
/// ("MERRILL MANDATED FOR IEL U.S. NOTE."); a lede is never all capitals.
fn is_headline(para: &str) -> bool {
    !para.contains('\n')
        && para.len() <= MAX_HEADLINE_CHARS * 4
        && para.chars().count() <= MAX_HEADLINE_CHARS
        && (!ends_sentence(para, is_initials) || is_all_caps(para))
}

fn is_all_caps(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// Whether `text` ends with sentence-ending punctuation (optionally followed by
/// closing quotes or brackets). An ellipsis does not count, nor a period after a
/// word for which `abbreviation` holds.
fn ends_sentence(text: &str, abbreviation: fn(&str) -> bool) -> bool {
    let text = text.trim_end().trim_end_matches(CLOSERS);
    match text.chars().next_back() {
        Some('!' | '?') => true,
        Some('.') => {
            let before = &text[..text.len() - 1];
            !before.ends_with('.') && !abbreviation(last_word(before))
        }
        _ => false,
    }
}

fn last_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    text[start..].trim_start_matches(['"', '\'', '(', '[', '\u{201c}', '\u{2018}', '\u{ab}'])
}

/// "J", "U.S", "e.g", "U.S.A": `word` is what precedes a period, without it.
fn is_initials(word: &str) -> bool {
    !word.is_empty()
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

/// `word` is what precedes a period, without the period.
fn is_abbreviation(word: &str) -> bool {
    if is_initials(word) {
        return true;
    }
    ABBREVIATIONS.iter().any(|abbr| {
        *abbr == word
            || (word.len() == abbr.len()
                && word.bytes().all(|b| b.is_ascii_uppercase())
                && abbr.eq_ignore_ascii_case(word))
    })
}

/// The first sentence of a paragraph, or a prefix of it a little longer than
/// [`MAX_TITLE_CHARS`] when the sentence is longer (only that much is needed, and
/// stopping there keeps this cheap on enormous one-line texts).
fn first_sentence(para: &str) -> &str {
    let mut chars = para.char_indices().peekable();
    let mut seen = 0usize;
    while let Some((i, c)) = chars.next() {
        seen += 1;
        if seen > MAX_TITLE_CHARS + 1 {
            return &para[..i];
        }
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Include closing quotes/brackets, then require white space or the end.
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if CLOSERS.contains(&next) {
                end = j + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let at_break = chars.peek().is_none_or(|&(_, next)| next.is_whitespace());
        if at_break && ends_sentence(&para[..end], is_abbreviation) {
            return &para[..end];
        }
    }
    para
}

/// Cuts at a word boundary at or before [`MAX_TITLE_CHARS`] and marks the cut with
/// an ellipsis; a word longer than half the limit is cut inside.
fn shorten(sentence: &str) -> String {
    let Some((limit, _)) = sentence.char_indices().nth(MAX_TITLE_CHARS) else {
        return sentence.to_owned();
    };
    let head = &sentence[..limit];
    let cut = if sentence[limit..].starts_with(char::is_whitespace) {
        head
    } else {
        match head.rfind(char::is_whitespace) {
            Some(space) if head[..space].chars().count() >= MAX_TITLE_CHARS / 2 => &head[..space],
            _ => head,
        }
    };
    let mut title = cut
        .trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '\u{2013}' | '\u{2014}')
        })
        .to_owned();
    title.push('\u{2026}');
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    fn take(body: &str) -> (String, String) {
        let mut body = body.to_owned();
        let title = take_title(&mut body);
        (title, body)
    }

    #[test]
    fn headline_paragraph_is_taken() {
        let (title, body) = take("BAHIA COCOA REVIEW\n\nShowers continued.\n\nMore.");
        assert_eq!(title, "BAHIA COCOA REVIEW");
        assert_eq!(body, "Showers continued.\n\nMore.");
    }

    #[test]
    fn headlines_from_the_corpora() {
        for headline in [
            "U.S. TREASURY'S BAKER SAYS DOLLAR DECLINE ORDERLY",
            "U.S. TREASURY'S BAKER SAYS ...",
            "PACAD INC <BAGS> IN PACT WITH OKAMOTO U.S.A.",
            "DEALERS SAY FED INTERVENED BUYING DOLLARS IN U.S.",
            "U.S. arms sales jump 25 percent in FY 2017",
            "Former Australian health minister charged with perjury: report",
            "Beatles' Apple Corps sues Apple Computer",
            "MERRILL MANDATED FOR IEL U.S. NOTE.",
            "WHAT NEXT FOR OPEC?",
        ] {
            let (title, body) = take(&format!("{headline}\n\nThe story."));
            assert_eq!((title.as_str(), body.as_str()), (headline, "The story."));
        }
    }

    #[test]
    fn sentence_lede_is_not_a_headline() {
        for lede in [
            "Upjohn Co. said it will offer an early retirement package.",
            "Is this the end?",
            "Stop!",
            "Anheuser-Busch Cos. said it plans to discount its beer.",
            "Advanced Medical Technologies Inc. said it purchased 93% of a unit of Henley Group Inc.",
            "Singaporean president due to visit Egypt Tues.",
            "\u{201c}We won.\u{201d}",
            "He said \"no.\"",
            "It ended at 5 p.m. on Friday in Washington, D.C., said Mr. Smith.",
        ] {
            let text = format!("{lede}\n\nMore.");
            let (title, body) = take(&text);
            assert_eq!(title, lede);
            assert_eq!(body, text, "body keeps the lede");
        }
    }

    #[test]
    fn headline_alone_stays_in_the_body() {
        let (title, body) = take("Only a short line");
        assert_eq!(
            (title.as_str(), body.as_str()),
            ("Only a short line", "Only a short line")
        );
    }

    #[test]
    fn multi_line_or_long_first_paragraph_is_a_lede() {
        let (title, body) = take("Two lines\nof lede\n\nMore.");
        assert_eq!(title, "Two lines of lede");
        assert!(body.starts_with("Two lines\nof lede"));
        let long = "word ".repeat(40);
        let (title, _) = take(&format!("{}\n\nMore.", long.trim()));
        assert!(title.ends_with('\u{2026}'));
    }

    #[test]
    fn first_sentence_skips_abbreviations_and_decimals() {
        assert_eq!(
            first_sentence("Coleco Industries Inc., a toy maker, paid 1.125 cents. Then more."),
            "Coleco Industries Inc., a toy maker, paid 1.125 cents."
        );
        assert_eq!(
            first_sentence("Mr. J. Smith of the U.S. Army spoke. Others did not."),
            "Mr. J. Smith of the U.S. Army spoke."
        );
        assert_eq!(first_sentence("\"Go home.\" He left."), "\"Go home.\"");
        assert_eq!(first_sentence("Wait... what? Yes."), "Wait... what?");
        assert_eq!(first_sentence("No end"), "No end");
    }

    #[test]
    fn long_sentence_is_cut_at_a_word_boundary() {
        let lede = "Donald Trump's top envoy Steve Witkoff has offered a rare glimpse into the unique dynamic between the US President and his Russian counterpart Vladimir Putin.";
        let (title, body) = take(lede);
        assert_eq!(
            title,
            "Donald Trump's top envoy Steve Witkoff has offered a rare glimpse into the unique dynamic between the US President and\u{2026}"
        );
        assert!(title.chars().count() <= MAX_TITLE_CHARS + 1);
        assert_eq!(body, lede);
    }

    #[test]
    fn cut_handles_multibyte_and_unbroken_text() {
        let s = "\u{e9}".repeat(300);
        let (title, _) = take(&s);
        assert_eq!(title.chars().count(), MAX_TITLE_CHARS + 1);
        let words = format!("{} {}", "a".repeat(10), "\u{1F600}".repeat(200));
        let (title, _) = take(&words);
        assert_eq!(title.chars().count(), MAX_TITLE_CHARS + 1);
        // The cut drops a dangling comma before the ellipsis.
        let xs = "x ".repeat(58);
        let (title, _) = take(&format!("{}, {}", xs.trim(), "y".repeat(100)));
        assert_eq!(title, format!("{}\u{2026}", xs.trim()));
    }

    #[test]
    fn markdown_heading() {
        let mut body = "# Storm hits #\n\nWinds rose.".to_owned();
        assert_eq!(
            take_markdown_heading(&mut body).as_deref(),
            Some("Storm hits")
        );
        assert_eq!(body, "Winds rose.");
        let mut body = "# C# rocks\nText".to_owned();
        assert_eq!(
            take_markdown_heading(&mut body).as_deref(),
            Some("C# rocks")
        );
        assert_eq!(body, "Text");
        for not_h1 in ["## Sub\n\nText", "#hashtag\n\nText", "#\n\nText", "Text"] {
            let mut body = not_h1.to_owned();
            assert_eq!(take_markdown_heading(&mut body), None, "{not_h1:?}");
            assert_eq!(body, not_h1);
        }
        let mut body = "# Only".to_owned();
        assert_eq!(take_markdown_heading(&mut body).as_deref(), Some("Only"));
        assert_eq!(body, "# Only");
    }

    #[test]
    fn abbreviations() {
        for word in ["Mr", "MR", "U.S", "J", "e.g", "Inc", "Jan", "Tues"] {
            assert!(is_abbreviation(word), "{word}");
        }
        for word in ["sat", "mr", "Mr.x", "", "cents", "USA"] {
            assert!(!is_abbreviation(word), "{word}");
        }
    }
}

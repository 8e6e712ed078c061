use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn run(text: &str, pub_date: &str) -> Vec<DateMention> {
    let p = if pub_date.is_empty() {
        None
    } else {
        Some(d(pub_date))
    };
    let got = RuleBasedDates.extract_dates(text, p);
    for m in &got {
        assert_eq!(&text[m.start..m.end], m.text, "offsets of {m:?}");
        assert!(m.from <= m.to, "{m:?}");
        if m.granularity != Granularity::Range {
            assert_eq!(
                period_bounds(m.granularity, m.from),
                (m.from, m.to),
                "{m:?}"
            );
            assert_eq!(period_value(m.granularity, m.from), m.value, "{m:?}");
        }
        assert_eq!(
            parse_value(&m.value),
            Some((m.granularity, m.from, m.to)),
            "{m:?}"
        );
    }
    for w in got.windows(2) {
        assert!(w[0].end <= w[1].start, "overlap {:?}", w);
    }
    got
}

/// (mention text, value, from, to, granularity)
type Want<'a> = (&'a str, &'a str, &'a str, &'a str, Granularity);

#[track_caller]
fn check(text: &str, pub_date: &str, want: &[Want]) {
    let got = run(text, pub_date);
    let got_t: Vec<_> = got
        .iter()
        .map(|m| {
            (
                m.text.as_str(),
                m.value.clone(),
                m.from.to_string(),
                m.to.to_string(),
                m.granularity,
            )
        })
        .collect();
    let want_t: Vec<_> = want
        .iter()
        .map(|(t, v, f, to, g)| (*t, v.to_string(), f.to_string(), to.to_string(), *g))
        .collect();
    assert_eq!(got_t, want_t, "in {text:?}");
}

use Granularity::{Day, Decade, Month, Quarter, Range, Season as Sea, Week, Year};

// ----- the seed article (published 2025-03-22) -------------------------------------

#[test]
fn seed_article() {
    check(
        "Putin prayed for Trump's well-being after the attempted assassination at a campaign rally last summer.",
        "2025-03-22",
        &[("last summer", "2024-SU", "2024-06-01", "2024-08-31", Sea)],
    );
    check(
        "— Anton Gerashchenko (@Gerashchenko_en) March 22, 2025",
        "2025-03-22",
        &[(
            "March 22, 2025",
            "2025-03-22",
            "2025-03-22",
            "2025-03-22",
            Day,
        )],
    );
    check(
        "Earlier this week, the two leaders engaged in a two-hour phone call to discuss ending Russia's full-scale invasion of Ukraine.",
        "2025-03-22",
        &[("Earlier this week", "2025-W12", "2025-03-17", "2025-03-23", Week)],
    );
    // The whole seed article: exactly these three.
    let seed = include_str!("../../../samples/seed/000_eaf787878c6b65eb.txt");
    let body = seed.strip_prefix(" date 2025-03-22 ").unwrap_or(seed);
    let got: Vec<_> = run(body, "2025-03-22")
        .into_iter()
        .map(|m| (m.text, m.value))
        .collect();
    assert_eq!(
        got,
        vec![
            ("last summer".to_string(), "2024-SU".to_string()),
            ("March 22, 2025".to_string(), "2025-03-22".to_string()),
            ("Earlier this week".to_string(), "2025-W12".to_string()),
        ]
    );
}

/// Relative expressions need the publication date: without it they are left out, while
/// the absolute ones stay (the regression set checks the same on every sentence).
#[test]
fn without_publication_date() {
    check("The ruling was announced July 31 by the court.", "", &[]);
    check(
        "Trump won in 2016, on Nov. 8, 2016; last year, this week, Friday.",
        "",
        &[
            ("2016", "2016", "2016-01-01", "2016-12-31", Year),
            (
                "Nov. 8, 2016",
                "2016-11-08",
                "2016-11-08",
                "2016-11-08",
                Day,
            ),
        ],
    );
}

// ----- other written forms (constructed) ---------------------------------------------

/// (publication date, sentence, expected mentions)
type Case<'a> = (&'a str, &'a str, &'a [Want<'a>]);

#[test]
fn written_forms() {
    let cases: &[Case] = &[
        // Reuters' dividend notes write small day numbers out, a paragraph a field.
        ("1987-03-02", "Qtly div 36 cts vs 36 cts prior\n\nPay April one\n\nRecord March 13\n\n",
            &[("April one", "1987-04-01", "1987-04-01", "1987-04-01", Day),
              ("March 13", "1987-03-13", "1987-03-13", "1987-03-13", Day)]),
        ("", "The plan was filed on 22 March 2025 with the regulator.",
            &[("22 March 2025", "2025-03-22", "2025-03-22", "2025-03-22", Day)]),
        ("", "Saturday, March 22, 2025 was the day the ceasefire collapsed.",
            &[("Saturday, March 22, 2025", "2025-03-22", "2025-03-22", "2025-03-22", Day)]),
        ("", "The file was last updated 2025-03-22 by the clerk.",
            &[("2025-03-22", "2025-03-22", "2025-03-22", "2025-03-22", Day)]),
        ("", "It will hold a meeting on Mar. 22nd 2025 in Paris.",
            &[("Mar. 22nd 2025", "2025-03-22", "2025-03-22", "2025-03-22", Day)]),
        ("", "MEETING SET FOR MARCH 23, 1987",
            &[("MARCH 23, 1987", "1987-03-23", "1987-03-23", "1987-03-23", Day)]),
        ("", "The leap day, February 29, 2024, fell on a Thursday.",
            &[("February 29, 2024", "2024-02-29", "2024-02-29", "2024-02-29", Day)]),
        ("", "The deal is expected to close by the end of March of 2026.",
            &[("March of 2026", "2026-03", "2026-03-01", "2026-03-31", Month)]),
        ("", "Revenue in Q3 2024 beat expectations.",
            &[("Q3 2024", "2024-Q3", "2024-07-01", "2024-09-30", Quarter)]),
        ("", "Heating demand peaked in the winter of 2009 as temperatures dropped.",
            &[("the winter of 2009", "2009-WI", "2009-12-01", "2010-02-28", Sea)]),
        ("", "The loans were made between 2019 and 2021, auditors found.",
            &[("between 2019 and 2021", "2019-01-01..2021-12-31", "2019-01-01", "2021-12-31", Range)]),
        ("", "The bubble of the \u{2019}90s burst.", &[]),
        ("1998-03-01", "Those were the excesses of the '80s.",
            &[("the '80s", "1980s", "1980-01-01", "1989-12-31", Decade)]),
        ("2025-03-22", "The exchange offer runs March 3-7 and the shares list on the 31st of March.",
            &[
                ("March 3-7", "2025-03-03..2025-03-07", "2025-03-03", "2025-03-07", Range),
                ("31st of March", "2025-03-31", "2025-03-31", "2025-03-31", Day),
            ]),
        // Nearest year: a December date in a January article is last year's.
        ("1998-01-05", "The bombing on Dec. 30 killed three people; the trial opens Jan. 9.",
            &[
                ("Dec. 30", "1997-12-30", "1997-12-30", "1997-12-30", Day),
                ("Jan. 9", "1998-01-09", "1998-01-09", "1998-01-09", Day),
            ]),
        ("2025-03-22", "The minister resigned last Saturday; the vote is this Saturday and talks resume next Saturday.",
            &[
                ("last Saturday", "2025-03-15", "2025-03-15", "2025-03-15", Day),
                ("this Saturday", "2025-03-22", "2025-03-22", "2025-03-22", Day),
                ("next Saturday", "2025-03-29", "2025-03-29", "2025-03-29", Day),
            ]),
        ("2025-03-22", "Sales fell this past winter; next winter looks better, and the Q3 numbers were weak.",
            &[
                ("this past winter", "2024-WI", "2024-12-01", "2025-02-28", Sea),
                ("next winter", "2025-WI", "2025-12-01", "2026-02-28", Sea),
                ("Q3", "2024-Q3", "2024-07-01", "2024-09-30", Quarter),
            ]),
        ("2025-03-22", "The layoffs will be completed late next year, and wages rose last month.",
            &[
                ("late next year", "2026", "2026-01-01", "2026-12-31", Year),
                ("last month", "2025-02", "2025-02-01", "2025-02-28", Month),
            ]),
    ];
    for (pub_date, sentence, want) in cases {
        check(sentence, pub_date, want);
    }
}

// ----- look-alikes -----------------------------------------------------------------

#[test]
fn look_alikes_yield_nothing() {
    let pub_date = "2017-12-01";
    let texts = [
        // Verbatim from the shared corpora.
        "The 400 series is the latest model of the Boeing 747 family, he said.",
        "and install and maintain telephone circuitry for 7-Eleven's MovieQuick and computerized lottery systems.",
        "Claus Jensen's deflected second-half strike awarded Fulham a 1-0 victory over visiting Everton.",
        "Hernani and Madjer fought back with a goal each to secure a 5-4 victory for the Portuguese.",
        "applied to the CFTC for an earlier precious metals opening to match the CME's starting time of 7:20 a.m. CDT.",
        "may have been short-lived.",
        "Some of the workers may be transferred to other Sears operations.",
        "Since Trump became president, May has gone out of her way to cultivate a good relationship with him.",
        "It was published in the Sunday Telegraph.",
        "Hollinger Inc said it purchased Saturday Night, a Canadian general-interest magazine.",
        "The \"Black Monday\" stock market crash failed to destroy Americans' faith in the economic soundness of the country",
        "Asked on NBC's \"Today\" program if the United States was prepared for a major war with Iran, Weinberger said",
        "surplus grains and dairy products under the Section 416 food donation program.",
        "A civil defence emergency was declared in Whakatane which has about 16,000 people.",
        "So far more than 900,000 shares have traded.",
        "The company said Falk has resigned as chairman of DHL and now owns 213,567 shares.",
        // Constructed.
        "The rule is set out in Section 2025 of the tax code.",
        "Call the hotline at 555-2025 or 1-800-555-2025.",
        "The ticket cost $2,025 including taxes.",
        "May I ask a question, Mr. Chairman?",
        "Thousands joined a protest march through the capital.",
        "March on Washington organisers expect a big crowd.",
        "About 1,500 workers were laid off.",
        "The company employs 2025 people in Ohio.",
        "See page 1987 of the report for details.",
        "February 30, 2025 is not a date anyone will remember.",
        "Prime Minister Theresa May said Britain would leave.",
        "Theresa May's government faced a confidence vote.",
        "Good Friday agreement talks continued.",
        "Shares rose 2.5 percent to 1,987.3 points.",
        "The ratio was 2025/2026 according to the filing.",
        "Flight 2016 landed safely in Denver.",
        "The winter storm closed roads.",
        "Nearly 1999 ballots were spoiled.",
        "She won the 1500 metres at the games.",
        "Audi Q3 sales rose sharply.",
        "The spring water company expanded.",
        "The fall of the Berlin Wall changed Europe, and a fall of 3% followed.",
        "June Carter sang with Johnny Cash.",
        "The 1900s saw enormous change.",
        "Shares have risen 40% in the last year and over the past week.",
        "The people of tomorrow will judge us.",
    ];
    for t in texts {
        check(t, pub_date, &[]);
    }
}

// ----- robustness ------------------------------------------------------------------

/// Random texts glued from date-like pieces, punctuation and multi-byte characters:
/// no panic, offsets on char boundaries, mentions ordered and disjoint (checked by `run`).
#[test]
fn fuzz_pieces() {
    const PIECES: &[&str] = &[
        "March",
        "Mar.",
        "May",
        "22",
        "2025",
        "1990s",
        "'90s",
        "\u{2019}",
        "s",
        "-",
        "\u{2013}",
        ",",
        ".",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\u{a0}",
        "last",
        "next",
        "this",
        "past",
        "the",
        "Saturday",
        "today",
        "week",
        "weekend",
        "year",
        "summer",
        "fall",
        "quarter",
        "third",
        "Q3",
        "ago",
        "two",
        "in",
        "of",
        "mid",
        "early",
        "31st",
        "1",
        "1987",
        "2100",
        "\u{e9}",
        "\u{65e5}",
        "$",
        "%",
        ":",
        "/",
        "'s",
        "Good",
        "since",
        "will",
        "said",
        "Christmas",
        "New",
        "Year",
        "Day",
        "Eve",
        "nineteen",
        "ninety",
        "-six",
        "earlier",
        "from",
        "to",
        "between",
        "and",
        "on",
        "day",
        "Thanksgiving",
        "Election",
        "3/",
        "22/",
        "/2025",
        "13",
        "year-",
        "current",
        "latest",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let n = next() % 12 + 1;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            if next() % 2 == 0 {
                text.push(' ');
            }
        }
        let pub_date = if next() % 4 == 0 { "" } else { "2025-03-22" };
        run(&text, pub_date);
    }
}

#[test]
fn robust_on_odd_input() {
    let p = Some(d("2025-03-22"));
    let big_digits = "9".repeat(100_000);
    let cases = [
        String::new(),
        "March".into(),
        "March 2".into(),
        "March 31, 20".into(),
        "2025-".into(),
        "2025-03-2".into(),
        "’90s".into(),
        "'".into(),
        "Q".into(),
        "на прошлой неделе 2025 года, 22 марта".into(),
        "日本の2025年3月22日".into(),
        "éMarch 22, 2025 and March 22, 2025é".into(),
        "\u{a0}March\u{a0}22,\u{a0}2025".into(),
        big_digits.clone(),
        format!("in {big_digits}"),
        "March ".repeat(10_000),
        "last ".repeat(10_000) + "week",
        "-".repeat(10_000) + "2025",
        "3/".into(),
        "22/03/".into(),
        "nineteen ninety-".into(),
        "New Year's".into(),
        "from March 3 to".into(),
        "year-earlier".into(),
    ];
    for c in &cases {
        let got = RuleBasedDates.extract_dates(c, p);
        for m in &got {
            assert_eq!(c.get(m.start..m.end), Some(m.text.as_str()));
        }
    }
    // Glued to a letter: not a date ("éMarch"); "2025é" is not a year.
    let got = run("éMarch 22, 2025 and March 22, 2025é", "2025-03-22");
    let got: Vec<_> = got.iter().map(|m| (m.start, m.text.as_str())).collect();
    assert_eq!(got, vec![(21, "March 22")]);
    let got = run("\u{a0}March\u{a0}22,\u{a0}2025", "");
    assert_eq!(got.len(), 1);
    // Extreme publication dates must not panic.
    for p in [NaiveDate::MIN, NaiveDate::MAX] {
        let t = "last year, next week, yesterday, tomorrow, last summer, next winter, July 31, the third quarter, Friday, two years ago, the '90s, before Christmas, New Year's Day, on Thanksgiving, Election Day, in the summer, a year earlier, year-ago, the quarter, the current fiscal year, on the day, from May 3 to May 7, 3/22/2025, nineteen ninety-six";
        let _ = RuleBasedDates.extract_dates(t, Some(p));
    }
}

// ----- periods ----------------------------------------------------------------------

#[test]
fn period_starts_tile_the_calendar() {
    let grans = [
        Granularity::Day,
        Granularity::Week,
        Granularity::Month,
        Granularity::Quarter,
        Granularity::Season,
        Granularity::Year,
        Granularity::Decade,
    ];
    for g in grans {
        let mut day = d("1987-12-25");
        let end = d("2001-03-05");
        let mut prev = period_bounds(g, day);
        while day < end {
            day = day.succ_opt().unwrap();
            let cur = period_bounds(g, day);
            assert!(cur.0 <= day && day <= cur.1, "{g:?} {day}");
            assert_eq!(period_start(g, day), cur.0);
            if cur != prev {
                assert_eq!(
                    prev.1.succ_opt().unwrap(),
                    cur.0,
                    "{g:?} gap/overlap at {day}"
                );
                assert_eq!(cur.0, day);
            }
            assert_eq!(parse_value(&period_value(g, day)), Some((g, cur.0, cur.1)));
            prev = cur;
        }
    }
    assert_eq!(
        period_start(Granularity::Range, d("2024-07-13")),
        d("2024-07-13")
    );
    assert_eq!(
        period_start(Granularity::Season, d("2025-01-15")),
        d("2024-12-01")
    );
    assert_eq!(
        period_value(Granularity::Season, d("2025-02-28")),
        "2024-WI"
    );
    assert_eq!(
        period_start(Granularity::Week, d("2025-03-22")),
        d("2025-03-17")
    );
    assert_eq!(period_value(Granularity::Week, d("2021-01-02")), "2020-W53");
    assert_eq!(
        period_start(Granularity::Decade, d("1999-12-31")),
        d("1990-01-01")
    );
    assert_eq!(
        month_interval(2024, 2),
        Some((d("2024-02-01"), d("2024-02-29")))
    );
    assert_eq!(month_interval(2024, 13), None);
    for p in [NaiveDate::MIN, NaiveDate::MAX] {
        for g in grans {
            let _ = period_bounds(g, p);
            let _ = period_value(g, p);
        }
    }
}

#[test]
fn parse_value_rejects_junk() {
    for v in [
        "",
        "2024-13",
        "2024-W54",
        "2024-Q5",
        "2024-XX",
        "1995s",
        "24",
        "2024-02-30",
        "2024-03-05..2024-03-01",
        "2024-3-5",
    ] {
        assert_eq!(parse_value(v), None, "{v}");
    }
}

#[test]
fn rows_of_a_table_of_figures_are_no_dates() {
    // A sugar position table: month abbreviations and tonnages, a row a line.
    let table = "PARIS SUGAR OPEN POSITION - JUNE 29\n\nAug 12414\n\nOct 13929\n\nDec 1403\n\nMar 2901\n\nMay 482\n\nTotal 31845\n";
    let found = run(table, "1987-06-29");
    let values: Vec<&str> = found.iter().map(|m| m.value.as_str()).collect();
    assert_eq!(values, ["1987-06-29"], "only the headline's JUNE 29");
    let table = "Aug 1950\nOct 1987\nTotal 31845\n";
    assert!(run(table, "1987-06-29").is_empty());
    // A far year after an abbreviated month and no day is no date; in full, with a day, it is.
    assert!(run("Stocks stood at Dec 1403 tonnes.", "1987-06-29").is_empty());
    let found = run("The firm was founded in January 1875.", "1987-06-29");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].value, "1875-01");
    // A month and year alone on a line between prose lines stays a date.
    let found = run(
        "Results\n\nMarch 1987\n\nThe company said sales rose.",
        "1987-06-29",
    );
    assert_eq!(found.len(), 1, "{found:?}");
}

//! End-to-end tests of the extractor ingest uses (`TaggedPeople`): each feeds it text
//! and checks the names, so it tests the stages together; each group is about one stage.

use super::*;

/// The seed article, samples/seed/000_eaf787878c6b65eb.txt.
const SEED: &str = include_str!("../../../samples/seed/000_eaf787878c6b65eb.txt");

fn people(text: &str) -> Vec<PersonMention> {
    let mentions = TaggedPeople.extract_people(text, None);
    check_offsets(text, &mentions);
    mentions
}

/// Every mention is a non-empty, in-order, non-overlapping slice of the text.
fn check_offsets(text: &str, mentions: &[PersonMention]) {
    let mut previous_end = 0;
    for mention in mentions {
        assert!(mention.start < mention.end, "empty span: {mention:?}");
        assert!(
            mention.start >= previous_end,
            "overlap or disorder: {mention:?}"
        );
        assert!(text.is_char_boundary(mention.start) && text.is_char_boundary(mention.end));
        assert_eq!(
            text.get(mention.start..mention.end),
            Some(mention.text.as_str())
        );
        assert!(!mention.name.is_empty());
        previous_end = mention.end;
    }
}

fn names(text: &str) -> Vec<String> {
    distinct_names(&people(text))
}

fn pairs(text: &str) -> Vec<(String, String)> {
    people(text).into_iter().map(|m| (m.text, m.name)).collect()
}

fn pair(text: &str, name: &str) -> (String, String) {
    (text.to_string(), name.to_string())
}

fn linked(text: &str, written: &str) -> Vec<String> {
    people(text)
        .into_iter()
        .filter(|m| m.text == written)
        .map(|m| m.name)
        .collect()
}

// Whole articles.

#[test]
fn seed_article_people() {
    let found = names(SEED);
    assert_eq!(
        found,
        [
            "Donald Trump",
            "Vladimir Putin",
            "Steve Witkoff",
            "Tucker Carlson",
            "Anton Gerashchenko",
            "Thomas Matthew Crooks"
        ]
    );
}

#[test]
fn seed_article_links_surnames_and_possessives() {
    let mentions = people(SEED);
    let putin: Vec<_> = mentions.iter().filter(|m| m.text == "Putin").collect();
    assert_eq!(putin.len(), 11, "every Putin but the full name");
    assert!(putin.iter().all(|m| m.name == "Vladimir Putin"));
    let trump: Vec<_> = mentions.iter().filter(|m| m.text == "Trump").collect();
    assert_eq!(trump.len(), 11);
    assert!(trump.iter().all(|m| m.name == "Donald Trump"));
    assert_eq!(linked(SEED, "Witkoff"), ["Steve Witkoff"; 3]);
    // "Trump's" is cut before the apostrophe.
    let first = &mentions[0];
    assert_eq!(
        (first.start, first.end, first.text.as_str()),
        (17, 29, "Donald Trump")
    );
    let carlson = mentions.iter().find(|m| m.name == "Tucker Carlson");
    assert!(carlson.is_some_and(|m| m.text == "Tucker Carlson" && &SEED[m.end..m.end + 2] == "'s"));
}

#[test]
fn seed_article_rejects_places_and_organisations() {
    let mentions = people(SEED);
    for word in [
        "Fox",
        "News",
        "Kremlin",
        "Butler",
        "Pennsylvania",
        "Russia",
        "Ukraine",
        "March",
        "US",
    ] {
        assert!(
            !mentions
                .iter()
                .any(|m| m.text.contains(word) || m.name.contains(word)),
            "{word} taken for a person"
        );
    }
}

#[test]
fn real_sentences_from_reuters_2017() {
    let text = "WASHINGTON (Reuters) - President Donald Trump defended embattled U.S. Senate candidate \
                Roy Moore on Tuesday. U.S. Senate Majority Leader Mitch McConnell and other prominent \
                lawmakers have pressed Moore to quit the race. It also contrasted with comments from \
                his daughter Ivanka Trump, a White House adviser who told the Associated Press there \
                was a \u{201c}special place in hell.\u{201d} Moore, 70, has denied any wrongdoing.";
    assert_eq!(
        names(text),
        [
            "Roy Moore",
            "Donald Trump",
            "Mitch McConnell",
            "Ivanka Trump"
        ]
    );
    assert_eq!(linked(text, "Moore"), ["Roy Moore", "Roy Moore"]);

    let text =
        "FCC chief Ajit Pai, a Republican appointed by President Donald Trump in January, said \
                the commission will vote. Pai said his proposal would prevent state and local \
                governments from creating their own net neutrality rules.";
    assert_eq!(names(text), ["Ajit Pai", "Donald Trump"]);

    let text =
        "Senators Burr, Tillis oppose Trump's EPA nominee Dourson: reports\n\n(Reuters) - North \
                Carolina Senators Richard Burr and Thom Tillis said they will not support the \
                nominee. If one more Republican votes against Michael Dourson, he likely wouldn't \
                be confirmed, the Hill reported on Wednesday. StarNews quoted Senator Burr.";
    assert_eq!(
        names(text),
        ["Richard Burr", "Thom Tillis", "Michael Dourson"]
    );

    let text = "\u{201c}Otherwise, in my view, it\u{2019}s just chest-beating,\u{201d} said Nikki Redpath, \
                a Houston-area homemaker and O\u{2019}Rourke campaign volunteer.";
    // "O'Rourke campaign" names a person (Beto O'Rourke), as CoNLL-2003 would tag it.
    assert_eq!(names(text), ["Nikki Redpath", "O\u{2019}Rourke"]);
}

#[test]
fn real_sentences_from_wikinews() {
    let text =
        "Senator John McCain (R-AZ) entered them into the Congressional Record during a speech \
                last week.\n\nSenator McCain has been the deal's most vocal critic.";
    assert_eq!(
        pairs(text),
        [
            pair("John McCain", "John McCain"),
            pair("McCain", "John McCain")
        ]
    );

    let text = "Stock indexes worldwide rose on Friday, after US bank chief Ben Bernanke said that the \
                US economy was starting to recover.\n\n\"Bernanke was a little bit more bullish than \
                most people were expecting.";
    assert_eq!(
        pairs(text),
        [
            pair("Ben Bernanke", "Ben Bernanke"),
            pair("Bernanke", "Ben Bernanke")
        ]
    );

    let text =
        "\"Many investors simply can't contemplate any more stock market risk,\" said the senior \
                market strategist for Invesco AIM, Fritz Meyer.\n\nThe Nasdaq Composite index lost \
                53.5 points.";
    assert_eq!(names(text), ["Fritz Meyer"]);
}

#[test]
fn real_sentences_from_reuters_1987() {
    let text = "Huh Sun-yong, who will attend the talks with three other Seoul government officials, \
                told Reuters that Seoul was positively considering it.\n\nHuh said however that South \
                Korean refineries considered the Alaskan oil uncompetitive.";
    assert_eq!(
        pairs(text),
        [
            pair("Huh Sun-yong", "Huh Sun-yong"),
            pair("Huh", "Huh Sun-yong")
        ]
    );
}

// Step 1, tokens and word shapes (tokens.rs).

#[test]
fn possessives_are_stripped() {
    let text = "Witkoff's remarks followed Steve Witkoff’s trip and the Joneses' party. Trump's aides and Trump’s lawyers met Donald Trump.";
    let found = pairs(text);
    assert_eq!(
        found,
        [
            pair("Witkoff", "Steve Witkoff"),
            pair("Steve Witkoff", "Steve Witkoff"),
            pair("Trump", "Donald Trump"),
            pair("Trump", "Donald Trump"),
            pair("Donald Trump", "Donald Trump"),
        ]
    );
    // A plural possessive keeps its s: "Chris Jones' car".
    assert_eq!(
        pairs("Chris Jones' car was stolen."),
        [pair("Chris Jones", "Chris Jones")]
    );
}

#[test]
fn name_forms() {
    assert_eq!(
        names("Jean-Claude Juncker spoke in Brussels."),
        ["Jean-Claude Juncker"]
    );
    assert_eq!(
        pairs("Fed chairman Ben S. Bernanke spoke. Bernanke said rates would stay low."),
        [
            pair("Ben S. Bernanke", "Ben S. Bernanke"),
            pair("Bernanke", "Ben S. Bernanke")
        ]
    );
    assert_eq!(
        pairs("Dr. Martin Luther King Jr. marched. King said he had a dream."),
        [
            pair("Martin Luther King Jr.", "Martin Luther King Jr."),
            pair("King", "Martin Luther King Jr.")
        ]
    );
    assert_eq!(
        names("GM chief executive Mary Barra announced the recall."),
        ["Mary Barra"]
    );
    assert_eq!(
        names("Syrian President Bashar al-Assad met envoys."),
        ["Bashar al-Assad"]
    );
    assert_eq!(
        names("A concert of music by Ludwig van Beethoven was held."),
        ["Ludwig van Beethoven"]
    );
    assert_eq!(
        pairs("Chinese President Xi Jinping arrived. Xi said trade would grow."),
        [pair("Xi Jinping", "Xi Jinping"), pair("Xi", "Xi Jinping")]
    );
    assert_eq!(
        names("The minister, George H.W. Bush, agreed."),
        ["George H.W. Bush"]
    );
}

#[test]
fn irish_and_scottish_surnames_on_their_own() {
    assert_eq!(
        pairs("The bill passed, O'Brien said on Monday."),
        [pair("O'Brien", "O'Brien")]
    );
    assert_eq!(
        pairs("The vote, McConnell said, would be held soon."),
        [pair("McConnell", "McConnell")]
    );
    assert_eq!(
        pairs("Senator McConnell spoke first."),
        [pair("McConnell", "McConnell")]
    );
}

#[test]
fn accents() {
    assert_eq!(
        pairs("OECD head José Ángel Gurría warned. Gurría said growth would slow."),
        [
            pair("José Ángel Gurría", "José Ángel Gurría"),
            pair("Gurría", "José Ángel Gurría")
        ]
    );
    assert_eq!(
        names("Jose Angel Gurria spoke at the summit."),
        ["Jose Angel Gurria"]
    );
    assert_eq!(
        pairs("The unit is named after Ångström, who said little."),
        [pair("Ångström", "Ångström")]
    );
    assert_eq!(
        names("François Hollande and Søren Kierkegaard."),
        ["François Hollande", "Søren Kierkegaard"]
    );
}

#[test]
fn urls_handles_and_emails_are_skipped() {
    let text = "See pic.twitter.com/KRcFmWl0dl and https://Example.com/Steve/Witkoff or write to \
                John.Smith@Example.org \u{2014} Anton Gerashchenko (@Gerashchenko_en)";
    assert_eq!(names(text), ["Anton Gerashchenko"]);
}

#[test]
fn other_scripts() {
    let text = "習近平は北京で演説した。".repeat(20_000);
    assert!(people(&text).is_empty());
    let _ = people("Владимир Путин заявил, что Путин доволен. Президент Путин сказал.");
    let _ = people("Ἀριστοτέλης καὶ Πλάτων. ﬁnance ǅemal ǈ ẞ İstanbul's Σίσυφος’s");
    let _ = people("e\u{301}mile Jose\u{301} Garci\u{301}a said so.");
}

// Steps 2 to 5, runs, titles and evidence (evidence.rs).

#[test]
fn titles_are_stripped() {
    assert_eq!(
        pairs("Russian President Vladimir Putin's spokesman spoke."),
        [pair("Vladimir Putin", "Vladimir Putin")]
    );
    assert_eq!(
        pairs("He met Mr. Putin in Moscow."),
        [pair("Putin", "Putin")]
    );
    assert_eq!(
        pairs("Sen. Richard Burr voted no."),
        [pair("Richard Burr", "Richard Burr")]
    );
    assert_eq!(
        pairs("Prime Minister Theresa May resigned."),
        [pair("Theresa May", "Theresa May")]
    );
    assert_eq!(
        pairs("U.S. Senate Majority Leader Mitch McConnell spoke."),
        [pair("Mitch McConnell", "Mitch McConnell")]
    );
    assert_eq!(
        pairs("Later, Pope Francis blessed the crowd."),
        [pair("Francis", "Francis")]
    );
    assert_eq!(
        pairs("German Chancellor Angela Merkel’s party lost."),
        [pair("Angela Merkel", "Angela Merkel")]
    );
    assert_eq!(
        pairs("When asked, Boeing Executive Vice President Scott Carson replied."),
        [pair("Scott Carson", "Scott Carson")]
    );
    assert_eq!(
        pairs("It was Gen. Mark Milley who spoke."),
        [pair("Mark Milley", "Mark Milley")]
    );
    assert_eq!(
        pairs("The bank's CEO, Ken Lewis, said so."),
        [pair("Ken Lewis", "Ken Lewis")]
    );
    assert_eq!(
        pairs("Democrat Doug Jones beat Republican Roy Moore."),
        [
            pair("Doug Jones", "Doug Jones"),
            pair("Roy Moore", "Roy Moore")
        ]
    );
}

#[test]
fn a_repeated_title_and_name_is_many_short_names_not_one_long_one() {
    for repeats in [2, 9, 10, 50, 20_000] {
        let text = "Mr. Smith ".repeat(repeats);
        let found = people(&text);
        check_offsets(&text, &found);
        // Within the rules' run limit the titles make names; past it (no sentence ever
        // ends) the tagger alone decides, and may find none.
        if repeats * 2 <= MAX_RUN_TOKENS {
            assert!(!found.is_empty(), "{repeats} repeats");
        }
        for mention in &found {
            assert_eq!(mention.name, "Smith", "{repeats} repeats");
        }
    }
    // Long runs of capitalised words are not one name either.
    let text = "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India said so. ".repeat(50);
    for mention in people(&text) {
        assert!(mention.name.split_whitespace().count() <= MAX_NAME_TOKENS);
    }
}

#[test]
fn places_organisations_and_dates_are_not_people() {
    let text = "The Black Sea fleet sailed. The White House said on Tuesday that the Kremlin had \
                agreed. Fox News reported it in March. The Supreme Court ruled in New York. The \
                United States said Russia and Ukraine would meet near Butler, Pennsylvania. \
                Reuters said Wall Street fell. According to the report, While it rained, The \
                deal held. Morgan Stanley said it would buy Bank of America. Boeing said its \
                Dreamliner flew. Netflix said Tuesday it opposed the measure. Officials said \
                Democrats and Republicans agreed. Many Cubans said they were heartbroken. \
                Hong Kong and Abu Dhabi rose. The Hill reported that Commerzbank AG said it \
                would cut jobs. Commerzbank said more.";
    assert_eq!(names(text), Vec::<String>::new());
}

#[test]
fn sentence_initial_words_are_not_names() {
    let text = "According to analysts, the market fell. The Kremlin denied it. However, \
                Analysts said more. Sources said little.";
    assert!(names(text).is_empty(), "{:?}", names(text));
    // A subordinating word opening a sentence is never part of a name (the name after it
    // may be found or not: the tagger decides from the rest of the text).
    let text = "The market fell. While Putin waited, nothing happened.";
    let found = names(text);
    assert!(found.iter().all(|name| name == "Putin"), "{found:?}");
    // ... but a known surname at the start of a sentence links.
    let text = "Vladimir Putin arrived. Putin said he was pleased.";
    assert_eq!(linked(text, "Putin"), ["Vladimir Putin"]);
}

// Steps 6 and 7, linking (linking.rs), and `distinct_names`.

#[test]
fn every_form_of_a_surname_links_to_the_full_name() {
    let text = "Vladimir Putin arrived on Monday. Putin spoke first.\n\nMr. Putin said little. \
                President Putin left early, and Putin's spokesman stayed.";
    let found = pairs(text);
    assert_eq!(
        found,
        [
            pair("Vladimir Putin", "Vladimir Putin"),
            pair("Putin", "Vladimir Putin"),
            pair("Putin", "Vladimir Putin"),
            pair("Putin", "Vladimir Putin"),
            pair("Putin", "Vladimir Putin"),
        ]
    );
    let text = "Thomas Matthew Crooks fired. Thomas Crooks was 20. Crooks died.";
    assert_eq!(
        pairs(text),
        [
            pair("Thomas Matthew Crooks", "Thomas Matthew Crooks"),
            pair("Thomas Crooks", "Thomas Matthew Crooks"),
            pair("Crooks", "Thomas Matthew Crooks"),
        ]
    );
}

#[test]
fn accents_and_case_never_matter_for_linking() {
    // Names are shown as written; the link goes to the full name as written.
    let text = "OECD head José Ángel Gurría warned on Monday. Gurria said growth would slow.";
    assert_eq!(
        pairs(text),
        [
            pair("José Ángel Gurría", "José Ángel Gurría"),
            pair("Gurria", "José Ángel Gurría")
        ]
    );
    let text = "Jose Angel Gurria warned on Monday. Gurría said growth would slow.";
    assert_eq!(linked(text, "Gurría"), ["Jose Angel Gurria"]);
    let text = "Jose Angel Gurria warned. Later José Ángel Gurría spoke again.";
    assert_eq!(linked(text, "José Ángel Gurría"), ["Jose Angel Gurria"]);
    let text = "PUTIN SAYS TALKS WENT WELL\n\nRussian President Vladimir Putin said on Friday \
                the talks went well.";
    assert_eq!(linked(text, "PUTIN"), ["Vladimir Putin"]);
}

#[test]
fn surname_only_articles_use_the_surname() {
    let text = "President Putin met officials in Moscow.\n\nPutin said the talks went well. Later Putin left.";
    let found = people(text);
    assert_eq!(found.len(), 3);
    assert!(found.iter().all(|m| m.text == "Putin" && m.name == "Putin"));
    // A speech verb is enough in mid-sentence.
    assert_eq!(
        names("The plan failed, Kowalczyk said on Friday."),
        ["Kowalczyk"]
    );
    // A bare capitalised word with no cue is nobody.
    assert!(names("Putin is a city in nowhere. We went to Putin.").is_empty());
}

#[test]
fn surname_links_to_full_name_before_or_after() {
    let text = "Putin spoke first. Later Vladimir Putin left, and Putin's aides followed.";
    assert_eq!(
        pairs(text),
        [
            pair("Putin", "Vladimir Putin"),
            pair("Vladimir Putin", "Vladimir Putin"),
            pair("Putin", "Vladimir Putin"),
        ]
    );
}

#[test]
fn middle_names_link_to_the_longest_form() {
    let text = "Thomas Crooks fired. Police named him as Thomas Matthew Crooks, 20. Crooks died.";
    let found = pairs(text);
    assert_eq!(
        found,
        [
            pair("Thomas Crooks", "Thomas Matthew Crooks"),
            pair("Thomas Matthew Crooks", "Thomas Matthew Crooks"),
            pair("Crooks", "Thomas Matthew Crooks"),
        ]
    );
}

#[test]
fn ambiguous_surname_goes_to_the_most_named_then_the_first() {
    let text =
        "Donald Trump spoke. Melania Trump smiled. Donald Trump left. Trump said it was fine.";
    assert_eq!(linked(text, "Trump"), ["Donald Trump"]);
    let tie = "Melania Trump smiled. Donald Trump spoke. Trump said it was fine.";
    assert_eq!(linked(tie, "Trump"), ["Melania Trump"]);
    // A relative without a known given name is a person of her own.
    let relative = "Russian President Boris Yeltsin visited his wife Naina in hospital. Doctors said Naina Yeltsin was well. Yeltsin left.";
    assert_eq!(linked(relative, "Yeltsin"), ["Boris Yeltsin"]);
    assert_eq!(linked(relative, "Naina Yeltsin"), ["Naina Yeltsin"]);
}

#[test]
fn all_caps_lines_make_no_people() {
    assert!(
        names("BAKER SAYS U.S. WILL ACT\n\nTHE DOLLAR FELL SHARPLY IN TOKYO TODAY.").is_empty()
    );
    assert!(names("PRESIDENT REAGAN MEETS NAKASONE").is_empty());
    // With a person found in the mixed-case text, the headline's surname links.
    let text =
        "BAKER SAYS U.S. WILL ACT\n\nTreasury Secretary James Baker said the U.S. would act.";
    assert_eq!(
        pairs(text),
        [
            pair("BAKER", "James Baker"),
            pair("James Baker", "James Baker")
        ]
    );
    let text = "JAMES BAKER TO VISIT TOKYO\n\nTreasury Secretary James Baker will visit Japan.";
    assert_eq!(pairs(text)[0], pair("JAMES BAKER", "James Baker"));
}

#[test]
fn distinct_names_orders_by_count_then_first_appearance() {
    let mention = |name: &str| PersonMention {
        start: 0,
        end: 1,
        text: name.to_string(),
        name: name.to_string(),
    };
    let mentions = [
        mention("B"),
        mention("A"),
        mention("A"),
        mention("C"),
        mention("B"),
        mention("D"),
    ];
    assert_eq!(distinct_names(&mentions), ["B", "A", "C", "D"]);
    assert!(distinct_names(&[]).is_empty());
}

// Any input: linear time, no panics, offsets on character boundaries.

#[test]
fn empty_and_trivial_inputs() {
    for text in [
        "",
        " ",
        "\n\n\n",
        ".",
        "'s",
        "’",
        "Mr.",
        "Mr. Mr. Mr.",
        "A. B. C.",
        "Jr.",
        "I",
        "the",
    ] {
        assert!(people(text).is_empty(), "{text:?}");
    }
}

#[test]
fn many_capitalised_words() {
    let text = "Word ".repeat(100_000);
    assert!(people(&text).is_empty());
    let text = "Steve Witkoff Putin Trump ".repeat(25_000);
    let _ = people(&text);
    let text = "Mr. ".repeat(50_000) + "Putin said.";
    let _ = people(&text);
    let text = "John Smith, ".repeat(50_000);
    let found = people(&text);
    assert_eq!(found.len(), 50_000);
}

#[test]
fn huge_paragraphs_and_long_name_runs() {
    // One 1.4 MB paragraph of real-looking sentences: every mention found and linked.
    let text =
        "Vladimir Putin met Donald Trump in Helsinki, and Mr. Putin said so. ".repeat(20_000);
    let found = people(&text);
    assert_eq!(found.len(), 60_000);
    assert_eq!(distinct_names(&found), ["Vladimir Putin", "Donald Trump"]);
    // A list of names with no punctuation, and a title-case headline run.
    let _ = people(&"Vladimir Putin Donald Trump Angela Merkel ".repeat(50_000));
    let _ = people(&"Markets Rally As Fed Chairman Powell Signals Cuts ".repeat(30_000));
    let _ = people(&"BAKER SAYS U.S. WILL ACT ".repeat(50_000));
    let _ = people(&"P. S. T. ".repeat(100_000));
}

#[test]
fn one_megabyte_without_spaces() {
    let text = "Abc".repeat(350_000);
    assert!(people(&text).is_empty());
    let text = "a'b-c.".repeat(180_000);
    assert!(people(&text).is_empty());
    let text = "@".repeat(1_000_000);
    assert!(people(&text).is_empty());
    let text = "Smith's".repeat(150_000);
    let _ = people(&text);
}

#[test]
fn arbitrary_text_never_panics_and_offsets_hold() {
    // A fixed pseudo-random mix of letters, cases, punctuation and multi-byte characters.
    let pieces = [
        "A",
        "b",
        "Mr",
        ".",
        " ",
        "\n\n",
        "'",
        "’s",
        "-",
        "Mc",
        "O'",
        "Jr",
        ",",
        "Said",
        "said",
        "é",
        "Å",
        "日本",
        "Ж",
        "\u{301}",
        "@",
        "/",
        "www.",
        "1",
        "20-year-old",
        "(",
        ")",
        "\"",
        "Putin",
        "Vladimir",
        "The",
        "House",
        "III",
        "van",
        "al-",
        "S.",
        "U.S.",
        "&",
        "<",
        ">",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..200 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        let _ = people(&text);
    }
}

// ---------------------------------------------------------------------------------
// Firms and other things shaped like names (issue 12)
// ---------------------------------------------------------------------------------

#[test]
fn a_name_before_and_co_is_a_firm_throughout_the_article() {
    let text = "Frederick Meinke, analyst at E.F. Hutton and Co, said the shares would rise. \
                Underwriters led by Smith Barney, Harris Upham and Co sold the notes. \
                James Capel & Co said the offer was fair. E.F. Hutton declined to comment.";
    assert_eq!(names(text), ["Frederick Meinke"]);
}

#[test]
fn organisation_words_hold_for_the_taggers_names_too() {
    assert!(names("The Nuclear Regulatory Commission said the plant was safe.").is_empty());
    assert!(
        names("Shares of Wood Gundy Inc rose after Marine Midland Banks Inc reported.")
            .iter()
            .all(|name| !name.contains("Inc"))
    );
    // A given name and a surname that is also an organisation word stay a person.
    assert_eq!(
        names("His partnership with fellow all-rounder Stuart Law, who scored 21, added 71."),
        ["Stuart Law"]
    );
}

#[test]
fn titles_ratings_and_scales_are_not_names() {
    assert_eq!(
        names("Chancellor of the Exchequer Nigel Lawson said sterling was stable."),
        ["Nigel Lawson"]
    );
    assert!(names("Moody's cut the bank's rating to B-minus from B-plus on Friday.").is_empty());
    assert!(names("The quake measured 6.1 on the Richter scale, officials said.").is_empty());
}

#[test]
fn a_council_role_before_an_unusual_name_is_evidence() {
    assert_eq!(
        names("Near the end of the meeting, councillor Odette Fairweather-Ngata proposed that the council vote again."),
        ["Odette Fairweather-Ngata"]
    );
}

#[test]
fn a_word_of_a_firms_name_is_no_person_on_its_own() {
    // The company form ends the firm's name; its words alone are the firm.
    let text = "Standard and Poor's affirmed Marine Midland Banks Inc's debt. The provision \
                brings Marine's reserve to 29 pct. Outboard Marine Corp said there were no \
                developments. Marine was up 2-1/2, and Marine shareholders will vote.";
    assert!(names(text).is_empty(), "{:?}", names(text));
    // "Alex." of "Alex. Brown and Sons" and the partners before a comma belong to the firm.
    let text = "Lead underwriters were Alex. Brown and Sons Inc and L.F. Rothschild, \
                Unterberg, Towbin Inc. Smith Barney, Harris Upham and Co also bid. \
                Smith Barney declined to comment, and Harris said nothing.";
    assert!(names(text).is_empty(), "{:?}", names(text));
    let text = "The three are Cheung Kong (Holdings) Ltd and Hongkong Electric. Cheung Kong \
                ended unchanged.";
    assert!(names(text).is_empty(), "{:?}", names(text));
    // A person who shares the firm's name keeps the surname.
    let text = "McDonnell Douglas Corp chairman Sanford McDonnell said orders rose. \
                McDonnell said the company would hire.";
    assert_eq!(names(text), ["Sanford McDonnell"]);
}

#[test]
fn currencies_and_quantities_are_not_people() {
    let text = "The bank set a Lira/Mark rate of 430.60/432.75 to the Mark, down from 429.35.";
    assert!(names(text).is_empty(), "{:?}", names(text));
    let text = "Hog prices opened 1.00 dlr higher, private sources said. Top 51.50 dlrs per cwt.";
    assert!(names(text).is_empty(), "{:?}", names(text));
    // An everyday word at the start of a sentence, written in lower case elsewhere.
    let text = "Sows were firm. Top 45.00. Prices at the top of the range held.";
    assert!(names(text).is_empty(), "{:?}", names(text));
}

#[test]
fn an_unknown_word_opening_the_sentence_is_not_part_of_the_name() {
    assert_eq!(
        names("Defender Hassan Abbas rose to intercept a long ball into the area."),
        ["Hassan Abbas"]
    );
    // A firm's name keeps its first word ("McDonnell Douglas Corp").
    assert!(names("McDonnell Douglas Corp said orders rose.").is_empty());
}

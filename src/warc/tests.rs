use std::io::{Cursor, Write};

use super::*;

fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-03-22T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn all(bytes: &[u8]) -> Vec<Result<Record, WarcProblem>> {
    let mut reader = WarcReader::new(Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    while let Some(next) = reader.next_record(|_| Want { block: true }, 1 << 20) {
        out.push(next);
    }
    out
}

fn offsets(results: &[Result<Record, WarcProblem>]) -> Vec<u64> {
    results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|r| r.offset)
        .collect()
}

fn block_of(result: &Result<Record, WarcProblem>) -> &[u8] {
    result.as_ref().unwrap().block.as_deref().unwrap()
}

fn three() -> [Vec<u8>; 3] {
    [
        record("warcinfo", "", b"software: test"),
        record(
            "response",
            "https://a.example/1",
            b"HTTP/1.1 200 OK\r\n\r\none",
        ),
        record(
            "response",
            "https://a.example/2",
            b"HTTP/1.1 200 OK\r\n\r\ntwo",
        ),
    ]
}

#[test]
fn plain_records_are_read_with_their_offsets() {
    let records = three();
    let file = records.concat();
    let read = all(&file);
    assert_eq!(read.len(), 3);
    let first = records[0].len() as u64;
    assert_eq!(offsets(&read), [0, first, first + records[1].len() as u64]);
    let second = read[1].as_ref().unwrap();
    assert_eq!(
        second.head.get("warc-target-uri"),
        Some("https://a.example/1")
    );
    assert_eq!(second.head.record_type(), "response");
    assert!(second.block.as_ref().unwrap().ends_with(b"one"));
}

#[test]
fn gzip_members_are_addressed_by_their_offset_in_the_file() {
    let members: Vec<Vec<u8>> = three().iter().map(|r| gzip(r)).collect();
    let file = members.concat();
    let read = all(&file);
    let first = members[0].len() as u64;
    assert_eq!(offsets(&read), [0, first, first + members[1].len() as u64]);
    assert!(block_of(&read[2]).ends_with(b"two"));
}

#[test]
fn a_file_gzipped_whole_is_addressed_by_uncompressed_offsets() {
    let records = three();
    let read = all(&gzip(&records.concat()));
    let first = records[0].len() as u64;
    assert_eq!(offsets(&read), [0, first, first + records[1].len() as u64]);
}

#[test]
fn unwanted_and_oversized_blocks_are_skipped_not_read() {
    let file = three().concat();
    let mut reader = WarcReader::new(Cursor::new(&file)).unwrap();
    let mut blocks = Vec::new();
    while let Some(next) = reader.next_record(
        |head| Want {
            block: head.is_type("response"),
        },
        20,
    ) {
        let record = next.unwrap();
        blocks.push((record.length, record.block.is_some()));
    }
    // warcinfo unwanted; both responses are 22 bytes, over the limit of 20.
    assert_eq!(blocks, [(14, false), (22, false), (22, false)]);
}

#[test]
fn a_truncated_gzip_file_keeps_the_records_before_and_names_the_range() {
    let members: Vec<Vec<u8>> = three().iter().map(|r| gzip(r)).collect();
    let mut file = members.concat();
    let third = (members[0].len() + members[1].len()) as u64;
    file.truncate(third as usize + members[2].len() / 2);
    let read = all(&file);
    assert_eq!(offsets(&read), [0, members[0].len() as u64], "{read:?}");
    let problem = read.last().unwrap().as_ref().unwrap_err();
    assert!(
        matches!(problem, WarcProblem::DamagedGzip { start, end, resumed: false, .. }
            if *start == third && *end == file.len() as u64),
        "{problem}"
    );
    assert_eq!(
        problem.to_string(),
        format!(
            "bytes {third}..{} are damaged gzip data (incomplete deflate stream); no record follows them",
            file.len()
        )
    );
}

#[test]
fn a_plain_file_cut_inside_a_block_reports_the_shortfall() {
    let file = three().concat();
    let cut = &file[..file.len() - 10];
    let read = all(cut);
    assert_eq!(read.len(), 3);
    let problem = read[2].as_ref().unwrap_err();
    assert!(
        matches!(problem, WarcProblem::Truncated { stated: 22, .. }),
        "{problem}"
    );
}

#[test]
fn a_content_length_past_the_member_loses_that_record_only() {
    let mut bad = record(
        "response",
        "https://a.example/x",
        b"HTTP/1.1 200 OK\r\n\r\nshort",
    );
    let stated = b"Content-Length: 24\r\n";
    let at = bad.windows(stated.len()).position(|w| w == stated).unwrap();
    bad.splice(
        at..at + stated.len(),
        b"Content-Length: 999999999\r\n".iter().copied(),
    );
    let [info, one, two] = three();
    let members = [gzip(&info), gzip(&bad), gzip(&one), gzip(&two)];
    let read = all(&members.concat());
    assert_eq!(read.len(), 4);
    assert!(matches!(
        read[1].as_ref().unwrap_err(),
        WarcProblem::Truncated {
            stated: 999_999_999,
            ..
        }
    ));
    assert!(block_of(&read[3]).ends_with(b"two"));
}

#[test]
fn a_malformed_header_is_named_and_the_next_member_is_read() {
    let broken = b"WARC/1.0\r\nWARC-Type: response\r\nthis is not a field\r\n\r\n".to_vec();
    let no_length = b"WARC/1.0\r\nWARC-Type: response\r\n\r\n".to_vec();
    let [_, one, _] = three();
    let members = [gzip(&broken), gzip(&no_length), gzip(&one)];
    let read = all(&members.concat());
    assert_eq!(read.len(), 3);
    assert!(read[0]
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("malformed header (`this is not a field` is no `Name: value` field)"));
    assert!(read[1]
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("no Content-Length"));
    assert!(read[2].is_ok());

    // A plain file goes on at the next record, and names the bytes skipped.
    let [info, ..] = three();
    let (start, end) = (info.len(), info.len() + broken.len());
    let read = all(&[info, broken, one].concat());
    assert_eq!(offsets(&read), [0, end as u64]);
    assert_eq!(
        read[1].as_ref().unwrap_err().to_string(),
        format!(
            "bytes {start}..{end} are unreadable WARC data (malformed header: `this is not a field` is no `Name: value` field); reading resumed at the next record"
        )
    );
}

#[test]
fn what_is_not_a_warc_says_so() {
    let read = all(b"<html>a web page, not an archive</html>");
    assert_eq!(read.len(), 1);
    assert!(matches!(read[0], Err(WarcProblem::NotWarc { offset: 0 })));
    assert!(all(b"").is_empty());
    // A gzip file of something else.
    let read = all(&gzip(b"hello"));
    assert!(matches!(read[0], Err(WarcProblem::NotWarc { offset: 0 })));
}

#[test]
fn a_huge_header_is_malformed_not_read_whole() {
    let mut file = b"WARC/1.0\r\nX: ".to_vec();
    file.extend(std::iter::repeat_n(b'a', 200_000));
    let read = all(&file);
    assert!(read[0]
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("longer than 64 KiB"));
}

/// A reader that gives `good` bytes, then fails.
struct FailsAfter {
    good: Cursor<Vec<u8>>,
}

impl std::io::Read for FailsAfter {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.good.read(buf)? {
            0 => Err(std::io::Error::other("disk gone")),
            n => Ok(n),
        }
    }
}

#[test]
fn a_read_error_in_a_plain_file_names_where_reading_stopped() {
    let [info, one, _] = three();
    let good = [info.clone(), one].concat();
    let input = std::io::BufReader::new(FailsAfter {
        good: Cursor::new(good.clone()),
    });
    let mut reader = WarcReader::new(input).unwrap();
    let mut results = Vec::new();
    while let Some(next) = reader.next_record(|_| Want { block: true }, 1 << 20) {
        results.push(next);
    }
    assert_eq!(offsets(&results), [0, info.len() as u64]);
    let problem = results.last().unwrap().as_ref().unwrap_err();
    assert!(
        matches!(problem, WarcProblem::Io { offset, .. } if *offset == good.len() as u64),
        "{problem}"
    );
}

// Damage: each kind loses what it touches and is named once, by its range in the file.

/// A page record with a few hundred words, different in every record: enough text for
/// deflate's dynamic tables, as real pages have.
fn page(number: u64) -> Vec<u8> {
    const WORDS: [&str; 12] = [
        "harbour", "council", "vote", "gannet", "quay", "tide", "budget", "ferry", "school",
        "storm", "market", "bridge",
    ];
    let mut state = number.wrapping_mul(2_654_435_761).wrapping_add(1);
    let mut body =
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Page {number}:");
    for _ in 0..300 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        body.push(' ');
        body.push_str(WORDS[(state >> 33) as usize % WORDS.len()]);
    }
    body.push_str("</p></body></html>");
    record(
        "response",
        &format!("https://news.example/{number}"),
        body.as_bytes(),
    )
}

fn pages(count: u64) -> Vec<Vec<u8>> {
    (0..count).map(page).collect()
}

fn gzipped(parts: &[Vec<u8>]) -> Vec<Vec<u8>> {
    parts.iter().map(|part| gzip(part)).collect()
}

/// Deterministic bytes that are no gzip or WARC data.
fn noise(seed: u64, length: usize) -> Vec<u8> {
    let mut state = seed;
    (0..length)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 56) as u8
        })
        .collect()
}

/// Where each part starts in the file they make, and where the file ends.
fn starts(parts: &[Vec<u8>]) -> Vec<u64> {
    let mut at = 0;
    let mut starts = vec![0];
    for part in parts {
        at += part.len() as u64;
        starts.push(at);
    }
    starts
}

/// The offsets of the records read, and the problems met.
fn read_damaged(file: &[u8]) -> (Vec<u64>, Vec<WarcProblem>) {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for result in all(file) {
        match result {
            Ok(record) => records.push(record.offset),
            Err(problem) => problems.push(problem),
        }
    }
    (records, problems)
}

/// One problem: a gzip range skipped, with reading resumed after it (unless the range
/// runs to the end of the file).
fn assert_one_gzip_skip(problems: &[WarcProblem], start: u64, end: u64) -> String {
    assert_eq!(problems.len(), 1, "{problems:?}");
    let problem = &problems[0];
    assert!(
        matches!(problem, WarcProblem::DamagedGzip { start: s, end: e, .. }
            if (*s, *e) == (start, end)),
        "expected {start}..{end}: {problem}"
    );
    let text = problem.to_string();
    assert!(
        text.starts_with(&format!("bytes {start}..{end} are damaged gzip data (")),
        "{text}"
    );
    let resumed = matches!(problem, WarcProblem::DamagedGzip { resumed: true, .. });
    let after = match resumed {
        true => "); reading resumed at the next record",
        false => "); no record follows them",
    };
    assert!(text.ends_with(after), "{text}");
    text
}

#[test]
fn random_bytes_inside_a_member_lose_that_member_only() {
    for damaged in [1, 2, 4] {
        let mut parts = gzipped(&pages(5));
        let at = parts[damaged].len() / 2;
        parts[damaged][at..at + 16].copy_from_slice(&noise(7, 16));
        let s = starts(&parts);
        let (offsets, problems) = read_damaged(&parts.concat());
        let kept: Vec<u64> = (0..5).filter(|&i| i != damaged).map(|i| s[i]).collect();
        assert_eq!(offsets, kept, "member {damaged}: {problems:?}");
        let text = assert_one_gzip_skip(&problems, s[damaged], s[damaged + 1]);
        // The last member: the range runs to the end of the file.
        assert_eq!(
            text.ends_with("no record follows them"),
            damaged == 4,
            "{text}"
        );
    }
}

#[test]
fn a_member_failing_its_checksum_or_length_is_lost_with_its_record() {
    // The CRC's first byte, then ISIZE's last.
    for from_end in [8, 1] {
        let mut parts = gzipped(&pages(5));
        let at = parts[2].len() - from_end;
        parts[2][at] ^= 0x5a;
        let s = starts(&parts);
        let (offsets, problems) = read_damaged(&parts.concat());
        assert_eq!(offsets, [s[0], s[1], s[3], s[4]], "{problems:?}");
        let text = assert_one_gzip_skip(&problems, s[2], s[3]);
        assert!(text.contains("checksum"), "{text}");
    }
}

#[test]
fn half_a_member_loses_that_member_only() {
    let mut parts = gzipped(&pages(5));
    let half = parts[2].len() / 2;
    parts[2].truncate(half);
    let s = starts(&parts);
    let (offsets, problems) = read_damaged(&parts.concat());
    assert_eq!(offsets, [s[0], s[1], s[3], s[4]], "{problems:?}");
    assert_one_gzip_skip(&problems, s[2], s[3]);
}

#[test]
fn junk_between_members_is_skipped_and_every_record_kept() {
    let mut fake_header = vec![0x1f, 0x8b, 0x08, 0x00];
    fake_header.extend_from_slice(b"then words that are no deflate data at all\r\n");
    for junk in [noise(11, 37), b"\r\n\r\n".to_vec(), fake_header] {
        let mut parts = gzipped(&pages(5));
        parts.insert(2, junk.clone());
        let s = starts(&parts);
        let (offsets, problems) = read_damaged(&parts.concat());
        assert_eq!(offsets, [s[0], s[1], s[3], s[4], s[5]], "{problems:?}");
        let text = assert_one_gzip_skip(&problems, s[2], s[3]);
        if junk[0] != 0x1f {
            assert!(text.contains("(no gzip member header)"), "{text}");
        }
    }
}

#[test]
fn junk_inside_a_member_loses_that_member_only() {
    let mut parts = gzipped(&pages(5));
    let at = parts[3].len() / 3;
    parts[3].splice(at..at, noise(5, 40));
    let s = starts(&parts);
    let (offsets, problems) = read_damaged(&parts.concat());
    assert_eq!(offsets, [s[0], s[1], s[2], s[4]], "{problems:?}");
    assert_one_gzip_skip(&problems, s[3], s[4]);
}

#[test]
fn a_member_that_inflates_to_no_warc_record_is_skipped() {
    let mut parts = gzipped(&pages(5));
    parts[2] = gzip(b"<html>a page gzipped on its own, not a record</html>");
    let s = starts(&parts);
    let (offsets, problems) = read_damaged(&parts.concat());
    assert_eq!(offsets, [s[0], s[1], s[3], s[4]], "{problems:?}");
    let text = assert_one_gzip_skip(&problems, s[2], s[3]);
    assert!(
        text.contains("(a gzip member that inflates to no WARC record)"),
        "{text}"
    );
}

#[test]
fn damage_in_the_first_member_loses_that_member_only() {
    // Inside its deflate data, and in its magic bytes (the file no longer looks gzipped).
    let mut inside = gzipped(&pages(4));
    let at = inside[0].len() / 2;
    inside[0][at..at + 8].copy_from_slice(&noise(3, 8));
    let mut magic = gzipped(&pages(4));
    magic[0][..3].copy_from_slice(b"\0\0\0");
    for parts in [inside, magic] {
        let s = starts(&parts);
        let (offsets, problems) = read_damaged(&parts.concat());
        assert_eq!(offsets, [s[1], s[2], s[3]], "{problems:?}");
        assert_one_gzip_skip(&problems, 0, s[1]);
    }
}

#[test]
fn a_file_gzipped_whole_keeps_what_precedes_the_damage_and_a_later_member() {
    let records = pages(60);
    let uncompressed = starts(&records);
    let mut whole = gzip(&records.concat());
    let at = whole.len() * 3 / 4;
    whole[at..at + 16].copy_from_slice(&noise(9, 16));
    // No member after the damage: the range runs to the end.
    let (offsets, problems) = read_damaged(&whole);
    assert!(offsets.len() > 20 && offsets.len() < 50, "{offsets:?}");
    assert_eq!(offsets, uncompressed[..offsets.len()]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        matches!(&problems[0], WarcProblem::DamagedGzip { start, end, resumed: false, .. }
            if *start > 0 && *start <= *end && *end == whole.len() as u64),
        "{}",
        problems[0]
    );
    // A member after it (another crawl appended): found and read.
    let file = [whole.clone(), gzip(&page(99))].concat();
    let (later, problems) = read_damaged(&file);
    assert_eq!(later[..offsets.len()], offsets);
    assert_eq!(later[offsets.len()..], [whole.len() as u64]);
    assert!(
        matches!(&problems[..], [WarcProblem::DamagedGzip { end, resumed: true, .. }]
            if *end == whole.len() as u64),
        "{problems:?}"
    );
}

#[test]
fn member_headers_at_every_few_bytes_are_scanned_in_linear_time() {
    // 1 MiB of gzip headers followed by nothing that inflates, then one real member.
    let header = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff];
    let mut file: Vec<u8> = header.iter().copied().cycle().take(1 << 20).collect();
    let junk = file.len() as u64;
    file.extend(gzip(&page(1)));
    let started = std::time::Instant::now();
    let (offsets, problems) = read_damaged(&file);
    assert_eq!(offsets, [junk]);
    assert_one_gzip_skip(&problems, 0, junk);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

#[test]
fn every_damaged_byte_and_every_cut_ends_reading() {
    let records = [page(1), page(2), page(3)];
    for file in [gzipped(&records).concat(), records.concat()] {
        for at in (0..file.len()).step_by(7) {
            let mut damaged = file.clone();
            damaged[at] ^= 0xa5;
            let (offsets, problems) = read_damaged(&damaged);
            assert!(offsets.len() + problems.len() <= 6, "byte {at}");
            let (offsets, problems) = read_damaged(&file[..at]);
            assert!(offsets.len() + problems.len() <= 4, "cut at {at}");
        }
    }
}

/// One problem: plain bytes skipped, with reading resumed after them.
fn assert_one_plain_skip(problems: &[WarcProblem], start: u64, end: u64, reason: &str) {
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].to_string(),
        format!("bytes {start}..{end} are unreadable WARC data ({reason}); reading resumed at the next record")
    );
}

#[test]
fn a_megabyte_header_line_in_a_plain_file_loses_that_record_only() {
    let mut records = pages(5);
    let address = format!("https://news.example/{}", "a".repeat(1 << 20));
    records[2] = record("response", &address, b"HTTP/1.1 200 OK\r\n\r\nlong");
    let s = starts(&records);
    // Read through a small buffer, as a stream.
    let file = records.concat();
    let mut reader = WarcReader::new(std::io::BufReader::with_capacity(4096, &file[..])).unwrap();
    let mut results = Vec::new();
    while let Some(next) = reader.next_record(|_| Want { block: true }, 1 << 20) {
        results.push(next);
    }
    assert_eq!(offsets(&results), [s[0], s[1], s[3], s[4]]);
    let problems: Vec<WarcProblem> = results.into_iter().filter_map(Result::err).collect();
    assert_one_plain_skip(
        &problems,
        s[2],
        s[3],
        "malformed header: longer than 64 KiB",
    );
}

#[test]
fn garbage_between_plain_records_is_skipped() {
    let garbage =
        b"these bytes are no record\r\nnor is WARC/1.0 in mid-line\r\n\x00\x01\x1f\x8b\x08\x00\r\n";
    let mut records = pages(4);
    records.insert(2, garbage.to_vec());
    let s = starts(&records);
    let (offsets, problems) = read_damaged(&records.concat());
    assert_eq!(offsets, [s[0], s[1], s[3], s[4]]);
    assert_one_plain_skip(
        &problems,
        s[2],
        s[3],
        "no `WARC/` line where a record starts",
    );
}

#[test]
fn a_plain_record_with_a_bad_header_is_skipped_to_the_next() {
    let bad_length =
        b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\ntwelve bytes\r\n\r\n";
    // The header never ends: the next record's version line is met where a field should be.
    let no_blank_line = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 4\r\n";
    for (bad, reason) in [
        (&bad_length[..], "malformed header: Content-Length `twelve`"),
        (
            &no_blank_line[..],
            "malformed header: `WARC/1.1` is no `Name: value` field",
        ),
    ] {
        let mut records = pages(4);
        records.insert(2, bad.to_vec());
        let s = starts(&records);
        let (offsets, problems) = read_damaged(&records.concat());
        assert_eq!(offsets, [s[0], s[1], s[3], s[4]]);
        assert_one_plain_skip(&problems, s[2], s[3], reason);
    }
}

#[test]
fn junk_before_the_first_plain_record_is_skipped() {
    let records = [b"#!junk\nand more\n".to_vec(), page(1), page(2)];
    let s = starts(&records);
    let (offsets, problems) = read_damaged(&records.concat());
    assert_eq!(offsets, [s[1], s[2]]);
    assert_one_plain_skip(&problems, 0, s[1], "no `WARC/` line where a record starts");
}

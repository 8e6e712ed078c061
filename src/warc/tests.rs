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
fn a_truncated_gzip_file_keeps_the_records_before_and_names_the_offset() {
    let members: Vec<Vec<u8>> = three().iter().map(|r| gzip(r)).collect();
    let mut file = members.concat();
    let third = (members[0].len() + members[1].len()) as u64;
    file.truncate(third as usize + members[2].len() / 2);
    let read = all(&file);
    assert_eq!(offsets(&read), [0, members[0].len() as u64], "{read:?}");
    let problem = read.last().unwrap().as_ref().unwrap_err();
    assert!(
        matches!(problem, WarcProblem::Gzip { offset, .. } if *offset == third),
        "{problem}"
    );
    assert!(problem.to_string().contains(&format!("offset {third}")));
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

    // A plain file cannot be resynchronised: reading stops at the bad record.
    let [info, ..] = three();
    let read = all(&[info, broken, one].concat());
    assert_eq!(read.len(), 2);
    assert!(read[1].is_err());
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

#!/usr/bin/env python3
"""Writes a large WARC (one gzip member per record, as archivers write them) from the
pages of the Zyte article-extraction benchmark, for timing `morgue ingest` on a web
archive: `scripts/make_bench_warc.py BENCH_DIR OUT.warc.gz [--megabytes 1000]`.

Each page is written many times, each copy with its own address and a sentence of its
own at the start of every paragraph, so every copy is a distinct article (not a duplicate) and the
run indexes as much text as an archive of that size would. Between pages come the
records a crawl also holds: requests, a style sheet, an image, a redirect.
"""
import argparse
import gzip
import json
import pathlib
import re

FIRST_P = re.compile(rb"<p(\s[^>]*)?>", re.I)


def record(kind, uri, block, content_type):
    head = (
        f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-05-15T08:00:00Z\r\n"
        f"WARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return gzip.compress(head.encode() + block + b"\r\n\r\n", compresslevel=6, mtime=0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bench_dir")
    parser.add_argument("out")
    parser.add_argument("--megabytes", type=float, default=1000)
    args = parser.parse_args()
    bench = pathlib.Path(args.bench_dir)
    truth = json.loads((bench / "ground-truth.json").read_text())
    pages = []
    for key in sorted(truth):
        path = bench / "html" / f"{key}.html.gz"
        pages.append((truth[key].get("url") or f"https://bench.example/{key}", gzip.decompress(path.read_bytes())))
    target = int(args.megabytes * 1e6)
    written = 0
    copy = 0
    http = "application/http; msgtype=response"
    with open(args.out, "wb") as out:
        while written < target:
            for url, html in pages:
                uri = f"{url}?copy={copy}"
                unique = f"Copy {copy} of this page. ".encode()
                body = FIRST_P.sub(lambda m: m.group(0) + unique, html)
                parts = [
                    record("request", uri, f"GET /?copy={copy} HTTP/1.1\r\n\r\n".encode(), "application/http; msgtype=request"),
                    record("response", uri, b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body, http),
                    record("response", uri + "&css", b"HTTP/1.1 200 OK\r\nContent-Type: text/css\r\n\r\nbody{color:#333}" * 1, http),
                    record("response", uri + "&img", b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n" + bytes(range(256)) * 20, http),
                    record("response", uri + "&old", b"HTTP/1.1 301 Moved\r\nLocation: /\r\n\r\n", http),
                ]
                for part in parts:
                    out.write(part)
                    written += len(part)
                copy += 1
                if written >= target:
                    break
    print(f"{args.out}: {written / 1e6:.0f} MB, {copy} pages")


if __name__ == "__main__":
    main()

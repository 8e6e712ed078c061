#!/usr/bin/env python3
"""Writes the hostile inputs of issue 33 into OUT/<case>/, each beside 50 ordinary articles.

    scripts/make_hostile.py OUT [case ...]

Cases (all by default):
  ansi         saved pages whose title, body, authors, site and address carry terminal
               escapes (OSC 0 retitle, OSC 52 clipboard, CSI 2J clear, C1 CSI) and
               bidirectional overrides; a WARC whose damaged header quotes them
  bomb         a 134 KB .warc.gz of 64 responses whose gzip bodies inflate to 64 MiB each
  bomb-page    one response whose gzip body inflates to 15 MiB of article text (under the
               page bound: read, and the batch bound holds memory)
  soup         a page of `<div></x>` repeated 100,000 times, as .html and inside a .warc.gz
  big-title    a page with a 10 MB <title> and a 10 MB JSON-LD headline
  big-jsonld   a page with a 57 MB JSON-LD block
  one-line     a 200 MB page on one line (`<p>` text without a line break)
  big-article  a 64 MiB plain-text article (for the server's article page)

Every generated file is deterministic; nothing is downloaded. The figures script
(scripts/hostile-figures.sh) runs morgue on each case under /usr/bin/time -v.
"""

import gzip
import io
import os
import random
import sys

ESCAPES = "\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\u009b31m\u202egnp.exe\u2066"


def ordinary(folder, n=50):
    """n ordinary seed-layout articles naming a word the checks search for."""
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(7)
    words = "council budget harbour ferry election inquiry museum rail strike court".split()
    for i in range(n):
        body = " ".join(rng.choice(words) for _ in range(120))
        text = f" date 2024-03-{1 + i % 28:02d} Ordinary article {i} about the gannetry\n\n{body}.\n\nThe gannetry report was published by Maria Lopez.\n"
        with open(os.path.join(folder, f"{i:03d}_ordinary.txt"), "w") as f:
            f.write(text)


def warc_record(record_type, uri, block, extra=""):
    head = (
        f"WARC/1.0\r\nWARC-Type: {record_type}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri)) % 10**12:012d}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\n{extra}Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def gzip_member(data, level=9):
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=level, mtime=0) as g:
        g.write(data)
    return out.getvalue()


def http_response(body, encoding=None):
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    if encoding:
        head += f"Content-Encoding: {encoding}\r\n"
    return (head + "\r\n").encode() + body


def inflating(prefix, size, chunk=b"a"):
    """gzip of prefix + size bytes, written a megabyte at a time."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as g:
        g.write(prefix)
        block = chunk * ((1 << 20) // len(chunk))
        for _ in range(size >> 20):
            g.write(block)
    return out.getvalue()


def case_ansi(out):
    page = f"""<!doctype html><html><head><title>Harbour {ESCAPES} report</title>
<meta name="author" content="Ann {ESCAPES} Lee"><meta property="og:site_name" content="Site {ESCAPES}">
<link rel="canonical" href="https://news.example/a{ESCAPES}b">
<meta property="article:published_time" content="2024-03-05"></head><body><article>
<h1>Harbour {ESCAPES} report</h1><p>The gannetry harbour report {ESCAPES} was read by the
council on Tuesday, and the ferry company said the new timetable starts in April.</p>
<p>More text about the harbour and the gannetry so that the page is an article.</p>
</article></body></html>"""
    with open(os.path.join(out, "hostile.html"), "w") as f:
        f.write(page)
    # A record whose header line is malformed and quotes the escapes in a warning.
    bad_head = f"WARC/1.0\r\nWARC-Type: response\r\n{ESCAPES}\r\nContent-Length: 0\r\n\r\n".encode()
    good = warc_record("response", "https://news.example/ok", http_response(page.encode()))
    with open(os.path.join(out, "hostile.warc"), "wb") as f:
        f.write(bad_head + good)


def case_bomb(out):
    inner = inflating(b"<!doctype html><title>bomb</title><p>", 64 << 20)
    block = http_response(inner, "gzip")
    with open(os.path.join(out, "bomb.warc.gz"), "wb") as f:
        for i in range(64):
            f.write(gzip_member(warc_record("response", f"https://bomb.example/{i}", block)))


def case_bomb_page(out):
    sentence = b"The ferry council met in the harbour and the gannetry report was read. "
    inner = inflating(b"<!doctype html><title>long</title><p>", 15 << 20, sentence[:64])
    block = http_response(inner, "gzip")
    with open(os.path.join(out, "long-pages.warc.gz"), "wb") as f:
        for i in range(8):
            f.write(gzip_member(warc_record("response", f"https://long.example/{i}", block)))


def case_soup(out):
    page = b"<!doctype html><title>soup</title><body>" + b"<div></x>" * 100_000 + b"<p>end</p>"
    with open(os.path.join(out, "soup.html"), "wb") as f:
        f.write(page)
    with open(os.path.join(out, "soup.warc.gz"), "wb") as f:
        f.write(gzip_member(warc_record("response", "https://soup.example/", http_response(page))))


def case_big_title(out):
    title = "Headline " * (10_000_000 // 9)
    page = f"""<!doctype html><html><head><title>{title}</title>
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}","datePublished":"2024-03-05"}}</script>
</head><body><article><p>The gannetry harbour report was read by the council on Tuesday.</p>
<p>More text about the harbour and the gannetry so that the page is an article.</p></article></body></html>"""
    with open(os.path.join(out, "big-title.html"), "w") as f:
        f.write(page)


def case_big_jsonld(out):
    items = ",".join(f'{{"@type":"Person","name":"Person {i}"}}' for i in range(1_400_000))
    page = f"""<!doctype html><html><head><title>Big JSON-LD</title>
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Big","datePublished":"2024-03-05","mentions":[{items}]}}</script>
</head><body><article><p>The gannetry harbour report was read by the council on Tuesday.</p></article></body></html>"""
    with open(os.path.join(out, "big-jsonld.html"), "w") as f:
        f.write(page)


def case_one_line(out):
    sentence = "The ferry council met in the harbour and the gannetry report was read. "
    with open(os.path.join(out, "one-line.html"), "w") as f:
        f.write("<!doctype html><title>One line</title><body><article><p>")
        chunk = sentence * (1_000_000 // len(sentence))
        for _ in range(200):
            f.write(chunk)
        f.write("</p></article></body>")


def case_big_article(out):
    sentence = "The ferry council met in the harbour and the gannetry report was read. "
    with open(os.path.join(out, "big-article.txt"), "w") as f:
        f.write(" date 2024-03-05 A very long article\n\n")
        paragraph = sentence * 14 + "\n\n"
        for _ in range((64 << 20) // len(paragraph)):
            f.write(paragraph)


CASES = {
    "ansi": case_ansi,
    "bomb": case_bomb,
    "bomb-page": case_bomb_page,
    "soup": case_soup,
    "big-title": case_big_title,
    "big-jsonld": case_big_jsonld,
    "one-line": case_one_line,
    "big-article": case_big_article,
}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    for name in sys.argv[2:] or CASES:
        folder = os.path.join(root, name)
        ordinary(folder)
        CASES[name](folder)
        print(f"{name}: {folder}")


if __name__ == "__main__":
    main()

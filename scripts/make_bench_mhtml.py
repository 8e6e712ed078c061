#!/usr/bin/env python3
"""Saves a folder of web pages again as Chrome would as MHTML, for timing and checking
morgue's MHTML reader against the same pages as .html.

    scripts/make_bench_mhtml.py PAGES_DIR OUT_DIR

PAGES_DIR holds pages as *.html or *.html.gz (the Zyte benchmark's html/ folder; its
ground-truth.json beside it, if there, gives each page's address). OUT_DIR gets html/ID.html,
the page as it was, and mhtml/ID.mhtml, the page in Chrome's layout (see
tests/fixtures/make_mhtml_fixtures.py) with a style sheet and an image after it. Like
Chrome, which saves what it parsed, the MHTML copy of a page that is not UTF-8 is
transcoded to UTF-8 from the charset it declares.
"""
import gzip
import json
import pathlib
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the fixtures folder
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures"))
import make_mhtml_fixtures as chrome_layout  # noqa: E402

CHARSET = re.compile(rb"""<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)""", re.IGNORECASE)
TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def as_utf8(page):
    try:
        page.decode("utf-8")
        return page
    except UnicodeDecodeError:
        declared = CHARSET.search(page[:1024])
        for label in ([declared.group(1).decode()] if declared else []) + ["cp1252"]:
            try:
                return page.decode(label, errors="replace").encode("utf-8")
            except LookupError:
                continue
        return page


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    pages, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    truth_path = pages.parent / "ground-truth.json"
    truth = json.loads(truth_path.read_text()) if truth_path.exists() else {}
    (out / "html").mkdir(parents=True, exist_ok=True)
    (out / "mhtml").mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(pages.iterdir()):
        name = path.name
        if name.endswith(".html.gz"):
            page, stem = gzip.decompress(path.read_bytes()), name[: -len(".html.gz")]
        elif name.endswith(".html"):
            page, stem = path.read_bytes(), name[: -len(".html")]
        else:
            continue
        url = truth.get(stem, {}).get("url") or f"https://bench.example/{stem}"
        title = TITLE.search(page)
        subject = " ".join(title.group(1).decode("utf-8", "replace").split()) if title else url
        (out / "html" / f"{stem}.html").write_bytes(page)
        saved = chrome_layout.chrome(url, subject, chrome_layout.date(2024, 5, 20, 8, 41, 5), as_utf8(page))
        (out / "mhtml" / f"{stem}.mhtml").write_bytes(saved)
        count += 1
    print(f"{count} pages written to {out}/html and {out}/mhtml")


if __name__ == "__main__":
    main()

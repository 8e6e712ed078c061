#!/usr/bin/env python3
"""trafilatura on the Zyte benchmark pages, timed the way eval_html times morgue.

    python3 scripts/trafilatura_bench.py BENCH_DIR OUT.json [REPEATS]

Run by scripts/eval_html.sh --with-trafilatura inside a throw-away virtualenv; never a
dependency of morgue. Times only trafilatura.extract() on the decoded page, best of
REPEATS passes (default 3), and writes the benchmark's prediction JSON.
"""
import gzip
import json
import sys
import time
from importlib.metadata import version
from pathlib import Path

import trafilatura


def main():
    bench, out = Path(sys.argv[1]), Path(sys.argv[2])
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    pages = []
    for path in sorted((bench / "html").glob("*.html.gz")):
        raw = gzip.decompress(path.read_bytes())
        pages.append((path.name[: -len(".html.gz")], raw.decode("utf-8", "replace"), len(raw)))
    size = sum(n for _, _, n in pages)
    best, bodies = float("inf"), {}
    for _ in range(repeats):
        spent = 0.0
        for page_id, html, _ in pages:
            start = time.perf_counter()
            body = trafilatura.extract(html, include_comments=False)
            spent += time.perf_counter() - start
            bodies[page_id] = {"articleBody": body or ""}
        best = min(best, spent)
    out.write_text(json.dumps({"version": version("trafilatura"), "output": bodies}), encoding="utf-8")
    print(
        f"trafilatura {version('trafilatura')}: pages {len(pages)}  html {size / 1e6:.2f} MB  "
        f"best of {repeats}: {best:.3f} s  {size / 1e6 / best:.1f} MB/s  {len(pages) / best:.1f} pages/s (one core)"
    )


if __name__ == "__main__":
    main()

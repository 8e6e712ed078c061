#!/usr/bin/env bash
# Scores morgue's main-content extraction with the Zyte benchmark's own evaluate.py.
#   scripts/eval_html.sh BENCH_DIR [--with-trafilatura]
# BENCH_DIR is a checkout of github.com/scrapinghub/article-extraction-benchmark.
# --with-trafilatura also installs trafilatura from the Python registry into a
# throw-away virtualenv and times it on the same pages, for the speed ratio.
set -euo pipefail
bench=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/output"
cp "$bench/ground-truth.json" "$bench/evaluate.py" "$work/"
cd "$here"
cargo run --release --quiet --example eval_html -- "$bench" "$work/output/morgue.json"
if [[ "${2:-}" == "--with-trafilatura" ]]; then
    python3 -m venv "$work/venv"
    # lxml 6 moved the cleaner trafilatura imports (through justext) to its own package.
    "$work/venv/bin/pip" install --quiet trafilatura lxml_html_clean
    "$work/venv/bin/python" "$here/scripts/trafilatura_bench.py" "$bench" "$work/output/trafilatura.json"
fi
cd "$work"
python3 evaluate.py --n-bootstrap 200

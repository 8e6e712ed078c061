#!/usr/bin/env bash
# The MHTML reader against the .html reader on the same real pages.
#   scripts/bench_mhtml.sh BENCH_DIR
# BENCH_DIR is a checkout of github.com/scrapinghub/article-extraction-benchmark (181 news
# pages). Its pages are saved again in Chrome's MHTML layout (scripts/make_bench_mhtml.py);
# then examples/eval_mhtml reads both copies on one core (MB/s, body token F1), and
# `morgue ingest` indexes each folder pinned to one core (taskset), wall and CPU time.
set -euo pipefail
bench=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"
python3 scripts/make_bench_mhtml.py "$bench/html" "$work/pages"
cargo build --release --quiet --example eval_mhtml --bin morgue
target=${CARGO_TARGET_DIR:-$here/target}
"$target/release/examples/eval_mhtml" "$work/pages/html" "$work/pages/mhtml"
for kind in html mhtml; do
  mb=$(du -sb "$work/pages/$kind" | awk '{printf "%.2f", $1 / 1e6}')
  /usr/bin/time -f "%e %U %S" -o "$work/time" \
    taskset -c 0 "$target/release/morgue" --index "$work/index-$kind" ingest "$work/pages/$kind" 2>/dev/null
  read -r wall user sys <"$work/time"
  awk -v k="$kind" -v mb="$mb" -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN {
    printf "ingest .%s: %s MB, one core: %.2f s wall (%.1f MB/s), %.2f s CPU (%.1f MB per CPU second)\n",
      k, mb, w, mb / w, u + s, mb / (u + s) }'
done

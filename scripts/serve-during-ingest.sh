#!/usr/bin/env bash
# `morgue serve` under 1,000 connections while an ingest commits into the index it serves,
# then SIGTERM under load. Loopback only; needs wrk (Debian's `wrk` package).
#
#   scripts/serve-during-ingest.sh INDEX_DIR NEW_ARTICLES_DIR [SECONDS] [CONNECTIONS]
#
# INDEX_DIR is copied (it is not changed). The server follows the copy while
# `morgue ingest --commit-interval 1 NEW_ARTICLES_DIR` adds to it (a folder not yet in the
# index: every article is new, so the ingest commits every second and merges). wrk runs
# SECONDS (default 60) with CONNECTIONS (default 1000) over scripts/load-test.lua. Prints
# wrk's figures (any non-2xx answer or socket error is a failure), the ingest's summary,
# the server's peak RSS, and how long the server took to exit after SIGTERM under load.
# Exits 1 if there was an error response, a socket error other than connect, or an
# unclean exit.
set -euo pipefail
cd "$(dirname "$0")/.."

index=${1:?usage: scripts/serve-during-ingest.sh INDEX_DIR NEW_ARTICLES_DIR [SECONDS] [CONNECTIONS]}
articles=${2:?usage: scripts/serve-during-ingest.sh INDEX_DIR NEW_ARTICLES_DIR [SECONDS] [CONNECTIONS]}
seconds=${3:-60}
connections=${4:-1000}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
ulimit -n "$(ulimit -Hn)"

cargo build --release --quiet --bin morgue
morgue=target/release/morgue
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
cp -a "$index" "$work/index"

start_server() {
  "$morgue" --index "$work/index" serve --port 0 >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do
    grep -q "serving" "$work/serve.log" && break
    sleep 0.1
  done
  url=$(grep -o 'http://[^ ]*' "$work/serve.log" | sed 's:/$::')
  [ -n "$url" ] || { echo "the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
}

total() { curl -s "$url/api/search?q=oil&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }

start_server
before=$(total)
echo "serving a copy of $index at $url; $connections connections for ${seconds}s, ingesting $articles"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s scripts/load-test.lua "$url" \
  >"$work/wrk.txt" 2>&1 &
load=$!
sleep 3
ingest_start=$(date +%s.%N)
"$morgue" --index "$work/index" ingest --quiet --commit-interval 1 "$articles" >"$work/ingest.txt" 2>&1 || {
  echo "the ingest failed:" >&2; cat "$work/ingest.txt" >&2; exit 1; }
ingest_end=$(date +%s.%N)
wait "$load"
sleep 2
after=$(total)
peak=$(awk '/VmHWM/ {print $2 " " $3}' "/proc/$server/status")
cat "$work/wrk.txt"
echo "ingest: $(tail -1 "$work/ingest.txt") ($(echo "$ingest_end - $ingest_start" | bc) s under load)"
failed=0
echo "server peak RSS: $peak"
echo "articles matching oil, as the server answers: $before before the ingest, $after after"
[ "$after" -gt "$before" ] || { echo "FAILED: the server did not follow the ingest's commits"; failed=1; }
if grep -qE 'Non-2xx|Socket errors: connect [0-9]+, read [1-9]|write [1-9]|timeout [1-9]' "$work/wrk.txt"; then
  echo "FAILED: error responses or socket errors under load"
  failed=1
fi
if grep -v "serving" "$work/serve.log" | grep -q .; then
  echo "server said:"; grep -v "serving" "$work/serve.log"
fi

# SIGTERM in the middle of a load: the server stops accepting, finishes what it has, exits 0.
wrk -t2 -c256 -d20s --timeout 10s -s scripts/load-test.lua "$url" >/dev/null 2>&1 &
load=$!
sleep 3
term_start=$(date +%s.%N)
kill -TERM "$server"
status=0
wait "$server" || status=$?
term_end=$(date +%s.%N)
server=
kill "$load" 2>/dev/null || true
wait "$load" 2>/dev/null || true
echo "SIGTERM under 256 connections: exit status $status after $(echo "$term_end - $term_start" | bc) s"
[ "$status" -eq 0 ] || failed=1
exit $failed

#!/usr/bin/env bash
# Load test of `morgue serve`'s /api/search on loopback with wrk (Debian's `wrk` package).
#
#   scripts/load-test.sh INDEX_DIR [SECONDS] [CONNECTIONS]
#
# Builds the release binary, serves INDEX_DIR on a free port, warms up for 3 s, then runs
# wrk for SECONDS (default 30) with CONNECTIONS (default 16) over the 24 queries of
# scripts/load-test.lua, and prints requests per second, latency percentiles and errors.
set -euo pipefail
cd "$(dirname "$0")/.."

index=${1:?usage: scripts/load-test.sh INDEX_DIR [SECONDS] [CONNECTIONS]}
seconds=${2:-30}
connections=${3:-16}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

cargo build --release --quiet --bin morgue
log=$(mktemp)
target/release/morgue --index "$index" serve --port 0 >"$log" &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do
  grep -q "serving" "$log" && break
  sleep 0.1
done
url=$(grep -o 'http://[^ ]*' "$log" | sed 's:/$::')
[ -n "$url" ] || { echo "the server did not start" >&2; exit 1; }

echo "serving $index at $url; $connections connections, ${seconds}s"
threads=$(( connections < 2 ? connections : 2 ))
wrk -t"$threads" -c"$connections" -d3s -s scripts/load-test.lua "$url" >/dev/null
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s scripts/load-test.lua "$url"

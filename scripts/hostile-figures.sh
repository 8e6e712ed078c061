#!/usr/bin/env bash
# The figures of issue 33: each hostile input beside 50 ordinary articles, ingested by one
# or more morgue binaries (e.g. a build of the last release and this one), with exit
# status, wall time and peak RSS from /usr/bin/time -v, and whether the 50 ordinary
# articles are indexed and searchable afterwards.
#
#   scripts/hostile-figures.sh OUT BINARY [BINARY ...]
#   CASES="bomb soup" scripts/hostile-figures.sh /tmp/hostile target/release/morgue
#
# Inputs are written by scripts/make_hostile.py into OUT (once; delete OUT to rewrite).
# Each ingest gets TIMEOUT seconds (default 300) and a fresh index.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: hostile-figures.sh OUT BINARY [BINARY ...]}
shift
[ $# -ge 1 ] || { echo "usage: hostile-figures.sh OUT BINARY [BINARY ...]" >&2; exit 2; }
cases=${CASES:-ansi bomb bomb-page soup big-title big-jsonld one-line}
timeout=${TIMEOUT:-300}

binaries=()
for binary in "$@"; do binaries+=("$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"); done
set -- "${binaries[@]}"
for case in $cases; do
  [ -d "$out/$case" ] || python3 "$here/make_hostile.py" "$out" "$case" >/dev/null
done

printf '%-12s %-40s %5s %9s %10s %8s\n' case binary exit wall_s peak_MiB ordinary
for case in $cases; do
  for binary in "$@"; do
    index=$(mktemp -d)
    log=$(mktemp)
    (cd "$out/$case" && /usr/bin/time -v timeout "$timeout" "$binary" --index "$index" ingest . \
      >/dev/null 2>"$log")
    status=$(awk -F': ' '/Exit status/ {print $2}' "$log")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" |
      awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")
    found=$("$binary" --index "$index" search gannetry --limit 1000 --json 2>/dev/null |
      python3 -c 'import json,sys
try: print(sum(1 for h in json.load(sys.stdin)["hits"] if "ordinary" in h["path"]))
except Exception: print(0)')
    label=$binary
    [ ${#label} -le 40 ] || label=${label: -40}
    printf '%-12s %-40s %5s %9s %10s %8s\n' "$case" "$label" "$status" "$wall" "$rss" "$found/50"
    rm -rf "$index" "$log"
  done
done

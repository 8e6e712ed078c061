#!/usr/bin/env bash
# A full disk and a read-only index, as root: mounts a small tmpfs, ingests part of the
# Reuters corpus into an index on it, then the rest until the disk fills; checks the
# one-line "disk full" error (exit 2), that the last commit still answers, that after
# growing the tmpfs the next ingest gives the answers of a clean ingest, and that a
# read-only remount refuses ingest but still answers searches.
#
#   sudo scripts/disk-full.sh [CORPUS_DIR] [SIZE]    (default ../shared/corpus/reuters21578, 8m)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "run as root (mounts a tmpfs)" >&2; exit 2; }
corpus=${1:-../shared/corpus/reuters21578}
size=${2:-8m}
cargo build --release --quiet --bin morgue
M=$PWD/target/release/morgue
work=$(mktemp -d); mnt=$work/mnt; mkdir -p "$mnt" "$work/a" "$work/b"
trap 'umount "$mnt" 2>/dev/null || true; rm -rf "$work"' EXIT
# A list first: `find | head` would fail under pipefail when head closes the pipe.
find "$corpus" -type f | sort >"$work/files"
head -4000 "$work/files" | xargs cp -t "$work/a"
sed -n 4001,16000p "$work/files" | xargs cp -t "$work/b"
mount -t tmpfs -o size="$size" tmpfs "$mnt"
cd "$work"
$M --index mnt/idx ingest --quiet a
set +e; $M --index mnt/idx ingest --quiet a b 2>full.err; code=$?; set -e
echo "full ingest: exit $code: $(cat full.err)"
[ "$code" = 2 ] && grep -q "^morgue: disk full" full.err
$M --index mnt/idx search oil -n 1 | tail -1
mount -o remount,size=256m "$mnt"
$M --index mnt/idx ingest --quiet a b
$M --index clean ingest --quiet a b
# Ties in score are ordered by segment; compare hits sorted by score, then path.
norm() { python3 -c 'import json,sys; d=json.load(sys.stdin); d.pop("took_ms"); d["hits"].sort(key=lambda h:(-h["score"],h["path"])); print(json.dumps(d))'; }
for q in oil "oil prices" "bank rate" "president reagan" opec '"crude oil"' "coffee OR cocoa"; do
  a=$($M --index mnt/idx search --json "$q" -n 50 | norm); b=$($M --index clean search --json "$q" -n 50 | norm)
  [ "$a" = "$b" ] && echo "same answers: $q" || { echo "DIFFERENT: $q"; exit 1; }
done
diff <($M --index mnt/idx stats | grep -v '^index:\|^size:') <($M --index clean stats | grep -v '^index:\|^size:') && echo "same stats"
mount -o remount,ro "$mnt"
set +e; $M --index mnt/idx ingest --quiet a 2>ro.err; code=$?; set -e
echo "read-only ingest: exit $code: $(cat ro.err)"
[ "$code" = 2 ]
$M --index mnt/idx search oil -n 1 | tail -1
echo "disk-full: all checks passed"

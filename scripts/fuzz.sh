#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ (or those named after SECONDS) for SECONDS each (default
# 600), seeded from the committed fixtures and samples. Needs nightly Rust and cargo-fuzz
# (`cargo install cargo-fuzz`).
# Prints per target the executions and whether it crashed; exits 1 if any target did.
# A crash leaves its input in fuzz/artifacts/TARGET/ (reproduce: cargo +nightly fuzz run TARGET FILE).
set -uo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-600}
targets=(article dates people query serve_params wacz warc)
# Targets named after SECONDS run alone: scripts/fuzz.sh 600 dates query
if [ $# -gt 1 ]; then
  targets=("${@:2}")
fi

seed() {
  local target=$1 dir=corpus/$1
  mkdir -p "$dir"
  case $target in
    article)
      # The first byte picks the reader (see fuzz_targets/article.rs): 0 .txt, 1 .md, 2 .json,
      # 3 .jsonl, 6 .html (and the MHTML files renamed .html, which it must sniff), 7 .htm, 8 .rss,
      # 9 .atom, 10 .mhtml, 12 .pdf (the small PDFs only: -max_len is 64 KiB), 13 .eml, 14 .mbox,
      # 15 .docx (news-database exports as .txt and .html go through 0 and 6), 16 .epub.
      local n=0
      while IFS= read -r -d '' file; do
        case $file in
          */mhtml/*.html) pick='\x06' ;; *.mhtml|*.mht) pick='\x0a' ;; *.pdf) pick='\x0c' ;;
          *.eml) pick='\x0d' ;; *.mbox) pick='\x0e' ;; *.docx) pick='\x0f' ;; *.epub) pick='\x10' ;;
          *.txt) pick='\x00' ;; *.md) pick='\x01' ;; *.json) pick='\x02' ;; *.jsonl) pick='\x03' ;;
          *.html|*.xhtml) pick='\x06' ;; *.htm) pick='\x07' ;; *.rss) pick='\x08' ;; *.atom) pick='\x09' ;; *) continue ;;
        esac
        { printf "$pick"; head -c 65536 "$file"; } > "$dir/seed-$n"; n=$((n + 1))
      done < <(find ../tests/fixtures ../samples -type f -print0)
      # The Word fixtures again with their parts stored, not deflated: libFuzzer mutates the
      # XML better than its deflate stream.
      python3 - "$dir" ../tests/fixtures/exports <<'PY'
import io, os, sys, zipfile
out, fixtures = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(fixtures)):
    if not name.endswith(".docx") or name in ("bomb.docx", "truncated.docx"):
        continue
    stored = io.BytesIO()
    with zipfile.ZipFile(os.path.join(fixtures, name)) as docx, \
            zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as copy:
        for info in docx.infolist():
            copy.writestr(info.filename, docx.read(info.filename))
    with open(os.path.join(out, "seed-stored-" + name), "wb") as seed:
        seed.write(b"\x0f" + stored.getvalue())
PY
      ;;
    dates|people)
      local n=0
      while IFS= read -r -d '' file; do
        { printf '\x10\x27'; head -c 16384 "$file"; } > "$dir/seed-$n"; n=$((n + 1))
      done < <(find ../samples -name '*.txt' -print0)
      ;;
    query)
      local n=0
      for q in 'putin prayed' '"credit crisis"' 'negotiat*' 'title:iphone' '(putin OR trump) -ceasefire' 'putin^3 trump' 'person:"steve witkoff"' 'Witkof'; do
        printf '%s' "$q" > "$dir/seed-$n"; n=$((n + 1))
      done
      ;;
    warc)
      # The archives of the tests, as written and uncompressed (libFuzzer mutates the
      # records better than their deflate streams).
      local n=0
      while IFS= read -r -d '' file; do
        cp "$file" "$dir/seed-$n"; n=$((n + 1))
        if gzip -t "$file" 2>/dev/null; then gzip -dc "$file" > "$dir/seed-$n"; n=$((n + 1)); fi
      done < <(find ../tests/fixtures/warc -name '*.warc*' -print0)
      ;;
    wacz)
      # WACZ files made of the WARC fixtures: stored as Webrecorder stores them, and deflated.
      python3 - "$dir" ../tests/fixtures/warc <<'PY'
import os, sys, zipfile
out, warcs = sys.argv[1], sys.argv[2]
pages = b'{"format": "json-pages-1.0"}\n{"url": "https://gazette.example/a", "title": "A page"}\n'
n = 0
for root, _, files in os.walk(warcs):
    for name in sorted(files):
        for method in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            with zipfile.ZipFile(os.path.join(out, f"seed-{n}"), "w") as z:
                z.write(os.path.join(root, name), "archive/" + name, compress_type=method)
                z.writestr("pages/pages.jsonl", pages, compress_type=method)
            n += 1
PY
      ;;
    serve_params)
      local n=0
      for q in 'q=putin&from=2025-03&to=2025&person=Donald+Trump&sort=newest&page=2' 'q=%22a+b%22&mentions=2024..&limit=5&offset=3' 'by=month&dates=mentioned'; do
        printf '%s' "$q" > "$dir/seed-$n"; n=$((n + 1))
      done
      ;;
  esac
}

# Milliseconds the target takes on one input, alone, beyond what it takes on an empty one
# (a target's own setup, such as the query target's small index, is not the input's).
time_alone() {
  local input_ms empty_ms empty
  input_ms=$(time_once "$1" "$2") || return 1
  empty=$(mktemp)
  empty_ms=$(time_once "$1" "$empty") || empty_ms=0
  rm -f "$empty"
  echo $(( input_ms > empty_ms ? input_ms - empty_ms : 0 ))
}

time_once() {
  local start end
  start=$(date +%s%N)
  "target/x86_64-unknown-linux-gnu/release/$1" "$2" >/dev/null 2>&1 || return 1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

cargo +nightly fuzz build -O >/dev/null || exit 2
failed=0
for target in "${targets[@]}"; do
  seed "$target"
  log=$(mktemp)
  nice -n 10 cargo +nightly fuzz run -O "$target" -- \
    -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 >"$log" 2>&1
  status=$?
  runs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  timeout_input=$(grep -o "artifacts/$target/timeout-[0-9a-f]*" "$log" | head -1)
  if [ $status -eq 0 ]; then
    echo "$target: ${runs:-?} executions in ${seconds} s, no crash"
  elif [ -n "$timeout_input" ] && alone_ms=$(time_alone "$target" "$timeout_input") && [ "$alone_ms" -lt 1000 ]; then
    # libFuzzer's timeout is wall-clock time: on a busy machine a fast input can pass it.
    echo "$target: stopped after ${runs:-?} executions by a timeout that does not repeat: the input takes $alone_ms ms alone ($timeout_input)"
  else
    echo "$target: CRASH or hang after ${runs:-?} executions (status $status); see fuzz/artifacts/$target/"
    grep -E 'panicked|ERROR|SUMMARY|timeout' "$log" | head -5
    failed=1
  fi
  rm -f "$log"
done
exit $failed

#!/usr/bin/env bash
# Prints the Zyte benchmark's saved pages to PDF with headless Chromium, twice each:
# with Chromium's default header and footer (ID.hf.pdf: print date, title, address,
# page numbers, as users print) and without (ID.nohf.pdf); writes each page's known
# article text (ID.txt) and, for comparison only, pdftotext's reading of every PDF.
#   scripts/print_pdfs.sh BENCH_DIR OUT_DIR [PAGES] [JOBS]
# PAGES (default all 181) takes the first pages in the order of their names.
# BENCH_DIR is a checkout of github.com/scrapinghub/article-extraction-benchmark.
# Needs Debian's chromium and poppler-utils (apt-get install chromium poppler-utils).
# The pages are printed offline: their style sheets and scripts on the web are not
# fetched, so a page prints as its markup alone says. A page whose print has not ended
# after 30 s (some saved pages keep waiting on the network) is left out, and named.
set -euo pipefail
bench=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
pages=${3:-1000}
jobs=${4:-2}
mkdir -p "$out/html" "$out/pdf" "$out/truth"
python3 - "$bench" "$out" <<'PY'
import gzip, json, pathlib, sys
bench, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
truth = json.loads((bench / "ground-truth.json").read_text())
for page in sorted((bench / "html").glob("*.html.gz")):
    page_id = page.name[: -len(".html.gz")]
    (out / "html" / f"{page_id}.html").write_bytes(gzip.decompress(page.read_bytes()))
    (out / "truth" / f"{page_id}.txt").write_text(truth[page_id]["articleBody"])
PY
print_one() {
    local html=$1 out=$2 id profile
    id=$(basename "$html" .html)
    for variant in hf nohf; do
        local pdf="$out/pdf/$id.$variant.pdf"
        [[ -s $pdf ]] && continue
        local extra=()
        [[ $variant == nohf ]] && extra=(--no-pdf-header-footer)
        profile=$(mktemp -d)
        timeout 30 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
            --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
            "${extra[@]}" --print-to-pdf="$pdf" "file://$html" >/dev/null 2>&1 || echo "failed: $id $variant" >&2
        rm -rf "$profile"
        [[ -s $pdf ]] && pdftotext -enc UTF-8 "$pdf" "$out/truth/$id.$variant.pdftotext.txt" 2>/dev/null || true
    done
}
export -f print_one
ls "$out"/html/*.html | head -n "$pages" | xargs -P "$jobs" -I{} bash -c 'print_one "$@"' _ {} "$out"
echo "printed $(ls "$out"/pdf/*.pdf | wc -l) PDFs into $out/pdf"

#!/bin/sh
# Score the extractor on one batch: ./tests/realtext/score.sh r1 [--places]
# Run from the repository root. With --places the true place and year of every document
# (places.csv) are given to the pipeline as data/raw's report_places.csv would be.
set -eu
batch="tests/realtext/$1"
scorer="${SCORER:-/work/shared/tools/score_extraction.py}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ "${2:-}" = "--places" ]; then
    mkdir "$tmp/raw"
    cp "$batch"/*.txt "$tmp/raw/"
    { echo "source,jurisdiction,year,reason"; tail -n +2 "$batch/places.csv" | sed 's/$/,given/'; } > "$tmp/raw/report_places.csv"
    python -m pipeline build --raw "$tmp/raw" --out "$tmp/out" > /dev/null
    out="$tmp/out/indicators.csv"
else
    python -m pipeline extract "$batch"/*.txt --format csv > "$tmp/out.csv"
    out="$tmp/out.csv"
fi
python "$scorer" "$out" "$batch/gold.csv" "$batch/traps.csv" "$batch/ambiguous.csv"

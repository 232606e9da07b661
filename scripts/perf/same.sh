#!/usr/bin/env bash
# Speed work must not change a byte of output. Compares BIN's output with
# baselines recorded from a reference build: jsonl on both shared data sets
# and on the corpus, the text report on the corpus, and json, markdown,
# sarif and html on small.jsonl (inputs from scripts/perf/corpus.sh).
#   RECORD=1 scripts/perf/same.sh REFERENCE_BIN   # writes the baselines
#   scripts/perf/same.sh [BIN]                    # prints SAME or what differs
# Env: BASE (baselines, /tmp/base), IN (inputs, /tmp), DATA (../shared/data).
set -u
B="${1:-target/release/sumlint}"; BASE="${BASE:-/tmp/base}"; IN="${IN:-/tmp}"; DATA="${DATA:-../shared/data}"
mkdir -p "$BASE"
out=$(mktemp); trap 'rm -f "$out"' EXIT
bad=0
one() { # NAME ARGS...: runs BIN with ARGS, then records or compares as NAME
  local name=$1; shift
  "$B" check "$@" > "$out" 2>/dev/null
  if [ -n "${RECORD:-}" ]; then cp "$out" "$BASE/$name"
  elif ! cmp -s "$out" "$BASE/$name"; then echo "DIFF $name"; bad=1; fi
}
for f in frank-valid summedits-news-eval; do one "$f.jsonl" --format jsonl "$DATA/$f.jsonl"; done
one corpus.jsonl --format jsonl "$IN/scale-corpus.jsonl"
one corpus.txt "$IN/scale-corpus.jsonl"
for fmt in json markdown sarif html; do one "small.$fmt" --format "$fmt" "$IN/small.jsonl"; done
if [ -n "${RECORD:-}" ]; then echo "recorded in $BASE"; elif [ $bad = 0 ]; then echo SAME; fi
exit $bad

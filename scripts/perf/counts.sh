#!/usr/bin/env bash
# Instruction counts (callgrind, one thread) of `BIN check --quiet` on
# small.jsonl, scale-corpus.jsonl and uniq.jsonl (scripts/perf/corpus.sh),
# and of the typo check's cold pass (typo_prof 0) when TYPO_PROF is given
# (`cargo build --release --example typo_prof`).
#   scripts/perf/counts.sh BIN [TYPO_PROF]
# Env: IN (inputs, /tmp), DATA (../shared/data).
set -u
B="$1"; P="${2:-}"; IN="${IN:-/tmp}"; DATA="${DATA:-../shared/data}"
for f in small scale-corpus uniq; do
  n=$(RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$B" check --quiet "$IN/$f.jsonl" 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
  printf '%-14s %8.2f M\n' "$f" "$(echo "$n / 1000000" | bc -l)"
done
if [ -n "$P" ]; then
  n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect='*prof_pass*' "$P" 0 "$DATA/frank-valid.jsonl" "$DATA/summedits-news-eval.jsonl" 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
  printf '%-14s %8.2f M\n' "typo_prof 0" "$(echo "$n / 1000000" | bc -l)"
fi

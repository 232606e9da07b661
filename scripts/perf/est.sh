#!/usr/bin/env bash
# Est. cycles of `BIN check --quiet FILE` on one thread: instructions + 10 x
# first-level data misses + 15 x mispredicted branches, from callgrind's
# cache and branch simulation. Leaves the profile in /tmp/est.$(basename BIN).out
# for scripts/perf/est.py (per function).
#   scripts/perf/est.sh BIN [FILE (/tmp/scale-corpus.jsonl)]
set -u
B="$1"; F="${2:-/tmp/scale-corpus.jsonl}"
out=/tmp/est.$(basename "$B").out
RAYON_NUM_THREADS=1 valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes --callgrind-out-file="$out" "$B" check --quiet "$F" >/dev/null 2>&1
python3 "$(dirname "$0")/est.py" "$out" 1

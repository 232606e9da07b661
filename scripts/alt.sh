#!/usr/bin/env bash
# Alternated one-core timing of two sumlint builds, for comparing builds on a
# noisy host: N pairs of `perf stat -e task-clock` runs pinned to core 1, the
# order swapped every pair; prints each build's median and the median of the
# per-pair ratio B / A.
#
#   scripts/alt.sh N A B FILE [check args...]
#   scripts/alt.sh 10 /tmp/sumlint_old target/release/sumlint corpus.jsonl --quiet
set -u  # (not -e: a check with findings exits 1)
N=$1; A=$2; B=$3; F=$4; shift 4
t() { local bin=$1; shift; RAYON_NUM_THREADS=1 perf stat -x, -e task-clock taskset -c 1 "$bin" check "$@" 2>&1 >/dev/null | grep task-clock | cut -d, -f1; }
ra=(); rb=(); rat=()
for i in $(seq "$N"); do
  if [ $((i % 2)) = 1 ]; then a=$(t "$A" "$@" "$F"); b=$(t "$B" "$@" "$F"); else b=$(t "$B" "$@" "$F"); a=$(t "$A" "$@" "$F"); fi
  ra+=("$a"); rb+=("$b"); rat+=("$(python3 -c "print($b / $a)")")
done
python3 - "${ra[*]}" "${rb[*]}" "${rat[*]}" <<'PY'
import statistics as s, sys
a, b, r = ([float(x) for x in arg.split()] for arg in sys.argv[1:4])
print(f"A median {s.median(a):.1f} ms  B median {s.median(b):.1f} ms  "
      f"ratio B/A median {s.median(r):.3f}  B faster in {sum(x < 1 for x in r)} of {len(r)}")
PY

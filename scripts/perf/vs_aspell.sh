#!/usr/bin/env bash
# sumlint against aspell on the same text, alternated in one run: N rounds of
# `aspell list --lang=en_US` on the records' text (headline, dek, document and
# summary of every JSONL record) and `sumlint check --quiet` on the records,
# one thread pinned to core 1 and two threads on cores 0-1; prints the median
# wall and CPU times and the median per-round ratio (aspell time / sumlint
# time: above 1, sumlint is faster per byte). A noisy host moves both alike
# within a round, so the per-round ratio is steadier than separate runs.
#   scripts/perf/vs_aspell.sh BIN [FILE (/tmp/scale-corpus.jsonl)] [N (10)]
set -u
B="$1"; F="${2:-/tmp/scale-corpus.jsonl}"; N="${3:-10}"
command -v aspell >/dev/null || { echo "aspell is not installed (apt-get install -y aspell aspell-en)"; exit 2; }
text=$(mktemp); trap 'rm -f "$text"' EXIT
python3 - "$F" "$text" <<'PY'
import json, sys
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        if not line.strip():
            continue
        r = json.loads(line)
        s = r.get("summary")
        parts = [r.get("headline") or "", r.get("dek") or "", r.get("document") or ""]
        parts += s if isinstance(s, list) else [s or ""]
        out.write("\n".join(p for p in parts if p) + "\n\n")
PY
# Prints "wall_ms cpu_ms" of a command.
t() { perf stat -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ {c=$1} END {print c}'; }
w() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
rows=()
for i in $(seq "$N"); do
  ac=$(t taskset -c 1 sh -c "aspell list --lang=en_US < $text")
  aw=$(w taskset -c 1 sh -c "aspell list --lang=en_US < $text")
  s1c=$(RAYON_NUM_THREADS=1 t taskset -c 1 "$B" check --quiet "$F")
  s1w=$(RAYON_NUM_THREADS=1 w taskset -c 1 "$B" check --quiet "$F")
  s2w=$(RAYON_NUM_THREADS=2 w taskset -c 0,1 "$B" check --quiet "$F")
  rows+=("$ac $aw $s1c $s1w $s2w")
done
python3 - "$F" "$(stat -c %s "$text")" "${rows[@]}" <<'PY'
import statistics as st, sys
f, size, rows = sys.argv[1], int(sys.argv[2]), [list(map(float, r.split())) for r in sys.argv[3:]]
ac, aw, s1c, s1w, s2w = ([r[i] for r in rows] for i in range(5))
aw = [x / 1000 for x in aw]; s1w = [x / 1000 for x in s1w]; s2w = [x / 1000 for x in s2w]
mb = size / 1e6
print(f"{f}: {len(rows)} rounds, {mb:.2f} MB of text for aspell")
print(f"aspell, 1 core:          wall {st.median(aw):7.1f} ms  CPU {st.median(ac):7.1f} ms  ({mb / st.median(aw) * 1000:.1f} MB/s)")
print(f"sumlint --quiet, 1 core: wall {st.median(s1w):7.1f} ms  CPU {st.median(s1c):7.1f} ms  ({mb / st.median(s1w) * 1000:.1f} MB/s)")
print(f"sumlint --quiet, 2 cores: wall {st.median(s2w):6.1f} ms  ({mb / st.median(s2w) * 1000:.1f} MB/s)")
r = lambda a, b: st.median(x / y for x, y in zip(a, b))
print(f"per byte against aspell (median of per-round ratios): 1 core {r(aw, s1w):.2f}x wall, {r(ac, s1c):.2f}x CPU; 2 cores {r(aw, s2w):.2f}x wall")
PY

#!/bin/bash
# threads_cmp.sh N FILE BIN:THREADS...: N rounds; each round runs every "BIN:THREADS" config in turn (order rotated each round), in its own autogroup at nice -10
# (the other helpers' builds otherwise take our cores), cores 0-1 (1 thread: core 1); prints medians of wall and task-clock, and the per-round wall ratio to the first config
N=$1; F=$2; shift 2
cfgs=("$@"); k=${#cfgs[@]}
for i in $(seq $N); do
  declare -A res=()
  for j in $(seq 0 $((k-1))); do
    idx=$(( (j + i) % k )); c=${cfgs[$idx]}; b=${c%%:*}; t=${c##*:}; cpus=1; [ $t = 2 ] && cpus=0,1
    res[$idx]=$(RAYON_NUM_THREADS=$t setsid sh -c 'echo -10 > /proc/self/autogroup; exec "$0" "$@"' perf stat -x, -e task-clock,duration_time taskset -c $cpus $b check --quiet $F 2>&1 >/dev/null | awk -F, '{v[$3]=$1} END {printf "%.1f/%.1f", v["duration_time"]/1e6, v["task-clock"]}')
  done
  row=""; for j in $(seq 0 $((k-1))); do row="$row ${res[$j]}"; done; echo "$row"
done | python3 -c "
import sys, statistics as st
ws=sys.argv[1:]
rows=[[tuple(map(float,c.split('/'))) for c in l.split()] for l in sys.stdin]
for j,w in enumerate(ws):
  wall=[r[j][0] for r in rows]; cpu=[r[j][1] for r in rows]
  ratio=[r[0][0]/r[j][0] for r in rows]
  print(f'{w}: wall median {st.median(wall):.1f} ms, task-clock median {st.median(cpu):.1f} ms, first wall / this wall (median per round) {st.median(ratio):.3f}')
" "$@"

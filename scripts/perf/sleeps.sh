#!/bin/bash
# where the workers sleep: sched_switch stacks of `BIN` on 2 threads; counts by first frame in the binary
B=$1; F=${2:-/tmp/scale-corpus.jsonl}
RAYON_NUM_THREADS=2 perf record -e sched:sched_switch --call-graph dwarf,32768 -o /tmp/sumlint-sw.data -- taskset -c 0,1 $B check --quiet $F >/dev/null 2>/dev/null
perf script -i /tmp/sumlint-sw.data 2>/dev/null | awk -v b=$(basename $B) '/sched_switch/ && /prev_state=S/ {tid=$2; n[tid]++; got=0; while ((getline line) > 0 && line !~ /^$/) { if (!got && line ~ b"\\)") { sub(/^[ \t]*[0-9a-f]+ /,"",line); f[tid" "line]++; got=1 } } if (!got) f[tid" (no frame)"]++ } END {for (k in n) print "total", k, n[k]; for (k in f) print f[k], k}' | sort -k1,1 -rn | head -20

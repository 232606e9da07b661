#!/bin/bash
# sched.sh BIN THREADS [FILE]: per-thread run and wait times (perf sched timehist), the run in its own autogroup at nice -10
B=$1; F=$2; T=$3
RAYON_NUM_THREADS=$T setsid sh -c 'echo -10 > /proc/self/autogroup; exec "$0" "$@"' perf sched record -o /tmp/sumlint-sched.data -- taskset -c 0,1 $B check --quiet $F >/dev/null 2>/dev/null
perf sched timehist -i /tmp/sumlint-sched.data 2>/dev/null | awk -v b=$(basename $B) '
 $3 ~ b {w[$3]+=$4; d[$3]+=$5; r[$3]+=$6; n[$3]++; if (!t0) t0=$1; t1=$1}
 $3 !~ b && $3 !~ /idle/ && NF>=6 && $1+0>0 {o+=$6}
 END {for (k in w) printf "%-22s run %7.1f wait %7.1f delay %6.1f n %d\n", k, r[k], w[k], d[k], n[k]; printf "span %.1f ms, other tasks ran %.1f ms\n", (t1-t0)*1000, o}'

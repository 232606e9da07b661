#!/usr/bin/env python3
# est.py CALLGRIND_OUT [N] [--inclusive]: the N costliest functions by est. cycles
# (instructions + 10 x first-level data misses + 15 x mispredicted branches), with
# instructions, misses and mispredicts; from a profile made with --cache-sim=yes --branch-sim=yes.
import re, subprocess, sys
f = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 30
inc = '--inclusive' in sys.argv
out = subprocess.run(['callgrind_annotate', '--show=Ir,D1mr,D1mw,Bcm,Bim', '--threshold=100'] + (['--inclusive=yes'] if inc else []) + [f], capture_output=True, text=True).stdout
rows = []
for line in out.splitlines():
    m = re.match(r'^\s*([\d,]+)\s*(?:\([^)]*\))?\s+([\d,.]+)\s*(?:\([^)]*\))?\s+([\d,.]+)\s*(?:\([^)]*\))?\s+([\d,.]+)\s*(?:\([^)]*\))?\s+([\d,.]+)\s*(?:\([^)]*\))?\s+(\S.*)$', line)
    if not m: continue
    v = [int(x.replace(',', '').replace('.', '0')) for x in m.groups()[:5]]
    name = m.group(6)
    est = v[0] + 10 * (v[1] + v[2]) + 15 * (v[3] + v[4])
    rows.append((est, v, name))
rows.sort(reverse=True)
for est, v, name in rows[:n]:
    print(f"{est/1e6:9.2f} {v[0]/1e6:8.2f} {(v[1]+v[2])/1e3:8.1f}k {(v[3]+v[4])/1e3:8.1f}k  {name[:150]}")

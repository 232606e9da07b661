#!/usr/bin/env python3
# instr_prof.py CG FUNC_EXACT SRCFILE_SUBSTR [N]: est cycles of FUNC (self + calls) attributed by address to
# the innermost inline frame in SRCFILE (via addr2line -i).
import sys, re, collections, subprocess
f, fname, src = sys.argv[1], sys.argv[2], sys.argv[3]; n = int(sys.argv[4]) if len(sys.argv) > 4 else 50
# The profiled binary, from the profile's "cmd:" line (callgrind writes it).
binary = next((l.split()[1] for l in open(f) if l.startswith('cmd:')), None)
fnnames = {}
events = None
byaddr = collections.Counter(); calls_at = collections.defaultdict(collections.Counter)
cur = None; cfn = None; incall = False; last_addr = 0; last_line = 0
def est(vals):
    d = dict(zip(events, vals + [0]*(len(events)-len(vals))))
    return d.get('Ir',0) + 10*(d.get('D1mr',0)+d.get('D1mw',0)) + 15*(d.get('Bcm',0)+d.get('Bim',0))
def pos(tok, last, base):
    if tok == '*': return last
    if tok.startswith('+'): return last + int(tok[1:], 0)
    if tok.startswith('-'): return last - int(tok[1:], 0)
    return int(tok, base)
for line in open(f):
    line = line.rstrip('\n')
    if line.startswith('events:'): events = line.split()[1:]; continue
    m = re.match(r'^(c?fn)=\((\d+)\)(?: (.*))?$', line)
    if m:
        k, i, name = m.groups()
        if name is not None: fnnames[i] = name
        if k == 'fn': cur = fnnames[i]
        else: cfn = fnnames[i]
        continue
    if line.startswith('calls='): incall = True; continue
    if line and (line[0] in '0123456789+-*'):
        parts = line.split()
        a = pos(parts[0], last_addr, 16); last_addr = a
        l = pos(parts[1], last_line, 10); last_line = l
        if cur == fname:
            vals = [int(x) for x in parts[2:]]
            byaddr[a] += est(vals)
            if incall: calls_at[a][cfn] += est(vals)
        incall = False
addrs = sorted(byaddr)
out = subprocess.run(['addr2line', '-i', '-e', binary] + ['0x%x' % a for a in addrs] , capture_output=True, text=True).stdout
# addr2line -i prints variable number of lines per address; use -a to delimit
out = subprocess.run(['addr2line', '-a', '-i', '-e', binary] + ['0x%x' % a for a in addrs], capture_output=True, text=True).stdout
frames = {}; curA = None
for ln in out.splitlines():
    if ln.startswith('0x'): curA = int(ln, 16); frames[curA] = []
    else: frames[curA].append(ln)
byline = collections.Counter(); callsby = collections.defaultdict(collections.Counter)
for a, c in byaddr.items():
    fr = frames.get(a, [])
    tgt = next((x for x in fr if src in x), fr[-1] if fr else '?')
    tgt = re.sub(r' \(discriminator \d+\)', '', tgt).split('/')[-1]
    byline[tgt] += c
    for k, v in calls_at[a].items(): callsby[tgt][k] += v
print('total %.2f M' % (sum(byline.values())/1e6))
for k, v in byline.most_common(n):
    cs = ', '.join('%s %.2f' % (kk.split('::')[-1][:30], vv/1e6) for kk, vv in callsby[k].most_common(3))
    print('%8.2f  %-22s %s' % (v/1e6, k, cs))

#!/usr/bin/env python3
# inline_prof.py CALLGRIND_OUT BIN FUNC_REGEX N [FRAMES]: est. cycles of the functions matching FUNC_REGEX,
# attributed by address to their inline chains (addr2line -i); needs a profile taken with --dump-instr=yes.
import re,sys,subprocess,collections
cg=sys.argv[1]; binf=sys.argv[2]; fnpat=sys.argv[3]; n=int(sys.argv[4])
names={}
def name(kind,s):
    m=re.match(r'\((\d+)\)(?: (.*))?',s); k=(kind,m.group(1))
    if m.group(2): names[k]=m.group(2)
    return names.get(k)
def est(v):
    v=v+[0]*(13-len(v)); return v[0]+10*(v[4]+v[5])+15*(v[10]+v[12])
def p(tok,cur):
    if tok=='*': return cur
    if tok[0]=='+': return cur+int(tok[1:],0)
    if tok[0]=='-': return cur-int(tok[1:],0)
    return int(tok,0)
fn=cfn=None; addr=0; line=0; incall=False
selfc=collections.Counter(); callc=collections.Counter()
for raw in open(cg):
    raw=raw.rstrip('\n')
    if not raw: continue
    c=raw[0]
    if c.isdigit() or c in '+-*':
        parts=raw.split(); addr=p(parts[0],addr); line=p(parts[1],line) if len(parts)>1 else line
        v=[int(x) for x in parts[2:]]
        if fn and re.search(fnpat,fn):
            if incall: callc[(addr,cfn)]+=est(v)
            else: selfc[addr]+=est(v)
        incall=False; continue
    if raw.startswith('fn='): fn=name('fn',raw[3:])
    elif raw.startswith('cfn='): cfn=name('fn',raw[4:])
    elif raw.startswith('calls='): incall=True
addrs=sorted(set(selfc)|{a for a,_ in callc})
out=subprocess.run(['addr2line','-i','-f','-C','-e',binf]+[hex(a) for a in addrs],capture_output=True,text=True).stdout
# addr2line -i prints frames for each addr; separate by using -a
out=subprocess.run(['addr2line','-a','-i','-f','-C','-e',binf]+[hex(a) for a in addrs],capture_output=True,text=True).stdout.split('\n')
chains={}; cur=None; fr=[]
i=0
while i<len(out):
    l=out[i]
    if l.startswith('0x'):
        if cur is not None: chains[cur]=fr
        cur=int(l,16); fr=[]; i+=1; continue
    if i+1<len(out) and l:
        fr.append((l, out[i+1])); i+=2; continue
    i+=1
if cur is not None: chains[cur]=fr
def key(a,depth):
    fr=chains.get(a,[])
    # frames innermost first; outermost last. Keep drift frames only.
    names=[f.split('::')[-1].split('(')[0]+'@'+loc.split('/')[-1].split(' ')[0] for f,loc in fr]
    drift=[ (f.split('(')[0], loc.split('/')[-1].split(' ')[0]) for f,loc in fr if '/drift/' in loc or 'drift::' in f]
    # outermost-first chain of drift function names
    chain=[f for f,loc in fr][::-1]
    chain=[c.replace('sumlint::checks::drift::','') for c in chain]
    return ' > '.join(c.split('<')[0][:40] for c in chain[:depth])
for depth in [int(x) for x in sys.argv[5].split(",")] if len(sys.argv)>5 else (2,3):
    agg=collections.Counter()
    for a,v in selfc.items(): agg[key(a,depth)]+=v
    for (a,cf),v in callc.items(): agg[key(a,depth)]+=v
    print(f'=== depth {depth}, self {sum(selfc.values())/1e6:.2f} calls {sum(callc.values())/1e6:.2f}')
    for k,v in agg.most_common(n): print(f'{v/1e6:8.2f} {k}')

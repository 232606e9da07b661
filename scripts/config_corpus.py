#!/usr/bin/env python3
"""Builds the corpus for timing config lookup and baselines (docs/config.md):
every distinct document of the FRANK and SummEdits files as a Markdown
article (3 sentences a paragraph, the summary as a list under `## Summary`),
copied into 10 directories, with a `sumlint.toml` at the top and a
`.sumlint.toml` in five of them.

Usage: scripts/config_corpus.py OUTDIR DATA.jsonl...
"""
import json, os, re, shutil, sys

out, paths = sys.argv[1], sys.argv[2:]
base = os.path.join(out, "news")
os.makedirs(base, exist_ok=True)
seen, n = set(), 0
for path in paths:
    for line in open(path):
        r = json.loads(line)
        if r["document"] in seen:
            continue
        seen.add(r["document"])
        sents = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", r["document"].strip()) if s]
        paras = [" ".join(sents[i:i + 3]) for i in range(0, len(sents), 3)]
        bullets = [b for b in re.split(r"(?<=[.!?])\s+", r["summary"].strip()) if b]
        text = "\n\n".join(paras) + "\n\n## Summary\n\n" + "".join(f"- {b}\n" for b in bullets)
        open(os.path.join(base, f"a{n:04}.md"), "w").write(text)
        n += 1
for i in range(1, 10):
    shutil.copytree(base, os.path.join(out, f"news{i}"), dirs_exist_ok=True)
open(os.path.join(out, "sumlint.toml"), "w").write('[rules]\ncoverage = "warning"\n')
for i in range(1, 6):
    open(os.path.join(out, f"news{i}", ".sumlint.toml"), "w").write('[rules]\n"coverage/uncovered-paragraph" = "off"\n')
print(f"{n} documents x 10 directories in {out}")

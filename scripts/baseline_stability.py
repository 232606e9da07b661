#!/usr/bin/env python3
"""Measures how baseline keys behave on real articles (FRANK validation documents).

Writes N articles as plain text (3 sentences a paragraph, one paragraph a line,
the reference summary as `- ` bullets), records a baseline, then checks:
  1. re-wrapped (blank-line blocks hard-wrapped at 60 columns, moved down two
     lines): every finding should stay accepted;
  2. one word edited in the last body paragraph: findings about that paragraph
     should count as new, all others stay accepted.

Usage: scripts/baseline_stability.py SUMLINT_BINARY DATA.jsonl N WORKDIR [txt|md]

In Markdown the paragraphs are blank-line separated in every variant and the
summary is a list under `## Summary`; in plain text the original has one
paragraph a line and the re-wrapped copy blank-line blocks.
"""
import json, os, re, shutil, subprocess, sys, textwrap

sumlint, data, n, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
ext = sys.argv[5] if len(sys.argv) > 5 else "txt"
docs, seen = [], set()
for line in open(data):
    rec = json.loads(line)
    if rec["document"] in seen:
        continue
    seen.add(rec["document"])
    docs.append(rec)
    if len(docs) == n:
        break

split = lambda t: [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", t.strip()) if s]
articles = []
for rec in docs:
    sents = split(rec["document"])
    paras = [" ".join(sents[i:i + 3]) for i in range(0, len(sents), 3)]
    bullets = split(rec["summary"])
    articles.append((paras, bullets))

def wrap(paragraph):
    """Hard-wraps like an editor: no breaks inside hyphenated words, and no
    line that would start a list, heading or quote (that changes the text's
    meaning, not only its wrapping)."""
    for width in range(60, 90):
        lines = textwrap.wrap(paragraph, width, break_on_hyphens=False, break_long_words=False)
        if not any(re.match(r"([-*+#>]|\d+[.)])(\s|$)", l) for l in lines[1:]):
            return "\n".join(lines)
    return paragraph

def write(variant):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    for i, (paras, bullets) in enumerate(articles):
        if variant == "edited":
            last = paras[-1].split(" ")
            last[len(last) // 2] = "zebra"
            paras = paras[:-1] + [" ".join(last)]
        if variant == "rewrapped":
            body = "\n\n".join(wrap(p) for p in paras)
            text = "\n\n" + body + "\n\n"
        else:
            text = ("\n\n" if ext == "md" else "\n").join(paras) + "\n\n"
        if ext == "md":
            text += "## Summary\n\n"
        text += "".join(f"- {b}\n" for b in bullets)
        open(os.path.join(work, f"a{i:04}.{ext}"), "w").write(text)

def findings(extra):
    out = subprocess.run([sumlint, "check", "--format", "json", "--fail-on", "never", "--no-config", work] + extra,
                         capture_output=True, text=True)
    return [(file["path"], f["rule"], f["line"], f["text"]) for file in json.loads(out.stdout)["files"] for f in file["findings"]]

baseline = os.path.abspath(work + ".baseline.json")
write("original")
before = findings(["--write-baseline", baseline])
write("rewrapped")
after_wrap = findings(["--baseline", baseline])
write("edited")
after_edit = findings(["--baseline", baseline])
last_para = lambda f: f[1] == "coverage/uncovered-paragraph" and "zebra" in f[3]
print(f"articles: {len(articles)}; findings recorded: {len(before)}")
print(f"re-wrapped and moved: {len(after_wrap)} findings shown (want 0)")
new_on_edited = [f for f in after_edit if last_para(f)]
other = [f for f in after_edit if not last_para(f)]
recorded_last = sum(1 for f in before if f[1] == "coverage/uncovered-paragraph"
                    and any(f[3].split()[:5] == p[-1].split()[:5] for p in [articles[int(os.path.basename(f[0])[1:5])][0]]))
print(f"one word edited in the last paragraph: {len(new_on_edited)} findings on it shown "
      f"(it had {recorded_last} recorded findings), {len(other)} other findings shown (want 0)")

#!/usr/bin/env python3
"""Count drift findings per label on labelled JSONL data (false positives).

What: runs `sumlint check --format json FILE` on records that carry
"label" (1 consistent, 0 not) and prints, per file, how many documents
of each label get at least one drift/* finding, how many drift findings
each label gets, and per rule the documents of each label it fires on.
Findings on consistent (label 1) documents are the false positives
reported in docs/drift.md.

Usage (from the repository root, release build):
    python3 scripts/drift_fp.py ./target/release/sumlint FILE.jsonl [FILE.jsonl ...]
"""
import json
import subprocess
import sys
from collections import Counter


def count(binary, path):
    labels = [json.loads(line)["label"] for line in open(path, encoding="utf-8") if line.strip()]
    out = subprocess.run([binary, "check", "--format", "json", path], capture_output=True, text=True).stdout
    files = json.loads(out)["files"]
    if len(files) != len(labels):
        sys.exit(f"{path}: {len(files)} documents reported for {len(labels)} records")
    docs, per_rule, findings = Counter(), Counter(), Counter()
    for f, label in zip(files, labels):
        rules = [x["rule"] for x in f["findings"] if x["rule"].startswith("drift/")]
        if rules:
            docs[label] += 1
        for rule in set(rules):
            per_rule[(rule, label)] += 1
        findings[label] += len(rules)
    return docs, per_rule, findings


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary = sys.argv[1]
    for path in sys.argv[2:]:
        docs, per_rule, findings = count(binary, path)
        print(
            f"{path}: documents with a drift finding: consistent {docs[1]}, inconsistent {docs[0]}; "
            f"findings on consistent {findings[1]}, on inconsistent {findings[0]}"
        )
        for rule in sorted({r for r, _ in per_rule}):
            print(f"    {rule:<26} consistent {per_rule[(rule, 1)]:>3}  inconsistent {per_rule[(rule, 0)]:>3}")


if __name__ == "__main__":
    main()

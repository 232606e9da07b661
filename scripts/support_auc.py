#!/usr/bin/env python3
"""ROC-AUC of sumlint's alignment support against human consistency labels.

Usage: scripts/support_auc.py SUMLINT_BIN DATA.jsonl [DATA.jsonl ...]

Runs `sumlint check --format json` on each labelled JSONL file and reports
the ROC-AUC (label 1 = consistent) of three document signals: the minimum
unit support, the mean unit support, and the document score. Used to choose
the alignment weights (src/align.rs); the drift calibration has its own
command, `sumlint calibrate`.
"""
import json
import subprocess
import sys


def auc(pairs):
    pos = [s for s, l in pairs if l == 1]
    neg = [s for s, l in pairs if l == 0]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def main():
    binary, files = sys.argv[1], sys.argv[2:]
    for path in files:
        labels = {}
        with open(path) as f:
            for line in f:
                r = json.loads(line)
                labels[str(r["id"])] = r["label"]
        out = subprocess.run([binary, "check", "--format", "json", "--fail-on", "never", path], capture_output=True, text=True)
        run = json.loads(out.stdout)
        rows = {"min support": [], "mean support": [], "score": []}
        for doc in run["files"]:
            label = labels[doc["id"]]
            supports = [u["support"] for u in doc["summary"] if u["kind"] in ("bullet", "sentence")] or [1.0]
            rows["min support"].append((min(supports), label))
            rows["mean support"].append((sum(supports) / len(supports), label))
            rows["score"].append((doc["score"], label))
        print(path, " ".join(f"{k}: AUC {auc(v):.3f}" for k, v in rows.items()), f"(n={len(rows['score'])})")


if __name__ == "__main__":
    main()

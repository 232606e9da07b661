#!/usr/bin/env python3
"""Counts duplication findings by rule (and by where they are: summary or
body) in `sumlint check --format json` output, and summarises per-unit
extractiveness by summary system.

    sumlint check --format json ../shared/data/frank-valid.jsonl > frank.json
    python3 scripts/duplication_counts.py frank.json
"""
import collections
import json
import sys


def main(path):
    run = json.load(open(path))
    files = run["files"]
    by_rule = collections.Counter()
    by_place = collections.Counter()
    docs = collections.defaultdict(set)
    for f in files:
        for finding in f["findings"]:
            rule = finding["rule"]
            if not rule.startswith("duplication/"):
                continue
            by_rule[rule] += 1
            by_place[(rule, "summary" if finding["unit"] else "body")] += 1
            docs[rule].add(f.get("id", f["path"]))
    print(f"{len(files)} records")
    for rule, n in sorted(by_rule.items()):
        summary = by_place[(rule, "summary")]
        body = by_place[(rule, "body")]
        print(f"{rule:34} {n:4}  (summary {summary}, body {body}; in {len(docs[rule])} records)")
    # Extractiveness of summary units by system (the record id's suffix).
    systems = collections.defaultdict(list)
    for f in files:
        system = f.get("id", "").split("_", 2)[-1]
        for unit in f["summary"]:
            if unit["kind"] in ("bullet", "sentence"):
                systems[system].append(unit["extractiveness"])
    print("\nsystem        units  coverage  density  compression (means over summary units)")
    for system, units in sorted(systems.items()):
        n = len(units)
        mean = lambda k: sum(u[k] for u in units) / n
        print(f"{system:12} {n:6}  {mean('coverage'):8.3f} {mean('density'):8.2f} {mean('compression'):12.2f}")


if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/env bash
# Writes the inputs the speed rounds measure on (docs/performance.md):
#   $OUT/scale-corpus.jsonl  the two shared data files, 804 records, 2.87 MB (documents repeat: warm caches)
#   $OUT/small.jsonl         its first 150 records
#   $OUT/uniq.jsonl          its 153 distinct documents, each once (cold caches)
#   scripts/perf/corpus.sh [DATA_DIR (../shared/data)] [OUT (/tmp)]
set -euo pipefail
data="${1:-../shared/data}"; out="${2:-/tmp}"
cat "$data/frank-valid.jsonl" "$data/summedits-news-eval.jsonl" > "$out/scale-corpus.jsonl"
head -150 "$out/scale-corpus.jsonl" > "$out/small.jsonl"
python3 - "$out/scale-corpus.jsonl" "$out/uniq.jsonl" <<'PY'
import json, sys
seen = set()
with open(sys.argv[1]) as src, open(sys.argv[2], "w") as dst:
    for line in src:
        doc = json.loads(line).get("document")
        if doc not in seen:
            seen.add(doc)
            dst.write(line)
PY
wc -l "$out/scale-corpus.jsonl" "$out/small.jsonl" "$out/uniq.jsonl"

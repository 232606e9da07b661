#!/bin/sh
# Measures sumlint's document score on the labelled data in ../shared/data:
# threshold, balanced accuracy (in-sample and 2-fold cross-validated),
# ROC-AUC, and each drift rule's contribution (turned off in turn).
# Usage: scripts/eval_drift.sh [DATA_DIR]   (run from the repository root)
set -eu
data="${1:-../../shared/data}"
[ -d "$data" ] || data=/work/shared/data
cargo build --release --quiet
for file in summedits-news-eval.jsonl frank-valid.jsonl; do
    echo "== $file"
    ./target/release/sumlint calibrate --folds 2 --ablate "$data/$file"
    echo
done

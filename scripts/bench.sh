#!/usr/bin/env bash
# Corpus benchmark: builds the release binary, then times `sumlint check` on
# a corpus made from fixtures/ and the shared data (default ../shared/data)
# on 1 and 2 threads next to `aspell list --lang=en_US` on the same text,
# and how the cost grows with article length.
#
#   scripts/bench.sh [DATA_DIR] [extra corpus_bench args, e.g. --mb 32 --runs 5]
#   scripts/bench.sh ../shared/data --memory 1   # peak memory on a 1 GB JSONL in /tmp
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data}"
shift || true
command -v aspell >/dev/null || echo "note: aspell is not installed (apt-get install -y aspell aspell-en); its row is skipped"
cargo build --release --quiet
cargo run --release --quiet --example corpus_bench -- --data "$data" "$@"

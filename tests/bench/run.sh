#!/bin/sh
# Benchmark: builds the release binary, then measures MB/s, articles/s,
# peak memory, scaling over 1x-8x the corpus and one 100 MB file.
# See tests/bench/bench.py --help. Exits 1 when a target is missed.
set -e
cd "$(dirname "$0")/../.."
cargo build --release --quiet
exec python3 tests/bench/bench.py "$@"

#!/usr/bin/env bash
# Benchmarks of search and page throughput on this machine. Prints figures;
# asserts nothing. Absolute times are noisy on a shared 2-core machine, so
# throughput is reported as ratios against a no-I/O route of the same
# server, measured in the same run. Usage: make bench
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/tools.sh --bench
N=${BENCH_PRODUCTS:-100000}
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
SERVER=$TARGET/release/server
DATA=$PWD/target/bench-data
PORT=${BENCH_PORT:-3200}
BASE=http://127.0.0.1:$PORT
export LEPTOS_SITE_ROOT=$PWD/target/site RUST_LOG=warn
# `cargo bench` builds the server binary again, over the one `make build`
# made; with the name cargo-leptos gives it, it finds the same assets.
export LEPTOS_OUTPUT_NAME=socialen-pazar
# The embedded engine is measured first, always; with MEILI_URL and
# MEILI_MASTER_KEY set, Meilisearch too (index BENCH_MEILI_INDEX), in the
# same table. Everything else runs on the embedded engine.
BENCH_MEILI_URL=${MEILI_URL:-}
BENCH_MEILI_KEY=${MEILI_MASTER_KEY:-}
export BENCH_MEILI_INDEX=${BENCH_MEILI_INDEX:-bench_products}
unset MEILI_URL MEILI_MASTER_KEY
# The benchmark's pictures never go to a bucket the shell happens to name.
unset S3_BUCKET S3_ENDPOINT S3_REGION S3_ACCESS_KEY_ID S3_SECRET_ACCESS_KEY S3_PATH_STYLE

if [ ! -f "$DATA/.seeded-$N" ]; then
  echo "== seeding $N products (once)"
  rm -rf "$DATA"
  DATA_DIR=$DATA "$SERVER" seed --synthetic $((N - 660))
  touch "$DATA/.seeded-$N"
fi

echo "== server reindex: database → new embedded index → swap (whole command)"
/usr/bin/time -f "   %e s wall, %M KB max RSS" env DATA_DIR="$DATA" "$SERVER" reindex

DATA_DIR=$DATA LEPTOS_SITE_ADDR=127.0.0.1:$PORT "$SERVER" serve &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -fs "$BASE/healthz" | python3 -c 'import json,sys; h=json.load(sys.stdin); sys.exit(0 if h["search"]["pending_updates"]==0 else 1)' 2>/dev/null; then break; fi
  sleep 1
done

echo "== the interface's words (Fluent), against writing the text by hand"
cargo bench -q -p server --bench words

echo "== CSV import of 10,000 lines (SQLite, demo data)"
cargo bench -q -p server --bench import

echo "== search latency (1,000 queries: one word, two words, typo, prefix, Latin; with and without facets)"
if [ -n "$BENCH_MEILI_URL" ]; then
  # A second server on the Meilisearch index the bench fills, for the API
  # figures on that engine (the bench swaps the index in under it).
  MEILI_PORT=$((PORT + 1))
  MEILI_URL=$BENCH_MEILI_URL MEILI_MASTER_KEY=$BENCH_MEILI_KEY MEILI_INDEX=$BENCH_MEILI_INDEX \
    DATA_DIR=$DATA LEPTOS_SITE_ADDR=127.0.0.1:$MEILI_PORT "$SERVER" serve &
  MPID=$!
  trap 'kill $PID $MPID 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$MEILI_PORT/healthz/live" >/dev/null 2>&1 && break; sleep 0.5; done
  MEILI_URL=$BENCH_MEILI_URL MEILI_MASTER_KEY=$BENCH_MEILI_KEY BENCH_MEILI_API=http://127.0.0.1:$MEILI_PORT \
    BENCH_DATA_DIR=$DATA BENCH_URL=$BASE cargo bench -q -p server --bench search
  kill $MPID 2>/dev/null || true
else
  BENCH_DATA_DIR=$DATA BENCH_URL=$BASE cargo bench -q -p server --bench search
fi

SLUG=$(curl -fs "$BASE/api/v1/search?q=med&per_page=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["slug"])')
rps() { wrk -t2 -c16 -d10s "$1" | awk '/Requests\/sec/ {print $2}'; }
restart() {
  kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true
  env "$@" DATA_DIR=$DATA LEPTOS_SITE_ADDR=127.0.0.1:$PORT "$SERVER" serve &
  PID=$!
  for _ in $(seq 1 60); do curl -fs "$BASE/healthz/live" >/dev/null 2>&1 && break; sleep 0.5; done
}
pages() {
  SEARCH=$(rps "$BASE/search?q=%D0%BC%D0%B5%D0%B4")
  PRODUCT=$(rps "$BASE/p/$SLUG")
  python3 - "$BASELINE" "$SEARCH" "$PRODUCT" "$1" <<'PY'
import sys
base, search, product = map(float, sys.argv[1:4])
print(f"   {sys.argv[4]}")
print(f"     search page /search?q=мед : {search:10.0f} req/s   {search/base:.3f}x  (target >= 0.20x)")
print(f"     product page /p/<slug>    : {product:10.0f} req/s   {product/base:.3f}x  (target >= 0.25x)")
PY
}
echo "== throughput (wrk -t2 -c16 -d10s; the server shares the 2 cores with wrk)"
BASELINE=$(rps "$BASE/healthz/live")
printf '   no-I/O route /healthz/live  : %10.0f req/s   1.00x\n' "$BASELINE"
pages "as served (anonymous pages kept for PAGE_CACHE_SECONDS within a catalogue generation)"
# Streamed in pieces and never kept: slow before connections got TCP_NODELAY.
printf '     404 page /no-such-page    : %10.0f req/s\n' "$(rps "$BASE/no-such-page")"
# What a signed-in reader gets: a render for every request, from kept data.
restart PAGE_CACHE_SECONDS=0
pages "rendered for every request (PAGE_CACHE_SECONDS=0), data kept per catalogue generation"
# Nothing kept: every request reads the database and asks the engine.
restart PAGE_CACHE_SECONDS=0 DATA_CACHE_SECONDS=0
pages "rendered and read for every request (PAGE_CACHE_SECONDS=0 DATA_CACHE_SECONDS=0)"

echo "== JS and wasm a catalogue page loads (brotli, as served)"
total=0
for f in target/site/pkg/*.js target/site/pkg/*.wasm; do
  size=$(brotli -c -q 11 "$f" | wc -c)
  total=$((total + size))
  printf '   %-60s %7d bytes\n' "$(basename "$f")" "$size"
done
printf '   total %58d bytes (target < 153600)\n' "$total"

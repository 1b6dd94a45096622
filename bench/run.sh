#!/usr/bin/env bash
# Benchmark: a regional data set (1 200 schools, 40 000 users in 40 municipalities),
# then requests/s and latency percentiles of an authenticated, filtered, paginated
# schools list against a plain health route, on SQLite and on PostgreSQL, with wrk.
# Usage: bench/run.sh [seconds-per-run]   (results also in bench/out/results.md)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
CONNS=${BENCH_CONNECTIONS:-32}
scripts/bootstrap.sh
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release -p tutornet-api
BIN=${CARGO_TARGET_DIR:-target}/release/tutornet
mkdir -p bench/out
OUT=bench/out/results.md
{
  echo "# tutornet benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "$(nproc) cores; wrk -t2 -c$CONNS -d${DURATION}s; data: 1 200 schools, 40 000 users, 40 municipalities"
  echo
  echo "| backend | route | requests/s | p50 | p99 |"
  echo "|---|---|---|---|---|"
} > "$OUT"

run_backend() {
  local name=$1 url=$2 port=$3
  echo "== $name: loading data"
  local t0=$(date +%s)
  TUTORNET_DATABASE_URL=$url RUST_LOG=warn $BIN bench-data >/dev/null
  echo "   loaded in $(( $(date +%s) - t0 ))s"
  TUTORNET_DATABASE_URL=$url TUTORNET_DEV=1 TUTORNET_BIND=127.0.0.1:$port RUST_LOG=warn \
    TUTORNET_STATIC_DIR=/nonexistent TUTORNET_POOL_SIZE=8 $BIN serve >/tmp/bench-$name.log 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.2; done
  local token
  token=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"user2@bench.tutornet.local","password":"demo-password-1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  local list="http://127.0.0.1:$port/api/v1/schools?is_low_results=true&q=%D1%81%D0%BE%D1%88&limit=50"
  echo "   schools visible to the coordinator with ШНОР and «сош»: $(curl -sf "$list" -H "Authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
  for route in health schools; do
    local target=$list hdr=(-H "Authorization: Bearer $token")
    if [ $route = health ]; then target="http://127.0.0.1:$port/api/v1/health"; hdr=(); fi
    wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "${hdr[@]}" "$target" > "/tmp/wrk-$name-$route.txt"
    local rps p50 p99 non2xx
    rps=$(awk '/Requests\/sec/ {print $2}' "/tmp/wrk-$name-$route.txt")
    p50=$(awk '$1=="50%" {print $2}' "/tmp/wrk-$name-$route.txt")
    p99=$(awk '$1=="99%" {print $2}' "/tmp/wrk-$name-$route.txt")
    non2xx=$(awk '/Non-2xx/ {print $5}' "/tmp/wrk-$name-$route.txt")
    [ -n "$non2xx" ] && { echo "   $route: $non2xx non-2xx responses" >&2; }
    echo "   $route: $rps req/s, p50 $p50, p99 $p99"
    echo "| $name | $route | $rps | $p50 | $p99 |" >> "$OUT"
  done
  kill $pid; wait $pid 2>/dev/null || true
}

tmp=$(mktemp -d)
run_backend sqlite "sqlite://$tmp/bench.db" 18301
PG=$(scripts/pg.sh)
db="bench_$(date +%s)"
psql -q "$PG/postgres" -c "CREATE DATABASE $db"
run_backend postgres "$PG/$db" 18302
psql -q "$PG/postgres" -c "DROP DATABASE $db"
rm -rf "$tmp"
echo; cat "$OUT"

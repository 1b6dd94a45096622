#!/usr/bin/env bash
# Runs every check tutornet has, on a fresh machine too (installs what is missing):
# fmt, clippy -D warnings (server and SPA), the domain crate's wasm check and dependency
# rule, migration parity, OpenAPI drift, unit + integration tests on SQLite and on a
# local PostgreSQL, the SPA build and the headless-Chromium browser test.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
start=$(date +%s)
step() { printf '\n\033[1;32m==> %s\033[0m  (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

step "bootstrap"
scripts/bootstrap.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (server, domain, tests)"
cargo clippy --all-targets -- -D warnings
step "clippy (SPA, wasm32)"
cargo clippy -p tutornet-frontend --target wasm32-unknown-unknown -- -D warnings

step "domain crate: builds for wasm32, no diesel/actix in its tree"
cargo check -p tutornet-domain --target wasm32-unknown-unknown
if cargo tree -p tutornet-domain --target wasm32-unknown-unknown -e normal --prefix none | grep -E '^(diesel|actix|libsqlite3|pq-sys)'; then
  echo "tutornet-domain must not depend on diesel or actix" >&2; exit 1
fi

step "migrations parity"
scripts/check-migrations.sh

step "OpenAPI drift"
cargo build -q -p tutornet-api
if ! ./target/debug/tutornet openapi | diff -q - openapi/openapi.json >/dev/null; then
  echo "openapi/openapi.json differs from the code: run scripts/update-openapi.sh and commit" >&2
  ./target/debug/tutornet openapi | diff - openapi/openapi.json | head -40 >&2
  exit 1
fi

step "tests on SQLite"
cargo test

step "tests on PostgreSQL"
PG_URL=$(scripts/pg.sh)
TUTORNET_TEST_DATABASE_URL="$PG_URL" cargo test -p tutornet-tests

step "SPA build"
scripts/build-frontend.sh

step "browser test (headless Chromium)"
tmp=$(mktemp -d)
port=${TUTORNET_BROWSER_PORT:-18181}
export TUTORNET_DATABASE_URL="sqlite://$tmp/browser.db" TUTORNET_DEV=1 TUTORNET_BIND="127.0.0.1:$port" TUTORNET_STATIC_DIR=frontend/dist RUST_LOG=warn
./target/debug/tutornet demo >/dev/null
./target/debug/tutornet serve >"$tmp/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.2; done
for t in tests/browser/*.test.mjs; do
  echo "--- $t"
  TUTORNET_URL="http://127.0.0.1:$port" node "$t" || { echo "--- server log"; tail -50 "$tmp/server.log"; exit 1; }
done

step "contract fuzzing (schemathesis against openapi.json, three roles)"
for who in coordinator admin tutor; do
  token=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$who@tutornet.local\",\"password\":\"demo-password-1\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  (cd "$tmp" && schemathesis run "http://127.0.0.1:$port/api/v1/openapi.json" --url "http://127.0.0.1:$port" \
    -H "Authorization: Bearer $token" --seed 20261124 --max-examples 15 \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --exclude-path-regex 'auth/(password|logout|refresh)|users/\{id\}' --no-color) \
    || { echo "--- server log"; tail -50 "$tmp/server.log"; exit 1; }
done

step "all checks passed"

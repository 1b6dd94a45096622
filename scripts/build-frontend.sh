#!/usr/bin/env bash
# Builds the Leptos SPA into frontend/dist (served by `tutornet serve` via TUTORNET_STATIC_DIR).
# Needs the tools of scripts/bootstrap.sh: .tools/bin/wasm-bindgen and npm binaryen's wasm-opt.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN=.tools/bin/wasm-bindgen
# npm binaryen only: Debian's /usr/bin/wasm-opt (108) produces a blank page.
WASM_OPT=.tools/node_modules/.bin/wasm-opt
OUT=frontend/dist
WASM=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-release/tutornet_frontend.wasm

log() { printf '\033[1;34m[build-frontend]\033[0m %s\n' "$*"; }

if [ ! -x "$WASM_BINDGEN" ]; then
  echo "build-frontend: $WASM_BINDGEN is missing; run scripts/bootstrap.sh first" >&2
  exit 1
fi

log "cargo build (wasm32, profile wasm-release)"
cargo build -p tutornet-frontend --target wasm32-unknown-unknown --profile wasm-release

log "wasm-bindgen"
rm -rf "$OUT"
mkdir -p "$OUT"
"$WASM_BINDGEN" --target web --no-typescript --out-dir "$OUT" "$WASM"

BG="$OUT/tutornet_frontend_bg.wasm"
if [ -x "$WASM_OPT" ]; then
  log "wasm-opt -Oz"
  "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int -o "$BG.opt" "$BG"
  mv "$BG.opt" "$BG"
else
  log "WARNING: $WASM_OPT not found, the wasm stays unoptimised (run scripts/bootstrap.sh)"
fi

cp frontend/index.html frontend/style.css "$OUT/"

size() { du -b "$1" | cut -f1; }
wasm_bytes=$(size "$BG")
wasm_gz=$(gzip -9 -c "$BG" | wc -c)
total=$(du -sb "$OUT" | cut -f1)
log "dist: $OUT — $((total / 1024)) KiB in total; wasm $((wasm_bytes / 1024)) KiB ($((wasm_gz / 1024)) KiB gzip)"
ls -l "$OUT"

#!/usr/bin/env bash
# Installs everything tutornet needs that a fresh machine lacks. Idempotent: each step
# checks first. Used by scripts/run.sh and scripts/test.sh (and so by .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0
TOOLS="$ROOT/.tools"
mkdir -p "$TOOLS"

log() { printf '\033[1;34m[bootstrap]\033[0m %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "${TUTORNET_SKIP_APT:-0}" = 1 ]; then
    log "skipping apt (TUTORNET_SKIP_APT=1): missing ${need_apt[*]}"
  else
    log "apt-get install ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  fi
fi
# Debian's binaryen (wasm-opt 108) produces broken wasm; never let it shadow ours.
if command -v wasm-opt >/dev/null 2>&1 && [ "$(command -v wasm-opt)" = /usr/bin/wasm-opt ]; then
  log "WARNING: /usr/bin/wasm-opt (Debian binaryen) is on PATH; scripts use $TOOLS/node_modules/.bin/wasm-opt instead"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! "$TOOLS/bin/wasm-bindgen" --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --root "$TOOLS" --quiet
fi

if [ ! -x "$TOOLS/node_modules/.bin/wasm-opt" ] || [ ! -d "$TOOLS/node_modules/playwright-core" ]; then
  log "npm install binaryen@$BINARYEN_VERSION playwright-core"
  (cd "$TOOLS" && [ -f package.json ] || echo '{"private":true}' > "$TOOLS/package.json"
   cd "$TOOLS" && npm install --silent --no-audit --no-fund "binaryen@$BINARYEN_VERSION" playwright-core@1 >/dev/null)
fi
if ! command -v schemathesis >/dev/null 2>&1; then
  log "pip install schemathesis (contract fuzzing)"
  python3 -m pip install -q --disable-pip-version-check schemathesis==4.32.5 2>&1 | grep -v "Running pip as the 'root' user" || true
  hash -r
fi
log "ok"

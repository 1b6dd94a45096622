#!/usr/bin/env bash
# Regenerates openapi/openapi.json from the code. Commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q -p tutornet-api -- openapi > openapi/openapi.json
echo "openapi/openapi.json updated ($(wc -c < openapi/openapi.json) bytes)"

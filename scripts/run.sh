#!/usr/bin/env bash
# Installs what is missing, builds the SPA and the server, loads the demo data into the
# embedded SQLite database and serves everything at the printed URL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
scripts/build-frontend.sh
cargo build -p tutornet-api
export TUTORNET_DATABASE_URL=${TUTORNET_DATABASE_URL:-sqlite://data/tutornet.db}
export TUTORNET_BIND=${TUTORNET_BIND:-127.0.0.1:8080}
export TUTORNET_STATIC_DIR=${TUTORNET_STATIC_DIR:-frontend/dist}
# Development mode unless a real secret is configured: random JWT key, non-Secure cookie.
if [ -z "${TUTORNET_JWT_SECRET:-}" ]; then export TUTORNET_DEV=1; fi
./target/debug/tutornet demo
echo
echo "Откройте http://$TUTORNET_BIND/  (документация API: http://$TUTORNET_BIND/api/docs/)"
exec ./target/debug/tutornet serve

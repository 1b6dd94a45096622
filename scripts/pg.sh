#!/usr/bin/env bash
# Starts (or reuses) a throwaway local PostgreSQL cluster on 127.0.0.1 for tests and
# prints its base URL. `scripts/pg.sh stop` stops it. Needs Debian's postgresql package
# (scripts/bootstrap.sh installs it).
set -euo pipefail
PORT=${TUTORNET_PG_PORT:-54329}
DIR=${TUTORNET_PG_DIR:-/tmp/tutornet-pg-$PORT}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$BIN" ] || { echo "PostgreSQL is not installed (run scripts/bootstrap.sh)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: run the server as the postgres system user.
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

if [ "${1:-start}" = stop ]; then
  [ -d "$DIR" ] && as_pg "$BIN/pg_ctl -D $DIR -m fast stop" >/dev/null 2>&1 || true
  exit 0
fi

if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  as_pg "$BIN/initdb -D $DIR -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8" >/dev/null
fi
if ! as_pg "$BIN/pg_ctl -D $DIR status" >/dev/null 2>&1; then
  # The server outlives this script: it must not inherit our open descriptors (a caller's
  # `flock` lock file among them, which the server would then hold until it stops).
  for fd in /proc/$$/fd/*; do
    fd=${fd##*/}
    [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null || true
  done
  as_pg "$BIN/pg_ctl -D $DIR -w -l $DIR/server.log -o \"-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\" start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$PORT"

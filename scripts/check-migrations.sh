#!/usr/bin/env bash
# The SQLite and PostgreSQL migration trees must have the same migrations, and each
# pair must describe the same schema (only backend-specific spellings may differ).
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
a=$(cd migrations/sqlite && ls -1d */ | sort)
b=$(cd migrations/postgres && ls -1d */ | sort)
if [ "$a" != "$b" ]; then
  echo "migration directories differ:"; diff <(echo "$a") <(echo "$b") || true; fail=1
fi
# Declared per-backend differences: in these migrations only, a block from
# `-- backend-specific: …` to `-- end backend-specific` may differ between the trees
# (the library's full-text index: FTS5 on SQLite, a GIN index on PostgreSQL).
ALLOW_BACKEND_SPECIFIC=(2026-12-06-000100_library/)
allowed() { local d; for d in "${ALLOW_BACKEND_SPECIFIC[@]}"; do [ "$d" = "$1" ] && return 0; done; return 1; }
normalize() {
  # Backend-specific spellings that mean the same thing.
  local drop=('-e' '')
  if allowed "$2"; then drop=('-e' '/^-- backend-specific:/,/^-- end backend-specific/d'); fi
  sed -E "${drop[@]}" -e 's/ COLLATE "C"//g' -e 's/ BYTEA / BLOB /g' -e 's/--.*$//' -e '/^\s*$/d' "$1"
}
for d in $a; do
  for f in up.sql down.sql; do
    if ! diff -u <(normalize "migrations/sqlite/$d$f" "$d") <(normalize "migrations/postgres/$d$f" "$d") >/tmp/mig.diff; then
      echo "migrations/$d$f differs between sqlite and postgres beyond allowed spellings:"; cat /tmp/mig.diff; fail=1
    fi
  done
done
# Every table in schema.rs exists in the migrations and vice versa.
tables_rs=$(grep -oE '^\s+[a-z_]+ \([a-z_, ]+\) \{' crates/api/src/store/schema.rs | awk '{print $1}' | sort)
tables_sql=$(cat migrations/sqlite/*/up.sql | grep -oE 'CREATE TABLE [a-z_]+' | awk '{print $3}' | sort -u)
if [ "$tables_rs" != "$tables_sql" ]; then
  echo "schema.rs tables differ from migrations:"; diff <(echo "$tables_rs") <(echo "$tables_sql") || true; fail=1
fi
[ $fail = 0 ] && echo "migrations: sqlite and postgres in parity ($(echo "$a" | wc -l) migration(s), $(echo "$tables_rs" | wc -l) tables)"
exit $fail

#!/usr/bin/env bash
# Latchkey for the browser tests: a fresh data folder and a fresh PostgreSQL database each run,
# then the README's start command (npm start) on the environment Playwright passes in.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf "$LATCHKEY_DATA_DIR"
db_name="${DATABASE_URL##*/}"
admin_url="${DATABASE_URL%/*}/postgres"
psql "$admin_url" -q -c "DROP DATABASE IF EXISTS \"$db_name\" WITH (FORCE)" \
  -c "CREATE DATABASE \"$db_name\""
exec npm start

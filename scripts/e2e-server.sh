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
# DATABASE_URL makes this a production start, which takes its secrets only from the environment
# (lib/config/production-checks.ts). Fresh ones per run, with a copy where the browser tests read
# them (e2e/support/stored.ts).
mkdir -p "$LATCHKEY_DATA_DIR"
NEXTAUTH_SECRET=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')
LATCHKEY_ENCRYPTION_KEYS="e2e1:$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')"
export NEXTAUTH_SECRET LATCHKEY_ENCRYPTION_KEYS
node -e 'const { NEXTAUTH_SECRET, LATCHKEY_ENCRYPTION_KEYS } = process.env;
  console.log(JSON.stringify({ NEXTAUTH_SECRET, LATCHKEY_ENCRYPTION_KEYS }, null, 2))' \
  >"$LATCHKEY_DATA_DIR/secrets.json"
chmod 600 "$LATCHKEY_DATA_DIR/secrets.json"
exec npm start

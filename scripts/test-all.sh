#!/usr/bin/env bash
# Every test Latchkey has, in the order that fails fastest: static checks, unit and integration
# tests on both database engines, then a production build driven by Playwright in Chromium.
# Ends with one summary line, "Tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

results=$(mktemp -d)
status=0
step() { echo; echo "=== $*"; }

step "Prisma client, types and formatting"
npx prisma generate >/dev/null || exit 1
npx tsc --noEmit || exit 1
npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }

step "Unit and integration tests on the embedded database (PGlite)"
LATCHKEY_TEST_DB=pglite npx vitest run --reporter=default --reporter=json \
  --outputFile.json="$results/vitest-pglite.json" || status=1

step "Integration tests on PostgreSQL (127.0.0.1:5432)"
LATCHKEY_TEST_DB=postgres npx vitest run --reporter=default --reporter=json \
  --outputFile.json="$results/vitest-postgres.json" || status=1

step "Production build"
bash scripts/ensure-chromium.sh || exit 1
npm run build >"$results/build.log" 2>&1 || { cat "$results/build.log"; exit 1; }
tail -n 40 "$results/build.log"

step "Browser tests (Playwright, Debian's Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" npx playwright test --reporter=list,json \
  || status=1

node scripts/test-summary.mjs "$results" || status=1
rm -rf "$results"
exit $status

// Adds up the JSON reports of every test run into one closing line: "Tests: N passed, N failed".
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

for (const name of ["vitest-pglite.json", "vitest-postgres.json"]) {
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    missing.push(name);
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  // Unhandled errors fail the run without failing a test; count them so the line says so.
  if (report.success === false && report.numFailedTests === 0) failed += 1;
  skipped += report.numPendingTests + report.numTodoTests;
}

const playwright = path.join(dir, "playwright.json");
if (existsSync(playwright)) {
  const { stats } = JSON.parse(readFileSync(playwright, "utf8"));
  passed += stats.expected;
  failed += stats.unexpected;
  skipped += stats.skipped;
  passed += stats.flaky;
} else {
  missing.push("playwright.json");
}

if (missing.length > 0) {
  console.log(`Missing reports: ${missing.join(", ")}`);
  failed += missing.length;
}
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);

import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/demo/accounts";
import type { DemoServers } from "@/demo/start-demo";
import type { DatabaseOutcome } from "@/scripts/start/database";
import type { SecretsResult } from "@/scripts/start/secrets";

/** Human-facing start-up output (plain lines, not the JSON log). */
const say = (line = "") => process.stdout.write(`${line}\n`);

export function printSecretsWarning(secrets: SecretsResult): void {
  if (secrets.local.length === 0) return;
  const generated = secrets.generated.length ? `, ${secrets.generated.length} generated now` : "";
  process.stderr.write(
    [
      "",
      `WARNING: using local secrets from ${secrets.file}${generated}:`,
      `  ${secrets.local.join(", ")}`,
      "  They are for local use only. In production set NEXTAUTH_SECRET and",
      "  LATCHKEY_ENCRYPTION_KEYS in the environment and keep them in a secret store.",
      "",
    ].join("\n") + "\n",
  );
}

export function printDatabase(outcome: DatabaseOutcome, where: string): void {
  const { applied, alreadyApplied } = outcome.migrations;
  const engine = outcome.kind === "pglite" ? `embedded PGlite in ${where}` : "PostgreSQL";
  say(`Database: ${engine}`);
  say(
    applied.length
      ? `  applied ${applied.length} migration(s): ${applied.join(", ")}`
      : `  up to date (${alreadyApplied} migration(s) applied before)`,
  );
  if (outcome.seed) {
    const { orgSettings, created, kept } = outcome.seed;
    say(`  demo org settings: ${orgSettings}`);
    if (created.length) say(`  demo connectors created: ${created.join(", ")}`);
    if (kept.length) say(`  demo connectors already present: ${kept.join(", ")}`);
  }
}

export function printReady(url: string, demo?: DemoServers): void {
  say();
  say(`Latchkey is running. Open ${url}`);
  if (demo) {
    say();
    say(`Demo accounts (password for all: ${DEMO_PASSWORD}):`);
    for (const account of DEMO_ACCOUNTS) {
      const role = account.role === "admin" ? "admin" : "employee";
      say(`  ${account.name.padEnd(14)} ${account.email.padEnd(18)} ${role}`);
    }
    say();
    say("Demo servers (in memory; a restart forgets their grants):");
    say(`  Acme SSO        ${demo.idp.issuer}`);
    say(`  Acme Calendar   ${demo.calendar.issuer}`);
    say(`  Acme Tickets    ${demo.tickets.issuer}`);
    say("  Each server's front page lists its endpoints and registered clients. To try the");
    say(`  connector form, use Acme Tickets' spare client ${demo.tickets.spareClientId}.`);
  }
  say();
  say("Press Ctrl+C to stop.");
}

/**
 * `npm run keys:rotate [-- --dry-run] [--batch-size=200] [--force]`: re-encrypts every stored
 * secret under the active (first) key of LATCHKEY_ENCRYPTION_KEYS and reports how many rows still
 * use each older key. On PostgreSQL it runs while the app serves; on the embedded PGlite database
 * the server must be stopped first (PGlite serves one process at a time).
 * Exit code: 0 done; 1 rows that could not be decrypted, or an error; 2 rows kept changing
 * under concurrent writes: run it again.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { pgliteEngine, postgresEngine, type Engine } from "@/lib/db/engines";
import { formatReport } from "@/lib/keys/report";
import { rotateKeys, type BatchProgress } from "@/lib/keys/rotate";
import { loadRotationSettings, type RotationSettings } from "@/lib/keys/rotation-settings";
import { acquirePgliteLock } from "@/scripts/start/pglite-lock";

const say = (line = "") => process.stdout.write(`${line}\n`);
const PROGRESS_EVERY = 25;
// Test hook: the kill-and-rerun test stops the process for good after this many batches.
const KILL_AFTER = Number(process.env.LATCHKEY_TEST_ROTATE_KILL_AFTER_BATCHES ?? 0);

const argsSchema = z.object({
  "dry-run": z.boolean().default(false),
  force: z.boolean().default(false),
  "batch-size": z.coerce.number().int().min(1).max(5000).default(200),
});

function openEngine(settings: RotationSettings, force: boolean): Engine {
  if (settings.databaseUrl) return postgresEngine(settings.databaseUrl);

  const dir = path.join(settings.dataDir, "pglite");
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    throw new Error(`there is no embedded database in ${dir}: nothing to rotate`);
  }
  const release = acquirePgliteLock(settings.dataDir, "keys:rotate");
  process.on("exit", release);
  if (existsSync(path.join(dir, "postmaster.pid")) && !force) {
    throw new Error(
      `the embedded database in ${dir} is open in another process, or was not closed cleanly. ` +
        "Stop the Latchkey server first (online rotation needs PostgreSQL); if none runs, " +
        "run again with --force",
    );
  }

  return pgliteEngine(settings.dataDir);
}

function progress(batch: BatchProgress): void {
  if (batch.batches % PROGRESS_EVERY === 0) {
    say(`  ... ${batch.reEncrypted} rows re-encrypted, batch ${batch.batches} (${batch.column})`);
  }
  if (KILL_AFTER > 0 && batch.batches >= KILL_AFTER) process.kill(process.pid, "SIGKILL");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      "dry-run": { type: "boolean" },
      force: { type: "boolean" },
      "batch-size": { type: "string" },
    },
  });
  const args = argsSchema.safeParse(values);
  if (!args.success) throw new Error("--batch-size must be a whole number from 1 to 5000");
  const settings = await loadRotationSettings(process.env);
  const engine = openEngine(settings, args.data.force);
  const engineName =
    engine.kind === "pglite" ? `embedded PGlite in ${settings.dataDir}` : "PostgreSQL";
  say(
    `Keyring from ${settings.keysFrom}: active "${settings.keyring.activeId}", ` +
      `${settings.keyring.keys.size - 1} decrypt-only`,
  );

  try {
    const report = await rotateKeys(engine, settings.keyring, {
      batchSize: args.data["batch-size"],
      dryRun: args.data["dry-run"],
      onBatch: progress,
    });
    for (const line of formatReport(report, settings.keyring, engineName)) say(line);
    if (report.columns.some((column) => column.failed.length > 0)) return 1;

    return report.columns.some((column) => column.stillChanging.length > 0) ? 2 : 0;
  } finally {
    await engine.prisma.$disconnect();
    await engine.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `keys:rotate: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);

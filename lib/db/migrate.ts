import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Engine } from "@/lib/db/engines";

// An arbitrary constant: every instance that starts at once waits on the same advisory lock.
const MIGRATION_LOCK = 72_310_417;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export type MigrationResult = { applied: string[]; alreadyApplied: number };

/**
 * Applies prisma/migrations/<name>/migration.sql in name order, each in its own transaction,
 * recording it in Prisma's `_prisma_migrations` table so the Prisma CLI agrees on what ran.
 */
export async function migrate(engine: Engine, migrationsDir?: string): Promise<MigrationResult> {
  const dir = migrationsDir ?? path.join(process.cwd(), "prisma", "migrations");
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  return engine.withRunner(async (runner) => {
    const locking = engine.kind === "postgresql";
    if (locking) await runner.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await runner.exec(CREATE_TABLE);
      const done = await runner.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
      );
      const doneByName = new Map(done.map((row) => [row.migration_name, row.checksum]));
      const applied: string[] = [];

      for (const name of names) {
        const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
        const checksum = createHash("sha256").update(sql).digest("hex");
        const previous = doneByName.get(name);
        if (previous !== undefined) {
          if (previous !== checksum) {
            throw new Error(`migration ${name} was changed after it was applied`);
          }
          continue;
        }

        await runner.exec("BEGIN");
        try {
          await runner.exec(sql);
          await runner.query(
            `INSERT INTO "_prisma_migrations"
               (id, checksum, finished_at, migration_name, applied_steps_count)
             VALUES ($1, $2, now(), $3, 1)`,
            [randomUUID(), checksum, name],
          );
          await runner.exec("COMMIT");
        } catch (error) {
          await runner.exec("ROLLBACK");
          throw new Error(`migration ${name} failed`, { cause: error });
        }
        applied.push(name);
      }

      return { applied, alreadyApplied: doneByName.size };
    } finally {
      if (locking) await runner.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  });
}

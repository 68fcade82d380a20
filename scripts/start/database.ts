import { seedDemo, type SeedOutcome } from "@/demo/seed";
import type { DemoServers } from "@/demo/start-demo";
import type { Env } from "@/lib/config/env";
import { pgliteEngine, postgresEngine } from "@/lib/db/engines";
import { migrate, type MigrationResult } from "@/lib/db/migrate";

/**
 * Opens the database once before the app starts: applies migrations and, in demo mode, seeds the
 * demo data. The engine is closed again because PGlite belongs to one process at a time, and the
 * app server is about to open it.
 */
export type DatabaseOutcome = {
  kind: "pglite" | "postgresql";
  migrations: MigrationResult;
  seed?: SeedOutcome;
};

export async function prepareDatabase(
  config: Pick<Env, "DATABASE_URL" | "LATCHKEY_DATA_DIR">,
  demo?: Pick<DemoServers, "calendar" | "tickets">,
  migrationsDir?: string,
): Promise<DatabaseOutcome> {
  const engine = config.DATABASE_URL
    ? postgresEngine(config.DATABASE_URL)
    : pgliteEngine(config.LATCHKEY_DATA_DIR);

  try {
    const migrations = await migrate(engine, migrationsDir);
    const seed = demo ? await seedDemo(engine.prisma, demo) : undefined;

    return { kind: engine.kind, migrations, seed };
  } finally {
    await engine.prisma.$disconnect();
    await engine.close();
  }
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pgliteEngine, type Engine } from "@/lib/db/engines";
import { migrate } from "@/lib/db/migrate";
import { setupTestDb } from "@/lib/testing/test-db";

const holder = globalThis as unknown as { __latchkeyEngine?: Engine };

/**
 * A test database that child processes can open too. PostgreSQL is shared as it is. A PGlite
 * folder belongs to one process at a time, so the test hands it over: `release()` closes it here
 * before a child opens it, `reclaim()` opens it again after the child has exited.
 */
export type SharedDb = {
  kind: Engine["kind"];
  /** Environment for a child process, on top of this one's. */
  childEnv: Record<string, string | undefined>;
  release(): Promise<void>;
  reclaim(): Promise<void>;
  teardown(): Promise<void>;
};

export async function setupSharedDb(): Promise<SharedDb> {
  if (process.env.LATCHKEY_TEST_DB === "postgres") {
    const testDb = await setupTestDb();
    const [row] = await testDb.engine.withRunner((runner) =>
      runner.query<{ name: string }>("SELECT current_database() AS name"),
    );
    const url = new URL(
      process.env.LATCHKEY_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test",
    );
    url.pathname = `/${row!.name}`;
    return {
      kind: "postgresql",
      childEnv: { DATABASE_URL: url.toString() },
      release: async () => {},
      reclaim: async () => {},
      teardown: () => testDb.teardown(),
    };
  }

  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-shared-"));
  const open = () => (holder.__latchkeyEngine = pgliteEngine(dir));
  const close = async () => {
    const engine = holder.__latchkeyEngine;
    holder.__latchkeyEngine = undefined;
    await engine?.prisma.$disconnect();
    await engine?.close();
  };
  await migrate(open());

  return {
    kind: "pglite",
    childEnv: { DATABASE_URL: "", LATCHKEY_DATA_DIR: dir },
    release: close,
    reclaim: async () => {
      open();
    },
    teardown: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

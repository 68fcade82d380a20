import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { pgliteEngine, postgresEngine, type Engine } from "@/lib/db/engines";
import { migrate } from "@/lib/db/migrate";

/**
 * Integration tests run against the engine named by LATCHKEY_TEST_DB: `pglite` (default, a fresh
 * folder per file) or `postgres` (a fresh database per file on 127.0.0.1:5432). The engine is put
 * where lib/db/client.ts looks, so code under test uses it through db().
 */
const holder = globalThis as unknown as { __latchkeyEngine?: Engine };
const ADMIN_URL = process.env.LATCHKEY_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export type TestDb = { engine: Engine; kind: Engine["kind"]; teardown(): Promise<void> };

export async function setupTestDb(): Promise<TestDb> {
  const kind = process.env.LATCHKEY_TEST_DB === "postgres" ? "postgresql" : "pglite";
  let engine: Engine;
  let cleanup: () => Promise<void>;

  if (kind === "postgresql") {
    const name = `latchkey_t_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    engine = postgresEngine(url.toString());
    cleanup = async () => {
      const drop = new pg.Client({ connectionString: ADMIN_URL });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await drop.end();
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "latchkey-test-"));
    engine = pgliteEngine(dir);
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }

  await migrate(engine);
  holder.__latchkeyEngine = engine;

  return {
    engine,
    kind,
    async teardown() {
      holder.__latchkeyEngine = undefined;
      await engine.prisma.$disconnect();
      await engine.close();
      await cleanup();
    },
  };
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoServers, type DemoServers } from "@/demo/start-demo";
import { pgliteEngine, postgresEngine, type Engine } from "@/lib/db/engines";
import { prepareDatabase } from "@/scripts/start/database";

// The start script's database step as `npm start` runs it, on the engine LATCHKEY_TEST_DB names.
// It must close its engine afterwards so that the app server can open the same database.
const ADMIN_URL = process.env.LATCHKEY_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const usePostgres = process.env.LATCHKEY_TEST_DB === "postgres";
const dbName = `latchkey_start_${process.pid}_${Date.now().toString(36)}`;

let dir: string;
let databaseUrl: string | undefined;
let servers: DemoServers;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql);
  await client.end();
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "latchkey-start-db-"));
  if (usePostgres) {
    await admin(`CREATE DATABASE "${dbName}"`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  servers = await startDemoServers({
    publicBaseUrl: "http://127.0.0.1:3996",
    secrets: {
      idpClientSecret: "a",
      calendarClientSecret: "b",
      ticketsClientSecret: "c",
      spareClientSecret: "d",
      cookieKey: "cookie-key-for-tests",
    },
    ports: { idp: 0, calendar: 0, tickets: 0 },
  });
});

afterAll(async () => {
  await servers?.close();
  rmSync(dir, { recursive: true, force: true });
  if (usePostgres) await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
});

describe("prepareDatabase", () => {
  it("migrates and seeds on first start, changes nothing on the second, and releases the database", async () => {
    const config = { DATABASE_URL: databaseUrl, LATCHKEY_DATA_DIR: dir };
    const first = await prepareDatabase(config, servers);
    expect(first.kind).toBe(usePostgres ? "postgresql" : "pglite");
    expect(first.migrations.applied.length).toBeGreaterThan(0);
    expect(first.seed?.created).toEqual(["acme_calendar", "acme_tickets"]);

    const second = await prepareDatabase(config, servers);
    expect(second.migrations.applied).toEqual([]);
    expect(second.migrations.alreadyApplied).toBe(first.migrations.applied.length);
    expect(second.seed).toEqual({
      orgSettings: "kept",
      created: [],
      kept: ["acme_calendar", "acme_tickets"],
    });

    const engine: Engine = databaseUrl ? postgresEngine(databaseUrl) : pgliteEngine(dir);
    try {
      expect(await engine.prisma.connector.count()).toBe(2);
    } finally {
      await engine.prisma.$disconnect();
      await engine.close();
    }
  });
});

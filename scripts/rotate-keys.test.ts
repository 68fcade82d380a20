import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { postgresEngine, type Engine } from "@/lib/db/engines";
import { migrate } from "@/lib/db/migrate";
import {
  newKeyring,
  seedEncryptedRows,
  verifyAll,
  withActive,
  type Plaintexts,
} from "@/lib/keys/testing/seed-rows";
import { aad } from "@/lib/vault/aad";
import { encrypt, type Keyring } from "@/lib/vault/vault";

/** `npm run keys:rotate` as an operator runs it: a child process on the app's environment. */
const ADMIN_URL = process.env.LATCHKEY_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const onPostgres = process.env.LATCHKEY_TEST_DB === "postgres";
// What `npm run keys:rotate` runs, in one process (not npx -> tsx -> node) so that a SIGKILL
// stops the rotation itself, as `kill -9` of the operator's command would.
const COMMAND = ["--conditions=react-server", "--import", "tsx", "scripts/rotate-keys.ts"];

const ringEnv = (ring: Keyring) =>
  [...ring.keys].map(([id, key]) => `${id}:${key.toString("base64")}`).join(",");

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(LATCHKEY_|NEXTAUTH_|SSO_|DATABASE_URL)/.test(name)) delete env[name];
  }

  return Object.assign(env, extra);
}

function rotate(args: string[], env: Record<string, string>) {
  return new Promise<{
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
  }>((resolve) => {
    const child = spawn(
      "npx",
      ["tsx", "--conditions=react-server", "scripts/rotate-keys.ts", ...args],
      { env: childEnv(env) },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe.skipIf(!onPostgres)(
  "keys:rotate on PostgreSQL (skipped on PGlite: one process at a time, so no online rotation)",
  () => {
    const oldRing = newKeyring("k2025");
    const newRing = newKeyring("k2026");
    const rotating = withActive(newRing, oldRing);
    const name = `latchkey_rotate_${process.pid}_${Date.now().toString(36)}`;
    const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
    let engine: Engine;
    let plain: Plaintexts;

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      engine = postgresEngine(url);
      await migrate(engine);
      plain = await seedEncryptedRows(engine.prisma, oldRing);
    });
    afterAll(async () => {
      await engine.prisma.$disconnect();
      await engine.close();
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    });

    const keysUsed = async () =>
      (await verifyAll(engine.prisma, rotating, plain)).keyIds.get("k2026") ?? 0;

    it("killed after 5 batches, then run again, leaves all 3,000 rows under the new key", async () => {
      const env = { DATABASE_URL: url, LATCHKEY_ENCRYPTION_KEYS: ringEnv(rotating) };

      const killed = await rotate(["--batch-size=100"], {
        ...env,
        LATCHKEY_TEST_ROTATE_KILL_AFTER_BATCHES: "5",
      });
      // Killed by SIGKILL: reported as the signal, or as 128 + 9 by a wrapper in between.
      expect(killed.signal === "SIGKILL" || killed.code === 137).toBe(true);
      expect(killed.stdout).not.toContain("total");
      // 50 connector secrets in batch 1, then four batches of 100 access tokens.
      expect(await keysUsed()).toBe(450);

      const rerun = await rotate(["--batch-size=100"], env);
      expect(rerun.stderr).toBe("");
      expect(rerun.code).toBe(0);
      expect(rerun.stdout).toMatch(/total\s+2550\s+0\s+0/);
      expect(rerun.stdout).toMatch(/\d+ rows\/s/);
      expect(rerun.stdout).toMatch(/k2026\s+active\s+3000/);
      expect(rerun.stdout).toMatch(/k2025\s+decrypt-only\s+0\s+no row uses it/);

      // The old key removed: zero failed reads, every plaintext as it was.
      const after = await verifyAll(engine.prisma, newRing, plain);
      expect(after.failures).toEqual([]);
      expect(after.checked).toBe(3000);
    });

    it("exits 1 and names the row, not the secret, when a ciphertext does not decrypt", async () => {
      const row = await engine.prisma.connection.findFirstOrThrow();
      const lost = encrypt(
        newKeyring("k2019"),
        "canary-lost-token",
        aad.accessToken(row.userId, row.connectorId),
      );
      await engine.prisma.connection.update({
        where: { id: row.id },
        data: { accessTokenEnc: lost },
      });

      const result = await rotate([], {
        DATABASE_URL: url,
        LATCHKEY_ENCRYPTION_KEYS: ringEnv(newRing),
      });

      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        `Connection.accessTokenEnc ${row.id}: encryption key "k2019" is not in the keyring`,
      );
      expect(result.stdout).toMatch(/k2019\s+not in keyring\s+1/);
      expect(result.stdout + result.stderr).not.toContain("canary-lost-token");
      expect(result.stdout + result.stderr).not.toContain(lost);
    });
  },
);

describe("keys:rotate on the embedded database", () => {
  let dataDir: string;
  const env = () => ({
    LATCHKEY_DATA_DIR: dataDir,
    LATCHKEY_ENCRYPTION_KEYS: `k1:${Buffer.from(newKeyring("k1").keys.get("k1")!).toString("base64")}`,
  });
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-rotate-cli-"));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("says there is nothing to rotate when there is no database", async () => {
    const result = await rotate([], env());

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("there is no embedded database in");
  });

  it("refuses while npm start holds the database, naming its pid", async () => {
    mkdirSync(path.join(dataDir, "pglite"));
    writeFileSync(path.join(dataDir, "pglite", "PG_VERSION"), "17\n");
    const server = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    writeFileSync(
      path.join(dataDir, "pglite.lock"),
      JSON.stringify({ pid: server.pid, purpose: "npm start" }),
    );
    try {
      const result = await rotate([], env());

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`in use by npm start (pid ${server.pid})`);
    } finally {
      server.kill("SIGKILL");
    }
  });

  it("refuses when another process has the database open, unless --force", async () => {
    mkdirSync(path.join(dataDir, "pglite"));
    writeFileSync(path.join(dataDir, "pglite", "PG_VERSION"), "17\n");
    writeFileSync(path.join(dataDir, "pglite", "postmaster.pid"), "-42\n");

    const result = await rotate([], env());

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is open in another process, or was not closed cleanly");
    expect(result.stderr).toContain("online rotation needs PostgreSQL");
    expect(result.stderr).toContain("--force");
  });

  it("rejects a batch size out of range", () => {
    const result = spawnSync(process.execPath, [...COMMAND, "--batch-size=0"], {
      env: childEnv(env()),
      encoding: "utf8",
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("--batch-size must be a whole number from 1 to 5000");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureRefreshPolicy, DEFAULT_REFRESH_POLICY } from "@/lib/tokens/policy";
import { openAccessToken } from "@/lib/tokens/sealed-tokens";
import {
  startRotatingProvider,
  type RotatingProvider,
} from "@/lib/tokens/testing/rotating-provider";
import { connectionRow, seedGrant } from "@/lib/tokens/testing/seed";
import { setupSharedDb, type SharedDb } from "@/lib/tokens/testing/shared-db";
import { spawnWorker, type Worker } from "@/lib/tokens/testing/spawn-worker";

const onPostgres = process.env.LATCHKEY_TEST_DB === "postgres";
const title = onPostgres
  ? "refresh across two OS processes (SECURITY.md S32)"
  : "refresh across two OS processes: skipped, needs LATCHKEY_TEST_DB=postgres " +
    "(one PGlite folder cannot be opened by two processes at once)";

describe.skipIf(!onPostgres)(title, () => {
  let shared: SharedDb;
  let provider: RotatingProvider;
  const workers: Worker[] = [];

  beforeAll(async () => {
    shared = await setupSharedDb();
    provider = await startRotatingProvider({ latencyMs: 300 });
    configureRefreshPolicy(DEFAULT_REFRESH_POLICY);
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill();
    await provider?.close();
    await shared?.teardown();
  });

  it("2 processes x 25 concurrent callers on one expired grant make one provider call", async () => {
    const { user, connector, connection, family } = await seedGrant(provider, { expiresIn: -60 });
    const job = { grants: [[user.id, connector.name]] as [string, string][], callsEach: 25 };
    workers.push(spawnWorker(job, shared.childEnv), spawnWorker(job, shared.childEnv));

    await Promise.all(workers.map((worker) => worker.ready));
    for (const worker of workers) worker.go();
    const exits = await Promise.all(workers.map((worker) => worker.exit));

    for (const exit of exits) {
      expect(exit.stderr).not.toMatch(/worker failed/);
      expect(exit.code).toBe(0);
      expect(exit.report?.results).toHaveLength(25);
    }
    const results = exits.flatMap((exit) => exit.report!.results);
    expect(new Set(results).size).toBe(1);
    expect(provider.calls).toBe(1);
    expect(provider.reuseErrors).toBe(0);
    const row = await connectionRow(connection.id);
    expect(row.version).toBe(connection.version + 1);
    expect(openAccessToken(row)).toBe(results[0]);
    expect(results[0]).toMatch(new RegExp(`^at-${family}-`));
  }, 120_000);
});

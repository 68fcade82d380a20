import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { getAccessToken } from "@/lib/tokens/get-access-token";
import { configureRefreshPolicy, DEFAULT_REFRESH_POLICY } from "@/lib/tokens/policy";
import { openAccessToken } from "@/lib/tokens/sealed-tokens";
import {
  startRotatingProvider,
  type RotatingProvider,
} from "@/lib/tokens/testing/rotating-provider";
import { connectionRow, seedGrant } from "@/lib/tokens/testing/seed";
import { setupSharedDb, type SharedDb } from "@/lib/tokens/testing/shared-db";
import { spawnWorker, type Worker } from "@/lib/tokens/testing/spawn-worker";
import { FAST_POLICY } from "@/lib/tokens/testing/testbed";

// The child's lease runs out quickly so that the survivor can take over within the test.
const CHILD_POLICY = {
  attemptTimeoutMs: 2_000,
  refreshBudgetMs: 2_500,
  leaseTtlMs: 3_000,
  waitBudgetMs: 6_000,
};

describe("a process killed between the provider's answer and the commit (SECURITY.md S35)", () => {
  let shared: SharedDb;
  let provider: RotatingProvider;
  let worker: Worker | undefined;

  beforeAll(async () => {
    shared = await setupSharedDb();
    provider = await startRotatingProvider();
    configureRefreshPolicy(FAST_POLICY);
  });
  afterAll(async () => {
    worker?.kill();
    configureRefreshPolicy(DEFAULT_REFRESH_POLICY);
    await provider?.close();
    await shared?.teardown();
  });

  it("leaves nothing half-written, and only that connection needs reconnecting", async () => {
    const target = await seedGrant(provider, { expiresIn: -60 });
    const bystanderExpired = await seedGrant(provider, {
      expiresIn: -60,
      connectorId: target.connector.id,
    });
    const bystanderFresh = await seedGrant(provider, { connectorId: target.connector.id });
    const before = await db().connection.findMany({ orderBy: { id: "asc" } });

    await shared.release();
    worker = spawnWorker(
      {
        grants: [[target.user.id, target.connector.name]],
        callsEach: 3,
        policy: CHILD_POLICY,
      },
      { ...shared.childEnv, LATCHKEY_FAULT: "after-refresh-response" },
    );
    await worker.ready;
    worker.go();
    const exit = await worker.exit;
    await shared.reclaim();

    // npx reports its child's SIGKILL as exit code 137 (128 + 9).
    expect(exit.code === 137 || exit.signal === "SIGKILL").toBe(true);
    expect(exit.report).toBeUndefined();
    expect(exit.stderr).not.toMatch(/worker failed/);
    expect(provider.calls).toBe(1);
    const after = await db().connection.findMany({ orderBy: { id: "asc" } });
    const strip = ({ leaseOwner: _o, leaseUntil: _u, updatedAt: _t, ...rest }: (typeof after)[0]) =>
      rest;
    expect(after.map(strip)).toEqual(before.map(strip));
    const held = after.find((row) => row.id === target.connection.id)!;
    expect(held.leaseOwner).not.toBeNull();
    expect(held.leaseUntil!.getTime()).toBeLessThanOrEqual(Date.now() + CHILD_POLICY.leaseTtlMs);
    for (const row of after) expect(() => openAccessToken(row)).not.toThrow();

    // The answer died with the process; the rotating provider has spent the old refresh token.
    const error = await getAccessToken(target.user.id, target.connector.name).catch((e) => e);

    expect(isAppError(error) && error.code).toBe("needs_reauth");
    expect(provider.reuseErrors).toBe(1);
    expect(await connectionRow(target.connection.id)).toMatchObject({
      status: "NEEDS_REAUTH",
      leaseOwner: null,
      version: target.connection.version + 1,
    });
    const refreshed = await getAccessToken(bystanderExpired.user.id, target.connector.name);
    const kept = await getAccessToken(bystanderFresh.user.id, target.connector.name);
    expect(refreshed.accessToken).toMatch(new RegExp(`^at-${bystanderExpired.family}-`));
    expect(kept.accessToken).toBe(bystanderFresh.issued.accessToken);
    expect(provider.calls).toBe(3);
    const statuses = await db().connection.groupBy({ by: ["status"], _count: true });
    expect(Object.fromEntries(statuses.map((entry) => [entry.status, entry._count]))).toEqual({
      ACTIVE: 2,
      NEEDS_REAUTH: 1,
    });
  }, 120_000);
});

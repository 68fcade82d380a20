import { afterAll, beforeAll, beforeEach } from "vitest";
import { db } from "@/lib/db/client";
import {
  configureRefreshPolicy,
  DEFAULT_REFRESH_POLICY,
  type RefreshPolicy,
} from "@/lib/tokens/policy";
import {
  startRotatingProvider,
  type RotatingProvider,
} from "@/lib/tokens/testing/rotating-provider";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

/** Timings small enough for tests, with the policy's invariants kept. */
export const FAST_POLICY: Partial<RefreshPolicy> = {
  attemptTimeoutMs: 1_000,
  refreshBudgetMs: 2_500,
  backoffBaseMs: 50,
  leaseTtlMs: 4_000,
  waitBudgetMs: 8_000,
};

/**
 * Roomy timings for load tests: PGlite and Prisma's query compiler run on the test's own event
 * loop, and on a busy machine a provider answer can wait behind database work for seconds.
 */
export const LOAD_POLICY: Partial<RefreshPolicy> = {
  attemptTimeoutMs: 30_000,
  refreshBudgetMs: 40_000,
  leaseTtlMs: 50_000,
  waitBudgetMs: 60_000,
};

/**
 * Hooks for a refresh test file: a fresh database, a rotating stub provider (options and queued
 * faults reset before each test) and fast timings. Call inside `describe`.
 */
export function useRefreshTestbed(policy: Partial<RefreshPolicy> = FAST_POLICY) {
  let testDb: TestDb;
  const bed = {
    /** Moves the stored expiry into the past, as time passing would. */
    forceExpiry: async (connectionId: string) => {
      await db().connection.update({
        where: { id: connectionId },
        data: { expiresAt: new Date(Date.now() - 1_000) },
      });
    },
  } as {
    provider: RotatingProvider;
    kind: TestDb["kind"];
    forceExpiry(id: string): Promise<unknown>;
  };

  beforeAll(async () => {
    testDb = await setupTestDb();
    bed.kind = testDb.kind;
    bed.provider = await startRotatingProvider();
    configureRefreshPolicy(policy);
  });
  afterAll(async () => {
    configureRefreshPolicy(DEFAULT_REFRESH_POLICY);
    await bed.provider.close();
    await testDb.teardown();
  });
  beforeEach(() => bed.provider.reset());

  return bed;
}

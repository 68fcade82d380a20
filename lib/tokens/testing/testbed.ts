import { afterAll, beforeAll, beforeEach } from "vitest";
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
  attemptTimeoutMs: 300,
  refreshBudgetMs: 900,
  backoffBaseMs: 30,
  leaseTtlMs: 1_500,
  waitBudgetMs: 4_000,
};

/**
 * Hooks for a refresh test file: a fresh database, a rotating stub provider (options and queued
 * faults reset before each test) and fast timings. Call inside `describe`.
 */
export function useRefreshTestbed(policy: Partial<RefreshPolicy> = FAST_POLICY) {
  let testDb: TestDb;
  const bed = {} as { provider: RotatingProvider; kind: TestDb["kind"] };

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

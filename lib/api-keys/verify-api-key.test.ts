import { timingSafeEqual } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { verifyApiKey } from "@/lib/api-keys/verify-api-key";
import { issueTestKey } from "@/lib/api/testing/api-client";
import type { CreatedApiClient } from "@/lib/api-keys/create-api-client";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

describe("API key check", () => {
  let testDb: TestDb;
  let key: CreatedApiClient;
  beforeAll(async () => {
    testDb = await setupTestDb();
    key = await issueTestKey();
  });
  beforeEach(() => {
    vi.mocked(timingSafeEqual).mockClear();
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  const secretOf = (k: string) => k.slice(-43);
  const flip = (s: string) => (s.startsWith("A") ? "B" : "A") + s.slice(1);

  it("accepts the key through one constant-time comparison of 32-byte digests", async () => {
    const check = await verifyApiKey(key.key);

    expect(check).toMatchObject({ ok: true, client: { id: key.id } });
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    const [a, b] = vi.mocked(timingSafeEqual).mock.calls[0]!;
    expect((a as Buffer).length).toBe(32);
    expect((b as Buffer).length).toBe(32);
  });

  it("takes the same constant-time path for a wrong secret and for an unknown prefix", async () => {
    const wrong = await verifyApiKey(`lk_${key.keyPrefix}_${flip(secretOf(key.key))}`);
    const unknown = await verifyApiKey(`lk_QQQQQQQQQQQQ_${secretOf(key.key)}`);

    expect(wrong).toMatchObject({ ok: false, reason: "mismatch" });
    expect(unknown).toMatchObject({ ok: false, reason: "unknown" });
    expect(timingSafeEqual).toHaveBeenCalledTimes(2);
    for (const [a, b] of vi.mocked(timingSafeEqual).mock.calls) {
      expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
    }
  });

  it("never compares with === : a matching hash is found by timingSafeEqual alone", async () => {
    vi.mocked(timingSafeEqual).mockReturnValueOnce(false);

    expect(await verifyApiKey(key.key)).toMatchObject({ ok: false, reason: "mismatch" });
  });
});

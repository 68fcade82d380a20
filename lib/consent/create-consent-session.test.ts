import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createConsentSession } from "@/lib/consent/create-consent-session";
import { createApiClient } from "@/lib/consent/testing/fixtures";
import { db } from "@/lib/db/client";
import type { ApiClient, Connector, User } from "@/lib/generated/prisma/client";
import { createConnector, createUser } from "@/lib/oauth/testing/fixtures";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

const NOW = new Date("2026-12-03T10:00:00.000Z");

describe("createConsentSession", () => {
  let testDb: TestDb;
  let alice: User;
  let bob: User;
  let client: ApiClient;
  let calendar: Connector;
  let tickets: Connector;

  beforeAll(async () => {
    testDb = await setupTestDb();
    alice = await createUser("alice@acme.test");
    bob = await createUser("bob@acme.test");
    client = await createApiClient();
    calendar = await createConnector("http://127.0.0.1:9");
    tickets = await createConnector("http://127.0.0.1:9");
  });
  afterAll(async () => {
    await testDb.teardown();
  });
  beforeEach(async () => {
    await db().consentSession.deleteMany();
  });

  const input = (overrides: Record<string, unknown> = {}) => ({
    userId: alice.id,
    apiClientId: client.id,
    plugin: "file_ticket",
    connectorIds: [calendar.id, tickets.id],
    message: "Acme Calendar isn't connected for your account yet",
    now: NOW,
    ...overrides,
  });

  it("creates a pending session that expires 30 minutes after creation", async () => {
    const created = await createConsentSession(
      input({ resume: { url: "https://assistant.test/resume", payload: { run: 7 } } }),
    );

    expect(created).toMatchObject({ status: "PENDING", reused: false });
    expect(created.expiresAt.toISOString()).toBe("2026-12-03T10:30:00.000Z");
    const row = await db().consentSession.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      userId: alice.id,
      connectorIds: [calendar.id, tickets.id],
      resumeUrl: "https://assistant.test/resume",
      resumePayload: { run: 7 },
      idempotencyKey: null,
    });
  });

  it("creates a new session each time when there is no idempotency key", async () => {
    const first = await createConsentSession(input());
    const second = await createConsentSession(input());

    expect(second.id).not.toBe(first.id);
    expect(await db().consentSession.count()).toBe(2);
  });

  it("returns the existing session for a repeated idempotency key", async () => {
    const resume = { url: "https://assistant.test/resume", idempotencyKey: "run-42" };
    const first = await createConsentSession(input({ resume }));

    const again = await createConsentSession(
      input({ resume, now: new Date(NOW.getTime() + 60_000) }),
    );

    expect(again).toEqual({ ...first, reused: true });
    expect(await db().consentSession.count()).toBe(1);
  });

  it("reports a reused session past its expiry as EXPIRED", async () => {
    const resume = { url: "https://assistant.test/resume", idempotencyKey: "run-43" };
    await createConsentSession(input({ resume }));

    const later = await createConsentSession(
      input({ resume, now: new Date(NOW.getTime() + 31 * 60_000) }),
    );

    expect(later).toMatchObject({ status: "EXPIRED", reused: true });
  });

  it("creates one row for concurrent calls with the same key, and all get its id", async () => {
    const resume = { url: "https://assistant.test/resume", idempotencyKey: "run-race" };

    const results = await Promise.all(
      Array.from({ length: 6 }, () => createConsentSession(input({ resume }))),
    );

    expect(await db().consentSession.count()).toBe(1);
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(results.filter((result) => !result.reused)).toHaveLength(1);
  });

  it("scopes idempotency keys per API client", async () => {
    const other = await createApiClient("other assistant");
    const resume = { url: "https://assistant.test/resume", idempotencyKey: "run-1" };

    const mine = await createConsentSession(input({ resume }));
    const theirs = await createConsentSession(input({ resume, apiClientId: other.id }));

    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.reused).toBe(false);
  });

  it("refuses a key already used for another user", async () => {
    const resume = { url: "https://assistant.test/resume", idempotencyKey: "run-9" };
    await createConsentSession(input({ resume }));

    await expect(createConsentSession(input({ resume, userId: bob.id }))).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it.each([
    ["no connectors", { connectorIds: [] }, "validation_failed"],
    ["a javascript: resume URL", { resume: { url: "javascript:alert(1)" } }, "validation_failed"],
    [
      "a plain http resume URL",
      { resume: { url: "http://assistant.test/r" } },
      "validation_failed",
    ],
    ["credentials in the URL", { resume: { url: "https://u:p@a.test/r" } }, "validation_failed"],
    ["an unknown connector", { connectorIds: [crypto.randomUUID()] }, "not_found"],
    [
      "a huge payload",
      { resume: { url: "https://a.test/r", payload: "x".repeat(20_000) } },
      "validation_failed",
    ],
  ])("refuses %s", async (_label, overrides, code) => {
    await expect(createConsentSession(input(overrides))).rejects.toMatchObject({ code });
    expect(await db().consentSession.count()).toBe(0);
  });

  it("accepts a loopback http resume URL for a local assistant", async () => {
    const created = await createConsentSession(
      input({ resume: { url: "http://127.0.0.1:4000/resume" } }),
    );

    expect(created.status).toBe("PENDING");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/consent-sessions/[id]/route";
import { apiRequest, issueTestKey } from "@/lib/api/testing/api-client";
import type { CreatedApiClient } from "@/lib/api-keys/create-api-client";
import { createConsentSession } from "@/lib/consent/create-consent-session";
import { recordGrantForConsent } from "@/lib/consent/record-grant";
import { grant } from "@/lib/consent/testing/fixtures";
import { db } from "@/lib/db/client";
import type { Connector, User } from "@/lib/generated/prisma/client";
import { createConnector, createUser } from "@/lib/oauth/testing/fixtures";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

describe("GET /api/v1/consent-sessions/[id]", () => {
  let testDb: TestDb;
  let key: CreatedApiClient;
  let otherKey: CreatedApiClient;
  let alice: User;
  let calendar: Connector;
  let tickets: Connector;

  beforeAll(async () => {
    testDb = await setupTestDb();
    key = await issueTestKey();
    otherKey = await issueTestKey();
    alice = await createUser("alice@acme.test");
    calendar = await createConnector("http://127.0.0.1:9", { displayName: "Acme Calendar" });
    tickets = await createConnector("http://127.0.0.1:9", { displayName: "Acme Tickets" });
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  const open = (apiClientId = key.id, now?: Date) =>
    createConsentSession({
      userId: alice.id,
      apiClientId,
      plugin: "file_ticket",
      connectorIds: [calendar.id, tickets.id],
      message: "Grant access",
      now,
    });

  async function get(id: string, query = "", apiKey: string | null = key.key) {
    const response = await GET(
      apiRequest(`/api/v1/consent-sessions/${encodeURIComponent(id)}${query}`, {
        key: apiKey ?? undefined,
      }),
      { params: Promise.resolve({ id }) },
    );

    return { status: response.status, body: await response.json(), headers: response.headers };
  }

  it("answers the session's status, connectors and times, never cached", async () => {
    const { id, expiresAt } = await open();
    await grant(alice.id, calendar.id);

    const answer = await get(id);

    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.body).toEqual({
      id,
      status: "PENDING",
      expiresAt: expiresAt.toISOString(),
      plugin: "file_ticket",
      connectors: [
        { name: calendar.name, displayName: "Acme Calendar", state: "connected" },
        { name: tickets.name, displayName: "Acme Tickets", state: "missing" },
      ],
      readyAt: null,
      resumedAt: null,
    });
    await db().connection.deleteMany();
  });

  it("answers 404 for another API client's session, exactly as for an unknown id", async () => {
    const { id } = await open(otherKey.id);

    const foreign = await get(id);
    const unknown = await get(crypto.randomUUID());
    const garbage = await get("../../admin");

    expect([foreign.status, unknown.status, garbage.status]).toEqual([404, 404, 404]);
    expect(foreign.body).toEqual(unknown.body);
    expect(JSON.stringify(foreign.body)).not.toContain("file_ticket");
  });

  it("needs a key with the consent scope", async () => {
    const { id } = await open();
    const preflightOnly = await issueTestKey({ scopes: ["preflight"] });

    expect((await get(id, "", null)).status).toBe(401);
    expect((await get(id, "", "lk_wrong_key")).status).toBe(401);
    expect((await get(id, "", preflightOnly.key)).status).toBe(403);
  });

  it("reports a session past its 30 minutes as EXPIRED", async () => {
    const { id } = await open(key.id, new Date(Date.now() - 31 * 60_000));

    expect((await get(id)).body.status).toBe("EXPIRED");
  });

  it("holds a long poll until the session becomes READY, then answers at once", async () => {
    const { id } = await open();
    await grant(alice.id, calendar.id);
    const started = Date.now();
    setTimeout(async () => {
      await grant(alice.id, tickets.id);
      await db().$transaction((tx) =>
        recordGrantForConsent(tx, { userId: alice.id, connectorId: tickets.id, now: new Date() }),
      );
    }, 700);

    const answer = await get(id, "?wait=20");

    const elapsed = Date.now() - started;
    expect(answer.body.status).toBe("READY");
    expect(answer.body.readyAt).not.toBeNull();
    expect(elapsed).toBeGreaterThanOrEqual(700);
    expect(elapsed).toBeLessThan(5_000);
    await db().connection.deleteMany();
  });

  it("ends a long poll after the wait with the session still PENDING", async () => {
    const { id } = await open();
    const started = Date.now();

    const answer = await get(id, "?wait=1");

    expect(answer.body.status).toBe("PENDING");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("answers a finished session at once, whatever the wait", async () => {
    const { id } = await open(key.id, new Date(Date.now() - 31 * 60_000));
    const started = Date.now();

    const answer = await get(id, "?wait=300");

    expect(answer.body.status).toBe("EXPIRED");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it.each(["abc", "-1", "1.5"])("refuses wait=%s with a 422", async (wait) => {
    const { id } = await open();

    const answer = await get(id, `?wait=${wait}`);

    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe("validation_failed");
  });
});

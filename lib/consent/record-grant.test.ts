import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cancelConsentSession } from "@/lib/consent/cancel";
import { createConsentSession } from "@/lib/consent/create-consent-session";
import { expireConsentSessions } from "@/lib/consent/expire";
import { recordGrantForConsent } from "@/lib/consent/record-grant";
import { createApiClient, grant } from "@/lib/consent/testing/fixtures";
import { db } from "@/lib/db/client";
import type { ApiClient, Connector, User } from "@/lib/generated/prisma/client";
import { createConnector, createUser } from "@/lib/oauth/testing/fixtures";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

const T0 = new Date("2026-12-03T10:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const RESUME = { url: "https://assistant.test/resume", idempotencyKey: "run-1" };

/** Resolves once `parties` callers arrived, or after `timeoutMs`. */
function barrier(parties: number, timeoutMs: number) {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));

  return async () => {
    arrived += 1;
    if (arrived === parties) release();
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
  };
}

describe("recordGrantForConsent", () => {
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
    await db().connection.deleteMany();
  });

  function open(user = alice, resume: typeof RESUME | null = RESUME) {
    return createConsentSession({
      userId: user.id,
      apiClientId: client.id,
      plugin: "file_ticket",
      connectorIds: [calendar.id, tickets.id],
      message: "Grant access and I'll continue",
      resume: resume
        ? { ...resume, idempotencyKey: `${resume.idempotencyKey}-${user.email}` }
        : undefined,
      now: T0,
    });
  }

  /** One grant's success transaction as the callback runs it: store the grant, then progress. */
  function grantInTx(user: User, connector: Connector, now: Date, between?: () => Promise<void>) {
    return db().$transaction(
      async (tx) => {
        await tx.connection.upsert({
          where: { userId_connectorId: { userId: user.id, connectorId: connector.id } },
          create: {
            userId: user.id,
            connectorId: connector.id,
            accessTokenEnc: "x",
            grantedScopes: "read write",
          },
          update: { status: "ACTIVE", grantedScopes: "read write" },
        });
        await between?.();
        return recordGrantForConsent(tx, { userId: user.id, connectorId: connector.id, now });
      },
      { maxWait: 10_000, timeout: 10_000 },
    );
  }

  const session = (id: string) => db().consentSession.findUniqueOrThrow({ where: { id } });

  it("keeps the session pending while a connector is still missing", async () => {
    const { id } = await open();

    const progress = await grantInTx(alice, calendar, at(1));

    expect(progress).toEqual({ ready: [], deliveries: [] });
    expect((await session(id)).status).toBe("PENDING");
    expect(await db().resumeDelivery.count()).toBe(0);
  });

  it("makes the session READY with exactly one delivery on the last grant", async () => {
    const { id } = await open();
    await grantInTx(alice, calendar, at(1));

    const progress = await grantInTx(alice, tickets, at(2));

    expect(progress).toEqual({ ready: [id], deliveries: [id] });
    expect(await session(id)).toMatchObject({ status: "READY", readyAt: at(2) });
    const deliveries = await db().resumeDelivery.findMany();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ consentSessionId: id, status: "PENDING", attempts: 0 });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "consent.ready" } });
    expect(audit).toMatchObject({ actorId: alice.id, target: `consent:${id}` });
  });

  it("makes a session without resume URL READY without a delivery (the assistant polls)", async () => {
    const { id } = await open(alice, null);
    await grant(alice.id, calendar.id);

    const progress = await grantInTx(alice, tickets, at(1));

    expect(progress).toEqual({ ready: [id], deliveries: [] });
    expect((await session(id)).status).toBe("READY");
    expect(await db().resumeDelivery.count()).toBe(0);
  });

  it("resumes once when the two last grants commit concurrently", async () => {
    const { id } = await open();
    // PGlite runs one transaction at a time, so there the first one cannot wait for the second.
    const bothStored = barrier(2, testDb.kind === "pglite" ? 100 : 5_000);

    const results = await Promise.all([
      grantInTx(alice, calendar, at(1), bothStored),
      grantInTx(alice, tickets, at(1), bothStored),
    ]);

    expect(results.flatMap((result) => result.ready)).toEqual([id]);
    expect(results.flatMap((result) => result.deliveries)).toEqual([id]);
    expect((await session(id)).status).toBe("READY");
    expect(await db().resumeDelivery.count()).toBe(1);
  });

  it("does not resume again when the same grant is recorded twice (replayed callback)", async () => {
    const { id } = await open();
    await grant(alice.id, calendar.id);
    await grantInTx(alice, tickets, at(1));

    const replay = await grantInTx(alice, tickets, at(2));

    expect(replay).toEqual({ ready: [], deliveries: [] });
    expect(await session(id)).toMatchObject({ status: "READY", readyAt: at(1) });
    expect(await db().resumeDelivery.count()).toBe(1);
  });

  it("resumes nothing after the 30 minutes, even with every connector granted", async () => {
    const { id } = await open();
    await grant(alice.id, calendar.id);

    const progress = await grantInTx(alice, tickets, at(31));

    expect(progress).toEqual({ ready: [], deliveries: [] });
    expect((await session(id)).status).toBe("PENDING");
    expect(await db().resumeDelivery.count()).toBe(0);
    expect(await expireConsentSessions(at(31))).toBe(1);
    expect(await session(id)).toMatchObject({ status: "EXPIRED", endedAt: at(31) });
  });

  it("resumes a session answered at minute 29", async () => {
    const { id } = await open();
    await grant(alice.id, calendar.id);

    await grantInTx(alice, tickets, at(29));

    expect((await session(id)).status).toBe("READY");
  });

  it("never touches another user's session", async () => {
    const bobs = await open(bob);
    await grant(bob.id, calendar.id);

    await grantInTx(alice, calendar, at(1));
    await grantInTx(alice, tickets, at(1));

    expect((await session(bobs.id)).status).toBe("PENDING");
    expect(await db().resumeDelivery.count()).toBe(0);
  });

  it("does not count a grant that lacks the connector's scopes now", async () => {
    const { id } = await open();
    await grant(alice.id, calendar.id, { grantedScopes: "read" });

    await grantInTx(alice, tickets, at(1));

    expect((await session(id)).status).toBe("PENDING");
  });

  it("completes every pending session of the user that the grant finishes", async () => {
    const first = await open();
    const second = await open(alice, { ...RESUME, idempotencyKey: "run-2" });
    await grant(alice.id, calendar.id);

    const progress = await grantInTx(alice, tickets, at(1));

    expect(progress.ready.sort()).toEqual([first.id, second.id].sort());
    expect(await db().resumeDelivery.count()).toBe(2);
  });
});

describe("cancelConsentSession and expireConsentSessions", () => {
  let testDb: TestDb;
  let alice: User;
  let bob: User;
  let client: ApiClient;
  let calendar: Connector;

  beforeAll(async () => {
    testDb = await setupTestDb();
    alice = await createUser("alice@acme.test");
    bob = await createUser("bob@acme.test");
    client = await createApiClient();
    calendar = await createConnector("http://127.0.0.1:9");
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  const open = (user: User) =>
    createConsentSession({
      userId: user.id,
      apiClientId: client.id,
      plugin: "find_slots",
      connectorIds: [calendar.id],
      message: "Grant access",
      now: T0,
    });

  it("cancels the user's own pending session once, with an audit event", async () => {
    const { id } = await open(alice);

    const first = await cancelConsentSession({
      consentSessionId: id,
      userId: alice.id,
      now: at(1),
    });
    const again = await cancelConsentSession({
      consentSessionId: id,
      userId: alice.id,
      now: at(2),
    });

    expect([first, again]).toEqual([true, false]);
    expect(await db().consentSession.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "CANCELLED",
      endedAt: at(1),
    });
    expect(await db().auditEvent.count({ where: { action: "consent.cancelled" } })).toBe(1);
  });

  it("does not cancel another user's session", async () => {
    const { id } = await open(bob);

    const cancelled = await cancelConsentSession({ consentSessionId: id, userId: alice.id });

    expect(cancelled).toBe(false);
    expect((await db().consentSession.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
  });

  it("expires only pending sessions past their expiry", async () => {
    await db().consentSession.deleteMany();
    const old = await open(alice);
    const cancelled = await open(alice);
    await cancelConsentSession({ consentSessionId: cancelled.id, userId: alice.id, now: at(1) });
    const fresh = await createConsentSession({
      userId: alice.id,
      apiClientId: client.id,
      plugin: "find_slots",
      connectorIds: [calendar.id],
      message: "Grant access",
      now: at(10),
    });

    const count = await expireConsentSessions(at(31));

    expect(count).toBe(1);
    const status = async (id: string) =>
      (await db().consentSession.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(old.id)).toBe("EXPIRED");
    expect(await status(cancelled.id)).toBe("CANCELLED");
    expect(await status(fresh.id)).toBe("PENDING");
  });
});

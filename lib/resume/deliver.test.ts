import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createConsentSession } from "@/lib/consent/create-consent-session";
import { recordGrantForConsent } from "@/lib/consent/record-grant";
import { createApiClient, grant, WEBHOOK_SECRET } from "@/lib/consent/testing/fixtures";
import { db } from "@/lib/db/client";
import type { ApiClient, Connector, User } from "@/lib/generated/prisma/client";
import { createConnector, createUser } from "@/lib/oauth/testing/fixtures";
import { json, silent, startStubServer, type StubServer } from "@/lib/oauth/testing/stub-server";
import { attemptResumeDelivery } from "@/lib/resume/deliver";
import { runDueResumeDeliveries } from "@/lib/resume/run-due";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from "@/lib/resume/schedule";
import { verifyResumeSignature } from "@/lib/resume/signature";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

const T0 = new Date("2026-12-03T10:00:00.000Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

describe("resume webhook delivery", () => {
  let testDb: TestDb;
  let stub: StubServer;
  let alice: User;
  let client: ApiClient;
  let calendar: Connector;
  let tickets: Connector;
  let sessionId: string;

  beforeAll(async () => {
    testDb = await setupTestDb();
    stub = await startStubServer();
    alice = await createUser("alice@acme.test");
    client = await createApiClient();
    calendar = await createConnector("http://127.0.0.1:9");
    tickets = await createConnector("http://127.0.0.1:9");
  });
  afterAll(async () => {
    await stub.close();
    await testDb.teardown();
  });
  beforeEach(async () => {
    stub.requests.length = 0;
    stub.reply((_request, res) => json(res, 200, { ok: true }));
    await db().consentSession.deleteMany();
    await db().connection.deleteMany();
    await db().auditEvent.deleteMany();
    sessionId = await readySession();
  });

  /** A session whose last connector was just granted at T0: READY with one pending delivery. */
  async function readySession(): Promise<string> {
    const { id } = await createConsentSession({
      userId: alice.id,
      apiClientId: client.id,
      plugin: "file_ticket",
      connectorIds: [calendar.id, tickets.id],
      message: "Grant access and I'll continue",
      resume: {
        url: `${stub.url}/resume`,
        payload: { conversation: "c-9" },
        idempotencyKey: "k-1",
      },
      now: later(-60_000),
    });
    await grant(alice.id, calendar.id);
    await grant(alice.id, tickets.id);
    await db().$transaction((tx) =>
      recordGrantForConsent(tx, { userId: alice.id, connectorId: tickets.id, now: T0 }),
    );

    return id;
  }

  const delivery = () =>
    db().resumeDelivery.findUniqueOrThrow({ where: { consentSessionId: sessionId } });
  const session = () => db().consentSession.findUniqueOrThrow({ where: { id: sessionId } });

  it("posts a signed consent.ready body that verifyResumeSignature accepts", async () => {
    const tally = await runDueResumeDeliveries({ now: T0 });

    expect(tally.delivered).toBe(1);
    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    expect(request).toMatchObject({ method: "POST", path: "/resume" });
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers["idempotency-key"]).toBe("k-1");
    const timestamp = request!.headers["latchkey-timestamp"] as string;
    expect(timestamp).toBe(String(T0.getTime() / 1000));
    const signature = request!.headers["latchkey-signature"] as string;
    expect(verifyResumeSignature(WEBHOOK_SECRET, timestamp, request!.body, signature, T0)).toBe(
      true,
    );
    expect(verifyResumeSignature("whsec_wrong", timestamp, request!.body, signature, T0)).toBe(
      false,
    );
    expect(JSON.parse(request!.body)).toEqual({
      type: "consent.ready",
      consentSessionId: sessionId,
      plugin: "file_ticket",
      user: { email: "alice@acme.test", subject: "alice@acme.test" },
      connectors: [calendar.name, tickets.name],
      idempotencyKey: "k-1",
      payload: { conversation: "c-9" },
    });
  });

  it("marks the delivery DELIVERED and the session RESUMED together, audited", async () => {
    await runDueResumeDeliveries({ now: T0 });

    expect(await delivery()).toMatchObject({ status: "DELIVERED", attempts: 1, lastStatus: 200 });
    expect(await session()).toMatchObject({ status: "RESUMED", resumedAt: T0 });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "consent.resumed" } });
    expect(audit).toMatchObject({ target: `consent:${sessionId}`, outcome: "success" });
    expect(JSON.stringify(audit)).not.toContain(WEBHOOK_SECRET);
  });

  it("never sends a delivered webhook again", async () => {
    await runDueResumeDeliveries({ now: T0 });

    const again = await runDueResumeDeliveries({ now: later(3_600_000) });

    expect(again).toEqual({ delivered: 0, retrying: 0, gave_up: 0, skipped: 0 });
    expect(stub.requests).toHaveLength(1);
  });

  it("retries after a 500 with backoff, then delivers and resumes", async () => {
    let calls = 0;
    stub.reply((_request, res) => json(res, (calls += 1) === 1 ? 500 : 204, {}));

    const first = await attemptResumeDelivery((await delivery()).id, { now: T0 });
    const tooEarly = await runDueResumeDeliveries({ now: later(RETRY_DELAYS_MS[0]! - 1) });
    const second = await runDueResumeDeliveries({ now: later(RETRY_DELAYS_MS[0]!) });

    expect(first).toEqual({
      status: "retrying",
      attempts: 1,
      nextAttemptAt: later(RETRY_DELAYS_MS[0]!),
      failure: "the resume URL answered 500",
    });
    expect(tooEarly.delivered + tooEarly.retrying).toBe(0);
    expect(second.delivered).toBe(1);
    expect((await session()).status).toBe("RESUMED");
    expect(stub.requests).toHaveLength(2);
    expect(await delivery()).toMatchObject({ status: "DELIVERED", attempts: 2, lastStatus: 204 });
  });

  it("gives up after the bounded number of attempts, audited, and the session stays READY", async () => {
    stub.reply((_request, res) => json(res, 503, {}));
    let now = T0;

    for (let attempt = 1; attempt <= MAX_ATTEMPTS + 1; attempt += 1) {
      await runDueResumeDeliveries({ now });
      now = later(RETRY_DELAYS_MS.slice(0, attempt).reduce((sum, delay) => sum + delay, 0));
    }

    expect(stub.requests).toHaveLength(MAX_ATTEMPTS);
    expect(MAX_ATTEMPTS).toBe(8);
    expect(await delivery()).toMatchObject({ status: "GAVE_UP", attempts: 8, lastStatus: 503 });
    expect((await session()).status).toBe("READY");
    const audit = await db().auditEvent.findMany({ where: { action: "consent.resume_failed" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({
      attempts: 8,
      failure: "the resume URL answered 503",
    });
  });

  it("sends once when two job runs start at the same time", async () => {
    stub.reply((_request, res) => setTimeout(() => json(res, 200, {}), 200));

    const runs = await Promise.all([
      runDueResumeDeliveries({ now: T0 }),
      runDueResumeDeliveries({ now: T0 }),
      attemptResumeDelivery((await delivery()).id, { now: T0 }),
    ]);

    expect(stub.requests).toHaveLength(1);
    expect(runs.filter((run) => "delivered" in run).map((run) => run.delivered)).toContain(1);
    expect((await delivery()).attempts).toBe(1);
  });

  it("does not follow a redirect: a 3xx is a failed attempt", async () => {
    stub.reply((_request, res) => res.writeHead(307, { location: `${stub.url}/elsewhere` }).end());

    const result = await attemptResumeDelivery((await delivery()).id, { now: T0 });

    expect(result).toMatchObject({ status: "retrying", failure: "the resume URL answered 307" });
    expect(stub.requests.map((request) => request.path)).toEqual(["/resume"]);
  });

  it("ends a silent receiver's attempt at the timeout", async () => {
    stub.reply(silent);

    const started = Date.now();
    const result = await attemptResumeDelivery((await delivery()).id, { now: T0, timeoutMs: 300 });

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ status: "retrying", failure: "no answer within 0.3 s" });
  });

  it("gives up at once when the API client was revoked", async () => {
    await db().apiClient.update({ where: { id: client.id }, data: { revokedAt: T0 } });
    try {
      const result = await attemptResumeDelivery((await delivery()).id, { now: T0 });

      expect(result).toMatchObject({ status: "gave_up", failure: "the API client was revoked" });
      expect(stub.requests).toHaveLength(0);
    } finally {
      await db().apiClient.update({ where: { id: client.id }, data: { revokedAt: null } });
    }
  });
});

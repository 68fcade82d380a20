import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { disconnect } from "@/lib/connections/disconnect";
import { db } from "@/lib/db/client";
import type { Connector, User } from "@/lib/generated/prisma/client";
import {
  CANARY,
  createConnection,
  createConnector,
  createUser,
} from "@/lib/oauth/testing/fixtures";
import { formBody, startStubServer, type StubServer } from "@/lib/oauth/testing/stub-server";
import { queueRevocation } from "@/lib/revocations/queue";
import { runDueRevocations } from "@/lib/revocations/run-due";
import { MAX_ATTEMPTS } from "@/lib/revocations/schedule";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

const MINUTE = 60_000;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

describe("background retries of remote revocations", () => {
  let testDb: TestDb;
  let stub: StubServer;
  let user: User;
  let connector: Connector;

  beforeAll(async () => {
    testDb = await setupTestDb();
    stub = await startStubServer();
  });
  afterAll(async () => {
    await stub.close();
    await testDb.teardown();
  });
  beforeEach(async () => {
    stub.requests.length = 0;
    stub.reply((_request, res) => res.writeHead(503).end());
    // Earlier tests' rows must not be due here.
    await db().pendingRevocation.deleteMany();
    user = await createUser(`u${Date.now()}@acme.test`);
    connector = await createConnector(stub.url);
    await createConnection(user.id, connector);
  });

  async function disconnectFailing() {
    const result = await disconnect(user, connector.name);
    if (result.status !== "disconnected" || !result.revocationId) throw new Error("no revocation");

    return db().pendingRevocation.findUniqueOrThrow({ where: { id: result.revocationId } });
  }

  it("retries when due until the provider answers 2xx, then records REVOKED and shreds the tokens", async () => {
    const first = await disconnectFailing();
    expect(stub.requests).toHaveLength(1);

    expect(await runDueRevocations({ now: later(first.nextAttemptAt, -1000) })).toMatchObject({
      retrying: 0,
      revoked: 0,
    });
    expect(stub.requests).toHaveLength(1);

    await runDueRevocations({ now: first.nextAttemptAt });
    const second = await db().pendingRevocation.findUniqueOrThrow({ where: { id: first.id } });
    expect(second).toMatchObject({ status: "PENDING", attempts: 2 });
    expect(second.nextAttemptAt.getTime() - first.nextAttemptAt.getTime()).toBe(20 * MINUTE);

    stub.reply((_request, res) => res.writeHead(200).end());
    expect(await runDueRevocations({ now: second.nextAttemptAt })).toMatchObject({ revoked: 1 });

    const done = await db().pendingRevocation.findUniqueOrThrow({ where: { id: first.id } });
    expect(done).toMatchObject({
      status: "REVOKED",
      attempts: 3,
      accessTokenEnc: null,
      refreshTokenEnc: null,
      lastError: null,
      finishedAt: second.nextAttemptAt,
    });
    expect(stub.requests.map((request) => formBody(request))).toEqual(
      Array(3).fill([
        ["token_type_hint", "refresh_token"],
        ["token", CANARY.refreshToken],
      ]),
    );
    const audit = await db().auditEvent.findMany({
      where: { action: "connection.remote_revocation", target: `connector:${connector.name}` },
      orderBy: { at: "asc" },
    });
    expect(audit.map((event) => [event.actorType, event.outcome, event.details])).toEqual([
      ["user", "failure", expect.objectContaining({ result: "retrying", attempts: 1 })],
      ["system", "failure", expect.objectContaining({ result: "retrying", attempts: 2 })],
      ["system", "success", expect.objectContaining({ result: "revoked", attempts: 3 })],
    ]);
  });

  it("gives up after a bounded number of attempts over about a day and shreds the tokens", async () => {
    let row = await disconnectFailing();

    while (row.status === "PENDING") {
      await runDueRevocations({ now: row.nextAttemptAt });
      row = await db().pendingRevocation.findUniqueOrThrow({ where: { id: row.id } });
    }

    expect(row).toMatchObject({
      status: "GAVE_UP",
      attempts: MAX_ATTEMPTS,
      accessTokenEnc: null,
      refreshTokenEnc: null,
      lastError: expect.stringContaining("HTTP 503"),
    });
    expect(stub.requests).toHaveLength(MAX_ATTEMPTS);
    const span = row.finishedAt!.getTime() - row.createdAt.getTime();
    expect(span).toBeGreaterThan(20 * 60 * MINUTE);
    expect(span).toBeLessThan(30 * 60 * MINUTE);

    await runDueRevocations({ now: later(row.finishedAt!, 7 * 24 * 60 * MINUTE) });
    expect(stub.requests).toHaveLength(MAX_ATTEMPTS);
    const last = await db().auditEvent.findFirstOrThrow({
      where: { action: "connection.remote_revocation", target: `connector:${connector.name}` },
      orderBy: { at: "desc" },
    });
    expect(last.details).toMatchObject({ result: "gave_up", attempts: MAX_ATTEMPTS });
  });

  it("sends one request per due row when two job runs race", async () => {
    const users = await Promise.all(
      Array.from({ length: 12 }, (_v, i) => createUser(`race${i}-${Date.now()}@acme.test`)),
    );
    for (const [index, owner] of users.entries()) {
      await queueRevocation({
        userId: owner.id,
        connectorId: connector.id,
        tokens: { accessToken: `at-${index}`, refreshToken: `rt-${index}` },
      });
    }
    stub.reply((_request, res) => setTimeout(() => res.writeHead(200).end(), 30));

    const runs = await Promise.all([runDueRevocations(), runDueRevocations()]);

    const sent = stub.requests.map((request) => new URLSearchParams(request.body).get("token"));
    expect(sent.sort()).toEqual(users.map((_u, i) => `rt-${i}`).sort());
    expect(runs[0]!.revoked + runs[1]!.revoked).toBe(12);
    expect(await db().pendingRevocation.count({ where: { status: "REVOKED" } })).toBe(12);
  });

  it("leaves a row alone while another attempt holds its lease", async () => {
    const id = await queueRevocation({
      userId: user.id,
      connectorId: connector.id,
      tokens: { accessToken: "at-x", refreshToken: "rt-x" },
    });
    const now = new Date();
    await db().pendingRevocation.update({
      where: { id: id! },
      data: { leaseUntil: later(now, MINUTE) },
    });

    await runDueRevocations({ now });
    expect(stub.requests).toHaveLength(0);

    await runDueRevocations({ now: later(now, 2 * MINUTE) });
    expect(stub.requests).toHaveLength(1);
  });

  it("keeps retrying only the token the provider has not confirmed", async () => {
    await db().connector.update({ where: { id: connector.id }, data: { revokeWhich: "both" } });
    stub.reply((request, res) =>
      res.writeHead(request.body.includes(CANARY.refreshToken) ? 200 : 503).end(),
    );
    const first = await disconnectFailing();
    expect(first.refreshTokenEnc).toBeNull();
    expect(first.accessTokenEnc).toBeTruthy();

    await runDueRevocations({ now: first.nextAttemptAt });

    expect(stub.requests.map((request) => formBody(request)[0])).toEqual([
      ["token_type_hint", "refresh_token"],
      ["token_type_hint", "access_token"],
      ["token_type_hint", "access_token"],
    ]);
  });

  it("queues nothing for a connector without a revoke URL", async () => {
    await db().connector.update({ where: { id: connector.id }, data: { revokeUrl: null } });

    const id = await queueRevocation({
      userId: user.id,
      connectorId: connector.id,
      tokens: { accessToken: "at-y", refreshToken: null },
    });

    expect(id).toBeNull();
    expect(await db().pendingRevocation.count()).toBe(0);
  });
});

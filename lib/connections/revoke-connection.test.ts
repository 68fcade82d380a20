import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Connector, User } from "@/lib/generated/prisma/client";
import { revokeConnectionAction } from "@/lib/connections/revoke-connection";
import {
  CANARY,
  createConnection,
  createConnector,
  createUser,
  dumpGrantTables,
} from "@/lib/oauth/testing/fixtures";
import {
  formBody,
  json,
  silent,
  startStubServer,
  type StubServer,
} from "@/lib/oauth/testing/stub-server";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

const session = vi.hoisted(() => ({ user: null as { id: string; email: string | null } | null }));

vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => {
    if (!session.user) throw new AppError("unauthenticated", "not signed in");
    return session.user;
  },
}));

class Redirected extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
  }
}

vi.mock("next/navigation", () => ({
  redirect: (location: string) => {
    throw new Redirected(location);
  },
}));

async function revoke(fields: Record<string, string>): Promise<URL> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const thrown = await revokeConnectionAction(form).catch((error: unknown) => error);
  if (!(thrown instanceof Redirected)) throw new Error(`expected a redirect, got ${thrown}`);

  return new URL(thrown.location, "http://latchkey.test");
}

describe("revoke server action", () => {
  let testDb: TestDb;
  let stub: StubServer;
  let alice: User;
  let bob: User;
  let connector: Connector;

  beforeAll(async () => {
    testDb = await setupTestDb();
    stub = await startStubServer();
    alice = await createUser("alice@acme.test");
    bob = await createUser("bob@acme.test");
  });
  afterAll(async () => {
    await stub.close();
    await testDb.teardown();
  });
  beforeEach(async () => {
    stub.requests.length = 0;
    stub.reply((_request, res) => res.writeHead(200).end());
    session.user = alice;
    connector = await createConnector(stub.url);
    await createConnection(alice.id, connector);
  });

  const pendingRows = () =>
    db().pendingRevocation.findMany({ where: { connectorId: connector.id } });

  const aliceRow = () =>
    db().connection.findUnique({
      where: { userId_connectorId: { userId: alice.id, connectorId: connector.id } },
    });

  it("deletes the grant, revokes it at the provider and audits both steps", async () => {
    const landed = await revoke({ connector: connector.name });

    const [pending] = await pendingRows();
    expect(landed.pathname).toBe("/connections");
    expect(Object.fromEntries(landed.searchParams)).toEqual({
      notice: "disconnected",
      connector: connector.name,
      remote: "revoked",
      revocation: pending!.id,
    });
    expect(await aliceRow()).toBeNull();
    expect(stub.requests).toHaveLength(1);
    expect(formBody(stub.requests[0]!)).toContainEqual(["token", CANARY.refreshToken]);
    expect(pending).toMatchObject({
      status: "REVOKED",
      attempts: 1,
      accessTokenEnc: null,
      refreshTokenEnc: null,
      leaseUntil: null,
      userId: alice.id,
    });
    expect(pending!.finishedAt).toBeInstanceOf(Date);
    const audit = await db().auditEvent.findMany({
      where: { actorId: alice.id, target: `connector:${connector.name}` },
      orderBy: { at: "asc" },
    });
    expect(audit.map((event) => [event.action, event.outcome])).toEqual([
      ["connection.revoked", "success"],
      ["connection.remote_revocation", "success"],
    ]);
    expect(audit[1]!.details).toMatchObject({
      result: "revoked",
      attempts: 1,
      trigger: "immediate",
      revocationId: pending!.id,
    });
    const raw = JSON.stringify([await dumpGrantTables(), await pendingRows()]);
    expect(raw).not.toContain(CANARY.accessToken);
    expect(raw).not.toContain(CANARY.refreshToken);
  });

  it("accepts the connector id as well as its name", async () => {
    const landed = await revoke({ connector: connector.id });

    expect(landed.searchParams.get("notice")).toBe("disconnected");
    expect(await aliceRow()).toBeNull();
  });

  it.each<[string, Parameters<StubServer["reply"]>[0], RegExp]>([
    ["503", (_request, res) => res.writeHead(503, { "retry-after": "30" }).end(), /HTTP 503/],
    ["400", (_request, res) => json(res, 400, { error: "unsupported_token_type" }), /HTTP 400/],
    ["401", (_request, res) => json(res, 401, { error: "invalid_client" }), /invalid_client/],
    ["silence past the budget", silent, /in time/],
  ])(
    "deletes the local grant in the same request when the provider answers %s, and queues a retry",
    async (_label, reply, failure) => {
      const timeout = AbortSignal.timeout.bind(AbortSignal);
      const spy = vi.spyOn(AbortSignal, "timeout").mockImplementation(() => timeout(300));
      stub.reply(reply);
      const before = Date.now();

      const landed = await revoke({ connector: connector.name });

      spy.mockRestore();
      const [pending] = await pendingRows();
      expect(landed.searchParams.get("remote")).toBe("failed");
      expect(landed.searchParams.get("revocation")).toBe(pending!.id);
      expect(await aliceRow()).toBeNull();
      expect(pending).toMatchObject({ status: "PENDING", attempts: 1, leaseUntil: null });
      expect(pending!.lastError).toMatch(failure);
      const delay = pending!.nextAttemptAt.getTime() - before;
      expect(delay).toBeGreaterThanOrEqual(5 * 60_000);
      expect(delay).toBeLessThan(6 * 60_000);
      expect(pending!.refreshTokenEnc).toBeTruthy();
      expect(JSON.stringify(pending)).not.toContain(CANARY.refreshToken);
      const remote = await db().auditEvent.findFirstOrThrow({
        where: { action: "connection.remote_revocation", target: `connector:${connector.name}` },
      });
      expect(remote.outcome).toBe("failure");
      expect(remote.details).toMatchObject({ result: "retrying", attempts: 1 });
      expect(JSON.stringify(remote.details)).not.toContain(CANARY.refreshToken);
    },
  );

  it("reports a connector without a revoke URL and keeps no tokens", async () => {
    await db().connector.update({ where: { id: connector.id }, data: { revokeUrl: null } });

    const landed = await revoke({ connector: connector.name });

    expect(landed.searchParams.get("remote")).toBe("no_revoke_url");
    expect(landed.searchParams.has("revocation")).toBe(false);
    expect(await aliceRow()).toBeNull();
    expect(await pendingRows()).toEqual([]);
    expect(stub.requests).toHaveLength(0);
  });

  it("deletes a grant whose tokens no longer decrypt, and records that the provider was not told", async () => {
    await db().connection.update({
      where: { userId_connectorId: { userId: alice.id, connectorId: connector.id } },
      data: { accessTokenEnc: "v1:test1:AAAA:AAAA:AAAA", refreshTokenEnc: null },
    });

    const landed = await revoke({ connector: connector.name });

    expect(landed.searchParams.get("remote")).toBe("failed");
    expect(await aliceRow()).toBeNull();
    expect(stub.requests).toHaveLength(0);
    expect(await pendingRows()).toMatchObject([
      { status: "GAVE_UP", accessTokenEnc: null, refreshTokenEnc: null, attempts: 0 },
    ]);
  });

  it("does not let user B revoke user A's grant", async () => {
    session.user = bob;

    const landed = await revoke({ connector: connector.name });

    expect(Object.fromEntries(landed.searchParams)).toEqual({
      notice: "not_connected",
      connector: connector.name,
    });
    expect(await aliceRow()).not.toBeNull();
    expect(stub.requests).toHaveLength(0);
  });

  it("refuses extra fields such as another user's id", async () => {
    session.user = bob;

    const landed = await revoke({ connector: connector.name, userId: alice.id });

    expect(landed.searchParams.get("notice")).toBe("revoke_error");
    expect(await aliceRow()).not.toBeNull();
  });

  it.each(["", "../etc", "x".repeat(100)])("refuses the malformed connector %j", async (value) => {
    const landed = await revoke({ connector: value });

    expect(landed.searchParams.get("notice")).toBe("revoke_error");
    expect(await aliceRow()).not.toBeNull();
  });

  it("sends anonymous callers to sign in and changes nothing", async () => {
    session.user = null;

    const landed = await revoke({ connector: connector.name });

    expect(landed.pathname).toBe("/signin");
    expect(await aliceRow()).not.toBeNull();
  });

  it("reports an unknown connector", async () => {
    const landed = await revoke({ connector: "no_such_connector" });

    expect(landed.searchParams.get("notice")).toBe("unknown_connector");
  });
});

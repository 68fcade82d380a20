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

  const aliceRow = () =>
    db().connection.findUnique({
      where: { userId_connectorId: { userId: alice.id, connectorId: connector.id } },
    });

  it("deletes the grant, revokes it at the provider and audits both steps", async () => {
    const landed = await revoke({ connector: connector.name });

    expect(landed.pathname).toBe("/connections");
    expect(Object.fromEntries(landed.searchParams)).toEqual({
      notice: "disconnected",
      connector: connector.name,
      remote: "revoked",
    });
    expect(await aliceRow()).toBeNull();
    expect(stub.requests).toHaveLength(1);
    expect(formBody(stub.requests[0]!)).toContainEqual(["token", CANARY.refreshToken]);
    const audit = await db().auditEvent.findMany({
      where: { actorId: alice.id, target: `connector:${connector.name}` },
      orderBy: { at: "asc" },
    });
    expect(audit.map((event) => [event.action, event.outcome])).toEqual([
      ["connection.revoked", "success"],
      ["connection.remote_revocation", "success"],
    ]);
    const raw = await dumpGrantTables();
    expect(raw).not.toContain(CANARY.accessToken);
    expect(raw).not.toContain(CANARY.refreshToken);
  });

  it("accepts the connector id as well as its name", async () => {
    const landed = await revoke({ connector: connector.id });

    expect(landed.searchParams.get("notice")).toBe("disconnected");
    expect(await aliceRow()).toBeNull();
  });

  it("deletes the local grant even when the provider answers 503", async () => {
    stub.reply((_request, res) => res.writeHead(503).end());

    const landed = await revoke({ connector: connector.name });

    expect(landed.searchParams.get("remote")).toBe("failed");
    expect(await aliceRow()).toBeNull();
    const remote = await db().auditEvent.findFirstOrThrow({
      where: { action: "connection.remote_revocation", target: `connector:${connector.name}` },
    });
    expect(remote.outcome).toBe("failure");
    expect(remote.details).toEqual({ remote: "failed" });
  });

  it("deletes the local grant even when the provider times out", async () => {
    const timeout = AbortSignal.timeout.bind(AbortSignal);
    const spy = vi.spyOn(AbortSignal, "timeout").mockImplementation(() => timeout(300));
    stub.reply(silent);

    const landed = await revoke({ connector: connector.name });

    spy.mockRestore();
    expect(landed.searchParams.get("remote")).toBe("failed");
    expect(await aliceRow()).toBeNull();
  });

  it("reports a connector without a revoke URL", async () => {
    await db().connector.update({ where: { id: connector.id }, data: { revokeUrl: null } });

    const landed = await revoke({ connector: connector.name });

    expect(landed.searchParams.get("remote")).toBe("no_revoke_url");
    expect(await aliceRow()).toBeNull();
    expect(stub.requests).toHaveLength(0);
  });

  it("deletes a grant whose tokens no longer decrypt, and says the provider was not told", async () => {
    await db().connection.update({
      where: { userId_connectorId: { userId: alice.id, connectorId: connector.id } },
      data: { accessTokenEnc: "v1:test1:AAAA:AAAA:AAAA", refreshTokenEnc: null },
    });

    const landed = await revoke({ connector: connector.name });

    expect(landed.searchParams.get("remote")).toBe("failed");
    expect(await aliceRow()).toBeNull();
    expect(stub.requests).toHaveLength(0);
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

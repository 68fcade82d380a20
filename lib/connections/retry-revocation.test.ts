import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { disconnect } from "@/lib/connections/disconnect";
import { retryRevocationAction } from "@/lib/connections/retry-revocation";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Connector, PendingRevocation, User } from "@/lib/generated/prisma/client";
import {
  CANARY,
  createConnection,
  createConnector,
  createUser,
} from "@/lib/oauth/testing/fixtures";
import { startStubServer, type StubServer } from "@/lib/oauth/testing/stub-server";
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

async function retry(fields: Record<string, string>): Promise<Record<string, string>> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const thrown = await retryRevocationAction(form).catch((error: unknown) => error);
  if (!(thrown instanceof Redirected)) throw new Error(`expected a redirect, got ${thrown}`);
  const url = new URL(thrown.location, "http://latchkey.test");

  return { path: url.pathname, ...Object.fromEntries(url.searchParams) };
}

describe("Retry revocation server action", () => {
  let testDb: TestDb;
  let stub: StubServer;
  let alice: User;
  let bob: User;
  let connector: Connector;
  let pending: PendingRevocation;

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
    stub.reply((_request, res) => res.writeHead(503).end());
    connector = await createConnector(stub.url);
    await createConnection(alice.id, connector);
    const result = await disconnect(alice, connector.name);
    if (result.status !== "disconnected") throw new Error("not disconnected");
    pending = await db().pendingRevocation.findUniqueOrThrow({
      where: { id: result.revocationId! },
    });
    stub.requests.length = 0;
    session.user = alice;
  });

  const current = () => db().pendingRevocation.findUniqueOrThrow({ where: { id: pending.id } });

  it("runs an attempt now for the owner and shows the confirmation", async () => {
    stub.reply((_request, res) => res.writeHead(200).end());

    const landed = await retry({ revocation: pending.id });

    expect(landed).toEqual({
      path: "/connections",
      notice: "retried",
      connector: connector.name,
      remote: "revoked",
      revocation: pending.id,
    });
    expect(stub.requests).toHaveLength(1);
    expect(new URLSearchParams(stub.requests[0]!.body).get("token")).toBe(CANARY.refreshToken);
    expect(await current()).toMatchObject({
      status: "REVOKED",
      attempts: 2,
      refreshTokenEnc: null,
      accessTokenEnc: null,
    });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "connection.remote_revocation", actorId: alice.id },
      orderBy: { at: "desc" },
    });
    expect(audit.details).toMatchObject({ result: "revoked", trigger: "retry", attempts: 2 });
  });

  it("runs at once even before the next scheduled attempt, and says when it failed again", async () => {
    const landed = await retry({ revocation: pending.id });

    expect(landed).toMatchObject({ notice: "retried", remote: "failed", revocation: pending.id });
    expect(stub.requests).toHaveLength(1);
    expect(await current()).toMatchObject({ status: "PENDING", attempts: 2 });
  });

  it("does not let user B retry user A's revocation", async () => {
    session.user = bob;

    const landed = await retry({ revocation: pending.id });

    expect(landed).toEqual({ path: "/connections", notice: "retry_unavailable" });
    expect(stub.requests).toHaveLength(0);
    expect(await current()).toMatchObject({ status: "PENDING", attempts: 1, leaseUntil: null });
  });

  it("refuses extra fields such as another user's id", async () => {
    session.user = bob;

    const landed = await retry({ revocation: pending.id, userId: alice.id });

    expect(landed.notice).toBe("retry_unavailable");
    expect(stub.requests).toHaveLength(0);
  });

  it("sends nothing while another attempt holds the lease", async () => {
    await db().pendingRevocation.update({
      where: { id: pending.id },
      data: { leaseUntil: new Date(Date.now() + 60_000) },
    });

    const landed = await retry({ revocation: pending.id });

    expect(landed).toMatchObject({ notice: "retry_busy", connector: connector.name });
    expect(stub.requests).toHaveLength(0);
  });

  it("has nothing to retry once the revocation finished", async () => {
    await db().pendingRevocation.update({
      where: { id: pending.id },
      data: { status: "GAVE_UP", refreshTokenEnc: null, accessTokenEnc: null },
    });

    expect((await retry({ revocation: pending.id })).notice).toBe("retry_unavailable");
    expect(stub.requests).toHaveLength(0);
  });

  it("sends anonymous callers to sign in and changes nothing", async () => {
    session.user = null;

    const landed = await retry({ revocation: pending.id });

    expect(landed.path).toBe("/signin");
    expect(stub.requests).toHaveLength(0);
  });
});

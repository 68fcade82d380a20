import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { adminRevokeConnectionAction } from "@/app/admin/connections/actions";
import { requireAdmin } from "@/lib/auth/session";
import { parseAdminFilters } from "@/lib/connections/admin-filters";
import { listConnectionsForAdmin } from "@/lib/connections/list-for-admin";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Connection, Connector, User } from "@/lib/generated/prisma/client";
import {
  CANARY,
  createConnection,
  createConnector,
  createUser,
} from "@/lib/oauth/testing/fixtures";
import { startStubServer, type StubServer } from "@/lib/oauth/testing/stub-server";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

vi.mock("@/lib/auth/session", () => ({ requireAdmin: vi.fn() }));

/** Runs an action that ends in redirect() and returns where it redirected to. */
async function redirectOf(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => expect.fail("expected a redirect"),
    (thrown: { digest?: string }) => thrown,
  );

  return String(error.digest).split(";")[2]!;
}

function revokeForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);

  return form;
}

describe("admin connections page", () => {
  let testDb: TestDb;
  let stub: StubServer;
  let admin: User;
  let alice: User;
  let connector: Connector;
  let grant: Connection;

  beforeAll(async () => {
    testDb = await setupTestDb();
    stub = await startStubServer();
    admin = await db().user.create({
      data: {
        issuer: "http://idp.test",
        subject: "admin",
        email: "admin@acme.test",
        role: "ADMIN",
      },
    });
    alice = await createUser("alice@acme.test");
  });
  afterAll(async () => {
    await stub.close();
    await testDb.teardown();
  });
  beforeEach(async () => {
    stub.requests.length = 0;
    stub.reply((_request, res) => res.writeHead(200).end());
    vi.mocked(requireAdmin).mockResolvedValue(admin);
    connector = await createConnector(stub.url);
    grant = await createConnection(alice.id, connector);
  });

  it("revokes any user's grant, local first, audited with the admin as the actor", async () => {
    const location = await redirectOf(
      adminRevokeConnectionAction(revokeForm({ connection: grant.id })),
    );

    expect(location).toBe("/admin/connections?notice=revoked");
    expect(await db().connection.findUnique({ where: { id: grant.id } })).toBeNull();
    expect(new URLSearchParams(stub.requests[0]!.body).get("token")).toBe(CANARY.refreshToken);
    const audit = await db().auditEvent.findMany({
      where: { target: `connector:${connector.name}` },
      orderBy: { at: "asc" },
    });
    expect(audit.map((event) => [event.action, event.actorId, event.outcome])).toEqual([
      ["connection.revoked", admin.id, "success"],
      ["connection.remote_revocation", admin.id, "success"],
    ]);
    expect(audit[0]!.details).toMatchObject({ userId: alice.id, connectionId: grant.id });
  });

  it("says when the provider did not confirm, and leaves a pending revocation", async () => {
    stub.reply((_request, res) => res.writeHead(503).end());

    const location = await redirectOf(
      adminRevokeConnectionAction(revokeForm({ connection: grant.id })),
    );

    expect(location).toBe("/admin/connections?notice=not_confirmed");
    expect(await db().connection.findUnique({ where: { id: grant.id } })).toBeNull();
    expect(
      await db().pendingRevocation.findFirst({ where: { connectorId: connector.id } }),
    ).toMatchObject({ status: "PENDING", userId: alice.id, attempts: 1 });
  });

  it("refuses non-admins and changes nothing", async () => {
    vi.mocked(requireAdmin).mockRejectedValue(
      new AppError("forbidden", "admin role required", "Only administrators can do this."),
    );

    const location = await redirectOf(
      adminRevokeConnectionAction(revokeForm({ connection: grant.id })),
    );

    expect(location).toBe("/admin/connections");
    expect(await db().connection.findUnique({ where: { id: grant.id } })).not.toBeNull();
    expect(stub.requests).toHaveLength(0);
    expect(await db().auditEvent.count({ where: { target: `connector:${connector.name}` } })).toBe(
      0,
    );
  });

  it.each<Record<string, string>>([
    { connection: "not-a-uuid" },
    { connection: crypto.randomUUID(), userId: "x" },
  ])("refuses malformed input %j", async (fields) => {
    const location = await redirectOf(adminRevokeConnectionAction(revokeForm(fields)));

    expect(location).toBe("/admin/connections?notice=revoke_error");
    expect(await db().connection.findUnique({ where: { id: grant.id } })).not.toBeNull();
  });

  it("reports a grant that is already gone", async () => {
    const location = await redirectOf(
      adminRevokeConnectionAction(revokeForm({ connection: crypto.randomUUID() })),
    );

    expect(location).toBe("/admin/connections?notice=not_connected");
  });

  it("lists every user's grants with health, filtered by connector and state", async () => {
    const bob = await createUser(`bob${Date.now()}@acme.test`);
    const other = await createConnector(stub.url);
    const failing = await createConnection(bob.id, connector);
    await db().connection.update({
      where: { id: failing.id },
      data: { lastRefreshAt: new Date(), lastRefreshOk: false, lastError: "provider_timeout: x" },
    });
    const broken = await createConnection(alice.id, other);
    await db().connection.update({
      where: { id: broken.id },
      data: { status: "NEEDS_REAUTH", reauthReason: "invalid_grant" },
    });
    const filtered = (query: Record<string, string>) =>
      listConnectionsForAdmin(parseAdminFilters(query).filters);

    const byConnector = await filtered({ connector: connector.name });
    expect(byConnector.map((row) => [row.userEmail, row.state])).toEqual([
      ["alice@acme.test", "connected"],
      [bob.email, "refresh_failed"],
    ]);
    expect(byConnector[1]).toMatchObject({
      lastRefreshOk: false,
      lastError: "provider_timeout: x",
    });
    expect((await filtered({ state: "needs_reconnect" })).map((row) => row.id)).toEqual([
      broken.id,
    ]);
    expect(
      (await filtered({ connector: connector.name, state: "connected" })).map((row) => row.id),
    ).toEqual([grant.id]);
    expect(JSON.stringify(byConnector)).not.toContain(CANARY.accessToken);
  });

  it.each([
    [{ state: "pwned" }, { connector: undefined, state: undefined }, true],
    [{ connector: "<script>", state: "connected" }, { state: "connected" }, true],
    [{ connector: "", state: "" }, {}, false],
    [{ connector: "acme_1", notice: "revoked" }, { connector: "acme_1" }, false],
  ])("reads the filters %j as %j (ignored: %s)", (query, filters, ignored) => {
    const parsed = parseAdminFilters(query);

    expect(parsed.filters).toEqual(JSON.parse(JSON.stringify(filters)));
    expect(parsed.ignored).toBe(ignored);
  });
});

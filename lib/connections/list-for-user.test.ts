import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listConnectionsForUser } from "@/lib/connections/list-for-user";
import { db } from "@/lib/db/client";
import {
  CANARY,
  createConnection,
  createConnector,
  createUser,
} from "@/lib/oauth/testing/fixtures";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

describe("connections page data", () => {
  let testDb: TestDb;

  beforeAll(async () => {
    testDb = await setupTestDb();
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  it("lists live connectors with the user's state and never a token", async () => {
    const alice = await createUser("alice@acme.test");
    const bob = await createUser("bob@acme.test");
    const calendar = await createConnector("http://127.0.0.1:9", { displayName: "B Calendar" });
    const tickets = await createConnector("http://127.0.0.1:9", { displayName: "C Tickets" });
    const drive = await createConnector("http://127.0.0.1:9", { displayName: "A Drive" });
    const gone = await createConnector("http://127.0.0.1:9", { deletedAt: new Date() });
    await createConnection(alice.id, calendar);
    const broken = await createConnection(alice.id, tickets);
    await db().connection.update({ where: { id: broken.id }, data: { status: "NEEDS_REAUTH" } });
    await createConnection(bob.id, drive);
    await createConnection(alice.id, gone);

    const cards = await listConnectionsForUser(alice.id);

    expect(cards.map((card) => [card.displayName, card.state.kind])).toEqual([
      ["A Drive", "not_connected"],
      ["B Calendar", "connected"],
      ["C Tickets", "needs_reconnect"],
    ]);
    expect(cards[1]!.state).toMatchObject({ scopes: ["read", "write"] });
    const serialized = JSON.stringify(cards);
    expect(serialized).not.toContain(CANARY.accessToken);
    expect(serialized).not.toMatch(/TokenEnc|v1:/);
  });

  it("shows each grant's health: last refresh, a passing failure, or why to reconnect", async () => {
    const carol = await createUser("carol@acme.test");
    const fine = await createConnector("http://127.0.0.1:9", { displayName: "D Fine" });
    const flaky = await createConnector("http://127.0.0.1:9", { displayName: "E Flaky" });
    const dead = await createConnector("http://127.0.0.1:9", { displayName: "F Dead" });
    const refreshedAt = new Date("2026-11-30T08:15:00Z");
    const rows = await Promise.all([fine, flaky, dead].map((c) => createConnection(carol.id, c)));
    await db().connection.update({
      where: { id: rows[0]!.id },
      data: { lastRefreshAt: refreshedAt, lastRefreshOk: true },
    });
    await db().connection.update({
      where: { id: rows[1]!.id },
      data: { lastRefreshAt: refreshedAt, lastRefreshOk: false, lastError: "provider_unavailable" },
    });
    await db().connection.update({
      where: { id: rows[2]!.id },
      data: { status: "NEEDS_REAUTH", reauthReason: "invalid_grant" },
    });

    const cards = await listConnectionsForUser(carol.id);
    const state = (name: string) => cards.find((card) => card.displayName === name)!.state;

    expect(state("D Fine")).toMatchObject({
      kind: "connected",
      lastRefreshAt: refreshedAt.toISOString(),
      lastRefreshFailed: false,
    });
    expect(state("E Flaky")).toMatchObject({ kind: "connected", lastRefreshFailed: true });
    expect(state("F Dead")).toMatchObject({
      kind: "needs_reconnect",
      reason: "the provider no longer accepts this grant (it expired or was revoked there)",
    });
    expect(JSON.stringify(cards)).not.toContain("provider_unavailable");
  });
});

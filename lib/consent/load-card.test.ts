import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelConsentSession } from "@/lib/consent/cancel";
import { progressText } from "@/lib/consent/card-view";
import { createConsentSession } from "@/lib/consent/create-consent-session";
import { loadConsentCard } from "@/lib/consent/load-card";
import { createApiClient, grant } from "@/lib/consent/testing/fixtures";
import { db } from "@/lib/db/client";
import type { ApiClient, Connector, User } from "@/lib/generated/prisma/client";
import { createConnector, createUser } from "@/lib/oauth/testing/fixtures";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

const T0 = new Date("2026-12-03T10:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe("loadConsentCard", () => {
  let testDb: TestDb;
  let alice: User;
  let bob: User;
  let client: ApiClient;
  let calendar: Connector;
  let tickets: Connector;
  let drive: Connector;

  beforeAll(async () => {
    testDb = await setupTestDb();
    alice = await createUser("alice@acme.test");
    bob = await createUser("bob@acme.test");
    client = await createApiClient();
    calendar = await createConnector("http://127.0.0.1:9", { displayName: "Acme Calendar" });
    tickets = await createConnector("http://127.0.0.1:9", {
      displayName: "Acme Tickets",
      displayDescription: "Files and tracks tickets",
    });
    drive = await createConnector("http://127.0.0.1:9", { displayName: "Acme Drive" });
  });
  afterAll(async () => {
    await testDb.teardown();
  });

  const open = (connectors: Connector[], user = alice) =>
    createConsentSession({
      userId: user.id,
      apiClientId: client.id,
      plugin: "file_ticket",
      connectorIds: connectors.map((connector) => connector.id),
      message: "Acme Tickets isn't connected for your account yet",
      resume: { url: "https://assistant.test/resume", payload: { secret: "not-for-the-card" } },
      now: T0,
    });

  it("shows the owner every required connector with its state and the progress", async () => {
    const { id } = await open([calendar, tickets]);
    await grant(alice.id, calendar.id);

    const card = await loadConsentCard(id, alice.id, at(5));

    expect(card).toEqual({
      kind: "found",
      view: {
        id,
        plugin: "file_ticket",
        message: "Acme Tickets isn't connected for your account yet",
        status: "PENDING",
        expiresAt: at(30).toISOString(),
        connectors: [
          {
            name: calendar.name,
            displayName: "Acme Calendar",
            description: "Test connector",
            state: "connected",
          },
          {
            name: tickets.name,
            displayName: "Acme Tickets",
            description: "Files and tracks tickets",
            state: "missing",
          },
        ],
        progress: { connected: 1, total: 2 },
      },
    });
    expect(card.kind === "found" && progressText(card.view.progress)).toBe("1 of 2 connected");
    expect(JSON.stringify(card)).not.toContain("not-for-the-card");
    expect(JSON.stringify(card)).not.toContain("assistant.test");
  });

  it("refuses another signed-in user", async () => {
    const { id } = await open([calendar]);

    expect(await loadConsentCard(id, bob.id, at(1))).toEqual({ kind: "forbidden" });
  });

  it.each(["9f1c1a52-0000-4000-8000-000000000000", "not-a-uuid", "../admin"])(
    "answers not_found for %j",
    async (id) => {
      expect(await loadConsentCard(id, alice.id)).toEqual({ kind: "not_found" });
    },
  );

  it("shows needs_reauth, scopes_changed and a removed connector", async () => {
    const { id } = await open([calendar, tickets, drive], bob);
    await grant(bob.id, calendar.id, { status: "NEEDS_REAUTH" });
    await grant(bob.id, tickets.id, { grantedScopes: "read" });
    await db().connector.update({ where: { id: drive.id }, data: { deletedAt: T0 } });

    const card = await loadConsentCard(id, bob.id, at(1));

    expect(card.kind === "found" && card.view.connectors.map((row) => row.state)).toEqual([
      "needs_reauth",
      "scopes_changed",
      "unavailable",
    ]);
    expect(card.kind === "found" && card.view.progress).toEqual({ connected: 0, total: 3 });
    await db().connector.update({ where: { id: drive.id }, data: { deletedAt: null } });
  });

  it("shows a pending session past its 30 minutes as EXPIRED", async () => {
    const { id } = await open([tickets]);

    const before = await loadConsentCard(id, alice.id, at(29));
    const after = await loadConsentCard(id, alice.id, at(30));

    expect(before.kind === "found" && before.view.status).toBe("PENDING");
    expect(after.kind === "found" && after.view.status).toBe("EXPIRED");
  });

  it("shows a declined session as CANCELLED", async () => {
    const { id } = await open([tickets]);
    await cancelConsentSession({ consentSessionId: id, userId: alice.id, now: at(1) });

    const card = await loadConsentCard(id, alice.id, at(2));

    expect(card.kind === "found" && card.view.status).toBe("CANCELLED");
  });
});

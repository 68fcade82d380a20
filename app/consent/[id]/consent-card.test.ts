import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import ConsentPage from "@/app/consent/[id]/page";
import { GET } from "@/app/consent/[id]/status/route";
import { createConsentSession } from "@/lib/consent/create-consent-session";
import { createApiClient, grant } from "@/lib/consent/testing/fixtures";
import { AppError } from "@/lib/errors";
import type { Connector, User } from "@/lib/generated/prisma/client";
import { createConnector, createUser } from "@/lib/oauth/testing/fixtures";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

const session = vi.hoisted(() => ({ user: null as { id: string } | null }));

vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => {
    if (!session.user) throw new AppError("unauthenticated", "not signed in");
    return session.user;
  },
  requireUserPage: async (returnTo: string) => {
    if (!session.user) throw new Error(`REDIRECT /signin?callbackUrl=${returnTo}`);
    return session.user;
  },
}));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
  forbidden: () => {
    throw new Error("FORBIDDEN");
  },
}));

const status = (id: string) =>
  GET(new Request(`http://localhost:3000/consent/${id}/status`), {
    params: Promise.resolve({ id }),
  });
const page = (id: string) => ConsentPage({ params: Promise.resolve({ id }) });

describe("consent card page and its status route", () => {
  let testDb: TestDb;
  let alice: User;
  let bob: User;
  let calendar: Connector;
  let tickets: Connector;
  let id: string;

  beforeAll(async () => {
    testDb = await setupTestDb();
    alice = await createUser("alice@acme.test");
    bob = await createUser("bob@acme.test");
    calendar = await createConnector("http://127.0.0.1:9");
    tickets = await createConnector("http://127.0.0.1:9");
    const client = await createApiClient();
    ({ id } = await createConsentSession({
      userId: alice.id,
      apiClientId: client.id,
      plugin: "file_ticket",
      connectorIds: [calendar.id, tickets.id],
      message: "Grant access and I'll continue",
    }));
  });
  afterAll(async () => {
    await testDb.teardown();
  });
  beforeEach(() => {
    session.user = alice;
  });

  it("renders the card for its owner with the live view as initial props", async () => {
    const element = await page(id);

    expect(element.props.initial).toMatchObject({
      id,
      status: "PENDING",
      progress: { connected: 0, total: 2 },
    });
  });

  it("sends anonymous visitors to sign in and back to the card", async () => {
    session.user = null;

    await expect(page(id)).rejects.toThrow(`REDIRECT /signin?callbackUrl=/consent/${id}`);
  });

  it("gives another user the 403 page and an unknown id the 404 page", async () => {
    session.user = bob;

    await expect(page(id)).rejects.toThrow("FORBIDDEN");
    await expect(page(crypto.randomUUID())).rejects.toThrow("NOT_FOUND");
  });

  it("answers the owner's poll with fresh progress, never cached", async () => {
    const before = await status(id);
    await grant(alice.id, calendar.id);
    const after = await status(id);

    expect(before.headers.get("cache-control")).toBe("no-store");
    expect((await before.json()).progress).toEqual({ connected: 0, total: 2 });
    expect((await after.json()).progress).toEqual({ connected: 1, total: 2 });
  });

  it.each<[string, () => User | null, string, number]>([
    ["anonymous", () => null, "", 401],
    ["another user", () => bob, "", 403],
    ["an unknown id", () => alice, crypto.randomUUID(), 404],
  ])("refuses the poll of %s", async (_label, who, otherId, code) => {
    session.user = who();

    const response = await status(otherId || id);

    expect(response.status).toBe(code);
    expect(JSON.stringify(await response.json())).not.toContain("file_ticket");
  });
});

import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/connect/[connector]/route";
import { createConsentSession } from "@/lib/consent/create-consent-session";
import { createApiClient } from "@/lib/consent/testing/fixtures";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Connector, User } from "@/lib/generated/prisma/client";
import { createConnector, createUser } from "@/lib/oauth/testing/fixtures";
import { hashSecret } from "@/lib/oauth/state";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

const session = vi.hoisted(() => ({ user: null as { id: string } | null }));

vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => {
    if (!session.user) throw new AppError("unauthenticated", "not signed in");
    return session.user;
  },
}));
vi.mock("@/lib/org/redirect-uri", () => ({
  redirectUri: async () => "http://localhost:3000/auth/oauthCallback",
}));

function get(connector: Connector, consent: string) {
  const request = new NextRequest(
    `http://localhost:3000/connect/${connector.name}?consent=${encodeURIComponent(consent)}`,
  );

  return GET(request, { params: Promise.resolve({ connector: connector.name }) });
}

describe("GET /connect/[connector]?consent=<id>", () => {
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
      plugin: "find_slots",
      connectorIds: [calendar.id],
      message: "Grant access",
    }));
  });
  afterAll(async () => {
    await testDb.teardown();
  });
  beforeEach(async () => {
    session.user = alice;
    await db().authorizationRequest.deleteMany();
  });

  it("starts the grant for the card's owner and brings them back to the card", async () => {
    const response = await get(calendar, id);

    expect(response.status).toBe(302);
    const state = new URL(response.headers.get("location")!).searchParams.get("state")!;
    const row = await db().authorizationRequest.findUniqueOrThrow({
      where: { stateHash: hashSecret(state) },
    });
    expect(row).toMatchObject({ consentSessionId: id, returnTo: `/consent/${id}` });
  });

  it.each<[string, () => User, () => Connector]>([
    ["another user", () => bob, () => calendar],
    ["a connector the card does not list", () => alice, () => tickets],
  ])("sends %s back to the card without starting a grant", async (_label, who, connector) => {
    session.user = who();

    const response = await get(connector(), id);

    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/consent/${id}`);
    expect(await db().authorizationRequest.count()).toBe(0);
  });

  it("answers a malformed card id with the grant error notice", async () => {
    const response = await get(calendar, "../admin");

    expect(response.headers.get("location")).toBe("/connections?notice=grant_error");
    expect(await db().authorizationRequest.count()).toBe(0);
  });

  it("keeps the card id through sign-in", async () => {
    session.user = null;

    const response = await get(calendar, id);

    const location = new URL(response.headers.get("location")!, "http://localhost:3000");
    const back = new URL(location.searchParams.get("callbackUrl")!, "http://localhost:3000");
    expect(back.pathname).toBe(`/connect/${calendar.name}`);
    expect(back.searchParams.get("consent")).toBe(id);
  });
});

import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as connect } from "@/app/connect/[connector]/route";
import { GET as callback } from "@/app/auth/oauthCallback/route";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Connector, User } from "@/lib/generated/prisma/client";
import { CANARY, createConnector, createUser } from "@/lib/oauth/testing/fixtures";
import { json, startStubServer, type StubServer } from "@/lib/oauth/testing/stub-server";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";

const session = vi.hoisted(() => ({ user: null as { id: string } | null }));

vi.mock("@/lib/auth/session", () => ({
  currentUser: async () => session.user,
  requireUser: async () => {
    if (!session.user) throw new AppError("unauthenticated", "not signed in");
    return session.user;
  },
}));
vi.mock("@/lib/org/redirect-uri", () => ({
  redirectUri: async () => "http://localhost:3000/auth/oauthCallback",
}));

const BASE = "http://localhost:3000";

describe("GET /auth/oauthCallback", () => {
  let testDb: TestDb;
  let stub: StubServer;
  let alice: User;
  let connector: Connector;

  beforeAll(async () => {
    testDb = await setupTestDb();
    stub = await startStubServer((_request, res) =>
      json(res, 200, { access_token: CANARY.accessToken, token_type: "Bearer" }),
    );
    alice = await createUser("alice@acme.test");
    connector = await createConnector(stub.url);
  });
  afterAll(async () => {
    await stub.close();
    await testDb.teardown();
  });
  beforeEach(() => {
    session.user = alice;
  });

  /** Starts a grant through the route and returns the state and the binding cookie. */
  async function start() {
    const response = await connect(
      new NextRequest(`${BASE}/connect/${connector.name}?returnTo=/consent/7`),
      { params: Promise.resolve({ connector: connector.name }) },
    );
    const state = new URL(response.headers.get("location")!).searchParams.get("state")!;

    return { state, cookie: `latchkey-flow=${response.cookies.get("latchkey-flow")!.value}` };
  }

  function land(query: string, cookie?: string) {
    return callback(
      new NextRequest(`${BASE}/auth/oauthCallback?${query}`, {
        headers: cookie ? { cookie } : {},
      }),
    );
  }

  it("answers 303 to the result page, uncached and without a Referer", async () => {
    const { state, cookie } = await start();

    const response = await land(`code=code-canary&state=${state}`, cookie);

    expect(response.status).toBe(303);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("location")).toBe(
      `/connections/result?status=connected&connector=${connector.name}&returnTo=%2Fconsent%2F7`,
    );
  });

  it("refuses a browser without the binding cookie and puts only a code in the URL", async () => {
    const { state } = await start();

    const response = await land(`code=code-canary&state=${state}`);

    const location = response.headers.get("location")!;
    expect(location).toBe("/connections/result?status=failed&code=state_other_session");
    expect(location).not.toContain("code-canary");
    expect(location).not.toContain(state);
  });

  it("answers a malformed callback with a result page, never an error status", async () => {
    const failures = () => db().auditEvent.count({ where: { action: "connection.grant_failed" } });
    const before = await failures();

    const response = await land("state=a&state=b&code=x");

    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(
      "/connections/result?status=failed&code=state_invalid",
    );
    expect(await failures()).toBe(before + 1);
  });
});

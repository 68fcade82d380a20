import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/connect/[connector]/route";
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

function get(path: string, cookie?: string) {
  const request = new NextRequest(`http://localhost:3000${path}`, {
    headers: cookie ? { cookie } : {},
  });
  const name = decodeURIComponent(new URL(request.url).pathname.split("/")[2] ?? "");

  return GET(request, { params: Promise.resolve({ connector: name }) });
}

describe("GET /connect/[connector]", () => {
  let testDb: TestDb;
  let alice: User;
  let connector: Connector;

  beforeAll(async () => {
    testDb = await setupTestDb();
    alice = await createUser("alice@acme.test");
    connector = await createConnector("http://127.0.0.1:9");
  });
  afterAll(async () => {
    await testDb.teardown();
  });
  beforeEach(() => {
    session.user = alice;
  });

  it("sends an anonymous visitor to sign in and back here", async () => {
    session.user = null;

    const response = await get(`/connect/${connector.name}?returnTo=/consent/1`);

    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!, "http://localhost:3000");
    expect(location.pathname).toBe("/signin");
    expect(location.searchParams.get("callbackUrl")).toBe(
      `/connect/${connector.name}?returnTo=%2Fconsent%2F1`,
    );
    expect(await db().authorizationRequest.count()).toBe(0);
  });

  it.each(["no_such_connector", "bad name!", "x"])(
    "answers the unknown connector %j with a notice, not an error",
    async (name) => {
      const response = await get(`/connect/${encodeURIComponent(name)}`);

      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/connections?notice=unknown_connector");
    },
  );

  it("redirects to the provider and binds the flow to this browser with a cookie", async () => {
    const response = await get(`/connect/${connector.name}?returnTo=//evil.com`);

    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe("http://127.0.0.1:9/authorize");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const cookie = response.cookies.get("latchkey-flow")!;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    const row = await db().authorizationRequest.findUniqueOrThrow({
      where: { stateHash: hashSecret(location.searchParams.get("state")!) },
    });
    expect(row.sessionHash).toBe(hashSecret(cookie.value));
    expect(row.returnTo).toBe("/connections");
  });

  it("keeps an existing browser binding so parallel flows in several tabs all work", async () => {
    const existing = "k".repeat(43);

    const response = await get(`/connect/${connector.name}`, `latchkey-flow=${existing}`);

    expect(response.cookies.get("latchkey-flow")!.value).toBe(existing);
  });
});

import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import type { Connector, User } from "@/lib/generated/prisma/client";
import { AUTHORIZATION_TTL_MS, startAuthorization } from "@/lib/oauth/authorize";
import { createConnector, createUser, REDIRECT_URI } from "@/lib/oauth/testing/fixtures";
import { hashSecret } from "@/lib/oauth/state";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";
import { aad, open } from "@/lib/vault";

vi.mock("@/lib/org/redirect-uri", () => ({
  redirectUri: async () => "http://localhost:3000/auth/oauthCallback",
}));

const BASE = "http://127.0.0.1:9";
const BINDING = "b".repeat(43);
const PROTOCOL_PARAMS = [
  "response_type",
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
  "access_type",
];

describe("grant start (authorize URL and stored request)", () => {
  let testDb: TestDb;
  let user: User;
  let connector: Connector;

  beforeAll(async () => {
    testDb = await setupTestDb();
    user = await createUser("alice@acme.test");
  });
  afterAll(async () => {
    await testDb.teardown();
  });
  beforeEach(async () => {
    connector = await createConnector(BASE);
  });

  async function start(name = connector.name, returnTo?: string) {
    const { url } = await startAuthorization({
      userId: user.id,
      connectorName: name,
      sessionBinding: BINDING,
      returnTo,
    });
    const parsed = new URL(url);
    const state = parsed.searchParams.get("state")!;
    const row = await db().authorizationRequest.findUniqueOrThrow({
      where: { stateHash: hashSecret(state) },
    });

    return { url: parsed, state, row };
  }

  it("carries every protocol parameter exactly once with the expected values", async () => {
    const { url } = await start();

    for (const key of PROTOCOL_PARAMS) expect(url.searchParams.getAll(key)).toHaveLength(1);
    expect(`${url.origin}${url.pathname}`).toBe(`${BASE}/authorize`);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("client_id")).toBe("latchkey-client");
    expect(url.searchParams.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(url.searchParams.get("scope")).toBe("read write");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("access_type")).toBe("offline");
  });

  it("merges admin params with the URL's own query string and never lets them override ours", async () => {
    const quirky = await createConnector(BASE, {
      authorizationUrl: `${BASE}/authorize?tenant=acme&prompt=none&state=evil&response_type=token`,
      authorizeParams: [
        { key: "prompt", value: "consent" },
        { key: "audience", value: "calendar" },
        { key: "redirect_uri", value: "https://evil.example/cb" },
        { key: "code_challenge_method", value: "plain" },
      ],
      scopes: "a,b c",
      scopeSeparator: ",",
    });

    const { url, state } = await start(quirky.name);

    for (const key of PROTOCOL_PARAMS) expect(url.searchParams.getAll(key)).toHaveLength(1);
    expect(url.searchParams.getAll("prompt")).toEqual(["consent"]);
    expect(url.searchParams.get("tenant")).toBe("acme");
    expect(url.searchParams.get("audience")).toBe("calendar");
    expect(url.searchParams.get("state")).toBe(state);
    expect(state).not.toBe("evil");
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("scope")).toBe("a,b,c");
  });

  it("sends code_challenge = b64url(sha256(verifier)) and stores the verifier only encrypted", async () => {
    const { url, row } = await start();

    const verifier = open(row.verifierEnc, aad.verifier(row.id));
    const expected = createHash("sha256").update(verifier).digest("base64url");
    expect(url.searchParams.get("code_challenge")).toBe(expected);
    expect(expected).toHaveLength(43);
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    expect(row.verifierEnc).not.toContain(verifier);
    expect(url.href).not.toContain(verifier);
  });

  it("uses an unguessable state and stores only its hash", async () => {
    const flows = await Promise.all(Array.from({ length: 20 }, () => start()));
    const states = flows.map((flow) => flow.state);

    expect(new Set(states).size).toBe(states.length);
    for (const { state, row } of flows) {
      expect(state).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect(row.stateHash).toBe(createHash("sha256").update(state).digest("base64url"));
      expect(JSON.stringify(row)).not.toContain(state);
    }
  });

  it("binds the request to user, browser, connector version, redirect URI and a 10-minute life", async () => {
    const before = Date.now();
    const { row } = await start(connector.name, "/consent/abc?x=1");

    expect(row.userId).toBe(user.id);
    expect(row.sessionHash).toBe(hashSecret(BINDING));
    expect(row.connectorId).toBe(connector.id);
    expect(row.connectorVersion).toBe(connector.version);
    expect(row.redirectUri).toBe(REDIRECT_URI);
    expect(row.returnTo).toBe("/consent/abc?x=1");
    expect(row.usedAt).toBeNull();
    expect(row.expiresAt.getTime() - before).toBeGreaterThanOrEqual(AUTHORIZATION_TTL_MS - 1000);
    expect(row.expiresAt.getTime() - before).toBeLessThanOrEqual(AUTHORIZATION_TTL_MS + 1000);
  });

  it.each(["https://evil.com", "//evil.com", "/\\evil.com", "javascript:alert(1)"])(
    "replaces the unsafe return path %s with /connections",
    async (returnTo) => {
      const { row } = await start(connector.name, returnTo);

      expect(row.returnTo).toBe("/connections");
    },
  );

  it("refuses unknown and deleted connectors with not_found", async () => {
    await db().connector.update({ where: { id: connector.id }, data: { deletedAt: new Date() } });

    for (const name of ["no_such_connector", connector.name]) {
      const error = await start(name).catch((thrown: unknown) => thrown);
      expect(isAppError(error) && error.code).toBe("not_found");
    }
  });

  it("purges long-expired requests when a grant starts", async () => {
    const { row } = await start();
    await db().authorizationRequest.update({
      where: { id: row.id },
      data: { expiresAt: new Date(Date.now() - 2 * 60 * 60 * 1000) },
    });

    await start();

    expect(await db().authorizationRequest.findUnique({ where: { id: row.id } })).toBeNull();
  });
});

import { randomBytes } from "node:crypto";
import type * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_PASSWORD } from "@/demo/accounts";
import { startDemoServers, type DemoServers, type DemoSystemInfo } from "@/demo/start-demo";
import { TestBrowser } from "@/demo/testing/browser";
import { discover } from "@/demo/testing/flow";
import { disconnect } from "@/lib/connections/disconnect";
import { db } from "@/lib/db/client";
import type { Connector, User } from "@/lib/generated/prisma/client";
import { startAuthorization } from "@/lib/oauth/authorize";
import { handleCallback } from "@/lib/oauth/callback";
import { createConnector, createUser } from "@/lib/oauth/testing/fixtures";
import { setupTestDb, type TestDb } from "@/lib/testing/test-db";
import { aad, open, seal } from "@/lib/vault";

const APP = "http://localhost:3000";

vi.mock("@/lib/org/redirect-uri", () => ({
  redirectUri: async () => "http://localhost:3000/auth/oauthCallback",
}));

const BINDING = "d".repeat(43);
const secret = () => randomBytes(24).toString("base64url");

/** Grant, use and revoke against the real demo providers (oidc-provider) on loopback. */
describe("grant and revoke against the demo providers", () => {
  let testDb: TestDb;
  let servers: DemoServers;
  let alice: User;

  beforeAll(async () => {
    testDb = await setupTestDb();
    servers = await startDemoServers({
      publicBaseUrl: APP,
      secrets: {
        idpClientSecret: secret(),
        calendarClientSecret: secret(),
        ticketsClientSecret: secret(),
        spareClientSecret: secret(),
        cookieKey: secret(),
      },
      ports: { idp: 0, calendar: 0, tickets: 0 },
      accessTokenTtl: 3600,
    });
    alice = await createUser("alice@acme.test");
  });
  afterAll(async () => {
    await servers.close();
    await testDb.teardown();
  });

  async function connectorFor(system: DemoSystemInfo, revokeAuth: Connector["revokeAuth"]) {
    const as: oauth.AuthorizationServer = await discover(system.issuer);
    const id = crypto.randomUUID();

    return createConnector(system.issuer, {
      id,
      authorizationUrl: as.authorization_endpoint!,
      tokenUrl: as.token_endpoint!,
      revokeUrl: as.revocation_endpoint!,
      clientId: system.clientId,
      clientSecretEnc: seal(system.clientSecret, aad.clientSecret(id)),
      clientAuth: system.clientAuth,
      revokeAuth,
      scopes: system.scopes.join(" "),
      tokenRequestData: [],
    });
  }

  /** Drives the provider's login and consent pages like a person, then lands on our callback. */
  async function grant(connector: Connector, decision: "allow" | "deny" = "allow") {
    const { url } = await startAuthorization({
      userId: alice.id,
      connectorName: connector.name,
      sessionBinding: BINDING,
    });
    const browser = new TestBrowser();
    let step = await browser.follow(url, APP);
    if (step.html?.includes('name="password"')) {
      const login = { account: "acme-alice", password: DEMO_PASSWORD };
      step = await browser.submit(step.url, step.html, login, APP);
    }
    if (step.html?.includes('name="decision"')) {
      step = await browser.submit(step.url, step.html, { decision }, APP);
    }
    const callback = new URL(step.url);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${APP}/auth/oauthCallback`);
    // RFC 9207: the provider names itself, and Latchkey's issuer (the origin) must match it.
    expect(callback.searchParams.get("iss")).toBe(new URL(connector.authorizationUrl).origin);

    return handleCallback({ query: callback.searchParams, user: alice, sessionBinding: BINDING });
  }

  async function callApi(system: DemoSystemInfo, connector: Connector) {
    const row = await db().connection.findUniqueOrThrow({
      where: { userId_connectorId: { userId: alice.id, connectorId: connector.id } },
    });
    const token = open(row.accessTokenEnc, aad.accessToken(alice.id, connector.id));

    return { token, status: (await fetch(system.apiUrl, bearer(token))).status };
  }

  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  it.each([
    ["Acme Calendar (client_secret_basic)", "calendar", "basic"],
    ["Acme Tickets (client_secret_post)", "tickets", "post"],
  ] as const)("%s: grant works, the token opens the API, revoke closes it", async (...args) => {
    const [, key, revokeAuth] = args;
    const system = servers[key];
    const connector = await connectorFor(system, revokeAuth);

    const result = await grant(connector);

    expect(result).toMatchObject({ status: "connected", connector: connector.name });
    const stored = await db().connection.findFirstOrThrow({ where: { connectorId: connector.id } });
    expect(stored.refreshTokenEnc).not.toBeNull();
    expect(stored.grantedScopes.split(" ").sort()).toEqual([...system.scopes].sort());
    const { token, status } = await callApi(system, connector);
    expect(status).toBe(200);

    const revoked = await disconnect(alice, connector.name);

    expect(revoked).toEqual({
      status: "disconnected",
      connector: connector.name,
      remote: "revoked",
      revocationId: expect.any(String),
    });
    expect((await fetch(system.apiUrl, bearer(token))).status).toBe(401);
  });

  it("reports a declined consent as access_denied and stores nothing", async () => {
    const connector = await connectorFor(servers.calendar, "basic");

    const result = await grant(connector, "deny");

    expect(result).toMatchObject({ status: "failed", code: "access_denied" });
    expect(await db().connection.count({ where: { connectorId: connector.id } })).toBe(0);
  });
});

import { randomBytes } from "node:crypto";
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/demo/accounts";
import {
  demoAccessTtlFromEnv,
  demoPortsFromEnv,
  startDemoServers,
  type DemoServers,
} from "@/demo/start-demo";
import { TestBrowser } from "@/demo/testing/browser";
import { discover, insecure, obtainTokens, runAuthorization } from "@/demo/testing/flow";

const APP = "http://127.0.0.1:3999";
const REDIRECT_URI = `${APP}/auth/oauthCallback`;
const secret = () => randomBytes(24).toString("base64url");

let servers: DemoServers;
let calendarAs: oauth.AuthorizationServer;
let ticketsAs: oauth.AuthorizationServer;

async function callApi(url: string, accessToken?: string) {
  const response = await fetch(url, {
    headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
  });

  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function calendarFlow(account: string, extra: Partial<Parameters<typeof obtainTokens>[0]> = {}) {
  return obtainTokens({
    as: calendarAs,
    clientId: servers.calendar.clientId,
    clientAuth: oauth.ClientSecretBasic(servers.calendar.clientSecret),
    redirectUri: REDIRECT_URI,
    appBaseUrl: APP,
    scope: "calendar.read calendar.write",
    account,
    ...extra,
  });
}

beforeAll(async () => {
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
  calendarAs = await discover(servers.calendar.issuer);
  ticketsAs = await discover(servers.tickets.issuer);
});

afterAll(async () => {
  await servers?.close();
});

describe("demo third-party providers", () => {
  it("advertise S256 PKCE and a revocation endpoint in their discovery metadata", () => {
    for (const as of [calendarAs, ticketsAs]) {
      expect(as.code_challenge_methods_supported).toEqual(["S256"]);
      expect(as.revocation_endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/token\/revocation$/);
    }
    expect(calendarAs.scopes_supported).toEqual(
      expect.arrayContaining(["calendar.read", "calendar.write"]),
    );
  });

  it("Calendar: code flow with PKCE and access_type=offline, non-rotating refresh, revocation ends access", async () => {
    const tokens = await calendarFlow("acme-alice", { extraParams: { access_type: "offline" } });
    expect(tokens.scope).toBe("calendar.read calendar.write");
    expect(tokens.refresh_token).toBeTruthy();
    const api = await callApi(servers.calendar.apiUrl, tokens.access_token);
    expect(api.status).toBe(200);
    expect(api.body.account).toBe("alice@acme.test");

    const client = { client_id: servers.calendar.clientId };
    const auth = oauth.ClientSecretBasic(servers.calendar.clientSecret);
    const refresh = async (token: string) =>
      oauth.processRefreshTokenResponse(
        calendarAs,
        client,
        await oauth.refreshTokenGrantRequest(calendarAs, client, auth, token, insecure),
      );
    const first = await refresh(tokens.refresh_token!);
    const second = await refresh(tokens.refresh_token!);
    expect(first.refresh_token ?? tokens.refresh_token).toBe(tokens.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect((await callApi(servers.calendar.apiUrl, second.access_token)).status).toBe(200);

    await oauth.processRevocationResponse(
      await oauth.revocationRequest(calendarAs, client, auth, tokens.refresh_token!, {
        ...insecure,
        additionalParameters: { token_type_hint: "refresh_token" },
      }),
    );
    for (const accessToken of [tokens.access_token, first.access_token, second.access_token]) {
      expect(await callApi(servers.calendar.apiUrl, accessToken)).toEqual({
        status: 401,
        body: { error: "invalid_token" },
      });
    }
    await expect(refresh(tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("Tickets: client_secret_post, the refresh token rotates and the old one is rejected", async () => {
    const client = { client_id: servers.tickets.clientId };
    const auth = oauth.ClientSecretPost(servers.tickets.clientSecret);
    const tokens = await obtainTokens({
      as: ticketsAs,
      clientId: client.client_id,
      clientAuth: auth,
      redirectUri: REDIRECT_URI,
      appBaseUrl: APP,
      scope: "tickets.read",
      account: "acme-bob",
    });
    const api = await callApi(servers.tickets.apiUrl, tokens.access_token);
    expect(api).toMatchObject({ status: 200, body: { account: "bob@acme.test" } });

    const refresh = async (token: string) =>
      oauth.processRefreshTokenResponse(
        ticketsAs,
        client,
        await oauth.refreshTokenGrantRequest(ticketsAs, client, auth, token, insecure),
      );
    const rotated = await refresh(tokens.refresh_token!);
    expect(rotated.refresh_token).toBeTruthy();
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect((await callApi(servers.tickets.apiUrl, rotated.access_token)).status).toBe(200);

    await expect(refresh(tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
    // Reuse of a rotated token revokes the whole grant (RFC 9700 §4.14.2).
    expect((await callApi(servers.tickets.apiUrl, rotated.access_token)).status).toBe(401);
  });

  it.each([
    ["latchkey-tickets", "post"],
    ["latchkey-spare", "basic"],
  ] as const)(
    "Tickets client %s (client_secret_%s): revoking the refresh token makes the API answer 401",
    async (clientId, method) => {
      const secretFor =
        clientId === "latchkey-spare"
          ? servers.tickets.spareClientSecret
          : servers.tickets.clientSecret;
      const client = { client_id: clientId };
      const auth =
        method === "post" ? oauth.ClientSecretPost(secretFor) : oauth.ClientSecretBasic(secretFor);
      const tokens = await obtainTokens({
        as: ticketsAs,
        clientId,
        clientAuth: auth,
        redirectUri: REDIRECT_URI,
        appBaseUrl: APP,
        scope: "tickets.read tickets.write",
        account: "acme-alice",
      });
      expect((await callApi(servers.tickets.apiUrl, tokens.access_token)).status).toBe(200);

      await oauth.processRevocationResponse(
        await oauth.revocationRequest(ticketsAs, client, auth, tokens.refresh_token!, insecure),
      );
      expect(await callApi(servers.tickets.apiUrl, tokens.access_token)).toEqual({
        status: 401,
        body: { error: "invalid_token" },
      });
    },
  );

  it("refuses an authorization request without PKCE", async () => {
    const flow = await runAuthorization({
      as: calendarAs,
      clientId: servers.calendar.clientId,
      redirectUri: REDIRECT_URI,
      appBaseUrl: APP,
      scope: "calendar.read",
      account: "acme-alice",
      pkce: false,
    });
    expect(flow.callback.origin + flow.callback.pathname).toBe(REDIRECT_URI);
    expect(flow.callback.searchParams.get("error")).toBe("invalid_request");
    expect(flow.callback.searchParams.get("state")).toBe(flow.state);
  });

  it("Deny on the consent page returns error=access_denied to the redirect_uri", async () => {
    const flow = await runAuthorization({
      as: calendarAs,
      clientId: servers.calendar.clientId,
      redirectUri: REDIRECT_URI,
      appBaseUrl: APP,
      scope: "calendar.read",
      account: "acme-bob",
      decision: "deny",
    });
    expect(flow.callback.origin + flow.callback.pathname).toBe(REDIRECT_URI);
    expect(flow.callback.searchParams.get("error")).toBe("access_denied");
    expect(flow.callback.searchParams.get("code")).toBeNull();
  });

  it("shows the consent page with the requested scopes and Allow/Deny buttons", async () => {
    const browser = new TestBrowser();
    const flow = await runAuthorization({
      as: calendarAs,
      clientId: servers.calendar.clientId,
      redirectUri: REDIRECT_URI,
      appBaseUrl: APP,
      scope: "calendar.read",
      account: "acme-alice",
      decision: "allow",
      browser,
    });
    expect(flow.callback.searchParams.get("code")).toBeTruthy();
    // A second grant by the same person in the same browser needs no new login or consent.
    const again = await runAuthorization({ ...flowDefaults(), scope: "calendar.read", browser });
    expect(again.page.html).toBeUndefined();
    expect(again.callback.searchParams.get("code")).toBeTruthy();

    const fresh = new TestBrowser();
    const login = await fresh.follow(authorizeUrl("calendar.read calendar.write"), APP);
    const consent = await fresh.submit(
      login.url,
      login.html!,
      { account: "acme-bob", password: DEMO_PASSWORD },
      APP,
    );
    expect(consent.html).toContain("Allow Latchkey to access your Acme Calendar account?");
    expect(consent.html).toContain("<code>calendar.write</code>: Create and change events");
    expect(consent.html).toMatch(
      /<button type="submit" name="decision" value="allow">Allow<\/button>/,
    );
    expect(consent.html).toMatch(
      /<button type="submit" name="decision" value="deny">Deny<\/button>/,
    );
  });

  it("shows an error on the login page for a wrong password and lists the demo password", async () => {
    const browser = new TestBrowser();
    const login = await browser.follow(authorizeUrl("calendar.read"), APP);
    expect(login.html).toContain(`<code>${DEMO_PASSWORD}</code>`);
    expect(login.html).toContain("Ada Admin (admin@acme.test)");

    const failed = await browser.submit(
      login.url,
      login.html!,
      { account: "acme-bob", password: "not-the-password" },
      APP,
    );
    expect(failed.response?.status).toBe(401);
    expect(failed.html).toContain('role="alert"');
    expect(failed.html).toContain("Wrong password");
    expect(failed.html).toMatch(/value="acme-bob" checked/);
  });

  it("the protected endpoints answer 401 invalid_token without a valid bearer token", async () => {
    const tokens = await calendarFlow("acme-bob");
    for (const headerValue of [undefined, "Bearer", "Basic abc", "Bearer not-a-real-token"]) {
      const response = await fetch(servers.calendar.apiUrl, {
        headers: headerValue ? { authorization: headerValue } : {},
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: "invalid_token" });
    }
    // Each server keeps its own store: a Calendar token means nothing to Tickets.
    expect((await callApi(servers.tickets.apiUrl, tokens.access_token)).status).toBe(401);
    expect((await callApi(servers.calendar.apiUrl, tokens.access_token)).status).toBe(200);
  });

  it("serves the instructions page for removing access", async () => {
    const response = await fetch(servers.calendar.instructionsUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Remove an app's access");
  });
});

describe("demo provider settings", () => {
  it("access tokens stop working after the configured lifetime", async () => {
    const shortLived = await startDemoServers({
      publicBaseUrl: APP,
      secrets: {
        idpClientSecret: secret(),
        calendarClientSecret: "calendar-secret",
        ticketsClientSecret: secret(),
        spareClientSecret: secret(),
        cookieKey: secret(),
      },
      ports: { idp: 0, calendar: 0, tickets: 0 },
      accessTokenTtl: 1,
    });
    try {
      const as = await discover(shortLived.calendar.issuer);
      const tokens = await obtainTokens({
        as,
        clientId: shortLived.calendar.clientId,
        clientAuth: oauth.ClientSecretBasic("calendar-secret"),
        redirectUri: REDIRECT_URI,
        appBaseUrl: APP,
        scope: "calendar.read",
        account: "acme-alice",
      });
      expect(tokens.expires_in).toBe(1);
      expect((await callApi(shortLived.calendar.apiUrl, tokens.access_token)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await callApi(shortLived.calendar.apiUrl, tokens.access_token)).status).toBe(401);
    } finally {
      await shortLived.close();
    }
  });

  it("reads ports and access-token lifetime from the environment, naming bad variables", () => {
    expect(demoPortsFromEnv(undefined)).toEqual({ idp: 4100, calendar: 4101, tickets: 4102 });
    expect(demoPortsFromEnv("5100,5101,5102")).toEqual({
      idp: 5100,
      calendar: 5101,
      tickets: 5102,
    });
    expect(() => demoPortsFromEnv("5100")).toThrow(/LATCHKEY_DEMO_PORTS/);
    expect(demoAccessTtlFromEnv(undefined)).toBe(3600);
    expect(demoAccessTtlFromEnv("90")).toBe(90);
    expect(() => demoAccessTtlFromEnv("soon")).toThrow(/LATCHKEY_DEMO_ACCESS_TTL/);
  });
});

function flowDefaults() {
  return {
    as: calendarAs,
    clientId: servers.calendar.clientId,
    redirectUri: REDIRECT_URI,
    appBaseUrl: APP,
    account: "acme-alice",
  };
}

function authorizeUrl(scope: string): string {
  const url = new URL(calendarAs.authorization_endpoint!);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: servers.calendar.clientId,
    redirect_uri: REDIRECT_URI,
    scope,
    state: "s",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  }).toString();

  return url.toString();
}

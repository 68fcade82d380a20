import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoServers } from "@/demo/start-demo";
import { discover, insecure, obtainTokens, runAuthorization } from "@/demo/testing/flow";
import { callApi, startTestDemo } from "@/demo/testing/servers";

const APP = "http://127.0.0.1:3999";
const REDIRECT_URI = `${APP}/auth/oauthCallback`;

let servers: DemoServers;
let calendarAs: oauth.AuthorizationServer;
let ticketsAs: oauth.AuthorizationServer;

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
  servers = await startTestDemo({ publicBaseUrl: APP });
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

  it("lists its endpoints and registered clients on its front page, without secrets", async () => {
    const html = await (await fetch(`${servers.tickets.issuer}/`)).text();

    expect(html).toContain(`${servers.tickets.issuer}/token/revocation`);
    expect(html).toContain("latchkey-spare");
    expect(html).toContain("LATCHKEY_DEMO_SPARE_CLIENT_SECRET");
    expect(html).not.toContain(servers.tickets.spareClientSecret);
    expect(html).not.toContain(servers.tickets.clientSecret);
  });
});

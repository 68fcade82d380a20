import type * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/demo/accounts";
import type { DemoServers } from "@/demo/start-demo";
import { TestBrowser } from "@/demo/testing/browser";
import { discover, runAuthorization } from "@/demo/testing/flow";
import { startTestDemo } from "@/demo/testing/servers";

const APP = "http://127.0.0.1:3999";
const REDIRECT_URI = `${APP}/auth/oauthCallback`;

let servers: DemoServers;
let calendarAs: oauth.AuthorizationServer;

beforeAll(async () => {
  servers = await startTestDemo({ publicBaseUrl: APP });
  calendarAs = await discover(servers.calendar.issuer);
});

afterAll(async () => {
  await servers?.close();
});

describe("demo provider login and consent pages", () => {
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

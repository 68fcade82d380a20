import { randomBytes } from "node:crypto";
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/demo/accounts";
import { startDemoServers, type DemoServers } from "@/demo/start-demo";
import { TestBrowser } from "@/demo/testing/browser";
import { discover, insecure, runAuthorization } from "@/demo/testing/flow";

const APP = "http://127.0.0.1:3998";
const REDIRECT_URI = `${APP}/api/auth/callback/sso`;

let servers: DemoServers;
let as: oauth.AuthorizationServer;

beforeAll(async () => {
  const secret = () => randomBytes(24).toString("base64url");
  servers = await startDemoServers({
    publicBaseUrl: APP,
    secrets: {
      idpClientSecret: "idp-secret",
      calendarClientSecret: secret(),
      ticketsClientSecret: secret(),
      spareClientSecret: secret(),
      cookieKey: secret(),
    },
    ports: { idp: 0, calendar: 0, tickets: 0 },
  });
  as = await discover(servers.idp.issuer);
});

afterAll(async () => {
  await servers?.close();
});

async function signIn(account: string, browser = new TestBrowser()) {
  const client = { client_id: servers.idp.clientId };
  const flow = await runAuthorization({
    as,
    clientId: client.client_id,
    redirectUri: REDIRECT_URI,
    appBaseUrl: APP,
    scope: "openid email profile",
    account,
    browser,
  });
  const params = oauth.validateAuthResponse(as, client, flow.callback, flow.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.ClientSecretBasic(servers.idp.clientSecret),
    params,
    REDIRECT_URI,
    flow.verifier,
    insecure,
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);

  return { tokens, claims: oauth.getValidatedIdTokenClaims(tokens)!, flow };
}

describe("demo SSO identity provider", () => {
  it("signs the admin in without a consent screen; the ID token carries email, name and groups", async () => {
    const { claims, flow } = await signIn("acme-ada");
    // After the login form the browser goes straight back to the app: no consent page.
    expect(flow.page.html).toBeUndefined();
    expect(claims).toMatchObject({
      iss: servers.idp.issuer,
      aud: "latchkey",
      sub: "acme-ada",
      email: "admin@acme.test",
      name: "Ada Admin",
      groups: expect.arrayContaining(["latchkey-admins"]),
    });
  });

  it("serves the same claims from userinfo, and employees are not in the admin group", async () => {
    const { tokens } = await signIn("acme-alice");
    const client = { client_id: servers.idp.clientId };
    const response = await oauth.userInfoRequest(as, client, tokens.access_token, insecure);
    const userinfo = await oauth.processUserInfoResponse(as, client, "acme-alice", response);
    expect(userinfo).toMatchObject({ email: "alice@acme.test", name: "Alice Anders" });
    expect(userinfo.groups).not.toContain("latchkey-admins");
  });

  it("shows the accounts and the shared password on its login page, and errors on a wrong one", async () => {
    const browser = new TestBrowser();
    const url = new URL(as.authorization_endpoint!);
    url.search = new URLSearchParams({
      response_type: "code",
      client_id: servers.idp.clientId,
      redirect_uri: REDIRECT_URI,
      scope: "openid",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    }).toString();
    const login = await browser.follow(url.toString(), APP);
    expect(login.html).toContain("<h1>Sign in to Acme SSO</h1>");
    expect(login.html).toContain(`<code>${DEMO_PASSWORD}</code>`);
    for (const label of [
      "Ada Admin (admin@acme.test)",
      "Alice Anders (alice@acme.test)",
      "Bob Brown (bob@acme.test)",
    ]) {
      expect(login.html).toContain(label);
    }

    const failed = await browser.submit(
      login.url,
      login.html!,
      { account: "acme-ada", password: "nope" },
      APP,
    );
    expect(failed.response?.status).toBe(401);
    expect(failed.html).toContain("Wrong password");
  });

  it("signs out and returns to the app's sign-in page", async () => {
    const browser = new TestBrowser();
    const { tokens } = await signIn("acme-bob", browser);
    const url = new URL(as.end_session_endpoint!);
    url.search = new URLSearchParams({
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: `${APP}/signin`,
    }).toString();
    const confirm = await browser.follow(url.toString(), APP);
    expect(confirm.html).toContain("Sign out of Acme SSO?");

    const done = await browser.submit(confirm.url, confirm.html!, { logout: "yes" }, APP);
    expect(done.url).toBe(`${APP}/signin`);
  });
});

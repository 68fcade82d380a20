import * as oauth from "oauth4webapi";
import { DEMO_PASSWORD } from "@/demo/accounts";
import { TestBrowser } from "@/demo/testing/browser";

/** Test helper: one authorization code flow against a demo server, driven through its pages. */
export const insecure = { [oauth.allowInsecureRequests]: true } as const;

export async function discover(issuer: string): Promise<oauth.AuthorizationServer> {
  const url = new URL(issuer);

  return oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, insecure));
}

export type FlowOptions = {
  as: oauth.AuthorizationServer;
  clientId: string;
  redirectUri: string;
  appBaseUrl: string;
  scope: string;
  account: string;
  password?: string;
  decision?: "allow" | "deny";
  pkce?: boolean;
  extraParams?: Record<string, string>;
  browser?: TestBrowser;
};

/** Returns the callback URL the provider sent the browser to, plus the flow's state and verifier. */
export async function runAuthorization(options: FlowOptions) {
  const browser = options.browser ?? new TestBrowser();
  const state = oauth.generateRandomState();
  const verifier = oauth.generateRandomCodeVerifier();
  const url = new URL(options.as.authorization_endpoint!);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    scope: options.scope,
    state,
    ...options.extraParams,
  }).toString();
  if (options.pkce !== false) {
    url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(verifier));
    url.searchParams.set("code_challenge_method", "S256");
  }

  let step = await browser.follow(url.toString(), options.appBaseUrl);
  if (step.html?.includes('name="password"')) {
    step = await browser.submit(
      step.url,
      step.html,
      { account: options.account, password: options.password ?? DEMO_PASSWORD },
      options.appBaseUrl,
    );
  }
  if (step.html?.includes('name="decision"')) {
    step = await browser.submit(
      step.url,
      step.html,
      { decision: options.decision ?? "allow" },
      options.appBaseUrl,
    );
  }

  return { callback: new URL(step.url), page: step, state, verifier, browser };
}

/** Runs the whole flow and exchanges the code (PKCE verifier included). */
export async function obtainTokens(options: FlowOptions & { clientAuth: oauth.ClientAuth }) {
  const client = { client_id: options.clientId };
  const flow = await runAuthorization(options);
  const params = oauth.validateAuthResponse(options.as, client, flow.callback, flow.state);
  const response = await oauth.authorizationCodeGrantRequest(
    options.as,
    client,
    options.clientAuth,
    params,
    options.redirectUri,
    flow.verifier,
    insecure,
  );

  return oauth.processAuthorizationCodeResponse(options.as, client, response);
}

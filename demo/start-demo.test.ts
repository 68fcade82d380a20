import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { demoAccessTtlFromEnv, demoPortsFromEnv } from "@/demo/start-demo";
import { discover, obtainTokens } from "@/demo/testing/flow";
import { callApi, startTestDemo } from "@/demo/testing/servers";

const APP = "http://127.0.0.1:3999";
const REDIRECT_URI = `${APP}/auth/oauthCallback`;

describe("demo provider settings", () => {
  it("access tokens stop working after the configured lifetime", async () => {
    const shortLived = await startTestDemo({
      publicBaseUrl: APP,
      accessTokenTtl: 1,
      secrets: { calendarClientSecret: "calendar-secret" },
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

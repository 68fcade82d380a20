import { randomBytes } from "node:crypto";
import { startDemoServers, type DemoSecrets, type DemoServers } from "@/demo/start-demo";

/** Test helper: the demo servers on free loopback ports with fresh random secrets. */
export function startTestDemo(
  options: { publicBaseUrl?: string; accessTokenTtl?: number; secrets?: Partial<DemoSecrets> } = {},
): Promise<DemoServers> {
  const secret = () => randomBytes(24).toString("base64url");

  return startDemoServers({
    publicBaseUrl: options.publicBaseUrl ?? "http://127.0.0.1:3999",
    secrets: {
      idpClientSecret: secret(),
      calendarClientSecret: secret(),
      ticketsClientSecret: secret(),
      spareClientSecret: secret(),
      cookieKey: secret(),
      ...options.secrets,
    },
    ports: { idp: 0, calendar: 0, tickets: 0 },
    accessTokenTtl: options.accessTokenTtl ?? 3600,
  });
}

/** Calls a demo protected endpoint, with a bearer token when given. */
export async function callApi(url: string, accessToken?: string) {
  const response = await fetch(url, {
    headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
  });

  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

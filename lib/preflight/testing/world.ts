import { POST } from "@/app/api/v1/preflight/route";
import { apiRequest, issueTestKey, noParams } from "@/lib/api/testing/api-client";
import type { CreatedApiClient } from "@/lib/api-keys/create-api-client";
import { db } from "@/lib/db/client";
import type { Connector, User } from "@/lib/generated/prisma/client";
import { createConnector, createUser } from "@/lib/oauth/testing/fixtures";
import { aad, seal } from "@/lib/vault";

/** Token canaries sealed into every seeded grant: they must never appear in an answer. */
export const CANARY = { access: "at-canary-preflight-51d2", refresh: "rt-canary-preflight-9e4b" };

type ConnectorFields = Pick<Connector, "scopes" | "scopeSeparator" | "deletedAt">;
type ConnectionFields = {
  status?: "NEEDS_REAUTH";
  grantedScopes?: string;
  lastRefreshOk?: boolean;
  failureCount?: number;
};

export type PreflightWorld = {
  key: CreatedApiClient;
  ana: User;
  c: Record<"calendar" | "tickets" | "docs" | "wiki" | "mail" | "comma" | "gone", Connector>;
};

export async function connect(user: User, connector: Connector, fields: ConnectionFields = {}) {
  await db().connection.create({
    data: {
      userId: user.id,
      connectorId: connector.id,
      accessTokenEnc: seal(CANARY.access, aad.accessToken(user.id, connector.id)),
      refreshTokenEnc: seal(CANARY.refresh, aad.refreshToken(user.id, connector.id)),
      grantedScopes: "read write",
      ...fields,
    },
  });
}

/**
 * Ana (signed in as Ana@Acme.test) and one connector per state: calendar connected, tickets
 * missing, docs needs_reauth, wiki scopes_changed ("," separator), mail provider_unavailable,
 * comma connected with a "," separator, gone deleted.
 */
export async function seedPreflightWorld(): Promise<PreflightWorld> {
  const key = await issueTestKey({ name: "Assistant", scopes: ["preflight"] });
  const ana = await createUser("Ana@Acme.test");
  const make = (name: string, displayName: string, extra: Partial<ConnectorFields> = {}) =>
    createConnector("http://127.0.0.1:1", { name, displayName, ...extra });
  const c: PreflightWorld["c"] = {
    calendar: await make("acme_calendar", "Acme Calendar"),
    tickets: await make("acme_tickets", "Acme Tickets"),
    docs: await make("acme_docs", "Acme Docs"),
    wiki: await make("acme_wiki", "Acme Wiki", { scopes: "read,write,admin", scopeSeparator: "," }),
    mail: await make("acme_mail", "Acme Mail"),
    comma: await make("acme_comma", "Acme Comma", { scopes: "read,write", scopeSeparator: "," }),
    gone: await make("acme_gone", "Acme Gone", { deletedAt: new Date() }),
  };
  await connect(ana, c.calendar);
  await connect(ana, c.docs, { status: "NEEDS_REAUTH" });
  await connect(ana, c.wiki);
  await connect(ana, c.mail, { lastRefreshOk: false, failureCount: 2 });
  await connect(ana, c.comma, { lastRefreshOk: true });

  return { key, ana, c };
}

/** Calls the route handler as the assistant would; `text` is the raw answer, for canary greps. */
export async function callPreflight(body: unknown, apiKey: string) {
  const response = await POST(apiRequest("/api/v1/preflight", { key: apiKey, body }), noParams);
  const text = await response.text();

  return { status: response.status, body: JSON.parse(text), headers: response.headers, text };
}

export const preflightBody = (connectors: string[], extra: Record<string, unknown> = {}) => ({
  user: { email: "ana@acme.test" },
  plugin: "find-free-slots",
  connectors,
  ...extra,
});

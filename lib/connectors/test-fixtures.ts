import type { Actor } from "@/lib/audit/record";
import type { ConnectorInput } from "@/lib/connectors/schema";
import { db } from "@/lib/db/client";

/** A canary: if it shows up anywhere but inside a ciphertext, a secret leaked. */
export const SECRET_CANARY = "canary-client-secret-7f3a9c";

export function connectorInput(overrides: Partial<ConnectorInput> = {}): ConnectorInput {
  return {
    name: "acme_calendar",
    displayName: "Acme Calendar",
    displayDescription: "Calendar events",
    authorizationUrl: "http://localhost:4010/authorize",
    tokenUrl: "http://localhost:4010/token",
    clientId: "latchkey",
    clientSecret: SECRET_CANARY,
    scopes: "openid offline_access calendar.read",
    tokenRequestData: [{ key: "audience", value: "calendar" }],
    ...overrides,
  };
}

export async function createAdmin(email = "admin@acme.test"): Promise<Actor> {
  const user = await db().user.create({
    data: { issuer: "http://idp.test", subject: email, email, role: "ADMIN" },
  });

  return { type: "user", id: user.id, name: user.email };
}

/** Every column of every connector, revision and audit row, as one string to grep. */
export async function dumpConnectorTables(): Promise<string> {
  const [connectors, revisions, audit] = await Promise.all([
    db().connector.findMany(),
    db().connectorRevision.findMany(),
    db().auditEvent.findMany(),
  ]);

  return JSON.stringify({ connectors, revisions, audit });
}

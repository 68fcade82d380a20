import type { ConnectionStatus } from "@/lib/generated/prisma/client";
import { parseScopes } from "@/lib/oauth/scopes";

/**
 * One required connector as a consent card shows it. The names match the pre-flight states;
 * `unavailable` means the admin removed the connector after the session was created.
 */
export type ConsentConnectorState =
  "connected" | "missing" | "needs_reauth" | "scopes_changed" | "unavailable";

export type ConnectorFacts = {
  id: string;
  name: string;
  displayName: string;
  displayDescription: string;
  scopes: string;
  scopeSeparator: string;
  deletedAt: Date | null;
};

export type ConnectionFacts = {
  connectorId: string;
  status: ConnectionStatus;
  grantedScopes: string;
};

export const CONNECTOR_FACTS = {
  id: true,
  name: true,
  displayName: true,
  displayDescription: true,
  scopes: true,
  scopeSeparator: true,
  deletedAt: true,
} as const;

export const CONNECTION_FACTS = { connectorId: true, status: true, grantedScopes: true } as const;

/** Never decrypts anything: the state comes from status and scope columns only (S30). */
export function connectorState(
  connector: ConnectorFacts | undefined,
  connection: ConnectionFacts | undefined,
): ConsentConnectorState {
  if (!connector || connector.deletedAt) return "unavailable";
  if (!connection) return "missing";
  if (connection.status !== "ACTIVE") return "needs_reauth";
  const granted = new Set(parseScopes(connection.grantedScopes));
  const wanted = parseScopes(connector.scopes, connector.scopeSeparator);

  return wanted.every((scope) => granted.has(scope)) ? "connected" : "scopes_changed";
}

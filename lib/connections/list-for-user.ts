import "server-only";
import { db } from "@/lib/db/client";
import { reauthReasonText } from "@/lib/connections/health";
import { parseScopes } from "@/lib/oauth/scopes";

/** What the Connections page may know: status fields only, never a token (SECURITY.md S19). */
export type ConnectionState =
  | { kind: "not_connected" }
  | {
      kind: "connected";
      since: string;
      scopes: string[];
      lastRefreshAt: string | null;
      /** The last refresh failed for a passing reason; the grant is kept and retried. */
      lastRefreshFailed: boolean;
    }
  | { kind: "needs_reconnect"; since: string; scopes: string[]; reason: string };

export type ConnectorCard = {
  id: string;
  name: string;
  displayName: string;
  description: string;
  state: ConnectionState;
};

export async function listConnectionsForUser(userId: string): Promise<ConnectorCard[]> {
  const [connectors, connections] = await Promise.all([
    db().connector.findMany({
      where: { deletedAt: null },
      select: { id: true, name: true, displayName: true, displayDescription: true },
      orderBy: { displayName: "asc" },
    }),
    db().connection.findMany({
      where: { userId },
      select: {
        connectorId: true,
        status: true,
        connectedAt: true,
        grantedScopes: true,
        lastRefreshAt: true,
        lastRefreshOk: true,
        reauthReason: true,
      },
    }),
  ]);
  const byConnector = new Map(connections.map((row) => [row.connectorId, row]));

  return connectors.map((connector) => {
    const row = byConnector.get(connector.id);
    return {
      id: connector.id,
      name: connector.name,
      displayName: connector.displayName,
      description: connector.displayDescription,
      state: row ? stateOf(row) : { kind: "not_connected" },
    };
  });
}

type Row = {
  status: "ACTIVE" | "NEEDS_REAUTH";
  connectedAt: Date;
  grantedScopes: string;
  lastRefreshAt: Date | null;
  lastRefreshOk: boolean | null;
  reauthReason: string | null;
};

function stateOf(row: Row): ConnectionState {
  const since = row.connectedAt.toISOString();
  const scopes = parseScopes(row.grantedScopes);
  if (row.status === "NEEDS_REAUTH") {
    return { kind: "needs_reconnect", since, scopes, reason: reauthReasonText(row.reauthReason) };
  }

  return {
    kind: "connected",
    since,
    scopes,
    lastRefreshAt: row.lastRefreshAt?.toISOString() ?? null,
    lastRefreshFailed: row.lastRefreshOk === false,
  };
}

/** A connector's public face by name, also after deletion, for notices and the result page. */
export async function connectorInfo(name: string | undefined) {
  if (!name) return null;

  return db().connector.findUnique({
    where: { name },
    select: { id: true, name: true, displayName: true, instructionsUrl: true },
  });
}

/** Whether the user holds a working grant, so a hand-made result URL cannot claim success. */
export async function isConnected(userId: string, connectorId: string): Promise<boolean> {
  const row = await db().connection.findUnique({
    where: { userId_connectorId: { userId, connectorId } },
    select: { status: true },
  });

  return row?.status === "ACTIVE";
}

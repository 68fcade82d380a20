import "server-only";
import {
  CONNECTION_FACTS,
  CONNECTOR_FACTS,
  connectorState,
  type ConsentConnectorState,
} from "@/lib/consent/connector-state";
import type { Prisma } from "@/lib/generated/prisma/client";

export type RequiredConnector = {
  id: string;
  name: string;
  displayName: string;
  description: string;
  state: ConsentConnectorState;
};

type Reader = Pick<Prisma.TransactionClient, "connector" | "connection">;

/**
 * The connectors a session needs, in the order pre-flight listed them, each with this user's
 * state. Pass the transaction client to see a grant that is not committed yet.
 */
export async function requiredConnectors(
  client: Reader,
  userId: string,
  connectorIds: string[],
): Promise<RequiredConnector[]> {
  const [connectors, connections] = await Promise.all([
    client.connector.findMany({ where: { id: { in: connectorIds } }, select: CONNECTOR_FACTS }),
    client.connection.findMany({
      where: { userId, connectorId: { in: connectorIds } },
      select: CONNECTION_FACTS,
    }),
  ]);
  const connectorById = new Map(connectors.map((row) => [row.id, row]));
  const connectionById = new Map(connections.map((row) => [row.connectorId, row]));

  return connectorIds.map((id) => {
    const connector = connectorById.get(id);

    return {
      id,
      name: connector?.name ?? "",
      displayName: connector?.displayName ?? "A removed connector",
      description: connector?.displayDescription ?? "",
      state: connectorState(connector, connectionById.get(id)),
    };
  });
}

export function progressOf(connectors: { state: ConsentConnectorState }[]) {
  return {
    connected: connectors.filter((connector) => connector.state === "connected").length,
    total: connectors.length,
  };
}

import "server-only";
import { toConnectorView, type ConnectorView } from "@/lib/connectors/view";
import { db } from "@/lib/db/client";

/** One connector that is not deleted, or null; the view never carries the client secret. */
export async function getConnector(id: string): Promise<ConnectorView | null> {
  const row = await db().connector.findFirst({ where: { id, deletedAt: null } });

  return row ? toConnectorView(row) : null;
}

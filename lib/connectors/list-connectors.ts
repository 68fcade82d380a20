import "server-only";
import { toConnectorView, type ConnectorView } from "@/lib/connectors/view";
import { db } from "@/lib/db/client";

/** Connectors that are not deleted, by display name. */
export async function listConnectors(): Promise<ConnectorView[]> {
  const rows = await db().connector.findMany({
    where: { deletedAt: null },
    orderBy: [{ displayName: "asc" }, { name: "asc" }],
  });

  return rows.map(toConnectorView);
}

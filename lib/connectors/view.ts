import type { Connector } from "@/lib/generated/prisma/client";
import { snapshotFromRow, type ConnectorSnapshot } from "@/lib/connectors/snapshot";

/** A connector as pages and other modules see it: the client secret is only "set" or not. */
export type ConnectorView = ConnectorSnapshot & {
  id: string;
  clientSecretSet: boolean;
  clientSecretSetAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export function toConnectorView(row: Connector): ConnectorView {
  const secretSet = row.clientSecretEnc.length > 0;

  return {
    ...snapshotFromRow(row),
    id: row.id,
    clientSecretSet: secretSet,
    clientSecretSetAt: secretSet ? row.clientSecretSetAt : null,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

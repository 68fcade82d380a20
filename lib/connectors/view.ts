import type { Connector } from "@/lib/generated/prisma/client";
import { readKeyValues, type KeyValue } from "@/lib/connectors/params";

/** A connector as pages and other modules see it: the client secret is only "set" or not. */
export type ConnectorView = {
  id: string;
  name: string;
  displayName: string;
  displayDescription: string;
  apiBaseUrl: string | null;
  authorizationUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecretSet: boolean;
  clientSecretSetAt: Date | null;
  scopes: string;
  scopeSeparator: string;
  clientAuth: Connector["clientAuth"];
  pkce: boolean;
  authorizeParams: KeyValue[];
  tokenRequestData: KeyValue[];
  revokeUrl: string | null;
  instructionsUrl: string | null;
  revokeWhich: Connector["revokeWhich"];
  revokeTypeHint: boolean;
  revokeAuth: Connector["revokeAuth"];
  revokeTokenKey: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export function toConnectorView(row: Connector): ConnectorView {
  const secretSet = row.clientSecretEnc.length > 0;

  return {
    id: row.id,
    name: row.name,
    displayName: row.displayName,
    displayDescription: row.displayDescription,
    apiBaseUrl: row.apiBaseUrl,
    authorizationUrl: row.authorizationUrl,
    tokenUrl: row.tokenUrl,
    clientId: row.clientId,
    clientSecretSet: secretSet,
    clientSecretSetAt: secretSet ? row.clientSecretSetAt : null,
    scopes: row.scopes,
    scopeSeparator: row.scopeSeparator,
    clientAuth: row.clientAuth,
    pkce: row.pkce,
    authorizeParams: readKeyValues(row.authorizeParams),
    tokenRequestData: readKeyValues(row.tokenRequestData),
    revokeUrl: row.revokeUrl,
    instructionsUrl: row.instructionsUrl,
    revokeWhich: row.revokeWhich,
    revokeTypeHint: row.revokeTypeHint,
    revokeAuth: row.revokeAuth,
    revokeTokenKey: row.revokeTokenKey,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

import type { ConnectorData } from "@/lib/connectors/schema";
import { readKeyValues, type KeyValue } from "@/lib/connectors/params";
import { readRevokeData } from "@/lib/connectors/revoke-data";
import type { Connector, Prisma } from "@/lib/generated/prisma/client";

/**
 * The stored settings of a connector without its secret: what a ConnectorRevision keeps and what
 * an update compares to name the fields that changed.
 */
export type ConnectorSnapshot = {
  name: string;
  displayName: string;
  displayDescription: string;
  apiBaseUrl: string | null;
  authorizationUrl: string;
  tokenUrl: string;
  clientId: string;
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
  revokeMethod: Connector["revokeMethod"];
  revokeBodyFormat: Connector["revokeBodyFormat"];
  revokeExtraData: KeyValue[];
  defaultTokenLifetime: number | null;
  idleRefreshDays: number | null;
};

export function snapshotFromInput(data: ConnectorData): ConnectorSnapshot {
  return {
    name: data.name,
    displayName: data.displayName,
    displayDescription: data.displayDescription,
    apiBaseUrl: data.apiBaseUrl ?? null,
    authorizationUrl: data.authorizationUrl,
    tokenUrl: data.tokenUrl,
    clientId: data.clientId,
    scopes: data.scopes,
    scopeSeparator: data.scopeSeparator,
    clientAuth: data.clientAuth,
    pkce: data.pkce,
    authorizeParams: data.authorizeParams,
    tokenRequestData: data.tokenRequestData,
    revokeUrl: data.revokeUrl ?? null,
    instructionsUrl: data.instructionsUrl ?? null,
    revokeWhich: data.revokeWhich,
    revokeTypeHint: data.revokeTypeHint,
    revokeAuth: data.revokeAuth,
    revokeTokenKey: data.revokeTokenKey,
    revokeMethod: data.revokeMethod,
    revokeBodyFormat: data.revokeBodyFormat,
    revokeExtraData: data.revokeExtraData,
    defaultTokenLifetime: data.defaultTokenLifetime ?? null,
    idleRefreshDays: data.idleRefreshDays ?? null,
  };
}

export function snapshotFromRow(row: Connector): ConnectorSnapshot {
  return {
    name: row.name,
    displayName: row.displayName,
    displayDescription: row.displayDescription,
    apiBaseUrl: row.apiBaseUrl,
    authorizationUrl: row.authorizationUrl,
    tokenUrl: row.tokenUrl,
    clientId: row.clientId,
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
    revokeMethod: row.revokeMethod,
    revokeBodyFormat: row.revokeBodyFormat,
    revokeExtraData: readRevokeData(row.revokeExtraData, row.revokeTokenKey),
    defaultTokenLifetime: row.defaultTokenLifetime,
    idleRefreshDays: row.idleRefreshDays,
  };
}

/** Names of the fields whose values differ, in a stable order. */
export function changedFields(before: ConnectorSnapshot, after: ConnectorSnapshot): string[] {
  return (Object.keys(after) as (keyof ConnectorSnapshot)[]).filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}

/** The snapshot as column values; Prisma wants the key/value lists typed as JSON input. */
export function snapshotColumns(snapshot: ConnectorSnapshot) {
  return {
    ...snapshot,
    authorizeParams: snapshot.authorizeParams as Prisma.InputJsonValue,
    tokenRequestData: snapshot.tokenRequestData as Prisma.InputJsonValue,
    revokeExtraData: snapshot.revokeExtraData as Prisma.InputJsonValue,
  };
}

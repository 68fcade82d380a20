import { randomBytes, randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { columnName, ENCRYPTED_COLUMNS, type EncryptedColumn } from "@/lib/keys/columns";
import { decrypt, encrypt, keyIdOf, parseKeyring, type Keyring } from "@/lib/vault/vault";

/**
 * Bulk rows for the key rotation tests: every encrypted column filled, sealed with `keyring`, and
 * the plaintext of each ciphertext remembered so a test can prove that nothing was lost.
 */
export const newKeyring = (...ids: string[]) =>
  parseKeyring(ids.map((id) => `${id}:${randomBytes(32).toString("base64")}`));

/** The same keys under a different active key: `[active, ...decrypt-only]`. */
export function withActive(active: Keyring, ...others: Keyring[]): Keyring {
  const keys = new Map(active.keys);
  for (const other of others) for (const [id, key] of other.keys) keys.set(id, key);

  return { activeId: active.activeId, keys };
}

/** `Table.column` -> row id -> plaintext. */
export type Plaintexts = Map<string, Map<string, string>>;

export type SeedCounts = {
  users: number;
  connectors: number;
  /** Every n-th connection has no refresh token; 0: all have one. */
  noRefreshEvery: number;
  requests: number;
  revocations: number;
  apiClients?: number;
};

/** 3,000 ciphertexts over all six columns, some nullable ones left empty. */
export const THREE_THOUSAND: SeedCounts = {
  users: 1000,
  connectors: 50,
  noRefreshEvery: 4,
  requests: 616,
  revocations: 350,
  apiClients: 50,
};

const byName = (name: string) => ENCRYPTED_COLUMNS.find((c) => columnName(c) === name)!;

export async function seedEncryptedRows(
  prisma: PrismaClient,
  keyring: Keyring,
  counts: SeedCounts = THREE_THOUSAND,
): Promise<Plaintexts> {
  const plain: Plaintexts = new Map(ENCRYPTED_COLUMNS.map((c) => [columnName(c), new Map()]));
  const seal = (name: string, row: Record<string, string>) => {
    const text = `${name}-${row.id}-${randomBytes(6).toString("hex")}`;
    plain.get(name)!.set(row.id!, text);
    return encrypt(keyring, text, byName(name).aad(row));
  };
  const ids = (n: number) => Array.from({ length: n }, () => randomUUID());

  const users = ids(counts.users);
  await prisma.user.createMany({
    data: users.map((id) => ({ id, issuer: "http://idp.test", subject: id })),
  });
  const connectors = ids(counts.connectors);
  await prisma.connector.createMany({
    data: connectors.map((id, i) => ({
      id,
      name: `rotation_${i}_${id.slice(0, 8)}`,
      displayName: `Rotation ${i}`,
      authorizationUrl: "https://provider.test/authorize",
      tokenUrl: "https://provider.test/token",
      clientId: "client",
      clientSecretEnc: seal("Connector.clientSecretEnc", { id }),
      clientSecretSetAt: new Date(),
    })),
  });
  const connectorOf = (i: number) => connectors[i % connectors.length]!;

  await prisma.connection.createMany({
    data: users.map((userId, i) => {
      const row = { id: randomUUID(), userId, connectorId: connectorOf(i) };
      const n = counts.noRefreshEvery;
      const withRefresh = n === 0 || i % n !== n - 1;
      return {
        ...row,
        accessTokenEnc: seal("Connection.accessTokenEnc", row),
        refreshTokenEnc: withRefresh ? seal("Connection.refreshTokenEnc", row) : null,
      };
    }),
  });
  await prisma.authorizationRequest.createMany({
    data: ids(counts.requests).map((id, i) => ({
      id,
      stateHash: `state-${id}`,
      verifierEnc: seal("AuthorizationRequest.verifierEnc", { id }),
      userId: users[i % users.length]!,
      sessionHash: "session",
      connectorId: connectorOf(i),
      connectorVersion: 1,
      redirectUri: "https://latchkey.test/auth/oauthCallback",
      expiresAt: new Date(Date.now() + 600_000),
    })),
  });
  await prisma.pendingRevocation.createMany({
    data: ids(counts.revocations).map((id, i) => ({
      id,
      userId: users[i % users.length]!,
      connectorId: connectorOf(i),
      accessTokenEnc: i % 7 === 6 ? null : seal("PendingRevocation.accessTokenEnc", { id }),
      refreshTokenEnc: i % 3 === 2 ? null : seal("PendingRevocation.refreshTokenEnc", { id }),
    })),
  });

  await prisma.apiClient.createMany({
    data: ids(counts.apiClients ?? 0).map((id) => ({
      id,
      name: `client ${id}`,
      keyPrefix: `lk_${id}`,
      keyHash: "hash",
      webhookSecretEnc: seal("ApiClient.webhookSecretEnc", { id }),
    })),
  });

  return plain;
}

/** Every stored ciphertext with its row, read through the generated client. */
export async function readAllCiphertexts(
  prisma: PrismaClient,
): Promise<{ column: EncryptedColumn; row: Record<string, string>; enc: string }[]> {
  const [connectors, connections, requests, revocations, apiClients] = await Promise.all([
    prisma.connector.findMany(),
    prisma.connection.findMany(),
    prisma.authorizationRequest.findMany(),
    prisma.pendingRevocation.findMany(),
    prisma.apiClient.findMany(),
  ]);
  const tables: Record<string, Record<string, unknown>[]> = {
    Connector: connectors,
    Connection: connections,
    AuthorizationRequest: requests,
    PendingRevocation: revocations,
    ApiClient: apiClients,
  };

  return ENCRYPTED_COLUMNS.flatMap((column) =>
    tables[column.table]!.filter((row) => typeof row[column.column] === "string").map((row) => ({
      column,
      row: row as Record<string, string>,
      enc: row[column.column] as string,
    })),
  );
}

/** Decrypts every stored ciphertext; returns what failed and the key ids in use. */
export async function verifyAll(prisma: PrismaClient, keyring: Keyring, expected: Plaintexts) {
  const failures: string[] = [];
  const keyIds = new Map<string, number>();
  let checked = 0;
  for (const { column, row, enc } of await readAllCiphertexts(prisma)) {
    const name = columnName(column);
    const keyId = keyIdOf(enc) ?? "?";
    keyIds.set(keyId, (keyIds.get(keyId) ?? 0) + 1);
    checked += 1;
    try {
      const text = decrypt(keyring, enc, column.aad(row));
      const want = expected.get(name)?.get(row.id!);
      if (want !== undefined && text !== want) failures.push(`${name} ${row.id}: wrong plaintext`);
    } catch (error) {
      failures.push(`${name} ${row.id}: ${(error as Error).message}`);
    }
  }

  return { failures, keyIds, checked };
}

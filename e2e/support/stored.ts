import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { aad } from "../../lib/vault/aad";
import { decrypt, parseKeyring } from "../../lib/vault/vault";
import { E2E_DATA_DIR, E2E_DATABASE_URL } from "./env";

/** The secrets the start script generated for the browser tests' Latchkey. */
export function e2eSecrets(): Record<string, string> {
  return JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "secrets.json"), "utf8"));
}

export async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

type ConnectionRow = {
  userId: string;
  connectorId: string;
  accessTokenEnc: string;
  refreshTokenEnc: string | null;
};

/** Reads a user's stored grant and decrypts it with the app's own vault code. */
export async function storedTokens(email: string, connectorName: string) {
  const rows = await query<ConnectionRow>(
    `SELECT c."userId", c."connectorId", c."accessTokenEnc", c."refreshTokenEnc"
       FROM "Connection" c
       JOIN "User" u ON u.id = c."userId"
       JOIN "Connector" k ON k.id = c."connectorId"
      WHERE u.email = $1 AND k.name = $2`,
    [email, connectorName],
  );
  const row = rows[0];
  if (!row) return null;
  const keyring = parseKeyring(e2eSecrets().LATCHKEY_ENCRYPTION_KEYS!.split(","));

  return {
    raw: row,
    accessToken: decrypt(keyring, row.accessTokenEnc, aad.accessToken(row.userId, row.connectorId)),
    refreshToken: row.refreshTokenEnc
      ? decrypt(keyring, row.refreshTokenEnc, aad.refreshToken(row.userId, row.connectorId))
      : null,
  };
}

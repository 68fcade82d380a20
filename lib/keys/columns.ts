import type { SqlRunner } from "@/lib/db/engines";
import { aad } from "@/lib/vault/aad";

/**
 * Every column that holds a vault ciphertext, with what its associated data is built from. Key
 * rotation walks this list; columns.test.ts fails when the schema gains an `*Enc` column that
 * is missing here, so no ciphertext is left behind under a key about to be removed. A column whose
 * table the database does not have yet (its migration has not run) is skipped: it holds nothing.
 */
export type EncryptedColumn = {
  table: string;
  column: string;
  /** Columns besides `id` that the associated data needs. */
  aadColumns: string[];
  aad(row: Record<string, string>): string;
};

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  {
    table: "Connector",
    column: "clientSecretEnc",
    aadColumns: [],
    aad: (row) => aad.clientSecret(row.id!),
  },
  {
    table: "Connection",
    column: "accessTokenEnc",
    aadColumns: ["userId", "connectorId"],
    aad: (row) => aad.accessToken(row.userId!, row.connectorId!),
  },
  {
    table: "Connection",
    column: "refreshTokenEnc",
    aadColumns: ["userId", "connectorId"],
    aad: (row) => aad.refreshToken(row.userId!, row.connectorId!),
  },
  {
    table: "AuthorizationRequest",
    column: "verifierEnc",
    aadColumns: [],
    aad: (row) => aad.verifier(row.id!),
  },
  {
    table: "PendingRevocation",
    column: "accessTokenEnc",
    aadColumns: [],
    aad: (row) => aad.pendingAccessToken(row.id!),
  },
  {
    table: "PendingRevocation",
    column: "refreshTokenEnc",
    aadColumns: [],
    aad: (row) => aad.pendingRefreshToken(row.id!),
  },
  {
    table: "ApiClient",
    column: "webhookSecretEnc",
    aadColumns: [],
    aad: (row) => aad.webhookSecret(row.id!),
  },
];

export const columnName = (column: Pick<EncryptedColumn, "table" | "column">) =>
  `${column.table}.${column.column}`;

/** The registry columns that exist in the connected database. */
export async function presentColumns(runner: SqlRunner): Promise<EncryptedColumn[]> {
  const rows = await runner.query<{ name: string }>(
    `SELECT table_name || '.' || column_name AS name
       FROM information_schema.columns
      WHERE table_schema = current_schema()`,
  );
  const present = new Set(rows.map((row) => row.name));

  return ENCRYPTED_COLUMNS.filter((column) => present.has(columnName(column)));
}

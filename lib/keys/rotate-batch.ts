import "server-only";
import type { SqlRunner } from "@/lib/db/engines";
import type { EncryptedColumn } from "@/lib/keys/columns";
import { decrypt, encrypt, type Keyring } from "@/lib/vault/vault";

/**
 * One batch of a key rotation: read rows whose ciphertext is not under the active key, decrypt
 * and re-encrypt them in memory, and write each back only if its ciphertext is still the one read.
 * Table and column names come from the registry in columns.ts, never from input.
 */
export type StoredRow = Record<string, string> & { id: string; enc: string };
export type Rewrite = { id: string; prev: string; next: string };
export type FailedRow = { id: string; reason: string };

/** Lock and serialization conflicts: the batch is left for the next pass, not failed. */
const RETRYABLE = new Set(["40P01", "40001", "55P03"]);

export function activePrefix(keyring: Keyring): string {
  return `v1:${keyring.activeId}:`;
}

/** The next rows after `after` (a full scan), or the rows among `ids` (a re-read). */
export async function readBatch(
  runner: SqlRunner,
  column: EncryptedColumn,
  prefix: string,
  where: { after: string } | { ids: string[] },
  limit: number,
): Promise<StoredRow[]> {
  const enc = `"${column.column}"`;
  const extra = column.aadColumns.map((name) => `, "${name}"`).join("");
  const scope = "after" in where ? "id > $2" : "id = ANY($2::text[])";

  return runner.query<StoredRow>(
    `SELECT id${extra}, ${enc} AS enc
       FROM "${column.table}"
      WHERE ${enc} IS NOT NULL AND NOT starts_with(${enc}, $1) AND ${scope}
      ORDER BY id
      LIMIT $3`,
    [prefix, "after" in where ? where.after : where.ids, limit],
  );
}

/** Decrypts each row with whichever key it names and encrypts it under the active key. */
export function reencrypt(
  keyring: Keyring,
  column: EncryptedColumn,
  rows: StoredRow[],
): { rewrites: Rewrite[]; failed: FailedRow[] } {
  const rewrites: Rewrite[] = [];
  const failed: FailedRow[] = [];
  for (const row of rows) {
    const where = column.aad(row);
    try {
      const plaintext = decrypt(keyring, row.enc, where);
      rewrites.push({ id: row.id, prev: row.enc, next: encrypt(keyring, plaintext, where) });
    } catch (error) {
      // Vault messages name the key id or the failure, never the ciphertext or plaintext.
      failed.push({ id: row.id, reason: error instanceof Error ? error.message : "unknown" });
    }
  }

  return { rewrites, failed };
}

/**
 * Compare-and-set for the whole batch in one statement: a row is written only while it still
 * holds the ciphertext that was read, so a refresh or revocation that wrote in between wins.
 * PostgreSQL re-checks the condition on the newest row version after waiting for a writer.
 * Returns the ids written.
 */
export async function writeBatch(
  runner: SqlRunner,
  column: EncryptedColumn,
  rewrites: Rewrite[],
): Promise<Set<string>> {
  if (rewrites.length === 0) return new Set();
  const enc = `"${column.column}"`;
  try {
    const written = await runner.query<{ id: string }>(
      `UPDATE "${column.table}" AS t
          SET ${enc} = v.next
         FROM unnest($1::text[], $2::text[], $3::text[]) AS v(id, prev, next)
        WHERE t.id = v.id AND t.${enc} = v.prev
       RETURNING t.id`,
      [rewrites.map((r) => r.id), rewrites.map((r) => r.prev), rewrites.map((r) => r.next)],
    );

    return new Set(written.map((row) => row.id));
  } catch (error) {
    if (RETRYABLE.has(String((error as { code?: unknown }).code))) return new Set();
    throw error;
  }
}

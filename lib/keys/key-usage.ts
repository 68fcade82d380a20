import "server-only";
import type { SqlRunner } from "@/lib/db/engines";
import { columnName, presentColumns } from "@/lib/keys/columns";

/** How many stored ciphertexts name each key id, per encrypted column. */
export type KeyUsage = { column: string; keyId: string; rows: number };

/** The key id reported for a value that is not a v1 ciphertext at all. */
export const NOT_V1 = "";

export async function countKeyUsage(runner: SqlRunner): Promise<KeyUsage[]> {
  const usage: KeyUsage[] = [];
  for (const column of await presentColumns(runner)) {
    const enc = `"${column.column}"`;
    const rows = await runner.query<{ keyId: string; rows: number }>(
      `SELECT CASE WHEN split_part(${enc}, ':', 1) = 'v1' THEN split_part(${enc}, ':', 2)
                   ELSE '${NOT_V1}' END AS "keyId",
              count(*)::int AS rows
         FROM "${column.table}"
        WHERE ${enc} IS NOT NULL
        GROUP BY 1
        ORDER BY 1`,
    );
    for (const row of rows) usage.push({ column: columnName(column), ...row });
  }

  return usage;
}

/** Rows per key id over every column. */
export function rowsPerKey(usage: KeyUsage[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { keyId, rows } of usage) totals.set(keyId, (totals.get(keyId) ?? 0) + rows);

  return totals;
}

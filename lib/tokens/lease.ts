import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { ConnectionRow } from "@/lib/tokens/connection-row";
import { refreshPolicy } from "@/lib/tokens/policy";

// The lease statements are written out in SQL so that each is visibly one statement: the
// condition and the change happen atomically in the database, whatever the engine.

/**
 * Takes the refresh lease of one connection (SECURITY.md S32): one conditional UPDATE, so of any
 * number of processes and machines at most one holds it until `leaseUntil`. The row is then read
 * again, since someone may have refreshed it just before. Null when someone else holds the lease
 * or the row is not ACTIVE.
 */
export async function takeLease(
  row: ConnectionRow,
  now = new Date(),
): Promise<{ owner: string; leased: ConnectionRow } | null> {
  const owner = randomUUID();
  const until = new Date(now.getTime() + refreshPolicy().leaseTtlMs);
  const taken = await db().$executeRaw`
    UPDATE "Connection" SET "leaseUntil" = ${until}, "leaseOwner" = ${owner}, "updatedAt" = ${now}
    WHERE "id" = ${row.id} AND "status" = 'ACTIVE'
      AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})`;
  if (taken !== 1) return null;

  const leased = await db().connection.findUnique({ where: { id: row.id } });
  // A re-grant in between resets the lease; then this caller holds nothing.
  if (!leased || leased.leaseOwner !== owner) return null;

  return { owner, leased: { ...leased, connector: row.connector } };
}

export async function releaseLease(connectionId: string, owner: string): Promise<void> {
  await db().$executeRaw`
    UPDATE "Connection" SET "leaseUntil" = NULL, "leaseOwner" = NULL, "updatedAt" = ${new Date()}
    WHERE "id" = ${connectionId} AND "leaseOwner" = ${owner}`;
}

import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { refreshPolicy } from "@/lib/tokens/policy";

/**
 * Takes the refresh lease of one connection (SECURITY.md S32): a single conditional UPDATE, so of
 * any number of processes and machines at most one holds it until `leaseUntil`. Returns the owner
 * id that guards every later write of the holder, or null when someone else holds it.
 */
export async function takeLease(connectionId: string, now = new Date()): Promise<string | null> {
  const owner = randomUUID();
  const { count } = await db().connection.updateMany({
    where: {
      id: connectionId,
      status: "ACTIVE",
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    data: {
      leaseUntil: new Date(now.getTime() + refreshPolicy().leaseTtlMs),
      leaseOwner: owner,
    },
  });

  return count === 1 ? owner : null;
}

export async function releaseLease(connectionId: string, owner: string): Promise<void> {
  await db().connection.updateMany({
    where: { id: connectionId, leaseOwner: owner },
    data: { leaseUntil: null, leaseOwner: null },
  });
}

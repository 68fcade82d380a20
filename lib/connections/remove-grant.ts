import "server-only";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Connection, Connector, Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { heldTokens } from "@/lib/connections/held-tokens";
import type { RemoteRevocation } from "@/lib/oauth/revoke";
import { attemptRevocation } from "@/lib/revocations/attempt";
import { pendingRevocationRow, UNREADABLE } from "@/lib/revocations/queue";
import { leaseFrom } from "@/lib/revocations/schedule";

export type RemovedGrant = {
  remote: RemoteRevocation;
  /** The PendingRevocation row that records the remote outcome; null without a revoke URL. */
  revocationId: string | null;
};

type Owner = { userId: string; connectionId?: string };

/**
 * Removes a grant, local first (SECURITY.md S36): in one transaction the Connection row is
 * deleted, the deletion audited and, when the connector has a revoke URL, the tokens moved into a
 * PendingRevocation row sealed to it. Only then is the provider asked, once; failures are retried
 * by the background job. Returns null when there was no grant to remove.
 */
export async function removeGrant(
  owner: Owner,
  connector: Connector,
  actor: Actor,
): Promise<RemovedGrant | null> {
  const now = new Date();
  const lease = leaseFrom(now);
  const target = `connector:${connector.name}`;
  const removed = await db().$transaction(async (tx) => {
    const row = await deleteLatest(tx, owner, connector.id);
    if (!row) return null;
    const details = { userId: row.userId, connectionId: row.id };
    await recordAudit(
      { actor, action: "connection.revoked", target, outcome: "success", details },
      tx,
    );
    const pending = connector.revokeUrl
      ? pendingRevocationRow({
          userId: row.userId,
          connector,
          tokens: heldTokens(row),
          leaseUntil: lease,
          now,
        })
      : null;
    if (pending) await tx.pendingRevocation.create({ data: pending });
    // With nothing to send, the remote outcome is final already; otherwise the attempt records it.
    if (!pending || pending.status === "GAVE_UP") {
      const remote = pending
        ? { revocationId: pending.id, result: "gave_up", failure: UNREADABLE }
        : { result: "no_revoke_url" };
      await recordAudit(
        {
          actor,
          action: "connection.remote_revocation",
          target,
          outcome: "failure",
          details: { ...details, ...remote, attempts: 0 },
        },
        tx,
      );
    }
    return { pending };
  });
  if (!removed) return null;
  log.info("connection.revoked", { userId: owner.userId, connectorId: connector.id });

  const { pending } = removed;
  if (!pending) return { remote: "no_revoke_url", revocationId: null };
  if (pending.status === "GAVE_UP") return { remote: "failed", revocationId: pending.id };
  const attempt = await attemptRevocation(pending.id, {
    actor,
    trigger: "immediate",
    heldLease: lease,
  });

  return { remote: attempt.status === "revoked" ? "revoked" : "failed", revocationId: pending.id };
}

/**
 * Deletes the row as last written: a refresh that rotated the tokens meanwhile bumped the
 * version, so the delete misses and the newer tokens are read again, never left behind.
 */
async function deleteLatest(
  tx: Prisma.TransactionClient,
  owner: Owner,
  connectorId: string,
): Promise<Connection | null> {
  for (let round = 0; round < 5; round += 1) {
    const row = await tx.connection.findUnique({
      where: { userId_connectorId: { userId: owner.userId, connectorId } },
    });
    if (!row || (owner.connectionId && row.id !== owner.connectionId)) return null;
    const { count } = await tx.connection.deleteMany({
      where: { id: row.id, version: row.version },
    });
    if (count === 1) return row;
  }

  throw new AppError("conflict", "grant kept changing during revoke", "Try again in a moment.");
}

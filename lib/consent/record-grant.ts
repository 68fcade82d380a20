import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { progressOf, requiredConnectors } from "@/lib/consent/required-connectors";
import type { Prisma } from "@/lib/generated/prisma/client";

export type GrantProgress = {
  /** Sessions this grant completed, now READY. */
  ready: string[];
  /** Of those, the ones with a resume webhook to send (one ResumeDelivery row each). */
  deliveries: string[];
};

/**
 * Consent progress for a grant that is being committed; call it inside the grant's transaction.
 * Every pending, unexpired session of this user that lists the connector and now has all its
 * connectors connected becomes READY, and gets its one resume delivery if it has a resume URL.
 *
 * Two last grants committing at once (two tabs, two connectors) would each miss the other's
 * uncommitted connection and leave the session pending forever; so the sessions are locked first
 * (FOR UPDATE, in id order), which makes the later grant wait and then see the earlier one. The
 * READY transition is a conditional update that also checks expiry (S39), and the delivery row
 * is unique per session, so nothing can resume twice.
 */
export async function recordGrantForConsent(
  tx: Prisma.TransactionClient,
  input: { userId: string; connectorId: string; now: Date },
): Promise<GrantProgress> {
  const progress: GrantProgress = { ready: [], deliveries: [] };
  const candidates = await tx.consentSession.findMany({
    where: {
      userId: input.userId,
      status: "PENDING",
      expiresAt: { gt: input.now },
      connectorIds: { has: input.connectorId },
    },
    select: { id: true },
    orderBy: { id: "asc" },
  });

  for (const { id } of candidates) {
    await tx.$queryRaw`SELECT "id" FROM "ConsentSession" WHERE "id" = ${id} FOR UPDATE`;
    // Read again under the lock: an earlier grant may have finished this session meanwhile.
    const session = await tx.consentSession.findFirst({
      where: { id, status: "PENDING", expiresAt: { gt: input.now } },
    });
    if (!session) continue;
    const connectors = await requiredConnectors(tx, input.userId, session.connectorIds);
    const { connected, total } = progressOf(connectors);
    if (connected < total) continue;

    const { count } = await tx.consentSession.updateMany({
      where: { id, status: "PENDING", expiresAt: { gt: input.now } },
      data: { status: "READY", readyAt: input.now },
    });
    if (count !== 1) continue;
    progress.ready.push(id);
    if (session.resumeUrl) {
      const created = await tx.resumeDelivery.createMany({
        data: [{ consentSessionId: id, nextAttemptAt: input.now, createdAt: input.now }],
        skipDuplicates: true,
      });
      if (created.count === 1) progress.deliveries.push(id);
    }
    await recordAudit(
      {
        actor: { type: "user", id: input.userId },
        action: "consent.ready",
        target: `consent:${id}`,
        outcome: "success",
        details: { plugin: session.plugin, webhook: session.resumeUrl !== null },
      },
      tx,
    );
  }

  return progress;
}

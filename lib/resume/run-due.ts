import "server-only";
import { db } from "@/lib/db/client";
import { attemptResumeDelivery, type DeliveryResult } from "@/lib/resume/deliver";

export type DueRun = Record<DeliveryResult["status"], number>;

/**
 * Attempts every resume webhook that is due (or only those of `consentSessionIds`), a few at a
 * time. Safe to run on every instance at once: each attempt is sent by whoever wins its lease.
 */
export async function runDueResumeDeliveries(
  options: { now?: Date; limit?: number; concurrency?: number; consentSessionIds?: string[] } = {},
): Promise<DueRun> {
  const now = options.now ?? new Date();
  const due = await db().resumeDelivery.findMany({
    where: {
      status: "PENDING",
      nextAttemptAt: { lte: now },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
      ...(options.consentSessionIds ? { consentSessionId: { in: options.consentSessionIds } } : {}),
    },
    orderBy: { nextAttemptAt: "asc" },
    take: options.limit ?? 100,
    select: { id: true },
  });

  const tally: DueRun = { delivered: 0, retrying: 0, gave_up: 0, skipped: 0 };
  const queue = due.map((row) => row.id);
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const result = await attemptResumeDelivery(id, { now: options.now });
      tally[result.status] += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));

  return tally;
}

import "server-only";
import type { Actor } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { attemptRevocation, type AttemptResult } from "@/lib/revocations/attempt";

const JOB_ACTOR: Actor = { type: "system", name: "revocation retries" };

export type DueRun = Record<AttemptResult["status"], number>;

/**
 * Retries every remote revocation that is due, a few at a time so that a connector deleted with
 * a thousand grants does not flood its provider (SECURITY.md S38). Safe to run on every instance
 * at once: each row is sent by whoever wins its lease.
 */
export async function runDueRevocations(
  options: { now?: Date; limit?: number; concurrency?: number } = {},
): Promise<DueRun> {
  const now = options.now ?? new Date();
  const due = await db().pendingRevocation.findMany({
    where: {
      status: "PENDING",
      nextAttemptAt: { lte: now },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: options.limit ?? 200,
    select: { id: true },
  });

  const tally: DueRun = { revoked: 0, retrying: 0, gave_up: 0, skipped: 0 };
  const queue = due.map((row) => row.id);
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const result = await attemptRevocation(id, {
        actor: JOB_ACTOR,
        trigger: "job",
        dueBy: now,
        now: options.now,
      });
      tally[result.status] += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));

  return tally;
}

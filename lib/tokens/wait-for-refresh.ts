import "server-only";
import { db } from "@/lib/db/client";
import type { ConnectionRow } from "@/lib/tokens/connection-row";
import { refreshPolicy } from "@/lib/tokens/policy";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The columns that tell a waiter whether the holder is done: one small read per poll. */
const progressColumns = {
  version: true,
  status: true,
  failureCount: true,
  leaseUntil: true,
} as const;

/**
 * Polls a connection whose lease someone else holds, with short sleeps that grow, until the
 * holder has written something (version, status or failure count moved), the lease is free or
 * has run out, or `deadline` passes. Returns the row as it is then; null when it is gone.
 */
export async function waitForRefresh(
  seen: ConnectionRow,
  deadline: number,
): Promise<ConnectionRow | null> {
  const policy = refreshPolicy();
  let delay = policy.pollStartMs;
  for (;;) {
    await sleep(Math.min(delay * (0.8 + Math.random() * 0.4), Math.max(0, deadline - Date.now())));
    const progress = await db().connection.findUnique({
      where: { id: seen.id },
      select: progressColumns,
    });
    if (!progress) return null;
    const written =
      progress.version !== seen.version ||
      progress.status !== seen.status ||
      progress.failureCount !== seen.failureCount;
    const leaseOver = progress.leaseUntil === null || progress.leaseUntil.getTime() <= Date.now();
    if (written || leaseOver || Date.now() >= deadline) {
      const row = await db().connection.findUnique({ where: { id: seen.id } });
      return row && { ...row, connector: seen.connector };
    }
    delay = Math.min(delay * 1.5, policy.pollMaxMs);
  }
}

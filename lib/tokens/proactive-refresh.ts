import "server-only";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { toAppError } from "@/lib/errors";
import type { Job } from "@/lib/jobs/scheduler";
import { expiresWithin, type ConnectionRow } from "@/lib/tokens/connection-row";
import { refreshPolicy } from "@/lib/tokens/policy";
import { refreshConnection } from "@/lib/tokens/refresh-connection";

const DAY_MS = 24 * 3600_000;

export type ProactiveOptions = {
  now?: Date;
  windowMs?: number;
  batchSize?: number;
  concurrency?: number;
};

export type ProactiveSummary = {
  refreshed: number;
  current: number;
  skipped: number;
  failed: number;
};

/** Due for the job: expiring within the window, or idle past the connector's idle limit (R8). */
export function isDueProactively(row: ConnectionRow, now: Date, windowMs: number): boolean {
  if (!row.refreshTokenEnc) return false;
  if (expiresWithin(row, now, windowMs)) return true;
  const days = row.connector.idleRefreshDays;
  const lastTouch = row.lastRefreshAt ?? row.connectedAt;

  return days !== null && now.getTime() - lastTouch.getTime() >= days * DAY_MS;
}

/**
 * One run of the proactive refresh job: a bounded batch of due connections, refreshed a few at a
 * time through the same lease as token callers, so several instances running it at once still
 * make one provider call per connection. Rows leased elsewhere are skipped, not waited for, and a
 * failure never stops the batch; transient ones leave the grant ACTIVE for the next run.
 */
export async function refreshDueConnections(
  options: ProactiveOptions = {},
): Promise<ProactiveSummary> {
  const now = options.now ?? new Date();
  const windowMs = options.windowMs ?? refreshPolicy().proactiveWindowMs;
  const ids = await dueConnectionIds(now, windowMs, options.batchSize ?? 100);
  const summary: ProactiveSummary = { refreshed: 0, current: 0, skipped: 0, failed: 0 };

  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      try {
        const outcome = await refreshConnection(id, {
          isDue: (row) => isDueProactively(row, now, windowMs),
          wait: false,
          deadline: Date.now() + refreshPolicy().leaseTtlMs,
        });
        summary[outcome.status] += 1;
      } catch (error) {
        summary.failed += 1;
        log.debug("job.token-refresh.connection_failed", {
          connectionId: id,
          code: toAppError(error).code,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));

  return summary;
}

async function dueConnectionIds(now: Date, windowMs: number, batchSize: number) {
  const ready = {
    status: "ACTIVE" as const,
    refreshTokenEnc: { not: null },
    connector: { deletedAt: null },
    OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
  };
  const expiring = await db().connection.findMany({
    where: { ...ready, expiresAt: { lte: new Date(now.getTime() + windowMs) } },
    orderBy: { expiresAt: "asc" },
    take: batchSize,
    select: { id: true },
  });

  const idleConnectors = await db().connector.findMany({
    where: { deletedAt: null, idleRefreshDays: { not: null } },
    select: { id: true, idleRefreshDays: true },
  });
  const idle = [];
  for (const connector of idleConnectors) {
    if (expiring.length + idle.length >= batchSize) break;
    const cutoff = new Date(now.getTime() - connector.idleRefreshDays! * DAY_MS);
    idle.push(
      ...(await db().connection.findMany({
        where: {
          ...ready,
          connectorId: connector.id,
          AND: {
            OR: [
              { lastRefreshAt: { lte: cutoff } },
              { lastRefreshAt: null, connectedAt: { lte: cutoff } },
            ],
          },
        },
        take: batchSize - expiring.length - idle.length,
        select: { id: true },
      })),
    );
  }

  return [...new Set([...expiring, ...idle].map((row) => row.id))];
}

/** The background job, registered in lib/jobs/start.ts. */
export const tokenRefreshJob: Job = {
  name: "token-refresh",
  everyMs: 60_000,
  run: () => refreshDueConnections(),
};

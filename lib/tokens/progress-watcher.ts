import "server-only";
import { db } from "@/lib/db/client";
import type { Connection } from "@/lib/generated/prisma/client";
import { refreshPolicy } from "@/lib/tokens/policy";

export type Progress = Connection;

type Watch = {
  seen: Pick<Connection, "version" | "status" | "failureCount">;
  deadline: number;
  resolve(progress: Progress | null): void;
  reject(error: unknown): void;
};

const CHUNK = 500;

// One loop per process polls every connection someone here is waiting on, in one query per tick,
// so a storm over many grants costs one read per tick instead of one per waiter, and a waiter
// gets the row it needs from that read. Kept on globalThis because `next start` evaluates
// modules in more than one bundle.
const state = ((globalThis as unknown as { __latchkeyWatches?: WatcherState }).__latchkeyWatches ??=
  { watches: new Map(), timer: null, delay: 0 });

type WatcherState = {
  watches: Map<string, Watch[]>;
  timer: NodeJS.Timeout | null;
  delay: number;
};

/**
 * Resolves when the row's version, status or failure count differ from `seen`, its lease is free
 * or has run out, or `deadline` passes; with the row as read then, or null when it is gone.
 */
export function watchProgress(id: string, seen: Watch["seen"], deadline: number) {
  return new Promise<Progress | null>((resolve, reject) => {
    const list = state.watches.get(id) ?? [];
    list.push({ seen, deadline, resolve, reject });
    state.watches.set(id, list);
    state.delay = refreshPolicy().pollStartMs;
    state.timer ??= setTimeout(tick, state.delay);
  });
}

function settled(watch: Watch, progress: Progress | undefined, now: number): boolean {
  if (!progress) return true;
  const written =
    progress.version !== watch.seen.version ||
    progress.status !== watch.seen.status ||
    progress.failureCount !== watch.seen.failureCount;
  const leaseOver = progress.leaseUntil === null || progress.leaseUntil.getTime() <= now;

  return written || leaseOver || now >= watch.deadline;
}

async function tick(): Promise<void> {
  // Only the watches present when a read starts are judged by it: a watch added meanwhile may
  // have seen a newer row than the read returns.
  const batch = [...state.watches].map(([id, list]) => [id, [...list]] as const);
  let resolved = 0;
  for (let start = 0; start < batch.length; start += CHUNK) {
    const chunk = batch.slice(start, start + CHUNK);
    let rows: Progress[];
    try {
      rows = await db().connection.findMany({ where: { id: { in: chunk.map(([id]) => id) } } });
    } catch (error) {
      // Retried on the next tick; watches past their deadline get the error instead.
      for (const [id, watches] of chunk) {
        for (const watch of watches.filter((entry) => Date.now() >= entry.deadline)) {
          forget(id, watch);
          watch.reject(error);
        }
      }
      continue;
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    const now = Date.now();
    for (const [id, watches] of chunk) {
      const progress = byId.get(id);
      for (const watch of watches.filter((entry) => settled(entry, progress, now))) {
        forget(id, watch);
        watch.resolve(progress ?? null);
        resolved += 1;
      }
    }
  }

  const policy = refreshPolicy();
  state.delay = resolved > 0 ? policy.pollStartMs : Math.min(state.delay * 1.5, policy.pollMaxMs);
  state.timer = state.watches.size > 0 ? setTimeout(tick, state.delay) : null;
}

function forget(id: string, watch: Watch): void {
  const left = (state.watches.get(id) ?? []).filter((entry: Watch) => entry !== watch);
  if (left.length > 0) state.watches.set(id, left);
  else state.watches.delete(id);
}

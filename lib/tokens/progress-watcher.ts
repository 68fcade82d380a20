import "server-only";
import { db } from "@/lib/db/client";
import type { Connection } from "@/lib/generated/prisma/client";
import { refreshPolicy } from "@/lib/tokens/policy";

export type Progress = Connection;

type Watch = {
  seen: Pick<Connection, "version" | "status" | "failureCount">;
  deadline: number;
  resolve(progress: Progress | null): void;
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
  return new Promise<Progress | null>((resolve) => {
    const list = state.watches.get(id) ?? [];
    list.push({ seen, deadline, resolve });
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
  const ids = [...state.watches.keys()];
  let resolved = 0;
  try {
    for (let start = 0; start < ids.length; start += CHUNK) {
      const rows = await db().connection.findMany({
        where: { id: { in: ids.slice(start, start + CHUNK) } },
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      const now = Date.now();
      for (const id of ids.slice(start, start + CHUNK)) {
        const progress = byId.get(id);
        const waiting = (state.watches.get(id) ?? []).filter((watch: Watch) => {
          if (!settled(watch, progress, now)) return true;
          watch.resolve(progress ?? null);
          resolved += 1;
          return false;
        });
        if (waiting.length > 0) state.watches.set(id, waiting);
        else state.watches.delete(id);
      }
    }
  } catch {
    // A failed read is retried on the next tick; the waiters' deadlines still bound them.
  }

  const policy = refreshPolicy();
  state.delay = resolved > 0 ? policy.pollStartMs : Math.min(state.delay * 1.5, policy.pollMaxMs);
  state.timer = state.watches.size > 0 ? setTimeout(tick, state.delay) : null;
}

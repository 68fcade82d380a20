import "server-only";
import { loadConnection, type ConnectionRow } from "@/lib/tokens/connection-row";
import { refreshPolicy } from "@/lib/tokens/policy";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls a connection whose lease someone else holds, with short sleeps that grow, until the
 * holder has written something (version, status or failure count moved), the lease is free or
 * has run out, or `deadline` passes. Returns the last row read; null when the row is gone.
 */
export async function waitForRefresh(
  seen: ConnectionRow,
  deadline: number,
): Promise<ConnectionRow | null> {
  const policy = refreshPolicy();
  let delay = policy.pollStartMs;
  for (;;) {
    await sleep(Math.min(delay * (0.8 + Math.random() * 0.4), Math.max(0, deadline - Date.now())));
    const row = await loadConnection(seen.id);
    if (!row) return null;
    const written =
      row.version !== seen.version ||
      row.status !== seen.status ||
      row.failureCount !== seen.failureCount;
    const leaseOver = row.leaseUntil === null || row.leaseUntil.getTime() <= Date.now();
    if (written || leaseOver || Date.now() >= deadline) return row;
    delay = Math.min(delay * 1.5, policy.pollMaxMs);
  }
}

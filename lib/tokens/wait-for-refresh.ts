import "server-only";
import type { ConnectionRow } from "@/lib/tokens/connection-row";
import { watchProgress } from "@/lib/tokens/progress-watcher";

/**
 * Waits while someone else holds a connection's lease: until the holder has written something
 * (version, status or failure count moved), the lease is free or has run out, or `deadline`
 * passes. Returns the row as it is then; null when it is gone.
 */
export async function waitForRefresh(
  seen: ConnectionRow,
  deadline: number,
): Promise<ConnectionRow | null> {
  const row = await watchProgress(seen.id, seen, deadline);

  return row && { ...row, connector: seen.connector };
}

import "server-only";
import { db } from "@/lib/db/client";

export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Records that a key was used, at most once a minute per key: the condition sits in the update
 * itself, so concurrent requests on several instances still write once per minute.
 */
export async function touchLastUsed(
  client: { id: string; lastUsedAt: Date | null },
  now = new Date(),
): Promise<void> {
  const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (client.lastUsedAt && client.lastUsedAt > cutoff) return;

  await db().apiClient.updateMany({
    where: { id: client.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: cutoff } }] },
    data: { lastUsedAt: now },
  });
}

import "server-only";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Revokes a key at once: the next request with it gets the same 401 as a wrong key. Revoking a
 * key that is already revoked changes nothing and records nothing.
 */
export async function revokeApiClient(
  id: string,
  actor: Actor,
  now = new Date(),
): Promise<{ revoked: boolean }> {
  return db().$transaction(async (tx) => {
    const client = await tx.apiClient.findUnique({
      where: { id },
      select: { id: true, name: true, keyPrefix: true, revokedAt: true },
    });
    if (!client) throw new AppError("not_found", `api client ${id} not found`, "No such API key.");

    const { count } = await tx.apiClient.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 0) return { revoked: false };

    await recordAudit(
      {
        actor,
        action: "api_key.revoked",
        target: `api_client:${id}`,
        outcome: "success",
        details: { name: client.name, keyPrefix: client.keyPrefix },
      },
      tx,
    );

    return { revoked: true };
  });
}

import "server-only";
import type { Actor } from "@/lib/audit/record";
import { removeGrant } from "@/lib/connections/remove-grant";
import { db } from "@/lib/db/client";
import type { RemoteRevocation } from "@/lib/oauth/revoke";

export type AdminRevokeResult =
  | { status: "disconnected"; connector: string; remote: RemoteRevocation }
  | { status: "not_connected" };

/**
 * An admin removes someone's grant by its id: the same local-first path as the owner's own
 * Revoke, audited with the admin as the actor. Callers check the admin role themselves.
 */
export async function revokeConnectionAsAdmin(
  connectionId: string,
  admin: Actor,
): Promise<AdminRevokeResult> {
  const connection = await db().connection.findUnique({
    where: { id: connectionId },
    select: { id: true, userId: true, connector: true },
  });
  if (!connection) return { status: "not_connected" };

  const removed = await removeGrant(
    { userId: connection.userId, connectionId: connection.id },
    connection.connector,
    admin,
  );
  if (!removed) return { status: "not_connected" };

  return { status: "disconnected", connector: connection.connector.name, remote: removed.remote };
}

import "server-only";
import type { Actor } from "@/lib/audit/record";
import { removeGrant } from "@/lib/connections/remove-grant";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { RemoteRevocation } from "@/lib/oauth/revoke";

export type DisconnectResult =
  | {
      status: "disconnected";
      connector: string;
      remote: RemoteRevocation;
      revocationId: string | null;
    }
  | { status: "not_connected"; connector: string };

type Caller = { id: string; email?: string | null };

/**
 * Removes the caller's own grant for a connector (by id or name), local first (see removeGrant);
 * every query is scoped to the caller's user id (S21).
 */
export async function disconnect(user: Caller, connectorRef: string): Promise<DisconnectResult> {
  const connector = await db().connector.findFirst({
    where: { OR: [{ id: connectorRef }, { name: connectorRef }] },
  });
  if (!connector) {
    throw new AppError("not_found", "connector does not exist", "This connector does not exist.");
  }

  const actor: Actor = { type: "user", id: user.id, name: user.email };
  const removed = await removeGrant({ userId: user.id }, connector, actor);
  // A second click or tab got there first; that one also asks the provider.
  if (!removed) return { status: "not_connected", connector: connector.name };

  return { status: "disconnected", connector: connector.name, ...removed };
}

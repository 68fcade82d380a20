import "server-only";
import { recordAudit, type Actor } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Connection } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { revokeAtProvider, type HeldTokens, type RemoteRevocation } from "@/lib/oauth/revoke";
import { aad, open } from "@/lib/vault";

export type DisconnectResult =
  | { status: "disconnected"; connector: string; remote: RemoteRevocation }
  | { status: "not_connected"; connector: string };

type Caller = { id: string; email?: string | null };

/**
 * Removes the caller's own grant for a connector (by id or name). The local row goes first, in one
 * transaction with its audit event, whatever the provider says afterwards (SECURITY.md S36); every
 * query is scoped to the caller's user id (S21).
 */
export async function disconnect(user: Caller, connectorRef: string): Promise<DisconnectResult> {
  const connector = await db().connector.findFirst({
    where: { OR: [{ id: connectorRef }, { name: connectorRef }] },
  });
  if (!connector) {
    throw new AppError("not_found", "connector does not exist", "This connector does not exist.");
  }
  const connection = await db().connection.findUnique({
    where: { userId_connectorId: { userId: user.id, connectorId: connector.id } },
  });
  if (!connection) return { status: "not_connected", connector: connector.name };

  const tokens = heldTokens(connection);
  const actor: Actor = { type: "user", id: user.id, name: user.email };
  const target = `connector:${connector.name}`;
  const deleted = await db().$transaction(async (tx) => {
    const { count } = await tx.connection.deleteMany({
      where: { id: connection.id, userId: user.id },
    });
    if (count === 1) {
      await recordAudit(
        { actor, action: "connection.revoked", target, outcome: "success", details: {} },
        tx,
      );
    }
    return count;
  });
  // A second click or tab got there first; that one also asks the provider.
  if (deleted === 0) return { status: "not_connected", connector: connector.name };

  const remote = await revokeAtProvider(connector, tokens);
  await recordAudit({
    actor,
    action: "connection.remote_revocation",
    target,
    outcome: remote === "revoked" ? "success" : "failure",
    details: { remote },
  });
  log.info("connection.revoked", { userId: user.id, connectorId: connector.id, remote });

  return { status: "disconnected", connector: connector.name, remote };
}

/** Tokens that fail to decrypt are still deleted locally; only the remote call is skipped. */
function heldTokens(connection: Connection): HeldTokens {
  const { userId, connectorId } = connection;

  return {
    accessToken: tryOpen(connection.accessTokenEnc, aad.accessToken(userId, connectorId)),
    refreshToken: connection.refreshTokenEnc
      ? tryOpen(connection.refreshTokenEnc, aad.refreshToken(userId, connectorId))
      : null,
  };
}

function tryOpen(ciphertext: string, where: string): string | null {
  try {
    return open(ciphertext, where);
  } catch (error) {
    log.warn("connection.revoke.decrypt_failed", { error });
    return null;
  }
}

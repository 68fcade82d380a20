import "server-only";
import type { Connection } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import type { HeldTokens } from "@/lib/oauth/revoke";
import { aad, open } from "@/lib/vault";

/**
 * A grant's tokens in plaintext, for revoking them. One that fails to decrypt is null: the grant
 * is still deleted locally, only the remote call for that token is skipped.
 */
export function heldTokens(connection: Connection): HeldTokens {
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

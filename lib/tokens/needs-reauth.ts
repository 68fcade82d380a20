import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { ConnectionRow } from "@/lib/tokens/connection-row";

/** Why a connection needs the user to reconnect, in plain words (shown on /connections). */
export const REAUTH_REASONS = {
  invalid_grant: "The provider no longer accepts this grant (invalid_grant).",
  invalid_client:
    "The provider rejected this connector's client credentials (invalid_client); " +
    "an administrator may need to update them.",
  unauthorized_client:
    "The provider no longer lets this client refresh tokens (unauthorized_client).",
  unreadable: "The stored credentials could not be read.",
  expired: "The access token expired and the provider gave no refresh token.",
} as const;

export type ReauthCause = keyof typeof REAUTH_REASONS;

export function needsReauthError(
  row: Pick<ConnectionRow, "reauthReason"> & { connector: { displayName: string } },
  reason = row.reauthReason ?? REAUTH_REASONS.invalid_grant,
): AppError {
  return new AppError(
    "needs_reauth",
    `connection needs reconnecting: ${reason}`,
    `Reconnect ${row.connector.displayName}: ${reason}`,
  );
}

/**
 * Marks the connection NEEDS_REAUTH with its reason and one audit event, in one transaction, and
 * only if the row is still the one the caller read (version, and the lease when one is held): a
 * grant that was replaced or refreshed meanwhile is left alone, and the event is written once.
 * The version moves on so that a refresh still in flight elsewhere cannot write over the mark.
 */
export async function markNeedsReauth(
  row: ConnectionRow,
  cause: ReauthCause,
  detail: { lastError: string; leaseOwner?: string },
): Promise<AppError> {
  const reason = REAUTH_REASONS[cause];
  const marked = await db().$transaction(async (tx) => {
    const { count } = await tx.connection.updateMany({
      where: {
        id: row.id,
        version: row.version,
        status: "ACTIVE",
        ...(detail.leaseOwner ? { leaseOwner: detail.leaseOwner } : {}),
      },
      data: {
        status: "NEEDS_REAUTH",
        reauthReason: reason,
        lastError: detail.lastError,
        lastRefreshOk: false,
        failureCount: { increment: 1 },
        version: { increment: 1 },
        leaseUntil: null,
        leaseOwner: null,
      },
    });
    if (count === 1) {
      await recordAudit(
        {
          actor: { type: "system", name: "token refresh" },
          action: "connection.needs_reauth",
          target: `connector:${row.connector.name}`,
          outcome: "failure",
          details: {
            connectionId: row.id,
            userId: row.userId,
            connectorId: row.connectorId,
            cause,
            reason,
          },
        },
        tx,
      );
    }
    return count === 1;
  });

  if (marked) {
    log.warn("connection.needs_reauth", {
      connectionId: row.id,
      connectorId: row.connectorId,
      userId: row.userId,
      cause,
    });
  }

  return needsReauthError(row, reason);
}

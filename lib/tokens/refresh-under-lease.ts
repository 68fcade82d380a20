import "server-only";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { parseScopes } from "@/lib/oauth/scopes";
import type { AccessToken } from "@/lib/tokens/access-token";
import { commitRefresh, recordRefreshFailure } from "@/lib/tokens/commit-refresh";
import { loadConnection, type ConnectionRow } from "@/lib/tokens/connection-row";
import { describeFailure, type RefreshFailure } from "@/lib/tokens/failure";
import { faultPoint } from "@/lib/tokens/fault";
import { releaseLease } from "@/lib/tokens/lease";
import { markNeedsReauth, type ReauthCause } from "@/lib/tokens/needs-reauth";
import { refreshPolicy } from "@/lib/tokens/policy";
import { requestRefresh } from "@/lib/tokens/refresh-request";
import type { RefreshMode } from "@/lib/tokens/refresh-connection";
import { withRetries } from "@/lib/tokens/retry";
import { openRefreshToken } from "@/lib/tokens/sealed-tokens";

type Outcome =
  { status: "current"; row: ConnectionRow } | { status: "refreshed"; token: AccessToken } | "retry";

/**
 * The lease holder's work, on the row as read right after taking the lease (a refresh committed
 * by someone else just before shows up there). The commit is the first thing done with the
 * provider's answer (S35), and every write is guarded by the lease, so a holder that lost it
 * writes nothing.
 */
export async function refreshUnderLease(
  row: ConnectionRow,
  owner: string,
  { isDue, markUsed }: Pick<RefreshMode, "isDue" | "markUsed">,
): Promise<Outcome> {
  const now = new Date();
  if (!row.refreshTokenEnc && isDue(row, now) && row.expiresAt && row.expiresAt <= now) {
    throw await markNeedsReauth(row, "expired", { lastError: "expired", leaseOwner: owner });
  }
  if (!row.refreshTokenEnc || !isDue(row, now)) {
    // Nothing to do: refreshed by someone else meanwhile, or still usable without a refresh token.
    await releaseLease(row.id, owner);
    return { status: "current", row };
  }

  let refreshToken: string;
  try {
    refreshToken = openRefreshToken({ ...row, refreshTokenEnc: row.refreshTokenEnc });
  } catch (error) {
    if (!isAppError(error) || error.code !== "decrypt_failed") throw error;
    const lastError = "decrypt_failed: refresh token";
    throw await markNeedsReauth(row, "unreadable", { lastError, leaseOwner: owner });
  }

  const deadline = Date.now() + refreshPolicy().refreshBudgetMs;
  const scopes = parseScopes(row.grantedScopes);
  const result = await withRetries(
    (timeoutMs) => requestRefresh(row.connector, refreshToken, scopes, timeoutMs),
    deadline,
  );
  if (!result.ok) return failed(row, owner, result.failure);

  faultPoint("after-refresh-response");
  const tokens = result.value;
  if (!(await commitRefresh(row, owner, tokens, { usedAt: markUsed ? new Date() : null }))) {
    // The grant was replaced or removed while we refreshed (S38): its new state wins.
    log.warn("connection.refresh.discarded", {
      connectionId: row.id,
      connectorId: row.connectorId,
    });
    return "retry";
  }
  log.info("connection.refreshed", { connectionId: row.id, connectorId: row.connectorId });

  return {
    status: "refreshed",
    token: { accessToken: tokens.accessToken, tokenType: "Bearer", expiresAt: tokens.expiresAt },
  };
}

async function failed(
  row: ConnectionRow,
  owner: string,
  failure: RefreshFailure,
): Promise<Outcome> {
  const context = {
    connectionId: row.id,
    connectorId: row.connectorId,
    failure: failure.kind,
    reason: failure.error.message,
  };
  if (failure.kind !== "reauth") {
    await recordRefreshFailure(row, owner, failure.error);
    log.warn("connection.refresh.failed", context);
    throw failure.error;
  }

  // invalid_grant may only mean someone else rotated the token under us: then theirs is good.
  const latest = await loadConnection(row.id);
  if (
    !latest ||
    latest.version !== row.version ||
    latest.refreshTokenEnc !== row.refreshTokenEnc ||
    latest.leaseOwner !== owner
  ) {
    await releaseLease(row.id, owner);
    log.info("connection.refresh.superseded", context);
    return "retry";
  }

  const cause = (failure.oauthError ?? "invalid_grant") as ReauthCause;
  throw await markNeedsReauth(row, cause, {
    lastError: describeFailure(failure.error),
    leaseOwner: owner,
  });
}

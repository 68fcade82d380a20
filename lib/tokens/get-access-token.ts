import "server-only";
import { db } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors";
import { accessTokenFromRow, type AccessToken } from "@/lib/tokens/access-token";
import { expiresWithin, findUserConnection, type ConnectionRow } from "@/lib/tokens/connection-row";
import { needsReauthError } from "@/lib/tokens/needs-reauth";
import { refreshPolicy } from "@/lib/tokens/policy";
import { refreshConnection } from "@/lib/tokens/refresh-connection";
import { singleFlight } from "@/lib/tokens/single-flight";

export type { AccessToken } from "@/lib/tokens/access-token";

const needsRefresh = (row: ConnectionRow, now: Date) =>
  expiresWithin(row, now, refreshPolicy().safetyMarginMs);

// A token this close to its expiry is not handed out when its refresh failed.
const STILL_USABLE_MS = 30_000;

const isTransient = (error: unknown) =>
  isAppError(error) && (error.code === "provider_unavailable" || error.code === "provider_timeout");

/**
 * A usable access token for the user's grant on a connector (by id or name). A token valid beyond
 * the safety margin is only decrypted; otherwise one caller per connection refreshes, across
 * processes (SECURITY.md S32-S34), and the others get its result. When that refresh fails
 * transiently, a token still valid for more than 30 s is returned instead. Throws AppError:
 * `not_found`, `needs_reauth` (the user must reconnect), `provider_unavailable` or
 * `provider_timeout` (the grant is kept; try again later), `provider_bad_response`,
 * `provider_rejected`, `config_invalid`.
 */
export async function getAccessToken(userId: string, connectorRef: string): Promise<AccessToken> {
  // Concurrent callers for one grant share one read as well as one refresh.
  const row = await singleFlight(`read:${userId}:${connectorRef}`, () =>
    findUserConnection(userId, connectorRef),
  );
  if (!row) {
    throw new AppError(
      "not_found",
      "no connection for this user and connector",
      "You have not connected this app yet.",
    );
  }
  if (row.status !== "ACTIVE") throw needsReauthError(row);

  const now = new Date();
  if (!needsRefresh(row, now)) {
    const token = await accessTokenFromRow(row);
    await touch(row, now);
    return token;
  }

  const outcome = await singleFlight(row.id, () =>
    refreshConnection(
      row.id,
      {
        isDue: needsRefresh,
        wait: true,
        deadline: Date.now() + refreshPolicy().waitBudgetMs,
        markUsed: true,
      },
      row,
    ),
  ).catch((error: unknown) => {
    // A provider outage inside the margin need not fail callers while the token still works.
    if (!isTransient(error) || expiresWithin(row, new Date(), STILL_USABLE_MS)) throw error;
    return { status: "current" as const, row };
  });
  if (outcome.status === "skipped") throw new Error("a waiting refresh never skips");
  // A refresh made here has recorded the use already; a row read afterwards says if one did.
  if (outcome.status === "refreshed") return outcome.token;
  const token = await accessTokenFromRow(outcome.row);
  await touch(outcome.row, now);

  return token;
}

const touched = new Map<string, number>();

/** lastUsedAt at a resolution of a minute: at most one write per connection and minute. */
async function touch(row: ConnectionRow, now: Date): Promise<void> {
  const resolution = refreshPolicy().lastUsedResolutionMs;
  const stale = now.getTime() - resolution;
  if ((row.lastUsedAt?.getTime() ?? 0) > stale || (touched.get(row.id) ?? 0) > stale) return;
  touched.set(row.id, now.getTime());
  if (touched.size > 10_000) touched.clear();

  await db().connection.updateMany({
    where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(stale) } }] },
    data: { lastUsedAt: now },
  });
}

import "server-only";
import { db } from "@/lib/db/client";
import type { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { GrantTokens } from "@/lib/oauth/token-response";
import type { ConnectionRow } from "@/lib/tokens/connection-row";
import { describeFailure } from "@/lib/tokens/failure";
import { sealAccessToken, sealRefreshToken } from "@/lib/tokens/sealed-tokens";

const MAX_EXTRAS = 20;

/**
 * Writes a refresh result (SECURITY.md S33) in one UPDATE, spelled out in SQL so that it visibly
 * is one statement, guarded by the version read under the lease and by the lease itself: access
 * token, refresh token (the stored one when the answer has none), expiry (never the old one),
 * extras merged into the stored ones, and the lease released. False when the row was replaced,
 * deleted or taken over meanwhile: nothing is written then.
 */
export async function commitRefresh(
  row: ConnectionRow,
  leaseOwner: string,
  tokens: GrantTokens,
  { usedAt, now = new Date() }: { usedAt: Date | null; now?: Date },
): Promise<boolean> {
  const accessTokenEnc = sealAccessToken(row, tokens.accessToken);
  const refreshTokenEnc = tokens.refreshToken
    ? sealRefreshToken(row, tokens.refreshToken)
    : row.refreshTokenEnc;
  const extras = JSON.stringify(mergeExtras(row.extras, tokens.extras));
  const count = await db().$executeRaw`
    UPDATE "Connection" SET
      "accessTokenEnc" = ${accessTokenEnc},
      "refreshTokenEnc" = ${refreshTokenEnc},
      "tokenType" = ${tokens.tokenType},
      "expiresAt" = ${tokens.expiresAt},
      "grantedScopes" = ${tokens.grantedScopes.join(" ")},
      "extras" = ${extras}::jsonb,
      "version" = "version" + 1,
      "leaseUntil" = NULL,
      "leaseOwner" = NULL,
      "lastRefreshAt" = ${now},
      "lastUsedAt" = ${usedAt ?? row.lastUsedAt},
      "lastRefreshOk" = true,
      "lastError" = NULL,
      "failureCount" = 0,
      "updatedAt" = ${now}
    WHERE "id" = ${row.id} AND "version" = ${row.version} AND "leaseOwner" = ${leaseOwner}`;

  return count === 1;
}

function mergeExtras(stored: Prisma.JsonValue, fresh: GrantTokens["extras"]) {
  const base = stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
  const merged = Object.entries({ ...base, ...fresh }).slice(0, MAX_EXTRAS);

  return Object.fromEntries(merged);
}

/** Records a failed refresh that keeps the grant: tokens untouched, lease released. */
export async function recordRefreshFailure(
  row: ConnectionRow,
  leaseOwner: string,
  error: AppError,
): Promise<void> {
  await db().connection.updateMany({
    where: { id: row.id, leaseOwner },
    data: {
      lastRefreshOk: false,
      lastError: describeFailure(error),
      failureCount: { increment: 1 },
      leaseUntil: null,
      leaseOwner: null,
    },
  });
}
